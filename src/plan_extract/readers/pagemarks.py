"""What a printed page carries besides its text: page numbers and running headers and footers.

Why a module of its own: these marks reach the pipeline two ways.  A PDF's text layer has them as
lines at the edges of each page, where :mod:`.pdf` also checks that they sit outside the text
block.  A text made from a PDF (``pdftotext``, a viewer's "save as text") has them as lines next to
the form feeds that end its pages, or, where the tool was told to leave the form feeds out
(``pdftotext -nopgbrk``), as lone lines "—3—" between the paragraphs.  Left in, they glue
themselves to the text around them: ``pdftotext`` of the Tianjin plan's official PDF gave the
agencies "市科—14—\\f技局" and "各区人民政府按—4—\\f职责", and filed the tasks of （四） and （八） under
（三） and （七） behind the headings "—3—（四）…" and "—6—（八）…" -- 16 of its 99 tasks misfiled.

Only the text of a line is read here: whether a line is the page's number (its value keeps step
with the page) or a header (the same words at the same edge of half the pages).  Where it sits is
the caller's to check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

DASHES = r"\-—–－―~～·•"
#: Page numbers as printed at the foot (or head) of a page: "— 3 —", "- 3 -", "3", "·3·".
PAGE_NUMBER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^[{DASHES}\s]*(\d{{1,4}})[{DASHES}\s]*$"),
    re.compile(r"^第\s*(\d{1,4})\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?$"),
    re.compile(r"^(?:page|p\.)\s*(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE),
    re.compile(r"^(\d{1,4})\s*[/／]\s*\d{1,4}$"),
)
#: A page number set between dashes (or the dots and tildes of :data:`DASHES`), as GB/T 9704 prints
#: it on official documents ("— 3 —").  Only this form is taken for a page number where nothing
#: marks the page's edge: a bare "3" on a line of its own can be text.
DASHED_PAGE_NUMBER = re.compile(rf"^[{DASHES}]\s*(\d{{1,4}})\s*[{DASHES}]$")
#: Share of the pages a header/footer text must appear on, at the same edge.
REPEAT_SHARE = 0.5
#: Longest line taken for a running header or footer.
MAX_HEADER_CHARS = 80


def page_number(text: str) -> int | None:
    """The value of a page number line ("— 3 —" → 3), or ``None`` when the line is not one."""
    compact = text.strip()
    for pattern in PAGE_NUMBER_PATTERNS:
        m = pattern.match(compact)
        if m:
            return int(m.group(1))
    return None


@dataclass(frozen=True)
class EdgeLine:
    """A line at the top or bottom edge of a page (1-based ``page``; ``edge`` is "top" or "bottom")."""

    page: int
    edge: str
    text: str


def _repeat_key(line: EdgeLine) -> tuple[str, str]:
    return line.edge, re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def classify_edge_lines(lines: Sequence[EdgeLine], n_pages: int) -> list[str | None]:
    """For each edge line, the kind of page mark its text makes it -- ``"page_number"``,
    ``"running_header"``, ``"running_footer"`` -- or ``None``.

    A page number counts when its value keeps step with the page: most page numbers of the document
    differ from their page by the same offset (``— 3 —`` on page 3, or on page 4 of a document whose
    numbering starts after a cover), and this one by that offset too.  A header or footer counts
    when the same text, digits ignored, sits at that edge on at least half the pages (two at least).
    """
    numbers = [page_number(line.text) for line in lines]
    offsets = Counter(num - line.page for line, num in zip(lines, numbers, strict=True) if num is not None)
    best_offset = offsets.most_common(1)[0][0] if offsets else 0
    repeats = Counter(_repeat_key(line) for line in lines)
    kinds: list[str | None] = []
    for line, num in zip(lines, numbers, strict=True):
        if num is not None and (num - line.page == best_offset or n_pages == 1):
            kinds.append("page_number")
        elif (
            n_pages >= 2
            and repeats[_repeat_key(line)] >= max(2, REPEAT_SHARE * n_pages)
            and len(line.text) <= MAX_HEADER_CHARS
        ):
            kinds.append("running_header" if line.edge == "top" else "running_footer")
        else:
            kinds.append(None)
    return kinds
