"""Re-typeset the Tianjin plan as a stand-in for its official PDF (GB/T 9704-2012 layout).

The government's PDF of 天津市人民政府关于印发天津市加快建立健全绿色低碳循环发展经济体系实施方案的通知
is not available; we only have the text pdftotext-style extraction pulled out of it (seed 004,
``data/raw/tianjin_plan_official_text.txt``).  The PDF reader needs a real PDF to be tested on, with
the things that make real official PDFs hard: a 28 x 22 character grid, justified lines, paragraphs
cut by page breaks mid-sentence, page numbers "— N —" at the foot, titles and headings in other
faces, digits in a Latin face inside Chinese lines.  This script builds one, deterministically.

What it follows (GB/T 9704-2012 "党政机关公文格式"):

* A4, text block 156 x 225 mm, top margin 37 mm, left margin 28 mm; body 16 pt (三号) on a grid of
  28 characters x 22 lines; paragraphs first-line indented by two characters; lines fully justified.
* titles 22 pt (二号) bold, centred, cut into lines where seed 004 shows the cuts ("天津市加快 建立健全…");
  first-level headings 一、… in a bold sans (黑体-style) face, indented like paragraphs.
* page numbers 14 pt (四号) "— N —", 7 mm below the text block, odd pages right and even pages left,
  one character in from the edge of the text block.
* signature 天津市人民政府 right-aligned two characters in, the date below it, as for an unsealed notice.

What it cannot follow: Debian has no complete 仿宋 face (cwTeX FangSong lacks most simplified
characters), so the body is AR PL UKai CN (楷体, the usual fallback for 仿宋); titles use AR PL
UMing CN with a synthetic-bold stroke for 小标宋, headings WenQuanYi Zen Hei for 黑体, digits and Latin
Liberation Serif (metric twin of Times New Roman).  All are TrueType: see FONTS for why not CFF.
There is no 版头/版记 (red header, document number, copy-to block): seed 004 carries none of their
words and we add no words.  The plan follows the notice on page 1 instead of starting a new page:
only so does seed 004's first page cut (…碳排放达峰后 / 稳中有降…) fit on a 22-line page 2.

Text: seed 004 with its extraction artefacts undone -- spaces inside Chinese text removed
("2025 年" -> "2025年", "天津市加快 建立健全" joined; "DB/T 29" keeps its space), half-width
punctuation ( ) , : ; made full-width -- and no other change.

Pages: wherever seed 004 shows a paragraph cut by a blank line mid-sentence ("碳排放达峰后" /
"稳中有降") the original PDF had a page break; the paginator ends a page exactly there when that keeps
every page within 22 lines, and otherwise breaks only between paragraphs (where the original's
other page breaks must have been, since the seed shows no other cut).  To make a page end exactly at
a cut, the lines of the paragraph before the cut are re-broken so that a line ends there: some of
them then carry 26-27 characters spread over the full width (what a kinsoku push-back does), or up
to half a character more, squeezed.  ``--report`` prints which cuts were met (15 of 18; the other
three fall between a sentence end and an agency parenthesis "。|（市…" and are most likely not page
breaks of the original at all).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = ROOT / "data" / "raw" / "tianjin_plan_official_text.txt"
DEFAULT_OUT = ROOT / "data" / "raw" / "tianjin_plan_official.pdf"


@dataclass(frozen=True)
class FontSpec:
    """A face found by path (never by fontconfig name, so the result cannot vary by machine)."""

    path: str
    index: int
    package: str


FONTS: dict[str, FontSpec] = {
    # 仿宋 stand-in: 楷体 is the closest complete face Debian ships.
    "body": FontSpec("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "fonts-arphic-ukai"),
    # 方正小标宋 stand-in: a 明/宋体 face drawn with a stroke (synthetic bold, as WPS and Word do for
    # faces without a bold weight).  Noto Serif CJK Bold would look closer, but it is a CFF font and
    # fpdf2 embeds CFF CID fonts with an embedded CMap that pdfminer cannot decode: the titles
    # would vanish from pdfplumber's text.
    "title": FontSpec("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "fonts-arphic-uming"),
    # 黑体 stand-in (TrueType, for the same reason).
    "heading": FontSpec("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "fonts-wqy-zenhei"),
    # Times New Roman stand-in for digits and Latin letters.
    "latin": FontSpec("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", 0, "fonts-liberation"),
}

NOTICE_TITLE = "天津市人民政府关于印发天津市加快建立健全绿色低碳循环发展经济体系实施方案的通知"
MM = 72 / 25.4  # points per millimetre
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
TEXT_W, TEXT_H = 156 * MM, 225 * MM
COLS, ROWS = 28, 22
BODY_PT, TITLE_PT, FOLIO_PT = 16.0, 22.0, 14.0
CELL = TEXT_W / COLS  # one character of the grid, 15.79 pt
PITCH = TEXT_H / ROWS  # one line of the grid, 28.99 pt
GAP_NATURAL = CELL - BODY_PT  # tracking that puts 16 pt glyphs on the 28-character grid (negative)
#: Most a justified line may lose (in em) so that a line ends exactly at a seed page cut ...
MAX_SLACK = 2.5
#: ... and most it may be squeezed (in em, spread over its gaps: at most 0.3 pt a gap).
MAX_SQUEEZE = 0.5

#: Never at the start of a line (closing punctuation); never at the end (opening punctuation).
NO_START = frozenset("，。、；：？！）》」』〕】”’—…·")
NO_END = frozenset("（《「『〔【“‘")
#: Digits and Latin letters are set as unbreakable runs in the Latin face ("DB/T 29" keeps its space).
LATIN_RUN = re.compile(r"[A-Za-z0-9%./]+(?: [A-Za-z0-9%./]+)*")
HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
MEASURE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


def die(message: str) -> None:
    print(f"make_official_pdf: {message}", file=sys.stderr)
    raise SystemExit(1)


def check_fonts() -> None:
    """Fail with one line naming the Debian package, rather than a traceback from fpdf2."""
    for role, spec in FONTS.items():
        if not Path(spec.path).is_file():
            die(f"{role} font {spec.path} not found; install it with: apt-get install {spec.package}")


# --------------------------------------------------------------------------- text


def clean(chunk: str) -> str:
    """Undo seed 004's extraction artefacts in one chunk, changing no word.

    A space survives only between two ASCII word characters ("DB/T 29"): every other space in
    the seed is an artefact of the PDF extraction -- Latin/CJK font switches ("到 2025 年") and
    headings cut across lines ("天津市加快 建立健全").  Half-width ( ) , : ; come from pages whose
    font had no full-width forms ("(市交通运输委…)"); an official document uses （），：；.
    """
    text = chunk.replace("\n", "").translate(HALF_TO_FULL)

    def space(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""

    return re.sub(r" +", space, text).strip()


@dataclass
class Block:
    """One typeset unit: a title, a heading or a paragraph, with the seed's page cuts inside it."""

    kind: str  # notice_title | recipients | body | signature | date | plan_title | heading | para
    text: str
    title_lines: tuple[str, ...] = ()
    cuts: list[int] = field(default_factory=list)  # offsets in text where seed 004 had a page break


