"""Cost of order repair on inputs 1x, 10x and 100x as long, measured in one run.

    python bench/order_scaling.py

The long inputs are synthetic plans: the official Tianjin plan repeated k times with its sections
and measures renumbered (so numbering stays a valid constraint) and every sentence made unique,
then corrupted the way the web scrape is (tests/corruption.py, seed-000-like parameters).  Times
are of the stages that repair order (segment, find duplicates, repair); the ratio to 1x is what
the issue bounds (<= 12x at 10x, <= 150x at 100x).

Two things make a ratio of one 1x time to one 10x time say more about chance than about the code,
and the bench answers each:

* The machine.  On these shared machines the speed comes in spells lasting seconds: the same 1x
  text ran in 0.077 s in one minute and 0.120 s in the next, and process time moves with it (the
  slowness is the machine's, not other processes').  So the sizes are timed in rounds, each
  longer input between two timings of the 1x inputs (1x, 10x, 1x, 100x, 1x), and its ratio in a
  round is to the mean of those two; the figure is the median ratio over the rounds.  The bench
  took the best time of each size over all rounds before: a 1x run of 0.08 s catches a fast spell
  far more often than a 100x run of 10 s does, so the ratio of the best times leaned high
  (10.8-15.6x at 10x over eleven runs of the same code).
* The text.  One corrupted plan is a small sample of the corruption: how long the runs are that
  no anchor decides (the decoder's work grows faster than linearly in a run's length: a state
  per place B may have read last), and whether a check finds something to decode again for.
  The decoder's work, counted (its dynamic programme's steps), varies from 864 to 2040 steps per
  1 000 characters over the 1x texts of seeds 0-29 (seed 7, the bench's only 1x text before: 1249).
  A 10x text is ten plans' worth of that sample, a 100x text a hundred.  So 1x is ten texts
  (seeds 7-16) and 10x three (7-9), and each size's time in a round is the mean over its texts.

``steps`` is that counted work, per size (mean over its texts), from a separate run under a
profiler: its ratio to 1x is what a noiseless clock would show for the decoding.  ``seed 7
alone`` is the ratio of seed 7's texts only, timed in the same rounds.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path
from statistics import mean, median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corruption import corrupt, long_plan, seed000_like  # noqa: E402
from plan_extract.dedupe import find_duplicates  # noqa: E402
from plan_extract.normalize import normalize  # noqa: E402
from plan_extract.order import _two_reader_misfit, repair_order  # noqa: E402
from plan_extract.segment import segment  # noqa: E402

OFFICIAL = ROOT / "data" / "raw" / "tianjin_plan_official_text.txt"

#: size -> corruption seeds of its texts; seed 7 first (the ``seed 7 alone`` ratio)
SIZES: dict[int, tuple[int, ...]] = {1: tuple(range(7, 17)), 10: (7, 8, 9), 100: (7,)}
ROUNDS = 7


def repair(text: str) -> None:
    repair_order(find_duplicates(segment(text)))


def time_repair(text: str) -> float:
    """Time of one run of the order-repair stages on ``text``."""
    t0 = time.perf_counter()
    repair(text)
    return time.perf_counter() - t0


def work(text: str) -> tuple[int, int]:
    """Order repair's counted work on ``text``, from one run under a profiler: its labelling passes
    and its dynamic-programme steps.

    Passes are the calls of ``_Decoder.resolve``: the main decoding, the decodings that check its
    modelling bets (without the line habits; pairing strictly; with repeated parentheses at block
    edges swapped, where there are such), and the partial relabellings of
    :func:`plan_extract.order._hanging_on`, which re-solve only the runs holding a doubted label
    (counted as passes, though each costs a small part of one).  The count depends on the text, not
    its length.  Steps are the calls of ``_Decoder._solve``'s ``steps``: the work of decoding,
    counted, so free of the machine's noise."""
    profile = cProfile.Profile()
    profile.enable()
    repair(text)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    calls = {name: 0 for name in ("resolve", "steps")}
    for (path, _, name), (_, count, *_) in stats.items():
        if name in calls and path.endswith("order.py"):
            calls[name] += count
    return calls["resolve"], calls["steps"]


def run() -> dict[str, float]:
    official = OFFICIAL.read_text(encoding="utf-8")
    texts: dict[int, list[str]] = {}
    results: dict[str, float] = {}
    for k, seeds in SIZES.items():
        texts[k] = []
        for seed in seeds:
            text = normalize(corrupt(long_plan(official, k), seed000_like(seed)).text)
            misfit = _two_reader_misfit(find_duplicates(segment(text)))
            if misfit:  # the repair would only keep everything unplaced: timing that says nothing of the decoder
                raise SystemExit(
                    f"order_scaling: the {k}x input of seed {seed} is not decoded as two readers ({misfit})"
                )
            texts[k].append(text)
        results[f"{k}x_texts"] = len(seeds)
        results[f"{k}x_chars"] = mean(len(t) for t in texts[k])
        counted = [work(t) for t in texts[k]]
        results[f"{k}x_passes"] = mean(p for p, _ in counted)
        results[f"{k}x_steps"] = mean(n for _, n in counted)
    # per size, each round's mean time over its texts; per longer size, each round's ratio to the 1x
    # timings before and after it, of all its texts and of seed 7's alone
    seconds: dict[int, list[float]] = {k: [] for k in SIZES}
    ratios: dict[int, list[float]] = {k: [] for k in SIZES if k > 1}
    seed7: dict[int, list[float]] = {k: [] for k in SIZES if k > 1}
    for _ in range(ROUNDS):
        ones = [[time_repair(t) for t in texts[1]]]
        for k in (k for k in SIZES if k > 1):
            times = [time_repair(t) for t in texts[k]]
            ones.append([time_repair(t) for t in texts[1]])
            before, after = ones[-2], ones[-1]
            seconds[k].append(mean(times))
            ratios[k].append(mean(times) / mean([*before, *after]))
            seed7[k].append(times[0] / mean([before[0], after[0]]))
        seconds[1].extend(mean(one) for one in ones)
    for k in SIZES:
        results[f"{k}x_seconds"] = median(seconds[k])
        results[f"{k}x_ratio"] = median(ratios[k]) if k > 1 else 1.0
        results[f"{k}x_seed7_ratio"] = median(seed7[k]) if k > 1 else 1.0
        results[f"{k}x_steps_ratio"] = results[f"{k}x_steps"] / results["1x_steps"]
    return results


if __name__ == "__main__":
    r = run()
    for k in SIZES:
        print(
            f"order repair {k:>3}x: {r[f'{k}x_texts']:.0f} texts of {r[f'{k}x_chars']:>9,.0f} chars  "
            f"{r[f'{k}x_passes']:.1f} passes  {r[f'{k}x_steps']:>9,.0f} steps ({r[f'{k}x_steps_ratio']:5.1f}x)  "
            f"{r[f'{k}x_seconds']:.3f} s  ratio {r[f'{k}x_ratio']:5.1f}x  (seed 7 alone {r[f'{k}x_seed7_ratio']:5.1f}x)"
        )
