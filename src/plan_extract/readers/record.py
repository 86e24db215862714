"""Reading files back: the raw bytes of a source, and a plan record saved as JSON.

One place for the checks every command makes before it reads a path (missing, a folder,
unreadable) and for turning a JSON file into a validated :class:`~plan_extract.models.PlanRecord`,
so ``validate``, ``diff`` and ``export`` report the same problem the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from ..models import PlanRecord


def read_bytes(path: str | Path, name: str | None = None) -> bytes:
    """The file's bytes, or an :class:`InputError` (no such file, a folder, unreadable)."""
    p = Path(path)
    label = name or str(path)
    if not p.exists():
        raise InputError(label, "no such file")
    if p.is_dir():
        raise InputError(label, "is a directory, not a file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(label, f"cannot read: {exc.strerror or exc}") from None


def read_record(path: str | Path, name: str | None = None) -> PlanRecord:
    """A validated plan record from a JSON file, or an :class:`InputError` naming the first problem."""
    label = name or str(path)
    raw = read_bytes(path, label)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(label, f"not valid JSON: {exc}") from None
    try:
        return PlanRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(label, f"not a plan record: {where}: {first['msg']} ({exc.error_count()} errors)") from None
