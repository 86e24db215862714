"""Structure: fragments in document order → notice, plan title, preamble, sections, measures, tasks.

A task is the run of text a responsibility parenthesis closes, or the text of a measure that names
nobody (（一）指导思想 is one task with no agencies).  Headings come from numbering (一、 （一） 1.
（1））; numbers must increase by one, and a gap is a warning — the Tianjin scrape has lost the
heading of （十三）, and its tasks must not silently count as （十二）'s — while measures numbered anew in
each section (二、（一）…（四）, 四、（一）…（五）) are printed that way and no fault.

Documents without a notice wrapper (a 意见 as published on gov.cn) are signed at their end: the
signature block (国务院 / 2019年1月12日 / （此件公开发布）) and a closing paragraph after the last task's
parenthesis (各地区、各有关部门要……) become the plan's closing, never part of the last task.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

import regex

from .attribution import is_responsibility
from .segment import ARTICLE_RE, DATE_RE, Fragment
from .tables import header_columns, read_row

DOC_TYPES = "通知|意见|方案|办法|决定|规定|细则|计划|规划|纲要|措施|函|批复|通报|公告|通告|决议|条例|指引|要点"
#: A title's last words: a document type (…的通知, …实施方案).
ENDS_IN_DOC_TYPE = regex.compile(rf"(?:{DOC_TYPES})$")
BOOK_TITLE_RE = regex.compile(r"《([^《》]+)》")
NOTICE_VERB_RE = regex.compile(r"印发|转发|批转|下发|颁布|发布")
#: A short parenthesis on its own line under a signature: （此件公开发布）, （此件有删减）.
SIGNATURE_NOTE_RE = regex.compile(r"\n*(（[^（）\n]{1,30}）)(?=\n|$)")


@dataclass(frozen=True)
class Span:
    """A field's text and its span ``[start, end)`` in the normalized text."""

    text: str
    start: int
    end: int


@dataclass
class DraftTask:
    fragments: list[Fragment]
    paren: Fragment | None = None
    item: tuple[int, str, str | None] | None = None
    subitem: tuple[int, str, str | None] | None = None
    #: a task table's row: the headers of the cells ``paren`` holds (牵头单位, 配合单位, 完成时限)
    headers: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        return "".join(f.text for f in self.fragments)


@dataclass
class DraftMeasure:
    number: int
    label: str
    title: str | None
    heading: Fragment | None
    tasks: list[DraftTask] = field(default_factory=list)


@dataclass
class DraftSection:
    number: int | None
    label: str | None
    title: str | None
    heading: Fragment | None
    measures: list[DraftMeasure] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)


@dataclass(frozen=True)
class DraftWarning:
    kind: str
    message: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class UnplacedRun:
    """Fragments whose measure is unknown: it is one of ``lo``..``hi`` (inclusive; None = open)."""

    fragments: tuple[Fragment, ...]
    lo: int | None
    hi: int | None


@dataclass
class FrontMatter:
    title: Span | None = None
    issuer_mark: Span | None = None
    doc_number: Span | None = None
    recipients: list[Span] = field(default_factory=list)
    body: Span | None = None
    issuer: Span | None = None
    signed: Span | None = None
    note: Span | None = None
    plan_title: Span | None = None
    preamble: Span | None = None
    meta: dict[str, Span] = field(default_factory=dict)
    #: the title printed again under the page's own (dropped as a counted duplicate of ``title``)
    repeats: list[Span] = field(default_factory=list)
    #: lines between the title and the addressees that no field holds (a registration code)
    head: list[Span] = field(default_factory=list)


@dataclass
class DraftPlan:
    front: FrontMatter
    sections: list[DraftSection]
    closing: list[Fragment]
    unplaced: list[UnplacedRun]
    warnings: list[DraftWarning]
    signature: list[Fragment] = field(default_factory=list)  # the closing signature block, part of ``closing``


