"""Copied runs: find the runs of fragments a scrape repeated once more, so that they can be dropped
as duplicates and the two readers left decoded by :mod:`plan_extract.order`.

Why: a scrape may hold a run of fragments twice more than its readers explain -- a page mirrored
with a paragraph repeated, a scraper that retried a request.  The corruption generator's
``duplicate_runs`` (tests/corruption.py) copies a run of one to three fragments of the interleaved
text to a later place.  Such a copy breaks the two readers' model (a sentence occurring three times,
a repeat coming back out of order), and order repair refused the whole text: every fragment kept
unplaced.  On uniform draws from the test strategy's ranges (two readers, one to three copied runs,
draws 0-399 of ``random.Random(draw)``) that was 2.8 % of the surviving tasks placed exactly.

How a copy shows (each step from the model, none from one text):

* B's copies repeat A's fragments in text order (a replay never goes back): the later copies B
  read make a chain whose earlier copies increase.  A copied run adds later copies off that chain.
* So the chain is chosen among the later copies, and the rest are the copies.  Not the longest
  chain: a run copied to the end of a text, from beyond where B stopped, lengthens the longest
  chain by its own length and then outvotes B's one last copy (draw 118 misfiled a task so).  A
  copy is one event that repeats a *run* of consecutive fragments, so the chain is chosen to drop
  as few runs as it can (:data:`RUN_COST` each), then as few fragments.  Two dropped copies are one
  run where they are next to each other in the text and repeat two fragments next to each other
  (any earlier occurrence of each: the run may have repeated B's copies, which pair with A's).
  Counted by fragments alone, draws 140, 218 and 394 dropped B's own copy and kept the run's;
  counted by runs but joining neighbours whatever they repeat, draw 357 dropped six of B's copies
  lying between two copied runs, to make one run of them.
* Where another chain drops as few runs and fragments by keeping a dropped copy in place of a
  kept one of the same text, which copy is B's is not told, and the text is refused as before
  (draw 394: B's copy of "实施天津港绿色智慧专业化码头科技示范工程…" and a copied one four fragments
  later, the task after them misfiled whichever was kept).
* A parenthesis or a short line the run repeated with a dropped copy pairs with no anchor
  (:mod:`plan_extract.dedupe` pairs a parenthesis once): it is dropped too where it repeats the
  neighbour of an earlier occurrence of its copy, on the same side.
* What is left must fit two readers (:func:`plan_extract.order._two_reader_misfit`), and the
  headings B certainly read -- before A's last anchor every fragment but A's copies, after it the
  later copies -- must never go back (draws 218 and 348: copies from beyond B's end taken for B's
  read A's headings as B's, and misfiled 19 and 4 tasks).

A copied run that is a lone parenthesis (or a line too short to pair) is not found: a list of
agencies recurs through a plan, and nothing tells its copy from another task's.  It stays in the
text as a fragment of its own (a strict xfail in tests/test_order.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from .dedupe import Deduped

#: Cost of one more copied run, against 1 per copied fragment: a chain that drops fewer runs wins.
RUN_COST = 10.0
#: Most later copies a copied run may lie across (the dynamic programme looks this far back).
WINDOW = 60
#: Largest share of the later copies that may be dropped: copied runs are a few events; a third
#: reader, or a text that is not interleaved readers at all, drops far more.
MAX_SHARE = 0.2


@dataclass(frozen=True)
class CopiedRuns:
    """The fragments of the copied runs, each with the earlier fragment it repeats."""

    source: dict[int, int]
    """Index (in the text) of each copied fragment -> index of the earlier fragment it repeats."""


def copied_runs(dd: Deduped) -> CopiedRuns | None:
    """The copied runs in ``dd`` (see the module docstring), or None if none show, or which copy
    is B's is not told, or too many would be dropped.  The caller checks what is left."""
    later = sorted(dd.duplicate_of)
    earlier = _earlier_occurrences(dd)
    kept = _chain(later, dd.duplicate_of, earlier)
    drop = [k for k in later if k not in kept]
    if not drop or len(drop) > MAX_SHARE * len(later):
        return None
    if _swappable(dd, later, set(drop), earlier):
        return None
    source = {k: dd.duplicate_of[k] for k in drop}
    _add_neighbours(dd, source)
    return CopiedRuns(dict(sorted(source.items())))


