"""Order repair: put fragments of an interleaved scrape back in document order (placeholder: identity).

Replaced by the real two-stream merge in the order-repair issue; for an in-order text it returns
the kept fragments unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dedupe import Deduped
from .segment import Fragment
from .structure import DraftWarning, UnplacedRun


@dataclass(frozen=True)
class Ordered:
    fragments: list[Fragment]
    unplaced: list[UnplacedRun] = field(default_factory=list)
    warnings: list[DraftWarning] = field(default_factory=list)


def repair_order(deduped: Deduped) -> Ordered:
    return Ordered(deduped.kept)