def parse_seed(seed: str) -> list[Block]:
    """Split seed 004 into blocks; a chunk that is not a heading or a measure continues a paragraph.

    In seed 004 every paragraph is one line and blank lines separate them -- but a blank line
    also stands for a page break, so "…碳排放达峰后" + blank + "稳中有降，…" is one paragraph cut by
    a page.  A chunk that starts neither with 一、 nor with （一） and follows a paragraph is such a
    continuation; its offset in the joined paragraph is recorded as a cut.
    """
    chunks = [c.strip() for c in re.split(r"\n[ \t]*\n", seed) if c.strip()]
    if len(chunks) < 8:
        die("seed text does not look like seed 004 (too few paragraphs)")
    notice_title, recipients, body, signature, date, plan_title = chunks[:6]
    if not notice_title.endswith("通知") or not recipients.endswith("：") or not re.match(r"\d{4} ?年", date):
        die("seed text does not look like seed 004 (notice title / recipients / date not where expected)")
    blocks = [
        Block("notice_title", clean(notice_title), tuple(p for p in notice_title.split() if p)),
        Block("recipients", clean(recipients)),
        Block("body", clean(body)),
        Block("signature", clean(signature)),
        Block("date", clean(date)),
        Block("plan_title", clean(plan_title), tuple(p for p in plan_title.split() if p)),
    ]
    for chunk in chunks[6:]:
        text = clean(chunk)
        if HEADING.match(text):
            blocks.append(Block("heading", text))
        elif MEASURE.match(text) or blocks[-1].kind != "para":
            blocks.append(Block("para", text))
        else:
            prev = blocks[-1]
            prev.cuts.append(len(prev.text))
            prev.text += text
    return blocks


