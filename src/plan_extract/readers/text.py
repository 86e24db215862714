"""Plain-text sources: detect the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK),
never assume it, and refuse what is not text; in a text made from a PDF, take out the page marks.

Why detection and not a default: government sites still serve GBK pages, and a GBK file read as
UTF-8 with ``errors="replace"`` silently turns every character into U+FFFD -- the output looks like
data and is garbage.  So each candidate is decoded *strictly*; the first that decodes wins, and a
file no candidate decodes is an :class:`~plan_extract.errors.InputError`.
"""

from __future__ import annotations

import codecs
import itertools
from pathlib import Path

import regex

from ..errors import InputError
from .base import Noise, Page, SourceText
from .chrome import chrome_only
from .pagemarks import DASHED_PAGE_NUMBER, EdgeLine, classify_edge_lines
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
    """Read a plain-text source.  Line endings are unified to ``\\n``; offsets index the result.

    A text made from a PDF keeps the PDF's page marks.  Where form feeds divide it into pages
    (``pdftotext``), the pages are kept as :class:`~.base.Page` ranges and the page numbers and
    running headers/footers at their edges are taken out; where they do not, lone lines "— 3 —"
    numbered in order are.  Each one taken out is recorded as :class:`~.base.Noise`.
    """
    p = Path(path)
    raw = read_bytes(p, str(path)) if data is None else data
    text, encoding = decode_bytes(str(path), raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()  # the form feed that ends the last page
    if len(chunks) > 1:
        text, pages, noise = _read_pages(chunks)
    else:
        pages = ()
        text, noise = _without_dashed_page_numbers(text)
        text, widgets = _without_page_widgets(text)
        noise += widgets
    return SourceText(path=str(path), name=p.name, kind="text", text=text, encoding=encoding, pages=pages, noise=noise)


#: Marks of prose: a line holding one is text, not a running header or footer.
_PROSE = regex.compile(r"[。，；：！？（）,;:!?()]")


def _read_pages(chunks: list[str]) -> tuple[str, tuple[Page, ...], tuple[Noise, ...]]:
    """The text of pages that form feeds divided, without the page marks at their edges.

    A page's marks are among its two outermost lines that hold text at each edge (on a page of one
    or two lines, the same lines at both), taken outermost first up to the first line that is not a
    mark (:func:`~.pagemarks.classify_edge_lines` reads their text; a form feed is the edge, so no
    position needs checking).  A line with a sentence mark in it is never taken for a running header
    or footer: the PDF reader also checks that such a line lies outside the text block, which a text
    cannot show, and a plan's parenthesis "（各区人民政府按职责分工负责）" can open half its pages.
    The blank lines at a page's edges go with the marks, and the pages are joined by one line break:
    whether a page break cut a sentence is for normalization to decide, as with any line break.  The
    pages cover the text end to end.
    """
    pages_lines = [chunk.split("\n") for chunk in chunks]
    slots: list[tuple[int, str, int]] = []  # (page, edge, line index), outermost first per edge
    for number, lines in enumerate(pages_lines, 1):
        filled = [i for i, line in enumerate(lines) if line.strip()]
        slots += [(number, "top", i) for i in filled[:2]]
        slots += [(number, "bottom", i) for i in reversed(filled[-2:])]
    kinds = classify_edge_lines(
        [EdgeLine(number, edge, pages_lines[number - 1][i].strip()) for number, edge, i in slots], len(pages_lines)
    )
    marks: dict[tuple[int, int], str] = {}
    stopped: set[tuple[int, str]] = set()
    for (number, edge, i), kind in zip(slots, kinds, strict=True):
        if (number, edge) in stopped:
            continue
        if kind is None or (kind != "page_number" and _PROSE.search(pages_lines[number - 1][i])):
            stopped.add((number, edge))
        else:
            marks[number, i] = kind

    parts: list[str] = []
    starts: list[int] = []
    noise: list[Noise] = []
    length = 0
    for number, lines in enumerate(pages_lines, 1):
        noise += [Noise(marks[number, i], line.strip(), number) for i, line in enumerate(lines) if (number, i) in marks]
        body = "\n".join(line for i, line in enumerate(lines) if (number, i) not in marks).strip("\n")
        if body and parts:
            parts.append("\n")
            length += 1
        starts.append(length)
        parts.append(body)
        length += len(body)
    ends = [*starts[1:], length]
    pages = tuple(Page(number, start, end) for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1))
    return "".join(parts), pages, tuple(noise)


def _without_dashed_page_numbers(text: str) -> tuple[str, tuple[Noise, ...]]:
    """The text without the lone page numbers "— 3 —" a PDF's text keeps when nothing marks its pages.

    Taken out only when there are at least two such lines, each on a line of its own, and their
    values rise from each to the next, as a document's page numbers do; the blank lines next to
    them go too.  Which page each stood on is not known, so none is recorded.
    """
    lines = text.split("\n")
    found = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := DASHED_PAGE_NUMBER.match(line.strip()))]
    values = [value for _, value in found]
    if len(found) < 2 or any(b <= a for a, b in itertools.pairwise(values)):
        return text, ()
    drop: set[int] = set()
    for i, _ in found:
        drop.add(i)
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                drop.add(j)
                j += step
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return "\n".join(kept), tuple(Noise("page_number", lines[i].strip()) for i, _ in found)


def _without_page_widgets(text: str) -> tuple[str, tuple[Noise, ...]]:
    """The text without the lines that are a web page's widgets (返回顶部, 【打印本页】【关闭窗口】),
    as a page saved or copied as text keeps them (:mod:`.chrome`).  Only where the text has no pages:
    a PDF's text has no widgets."""
    lines = text.split("\n")
    drop = [i for i, line in enumerate(lines) if chrome_only(line)]
    if not drop:
        return text, ()
    dropped = set(drop)
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    return "\n".join(kept), tuple(Noise("page_chrome", lines[i].strip()) for i in drop)