class _Joined:
    """Front fragments joined with newlines, remembering each character's normalized offset."""

    def __init__(self, frags: list[Fragment]) -> None:
        parts: list[str] = []
        self.offsets: list[int] = []
        #: where in ``text`` a fragment that opens a paragraph of the source begins
        self.para_starts: list[int] = []
        for f in frags:
            if parts:
                parts.append("\n")
                self.offsets.append(f.start)
            if f.para_start:
                self.para_starts.append(len(self.offsets))
            parts.append(f.text)
            self.offsets.extend(range(f.start, f.end))
        self.text = "".join(parts)
        self.offsets.append(frags[-1].end if frags else 0)

    def span(self, s: int, e: int) -> Span | None:
        while s < e and self.text[s] in " \n":
            s += 1
        while e > s and self.text[e - 1] in " \n":
            e -= 1
        if e <= s:
            return None
        return Span(self.text[s:e].replace("\n", ""), self.offsets[s], self.offsets[e - 1] + 1)


#: How an addressee ends (各区人民政府, 市政府各委、办、局, 国务院各部委、各直属机构, 各有关单位,
#: 立山经济开发区, 新疆生产建设兵团).
_ADDRESSEE_END = regex.compile(
    r"(?:政府|部门|机构|单位|局|委|办|厅|院|署|部|会|室|司|处|所|公司|集团|企业|组织|党委|党组|区|兵团)$"
)


def _looks_like_title(line: str) -> bool:
    """A document title line: ends with a document type (…的通知, …若干意见) or is a 关于 title."""
    if ENDS_IN_DOC_TYPE.search(line):
        return True
    return len(line) <= 80 and "关于" in line and not regex.search(r"[。！？；，]", line)


def _looks_like_recipients(text: str) -> bool:
    """An addressee line (各省、自治区、直辖市人民政府，国务院各部委、各直属机构), not a preamble sentence ending
    in ：(为……，现提出如下意见：): every piece is an addressee."""
    pieces = [p for p in regex.split(r"[，,；;]", text) if p.strip()]
    return bool(pieces) and all(p.strip().startswith("各") or _ADDRESSEE_END.search(p.strip()) for p in pieces)


def _title_before_recipients(text: str) -> int:
    """Where a notice title glued to the addressees after it ends (0: no such title).

    The title is the longest head with 关于 in it that ends in a document type (…的通知), such that
    what follows is an addressee list: "…实施方案的通知" + "各区人民政府，市政府各委、办、局", not
    "…实施方案" + "的通知各区人民政府，…" (whose first piece does not start an addressee)."""
    for mt in reversed(list(regex.finditer(rf"(?:{DOC_TYPES})", text))):
        head, tail = text[: mt.end()], text[mt.end() :]
        if "关于" in head and tail[:1] not in "的之" and _looks_like_recipients(tail):
            return int(mt.end())
    return 0


#: The issuer's mark that heads a formal document (发文机关标志, GB/T 9704): 天津市人民政府文件,
#: 国务院办公厅文件, on a line of its own at the very top.
ISSUER_MARK_RE = regex.compile(r"\n*(\p{Han}[\p{Han}\s]{1,40}文件)(?=\n)")
#: A document number on a line of its own: 津政发〔2022〕5号.
DOC_NUMBER_LINE_RE = regex.compile(r"\n*([\p{Han}]{1,12}〔\d{4}〕\d+号)(?=\n|$)")
#: Most lines a title is set over.
_TITLE_LINES = 3


def _title_end(text: str, start: int) -> int:
    """Where the title whose first line starts at ``start`` ends: that line's end, or the end of the
    second or third line where a long title was set over them.

    Defect: a text made from a PDF (``pdftotext``) keeps the lines the page set its titles in,
    "天津市人民政府关于印发天津市加快" / "建立健全绿色低碳循环发展经济体系实施方案的通知", and the first
    line alone is a truncated title while the rest runs into the addressees.  The lines are joined
    only when the first does not end in a document type (…的通知, …方案), none holds a sentence mark
    and the last does end in one."""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    if ENDS_IN_DOC_TYPE.search(text, start, end):
        return end
    stop = end
    for _ in range(_TITLE_LINES - 1):
        if stop >= len(text) or text[stop + 1 : stop + 2] in ("", "\n"):
            break
        nxt = text.find("\n", stop + 1)
        stop = len(text) if nxt == -1 else nxt
        if regex.search(r"[。！？；，：:,;]", text[start:stop]):
            break
        if ENDS_IN_DOC_TYPE.search(text, start, stop):
            return stop
    return end


def _prefix_end(text: str, start: int, wanted: str) -> int | None:
    """The end of ``wanted`` where ``text`` starts it at ``start``, line breaks inside it skipped
    (a title quoted in the notice, set over two lines below it); None where it is not there."""
    i = start
    for ch in wanted:
        while i < len(text) and text[i] == "\n" and ch != "\n":
            i += 1
        if i >= len(text) or text[i] != ch:
            return None
        i += 1
    return i