# --------------------------------------------------------------------------- fonts & widths


class Metrics:
    """Advance widths (in em) straight from the font files, so line breaking needs no PDF engine."""

    def __init__(self) -> None:
        from fontTools.ttLib import TTFont

        self._widths: dict[str, tuple[dict[int, str], dict[str, tuple[int, int]], int]] = {}
        for role, spec in FONTS.items():
            font = TTFont(spec.path, fontNumber=spec.index, lazy=True)
            self._widths[role] = (font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm)

    def em(self, role: str, text: str) -> float:
        cmap, hmtx, upem = self._widths[role]
        return sum(hmtx[cmap[ord(ch)]][0] for ch in text) / upem

    def has(self, role: str, ch: str) -> bool:
        return ord(ch) in self._widths[role][0]


@dataclass(frozen=True)
class Atom:
    """An unbreakable piece of a body line: one CJK character or one Latin/digit run."""

    text: str
    role: str  # "body" | "latin"
    width: float  # em

    @property
    def latin(self) -> bool:
        return self.role == "latin"


def atomize(text: str, metrics: Metrics) -> list[Atom]:
    atoms: list[Atom] = []
    pos = 0
    for m in LATIN_RUN.finditer(text):
        atoms.extend(Atom(ch, "body", metrics.em("body", ch)) for ch in text[pos : m.start()])
        atoms.append(Atom(m.group(), "latin", metrics.em("latin", m.group())))
        pos = m.end()
    atoms.extend(Atom(ch, "body", metrics.em("body", ch)) for ch in text[pos:])
    for atom in atoms:
        if not metrics.has(atom.role, atom.text[0]):
            die(f"font for {atom.role} has no glyph for {atom.text[0]!r}")
    return atoms


# --------------------------------------------------------------------------- line breaking


@dataclass
class Line:
    """One line of the grid (or of a title), ready to draw; ``rows`` is how many grid lines it takes."""

    kind: str
    atoms: list[Atom]
    indent: float = 0.0  # in grid cells
    justify: bool = False
    align: str = "left"  # left | right | center
    right_indent: float = 0.0  # in grid cells, for right alignment
    cut_after: bool = False  # seed 004 had a page break right after this line
    cut_id: tuple[int, int] | None = None  # (block number, offset) of that seed cut
    para_end: bool = False  # a page may break after this line without splitting a paragraph
    keep_with_next: bool = False  # titles and headings never end a page
    blank: bool = False


def can_break(atoms: list[Atom], k: int) -> bool:
    """May a line end after atoms[k-1]?  Kinsoku: no closing mark starts a line, no opening mark ends one."""
    if k <= 0 or k >= len(atoms):
        return True
    return atoms[k].text[0] not in NO_START and atoms[k - 1].text[-1] not in NO_END


