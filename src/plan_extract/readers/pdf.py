"""PDF sources: the text layer, laid out into paragraphs from the page geometry.

Why geometry and not ``extract_text()``: pdfplumber/pdftotext give one string per page with a
newline after every printed line.  An official document (GB/T 9704: 28 characters x 22 lines,
justified) then arrives cut every 28 characters, with the page number "— 3 —" inside the text and
a sentence torn in two at every page break ("…碳排放达峰后" / "— 2 —" / "稳中有降，…").  The
structure stage needs paragraphs.  Here every character's box is known, so:

* a line that stops short of the text block's right edge ends a paragraph, and a line indented
  from its left edge starts one (the 2-character first-line indent of every official paragraph);
* inside a paragraph lines are joined with nothing between them (Chinese has no spaces), except a
  single space between two ASCII word characters ("DB/T" + "29" -> "DB/T 29");
* a page break is not a paragraph break when the page's last line is full width and the next
  page's first line is not indented -- "碳排放达峰后" + "稳中有降" is one sentence;
* page numbers ("— 3 —", "- 3 -", "3", "第3页", "3/19") and running headers/footers are
  recognised by their place (above or below the text block, first or last line of a page) and by
  repetition across pages, and removed -- each one recorded as :class:`~.base.Noise`, never
  silently and never left in ``text``;
* headings are recognised by type (larger than the body, or a bold/黑体 face the body does not use)
  and by numbering (a short line "一、总体要求"), each made its own paragraph, and their offsets
  put in ``heading_offsets``.

What it does not do: change a character.  Kangxi radicals (⼀ U+2F00 for 一), half-width
punctuation, odd spaces -- whatever the text layer says stays; normalisation is a later stage and
needs to see the original to report what it changed.

Unusable files raise :class:`~plan_extract.errors.InputError` with a one-line reason (encrypted,
no text layer, truncated, malformed, not a PDF, too many pages, too large); no pdfminer exception
ever escapes.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import LineBox, Noise, Page, SourceText
from .pagemarks import EdgeLine, classify_edge_lines

# --------------------------------------------------------------------------------------------------
# Recognisers
# --------------------------------------------------------------------------------------------------

#: Font names of bold and 黑体 faces: "SimHei", "FZHei-B01", "NotoSansCJKsc-Bold", "Arial,Bold".
_BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold|hei|黑", re.IGNORECASE)
#: Numbering that opens a heading line: 一、 第一章 （一） 1.  -- Kangxi twins of the numerals
#: (⼀⼆⼋⼗) included, since the text layer is not normalised yet.
_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百⼀⼆⼋⼗]+、"
    r"|第[一二三四五六七八九十百零〇\d⼀⼆⼋⼗]+[章节篇部分条]"
    r"|[（(][一二三四五六七八九十⼀⼆⼋⼗]+[)）]"
    r"|\d{1,2}[.．、](?!\d))"
)
_SENTENCE_END = frozenset("。；;！!？?")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")

#: How near the right edge (in ems of body type) a line must end to count as full width.
_FULL_TOLERANCE = 0.6
#: How far right of the left edge (in ems) a line must start to count as indented.
_INDENT_TOLERANCE = 0.75
#: A heading is at least this much larger than the body (ratio of font sizes).
_LARGER = 1.1
#: The last bytes of a complete PDF hold "%%EOF" (the spec says 1024; allow trailing junk).
_EOF_WINDOW = 4096


# --------------------------------------------------------------------------------------------------
# Lines
# --------------------------------------------------------------------------------------------------


@dataclass
class _Line:
    """A printed line: its characters' text, box and dominant type."""

    page: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    heading: bool = False
    noise: str | None = None


@dataclass
class _Paragraph:
    lines: list[_Line] = field(default_factory=list)
    heading: bool = False


def _is_ascii_word(ch: str) -> bool:
    return bool(ch) and _ASCII_WORD.match(ch) is not None


