"""Shared fixtures: where the repository, its raw inputs and the two Tianjin seeds are.

Tests that read ``../shared/`` (the design notes and seed README next to the repository) carry the
``shared`` marker (``@pytest.mark.shared``) and use the ``shared_dir`` fixture; both skip cleanly
when that folder is absent, e.g. in a fresh clone on CI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
STRUCTURED = REPO / "data" / "structured"
SHARED = REPO.parent / "shared"
OFFICIAL = RAW / "tianjin_plan_official_text.txt"
SCRAPE = RAW / "tianjin_plan_web_scrape.txt"

SHARED_SKIP_REASON = f"{SHARED} is not available here (tests reading ../shared/ run only next to it)"


def shared_available() -> bool:
    return SHARED.is_dir()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every test marked ``shared`` when ../shared/ is absent."""
    if shared_available():
        return
    skip = pytest.mark.skip(reason=SHARED_SKIP_REASON)
    for item in items:
        if item.get_closest_marker("shared") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def structured_dir() -> Path:
    return STRUCTURED


@pytest.fixture(scope="session")
def official_path() -> Path:
    assert OFFICIAL.is_file(), f"seed missing: {OFFICIAL}"
    return OFFICIAL


@pytest.fixture(scope="session")
def scrape_path() -> Path:
    assert SCRAPE.is_file(), f"seed missing: {SCRAPE}"
    return SCRAPE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``REPO.parent / "shared"``; skips the test when it is absent."""
    if not shared_available():
        pytest.skip(SHARED_SKIP_REASON)
    return SHARED


def _source_text(path: Path) -> str:
    """The decoded text the reader works on (UTF-8 seeds, line endings unified)."""
    return path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="session")
def official_source(official_path: Path) -> str:
    return _source_text(official_path)


@pytest.fixture(scope="session")
def scrape_source(scrape_path: Path) -> str:
    return _source_text(scrape_path)


@pytest.fixture(scope="session")
def official_record(official_path: Path) -> Any:
    from plan_extract import extract

    return extract(official_path)


@pytest.fixture(scope="session")
def scrape_record(scrape_path: Path) -> Any:
    from plan_extract import extract

    return extract(scrape_path)


@pytest.fixture(scope="session")
def official_json(official_record: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(official_record.model_dump_json())
    return data


@pytest.fixture(scope="session")
def scrape_json(scrape_record: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(scrape_record.model_dump_json())
    return data
