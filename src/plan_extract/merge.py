"""Reconcile several sources of one document into one canonical record, keeping every disagreement.

Why: no single source is complete.  The official PDF has the authoritative wording and structure but
no publication date; the web page alone carries 发布日期 but is damaged (radicals, replayed and lost
fragments).  The canonical record takes the structure and wording of the most trustworthy source —
the *reference* — and from the others only what the reference lacks, while every place where they
disagree is kept as a :class:`~plan_extract.models.Variant` on the task, never overwritten.

Which source is the reference (unless ``--reference`` says):

* a source whose record needed repair — duplicates dropped, fragments left unplaced, or warnings of
  kind ``unplaced`` / ``doubtful_placement`` / ``duplicate_dropped`` — ranks below every clean source,
  whatever its file type: a text file that needed order repair *is* a web scrape, whatever its
  extension says;
* among equals: PDF, then plain text, then HTML (a saved web page); then more tasks; then the name.

The ranking is a total order on the inputs' content, so the merged record does not depend on the
order the inputs were given in; each source's ``SourceInfo.ranking`` says why it ranks where it does.

What the canonical record holds:

* the reference's document, plan, targets and warnings; fields it lacks (``document.published_date``
  …) filled from the best-ranked source that has them, listed in that source's ``SourceInfo.filled``
  (and the reference's ``field_missing`` warning for the field dropped); a field two sources give
  differently keeps the reference's value and gets a ``metadata_conflict`` warning;
* ``Task.sources``: the sources that carry the task's text (all of it, or part — a partial copy
  also yields a ``text`` variant), reference first; unplaced fragments of a damaged source that match
  the task count as carrying it;
* ``Task.variants``: per other source, ``text`` (its wording: near-identical sentences, sentences it
  lacks or adds), ``agencies`` (a different responsibility parenthesis — also when that source kept
  the parenthesis but lost the text), ``placement`` (it files the task under another measure);
* material the reference lacks but another source has is kept, flagged: a task another source files
  under a measure the reference has goes into that measure (after the task it follows there) with
  ``Task.sources`` naming only that source and a ``doubtful_placement`` warning; anything else
  (a task of a measure the reference lacks, text that source could not place, a stray sentence or
  parenthesis) goes to ``plan.unplaced`` with an ``unplaced`` warning.  Nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .diff import Comparison, Loaded, Place, Unit, char_diff, compare, field_value
from .errors import InputError
from .models import Agency, PlanRecord, Provenance, SourceInfo, Task, Unplaced, Variant, Warning
from .segment import squash

KIND_ORDER = {"pdf": 0, "text": 1, "html": 2}
REPAIR_WARNINGS = ("unplaced", "doubtful_placement", "duplicate_dropped")
MIN_SHARED = 0.2  # a source whose title differs must share this share of the reference's tasks

#: document fields a secondary source may fill; the warning label the pipeline uses when one is missing
FILLABLE = {
    "document.title": None,
    "document.issuer": None,
    "document.issuer_mark": None,
    "document.doc_number": "发文字号",
    "document.signed_date": "成文日期",
    "document.published_date": "发布日期",
    "document.body": None,
    "document.index_number": "索引号",
    "plan.title": None,
    "plan.preamble": None,
    "plan.closing": None,
}


@dataclass(frozen=True)
class Ranked:
    """An input with what its rank is decided on."""

    loaded: Loaded
    kind: str
    repairs: tuple[str, ...]  # why its record needed repair (empty: clean)
    tasks: int
    chosen: bool = False  # named with --reference

    def key(self) -> tuple[int, int, int, int, str, str]:
        sha = self.loaded.record.sources[0].sha256 if self.loaded.record.sources else ""
        return (
            0 if self.chosen else 1,
            1 if self.repairs else 0,
            KIND_ORDER.get(self.kind, 3),
            -self.tasks,
            self.loaded.name,
            sha,
        )

    def describe(self) -> str:
        what = {"pdf": "PDF", "text": "plain text", "html": "web page"}.get(self.kind, self.kind)
        if self.chosen:
            return f"{what}; chosen as the reference with --reference"
        if self.repairs:
            return f"{what} whose record needed repair ({', '.join(self.repairs)}): ranked as a web scrape"
        return f"{what}, clean"


def assess(loaded: Loaded, chosen: bool = False) -> Ranked:
    rec = loaded.record
    repairs: list[str] = []
    if rec.plan.unplaced:
        repairs.append(f"{len(rec.plan.unplaced)} unplaced fragments")
    if rec.accounting is not None and rec.accounting.duplicates:
        repairs.append(f"{rec.accounting.duplicates} duplicates dropped")
    for kind in REPAIR_WARNINGS:
        n = sum(1 for w in rec.warnings if w.kind == kind)
        if n:
            repairs.append(f"{n} {kind} warnings")
    ref_source = next((s for s in rec.sources if s.role == "reference"), rec.sources[0] if rec.sources else None)
    kind = ref_source.kind if ref_source is not None else "json"
    return Ranked(loaded, kind, tuple(repairs), sum(1 for _ in rec.plan.placed_tasks()), chosen)


def rank(inputs: Sequence[Loaded], reference: Loaded | None = None) -> list[Ranked]:
    """Best first; ``reference`` (one of ``inputs``) goes first whatever its rank."""
    return sorted((assess(x, x is reference) for x in inputs), key=Ranked.key)


def _set(record: PlanRecord, path: str, value: object) -> None:
    head, _, last = path.rpartition(".")
    setattr(field_value(record, head), last, value)


def _agency_list(agencies: tuple[tuple[str, str], ...]) -> str:
    return "、".join(name for name, _ in agencies)


def _variants(text: str, parenthesis: str | None, c: Comparison, index: int) -> list[Variant]:
    """What source ``c.b`` says differently about the reference's unit ``index``."""
    t = c.tasks[index]
    out: list[Variant] = []
    if t.status != "missing" and t.text_differs:
        b_text = t.b_text()
        out.append(Variant(source=c.b.name, field="text", value=b_text, diff=char_diff(text, b_text)))
    if t.paren is not None and t.paren.status == "variant":
        b_paren = t.paren.b_paren or ""
        out.append(
            Variant(
                source=c.b.name,
                field="agencies",
                value=_agency_list(t.paren.b_agencies),
                parenthesis=b_paren,
                diff=char_diff(parenthesis or "", b_paren),
            )
        )
    if t.b_place is not None:
        out.append(Variant(source=c.b.name, field="placement", value=t.b_place.describe(c.b.labels)))
    return out


