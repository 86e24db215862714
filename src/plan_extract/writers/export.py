"""Flat exports of plan records for other tools: one row per task, or one per (task, agency).

The canonical JSON is a tree; spreadsheets, pandas and responsibility matrices want rows.  Both
exports load with one pandas call — ``pd.read_csv(path)`` or ``pd.read_json(path, lines=True)``
— and give the same columns in the same order:

* **tasks** (:data:`TASK_COLUMNS`): one row per task, placed tasks in document order, then what
  the pipeline could not place (``placed`` false, section and measure empty).  Agencies and
  their roles are joined with 、 in printed order, so ``agencies.split("、")`` and
  ``roles.split("、")`` line up.
* **agencies** (:data:`AGENCY_COLUMNS`): one row per agency mention, ``position`` its 1-based
  place in the task's list; a task naming nobody has no row, so the row count is the number of
  agency mentions.  ``task_no`` joins the two exports.

Both exports carry where each row may lie, so placed and unplaced rows filter alike:
``first_measure``/``last_measure`` are a placed task's measure number (twice), and an unplaced
one's range of measures (empty where a bound is unknown; both empty for a task a section holds
outside any measure); ``kind`` says what a row holds -- ``task`` (text with its parenthesis, or
text that never had one), ``text`` (unplaced text whose parenthesis is not known) or
``parenthesis`` (an unplaced responsibility parenthesis whose task is not known: its agencies
with an empty text).  Without them an unplaced parenthesis exported as a task with no text, and
an agency matrix could not tell its rows from placed ones (``placed`` is in both exports).
The ``parenthesis`` column is the responsibility parenthesis verbatim, as the agencies were read
from it: a row whose agencies look wrong can be checked against what the source printed without
going back to the JSON (an unplaced parenthesis row had only its parsed agencies before).
``agencies_from`` is ``measure`` where a task names nobody itself and its agencies are the ones its
measure's heading prints (then ``parenthesis`` is the heading's); empty where they are the task's own.

Choices where other tools care:

* **Encoding.** UTF-8 **without** a byte-order mark by default.  pandas reads either, but Python's
  ``csv`` module, DuckDB, R and most Unix tools take a BOM for part of the first column's name
  (``\\ufefffile``).  Excel is the exception — it guesses a legacy code page for a CSV without a
  BOM — so the command has ``--bom`` for files meant for Excel.
* **CSV dialect.** Comma-separated, a header row, ``\\n`` line ends, fields quoted only where they
  must be (RFC 4180 minimal quoting): pandas' defaults.  Empty cells are nulls (an empty string,
  e.g. the text of an unplaced parenthesis whose text is lost, is exported as null in both
  formats, so the two load alike); booleans are
  ``true``/``false``, which pandas reads as ``bool``.  Item labels (``1.``) are not exported,
  their numbers are: ``"1."`` would be read back as the float 1.0.
* **JSON Lines.** One object per line, keys in column order, UTF-8 unescaped, nulls as ``null``.
  Column names avoid pandas' date heuristics (nothing ends in ``_date``/``_at``), so
  ``read_json`` converts nothing behind the user's back.
* **Deterministic bytes.** Rows follow the inputs' order and the records' order; the same inputs
  give the same file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Literal

from ..models import PlanRecord

Value = str | int | bool | None
Row = dict[str, Value]
Per = Literal["task", "agency"]

TASK_COLUMNS: tuple[str, ...] = (
    "file",
    "source",
    "document_title",
    "doc_number",
    "section_number",
    "section_label",
    "section_title",
    "measure_number",
    "measure_label",
    "measure_title",
    "item_number",
    "item_title",
    "subitem_number",
    "subitem_title",
    "task_no",
    "text",
    "parenthesis",
    "agencies",
    "roles",
    "responsibility",
    "agency_note",
    "agencies_from",
    "placed",
    "kind",
    "first_measure",
    "last_measure",
)

AGENCY_COLUMNS: tuple[str, ...] = (
    "file",
    "source",
    "document_title",
    "doc_number",
    "section_number",
    "section_title",
    "measure_number",
    "measure_title",
    "item_number",
    "task_no",
    "agency",
    "role",
    "position",
    "agencies_in_task",
    "responsibility",
    "agencies_from",
    "text",
    "parenthesis",
    "placed",
    "kind",
    "first_measure",
    "last_measure",
)


def task_rows(record: PlanRecord, file: str) -> list[Row]:
    """One row per task of ``record`` (``file``: how the record was named on input)."""
    common: Row = {
        "file": file,
        "source": ";".join(s.name for s in record.sources),
        "document_title": record.document.title,
        "doc_number": record.document.doc_number,
    }
    rows: list[Row] = []
    for section, measure, task in record.plan.placed_tasks():
        rows.append(
            {
                **common,
                "section_number": section.number,
                "section_label": section.label,
                "section_title": section.title,
                "measure_number": measure.number if measure else None,
                "measure_label": measure.label if measure else None,
                "measure_title": measure.title if measure else None,
                "item_number": task.item.number if task.item else None,
                "item_title": task.item.title if task.item else None,
                "subitem_number": task.subitem.number if task.subitem else None,
                "subitem_title": task.subitem.title if task.subitem else None,
                "task_no": len(rows) + 1,
                "text": task.text,
                "parenthesis": task.parenthesis,
                "agencies": "、".join(a.name for a in task.agencies) or None,
                "roles": "、".join(a.role for a in task.agencies) or None,
                "responsibility": task.responsibility,
                "agency_note": task.agency_note,
                "agencies_from": task.agencies_from,
                "placed": True,
                "kind": "task",
                "first_measure": measure.number if measure else None,
                "last_measure": measure.number if measure else None,
            }
        )
    for u in record.plan.unplaced:
        rows.append(
            {
                **common,
                **dict.fromkeys(TASK_COLUMNS[4:14]),
                "task_no": len(rows) + 1,
                "text": u.text,
                "parenthesis": u.parenthesis,
                "agencies": "、".join(a.name for a in u.agencies) or None,
                "roles": "、".join(a.role for a in u.agencies) or None,
                "responsibility": None,
                "agency_note": None,
                "agencies_from": None,
                "placed": False,
                "kind": u.kind,
                "first_measure": u.first_measure,
                "last_measure": u.last_measure,
            }
        )
    return rows


def agency_rows(record: PlanRecord, file: str) -> list[Row]:
    """One row per (task, agency) of ``record``: the long form a responsibility matrix pivots."""
    rows: list[Row] = []
    agencies = [t.agencies for _, _, t in record.plan.placed_tasks()] + [u.agencies for u in record.plan.unplaced]
    for task_row, names in zip(task_rows(record, file), agencies, strict=True):
        for position, agency in enumerate(names, start=1):
            row: Row = {
                **task_row,
                "agency": agency.name,
                "role": agency.role,
                "position": position,
                "agencies_in_task": len(names),
            }
            rows.append({k: row.get(k) for k in AGENCY_COLUMNS})
    return rows


def rows_for(records: Sequence[tuple[str, PlanRecord]], per: Per) -> tuple[tuple[str, ...], list[Row]]:
    """The columns and rows of the export of ``records`` (``(file, record)`` pairs, in order)."""
    make = task_rows if per == "task" else agency_rows
    # "" and null are one thing in a CSV cell; make them one thing in JSON Lines too
    rows = [{k: (None if v == "" else v) for k, v in row.items()} for file, rec in records for row in make(rec, file)]
    return (TASK_COLUMNS if per == "task" else AGENCY_COLUMNS), rows


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(columns: Sequence[str], rows: Sequence[Row], *, bom: bool = False) -> str:
    """CSV text: header, minimal quoting, ``\\n`` line ends; a BOM first only when asked (Excel)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return ("\ufeff" if bom else "") + buf.getvalue()


def to_jsonl(columns: Sequence[str], rows: Sequence[Row]) -> str:
    """JSON Lines text: one object per row, keys in column order, UTF-8 without escapes."""
    return "".join(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n" for row in rows)
