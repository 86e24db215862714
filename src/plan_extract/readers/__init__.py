"""Readers, one per source kind: plain text, PDF, saved HTML page.

:func:`read_source` picks the reader from the file's content (magic bytes), falling back to its
extension, and records the file's SHA-256 so a record says exactly which bytes it came from.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from html import escape
from pathlib import Path

import regex

from ..errors import InputError
from .base import LineBox, Noise, Page, SourceText
from .record import read_bytes, read_record
from .text import decode_bytes, read_text

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


#: Formats government documents also come in that no reader here reads, by their first bytes: said
#: by name, with what to do, instead of "looks like a binary file".
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_ZIPPED = (("word/", "a Word document (.docx)"), ("OFD.xml", "an OFD document (.ofd)"), ("xl/", "an Excel workbook"))
_CONVERT = "save it as PDF or plain text first"


def unsupported_format(data: bytes) -> str | None:
    """Why ``data`` is a kind of file no reader here reads (Word, WPS, OFD, an image), or None.

    Chinese government documents are also published as .doc/.docx, WPS and OFD (the national
    fixed-layout format) files, and scanned pages as images; each is refused by name with what to do.
    """
    if data.startswith(_OLE):
        return f"is a Word 97-2003 (.doc), WPS or other Office file, which is not read: {_CONVERT}"
    for magic, name in _IMAGES:
        if data.startswith(magic):
            return f"is a {name} image; its text needs OCR first"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            names = []
        for marker, what in _ZIPPED:
            if any(n == marker or n.startswith(marker) or n.endswith("/" + marker) for n in names):
                return f"is {what}, which is not read: {_CONVERT}"
        return "is a ZIP archive: extract the documents in it first"
    if data.startswith(b"{\\rtf"):
        return f"is an RTF document, which is not read: {_CONVERT}"
    return None


def read_source(path: str | Path) -> SourceText:
    """Read any supported source; raise :class:`InputError` with a one-line reason when it cannot."""
    p = Path(path)
    data = read_bytes(p, str(path))
    if not data:
        raise InputError(str(path), "file is empty")
    problem = unsupported_format(data)
    if problem:
        raise InputError(str(path), problem)
    kind = detect_kind(p, data[:4096])
    if kind == "pdf":
        from .pdf import read_pdf

        src = read_pdf(p)
    elif kind == "html":
        from .html import read_html

        src = read_html(p, data)
    else:
        page = markup_in_text(str(path), data)
        if page is not None:
            from .html import read_html

            src = dataclasses.replace(read_html(p, page[0]), encoding=page[1])
        else:
            src = read_text(p, data)
    return dataclasses.replace(src, sha256=hashlib.sha256(data).hexdigest())


#: Block tags in a text: a page's markup saved as text.
_BLOCK_TAGS = regex.compile(r"</p>|<br\s*/?>|</div>", regex.IGNORECASE)
_TAG = regex.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
#: Fewest block tags that make a text a page's markup.
MARKUP_TAGS = 3


def markup_in_text(path: str, data: bytes) -> tuple[bytes, str] | None:
    """A text file that holds a page's HTML markup, as a page the HTML reader reads (and the text's
    encoding); None for plain text.

    Defect: a mirror may print its source's markup as text (山西 2018 on a mirror: 文号 :晋政发〔2018〕13号 ⏎
    <p>各市、县人民政府,…:</p><p style="text-align: right;"> 山西省人民政府</p>…).  Read as text, the
    tags stayed in the plan's preamble and no heading opened a line: no structure was found.  The
    lines without a tag (the mirror's own fields above the markup) are each a paragraph of the page."""
    text, encoding = decode_bytes(path, data)
    if len(_BLOCK_TAGS.findall(text, 0, 65536)) < MARKUP_TAGS:
        return None
    lines = [line if _TAG.search(line) else f"<p>{escape(line)}</p>" for line in text.replace("\r\n", "\n").split("\n")]
    return ('<meta charset="utf-8">\n' + "\n".join(lines)).encode("utf-8"), encoding
