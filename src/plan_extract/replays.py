"""A third reader: find the slower of two replays in an interleaved text, so that its copies can be
dropped and the two readers left decoded by :mod:`plan_extract.order`.

Why: a scrape may interleave more than two readers.  The corruption generator's ``readers=3``
(tests/corruption.py) has reader A walking the document and skipping runs, and two readers
replaying it from the start, R1 at 0.41 of A's speed and R2 at half of that.  Decoded as two readers
such a text filed hundreds of tasks under wrong measures, so order repair refused it and kept every
fragment unplaced (0 % of its tasks placed).  But R2 adds nothing: it is slower than R1, so every
fragment it reads R1 has read before it, and its copies can be dropped like any duplicate.  What is
left is A and one replaying reader, the text order repair decodes.

How R2 shows (each step follows from the readers' model, none from the Tianjin text):

* A reads every fragment first (the replays never pass it), R1 second, R2 third: a sentence that
  occurs three times is A's, R1's and R2's copies in this order.  Each replay's copies repeat
  fragments in the order of the text (a replay never goes back), so the second copies make R1's
  chain and the third copies R2's, and each chain's sources must increase.
* R2 replays from the start: no sentence A and R1 read (one that occurs twice) comes before the
  first that all three read.  A run a scrape copied once more (``duplicate_runs``) holds a third copy
  too, but from somewhere in the middle.  With the weak step of the next point, such copies were
  taken for R2's and two-reader texts misfiled 2 tasks on 100 test-strategy draws (43 wrong
  ranges); without that step the chains refuse those texts anyway (the 100 draws and 120
  copied-run variants, seeds 7000-7039 of three families, come out the same with or without this
  check), and the check stays as the model's own condition.
* A sentence that occurs twice was read by A and R1 (R2 did not get that far) or by R1 and R2 (A
  skipped it).  Its later copy joins the one chain it keeps in order; one that either chain could
  take is not told.  Past R2's last third copy that is expected (see :func:`slow_replay`), and the
  text is told apart up to it; before, the text is refused.  Told by the reader of its first copy
  instead (R1's: the later copy is R2's; A's: it is R1's), as the nearest sentences of known
  reader on both sides of it suggest, more was placed exactly (three-reader variants, seeds
  1000-1039: seed-000-like 26.6 -> 36.3 %, default 22.0 -> 30.2 %), but about one such decision
  in thirty was wrong, and a test-strategy draw (blocks of one fragment, three readers and a
  copied run, seed 5252) misfiled a task.
* Parentheses are not counted (a list of agencies recurs through a plan).  R2 read the parenthesis
  next to its copy where R1's copy has the same parenthesis on the same side.  At the edge of R2's
  turn the parenthesis's R1 copy is not next to R2's source, it ended or began R1's own turn: it
  is looked for between the sources of R2's fragments before and after it (:func:`_read_next`).
  A parenthesis of A's with the text of one R1 read there is now and then taken for R2's (5 of
  about 1 200 taken on 120 variants; nothing is misfiled, A's task loses its agencies; a strict
  xfail in tests/test_replays.py).  A turn of R2's that is one parenthesis is taken only where
  that text occurs at most :data:`RARE_TEXT` times in the whole text and this is its last
  occurrence (a list of agencies that occurs more often belongs to more than one task; without
  that condition the parentheses of A's taken for R2's rose from 5 to 189 on those 120 variants,
  seeds 1000-1039 of three families).
* A turn of R2's lies between two of A's (the readers take turns A, R1, A, R2, and A's turn always
  reads something until A is done), so a parenthesis next to a fragment known to be R1's is R2's
  only where R2's own copy is on its other side, or at the end of the text, where the readers'
  final turns follow each other.  Without that, where R1 reads long turns and R2 trails far
  behind (R1 at 0.19-0.24 of A's pace, or lines of 900-1 150 characters), R1's parenthesis inside
  its own turn was taken for a turn of R2's (paired with one of A's of the same text) or for the
  last edge of R2's, and dropped: B's task lost its agencies and was glued to the next.  On the
  three-reader draws of 1 200 random settings (seeds 1 000 000 + i) that misfiled 8 tasks in 199
  draws, and on the next 2 400 draws 11 in 404; now none.  The three-reader families (seeds
  1000-1099, 2000-2299 and 3000-3299 of three families) take the very same fragments as before.

A text this does not fit (a fourth copy, a chain that goes back, a copy that neither chain can take
or that is not told before R2's last third copy) is refused as before, and so is one whose text
without R2 still does not fit two readers (:func:`plan_extract.order._two_reader_misfit`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from .dedupe import Deduped, find_duplicates, pairs_by_text
from .segment import Fragment

R1, R2 = "R1", "R2"
#: Most occurrences of a parenthesis's text for it to be taken for one task's, read by A, R1 and R2
#: (a list of agencies that occurs more often belongs to more than one task).
RARE_TEXT = 3


@dataclass(frozen=True)
class SlowReplay:
    """The fragments of the slower replaying reader, each with the fragment it repeats."""

    source: dict[int, int]
    """Index (in the text) of each of R2's fragments -> index of the earlier copy it repeats."""
    told: int
    """How many fragments, from the top, the readers are told apart in: the whole text, or the part
    before a copy that either replay may have read after R2's last third copy (see
    :func:`slow_replay`)."""


