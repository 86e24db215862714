"""Plain-text sources: detect the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK),
never assume it, and refuse what is not text.

Why detection and not a default: government sites still serve GBK pages, and a GBK file read as
UTF-8 with ``errors="replace"`` silently turns every character into U+FFFD -- the output looks like
data and is garbage.  So each candidate is decoded *strictly*; the first that decodes wins, and a
file no candidate decodes is an :class:`~plan_extract.errors.InputError`.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from .base import SourceText
from .record import read_bytes

#: Bytes that never occur in text in any of the encodings we accept (C0 controls except TAB/LF/CR/FF).
_BINARY_BYTES = frozenset(range(0x00, 0x09)) | frozenset({0x0B, 0x0E, 0x0F}) | frozenset(range(0x10, 0x1B))


def decode_bytes(path: str, data: bytes) -> tuple[str, str]:
    """Decode ``data`` strictly and return ``(text, encoding)``; raise InputError when it is not text."""
    if not data:
        raise InputError(path, "file is empty")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                decoded = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"starts with a {enc} byte-order mark but does not decode: {exc.reason}"
                ) from None
            if not _plausible(decoded.lstrip("\ufeff")):
                raise InputError(path, f"starts with a {enc} byte-order mark but does not decode to readable text")
            return _check_text(path, decoded), enc
    sample = data[:65536]
    binary = sum(1 for b in sample if b in _BINARY_BYTES)
    if b"\x00" in sample or binary > max(2, len(sample) // 1000):
        raise InputError(path, "looks like a binary file, not text")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and not _plausible_gb18030(text):
            break
        return _check_text(path, text), enc
    raise InputError(path, "cannot decode as UTF-8 or GB18030/GBK text")


def _plausible_gb18030(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only when the result reads like Chinese.

    A Latin-1 file "decodes" as GB18030 into rare ideographs (German ``Ästhetik … Qualität`` becomes
    ``膕thetik … Qualit鋞``).  Real GBK Chinese text is nearly all common characters: at least 90 % of its
    ideographs lie in GB2312 (6,763 common characters), and it has no private-use or stray symbols.
    """
    return _plausible(text)


def _plausible(text: str) -> bool:
    """Text that reads like Chinese or plain ASCII, not like bytes decoded with the wrong codec."""
    if not text:
        return False
    odd = sum(1 for ch in text if 0xE000 <= ord(ch) <= 0xF8FF or 0x80 <= ord(ch) < 0x2000 or ord(ch) > 0xFFFF)
    if odd > len(text) // 50:
        return False
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return all(ch.isprintable() or ch in "\n\t\r" for ch in text[:4096])
    common = 0
    for ch in han:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(han)


def _check_text(path: str, text: str) -> str:
    if not text.strip():
        raise InputError(path, "file contains no text (only whitespace)")
    return text


def read_text(path: str | Path, data: bytes | None = None) -> SourceText:
    """Read a plain-text source. Line endings are unified to ``\\n``; offsets index the result."""
    p = Path(path)
    raw = read_bytes(p, str(path)) if data is None else data
    text, encoding = decode_bytes(str(path), raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path=str(path), name=p.name, kind="text", text=text, encoding=encoding)
