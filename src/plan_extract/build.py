"""Assemble the validated :class:`~plan_extract.models.PlanRecord` from the draft tree.

This is where normalized offsets become provenance (source file, offsets into the decoded source
text, page, bounding box) and where the accounting of dropped characters is written.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

import regex

from . import models as m
from .attribution import ADMIN_LEVELS, parse_responsibility
from .dates import to_iso
from .dedupe import Deduped
from .front import Span, issuer_in_title
from .normalize import NormalizedText
from .normalize.chardata import UNMAPPED
from .readers.base import SourceText
from .segment import Fragment, squash
from .structure import DraftPlan, DraftTask, DraftWarning, UnplacedRun
from .tables import labelled


@dataclass(frozen=True)
class Located:
    """Maps normalized offsets to :class:`~plan_extract.models.Provenance`."""

    source: SourceText
    norm: NormalizedText

    def prov(self, start: int, end: int) -> m.Provenance:
        s, e = self.norm.source_span(start, end)
        bbox = self.source.bbox_of(s, e)
        page = self.source.page_at(s)
        page_end = self.source.page_at(max(s, e - 1))
        return m.Provenance(
            source=self.source.name,
            start=s,
            end=e,
            page=page,
            page_end=page_end,
            bbox=[round(v, 2) for v in bbox] if bbox else None,
        )

    def of(self, frags: list[Fragment]) -> m.Provenance:
        return self.prov(min(f.start for f in frags), max(f.end for f in frags))


def _text(span: Span | None) -> str | None:
    return span.text if span else None


#: What a page's field prints where the document has no such thing (发文字号：无, 废止日期：暂无).
_NONE_GIVEN = frozenset({"无", "暂无", "-", "—", "/", "－"})


#: The labels a page may give a field the document's own head prints (发文单位 for 发文机关: 通山 2023;
#: 签发时间 for 成文日期: 兴平 2022), first the standard one.
ISSUER_LABELS = ("发文机关", "发文单位")  # (not 发文机构: 镇巴 2024 gives 县政府网站)
#: (Not 发文日期/发文时间: on county sites it is as often the day the page went up -- 3 of 8 probed pages
#: that print a signature date give another; kept in ``metadata`` only.)
SIGNED_LABELS = ("成文日期", "签发时间", "签发日期", "签署日期")
NUMBER_LABELS = ("发文字号", "文号", "发布文号", "文件编号")  # (文件编号: 长兴 2023)
#: 公开日期 where a page names no other: the day the document was made public (汉阴 2021); 上载日期, the day
#: a site put it up (齐齐哈尔 2020).
PUBLISHED_LABELS = ("发布日期", "发布时间", "公开日期", "上载日期", "发表日期", "发表时间")
TITLE_LABELS = ("标题", "名称")


def _field(meta: dict[str, str], labels: tuple[str, ...]) -> tuple[str, str | None]:
    """The first of ``labels`` the page's table gives a value, and the value (the first label, None)."""
    return next(((k, meta[k]) for k in labels if meta.get(k)), (labels[0], None))


def _given(value: str | None) -> str | None:
    """A field's value, or None where the page says there is none (谯城 2020: 发文字号：无)."""
    return None if value is None or value.strip() in _NONE_GIVEN else value


@dataclass(frozen=True)
class _Read:
    """A responsibility as read for a task or a measure: its agencies and the words around them."""

    agencies: list[m.Agency]
    phrase: str | None
    parenthesis: str
    note: str | None
    lead_rule: str | None

    def fields(self) -> dict[str, Any]:
        """The fields a :class:`~plan_extract.models.Task` and a :class:`~plan_extract.models.Measure`
        give it, by the models' names."""
        return {
            "agencies": list(self.agencies),
            "responsibility": self.phrase,
            "parenthesis": self.parenthesis,
            "agency_note": self.note,
            "lead_rule": self.lead_rule,
        }


def _read_responsibility(paren: Fragment, headers: tuple[str, ...] | None, carried: list[str | None]) -> _Read:
    """What a responsibility parenthesis (or a table row's unit cells) says; updates the carried rule."""
    resp = parse_responsibility(labelled(paren, headers) if headers else paren.text, carried[0])
    if resp is None:
        return _Read([], None, paren.text, None, None)
    if resp.rule_carries:
        carried[0] = resp.lead_rule
    agencies = [m.Agency(name=n, role=r) for n, r in zip(resp.names, resp.roles, strict=True)]  # type: ignore[arg-type]
    # a bare list under the document's rule has no phrase
    return _Read(agencies, resp.phrase or None, paren.text, resp.note, resp.lead_rule)


