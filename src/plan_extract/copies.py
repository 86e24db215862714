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
* Two chains may drop as much: a run of two copied sentences and B's own copies of them are one
  run either way (seed-000-like variant 7054 with two copied runs kept the copied run and misfiled
  two tasks).  B reads a block of fragments in a row, a copy lands anywhere: B's copies continue
  their neighbours seamlessly (sources next to each other, nothing paired between them in the
  text), so dropping a copy a kept one continues costs :data:`SEAM_COST` more.
* Where another chain costs no more and keeps a copy the one found drops, which copy is B's is
  not told by the costs (draw 389: a copied run of two sentences inside B's block, next to
  fragments only B read, where no seam shows).  A min-sum programme run each way finds the least
  chain through every copy, and each chain that ties is returned (:data:`MAX_CHAINS` at most);
  the caller keeps the one whose rest fits two readers, if only one does, else refuses the text.
* A parenthesis or a short line the run repeated with a dropped copy pairs with no anchor
  (:mod:`plan_extract.dedupe` pairs a parenthesis once): it is dropped too where it repeats the
  neighbour of an earlier occurrence of its copy, on the same side.
* What is left must fit two readers (:func:`plan_extract.order._two_reader_misfit`), and the
  headings B certainly read -- before A's last anchor every fragment but A's copies, after it the
  later copies -- must never go back (draws 218 and 348: copies from beyond B's end taken for B's
  read A's headings as B's, and misfiled 19 and 4 tasks).  Such a copy, of text only A read,
  landing past B's last copy, extends B's chain at no cost; so where what is left does not fit,
  the chain's last run is dropped too and the chain found again without it, up to
  :data:`TAIL_RUNS` times (:func:`plan_extract.order._copies_to_drop`): draw 218 is restored so.

A copied run that is a lone parenthesis (or a line too short to pair) is not found: a list of
agencies recurs through a plan, and nothing tells its copy from another task's.  It stays in the
text as a fragment of its own; the decoder gives such a text's repeated parentheses a third label,
one more copy that neither reader read (:data:`plan_extract.order.EXTRA`), and leaves one
unplaced where that reading is close (before it, seed-000-like variants 7040, 7049 and 7097 with
two copied runs misfiled a task each, the copy read as a reader's).  A copy inside A's block,
between two sentences A read on, still reads as A's (seed-000-like 7099: a strict xfail in
tests/test_copies.py); and where the copies are all lone parentheses the text
fits two readers, no copied run shows, and they are decoded as a reader's (a strict xfail in
tests/test_order.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .dedupe import Deduped

#: Cost of one more copied run, against 1 per copied fragment: a chain that drops fewer runs wins.
RUN_COST = 10.0
#: Most later copies a copied run may lie across (the dynamic programme looks this far back).
WINDOW = 60
#: Largest share of the later copies that may be dropped: copied runs are a few events; a third
#: reader, or a text that is not interleaved readers at all, drops far more.
MAX_SHARE = 0.2
#: Cost of dropping a copy that continues a kept one seamlessly (its source next to the kept one's,
#: only unpaired text between them): B reads a block of fragments in a row, a copied run lands
#: anywhere.  Below one fragment's cost, it only tells apart chains that drop as much.
SEAM_COST = 0.5
#: Costs within this of the least are a tie.
TIE = 1e-9
#: Most chains that tie that are each checked (:func:`plan_extract.order._copies_to_drop`); with
#: more, which copies are B's is not told.
MAX_CHAINS = 4
#: Most runs at the end of the chain kept as B's that are dropped too, one more each time, where
#: what is left does not fit two readers (:func:`copied_runs`'s ``tail_runs``).
TAIL_RUNS = 2


@dataclass(frozen=True)
class CopiedRuns:
    """The fragments of the copied runs, each with the earlier fragment it repeats."""

    source: dict[int, int]
    """Index (in the text) of each copied fragment -> index of the earlier fragment it repeats."""


def copied_runs(dd: Deduped, tail_runs: int = 0) -> list[CopiedRuns]:
    """The ways to drop copied runs from ``dd`` that cost the least (see the module docstring):
    one where which copies are B's is told, several where chains tie (at most :data:`MAX_CHAINS`),
    none where no copy shows, or too many would be dropped, or more chains tie.  The caller checks
    what each leaves.  ``tail_runs``: the last runs of each chain kept as B's are dropped too, and
    the chain found again without them, that many times (:func:`_tail_run`)."""
    everything = sorted(dd.duplicate_of)
    earlier = _earlier_occurrences(dd)
    ways = [(everything, kept) for kept in _chains(dd, everything, earlier)]
    for _ in range(tail_runs):
        ways = [
            (rest, kept)
            for later, chain in ways
            for rest in [[k for k in later if k not in _tail_run(later, chain, earlier)]]
            for kept in _chains(dd, rest, earlier)
        ]
    found: list[CopiedRuns] = []
    for _, kept in ways:
        drop = [k for k in everything if k not in kept]
        if not drop or len(drop) > MAX_SHARE * len(everything):
            continue
        source = {k: dd.duplicate_of[k] for k in drop}
        _add_neighbours(dd, source)
        runs = CopiedRuns(dict(sorted(source.items())))
        if runs not in found:
            found.append(runs)
    return found if len(found) <= MAX_CHAINS else []