def _range(place: Place) -> tuple[int | None, int | None]:
    if place.placed:
        return place.measure, place.measure
    return (place.lo if place.lo > 0 else None), (place.hi if place.hi < 10**6 else None)


def _unplaced_from(unit: Unit, text: str, with_paren: bool) -> Unplaced:
    lo, hi = _range(unit.place)
    prov = (
        unit.task.provenance
        if unit.task is not None
        else (unit.unplaced.provenance if unit.unplaced is not None else Provenance(source="", start=0, end=0))
    )
    paren = unit.paren if with_paren else None
    agencies = [Agency(name=n, role=r) for n, r in unit.agencies] if with_paren else []  # type: ignore[arg-type]
    kind = "task" if text and paren else ("parenthesis" if paren else "text")
    return Unplaced(
        text=text,
        kind=kind,  # type: ignore[arg-type]
        agencies=agencies,
        parenthesis=paren,
        first_measure=lo,
        last_measure=hi,
        provenance=prov,
    )


class _Keeper:
    """Puts material only secondary sources have into the canonical record (see the module docstring)."""

    def __init__(self, record: PlanRecord) -> None:
        self.record = record
        self.added: dict[str, Task | Unplaced] = {}  # key of the material → where it went
        self.added_sources: dict[str, list[str]] = {}

    def _seen(self, key: str, name: str) -> bool:
        if key in self.added:
            if name not in self.added_sources[key]:
                self.added_sources[key].append(name)
                item = self.added[key]
                if isinstance(item, Task) and item.sources is not None:
                    item.sources.append(name)
            return True
        return False

    def task(self, c: Comparison, unit: Unit, canonical: list[Task]) -> None:
        name = c.b.name
        key = squash(unit.text + (unit.paren or ""))
        if self._seen(key, name):
            return
        target = None
        if unit.task is not None and unit.place.measure is not None:
            target = next(
                (
                    m
                    for s in self.record.plan.sections
                    for m in s.measures
                    if (s.number if unit.place.scope is not None else None, m.number) == unit.place.key
                ),
                None,
            )
        if target is None or unit.task is None:
            self.unplaced(c, unit, unit.text, True, key)
            return
        task = unit.task.model_copy(deep=True)
        task.sources = [name]
        task.variants = []
        # after the canonical task that B's preceding task (in the same measure) carries
        pos = len(target.tasks)
        for prev in range(unit.ident - 1, -1, -1):
            pu = c.b.units[prev]
            if not pu.place.same(unit.place):
                break
            owners = [t.unit.ident for t in c.tasks if prev in t.b_units and t.unit.place.same(unit.place)]
            if owners:
                anchor = canonical[max(owners)]
                pos = next((i + 1 for i, t in enumerate(target.tasks) if t is anchor), pos)
                break
        target.tasks.insert(pos, task)
        self.added[key] = task
        self.added_sources[key] = [name]
        self.record.warnings.append(
            Warning(
                kind="doubtful_placement",
                message=f"task only in {name}, not in the reference: kept where {name} files it, "
                f"in {unit.place.describe(c.b.labels)}: {unit.text[:30]}…",
                provenance=task.provenance,
            )
        )

    def unplaced(self, c: Comparison, unit: Unit, text: str, with_paren: bool, key: str | None = None) -> None:
        name = c.b.name
        key = key or squash(text + ((unit.paren or "") if with_paren else ""))
        if self._seen(key, name):
            return
        item = _unplaced_from(unit, text, with_paren)
        self.record.plan.unplaced.append(item)
        self.added[key] = item
        self.added_sources[key] = [name]
        shown = text[:30] or (unit.paren or "")[:30]
        self.record.warnings.append(
            Warning(
                kind="unplaced",
                message=f"only in {name}, not in the reference, and not placeable: {shown}…",
                provenance=item.provenance,
            )
        )


