"""Order repair (issue: put the scrape's out-of-place fragments back, flag what cannot be placed).

The truth is the official text: every figure here is computed by scoring a record against the
official record with :func:`plan_extract.evaluate.score` (exact / misfiled / unplaced range).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

import pytest
import regex
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from corruption import (
    STRATEGY_SEED,
    CorruptionParams,
    corrupt,
    corruption_params,
    emission_of,
    long_plan,
    rare_turn_skips,
    reference_tasks,
    seed000_like,
    surviving_tasks,
    true_labelling,
    turn_lines,
)
from plan_extract import PlanRecord, extract, extract_source
from plan_extract import order as order_module
from plan_extract.dedupe import find_duplicates
from plan_extract.evaluate import Reference, score
from plan_extract.normalize import normalize
from plan_extract.order import (
    EDGE_COPIES,
    MARGIN,
    PHASE_CONFIRM,
    WHY_CLOSE,
    WHY_EDGE,
    WHY_LATER_COPY,
    WHY_UNCLOSED,
    WHY_UNFORCED,
    WHYS,
    Ordered,
    _b_may_have_read_between,
    _b_text_between_a_neighbours,
    _decode,
    _Decoder,
    _follows_ok,
    _relabel,
    _topic_doubts,
    _two_reader_misfit,
    _unpair_ungrammatical_copies,
    repair_order,
)
from plan_extract.readers import read_source
from plan_extract.readers.base import SourceText
from plan_extract.segment import Fragment, segment

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
OFFICIAL = RAW / "tianjin_plan_official_text.txt"
SCRAPE = RAW / "tianjin_plan_web_scrape.txt"
HEADING_LABEL = regex.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
SIGNATURE_AND_DATE = regex.compile(r"^\p{Han}{2,20}?\d{4}年\d{1,2}月\d{1,2}日")
LOST_HEADINGS = {13, 14, 15, 21, 23, 24, 26}  # measures whose heading the scrape lost (read from the scrape)


@cache
def official() -> PlanRecord:
    return extract(OFFICIAL)


@cache
def scrape() -> PlanRecord:
    return extract(SCRAPE)


@cache
def clean_official_text() -> str:
    return normalize(OFFICIAL.read_text(encoding="utf-8"))


def _from_text(text: str) -> PlanRecord:
    return extract_source(SourceText(path="variant.txt", name="variant.txt", kind="text", text=text))


# -- an in-order text passes through unchanged -------------------------------------------------------


def test_in_order_text_is_left_in_order() -> None:
    deduped = find_duplicates(segment(clean_official_text()))
    ordered = repair_order(deduped)
    assert [f.index for f in ordered.fragments] == [f.index for f in deduped.kept]
    assert ordered.unplaced == [] and ordered.gap_before == frozenset()


def test_official_record_has_nothing_unplaced() -> None:
    rec = official()
    assert rec.plan.unplaced == []
    assert sum(len(m.tasks) for s in rec.plan.sections for m in s.measures) == 99


# -- the Tianjin scrape ------------------------------------------------------------------------------


def test_scrape_front_matter_lands_in_its_fields() -> None:
    doc, plan = scrape().document, scrape().plan
    assert doc.issuer == "天津市人民政府"
    assert doc.signed_date == "2022-03-25"
    assert doc.published_date == "2022-03-29"
    assert plan.title == "天津市加快建立健全绿色低碳循环发展经济体系的实施方案"
    assert plan.preamble is not None and plan.preamble.startswith("为加快建立健全绿色低碳循环发展经济体系")
    assert plan.preamble.endswith("制定本实施方案。")


def test_scrape_has_no_misfiled_task() -> None:
    sc = score(scrape(), official(), normalize(SCRAPE.read_text(encoding="utf-8")))
    assert sc.misfiled == []
    assert sc.unplaced_ranges_wrong == []
    assert sc.unplaced_misattributed == []
    assert sc.sections_wrong == []


@pytest.mark.usefixtures("turns_trusted")
def test_two_section_headings_run_together_do_not_move_measures_to_another_section() -> None:
    """Rare-turn-skip 1005 and 1041: "七、完善政策制度体系三、构建…流通体系" was one heading, so A's
    copy of heading 三 had no partner and stood in B's stream before （四）: measures （四）-（八）
    (and in 1041 a task of （三） with another's agencies) were filed under section 三."""
    for seed in (1005, 1041):
        _, _, mis, wrong = _variant_score(rare_turn_skips(seed))
        assert mis + wrong == [], seed


def test_a_section_title_run_into_a_sentence_is_flagged() -> None:
    """Turn-lines variant 1017: A's 六、构建市场导向的绿色技术创新体系 runs into B's sentence
    推进既有产业园区和产业集群循环化改造，…。, which occurs once, so nothing says where the title ends;
    the title keeps the sentence, and a warning says so.  So does A's 八、认真抓好组织实施, run into B's
    完善再生资源回收体系，…。 of （十） (placed since a label the numbering forces is no longer doubted
    on its wording).  The official text has no such warning."""
    rec = _from_text(corrupt(clean_official_text(), turn_lines(1017)).text)
    glued = [w for w in rec.warnings if w.kind == "doubtful_placement" and "title runs into a sentence" in w.message]
    assert [w.message.split()[1] for w in glued] == ["六、", "八、"]
    assert not [w for w in official().warnings if "title runs into a sentence" in w.message]
    assert not [w for w in scrape().warnings if "title runs into a sentence" in w.message]


def test_an_undecided_sentence_is_not_given_the_parenthesis_after_it() -> None:
    """In the scrape "开展水利工程防汛安全检查…" (A's, measure （七）) and "制定实施天津市工业布局规划…"
    (B's) are both undecided and stand next to each other before B's parenthesis
    （市工业和信息化局、各区人民政府按职责分工负责）.  Grouped by their place in the scrape, the two came
    out as one unplaced task with that parenthesis' agencies.  Undecided fragments are kept one by one:
    the sentence is text of unknown measure, the parenthesis one whose task is unknown."""
    units = scrape().plan.unplaced
    water = next(u for u in units if u.text.startswith("开展水利工程防汛安全检查"))
    assert water.kind == "text" and water.agencies == [] and water.parenthesis is None
    assert "制定实施天津市工业布局规划" not in water.text
    either = [w for w in scrape().warnings if w.kind == "unplaced" and "either reader" in w.message]
    spans = [(w.provenance.start, w.provenance.end) for w in either if w.provenance is not None]
    for u in units:
        if any(a <= u.provenance.start < b for a, b in spans):
            assert u.kind != "task", u


def test_every_fragment_of_unknown_reader_says_why() -> None:
    """The unplaced warning names what left the reader undecided (a close call, a parenthesis pairing,
    the line habits), so a user can tell a toss-up from a modelling bet."""
    either = [w for w in scrape().warnings if w.kind == "unplaced" and "either reader" in w.message]
    assert either
    for w in either:
        assert any(why in w.message for why in WHYS), w.message
    assert any(WHYS[0] in w.message for w in either)  # the scrape has close calls
    assert any(WHYS[2] in w.message for w in either)  # and fragments whose reader the line habits decide


def test_scrape_never_files_under_a_measure_whose_heading_is_lost() -> None:
    placed = {m.number for s in scrape().plan.sections for m in s.measures}
    assert placed.isdisjoint(LOST_HEADINGS)


def test_scrape_tasks_of_lost_headings_are_unplaced_with_the_right_range() -> None:
    ref = Reference(official())
    lost_texts = {t.text for t in ref.tasks if t.measure in LOST_HEADINGS}
    hits = 0
    for u in scrape().plan.unplaced:
        if u.text and u.text in lost_texts:
            hits += 1
            measure = next(t.measure for t in ref.tasks if t.text == u.text)
            lo = u.first_measure if u.first_measure is not None else 0
            hi = u.last_measure if u.last_measure is not None else 10**6
            assert lo <= measure <= hi, u
    assert hits >= 5  # lost-heading tasks whose text survives whole come out unplaced, not dropped


def _surviving_heading_scores() -> tuple[int, int]:
    sc = score(scrape(), official(), normalize(SCRAPE.read_text(encoding="utf-8")))
    ref = Reference(official())
    whole = [i for i in sc.whole if ref.tasks[i].measure not in LOST_HEADINGS]
    exact = [i for i in sc.exact if ref.tasks[i].measure not in LOST_HEADINGS]
    return len(exact), len(whole)


def test_scrape_exact_placements_do_not_regress() -> None:
    exact, whole = _surviving_heading_scores()
    assert whole == 55  # the issue's count of whole tasks in measures whose heading survives
    # measured when this test was written; raise it as the decoder improves.  It was 39 while a soft cost
    # (A_PAST_LAST_ANCHOR) made A turn at its last anchor: that placed task 8 of （四） here, and misfiled
    # the same task in 4 of 60 generated variants; the cost had no modelling ground and is gone.  It was
    # 38 while a label only the line habits decided was trusted (misfiling 24 tasks on 60 seed-000-like
    # variants): 6 of the scrape's tasks hang on its line habits alone.  It was 32 until the habits
    # were tested on the lines after the certain ones, and 36 while a label the habits alone decided was
    # trusted where they held in the later lines as well: that misfiled 5 tasks on 120 variants whose
    # lines are cut as the scrape's (test_line_habits_do_not_decide_alone_where_the_lines_follow_the_turns).
    # It was 32 until MARGIN went from 2.5 to 3.0 nats, a trade made on purpose: "通过实施国家高新技术
    # 企业倍增行动计划…" of （十八） is decided within 3 nats and is now left unplaced (with the right
    # range), while misfiled tasks on 6 240 generated variants fell from 46 to 12 (see MARGIN).  Then
    # 33, a label the habits decide by LINES_SURE nats being kept where they hold in the later lines.
    assert exact >= 33


@pytest.mark.xfail(
    strict=True,
    reason="issue target 52 of 55; 33 measured.  Reachable without guessing: 48 -- 5 of the 55 lost their "
    "own parenthesis (an identical one closing another task makes the text scorer count them whole) and "
    "2 follow a skip right after their heading, where a lost heading cannot be ruled out; the other 15 sit "
    "at block boundaries whose reader the evidence does not settle",
)
def test_scrape_exact_placements_reach_the_issue_target() -> None:
    exact, _ = _surviving_heading_scores()
    assert exact >= 52


def _hard_wrapped(text: str, width: int) -> str:
    """``text`` with every line cut into pieces of ``width`` characters, as a mirror site or a text
    export wraps it."""
    return "\n".join(line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


@pytest.mark.parametrize("width", [57, 88, 165, 200, 309, 374])
def test_the_scrape_hard_wrapped_is_read_as_the_scrape(width: int) -> None:
    """Wrapped at each of these widths, the scrape misfiled 1-3 tasks (53 of the widths 50-399 did):
    a wrap cut fragments where a closing mark keeps the break, so copies no longer matched, and added
    line breaks where no reader's turn ended.  The wrap is undone (unwrap_fixed_width): the text is
    the scrape's again, except that a line whose length is a multiple of the width (two of 400
    characters at 200) cannot be told from a wrapped one and is joined to the next."""
    source = SCRAPE.read_text(encoding="utf-8")
    wrapped = _hard_wrapped(source, width)
    rec = _from_text(wrapped)
    sc = score(rec, official(), normalize(wrapped))
    assert sc.misfiled + sc.unplaced_misattributed + sc.sections_wrong + sc.unplaced_ranges_wrong == []
    multiples = sum(1 for line in source.split("\n") if line and len(line) % width == 0)
    assert (normalize(wrapped) == normalize(source)) == (multiples == 0)
    if multiples == 0:
        assert len(sc.exact) == len(score(scrape(), official(), normalize(source)).exact)


# -- corrupted variants of the official text ------------------------------------------------------------


def _variant_score(params: CorruptionParams) -> tuple[int, int, list[str], list[str]]:
    """Exact / surviving (by the generator's ground truth, in measures whose heading survives), the
    misfiled tasks -- filed ones, unplaced ones carrying another task's agencies (the issue's "with
    another task's agencies" holds wherever the task is), and measures filed under another section
    -- and wrong unplaced ranges."""
    c = corrupt(clean_official_text(), params)
    rec = _from_text(c.text)
    tasks, measures = reference_tasks(official())
    sc = score(rec, official(), normalize(c.text), surviving_tasks(c, tasks, measures))
    misfiled = sc.misfiled + sc.unplaced_misattributed + sc.sections_wrong
    return len(sc.exact), len(sc.whole), misfiled, sc.unplaced_ranges_wrong


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6))
def test_variant_nothing_is_lost_and_no_task_twice(seed: int) -> None:
    """Every fragment of a corrupted text ends up in the record (placed, unplaced, a field, or a
    counted duplicate), and no task text is filed twice."""
    c = corrupt(clean_official_text(), seed000_like(seed))
    rec = _from_text(c.text)
    dump = rec.model_dump_json()
    for e in c.emitted:
        # a heading's label and title are separate fields: look for the title (or the text) itself
        key = HEADING_LABEL.sub("", "".join(e.text.split())).rstrip("。")
        assert key[:12] in dump, e.text
    texts = [t.text for s in rec.plan.sections for m in s.measures for t in m.tasks if t.text]
    assert len(texts) == len(set(texts))


