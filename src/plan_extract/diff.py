"""Compare two records of one document task by task: what each source carries, and where they disagree.

Why: a document often reaches us through several sources (the official PDF, a text extracted from
it, a damaged web scrape, a mirror in traditional characters).  A reader wants to know precisely
where they differ — and the merge (:mod:`plan_extract.merge`) must keep every disagreement instead
of overwriting it.  Both need the same alignment, so it lives here once.

How two records are aligned (the ideas of :mod:`plan_extract.evaluate`, made symmetric):

* Each side is a list of *units*: its placed tasks (measure known) and its unplaced fragments
  (``plan.unplaced``, a measure *range*).  A unit's text is cut into *pieces* — the segmenter's
  sentences — and a piece's key is its normalized text without whitespace, so ``DB/T29`` and
  ``DB/T 29`` are one key and a traditional-character copy (converted by normalization) keys like
  the simplified original.
* A piece of A is *found* in B when B has a piece with the same key (B's unplaced fragments count:
  a damaged source that could not place a sentence still carries it).  Pieces left over on both
  sides are paired one to one when they are near-identical (difflib ratio ≥ 0.85, at least 8
  characters, in compatible measures): that is a *wording variant* (经营许可证 / 经营许可).
* Responsibility parentheses are aligned separately, because a damaged source may pair a text with
  the wrong parenthesis: a placed task of B speaks for its own parenthesis; otherwise A's parenthesis
  is found if B has the same one in a compatible place; B's leftover parentheses are paired with A's
  unmatched ones by similarity (≥ 0.8) — an *agency difference* (区人民政府 / 各区人民政府).
* A task of A is *present* in B when every piece of its text is found (a wording variant counts),
  *partial* when some are, *missing* when none.  Coverage counts the present ones.

The result renders as a report a person reads (:meth:`Comparison.render`) or as JSON
(:meth:`Comparison.to_json`) that holds only what differs between the *editions* — no offsets or
counts of unplaced fragments that change whenever extraction improves — so a reviewed copy of it can
be committed and checked in CI.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .models import Agency, PlanRecord, Task, Unplaced
from .numerals import to_chinese_number
from .readers.record import read_bytes, read_record
from .segment import segment, squash

FORMAT = "plan-extract-diff/1"
MIN_FUZZY = 8  # shorter pieces are never paired by similarity: too many near-equal short sentences
TEXT_CUTOFF = 0.85
PAREN_CUTOFF = 0.8
_OPEN = 10**6  # an open end of an unplaced fragment's measure range

DOCUMENT_FIELDS = (
    "document.title",
    "document.issuer",
    "document.issuer_mark",
    "document.doc_number",
    "document.recipients",
    "document.signed_date",
    "document.published_date",
    "document.body",
    "plan.title",
    "plan.preamble",
    "plan.closing",
)


def char_diff(a: str, b: str, context: int | None = None) -> str:
    """Character-level diff of ``a`` → ``b`` (whitespace ignored) in wdiff notation: ``[-deleted-]``
    and ``{+inserted+}``, e.g. ``经营许可[-证-]管理制度``.

    With ``context``, unchanged runs longer than twice that are cut to ``…`` so a report line shows
    the change, not the whole task.
    """
    a, b = squash(a), squash(b)
    out: list[str] = []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            run = a[i1:i2]
            if context is not None:
                first, last = n == 0, n == len(ops) - 1
                if first and len(run) > context:
                    run = "…" + run[-context:]
                elif last and len(run) > context:
                    run = run[:context] + "…"
                elif not first and not last and len(run) > 2 * context + 1:
                    run = run[:context] + "…" + run[-context:]
            out.append(run)
            continue
        if i2 > i1:
            out.append(f"[-{a[i1:i2]}-]")
        if j2 > j1:
            out.append(f"{{+{b[j1:j2]}+}}")
    return "".join(out)


def _ratio(a: str, b: str, cutoff: float) -> float:
    """Similarity of ``a`` and ``b``, or 0.0 where the cheap upper bounds already fall below ``cutoff``."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < cutoff or sm.quick_ratio() < cutoff:
        return 0.0
    return sm.ratio()


def measure_label(number: int) -> str:
    return f"（{to_chinese_number(number)}）"


# --------------------------------------------------------------------------------------------- input


@dataclass(frozen=True)
class Loaded:
    """A record and what to call it: the source file's name (``Task.sources`` lists these)."""

    record: PlanRecord
    name: str
    path: str