def break_paragraph(atoms: list[Atom], cuts: list[int], indent: float) -> list[tuple[int, int, bool]]:
    """Break a paragraph into lines: ``(start, end, justify)`` atom ranges.

    Lines are chosen by dynamic programming over break points, minimising the squared slack of
    every justified line, so a plain paragraph comes out exactly as greedy filling would (28
    characters a line) while a paragraph holding a seed page cut gets a line end exactly at the cut,
    its few spare characters spread one per line over the lines before it rather than leaving a
    gaping line.  When no such breaking exists within ``MAX_SLACK`` per line, the cut is ignored.
    """
    n = len(atoms)
    prefix = [0.0]
    for a in atoms:
        prefix.append(prefix[-1] + a.width)
    forced = sorted(c for c in cuts if 0 < c < n)
    inf = float("inf")

    def solve(forced_cuts: list[int]) -> list[tuple[int, int, bool]] | None:
        best = [inf] * (n + 1)
        back = [-1] * (n + 1)
        best[0] = 0.0
        allowed = [can_break(atoms, k) for k in range(n + 1)]
        for c in forced_cuts:
            allowed[c] = True
        next_forced = {}
        nf = n + 1
        for k in range(n, -1, -1):
            next_forced[k] = nf
            if k in forced_cuts:
                nf = k
        for end in range(1, n + 1):
            if not allowed[end]:
                continue
            for start in range(end - 1, -1, -1):
                if best[start] == inf:
                    continue
                if next_forced[start] < end:  # a line may not run over a forced cut
                    continue
                cap = COLS - (indent if start == 0 else 0.0)
                width = prefix[end] - prefix[start]
                if width > cap + MAX_SQUEEZE + 1e-6:
                    break
                slack = cap - width
                if end == n and slack >= -1e-6:
                    cost = 0.0  # the last line of a paragraph is left short
                elif slack < -1e-6:
                    cost = 4 * slack * slack  # squeezing is worse than spreading
                elif slack > MAX_SLACK + 1e-6:
                    continue
                else:
                    cost = slack * slack
                if best[start] + cost < best[end]:
                    best[end] = best[start] + cost
                    back[end] = start
        if best[n] == inf:
            return None
        spans: list[tuple[int, int, bool]] = []
        end = n
        while end > 0:
            start = back[end]
            spans.append((start, end, end != n))
            end = start
        return spans[::-1]

    spans = solve(forced)
    while spans is None and forced:
        forced = forced[:-1]  # drop the last cut that cannot be met and try again
        spans = solve(forced)
    if spans is None:  # only possible with an atom wider than a line
        die("cannot break a paragraph into lines")
    assert spans is not None
    return spans


def compose(blocks: list[Block], metrics: Metrics, cuts: set[tuple[int, int]] | None = None) -> list[Line]:
    """Turn blocks into lines of the grid, blank lines included.

    ``cuts`` limits the seed page cuts a line must end at to ``(block number, offset)`` pairs;
    ``None`` means all of them.
    """
    lines: list[Line] = []
    signature: list[Atom] = []

    def blank() -> None:
        lines.append(Line("blank", [], blank=True, para_end=True))

    def title(block: Block) -> None:
        for i, part in enumerate(block.title_lines):
            atoms = [Atom(ch, "title", metrics.em("title", ch)) for ch in clean(part)]
            last = i == len(block.title_lines) - 1
            lines.append(Line(block.kind, atoms, align="center", keep_with_next=True, para_end=last))

    def para(number: int, block: Block, kind: str, indent: float) -> None:
        atoms = atomize(block.text, metrics)
        bounds = [0]
        for a in atoms:
            bounds.append(bounds[-1] + len(a.text))
        wanted = [c for c in block.cuts if cuts is None or (number, c) in cuts]
        if any(c not in bounds for c in wanted):
            die(f"a seed page cut falls inside a Latin run in {block.text[:20]}…")
        cut_atoms = {bounds.index(c): c for c in wanted}
        for start, end, justify in break_paragraph(atoms, sorted(cut_atoms), indent):
            lines.append(
                Line(
                    kind,
                    atoms[start:end],
                    indent=indent if start == 0 else 0.0,
                    justify=justify,
                    cut_after=end in cut_atoms,
                    cut_id=(number, cut_atoms[end]) if end in cut_atoms else None,
                    para_end=end == len(atoms),
                )
            )

    for number, block in enumerate(blocks):
        if block.kind in ("notice_title", "plan_title"):
            if block.kind == "plan_title":
                blank()
                blank()
            title(block)
            blank()
        elif block.kind == "recipients":
            para(number, block, "recipients", 0.0)
        elif block.kind == "body":
            para(number, block, "body", 2.0)
            blank()
        elif block.kind == "signature":
            # Unsealed notice (GB/T 9704 7.3.5.2): signature two characters in from the right ...
            signature = atomize(block.text, metrics)
            lines.append(Line("signature", signature, align="right", right_indent=2.0, para_end=True))
        elif block.kind == "date":
            # ... and the date below it, starting two characters right of the signature's start.
            atoms = atomize(block.text, metrics)
            right = max(0.0, sum(a.width for a in signature) - sum(a.width for a in atoms))
            lines.append(Line("date", atoms, align="right", right_indent=right, para_end=True))
        elif block.kind == "heading":
            atoms = [Atom(ch, "heading", metrics.em("heading", ch)) for ch in block.text]
            lines.append(Line("heading", atoms, indent=2.0, keep_with_next=True, para_end=True))
        else:
            para(number, block, "para", 2.0)
    return lines