def slow_replay(dd: Deduped) -> SlowReplay | None:
    """The third reader's fragments in ``dd`` (see the module docstring), or None if none show or
    they break the replays' order.

    Past R2's last third copy nothing bounds R2's chain, and at the end of a text both replays take
    their last turns there: a sentence occurring twice may then fit both chains.  The text is then
    told apart up to that copy only (:attr:`SlowReplay.told`), and what follows is left to the
    caller.  A copy that fits both chains before R2's last third copy is not what the model
    allows, and the text is refused: cut there too, default variant 1025 glued three tasks under
    one parenthesis (59 of the 65 such copies on seeds 2000-2099 of seed-000-like and default lay in
    the last fifth of the text).
    """
    part = dd
    while isinstance(found := _slow_replay(part), int):
        part = find_duplicates(list(dd.fragments[:found]))
    return found


def _slow_replay(dd: Deduped) -> SlowReplay | int | None:
    """:func:`slow_replay` on ``dd`` as it is, or the index to cut it at."""
    frags = dd.fragments
    copies: dict[str, list[int]] = defaultdict(list)
    for f in frags:
        if pairs_by_text(f):
            copies[f.key].append(f.index)
    if any(len(ks) > 3 for ks in copies.values()):
        return None  # a fourth reader, or copies of copies: not this model
    thrice = [ks[0] for ks in copies.values() if len(ks) == 3]
    if not thrice or any(len(ks) == 2 and ks[0] < min(thrice) for ks in copies.values()):
        return None  # no third copy, or R2 did not replay from the start: copied runs, not a reader
    rank = {k: (r, len(ks)) for ks in copies.values() for r, k in enumerate(ks)}
    earlier = {k: ks[r - 1] for ks in copies.values() for r, k in enumerate(ks) if r}
    chains = {x: sorted(k for k, r in rank.items() if r == (n, 3)) for x, n in ((R1, 1), (R2, 2))}
    if not chains[R2] or not all(_increasing(chain, earlier) for chain in chains.values()):
        return None
    pending = sorted(k for k, r in rank.items() if r == (1, 2))
    last_third = chains[R2][-1]
    while pending:
        fit = {k: [x for x in (R1, R2) if _fits(chains[x], earlier, k)] for k in pending}
        decided = {k: xs[0] for k, xs in fit.items() if len(xs) == 1}
        if not decided:
            cut = min(pending)  # a copy either replay may have read, or neither: not told apart
            return cut if cut > last_third else None
        for k, x in decided.items():
            bisect.insort(chains[x], k)
        pending = [k for k in pending if k not in decided]
    source = {k: earlier[k] for k in chains[R2]}
    # parentheses and short lines R2 read next to its copies: the same ones sit next to R1's copy
    for k in chains[R2]:
        for step in (-1, 1):
            j, src = k + step, earlier[k] + step
            while 0 <= j < len(frags) and j not in rank and j not in source and 0 <= src < len(frags):
                if frags[src].key != frags[j].key:
                    break
                source[j] = src
                j, src = j + step, src + step
    _add_parentheses(frags, rank, source, chains[R1])
    return SlowReplay(source, len(frags))