def _fill_document(canonical: PlanRecord, ranked: list[Ranked], filled: dict[str, list[str]]) -> None:
    ref = ranked[0]
    for path, label in FILLABLE.items():
        mine = field_value(canonical, path)
        whose = ref.loaded.name  # the source ``mine`` came from
        for other in ranked[1:]:
            theirs = field_value(other.loaded.record, path)
            if theirs is None:
                continue
            if mine is None:
                _set(canonical, path, theirs)
                mine, whose = theirs, other.loaded.name
                filled[other.loaded.name].append(path)
                if label is not None:
                    canonical.warnings = [
                        w for w in canonical.warnings if not (w.kind == "field_missing" and label in w.message)
                    ]
            elif isinstance(mine, str) and isinstance(theirs, str) and squash(mine) != squash(theirs):
                canonical.warnings.append(
                    Warning(
                        kind="metadata_conflict",
                        message=f"{path}: {whose} gives {mine!r}, {other.loaded.name} gives {theirs!r}; "
                        f"{'the reference' if whose == ref.loaded.name else whose}'s is kept",
                    )
                )
    doc = canonical.document
    for other in ranked[1:]:
        odoc = other.loaded.record.document
        if not doc.recipients and odoc.recipients:
            doc.recipients = list(odoc.recipients)
            filled[other.loaded.name].append("document.recipients")
        for k in sorted(odoc.metadata):
            if k not in doc.metadata:
                doc.metadata[k] = odoc.metadata[k]
                filled[other.loaded.name].append(f"document.metadata.{k}")
        if not canonical.targets and other.loaded.record.targets:
            canonical.targets = [t.model_copy(deep=True) for t in other.loaded.record.targets]
            filled[other.loaded.name].append("targets")


