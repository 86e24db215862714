"""Walking a record's JSON in tests (test helper, not shipped code)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def json_strings(value: Any, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every string of a JSON value, in order, leaving out the top-level keys in ``skip``."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in skip:
                yield from json_strings(v)