def build_tasks(
    draft_tasks: list[DraftTask], loc: Located, carried: list[str | None], measure: _Read | None = None
) -> list[m.Task]:
    """Tasks with agencies; ``carried[0]`` is a lead rule that 下同 carries forward (updated in place);
    ``measure`` what the heading of their measure names, for a task that names nobody itself."""
    out: list[m.Task] = []
    for dt_ in draft_tasks:
        pieces = list(dt_.fragments) + ([dt_.paren] if dt_.paren else [])
        read = _read_responsibility(dt_.paren, dt_.headers, carried) if dt_.paren is not None else measure
        task = m.Task(
            text=dt_.text,
            provenance=loc.of(pieces),
            item=m.ItemRef(number=dt_.item[0], label=dt_.item[1], title=dt_.item[2]) if dt_.item else None,
            subitem=m.ItemRef(number=dt_.subitem[0], label=dt_.subitem[1], title=dt_.subitem[2])
            if dt_.subitem
            else None,
            agencies_from="measure" if read is not None and dt_.paren is None else None,
            **(read.fields() if read is not None else {"agencies": []}),
        )
        out.append(task)
    return out


def _unplaced_units(run: UnplacedRun, loc: Located) -> list[m.Unplaced]:
    """Split an unplaced run into units: text closed by a parenthesis (a task), a parenthesis whose
    text is missing, or text whose parenthesis is missing — nothing of the run is dropped."""
    units: list[m.Unplaced] = []
    texts: list[Fragment] = []

    def emit(paren: Fragment | None) -> None:
        nonlocal texts
        resp = parse_responsibility(paren.text) if paren is not None else None
        kind = "task" if texts and paren is not None else ("parenthesis" if paren is not None else "text")
        pieces = texts + ([paren] if paren is not None else [])
        units.append(
            m.Unplaced(
                text="".join(f.text for f in texts),
                kind=kind,  # type: ignore[arg-type]
                agencies=[m.Agency(name=n, role=r) for n, r in zip(resp.names, resp.roles, strict=True)]  # type: ignore[arg-type]
                if resp
                else [],
                parenthesis=paren.text if paren is not None else None,
                first_measure=run.lo,
                last_measure=run.hi,
                provenance=loc.of(pieces),
            )
        )
        texts = []

    for f in run.fragments:
        if f.kind == "paren" and parse_responsibility(f.text) is not None:
            emit(f)
        else:
            texts.append(f)
    if texts:
        emit(None)
    return units


def _paragraphs(frags: list[Fragment]) -> str | None:
    """Fragments' text, a newline where a new paragraph (or line) starts: 国务院⏎2019年1月12日⏎（此件公开发布）."""
    out = ""
    for f in frags:
        out += ("\n" if out and f.para_start else "") + f.text
    return out or None


_BRACKETS = str.maketrans("[]［］【】", "〔〕〔〕〔〕")


def _comparable(value: str) -> str:
    """A field as compared with the metadata table: no whitespace, one style of 〔〕 (国发[2019]3号)."""
    return squash(value).translate(_BRACKETS)


#: A place's name before the level word a short form keeps (浙江省人民政府办公厅 → 省政府办公厅).
_PLACE_BEFORE_LEVEL = regex.compile(rf"\p{{Han}}{{2,8}}?(?=(?:{ADMIN_LEVELS}))")


def _unsigned_issuer(title: str | None, listed: str | None) -> str | None:
    """The issuer of a document whose signature names none: the title's (国务院关于…的意见: 国务院), the
    document's own words, unless it is a short form the page's table gives in full (县人民政府关于…: 通山 2023's
    发文单位 通山县人民政府); else the table's.  A table may name the office that published a government's
    document (郧阳 2023: 郧阳区人民政府关于…, 发文单位 区人民政府办公室)."""
    named = issuer_in_title(title) if title else None
    if named is None or (listed and _PLACE_BEFORE_LEVEL.match(named) is None and _same_organ(named, listed)):
        return listed or named
    return named