# --------------------------------------------------------------------------- pagination


def paginate(lines: list[Line]) -> list[list[Line]]:
    """Cut the line list into pages of at most 22 grid lines.

    Dynamic programming over every possible page end.  A page ending at a seed cut costs nothing;
    between paragraphs it costs its empty rows squared (the original's unseen page breaks were
    there, on full pages); inside a paragraph anywhere else it costs a lot, because seed 004 shows
    every mid-paragraph page break of the original and this one is not among them.  A title or a
    heading never ends a page; blank lines at the top of a page are dropped.
    """
    n = len(lines)
    inf = float("inf")
    best = [inf] * (n + 1)
    back = [-1] * (n + 1)
    best[0] = 0.0
    for end in range(1, n + 1):
        last_index = end - 1
        while last_index > 0 and lines[last_index].blank:
            last_index -= 1
        last = lines[end - 1]
        if lines[last_index].keep_with_next and end != n:
            continue
        if last.cut_after:
            end_cost = -1000.0
        elif last.para_end or end == n:
            end_cost = 0.0
        else:
            end_cost = 5000.0
        for start in range(end - 1, -1, -1):
            if best[start] == inf:
                continue
            first = start
            while first < end and lines[first].blank:
                first += 1
            used = end - first
            if used > ROWS:
                break
            if first == end:
                continue
            empty = ROWS - used
            cost = end_cost + (0.0 if end == n else empty * empty * 10)
            if best[start] + cost < best[end]:
                best[end] = best[start] + cost
                back[end] = start
    pages: list[list[Line]] = []
    end = n
    while end > 0:
        start = back[end]
        page = lines[start:end]
        while page and page[0].blank:
            page = page[1:]
        while page and page[-1].blank:
            page = page[:-1]
        pages.append(page)
        end = start
    return pages[::-1]


# --------------------------------------------------------------------------- drawing


def baseline(row: int, size: float) -> float:
    """Baseline (from the page top) that centres a ``size`` em box in grid row ``row``."""
    return TOP + row * PITCH + (PITCH - size) / 2 + 0.88 * size


def render(pages: list[list[Line]], out: Path, metrics: Metrics, title: str = "") -> None:
    """Draw the pages with fpdf2: subset TrueType/CFF fonts with ToUnicode maps, fixed metadata."""
    from fpdf import FPDF
    from fpdf.enums import TextMode

    # fontTools reports every table it drops while subsetting (WenQuanYi's bitmap BDF table).
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

    pdf = FPDF(orientation="P", unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for role, spec in FONTS.items():
        pdf.add_font(role, "", spec.path, collection_font_number=spec.index)
    # Fixed metadata: two runs must give byte-identical files.
    pdf.set_creation_date(datetime(2022, 3, 25, 9, 0, 0, tzinfo=timezone(timedelta(hours=8))))
    pdf.set_producer("plan_extract scripts/make_official_pdf.py (fpdf2)")
    pdf.set_creator("plan_extract scripts/make_official_pdf.py")
    pdf.set_title(title or NOTICE_TITLE + "（重排替代件）")
    pdf.set_author("天津市人民政府（re-typeset stand-in, not the government's file）")
    pdf.set_lang("zh-CN")
    pdf.set_line_width(0.6)  # stroke width of the synthetic bold

    size_of = {"title": TITLE_PT, "body": BODY_PT, "latin": BODY_PT, "heading": BODY_PT}

    def draw_line(line: Line, row: int) -> None:
        atoms = line.atoms
        if not atoms:
            return
        size = TITLE_PT if line.kind in ("notice_title", "plan_title") else BODY_PT
        widths = [a.width * size_of[a.role] for a in atoms]
        # Gaps between atoms (and between the glyphs of a CJK run) take the tracking; the
        # letters inside a Latin run stay as the font sets them.
        gaps = len(atoms) - 1
        natural_gap = GAP_NATURAL if size == BODY_PT else 0.0
        x0 = LEFT + line.indent * CELL
        if line.justify and gaps > 0:
            gap = (TEXT_W - line.indent * CELL - sum(widths)) / gaps
        else:
            gap = natural_gap
        total = sum(widths) + gaps * gap
        if line.align == "center":
            x0 = LEFT + (TEXT_W - total) / 2
        elif line.align == "right":
            x0 = LEFT + TEXT_W - line.right_indent * CELL - total
        y = baseline(row, size)
        x = x0
        i = 0
        while i < len(atoms):
            role = atoms[i].role
            j = i
            while j < len(atoms) and atoms[j].role == role and (role != "latin" or j == i):
                j += 1
            run = "".join(a.text for a in atoms[i:j])
            pdf.set_font(role, size=size_of[role] if role != "title" else size)
            pdf.set_char_spacing(0.0 if role == "latin" else gap)
            # Synthetic bold for the title face: fill and stroke the glyphs (text render mode 2).
            pdf.text_mode = TextMode.FILL_STROKE if role == "title" else TextMode.FILL
            pdf.text(x, y, run)
            x += sum(widths[i:j]) + (j - i) * gap
            i = j

    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        for row, line in enumerate(page):
            draw_line(line, row)
        # Folio: "— N —", 4号, 7 mm below the text block; odd pages right, even pages left, one
        # character in from the text block's edge.
        folio = f"— {number} —"
        pdf.set_font("latin", size=FOLIO_PT)
        pdf.set_char_spacing(0.0)
        width = metrics.em("latin", folio) * FOLIO_PT
        x = LEFT + TEXT_W - FOLIO_PT - width if number % 2 else LEFT + FOLIO_PT
        pdf.text(x, TOP + TEXT_H + 7 * MM + 0.88 * FOLIO_PT, folio)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))