def _check_same_document(ref: Ranked, c: Comparison, other: Ranked) -> None:
    ra, rb = ref.loaded.record.document.title, other.loaded.record.document.title
    if ra is not None and rb is not None and squash(ra) == squash(rb):
        return
    tasks = c.a_tasks
    if not tasks:
        return
    shared = sum(1 for t in tasks if t.status != "missing")
    if shared < MIN_SHARED * len(tasks):
        raise InputError(
            other.loaded.path,
            f"does not look like the same document as {ref.loaded.path}: the title differs and it shares "
            f"{shared} of its {len(tasks)} tasks",
        )


def merge(inputs: Sequence[Loaded], reference: Loaded | None = None) -> PlanRecord:
    """One canonical record from several sources of one document (see the module docstring)."""
    if not inputs:
        raise ValueError("merge needs at least one input")
    names = [x.name for x in inputs]
    for name in names:
        if names.count(name) > 1:
            paths = ", ".join(x.path for x in inputs if x.name == name)
            raise InputError(paths, f"two inputs are both called {name}; tasks name their sources by file name")
    ranked = rank(inputs, reference)
    ref = ranked[0]
    comparisons = [compare(ref.loaded, other.loaded) for other in ranked[1:]]
    for other, c in zip(ranked[1:], comparisons, strict=True):
        _check_same_document(ref, c, other)

    canonical = ref.loaded.record.model_copy(deep=True)
    filled: dict[str, list[str]] = {r.loaded.name: [] for r in ranked}
    _fill_document(canonical, ranked, filled)

    tasks = [t for *_, t in canonical.plan.placed_tasks()]
    for i, task in enumerate(tasks):
        task.sources = [ref.loaded.name] + [
            c.b.name for c in comparisons if c.tasks[i].status in ("present", "partial")
        ]
        task.variants = [v for c in comparisons for v in _variants(task.text, task.parenthesis, c, i)]
    # a reference that is itself damaged (chosen with --reference) has unplaced fragments, which have
    # no variants: what another source says differently about them is kept as a warning on them
    for c in comparisons:
        for index, t in enumerate(c.tasks):
            frag = t.unit.unplaced
            if frag is None:
                continue
            for v in _variants(frag.text, frag.parenthesis, c, index):
                canonical.warnings.append(
                    Warning(
                        kind="unplaced",
                        message=f"{c.b.name} differs on this unplaced fragment ({v.field}): {v.value}"
                        + (f" (diff: {v.diff})" if v.diff else ""),
                        provenance=frag.provenance,
                    )
                )

    keeper = _Keeper(canonical)
    for c in comparisons:
        for unit in c.b_only_units:
            if unit.place.placed:
                keeper.task(c, unit, tasks)
            else:
                keeper.unplaced(c, unit, unit.text, True)
        for piece in c.b_only_pieces:
            keeper.unplaced(c, c.b.units[piece.unit], piece.text, False)
        for unit in c.b_only_parens:
            keeper.unplaced(c, unit, "", True)

    sources: list[SourceInfo] = []
    for r in ranked:
        for info in r.loaded.record.sources:
            sources.append(
                info.model_copy(
                    update={
                        "role": "reference" if r is ref else "secondary",
                        "ranking": r.describe(),
                        "filled": filled[r.loaded.name],
                    }
                )
            )
    canonical.sources = sources
    return PlanRecord.model_validate(canonical.model_dump())