def _same_organ(printed: str, listed: str) -> bool:
    """Whether a page's table names the printed organ in its short form, as pages do: 省政府办公厅 for
    浙江省人民政府办公厅 (浙江 2014), 市政府 for 湖州市人民政府 -- the place dropped before its level word, and
    人民政府 said 政府.  Any other difference is a conflict."""
    a, b = (_comparable(v).replace("人民政府", "政府") for v in (printed, listed))
    if a == b:
        return True
    long, short = (a, b) if len(a) > len(b) else (b, a)
    place = _PLACE_BEFORE_LEVEL.match(long)
    return place is not None and long[place.end() :] == short


def _metadata_conflicts(
    document: m.Document,
    meta: dict[str, str],
    loc: Located,
    issuer_span: Span | None,
    signed_span: Span | None,
    signature: list[Fragment],
) -> list[m.Warning]:
    """Where the printed text and the page's metadata table disagree (发文机关, 成文日期, 发文字号, 标题).

    The printed value is kept in the field; the metadata stays in ``document.metadata`` as printed.
    """
    out: list[m.Warning] = []

    def where(span: Span | None, frag: Fragment | None) -> m.Provenance | None:
        if span is not None:
            return loc.prov(span.start, span.end)
        return loc.of([frag]) if frag is not None else None

    date_frag = next((f for f in signature if to_iso(f.text)), None)
    issuer_label, listed_issuer = _field(meta, ISSUER_LABELS)
    signed_label, listed_signed = _field(meta, SIGNED_LABELS)
    checks = [
        (
            issuer_label,
            "issuer",
            document.issuer,
            listed_issuer,
            where(issuer_span, signature[0] if signature else None),
        ),
        (signed_label, "signed_date", document.signed_date, to_iso(listed_signed), where(signed_span, date_frag)),
        ("发文字号", "doc_number", document.doc_number, meta.get("发文字号"), None),
        ("标题", "title", document.title, meta.get("标题"), None),
    ]
    for label, name, printed, listed, prov in checks:
        if printed is None or not listed:
            continue  # (a field the page's table leaves empty, 河南 2015's 发文机关, says nothing)
        same = _same_organ(printed, listed) if name == "issuer" else _comparable(printed) == _comparable(listed)
        if not same:
            out.append(
                m.Warning(
                    kind="metadata_conflict",
                    message=f"document.{name} as printed ({printed}) differs from the page's {label} ({listed})",
                    provenance=prov,
                )
            )
    return out