def _tail_run(later: list[int], kept: set[int], earlier: dict[int, set[int]]) -> set[int]:
    """The last run of the copies ``kept`` as B's: the last one, and the kept copies right before
    it that are one run with it."""
    position = {k: t for t, k in enumerate(later)}
    if not kept:
        return set()
    last = max(kept)
    run = {last}
    t = position[last]
    while t > 0 and later[t - 1] in kept and _joined(earlier, later[t - 1], later[t]):
        t -= 1
        run.add(later[t])
    return run


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


def _chains(dd: Deduped, later: list[int], earlier: dict[int, set[int]]) -> list[set[int]]:
    """The later copies kept as B's: sources increasing, the copies left out dropped at least cost
    (:data:`RUN_COST` per run, 1 per fragment, :data:`SEAM_COST` for each dropped copy that a kept
    one continues seamlessly): the least chain, and where another chain of that cost keeps a copy
    this one drops, the least chain through each such copy too (distinct, at most
    :data:`MAX_CHAINS`, else none).  A min-sum programme over the copies in text order each way
    (positions 1..m; 0 and m + 1 a start and an end every chain has), each looking :data:`WINDOW`
    copies away for its neighbour in the chain."""
    m = len(later)
    inf = float("inf")
    source = dd.duplicate_of
    value = [-1.0, *(float(source[k]) for k in later), inf]
    # joins[t]: how many of positions 2..t would, dropped, be one run with the position before
    joins = [0] * (m + 2)
    for t in range(2, m + 2):
        joins[t] = joins[t - 1] + (t <= m and _joined(earlier, later[t - 2], later[t - 1]))
    paired = {*source, *source.values()}
    # seam[t]: positions t and t + 1 are one stretch of B's reading -- sources next to each
    # other, nothing paired between them in the text
    seam = [False] * (m + 2)
    for t in range(1, m):
        a, b = later[t - 1], later[t]
        seam[t] = source[b] == source[a] + 1 and not any(x in paired for x in range(a + 1, b))

    def step(j: int, i: int) -> float:
        """Cost of keeping positions j and i with every position between them dropped."""
        dropped = i - j - 1
        if not dropped:
            return 0.0
        runs = dropped - (joins[i - 1] - joins[j + 1])
        seams = int(seam[j]) + int(i <= m and seam[i - 1])
        return dropped + RUN_COST * runs + SEAM_COST * seams

    up = [inf] * (m + 2)  # up[i]: the least cost of a chain from the start to i, keeping i
    before = [-1] * (m + 2)
    up[0] = 0.0
    for i in range(1, m + 2):
        for j in range(max(0, i - 1 - WINDOW), i):
            if up[j] < inf and value[j] < value[i] and up[j] + step(j, i) < up[i]:
                up[i], before[i] = up[j] + step(j, i), j
    down = [inf] * (m + 2)  # down[j]: the least cost of a chain from j to the end, keeping j
    after = [m + 1] * (m + 2)
    down[m + 1] = 0.0
    for j in range(m, -1, -1):
        for i in range(j + 1, min(m + 1, j + 1 + WINDOW) + 1):
            if down[i] < inf and value[j] < value[i] and step(j, i) + down[i] < down[j]:
                down[j], after[j] = step(j, i) + down[i], i

    def through(t: int) -> set[int]:
        """The least chain keeping position ``t``."""
        chain = set()
        i = t
        while i > 0:
            chain.add(i)
            i = before[i]
        i = after[t]
        while i <= m:
            chain.add(i)
            i = after[i]
        return chain

    best = through(before[m + 1]) if before[m + 1] > 0 else set()
    # the least chain keeping position t costs up[t] + down[t]: where that is the least for a
    # position the chain found drops, another chain as cheap keeps it
    chains = [best]
    for t in range(1, m + 1):
        if t not in best and up[t] + down[t] <= up[m + 1] + TIE and not any(t in c for c in chains):
            chains.append(through(t))
            if len(chains) > MAX_CHAINS:
                return []
    return [{later[t - 1] for t in c} for c in chains]


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
