"""Cost of order repair on inputs 1x, 10x and 100x as long, measured in one run.

    python bench/order_scaling.py

The long inputs are synthetic plans: the official Tianjin plan repeated k times with its sections
and measures renumbered (so numbering stays a valid constraint) and every sentence made unique,
then corrupted the way the web scrape is (tests/corruption.py, seed-000-like parameters).  Times
are the best of several runs of the stages that repair order (segment, find duplicates, repair);
the ratio to 1x is what the issue bounds (<= 12x at 10x, <= 150x at 100x).

The sizes are timed in interleaved rounds and each keeps its best time: on these shared machines
the speed comes in spells lasting seconds (one round ran 1x at 0.098 s, the next at 0.058 s), and
a ratio of a fast 1x to a slow 100x said more about the machine than the code.  Timed one size
after the other, one version gave 6.4x-14.0x at 10x and 55x-151x at 100x within a few minutes;
three interleaved rounds still gave 14.9x once (every 10x run fell in a slow spell); five rounds
gave 10.3x-10.9x and 90x-99x on four runs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from unittest.mock import patch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corruption import corrupt, long_plan, seed000_like  # noqa: E402
from plan_extract.dedupe import find_duplicates  # noqa: E402
from plan_extract.normalize import normalize  # noqa: E402
from plan_extract.order import _Decoder, _two_reader_misfit, repair_order  # noqa: E402
from plan_extract.segment import segment  # noqa: E402

OFFICIAL = ROOT / "data" / "raw" / "tianjin_plan_official_text.txt"


#: size -> runs per round; every size is timed in each of ROUNDS rounds
SIZES = {1: 5, 10: 2, 100: 1}
ROUNDS = 5


def time_repair(text: str, repeat: int) -> float:
    """Best time of ``repeat`` runs of the order-repair stages on ``text``."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        repair_order(find_duplicates(segment(text)))
        best = min(best, time.perf_counter() - t0)
    return best


def passes(text: str) -> int:
    """How many labelling passes over the whole text order repair makes on ``text``: the main decoding,
    the decodings that check its modelling bets, and a relabelling where the check of repeated
    parentheses at block edges finds some (:func:`plan_extract.order._swappable_copies`).  The count
    depends on the text, not its length, and the time of each pass is what grows with the input."""
    count = 0
    resolve = _Decoder.resolve

    def counted(self: _Decoder, a_last: int) -> None:
        nonlocal count
        count += 1
        resolve(self, a_last)

    with patch.object(_Decoder, "resolve", counted):
        repair_order(find_duplicates(segment(text)))
    return count


def run() -> dict[str, float]:
    texts: dict[int, str] = {}
    results: dict[str, float] = {}
    for k in SIZES:
        texts[k] = normalize(corrupt(long_plan(OFFICIAL.read_text(encoding="utf-8"), k), seed000_like(7)).text)
        misfit = _two_reader_misfit(find_duplicates(segment(texts[k])))
        if misfit:  # the repair would only keep everything unplaced: timing that says nothing of the decoder
            raise SystemExit(f"order_scaling: the {k}x input is not decoded as two readers ({misfit})")
        results[f"{k}x_passes"] = passes(texts[k])
    best = dict.fromkeys(SIZES, float("inf"))
    for _ in range(ROUNDS):
        for k, repeat in SIZES.items():
            best[k] = min(best[k], time_repair(texts[k], repeat))
    for k, t in best.items():
        results[f"{k}x_seconds"] = t
        results[f"{k}x_chars"] = len(texts[k])
        results[f"{k}x_ratio"] = t / best[1]
    return results


if __name__ == "__main__":
    r = run()
    for k in (1, 10, 100):
        print(
            f"order repair {k:>3}x: {r[f'{k}x_chars']:>8,} chars  {r[f'{k}x_passes']:.0f} passes  "
            f"{r[f'{k}x_seconds']:.3f} s  ratio {r[f'{k}x_ratio']:.1f}x"
        )
