"""The JSON Schema of the output, generated from the pydantic models (schemas/plan.schema.json)."""

from __future__ import annotations

import json

from .models import PlanRecord


def schema_text() -> str:
    schema = PlanRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "plan.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
