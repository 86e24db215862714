"""``plan-extract export --format jsonl|csv [--per task|agency] INPUT... [-o OUT]``.

INPUT are plan records (the JSON ``extract`` and ``batch`` write) or folders of them (searched
recursively for ``*.json``, hidden files such as the batch manifest skipped, sorted).  Every input
is validated against the schema before anything is written: an export that silently left out a
file would give wrong totals, so one bad input is a one-line error (exit status 2) and no output.
What the rows hold and why the bytes look as they do: :mod:`plan_extract.writers.export`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import PlanRecord
from ..readers.record import read_record


def record_files(inputs: list[str]) -> list[tuple[str, Path]]:
    """(name for the ``file`` column, path) of every record file named or found under a folder."""
    out: list[tuple[str, Path]] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                (
                    p
                    for p in path.rglob("*.json")
                    if not any(part.startswith(".") for part in p.relative_to(path).parts)
                ),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            if not found:
                raise InputError(name, "folder holds no record files (*.json)")
            out.extend(((path / p.relative_to(path)).as_posix(), p) for p in found)
        elif path.is_file():
            out.append((name, path))
        else:
            raise InputError(name, "no such file or folder")
    return out


def load_record(name: str, path: Path) -> PlanRecord:
    """A validated record, or an :class:`InputError` naming the first problem."""
    return read_record(path, name)


def _cmd_export(args: argparse.Namespace) -> int:
    from ..writers.export import rows_for, to_csv, to_jsonl
    from ..writers.json import write_atomic

    records = [(name, load_record(name, path)) for name, path in record_files(args.inputs)]
    columns, rows = rows_for(records, args.per)
    text = to_csv(columns, rows, bom=args.bom) if args.format == "csv" else to_jsonl(columns, rows)
    if args.output:
        write_atomic(args.output, text)
        if not args.quiet:
            print(
                f"{len(records)} record{'s' if len(records) != 1 else ''} → {args.output}: {len(rows)} {args.per} rows",
                file=sys.stderr,
            )
    else:
        sys.stdout.write(text)
    return 0


def register(subparsers: Any) -> None:
    """Add ``export`` to the ``plan-extract`` command."""
    p = subparsers.add_parser(
        "export",
        help="flatten plan records into CSV or JSON Lines (one row per task or per agency)",
        description="Flatten plan records into rows for other tools: one row per task (--per task) or one "
        "row per (task, agency) for responsibility matrices (--per agency).  Each output loads with one "
        "pandas call: pd.read_csv(OUT) or pd.read_json(OUT, lines=True).  UTF-8 without BOM "
        "(--bom for Excel).",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="record JSON files, or folders of them")
    p.add_argument("--format", required=True, choices=("jsonl", "csv"), help="output format")
    p.add_argument("--per", default="task", choices=("task", "agency"), help="one row per task (default) or agency")
    p.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    p.add_argument("--bom", action="store_true", help="start a CSV with a UTF-8 byte-order mark (for Excel)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    p.set_defaults(func=_cmd_export)