#: The start of an annex after the plan's text, at a paragraph's start: 附件：…, 附件1：…, 附件 alone.
ANNEX_RE = regex.compile(r"附件[ \t\u3000]*[0-9０-９一二三四五六七八九十]{0,3}[ \t\u3000]*(?:[：:]|$)")
#: What a notice says as it hands a plan on (现将《…》印发给你们 / 现予印发): where no signature is
#: printed, the paragraph that says it is the notice's body.
HAND_ON_RE = regex.compile(r"(?:印发|转发|批转|下发)给(?:你们|各)|现予(?:印发|转发|公布|发布)")
#: A site's tag in front of a title: 【规范性文件】, 【政策文件】.
SITE_TAG_RE = regex.compile(r"【[^【】\n]{1,12}】")
#: Most lines read between a title and the addressees (页眉 title, 发布时间, code, 发文字号, issuer,
#: the title again over three lines).
HEAD_LINES = 8


def _paragraph_end(t: str, j: _Joined, pos: int) -> int:
    """Where the source paragraph that holds (or follows) ``pos`` ends: before the next fragment that
    opens a paragraph, or at the end of ``t``."""
    k = bisect.bisect_right(j.para_starts, pos)
    return j.para_starts[k] - 1 if k < len(j.para_starts) else len(t)


def _addressees_at(t: str, pos: int) -> bool:
    """Whether the line at ``pos`` is an addressee line (各区人民政府，市政府各委、办、局：)."""
    m = regex.match(r"\n*([^。\n]{2,150}?)[：:]", t[pos:])
    return bool(m and ("，" in m.group(1) or len(m.group(1)) < 40) and _looks_like_recipients(m.group(1)))


def _head_lines(t: str, j: _Joined, pos: int, fm: FrontMatter) -> int:
    """Read the lines between the title and the addressees; returns where they end.

    Defect: a web page prints its own header above the document: the title on one line, then
    发布时间/信息来源 (segmented as metadata), a registration code, the document number, the issuer,
    and the title again as the document sets it, over several lines (怀化 2023: "HHCR-2023-01005" ⏎
    "怀政办发〔2023〕9号" ⏎ "怀化市人民政府办公室" ⏎ "关于印发《怀化市贯彻落实〈关于打好经济" ⏎ …).
    Only a repeat on the title's own line was known, so the rest, addressees included, became the
    notice's body.  Now the title again (its line breaks skipped) is a counted repeat, a document
    number line is the document number, and any other short line is kept in ``head`` -- only where
    an addressee line follows, so a document without addressees keeps its plan title and preamble.
    """
    title = fm.title
    assert title is not None
    page_title_at = len(fm.head)  # (after a site's tag before the title)
    for _ in range(HEAD_LINES):
        start = len(t) - len(t[pos:].lstrip("\n"))
        if start >= len(t):
            break
        end = _prefix_end(t, start, title.text)
        if end is not None:
            sp = j.span(start, end)
            if sp:
                fm.repeats.append(sp)
            pos = end
            continue
        m = DOC_NUMBER_LINE_RE.match(t, start)
        if m and fm.doc_number is None:
            fm.doc_number = j.span(m.start(1), m.end(1))
            pos = m.end()
            continue
        if _addressees_at(t, start):
            break
        nl = t.find("\n", start)
        line_end = len(t) if nl == -1 else nl
        line = t[start:line_end]
        inner = (start, line_end)
        quoted = regex.fullmatch(r"《(.+)》", line)
        if quoted and ENDS_IN_DOC_TYPE.search(quoted.group(1)):
            # 《北京市人民政府办公厅关于印发〈…〉的通知》: a page sets the title in book marks, its decoration
            inner, line = (start + 1, line_end - 1), quoted.group(1)
        own = j.span(*inner)
        if own and ENDS_IN_DOC_TYPE.search(line) and "关于" in line and line in title.text and line != title.text:
            # the page's title held the document's, with more around it (鲁政发〔2014〕20号《山东省人民政府
            # 关于…的实施意见》): the document's own is the title, the page's a line of the head
            fm.head.insert(page_title_at, title)
            fm.title = title = own
            pos = line_end
            continue
        if line_end - start > 40 or regex.search(r"[。！？；，]", line):
            break
        ahead = start
        for _ in range(HEAD_LINES):
            nl = t.find("\n", ahead)
            if nl == -1:
                ahead = len(t)
                break
            ahead = nl + 1
            if _addressees_at(t, ahead):
                break
        if ahead >= len(t) or not _addressees_at(t, ahead):
            break
        sp = j.span(start, line_end)
        if sp:
            fm.head.append(sp)
        pos = line_end
    return pos