def test_variants_have_no_misfiled_task() -> None:
    """The issue's target on these ten seed-000-like variants (it was 4 misfiled here while a label only
    the line habits decided was trusted)."""
    misfiled = []
    for seed in range(10):
        _, _, mis, _ = _variant_score(seed000_like(1000 + seed))
        misfiled += mis
    assert misfiled == []


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_seed000_like_variants_drawn_by_hypothesis_have_no_misfiled_task(seed: int) -> None:
    """The issue's test: corrupted texts of the official one, drawn by hypothesis, give 0 misfiled
    tasks.  Here for the family built on seed 000's measurements (0 misfiled on seeds 1000-1059 and
    2000-2059, 4000-4059 and 5000-5059, but 1 on 3000-3059: this holds on its six derandomized draws,
    not on every seed); the whole strategy is the test below."""
    _, _, mis, wrong = _variant_score(seed000_like(seed))
    assert mis == [] and wrong == []


@hypothesis_seed(STRATEGY_SEED)
@settings(
    max_examples=100,
    database=None,
    deadline=None,
    phases=[Phase.generate],  # the first failing draw is the report; shrinking would re-run many
    suppress_health_check=[HealthCheck.too_slow],
)
@given(params=corruption_params())
def test_any_variant_drawn_by_the_test_strategy_has_no_misfiled_task(params: CorruptionParams) -> None:
    """The issue's test on the whole strategy (2-3 readers, skips anywhere, 40-450-character blocks,
    duplicated runs), 100 draws from the bench's seed (bench/order_variants.py).  Hypothesis also
    draws constants from the modules loaded, so the suite's draws are not quite the bench's (7 of 100
    differed in one run) -- and another sample found the draws kept as xfails below: this holds on
    these draws, not on every draw.  A strict xfail until labels where A skips inside its blocks were
    left to the hard constraints (WHY_UNFORCED), A's neighbour of an anchor passed over B's turns, and
    headings coming back before A's last anchor showed a copied run: 6 misfiled tasks and 11 wrong
    ranges on the bench's draws before.  A run copied a third time that is a lone parenthesis is not
    recognised (the xfails below), so unplaced ranges are asserted where no run was copied."""
    _, _, mis, wrong = _variant_score(params)
    assert mis == []
    if params.duplicate_runs == 0:
        assert wrong == []


@pytest.mark.parametrize(
    "params",
    [
        pytest.param(
            CorruptionParams(
                seed=641918,
                skip_rate=0.30746527094292314,
                skip_run=(1, 5),
                block_chars=(114, 213),
                line_width=490,
                replay_ratio=0.30746527094292314,
                skips_at_turns=True,
            ),
            # was a known failure (B's turn of one parenthesis inside A's block read as A's: （二十六）'s
            # task took B's parenthesis of （三）); B replays at 0.31 of A's speed, and the certain part
            # shows too few blocks to learn sizes from (MIN_BLOCKS), so the soft costs stay out
            id="a one-parenthesis turn of B's inside A's block",
        ),
        pytest.param(
            CorruptionParams(
                seed=91,
                skip_rate=0.3,
                skip_run=(1, 1),
                block_chars=(91, 104),
                line_width=462,
                replay_ratio=0.3,
                duplicate_runs=2,
            ),
            marks=pytest.mark.xfail(
                strict=True,
                reason="known limitation: a run copied a third time that is a lone parenthesis is not told from "
                "a parenthesis the plan repeats; the copy is decoded as A's and unplaced in A's measures "
                "(（十九）'s parenthesis with the range 23-23)",
            ),
            id="a lone parenthesis copied a third time",
        ),
    ],
)
def test_draws_of_the_strategy_other_samples_found(params: CorruptionParams) -> None:
    """Draws that other samples of the strategy test found (see its docstring), kept as data; those
    still failing are marked."""
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


def test_a_last_block_cut_short_by_the_end_of_the_document_is_not_charged_for_it() -> None:
    """A reads to the end of the document and B takes the last turn, so A's last block may be a single
    parenthesis -- the plan's last.  Charged as a short block, it was read as B's instead, and the
    plan's last parenthesis closed B's last task: misfiled in these two variants (and two more of
    2000-2059) before the block was allowed to end with the document."""
    for seed in (2015, 2030):
        _, _, mis, wrong = _variant_score(seed000_like(seed))
        assert mis + wrong == [], seed


