"""``plan-extract extract SOURCE SOURCE…``: one canonical record from several sources of one document.

Figures: the web scrape + the official text give the official text's 99 tasks exactly, the
publication date only the scrape has (2022-03-29) and the signing date (2022-03-25); the scrape's
three real differences sit on the right tasks as variants; nothing of either source is lost; the
merged bytes do not depend on the order of the inputs; the committed ``data/structured/tianjin_plan.json``
is what ``make`` produces now.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_extract.cli import main
from plan_extract.diff import Loaded, load
from plan_extract.errors import InputError
from plan_extract.merge import merge, rank
from plan_extract.models import PlanRecord, Task
from plan_extract.segment import squash
from plan_extract.writers.json import dumps
from test_diff import P1, T1, T2, T3, T4, TaskSpec, make_record, synthetic_pair, write

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
COMMITTED = REPO / "data" / "structured" / "tianjin_plan.json"
OFFICIAL_NAME = "tianjin_plan_official_text.txt"
SCRAPE_NAME = "tianjin_plan_web_scrape.txt"


def tasks_of(record: PlanRecord) -> list[tuple[int, int, Task]]:
    return [(m.number, i, t) for s in record.plan.sections for m in s.measures for i, t in enumerate(m.tasks, 1)]


@pytest.fixture(scope="module")
def official_loaded(official_record: PlanRecord, official_path: Path) -> Loaded:
    return Loaded(official_record, official_path.name, str(official_path))


@pytest.fixture(scope="module")
def scrape_loaded(scrape_record: PlanRecord, scrape_path: Path) -> Loaded:
    return Loaded(scrape_record, scrape_path.name, str(scrape_path))


@pytest.fixture(scope="module")
def merged(official_loaded: Loaded, scrape_loaded: Loaded) -> PlanRecord:
    return merge([scrape_loaded, official_loaded])


# ------------------------------------------------------------------------------------- real figures


def test_all_99_tasks_exactly_as_official(merged: PlanRecord, official_record: PlanRecord) -> None:
    got = [(n, t.text, t.parenthesis, [(a.name, a.role) for a in t.agencies]) for n, _, t in tasks_of(merged)]
    want = [(n, t.text, t.parenthesis, [(a.name, a.role) for a in t.agencies]) for n, _, t in tasks_of(official_record)]
    assert len(want) == 99
    assert got == want
    assert [m.title for s in merged.plan.sections for m in s.measures] == [
        m.title for s in official_record.plan.sections for m in s.measures
    ]


def test_dates_and_the_field_only_the_scrape_has(merged: PlanRecord) -> None:
    assert merged.document.published_date == "2022-03-29"
    assert merged.document.signed_date == "2022-03-25"
    by_name = {s.name: s for s in merged.sources}
    assert [s.name for s in merged.sources] == [OFFICIAL_NAME, SCRAPE_NAME], "every input, the reference first"
    assert by_name[OFFICIAL_NAME].role == "reference"
    assert by_name[SCRAPE_NAME].role == "secondary"
    # the scrape prints 发布日期：2022-03-29 above the notice: the date, and the field as printed
    assert by_name[SCRAPE_NAME].filled == ["document.published_date", "document.metadata.发布日期"]
    assert merged.document.metadata["发布日期"] == "2022-03-29"
    assert "needed repair" in (by_name[SCRAPE_NAME].ranking or "")
    assert not [w for w in merged.warnings if w.kind == "field_missing" and "发布日期" in w.message]


def test_the_real_variants_sit_on_their_tasks(merged: PlanRecord) -> None:
    found = {
        (n, i, v.field): v for n, i, t in tasks_of(merged) for v in t.variants if v.source == SCRAPE_NAME and v.diff
    }
    assert "经营许可[-证-]管理制度" in found[(15, 3, "text")].diff  # type: ignore[operator]
    assert "财政资金支持{+的+}绿色技术" in found[(18, 3, "text")].diff  # type: ignore[operator]
    agencies = found[(19, 3, "agencies")]
    assert agencies.value.endswith("市规划资源局、各区人民政府")
    assert (
        agencies.parenthesis == "（市发展改革委、市科技局、市工业和信息化局、市规划资源局、各区人民政府按职责分工负责）"
    )
    assert "{+各+}区人民政府" in (agencies.diff or "")
    assert [k for k in found if k[2] == "agencies"] == [(19, 3, "agencies")]
    assert not [k for k in found if k[2] == "placement"]


def test_sources_record_who_carries_each_task(merged: PlanRecord) -> None:
    tasks = {(n, i): t for n, i, t in tasks_of(merged)}
    assert all(t.sources and t.sources[0] == OFFICIAL_NAME for t in tasks.values())
    carried = sum(1 for t in tasks.values() if t.sources and SCRAPE_NAME in t.sources)
    assert carried == 79  # 76 whole + 3 in part (their text variants say what the scrape lacks)
    assert tasks[(19, 3)].sources == [OFFICIAL_NAME], "the scrape has this task's parenthesis only"
    assert tasks[(15, 3)].sources == [OFFICIAL_NAME, SCRAPE_NAME], "carried among the scrape's unplaced fragments"


def test_merge_does_not_depend_on_input_order(
    official_loaded: Loaded, scrape_loaded: Loaded, merged: PlanRecord
) -> None:
    assert dumps(merge([official_loaded, scrape_loaded])) == dumps(merged)


def test_committed_canonical_record_is_what_make_writes(official_loaded: Loaded, scrape_loaded: Loaded) -> None:
    fresh = dumps(merge([load(RAW / "tianjin_plan_official.pdf"), official_loaded, scrape_loaded]))
    assert COMMITTED.read_text(encoding="utf-8") == fresh, "data/structured/tianjin_plan.json is stale: run `make data`"
    record = json.loads(fresh)
    assert [s["name"] for s in record["sources"]] == ["tianjin_plan_official.pdf", OFFICIAL_NAME, SCRAPE_NAME]
    assert record["sources"][0]["role"] == "reference"


def test_scrape_as_reference_loses_nothing(official_loaded: Loaded, scrape_loaded: Loaded) -> None:
    """--reference makes the damaged scrape canonical; the official tasks it lacks are kept, flagged."""
    record = merge([official_loaded, scrape_loaded], reference=scrape_loaded)
    assert record.sources[0].name == SCRAPE_NAME and "--reference" in (record.sources[0].ranking or "")
    text = squash(dumps(record))
    for _, _, t in tasks_of(official_loaded.record):
        for sentence in t.text.split("。"):
            assert squash(sentence) in text, sentence
    kinds = {w.kind for w in record.warnings}
    assert {"doubtful_placement", "unplaced"} <= kinds


def test_ranking_is_by_damage_then_kind(official_loaded: Loaded, scrape_loaded: Loaded) -> None:
    a, b = synthetic_pair()
    pdf, txt = Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", "")
    assert [r.loaded.name for r in rank([txt, pdf])] == ["a.pdf", "b.txt"]
    # both are plain text: the one whose record needed order repair ranks below the clean one
    assert [r.loaded.name for r in rank([scrape_loaded, official_loaded])] == [OFFICIAL_NAME, SCRAPE_NAME]
    assert [r.loaded.name for r in rank([official_loaded, scrape_loaded], scrape_loaded)] == [
        SCRAPE_NAME,
        OFFICIAL_NAME,
    ]


# ------------------------------------------------------------------------------------ synthetic pair


def test_synthetic_variants_in_the_merged_record() -> None:
    a, b = synthetic_pair()
    record = merge([Loaded(b, "b.txt", ""), Loaded(a, "a.pdf", "")])
    tasks = {(n, i): t for n, i, t in tasks_of(record)}
    assert [(n, t.text) for (n, _), t in tasks.items()] == [(1, T1), (1, T2), (2, T3), (2, T4)]
    assert all(t.sources == ["a.pdf", "b.txt"] for t in tasks.values())
    (agency,) = tasks[(1, 1)].variants
    assert (agency.source, agency.field, agency.value) == (
        "b.txt",
        "agencies",
        "市工业和信息化局、市发展改革委、各区人民政府",
    )
    assert [a.name for a in tasks[(1, 1)].agencies] == ["市工业和信息化局", "各区人民政府"], (
        "the reference's agencies win"
    )
    (placement,) = tasks[(2, 2)].variants
    assert (placement.field, placement.value) == ("placement", "（一）")
    assert tasks[(1, 2)].variants == [] and tasks[(2, 1)].variants == [], "DB/T29 is whitespace, not a variant"
    assert record.document.published_date == "2022-03-29"


def test_material_only_a_secondary_source_has_is_kept_and_flagged() -> None:
    a, _ = synthetic_pair()
    extra = "开展绿色社区创建行动。"
    stray = "鼓励公众参与绿色出行，倡导低碳生活。"
    b = make_record(
        "b.txt",
        "text",
        {
            1: [(T1, P1), (T2, "（市商务局负责）")],
            2: [(T3, "（市住房城乡建设委负责）"), (extra, "（市民政局负责）"), (T4, "（市发展改革委负责）")],
        },
        unplaced=[(stray, 1, 2)],
    )
    record = merge([Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", "")])
    m2 = record.plan.sections[0].measures[1]
    assert [t.text for t in m2.tasks] == [T3, extra, T4], "inserted after the task it follows in b.txt"
    assert m2.tasks[1].sources == ["b.txt"]
    assert [u.text for u in record.plan.unplaced] == [stray]
    assert (record.plan.unplaced[0].first_measure, record.plan.unplaced[0].last_measure) == (1, 2)
    assert sorted(w.kind for w in record.warnings) == ["doubtful_placement", "unplaced"]


def test_a_different_document_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = synthetic_pair()
    other = make_record(
        "c.txt", "text", {1: [("完全不同的一项任务，与前者毫无关系。", "（市教委负责）")]}, title="另一份文件"
    )
    with pytest.raises(InputError, match="does not look like the same document"):
        merge([Loaded(a, "a.pdf", "a.json"), Loaded(other, "c.txt", "c.json")])
    pa, pc = write(a, tmp_path / "a.json"), write(other, tmp_path / "c.json")
    assert main(["extract", str(pa), str(pc)]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_cli_merges_json_records_deterministically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = synthetic_pair()
    pa, pb = write(a, tmp_path / "a.json"), write(b, tmp_path / "b.json")
    out1, out2 = tmp_path / "m1.json", tmp_path / "m2.json"
    assert main(["extract", str(pa), str(pb), "-o", str(out1)]) == 0
    assert main(["extract", str(pb), str(pa), "-o", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    assert "reference a.pdf" in capsys.readouterr().err
    assert main(["extract", str(pa), str(pb), "--reference", str(pb), "-o", str(out1)]) == 0
    assert json.loads(out1.read_text(encoding="utf-8"))["sources"][0]["name"] == "b.txt"
    assert main(["validate", str(out1)]) == 0


def test_a_conflict_names_the_source_the_kept_value_came_from() -> None:
    """The reference lacks the publication date; b fills it in and c disagrees.  The warning must name
    b as the source of the kept value, not the reference, which gave none."""
    measures: dict[int, list[TaskSpec]] = {1: [(T1, P1), (T2, "（市商务局负责）")]}
    a = make_record("a.pdf", "pdf", measures)
    b = make_record("b.txt", "text", measures, published="2022-03-29")
    c = make_record("c.html", "html", measures, published="2022-03-30")
    record = merge([Loaded(a, "a.pdf", ""), Loaded(b, "b.txt", ""), Loaded(c, "c.html", "")])
    assert record.document.published_date == "2022-03-29"
    (conflict,) = [w.message for w in record.warnings if w.kind == "metadata_conflict"]
    assert "b.txt gives '2022-03-29', c.html gives '2022-03-30'; b.txt's is kept" in conflict
