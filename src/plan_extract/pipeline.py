"""The pipeline, composed in one visible place.

    read_source → normalize → segment → find_duplicates → repair_order → build_plan → build_record
    → find_targets

Each stage is a plain function from one typed value to the next; no stage reaches back into
another.  :func:`extract` runs them all on one file; :func:`extract_source` on a
:class:`~plan_extract.readers.SourceText` already in memory.
"""

from __future__ import annotations

from pathlib import Path

from .build import build_record
from .dedupe import Deduped, find_duplicates
from .models import PlanRecord
from .normalize import normalize_and_explain
from .order import repair_order
from .readers import SourceText, read_source
from .segment import segment
from .structure import DraftWarning, build_plan
from .targets import find_targets


def extract_source(source: SourceText) -> PlanRecord:
    norm = normalize_and_explain(source.text)
    fragments = segment(norm.text)
    deduped = find_duplicates(fragments)
    ordered = repair_order(deduped)
    draft = build_plan(ordered.fragments, ordered.unplaced, ordered.gap_before)
    warnings = list(ordered.warnings)
    if not any(s.measures or s.tasks for s in draft.sections) and not draft.notice_points:
        # say what was found: numbered sections with nothing under them are not "no section" (内蒙古 2013's
        # 工作规则, cut after its sections' headings, was told "no numbered section (一、) found")
        numbered = sum(1 for s in draft.sections if s.number is not None)
        # where the text went: the plan's preamble, or, where no plan text follows the notice (农业农村部
        # 2021 hands on a plan it does not print), the notice's body
        front = draft.front
        unprinted = (
            front.body is not None and front.preamble is None and front.plan_title is None and not draft.sections
        )
        kept = "document.body (no plan text follows)" if unprinted else "plan.preamble"
        found = (
            f"{numbered} numbered section(s) found, with no measure or task under any; the rest of the text kept in {kept}"
            if numbered
            else f"no numbered section (一、) or measure (（一）) found; text kept in {kept}"
        )
        warnings.append(DraftWarning("no_structure", found))
    final = Deduped(deduped.fragments, ordered.duplicate_of)
    return find_targets(build_record(source, norm, final, draft, warnings))


def extract(path: str | Path) -> PlanRecord:
    """Read, clean and structure one source file."""
    return extract_source(read_source(path))