@pytest.mark.usefixtures("turns_trusted")
def test_a_block_whose_wording_belongs_with_the_other_reader_is_left_undecided() -> None:
    """Short blocks whose reader only the number of switches decided, against their own wording: in
    rare-turn-skip 1002 three sentences of measure （十二）促进绿色产品消费 were read as one B block
    with the B fragments round them and filed under （四）; in seed-000-like 1017 and 2037 one sentence
    was taken for the end of a B block (in 1017 the heading it follows had swallowed the sentence B
    read there).  Each misfiled tasks before :func:`_topic_doubts` left such blocks undecided."""
    for params in (rare_turn_skips(1000), rare_turn_skips(1002), seed000_like(1017), seed000_like(2037)):
        _, _, mis, wrong = _variant_score(params)
        assert mis + wrong == [], params.seed


def test_a_label_the_numbering_forces_is_not_doubted_on_its_wording() -> None:
    """Seed-000-like 11041: A's heading （十三）, beyond B's reach, can only be A's; the wording check
    doubted it with its block, and the tasks after it were filed under B's （五）."""
    params = seed000_like(11041)
    c = corrupt(clean_official_text(), params)
    dec = _decode(find_duplicates(segment(normalize(c.text))))
    truth = emission_of(c, dec.frags)
    (k,) = [k for k, f in enumerate(dec.frags) if f.kind == "measure" and f.number == 13]
    assert k in dec.forced
    assert dec.labels[k] == "A" and truth[k].reader == 0
    assert k not in _topic_doubts(dec)
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


@pytest.mark.usefixtures("turns_trusted")
def test_the_wording_check_leaves_only_the_block_it_doubts_undecided() -> None:
    """On rare-turn-skip 1002 the check doubts the mislabelled block and the fragments A read round it
    keep their labels: it is a check on blocks, not a second decoder."""
    c = corrupt(clean_official_text(), rare_turn_skips(1002))
    dec = _decode(find_duplicates(segment(normalize(c.text))))
    doubts = _topic_doubts(dec)
    texts = [dec.frags[k].text for k in doubts]
    assert any(t.startswith("加强节能环保技术推广应用") for t in texts)
    assert len(doubts) < 20
    assert all(k > max(dec.partner) for k in doubts)


def test_a_copy_a_read_before_its_last_anchor_is_paired_with_b_s_not_placed_again() -> None:
    """B read everything A read before A's last anchor.  In default variant 1001 A skipped inside its
    block to two repeated parentheses that no anchor paired with B's copies; placed after B's stream
    they came out a second time, unplaced in measure （十） though they close tasks of （五） and （六）.
    In seed-000-like 2005 B's parenthesis of measure （三） was read as A's and had no copy of B's to
    pair with: left undecided, its range is right."""
    for params in (CorruptionParams(seed=1001), seed000_like(2005)):
        _, _, mis, wrong = _variant_score(params)
        assert mis + wrong == [], params.seed


@pytest.mark.usefixtures("turns_trusted")
def test_a_short_turn_of_b_s_at_the_edge_of_a_block_or_inside_it_is_left_undecided() -> None:
    """B's last short turns read as part of A's block: in rare-turn-skip 1033 (and 1056) B's
    "鼓励再生资源回收利用企业加强与生产企业合作，…" of measure （十） ended A's last block and was
    filed with A's "大力宣传本市绿色低碳循环发展工作成效，…" as one task of （二十八）; in 1015 B's
    one-fragment turn "规范报废汽车拆解利用，…" sat inside A's block; in turn-lines 1017 a sentence
    of B's ended A's block.  Each misfiled a task before the wording of a block's edges and of
    its single fragments was checked as well as the whole block's."""
    for params in (rare_turn_skips(1015), rare_turn_skips(1033), rare_turn_skips(1056), turn_lines(1017)):
        _, _, mis, wrong = _variant_score(params)
        assert mis + wrong == [], params.seed


def test_a_copy_paired_only_by_its_neighbours_where_b_s_copy_must_lie_is_doubted() -> None:
    """Turn-lines (and seed-000-like) 3055: B read "（市工业和信息化局、各区人民政府按职责分工负责）" of
    measure （三） right after A had turned from "强化精准服务，…", whose own parenthesis has the same
    text, so the copy was paired as A's with a later one.  A's copy of （三）'s parenthesis then had no
    B copy, and B's "推行产品绿色设计，…" was filed glued to B's next task; now the pairing is doubted
    and both copies are kept unplaced."""
    for params in (turn_lines(3055), seed000_like(3055)):
        _, _, mis, wrong = _variant_score(params)
        assert mis + wrong == [], params.seed
    ordered = repair_order(find_duplicates(segment(normalize(corrupt(clean_official_text(), turn_lines(3055)).text))))
    doubted = [u.fragments[0] for u in ordered.unplaced if "B has no copy" in _why_of(ordered, u.fragments[0])]
    assert [f.text for f in doubted].count("（市工业和信息化局、各区人民政府按职责分工负责）") >= 2
    # kept unplaced, so neither is also dropped as the other's duplicate
    assert not {f.index for u in ordered.unplaced for f in u.fragments} & set(ordered.duplicate_of)


def test_b_s_sentence_is_not_joined_across_a_copy_at_its_block_s_edge_that_may_be_b_s_own() -> None:
    """Seed-000-like and turn-lines 5000, default 4003: B read "推行产品绿色设计，…" of （三） and its
    "（市工业和信息化局、各区人民政府按职责分工负责）" right where A turned to read （六）'s "贯彻执行绿色
    产业指导目录，…", whose parenthesis before it has the same text; the copy was paired as A's and B's
    sentence was filed glued to its next one, "以天津经济技术开发区…".  The pairing stays (it is right
    far more often), but B's sentence is not joined across the copy: it comes out with its parenthesis
    missing, not with another task's text."""
    for params in (seed000_like(5000), turn_lines(5000), CorruptionParams(seed=4003)):
        _, _, mis, wrong = _variant_score(params)
        assert mis + wrong == [], params
    text = normalize(corrupt(clean_official_text(), seed000_like(5000)).text)
    rec = extract_source(SourceText(path="variant", name="variant", kind="text", text=text))
    (task,) = [
        t for s in rec.plan.sections for m in s.measures for t in m.tasks if t.text.startswith("推行产品绿色设计")
    ]
    assert task.parenthesis is None and task.text.endswith("构建绿色制造体系。")
    # the gap is in B's stream right after that sentence, before B's next one
    ordered = repair_order(find_duplicates(segment(text)))
    at = next(k for k, f in enumerate(ordered.fragments) if f.text.startswith("推行产品绿色设计"))
    after = ordered.fragments[at + 1]
    assert after.text.startswith("以天津经济技术开发区") and after.index in ordered.gap_before


def test_a_copy_at_b_s_block_edge_puts_no_gap_where_a_read_b_s_two_fragments_back_to_back() -> None:
    """The edge gap's other reading has B read the parenthesis between its two fragments; where A read
    those two back to back and reads its blocks whole, they are neighbours in the document and that
    reading is impossible -- the same rule as for an undecided fragment between them."""
    frags = segment(
        "推行产品绿色设计，构建绿色制造体系。（市工业和信息化局、各区人民政府按职责分工负责）以天津经济技术开发区为依托，开展再制造。"
    )
    paren = frags[1]
    dec = SimpleNamespace(
        frags=frags,
        labels=["B", "A", "B"],
        partner={1: 9},  # the parenthesis paired as A's copy of a later one
        ambiguous=set(),
        a_skips_inside=False,
        key_count={paren.key: EDGE_COPIES},
        dup={0: 20, 2: 30},  # B's two fragments: copies of A's 20 and 30, read apart
    )
    assert _b_may_have_read_between(dec, 0, 2)  # type: ignore[arg-type]
    dec.dup = {0: 20, 2: 21}  # A read them back to back
    assert not _b_may_have_read_between(dec, 0, 2)  # type: ignore[arg-type]
    dec.a_skips_inside = True  # ... but A may have skipped between
    assert _b_may_have_read_between(dec, 0, 2)  # type: ignore[arg-type]
    dec.a_skips_inside, dec.dup = False, {0: 20, 2: 30}
    dec.key_count = {paren.key: EDGE_COPIES - 1}  # the text is not seen to repeat
    assert not _b_may_have_read_between(dec, 0, 2)  # type: ignore[arg-type]


