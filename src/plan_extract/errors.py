"""Errors a user can cause, reported as one line naming the file and the problem.

Every exception raised for bad input derives from :class:`InputError`; the CLI prints
``plan-extract: error: <path>: <problem>`` and exits non-zero, never with a traceback.
"""

from __future__ import annotations


class PlanExtractError(Exception):
    """Base class of everything plan_extract raises on purpose."""


class InputError(PlanExtractError):
    """The input cannot be processed: missing, empty, binary, undecodable, unusable PDF, ..."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NoStructureError(InputError):
    """The text is readable but carries no plan structure at all (no numbered section or measure)."""
