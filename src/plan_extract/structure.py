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

from dataclasses import dataclass, field, replace
from itertools import pairwise

import regex

from .attribution import LABEL, carries_rule, is_name_list, is_responsibility
from .front import ANNEX_RE, HAND_ON_RE, FrontMatter, parse_front, parse_plan_head, sign_notice
from .segment import ARTICLE_RE, DATE_RE, SECTION_RE, Fragment
from .tables import header_columns, read_row


@dataclass
class DraftTask:
    fragments: list[Fragment]
    paren: Fragment | None = None
    item: tuple[int, str, str | None] | None = None
    subitem: tuple[int, str, str | None] | None = None
    #: a task table's row: the headers of the cells ``paren`` holds (牵头单位, 配合单位, 完成时限)
    headers: tuple[str, ...] | None = None
    #: the heading of the item the task opens (1.拓展两个市场。), whose label and title are ``item``'s:
    #: where the task is not placed, its text is the unplaced run's
    head: Fragment | None = None

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
    #: the responsibility printed on the heading of a measure divided into items (（一）…（牵头单位：A）
    #: ⏎ 1.… ⏎ 2.…): the measure's, for every task under it that names nobody itself
    paren: Fragment | None = None


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
class DraftPlan:
    front: FrontMatter
    sections: list[DraftSection]
    closing: list[Fragment]
    unplaced: list[UnplacedRun]
    warnings: list[DraftWarning]
    signature: list[Fragment] = field(default_factory=list)  # the closing signature block, part of ``closing``
    #: a notice's own numbered points before its signature (一、高度重视…): the notice's text, not the plan's
    notice_points: list[Fragment] = field(default_factory=list)


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
    first = _first_heading(frags)
    front = parse_front(frags[:first])
    body = frags[first:]
    if not _hands_on_unsigned(front):
        return _file(front, body, unplaced, gap_before)
    # a notice that hands a plan on and has not signed yet may number points of its own (一、高度重视…)
    # before it signs: they are its text, and the plan is what follows its signature, or not in the source
    split = _plan_after_signature(body)
    end, start = split or (0, 0)
    # where a 附件 line, not a signature, stands before the plan, only plain points are the notice's
    if split is not None and (start > end or _points_not_plan(front, body[:end])):
        sign_notice(front, body[end:start])
        rest = body[start:]
        head_end = _first_heading(rest)
        parse_plan_head(rest[:head_end], front)
        draft = _file(front, rest[head_end:], unplaced, gap_before)
        draft.notice_points = body[:end]
        return draft
    draft = _file(front, body, unplaced, gap_before)
    # the notice's text ends where its closing starts (its signature, or 附件 and the date)
    annexes = [sec for sec in draft.sections if _is_annex_section(sec)]
    at = {id(f): i for i, f in enumerate(body)}
    marks = [*draft.closing, *(sec.heading for sec in annexes if sec.heading)]
    end = min((at.get(id(f), len(body)) for f in marks), default=len(body))
    if draft.signature and _points_not_plan(front, body[:end]):
        draft.notice_points = body[:end]
        draft.sections = annexes  # a task table in an annex is the plan's
        # what was said about filing the points no longer applies
        draft.warnings = [
            w for w in draft.warnings if w.start is None or end == len(body) or w.start >= body[end].start
        ]
        if not annexes:
            draft.warnings.append(
                DraftWarning(
                    "no_structure",
                    "the plan this notice hands on is not in the source: the notice's own numbered points are "
                    "in document.body",
                )
            )
    return draft


def _unplaced_text(task: DraftTask) -> tuple[Fragment, ...]:
    """The fragments of a task that is not placed: its item's heading whole (label and title: no item
    field carries them), its text and its parenthesis."""
    frags = list(task.fragments)
    if task.head is not None:
        head = task.head
        frags = [head] + [f for f in frags if not (head.start <= f.start and f.end <= head.end)]
    return (*frags, *([task.paren] if task.paren else []))


def _first_heading(frags: list[Fragment]) -> int:
    """Where the numbered text starts: the first section or measure heading, else the first item (a
    plan whose top level is numbered 1. / （1） items: they are its tasks, in an implicit section)."""
    first = next((i for i, f in enumerate(frags) if f.kind in ("section", "measure")), None)
    if first is None:
        first = next((i for i, f in enumerate(frags) if f.kind in ("item", "subitem")), len(frags))
    return first


