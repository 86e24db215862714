"""Order repair on texts with runs copied once more: exact and misfiled counts, with and without the copies.

    python bench/order_copied_runs.py [N_SEEDS [FIRST_SEED [N_DRAWS]]]

A scrape may hold runs of its text once more than its two readers explain (tests/corruption.py
``duplicate_runs``: a run of one to three fragments copied to a later place).  Order repair drops
those copies first (plan_extract.copies), keeps a copied parenthesis it cannot find unplaced
(plan_extract.order.EXTRA), and decodes the two readers left; before, every such text was refused
(every fragment unplaced).  Per family of bench/order_variants.py, seeds FIRST_SEED ..
FIRST_SEED + N_SEEDS - 1 (default 100 from 7000) with two copied runs, then the same texts without
their copies (the "twin" line: what the copies cost, and which misfiles are the decoder's own).
Then draws 0 .. N_DRAWS - 1 (default 400) uniform over the test strategy's ranges
(:func:`uniform_draw`), those with two readers and copied runs, and their twins.  The README's
copied-runs table is ``100 7000 400``.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corruption import CorruptionParams
from order_variants import FAMILIES, OFFICIAL, THREE_READER_FAMILIES, describe, run_variant
from plan_extract import extract
from plan_extract.normalize import normalize

COPIED_RUNS = 2


def uniform_draw(draw: int) -> CorruptionParams:
    """Parameters drawn uniformly (``random.Random(draw)``) from the ranges of the test suite's
    strategy (tests/corruption.py ``corruption_params``): unlike Hypothesis, which leans to the
    ranges' ends, these are the texts a user's scrapes are more like."""
    r = random.Random(draw)
    low = r.randint(1, 4)
    skip_run = (low, r.randint(low, low + 5))
    low = r.randint(40, 250)
    block_chars = (low, r.randint(low, low + 200))
    return CorruptionParams(
        seed=r.randint(0, 2**32 - 1),
        readers=r.randint(2, 3),
        skip_rate=r.uniform(0.05, 0.4),
        skip_run=skip_run,
        block_chars=block_chars,
        line_width=r.randint(200, 600),
        replay_ratio=r.uniform(0.3, 0.7),
        duplicate_runs=r.randint(0, 3),
        skips_at_turns=r.random() < 0.5,
        lines_follow_turns=r.random() < 0.5,
    )


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 100
    first = int(argv[2]) if len(argv) > 2 else 7000
    draws = int(argv[3]) if len(argv) > 3 else 400
    reference = extract(OFFICIAL)
    clean = normalize(OFFICIAL.read_text(encoding="utf-8"))
    for name in THREE_READER_FAMILIES:
        family = FAMILIES[name]
        for label, runs in ((f"{COPIED_RUNS} copied runs", COPIED_RUNS), ("twin without copies", 0)):
            total = [0] * 6
            for s in range(first, first + n):
                result = run_variant(replace(family(s), duplicate_runs=runs), reference, clean)
                total = [a + b for a, b in zip(total, result, strict=True)]
            print(f"{name}, {label}: {n} variants, {describe(total)}", flush=True)
    copied = [p for p in map(uniform_draw, range(draws)) if p.readers == 2 and p.duplicate_runs]
    for label, twin in (("copied runs", False), ("twin without copies", True)):
        total = [0] * 6
        for p in copied:
            result = run_variant(replace(p, duplicate_runs=0) if twin else p, reference, clean)
            total = [a + b for a, b in zip(total, result, strict=True)]
        print(f"uniform draws 0-{draws - 1}, two readers, {label}: {len(copied)} texts, {describe(total)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
