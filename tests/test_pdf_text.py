"""A text made from a PDF (``pdftotext``) reads as the PDF does: its page numbers are counted noise, its
pages are kept, and a line break inside a title or a responsibility parenthesis is undone.

``tests/data/tianjin_plan_official.pdftotext.txt`` is ``pdftotext data/raw/tianjin_plan_official.pdf``
(poppler-utils 22.12, Debian 12, default options), kept so these tests run where poppler is not
installed.  Before the page marks were taken out, it misfiled 16 of its 99 tasks: "市科—14—\\f技局" as
an agency, and the tasks of （四） and （八） under （三） and （七） behind "—3—（四）…".  Where
``pdftotext`` is installed, its other modes are run on the PDF as well.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_extract import PlanRecord, extract
from plan_extract.diff import compare, load
from plan_extract.readers import read_source
from plan_extract.readers.text import read_text

DATA = Path(__file__).parent / "data"
PDFTOTEXT = DATA / "tianjin_plan_official.pdftotext.txt"
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PDF = RAW / "tianjin_plan_official.pdf"
PAGE_MARK = regex.compile(r"^\s*[—–-]\s*\d{1,3}\s*[—–-]\s*$", regex.MULTILINE)


@cache
def pdf_record() -> PlanRecord:
    return extract(PDF)


def _tasks(rec: PlanRecord) -> list[tuple[int, str, tuple[str, ...], int | None]]:
    return [
        (m.number, t.text, tuple(a.name for a in t.agencies), t.provenance.page)
        for s in rec.plan.sections
        for m in s.measures
        for t in m.tasks
    ]


def _differences(path: Path) -> list[str]:
    comparison = compare(load(PDF), load(path))
    return [] if comparison.identical else [str(d) for d in comparison.document] or ["tasks or headings differ"]


def test_the_pdftotext_fixture_is_what_it_says() -> None:
    """Guard: the fixture has the form feeds and page numbers that made it misfile."""
    text = PDFTOTEXT.read_text(encoding="utf-8")
    assert text.count("\f") == 19
    assert len(PAGE_MARK.findall(text)) == 19
    assert regex.search(r"市科\n+—\s*14\s*—\n+\f技局", text)  # the page break inside 市科技局


def test_pdftotext_output_gives_the_pdfs_record(tmp_path: Path) -> None:
    assert _differences(PDFTOTEXT) == []
    # the same text with no form feeds (pdftotext -nopgbrk): the lone "—3—" lines are the marks
    flat = tmp_path / "nopgbrk.txt"
    flat.write_text(PDFTOTEXT.read_text(encoding="utf-8").replace("\f", ""), encoding="utf-8")
    assert _differences(flat) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize(
    "options", [[], ["-layout"], ["-raw"], ["-nopgbrk"]], ids=["default", "layout", "raw", "nopgbrk"]
)
def test_pdftotext_modes_give_the_pdfs_record(tmp_path: Path, options: list[str]) -> None:
    out = tmp_path / "plan.txt"
    subprocess.run(["pdftotext", *options, str(PDF), str(out)], check=True)
    assert _differences(out) == []


def test_page_numbers_are_counted_noise_on_their_pages() -> None:
    src = read_source(PDFTOTEXT)
    assert "\f" not in src.text and not PAGE_MARK.search(src.text)
    assert [(n.kind, n.page) for n in src.noise] == [("page_number", p) for p in range(1, 20)]
    assert [p.number for p in src.pages] == list(range(1, 20))
    assert src.pages[0].start == 0 and src.pages[-1].end == len(src.text)
    assert all(a.end == b.start for a, b in zip(src.pages, src.pages[1:], strict=False))


def test_every_task_has_the_pdfs_page() -> None:
    rec = extract(PDFTOTEXT)
    from_text = _tasks(rec)
    assert len(from_text) == 99
    assert from_text == _tasks(pdf_record())
    assert rec.accounting is not None and rec.accounting.layout_noise == 19


def test_marks_are_taken_out_only_where_they_are_marks() -> None:
    # no form feed: a bare number is text, and dashed numbers that do not rise are not page numbers
    for text in ("一、总体要求\n3\n（一）指导思想。\n4\n", "甲。\n—2—\n乙。\n—1—\n丙。\n"):
        src = read_text("t.txt", text.encode("utf-8"))
        assert src.text == text and src.noise == ()
    # form feeds, but the lines at the pages' edges are the plan's own
    paged = "一、总体要求\n（一）指导思想。\f（二）主要目标。\n二、重点任务\f（三）健全体系。\n"
    src = read_text("t.txt", paged.encode("utf-8"))
    assert src.noise == () and src.text.split("\n") == paged.replace("\f", "\n").rstrip("\n").split("\n")


#: A line of body text: prose ends in a sentence mark, which no running header does.
LINE = st.text(alphabet=st.sampled_from("天津市推进绿色低碳循环发展，、（）负责"), min_size=1, max_size=30).map(
    lambda s: s + "。"
)
SPACE = regex.compile(r"\s")
HEADER = "天津市人民政府公报"


@settings(max_examples=60, deadline=None)
@given(
    pages=st.lists(st.lists(LINE, min_size=1, max_size=6), min_size=2, max_size=8),
    first=st.integers(min_value=1, max_value=5),
    header=st.booleans(),
    form_feeds=st.booleans(),
)
def test_no_character_is_lost_but_the_page_marks(
    pages: list[list[str]], first: int, header: bool, form_feeds: bool
) -> None:
    """Pages with a "— N —" footer (and maybe a running header) read back as their body lines, and the
    marks as noise, whether form feeds divide the pages or not: every character is one or the other.
    Without form feeds nothing marks a page's top, so a header stays text there."""
    chunks = []
    for k, lines in enumerate(pages):
        top = [HEADER] if header else []
        chunks.append("\n".join([*top, *lines, "", f"— {first + k} —", ""]))
    text = ("\f" if form_feeds else "\n").join(chunks)
    src = read_text("t.txt", text.encode("utf-8"))
    marks = [n.text for n in src.noise]
    assert [m for m in marks if m != HEADER] == [f"— {first + k} —" for k in range(len(pages))]
    assert marks.count(HEADER) == (len(pages) if header and form_feeds else 0)
    if form_feeds:
        assert [n.page for n in src.noise if n.text != HEADER] == list(range(1, len(pages) + 1))
    kept_header = [HEADER] if header and not form_feeds else []
    assert SPACE.sub("", src.text) == "".join(line for p in pages for line in [*kept_header, *p])
    assert sorted(SPACE.sub("", src.text + "".join(marks))) == sorted(SPACE.sub("", text))
