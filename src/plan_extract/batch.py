"""Batch runs: a folder of sources in, a folder of canonical JSON records out.

Users bring hundreds of saved pages at once; one ``plan-extract extract`` per file would re-import
the package every time, use one core, and stop at the first bad file.  :func:`run_batch`:

* **finds** every ``.txt .pdf .html .htm`` under ``in_dir``, and every ``.doc .docx .wps .ofd``,
  which fails with its reason (recursively, case-insensitive suffix;
  hidden files and folders and ``out_dir`` itself are skipped) and **mirrors** its place:
  ``in/a/foo.html`` → ``out/a/foo.json``.  Two sources of one folder with the same stem
  (``foo.txt`` and ``foo.html``) would share ``foo.json``, so those keep their suffix:
  ``foo.txt.json`` and ``foo.html.json``.
* **extracts** across processes (:class:`~concurrent.futures.ProcessPoolExecutor`, ``jobs``
  workers, default ``os.cpu_count()``; ``jobs=1`` runs in this process).  Each output is written
  atomically by the worker that made it, so outputs do not depend on ``jobs``: a run with 1 and
  a run with 2 processes give byte-identical files.
* **survives bad files**: a file that fails gets its one-line error (``InputError.problem``, or
  ``internal error: …`` for anything unexpected) in the report and the others go on.  A failed
  file's previous output, if any, is left as it was (the atomic-write rule: a failure never
  destroys a good file), but it is no longer recorded as current, so the next run tries again.
* **skips what is current**: a small manifest, ``out_dir/.plan-extract-manifest.json``, records
  for each source the SHA-256 of its bytes, the plan_extract version that made the output, and the
  output's name.  A source is skipped when its output exists and is at least as new as the
  source, and the manifest has the same SHA-256 and version.  Touching a source (newer mtime)
  redoes it; editing it redoes it; upgrading plan_extract redoes everything; ``force`` redoes
  everything.  The manifest holds no timestamps (its bytes depend on the inputs only) and is
  rewritten atomically as results come in (at most every half second, and at the end), so an
  interrupted run keeps what it finished.

The progress bar and the report are the command's business (:mod:`plan_extract.commands.batch`);
this module only calls ``progress(done, total, name)``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import __version__
from .errors import InputError

#: Read, and (the last four) refused by name in the report: a folder of a government's documents
#: mixes Word, WPS and OFD files with its PDFs, and passing over them in silence would lose them.
SUFFIXES = frozenset({".txt", ".pdf", ".html", ".htm", ".doc", ".docx", ".wps", ".ofd"})
MANIFEST = ".plan-extract-manifest.json"
MANIFEST_FORMAT = 1

Status = Literal["extracted", "skipped", "failed"]
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileResult:
    """What happened to one source: ``rel`` is its path under ``in_dir`` (POSIX separators)."""

    rel: str
    output: str
    status: Status
    error: str | None = None
    no_structure: bool = False


@dataclass
class BatchReport:
    """All results in input order (sorted paths), and the counts the summary line quotes."""

    in_dir: Path
    out_dir: Path
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> str:
        """``52 files: 47 extracted, 3 skipped (current), 2 failed`` (+ how many had no structure)."""
        n = len(self.results)
        line = (
            f"{n} file{'s' if n != 1 else ''}: {self.count('extracted')} extracted, "
            f"{self.count('skipped')} skipped (current), {self.count('failed')} failed"
        )
        bare = sum(1 for r in self.results if r.status == "extracted" and r.no_structure)
        if bare:
            line += f"; {bare} extracted without plan structure (see each record's no_structure warning)"
        return line


def find_inputs(in_dir: Path, exclude: Path | None = None) -> list[Path]:
    """Sources under ``in_dir`` in sorted order (deterministic whatever the file system lists)."""
    found: list[Path] = []
    skip = exclude.resolve() if exclude is not None else None
    for root, dirs, files in os.walk(in_dir):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or (here / d).resolve() != skip))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                found.append(here / name)
    return sorted(found, key=lambda p: p.relative_to(in_dir).as_posix())


def output_names(inputs: list[Path], in_dir: Path) -> dict[Path, str]:
    """Each source's output path under ``out_dir`` (POSIX): ``a/foo.html`` → ``a/foo.json``; sources
    of one folder sharing a stem keep their suffix (``a/foo.html.json``)."""
    rels = {p: p.relative_to(in_dir) for p in inputs}
    plain: dict[str, list[Path]] = {}
    for p, rel in rels.items():
        plain.setdefault(rel.with_suffix(".json").as_posix().lower(), []).append(p)
    out: dict[Path, str] = {}
    for p, rel in rels.items():
        clash = len(plain[rel.with_suffix(".json").as_posix().lower()]) > 1
        out[p] = (rel.parent / (rel.name + ".json")).as_posix() if clash else rel.with_suffix(".json").as_posix()
    return out


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    """The manifest's file entries; an unreadable or foreign manifest counts as empty (all redone)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    files = data.get("files") if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None
    if not isinstance(files, dict):
        return {}
    return {
        k: v
        for k, v in files.items()
        if isinstance(k, str) and isinstance(v, dict) and all(isinstance(x, str) for x in v.values())
    }


