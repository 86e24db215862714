"""Readers, one per source kind: plain text, PDF, saved HTML page.

:func:`read_source` picks the reader from the file's content (magic bytes), falling back to its
extension, and records the file's SHA-256 so a record says exactly which bytes it came from.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from ..errors import InputError
from .base import LineBox, Noise, Page, SourceText
from .record import read_bytes, read_record
from .text import read_text

__all__ = ["LineBox", "Noise", "Page", "SourceText", "detect_kind", "read_bytes", "read_record", "read_source"]


def detect_kind(path: Path, head: bytes) -> str:
    """``"pdf"``, ``"html"`` or ``"text"`` from the first bytes, then the extension."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    sniff = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in sniff[:512]:
        return "html"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return "html"
    return "text"


def read_source(path: str | Path) -> SourceText:
    """Read any supported source; raise :class:`InputError` with a one-line reason when it cannot."""
    p = Path(path)
    data = read_bytes(p, str(path))
    if not data:
        raise InputError(str(path), "file is empty")
    kind = detect_kind(p, data[:4096])
    if kind == "pdf":
        from .pdf import read_pdf

        src = read_pdf(p)
    elif kind == "html":
        from .html import read_html

        src = read_html(p, data)
    else:
        src = read_text(p, data)
    return dataclasses.replace(src, sha256=hashlib.sha256(data).hexdigest())