@pytest.mark.usefixtures("turns_trusted")
@pytest.mark.parametrize(
    ("params", "why", "sentence"),
    [
        (CorruptionParams(seed=2053), WHY_UNFORCED, "加大工程建设中"),
        (rare_turn_skips(5010), WHY_CLOSE, "加大工程建设中"),
        (rare_turn_skips(6033), WHY_CLOSE, "加大工程建设中"),
        (rare_turn_skips(12052), WHY_UNCLOSED, "广泛征集、及时发布绿色技术推广目录"),
        (rare_turn_skips(16049), WHY_UNCLOSED, "加强危险废物规范化管理"),
        (rare_turn_skips(25002), WHY_UNCLOSED, "加强危险废物规范化管理"),
    ],
    ids=["default-2053", "rare-5010", "rare-6033", "rare-12052", "rare-16049", "rare-25002"],
)
def test_a_sentence_b_s_stream_would_run_into_a_heading_with_is_left_undecided(
    params: CorruptionParams, why: str, sentence: str
) -> None:
    """Default 2053 and rare-turn-skip 5010: A's "加大工程建设中对废旧路面、沥青、…" of （十六）, read
    right before B's heading （七）, was read as B's and filed as （六）'s last task, without a
    parenthesis -- in a plan whose measures end with one.  It is now left undecided, and says why (in
    2053, where A skips inside its blocks, for the reason of WHY_UNFORCED first).  6033: the same
    sentence, misfiled while the first section's （二）, which follows a sentence because that section
    has no parentheses at all, was counted against the check.  12052: A's "广泛征集、…" of （十九）,
    read right before B's section heading 三、, was filed as the last task of （八）.  16049: B's
    certain "推行产业园区综合能源…" ran straight into its heading （八） because B's turn
    "（市发展改革委、…）" "加强危险废物规范化管理，…" inside A's block of （十八） was read as A's: A's
    "优化科技创新平台体系布局，…" took that parenthesis and B's sentence was glued to A's next task;
    the fragments between are left undecided.  At a MARGIN of 3.0 both misfiled again, as did
    25002 the same way, while the check stood down wherever anything between was undecided; it now
    stands down only where a parenthesis decoded as B's lies there.  At 3.0, 5010's and 6033's
    sentence is within the margin and is left undecided for that reason first (WHY_CLOSE)."""
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []
    ordered = repair_order(find_duplicates(segment(normalize(corrupt(clean_official_text(), params).text))))
    (f,) = [u.fragments[0] for u in ordered.unplaced if u.fragments[0].text.startswith(sentence)]
    assert why in _why_of(ordered, f)


def _why_of(ordered: Ordered, f: Fragment) -> str:
    return " ".join(w.message for w in ordered.warnings if w.start is not None and w.start <= f.start < (w.end or 0))


def test_where_a_skips_inside_its_blocks_only_what_rules_the_other_reader_out_decides() -> None:
    """Where A skips anywhere, block sizes and switches learnt on the certain part decided readers
    beyond it and misfiled: a test-strategy draw with 40-character blocks (B's turns every fragment or
    two there, A's blocks learnt as 350 characters) read A's single fragments between two of B's as
    B's and filed （十九）'s "支持南开区与天津大学…" under （五） (3 misfiled, 2 wrong ranges); default
    variants 4006 and 4045 filed （十四）'s tasks under （五）/（六）, 5044 （十六）'s under （六）, and 1019
    （十四）'s "探索开展二氧化碳捕集…" (at a margin of 3 nats, or before the check that replaced it).
    Now only the numbering and the grammar decide there, and what they leave open says so."""
    draw = CorruptionParams(
        seed=1583, skip_rate=0.05, skip_run=(1, 4), block_chars=(40, 40), line_width=396, replay_ratio=0.3
    )
    for params in (draw, *(CorruptionParams(seed=s) for s in (1019, 4006, 4045, 5044))):
        _, _, mis, wrong = _variant_score(params)
        assert mis + wrong == [], params
    ordered = repair_order(find_duplicates(segment(normalize(corrupt(clean_official_text(), draw).text))))
    assert any(WHY_UNFORCED in w.message for w in ordered.warnings)


def test_a_fragment_a_read_past_its_last_anchor_that_b_may_read_later_is_left_undecided() -> None:
    """Default 40044 (A skips inside its blocks): A's "（天津港集团负责）" of （九）, read past A's last
    anchor, was placed past B's stream and reported unplaced in measure （十）.  B read it too, 24
    fragments past B's copy of A's last anchor, too far for the pairing through B's stream.  A's
    copy is now left undecided, and both copies are unplaced with ranges that hold (the fresh seeds
    40000-40059 had this one wrong range)."""
    params = CorruptionParams(seed=40044)
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []
    c = corrupt(clean_official_text(), params)
    ordered = repair_order(find_duplicates(segment(normalize(c.text))))
    copies = [u.fragments[0] for u in ordered.unplaced if u.fragments[0].text == "（天津港集团负责）"]
    assert len(copies) == 2
    assert WHY_LATER_COPY in _why_of(ordered, copies[0])
    assert all(u.lo is not None and u.lo <= 9 for u in ordered.unplaced if u.fragments[0] in copies)


def test_a_heading_left_undecided_may_still_be_b_s_before_b_s_next_one() -> None:
    """Default 33047: B's heading "（五）加快服务业…" was left undecided, and B's stream was taken to
    stop at （四）, so no labelling could give B its next heading "（六）培育壮大绿色环保产业。": it was
    forced to be A's, and 26 of A's unplaced fragments of （十一）-（十三） before it got the range 4-5.
    A heading left undecided since B's last one now counts as one B may have read."""
    _, _, mis, wrong = _variant_score(CorruptionParams(seed=33047))
    assert mis + wrong == []


@pytest.mark.usefixtures("turns_trusted")
def test_two_parentheses_a_read_back_to_back_show_a_skip_in_mid_block() -> None:
    """Default 32013: no skip showed between anchors and A was taken to read its blocks whole, but
    beyond B's replay A read two parentheses back to back, which no document holds: it skipped the
    task between without turning (:func:`plan_extract.order._a_skipped_mid_block`).  Read as whole
    blocks, tasks beyond B's replay were given the parenthesis A read next."""
    c = corrupt(clean_official_text(), CorruptionParams(seed=32013))
    dd = find_duplicates(segment(normalize(c.text)))
    assert not _decode(dd).a_skips_inside
    assert any(WHY_UNFORCED in w.message for w in repair_order(dd).warnings)
    _, _, mis, wrong = _variant_score(CorruptionParams(seed=32013))
    assert mis + wrong == []


@pytest.mark.parametrize("seed", [33023, 36037, 38049, 35042])
def test_a_parenthesis_copy_b_cannot_read_on_from_is_not_paired(seed: int) -> None:
    """Default 33023, 36037 and 38049: A read a sentence and, skipping inside its block, the
    parenthesis "（市生态环境局、各区人民政府按职责分工负责）"; B's copy of the sentence ended B's
    block, and A's next block began with the same parenthesis text.  Dedupe paired the two
    parentheses by their neighbours, so B's stream ran from that copy into B's own next fragment,
    another parenthesis, and the sentence took the wrong agencies
    (:func:`plan_extract.order._unpair_ungrammatical_copies`).  The pair dropped is the wrong one,
    and only it: the generator's truth says the later copy is A's, or not a copy of the first.
    35042: the wrong copy was paired through a parenthesis next to it, B's rightly paired copy,
    which the first version of the check blamed instead (a wrong unplaced range)."""
    c = corrupt(clean_official_text(), CorruptionParams(seed=seed))
    dd = find_duplicates(segment(normalize(c.text)))
    dec = _Decoder(dd)
    dec.label_anchors()
    dec.pair_stream_parentheses()
    a_last = dec.label_anchors()  # as _decode has them when it checks
    before = dict(dec.dup)
    assert _unpair_ungrammatical_copies(dd, dec, a_last)
    truth = emission_of(c, dd.fragments)
    dropped = {later: first for later, first in before.items() if later not in dec.dup}
    assert dropped
    for later, first in dropped.items():
        assert truth[later].reader == 0 or truth[later].doc_index != truth[first].doc_index
    _, _, mis, wrong = _variant_score(CorruptionParams(seed=seed))
    assert mis == []
    # 35042 keeps the wrong range it had before: a parenthesis of （九） given the range 10-11
    assert [w for w in wrong if "市交通运输委、市工业和信息化局、市邮政管理局" not in w] == []


@pytest.mark.usefixtures("turns_trusted")
def test_rare_turn_skip_variant_2047_has_no_misfiled_task() -> None:
    """B's two-fragment turn inside A's block (a parenthesis and a sentence of （九）, between A's
    sentences of （二十三）) was read as A's, and the parenthesis closed A's task: 2 misfiled.  Charged
    with the block-size spread this text shows (B's blocks scatter about a median of 97 characters
    with a spread of 0.55 in log-size: weight 1.6 where the fixed weight was 1), the decoding without
    the line habits no longer agrees with that reading, and the two are left undecided."""
    _, _, mis, wrong = _variant_score(rare_turn_skips(2047))
    assert mis + wrong == []


@pytest.mark.parametrize("seed", [7014, 7038, 12017])
def test_a_repeated_parenthesis_at_either_edge_of_a_turn_is_not_guessed(seed: int) -> None:
    """B's copy of "（市工业和信息化局、…）" (7014) or "（市商务局、…）" (7038), read right before B turned,
    was taken to be the identical parenthesis that ends A's block next to it, and the other way
    round: 7014 gave A's task of （十九） B's parenthesis (unplaced, with another task's agencies);
    7038 also read A's "完善生活垃圾分类制度体系…" of （十三） as B's and filed it under （五）.  Both
    readings fit, so neither copy is placed (:func:`plan_extract.order._swappable_copies`).  12017
    misfiled as 7038 did at a MARGIN of 3.0, while the check looked past the far copy only for text
    B's reading of was decided; it now reads the labels as decoded."""
    _, _, mis, wrong = _variant_score(seed000_like(seed))
    assert mis + wrong == []
    ordered = repair_order(find_duplicates(segment(normalize(corrupt(clean_official_text(), seed000_like(seed)).text))))
    assert any(WHY_EDGE in w.message for w in ordered.warnings)