def load(path: str | Path) -> Loaded:
    """A source file (extracted through the pipeline) or a JSON record file (validated).

    Bad input raises :class:`InputError`, so the CLI reports it as one line and exits 2.
    """
    p = Path(path)
    head = read_bytes(p, str(path))[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if p.suffix.lower() == ".json" or head.startswith(b"{"):
        record = read_record(p, str(path))
        # a record of one source is named after that source; a merged record after its file
        name = record.sources[0].name if len(record.sources) == 1 else p.name
        return Loaded(record, name, str(path))
    from .pipeline import extract

    record = extract(p)
    return Loaded(record, p.name, str(path))


# ------------------------------------------------------------------------------------------ alignment


MeasureKey = tuple[int | None, int]  # (section number where measures are numbered anew per section, else None; number)


def restarts(record: PlanRecord) -> bool:
    """Whether the record numbers its measures anew in each section (二、（一）… 四、（一）…): then a
    measure is its section and its number; otherwise the number alone, so a source that misfiles a
    section boundary does not make every task of the measure look displaced."""
    seen: set[int] = set()
    for sec in record.plan.sections:
        numbers = {m.number for m in sec.measures}
        if numbers & seen:
            return True
        seen |= numbers
    return False


@dataclass(frozen=True)
class Place:
    """Where a side puts a unit: a measure (or a section, for tasks directly under one), or a range."""

    section: int | None
    measure: int | None
    lo: int
    hi: int
    placed: bool
    scope: int | None = None  # the section, where it is part of a measure's identity

    @property
    def key(self) -> MeasureKey | None:
        return (self.scope, self.measure) if self.measure is not None else None

    def same(self, other: Place) -> bool:
        if not (self.placed and other.placed):
            return False
        if self.measure is not None or other.measure is not None:
            return self.key == other.key
        return self.section == other.section

    def overlaps(self, other: Place) -> bool:
        if self.placed and other.placed:
            return self.same(other)
        return self.lo <= other.hi and other.lo <= self.hi

    def describe(self, labels: dict[MeasureKey, str]) -> str:
        def lab(n: int) -> str:
            return labels.get((self.scope, n)) or measure_label(n)

        if self.placed:
            if self.measure is not None:
                head = f"{to_chinese_number(self.scope)}、" if self.scope is not None else ""
                return head + lab(self.measure)
            return f"section {self.section}" if self.section is not None else "plan"
        if self.lo <= 0 and self.hi >= _OPEN:
            return "unplaced"
        if self.hi >= _OPEN:
            return f"unplaced, from {lab(self.lo)} on"
        if self.lo <= 0:
            return f"unplaced, up to {lab(self.hi)}"
        return f"unplaced, {lab(self.lo)}–{lab(self.hi)}"


@dataclass
class Piece:
    unit: int
    pos: int
    key: str
    text: str


@dataclass
class Unit:
    ident: int
    place: Place
    text: str
    pieces: list[Piece]
    headings: list[tuple[int, str, str | None]]  # measure headings inside an unplaced fragment
    paren: str | None
    agencies: tuple[tuple[str, str], ...]
    task: Task | None  # None for an unplaced fragment
    ordinal: int | None  # 1-based position of the task in its measure (or section)
    unplaced: Unplaced | None = None  # the fragment itself, for an unplaced unit

    @property
    def paren_key(self) -> str | None:
        return squash(self.paren) if self.paren else None


@dataclass
class Side:
    """One record cut into units, with the measures (key → label, title) it has headings for."""

    name: str
    kind: str
    record: PlanRecord
    units: list[Unit]
    measures: dict[MeasureKey, tuple[str, str | None]]
    sections: dict[int, str | None]

    @property
    def labels(self) -> dict[MeasureKey, str]:
        return {k: lab for k, (lab, _) in self.measures.items()}


def _agency_tuple(agencies: Iterable[Agency]) -> tuple[tuple[str, str], ...]:
    return tuple((a.name, a.role) for a in agencies)


def build_side(loaded: Loaded, by_section: bool = False) -> Side:
    """Cut a record into units; ``by_section``: measures are identified by section and number."""
    rec = loaded.record
    units: list[Unit] = []
    measures: dict[MeasureKey, tuple[str, str | None]] = {}
    sections: dict[int, str | None] = {}

    def add(
        place: Place,
        text: str,
        paren: str | None,
        agencies: tuple[tuple[str, str], ...],
        task: Task | None,
        ordinal: int | None,
        unplaced: Unplaced | None = None,
    ) -> None:
        unit = Unit(len(units), place, text, [], [], paren, agencies, task, ordinal, unplaced)
        for f in segment(text):
            if f.kind == "measure" and f.number is not None and not place.placed:
                unit.headings.append((f.number, f.label or measure_label(f.number), f.title))
                continue
            if f.kind == "section" and not place.placed:
                continue
            if f.key:
                unit.pieces.append(Piece(unit.ident, len(unit.pieces), f.key, f.text))
        units.append(unit)

    for sec in rec.plan.sections:
        if sec.number is not None:
            sections[sec.number] = sec.title
        for i, t in enumerate(sec.tasks, 1):
            add(Place(sec.number, None, 0, _OPEN, True), t.text, t.parenthesis, _agency_tuple(t.agencies), t, i)
        scope = sec.number if by_section else None
        for m in sec.measures:
            measures[(scope, m.number)] = (m.label, m.title)
            for i, t in enumerate(m.tasks, 1):
                add(
                    Place(sec.number, m.number, m.number, m.number, True, scope),
                    t.text,
                    t.parenthesis,
                    _agency_tuple(t.agencies),
                    t,
                    i,
                )
    for u in rec.plan.unplaced:
        lo = u.first_measure if u.first_measure is not None else 0
        hi = u.last_measure if u.last_measure is not None else _OPEN
        add(Place(None, None, lo, hi, False), u.text, u.parenthesis, _agency_tuple(u.agencies), None, None, u)
    if not by_section:  # a heading in an unplaced fragment cannot say which section it is in
        for unit in units:
            for number, label, title in unit.headings:
                measures.setdefault((None, number), (label, title))
    kind = rec.sources[0].kind if rec.sources else "json"
    return Side(loaded.name, kind, rec, units, measures, sections)


@dataclass
class Link:
    """A piece of A and the piece of B that carries it (``None``: missing in B)."""

    a: Piece
    b: Piece | None
    kind: Literal["same", "wording", "missing"]


@dataclass
class ParenMatch:
    status: Literal["same", "variant", "missing"]
    b_paren: str | None = None
    b_agencies: tuple[tuple[str, str], ...] = ()


@dataclass
class TaskMatch:
    """How B carries one unit of A."""

    unit: Unit
    links: list[Link]
    extra: list[Piece] = field(default_factory=list)  # sentences of B's copy of this task that A lacks
    paren: ParenMatch | None = None
    b_place: Place | None = None  # set when B files the task elsewhere than A

    @property
    def status(self) -> Literal["present", "partial", "missing", "empty"]:
        if not self.links:
            return "empty"
        found = sum(1 for lk in self.links if lk.b is not None)
        if found == len(self.links):
            return "present"
        return "partial" if found else "missing"

    @property
    def wording(self) -> bool:
        """A sentence B words differently (not: a sentence B lacks or adds)."""
        return any(lk.kind == "wording" for lk in self.links)

    @property
    def text_differs(self) -> bool:
        return self.wording or bool(self.extra) or self.status == "partial"

    @property
    def b_units(self) -> list[int]:
        return sorted({lk.b.unit for lk in self.links if lk.b is not None} | {p.unit for p in self.extra})

    def b_text(self) -> str:
        """B's text of this task: its pieces in A's order, B-only sentences where B has them."""
        keyed: list[tuple[float, float, str]] = []
        for lk in self.links:
            if lk.b is not None:
                keyed.append((lk.a.pos, 0.0, lk.b.text))
        for p in self.extra:
            before = [lk.a.pos for lk in self.links if lk.b is not None and lk.b.unit == p.unit and lk.b.pos < p.pos]
            keyed.append((max(before) if before else -1, 1.0 + p.pos, p.text))
        return "".join(t for *_, t in sorted(keyed))


@dataclass
class Comparison:
    a: Side
    b: Side
    tasks: list[TaskMatch]
    b_only_units: list[Unit]  # whole units of B with nothing of A
    b_only_pieces: list[Piece]  # sentences of B found nowhere in A (inside units that do match)
    b_only_parens: list[Unit]  # parentheses of B matching none of A
    document: list[dict[str, Any]]

    # ------------------------------------------------------------------------------ derived figures

    @property
    def a_tasks(self) -> list[TaskMatch]:
        return [t for t in self.tasks if t.status != "empty"]

    def coverage(self) -> dict[str, Any]:
        tasks = self.a_tasks
        present = sum(1 for t in tasks if t.status == "present")
        return {
            "tasks": len(tasks),
            "present": present,
            "partial": sum(1 for t in tasks if t.status == "partial"),
            "missing": sum(1 for t in tasks if t.status == "missing"),
            "percent": round(100 * present / len(tasks), 1) if tasks else 100.0,
        }

    def found_only_unplaced(self) -> int:
        """Present tasks of A that B carries only among its unplaced fragments (for the report)."""
        n = 0
        for t in self.a_tasks:
            if t.status == "present" and not any(self.b.units[u].place.placed for u in t.b_units):
                n += 1
        return n

    def measure_differences(self) -> tuple[list[MeasureKey], list[MeasureKey], list[dict[str, Any]]]:
        """Measure headings only one side has, and headings worded differently."""
        a_m, b_m = self.a.measures, self.b.measures
        only_a = sorted(set(a_m) - set(b_m), key=_key_order)
        only_b = sorted(set(b_m) - set(a_m), key=_key_order)
        titles = []
        for k in sorted(set(a_m) & set(b_m), key=_key_order):
            ta, tb = a_m[k][1], b_m[k][1]
            if squash(ta or "") != squash(tb or ""):
                titles.append({"key": k, "a": ta, "b": tb, "diff": char_diff(ta or "", tb or "")})
        return only_a, only_b, titles

    def section_differences(self) -> list[dict[str, Any]]:
        out = []
        for n in sorted(set(self.a.sections) | set(self.b.sections)):
            if n not in self.a.sections or n not in self.b.sections:
                out.append({"number": n, "a": self.a.sections.get(n), "b": self.b.sections.get(n), "diff": None})
                continue
            ta, tb = self.a.sections[n] or "", self.b.sections[n] or ""
            if squash(ta) != squash(tb):
                out.append({"number": n, "a": ta, "b": tb, "diff": char_diff(ta, tb)})
        return out

    @property
    def identical(self) -> bool:
        only_a, only_b, titles = self.measure_differences()
        if self.document or only_a or only_b or titles or self.section_differences():
            return False
        if self.b_only_units or self.b_only_pieces or self.b_only_parens:
            return False
        for t in self.tasks:
            if t.status not in ("present", "empty") or t.text_differs or t.b_place is not None:
                return False
            if t.paren is not None and t.paren.status != "same":
                return False
        return True

    # ----------------------------------------------------------------------------------- rendering

    def _task_ref(self, t: TaskMatch) -> dict[str, Any]:
        u = t.unit
        ref: dict[str, Any] = {"task": u.ordinal} if u.place.placed else {"place": u.place.describe(self.a.labels)}
        ref["text"] = u.text
        if u.paren:
            ref["parenthesis"] = u.paren
        return ref

    def _variants(self, t: TaskMatch) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        u = t.unit
        where: dict[str, Any] = {"task": u.ordinal} if u.place.placed else {"place": u.place.describe(self.a.labels)}
        if t.wording:
            bt = t.b_text()
            out.append({**where, "field": "text", "a": u.text, "b": bt, "diff": char_diff(u.text, bt)})
        if t.paren is not None and t.paren.status == "variant":
            bp = t.paren.b_paren or ""
            out.append(
                {
                    **where,
                    "field": "agencies",
                    "a": u.paren,
                    "b": bp,
                    "diff": char_diff(u.paren or "", bp),
                    "only_in_a": [n for n, _ in u.agencies if n not in {x for x, _ in t.paren.b_agencies}],
                    "only_in_b": [n for n, _ in t.paren.b_agencies if n not in {x for x, _ in u.agencies}],
                    "carried_text": t.status != "missing",
                }
            )
        if t.b_place is not None:
            out.append(
                {
                    **where,
                    "field": "placement",
                    "a": u.place.describe(self.a.labels),
                    "b": t.b_place.describe(self.b.labels),
                }
            )
        return out

    def _group_key(self, place: Place) -> tuple[int, int, int]:
        if place.placed and place.measure is not None:
            return (0, place.scope if place.scope is not None else -1, place.measure)
        if place.placed:
            return (1, place.section if place.section is not None else -1, 0)
        return (2, 0, 0)

    def to_json(self) -> dict[str, Any]:
        """The machine form: only differences between the editions (stable under extraction changes)."""
        only_a, only_b, titles = self.measure_differences()
        groups: dict[tuple[int, int, int], dict[str, Any]] = {}

        def group(place: Place) -> dict[str, Any]:
            gk = self._group_key(place)
            if gk not in groups:
                g: dict[str, Any] = {}
                key = place.key
                if key is not None:
                    label, title = self.a.measures.get(key) or self.b.measures.get(key) or (measure_label(key[1]), None)
                    g = {"section": key[0]} if key[0] is not None else {}
                    g.update({"measure": key[1], "label": label, "title": title})
                    if key in only_a:
                        g["heading"] = "only in A"
                    elif key in only_b:
                        g["heading"] = "only in B"
                elif place.placed:
                    g = {"tasks_of_section": place.section}
                else:
                    g = {"unplaced": True}
                groups[gk] = g
            return groups[gk]

        for t in self.a_tasks:
            if t.status == "missing":
                group(t.unit.place).setdefault("only_in_a", []).append(self._task_ref(t))
            elif t.status == "partial":
                ref = self._task_ref(t)
                ref["missing"] = [lk.a.text for lk in t.links if lk.b is None]
                group(t.unit.place).setdefault("partly_in_b", []).append(ref)
            if t.extra:
                ref = self._task_ref(t)
                ref["extra"] = [p.text for p in t.extra]
                group(t.unit.place).setdefault("longer_in_b", []).append(ref)
        for t in self.tasks:
            for v in self._variants(t):
                group(t.unit.place).setdefault("variants", []).append(v)
            if (
                t.status in ("present", "partial", "empty")  # empty: a parenthesis whose text A lacks too
                and t.unit.paren
                and t.paren is not None
                and t.paren.status == "missing"
            ):
                ref = self._task_ref(t)
                group(t.unit.place).setdefault("parenthesis_missing_in_b", []).append(ref)
        for u in self.b_only_units:
            entry: dict[str, Any] = {"place": u.place.describe(self.b.labels), "text": u.text}
            if u.paren:
                entry["parenthesis"] = u.paren
            group(u.place).setdefault("only_in_b", []).append(entry)
        for p in self.b_only_pieces:
            u = self.b.units[p.unit]
            group(u.place).setdefault("only_in_b", []).append(
                {"place": u.place.describe(self.b.labels), "text": p.text}
            )
        for u in self.b_only_parens:
            group(u.place).setdefault("only_in_b", []).append(
                {"place": u.place.describe(self.b.labels), "parenthesis": u.paren}
            )
        for key in only_a + only_b:
            group(at(key))
        for tt in titles:
            group(at(tt["key"]))["title_variant"] = {k: tt[k] for k in ("a", "b", "diff")}
        variants = [v for g in groups.values() for v in g.get("variants", [])]
        return {
            "format": FORMAT,
            "a": {"name": self.a.name, "kind": self.a.kind},
            "b": {"name": self.b.name, "kind": self.b.kind},
            "identical": self.identical,
            "coverage": self.coverage(),
            "summary": {
                "measure_headings_only_in_a": [_key_json(k) for k in only_a],
                "measure_headings_only_in_b": [_key_json(k) for k in only_b],
                "tasks_only_in_a": sum(len(g.get("only_in_a", [])) for g in groups.values()),
                "tasks_partly_in_b": sum(len(g.get("partly_in_b", [])) for g in groups.values()),
                "tasks_longer_in_b": sum(len(g.get("longer_in_b", [])) for g in groups.values()),
                "parentheses_missing_in_b": sum(len(g.get("parenthesis_missing_in_b", [])) for g in groups.values()),
                "only_in_b": sum(len(g.get("only_in_b", [])) for g in groups.values()),
                "wording_variants": sum(1 for v in variants if v["field"] == "text"),
                "agency_differences": sum(1 for v in variants if v["field"] == "agencies"),
                "placement_differences": sum(1 for v in variants if v["field"] == "placement"),
                "document_differences": len(self.document),
            },
            "document": self.document,
            "sections": self.section_differences(),
            "measures": [groups[k] for k in sorted(groups)],
        }

    def render(self) -> str:
        """The report a person reads: a header, the coverage figure, then measure by measure."""
        data = self.to_json()
        cov, summ = data["coverage"], data["summary"]
        lines = [
            f"--- A {self.a.name} ({self.a.kind})",
            f"+++ B {self.b.name} ({self.b.kind})",
            "    (texts compared after normalization, whitespace ignored; [-x-] only in A, {+x+} only in B)",
            "",
        ]
        if data["identical"]:
            lines.append(
                f"identical: B carries all {cov['tasks']} tasks of A, with the same wording, agencies and placement"
            )
            return "\n".join(lines) + "\n"
        unplaced = self.found_only_unplaced()
        lines.append(
            f"coverage: B carries {cov['present']} of {cov['tasks']} tasks of A ({cov['percent']:g}%)"
            + (f", {cov['partial']} more in part" if cov["partial"] else "")
            + f"; {cov['missing']} missing"
        )
        lines.append(
            "    a task counts as carried when every sentence of its text is in B (a wording variant counts),"
            " filed under a measure or among B's unplaced fragments"
            + (f" ({unplaced} of the {cov['present']} are found only there)" if unplaced else "")
        )
        counts = [
            (len(summ["measure_headings_only_in_a"]), "measure heading{} only in A"),
            (len(summ["measure_headings_only_in_b"]), "measure heading{} only in B"),
            (summ["tasks_only_in_a"], "task{} only in A"),
            (summ["tasks_partly_in_b"], "task{} partly in B"),
            (summ["tasks_longer_in_b"], "task{} with sentences only B has"),
            (summ["parentheses_missing_in_b"], "parenthes{} B lacks for tasks it carries"),
            (summ["only_in_b"], "piece{} only in B"),
            (summ["wording_variants"], "wording variant{}"),
            (summ["agency_differences"], "agency difference{}"),
            (summ["placement_differences"], "placement difference{}"),
            (summ["document_differences"], "document field difference{}"),
        ]

        def plural(n: int, what: str) -> str:
            if what.startswith("parenthes"):
                return what.format("is" if n == 1 else "es")
            return what.format("" if n == 1 else "s")

        lines.append("differences: " + ", ".join(f"{n} {plural(n, what)}" for n, what in counts if n))
        only_a, only_b, _ = self.measure_differences()
        if only_a:
            lines.append("measure headings B lacks: " + "".join(at(k).describe(self.a.labels) for k in only_a))
        if only_b:
            lines.append("measure headings A lacks: " + "".join(at(k).describe(self.b.labels) for k in only_b))
        if data["document"] or data["sections"]:
            lines += ["", "document"]
        for d in data["document"]:
            lines.append(f"  {d['field']}: A {_clip(_show(d['a']), 60)} | B {_clip(_show(d['b']), 60)}")
        for sd in data["sections"]:
            lines.append(
                f"  section {sd['number']} heading: " + (sd["diff"] or f"A {_show(sd['a'])} | B {_show(sd['b'])}")
            )
        for g in data["measures"]:
            lines.append("")
            if "measure" in g:
                head = f"{to_chinese_number(g['section'])}、" if "section" in g else ""
                head += f"{g['label']}{g['title'] or ''}"
                if g.get("heading") == "only in A":
                    head += "  [no heading in B]"
                elif g.get("heading") == "only in B":
                    head += "  [no heading in A]"
            elif "tasks_of_section" in g:
                head = f"section {g['tasks_of_section']} (tasks outside measures)"
            else:
                head = "unplaced fragments"
            lines.append(head)
            if "title_variant" in g:
                lines.append(f"  ~ title: {g['title_variant']['diff']}")
            for v in g.get("variants", []):
                who = f"task {v['task']}" if "task" in v else v["place"]
                if v["field"] == "text":
                    lines.append(f"  ~ {who} wording: {char_diff(v['a'], v['b'], context=20)}")
                elif v["field"] == "agencies":
                    extra = "" if v["carried_text"] else " (B has only the parenthesis, not the text)"
                    lines.append(f"  ~ {who} agencies: {char_diff(v['a'] or '', v['b'], context=20)}{extra}")
                else:
                    lines.append(f"  ~ {who} placement: A {v['a']} | B {v['b']}")
            for t in g.get("only_in_a", []):
                who = f"task {t['task']}" if "task" in t else t["place"]
                lines.append(f"  - {who} only in A: {_clip(t['text'], 40)}{_clip(t.get('parenthesis') or '', 30)}")
            for t in g.get("partly_in_b", []):
                who = f"task {t['task']}" if "task" in t else t["place"]
                lines.append(
                    f"  ± {who} partly in B: {_clip(t['text'], 30)}; B lacks: "
                    + " / ".join(_clip(x, 30) for x in t["missing"])
                )
            for t in g.get("longer_in_b", []):
                who = f"task {t['task']}" if "task" in t else t["place"]
                lines.append(
                    f"  ± {who} longer in B: {_clip(t['text'], 30)}; B adds: "
                    + " / ".join(_clip(x, 30) for x in t["extra"])
                )
            for t in g.get("parenthesis_missing_in_b", []):
                who = f"task {t['task']}" if "task" in t else t["place"]
                carried = "B carries the text but not its parenthesis" if t["text"] else "B lacks the parenthesis"
                lines.append(f"  ? {who}: {carried} {_clip(t.get('parenthesis') or '', 40)}")
            for t in g.get("only_in_b", []):
                lines.append(
                    f"  + only in B ({t['place']}): {_clip(t.get('text') or '', 40)}{_clip(t.get('parenthesis') or '', 30)}"
                )
        return "\n".join(lines) + "\n"


def at(key: MeasureKey) -> Place:
    """The place of a measure itself."""
    return Place(key[0], key[1], key[1], key[1], True, key[0])


def _key_order(key: MeasureKey) -> tuple[int, int]:
    return (key[0] if key[0] is not None else -1, key[1])


def _key_json(key: MeasureKey) -> int | list[int]:
    """A measure in the JSON: its number, or [section, number] where numbering restarts per section."""
    return key[1] if key[0] is None else [key[0], key[1]]


def _show(value: Any) -> str:
    return "—" if value is None else str(value)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def field_value(record: PlanRecord, path: str) -> Any:
    """The value at a dotted path of a record (``document.signed_date``)."""
    obj: Any = record
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def compare_documents(a: PlanRecord, b: PlanRecord) -> list[dict[str, Any]]:
    """Fields of the notice and the plan's frame that differ (a field one side lacks counts)."""
    out: list[dict[str, Any]] = []
    for path in DOCUMENT_FIELDS:
        va, vb = field_value(a, path), field_value(b, path)
        if isinstance(va, list):
            va = "、".join(va) or None
            vb = "、".join(vb) or None
        if va is None and vb is None:
            continue
        if va is not None and vb is not None and squash(va) == squash(vb):
            continue
        entry: dict[str, Any] = {"field": path, "a": va, "b": vb}
        if va is not None and vb is not None and path not in ("document.signed_date", "document.published_date"):
            entry["diff"] = char_diff(va, vb)
        out.append(entry)
    return out


def _link_pieces(a: Side, b: Side) -> tuple[dict[tuple[int, int], Link], set[tuple[int, int]]]:
    """Link every piece of A to a piece of B: same key first (B placed in A's measure preferred, then a
    compatible place), then near-identical leftovers one to one.  Returns the links and the B pieces
    that are explained (their key occurs in A, or they were paired)."""
    b_index: dict[str, list[Piece]] = {}
    for u in b.units:
        for p in u.pieces:
            b_index.setdefault(p.key, []).append(p)
    a_keys = {p.key for u in a.units for p in u.pieces}
    links: dict[tuple[int, int], Link] = {}
    left_a: list[Piece] = []
    for u in a.units:
        for p in u.pieces:
            cands = b_index.get(p.key)
            if not cands:
                left_a.append(p)
                continue

            def pref(bp: Piece, place: Place = u.place) -> tuple[int, int, int]:
                bplace = b.units[bp.unit].place
                rank = 0 if place.same(bplace) else (1 if place.overlaps(bplace) else 2)
                return (rank, bp.unit, bp.pos)

            links[(p.unit, p.pos)] = Link(p, min(cands, key=pref), "same")
    explained = {(p.unit, p.pos) for u in b.units for p in u.pieces if p.key in a_keys}
    left_b = [p for u in b.units for p in u.pieces if (p.unit, p.pos) not in explained]
    pairs: list[tuple[int, float, int, Piece, Piece]] = []
    for n, pa in enumerate(left_a):
        if len(pa.key) < MIN_FUZZY:
            continue
        for pb in left_b:
            if len(pb.key) < MIN_FUZZY:
                continue
            r = _ratio(pa.key, pb.key, TEXT_CUTOFF)
            if r >= TEXT_CUTOFF:
                compatible = a.units[pa.unit].place.overlaps(b.units[pb.unit].place)
                pairs.append((0 if compatible else 1, -r, n, pa, pb))
    used_a: set[tuple[int, int]] = set()
    for _, _, _, pa, pb in sorted(pairs, key=lambda x: (x[0], x[1], x[2], x[4].unit, x[4].pos)):
        if (pa.unit, pa.pos) in used_a or (pb.unit, pb.pos) in explained:
            continue
        used_a.add((pa.unit, pa.pos))
        explained.add((pb.unit, pb.pos))
        links[(pa.unit, pa.pos)] = Link(pa, pb, "wording")
    for pa in left_a:
        links.setdefault((pa.unit, pa.pos), Link(pa, None, "missing"))
    return links, explained


def _match_parens(a: Side, b: Side, matches: list[TaskMatch], links: dict[tuple[int, int], Link]) -> list[Unit]:
    """Give each task of A with a parenthesis B's parenthesis for it; return B's parentheses left over."""
    # 1. a placed task of B speaks for its own parenthesis: it closes the placed task of A its last
    #    sentence is in (an unplaced fragment's text and parenthesis were only paired by adjacency)
    own: dict[int, Unit] = {}
    for u in b.units:
        if not (u.place.placed and u.paren):
            continue
        carried = [lk for lk in links.values() if lk.b is not None and lk.b.unit == u.ident]
        if not carried:
            continue
        last = max(carried, key=lambda lk: lk.b.pos if lk.b is not None else -1)
        if a.units[last.a.unit].place.placed:
            own.setdefault(last.a.unit, u)
    b_paren_keys: dict[str, list[Unit]] = {}
    for u in b.units:
        if u.paren_key:
            b_paren_keys.setdefault(u.paren_key, []).append(u)
    a_paren_keys = {u.paren_key for u in a.units if u.paren_key}
    used_b: set[int] = set()
    pending: list[TaskMatch] = []
    for t in matches:
        ua = t.unit
        if not ua.paren_key:
            continue
        ub = own.get(ua.ident)
        if ub is not None and ub.paren_key is not None:
            used_b.add(ub.ident)
            if ub.paren_key == ua.paren_key:
                t.paren = ParenMatch("same", ub.paren, ub.agencies)
            else:
                t.paren = ParenMatch("variant", ub.paren, ub.agencies)
            continue
        # 2. the same parenthesis anywhere B puts things compatible with A's place
        same = [u for u in b_paren_keys.get(ua.paren_key, []) if ua.place.overlaps(u.place)]
        if same:
            t.paren = ParenMatch("same", same[0].paren, same[0].agencies)
            used_b.update(u.ident for u in same)
            continue
        pending.append(t)
    # 3. B's parentheses that match none of A's, paired with A's unmatched ones by similarity
    left_b = [u for u in b.units if u.paren_key and u.paren_key not in a_paren_keys and u.ident not in used_b]
    pairs: list[tuple[int, int, float, int, Unit]] = []
    for n, t in enumerate(pending):
        ua = t.unit
        assert ua.paren_key is not None
        for ub in left_b:
            assert ub.paren_key is not None
            r = _ratio(ua.paren_key, ub.paren_key, PAREN_CUTOFF)
            if r < PAREN_CUTOFF:
                continue
            compatible = ua.place.overlaps(ub.place)
            carries = ub.ident in t.b_units
            pairs.append((0 if compatible else 1, 0 if carries else 1, -r, n, ub))
    done_a: set[int] = set()
    done_b: set[int] = set()
    for _, _, _, n, ub in sorted(pairs, key=lambda x: (x[0], x[1], x[2], x[3], x[4].ident)):
        if n in done_a or ub.ident in done_b:
            continue
        done_a.add(n)
        done_b.add(ub.ident)
        pending[n].paren = ParenMatch("variant", ub.paren, ub.agencies)
    for n, t in enumerate(pending):
        if n not in done_a:
            t.paren = ParenMatch("missing")
    return [u for u in left_b if u.ident not in done_b]


def compare(a_loaded: Loaded, b_loaded: Loaded) -> Comparison:
    """Align B to A (see the module docstring) and collect every difference."""
    by_section = restarts(a_loaded.record) or restarts(b_loaded.record)
    a, b = build_side(a_loaded, by_section), build_side(b_loaded, by_section)
    links, explained = _link_pieces(a, b)
    matches = [TaskMatch(u, [links[(p.unit, p.pos)] for p in u.pieces]) for u in a.units]
    # where a placed task of B carries one placed task of A only, its sentences found nowhere in A are
    # that task's extra sentences in B (an unplaced fragment's neighbours prove nothing)
    b_only_pieces: list[Piece] = []
    b_only_units: list[Unit] = []
    owners_of: dict[int, set[int]] = {}
    for lk in links.values():
        if lk.b is not None:
            owners_of.setdefault(lk.b.unit, set()).add(lk.a.unit)
    for u in b.units:
        loose = [p for p in u.pieces if (p.unit, p.pos) not in explained]
        if not loose:
            continue
        owners = owners_of.get(u.ident, set())
        if not owners and len(loose) == len(u.pieces):
            b_only_units.append(u)
        elif u.place.placed and len(owners) == 1 and a.units[next(iter(owners))].place.placed:
            matches[next(iter(owners))].extra.extend(loose)
        else:
            b_only_pieces.extend(loose)
    # placement: where B files the task, when nowhere compatible with A's place
    for t in matches:
        places = [b.units[i].place for i in t.b_units]
        if not places or any(t.unit.place.overlaps(p) for p in places):
            continue
        placed = [p for p in places if p.placed]
        t.b_place = placed[0] if placed else places[0]
    left_parens = _match_parens(a, b, matches, links)
    b_only_ids = {u.ident for u in b_only_units}
    b_only_parens = [u for u in left_parens if u.ident not in b_only_ids]
    return Comparison(a, b, matches, b_only_units, b_only_pieces, b_only_parens, compare_documents(a.record, b.record))