def parse_front(frags: list[Fragment]) -> FrontMatter:
    """Notice title, document number, recipients, body, signature, plan title and preamble."""
    fm = FrontMatter()
    rest: list[Fragment] = []
    for f in frags:
        if f.kind == "meta" and f.label and f.title is not None:
            fm.meta.setdefault(f.label, Span(f.title, f.start, f.end))
        else:
            rest.append(f)
    if not rest:
        return fm
    j = _Joined(rest)
    t = j.text
    pos = 0
    # the head of a formal document (版头): the issuer's mark (天津市人民政府文件) and the document
    # number under it, above the title
    mark = ISSUER_MARK_RE.match(t)
    if mark and "关于" not in mark.group(1):  # a title (关于印发…文件) is not a mark
        fm.issuer_mark = j.span(mark.start(1), mark.end(1))
        pos = mark.end()
    m = DOC_NUMBER_LINE_RE.match(t, pos)
    if m:
        fm.doc_number = j.span(m.start(1), m.end(1))
        pos = m.end()
    start = len(t) - len(t[pos:].lstrip("\n"))
    line = t[start:].split("\n", 1)[0]
    tag = SITE_TAG_RE.match(line)
    if tag and _looks_like_title(line[tag.end() :]):
        # a site's tag before the title (【规范性文件】长沙市人民政府办公厅关于…的通知) is the page's, not the title's
        sp = j.span(start, start + tag.end())
        if sp:
            fm.head.append(sp)
        start += tag.end()
        line = line[tag.end() :]
    if _looks_like_title(line) and line[-1:] not in "。！？；" and (start > 0 or rest[0].kind == "line"):
        pos = _title_end(t, start)
        fm.title = j.span(start, pos)
        if fm.title:
            pos = _head_lines(t, j, pos, fm)
    m = DOC_NUMBER_LINE_RE.match(t, pos) if fm.doc_number is None else None
    if m:
        fm.doc_number = j.span(m.start(1), m.end(1))
        pos = m.end()
    m = regex.match(r"\n*([^。\n]{2,150}?)[：:]", t[pos:])
    if m and fm.title is None:
        # a scrape that lost its line breaks glues the notice title to the addressees:
        # 天津市人民政府关于印发…实施方案的通知各区人民政府，市政府各委、办、局：
        cut = _title_before_recipients(m.group(1))
        if cut:
            fm.title = j.span(pos + m.start(1), pos + m.start(1) + cut)
            pos += m.start(1) + cut
            m = regex.match(r"([^。\n]{2,150}?)[：:]", t[pos:])
    if m and ("，" in m.group(1) or len(m.group(1)) < 40) and _looks_like_recipients(m.group(1)):
        start = pos + m.start(1)
        for piece in regex.finditer(r"[^，,；;]+", m.group(1)):
            sp = j.span(start + piece.start(), start + piece.end())
            if sp:
                fm.recipients.append(sp)
        pos += m.end()
    sig = None
    for dm in DATE_RE.finditer(t, pos):
        # the issuer is what stands between the last full stop and the date (on its own line or not);
        # only a notice that hands on a plan (现将《…》印发给你们) is signed before the plan: a document
        # without that wrapper (a 意见 whose preamble leads straight to 一、) is signed at its end
        line_start = max(t.rfind("。", pos, dm.start()) + 1, pos)
        issuer = t[line_start : dm.start()].strip("\n")
        if not NOTICE_VERB_RE.search(t, pos, line_start):
            continue
        if issuer and "，" not in issuer and "\n" not in issuer and len(issuer) <= 30:
            sig = (line_start, dm)
            break
        if not issuer and "\n" in t[line_start : dm.start()] and t.startswith("\n", dm.end()):
            # a date on a line of its own right under the body: a page that prints no issuer above it
            # (濮阳 2011: …请认真贯彻执行。⏎ 二〇一一年三月三十日 ⏎ 濮阳市城市道路窨井设施管理暂行办法)
            sig = (dm.start(), dm)
            break
    if sig is None:
        first = len(t) - len(t[pos:].lstrip("\n"))
        after = _paragraph_end(t, j, first)
        if HAND_ON_RE.search(t, first, after) is None:
            fm.plan_title = fm.title
            fm.preamble = j.span(pos, len(t))
            return fm
        # a page that prints no signature (or lost it): the notice is the paragraph that hands the
        # plan on (长沙 2020: …现印发给你们， ⏎ （此件主动公开） ⏎ 长沙市…实施方案 ⏎ 为深入贯彻…)
        fm.body = j.span(pos, after)
        _plan_head(t, j, after, fm)
        return fm
    issuer_start, dm = sig
    fm.body = j.span(pos, issuer_start)
    fm.issuer = j.span(issuer_start, dm.start())
    fm.signed = j.span(dm.start(), dm.end())
    _plan_head(t, j, dm.end(), fm)
    return fm


