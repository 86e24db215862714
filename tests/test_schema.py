"""The JSON Schema: committed file == generated, the design note's contract fields are where it says, and
every committed record validates (pydantic always; JSON Schema when ``jsonschema`` is installed)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from plan_extract.models import PlanRecord
from plan_extract.schema import schema_text

REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "schemas" / "plan.schema.json"
RECORDS = sorted((REPO / "data" / "structured").glob("*.json"))

#: The contract of ../shared/design/plan-structure.md, in its own notation (measures[] are plan.sections[].measures[] ...).
CONTRACT = [
    "document.title",
    "document.issuer",
    "document.signed_date",
    "document.published_date",
    "plan.title",
    "plan.sections",
    "plan.sections[].number",
    "plan.sections[].title",
    "plan.sections[].measures",
    "measures[].number",
    "measures[].title",
    "measures[].tasks",
    "tasks[].text",
    "tasks[].agencies",
    "agencies[].name",
    "agencies[].role",
]
ABSOLUTE = {
    "measures[]": "plan.sections[].measures[]",
    "tasks[]": "plan.sections[].measures[].tasks[]",
    "agencies[]": "plan.sections[].measures[].tasks[].agencies[]",
}


@pytest.fixture(scope="module")
def committed_schema() -> dict[str, Any]:
    assert SCHEMA_FILE.is_file(), "schemas/plan.schema.json is missing: run `make schema`"
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


def test_committed_schema_is_generated() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/plan.schema.json differs from plan_extract.schema.schema_text(): run `make schema` and commit it"
    )


def _deref(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow $ref and take the non-null branch of an anyOf (Optional)."""
    while True:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = schema["$defs"][name]
        elif "anyOf" in node:
            branches = [b for b in node["anyOf"] if b.get("type") != "null"]
            assert len(branches) == 1, node
            node = branches[0]
        else:
            return node


def _resolve(schema: dict[str, Any], path: str) -> dict[str, Any]:
    for short, full in ABSOLUTE.items():
        if path.startswith(short):
            path = full + path[len(short) :]
    node = schema
    for part in path.split("."):
        is_list = part.endswith("[]")
        name = part.removesuffix("[]")
        node = _deref(schema, node)
        assert name in node.get("properties", {}), (
            f"{path}: no property {name!r} (has {sorted(node.get('properties', {}))})"
        )
        node = node["properties"][name]
        if is_list:
            node = _deref(schema, node)
            assert node.get("type") == "array", f"{path}: {name} is not an array"
            node = node["items"]
    return _deref(schema, node)


@pytest.mark.parametrize("path", CONTRACT)
def test_contract_field_is_in_the_schema(committed_schema: dict[str, Any], path: str) -> None:
    _resolve(committed_schema, path)


def test_contract_field_types(committed_schema: dict[str, Any]) -> None:
    assert _resolve(committed_schema, "plan.sections[].number")["type"] == "integer"
    assert _resolve(committed_schema, "measures[].number")["type"] == "integer"
    assert _resolve(committed_schema, "plan.sections[].measures")["type"] == "array"
    assert _resolve(committed_schema, "tasks[].agencies")["type"] == "array"
    assert set(_resolve(committed_schema, "agencies[].role")["enum"]) == {"lead", "co"}
    for path in ("document.title", "plan.title", "tasks[].text", "agencies[].name"):
        assert _resolve(committed_schema, path)["type"] == "string", path


@pytest.mark.shared
def test_contract_list_matches_the_design_note(shared_dir: Path) -> None:
    """The hard-coded CONTRACT above is the list the design note gives (so a change there is noticed)."""
    note = (shared_dir / "design" / "plan-structure.md").read_text(encoding="utf-8")
    paragraph = note[note.index("A few fields are a contract") : note.index("Everything else is yours")]
    fields: set[str] = set()
    for item in re.findall(r"`([^`]+)`", paragraph):
        head, _, last = item.rpartition(".")
        for leaf in last.split("|"):
            fields.add(f"{head}.{leaf}" if head else leaf)
    assert fields == set(CONTRACT) - {"plan.sections"}, sorted(fields ^ (set(CONTRACT) - {"plan.sections"}))


def test_there_are_committed_records() -> None:
    names = {p.name for p in RECORDS}
    assert {"tianjin_plan_official_text.json", "tianjin_plan_web_scrape.json"} <= names, "run `make`"


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_committed_record_validates_with_pydantic(path: Path) -> None:
    record = PlanRecord.model_validate(json.loads(path.read_text(encoding="utf-8")))
    assert record.schema_version == "1.0"


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_committed_record_validates_with_json_schema(committed_schema: dict[str, Any], path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator_cls = jsonschema.validators.validator_for(committed_schema)
    validator_cls.check_schema(committed_schema)
    errors = sorted(validator_cls(committed_schema).iter_errors(json.loads(path.read_text(encoding="utf-8"))), key=str)
    assert errors == [], errors[0].message if errors else ""
