"""Why order repair places fewer tasks exactly than perfect reader labels would, and where the rest goes.

    python bench/order_shortfall.py [N_SEEDS [FIRST_SEED]]

Why it exists: the issue asks for 90 % of the surviving tasks placed exactly; the decoder places
about 70 % on the two-reader families, and the generator's own reader labels about 93 %
(bench/order_variants.py, "true labels").  This script says where the difference lies, so that
work on the decoder aims at the largest share.  For each task the true labels place exactly and
the decoder does not (seeds FIRST_SEED .. FIRST_SEED + N_SEEDS - 1, default 20 from 1000, per
family of bench/order_variants.py), it looks at the fragments of the text that hold the task:

* "a wrong label kept": one of them carries a label the decoder decided and the generator
  contradicts (the misfiled tasks come from these, though most end up unplaced);
* "left undecided": one of them was left undecided, counted again under each reason
  (plan_extract.order.WHYS) given for any of them, and under "only" where one reason alone
  applies;
* "no fragment of its own in doubt": its labels are all right and decided, and a doubt next to
  it (a gap the structure stage does not file across) kept it from being placed.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any
from unittest.mock import patch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corruption import (  # noqa: E402
    corrupt,
    emission_of,
    reference_tasks,
    surviving_tasks,
    task_fragments,
    true_labelling,
)
from order_variants import FAMILIES, OFFICIAL  # noqa: E402
from plan_extract import PlanRecord, extract, extract_source, order  # noqa: E402
from plan_extract.evaluate import score  # noqa: E402
from plan_extract.normalize import normalize  # noqa: E402
from plan_extract.readers.base import SourceText  # noqa: E402


def decoded(source: SourceText) -> tuple[PlanRecord, Any]:
    """The record of ``source`` and the decoder order repair assembled it from (None if it had none)."""
    seen: list[Any] = []
    assemble = order._assemble

    def keep(dec: Any) -> Any:
        seen.append(dec)
        return assemble(dec)

    with patch.object(order, "_assemble", keep):
        record = extract_source(source)
    return record, seen[-1] if seen else None


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 20
    first = int(argv[2]) if len(argv) > 2 else 1000
    reference = extract(OFFICIAL)
    clean = normalize(OFFICIAL.read_text(encoding="utf-8"))
    tasks, measures = reference_tasks(reference)
    print(f"seeds {first}-{first + n - 1}")
    for name, make in FAMILIES.items():
        exact = exact_true = whole = 0
        causes: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        for seed in range(first, first + n):
            c = corrupt(clean, make(seed))
            source = SourceText(path="variant", name="variant", kind="text", text=c.text)
            record, dec = decoded(source)
            with patch("plan_extract.pipeline.repair_order", true_labelling(c)):
                ideal = extract_source(source)
            survivors = surviving_tasks(c, tasks, measures)
            got = score(record, reference, normalize(c.text), survivors)
            best = score(ideal, reference, normalize(c.text), survivors)
            exact, exact_true, whole = exact + len(got.exact), exact_true + len(best.exact), whole + len(got.whole)
            missed = set(best.exact) - set(got.exact)
            if not missed:
                continue
            if dec is None:
                causes["text not decoded as two readers"] += len(missed)
                continue
            truth = emission_of(c, dec.frags)
            parts = task_fragments(c, tasks)
            for t in missed:
                held = [k for k in range(dec.n) if truth[k].doc_index in parts[t]]
                doubted = [k for k in held if k in dec.ambiguous]
                wrong = [
                    k
                    for k in held
                    if k not in dec.ambiguous
                    and dec.labels[k] is not None
                    and dec.labels[k] != (order.A if truth[k].reader == 0 else order.B)
                ]
                if wrong:
                    causes["a wrong label kept"] += 1
                elif doubted:
                    causes["left undecided"] += 1
                    why = set().union(*(dec.why.get(k, set()) for k in doubted))
                    reasons.update(why)
                    if len(why) == 1:
                        reasons.update(f"only: {w}" for w in why)
                else:
                    causes["no fragment of its own in doubt"] += 1
        print(
            f"{name}: exact {exact}/{whole} ({exact / max(whole, 1):.1%}), with true labels {exact_true} "
            f"({exact_true / max(whole, 1):.1%}); exact with true labels only, by cause:"
        )
        for cause, count in causes.most_common():
            print(f"  {count:5d}  {cause}")
        for reason, count in reasons.most_common():
            print(f"  {count:5d}    undecided: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
