"""plan_extract: Chinese government policy documents → validated, canonical JSON.

Public API::

    from plan_extract import extract
    record = extract("data/raw/tianjin_plan_official_text.txt")   # a pydantic PlanRecord
    record.plan.sections[1].measures[0].tasks[0].agencies
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, PlanExtractError
from .models import PlanRecord
from .pipeline import extract, extract_source

__all__ = ["InputError", "PlanExtractError", "PlanRecord", "__version__", "extract", "extract_source"]