@pytest.mark.usefixtures("turns_trusted")
def test_a_sentence_a_reads_right_before_a_heading_is_left_undecided() -> None:
    """Seed-000-like 23005: A's block "加强危险废物集中处置能力建设…" to "（市卫生健康委、…）" of （十五）
    and B's turn after it, "（市国资委、…）" "强化精准服务，…" of （六）, were read the other way round,
    and A's task of （十五） ended with B's "强化精准服务，…", without a parenthesis, right before A's
    heading （十六）: 4 misfiled tasks and a wrong range.  That sentence is doubted now, and the swapped
    block with it.  One task stays misfiled, A's "宣传贯彻餐饮行业…" of （十三） read as B's at
    another block edge, which no check doubts (docs/order-repair-log.md)."""
    params = seed000_like(23005)
    _, _, mis, wrong = _variant_score(params)
    assert wrong == []
    assert [m for m in mis if "宣传贯彻餐饮行业" not in m] == []
    ordered = repair_order(find_duplicates(segment(normalize(corrupt(clean_official_text(), params).text))))
    (f,) = [u.fragments[0] for u in ordered.unplaced if u.fragments[0].text.startswith("强化精准服务")]
    assert WHY_UNCLOSED in _why_of(ordered, f)


@pytest.mark.usefixtures("turns_trusted")
@pytest.mark.parametrize("seed", [7028, 8031])
def test_labels_that_hold_only_with_a_doubted_label_are_doubted_too(seed: int) -> None:
    """A check that doubts one label (a sentence's wording, or a B sentence running into a measure
    heading) doubts the block edge next to it as well.  7028: B's two-fragment turn inside A's block,
    whose sentence's wording was doubted, kept its parenthesis as A's, unplaced in A's measure instead
    of （五） (a wrong range); 8031: A's block read as B's ran into B's heading （七）, and with only its
    last sentence doubted, two tasks of （十六） were misfiled (:func:`plan_extract.order._hanging_on`).
    8031 misfiles one more task, A's "加强危险废物集中处置能力建设…" read as B's at another block edge,
    which no check doubts (docs/order-repair-log.md)."""
    _, _, mis, wrong = _variant_score(rare_turn_skips(seed))
    assert wrong == []
    assert [m for m in mis if "加强危险废物集中处置能力建设" not in m] == []


def test_variants_place_most_surviving_tasks_exactly_or_leave_them_unplaced() -> None:
    """A floor for exact placements on variants (the issue's target is 90 % of the tasks that really
    survive in a measure whose heading survives; see the xfail above)."""
    exact = whole = 0
    for seed in range(5):
        e, w, _, _ = _variant_score(seed000_like(2000 + seed))
        exact, whole = exact + e, whole + w
    assert whole > 0
    # 190/284 measured on these seeds (189 before forced labels were spared the wording check, 184
    # before the block-size spread was learnt per text, 185 at MARGIN 1.0 with the fixed spread, 186
    # before the line-habit check)
    assert exact / whole >= 0.6


# -- the line habits are learnt from each text ----------------------------------------------------------


def _decoder_of(text: str) -> _Decoder:
    return _decode(find_duplicates(segment(normalize(text))))


@pytest.fixture
def turns_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take A to skip only where it turns however few skips show, as the rare-turn-skip generator's A
    does (:data:`plan_extract.order.TURN_SKIPS_SEEN` above any chance).  Such a reader cannot be told
    from one that skips as rarely anywhere, so without this its texts are read the cautious way
    (:meth:`plan_extract.order._Decoder.skips_sit_at_turns`); with it, the tests of the checks that
    work where A reads its blocks whole keep their subjects."""
    monkeypatch.setattr(order_module, "TURN_SKIPS_SEEN", 1.01)


def test_line_habits_of_the_scrape_are_learnt() -> None:
    """The scrape's lines hold one B block each, never cut inside one, at a steady place in the line."""
    dec = _decoder_of(SCRAPE.read_text(encoding="utf-8"))
    assert min(dec.count_cost, key=dec.count_cost.__getitem__) == 1
    assert dec.cross_cost > 2.0 and dec.nocross_cost == 0.0
    assert dec.phase  # the phase density beats a uniform phase on the certain lines


def test_the_recorded_margins_are_the_ones_the_labels_were_decided_by() -> None:
    """The line-habit check (LINES_SURE) and bench/order_calibration.py read :attr:`_Decoder.margins`;
    they must be the margins the decoding used: infinite exactly for the labels no labelling can
    change, and within MARGIN only for labels left undecided."""
    for text in (SCRAPE.read_text(encoding="utf-8"), corrupt(clean_official_text(), seed000_like(1000)).text):
        dec = _decoder_of(text)
        assert not dec.a_skips_inside  # (where A skips inside its blocks only what rules a reader out decides)
        assert len(dec.margins) > 50
        for k, margin in dec.margins.items():
            assert margin >= 0
            assert (margin == float("inf")) == (k in dec.forced), k
            if margin <= MARGIN:
                assert k in dec.ambiguous, k


def test_a_drifting_phase_gets_no_phase_prior() -> None:
    """The generator cuts lines at a width unrelated to the turns: the B blocks drift through the lines,
    so no phase prior is used and B blocks crossing a line break are not made unlikely."""
    c = corrupt(clean_official_text(), seed000_like(1000))
    dec = _decoder_of(c.text)
    assert not dec.phase
    assert dec.cross_cost < 2.0


def test_line_habits_do_not_decide_alone_where_the_lines_follow_the_turns() -> None:
    """Variants whose lines are cut as the scrape's are (one B block per line, at nearly the same
    place): the habits learnt on the first lines hold in the later ones too, yet a label that only
    they decide is still left undecided unless they decide it by :data:`LINES_SURE` nats.  Trusting
    every such label gave each of these variants a misfiled task (2044 two; 13007 on an earlier
    decoder): 1044's wrong label is decided by 4-5 nats, 15022's by 3-4."""
    for seed in (1044, 1052, 2036, 2044, 13007, 15022):
        _, _, mis, _ = _variant_score(turn_lines(seed))
        assert not mis, (seed, mis)


def test_line_habits_hold_in_the_later_lines_of_the_scrape_only() -> None:
    """The scrape's lines are cut where its readers turn, so the B blocks of its later lines begin
    where those of its certain lines do (:meth:`_Decoder.phase_evidence`); lines cut at a width
    show no such thing, however the first lines happened to fall."""
    scrape = find_duplicates(segment(normalize(SCRAPE.read_text(encoding="utf-8"))))
    dec = _decode(scrape)
    assert dec.phase_evidence(_relabel(scrape, dec, line_habits=False).labels) >= PHASE_CONFIRM
    for seed in range(1000, 1005):
        dd = find_duplicates(segment(normalize(corrupt(clean_official_text(), seed000_like(seed)).text)))
        dec = _decode(dd)
        assert dec.phase_evidence(_relabel(dd, dec, line_habits=False).labels) < PHASE_CONFIRM, seed


@pytest.mark.shared
def test_corpus_pages_follow_the_grammar(shared_dir: Path) -> None:
    """The same grammar holds in every in-order State Council page of the corpus."""
    pages = sorted((shared_dir / "corpus").glob("*.html"))
    assert pages
    for page in pages:
        frags = segment(normalize(read_source(page).text))
        assert all(_follows_ok(p, q) for p, q in pairwise(frags)), page.name


def test_a_responsibility_parenthesis_follows_task_text_only() -> None:
    """The genre's grammar the decoder uses as a hard constraint, checked on the official text: no
    responsibility parenthesis directly after a heading or another one, no empty measure or section,
    and the rule forbids those."""
    frags = segment(normalize(OFFICIAL.read_text(encoding="utf-8")))
    assert all(_follows_ok(p, q) for p, q in pairwise(frags))
    resp = next(f for f in frags if f.kind == "paren" and f.text.endswith("负责）"))
    heading = next(f for f in frags if f.kind == "measure")
    sentence = next(f for f in frags if f.kind == "sentence")
    assert not _follows_ok(resp, resp)
    assert not _follows_ok(heading, resp)
    assert _follows_ok(sentence, resp) and _follows_ok(resp, sentence) and _follows_ok(resp, heading)
    section = next(f for f in frags if f.kind == "section")
    assert not _follows_ok(heading, heading) and not _follows_ok(heading, section)  # a measure is never empty
    assert not _follows_ok(section, section) and _follows_ok(section, heading)


# -- whether A skips inside its blocks is learnt from each text too -----------------------------------


def test_a_reads_its_blocks_whole_in_the_scrape_and_seed000_like_variants() -> None:
    """Seed 000's A skips only where it turns, so the tasks it reads back to back keep their
    parentheses; the decoder sees no skip inside a block there."""
    assert not _decoder_of(SCRAPE.read_text(encoding="utf-8")).a_skips_inside
    for seed in range(1000, 1005):
        assert not _decoder_of(corrupt(clean_official_text(), seed000_like(seed)).text).a_skips_inside, seed


