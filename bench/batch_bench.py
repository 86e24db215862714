"""Batch throughput: documents per second on 1 and 2 processes over the same ≥50 generated files.

The files are made the way a real batch looks (and the way ``tests/test_batch.py`` makes them,
with :func:`make_inputs`): the three gov.cn pages of ``../shared/corpus`` and the two Tianjin texts
as they are, re-encoded (GBK with a matching ``<meta charset>``, UTF-8 with a BOM), as traditional
copies (OpenCC s2t of the extracted text, saved as .txt), truncated at several points, a nested
copy, two sources sharing a stem, and a few bad files (empty, random bytes, a fake and a truncated
PDF, an HTML page without body text, binary .htm).  Without ``../shared/corpus`` only the Tianjin
texts are used, with more truncation points so that there are still ≥50 files.

Each run is a fresh ``run_batch(..., force=True)`` into an empty folder; documents per second
counts every file processed (bad ones included: rejecting them is part of the work).  Each figure
is the best of ``repeat`` runs, 1 and 2 processes interleaved; the pipeline is warmed up in this
process first (text, HTML, traditional conversion, PDF import) so that neither side pays for
imports (workers are forked with it loaded).  The machine's load average is reported with the
figures: on a shared machine a second process only helps when a second core is idle.  Run
``python bench/batch_bench.py`` or ``make bench``; :func:`run` returns the numbers as a dict.
"""

from __future__ import annotations

import io
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
CORPUS = REPO.parent / "shared" / "corpus"

try:
    from plan_extract.batch import run_batch
except ImportError:  # a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))
    from plan_extract.batch import run_batch

TEXTS = ("tianjin_plan_official_text.txt", "tianjin_plan_web_scrape.txt")
CUTS = (0.2, 0.45, 0.7, 0.9)
#: files that must fail, whatever else the pipeline learns to cope with
BAD = (
    "bad/empty.txt",
    "bad/random.txt",
    "bad/not-a-pdf.pdf",
    "bad/truncated.pdf",
    "bad/blank.html",
    "bad/binary.htm",
    "bad/word.docx",
)


def _gbk(data: bytes, html: bool) -> bytes:
    """The same document as a GBK file (GB18030 where a character has no GBK code, e.g. ⼀ radicals)."""
    text = data.decode("utf-8")
    if html:
        text = re.sub(r"charset\s*=\s*[\"']?utf-8[\"']?", 'charset="gbk"', text, flags=re.IGNORECASE)
    try:
        return text.encode("gbk")
    except UnicodeEncodeError:
        return text.encode("gb18030")


def make_inputs(dst: Path, corpus: Path | None = None, min_files: int = 50) -> list[str]:
    """Write the batch set under ``dst``; return the relative paths written, sorted.

    ``corpus`` defaults to ``../shared/corpus`` when it exists; pass a missing path to use the
    Tianjin texts only.
    """
    from opencc import OpenCC

    from plan_extract.readers import read_source

    corpus = corpus if corpus is not None else CORPUS
    sources: list[Path] = sorted(corpus.glob("*.html")) if corpus.is_dir() else []
    sources += [RAW / name for name in TEXTS]
    files: dict[str, bytes] = {}
    fixed_per_source = 4  # original, GBK, BOM, traditional
    extra = len(BAD) + 1 + 2 + len(sources)  # bad files, prose, clash pair, nested copies
    n_cuts = max(len(CUTS), math.ceil((min_files - extra - fixed_per_source * len(sources)) / len(sources)))
    cuts = CUTS if n_cuts == len(CUTS) else tuple(round((i + 1) / (n_cuts + 1), 3) for i in range(n_cuts))
    s2t = OpenCC("s2t")
    for src in sources:
        data = src.read_bytes()
        html = src.suffix == ".html"
        stem, ext = src.stem, src.suffix
        files[f"orig/{stem}{ext}"] = data
        files[f"gbk/{stem}{ext}"] = _gbk(data, html)
        files[f"bom/{stem}{ext}"] = b"\xef\xbb\xbf" + data
        files[f"trad/{stem}.txt"] = s2t.convert(read_source(src).text).encode("utf-8")
        text = data.decode("utf-8")
        for frac in cuts:
            files[f"cut/{stem}-{round(frac * 100):02d}{ext}"] = text[: int(len(text) * frac)].encode("utf-8")
        files[f"nested/deeper/{stem}{ext}"] = data
    first_text = (RAW / TEXTS[0]).read_bytes()
    files["clash/plan.txt"] = first_text
    files["clash/plan.html"] = (
        sources[0].read_bytes()
        if sources[0].suffix == ".html"
        else b"<html><body><p>" + first_text + b"</p></body></html>"
    )
    files["misc/prose.txt"] = "天津市今年继续推进绿色低碳发展，各有关部门要加强协作，确保各项工作落到实处。\n".encode()
    rng = random.Random(5)
    files["bad/empty.txt"] = b""
    files["bad/random.txt"] = bytes(rng.randrange(256) for _ in range(4096))
    files["bad/not-a-pdf.pdf"] = "这不是PDF文件。\n".encode()
    pdf = RAW / "tianjin_plan_official.pdf"
    files["bad/truncated.pdf"] = pdf.read_bytes()[:20000] if pdf.is_file() else b"%PDF-1.4\n1 0 obj\n<<"
    files["bad/blank.html"] = b"<html><body><script>x()</script></body></html>"
    files["bad/binary.htm"] = bytes(range(256)) * 8
    docx = io.BytesIO()  # a Word file in the folder: refused by name, not passed over
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    files["bad/word.docx"] = docx.getvalue()
    for rel, content in files.items():
        path = dst / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return sorted(files)


def _timed(in_dir: Path, out_dir: Path, jobs: int) -> tuple[float, int]:
    shutil.rmtree(out_dir, ignore_errors=True)
    start = time.perf_counter()
    report = run_batch(in_dir, out_dir, jobs=jobs, force=True)
    return time.perf_counter() - start, len(report.results)


def run(repeat: int = 2) -> dict[str, object]:
    """Documents per second on 1 and 2 processes (best of ``repeat``), and whether outputs agree."""
    from plan_extract import extract
    from plan_extract.errors import InputError

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        root = Path(tmp)
        names = make_inputs(root / "in")
        # warm up in this process (workers are forked from it): text, HTML, traditional, PDF paths
        for rel in ("orig/" + TEXTS[0], "trad/" + Path(TEXTS[0]).with_suffix(".txt").name, "bad/truncated.pdf"):
            try:
                extract(root / "in" / rel)
            except InputError:
                pass
        for page in (root / "in" / "orig").glob("*.html"):
            extract(page)
            break
        best: dict[int, float] = {}
        load = os.getloadavg()[0]
        for _ in range(repeat):
            for jobs in (1, 2):  # interleaved, so that a busy moment does not favour one side
                seconds, n = _timed(root / "in", root / f"out{jobs}", jobs)
                best[jobs] = min(best.get(jobs, math.inf), seconds)
        same = all(
            (root / "out1" / p.relative_to(root / "out1")).read_bytes()
            == (root / "out2" / p.relative_to(root / "out1")).read_bytes()
            for p in (root / "out1").rglob("*.json")
        )
    return {
        "files": len(names),
        "corpus_pages": CORPUS.is_dir(),
        "seconds_1_process": best[1],
        "seconds_2_processes": best[2],
        "docs_per_s_1_process": n / best[1],
        "docs_per_s_2_processes": n / best[2],
        "speedup_2_vs_1": best[1] / best[2],
        "outputs_identical": same,
        "cpus": os.cpu_count() or 0,
        "load_average_before": load,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