def build_record(
    source: SourceText,
    norm: NormalizedText,
    deduped: Deduped,
    draft: DraftPlan,
    extra_warnings: list[DraftWarning],
) -> m.PlanRecord:
    loc = Located(source, norm)
    fm = draft.front
    carried: list[str | None] = [None]
    sections: list[m.Section] = []
    for ds in draft.sections:
        sec = m.Section(
            number=ds.number,
            label=ds.label,
            title=ds.title,
            provenance=loc.of([ds.heading]) if ds.heading else None,
            measures=[],
            tasks=build_tasks(ds.tasks, loc, carried),
        )
        for dm in ds.measures:
            own = _read_responsibility(dm.paren, None, carried) if dm.paren is not None else None
            heading = [f for f in (dm.heading, dm.paren) if f is not None]
            measure = m.Measure(
                number=dm.number,
                label=dm.label,
                title=dm.title,
                provenance=loc.of(heading) if heading else None,
                tasks=build_tasks(dm.tasks, loc, carried, own if own and own.agencies else None),
                **(own.fields() if own is not None else {}),
            )
            sec.measures.append(measure)
        sections.append(sec)

    unplaced: list[m.Unplaced] = []
    for run in draft.unplaced:
        unplaced.extend(_unplaced_units(run, loc))

    closing_text = _paragraphs(draft.closing)
    issuer = _text(fm.issuer) or _text(fm.ordered_by)  # a 令 printed without its signature is still its government's
    signed = to_iso(_text(fm.signed))
    if draft.signature and (issuer is None or signed is None):
        # a document without a notice wrapper is signed at its end (国务院 / 2019年1月12日), or dated only
        first = draft.signature[0].text.strip()
        issuer = issuer or (None if to_iso(first) else first)
        signed = signed or next((to_iso(f.text) for f in draft.signature if to_iso(f.text)), None)
    # the metadata a page prints above the document (索引号：… 发布时间：…) counts as its metadata table
    # does; the table, where the page has one, is the page's own record of it and wins
    meta = {**{k: sp.text for k, sp in fm.meta.items()}, **source.metadata}
    # the date the page prints above the document first, then its table's
    _, printed_date = _field({k: sp.text for k, sp in fm.meta.items()}, PUBLISHED_LABELS)
    published = to_iso(printed_date or _field(meta, PUBLISHED_LABELS)[1])
    title = _text(fm.title) or _field(meta, TITLE_LABELS)[1]
    _, meta_issuer = _field(meta, ISSUER_LABELS)
    _, meta_signed = _field(meta, SIGNED_LABELS)
    document = m.Document(
        title=title,
        issuer=issuer or _unsigned_issuer(title, meta_issuer),
        issuer_mark=_text(fm.issuer_mark),
        signatory=_text(fm.signatory),
        doc_number=_text(fm.doc_number) or _given(_field(meta, NUMBER_LABELS)[1]),
        recipients=[r.text for r in fm.recipients],
        signed_date=signed or to_iso(meta_signed),
        published_date=published,
        body="\n".join(t for t in (_text(fm.body), _paragraphs(draft.notice_points)) if t) or None,
        note=_text(fm.note),
        head=[sp.text for sp in fm.head],
        index_number=meta.get("索引号") or None,
        metadata={k: v for k, v in sorted(meta.items())},
    )
    plan = m.Plan(
        annex_label=_text(fm.annex_label),
        title=_text(fm.plan_title),
        drafted_by=[sp.text for sp in fm.drafted_by],
        dated=to_iso(_text(fm.plan_dated)),
        preamble=_text(fm.preamble),
        sections=sections,
        closing=closing_text,
        unplaced=unplaced,
    )

    warnings: list[m.Warning] = []
    for ch in norm.changes:
        if ch.warn:
            warnings.append(
                m.Warning(
                    kind=ch.warn,  # type: ignore[arg-type]
                    message=ch.note or f"{ch.before} → {ch.after}",
                    provenance=m.Provenance(source=source.name, start=ch.start, end=ch.end),
                )
            )
    if "convert_traditional" in norm.plan:
        n = sum(1 for c in norm.changes if c.rule == "convert_traditional")
        warnings.append(
            m.Warning(kind="traditional_converted", message=f"traditional text converted to simplified ({n} edits)")
        )
    for i, char in enumerate(norm.text):
        if char in UNMAPPED:
            warnings.append(
                m.Warning(
                    kind="unmapped_radical",
                    message=f"U+{ord(char):04X} has no equivalent ideograph in Unicode data; kept",
                    provenance=loc.prov(i, i + 1),
                )
            )
    for w in [*extra_warnings, *draft.warnings]:
        warnings.append(
            m.Warning(
                kind=w.kind,  # type: ignore[arg-type]  # DraftWarning kinds are the Warning literals
                message=w.message,
                provenance=loc.prov(w.start, w.end) if w.start is not None and w.end is not None else None,
            )
        )
    warnings.extend(_metadata_conflicts(document, meta, loc, fm.issuer, fm.signed, draft.signature))
    if document.published_date is None:
        warnings.append(
            m.Warning(kind="field_missing", message="the source does not give a publication date (发布日期)")
        )

    frags = deduped.fragments
    dropped = [
        m.Dropped(kind="duplicate", text=frags[i].text, provenance=loc.of([frags[i]]), kept=loc.of([frags[k]]))
        for i, k in sorted(deduped.duplicate_of.items())
    ]
    # the title a page prints again under its own header (structure._head_lines)
    printed, repeats = fm.title, fm.repeats if fm.title else []
    if printed is not None:
        kept = loc.prov(printed.start, printed.end)
        dropped += [
            m.Dropped(kind="duplicate", text=sp.text, provenance=loc.prov(sp.start, sp.end), kept=kept)
            for sp in repeats
        ]
    dropped += [m.Dropped(kind="layout_noise", text=n.text, page=n.page) for n in source.noise]
    accounting = m.Accounting(
        source_chars=len(source.text),
        duplicates=len(deduped.duplicate_of) + len(repeats),
        duplicate_chars=sum(len(frags[i].text) for i in deduped.duplicate_of) + sum(len(sp.text) for sp in repeats),
        layout_noise=len(source.noise),
        layout_noise_chars=sum(len(n.text) for n in source.noise),
        normalization=dict(sorted(Counter(c.rule for c in norm.changes).items())),
        dropped=dropped,
    )
    info = m.SourceInfo(
        name=source.name,
        kind=source.kind,  # type: ignore[arg-type]
        encoding=source.encoding,
        sha256=source.sha256 or hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
        pages=len(source.pages) or None,
    )
    return m.PlanRecord(sources=[info], document=document, plan=plan, warnings=warnings, accounting=accounting)
