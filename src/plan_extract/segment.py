"""Split normalized text into fragments: headings, sentences, parentheses, lines.

Fragments are the unit every later stage works on.  The Tianjin web scrape has lost its line
structure (lines are cut every ~400 characters wherever a reader's block ends), so boundaries
come from the text itself: a sentence ends at 。！？； outside brackets; a parenthesis that opens
where a sentence has just ended is its own fragment (the responsibility parenthesis closing a
task); a numbered heading (一、 （一） 1. （1）) starts a fragment; a paragraph break ends one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from .attribution import CLOSE_BRACKETS, OPEN_BRACKETS, RESP_LABEL, is_responsibility
from .dates import CN_DATE
from .numerals import FORMAL, parse_chinese_number

CN = "一二三四五六七八九十百千〇零"
SECTION_RE = regex.compile(rf"([{CN}]+)、")
#: 一．总体要求 / 一.总体要求: a section label typed with a full stop, at a paragraph start only (a
#: document that numbers its sections so had none found, and each heading ran into the task before).
SECTION_DOT_RE = regex.compile(rf"([{CN}]+)[．.](?=\p{{Han}})")
MEASURE_RE = regex.compile(rf"（([{CN}]+)）")
#: 壹、工作目标 / （壹）建立…机制: headings numbered in formal numerals (:data:`numerals.FORMAL`), at a
#: paragraph start only -- inside a line 海陆、 and 伍、 are words.
FORMAL_SECTION_RE = regex.compile(rf"([{FORMAL}]+)、")
FORMAL_MEASURE_RE = regex.compile(rf"（([{FORMAL}]+)）")
#: A regulation's (办法, 条例, 细则) numbering: 第一章 总则 / 第一节 … / 第一条 …, at a paragraph start.
CHAPTER_RE = regex.compile(rf"第([{CN}]+)章")
PART_RE = regex.compile(rf"第([{CN}]+)节")
ARTICLE_RE = regex.compile(rf"第([{CN}]+)条")
_PARA_START = r"(?:^|(?<=\n))[ \t\u3000]*"
_ARTICLE_HEADING = regex.compile(rf"{_PARA_START}第[{CN}]+[章条]", regex.MULTILINE)
_ARTICLE_LINE = regex.compile(rf"{_PARA_START}第[{CN}]+条", regex.MULTILINE)
_SECTION_HEADING = regex.compile(rf"{_PARA_START}(?:[{CN}]+[、．.]|[{FORMAL}]+、)", regex.MULTILINE)
#: 1. 1． 1、 (at a paragraph start only).  A digit may follow 、 (2、2017年，九景衢铁路…, 江西 2017) and a
#: year may follow a full stop (2.2017年…); 2.5G… is a number, not item 2.
ITEM_RE = regex.compile(r"(\d{1,3})(?:、|[.．](?!\d)|[.．](?=(?:19|20)\d\d年))")
#: 2.5G基站建设 / 3.12345热线整合: an item whose text opens with a digit, read as one only where its
#: number is the next after the item before (:func:`_cuts`); otherwise 2.5 is a number.  Never a
#: decimal heading's number (1.1编制目的, 4.2.1 …: a contents list's or a 预案's).
_ITEM_BEFORE_DIGIT = regex.compile(r"(\d{1,3})[.．](?=\d)(?!\d{1,2}(?:[.．]\d{1,2})*[ \t\u3000]*\p{Han})")
SUBITEM_RE = regex.compile(r"（(\d{1,3})）")
SUBITEM_ASCII_RE = regex.compile(r"\((\d{1,3})\)")  # (1) as typed on some pages (at a paragraph start only)
#: ① … ⑳, ㉑ … ㊿: a subitem numbered in circled digits, as Word's numbering prints them (at a paragraph
#: start only; inside a sentence, …包括：①…；②… are the sentence's own clauses).
SUBITEM_CIRCLED_RE = regex.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")
#: The labels of the metadata a government page prints above a document (gov.cn's table, copied as
#: text, and the 发布时间/信息来源 line of a city's site).  Not 来源 here: 资金来源：… is plan text (below).
META_LABELS = (
    "发布日期|发布时间|发文日期|成文日期|发文字号|发布文号|索引号|发文机关|发文机构|发布机构|发布部门|主题分类|主题词"
    "|信息来源|文章来源|生效日期|施行日期|实施日期|生成日期|生效时间|废止时间|废止日期|信息分类|组配分类"
    "|发布单位|发布机关|失效日期|文件来源|所属类别|文件分类|所属机构|公开日期|上载日期"
    "|公开目录|公开责任部门|公开形式|公开方式|公开类型|公开属性|公开期限|公开范围|政策咨询机关|政策咨询电话"
    "|政策解读|内容分类|关键词|签发时间|签发日期|签署日期|登记日期|公开时限|发文单位|文件类型|效力状态|信息时效期|失效时间"
    "|文件编号|发文时间|发表日期|发表时间"
)
#: Labels that are also words of plan text (项目名称：, 文号) are a page's field only where no Chinese
#: character runs into them (蔚县 2020: 名    称:…的通知 ⏎ 文    号:蔚政办字〔2020〕43号).
_META_LOOSE = "名称|标题|文号|分类|有效性|时效性|时效说明|时效|浏览量|浏览次数|内容概述"
_ANY_META = f"{META_LABELS}|{_META_LOOSE}"
#: Every label of a page's field.
PAGE_FIELD_LABELS: tuple[str, ...] = tuple(_ANY_META.split("|"))
_BULLETS = "•·●▪◦*-"
#: A list's bullet before a label (• 索引号:), as a page's <li> prints when copied as text (or as a
#: page turned to Markdown prints it: 济宁 2021, - 发布日期:2021-07-19 ⏎ - 浏览次数:).
_BULLET = rf"(?:[{_BULLETS}][ \t\u3000]*)?"
#: 来源 (资金来源：… is plan text, and a mirror's 作者:… 来源:… line is its header) only as an item of such
#: a list (镇巴县 2024: • 来源: ⏎ • 发文机构:).
_LISTED_SOURCE = rf"(?<=[{_BULLETS}][ \t\u3000]{{0,3}})来源"
_META_DATE = r"\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:[ \t\u3000]*\d{1,2}:\d{2}(?::\d{2})?)?"  # a date (and a time)
#: a document number: 国发〔2019〕3号 -- its number before 号 (an index with the next label run on after
#: it, 011217651/2014-27670文号：…, or a name, 鄂州市政府发文字号：…, is no number: 鄂州 2014)
_META_NUMBER = r"[0-9０-９年月日\-./〔〕\[\]\p{Han}]+?(?<=[0-9０-９〇零一二三四五六七八九十百])号"
#: an index number: 000014349/2019-00012, or with blanks round its / (浠水 2017: 011282752 / 2017-00101)
_META_INDEX = r"[0-9A-Za-z](?:[0-9A-Za-z\-_.]|[ \t]*/[ \t]*(?=[0-9A-Za-z]))*(?![^\s，,；;、])(?![ \t]*/)"
#: A document's validity, as a page's field states it (时效: 失效, 有效性: 现行有效).
_META_VALIDITY = r"(?:现行)?有效|已?失效|已?废止|部分失效"
#: A document number under its label, only a number's (咸阳 2022: 主题词 ⏎ ⏎ 咸政发〔2022〕4号, the number the
#: page prints above the addressees, is no 主题词).
_NUMBER_BELOW = rf"(?<=(?:文号|字号)[：:】][ \t\u3000]*\n[ \t\u3000\n]*){_META_NUMBER}"
#: A document's type, as its title ends (…的通知, …实施方案).
DOC_TYPES = "通知|意见|方案|办法|决定|规定|细则|计划|规划|纲要|措施|函|批复|通报|公告|通告|决议|条例|指引|要点|规则|预案|指南|章程"
#: A value on the line under its label (• 索引号: ⏎ 6107280000/2024-001005 ⏎ • 主题分类:), as a page
#: that sets its fields in a list prints them: a date, a number, an index or a validity alone on its
#: line, or any line of up to a title's length with the next label right under it (gov.cn 2014, as
#: its narrow layout prints the table: 标  题: ⏎ 国务院办公厅关于落实…分工的通知 ⏎ 发文字号:).  A title is
#: the value under a title's label only: 文号: 时效: ⏎ 关于印发《…工作方案》的通知 ⏎ 发表日期: (木兰 2019) is a
#: page's title between its fields, and 时效 is empty.
_VALUE_BELOW = (
    rf"(?:\n[ \t\u3000\n]*(?=(?:{_META_DATE}|{_NUMBER_BELOW}|{_META_INDEX}|{_META_VALIDITY})[ \t\u3000]*(?:\n|$)"
    rf"|(?:(?<=(?:标题|名称)[：:]\s*)|(?![^\n]*(?:{DOC_TYPES})[ \t\u3000]*\n))"
    rf"[^\n：:]{{1,120}}\n[ \t\u3000\n]*{_BULLET}(?:{_ANY_META})[：:]))?"
)
#: The next field's label, which ends a field's value: 发文日期: or, as a law database prints its
#: fields, 【发布日期】 (广州 2007: - 【发布文号】穗府〔2007〕7号 ⏎ - 【发布日期】2007-04-04).
_NEXT_LABEL = rf"{_BULLET}(?:(?:{_ANY_META})[：:]|【(?:{_ANY_META})】)"
META_RE = regex.compile(
    rf"{_BULLET}(?|【({_ANY_META})】|({META_LABELS}|(?<!\p{{Han}})(?:{_META_LOOSE})|{_LISTED_SOURCE})[：:])"
    rf"[ \t\u3000]*{_VALUE_BELOW}("
    rf"{_META_DATE}|{_META_NUMBER}|{_META_INDEX}|(?<=\n[ \t\u3000\n]*)(?:{_META_VALIDITY})(?=[ \t\u3000]*(?:\n|$))"
    # nothing (主题词:, or 文号: with the next label right after it, 文号:文件分类:…, 黄石下陆区 2020); or a
    # name, to the next label (发布机构:政府办, 发文日期:…) or the line's end; no 。 but one that ends a
    # statement of validity (…此文件宣布失效。): a page that lost its line breaks runs its text on after
    # 公开方式：主动公开 (兴宁 2020)
    rf"|(?=[ \t\u3000]*(?:{_NEXT_LABEL}|\n|$))"
    rf"|[^\n：:。]+?(?:(?<=(?:{_META_VALIDITY}))。)?(?=[，,；;、]?[ \t\u3000]*(?:{_NEXT_LABEL}|\n|$))"
    r")[，,；;、]?"
)
#: A date as signed: 2022年3月25日, or in Chinese numerals as formal documents signed until 2012 (二〇一一年三月三十日).
DATE_RE = regex.compile(rf"(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{CN_DATE})")

SENTENCE_END = "。！？；"
_META_FIRST = frozenset(
    [label[0] for label in _ANY_META.split("|")] + list(_BULLETS) + ["【"]
)  # a cheap pre-check for META_RE
OPENERS = {"（": "）", "《": "》", "“": "”", "〔": "〕", "【": "】", "「": "」", "‘": "’", "［": "］", "[": "]"}
#: A line of a labelled responsibility list that goes on the list before it (牵头单位：A ⏎ 配合单位：B ⏎
#: 完成时限：2023年底前), in a paragraph of its own too (a web page prints each line as a <p>).
_LIST_LINE = regex.compile(rf"\s*(?:{RESP_LABEL.pattern}|(?:完成|办结)?(?:时限|时间|时间节点)[：:])")


#: A leader's field on the line above a labelled list (牵头负责领导：刘惠。 ⏎ 牵头责任单位：省发展改革委。): the
#: list's first line.  It names a person, so attribution keeps it in the task's ``agency_note``.
_LEADER_FIELD = regex.compile(rf"\p{{Han}}{{0,4}}领导[：:][^\n：:]{{1,40}}\n\s*(?={RESP_LABEL.pattern})")


def _item_label(text: str, i: int, *, para: bool, after_paren: bool, last_item: int) -> regex.Match[str] | None:
    """The label of an item (1. 1、) at ``i``: at a paragraph's start (:data:`ITEM_RE`; or, where its
    text opens with a digit, :data:`_ITEM_BEFORE_DIGIT`, or numbered 1。, :data:`_ITEM_FULL_STOP`, with the
    number after ``last_item``); or the next
    item's, run on after the last one's agencies on their line (黑龙江 2013: …（省发改委主办，…协办）2.重点抓好…)."""
    m = ITEM_RE.match(text, i)
    if m is not None:
        return m if para or (after_paren and int(m.group(1)) == last_item + 1) else None
    m = (_ITEM_BEFORE_DIGIT.match(text, i) or _ITEM_FULL_STOP.match(text, i)) if para else None
    return m if m is not None and int(m.group(1)) == last_item + 1 else None


#: 1。在以习近平同志为核心…: an item numbered with a full stop, as a news site's copy sets it (天津 2020 on
#: sina), read at a paragraph's start where its number follows the item before (1 first).
_ITEM_FULL_STOP = regex.compile(r"(\d{1,3})。(?=\p{Han})")


#: A heading's count of what it holds: （88条）, （8项）.
_HEADING_COUNT = regex.compile(r"（\d{1,4}(?:条|项|个|类|件|方面)）")


def _opens_labelled_list(text: str, i: int) -> bool:
    """Whether a bracket at ``i`` opens a labelled responsibility list: （责任单位：…） 〔牵头单位：…〕."""
    return text[i] in OPEN_BRACKETS and RESP_LABEL.match(text, i + 1) is not None


def _labelled_list_end(text: str, i: int) -> int:
    """End of a responsibility list printed bare from ``i`` (责任单位：A、B): the end of its line, or
    its 。, unless the next line (or what follows the 。) is another label of the list."""
    j = i
    n = len(text)
    while j < n:
        ch = text[j]
        if ch in "\n。":
            if _LIST_LINE.match(text, j + 1):
                j += 1
                continue
            return j + (ch == "。")
        if ch in OPENERS and (close := _matching(text, j)) != -1:
            j = close
            continue
        j += 1
    return n


def squash(text: str) -> str:
    """The comparison form of a text: normalized already by the pipeline; here only whitespace goes
    (a PDF's line breaks and the spaces inside 2025 年 are not differences)."""
    return "".join(text.split())


@dataclass(frozen=True)
class Fragment:
    """A piece of normalized text ``[start, end)`` with what the segmenter recognised it as."""

    index: int
    kind: str  # "meta" | "section" | "measure" | "item" | "subitem" | "paren" | "sentence" | "line"
    text: str
    start: int
    end: int
    para_start: bool = False  # a paragraph break (or the start of the text) precedes it
    label: str | None = None  # heading label as printed: 二、 （三） 1.
    number: int | None = None  # heading number
    title: str | None = None  # heading title (without 。)

    @property
    def key(self) -> str:
        """What two copies of the same fragment share: the text without whitespace."""
        return squash(self.text)

    @property
    def swallows_sentence(self) -> bool:
        """Whether this is a section heading with a sentence run into its title.

        A section title is a phrase (一、构建绿色低碳循环发展的生产体系), never a sentence: one with a full
        stop has body text run into it where the source lost the break after the title (in an
        interleaved scrape, the other reader's sentence), and nothing says where the title ends --
        六、构建市场导向的绿色技术创新体系推进既有产业园区和产业集群循环化改造，…。"""
        return self.kind == "section" and self.title is not None and "。" in self.text


def _matching(text: str, i: int) -> int:
    """Index just past the bracket that closes ``text[i]`` (nesting-aware), or -1."""
    depth: list[str] = []
    for j in range(i, len(text)):
        ch = text[j]
        if ch in OPENERS and not (ch == "‘" and depth and depth[-1] == "’"):
            depth.append(OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
            if not depth:
                return j + 1
        elif ch == "\n" and text.startswith("\n", j + 1):
            return -1  # a paragraph break: the bracket never closes
    return -1


def _sentence_end(text: str, i: int, stop_at_heading: bool) -> int:
    """End (exclusive) of the sentence starting at ``i``: after 。！？； at depth 0, or at a newline."""
    depth: list[str] = []
    j = i
    n = len(text)
    while j < n:
        ch = text[j]
        if ch == "\n":
            return j
        if ch in OPENERS:
            close = _matching(text, j)
            if close == -1:
                j += 1
                continue
            if j > i and ((ch == "（" and text[j - 1] in SENTENCE_END) or _opens_labelled_list(text, j)):
                return j  # the parenthesis that closes a task: （A负责） after 。, （责任单位：A） anywhere
            j = close
            continue
        if ch in SENTENCE_END and not depth:
            return j + 1
        if stop_at_heading and j > i and ch in _META_FIRST and _starts_meta(text, j):
            return j
        j += 1
    return n


def _starts_meta(text: str, i: int) -> bool:
    return META_RE.match(text, i) is not None


#: A heading's title that a colon ends, its text run on after it: （一）总体要求：以习近平新时代… (a short
#: phrase with no pause; a longer run before a colon is the heading's sentence, 加快…，推动以下工作：).
_TITLE_BEFORE_COLON = regex.compile(r"[^，,、；;。：:（）()\n]{2,12}")


def _heading_title(text: str, start: int, end: int) -> str | None:
    """The title of the heading whose label ends at ``start`` and whose fragment ends at ``end``."""
    return text[start:end].rstrip("。：:").strip() or None


def _heading_title_end(text: str, i: int, *, until_measure: bool) -> int:
    """End of a heading title starting at ``i``: at 。 or at a colon after a short title (included), a
    newline, or the next （N） label; a section title (``until_measure``) also ends where another section
    label begins in it.

    Why the colon: a heading may run its text on after a colon (（一）总体要求：以习近平新时代中国特色社会主义
    思想为指导，…。), and the whole paragraph was the measure's title.

    Why the last: where one reader's block ends on a heading and the other's begins with one, the
    two run together: ``七、完善政策制度体系三、构建绿色低碳循环发展的流通体系`` (rare-turn-skip variant
    1005).  Read as one title, heading 三 lost its fragment, A's copy of it had no partner and was
    taken for B's in the wrong place: measures （四）-（八） were filed under section 三.  A section
    title holds no numbered label of its own, so one that is not the tail of a longer numeral (十一、)
    ends it."""
    j = i
    n = len(text)
    while j < n:
        ch = text[j]
        if ch == "\n":
            return j
        if (
            until_measure
            and j >= i + 2
            and text[j - 1] not in CN
            and (m := SECTION_RE.match(text, j))
            and parse_chinese_number(m.group(1))
        ):
            return j
        if ch == "。" or (ch in "：:" and _TITLE_BEFORE_COLON.fullmatch(text, i, j)):
            return j + 1
        if j > i and _opens_labelled_list(text, j):
            return j  # （一）加强统筹（牵头单位：A）: the list is the heading's parenthesis
        if ch == "（":
            if until_measure and (MEASURE_RE.match(text, j) or SUBITEM_RE.match(text, j)):
                return j
            close = _matching(text, j)
            if close == -1:
                return j
            if until_measure and not (
                _HEADING_COUNT.fullmatch(text, j, close) and text[close : close + 1] in ("", "\n")
            ):
                # a section title has no parenthesis of its own in these documents: a （ ends it -- but
                # for a count at the line's end (一、县示范区管委会牵头工作（8项）, 沁县 2025), which was a task
                return j
            j = close
            continue
        if ch in _META_FIRST and _starts_meta(text, j):
            return j
        j += 1
    return n


def section_labels(text: str) -> Iterator[regex.Match[str]]:
    """The section labels (``三、``) of ``text`` that can begin a heading: at its start, or after a line
    break, a 。, a ） or a ； (not ``一、二、三`` counted off inside a sentence)."""
    for m in SECTION_RE.finditer(text):
        if m.start() == 0 or text[m.start() - 1] in "\n。）；":
            yield m


def _clean_section_titles(text: str) -> dict[str, str]:
    """Section titles that end cleanly (before a measure label, a newline or a 。), by label; of two
    such titles of one label where one begins the other, the shorter.

    A heading that begins where another one's title ends (``一、总体要求二、构建…``) counts as well:
    it opens no line and follows no full stop, so it is not among :func:`section_labels`.  In wide
    draw 5793 B's 一 ran into A's 二, and B's copy of 二, glued to A's next sentence, was not cut
    back to its title; the two copies did not pair, and measure （一） was filed under section 二.

    Why the shorter: a heading that swallowed the other reader's next words can itself end
    cleanly, where those words have no comma and a parenthesis or a line break follows them.  In
    the 100x plan of ``make bench``, A's ``一百四十八、构建绿色低碳循环发展的消费体系`` ran into B's
    ``加强新能源汽车充换电、加氢等配套基础设施建设（第8轮）。`` and came first, so its title was
    taken for the clean one, and the heading kept the sentence (its parenthesis and full stop cut
    off as fragments of their own).  The words a title swallowed are never part of the title, so
    the shorter of two such titles is the one to trust.
    """
    titles: dict[str, str] = {}
    labels = list(section_labels(text))
    seen = {m.start() for m in labels}
    for m in labels:  # in text order, then the headings found run into them (appended as found)
        end = _heading_title_end(text, m.end(), until_measure=True)
        title = text[m.end() : end].rstrip("。：:")
        nxt = SECTION_RE.match(text, end) if end < len(text) and end > m.end() + 1 else None
        if nxt and parse_chinese_number(nxt.group(1)) and nxt.start() not in seen:
            # two headings run together (一、总体要求二、构建…): the second begins where the first ends
            seen.add(nxt.start())
            labels.append(nxt)
        if end < len(text) and (text[end] in "\n（" or nxt) and title and "，" not in title:
            known = titles.setdefault(m.group(0), title)
            if known.startswith(title):
                titles[m.group(0)] = title
    return titles


def segment(text: str) -> list[Fragment]:
    """Split ``text`` into fragments in text order.

    A section title ends at a measure label, a newline or a 。 — but in a damaged source a reader's
    block may end right after a heading, gluing the next block's sentence to it (三、构建…流通体系
    全面推行清洁生产，…).  Where the same section heading also occurs cleanly elsewhere, that clean
    title bounds the glued one; where it does not, a sentence that the text holds elsewhere as a
    fragment of its own and that begins inside the title bounds it (:func:`_glued_section_ends`).
    """
    clean = _clean_section_titles(text)
    chapters, articles = regulation_numbering(text)
    decimal = decimal_numbering(text)
    cuts = list(_cuts(text, clean, {}, chapters=chapters, articles=articles, decimal=decimal))
    forced = _glued_section_ends(text, cuts)
    if forced:
        cuts = _recut(text, clean, forced, cuts, chapters=chapters, articles=articles, decimal=decimal)
    return [
        Fragment(index, kind, text[start:end], start, end, para_start=para, label=label, number=number, title=title)
        for index, (kind, start, end, para, label, number, title) in enumerate(cuts)
    ]


def regulation_numbering(text: str) -> tuple[bool, regex.Pattern[str] | None]:
    """Whether ``text`` is numbered in chapters (第一章 总则), and the label of its articles (第一条 …, or
    一、 where a 工作规则 numbers them so), None where it has none.

    Why: a 办法 or 条例 numbers no 一、 section and no （一） measure, so it had no structure at all: its
    whole text went to ``plan.preamble`` with a ``no_structure`` warning.  Its 章 are then sections, its
    节 measures and each 条 an item whose text is a task; where it has articles, a （一） that opens a
    paragraph is an article's clause (a subitem), else it stays a measure (第一章 总体要求 ⏎ （一）指导
    思想).  Where a paragraph opens with a 一、 label, a 规划 that nests 一、 sections under 第一章 keeps
    them as before (no chapters, no articles) — unless the 一、 are articles: a government's 工作规则
    (镇巴县 2024: 第一章总则 ⏎ 一、根据《宪法》…制定本规则。 ⏎ 二、… ⏎ 第二章… ⏎ 四、…) numbers its
    paragraphs 一、 through the whole text across two chapters or more, and most of them are sentences,
    not headings.  Before, its chapter headings became task text and each article a section.
    """
    if _ARTICLE_HEADING.search(text) is None:
        return False, None
    if _SECTION_HEADING.search(text) is None:
        return True, ARTICLE_RE if _ARTICLE_LINE.search(text) is not None else None
    return (True, SECTION_RE) if _articles_numbered_in_sections(text) else (False, None)


_CHAPTER_LINE = regex.compile(rf"{_PARA_START}第[{CN}]+章", regex.MULTILINE)
_SECTION_LINE = regex.compile(rf"{_PARA_START}([{CN}]+)、([^\n]*)", regex.MULTILINE)


def _articles_numbered_in_sections(text: str) -> bool:
    """Whether the 一、 paragraphs of a text in chapters are its articles: numbered on across two
    chapters or more (never 一、 again after the first), and more than half of them sentences (。)."""
    chapters = [m.start() for m in _CHAPTER_LINE.finditer(text)]
    lines = [(m.start(), parse_chinese_number(m.group(1)), m.group(2)) for m in _SECTION_LINE.finditer(text)]
    numbers = [n for _, n, _ in lines if n is not None]
    if not lines or len(numbers) < len(lines) or numbers != sorted(set(numbers)):
        return False
    holding = {sum(1 for c in chapters if c < at) for at, _, _ in lines}  # the chapters that hold a 一、
    sentences = sum(1 for _, _, rest in lines if "。" in rest)
    return len(holding - {0}) >= 2 and 2 * sentences > len(lines)


#: A decimal heading at a paragraph's start (1 总则, 1. 总则, 1.1 编制目的, 1.1.1, 1.1.1.1), its number's parts.
DECIMAL_RE = regex.compile(r"(\d{1,2})((?:\.\d{1,2}){0,3})[.．]?(?=[ \t\u3000]*\p{Han})")
#: A top-level decimal heading is a line of its own, short and without a sentence's marks: 2 组织体系.
_DECIMAL_TOP = regex.compile(
    rf"{_PARA_START}(\d{{1,2}})[.．]?[ \t\u3000]*\p{{Han}}[^\n。；！？，：]{{0,30}}$", regex.MULTILINE
)
_DECIMAL_SUB = regex.compile(rf"{_PARA_START}(\d{{1,2}})\.\d{{1,2}}(?!\d)[ \t\u3000]*\p{{Han}}", regex.MULTILINE)


def _row_end(text: str, i: int) -> int | None:
    """The end of the line at ``i`` where it is a table's row (its cells cut by tabs), else None."""
    nl = text.find("\n", i)
    end = len(text) if nl == -1 else nl
    return end if "\t" in text[i:end] else None


def decimal_numbering(text: str) -> bool:
    """Whether ``text`` numbers its parts in decimals: 1 总则 ⏎ 1.1 编制目的 ⏎ … ⏎ 2 组织体系 ⏎ 2.1 ….

    Why: an emergency plan (应急预案) and many technical 规范 number no 一、 section and no （一）
    measure, so, as a regulation did, it had no structure at all (蔚县 2020: its whole text in
    ``plan.preamble`` with a ``no_structure`` warning).  Its top-level parts are then sections, its
    N.M parts measures (numbered anew in each section), N.M.K items and N.M.K.L subitems, each with
    its label as printed.  Only where no paragraph opens with a 一、 section or a 第一章/第一条, the
    top-level headings (lines of their own) run 1, 2, … in order, and at least two N.M parts stand
    under them: a paragraph that merely opens with a number (10万亩高标准农田…) is no heading.
    """
    if _SECTION_HEADING.search(text) is not None or _ARTICLE_HEADING.search(text) is not None:
        return False
    tops = [int(m.group(1)) for m in _DECIMAL_TOP.finditer(text)]
    if not tops or tops != list(range(1, len(tops) + 1)):
        return False
    under = [int(m.group(1)) for m in _DECIMAL_SUB.finditer(text) if int(m.group(1)) in tops]
    return len(under) >= 2


#: A fragment before it is made: kind, start, end, para_start, label, number, title.
_Cut = tuple[str, int, int, bool, str | None, int | None, str | None]

#: Shortest sentence that may bound a glued section title (shorter ones could be a title's own words).
GLUE_MIN_CHARS = 8


def _glued_section_ends(text: str, cuts: list[_Cut]) -> dict[int, int]:
    """Where a section heading has swallowed the start of a sentence the text holds elsewhere.

    Why: an interleaved scrape cuts a reader's block right after a heading now and then, and a
    heading has no closing mark, so the other reader's next sentence runs on into the title:
    ``四、构建绿色低碳循环发展的消费体系实施《天津市养殖水域滩涂规划（2019—2030年）》。`` (a generated
    variant of the Tianjin scrape; the heading's other copy was skipped, so no clean title bounds it).
    The sentence is a duplicate: its other copy is a fragment of its own elsewhere.  So the title
    ends where such a sentence begins, the earliest such place after the title's first two
    characters.  Returns {heading start: title end}.
    """
    firsts: dict[str, list[str]] = {}
    for kind, start, end, *_ in cuts:
        piece = text[start:end]
        if kind == "sentence" and len(piece) >= GLUE_MIN_CHARS and squash(piece) == piece:
            firsts.setdefault(piece[:4], []).append(piece)
    forced: dict[int, int] = {}
    for kind, start, end, _, label, _, _ in cuts:
        if kind != "section" or label is None:
            continue
        head = start + len(label)
        # the glued sentence may run on past the fragment (the title stopped at a bracket inside it)
        for p in range(head + 2, end - 1):
            if any(text.startswith(k, p) for k in firsts.get(text[p : p + 4], ())):
                forced[start] = p
                break
    forced.update(_same_heading_ends(text, cuts, forced))
    forced.update(_shared_title_ends(text, cuts, forced))
    return forced


def _same_heading_ends(text: str, cuts: list[_Cut], forced: dict[int, int]) -> dict[int, int]:
    """The other copies of each heading whose title a sentence held elsewhere bounds (``forced``),
    where they run on past that title too.

    Why: both readers may end a block right after the same heading.  Seed-000-like variant 16006:
    A's ``三、构建绿色低碳循环发展的流通体系`` ran into B's next sentence, which the text holds again,
    so its title was bounded; B's copy ran into A's ``持续完善强化清洁生产、发展循环经济、…等方面政策
    措施``, which A alone read and which has no comma and ends before a parenthesis, so it even
    passed for a clean title (:func:`_clean_section_titles`).  The two copies were not paired; A's,
    read before A's last anchor and seen once, was taken for B's own text between two fragments A
    read back to back, so A seemed to skip inside its blocks: order repair trusted none of A's
    neighbours (13 of 54 tasks exact instead of 30) and filed measure （四） under section 三.  A title
    bounded by such a sentence is the heading's whole title (the sentence cannot be part of it),
    so it bounds the heading's other copies, and overrides a clean title that runs on past it.
    Returns {heading start: title end}.
    """
    titles: dict[str, str] = {}
    for kind, start, _, _, label, _, _ in cuts:
        if kind == "section" and label is not None and start in forced:
            titles.setdefault(label, text[start + len(label) : forced[start]])
    ends: dict[int, int] = {}
    for kind, start, end, _, label, _, _ in cuts:
        if kind != "section" or label is None or start in forced or label not in titles:
            continue
        cut = _title_cut(text, start + len(label), end, titles[label])
        if cut < end:
            ends[start] = cut
    return ends


#: Shortest title that two run-on copies of a heading must share before their common part is taken
#: for the title (总体要求, the shortest section title of the Tianjin plan, has four characters).
SHARED_TITLE_MIN_CHARS = 4


def _shared_title_ends(text: str, cuts: list[_Cut], forced: dict[int, int]) -> dict[int, int]:
    """Where two copies of a section heading ran on into *different* sentences: their common part
    is the title.

    Why: both readers may end a block right after the same heading, and neither sentence that ran
    on into it is held anywhere else (B's had been skipped by A, A's lay beyond where B stopped).
    Seed-000-like variant 29058: A's ``三、构建绿色低碳循环发展的流通体系`` ran into B's ``全面推行清洁生产，
    …``, B's copy into A's ``持续完善强化清洁生产、…``; no sentence bounded either title
    (:func:`_glued_section_ends`), so the copies were not paired, A's was decoded as B's text after
    （三）: measure （四） was filed under section 三, and （五）-（十七） under no section.  A section
    label is printed once in a document, so two copies of it are one heading: what they share is
    its title, and where they part two sentences begin.  A shared part under
    :data:`SHARED_TITLE_MIN_CHARS`, one holding a comma or a full stop, or a tail shorter than
    :data:`GLUE_MIN_CHARS` is not trusted (two inline headings ``一、加强领导。`` and ``一、加快发展。``
    share 加 without being one heading).  Known limit: where the two sentences begin with the same
    characters (加快… and 加强…), those are taken into the title and cut off the sentences.
    Returns {heading start: title end}.
    """
    tails: dict[str, list[tuple[int, str]]] = {}
    for kind, start, end, _, label, _, _ in cuts:
        if kind == "section" and label is not None:
            tails.setdefault(label, []).append((start, text[start + len(label) : end]))
    ends: dict[int, int] = {}
    for label, copies in tails.items():
        if any(start in forced for start, _ in copies) or len({tail for _, tail in copies}) < 2:
            continue
        title = _shared_start([tail for _, tail in copies])
        if (
            len(title) < SHARED_TITLE_MIN_CHARS
            or "，" in title
            or "。" in title
            or any(len(tail) - len(title) < GLUE_MIN_CHARS for _, tail in copies)
        ):
            continue
        for start, _ in copies:
            ends[start] = start + len(label) + len(title)
    return ends


def _shared_start(texts: list[str]) -> str:
    """The longest start all of ``texts`` share (the least and the greatest share no less than all)."""
    low, high = min(texts), max(texts)
    k = 0
    while k < min(len(low), len(high)) and low[k] == high[k]:
        k += 1
    return low[:k]


def _title_cut(text: str, head: int, end: int, title: str | None) -> int:
    """Where a section title that begins at ``head`` and would run to ``end`` ends, given ``title``
    (known from another copy of the heading): at ``title``'s end if it runs on past it, else ``end``."""
    if title and text.startswith(title, head) and end > head + len(title):
        return head + len(title)
    return end


def _recut(
    text: str,
    clean: dict[str, str],
    forced: dict[int, int],
    first: list[_Cut],
    *,
    chapters: bool = False,
    articles: regex.Pattern[str] | None = None,
    decimal: bool = False,
) -> list[_Cut]:
    """``first`` (the cuts made without ``forced``) with the ``forced`` title ends.

    Why not cut the whole text again: a long text (many documents' fragments, ``make bench``'s 100x
    plan) has a glued heading somewhere, and cutting it twice made segmenting a 10x text take 17x-20x the
    time of 1x.  A cut depends only on where it begins and whether a paragraph break precedes it, so
    from each forced heading the text is cut again only until a cut begins where one of ``first``
    did, in the same state; from there on ``first`` holds until the next forced heading.
    """
    at = {cut[1]: k for k, cut in enumerate(first)}
    out: list[_Cut] = []
    k = 0
    for s in sorted(forced):
        if out and out[-1][2] > s:
            continue  # cut again already, on the way from an earlier forced heading
        while first[k][1] < s:
            out.append(first[k])
            k += 1

        met: list[int] = []  # where ``first`` goes on

        def meets_first(i: int, para: bool, s: int = s, met: list[int] = met) -> bool:
            if i > s and i in at and first[at[i]][3] == para:
                met.append(at[i])
                return True
            return False

        out.extend(
            _cuts(
                text,
                clean,
                forced,
                s,
                first[at[s]][3],
                meets_first,
                chapters=chapters,
                articles=articles,
                decimal=decimal,
            )
        )
        k = met[0] if met else len(first)
    out.extend(first[k:])
    return out


def _cuts(
    text: str,
    clean: dict[str, str],
    forced: dict[int, int],
    i: int = 0,
    para: bool = True,
    meets_first: Callable[[int, bool], bool] | None = None,
    *,
    chapters: bool = False,
    articles: regex.Pattern[str] | None = None,
    decimal: bool = False,
) -> Iterator[_Cut]:
    """The cuts of ``text`` from ``i`` (``para``: a paragraph break precedes it) to its end, or up to
    the first where ``meets_first`` says the first cutting goes on unchanged (:func:`_recut`);
    ``chapters``, ``articles``: how a regulation numbers its text (:func:`regulation_numbering`);
    ``decimal``: whether its parts are numbered 1 / 1.1 / 1.1.1 (:func:`decimal_numbering`)."""
    n = len(text)
    last_item = 0  # the number of the item before, in the measure or section at hand
    after_paren = False  # the cut before is a bracketed parenthesis
    while i < n:
        ch = text[i]
        if ch in " \t\n\u3000":
            if ch == "\n":
                para = True
            i += 1
            continue
        if meets_first is not None and meets_first(i, para):
            return
        kind, label, number, title = "sentence", None, None, None
        m_meta = META_RE.match(text, i)
        if m_meta:
            end = m_meta.end()
            kind = "meta"
            label, title = m_meta.group(1), m_meta.group(2)
        elif chapters and para and (m := CHAPTER_RE.match(text, i) or PART_RE.match(text, i)):
            # 第一章 总则: a section; 第一节 …: a measure (the title is the rest of the line)
            end = _heading_title_end(text, m.end(), until_measure=False)
            kind = "section" if m.re is CHAPTER_RE else "measure"
            label, number = m.group(0), parse_chinese_number(m.group(1))
            title = _heading_title(text, m.end(), end)
        elif decimal and para and (m := DECIMAL_RE.match(text, i)) and (m.group(2) or _DECIMAL_TOP.match(text, i)):
            # 1 总则 (a line of its own): a section; 1.1 编制目的: a measure; 1.1.1 / 1.1.1.1: an item / subitem
            depth = m.group(2).count(".")
            kind = ("section", "measure", "item", "subitem")[depth]
            label, number = m.group(0), int((m.group(1) + m.group(2)).rsplit(".", 1)[-1])
            if depth < 2:
                end = _heading_title_end(text, m.end(), until_measure=False)
                title = _heading_title(text, m.end(), end)
            else:
                end = _sentence_end(text, m.end(), True)
        elif articles and para and (m := articles.match(text, i)):
            end = _sentence_end(text, m.end(), True)  # 第三条 … (一、… in a 工作规则): an item whose text is content
            kind, label, number = "item", m.group(0), parse_chinese_number(m.group(1))
        elif (
            articles is not SECTION_RE
            and (
                (m := SECTION_RE.match(text, i))
                or (para and ((m := SECTION_DOT_RE.match(text, i)) or (m := FORMAL_SECTION_RE.match(text, i))))
            )
            and parse_chinese_number(m.group(1))
        ):
            end = _heading_title_end(text, m.end(), until_measure=True)
            end = _title_cut(text, m.end(), end, clean.get(m.group(0)))
            end = min(end, forced.get(i, end))
            kind, label, number = "section", m.group(0), parse_chinese_number(m.group(1))
            title = _heading_title(text, m.end(), end)
        elif articles and (m := MEASURE_RE.match(text, i)) and parse_chinese_number(m.group(1)):
            end = _sentence_end(text, m.end(), True)
            if para:  # an article's clauses, a paragraph each (（一）…； ⏎ （二）…): its subitems
                kind, label, number = "subitem", m.group(0), parse_chinese_number(m.group(1))
            elif text[end - 1] not in SENTENCE_END:
                kind = "line"  # inside a paragraph (…包括：（一）…；（二）…。) a clause is the article's text
        elif (
            (m := MEASURE_RE.match(text, i)) or (para and (m := FORMAL_MEASURE_RE.match(text, i)))
        ) and parse_chinese_number(m.group(1)):
            end = _heading_title_end(text, m.end(), until_measure=False)
            kind, label, number = "measure", m.group(0), parse_chinese_number(m.group(1))
            title = _heading_title(text, m.end(), end)
        elif _opens_labelled_list(text, i) and ((close := _matching(text, i)) != -1 or text.find("\n", i) != -1):
            # 〔责任单位：A〕: as a （…） is; a bracket the page never closes (…申报模式。(牵头单位:A、B;责任单位:C
            # ⏎ 6.…) runs as a bare list does, to its line's end -- not where the text itself breaks off in
            # the list, whose last name may be cut (…（牵头单位：市发)
            end, kind = (close if close != -1 else _labelled_list_end(text, i + 1)), "paren"
        elif ch in "〔［" and (close := _matching(text, i)) != -1 and is_responsibility(text[i:close]):
            # 〔市生态环境局牵头，市发展和改革局…参与，各县、区人民政府（管委会）负责落实。〕 (潮州 2019): a list
            # closed by a phrase, in the brackets a page takes where the list holds （…） of its own
            end, kind = close, "paren"
        elif RESP_LABEL.match(text, i):
            end, kind = _labelled_list_end(text, i), "paren"  # 责任单位：A、B on a line of its own
        elif para and (m := _LEADER_FIELD.match(text, i)):
            end, kind = _labelled_list_end(text, m.end()), "paren"  # 牵头负责领导：金力。 ⏎ 牵头责任单位：…
        elif ch == "（" and (close := _matching(text, i)) != -1:
            m_sub = SUBITEM_RE.match(text, i)
            if m_sub and close == m_sub.end() and para:
                end = _sentence_end(text, m_sub.end(), True)
                kind, label, number = "subitem", m_sub.group(0), int(m_sub.group(1))
            else:
                end = close
                kind = "paren"
        elif para and (m := SUBITEM_ASCII_RE.match(text, i)):
            end = _sentence_end(text, m.end(), True)
            kind, label, number = "subitem", m.group(0), int(m.group(1))
        elif para and (m := SUBITEM_CIRCLED_RE.match(text, i)):
            end = _sentence_end(text, m.end(), True)
            kind, label, number = "subitem", m.group(0), int(unicodedata.numeric(m.group(0)))
        elif m := _item_label(text, i, para=para, after_paren=after_paren, last_item=last_item):
            end = _sentence_end(text, m.end(), True)
            kind, label, number = "item", m.group(0), int(m.group(1))
        elif para and (row_end := _row_end(text, i)) is not None:
            end, kind = row_end, "line"  # a table's row (序号⇥重点任务⇥牵头单位): one fragment, whole
        else:
            end = _sentence_end(text, i, True)
            if end == i:
                end = i + 1
            if text[end - 1] not in SENTENCE_END:
                kind = "line"
        yield (kind, i, end, para, label, number, title)
        if kind in ("item", "section", "measure"):
            last_item = (number or 0) if kind == "item" else 0
        after_paren = kind == "paren" and text[end - 1] in CLOSE_BRACKETS
        para = False
        i = end
