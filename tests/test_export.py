"""``plan-extract export``: the flat rows load with one pandas call and add up to the records.

pandas is a dev dependency only: the exports are written with the standard library, and these
tests read them back the way a user would — ``pd.read_csv(path)`` and
``pd.read_json(path, lines=True)`` with no arguments beyond the path.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from plan_extract.cli import main
from plan_extract.models import PlanRecord
from plan_extract.writers.export import AGENCY_COLUMNS, TASK_COLUMNS
from plan_extract.writers.json import dumps

TIANJIN_TASKS = 99  # tasks of the official Tianjin text: 28 measures' tasks as printed


def _n_tasks(record: PlanRecord) -> int:
    return sum(len(s.tasks) + sum(len(m.tasks) for m in s.measures) for s in record.plan.sections) + len(
        record.plan.unplaced
    )


def _n_mentions(record: PlanRecord) -> int:
    placed = sum(
        len(t.agencies) for s in record.plan.sections for t in [*s.tasks, *(t for m in s.measures for t in m.tasks)]
    )
    return placed + sum(len(u.agencies) for u in record.plan.unplaced)


@pytest.fixture(scope="module")
def records_dir(
    tmp_path_factory: pytest.TempPathFactory, official_record: PlanRecord, scrape_record: PlanRecord
) -> Path:
    d = tmp_path_factory.mktemp("records")
    (d / "official.json").write_text(dumps(official_record), encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "scrape.json").write_text(dumps(scrape_record), encoding="utf-8")
    (d / ".plan-extract-manifest.json").write_text('{"format": 1, "files": {}}\n', encoding="utf-8")
    return d


def _export(tmp_path: Path, *args: str, name: str = "out") -> Path:
    out = tmp_path / name
    assert main(["export", *args, "-q", "-o", str(out)]) == 0
    return out


def test_tianjin_task_rows_csv(tmp_path: Path, records_dir: Path, official_record: PlanRecord) -> None:
    out = _export(tmp_path, "--format", "csv", str(records_dir / "official.json"))
    df = pd.read_csv(out)
    assert list(df.columns) == list(TASK_COLUMNS)
    assert len(df) == TIANJIN_TASKS == _n_tasks(official_record)
    assert list(df["task_no"]) == list(range(1, TIANJIN_TASKS + 1))
    assert df["document_title"].iloc[0] == official_record.document.title
    assert (df["source"] == "tianjin_plan_official_text.txt").all()
    assert df["placed"].dtype == bool and df["placed"].all()
    first = official_record.plan.sections[1].measures[0].tasks[0]
    row = df[df["text"] == first.text].iloc[0]
    assert (row["section_number"], row["section_title"], row["measure_number"]) == (
        2,
        "构建绿色低碳循环发展的生产体系",
        3,
    )
    assert row["agencies"] == "、".join(a.name for a in first.agencies)
    assert first.parenthesis and row["parenthesis"] == first.parenthesis
    # agencies and roles line up
    both = df.dropna(subset=["agencies"])
    assert all(len(a.split("、")) == len(r.split("、")) for a, r in zip(both["agencies"], both["roles"], strict=True))


def test_tianjin_agency_rows_jsonl(tmp_path: Path, records_dir: Path, official_record: PlanRecord) -> None:
    out = _export(tmp_path, "--format", "jsonl", "--per", "agency", str(records_dir / "official.json"))
    df = pd.read_json(out, lines=True)
    assert list(df.columns) == list(AGENCY_COLUMNS)
    assert len(df) == _n_mentions(official_record)
    assert set(df["role"]) <= {"lead", "co"}
    assert (df.groupby("task_no")["position"].max() == df.groupby("task_no")["agencies_in_task"].first()).all()


def test_unplaced_rows_say_what_they_hold_and_where_they_may_lie(
    tmp_path: Path, records_dir: Path, scrape_record: PlanRecord
) -> None:
    """The scrape's unplaced fragments keep their kind and measure range in both exports, and an
    agency matrix can tell their rows from placed ones."""
    unplaced = scrape_record.plan.unplaced
    assert {u.kind for u in unplaced} >= {"text", "parenthesis"}
    path = str(records_dir / "sub" / "scrape.json")
    tasks = pd.read_csv(_export(tmp_path, "--format", "csv", path, name="t.csv"))
    placed, rest = tasks[tasks["placed"]], tasks[~tasks["placed"]]
    assert (placed["kind"] == "task").all()
    in_measure = placed.dropna(subset=["measure_number"])
    assert (in_measure["first_measure"] == in_measure["measure_number"]).all()
    assert (in_measure["last_measure"] == in_measure["measure_number"]).all()
    assert list(rest["kind"]) == [u.kind for u in unplaced]
    assert [None if pd.isna(v) else int(v) for v in rest["first_measure"]] == [u.first_measure for u in unplaced]
    assert [None if pd.isna(v) else int(v) for v in rest["last_measure"]] == [u.last_measure for u in unplaced]
    parens = rest[rest["kind"] == "parenthesis"]
    assert parens["text"].isna().all() and parens["agencies"].notna().all()
    # the parenthesis the agencies were read from, verbatim, on every unplaced row that has one
    printed = [u.parenthesis for u in unplaced if u.kind == "parenthesis"]
    assert all(printed) and list(parens["parenthesis"]) == printed
    assert [None if pd.isna(v) else v for v in rest["parenthesis"]] == [u.parenthesis for u in unplaced]
    agencies = pd.read_json(_export(tmp_path, "--format", "jsonl", "--per", "agency", path, name="a.jsonl"), lines=True)
    assert (~agencies["placed"]).sum() == sum(len(u.agencies) for u in unplaced) > 0
    assert set(agencies.loc[~agencies["placed"], "kind"]) <= {"task", "parenthesis"}


def test_csv_and_jsonl_carry_the_same_rows(tmp_path: Path, records_dir: Path) -> None:
    for per in ("task", "agency"):
        c = pd.read_csv(_export(tmp_path, "--format", "csv", "--per", per, str(records_dir), name=f"{per}.csv"))
        j = pd.read_json(
            _export(tmp_path, "--format", "jsonl", "--per", per, str(records_dir), name=f"{per}.jsonl"), lines=True
        )
        assert list(c.columns) == list(j.columns)
        assert len(c) == len(j)
        for col in ("file", "text", "task_no"):
            assert list(c[col]) == list(j[col])


def test_folder_input_is_recursive_sorted_and_skips_the_manifest(
    tmp_path: Path, records_dir: Path, official_record: PlanRecord, scrape_record: PlanRecord
) -> None:
    df = pd.read_csv(_export(tmp_path, "--format", "csv", str(records_dir)))
    files = list(dict.fromkeys(df["file"]))
    assert [Path(f).relative_to(records_dir).as_posix() for f in files] == ["official.json", "sub/scrape.json"]
    assert len(df) == _n_tasks(official_record) + _n_tasks(scrape_record)
    ag = pd.read_csv(_export(tmp_path, "--format", "csv", "--per", "agency", str(records_dir), name="ag.csv"))
    assert len(ag) == _n_mentions(official_record) + _n_mentions(scrape_record)


def test_bytes_are_deterministic_utf8_without_bom(tmp_path: Path, records_dir: Path) -> None:
    for fmt in ("csv", "jsonl"):
        a = _export(tmp_path, "--format", fmt, str(records_dir), name=f"a.{fmt}").read_bytes()
        b = _export(tmp_path, "--format", fmt, str(records_dir), name=f"b.{fmt}").read_bytes()
        assert a == b
        assert not a.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" not in a and b"\\u" not in a
        a.decode("utf-8")
    # other tools read the CSV too: the csv module sees the plain header
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == list(TASK_COLUMNS)
    first = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == list(TASK_COLUMNS)


def test_bom_for_excel_still_loads_with_pandas(tmp_path: Path, records_dir: Path) -> None:
    out = _export(tmp_path, "--format", "csv", "--bom", str(records_dir / "official.json"))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out)
    assert df.columns[0] == "file" and len(df) == TIANJIN_TASKS


def test_stdout_when_no_output(records_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonl", str(records_dir / "official.json")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == TIANJIN_TASKS


@pytest.mark.parametrize(
    ("content", "problem"),
    [("{not json", "not valid JSON"), ('{"schema_version": "1.0"}', "not a plan record"), (None, "no such file")],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, records_dir: Path, capsys: pytest.CaptureFixture[str], content: str | None, problem: str
) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", str(records_dir / "official.json"), str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"plan-extract: error: {bad}: {problem}") and "\n" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == ([bad] if content is not None else [])


@pytest.mark.shared
def test_corpus_pages_export(tmp_path: Path, shared_dir: Path) -> None:
    from plan_extract import extract

    d = tmp_path / "recs"
    d.mkdir()
    records = {}
    for page in sorted((shared_dir / "corpus").glob("*.html")):
        records[page.stem] = extract(page)
        (d / f"{page.stem}.json").write_text(dumps(records[page.stem]), encoding="utf-8")
    tasks = pd.read_csv(_export(tmp_path, "--format", "csv", str(d), name="t.csv"))
    agencies = pd.read_json(
        _export(tmp_path, "--format", "jsonl", "--per", "agency", str(d), name="a.jsonl"), lines=True
    )
    assert len(tasks) == sum(_n_tasks(r) for r in records.values())
    assert len(agencies) == sum(_n_mentions(r) for r in records.values())
    # item numbers (1.–21. in gov-05) come through as numbers
    gov05 = tasks[tasks["source"] == "gov-05.html"]
    assert gov05["item_number"].dropna().astype(int).tolist() == list(range(1, 22))


def test_agencies_a_measures_heading_names_are_marked_in_both_exports(tmp_path: Path) -> None:
    """A task under a measure whose heading names its lead (盘龙 2022's shape) exports those agencies,
    and the row says they are the measure's, so a responsibility matrix can tell them from a task's own."""
    src = tmp_path / "plan.txt"
    src.write_text(
        "一、主要任务\n（一）推进建设（牵头单位：市发展改革委）\n1.加快建设X设施。\n2.加快建设Y设施。（责任单位：市交通运输委）\n",
        encoding="utf-8",
    )
    assert main(["extract", str(src), "-q", "-o", str(tmp_path / "plan.json")]) == 0
    tasks = pd.read_csv(_export(tmp_path, "--format", "csv", str(tmp_path / "plan.json"), name="t.csv"))
    assert list(tasks["agencies"]) == ["市发展改革委", "市交通运输委"]
    assert [None if pd.isna(v) else v for v in tasks["agencies_from"]] == ["measure", None]
    assert list(tasks["parenthesis"]) == ["（牵头单位：市发展改革委）", "（责任单位：市交通运输委）"]
    per_agency = pd.read_json(
        _export(tmp_path, "--format", "jsonl", "--per", "agency", str(tmp_path / "plan.json"), name="a.jsonl"),
        lines=True,
    )
    assert list(zip(per_agency["agency"], per_agency["role"], strict=True)) == [
        ("市发展改革委", "lead"),
        ("市交通运输委", "co"),
    ]
    assert [None if pd.isna(v) else v for v in per_agency["agencies_from"]] == ["measure", None]
