"""An experiment the pipeline does not use: drop the extra copies of copied runs, then decode two readers.

    python bench/order_copied_runs.py [N_SEEDS [FIRST_SEED]]

Why it exists: a text with runs copied a third time (tests/corruption.py ``duplicate_runs``) is
refused by order repair (:func:`plan_extract.order._two_reader_misfit`), so every task of it is
unplaced: 0 % exact.  That is the largest loss of exact placement left, so this script measures
the obvious repair, and keeps the measurement reproducible.  docs/order-repair-log.md gives
the figures and why the repair is not used (it misfiles tasks).

The idea: every fragment both readers read appears once per reader, each reader in document order,
so the pairs (first copy, later copy) of the sentences never cross: sorted by first copy, their
later copies increase.  An extra copy, put at a random later place, usually breaks that.  The
longest non-crossing chain of candidate pairs (a longest increasing subsequence) is taken for the
readers' pairs; a later copy outside it is an extra -- where that sentence's part of the chain is
the same in every longest chain, else the sentence is undecided.  A parenthesis next to an extra
that repeats the one next to its source on that side is an extra too.

Seed-000-like variants with 2 copied runs (seeds FIRST_SEED .. FIRST_SEED + N_SEEDS - 1, default
40 from 7000).  Printed: how the extra sentence copies found compare with the generator's truth,
then the scores (as bench/order_variants.py scores) when the text without the extras found is
decoded as two readers; a text with an undecided sentence, or that still misfits, is refused as
the pipeline refuses it.
"""

from __future__ import annotations

import bisect
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corruption import DUPLICATE_READER, corrupt, emission_of, seed000_like
from order_variants import OFFICIAL, describe, run_variant
from plan_extract import extract
from plan_extract.dedupe import Deduped, find_duplicates, pairs_by_text
from plan_extract.normalize import normalize
from plan_extract.order import Ordered, _two_reader_misfit, repair_order
from plan_extract.segment import Fragment, segment
from plan_extract.structure import UnplacedRun


def _chain_lengths(points: list[tuple[int, int]]) -> list[int]:
    """Per point, the longest chain increasing in both coordinates that ends at it (points sorted by
    first coordinate ascending, second descending, so one first coordinate is used at most once)."""
    tails: list[int] = []
    out = []
    for _, b in points:
        k = bisect.bisect_left(tails, b)
        tails[k : k + 1] = [b]
        out.append(k + 1)
    return out


def extra_copies(dd: Deduped) -> tuple[set[int], int]:
    """The sentences' extra copies found, and how many sentences are undecided."""
    occurrences: dict[str, list[int]] = defaultdict(list)
    for f in dd.fragments:
        if pairs_by_text(f):
            occurrences[f.key].append(f.index)
    points = sorted(((o[0], j) for o in occurrences.values() for j in o[1:]), key=lambda p: (p[0], -p[1]))
    ending = _chain_lengths(points)
    mirrored = [(-b, -a) for a, b in points]
    order = sorted(range(len(points)), key=lambda i: (mirrored[i][0], -mirrored[i][1]))
    starting = [0] * len(points)
    for i, length in zip(order, _chain_lengths([mirrored[i] for i in order]), strict=True):
        starting[i] = length
    longest = max(ending, default=0)
    on_some = [i for i in range(len(points)) if ending[i] + starting[i] - 1 == longest]
    at_level: dict[int, int] = defaultdict(int)
    for i in on_some:
        at_level[ending[i]] += 1
    on_every = {i for i in on_some if at_level[ending[i]] == 1}
    extras: set[int] = set()
    undecided = 0
    for o in occurrences.values():
        if len(o) < 2:
            continue
        chosen = [i for i in on_some if points[i][0] == o[0]]
        if not chosen:
            extras.update(o[1:])
        elif len(chosen) == 1 and chosen[0] in on_every:
            extras.update(j for j in o[1:] if j != points[chosen[0]][1])
        else:
            undecided += 1
    return _with_parentheses(dd.fragments, extras), undecided


def _with_parentheses(frags: tuple[Fragment, ...], extras: set[int]) -> set[int]:
    """``extras`` and the parentheses next to them that repeat the ones next to a source copy."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for f in frags:
        by_key[f.key].append(f.index)
    out = set(extras)
    grown = True
    while grown:
        grown = False
        for e in sorted(out):
            sources = [j for j in by_key[frags[e].key] if j not in out]
            for step in (-1, 1):
                q = e + step
                if not 0 <= q < len(frags) or q in out or frags[q].kind != "paren":
                    continue
                if any(
                    0 <= j + step < len(frags) and j + step != q and frags[j + step].key == frags[q].key
                    for j in sources
                ):
                    out.add(q)
                    grown = True
    return out


def repair_without_extras(dd: Deduped) -> Ordered:
    """Order repair that first drops the extras found (counted as duplicates of a kept copy)."""
    if not dd.duplicate_of or not _two_reader_misfit(dd):
        return repair_order(dd)
    extras, undecided = extra_copies(dd)
    if undecided or not extras:
        return repair_order(dd)
    kept = [f for f in dd.fragments if f.index not in extras]
    renumbered: list[Fragment] = []
    line_break = False
    for f in dd.fragments:
        if f.index in extras:
            line_break = line_break or f.para_start
            continue
        renumbered.append(replace(f, index=len(renumbered), para_start=f.para_start or line_break))
        line_break = False
    reduced = find_duplicates(renumbered)
    if _two_reader_misfit(reduced):
        return repair_order(dd)
    ordered = repair_order(reduced)
    first_kept: dict[str, int] = {}
    for f in kept:
        first_kept.setdefault(f.key, f.index)
    duplicate_of = {kept[a].index: kept[b].index for a, b in ordered.duplicate_of.items()}
    duplicate_of.update({e: first_kept[dd.fragments[e].key] for e in extras})
    return Ordered(
        [kept[f.index] for f in ordered.fragments],
        [UnplacedRun(tuple(kept[f.index] for f in u.fragments), u.lo, u.hi) for u in ordered.unplaced],
        ordered.warnings,
        frozenset(kept[i].index for i in ordered.gap_before),
        duplicate_of,
    )


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 40
    first = int(argv[2]) if len(argv) > 2 else 7000
    reference = extract(OFFICIAL)
    clean = normalize(OFFICIAL.read_text(encoding="utf-8"))
    found = {"right": 0, "undecided": 0, "wrong": 0}
    total = [0] * 6
    for seed in range(first, first + n):
        params = replace(seed000_like(seed), duplicate_runs=2)
        c = corrupt(clean, params)
        frags = segment(c.text)
        truth = {
            f.index
            for f, e in zip(frags, emission_of(c, frags), strict=True)
            if e.reader == DUPLICATE_READER and pairs_by_text(f)
        }
        extras, undecided = extra_copies(find_duplicates(frags))
        sentences = {i for i in extras if frags[i].kind != "paren"}
        found["undecided" if undecided else "right" if sentences == truth else "wrong"] += 1
        with patch("plan_extract.pipeline.repair_order", repair_without_extras):
            res = run_variant(params, reference, clean)
        total = [a + b for a, b in zip(total, res, strict=True)]
        if any(res[2:]):
            print(f"  {seed}: exact {res[0]}/{res[1]}, misfiled {res[2]}, wrong ranges {res[3]}")
    print(f"extra sentence copies, per text: {found}")
    print(f"decoded without them: {describe(total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
