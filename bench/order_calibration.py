"""How often a label the order-repair decoder is sure of is wrong, by how sure it is.

    python bench/order_calibration.py [N_SEEDS [FIRST_SEED]]

Why it exists: every label the decoder gives beyond A's last anchor (where neither reader's text has
a copy to pin it) is decided by costs, and a label counts as decided when the best labelling that
gives the fragment the other reader costs at least ``MARGIN`` nats more
(:data:`plan_extract.order.MARGIN`).  Were the costs log-probabilities that fit the text, a label
decided at a margin of m nats would be wrong about once in 1 + e^m.  This script measures how often
it is, on corrupted variants of the official text (tests/corruption.py, seeds FIRST_SEED ..
FIRST_SEED + N_SEEDS - 1, default 60 from 18000), for the two decodings that must agree before a
label is kept: the main one, which uses the line habits, and the one without them.

Per family and decoding, per band of margins: how many fragments (uncopied, beyond A's last anchor,
not forced by the numbering, the grammar or the anchors), how many of them the decoding labels
wrongly (against the generator's truth), that share, and the share a fitting cost would give
(1 / (1 + e^m) at the band's lower edge).  The last column counts the labels the pipeline keeps
(not left undecided by any check) that are wrong: the misfiled tasks come from those.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any
from unittest.mock import patch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corruption import corrupt, emission_of  # noqa: E402
from order_variants import FAMILIES, OFFICIAL  # noqa: E402
from plan_extract import order  # noqa: E402
from plan_extract.dedupe import find_duplicates  # noqa: E402
from plan_extract.normalize import normalize  # noqa: E402
from plan_extract.segment import segment  # noqa: E402

BANDS = (0.0, 1.0, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0, 10.0, 15.0)


def decoders_of(text: str) -> tuple[Any, Any] | None:
    """Order repair of ``text``, keeping its main decoder (as assembled: with every check's doubts)
    and the decoder without line habits; None where the text is not decoded as two readers."""
    seen: dict[str, Any] = {}
    assemble, relabel = order._assemble, order._relabel

    def keep_main(dec: Any) -> Any:
        seen["main"] = dec
        return assemble(dec)

    def keep_lineless(dd: Any, dec: Any, **kw: Any) -> Any:
        other = relabel(dd, dec, **kw)
        if kw.get("line_habits") is False:
            seen["lineless"] = other
        return other

    with patch.object(order, "_assemble", keep_main), patch.object(order, "_relabel", keep_lineless):
        order.repair_order(find_duplicates(segment(text)))
    if "main" not in seen or "lineless" not in seen or not seen["main"].partner:
        return None
    return seen["main"], seen["lineless"]


def band_of(margin: float) -> int:
    return max(i for i, edge in enumerate(BANDS) if margin >= edge)


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 60
    first = int(argv[2]) if len(argv) > 2 else 18000
    clean = normalize(OFFICIAL.read_text(encoding="utf-8"))
    print(f"seeds {first}-{first + n - 1}; margin band: fragments, wrong, share wrong, share a fitting cost gives")
    for name, make in FAMILIES.items():
        # decoding -> band -> [fragments, wrong, kept and wrong]
        table: dict[str, dict[int, list[int]]] = {d: defaultdict(lambda: [0, 0, 0]) for d in ("main", "lineless")}
        for seed in range(first, first + n):
            c = corrupt(clean, make(seed))
            decoders = decoders_of(c.text)
            if decoders is None:
                continue
            main_dec, lineless = decoders
            truth = emission_of(c, segment(c.text))
            for k in range(max(main_dec.partner) + 1, main_dec.n):
                if truth[k].reader < 0 or k in main_dec.dup or k in main_dec.partner or k in main_dec.forced:
                    continue
                true_label = order.B if truth[k].reader else order.A
                for d_name, dec in (("main", main_dec), ("lineless", lineless)):
                    margin = dec.margins.get(k)
                    if margin is None or math.isinf(margin):
                        continue
                    row = table[d_name][band_of(margin)]
                    wrong = dec.labels[k] != true_label
                    row[0] += 1
                    row[1] += wrong
                    row[2] += wrong and d_name == "main" and k not in main_dec.ambiguous
        for d_name, rows in table.items():
            print(f"{name}, {'with' if d_name == 'main' else 'without'} line habits:")
            for b in sorted(rows):
                count, wrong, kept_wrong = rows[b]
                upper = f"{BANDS[b + 1]:g}" if b + 1 < len(BANDS) else "inf"
                fitting = 1 / (1 + math.exp(BANDS[b]))
                kept = f", kept and wrong {kept_wrong}" if d_name == "main" else ""
                print(
                    f"  [{BANDS[b]:g}, {upper}): {count} fragments, {wrong} wrong ({wrong / count:.1%}; "
                    f"fitting: {fitting:.1%}){kept}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
