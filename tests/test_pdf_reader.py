"""The PDF reader: layout into paragraphs, page-number removal, headings, refusal of bad PDFs.

Most tests run on the re-typeset stand-in of the official Tianjin PDF
(data/raw/tianjin_plan_official.pdf, made by scripts/make_official_pdf.py; 19 pages of GB/T 9704
layout) and on tests/data/kangxi_text_layer.pdf (text layer with Kangxi radicals).  Bad PDFs are
made inside the tests, in tmp_path.  Numbers pinned to the stand-in (19 pages, the page break
after 碳排放达峰后) would change if the government's own PDF were dropped in its place.
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
import subprocess
import unicodedata
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_extract.errors import InputError
from plan_extract.readers.base import SourceText
from plan_extract.readers.pdf import read_pdf

REPO = Path(__file__).resolve().parents[1]
STANDIN = REPO / "data" / "raw" / "tianjin_plan_official.pdf"
KANGXI = REPO / "tests" / "data" / "kangxi_text_layer.pdf"

NUMERALS = (
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 "
    "二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八"
).split()
SECTION_HEADINGS = [
    "一、总体要求",
    "二、构建绿色低碳循环发展的生产体系",
    "三、构建绿色低碳循环发展的流通体系",
    "四、构建绿色低碳循环发展的消费体系",
    "五、加快基础设施绿色升级",
    "六、构建市场导向的绿色技术创新体系",
    "七、完善政策制度体系",
    "八、认真抓好组织实施",
]
NOTICE_TITLE = "天津市人民政府关于印发天津市加快建立健全绿色低碳循环发展经济体系实施方案的通知"
PLAN_TITLE = "天津市加快建立健全绿色低碳循环发展经济体系的实施方案"
FROM_RADICAL = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}


@pytest.fixture(scope="module")
def standin() -> SourceText:
    return read_pdf(STANDIN)


@pytest.fixture(scope="module")
def kangxi() -> SourceText:
    return read_pdf(KANGXI)


def paragraphs(src: SourceText) -> list[str]:
    return src.text.split("\n\n")


# --------------------------------------------------------------------------------------------------
# The stand-in of the official PDF
# --------------------------------------------------------------------------------------------------


def test_page_numbers_are_removed_from_text(standin: SourceText) -> None:
    assert not re.search(r"—\s\d{1,2}\s—", standin.text)
    for n in range(1, 20):
        assert f"— {n} —" not in standin.text


def test_every_page_number_is_counted_as_noise(standin: SourceText) -> None:
    assert len(standin.pages) == 19
    assert [(n.kind, n.text, n.page) for n in standin.noise] == [("page_number", f"— {n} —", n) for n in range(1, 20)]


def test_every_page_has_an_entry_and_pages_cover_the_text(standin: SourceText) -> None:
    pages = standin.pages
    assert [p.number for p in pages] == list(range(1, 20))
    assert pages[0].start == 0 and pages[-1].end == len(standin.text)
    for before, after in itertools.pairwise(pages):
        assert before.end == after.start
    assert all(p.start < p.end for p in pages)  # every page of the stand-in carries text


def test_paragraphs_are_whole_measures(standin: SourceText) -> None:
    paras = paragraphs(standin)
    # notice title, recipients, notice body, signature, date, plan title, preamble, 8 sections, 28 measures
    assert len(paras) == 6 + 1 + 8 + 28
    measures = [p for p in paras if p.startswith("（")]
    assert [m[: m.index("）") + 1] for m in measures] == [f"（{n}）" for n in NUMERALS]
    assert all("\n" not in p and p == p.strip() for p in paras)
    assert paras[:6] == [
        NOTICE_TITLE,
        "各区人民政府，市政府各委、办、局：",
        "现将《天津市加快建立健全绿色低碳循环发展经济体系的实施方案》印发给你们，望遵照执行。",
        "天津市人民政府",
        "2022年3月25日",
        PLAN_TITLE,
    ]
    # the last measure of a section is followed by the next heading, never glued to it
    for heading in SECTION_HEADINGS:
        assert heading in paras


def test_sentence_cut_by_a_page_break_is_joined(standin: SourceText) -> None:
    at = standin.text.index("碳排放达峰后稳中有降")
    assert standin.page_at(at) == 2
    assert standin.page_at(at + len("碳排放达峰后")) == 3  # the page break falls inside the phrase
    assert standin.pages[2].start == at + len("碳排放达峰后")
    # every page break that falls inside a paragraph joins the two halves with nothing between
    inside = [p.start for p in standin.pages[1:] if standin.text[p.start - 2 : p.start] != "\n\n"]
    assert len(inside) >= 10
    for start in inside:
        assert not standin.text[start - 1].isspace() and not standin.text[start].isspace()


def test_titles_and_section_headings_are_headings(standin: SourceText) -> None:
    expected = {standin.text.index(NOTICE_TITLE), standin.text.index(f"\n\n{PLAN_TITLE}\n\n") + 2}
    expected |= {standin.text.index(f"\n\n{h}\n\n") + 2 for h in SECTION_HEADINGS}
    assert standin.heading_offsets == frozenset(expected)
    for offset in standin.heading_offsets:  # each heading is a paragraph of its own
        assert offset == 0 or standin.text[offset - 2 : offset] == "\n\n"
        end = standin.text.find("\n\n", offset)
        assert end - offset <= len(NOTICE_TITLE)


def test_line_boxes_point_into_text_and_onto_the_page(standin: SourceText) -> None:
    assert len(standin.lines) > 300
    for box in standin.lines:
        page = standin.pages[box.page - 1]
        assert page.start <= box.start < box.end <= page.end
        assert "\n" not in standin.text[box.start : box.end]
        x0, top, x1, bottom = box.bbox
        assert 0 <= x0 < x1 <= 595.3 and 0 <= top < bottom <= 841.9
    # the page number sits below every line of text
    assert max(box.bbox[3] for box in standin.lines) < 760
    first = standin.lines[0]
    assert standin.text[first.start : first.end] == "天津市人民政府关于印发天津市加快"
    assert standin.bbox_of(first.start, first.end) == first.bbox


def test_latin_runs_keep_their_text(standin: SourceText) -> None:
    assert "DB/T 29—204—2021" in standin.text
    assert "到2025年" in standin.text and "11.5%" in standin.text
    assert standin.metadata["page_count"] == "19"
    assert standin.kind == "pdf" and standin.name == STANDIN.name


# --------------------------------------------------------------------------------------------------
# Kangxi radicals in the text layer: handed on untouched
# --------------------------------------------------------------------------------------------------


def test_kangxi_radicals_are_returned_untouched(kangxi: SourceText) -> None:
    text = kangxi.text
    assert paragraphs(kangxi)[0] == "⼆、构建绿⾊低碳循环发展的⽣产体系"
    assert kangxi.heading_offsets == frozenset({0})
    assert "（市⼯业和信息化局、各区⼈民政府按职责分⼯负责）" in text
    assert "进⼝旧机电产品" in text  # 口 as U+2F1D KANGXI RADICAL MOUTH
    assert sum(1 for ch in text if 0x2F00 <= ord(ch) <= 0x2FD5) >= 40
    assert "一" not in text and "工" not in text  # nothing was normalised
    restored = "".join(FROM_RADICAL.get(ch, ch) for ch in text)
    assert "（市工业和信息化局、各区人民政府按职责分工负责）" in restored
    assert [(n.kind, n.text) for n in kangxi.noise] == [("page_number", "— 1 —")]


# --------------------------------------------------------------------------------------------------
# A PDF made here with fpdf2: running header, page numbers, Latin text across pages
# --------------------------------------------------------------------------------------------------


def _gazette(tmp_path: Path) -> tuple[Path, list[str]]:
    pytest.importorskip("fpdf")
    from fpdf import FPDF

    rng = random.Random(7)
    words = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega".split()
    paras = [" ".join(rng.choice(words) for _ in range(rng.randint(60, 160))) + "." for _ in range(6)]

    class Gazette(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 10, "Tianjin Municipal Gazette 2022 Issue 5", align="C")
            self.ln(30)

        def footer(self) -> None:
            self.set_y(-40)
            self.set_font("Helvetica", size=9)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Gazette(unit="pt", format=(420, 595))
    pdf.set_auto_page_break(True, margin=60)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for para in paras:
        pdf.multi_cell(0, 15, para, align="J")
        pdf.ln(15)  # a blank line: these paragraphs have no first-line indent
    path = tmp_path / "gazette.pdf"
    pdf.output(str(path))
    return path, paras


def test_running_header_and_page_numbers_of_a_generated_pdf(tmp_path: Path) -> None:
    path, paras = _gazette(tmp_path)
    src = read_pdf(path)
    n = len(src.pages)
    assert n >= 3
    kinds = sorted((x.kind, x.page) for x in src.noise)
    assert kinds == sorted(
        [("page_number", p) for p in range(1, n + 1)] + [("running_header", p) for p in range(1, n + 1)]
    )
    assert "Gazette" not in src.text
    # Latin words split across lines (and pages) are joined by exactly one space
    assert paragraphs(src) == paras


def test_a_page_of_one_line_keeps_no_page_number(tmp_path: Path) -> None:
    """The last page of a notice can hold one line and its page number: both lines are at the bottom
    edge, and the number is the outermost.  It was left in the text (a page's two lines were taken
    for its top only)."""
    pytest.importorskip("fpdf")
    from fpdf import FPDF

    class Numbered(FPDF):
        def footer(self) -> None:
            self.set_y(-40)
            self.set_font("Helvetica", size=9)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    words = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega".split()
    pdf = Numbered(unit="pt", format=(420, 595))
    pdf.set_auto_page_break(True, margin=60)
    pdf.set_font("Helvetica", size=11)
    for page, lines in enumerate((20, 20, 1)):
        pdf.add_page()
        for i in range(lines):
            line = " ".join(words[(page * 20 + i + j) % len(words)] for j in range(2 + i % 5)) + "."
            pdf.multi_cell(300, 15, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "short.pdf"
    pdf.output(str(path))
    src = read_pdf(path)
    assert [(x.kind, x.text, x.page) for x in src.noise] == [("page_number", f"- {p} -", p) for p in (1, 2, 3)]
    assert "- 3 -" not in src.text and src.text.endswith(".")


# --------------------------------------------------------------------------------------------------
# Unusable PDFs: one InputError each, never a pdfminer exception
# --------------------------------------------------------------------------------------------------


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file from numbered object bodies (object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _page_pdf(content: bytes, flate: bool = False, trailer: bytes = b"") -> bytes:
    stream = zlib.compress(content) if flate else content
    filters = b"/Filter /FlateDecode " if flate else b""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< " + filters + b"/Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
        trailer,
    )


def _problem(path: Path, **limits: int) -> str:
    with pytest.raises(InputError) as info:
        read_pdf(path, **limits)
    assert info.value.path == str(path)
    assert "\n" not in info.value.problem
    return info.value.problem


def test_hand_made_pdf_reads(tmp_path: Path) -> None:
    """The helper makes valid PDFs: the failures below are the intended ones."""
    path = tmp_path / "ok.pdf"
    path.write_bytes(_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hello PDF) Tj ET", flate=True))
    assert read_pdf(path).text == "Hello PDF"


def test_truncated_pdf(tmp_path: Path) -> None:
    data = STANDIN.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in _problem(path)


def test_garbage_with_a_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    rng = random.Random(3)
    path.write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(5000)) + b"\n%%EOF\n")
    assert _problem(path).startswith("malformed PDF")


def test_not_a_pdf_and_empty(tmp_path: Path) -> None:
    text = tmp_path / "notes.pdf"
    text.write_text("天津市人民政府", encoding="utf-8")
    assert _problem(text) == "not a PDF (no %PDF- header)"
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert _problem(empty) == "file is empty"


def test_encrypted_pdf_by_hand(tmp_path: Path) -> None:
    """Standard security handler, RC4 40-bit, whose /U does not match the empty user password."""
    encrypt = b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >> " % (
        b"11" * 32,
        b"22" * 32,
    )
    ids = b"/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(_page_pdf(b"BT /F1 12 Tf 72 720 Td (secret) Tj ET", trailer=encrypt + ids))
    assert _problem(path) == "PDF is encrypted; decrypt it first"


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf (Debian package qpdf) is not installed")
def test_encrypted_pdf_by_qpdf(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", str(KANGXI), str(locked)], check=True)
    assert _problem(locked) == "PDF is encrypted; decrypt it first"
    # an owner password alone (empty user password) does not stop reading: pdfminer decrypts
    open_ = tmp_path / "owner-only.pdf"
    subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--", str(KANGXI), str(open_)], check=True)
    assert read_pdf(open_).text == read_pdf(KANGXI).text


def test_image_only_page_has_no_text_layer(tmp_path: Path) -> None:
    pytest.importorskip("fpdf")
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 170, 250, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert _problem(path) == "PDF has no text layer (scanned?); OCR is needed"


def test_too_many_pages_and_too_large() -> None:
    assert _problem(STANDIN, max_pages=5) == "PDF has 19 pages, more than the limit of 5"
    assert _problem(STANDIN, max_bytes=100_000).startswith("PDF is too large:")


def test_decompression_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_page_pdf(b"0 0 m\n" * 400_000, flate=True))  # 2.4 MB inflated, ~10 KB on disk
    assert path.stat().st_size < 50_000
    assert "inflates to more than 1000000 bytes" in _problem(path, max_bytes=1_000_000)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=12))
def test_damaged_pdfs_give_input_error_or_text(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    """Random byte damage anywhere: the reader returns a SourceText or raises InputError, nothing else."""
    data = bytearray(KANGXI.read_bytes())
    for where, value in flips:
        data[where % len(data)] = value
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        src = read_pdf(path)
    except InputError as exc:
        assert exc.problem and "\n" not in exc.problem
    else:
        assert isinstance(src, SourceText)
