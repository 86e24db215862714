"""Order repair on texts with runs copied once more: exact and misfiled counts, with and without the copies.

    python bench/order_copied_runs.py [N_SEEDS [FIRST_SEED]]

A scrape may hold runs of its text once more than its two readers explain (tests/corruption.py
``duplicate_runs``: a run of one to three fragments copied to a later place).  Order repair drops
those copies first (plan_extract.copies), keeps a copied parenthesis it cannot find unplaced
(plan_extract.order.EXTRA), and decodes the two readers left; before, every such text was refused
(every fragment unplaced).  Per family of bench/order_variants.py, seeds FIRST_SEED ..
FIRST_SEED + N_SEEDS - 1 (default 100 from 7000) with two copied runs, then the same texts without
their copies (the "twin" line: what the copies cost, and which misfiles are the decoder's own).
The README's copied-runs table is ``100 7000``.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from order_variants import FAMILIES, OFFICIAL, THREE_READER_FAMILIES, describe, run_variant
from plan_extract import extract
from plan_extract.normalize import normalize

COPIED_RUNS = 2


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 100
    first = int(argv[2]) if len(argv) > 2 else 7000
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