def _plan_head(t: str, j: _Joined, after: int, fm: FrontMatter) -> None:
    """The note under the notice (（此件公开发布）), the plan's title and its preamble, from ``after``
    (the end of the signature, or of the body where none is printed)."""
    note = SIGNATURE_NOTE_RE.match(t, after)
    if note:
        # （此件公开发布） under the notice's signature: the notice's, not the plan's title
        fm.note = j.span(note.start(1), note.end(1))
        after = note.end(1)
    tail = t[after:]
    lead = len(tail) - len(tail.lstrip("\n"))
    quoted = BOOK_TITLE_RE.search(fm.body.text) if fm.body else None
    named = _prefix_end(t, after + lead, quoted.group(1)) if quoted else None
    if named is not None:
        end = named
    else:
        nl = t.find("\n", after + lead)
        line = t[after + lead : nl if nl != -1 else len(t)]
        end = _title_end(t, after + lead) if line and line[-1] not in "。！？；" else after
    fm.plan_title = j.span(after, end)
    fm.preamble = j.span(end, len(t))


def build_plan(
    frags: list[Fragment],
    unplaced: list[UnplacedRun] | None = None,
    gap_before: frozenset[int] = frozenset(),
) -> DraftPlan:
    """Build the draft tree from fragments in document order.

    ``gap_before`` names fragments before which text is missing (a damaged source's order was
    repaired and a reader skipped there).  Across a gap nothing is filed by assumption: tasks after
    a gap wait for the next measure heading, and join the current measure only if that heading's
    number proves no heading was lost in the gap; otherwise they become unplaced with the range of
    measures they may belong to.  Likewise a measure after a gap keeps its section only if the next
    section number proves no section heading was lost; otherwise it goes to a section of unknown
    number.  A text cut by a gap is never joined to a parenthesis on the other side.
    """
    warnings: list[DraftWarning] = []
    first_heading = next((i for i, f in enumerate(frags) if f.kind in ("section", "measure")), None)
    if first_heading is None:
        # a plan whose top level is numbered 1. / （1） items: they are its tasks (in an implicit section)
        first_heading = next((i for i, f in enumerate(frags) if f.kind in ("item", "subitem")), len(frags))
    front = parse_front(frags[:first_heading])
    sections: list[DraftSection] = []
    runs: list[UnplacedRun] = list(unplaced or [])
    closing: list[Fragment] = []
    annex: list[Fragment] = []  # 附件 after the plan's text (a 任务分工表), kept in the closing as printed
    buffer: list[Fragment] = []
    pending: list[DraftTask] = []  # tasks after a gap, waiting for proof of their measure
    pending_frags: list[Fragment] = []
    uncertain = False  # a gap since the last measure heading
    section_uncertain = False  # a gap since the last section heading
    item: tuple[int, str, str | None] | None = None
    subitem: tuple[int, str, str | None] | None = None
    last_section = 0
    last_measure = 0
    last_article = 0
    opened: Fragment | None = None  # the heading just read, while nothing has followed it yet
    body = frags[first_heading:]

    def container() -> list[DraftTask]:
        if uncertain:
            return pending
        if not sections:
            sections.append(DraftSection(None, None, None, None))
        sec = sections[-1]
        return sec.measures[-1].tasks if sec.measures else sec.tasks

    def flush(paren: Fragment | None = None) -> None:
        nonlocal buffer
        if buffer or paren is not None:
            container().append(DraftTask(buffer, paren, item, subitem))
            if uncertain:
                pending_frags.extend(buffer + ([paren] if paren else []))
        buffer = []

    def settle(next_measure: int | None) -> None:
        """Decide where the tasks that came after a gap belong, now the next measure number is known."""
        nonlocal pending, pending_frags, uncertain
        if not uncertain:
            return
        if pending:
            proven = next_measure is not None and next_measure == last_measure + 1 and last_measure > 0
            if proven:
                sec = sections[-1] if sections else None
                target = sec.measures[-1].tasks if sec and sec.measures else (sec.tasks if sec else None)
                if target is not None:
                    target.extend(pending)
                else:
                    proven = False
            if not proven:
                hi = next_measure - 1 if next_measure is not None else None
                for t in pending:
                    runs.append(
                        UnplacedRun(tuple(t.fragments) + ((t.paren,) if t.paren else ()), last_measure or None, hi)
                    )
                warnings.append(
                    DraftWarning(
                        "unplaced",
                        f"{len(pending)} task(s) after a gap may belong to a measure whose heading is lost "
                        f"(between {last_measure or 'the start'} and {next_measure or 'the end'})",
                        pending_frags[0].start if pending_frags else None,
                        pending_frags[-1].end if pending_frags else None,
                    )
                )
        pending, pending_frags = [], []
        uncertain = False

    # the next section / measure number after each position (linear, not a scan per heading)
    next_section: list[int | None] = [None] * (len(body) + 1)
    next_measure: list[int | None] = [None] * (len(body) + 1)
    for j in range(len(body) - 1, -1, -1):
        g = body[j]
        next_section[j] = g.number if g.kind == "section" else next_section[j + 1]
        next_measure[j] = g.number if g.kind == "measure" else next_measure[j + 1]

    def next_section_number(k: int) -> int | None:
        return next_section[k + 1]

    k = 0
    while k < len(body):
        f = body[k]
        just_opened, opened = opened, None
        if f.index in gap_before:
            if buffer:
                orphan = buffer
                flush()
                warnings.append(
                    DraftWarning(
                        "doubtful_placement",
                        "text cut by a gap: no responsibility parenthesis follows it here (lost from the source, "
                        "or among the unplaced fragments)",
                        orphan[0].start,
                        orphan[-1].end,
                    )
                )
            uncertain = True
            section_uncertain = True
        if f.kind == "section" and f.number is not None:
            flush()
            item = subitem = None
            if f.number != last_section + 1:
                warnings.append(_numbering_warning("section", f, last_section))
            # tasks pending before a section heading: the next measure decides
            nxt_m = next_measure[k + 1]
            settle(nxt_m)
            last_section = f.number
            section_uncertain = False
            sections.append(DraftSection(f.number, f.label, f.title, f))
            if f.swallows_sentence:
                warnings.append(
                    DraftWarning(
                        "doubtful_placement",
                        f"section {f.label} title runs into a sentence (it holds a full stop): the text "
                        "after the title may be a task's",
                        f.start,
                        f.end,
                    )
                )
            opened = f
        elif f.kind == "measure" and f.number is not None:
            flush()
            settle(f.number)
            item = subitem = None
            # measures numbered anew in each section (（一） again under 四、) are numbered as printed
            restart = f.number == 1 and bool(sections) and sections[-1].number is not None and not sections[-1].measures
            if restart:
                last_measure = 0
            if f.number != last_measure + 1:
                form = "第{}节" if f.label and f.label.startswith("第") else "（{}）"  # a regulation's 节
                missing = "、".join(form.format(n) for n in range(last_measure + 1, f.number))
                warnings.append(
                    _numbering_warning("measure", f, last_measure, f"; heading of {missing} lost" if missing else "")
                )
            last_measure = f.number
            if section_uncertain:
                nxt_s = next_section_number(k)
                if not (nxt_s is not None and nxt_s == last_section + 1):
                    # a section heading may have been lost in the gap: do not guess the section
                    if not sections or sections[-1].number is not None:
                        sections.append(DraftSection(None, None, None, None))
                        warnings.append(
                            DraftWarning(
                                "doubtful_placement",
                                f"section of measure {f.label} unknown: a section heading may be lost before it",
                                f.start,
                                f.end,
                            )
                        )
                section_uncertain = False
            if not sections:
                sections.append(DraftSection(None, None, None, None))
            sections[-1].measures.append(DraftMeasure(f.number, f.label or "", f.title, f))
            opened = f
        elif f.kind in ("item", "subitem") and f.number is not None:
            flush()
            label = f.label or ""
            if ARTICLE_RE.fullmatch(label):
                # a regulation's articles are numbered through the whole text: a gap is text lost
                if f.number != last_article + 1:
                    warnings.append(_numbering_warning("article", f, last_article))
                last_article = f.number
            title = _item_title(f, body[k + 1] if k + 1 < len(body) else None)
            ref = (f.number, label, title)
            if f.kind == "item":
                item, subitem = ref, None
            else:
                subitem = ref
            if title is None:
                # the item's first sentence is already its content: the task text starts after the label
                rest = _after_label(f)
                if rest is not None:
                    buffer.append(rest)
            else:
                opened = f
        elif f.kind == "paren" and is_responsibility(f.text):
            if not buffer and just_opened is not None and f.index not in gap_before and not uncertain:
                # （五）加快推进……。（A负责）: the heading's sentence is all the parenthesis closes
                heading_text = _after_label(just_opened)
                if heading_text is not None:
                    buffer.append(heading_text)
            if not buffer:
                if f.index in gap_before or uncertain or last_measure == 0:
                    # it lies before the next measure heading, whatever the gap hid
                    nxt = next_measure[k + 1]
                    hi_orphan = (nxt - 1 if nxt is not None else None) if uncertain else (last_measure or None)
                    runs.append(UnplacedRun((f,), last_measure or None, hi_orphan))
                    warnings.append(
                        DraftWarning(
                            "orphan_parenthesis",
                            f"the text this parenthesis closes is missing: {f.text}",
                            f.start,
                            f.end,
                        )
                    )
                else:
                    warnings.append(
                        DraftWarning(
                            "orphan_parenthesis", f"responsibility parenthesis closes no text: {f.text}", f.start, f.end
                        )
                    )
                    flush(f)
            else:
                flush(f)
        elif _is_signature(body, k):
            flush()
            closing = body[k:]
            break
        elif f.para_start and ANNEX_RE.match(f.text) and f.kind in ("line", "sentence"):
            # 附件：重点任务分工表 ⏎ 序号⇥重点任务⇥牵头单位…: the plan has ended; the annex is no task's text
            flush()
            table, annex = _task_table(body[k:], warnings)
            if table is not None:
                sections.append(table)
            break
        else:
            buffer.append(f)
        k += 1
    flush()
    settle(None)
    signature = closing
    closing = _closing_paragraphs(sections, gap_before) + closing + annex
    return DraftPlan(front, sections, closing, runs, warnings, signature)


