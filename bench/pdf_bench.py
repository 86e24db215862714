"""What the layout-aware PDF reader costs next to plain text extraction.

``read_pdf`` does more than pdfplumber's ``page.extract_text()`` (paragraphs, page-number
removal, headings, line boxes), but both start from the same pdfminer parse of every page, and
that parse is most of the time.  The reader takes ``page.chars`` once and clusters lines itself, so
it should cost about what ``extract_text`` costs; the target is at most 1.5x.  ``pdftotext``
(poppler, C++) is the floor for how fast the text layer can be read at all.

Run ``python bench/pdf_bench.py``; :func:`run` returns the numbers as a dict.  Each timing is the
best of five runs on the stand-in of the official PDF (data/raw/tianjin_plan_official.pdf).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

REPO = Path(__file__).resolve().parents[1]
PDF = REPO / "data" / "raw" / "tianjin_plan_official.pdf"

try:
    from plan_extract.readers.pdf import read_pdf
except ImportError:  # a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))
    from plan_extract.readers.pdf import read_pdf


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _extract_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def run(path: Path = PDF, repeat: int = 5) -> dict[str, float | int | str | None]:
    """Time read_pdf, pdfplumber extract_text (all pages) and pdftotext; return seconds and ratios."""
    read_pdf(path)  # warm up imports and caches for everyone
    _extract_text(path)
    src = read_pdf(path)
    t_read = _best(lambda: read_pdf(path), repeat)
    t_plumber = _best(lambda: _extract_text(path), repeat)
    t_poppler: float | None = None
    if shutil.which("pdftotext"):
        t_poppler = _best(lambda: _pdftotext(path), repeat)
    return {
        "pdf": str(path.relative_to(REPO) if path.is_relative_to(REPO) else path),
        "pages": len(src.pages),
        "chars": len(src.text),
        "read_pdf_s": t_read,
        "extract_text_s": t_plumber,
        "pdftotext_s": t_poppler,
        "read_pdf_vs_extract_text": t_read / t_plumber,
        "read_pdf_vs_pdftotext": t_read / t_poppler if t_poppler else None,
    }


def main() -> int:
    result = run()
    print(f"{result['pdf']}: {result['pages']} pages, {result['chars']} characters of text (best of 5)")
    print(f"  read_pdf                   {result['read_pdf_s']:.3f} s")
    print(f"  pdfplumber extract_text    {result['extract_text_s']:.3f} s")
    if result["pdftotext_s"] is not None:
        print(f"  pdftotext (poppler)        {result['pdftotext_s']:.3f} s")
    print(f"  read_pdf / extract_text    {result['read_pdf_vs_extract_text']:.2f}x  (target <= 1.5x)")
    if result["read_pdf_vs_pdftotext"] is not None:
        print(f"  read_pdf / pdftotext       {result['read_pdf_vs_pdftotext']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