def _is_annex_section(section: DraftSection) -> bool:
    """A task table read from an annex (附件：重点任务分工表)."""
    return section.number is None and (section.label or "").startswith("附件")


def _hands_on_unsigned(front: FrontMatter) -> bool:
    """A notice that hands a plan on (现将《…》印发给你们) with nothing between it and the first heading:
    no signature, no plan title.

    Defect: such a notice may number points of its own before it signs (杭州 2020: …现印发给你们，
    请结合以下要求认真贯彻执行。 ⏎ 一、…各级各部门要提高站位… ⏎ 二、… ⏎ 杭州市人民政府办公厅 ⏎ 2020年5月20日;
    a 转发 notice's 贯彻意见).  Read as the plan, its points became the plan's sections, and a plan
    printed after its signature was lost in the closing."""
    return (
        front.body is not None
        and HAND_ON_RE.search(front.body.text) is not None
        and front.signed is None
        and front.plan_title is None
        and front.preamble is None
    )


def _plan_after_signature(body: list[Fragment]) -> tuple[int, int] | None:
    """Where the notice's points end and the plan starts, where the plan follows the notice's
    signature (or a 附件 line) numbered anew from 一、 (or （一）); None otherwise."""
    for k, f in enumerate(body):
        end = k + 1 if _is_closing_formula(f) and k + 1 < len(body) and _is_signature(body, k + 1) else k
        if _is_annex_start(f):
            # 附件：1.…任务清单 ⏎ 2.…任务分解 ⏎ 沁县人民政府办公室 ⏎ 2025年5月18日: the notice's annex note, and
            # its signature under it (沁县 2025: the signature was the plan's preamble, its annexes' names its title)
            end = _signed_under_annex(body, k)
        if _is_signature(body, end):
            start = end + (1 if DATE_RE.fullmatch(body[end].text.strip()) else 2)
        elif _is_annex_start(f):
            start = end
        else:
            continue
        nxt = next((g for g in body[start:] if g.kind in ("section", "measure")), None)
        return (end, start) if nxt is not None and nxt.number == 1 else None
    return None


def _signed_under_annex(body: list[Fragment], k: int) -> int:
    """Where the signature under the notice's annex note opening at ``k`` starts (``k`` where none is
    found): among the few lines after the note's first (one per annex), up to the first section or
    measure heading."""
    stop = min(len(body), k + 1 + ANNEX_NOTE_MAX)
    stop = next((j for j in range(k + 1, stop) if body[j].kind in ("section", "measure")), stop)
    return next((j for j in range(k + 1, stop) if _is_signature(body, j)), k)


#: Most lines a notice's annex note runs to after its first (附件：1.… ⏎ 2.… ⏎ …).
ANNEX_NOTE_MAX = 8

#: A notice announcing points of its own: 请结合以下要求认真贯彻执行 / 并就有关事项通知如下 / 提出如下贯彻意见.
_ANNOUNCES_POINTS = regex.compile(r"[如以]下")


def _points_not_plan(front: FrontMatter, points: list[Fragment]) -> bool:
    """Whether the numbered text of a notice that hands a plan on, up to where the notice signs, is the
    notice's own points, with the plan not in the source: the notice announces them (如下, 以下), or
    they read as a notice's points do, plain paragraphs under 一、 二、 (no measure, nobody named
    responsible in a parenthesis), and few (at most :data:`NOTICE_POINTS_MAX`), where a plan's sections
    hold measures or tasks with their agencies, or run on as a regulation's articles do (鄂温克旗 2022:
    …现将《…分工》印发给你们，请结合实际，认真贯彻落实。 ⏎ 一、各地区、各部门要高度重视…)."""
    assert front.body is not None
    if _ANNOUNCES_POINTS.search(front.body.text):
        return True
    headings = [f for f in points if f.kind == "section"]
    return (
        0 < len(headings) <= NOTICE_POINTS_MAX
        and points[0].kind == "section"
        and not any(f.kind == "measure" or (f.kind == "paren" and is_responsibility(f.text)) for f in points)
    )


#: Most points a notice numbers of its own, unannounced (a 办法's plain articles printed without its
#: title run on further).
NOTICE_POINTS_MAX = 6