def _build_line(page: int, chars: Sequence[dict[str, Any]]) -> _Line | None:
    """One line from its characters (already in x order); ``None`` if it holds only whitespace.

    Spaces: a whitespace character in the text layer becomes one space between the characters
    around it (never at a line's ends -- that is indentation); two ASCII word characters with a
    visible gap and no space character between them also get one ("DB/T" "29" drawn apart).  A
    gap between Chinese characters never does: justified lines spread them.
    """
    parts: list[str] = []
    prev: dict[str, Any] | None = None
    pending_space = False
    kept: list[dict[str, Any]] = []
    for ch in chars:
        t = ch["text"]
        if not t or t.isspace():
            pending_space = prev is not None
            continue
        if prev is not None:
            if pending_space:
                parts.append(" ")
            elif (
                _is_ascii_word(prev["text"][-1]) and _is_ascii_word(t[0]) and ch["x0"] - prev["x1"] > 0.15 * ch["size"]
            ):
                parts.append(" ")
        parts.append(t)
        prev = ch
        pending_space = False
        kept.append(ch)
    if not kept:
        return None
    types = Counter((c["fontname"], round(c["size"], 1)) for c in kept)
    (font, size), _ = types.most_common(1)[0]
    return _Line(
        page=page,
        text="".join(parts),
        x0=min(c["x0"] for c in kept),
        top=min(c["top"] for c in kept),
        x1=max(c["x1"] for c in kept),
        bottom=max(c["bottom"] for c in kept),
        size=size,
        font=font,
    )


@dataclass
class _Counts:
    """Glyphs seen: all of them, those without a Unicode mapping ("(cid:12)"), rotated ones."""

    glyphs: int = 0
    unmapped: int = 0
    rotated: int = 0


def _page_lines(page: int, chars: Iterable[dict[str, Any]], counts: _Counts) -> list[_Line]:
    """Cluster a page's characters into lines by vertical position.

    Characters are sorted by the middle of their box and cut into lines where the middle jumps by
    more than half a character height: digits in a Latin face and CJK in another, on one
    baseline, stay one line even though their boxes differ slightly.  Rotated characters
    (``upright`` false: stamps, vertical side notes) are left out of the lines and counted in
    ``metadata["rotated_chars_skipped"]``.
    """
    items: list[tuple[float, float, dict[str, Any]]] = []
    for ch in chars:
        text = ch["text"]
        if text.isspace():
            items.append(((ch["top"] + ch["bottom"]) / 2, ch["x0"], ch))
            continue
        counts.glyphs += 1
        if text.startswith("(cid:"):
            counts.unmapped += 1
        if not ch.get("upright", True):
            counts.rotated += 1
            continue
        items.append(((ch["top"] + ch["bottom"]) / 2, ch["x0"], ch))
    items.sort(key=lambda it: (it[0], it[1]))
    lines: list[_Line] = []
    group: list[tuple[float, float, dict[str, Any]]] = []
    ref_mid = 0.0
    ref_height = 0.0
    for item in items:
        height = max(item[2]["bottom"] - item[2]["top"], 1.0)
        if group and item[0] - ref_mid > 0.5 * min(ref_height, height):
            line = _build_line(page, [g[2] for g in sorted(group, key=lambda g: g[1])])
            if line is not None:
                lines.append(line)
            group = []
        if not group:
            ref_mid, ref_height = item[0], height
        group.append(item)
    if group:
        line = _build_line(page, [g[2] for g in sorted(group, key=lambda g: g[1])])
        if line is not None:
            lines.append(line)
    return lines


# --------------------------------------------------------------------------------------------------
# Opening the file (everything that can go wrong goes wrong here, as InputError)
# --------------------------------------------------------------------------------------------------