def test_a_heading_both_readers_ran_into_other_text_does_not_show_a_skip() -> None:
    """Seed-000-like 16006: both copies of heading 三 swallowed the other reader's next sentence, the
    two copies were not paired, and A's, taken for B's own text between two fragments A read back to
    back, made A seem to skip inside its blocks: 13 of 54 tasks exact, and （四） filed under section
    三 (:func:`plan_extract.segment._same_heading_ends`)."""
    params = seed000_like(16006)
    assert not _decoder_of(corrupt(clean_official_text(), params).text).a_skips_inside
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


def test_a_heading_both_readers_ran_into_sentences_held_nowhere_else_is_one_heading() -> None:
    """Seed-000-like 29058: both copies of heading 三 ran into a sentence the text holds nowhere else;
    the copies did not pair, A's was decoded as B's text after （三）, and （四） was filed under section
    三, （五）-（十七） under none (:func:`plan_extract.segment._shared_title_ends`)."""
    _, _, mis, wrong = _variant_score(seed000_like(29058))
    assert mis + wrong == []


def test_a_skipping_inside_its_blocks_is_seen_and_puts_gaps_between_its_fragments() -> None:
    """The default generator's A also skips in mid-block: the decoder sees it and then never files
    A's text across its neighbours by assumption (no paragraph joins a parenthesis A read next)."""
    c = corrupt(clean_official_text(), CorruptionParams(seed=1000))
    dd = find_duplicates(segment(normalize(c.text)))
    dec = _decode(dd)
    assert dec.a_skips_inside
    ordered = repair_order(dd)
    beyond_b = [f for f in ordered.fragments if f.index > max(dec.partner) and dec.labels[f.index] == "A"]
    assert beyond_b and all(f.index in ordered.gap_before for f in beyond_b)


#: A draw of the test strategy (bench/order_variants.py, "test strategy"): one fragment per block, A
#: skipping one fragment in twenty anywhere.  Its certain labels show 8 pairs of anchors A read back to
#: back, none skipped; taken for a whole-block reader it lost a parenthesis beyond B's replay between
#: two tasks, and the two were filed as one (2 misfiled).
ONE_FRAGMENT_BLOCKS = CorruptionParams(
    seed=0, skip_rate=0.05, skip_run=(1, 1), block_chars=(40, 40), line_width=200, replay_ratio=0.3
)


def _slow_replay(seed: int) -> CorruptionParams:
    """Seed-000-like, but B replays at 0.3 of A's speed."""
    return replace(seed000_like(seed), replay_ratio=0.3)


@pytest.mark.parametrize(
    ("check", "params"),
    [
        ("saw_whole_blocks", ONE_FRAGMENT_BLOCKS),
        ("saw_enough_blocks", _slow_replay(8002)),
        ("saw_enough_blocks", _slow_replay(8009)),
    ],
    ids=["too-few-pairs", "too-few-blocks-slow-replay-8002", "too-few-blocks-slow-replay-8009"],
)
def test_too_little_certain_evidence_leaves_the_soft_costs_out(check: str, params: CorruptionParams) -> None:
    """What the certain part shows counts only as far as it is enough to learn from; the scrape shows
    enough.  Too few pairs read back to back (39 in the scrape, 8 here) do not show that A reads its
    blocks whole.  Too few blocks do not show their sizes: where B replays at 0.3 of A's speed, the
    certain part is the notice and a few lines, 3 blocks of A's and 4 of B's, and sizes learnt from
    them read B's one-fragment turns inside A's blocks as A's (8009: 3 misfiled, 8002: 2 and a wrong
    range).  Either way the text is read as one where only the numbering, the anchors and the grammar
    decide."""
    scrape_dec = _decoder_of(SCRAPE.read_text(encoding="utf-8"))
    assert getattr(scrape_dec, check)(scrape_dec.label_anchors())
    dec = _decoder_of(corrupt(clean_official_text(), params).text)
    assert not getattr(dec, check)(dec.label_anchors())
    assert dec.a_skips_inside
    _, _, mis, wrong = _variant_score(params)
    assert mis == [] and wrong == []


def test_a_skip_is_seen_where_b_certainly_read_text_of_its_own_beside_undecided_text() -> None:
    """Two anchors A read back to back whose B copies hold text only B read: A skipped there, whatever
    else (undecided, or a repeated fragment no anchor paired) lies between the copies.  On these
    default-generator variants every such pair also held unknown text, the skip went unseen, and
    decoding them as whole-block readers misfiled 9, 7 and 11 tasks."""
    for seed in (1025, 1031, 1037):
        assert _decoder_of(corrupt(clean_official_text(), CorruptionParams(seed=seed)).text).a_skips_inside, seed
        _, _, mis, _ = _variant_score(CorruptionParams(seed=seed))
        assert mis == [], seed


def test_a_skip_is_seen_where_the_text_between_b_s_copies_could_not_be_a_s_alone() -> None:
    """Default variant 22039: A read two parentheses back to back; the text between their B copies was
    all undecided, but read by A alone it would have put two parentheses side by side, so B read some
    of it and A skipped.  Decoded as a whole-block reader's, the variant misfiled 9 tasks."""
    params = CorruptionParams(seed=22039)
    assert _decoder_of(corrupt(clean_official_text(), params).text).a_skips_inside
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


def test_a_skip_seen_once_shows_a_skipping_inside_its_blocks_on_a_plan_s_length_not_on_a_long_text() -> None:
    """One skip among a plan's pairs is A's habit; four among a thousand (the 100x plan of
    ``bench/order_scaling.py``, whose A never skips inside a block) are misreadings, and took the
    whole text for one whose A skips anywhere."""
    dec = _decoder_of(SCRAPE.read_text(encoding="utf-8"))

    def with_pairs(skips: int, pairs: int) -> bool:
        seen = [(i, i + 1, i < skips) for i in range(pairs)]
        with patch.object(_Decoder, "a_read_pairs", lambda self, a_last, skips_through_unknown=False: iter(seen)):
            return dec.saw_a_skip(0)

    assert with_pairs(1, 20) and with_pairs(1, 49) and with_pairs(7, 28)
    assert not with_pairs(0, 20) and not with_pairs(4, 1067)


def test_true_labels_misfile_nothing_when_a_skips_inside_its_blocks() -> None:
    """With the generator's own reader labels the structure stage misfiles nothing on default-generator
    variants (A skipping in mid-block); taking A's neighbours for the document's misfiled 59 tasks
    on 20 such variants.  What is left is the decoder's labelling (README, "Known limitations")."""
    for seed in range(1000, 1004):
        c = corrupt(clean_official_text(), CorruptionParams(seed=seed))
        with patch("plan_extract.pipeline.repair_order", true_labelling(c)):
            rec = _from_text(c.text)
        tasks, measures = reference_tasks(official())
        sc = score(rec, official(), normalize(c.text), surviving_tasks(c, tasks, measures))
        assert sc.misfiled == [], seed
        assert sc.exact


def test_variants_whose_a_skips_inside_blocks_misfile_nothing_on_these_seeds() -> None:
    """The issue's target (0) on these four seeds, not on every seed (bench/order_variants.py: 4 in
    20).  Measured before: 6 with the margin of seed-000-like texts instead of a wider one, then
    2, then 0 once a repeated parenthesis before A's last anchor was no longer given to B."""
    misfiled = []
    for seed in range(1000, 1004):
        _, _, mis, wrong = _variant_score(CorruptionParams(seed=seed))
        misfiled += mis + wrong
    assert misfiled == []


# -- what the anchors prove, and what they do not ------------------------------------------------------


def test_a_parenthesis_a_read_after_a_turn_of_b_s_is_paired_with_b_s_copy() -> None:
    """Test-strategy draw 3710 (40-character blocks, A skipping at one turn in twenty): A read
    （十二）'s "（市市场监管委、…按职责分工负责）" after a turn of B's, so dedupe did not pair it (its
    neighbours in the text are B's); B's copy, read long after, was decoded as A's and closed
    （十八）'s task, and B's two tasks round it were glued (2 misfiled).  A's neighbour is the next
    fragment that is not certainly B's."""
    params = CorruptionParams(
        seed=3710,
        skip_rate=0.05,
        skip_run=(4, 4),
        block_chars=(40, 40),
        line_width=367,
        replay_ratio=0.649,
        skips_at_turns=True,
        lines_follow_turns=True,
    )
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


def test_a_heading_run_into_the_one_before_is_paired_with_its_copy() -> None:
    """Wide draw 5793 (A skipping rarely, at its turns; B at 0.29 of A's pace): B's "一、总体要求" ran into
    A's "二、构建…生产体系", and B's copy of 二 was glued to A's next sentence, so the two copies of 二
    did not match; A's was taken for B's, right after 一, and measure （一） was filed under section 二
    (:func:`plan_extract.segment._clean_section_titles`).  Not in :data:`WIDE_DRAWS`: its exact placement
    (13 of 99, the same before the mend) is under that test's floor."""
    params = CorruptionParams(
        seed=439481851, skip_rate=0.0209, skip_run=(4, 5), block_chars=(198, 332), line_width=629,
        replay_ratio=0.2851, skips_at_turns=True,
    )  # fmt: skip
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