def _file(
    front: FrontMatter,
    body: list[Fragment],
    unplaced: list[UnplacedRun] | None,
    gap_before: frozenset[int],
) -> DraftPlan:
    """File the numbered text (``body``, from the first heading on) into sections, measures and tasks."""
    warnings: list[DraftWarning] = []
    sections: list[DraftSection] = []
    runs: list[UnplacedRun] = list(unplaced or [])
    closing: list[Fragment] = []
    formula = 0  # where the signature starts in the closing: after 特此通告。 (and the annex note under it)
    dated: list[Fragment] = []  # a signature under the annex's name
    annex: list[Fragment] = []  # 附件 after the plan's text (a 任务分工表), kept in the closing as printed
    buffer: list[Fragment] = []
    pending: list[DraftTask] = []  # tasks after a gap, waiting for proof of their measure
    pending_frags: list[Fragment] = []
    uncertain = False  # a gap since the last measure heading
    section_uncertain = False  # a gap since the last section heading
    item: tuple[int, str, str | None] | None = None
    subitem: tuple[int, str, str | None] | None = None
    item_head: Fragment | None = None  # the heading of the item read last, until a task takes it
    last_section = 0
    last_measure = 0
    last_article = 0
    opened: Fragment | None = None  # the heading just read, while nothing has followed it yet
    carried = False  # a list's lead rule said 下同: a bare list of names is a task's agencies from there on

    def container() -> list[DraftTask]:
        if uncertain:
            return pending
        if not sections:
            sections.append(DraftSection(None, None, None, None))
        sec = sections[-1]
        return sec.measures[-1].tasks if sec.measures else sec.tasks

    def flush(paren: Fragment | None = None) -> None:
        nonlocal buffer
        nonlocal item_head
        if buffer or paren is not None:
            container().append(DraftTask(buffer, paren, item, subitem, head=item_head))
            item_head = None
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
                    runs.append(UnplacedRun(_unplaced_text(t), last_measure or None, hi))
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
            item_head = None
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
            item_head = None
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
            if _is_article(label):
                # a regulation's articles are numbered through the whole text: a gap is text lost
                if f.number != last_article + 1:
                    warnings.append(_numbering_warning("article", f, last_article))
                last_article = f.number
            title = _item_title(f, body[k + 1] if k + 1 < len(body) else None, carried)
            ref = (f.number, label, title)
            if f.kind == "item":
                item, subitem = ref, None
            else:
                subitem = ref
            item_head = f
            if title is None:
                # the item's first sentence is already its content: the task text starts after the label
                rest = _after_label(f)
                if rest is not None:
                    buffer.append(rest)
            else:
                opened = f
        elif f.kind == "paren" and (is_responsibility(f.text) or (carried and is_name_list(f.text))):
            carried = carried or carries_rule(f.text)
            if _names_measure(just_opened, body[k + 1] if k + 1 < len(body) else None) and not (
                buffer or f.index in gap_before or uncertain
            ):
                # （一）加快建设……（牵头单位：A） ⏎ 1.…: the measure's own agencies, not a task's
                sections[-1].measures[-1].paren = f
                k += 1
                continue
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
                    runs.append(UnplacedRun((*([item_head] if item_head else []), f), last_measure or None, hi_orphan))
                    item_head = None
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
        elif _is_closing_formula(f):
            # 特此通告。 ⏎ 某县人民政府 ⏎ 2022年11月22日: the document's last words, and its signature after
            flush()
            closing = body[k:]
            formula = 1
            if k + 1 < len(body) and _is_annex_start(body[k + 1]):
                # 特此通知。 ⏎ 附件：…实施办法 ⏎ 工业和信息化部办公厅 ⏎ 2020年1月17日 (工信部 2020): the annex note
                # stands between the formula and the signature (the note was taken for the issuer)
                formula = _signed_under_annex(body, k + 1) - k
            break
        elif _is_annex_start(f):
            # 附件：重点任务分工表 ⏎ 序号⇥重点任务⇥牵头单位…: the plan has ended; the annex is no task's text
            flush()
            tables, annex = _annexes(body[k:], warnings)
            sections.extend(tables)
            if k + 1 < len(body) and _is_signature(body, k + 1):
                dated = body[k + 1 :]  # 附件：…情况表 ⏎ 2022年2月21日: the annex is named above the date
            break
        else:
            buffer.append(f)
        k += 1
    flush()
    settle(None)
    signature = closing[formula:] or dated
    closing = _closing_paragraphs(sections, gap_before) + closing + annex
    return DraftPlan(front, sections, closing, runs, warnings, signature)


