"""What every reader returns: the decoded text of one source and where each piece came from.

A reader's only job is to turn bytes into a :class:`SourceText`: the text the rest of the
pipeline works on, plus the geometry and provenance needed to point back into the file
(pages for PDFs, paragraph boundaries for HTML, metadata fields a page carries outside its
body).  All offsets used later (``Provenance.start``/``end``) index into ``SourceText.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """A page of a paged source: ``text[start:end]`` came from page ``number`` (1-based)."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class LineBox:
    """A line of a PDF page: ``text[start:end]`` was drawn inside ``bbox`` (x0, top, x1, bottom)."""

    page: int
    start: int
    end: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class Noise:
    """Layout noise the reader removed (page number, running header): counted, never silent."""

    kind: str  # "page_number" | "running_header" | "running_footer" | "html_chrome" | "page_chrome"
    text: str
    page: int | None = None


@dataclass(frozen=True)
class SourceText:
    """One decoded source document.

    ``text`` uses ``\\n`` between lines and ``\\n\\n`` between paragraphs where the source
    shows paragraph boundaries; ``headings`` lists offsets of lines the reader knows are
    headings from layout (bold/large type), which the structure stage may use as a hint.
    """

    path: str
    name: str
    kind: str  # "text" | "pdf" | "html"
    text: str
    encoding: str | None = None
    pages: tuple[Page, ...] = ()
    lines: tuple[LineBox, ...] = ()
    noise: tuple[Noise, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    heading_offsets: frozenset[int] = frozenset()
    sha256: str = ""  # of the file's bytes, filled by plan_extract.readers.read_source

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset``, or ``None`` for unpaged sources."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        if self.pages and offset >= self.pages[-1].end:
            return self.pages[-1].number
        return None

    def bbox_of(self, start: int, end: int) -> tuple[float, float, float, float] | None:
        """Union of the line boxes on the first page that ``text[start:end]`` touches."""
        hit = [ln for ln in self.lines if ln.start < end and start < ln.end]
        if not hit:
            return None
        first_page = hit[0].page
        boxes = [ln.bbox for ln in hit if ln.page == first_page]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
