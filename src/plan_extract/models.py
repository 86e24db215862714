"""The canonical plan structure as pydantic v2 models — the single source of ``schemas/plan.schema.json``.

Contract fields (read by other tools; names and places fixed by ../shared/design/plan-structure.md):
``document.title|issuer|signed_date|published_date``, ``plan.title``, ``plan.sections[].number|title|measures``,
``measures[].number|title|tasks``, ``tasks[].text|agencies``, ``agencies[].name|role``.

How other document shapes fit (chosen once, kept stable):

* Deeper numbering (1. / （1））: each numbered item is a :class:`Task` of its measure (one per
  responsibility parenthesis inside it); ``Task.item`` keeps the item's number, printed label and
  heading, ``Task.subitem`` the same for a fourth level (（1）), so every task of an item carries the
  same ``item``.  An item's heading is its first sentence when that is a short heading followed by more
  text (``1.拓展两个市场。积极稳妥地……（税务总局…负责）`` → ``item.title`` 拓展两个市场, ``text``
  积极稳妥地……), or a line of its own above its text or subitems; otherwise ``item.title`` is null.
  A task's ``text`` never repeats the label or the heading (as with measures).  Item numbers are as
  printed, so items numbered 1.–21. across measures keep their numbers.
* Measures numbered anew in each section (二、 （一）…（四）, 四、 （一）…（五）): numbers as printed;
  a measure is identified by its section and its number.
* A heading whose one sentence is all a parenthesis closes (``（五）加快推进……。（A负责）``): the
  heading keeps its title and its task's ``text`` is that sentence.
* A measure whose heading names agencies above its items (``（一）加快建设……（牵头单位：A）`` ⏎ ``1.…``):
  the parenthesis is the measure's (``Measure.agencies``, ``parenthesis``, …), no task repeats the
  heading, and each task under it that names nobody itself carries the measure's agencies with
  ``agencies_from`` ``measure``; a task with its own parenthesis keeps its own.
* No measure level (sections whose items are themselves tasks): the tasks sit in ``Section.tasks``
  and ``Section.measures`` is empty.  Text of a section before its first measure also goes there.
* No section level (measures directly under the plan, or only 1. items): one section with ``number``
  null holds them.
* A regulation numbered in chapters and articles (办法, 条例: 第一章 总则 / 第一节 … / 第一条 …), where no
  paragraph opens with a 一、 section: each 章 is a section (``label`` 第一章, ``title`` 总则), each 节 a
  measure, each 条 an item whose text is one task (``item.label`` 第三条, ``item.title`` null: an
  article has no heading), and an article's clauses （一）（二）, a paragraph each, are its subitems (inside
  a paragraph they are its text).  Articles keep their printed numbers, which run on across chapters.
  Chapters without articles (第一章 总体要求 ⏎ （一）指导思想) are sections over measures.
* Parts numbered in decimals (an emergency plan, 应急预案: 1 总则 ⏎ 1.1 编制目的 ⏎ 1.1.1 …), where no
  paragraph opens with a 一、 section or a 第一章: each top-level part is a section (``label`` 1 or 1.,
  ``title`` 总则), each N.M part a measure numbered anew in each section (``label`` 1.1, ``number`` 1),
  N.M.K an item and N.M.K.L a subitem, labels as printed.
* A task table in an annex (附件：重点任务分工表, a header naming task and unit columns, then rows): a
  section with ``number`` null and ``label`` 附件 whose ``tasks`` are the rows (text from the task
  column, agencies from the unit columns, 完成时限 as ``agency_note``, the unit cells as printed in
  ``parenthesis``); rows that do not line up with the header stay text in ``Plan.closing``.
* A notice whose page prints no signature: ``document.body`` is the paragraph that hands the plan on
  (现将《…》印发给你们), ``issuer`` and ``signed_date`` are null.  A page's own header over the document
  (the title again, 发布时间：…, a registration code): the title's repeat is a counted duplicate,
  printed metadata is in ``document.metadata`` (and fills the fields the metadata table fills), and
  any other line before the addressees is in ``document.head``.
* A notice that numbers points of its own before it signs (…请结合以下要求认真贯彻执行。 ⏎ 一、… ⏎ 二、…):
  the points are the notice's text, in ``document.body`` after the paragraph that hands the plan on,
  a paragraph each; the plan is what follows the signature (``sections`` empty, with a
  ``no_structure`` warning, where the source does not print it).  附件 printed above the plan is
  ``Plan.annex_label``.
* No notice wrapper (a 意见 published as it is): the document is the plan — ``plan.title`` is
  ``document.title``, ``document.body`` is null; the signature at the end (国务院 / 2019年1月12日 /
  （此件公开发布）) gives ``document.issuer`` and ``document.signed_date`` and is the end of
  ``Plan.closing``, after any closing paragraph that follows the last task (各地区、各部门要……).
  A notice's own signature note is ``Document.note``.  Where the printed values and the page's
  metadata table disagree, the printed value is kept and a ``metadata_conflict`` warning says so.
* Text the pipeline could not place (a fragment of a damaged source whose measure is unknown):
  ``Plan.unplaced``, with the range of measures it must lie between — never filed under a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1.0"] = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where a piece of output came from: offsets index the reader's decoded text of ``source``."""

    source: str = Field(description="file name of the source")
    start: int = Field(description="start offset (characters) in the decoded source text")
    end: int = Field(description="end offset (exclusive)")
    page: int | None = Field(default=None, description="1-based page where the text starts (paged sources)")
    page_end: int | None = Field(default=None, description="page where the text ends")
    bbox: list[float] | None = Field(
        default=None, description="[x0, top, x1, bottom] in PDF points on `page`, where cheap to know"
    )


