"""A slower third reader (plan_extract.replays): found from the text alone, its copies dropped, and the
two readers left decoded.  The generator's truth (which reader emitted each fragment) is what the
fragments found are checked against; the official record is what the tasks are scored against."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corruption import (
    Corrupted,
    CorruptionParams,
    corrupt,
    emission_of,
    rare_turn_skips,
    reference_tasks,
    seed000_like,
    surviving_tasks,
)
from plan_extract import PlanRecord, extract_source
from plan_extract.dedupe import Deduped, find_duplicates
from plan_extract.evaluate import Score, score
from plan_extract.normalize import normalize
from plan_extract.readers.base import SourceText
from plan_extract.replays import slow_replay, without
from plan_extract.segment import segment


@pytest.fixture(scope="module")
def clean_text(official_source: str) -> str:
    """The official text as the pipeline normalizes it: what the variants are made from."""
    return normalize(official_source)


def _deduped(text: str) -> Deduped:
    return find_duplicates(segment(normalize(text)))


def _scored(c: Corrupted, official: PlanRecord) -> tuple[PlanRecord, Score]:
    """The record of a corrupted text, and its score against the official record."""
    rec = extract_source(SourceText(path="variant.txt", name="variant.txt", kind="text", text=c.text))
    tasks, measures = reference_tasks(official)
    return rec, score(rec, official, normalize(c.text), surviving_tasks(c, tasks, measures))


FAMILIES: dict[str, Callable[[int], CorruptionParams]] = {
    "default": lambda seed: CorruptionParams(seed=seed),
    "seed-000-like": seed000_like,
    "rare turn skips": rare_turn_skips,
}
VARIANTS = [
    (f"{name} {seed}", replace(make(seed), readers=3)) for name, make in FAMILIES.items() for seed in (1000, 1003, 1005)
]
THREE_READERS = [pytest.param(params, id=name) for name, params in VARIANTS]


def _wrong(c: Corrupted, dd: Deduped, source: dict[int, int]) -> list[int]:
    """The fragments in ``source`` that are not a replay's copy of the document fragment they are
    paired with (by the generator's truth)."""
    truth = emission_of(c, dd.fragments)
    return [k for k, src in source.items() if truth[k].reader == 0 or truth[k].doc_index != truth[src].doc_index]


@pytest.mark.parametrize("params", THREE_READERS)
def test_the_fragments_taken_for_the_slow_replay_are_its_own(params: CorruptionParams, clean_text: str) -> None:
    """Every sentence dropped as R2's is a replay's later copy of the very fragment of the document it
    is paired with (a sentence of A's dropped would lose its place).  Where R2 read the first
    fragments before R1 did, R1's copies of them come third and are the ones dropped: the same
    fragments, read twice.  Parentheses are matched on their text, which recurs, and a few of A's
    are taken for R2's (the xfail below); the fragments of R2's that are not found are few."""
    c = corrupt(clean_text, params)
    dd = _deduped(c.text)
    replay = slow_replay(dd)
    if replay is None:
        pytest.skip("not told apart, and refused (test_a_three_reader_text_is_restored_or_refused)")
    for k, src in replay.source.items():
        assert src < k and dd.fragments[src].key == dd.fragments[k].key
    wrong = _wrong(c, dd, replay.source)
    assert all(dd.fragments[k].kind == "paren" for k in wrong)
    assert len(wrong) <= 2
    truth = emission_of(c, dd.fragments)
    r2 = {i for i, e in enumerate(truth) if e.reader == 2}
    assert len(r2 - set(replay.source)) <= len(r2) // 10


@pytest.mark.xfail(strict=True, reason="a parenthesis of A's next to R2's turn is taken for R2's")
def test_no_parenthesis_of_another_reader_is_taken_for_the_slow_replays(clean_text: str) -> None:
    """Default variant 1003 of three readers: A's "（市发展改革委、各区人民政府按职责分工负责）" next to
    R2's turn is taken for R2's, paired with a parenthesis of the same text in A's block between R1's
    turns.  Nothing is misfiled (A's task is left without it), but those agencies are lost to its
    task.  On seeds 1000-1039 of three families, 5 of about 1 200 parentheses taken.  (Seed-000-like
    1003 shows the milder case: R2's own parenthesis paired with a copy of the same text that A read
    elsewhere, so the dropped copy's ``kept`` provenance points there.)"""
    c = corrupt(clean_text, CorruptionParams(seed=1003, readers=3))
    dd = _deduped(c.text)
    replay = slow_replay(dd)
    assert replay is not None
    truth = emission_of(c, dd.fragments)
    assert [k for k in replay.source if truth[k].reader == 0] == []


#: Three-reader draws of random settings (a session's search, seeds 1 000 000 + i) where R1 reads long
#: turns and R2 trails far behind: each misfiled a task before R1's parenthesis inside R1's own turn
#: stopped being taken for R2's (rounded, each checked to misfile with the version before).
FAR_BEHIND = {
    # a turn of one parenthesis: R1's, paired with one of A's of the same text
    "slow replays, long runs": CorruptionParams(
        seed=325262342, readers=3, skip_rate=0.13602, skip_run=(8, 13), block_chars=(395, 470),
        line_width=660, replay_ratio=0.19196,
    ),
    # past R2's last copy: R1's parenthesis nine fragments on, R1's text on both sides
    "slow replays, wide lines": CorruptionParams(
        seed=934173915, readers=3, skip_rate=0.78561, skip_run=(8, 8), block_chars=(113, 221),
        line_width=1133, replay_ratio=0.19778, skips_at_turns=True,
    ),
    # R1 at 0.68 of A's pace; a task took another's agencies
    "fast replay, big blocks": CorruptionParams(
        seed=1039326605, readers=3, skip_rate=0.00775, skip_run=(2, 8), block_chars=(390, 468),
        line_width=937, replay_ratio=0.68283, skips_at_turns=True,
    ),
    # a held-out draw (i = 2096): a misfiled task and a wrong unplaced range
    "held out": CorruptionParams(
        seed=1745224070, readers=3, skip_rate=0.34589, skip_run=(4, 10), block_chars=(222, 455),
        line_width=899, replay_ratio=0.39820,
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", FAR_BEHIND)
def test_a_parenthesis_next_to_r1s_text_is_not_taken_for_the_slow_replays(
    name: str, clean_text: str, official_record: PlanRecord
) -> None:
    """A turn of R2's lies between two of A's: no parenthesis R1 read is dropped as R2's, and the
    text misfiles nothing."""
    c = corrupt(clean_text, FAR_BEHIND[name])
    dd = _deduped(c.text)
    replay = slow_replay(dd)
    assert replay is not None
    truth = emission_of(c, dd.fragments)
    assert [k for k in _wrong(c, dd, replay.source) if truth[k].reader == 1] == []
    _, sc = _scored(c, official_record)
    assert sc.misfiled == [] and sc.unplaced_ranges_wrong == [] and sc.unplaced_misattributed == []
    assert len(sc.exact) >= len(sc.whole) // 10


@pytest.mark.parametrize("params", THREE_READERS)
def test_a_three_reader_text_is_restored_or_refused(
    params: CorruptionParams, clean_text: str, official_record: PlanRecord
) -> None:
    """Refused before (every fragment unplaced, 0 % of its tasks placed).  Now, where the slower
    replay is told apart, a part of the tasks is placed exactly, none is misfiled, every unplaced
    range holds its fragment, R2's copies are counted as dropped duplicates, and a warning says a
    third reader was found; where it is not, the text is kept unplaced as before."""
    c = corrupt(clean_text, params)
    rec, sc = _scored(c, official_record)
    assert sc.misfiled == [] and sc.unplaced_ranges_wrong == [] and sc.unplaced_misattributed == []
    dd = _deduped(c.text)
    replay = slow_replay(dd)
    if replay is None:
        assert sc.exact == []
        assert any(w.kind == "unplaced" and "two interleaved readers" in w.message for w in rec.warnings)
        return
    assert len(sc.exact) >= len(sc.whole) // 10
    assert any(w.kind == "duplicate_dropped" and "third reader" in w.message for w in rec.warnings)
    assert rec.accounting is not None
    dropped = Counter(d.text for d in rec.accounting.dropped if d.kind == "duplicate")
    for text, n in Counter(dd.fragments[k].text for k in replay.source).items():
        assert dropped[text] >= n, text


def test_most_three_reader_variants_are_restored(clean_text: str) -> None:
    """Of the nine variants above, the slower replay is told apart in all but one (seed-000-like 1005:
    a copy fits both replays' chains before the slower replay's last third copy)."""
    told = [name for name, params in VARIANTS if slow_replay(_deduped(corrupt(clean_text, params).text))]
    assert len(told) == len(VARIANTS) - 1


def test_what_is_left_is_renumbered_and_maps_back(clean_text: str) -> None:
    c = corrupt(clean_text, CorruptionParams(seed=7, readers=3))
    dd = _deduped(c.text)
    replay = slow_replay(dd)
    assert replay is not None
    inner, back = without(dd, replay)
    assert len(inner.fragments) + len(replay.source) == len(dd.fragments)
    assert [f.index for f in inner.fragments] == list(range(len(inner.fragments)))
    for f in inner.fragments:
        assert dd.fragments[back[f.index]].text == f.text and back[f.index] not in replay.source


@pytest.mark.parametrize(
    "params",
    [
        CorruptionParams(seed=8, duplicate_runs=3),
        CorruptionParams(seed=1000, duplicate_runs=2),
        seed000_like(1000),
    ],
    ids=["runs copied again", "runs copied again (2)", "two readers"],
)
def test_two_readers_with_or_without_copied_runs_show_no_third_reader(
    params: CorruptionParams, clean_text: str
) -> None:
    """A run copied once more holds a third copy too, but not from the start of the text, where a
    slower replay begins, so it is not taken for a third reader's.  Two readers alone hold no third
    copy."""
    assert slow_replay(_deduped(corrupt(clean_text, params).text)) is None


def test_the_scrape_shows_no_third_reader(scrape_source: str) -> None:
    assert slow_replay(_deduped(scrape_source)) is None


def test_a_three_reader_text_whose_copies_either_replay_may_have_read_is_refused(
    clean_text: str, official_record: PlanRecord
) -> None:
    """Default variant 1025 of three readers: a sentence that occurs twice fits both replays' chains
    before the slower replay's last third copy, which the model does not allow; cut there, the
    text glued three tasks under one parenthesis.  It is kept unplaced as before."""
    c = corrupt(clean_text, CorruptionParams(seed=1025, readers=3))
    assert slow_replay(_deduped(c.text)) is None
    rec, sc = _scored(c, official_record)
    assert sc.misfiled == [] and sc.exact == []
    assert not any(m.tasks for s in rec.plan.sections for m in s.measures)
    assert any(w.kind == "unplaced" and "two interleaved readers" in w.message for w in rec.warnings)


def test_past_the_slow_replays_last_third_copy_a_copy_either_replay_may_have_read_ends_what_is_told(
    clean_text: str, official_record: PlanRecord
) -> None:
    """Default variant 1001 of three readers: its last fragment, a sentence occurring twice, fits both
    replays' chains (both take their last turn there).  The text is told apart up to it; that copy
    is dropped as a repeat of the sentence read before, whoever read it; the tasks before are placed,
    and a warning says where telling stopped."""
    c = corrupt(clean_text, CorruptionParams(seed=1001, readers=3))
    dd = _deduped(c.text)
    replay = slow_replay(dd)
    assert replay is not None and replay.told < len(dd.fragments)
    rec, sc = _scored(c, official_record)
    assert sc.misfiled == [] and sc.unplaced_ranges_wrong == [] and sc.unplaced_misattributed == []
    assert len(sc.exact) >= len(sc.whole) // 10
    assert any(w.kind == "unplaced" and "is not told" in w.message for w in rec.warnings)
    assert rec.accounting is not None
    dropped = {d.text for d in rec.accounting.dropped if d.kind == "duplicate"}
    unplaced = " ".join(u.model_dump_json() for u in rec.plan.unplaced)
    for f in dd.fragments[replay.told :]:
        assert f.text in dropped or f.text[:12] in unplaced, f.text


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), family=st.sampled_from(sorted(FAMILIES)))
def test_a_sentence_dropped_as_the_slow_replays_is_always_a_replayed_copy(
    seed: int, family: str, clean_text: str
) -> None:
    """The invariant behind dropping: a sentence taken for R2's is a replay's later copy of the
    very document fragment it is paired with, so dropping it loses nothing; and every fragment of
    the part told apart is either kept, in text order, for the two readers, or dropped — never
    both, never neither."""
    c = corrupt(clean_text, replace(FAMILIES[family](seed), readers=3))
    dd = _deduped(c.text)
    replay = slow_replay(dd)
    if replay is None:
        return
    assert all(dd.fragments[k].kind == "paren" for k in _wrong(c, dd, replay.source))
    inner, back = without(dd, replay)
    assert back == sorted(back) and sorted([*back, *replay.source]) == list(range(replay.told))
    assert [f.text for f in inner.fragments] == [dd.fragments[k].text for k in back]
