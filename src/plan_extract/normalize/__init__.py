"""Normalization: repair character-level defects while keeping a map back to the source.

Like ftfy's ``fix_and_explain``/``apply_plan``: :func:`normalize_and_explain` returns the
normalized text together with the *plan* (names of the rules that changed something) and the
full change log; :func:`apply_plan` replays a plan on another string.
"""

from __future__ import annotations

from dataclasses import dataclass

from .edits import Change, Edit, TrackedText, apply_edits
from .rules import RULES, RULES_BY_NAME

__all__ = ["Change", "Edit", "NormalizedText", "TrackedText", "apply_plan", "normalize", "normalize_and_explain"]


@dataclass(frozen=True)
class NormalizedText:
    """The normalized text, its origin map into the source text, and what was changed."""

    tracked: TrackedText
    changes: tuple[Change, ...]
    plan: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.tracked.text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.tracked.source_span(start, end)


def normalize_and_explain(text: str) -> NormalizedText:
    """Run every rule in order; return the result, the plan and the change log."""
    tt = TrackedText.from_source(text)
    changes: list[Change] = []
    plan: list[str] = []
    for rule in RULES:
        edits = rule(tt.text)
        if edits:
            tt, log = apply_edits(tt, edits, rule.__name__)
            changes.extend(log)
            plan.append(rule.__name__)
    return NormalizedText(tt, tuple(changes), tuple(plan))


def normalize(text: str) -> str:
    """Just the normalized text."""
    return normalize_and_explain(text).text


def apply_plan(text: str, plan: tuple[str, ...] | list[str]) -> str:
    """Replay the named rules, in the given order, on ``text``."""
    tt = TrackedText.from_source(text)
    for name in plan:
        rule = RULES_BY_NAME[name]
        tt, _ = apply_edits(tt, rule(tt.text), name)
    return tt.text
