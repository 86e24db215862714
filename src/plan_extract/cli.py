"""The ``plan-extract`` command.

Subcommands read like sentences::

    plan-extract extract data/raw/tianjin_plan_official_text.txt -o out.json
    plan-extract validate out.json
    plan-extract explain data/raw/tianjin_plan_web_scrape.txt
    plan-extract schema -o schemas/plan.schema.json

Errors a user can cause are one line on stderr — ``plan-extract: error: PATH: PROBLEM`` — and a
non-zero exit status; no traceback, no half-written output file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from . import __version__, commands
from .errors import PlanExtractError
from .writers.json import dumps, write_atomic

EXIT_ERROR = 2

DESCRIPTION = """\
Turn Chinese government policy documents (web scrapes, official PDFs, saved gov.cn pages) into one
validated, canonical JSON structure: the notice, the plan's sections (一、) and measures (（一）),
each measure's tasks, and the agencies responsible for each task.
"""

EPILOG = """\
examples:
  plan-extract extract data/raw/tianjin_plan_official_text.txt          JSON on stdout
  plan-extract extract page.html -o data/structured/page.json           write a file (atomically)
  plan-extract extract official.pdf scrape.txt -o plan.json             one canonical record from several sources
  plan-extract explain data/raw/tianjin_plan_web_scrape.txt             what normalization changed, where
  plan-extract validate data/structured/page.json                       check a JSON file against the schema
  plan-extract schema -o schemas/plan.schema.json                       the JSON Schema of the output

exit status: 0 success, 2 bad input or usage (one line on stderr naming the file and the problem).
"""


def _cmd_extract(args: argparse.Namespace) -> int:
    # one path per file: --reference may also be listed among the inputs
    inputs: list[str] = []
    for path in [*args.input, *([args.reference] if args.reference else [])]:
        if all(Path(path).resolve() != Path(q).resolve() for q in inputs):
            inputs.append(path)
    if len(inputs) > 1:
        return _extract_merged(args, inputs)

    from .pipeline import extract

    source = inputs[0]
    record = extract(source)
    text = dumps(record)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    kinds = Counter(w.kind for w in record.warnings)
    for w in record.warnings:
        if w.kind == "no_structure":
            print(f"plan-extract: warning: {source}: {w.message}", file=sys.stderr)
    if args.output and not args.quiet:
        n_tasks = sum(1 for _ in record.plan.placed_tasks())
        summary = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"
        print(
            f"{source} → {args.output}: {len(record.plan.sections)} sections, "
            f"{sum(len(s.measures) for s in record.plan.sections)} measures, {n_tasks} tasks, "
            f"{len(record.plan.unplaced)} unplaced; warnings: {summary}",
            file=sys.stderr,
        )
    return 0


def _extract_merged(args: argparse.Namespace, inputs: list[str]) -> int:
    """Several sources of one document → one canonical record (:mod:`plan_extract.merge`)."""
    from .diff import load
    from .merge import merge

    loaded = [load(path) for path in inputs]
    reference = None
    if args.reference:
        reference = next(x for x in loaded if Path(x.path).resolve() == Path(args.reference).resolve())
    record = merge(loaded, reference)
    text = dumps(record)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    if args.output and not args.quiet:
        tasks = [t for *_, t in record.plan.placed_tasks()]
        carried = Counter(name for t in tasks for name in t.sources or [])
        variants = Counter(v.field for t in tasks for v in t.variants)
        ref = next(s.name for s in record.sources if s.role == "reference")
        print(
            f"{' + '.join(inputs)} → {args.output}: reference {ref}; {len(tasks)} tasks, carried by "
            + ", ".join(f"{s.name} {carried[s.name]}" for s in record.sources)
            + "; variants: "
            + (", ".join(f"{k} {v}" for k, v in sorted(variants.items())) or "none")
            + f"; {len(record.plan.unplaced)} unplaced",
            file=sys.stderr,
        )
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .readers import read_record

    record = read_record(args.file)
    print(f"{args.file}: valid plan record (schema {record.schema_version})")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    text = schema_text()
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from .normalize import normalize_and_explain
    from .readers import read_source

    src = read_source(args.input)
    norm = normalize_and_explain(src.text)
    counts = Counter(c.rule for c in norm.changes)
    print(f"{args.input}: {len(norm.changes)} changes by {len(norm.plan)} rules")
    for rule in norm.plan:
        print(f"  {rule}: {counts[rule]}")
    if src.noise:
        # what the reader took out before normalization: page numbers, running headers (counted noise)
        kinds = Counter(n.kind for n in src.noise)
        listed = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        print(f"  taken out by the {src.kind} reader as layout noise: {len(src.noise)} ({listed})")
    if args.all or args.rule:
        for c in norm.changes:
            if args.rule and c.rule != args.rule:
                continue
            note = f"  ({c.note})" if c.note else ""
            print(f"{c.start:>7}-{c.end:<7} {c.rule:32} {c.before!r} → {c.after!r}{note}")
    if args.all:
        for n in src.noise:
            where = f"page {n.page}" if n.page is not None else "-"
            print(f"{where:>15} {'layout noise: ' + n.kind:32} {n.text!r}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-extract",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "extract",
        help="extract one document (from one source or several) into canonical JSON",
        description="Read a source "
        "(text, PDF or HTML; encoding detected), clean it, and write its canonical JSON record.  Given several "
        "sources of one document (or JSON records of them), write one canonical record: the reference source's "
        "structure and wording win (a clean PDF over clean plain text over a web page; a source whose record "
        "needed repair ranks below every clean one), fields it lacks are filled from the others, each task lists "
        "the sources carrying it, and every disagreement is kept as a variant on the task.",
    )
    p.add_argument(
        "input", nargs="+", help="source file(s): .txt (UTF-8/GBK), .pdf or .html; with several, also .json records"
    )
    p.add_argument("--reference", metavar="PATH", help="the source whose structure and wording win (several inputs)")
    p.add_argument("-o", "--output", help="write JSON here (atomically) instead of stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("validate", help="check a JSON file against the plan schema")
    p.add_argument("file")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="print (or write) the JSON Schema of the output")
    p.add_argument("-o", "--output")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser(
        "explain",
        help="show what normalization changed in a source, and where",
        description="Count the changes each normalization rule made to a source, and the layout noise its "
        "reader took out (page numbers, running headers); --all lists each change with its offsets into the "
        "text as read, and each piece of noise with its page.",
    )
    p.add_argument("input")
    p.add_argument("--all", action="store_true", help="list every change with its offsets, and every piece of noise")
    p.add_argument("--rule", help="list the changes of one rule only")
    p.set_defaults(func=_cmd_explain)

    for mod_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{mod_info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return int(args.func(args))
    except PlanExtractError as exc:
        print(f"plan-extract: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("plan-extract: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
