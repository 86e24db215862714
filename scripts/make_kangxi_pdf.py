"""Make tests/data/kangxi_text_layer.pdf: a page of the plan whose text layer uses Kangxi radicals.

Some office suites (and the PDF printers behind them) write a character that has a Kangxi-radical
twin as the radical code point: the page shows 一 but the text layer says U+2F00 ⼀ KANGXI RADICAL
ONE, so copy-paste and pdftotext give "⼀、总体要求", "（市⼯业和信息化局、各区⼈民政府按职责分⼯负责）".
The web scrape of the Tianjin plan (seed 000) is full of them.  The PDF reader must hand such text
on untouched (normalising is a later stage's job), and the pipeline must clean it; this file lets
both be tested on a real PDF text layer.

Content: section heading 二、构建绿色低碳循环发展的生产体系 and the whole of measure （三） from
seed 004 (same clean-up as make_official_pdf.py), with every character that has a Kangxi-radical
twin (U+2F00-U+2FD5, found through Unicode's compatibility mappings: ⼀ -> 一) written as the
radical -- 口 as ⼝ KANGXI RADICAL MOUTH -- and laid out like the official stand-in.  Deterministic.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "kangxi_text_layer.pdf"
SEED = ROOT / "data" / "raw" / "tianjin_plan_official_text.txt"

#: Ideograph -> its Kangxi-radical twin, e.g. "一" -> "⼀" (U+2F00), "口" -> "⼝" (U+2F1D).
TO_RADICAL = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}


def load_typesetter() -> ModuleType:
    """Import scripts/make_official_pdf.py (scripts/ is not a package) to share its layout."""
    path = Path(__file__).resolve().parent / "make_official_pdf.py"
    spec = importlib.util.spec_from_file_location("make_official_pdf", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_official_pdf"] = module
    spec.loader.exec_module(module)
    return module


def to_radicals(text: str) -> str:
    return "".join(TO_RADICAL.get(ch, ch) for ch in text)


def build(out: Path) -> str:
    """Write the PDF and return the text its text layer carries (headings and paragraphs)."""
    mo = load_typesetter()
    mo.check_fonts()
    blocks = mo.parse_seed(SEED.read_text(encoding="utf-8"))
    heading = next(b for b in blocks if b.kind == "heading" and b.text.startswith("二、"))
    measure = next(b for b in blocks if b.kind == "para" and b.text.startswith("（三）"))
    chosen = [
        mo.Block("heading", to_radicals(heading.text)),
        mo.Block("para", to_radicals(measure.text)),
    ]
    metrics = mo.Metrics()
    pages = mo.paginate(mo.compose(chosen, metrics))
    mo.render(pages, out, metrics, title="Kangxi radicals in the text layer (test file)")
    return "\n\n".join(b.text for b in chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output (default: %(default)s)")
    args = parser.parse_args(argv)
    text = build(args.out)
    radicals = sum(1 for ch in text if 0x2F00 <= ord(ch) <= 0x2FD5)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {radicals} Kangxi radicals in the text layer)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
