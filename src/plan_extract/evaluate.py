"""Score a record against a reference record of the same document, task by task.

Why: a damaged source (the Tianjin web scrape) yields a JSON that *looks* plausible; whether it is
right can only be told against a trustworthy edition.  For every task of the candidate this
module asks: is it exactly a reference task (same text, same measure, same agencies)?  Or is it
*misfiled* — in another measure than the reference puts its text, glued together from several
reference tasks, or carrying another task's agencies?  Text is compared fragment by fragment
(sentences and parentheses), ignoring whitespace, so a task can be traced even when it is cut.
An unplaced fragment is checked too: its text must lie in its range of measures, and an unplaced
*task* (text with the parenthesis it was given) must not carry agencies its text's reference task
does not have -- a user loading task-agency pairs gets the unplaced ones as well.

Used by the order-repair tests, ``make bench`` and the figures in the README and docs/order-repair-log.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass, field

from .models import PlanRecord, Task
from .segment import segment, squash


def _keys(text: str) -> list[str]:
    return [f.key for f in segment(text)]


def _agencies(task: Task) -> tuple[str, ...]:
    return tuple(a.name for a in task.agencies)


@dataclass
class RefTask:
    ident: int
    measure: int
    text_keys: tuple[str, ...]
    paren_key: str | None
    agencies: tuple[str, ...]
    text: str


@dataclass
class Score:
    reference_tasks: int
    whole: list[int] = field(default_factory=list)  # reference tasks whose every fragment is in the source
    exact: list[int] = field(default_factory=list)  # ... and that come out exactly
    misfiled: list[str] = field(default_factory=list)  # descriptions of misfiled candidate tasks
    unplaced_ranges_wrong: list[str] = field(default_factory=list)
    # unplaced tasks (text paired with a parenthesis) glued from several reference tasks, or carrying
    # agencies their text's reference task does not have
    unplaced_misattributed: list[str] = field(default_factory=list)
    # measures filed under a numbered section that is not theirs (an unnumbered one claims nothing)
    sections_wrong: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.exact)}/{len(self.whole)} surviving tasks exact, {len(self.misfiled)} misfiled, "
            f"{len(self.unplaced_ranges_wrong)} unplaced with a wrong range, "
            f"{len(self.unplaced_misattributed)} unplaced with another task's agencies, "
            f"{len(self.sections_wrong)} measures in a wrong section"
        )


class Reference:
    """Index of a reference record: fragment key → (reference task, measure)."""

    def __init__(self, ref: PlanRecord, fuzzy: float = 0.9) -> None:
        self.tasks: list[RefTask] = []
        self.by_key: dict[str, list[int]] = {}
        self.fuzzy = fuzzy
        for sec in ref.plan.sections:
            for m in sec.measures:
                for t in m.tasks:
                    tk = tuple(_keys(t.text))
                    pk = squash(t.parenthesis) if t.parenthesis else None
                    rt = RefTask(len(self.tasks), m.number, tk, pk, _agencies(t), t.text)
                    self.tasks.append(rt)
                    for k in tk:
                        self.by_key.setdefault(k, []).append(rt.ident)
        self._all_keys = list(self.by_key)

    def lookup(self, key: str) -> list[int]:
        """Reference tasks holding this text fragment (fuzzy for the editions' real wording variants)."""
        if key in self.by_key:
            return self.by_key[key]
        if len(key) < 8:
            return []
        best = difflib.get_close_matches(key, self._all_keys, n=1, cutoff=self.fuzzy)
        return self.by_key[best[0]] if best else []


def _candidate_tasks(rec: PlanRecord) -> list[tuple[int, Task]]:
    return [(m.number, t) for s in rec.plan.sections for m in s.measures for t in m.tasks]


def score(
    candidate: PlanRecord, reference: PlanRecord, source_text: str, survivors: Collection[int] | None = None
) -> Score:
    """Score ``candidate`` against ``reference``; ``source_text`` is the candidate's normalized source.

    Which reference tasks survive whole in the source is judged from the text: every fragment of
    the task occurs in it.  That is generous where a task's parenthesis is lost but the same
    parenthesis text closes another task that survives.  Where the truth is known (a generated
    corruption records which fragments it emitted) pass ``survivors``, the reference task numbers
    (in reading order) that really survive, and only those count.
    """
    ref = Reference(reference)
    src_keys = set(_keys(source_text))
    src_list = list(src_keys)

    def present(key: str) -> bool:
        return key in src_keys or (len(key) >= 8 and bool(difflib.get_close_matches(key, src_list, n=1, cutoff=0.9)))

    sc = Score(reference_tasks=len(ref.tasks))
    for rt in ref.tasks:
        if survivors is not None:
            if rt.ident in survivors:
                sc.whole.append(rt.ident)
        elif all(present(k) for k in rt.text_keys) and (rt.paren_key is None or present(rt.paren_key)):
            sc.whole.append(rt.ident)
    for measure, task in _candidate_tasks(candidate):
        keys = _keys(task.text)
        owners: set[int] = set()
        for k in keys:
            hits = ref.lookup(k)
            if hits:
                # a fragment repeated in several reference tasks: prefer one in this measure
                same = [h for h in hits if ref.tasks[h].measure == measure]
                owners.add((same or hits)[0])
        if not owners:
            continue
        desc = f"（{measure}） {task.text[:24]}…"
        if len(owners) > 1:
            sc.misfiled.append(f"{desc}: glued from reference tasks {sorted(owners)}")
            continue
        rt = ref.tasks[owners.pop()]
        if rt.measure != measure:
            sc.misfiled.append(f"{desc}: belongs to measure {rt.measure}")
            continue
        if task.agencies and _agencies(task) != rt.agencies:
            sc.misfiled.append(f"{desc}: agencies {_agencies(task)} but reference {rt.agencies}")
            continue
        if _agencies(task) == rt.agencies and rt.ident in sc.whole and len(keys) == len(rt.text_keys):
            # the same fragments, exactly or (wording variants between editions) by fuzzy match
            sc.exact.append(rt.ident)
    section_of = {m.number: sec.number for sec in reference.plan.sections for m in sec.measures}
    for sec in candidate.plan.sections:
        for measure_ in sec.measures:
            home = section_of.get(measure_.number, sec.number)
            if sec.number is not None and home != sec.number:
                sc.sections_wrong.append(f"（{measure_.number}） under section {sec.number}, reference {home}")
    for u in candidate.plan.unplaced:
        lo = u.first_measure if u.first_measure is not None else -1
        hi = u.last_measure if u.last_measure is not None else 10**6
        owners = {h for k in _keys(u.text) for h in ref.lookup(k)[:1]}
        for o in owners:
            m = ref.tasks[o].measure
            if not lo <= m <= hi:
                sc.unplaced_ranges_wrong.append(f"{u.text[:24]}… in measure {m}, range [{lo}, {hi}]")
        if u.kind == "parenthesis" and u.parenthesis:
            # a parenthesis alone: one of the reference tasks it closes must lie in its range
            key = squash(u.parenthesis)
            closes = sorted({t.measure for t in ref.tasks if t.paren_key == key})
            if closes and not any(lo <= m <= hi for m in closes):
                sc.unplaced_ranges_wrong.append(f"{u.parenthesis[:24]}… closes measure(s) {closes}, range [{lo}, {hi}]")
        if u.kind == "task":
            # the reference tasks that hold every fragment of its text (a sentence may recur in several)
            holding = [set(found) for found in map(ref.lookup, _keys(u.text)) if found]
            holders: set[int] = set.intersection(*holding) if holding else set()
            agencies = tuple(a.name for a in u.agencies)
            if holding and not holders:
                sc.unplaced_misattributed.append(f"{u.text[:24]}…: glued from reference tasks {sorted(owners)}")
            elif holders and all(ref.tasks[h].agencies != agencies for h in holders):
                theirs = ref.tasks[min(holders)].agencies
                sc.unplaced_misattributed.append(f"{u.text[:24]}…: agencies {agencies} but reference {theirs}")
    return sc
