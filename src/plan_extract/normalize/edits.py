"""Offset-preserving text edits: every normalized character remembers where it came from.

A rule never rewrites a string blindly; it proposes :class:`Edit` s (replace ``text[start:end]`` by
``replacement``) and :func:`apply_edits` applies them while carrying the *origin* array along, so
that any character of the final text maps back to an offset in the source file (the provenance
that ends up in the JSON).  Each applied edit is also logged as a :class:`Change` in source
coordinates — that log is what ``plan-extract explain`` prints.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; ``warn`` marks a decision worth a warning."""

    start: int
    end: int
    replacement: str
    note: str | None = None
    warn: str | None = None


@dataclass(frozen=True)
class Change:
    """One applied edit, in *source* coordinates: what rule changed ``before`` into ``after`` where."""

    rule: str
    start: int
    end: int
    before: str
    after: str
    note: str | None = None
    warn: str | None = None


@dataclass(frozen=True)
class TrackedText:
    """A text plus, for each character (and one past the end), the source offset it came from."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def from_source(cls, text: str) -> TrackedText:
        return cls(text, tuple(range(len(text) + 1)))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets ``[s, e)`` covering ``text[start:end]``."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def apply_edits(tt: TrackedText, edits: list[Edit], rule: str) -> tuple[TrackedText, list[Change]]:
    """Apply non-overlapping ``edits`` (any order) and return the new text and the change log."""
    if not edits:
        return tt, []
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[str] = []
    origin: list[int] = []
    changes: list[Change] = []
    pos = 0
    text, orig = tt.text, tt.origin
    for e in edits:
        if e.start < pos:
            raise ValueError(f"rule {rule} proposed overlapping edits at {e.start}")
        out.append(text[pos : e.start])
        origin.extend(orig[pos : e.start])
        span = e.end - e.start
        for k, _ch in enumerate(e.replacement):
            origin.append(orig[e.start + min(k, span - 1)] if span else orig[e.start])
        out.append(e.replacement)
        src_start = orig[e.start]
        # the last replaced character's end, not the next one's start: an earlier rule may have dropped
        # text between them (號(hào): the reading is not part of a later change to 號)
        src_end = orig[e.end - 1] + 1 if e.end > e.start else src_start
        changes.append(Change(rule, src_start, src_end, text[e.start : e.end], e.replacement, e.note, e.warn))
        pos = e.end
    out.append(text[pos:])
    origin.extend(orig[pos:])
    return TrackedText("".join(out), tuple(origin)), changes


def diff_edits(before: str, after: str) -> list[Edit]:
    """Edits turning ``before`` into ``after``, for rules that are whole-string library calls.

    ftfy and OpenCC return a new string, not a list of edits; a character-level diff recovers
    the edits so their offsets are still tracked.
    """
    if before == after:
        return []
    sm = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            # character for character (領導 → 领导): one edit each, so that each maps back to its own
            # character even where an earlier rule dropped text between them (領(lǐng)導)
            edits.extend(Edit(i1 + k, i1 + k + 1, after[j1 + k]) for k in range(i2 - i1))
        elif tag != "equal":
            edits.append(Edit(i1, i2, after[j1:j2]))
    return edits