def _precheck(path: str, p: Path, max_bytes: int) -> bytes:
    """Refuse what is plainly not a usable PDF before pdfminer sees it.

    Truncation is checked here because pdfminer's recovery is too good: a PDF cut in half can
    still yield the pages before the cut, and the result would look complete.  A complete file
    ends with ``%%EOF``.
    """
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if size == 0:
        raise InputError(path, "file is empty")
    if size > max_bytes:
        raise InputError(path, f"PDF is too large: {size} bytes, more than the limit of {max_bytes}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise InputError(path, "PDF is truncated (no %%EOF at the end); the copy is incomplete")
    return data


def _problem_from(exc: BaseException, data: bytes) -> str:
    """A one-line reason for a pdfminer/pdfplumber failure."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name or b"/Encrypt" in data:
        return "PDF is encrypted; decrypt it first"
    detail = " ".join(str(inner).split()) or name
    if len(detail) > 160:
        detail = detail[:157] + "..."
    return f"malformed PDF ({name}: {detail})"


def _check_page_streams(page_obj: Any, limit: int, number: int, path: str) -> None:
    """Refuse a page whose content streams inflate beyond ``limit`` bytes (decompression bombs).

    pdfminer inflates a whole stream into memory; a 50 KB Flate stream can hold gigabytes of
    zeros.  Each Flate-encoded content stream is inflated here with a cap first.
    """
    from pdfminer.pdftypes import resolve1

    total = 0
    for stream in page_obj.contents or ():
        stream = resolve1(stream)
        data = getattr(stream, "data", None)
        if data is not None:
            total += len(data)
        else:
            raw = getattr(stream, "rawdata", None)
            filters = resolve1(getattr(stream, "attrs", {}).get("Filter"))
            names = [str(resolve1(f)) for f in (filters if isinstance(filters, list) else [filters])]
            if raw is None:
                continue
            if names and "FlateDecode" in names[0]:
                inflater = zlib.decompressobj()
                try:
                    total += len(inflater.decompress(raw, limit + 1 - total))
                except zlib.error:
                    continue  # let pdfminer report (or survive) the broken stream
            else:
                total += len(raw)
        if total > limit:
            raise InputError(
                path,
                f"PDF page {number} content inflates to more than {limit} bytes (decompression bomb?)",
            )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = " ".join(record.getMessage().split())
        except Exception:  # a record whose arguments do not format
            message = str(record.msg)
        self.messages[message[:120]] += 1


@contextmanager
def _pdfminer_warnings() -> Iterator[_Collect]:
    """Collect pdfminer's warnings instead of letting them reach stderr.

    pdfminer logs damage it works around ("Data-loss while decompressing corrupted data", "Not
    adding object 20 to xref ...") and carries on; the text may then be incomplete.  That must not
    be silent, and it must not be stderr noise either: the reader puts a summary into
    ``metadata["pdf_warnings"]``.
    """
    logger = logging.getLogger("pdfminer")
    handler = _Collect()
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def _extract(
    path: str, data: bytes, max_pages: int, max_bytes: int
) -> tuple[list[list[_Line]], list[float], dict[str, str], bool]:
    """Lines and height of every page, the document info, whether most glyphs lack Unicode."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    pages_lines: list[list[_Line]] = []
    heights: list[float] = []
    counts = _Counts()
    try:
        with _pdfminer_warnings() as warnings, pdfplumber.open(io.BytesIO(data)) as pdf:
            try:
                count = int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
            except Exception:
                count = -1
            if count > max_pages:
                raise InputError(path, f"PDF has {count} pages, more than the limit of {max_pages}")
            pages = pdf.pages
            if len(pages) > max_pages:
                raise InputError(path, f"PDF has {len(pages)} pages, more than the limit of {max_pages}")
            if not pages:
                raise InputError(path, "PDF has no pages")
            for number, page in enumerate(pages, start=1):
                _check_page_streams(page.page_obj, max_bytes, number, path)
                pages_lines.append(_page_lines(number, page.chars, counts))
                heights.append(float(page.height))
                page.close()
            metadata = _metadata(pdf.metadata, len(pages))
            if warnings.messages:
                metadata["pdf_warnings"] = "; ".join(
                    f"{message} (x{count})" if count > 1 else message
                    for message, count in sorted(warnings.messages.items())
                )
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises anything from PSEOF to KeyError on bad input
        raise InputError(path, _problem_from(exc, data)) from None
    if counts.glyphs == 0:
        raise InputError(path, "PDF has no text layer (scanned?); OCR is needed")
    if counts.rotated:
        metadata["rotated_chars_skipped"] = str(counts.rotated)
    return pages_lines, heights, metadata, counts.unmapped * 2 > counts.glyphs


def _metadata(info: dict[str, Any], pages: int) -> dict[str, str]:
    """The document information dictionary, as strings (Title, Author, Producer, ...)."""
    out = {"page_count": str(pages)}
    for key, value in info.items():
        if isinstance(value, bytes):
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                continue
        if isinstance(value, str) and value.strip():
            out["pdf_" + str(key).lower()] = " ".join(value.split())
    return out


# --------------------------------------------------------------------------------------------------
# Layout analysis
# --------------------------------------------------------------------------------------------------


def _mode(values: Iterable[float], default: float) -> float:
    counts = Counter(round(v) for v in values)
    if not counts:
        return default
    best = max(counts.values())
    return float(min(v for v, c in counts.items() if c == best))


@dataclass
class _Geometry:
    """Where the body text is: type size, face, text block edges, usual gap between lines."""

    size: float
    font: str
    left: float
    right: float
    gap: float

    @property
    def em(self) -> float:
        return self.size


def _body_geometry(lines: Sequence[_Line]) -> _Geometry:
    """Body type = the size (then face) that most characters are set in; block edges from it.

    The left edge is the most common line start (indented first lines are fewer than the lines
    that follow them); the right edge is the most common line end when lines are justified (they
    all end there), else the furthest.
    """
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    size = sizes.most_common(1)[0][0] if sizes else 12.0
    fonts: Counter[str] = Counter()
    for ln in lines:
        if abs(ln.size - size) < 0.5:
            fonts[ln.font] += len(ln.text)
    font = fonts.most_common(1)[0][0] if fonts else ""
    body = [ln for ln in lines if abs(ln.size - size) < 0.5 and len(ln.text) >= 2]
    if not body:
        body = list(lines)
    left = _mode((ln.x0 for ln in body), min((ln.x0 for ln in lines), default=0.0))
    ends = Counter(round(ln.x1) for ln in body)
    right_mode, right_count = ends.most_common(1)[0] if ends else (0, 0)
    furthest = max((ln.x1 for ln in body), default=0.0)
    right = float(right_mode) if right_count >= max(3, len(body) // 5) else furthest
    gaps = sorted(
        b.top - a.bottom for a, b in itertools.pairwise(body) if a.page == b.page and 0 <= b.top - a.bottom < 3 * size
    )
    gap = gaps[len(gaps) // 2] if gaps else 0.5 * size
    return _Geometry(size=size, font=font, left=left, right=right, gap=gap)


def _edges(lines: Sequence[_Line]) -> list[tuple[str, list[_Line]]]:
    """The (at most) two lines nearest the top and the bottom of a page, outermost first.

    A page of one or two lines has the same lines at both edges: the last page of a notice can hold
    one line of text and its page number, and that number is the bottom's outermost line."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    return [("top", ordered[:2]), ("bottom", ordered[::-1][:2])]


def _find_noise(pages: list[list[_Line]], heights: Sequence[float]) -> None:
    """Mark page numbers and running headers/footers (``line.noise``) on the pages' edges.

    Candidates are the first and last lines of each page (two at most at each edge, and only
    while every line between them and the edge is noise too).  A candidate is noise when its text
    is a page number whose value keeps step with the page (``— 3 —`` on page 3, or on page 4 of a
    document whose numbering starts later), or when the same text (digits ignored) sits at that
    edge on at least half the pages -- and, either way, when it lies outside the text block: above
    or below every other line of the document, or apart from its own page's text by more than a
    line's height in the outer quarter of the page.  Position alone is not enough (the last line of
    a short page also sits low), and text alone is not (a body line can read "2").
    """
    edges = [_edges(lines) for lines in pages]
    candidates = [(ln, edge) for page_edges in edges for edge, seq in page_edges for ln in seq]
    kinds = classify_edge_lines([EdgeLine(ln.page, edge, ln.text) for ln, edge in candidates], len(pages))
    tentative = {id(ln): kind for (ln, _), kind in zip(candidates, kinds, strict=True) if kind is not None}

    body = [ln for lines in pages for ln in lines if id(ln) not in tentative]
    block_top = min((ln.top for ln in body), default=float("inf"))
    block_bottom = max((ln.bottom for ln in body), default=float("-inf"))
    for lines, page_edges, height in zip(pages, edges, heights, strict=True):
        rest = [ln for ln in lines if id(ln) not in tentative]
        for edge, seq in page_edges:
            for ln in seq:  # outermost first: stop at the first line that is not noise
                kind = tentative.get(id(ln))
                if kind is None:
                    break
                line_height = ln.bottom - ln.top
                if edge == "top":
                    outside = ln.bottom <= block_top + 1.0
                    gap = min((o.top for o in rest), default=height) - ln.bottom
                    in_band = ln.bottom <= 0.25 * height
                else:
                    outside = ln.top >= block_bottom - 1.0
                    gap = ln.top - max((o.bottom for o in rest), default=0.0)
                    in_band = ln.top >= 0.75 * height
                if not (outside or (in_band and gap >= 1.2 * line_height)):
                    break
                ln.noise = kind


def _classify_headings(lines: Sequence[_Line], geo: _Geometry) -> None:
    """A line is set in heading type when most of its characters are larger or in a bold face.

    Official documents set the title in 小标宋 22 pt (larger) and first-level headings in 黑体 at
    body size (a face whose name says Hei/Bold); the body's own face never counts, even if its
    name looks bold.
    """
    body_bold = bool(_BOLD_FONT.search(geo.font))
    for ln in lines:
        larger = ln.size >= geo.size * _LARGER
        bold = ln.font != geo.font and not body_bold and bool(_BOLD_FONT.search(ln.font))
        ln.heading = larger or bold


def _centered(ln: _Line, geo: _Geometry) -> bool:
    return ln.x0 > geo.left + geo.em and abs((ln.x0 + ln.x1) / 2 - (geo.left + geo.right) / 2) < geo.em


def _is_full(ln: _Line, geo: _Geometry) -> bool:
    return ln.x1 >= geo.right - _FULL_TOLERANCE * geo.em


def _is_indented(ln: _Line, geo: _Geometry) -> bool:
    return ln.x0 > geo.left + _INDENT_TOLERANCE * geo.em


def _looks_numbered_heading(ln: _Line, geo: _Geometry) -> bool:
    """A short line that opens with heading numbering and holds no sentence: "一、总体要求"."""
    text = ln.text.strip()
    return (
        _NUMBERED_HEADING.match(text) is not None
        and len(text) <= 40
        and not _is_full(ln, geo)
        and not any(ch in _SENTENCE_END for ch in text)
    )


def _starts_paragraph(prev: _Line, cur: _Line, geo: _Geometry) -> bool:
    """Does ``cur`` start a new paragraph after ``prev``?  (Both body lines, in reading order.)

    A short previous line, an indented current line, a change of type size or a numbered
    heading line ("二、…" standing alone) start one; so does a blank line's worth of extra space,
    but only on the same page -- across a page break the vertical distance means nothing, and
    "…碳排放达峰后" at the foot of page 2 runs on into "稳中有降，…" at the head of page 3.
    """
    if cur.heading != prev.heading:
        return True
    if cur.heading:
        # Heading lines join only when they are the same type and visibly one block: a title set
        # over two or three centred lines, or a long heading wrapped at the right edge.
        same_type = cur.font == prev.font and abs(cur.size - prev.size) < 0.5
        close = cur.page == prev.page and cur.top - prev.bottom < 1.2 * max(cur.size, prev.size)
        wrapped = (_centered(prev, geo) and _centered(cur, geo)) or _is_full(prev, geo)
        return not (same_type and close and wrapped and _NUMBERED_HEADING.match(cur.text) is None)
    if not _is_full(prev, geo) or _is_indented(cur, geo):
        return True
    if abs(cur.size - prev.size) >= 1.0:
        return True
    if _looks_numbered_heading(cur, geo):
        return True
    if cur.page == prev.page and cur.top - prev.bottom > geo.gap + 0.75 * geo.em:
        return True
    return False


def _paragraphs(lines: Sequence[_Line], geo: _Geometry) -> list[_Paragraph]:
    paras: list[_Paragraph] = []
    prev: _Line | None = None
    for ln in lines:
        if prev is None or _starts_paragraph(prev, ln, geo):
            paras.append(_Paragraph(lines=[ln], heading=ln.heading))
        else:
            paras[-1].lines.append(ln)
        prev = ln
    for para in paras:
        if not para.heading and len(para.lines) == 1 and _looks_numbered_heading(para.lines[0], geo):
            para.heading = True
    return paras


# --------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------


def read_pdf(path: str | Path, *, max_pages: int = 500, max_bytes: int = 50_000_000) -> SourceText:
    """Read a PDF's text layer into paragraphs; raise :class:`InputError` when it is unusable.

    ``max_pages`` and ``max_bytes`` bound the work a hostile file can cause: the page count, the
    file size, and the inflated size of any one page's content.
    """
    p = Path(path)
    name = str(path)
    data = _precheck(name, p, max_bytes)
    pages, heights, metadata, mostly_unmapped = _extract(name, data, max_pages, max_bytes)
    if mostly_unmapped:
        raise InputError(name, "PDF text layer has no Unicode mapping for its fonts (glyph ids only); OCR is needed")

    _find_noise(pages, heights)
    noise: list[Noise] = []
    body_lines: list[_Line] = []
    for lines in pages:
        for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
            if ln.noise is not None:
                noise.append(Noise(kind=ln.noise, text=ln.text, page=ln.page))
            else:
                body_lines.append(ln)
    if not body_lines:
        raise InputError(name, "PDF has no text layer beyond page numbers and headers (scanned?); OCR is needed")
    geo = _body_geometry(body_lines)
    _classify_headings(body_lines, geo)
    paras = _paragraphs(body_lines, geo)

    chunks: list[str] = []
    offset = 0
    boxes: list[LineBox] = []
    headings: set[int] = set()
    page_starts: dict[int, int] = {}
    for i, para in enumerate(paras):
        if i:
            chunks.append("\n\n")
            offset += 2
        if para.heading:
            headings.add(offset)
        prev: _Line | None = None
        for ln in para.lines:
            if prev is not None and _is_ascii_word(prev.text[-1]) and _is_ascii_word(ln.text[0]):
                chunks.append(" ")
                offset += 1
            page_starts.setdefault(ln.page, offset)
            boxes.append(LineBox(ln.page, offset, offset + len(ln.text), (ln.x0, ln.top, ln.x1, ln.bottom)))
            chunks.append(ln.text)
            offset += len(ln.text)
            prev = ln
    text = "".join(chunks)

    # Pages cover text end to end: a page runs from its first line to the next page's first line
    # (a page with no text gets an empty range there); the "\n\n" before a page's first paragraph
    # belongs to the page before.
    n_pages = len(pages)
    starts = [0] * (n_pages + 1)
    starts[n_pages] = len(text)
    for number in range(n_pages, 0, -1):
        starts[number - 1] = page_starts.get(number, starts[number])
    starts[0] = 0
    page_tuple = tuple(Page(number, starts[number - 1], starts[number]) for number in range(1, n_pages + 1))
    empty = [str(number) for number in range(1, n_pages + 1) if number not in page_starts]
    if empty:
        metadata["pages_without_text"] = ",".join(empty)

    return SourceText(
        path=name,
        name=p.name,
        kind="pdf",
        text=text,
        encoding=None,
        pages=page_tuple,
        lines=tuple(boxes),
        noise=tuple(noise),
        metadata=metadata,
        heading_offsets=frozenset(headings),
    )