def _task_table(annex: list[Fragment], warnings: list[DraftWarning]) -> tuple[DraftSection | None, list[Fragment]]:
    """An annex that is a task table (附件：重点任务分工表 ⏎ header ⏎ rows) as a section of its rows'
    tasks (number null, label 附件, its title), and what of the annex stays text: the header row, and
    rows that do not line up with it (warned).  Not a task table: (None, the annex)."""
    head = annex[0]
    m = ANNEX_RE.match(head.text)
    assert m is not None
    title = head.text[m.end() :].strip() or None
    k = 1
    if title is None and k < len(annex) and "\t" not in annex[k].text and len(annex[k].text) <= 40:
        title, k = annex[k].text.strip(), k + 1  # 附件 ⏎ 重点任务分工表 ⏎ the table
    columns = header_columns(annex[k]) if k < len(annex) else None
    if columns is None:
        return None, annex
    section = DraftSection(None, m.group(0).rstrip("：: \t\u3000"), title, head)
    rest = annex[k : k + 1]  # the header row stays where it was printed
    unread: list[Fragment] = []
    k += 1
    while k < len(annex) and "\t" in annex[k].text:
        row = read_row(annex[k], columns)
        if row is None:
            unread.append(annex[k])
        else:
            item = (row.number[0], row.number[1], row.heading) if row.number else None
            section.tasks.append(DraftTask([row.text], row.units, item, None, row.headers))
        k += 1
    if unread:
        warnings.append(
            DraftWarning(
                "table_not_read",
                f"{len(unread)} row(s) of the task table {head.text} do not line up with its header "
                "(a merged cell?): kept as text in plan.closing",
                unread[0].start,
                unread[-1].end,
            )
        )
    if not section.tasks:
        return None, annex
    return section, rest + unread + annex[k:]


