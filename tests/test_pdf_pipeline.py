"""The stand-in official PDF through the whole pipeline, against the official text (issue: PDF reader)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from plan_extract import PlanRecord, extract

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PAGE_NUMBER = regex.compile(r"[—–-]\s+\d{1,3}\s+[—–-]")  # "— 9 —" as printed at the foot


@cache
def pdf_record() -> PlanRecord:
    return extract(RAW / "tianjin_plan_official.pdf")


@cache
def text_record() -> PlanRecord:
    return extract(RAW / "tianjin_plan_official_text.txt")


def _tasks(rec: PlanRecord) -> list[tuple[int, str, tuple[str, ...]]]:
    return [
        (m.number, t.text, tuple(a.name for a in t.agencies))
        for s in rec.plan.sections
        for m in s.measures
        for t in m.tasks
    ]


def test_pdf_has_the_printed_structure() -> None:
    rec = pdf_record()
    assert [s.number for s in rec.plan.sections] == list(range(1, 9))
    assert [m.number for s in rec.plan.sections for m in s.measures] == list(range(1, 29))
    assert [s.title for s in rec.plan.sections] == [s.title for s in text_record().plan.sections]
    assert [m.title for s in rec.plan.sections for m in s.measures] == [
        m.title for s in text_record().plan.sections for m in s.measures
    ]


def test_pdf_tasks_equal_the_official_text_tasks() -> None:
    pdf, txt = _tasks(pdf_record()), _tasks(text_record())
    assert len(pdf) == len(txt) == 99
    same = sum(1 for a, b in zip(pdf, txt, strict=True) if a == b)
    assert same >= 98, [(a, b) for a, b in zip(pdf, txt, strict=True) if a != b][:3]


def test_every_pdf_task_has_its_page_and_box() -> None:
    for s in pdf_record().plan.sections:
        for m in s.measures:
            for t in m.tasks:
                p = t.provenance
                assert p.page is not None and p.page_end is not None and 1 <= p.page <= p.page_end <= 19
                assert p.bbox is not None and p.bbox[0] < p.bbox[2] and p.bbox[1] < p.bbox[3]


def test_no_page_number_or_header_inside_any_text() -> None:
    rec = pdf_record()
    for _, text, _ in _tasks(rec):
        assert not PAGE_NUMBER.search(text), text
    assert rec.accounting is not None and rec.accounting.layout_noise == 19
    assert all(d.page is not None for d in rec.accounting.dropped if d.kind == "layout_noise")


def test_pdf_document_fields() -> None:
    doc = pdf_record().document
    assert doc.title == text_record().document.title
    assert doc.issuer == "天津市人民政府" and doc.signed_date == "2022-03-25"
    assert doc.published_date is None  # the PDF does not say when it was published


def test_kangxi_text_layer_pdf_comes_out_clean() -> None:
    rec = extract(Path(__file__).parent / "data" / "kangxi_text_layer.pdf")
    dump = rec.model_dump_json()
    assert not regex.search(r"[\u2E80-\u2FDF]", dump)
    tasks = [t for s in rec.plan.sections for m in s.measures for t in m.tasks]
    assert tasks and any("进口" in t.text for t in tasks)
    assert any(a.name == "市工业和信息化局" for t in tasks for a in t.agencies)