def _earlier_occurrences(dd: Deduped) -> dict[int, set[int]]:
    """For each later copy, every earlier fragment with its text."""
    seen: dict[str, list[int]] = defaultdict(list)
    out: dict[int, set[int]] = {}
    for f in dd.fragments:
        if f.index in dd.duplicate_of:
            out[f.index] = set(seen[f.key])
        seen[f.key].append(f.index)
    return out


def _joined(earlier: dict[int, set[int]], a: int, b: int) -> bool:
    """Whether dropped copies ``a`` < ``b`` are one run: next to each other, repeating fragments
    next to each other."""
    return b == a + 1 and any(e - 1 in earlier[a] for e in earlier[b])


def _chain(later: list[int], source: dict[int, int], earlier: dict[int, set[int]]) -> set[int]:
    """The later copies kept as B's: sources increasing, the rest dropped at least cost
    (:data:`RUN_COST` per run, 1 per fragment); a min-sum programme over the copies in text order,
    each looking back :data:`WINDOW` copies for its predecessor in the chain."""
    m = len(later)
    inf = float("inf")
    # positions 1..m are the copies; 0 and m + 1 a start and an end every chain has
    value = [-1.0, *(float(source[k]) for k in later), inf]
    cost = [inf] * (m + 2)
    before = [-1] * (m + 2)
    cost[0] = 0.0
    for i in range(1, m + 2):
        dropped = runs = 0  # copies strictly between j and i, dropped
        for j in range(i - 1, max(-1, i - 2 - WINDOW), -1):
            if j < i - 1:  # copy j + 1 is dropped now: a new run unless it joins copy j + 2
                dropped += 1
                runs += not (j + 2 < i and _joined(earlier, later[j], later[j + 1]))
            if cost[j] < inf and value[j] < value[i]:
                c = cost[j] + dropped + RUN_COST * runs
                if c < cost[i]:
                    cost[i], before[i] = c, j
    kept: set[int] = set()
    i = before[m + 1]
    while i > 0:
        kept.add(later[i - 1])
        i = before[i]
    return kept


def _drop_cost(later: list[int], drop: set[int], earlier: dict[int, set[int]]) -> float:
    cost, prev = 0.0, None
    for k in later:
        if k in drop:
            cost += 1 + (0 if prev is not None and _joined(earlier, prev, k) else RUN_COST)
            prev = k
        else:
            prev = None
    return cost


def _swappable(dd: Deduped, later: list[int], drop: set[int], earlier: dict[int, set[int]]) -> bool:
    """Whether keeping a dropped copy instead of a kept one of the same text gives a chain that
    costs no more: then which is B's is not told."""
    source = dd.duplicate_of
    kept = [k for k in later if k not in drop]
    base = _drop_cost(later, drop, earlier)
    by_key: dict[str, list[int]] = defaultdict(list)
    for k in kept:
        by_key[dd.fragments[k].key].append(k)
    for k in drop:
        for other in by_key[dd.fragments[k].key]:
            chain = sorted({*kept, k} - {other})
            if all(source[a] < source[b] for a, b in pairwise(chain)) and (
                _drop_cost(later, (drop - {k}) | {other}, earlier) <= base
            ):
                return True
    return False


def _add_neighbours(dd: Deduped, source: dict[int, int]) -> None:
    """Unpaired fragments next to a copied one that repeat the same neighbour of an earlier
    occurrence of it (the longest such stretch), added to ``source``."""
    frags = dd.fragments
    occurs: dict[str, list[int]] = defaultdict(list)
    for f in frags:
        occurs[f.key].append(f.index)
    for k in sorted(source):
        for step in (-1, 1):
            best: list[tuple[int, int]] = []
            for e in occurs[frags[k].key]:
                if e >= k:
                    break
                stretch = []
                j, s = k + step, e + step
                while (
                    0 <= j < len(frags)
                    and 0 <= s < len(frags)
                    and s != j
                    and j not in dd.duplicate_of
                    and j not in source
                    and frags[j].key == frags[s].key
                ):
                    stretch.append((j, s))
                    j, s = j + step, s + step
                if len(stretch) > len(best):
                    best = stretch
            source.update(best)