class Agency(_Model):
    name: str = Field(description="agency name exactly as printed")
    role: Literal["lead", "co"] = Field(description="lead or co-responsible, as the document defines it")


class ItemRef(_Model):
    """A deeper numbering level (1. or （1）) that a task belongs to."""

    number: int = Field(description="as printed: 1. → 1, （3） → 3")
    label: str = Field(description="the printed label, e.g. 12. or （3）")
    title: str | None = Field(default=None, description="the item's heading sentence without its 。; null when none")


class Variant(_Model):
    """How another source words or attributes this task differently (never silently overwritten)."""

    source: str
    field: Literal["text", "agencies", "placement"]
    value: str = Field(description="the other source's text, agency list (、-joined) or placement")
    diff: str | None = Field(default=None, description="character-level diff against the canonical value")
    parenthesis: str | None = Field(
        default=None,
        description="agencies variants: the other source's responsibility parenthesis verbatim; "
        "`diff` then compares the two parentheses ([-only canonical-]{+only other+})",
    )


class Task(_Model):
    text: str = Field(description="the task's text, without the responsibility parenthesis")
    agencies: list[Agency] = Field(description="in printed order; empty when the task names nobody")
    responsibility: str | None = Field(
        default=None,
        description="the responsibility phrase, e.g. 按职责分工负责; for a labelled list its labels, e.g. 牵头单位；配合单位",
    )
    parenthesis: str | None = Field(
        default=None, description="the responsibility parenthesis verbatim (or the labelled list: 责任单位：…)"
    )
    agency_note: str | None = Field(
        default=None, description="what the list says beyond names, e.g. 等部门 / 等市级有关部门 / 会同有关部门"
    )
    lead_rule: str | None = Field(default=None, description="the document's words that define the lead role")
    agencies_from: Literal["measure"] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="where the agencies were printed when not with the task: `measure`, on its measure's "
        "heading (（一）…（牵头单位：A） above items 1. 2. that name nobody themselves); absent when the task's own",
    )
    item: ItemRef | None = None
    subitem: ItemRef | None = None
    provenance: Provenance
    sources: list[str] | None = Field(default=None, description="sources that carry this task (merged records)")
    variants: list[Variant] = Field(default_factory=list)


class Measure(_Model):
    number: int = Field(description="（二十八） → 28")
    label: str = Field(description="the printed label, e.g. （二十八）")
    title: str | None = Field(description="the heading sentence without its 。; null when lost")
    agencies: list[Agency] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="the agencies printed on the measure's heading, above its items "
        "(（一）…（牵头单位：A） ⏎ 1.…); absent when the heading names nobody",
    )
    responsibility: str | None = Field(default=None, exclude_if=lambda v: v is None)
    parenthesis: str | None = Field(
        default=None, exclude_if=lambda v: v is None, description="the heading's responsibility parenthesis verbatim"
    )
    agency_note: str | None = Field(default=None, exclude_if=lambda v: v is None)
    lead_rule: str | None = Field(default=None, exclude_if=lambda v: v is None)
    tasks: list[Task]
    provenance: Provenance | None = None


class Section(_Model):
    number: int | None = Field(description="二、 → 2; null for an implicit section")
    label: str | None
    title: str | None
    measures: list[Measure]
    tasks: list[Task] = Field(default_factory=list, description="tasks directly under the section")
    provenance: Provenance | None = None


class Unplaced(_Model):
    """A fragment whose measure could not be determined."""

    text: str
    kind: Literal["task", "text", "parenthesis"]
    agencies: list[Agency] = Field(default_factory=list)
    parenthesis: str | None = None
    first_measure: int | None = Field(description="the lowest measure number it may belong to (null: unknown)")
    last_measure: int | None = Field(description="the highest measure number it may belong to (null: open-ended)")
    provenance: Provenance


