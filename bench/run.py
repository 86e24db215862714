"""`make bench`: every speed figure the issues ask for, measured as ratios within one run.

Timings are never asserted in tests (shared, noisy machines); this script prints them so they can be
quoted.  Each part compares things measured moments apart on the same machine.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PARTS = (
    ("pdf_bench", "PDF reader vs pdfplumber extract_text and pdftotext"),
    ("order_scaling", "order repair at 1x, 10x, 100x input"),
    ("batch_bench", "batch throughput on 1 and 2 processes"),
)


def main() -> int:
    for module_name, title in PARTS:
        print(f"== {title}")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            print(f"   skipped: {exc}")
            continue
        results = module.run()
        for key, value in results.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"   {key}: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
