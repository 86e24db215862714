"""``plan-extract diff``: the comparison of two sources of one document, on real and synthetic records.

The real figures: the web scrape against the official PDF names exactly the three real differences
between the editions as variants (经营许可证/许可, 支持/支持的, 区/各区人民政府) and states its coverage;
its JSON equals the committed, human-reviewed ``data/reviewed/tianjin_web_vs_official.json``; a
traditional-character copy of the official text compares identical.  The synthetic pair has one
known agency difference and one known placement difference, and nothing else.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from plan_extract.attribution import parse_responsibility
from plan_extract.cli import main
from plan_extract.diff import Loaded, char_diff, compare, load
from plan_extract.models import (
    Agency,
    Document,
    Measure,
    Plan,
    PlanRecord,
    Provenance,
    Section,
    SourceInfo,
    Task,
    Unplaced,
)
from plan_extract.numerals import to_chinese_number

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
PDF = RAW / "tianjin_plan_official.pdf"
REVIEWED = REPO / "data" / "reviewed" / "tianjin_web_vs_official.json"
REGENERATE = (
    "plan-extract diff data/raw/tianjin_plan_official.pdf data/raw/tianjin_plan_web_scrape.txt --json "
    "> data/reviewed/tianjin_web_vs_official.json"
)

# --------------------------------------------------------------------------------- synthetic records

TaskSpec = tuple[str, str | None]


def _task(source: str, text: str, paren: str | None) -> Task:
    task = Task(text=text, agencies=[], parenthesis=paren, provenance=Provenance(source=source, start=0, end=len(text)))
    resp = parse_responsibility(paren) if paren else None
    if resp is not None:
        task.agencies = [Agency(name=n, role=r) for n, r in zip(resp.names, resp.roles, strict=True)]  # type: ignore[arg-type]
        task.responsibility = resp.phrase
    return task


def make_record(
    name: str,
    kind: str,
    measures: dict[int, list[TaskSpec]],
    *,
    title: str = "某市人民政府关于印发某市绿色低碳发展实施方案的通知",
    published: str | None = None,
    unplaced: list[tuple[str, int | None, int | None]] | None = None,
) -> PlanRecord:
    """A small record: one section, the given measures (number → tasks), optional unplaced text."""
    return PlanRecord(
        sources=[SourceInfo(name=name, kind=kind, sha256=name.encode().hex().ljust(64, "0")[:64])],  # type: ignore[arg-type]
        document=Document(title=title, issuer="某市人民政府", signed_date="2022-03-25", published_date=published),
        plan=Plan(
            title="某市绿色低碳发展实施方案",
            preamble=None,
            sections=[
                Section(
                    number=1,
                    label="一、",
                    title="重点任务",
                    measures=[
                        Measure(
                            number=n,
                            label=f"（{to_chinese_number(n)}）",
                            title=f"第{to_chinese_number(n)}项措施",
                            tasks=[_task(name, text, paren) for text, paren in tasks],
                        )
                        for n, tasks in sorted(measures.items())
                    ],
                )
            ],
            unplaced=[
                Unplaced(
                    text=text,
                    kind="text",
                    first_measure=lo,
                    last_measure=hi,
                    provenance=Provenance(source=name, start=0, end=len(text)),
                )
                for text, lo, hi in unplaced or []
            ],
        ),
    )


T1 = "推进绿色制造体系建设，培育一批绿色工厂。"
T2 = "加强再生资源回收利用体系建设。"
T3 = "执行《绿色建筑评价标准》（DB/T 29—2021）。"
T4 = "推广节能环保产品，扩大绿色消费。"
P1 = "（市工业和信息化局、各区人民政府按职责分工负责）"


def synthetic_pair() -> tuple[PlanRecord, PlanRecord]:
    """B differs from A in exactly: T1's agencies (+市发展改革委), T4's measure (（二）→（一）), the
    publication date (only B has one) — and in whitespace (DB/T29), which is no difference."""
    a = make_record(
        "a.pdf",
        "pdf",
        {1: [(T1, P1), (T2, "（市商务局负责）")], 2: [(T3, "（市住房城乡建设委负责）"), (T4, "（市发展改革委负责）")]},
    )
    b = make_record(
        "b.txt",
        "text",
        {
            1: [
                (T1, "（市工业和信息化局、市发展改革委、各区人民政府按职责分工负责）"),
                (T2, "（市商务局负责）"),
                (T4, "（市发展改革委负责）"),
            ],
            2: [(T3.replace("DB/T 29", "DB/T29"), "（市住房城乡建设委负责）")],
        },
        published="2022-03-29",
    )
    return a, b


def write(record: PlanRecord, path: Path) -> Path:
    path.write_text(record.model_dump_json(), encoding="utf-8")
    return path


def _variants(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"measure": g.get("measure"), **v} for g in data["measures"] for v in g.get("variants", [])]


# ----------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def pdf_loaded() -> Loaded:
    return load(PDF)


@pytest.fixture(scope="module")
def scrape_loaded(scrape_record: PlanRecord, scrape_path: Path) -> Loaded:
    return Loaded(scrape_record, scrape_path.name, str(scrape_path))


@pytest.fixture(scope="module")
def web_vs_official(pdf_loaded: Loaded, scrape_loaded: Loaded) -> dict[str, Any]:
    return compare(pdf_loaded, scrape_loaded).to_json()


# ------------------------------------------------------------------------------------- real figures


def test_web_scrape_differences_are_the_reviewed_ones(web_vs_official: dict[str, Any]) -> None:
    """CI gate: the scrape differs from the official PDF exactly as a human has reviewed."""
    reviewed = json.loads(REVIEWED.read_text(encoding="utf-8"))
    if web_vs_official != reviewed:
        got = json.dumps(web_vs_official, ensure_ascii=False, indent=2).splitlines()
        want = json.dumps(reviewed, ensure_ascii=False, indent=2).splitlines()
        delta = "\n".join(list(difflib.unified_diff(want, got, "reviewed", "now", lineterm="", n=2))[:60])
        pytest.fail(
            "the web scrape no longer differs from the official PDF exactly as reviewed in "
            f"{REVIEWED.relative_to(REPO)}.\nIf the new differences are right, regenerate the file with\n"
            f"    {REGENERATE}\nand have a human review the change before committing it.\n{delta}",
            pytrace=False,
        )


def test_the_three_real_variants_and_nothing_else(web_vs_official: dict[str, Any]) -> None:
    variants = _variants(web_vs_official)
    wording = sorted(
        (v["measure"], v["task"], char_diff(v["a"], v["b"], context=6)) for v in variants if v["field"] == "text"
    )
    assert wording == [(15, 3, "…执行经营许可[-证-]管理制度。"), (18, 3, "…财政资金支持{+的+}绿色技术研发…")]
    agencies = [v for v in variants if v["field"] == "agencies"]
    assert len(agencies) == 1
    assert (agencies[0]["measure"], agencies[0]["task"]) == (19, 3)
    assert "市规划资源局、{+各+}区人民政府" in agencies[0]["diff"]
    assert agencies[0]["only_in_a"] == ["区人民政府"] and agencies[0]["only_in_b"] == ["各区人民政府"]
    assert not agencies[0]["carried_text"], "the scrape keeps this parenthesis but lost the task's text"
    assert not [v for v in variants if v["field"] == "placement"]
    assert web_vs_official["summary"]["only_in_b"] == 0


def test_web_scrape_coverage(web_vs_official: dict[str, Any]) -> None:
    """Tasks of the official text present in the scrape (every sentence, placed or unplaced)."""
    assert web_vs_official["coverage"] == {"tasks": 99, "present": 76, "partial": 3, "missing": 20, "percent": 76.8}
    summary = web_vs_official["summary"]
    assert summary["measure_headings_only_in_a"] == [13, 14, 15, 21, 23, 24, 26]
    assert summary["tasks_only_in_a"] == 20
    assert web_vs_official["document"] == [{"field": "document.published_date", "a": None, "b": "2022-03-29"}]


def test_report_a_person_reads(pdf_loaded: Loaded, scrape_loaded: Loaded) -> None:
    report = compare(pdf_loaded, scrape_loaded).render()
    assert "coverage: B carries 76 of 99 tasks of A (76.8%), 3 more in part; 20 missing" in report
    assert "filed under a measure or among B's unplaced fragments" in report, "the report says how it counts"
    assert "经营许可[-证-]管理制度" in report
    assert "财政资金支持{+的+}绿色技术" in report
    assert "{+各+}区人民政府" in report
    assert "measure headings B lacks: （十三）（十四）（十五）（二十一）（二十三）（二十四）（二十六）" in report


def test_official_pdf_and_its_text_are_identical(pdf_loaded: Loaded, official_record: PlanRecord) -> None:
    comparison = compare(pdf_loaded, Loaded(official_record, "tianjin_plan_official_text.txt", ""))
    assert comparison.identical, comparison.render()


def test_traditional_copy_diffs_identical(
    official_path: Path, official_source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from opencc import OpenCC

    traditional = OpenCC("s2t").convert(official_source)
    assert traditional != official_source
    copy = tmp_path / "tianjin_plan_traditional.txt"
    copy.write_text(traditional, encoding="utf-8")
    assert main(["diff", str(official_path), str(copy)]) == 0
    assert "identical" in capsys.readouterr().out


# ------------------------------------------------------------------------------------ synthetic pair


def test_synthetic_agency_and_placement_difference() -> None:
    a, b = synthetic_pair()
    data = compare(Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", "")).to_json()
    assert not data["identical"]
    assert data["coverage"]["present"] == data["coverage"]["tasks"] == 4
    variants = _variants(data)
    assert [(v["measure"], v["task"], v["field"]) for v in variants] == [(1, 1, "agencies"), (2, 2, "placement")]
    assert variants[0]["only_in_b"] == ["市发展改革委"] and variants[0]["only_in_a"] == []
    assert variants[0]["diff"] == "（市工业和信息化局{+、市发展改革委+}、各区人民政府按职责分工负责）"
    assert (variants[1]["a"], variants[1]["b"]) == ("（二）", "（一）")
    assert data["summary"]["wording_variants"] == 0, "DB/T 29 vs DB/T29 is whitespace, not wording"
    assert data["document"] == [{"field": "document.published_date", "a": None, "b": "2022-03-29"}]


def test_synthetic_only_in_each_side() -> None:
    a, _ = synthetic_pair()
    b = make_record(
        "b.txt",
        "text",
        {
            1: [(T1, P1), (T2, "（市商务局负责）")],
            2: [
                (T3, "（市住房城乡建设委负责）"),
                (T4, "（市发展改革委负责）"),
                ("开展绿色社区创建行动。", "（市民政局负责）"),
            ],
        },
    )
    b.plan.sections[0].measures[0].tasks.pop(1)  # T2 only in A
    data = compare(Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", "")).to_json()
    assert data["coverage"] == {"tasks": 4, "present": 3, "partial": 0, "missing": 1, "percent": 75.0}
    m1, m2 = data["measures"]
    assert [t["text"] for t in m1["only_in_a"]] == [T2]
    assert m2["only_in_b"] == [{"place": "（二）", "text": "开展绿色社区创建行动。", "parenthesis": "（市民政局负责）"}]


def test_unplaced_fragments_count_as_carried() -> None:
    """A damaged B that could not place T4 still carries it when T4's measure is in the range."""
    a, _ = synthetic_pair()
    b = make_record(
        "b.txt",
        "text",
        {1: [(T1, P1), (T2, "（市商务局负责）")], 2: [(T3, "（市住房城乡建设委负责）")]},
        unplaced=[(T4, 2, None)],
    )
    comparison = compare(Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", ""))
    assert comparison.coverage()["present"] == 4
    assert comparison.found_only_unplaced() == 1
    assert [t.b_place for t in comparison.tasks] == [None] * 4


def test_a_parenthesis_a_has_alone_and_b_lacks_is_reported_not_only_counted() -> None:
    """A's unplaced parenthesis whose text is lost, missing in B, makes the editions differ: the report
    must say where (it once exited 1 with an empty list of differences)."""
    measures: dict[int, list[TaskSpec]] = {
        1: [(T1, P1), (T2, "（市商务局负责）")],
        2: [(T3, "（市住房城乡建设委负责）")],
    }
    a, b = make_record("a.pdf", "pdf", measures), make_record("b.txt", "text", measures)
    assert compare(Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", "")).identical
    lone = "（市民政局负责）"
    a.plan.unplaced.append(
        Unplaced(
            text="",
            kind="parenthesis",
            parenthesis=lone,
            first_measure=1,
            last_measure=2,
            provenance=Provenance(source="a.pdf", start=0, end=len(lone)),
        )
    )
    comparison = compare(Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", ""))
    data = comparison.to_json()
    assert not data["identical"]
    assert data["summary"]["parentheses_missing_in_b"] == 1
    assert f"B lacks the parenthesis {lone}" in comparison.render()


def test_char_diff_notation() -> None:
    assert char_diff("严格执行经营许可证管理制度", "严格执行经营许可管理制度") == "严格执行经营许可[-证-]管理制度"
    assert char_diff("DB/T 29", "DB/T29") == "DB/T29"
    assert char_diff("甲乙", "甲丙") == "甲[-乙-]{+丙+}"


# -------------------------------------------------------------------------------------- exit status


def test_exit_status_like_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = synthetic_pair()
    pa, pb = write(a, tmp_path / "a.json"), write(b, tmp_path / "b.json")
    assert main(["diff", str(pa), str(pa)]) == 0
    assert main(["diff", str(pa), str(pb)]) == 1
    capsys.readouterr()
    assert main(["diff", "--json", str(pa), str(pb), "-o", str(tmp_path / "d.json")]) == 1
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["summary"]["agency_differences"] == 1
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("bad", ["missing.json", "not-json.json", "not-a-record.json", "empty.txt"])
def test_bad_input_is_one_line_and_exit_2(bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = synthetic_pair()
    good = write(a, tmp_path / "a.json")
    path = tmp_path / bad
    if bad == "not-json.json":
        path.write_text("{not json", encoding="utf-8")
    elif bad == "not-a-record.json":
        path.write_text('{"x": 1}', encoding="utf-8")
    elif bad == "empty.txt":
        path.write_bytes(b"")
    assert main(["diff", str(good), str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"plan-extract: error: {path}"), err


def test_bad_input_through_the_entry_point(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "plan_extract", "diff", str(missing), str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"plan-extract: error: {missing}: no such file"]


def _restarting(name: str, kind: str, first: list[TaskSpec], second: list[TaskSpec]) -> PlanRecord:
    """Two sections whose measures are both numbered （一）: a measure is its section and its number."""
    record = make_record(name, kind, {1: first})
    again = make_record(name, kind, {1: second}).plan.sections[0]
    record.plan.sections.append(again.model_copy(update={"number": 2, "label": "二、", "title": "保障措施"}))
    return record


def test_measures_numbered_anew_in_each_section() -> None:
    a = _restarting("a.pdf", "pdf", [(T1, P1), (T2, "（市商务局负责）")], [(T3, "（市住房城乡建设委负责）")])
    same = compare(Loaded(a, "a.pdf", ""), Loaded(a, "a2.pdf", ""))
    assert same.identical, same.render()
    b = _restarting("b.txt", "text", [(T1, P1)], [(T3, "（市住房城乡建设委负责）"), (T2, "（市商务局负责）")])
    data = compare(Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", "")).to_json()
    assert _variants(data) == [{"measure": 1, "task": 2, "field": "placement", "a": "一、（一）", "b": "二、（一）"}], (
        "T2 moved from section 1's （一） to section 2's （一）"
    )
    assert [(g.get("section"), g["measure"]) for g in data["measures"]] == [(1, 1)]
