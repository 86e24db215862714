"""``plan-extract batch IN_DIR OUT_DIR [--jobs N] [--force]``: a folder in, a folder out.

What a user sees: a progress bar while it runs — only when stderr is a terminal, so logs and pipes
get no carriage-return noise — then one line per failed file (``plan-extract: error: PATH:
PROBLEM``, the same shape as a single-file error) and a summary line of counts, all on stderr.
Exit status 0 when every file was extracted or current, 1 when any failed, 2 for bad usage (e.g.
IN_DIR missing).  The bar is a few lines of our own rather than ``tqdm``: it needs no more than
a count, a bar and a name, and a runtime dependency for that would not earn its place.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any, TextIO

EXIT_FAILED = 1


class ProgressBar:
    """``[########--------]  23/52  a/foo.html`` redrawn in place on a terminal, at most 20 times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.05:
            return
        self.last = now
        width = shutil.get_terminal_size((80, 20)).columns
        count = f" {done:>{len(str(total))}}/{total} "
        bar_width = max(10, min(40, width // 3))
        filled = bar_width * done // total if total else bar_width
        line = "[" + "#" * filled + "-" * (bar_width - filled) + "]" + count
        room = width - len(line) - 2
        if room > 0 and name:
            line += " " + (name if len(name) <= room else "…" + name[-(room - 1) :])
        self.stream.write("\r" + line.ljust(width - 1)[: width - 1])
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            width = shutil.get_terminal_size((80, 20)).columns
            self.stream.write("\r" + " " * (width - 1) + "\r")
            self.stream.flush()


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _cmd_batch(args: argparse.Namespace) -> int:
    from ..batch import run_batch

    stderr = sys.stderr
    bar = ProgressBar(stderr) if stderr.isatty() else None
    try:
        report = run_batch(args.in_dir, args.out_dir, jobs=args.jobs, force=args.force, progress=bar)
    finally:
        if bar is not None:
            bar.clear()
    for r in report.failed:
        print(f"plan-extract: error: {Path(args.in_dir) / r.rel}: {r.error}", file=stderr)
    print(report.summary(), file=stderr)
    return EXIT_FAILED if report.failed else 0


def register(subparsers: Any) -> None:
    """Add ``batch`` to the ``plan-extract`` command."""
    p = subparsers.add_parser(
        "batch",
        help="extract every source in a folder into a folder of JSON records",
        description="Extract every .txt, .pdf, .html and .htm under IN_DIR (recursively) into OUT_DIR, "
        "mirroring names (a/foo.html → a/foo.json), on several processes.  Files whose output is current "
        "(same input bytes, same plan-extract version, output not older than input; recorded in "
        "OUT_DIR/.plan-extract-manifest.json) are skipped.  A bad file is reported at the end and does "
        "not stop the others; exit status 1 when any file failed.",
    )
    p.add_argument("in_dir", metavar="IN_DIR", help="folder of sources (searched recursively)")
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder for the JSON records (created if missing)")
    p.add_argument("-j", "--jobs", type=_positive, default=None, help="worker processes (default: the number of CPUs)")
    p.add_argument("--force", action="store_true", help="redo every file, even those that are current")
    p.set_defaults(func=_cmd_batch)