def _numbering_warning(level: str, f: Fragment, last: int, more: str = "") -> DraftWarning:
    """A heading numbered other than one past the last of its level: a gap (text lost) or out of order."""
    number = f.number or 0
    return DraftWarning(
        "numbering_gap" if number > last else "numbering_order",
        f"{level} {f.label} follows {level} {last or 'none'}{more}",
        f.start,
        f.end,
    )


#: An item heading sentence: short, one clause or two (1.拓展两个市场。 / 1.坚持创新驱动，转型升级。).
_ITEM_TITLE_MAX = 30


def _item_title(f: Fragment, nxt: Fragment | None) -> str | None:
    """The heading sentence of an item (1. / （1））, or None when its first sentence is content.

    A heading sentence is short (at most 30 characters, at most one ，, no ；：), and more text of the
    item follows it (1.拓展两个市场。积极稳妥地……); an item that is one sentence closed by its
    parenthesis (1.加快推进……。（A负责）) has no heading.  A heading printed on its own line without
    。 (1.拓展两个市场 ⏎ 积极……) is one too, when shorter still (20 characters, no ，) — a longer line
    without 。 may be a sentence that a line end cut.
    """
    label = f.label or ""
    if ARTICLE_RE.fullmatch(label):
        return None  # 第三条 政府投资项目实行审批制。…: an article has no heading, its first sentence is content
    body = f.text[len(label) :].strip() if f.text.startswith(label) else ""
    title = body.rstrip("。").strip()
    if title and f.kind == "item" and nxt is not None and nxt.kind == "subitem":
        return title  # 1.健全法规 ⏎ （1）……: an item whose text is divided into subitems is a heading
    if not title or len(title) > _ITEM_TITLE_MAX or title.count("，") > 1 or any(c in title for c in "；;：:。"):
        return None
    if not body.endswith("。") and (len(title) > 20 or "，" in title):
        return None  # a line without 。 is a heading only when short: else it may be a sentence cut by a line end
    if nxt is None or nxt.kind in ("section", "measure", "item", "subitem", "meta"):
        return None
    if nxt.kind == "paren" and is_responsibility(nxt.text):
        return None
    return title


