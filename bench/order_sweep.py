"""Order repair outside the four families: variants of them with one parameter moved at a time.

    python bench/order_sweep.py [N_SEEDS [FIRST_SEED [NAME,NAME...]]]

Seeds FIRST_SEED .. FIRST_SEED + N_SEEDS - 1 (default 30 from 7000) of each variant family below;
scored as bench/order_variants.py scores (exact placements of the tasks that survive whole in a
measure whose heading survives, misfiled tasks, wrong unplaced ranges, unplaced tasks with another
task's agencies, measures in a wrong section).  The figures for ``MIN_BLOCKS`` (docs/order-repair-log.md) are
``30 7000`` and ``40 8000 slow_replay``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace

from order_variants import (
    OFFICIAL,
    CorruptionParams,
    describe,
    extract,
    normalize,
    rare_turn_skips,
    run_variant,
    seed000_like,
    turn_lines,
)


def _moved(family: Callable[[int], CorruptionParams], **change: object) -> Callable[[int], CorruptionParams]:
    """``family`` with the parameters in ``change`` moved."""
    return lambda seed: replace(family(seed), **change)


FAMILIES: dict[str, Callable[[int], CorruptionParams]] = {
    "big_blocks": _moved(seed000_like, block_chars=(300, 500)),
    "small_blocks": _moved(seed000_like, block_chars=(80, 150)),
    "half_turns_skipped": _moved(seed000_like, skip_rate=0.5, skip_run=(1, 3)),
    "fast_replay": _moved(seed000_like, replay_ratio=0.6),
    "slow_replay": _moved(seed000_like, replay_ratio=0.3),
    "narrow_lines": _moved(seed000_like, line_width=250),
    "wide_lines": _moved(seed000_like, line_width=700),
    "long_skips": _moved(seed000_like, skip_run=(5, 12)),
    "rare_turn_skips_turn_lines": _moved(rare_turn_skips, lines_follow_turns=True),
    "wide_blocks_turn_lines": _moved(turn_lines, block_chars=(100, 400)),
    "three_readers": _moved(seed000_like, readers=3),
    "copied_runs": _moved(seed000_like, duplicate_runs=2),
}


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 30
    first = int(argv[2]) if len(argv) > 2 else 7000
    names = argv[3].split(",") if len(argv) > 3 else list(FAMILIES)
    reference = extract(OFFICIAL)
    clean = normalize(OFFICIAL.read_text(encoding="utf-8"))
    for name in names:
        total = [0, 0, 0, 0, 0, 0]
        for seed in range(first, first + n):
            res = run_variant(FAMILIES[name](seed), reference, clean)
            total = [a + b for a, b in zip(total, res, strict=True)]
            if any(res[2:]):
                print(f"  {name} {seed}: exact {res[0]}/{res[1]}, misfiled {res[2]}, wrong ranges {res[3]}")
        print(f"{name}: {n} variants, {describe(total)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
