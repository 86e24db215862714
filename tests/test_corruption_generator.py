"""Tests of the scrape-like corruption generator in tests/corruption.py."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corruption import (
    DUPLICATE_READER,
    SEED000_PROFILE,
    Corrupted,
    CorruptionParams,
    Emitted,
    corrupt,
    corruption_params,
    lost,
    profile,
    seed000_like,
    split_fragments,
    surviving_tasks,
    survivors,
    task_fragments,
    turn_lines,
)

OFFICIAL = Path(__file__).resolve().parents[1] / "data" / "raw" / "tianjin_plan_official_text.txt"


def in_order_text(raw: str) -> str:
    """The official PDF text as one in-order string: blank lines and line breaks dropped, spaces next to
    CJK characters removed, and the half-width ( ) , of some PDF pages made full-width."""
    s = "".join(line.strip() for line in raw.splitlines() if line.strip())
    s = re.sub(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+", "", s)
    s = s.replace("(", "（").replace(")", "）")
    return re.sub(r"(?<!\d),|,(?!\d)", "，", s)


@cache
def official() -> str:
    return in_order_text(OFFICIAL.read_text(encoding="utf-8"))


def check_invariants(c: Corrupted, params: CorruptionParams) -> None:
    fragments = c.fragments
    # every emitted fragment is the fragment it claims to be, and the text is exactly the emissions
    for e in c.emitted:
        assert e.text == fragments[e.doc_index]
        assert 0 <= e.reader < params.readers or e.reader == DUPLICATE_READER
    assert c.text.replace("\n", "") == "".join(e.text for e in c.emitted)
    assert survivors(c) | lost(c) == set(range(len(fragments)))
    assert not survivors(c) & lost(c)

    # lines are cut at fragment boundaries: at or after line_width (except the last), or between two
    # of A's fragments where the lines follow the turns
    lines = c.lines
    if not params.lines_follow_turns:
        for line in lines[:-1]:
            assert len(line) >= params.line_width
    it = iter(c.emitted)
    previous = None
    for line in lines:
        width = 0
        while width < len(line):
            e = next(it)
            if width == 0 and previous is not None and params.lines_follow_turns:
                assert previous.reader == e.reader == 0
            assert line[width : width + len(e.text)] == e.text
            width += len(e.text)
        assert width == len(line)
        previous = e
        # a line ends as soon as it reaches line_width
        last = len(line) - len(e.text)
        assert params.lines_follow_turns or last < params.line_width
    assert next(it, None) is None

    by_reader: dict[int, list[int]] = defaultdict(list)
    for e in c.emitted:
        by_reader[e.reader].append(e.doc_index)
    # each reader reads in order; replaying readers are contiguous from 0, each no further than the last
    for reader, seq in by_reader.items():
        if reader != DUPLICATE_READER:
            assert all(a < b for a, b in itertools.pairwise(seq)), reader
    for reader in range(1, params.readers):
        seq = by_reader.get(reader, [])
        assert seq == list(range(len(seq))), reader
        if reader > 1:
            assert len(seq) <= len(by_reader.get(reader - 1, []))
    # reader 1 stops when A finishes: exactly at the first boundary at or after replay_ratio of the text
    if params.readers > 1 and fragments:
        offsets = [0]
        for f in fragments:
            offsets.append(offsets[-1] + len(f))
        stop = params.replay_ratio * offsets[-1]
        replayed = len(by_reader.get(1, []))
        assert offsets[replayed] >= stop
        assert replayed == 0 or offsets[replayed - 1] < stop

    # a fragment emitted by A and by anyone else: A's copy comes first
    first_reader: dict[int, int] = {}
    for e in c.emitted:
        first_reader.setdefault(e.doc_index, e.reader)
    for i in set(by_reader.get(0, [])):
        assert first_reader[i] == 0, i
    # duplicate_runs copies come after an original emission of the same fragment
    seen: set[int] = set()
    for e in c.emitted:
        if e.reader == DUPLICATE_READER:
            assert e.doc_index in seen
        seen.add(e.doc_index)
    assert len(by_reader.get(DUPLICATE_READER, [])) <= 3 * params.duplicate_runs


# --------------------------------------------------------------------------------------------------
# split_fragments


def test_split_fragments_of_the_official_text() -> None:
    text = official()
    fragments = split_fragments(text)
    assert "".join(fragments) == "".join(text.split())
    assert len(fragments) == SEED000_PROFILE.fragments
    assert fragments[2:6] == ["一、总体要求", "（一）指导思想。", fragments[4], "（二）主要目标。"]
    assert "（市工业和信息化局、各区人民政府按职责分工负责）" in fragments
    assert "（七）提升产业园区（集群）循环化水平。" in fragments
    assert any("（国发〔2021〕4号），结合本市实际" in f for f in fragments)  # a parenthesis inside a sentence
    assert "实施《天津市养殖水域滩涂规划（2019—2030年）》。" in fragments


def test_split_fragments_examples() -> None:
    text = "一、总体要求\n（一）指导思想。以A（B）为指导；推动C！（市D局负责）“好。”二、构建E（二）F。尾巴"
    assert split_fragments(text) == [
        "一、总体要求",
        "（一）指导思想。",
        "以A（B）为指导；",
        "推动C！",
        "（市D局负责）",
        "“好。”",
        "二、构建E",
        "（二）F。",
        "尾巴",
    ]
    assert split_fragments("") == []
    assert split_fragments("（未闭合。后文。") == ["（未闭合。", "后文。"]


@given(st.text(alphabet="一二十、（）。！？；”市局负责 \nab1", max_size=80))
def test_split_fragments_concatenation(text: str) -> None:
    fragments = split_fragments(text)
    assert "".join(fragments) == "".join(text.split())
    assert all(fragments)


# --------------------------------------------------------------------------------------------------
# corrupt


def test_deterministic_per_seed() -> None:
    text = official()
    for params in (CorruptionParams(seed=7), CorruptionParams(seed=7, readers=3, duplicate_runs=2)):
        assert corrupt(text, params) == corrupt(text, params)
    texts = {corrupt(text, CorruptionParams(seed=seed)).text for seed in range(5)}
    assert len(texts) == 5


@pytest.mark.parametrize(
    "params",
    [
        CorruptionParams(seed=0),
        CorruptionParams(seed=1, readers=3),
        CorruptionParams(seed=2, duplicate_runs=3),
        CorruptionParams(seed=3, readers=1),
        seed000_like(4),
    ],
    ids=["default", "3-readers", "duplicate-runs", "1-reader", "seed000-like"],
)
def test_invariants_on_the_official_text(params: CorruptionParams) -> None:
    check_invariants(corrupt(official(), params), params)


def test_duplicates_two_readers_default() -> None:
    c = corrupt(official(), CorruptionParams(seed=0))
    counts = Counter(e.doc_index for e in c.emitted)
    twice = [i for i, k in counts.items() if k == 2]
    assert len(twice) >= 10
    assert max(counts.values()) == 2
    for i in twice:
        copies = [e for e in c.emitted if e.doc_index == i]
        assert [e.reader for e in copies] == [0, 1]


def test_profile_similar_to_seed_000() -> None:
    """Default parameters on the official text look like the real scrape (seed 000)."""
    text = official()
    runs = [profile(corrupt(text, CorruptionParams(seed=seed))) for seed in range(40)]
    one = runs[0]
    print(f"\nseed 000 (measured): {SEED000_PROFILE}\ndefault, seed 0:     {one}")
    mean = {
        name: sum(getattr(p, name) for p in runs) / len(runs)
        for name in ("emitted", "duplicated", "lost", "lost_char_share", "replay_coverage", "lines")
    }
    print(f"default, mean of 40 seeds: {mean}")
    ref = SEED000_PROFILE
    assert one.fragments == ref.fragments
    for p in (one, *runs):
        assert 0.5 * ref.duplicated <= p.duplicated <= 1.5 * ref.duplicated
        assert 0.5 * ref.lost <= p.lost <= 1.5 * ref.lost
        assert abs(p.replay_coverage - ref.replay_coverage) < 0.03
    assert abs(mean["duplicated"] - ref.duplicated) <= 0.15 * ref.duplicated
    assert abs(mean["lost"] - ref.lost) <= 0.15 * ref.lost
    assert abs(mean["lost_char_share"] - ref.lost_char_share) <= 0.03
    assert abs(mean["emitted"] - ref.emitted) <= 0.1 * ref.emitted
    assert abs(mean["lines"] - ref.lines) <= 4


def test_seed000_like_skips_only_at_turns() -> None:
    text = official()
    for seed in range(10):
        c = corrupt(text, seed000_like(seed))
        last_a = -1
        previous_reader = 0
        for e in c.emitted:
            if e.reader == 0:
                if e.doc_index != last_a + 1:  # a gap in A's walk ...
                    assert previous_reader != 0  # ... only right after another reader's block
                last_a = e.doc_index
            previous_reader = e.reader
        p = profile(c)
        assert 0.6 * SEED000_PROFILE.duplicated <= p.duplicated <= 1.4 * SEED000_PROFILE.duplicated
        assert 0.6 * SEED000_PROFILE.lost <= p.lost <= 1.4 * SEED000_PROFILE.lost


def test_turn_lines_are_cut_inside_a_blocks_as_seed000s_are() -> None:
    """Every line break falls inside one of A's blocks, near its end (seed 000: 23-112 characters
    before it; the generator takes the fragment boundary nearest such a point), so that a line holds one block of the other reader between A fragments; the stream
    is the one seed000_like makes, only cut otherwise."""
    text = official()
    for seed in range(10):
        c = corrupt(text, turn_lines(seed))
        assert c.emitted == corrupt(text, seed000_like(seed)).emitted
        assert "".join(c.lines) == "".join(e.text for e in c.emitted)
        ends = list(itertools.accumulate(len(line) for line in c.lines))[:-1]
        starts = list(itertools.accumulate(len(e.text) for e in c.emitted))
        blocks = [(reader, len(list(run))) for reader, run in itertools.groupby(e.reader == 0 for e in c.emitted)]
        assert len(c.lines) == 1 + sum(1 for is_a, size in blocks if is_a and size >= 2)
        for end in ends:
            k = starts.index(end)  # the break falls after emission k
            assert c.emitted[k].reader == 0 and c.emitted[k + 1].reader == 0
            tail = 0
            j = k + 1
            while j < len(c.emitted) and c.emitted[j].reader == 0:
                tail += len(c.emitted[j].text)
                j += 1
            assert j < len(c.emitted)  # another reader's block follows in the same line
            # near the end: within 112 characters, or one fragment more than the cut just within
            assert tail <= 112 or tail - len(c.emitted[k + 1].text) < 112
        holds = [
            sum(1 for is_a, _ in itertools.groupby(e.reader == 0 for e in emitted_of_line) if not is_a)
            for emitted_of_line in _emitted_by_line(c)
        ]
        assert Counter(holds).most_common(1)[0][0] == 1


def _emitted_by_line(c: Corrupted) -> list[list[Emitted]]:
    out: list[list[Emitted]] = []
    k = 0
    for line in c.lines:
        chars, current = 0, []
        while chars < len(line):
            current.append(c.emitted[k])
            chars += len(c.emitted[k].text)
            k += 1
        out.append(current)
    return out


def test_duplicate_runs_are_marked_copies() -> None:
    base = corrupt(official(), CorruptionParams(seed=5))
    c = corrupt(official(), CorruptionParams(seed=5, duplicate_runs=3))
    copies = [e for e in c.emitted if e.reader == DUPLICATE_READER]
    assert 3 <= len(copies) <= 9
    assert [e for e in c.emitted if e.reader != DUPLICATE_READER] == list(base.emitted)


def test_single_reader_and_degenerate_texts() -> None:
    c = corrupt(official(), CorruptionParams(seed=0, readers=1))
    assert {e.reader for e in c.emitted} == {0}
    assert len(survivors(c)) == len(c.emitted)
    empty = corrupt("", CorruptionParams(seed=0))
    assert empty == Corrupted(text="", emitted=(), fragments=())
    assert survivors(empty) == lost(empty) == set()
    one = corrupt("独句。", CorruptionParams(seed=0, skip_rate=0.0))
    assert one.text == "独句。独句。"
    assert [e.reader for e in one.emitted] == [0, 1]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"readers": 0},
        {"skip_rate": 1.5},
        {"skip_run": (0, 3)},
        {"skip_run": (4, 2)},
        {"block_chars": (0, 10)},
        {"line_width": 0},
        {"replay_ratio": 1.0},
        {"duplicate_runs": -1},
    ],
)
def test_invalid_params(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        CorruptionParams(seed=0, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# properties


@settings(max_examples=150, deadline=None)
@given(corruption_params())
def test_invariants_hold_for_any_params(params: CorruptionParams) -> None:
    c = corrupt(official(), params)
    check_invariants(c, params)
    assert c == corrupt(official(), params)


_SENTENCES = st.lists(
    st.builds(
        lambda body, end: body + end,
        st.text(alphabet="天津市绿色低碳发展", min_size=1, max_size=60),
        st.sampled_from(["。", "；", "！", "。（市发展改革委负责）"]),
    ),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(corruption_params(), _SENTENCES)
def test_invariants_hold_for_small_texts(params: CorruptionParams, sentences: list[str]) -> None:
    check_invariants(corrupt("".join(sentences), params), params)


def _tasks_of_a_small_plan() -> tuple[str, list[tuple[str, str | None]], list[int]]:
    text = (
        "一、总体要求（一）指导思想。坚持绿色发展。（甲局负责）推进节能降碳。（乙局负责）"
        "（二）主要目标。到2025年，目标实现。（丙局负责）"
    )
    tasks: list[tuple[str, str | None]] = [
        ("坚持绿色发展。", "（甲局负责）"),
        ("推进节能降碳。", "（乙局负责）"),
        ("到2025年，目标实现。", "（丙局负责）"),
    ]
    return text, tasks, [1, 1, 2]


def test_surviving_tasks_all_survive_an_uncorrupted_text() -> None:
    text, tasks, measures = _tasks_of_a_small_plan()
    c = corrupt(text, CorruptionParams(seed=0, readers=1, skip_rate=0.0))
    assert [sorted(p) for p in task_fragments(c, tasks)] == [[2, 3], [4, 5], [7, 8]]
    assert surviving_tasks(c, tasks, measures) == {0, 1, 2}


def test_surviving_tasks_needs_every_fragment_and_the_heading() -> None:
    text, tasks, measures = _tasks_of_a_small_plan()
    c = corrupt(text, CorruptionParams(seed=0, readers=1, skip_rate=0.0))
    # drop the parenthesis of task 1 and the heading of measure 2 from what was emitted
    kept = tuple(e for e in c.emitted if e.doc_index not in {5, 6})
    damaged = Corrupted(text="".join(e.text for e in kept), emitted=kept, fragments=c.fragments)
    assert surviving_tasks(damaged, tasks, measures) == {0}