# --------------------------------------------------------------------------- main


def build(text_path: Path, out: Path, report: bool = False) -> list[list[Line]]:
    check_fonts()
    seed = text_path.read_text(encoding="utf-8")
    blocks = parse_seed(seed)
    metrics = Metrics()
    # First pass: every seed cut is a candidate page end.  Second pass: only the cuts that did end
    # a page keep their forced line end, so paragraphs around the others are set naturally.
    pages = paginate(compose(blocks, metrics))
    kept = {page[-1].cut_id for page in pages if page and page[-1].cut_id is not None}
    lines = compose(blocks, metrics, {c for c in kept if c is not None})
    pages = paginate(lines)
    render(pages, out, metrics, title=blocks[0].text + "（重排替代件）")
    if report:
        print_report(blocks, lines, pages)
    return pages


def print_report(blocks: list[Block], lines: list[Line], pages: list[list[Line]]) -> None:
    """Say, for every page cut seed 004 shows, whether the stand-in breaks its page there too."""
    page_ends = {id(page[-1]) for page in pages if page}
    cut_lines = [ln for ln in lines if ln.cut_after]
    cuts = [(b.text[max(0, c - 6) : c], b.text[c : c + 4]) for b in blocks for c in b.cuts]
    print(
        f"pages: {len(pages)}; seed page cuts: {len(cuts)}; met by a line end: {len(cut_lines)}; "
        f"met by a page end: {sum(1 for ln in cut_lines if id(ln) in page_ends)}"
    )
    for before, after in cuts:
        hit = [ln for ln in cut_lines if "".join(a.text for a in ln.atoms).endswith(before)]
        state = "page break" if hit and id(hit[0]) in page_ends else ("line end only" if hit else "not met")
        print(f"  cut …{before}|{after}…: {state}")
    for number, page in enumerate(pages, start=1):
        last = page[-1]
        mark = "seed cut" if last.cut_after else ("paragraph end" if last.para_end else "MID-PARAGRAPH")
        print(f"  page {number:2d}: {len(page):2d} lines, ends at {mark}")
    loose = [ln for ln in lines if ln.justify and COLS - ln.indent - sum(a.width for a in ln.atoms) > 0.75]
    print(
        f"justified lines with fewer than 28 characters' worth of text: {len(loose)} of "
        f"{sum(1 for ln in lines if ln.justify)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=DEFAULT_TEXT, help="seed 004 (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output (default: %(default)s)")
    parser.add_argument("--report", action="store_true", help="print page and page-cut statistics")
    args = parser.parse_args(argv)
    if not args.text.is_file():
        die(f"{args.text}: no such file")
    build(args.text, args.out, report=args.report)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, sha256 {digest[:16]}…)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
