"""Task tables: a work plan's 任务分工表 read row by row into tasks with their units.

Why: many city and provincial 工作方案 state their tasks in the text without agencies and put who does
what in an annex, a table (附件：重点任务分工表 ⏎ 序号⇥重点任务⇥牵头单位⇥配合单位⇥完成时限 ⏎ 1⇥…).  Kept
as text, that table gave a researcher no agencies at all for such a plan.

A table is read only where its header names what each column holds: at least one task column
(重点任务, 具体措施, 工作内容, …) and one unit column (牵头单位, 责任单位, 配合单位, …); a row is read
only where it has exactly the header's number of cells.  A row with fewer (a merged cell, 跨行的重点任务)
or more is not guessed at: it stays in the text where it stands, and the caller warns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from .attribution import UNIT_LABEL
from .segment import Fragment

#: Header of a column of tasks: 重点任务, 主要任务, 工作任务, 具体措施, 工作内容, 任务内容, 政策措施, 工作举措.
TASK_HEADER = regex.compile(
    r"(?:重点|主要|工作|具体|重点工作|政策|主要工作)?(?:任务|措施|举措|内容|事项)(?:内容|名称|措施)?"
)
#: Header of a deadline column: 完成时限, 时间节点, 完成时间.
DEADLINE_HEADER = regex.compile(r"(?:完成|办结)?(?:时限|时间|时间节点|时间安排|进度安排)")
NUMBER_HEADER = regex.compile(r"序号|编号")


@dataclass(frozen=True)
class Columns:
    """What each column of a task table holds, read from its header row."""

    labels: tuple[str, ...]
    tasks: tuple[int, ...]  # the task columns, in order (the last is the task's text)
    units: tuple[int, ...]  # the unit columns
    deadline: int | None
    number: int | None

    @property
    def list_span(self) -> tuple[int, int]:
        """The columns from the first unit column to the last unit or deadline column: the row's
        responsibility list, as printed."""
        cols = [*self.units, *([self.deadline] if self.deadline is not None else [])]
        return min(cols), max(cols)


@dataclass(frozen=True)
class TableRow:
    """One row read as a task: its text cell, its number, the heading of a first task column
    (重点任务 over 具体措施), and its responsibility list (the cells as printed, and their headers)."""

    text: Fragment
    number: tuple[int, str] | None
    heading: str | None
    units: Fragment
    headers: tuple[str, ...]


def cells(f: Fragment) -> list[Fragment]:
    """The tab-separated cells of a row, each with its own offsets."""
    out: list[Fragment] = []
    pos = 0
    for piece in f.text.split("\t"):
        out.append(replace(f, text=piece, start=f.start + pos, end=f.start + pos + len(piece)))
        pos += len(piece) + 1
    return out


def header_columns(f: Fragment) -> Columns | None:
    """The columns of a task table whose header row is ``f``, or None where ``f`` is no such header."""
    if "\t" not in f.text:
        return None
    labels = tuple(c.text.strip() for c in cells(f))
    tasks = tuple(i for i, c in enumerate(labels) if TASK_HEADER.fullmatch(c))
    units = tuple(i for i, c in enumerate(labels) if UNIT_LABEL.fullmatch(c))
    if not tasks or not units or max(tasks) > min(units):
        return None
    deadline = next((i for i, c in enumerate(labels) if DEADLINE_HEADER.fullmatch(c) and i > min(units)), None)
    number = next((i for i, c in enumerate(labels) if NUMBER_HEADER.fullmatch(c)), None)
    return Columns(labels, tasks, units, deadline, number)


def read_row(f: Fragment, columns: Columns) -> TableRow | None:
    """Row ``f`` as a task, or None where its cells do not line up with the header's."""
    row = cells(f)
    if len(row) != len(columns.labels) or not row[columns.tasks[-1]].text.strip():
        return None
    if not any(row[i].text.strip() for i in columns.units):
        return None
    lo, hi = columns.list_span
    units = replace(
        f, text=f.text[row[lo].start - f.start : row[hi].end - f.start], start=row[lo].start, end=row[hi].end
    )
    number = None
    if columns.number is not None and row[columns.number].text.strip().isdigit():
        printed = row[columns.number].text.strip()
        number = (int(printed), printed)
    heading = row[columns.tasks[0]].text.strip() if len(columns.tasks) > 1 else None
    return TableRow(row[columns.tasks[-1]], number, heading or None, units, columns.labels[lo : hi + 1])


def labelled(units: Fragment, headers: tuple[str, ...]) -> str:
    """A row's responsibility cells as the labelled list they state: 牵头单位：A ⏎ 配合单位：B ⏎
    完成时限：2023年底前 (what :func:`plan_extract.attribution.parse_responsibility` reads)."""
    return "\n".join(f"{h}：{c}" for h, c in zip(headers, units.text.split("\t"), strict=True) if c.strip())
