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
        warnings.append(
            DraftWarning(
                "no_structure", "no numbered section (一、) or measure (（一）) found; text kept in plan.preamble"
            )
        )
    final = Deduped(deduped.fragments, ordered.duplicate_of)
    return find_targets(build_record(source, norm, final, draft, warnings))


def extract(path: str | Path) -> PlanRecord:
    """Read, clean and structure one source file."""
    return extract_source(read_source(path))