def test_a_parenthesis_is_paired_with_one_later_copy_at_most() -> None:
    """Text "X（P）" and "（P）Y" both read twice, with the first copies reading "X（P）Y": each later （P） is
    anchored by its neighbour to the same first （P）.  Only one of them can be its copy; pairing both
    took a parenthesis A read for B's (seed-000-like variant 1002 misfiled a task by it)."""
    p = "（市发展改革委负责）"
    text = f"推进节能降碳全面提升。{p}加强绿色制造体系建设。开展绿色生活创建行动。推进节能降碳全面提升。{p}{p}加强绿色制造体系建设。"
    dd = find_duplicates(segment(text))
    assert dd.duplicate_of == {4: 0, 5: 1, 7: 2}


def _confident_a_taken_for_b(params: CorruptionParams) -> list[int]:
    """Fragments before A's last anchor that the generator says A read but the decoder confidently labels B."""
    c = corrupt(clean_official_text(), params)
    dd = find_duplicates(segment(c.text))
    dec = _decode(dd)
    truth = emission_of(c, dd.fragments)
    return [
        k for k in range(max(dec.partner)) if truth[k].reader == 0 and dec.labels[k] == "B" and k not in dec.ambiguous
    ]


def test_an_unpaired_repeated_fragment_before_a_last_anchor_is_decoded_not_given_to_b() -> None:
    """Before A's last anchor a fragment that occurs once must be B's, but one whose text occurs again
    (a repeated parenthesis, a short sentence) may be A's copy that no anchor paired.  Giving all of
    them to B misfiled 6 tasks on 20 default-generator variants (A skipping in mid-block leaves
    such parentheses between two unpaired neighbours)."""
    for seed in (1001, 1010, 1012, 1018):
        assert _confident_a_taken_for_b(CorruptionParams(seed=seed)) == [], seed


@pytest.mark.usefixtures("turns_trusted")
def test_how_often_a_skips_at_its_turns_is_learnt_from_each_text() -> None:
    """The scrape's A skips at its turns; a text whose A rarely does gets the opposite costs, so B is
    not handed A's text to fill a gap A never left.  A floor against regression, not the issue's
    target (0): on these 4 variants taking every turn for a skip misfiled 17 tasks, learning the
    rate 6, 5 once the decoder stopped assuming B ends the text, and 4 once a label only the line habits
    decide was left undecided (on 20: bench/order_variants.py "rare turn skips", see docs/order-repair-log.md)."""
    dec = _decoder_of(SCRAPE.read_text(encoding="utf-8"))
    assert dec.no_skip_cost > 0 and dec.skip_cost == 0
    dec = _decoder_of(corrupt(clean_official_text(), rare_turn_skips(1000)).text)
    assert dec.skip_cost > 1.0 and dec.no_skip_cost == 0
    misfiled = []
    for seed in range(1000, 1004):
        _, _, mis, wrong = _variant_score(rare_turn_skips(seed))
        misfiled += mis + wrong
    assert len(misfiled) <= 4, misfiled


@pytest.mark.usefixtures("turns_trusted")
def test_a_parenthesis_whose_text_occurs_twice_is_paired_across_undecided_text_by_both_decodings() -> None:
    """Pairing a parenthesis across B's undecided fragments is a bet that the pairing check (decoding
    again without it) undoes.  Text that occurs just twice has no third copy to be taken for B's, so
    the check pairs it too; undoing those pairings left 531 fragments undecided on 20 rare-turn-skip
    variants, 523 of them with the label the decoder gave."""
    c = corrupt(clean_official_text(), rare_turn_skips(1000))
    dd = find_duplicates(segment(c.text))
    main = _decode(dd)
    check = _decode(dd, max_skip=0, rounds=0)
    twice = {j: pa for j, pa in main.dup.items() if j not in dd.duplicate_of and main.key_count[main.frags[j].key] == 2}
    assert twice  # the main decoding paired some across undecided text
    assert all(check.dup.get(j) == pa for j, pa in twice.items())


@pytest.mark.usefixtures("turns_trusted")
def test_a_parenthesis_occurring_three_times_is_not_paired_across_undecided_text_by_the_check() -> None:
    """Rare-turn-skip variant 1024: "（市工业和信息化局、各区人民政府按职责分工负责）" closes two tasks;
    both readers read one and A alone the other.  Paired across an undecided sentence, A's second
    copy was taken for B's and a task got another's agencies; the check, which pairs such text only
    across fragments known to be A's, leaves those fragments undecided."""
    _, _, mis, wrong = _variant_score(rare_turn_skips(1024))
    assert mis + wrong == []


@pytest.mark.usefixtures("turns_trusted")
def test_b_does_not_read_past_a_fragment_a_read_on_from() -> None:
    """A reads its blocks whole, so the fragment A read right after its copy of B's fragment is the
    document's next one, and B's next is its copy.  In these variants B's last fragment is one A read
    on from into another parenthesis, and the plan's last parenthesis (A's last block) closed B's last
    task instead: misfiled before the decoder charged B's stream for going on otherwise."""
    for seed in (2005, 2020, 2051):
        _, _, mis, wrong = _variant_score(rare_turn_skips(seed))
        assert mis + wrong == [], seed


@pytest.mark.usefixtures("turns_trusted")
def test_rare_turn_skip_variants_place_most_surviving_tasks_exactly() -> None:
    """A floor against regression of the decoding where A reads its blocks whole, taken here on trust
    (``turns_trusted``; read the cautious way, these seeds place 74/391, the next test), not the
    issue's target (90 %): 293/391 measured on these seeds (290
    before forced labels were spared the wording check, 289 before the block-size spread was learnt
    per text; with the fixed spread, 291 at MARGIN 1.0, 300 before the wording check left undecided
    the blocks that misfiled 4 tasks in 1000 and 1002, 247 before parentheses occurring twice were
    paired across undecided text in the check)."""
    exact = whole = 0
    for seed in range(1000, 1004):
        e, w, _, _ = _variant_score(rare_turn_skips(seed))
        exact, whole = exact + e, whole + w
    assert whole > 0
    assert exact / whole >= 0.73


def test_a_reader_that_skips_rarely_at_its_turns_is_read_as_one_that_may_skip_anywhere() -> None:
    """No skip seen inside A's blocks does not show that A skips only where it turns when A is seen to
    skip rarely at all: the rare-turn-skip generator's A is read as the default generator's would be
    with as few skips, where only what rules the other reader out decides.  The scrape's A (every turn
    skipped) and seed-000-like ones keep the whole-block reading."""
    dd = find_duplicates(segment(normalize(SCRAPE.read_text(encoding="utf-8"))))
    dec = _decode(dd)
    assert dec.skips_sit_at_turns(max(dec.partner))
    exact = whole = 0
    for seed in range(1000, 1004):
        params = rare_turn_skips(seed)
        assert _decoder_of(corrupt(clean_official_text(), params).text).a_skips_inside, seed
        e, w, mis, wrong = _variant_score(params)
        assert mis + wrong == [], seed
        exact, whole = exact + e, whole + w
    # 74/391 measured on these seeds, 293 where A's turns are trusted (the test above)
    assert exact / whole >= 0.18


@pytest.mark.parametrize(("seed", "rate"), [(43012, 0.02), (43025, 0.02), (43034, 0.02), (43014, 0.01), (43037, 0.01)])
def test_a_reader_that_skips_rarely_anywhere_is_not_taken_to_read_its_blocks_whole(seed: int, rate: float) -> None:
    """Default-generator variants whose A skips a run at one fragment in fifty or a hundred, anywhere:
    the certain part showed 39-62 pairs read back to back and no skip among them, so A was taken to
    read its blocks whole, and beyond B's replay tasks were glued across a skipped parenthesis, given
    the parenthesis A read after a skip, or filed under the measure before a heading A skipped (1, 2,
    3, 2 and 2 misfiled tasks).  The skips seen do not sit at A's turns beyond chance
    (:meth:`plan_extract.order._Decoder.skips_sit_at_turns`), so these texts are read as ones whose A
    may skip anywhere."""
    params = CorruptionParams(seed=seed, skip_rate=rate)
    assert _decoder_of(corrupt(clean_official_text(), params).text).a_skips_inside
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


def test_a_b_sentence_run_into_a_heading_is_doubted_where_the_certain_part_shows_no_measure_end() -> None:
    """Seed-000-like with 80-150-character blocks, seed 42014: B's certain stream is short, and shows no
    measure heading after a task at all, so the check of a sentence B's stream runs into a heading with
    stood down for want of evidence, and A's "加大工程建设中对废旧路面、…" of （十六） was filed as the
    last task of （六）, read by B right before （七）.  With no evidence either way the check is made:
    the plan's measures end with a parenthesis unless the text shows otherwise."""
    params = replace(seed000_like(42014), block_chars=(80, 150))
    _, _, mis, wrong = _variant_score(params)
    assert mis + wrong == []