class Plan(_Model):
    annex_label: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="附件 / 附件1 as the notice prints it above the plan it hands on; absent when there is none",
    )
    title: str | None
    drafted_by: list[str] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="the agencies printed under the plan's title as the ones that drew it up "
        "(市发展改革委、市住房城乡建设局 under a plan a notice forwards, 转发), one name each; absent when none",
    )
    dated: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="the date printed in brackets under the title of a plan a notice hands on (its drafters' "
        "date, （二○一○年四月二十六日）), ISO 8601; absent when none is printed",
    )
    preamble: str | None
    sections: list[Section]
    closing: str | None = Field(
        default=None,
        description="text after the last task: a closing paragraph, then the signature block (lines joined by newlines)",
    )
    unplaced: list[Unplaced] = Field(default_factory=list)

    def placed_tasks(self) -> Iterator[tuple[Section, Measure | None, Task]]:
        """Every placed task in document order, with its section and measure (None for a task a
        section holds outside any measure, which come before the section's measures)."""
        for section in self.sections:
            for task in section.tasks:
                yield section, None, task
            for measure in section.measures:
                for task in measure.tasks:
                    yield section, measure, task


class Document(_Model):
    title: str | None
    issuer: str | None
    issuer_mark: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="the issuer's mark that heads a formal document (发文机关标志): 天津市人民政府文件; "
        "absent when there is none",
    )
    signatory: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="who signs a 政府令 for the government that issues it, as printed (市长张三); absent "
        "for other documents, whose signature is the issuer",
    )
    doc_number: str | None = Field(default=None, description="发文字号, e.g. 国发〔2019〕3号")
    recipients: list[str] = Field(default_factory=list)
    signed_date: str | None = Field(description="成文日期, ISO 8601")
    published_date: str | None = Field(description="发布日期, ISO 8601; null when the source does not say")
    body: str | None = Field(
        default=None,
        description="the notice's own text: the paragraph that hands the plan on, then any points the notice "
        "numbers itself before its signature (一、…), a paragraph each",
    )
    note: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="what the notice prints under its signature: （此件公开发布）, or a seal's note under the "
        "issuer's name, （国家中医药管理局代章） (both, a line each, where it prints both); absent when there is none",
    )
    head: list[str] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="lines a page prints between the title and the addressees that no other field holds "
        "(a registration code such as HHCR-2023-01005), as printed; absent when there are none",
    )
    index_number: str | None = Field(default=None, description="索引号 where the page gives one")
    metadata: dict[str, str] = Field(default_factory=dict, description="page metadata fields as printed")


class Target(_Model):
    indicator: str
    value: float
    unit: str | None
    comparison: str | None
    year: int | None
    text: str
    provenance: Provenance | None = None


class Citation(_Model):
    title: str
    doc_number: str | None = None
    provenance: Provenance | None = None


class Warning(_Model):
    kind: Literal[
        "numbering_gap",
        "numbering_order",
        "confusion",
        "doubtful_placement",
        "unplaced",
        "orphan_parenthesis",
        "unmapped_radical",
        "traditional_converted",
        "no_structure",
        "field_missing",
        "duplicate_dropped",
        "metadata_conflict",
        "table_not_read",
    ]
    message: str
    provenance: Provenance | None = None


class Dropped(_Model):
    kind: Literal["duplicate", "layout_noise"]
    text: str
    provenance: Provenance | None = Field(default=None, description="where the dropped copy was (duplicates)")
    page: int | None = Field(default=None, description="page of dropped layout noise")
    kept: Provenance | None = Field(default=None, description="where the kept copy is (duplicates)")


class Accounting(_Model):
    """Every character of the input is in a field, or dropped here and counted."""

    source_chars: int
    duplicates: int
    duplicate_chars: int
    layout_noise: int
    layout_noise_chars: int
    normalization: dict[str, int] = Field(description="changes applied per normalization rule")
    dropped: list[Dropped] = Field(default_factory=list)


class SourceInfo(_Model):
    name: str
    kind: Literal["text", "pdf", "html", "json"]
    encoding: str | None = None
    sha256: str
    pages: int | None = None
    # merged records only (plan_extract.merge); absent from a single source's record
    role: Literal["reference", "secondary"] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="merged records: the reference's structure and wording are canonical",
    )
    ranking: str | None = Field(
        default=None, exclude_if=lambda v: v is None, description="merged records: why the source ranks where it does"
    )
    filled: list[str] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="merged records: fields of the canonical record taken from this source (e.g. document.published_date)",
    )


class PlanRecord(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    sources: list[SourceInfo]
    document: Document
    plan: Plan
    targets: list[Target] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    accounting: Accounting | None = None