def _names_measure(heading: Fragment | None, nxt: Fragment | None) -> bool:
    """Whether a responsibility parenthesis right after a measure's heading is the measure's: its items
    follow (盘龙 2022: （一）加快建设区域性国际经济贸易中心现代服务业示范区（牵头单位：区商务和投资促进局）
    ⏎ 1.促进现代商贸服务业提质增效。…).  Followed by text, or by the next heading, the heading's sentence
    is all the parenthesis closes (（五）加快推进……。（A负责）): a task, as before."""
    return heading is not None and heading.kind == "measure" and nxt is not None and nxt.kind == "item"


def _is_annex_start(f: Fragment) -> bool:
    return f.para_start and f.kind in ("line", "sentence") and ANNEX_RE.match(f.text) is not None


def _annexes(frags: list[Fragment], warnings: list[DraftWarning]) -> tuple[list[DraftSection], list[Fragment]]:
    """The annexes after the plan's text (附件1：… ⏎ … ⏎ 附件2：…): a section for each that is a task
    table, and the text the rest keep (for the closing), in printed order."""
    starts = [k for k, f in enumerate(frags) if _is_annex_start(f)] + [len(frags)]
    sections: list[DraftSection] = []
    rest: list[Fragment] = frags[: starts[0]]
    for a, b in pairwise(starts):
        table, text = _task_table(frags[a:b], warnings)
        if table is not None:
            sections.append(table)
        rest += text
    return sections, rest


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


def _is_article(label: str) -> bool:
    """An item labelled 第三条, or 三、 (a 工作规则's article: segment reads 一、 as an item only there)."""
    return ARTICLE_RE.fullmatch(label) is not None or SECTION_RE.fullmatch(label) is not None


def _item_title(f: Fragment, nxt: Fragment | None, carried: bool = False) -> str | None:
    """The heading sentence of an item (1. / （1））, or None when its first sentence is content.

    A heading sentence is short (at most 30 characters, at most one ，, no ；：), and more text of the
    item follows it (1.拓展两个市场。积极稳妥地……); an item that is one sentence closed by its
    parenthesis (1.加快推进……。（A负责）) has no heading.  A heading printed on its own line without
    。 (1.拓展两个市场 ⏎ 积极……) is one too, when shorter still (20 characters, no ，) — a longer line
    without 。 may be a sentence that a line end cut.
    """
    label = f.label or ""
    if _is_article(label):
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
    if nxt.kind == "paren" and (is_responsibility(nxt.text) or (carried and is_name_list(nxt.text))):
        return None  # (carried: a bare list of names under a rule 下同 carried)
    if LABEL.match(nxt.text):
        # 1.地区生产总值增长8%以上。 ⏎ 牵头负责领导：金力。 ⏎ 牵头责任单位：…: fields follow, not the item's text
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


#: The words a document ends on before its signature: 特此通告。 特此通知。 此复。
CLOSING_FORMULA_RE = regex.compile(r"(?:特此(?:通告|通知|公告|通报|决定|批复|函告|函复|报告|函)|此复|此令)[。！]?")


def _is_closing_formula(f: Fragment) -> bool:
    """特此通告。 on a line of its own: the document's last words, never its last item's (五华县 2022: 特此通告。
    was read as the end of item 七's text)."""
    return f.para_start and CLOSING_FORMULA_RE.fullmatch(f.text.strip()) is not None


def _is_signature(body: list[Fragment], k: int) -> bool:
    """A closing signature: a short line (the issuer) followed by a line that is only a date; or a line
    that is only a date with no heading after it (南阳 2011: …再创佳绩。 ⏎ 二○一一年二月二十三日, no issuer
    printed above it)."""
    f = body[k]
    if f.kind != "line" or not f.para_start:
        return False
    if DATE_RE.fullmatch(f.text.strip()) is not None:
        return not any(g.kind in ("section", "measure", "item", "subitem") for g in body[k + 1 :])
    if len(f.text) > 30 or "，" in f.text or ANNEX_RE.match(f.text):
        return False  # 附件：…情况表 ⏎ 2022年2月21日 (鄂温克旗 2022): the annex's name is no issuer
    nxt = body[k + 1] if k + 1 < len(body) else None
    return nxt is not None and nxt.kind == "line" and DATE_RE.fullmatch(nxt.text.strip()) is not None