#: Settings outside the four families, drawn at random over a wide range (skip rates 0.005-0.95, runs
#: of 1-16 fragments, blocks of 20-800 characters, lines of 100-1 200): each misfiled a task before.
WIDE_DRAWS = {
    # long skipped runs, A skipping anywhere: B's copy of a parenthesis the text holds twice was taken
    # for A's, paired with B's other copy across B's undecided text (twice_across)
    "long runs anywhere": CorruptionParams(
        seed=143287645, skip_rate=0.09978, skip_run=(7, 11), block_chars=(233, 595), line_width=439,
        replay_ratio=0.47002,
    ),
    "long runs at most turns": CorruptionParams(
        seed=946184871, skip_rate=0.84483, skip_run=(8, 13), block_chars=(124, 238), line_width=726,
        replay_ratio=0.46502, skips_at_turns=True,
    ),
    "long runs, small blocks, turn lines": CorruptionParams(
        seed=1189190204, skip_rate=0.78009, skip_run=(8, 15), block_chars=(52, 61), line_width=382,
        replay_ratio=0.50835, skips_at_turns=True, lines_follow_turns=True,
    ),
    # A reads its blocks whole; B's text decoded between B's copies of two fragments A read back to
    # back (_b_text_between_a_neighbours)
    "big blocks, wide lines": CorruptionParams(
        seed=92003383, skip_rate=0.40113, skip_run=(3, 6), block_chars=(242, 356), line_width=1004,
        replay_ratio=0.62263, skips_at_turns=True,
    ),
    # draw 3766: A skipped both places the plan prints "（市发展改革委、市生态环境局、…）", so both copies
    # are B's; the first, inside B's block after "全面推行清洁生产，…", was found as A's next fragment
    # across that block and paired with the second across nine of B's fragments
    # (_Decoder.pair_stream_parentheses: across a turn on A's side, B's side must be direct)
    "a pairing across a turn on each side": CorruptionParams(
        seed=1497621116, skip_rate=0.8429, skip_run=(6, 9), block_chars=(202, 233), line_width=1077,
        replay_ratio=0.4986, skips_at_turns=True,
    ),
    # draw 4479: the text ends with B's undecided copy of "（市发展改革委、各区人民政府按职责分工负责）", taken
    # out, so that parenthesis was placed nowhere; A's next fragment was still taken to read on from
    # it, and B's "推动煤炭集约高效利用，…" was glued to it and took its agencies (_assemble)
    "B's last copy undecided": CorruptionParams(
        seed=459691583, skip_rate=0.0492, skip_run=(8, 8), block_chars=(179, 239), line_width=817,
        replay_ratio=0.5608, skips_at_turns=True, lines_follow_turns=True,
    ),
    # draws 9005 and 5091: the same twice-printed parenthesis, both copies B's; the first, right after
    # B's "全面推行清洁生产，…" and before B's next sentence, was found as A's fragment across a turn of
    # B's after A's anchor (9005) or before it (5091) and paired as A's (_Decoder.pair_stream_parentheses:
    # b_may_own)
    "B's sentence before a twice-printed parenthesis, A's anchor before": CorruptionParams(
        seed=1414924887, skip_rate=0.6405, skip_run=(2, 8), block_chars=(83, 288), line_width=842,
        replay_ratio=0.4579, skips_at_turns=True,
    ),
    "B's sentence before a twice-printed parenthesis, A's anchor after": CorruptionParams(
        seed=572341337, skip_rate=0.3472, skip_run=(8, 15), block_chars=(105, 472), line_width=334,
        replay_ratio=0.5507, skips_at_turns=True,
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", WIDE_DRAWS)
def test_settings_outside_the_families_misfile_nothing(name: str) -> None:
    params = WIDE_DRAWS[name]
    exact, whole, mis, wrong = _variant_score(params)
    assert mis + wrong == []
    assert exact >= 0.25 * whole  # the doubts unplace a few tasks, not the text


def test_b_text_between_two_fragments_a_read_in_one_block_is_doubted() -> None:
    """The check's subject, on the draw it was written for: A read （十二）'s "依法核查虚标绿色产品线索，…"
    and its parenthesis back to back, and the decoder gave B two fragments of A's between B's copies of
    them; those are undecided now, and nothing else the check sees is."""
    dd = find_duplicates(segment(normalize(corrupt(clean_official_text(), WIDE_DRAWS["big blocks, wide lines"]).text)))
    dec = _decode(dd)
    assert not dec.a_skips_inside
    doubts = _b_text_between_a_neighbours(dec)
    assert [dec.frags[k].text[:8] for k in doubts] == ["（市科技局、各区", "广泛征集、及时发"]
    assert (
        _b_text_between_a_neighbours(_decode(find_duplicates(segment(normalize(SCRAPE.read_text(encoding="utf-8"))))))
        == []
    )


# -- a text that is not two interleaved readers is not forced into that model ------------------------


@pytest.mark.parametrize("k", [10, 50])
def test_a_long_two_reader_text_fits_the_model(k: int) -> None:
    """The benchmark's long plans (the official plan k times, renumbered) corrupted by two readers fit
    the model.  They did not: beyond A's last anchor the section headings B read on its own are not
    known yet, so B's copies skipped numbers there (10x: 5 times); and a heading run into the other
    reader's text occurs once under another text (from 50x; at 100x B's "二百零七、完善政策制度体系"
    came after A's measure label, "（一千七百五十）二百零七、…", as one fragment).  Each made the text
    "not two readers", so everything was kept unplaced -- and ``make bench`` timed that instead of
    the decoder (1.3x and 14x "at" 10x and 100x)."""
    c = corrupt(long_plan(OFFICIAL.read_text(encoding="utf-8"), k), seed000_like(7))
    assert _two_reader_misfit(find_duplicates(segment(normalize(c.text)))) is None


def test_the_scrape_and_two_reader_variants_fit_the_model() -> None:
    assert _two_reader_misfit(find_duplicates(segment(normalize(SCRAPE.read_text(encoding="utf-8"))))) is None
    for params in (seed000_like(1000), CorruptionParams(seed=1000)):
        c = corrupt(clean_official_text(), params)
        assert _two_reader_misfit(find_duplicates(segment(normalize(c.text)))) is None


@pytest.mark.parametrize(
    "params",
    [
        # three readers whose slower replay is not told apart (tests/test_replays.py restores others)
        CorruptionParams(seed=1025, readers=3),
        CorruptionParams(seed=8, duplicate_runs=3),
        # a test-strategy draw: a copy of "七、完善政策制度体系", which A alone read, was paired as B's;
        # A's last anchor moved there and everything once-occurring before it was taken for B's (14 misfiled)
        CorruptionParams(
            seed=155843218,
            skip_rate=0.3839731394670589,
            skip_run=(4, 6),
            block_chars=(40, 40),
            line_width=210,
            replay_ratio=0.3839731394670589,
            duplicate_runs=2,
        ),
        # a test-strategy draw: a copy of A's "加强金融机构绿色金融评价工作，…" at the end of the text
        # moved A's last anchor there, and A's headings （八）-（十九） came back among B's (26 misfiled)
        CorruptionParams(
            seed=108452429,
            skip_rate=0.3053558643447514,
            skip_run=(3, 3),
            block_chars=(199, 199),
            line_width=202,
            replay_ratio=0.3,
            duplicate_runs=1,
        ),
    ],
    ids=[
        "three readers",
        "runs copied again",
        "a copied section heading B never read",
        "a copy at the end moves A's last anchor",
    ],
)
def test_a_text_that_does_not_fit_two_readers_files_nothing_and_loses_nothing(params: CorruptionParams) -> None:
    """Three readers, or runs copied a third time: decoded as two readers these texts misfiled 18
    (three readers, seed 7, now restored by dropping the slower replay's copies), 23, 14 and 26
    tasks.  Now nothing is filed or attributed by guesswork: every fragment is kept unplaced on its
    own (measure unknown), with a warning that says why."""
    c = corrupt(clean_official_text(), params)
    assert _two_reader_misfit(find_duplicates(segment(normalize(c.text))))
    rec = _from_text(c.text)
    tasks, measures = reference_tasks(official())
    sc = score(rec, official(), normalize(c.text), surviving_tasks(c, tasks, measures))
    assert sc.misfiled == [] and sc.unplaced_ranges_wrong == []
    assert not any(m.tasks for s in rec.plan.sections for m in s.measures)
    assert any(w.kind == "unplaced" and "two interleaved readers" in w.message for w in rec.warnings)
    dump = rec.model_dump_json()
    for e in c.emitted:
        # the signature and date that open the plan's title and preamble land in issuer and signed_date
        key = SIGNATURE_AND_DATE.sub("", "".join(e.text.split()))
        assert key[:12] in dump, e.text