def save_manifest(out_dir: Path, files: dict[str, dict[str, str]]) -> None:
    from .writers.json import dumps, write_atomic

    doc: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "tool": "plan-extract",
        "files": {k: dict(sorted(files[k].items())) for k in sorted(files)},
    }
    write_atomic(out_dir / MANIFEST, dumps(doc))


def is_current(src: Path, dst: Path, entry: dict[str, str] | None, sha: str, output: str) -> bool:
    """The output of ``src`` needs no redo: same bytes, same version, same name, not older than ``src``."""
    if entry is None or entry.get("sha256") != sha or entry.get("version") != __version__:
        return False
    if entry.get("output") != output:
        return False
    try:
        return dst.stat().st_mtime_ns >= src.stat().st_mtime_ns
    except OSError:
        return False


def extract_one(src: str, dst: str) -> tuple[str | None, bool]:
    """Extract ``src`` into ``dst`` (atomically): ``(error or None, no_structure)``.

    Runs in a worker process, so it takes and returns plain picklable values, and it never raises:
    a bad file is a result, not an exception that could take the pool down.
    """
    try:
        from .pipeline import extract
        from .writers.json import dumps, write_atomic

        record = extract(src)
        write_atomic(dst, dumps(record))
        return None, any(w.kind == "no_structure" for w in record.warnings)
    except InputError as exc:
        return exc.problem, False
    except Exception as exc:  # an unexpected failure in one file must not stop the batch
        return f"internal error: {type(exc).__name__}: {exc}", False


def run_batch(
    in_dir: str | Path,
    out_dir: str | Path,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchReport:
    """Extract every source under ``in_dir`` into ``out_dir``; see the module docstring."""
    src_root, dst_root = Path(in_dir), Path(out_dir)
    if not src_root.exists():
        raise InputError(str(in_dir), "no such folder")
    if not src_root.is_dir():
        raise InputError(str(in_dir), "is not a folder")
    if dst_root.exists() and not dst_root.is_dir():
        raise InputError(str(out_dir), "exists and is not a folder")
    inputs = find_inputs(src_root, exclude=dst_root)
    names = output_names(inputs, src_root)
    manifest = {} if force else load_manifest(dst_root)
    rel_of = {p: p.relative_to(src_root).as_posix() for p in inputs}
    # entries of sources that are gone are dropped (their outputs are left alone)
    manifest = {k: v for k, v in manifest.items() if k in set(rel_of.values())}

    results: dict[Path, FileResult] = {}
    todo: list[tuple[Path, str]] = []
    for p in inputs:
        rel, out = rel_of[p], names[p]
        try:
            sha = file_sha256(p)
        except OSError as exc:
            results[p] = FileResult(rel, out, "failed", f"cannot read: {exc.strerror or exc}")
            manifest.pop(rel, None)
            continue
        if not force and is_current(p, dst_root / out, manifest.get(rel), sha, out):
            results[p] = FileResult(rel, out, "skipped")
        else:
            todo.append((p, sha))
            manifest.pop(rel, None)

    total = len(inputs)
    done = len(results)
    if progress is not None:
        progress(done, total, "")
    dst_root.mkdir(parents=True, exist_ok=True)
    last_save = time.monotonic()

    def record(p: Path, sha: str, error: str | None, bare: bool) -> None:
        nonlocal done, last_save
        rel, out = rel_of[p], names[p]
        if error is None:
            results[p] = FileResult(rel, out, "extracted", no_structure=bare)
            manifest[rel] = {"sha256": sha, "version": __version__, "output": out}
        else:
            results[p] = FileResult(rel, out, "failed", error)
        done += 1
        if progress is not None:
            progress(done, total, rel)
        if time.monotonic() - last_save > 0.5:
            save_manifest(dst_root, manifest)
            last_save = time.monotonic()

    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    try:
        if workers == 1:
            for p, sha in todo:
                record(p, sha, *extract_one(str(p), str(dst_root / names[p])))
        elif todo:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures: dict[Future[tuple[str | None, bool]], tuple[Path, str]] = {
                    pool.submit(extract_one, str(p), str(dst_root / names[p])): (p, sha) for p, sha in todo
                }
                try:
                    for fut in as_completed(futures):
                        p, sha = futures[fut]
                        try:
                            error, bare = fut.result()
                        except BrokenProcessPool:
                            error, bare = "internal error: the worker process died", False
                        record(p, sha, error, bare)
                except BaseException:
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
    finally:
        save_manifest(dst_root, manifest)
    report = BatchReport(src_root, dst_root)
    report.results = [results[p] for p in inputs if p in results]
    return report
