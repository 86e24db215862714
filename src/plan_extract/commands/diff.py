"""``plan-extract diff A B``: where two sources (or records) of one document differ, task by task.

Why a command: a person checking a mirror or a scrape against the official text needs the
differences that matter — tasks missing, wording, agencies, placement — not a line diff of two
JSON files that differ everywhere in offsets.  Exit status as diff(1): 0 the same, 1 different,
2 trouble (bad input: one line on stderr, as everywhere in the CLI).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..diff import compare, load
from ..writers.json import dumps, write_atomic

EXIT_SAME = 0
EXIT_DIFFERENT = 1

DESCRIPTION = """\
Compare two sources of one document (text, PDF, HTML, or JSON records made by `plan-extract extract`),
after normalization and ignoring whitespace (a traditional-character copy compares equal to the simplified
original).  The report lists, measure by measure: tasks only in A, tasks only partly in B, text only in B,
wording variants as character diffs ([-only in A-]{+only in B+}), agency and placement differences — and how
many tasks of A B carries.  Fragments B could not place count where they match a task of A.
"""

EPILOG = """\
exit status: 0 same, 1 different, 2 trouble (bad input: one line on stderr).
example:
  plan-extract diff data/raw/tianjin_plan_official.pdf data/raw/tianjin_plan_web_scrape.txt
"""


def _run(args: argparse.Namespace) -> int:
    comparison = compare(load(args.a), load(args.b))
    if args.json:
        text = dumps(comparison.to_json())
    else:
        text = comparison.render()
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_SAME if comparison.identical else EXIT_DIFFERENT


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "diff",
        help="where two sources of one document differ (exit 0 same, 1 different, 2 trouble)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", metavar="A", help="the first source or JSON record (usually the official one)")
    p.add_argument("b", metavar="B", help="the second source or JSON record")
    p.add_argument("--json", action="store_true", help="the report as JSON, for machines")
    p.add_argument("-o", "--output", help="write the report here (atomically) instead of stdout")
    p.set_defaults(func=_run)