def _after_label(f: Fragment) -> Fragment | None:
    """The fragment without its heading label (二、 （三） 1.), or None when nothing follows the label."""
    label = f.label or ""
    if not f.text.startswith(label):
        return None
    cut = len(label)
    while cut < len(f.text) and f.text[cut] in " \t\u3000":
        cut += 1
    if cut >= len(f.text):
        return None
    return replace(f, text=f.text[cut:], start=f.start + cut)


def _closing_paragraphs(sections: list[DraftSection], gap_before: frozenset[int]) -> list[Fragment]:
    """A closing paragraph the last measure does not own, taken out of it.

    gov.cn 意见 often end with a paragraph for everyone (各地区、各有关部门要……) after the last task's
    responsibility parenthesis.  Text that follows the document's last responsibility parenthesis in a
    paragraph of its own, at the very end of the plan, is its closing — where the tasks before it in
    the same measure are all closed by parentheses, so the measure's own text is never taken.
    """
    if not sections:
        return []
    sec = sections[-1]
    tasks = sec.measures[-1].tasks if sec.measures else sec.tasks
    if len(tasks) < 2:
        return []
    last = tasks[-1]
    if last.paren is not None or not last.fragments or not last.fragments[0].para_start:
        return []
    if not all(t.paren is not None for t in tasks[:-1]):
        return []
    if (last.item, last.subitem) != (tasks[-2].item, tasks[-2].subitem):
        return []  # a numbered item of its own (3.加强宣传引导。) that names nobody
    if any(fr.index in gap_before for fr in last.fragments):
        return []
    tasks.pop()
    return list(last.fragments)


def _is_signature(body: list[Fragment], k: int) -> bool:
    """A closing signature: a short line (the issuer) followed by a line that is only a date."""
    f = body[k]
    if f.kind != "line" or not f.para_start or len(f.text) > 30 or "，" in f.text:
        return False
    nxt = body[k + 1] if k + 1 < len(body) else None
    return nxt is not None and nxt.kind == "line" and DATE_RE.fullmatch(nxt.text.strip()) is not None