def _increasing(chain: list[int], earlier: dict[int, int]) -> bool:
    """Whether the copies in ``chain`` (in text order) repeat fragments in text order too."""
    return all(earlier[a] < earlier[b] for a, b in pairwise(chain))


def _fits(chain: list[int], earlier: dict[int, int], k: int) -> bool:
    """Whether copy ``k`` can join ``chain`` and keep it :func:`_increasing`."""
    i = bisect.bisect_left(chain, k)
    before = earlier[chain[i - 1]] if i else -1
    after = earlier[chain[i]] if i < len(chain) else float("inf")
    return before < earlier[k] < after


def _add_parentheses(
    frags: Sequence[Fragment], rank: dict[int, tuple[int, int]], source: dict[int, int], r1: list[int]
) -> None:
    """R2's parentheses that no neighbour anchors: at the edge of its turn, or a turn of one (see
    the module docstring), added to ``source`` in text order (a parenthesis next to one just added
    is at the edge of R2's turn too).  ``r1``: R1's fragments known so far, in text order."""
    occurs: dict[str, list[int]] = defaultdict(list)
    for f in frags:
        occurs[f.key].append(f.index)
    members = sorted(source)
    known = sorted({*r1, *source.values()})
    r1_read = set(known)
    for j in range(len(frags)):
        if frags[j].kind != "paren" or j in rank or j in source:
            continue
        i = bisect.bisect_left(members, j)
        if i == 0:
            continue
        same = occurs[frags[j].key]
        last = i == len(members)  # after R2's last copy nothing bounds R1's copy but the parenthesis
        lo, hi = source[members[i - 1]], j if last else min(source[members[i]], j)
        found = [x for x in same[bisect.bisect_right(same, lo) : bisect.bisect_left(same, hi)] if x not in source]
        rare = len(same) <= RARE_TEXT
        # R2's turn goes on next to j: a copy of R2's, or the text's end (the final turns abut)
        edge = members[i - 1] == j - 1 or (j + 1 == len(frags) if last else members[i] == j + 1)
        if not edge and (j - 1 in r1_read or j + 1 in r1_read):
            continue  # a turn of R2's is never next to R1's (see the module docstring)
        if last or edge:  # at the edge of R2's turn
            alone = len(found) == 1 and rare and not last
            x = next((y for y in found if _read_next(known, lo, y, y + 1 if last else hi, alone)), None)
        else:  # a turn of one parenthesis, taken only where its text is rare
            x = found[0] if len(found) == 1 and rare and same[-1] == j else None
        if x is not None:
            source[j] = x
            members.insert(i, j)
            bisect.insort(known, x)
            r1_read.add(x)


def _read_next(known: list[int], lo: int, x: int, hi: int, alone: bool) -> bool:
    """Whether R1 may have read ``x`` between its copies ``lo`` and ``hi`` of the fragments R2 read
    before and after the parenthesis: no other fragment ``known`` to be R1's lies between them
    (R2 would have read it too), and either ``x`` is the only candidate of a rare text (``alone``)
    or it lies right after ``lo`` or right before ``hi``, where R1's turn goes on.  Without that,
    default variant 1003 took a parenthesis of A's right after R2's turn for R2's: A's block before
    R1's next turn held one of the same text, ten fragments before that turn; and a test-strategy
    draw (three readers, one-fragment blocks, seed 4096) took A's "（市发展改革委、各区人民政府按职
    责分工负责）", a text that occurs eight times, as the only candidate, and the wrong copy then
    bounded the search for R2's next parenthesis, whose range came out wrong."""
    inside = known[bisect.bisect_right(known, lo) : bisect.bisect_left(known, hi)]
    return all(k == x for k in inside) and (alone or x - 1 == lo or x + 1 == hi)


def without(dd: Deduped, drop: SlowReplay) -> tuple[Deduped, list[int]]:
    """The part of ``dd`` told apart, without R2's fragments, its fragments re-numbered and their
    copies paired afresh, and for each fragment of the result the index it has in ``dd``."""
    kept = [f for f in dd.fragments[: drop.told] if f.index not in drop.source]
    return find_duplicates([replace(f, index=i) for i, f in enumerate(kept)]), [f.index for f in kept]
