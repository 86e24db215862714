"""Same input, same bytes: two runs of the CLI agree, and the committed data/structured/*.json are what a
fresh run produces (the "make regenerates" check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = ["tianjin_plan_official_text", "tianjin_plan_web_scrape"]


def _extract(name: str, out: Path) -> bytes:
    """Run the CLI exactly as the Makefile's ``data`` target does (relative input path, from the repo root)."""
    proc = subprocess.run(
        [sys.executable, "-m", "plan_extract", "extract", f"data/raw/{name}.txt", "-o", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    """Two independent runs per seed."""
    out: dict[str, tuple[bytes, bytes]] = {}
    for name in SEEDS:
        first = _extract(name, tmp_path_factory.mktemp("run1") / f"{name}.json")
        second = _extract(name, tmp_path_factory.mktemp("run2") / f"{name}.json")
        out[name] = (first, second)
    return out


@pytest.mark.parametrize("name", SEEDS)
def test_two_runs_are_byte_identical(fresh: dict[str, tuple[bytes, bytes]], name: str) -> None:
    first, second = fresh[name]
    assert first, "empty output"
    assert first == second


@pytest.mark.parametrize("name", SEEDS)
def test_output_is_canonical_bytes(fresh: dict[str, tuple[bytes, bytes]], name: str) -> None:
    data = fresh[name][0]
    assert data.endswith(b"}\n")
    assert b"\r\n" not in data
    assert b"\\u" not in data, "UTF-8 without escapes"
    data.decode("utf-8")


@pytest.mark.parametrize("name", SEEDS)
def test_committed_output_equals_a_fresh_run(fresh: dict[str, tuple[bytes, bytes]], name: str) -> None:
    committed = REPO / "data" / "structured" / f"{name}.json"
    assert committed.is_file(), f"{committed.relative_to(REPO)} is missing: run `make` and commit it"
    assert committed.read_bytes() == fresh[name][0], (
        f"{committed.relative_to(REPO)} is stale (differs from a fresh extraction): run `make` and commit the result"
    )
