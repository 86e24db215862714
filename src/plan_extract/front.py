"""Front matter: the notice around a plan -- title, document number, addressees, body, signature --
and the plan's title and preamble, read from the fragments before the first heading.

A notice (通知) hands a plan on: 天津市人民政府关于印发…的通知 ⏎ 各区人民政府，市政府各委、办、局： ⏎
现将《…》印发给你们，望遵照执行。 ⏎ 天津市人民政府 ⏎ 2022年3月25日 ⏎ the plan's title ⏎ its preamble.
A web page, or a mirror's copy of it, prints its own header over that: the title again, page
metadata, a registration code, the title as the document sets it over several lines
(:func:`_head_lines`).  A document without a notice (a 意见 as published) is its own plan.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

import regex

from .attribution import ORGAN, TRAILING_NOTE, UNIT_END
from .dates import to_iso
from .numerals import DOC_NUMBER
from .segment import ARTICLE_RE, CHAPTER_RE, DATE_RE, DOC_TYPES, PART_RE, Fragment

ISSUERS = regex.compile(rf"{ORGAN}(?:[ \t\u3000]+{ORGAN})*")
#: What issuers do with a document they hand on, as a title's head says it (…印发关于…的意见的通知).
HANDING_ON = "印发|转发|批转"
#: A title's first line that names its issuers and what they do (鹤岗市人民政府 鹤岗市中级人民法院印发), or whose
#: document it hands on (江苏 2021: 江苏省人民政府办公厅转发省发展改革委等部门 ⏎ 关于…的通知).
_ISSUERS_HANDING_ON = regex.compile(rf"{ISSUERS.pattern}(?:等(?:部门|单位))?(?:{HANDING_ON})?")
#: A title's last words: a document type (…的通知, …实施方案).
#: A title's qualifier in brackets after its type: （试行）, （2019-2020年）, （征求意见稿）.
_QUALIFIER = r"[（(](?:试[ \t\u3000]*行|暂行|修订|修订稿|修订版|草案|征求意见稿|送审稿|\d{4}(?:[—–－\-~至]+\d{4})?年(?:度)?)[）)]"
#: …as a title ends: its type, and any qualifier after it on its line (潮州 2019: …实施方案（2019-2020年）,
#: whose title was the preamble's first words; 沙县 2012: …实施意见（试行）, whose issuer's line above it was
#: lost) -- but a single year, as a law database tells a rule's versions apart (…管理规定(2005年) above the
#: notice's own 关于 title, 武汉 2005), is the page's.
ENDS_IN_DOC_TYPE = regex.compile(rf"(?:{DOC_TYPES})(?:[ \t\u3000]*(?!（\d{{4}}年）|\(\d{{4}}年\)){_QUALIFIER})?$")
BOOK_TITLE_RE = regex.compile(r"《([^《》]+)》")
#: What a notice does with what it hands on (印发, 转发, …; 分解下达 or 进行责任分解 a plan's tasks, as a
#: 政府工作报告's 责任分解 notice says: 郧阳 2023, 湖北 2018).
NOTICE_VERB_RE = regex.compile(r"印发|转发|批转|下发|下达|分解|颁布|发布|公布")
#: A short parenthesis on its own line under a signature: （此件公开发布）, （此件有删减）.
SIGNATURE_NOTE_RE = regex.compile(r"\n*(（[^（）\n]{1,30}）)(?=\n|$)")


@dataclass(frozen=True)
class Span:
    """A field's text and its span ``[start, end)`` in the normalized text."""

    text: str
    start: int
    end: int


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
    #: the government a 令 names in its head (某市人民政府令 ⏎ 第5号): the issuer; who signs it is the signatory
    ordered_by: Span | None = None
    signatory: Span | None = None
    #: 附件 / 附件1 printed above the plan a notice hands on
    annex_label: Span | None = None
    #: the agencies printed under the plan's title as its drafters (市发展改革委、市住房城乡建设局)
    drafted_by: list[Span] = field(default_factory=list)
    plan_dated: Span | None = None  # the date under a handed-on plan's title


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
#: 立山经济开发区, 新疆生产建设兵团), or a township, street or village named outright (新乡 2020's
#: 高新区: 各部门，关堤乡、振中街道，驻区各单位; 阳泉 2021: 街道办事处、各村).
_ADDRESSEE_END = regex.compile(
    r"(?:政府|部门|机构|单位|局|委|办|厅|院|署|部|会|室|司|处|所|公司|集团|企业|组织|党委|党组|区|兵团"
    r"|乡|镇|街道|村|社区|苏木|嘎查)$"
)


def issuer_in_title(title: str) -> str | None:
    """The issuer a title names before 关于 (国务院关于…的意见: 国务院; 某市人民政府办公室转发市发展改革委关于…:
    某市人民政府办公室), as GB/T 9704 sets a title: the issuing organ, then the matter, then the type.
    None where the words before 关于 are no organ's name."""
    head, about, _ = title.partition("关于")
    if not about:
        return None
    for verb in ("转发", "批转"):
        head = head.split(verb, 1)[0]
    head = head.strip()
    return head if ISSUERS.fullmatch(head) else None


#: A page's breadcrumb: its steps parted by > » ›, or its opening words.
_BREADCRUMB = regex.compile(r"[>»›]|^[ \t\u3000]*(?:首页|当前位置|您的位置|您现在的位置)")


def looks_like_title(line: str) -> bool:
    """A document title line: ends with a document type (…的通知, …若干意见), is a 关于 title, or is
    followed by a document number in brackets (…的通知（岳办发〔2017〕2号）: the page's, not the title's).
    Not a breadcrumb, though its last step names a kind of document (广东 2021: 首页 > 政务公开 > 通知公告: it
    was the title, and the real one was in the head)."""
    if _BREADCRUMB.search(line):
        return False
    numbered = TITLE_NUMBER_RE.search(line) is not None
    line = TAB_SUFFIX_RE.sub("", TITLE_NUMBER_RE.sub("", line))
    if ENDS_IN_DOC_TYPE.search(line):
        return True
    if numbered and 4 <= len(line) <= 60 and not regex.search(r"[。！？；，：:]", line):
        # a page's name for a document, with its number: 2021年县政府重点工作任务（华政发〔2021〕2号） (华容 2021)
        return True
    return len(line) <= 80 and "关于" in line and not regex.search(r"[。！？；，]", line)


def _looks_like_recipients(text: str) -> bool:
    """An addressee line (各省、自治区、直辖市人民政府，国务院各部委、各直属机构), not a preamble sentence ending
    in ：(为……，现提出如下意见：): every piece is an addressee."""
    # an addressee may end in a bracketed note of its own: …示范区管委会（推进办公室） (济宁 2021)
    pieces = [TRAILING_NOTE.sub("", p.strip()) for p in regex.split(r"[，,；;]", text) if p.strip()]
    return bool(pieces) and all(p.startswith("各") or _ADDRESSEE_END.search(p) for p in pieces)


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
#: A document number on a line of its own, bare or in brackets (泰安 2007: …的通知 ⏎ (泰政发[2007]23号)), and
#: the date the document was signed after it on that line, as some sites print the two (四川 2009:
#: 川办发〔2009〕59号 二○○九年十二月八日).
DOC_NUMBER_LINE_RE = regex.compile(
    rf"\n*(?P<open>[（(])?(?P<number>{DOC_NUMBER})(?(open)[）)])(?:[ \t\u3000]*(?P<date>{DATE_RE.pattern}))?(?=\n|$)"
)
#: The date a document was adopted, in brackets on the line under its title, as a 意见 issued without
#: a notice prints it (中共江西省委 江西省人民政府关于…的实施意见 ⏎ (2018年8月7日)).
DATE_UNDER_TITLE_RE = regex.compile(rf"\n*[（(](?P<date>{DATE_RE.pattern})[）)][ \t\u3000]*(?=\n|$)")
#: A document number a page prints after the title, in brackets: …实施意见》的通知（岳办发〔2017〕2号）.
TITLE_NUMBER_RE = regex.compile(rf"[（(]({DOC_NUMBER})[）)][ \t\u3000]*$")
#: A 政府令's number, on two lines as a 令 prints it: 内蒙古自治区人民政府令 ⏎ 第82号 (cited as one).
ORDER_NUMBER_RE = regex.compile(r"\n*(\p{Han}{2,30}令)\n+(第[0-9０-９一二三四五六七八九十百零〇]+号)(?=\n|$)")
#: Most lines a title is set over.
_TITLE_LINES = 3
#: Most lines of joint issuers' names over a signature's date (黄河 2022: twelve ministries, two a line,
#: six lines; 岳阳 2017: two offices, a line each).
_SIGNATURE_LINES = 12
#: First characters of a title's line that go on with the line above even where that one ends in a
#: document type: a plan's years, or the notice's 的通知 after the plan's name (two more lines at most).
_TITLE_GOES_ON = "（(的"
#: A short line that ends a plan's name after its years: …纲要 ⏎ （2016—2030年） ⏎ 实施分工方案.
_TITLE_REST_LINE = regex.compile(rf"[^\n。，；：:、（）()]{{0,10}}(?:{DOC_TYPES})(?=\n|$)")
#: A line that is only a bracketed qualifier of the title above it: (试 行), （2021—2025年）, （征求意见稿）.
_QUALIFIER_LINE = regex.compile(rf"{_QUALIFIER}[ \t\u3000]*(?:\n|$)")


def _title_end(text: str, start: int) -> int:
    """Where the title whose first line starts at ``start`` ends: that line's end, or the end of the
    second or third line where a long title was set over them (or a line or two more that go on with it).

    Defect: a text made from a PDF (``pdftotext``) keeps the lines the page set its titles in,
    "天津市人民政府关于印发天津市加快" / "建立健全绿色低碳循环发展经济体系实施方案的通知", and the first
    line alone is a truncated title while the rest runs into the addressees.  The lines are joined
    only when the first does not end in a document type (…的通知, …方案), none holds a sentence mark
    and the last does end in one."""
    end = _line_end(text, start)
    if ENDS_IN_DOC_TYPE.search(text, start, end) or TAB_SUFFIX_RE.search(text, start, end):
        # …创建办法 ⏎ (试 行): the qualifier on a line of its own is the title's (共青团 2005)
        qualifier = _QUALIFIER_LINE.match(text, end + 1)
        if not qualifier:
            return end
        end = int(qualifier.end() - qualifier.group().endswith("\n"))
        rest = _TITLE_REST_LINE.match(text, end + 1)
        if rest and not text[start:end].startswith("关于"):
            # 中医药发展战略规划纲要 ⏎ （2016—2030年） ⏎ 实施分工方案 (中医药 2017): the plan's name goes on
            return int(rest.end())
        return end
    stop = end
    lines = 1
    while stop < len(text) and text[stop + 1 : stop + 2] not in ("", "\n"):
        # a 关于 title may take a line more: 山东省人民政府办公厅 ⏎ 转发省人力资源社会保障厅等部门 ⏎ 关于做好… ⏎ …的通知
        if lines >= _TITLE_LINES + (2 if _goes_on(text, stop) else 0) + ("关于" in text[start:stop]):
            break
        stop = _line_end(text, stop + 1)
        lines += 1
        if regex.search(r"[。！？；，：:,;【】>»›]", text[start:stop]):
            break  # 【时效性】…: a page's field; 首页 > 88betway88 (长三角 2020): a breadcrumb; no title's lines
        if ENDS_IN_DOC_TYPE.search(text, start, stop):
            if not _issuers_before_about(text[start:stop]):
                break
            if not _goes_on(text, stop):
                return stop
            end = stop  # the line after may go on with the title (广西 2018: …三年行动计划 ⏎ (2018—2020年)的通知)
    return end


def _goes_on(text: str, line_end: int) -> bool:
    """Whether the line after the one ending at ``line_end`` goes on with a title (:data:`_TITLE_GOES_ON`)."""
    return text[line_end + 1 : line_end + 2] not in ("", "\n") and text[line_end + 1] in _TITLE_GOES_ON


def _joint_title(j: _Joined, start: int, end: int) -> Span | None:
    """The title set over the lines ``[start, end)``, joint issuers' names above its 关于 line kept apart
    by a blank as a signature's are (雄安 2021: 中共河北雄安新区工作委员会 ⏎ 河北雄安新区管理委员会 ⏎ 关于印发…
    read as one name, 中共河北雄安新区工作委员会河北雄安新区管理委员会关于印发…)."""
    title = j.span(start, end)
    lines = [line.strip() for line in j.text[start:end].strip("\n").split("\n")]
    about = next((k for k, line in enumerate(lines) if "关于" in line), 0)
    if title is None or about < 2 or not all(ISSUERS.fullmatch(line) for line in lines[:about]):
        return title
    return Span(" ".join(lines[:about]) + "".join(lines[about:]), title.start, title.end)


def _issuers_before_about(lines: str) -> bool:
    """Whether the lines a title is set over name only issuers before the one that holds 关于 (河南省人民政府
    ⏎ 关于印发…的 ⏎ 通知), not a page's menus (齐齐哈尔 2019: 首页 政务公开 网上办事… ⏎ 齐齐哈尔市人民政府办公室
    关于印发…的通知 was read as one title).  A title without 关于 (a plan's, set over two lines) is not asked."""
    if "关于" not in lines:
        return True
    for line in lines.split("\n"):
        if "关于" in line:
            return True
        if not _ISSUERS_HANDING_ON.fullmatch(line.strip()):
            return False
    return True


def _skip_breaks(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not a line break."""
    while pos < len(text) and text[pos] == "\n":
        pos += 1
    return pos


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


#: The label of an annex, at a line's start: 附件：…, 附件1：…, 附件 alone on its line.
ANNEX_RE = regex.compile(r"附件[ \t\u3000]*[0-9０-９一二三四五六七八九十]{0,3}[ \t\u3000]*(?:[：:]|$)", regex.MULTILINE)
#: What a notice says as it hands a plan on (现将《…》印发给你们 / 现予印发): where no signature is
#: printed, the paragraph that says it is the notice's body.
HAND_ON_RE = regex.compile(
    r"(?:印发|转发|批转|下发|下达|发)给?(?:你们|各)|现予(?:印发|转发|公布|发布)"  # (印发你们: 四川's wording)
)
#: A site's tag in front of a title: 【规范性文件】, 【政策文件】.
#: …or its name, as a browser's tab shows it before the title (长沙 2020: 长沙市政府门户网站-长沙市人民政府办公厅关于…).
SITE_TAG_RE = regex.compile(r"【[^【】\n]{1,12}】|\p{Han}{2,8}[丨｜]|\p{Han}{2,20}(?:网站|网)[ \t]*[-_|丨｜]+[ \t]*")
#: A site's name after a title, as a browser's tab shows it and a page saved as text keeps it:
#: 湖南省人民政府关于…的意见-湖南省人民政府门户网站.
TAB_SUFFIX_RE = regex.compile(rf"(?<=(?:{DOC_TYPES}))[ \t]*[-_|丨｜]+[ \t]*[^\n。，；：:|丨｜_-]{{2,30}}$")
#: A page's summary of the document, labelled, above it: 核心提示： 摘要│… 内容提要：.
SUMMARY_LABEL_RE = regex.compile(r"[【\[]?(?:核心提示|内容摘要|内容提要|内容概要|摘要|导读|提要)[】\]]?[：:│|丨｜]?")
#: Most lines read between a title and the addressees (页眉 title, 发布时间, code, 发文字号, issuer,
#: the title again over three lines).
HEAD_LINES = 8
#: Most lines looked down from a line of the head for the addressees that end it (长沙 2020, under the
#: title on a browser's tab: breadcrumb, the title, 来源, 字体大小, a code, the issuer and the title over
#: two lines, the number: nine).
HEAD_AHEAD = 12
#: Most lines read above a title where most are a site's menu items: short words, no punctuation
#: (内蒙古 2013's rules page: 登录 注册 ⏎ • 蒙古文版 ⏎ • 无障碍浏览 ⏎ … seventeen items ⏎ 当前位置:…).
MENU_LINES = 48
#: A site's menu item, toast or button on a line of its own: a few words, no punctuation but a
#: closing ！ (• 蒙古文版, 微信公众号, 取消收藏成功！).
_MENU_ITEM_RE = regex.compile(r"[•·▪■◆\-]?[ \t\u3000]*[\p{Han}A-Za-z0-9 \t\u3000]{1,12}！?")


def _paragraph_end(t: str, j: _Joined, pos: int) -> int:
    """Where the source paragraph that holds (or follows) ``pos`` ends: before the next fragment that
    opens a paragraph, or at the end of ``t``."""
    k = bisect.bisect_right(j.para_starts, pos)
    return j.para_starts[k] - 1 if k < len(j.para_starts) else len(t)


#: The words before the first colon of a line: an addressee line's, where they are addressees.
_BEFORE_COLON = regex.compile(r"\n*([^。\n]{2,300}?)[：:]")


def _is_addressee_line(words: str) -> bool:
    """Whether the words before a line's colon are its addressees: several, or few words that all are,
    or a long list parted by 、 alone (黄河 2022: 山西省、内蒙古自治区、…宁夏回族自治区生态环境厅、高级人民法院、
    …、林草局: 118 characters with no ，), whose pieces are short and whose last names an addressee."""
    pieces = words.split("、")
    listed = len(pieces) >= 4 and all(len(p) <= 20 for p in pieces)
    return ("，" in words or len(words) < 40 or listed) and _looks_like_recipients(words)


#: An addressee that names an organ or a body of them whole: 各乡镇人民政府, 县直各单位, 市直有关部门.
_WHOLE_ADDRESSEE = regex.compile(rf"\p{{Han}}{{1,30}}?{UNIT_END}")


def _addressee_pieces(words: str) -> list[tuple[int, int]]:
    """Where each addressee of an addressee line lies: parted by ，/；, where 、 parts names inside
    one (各省、自治区、直辖市人民政府，国务院各部委、各直属机构: two).  A line with no ，/； is parted
    by 、 where every piece names an addressee whole (华容 2021: 各乡镇人民政府、县直各单位: two, not
    one), and kept whole where one does not (市政府各委、办、局; 各省、自治区、直辖市人民政府) or where a 各
    after 、 shares the name before it (国务院各部委、各直属机构: 国务院's, one addressee as where a ，
    parts it from others)."""
    pieces = [(p.start(), p.end()) for p in regex.finditer(r"[^，,；;]+", words)]
    if len(pieces) == 1:
        parts = [(p.start(), p.end()) for p in regex.finditer(r"[^、]+", words)]
        shared = any(words[b] == "各" and words[a] != "各" for (a, _), (b, _) in itertools.pairwise(parts))
        if len(parts) > 1 and not shared and all(_WHOLE_ADDRESSEE.fullmatch(words, a, b) for a, b in parts):
            return parts
    return pieces


def _addressees_at(t: str, pos: int) -> bool:
    """Whether the line at ``pos`` is an addressee line (各区人民政府，市政府各委、办、局：)."""
    m = _BEFORE_COLON.match(t, pos)
    return bool(m and _is_addressee_line(m.group(1)))


_INNER_MARKS = str.maketrans("〈〉", "《》")


def _marks(text: str) -> str:
    """A title with its inner book marks as outer ones: a page's title in 《》 sets the 《》 inside it as
    〈〉 (川办函〔2017〕113号《…关于印发实施〈西部大开发“十三五”规划〉…的通知》), the document's own as 《》."""
    return text.translate(_INNER_MARKS)


def _next_line_ends(t: str, start: int, count: int) -> list[int]:
    """Where the line at ``start`` and the next ones (``count`` in all, fewer at the text's end) end."""
    ends = [_line_end(t, start)]
    while len(ends) < count and ends[-1] < len(t):
        ends.append(_line_end(t, ends[-1] + 1))
    return ends


def _line_end(t: str, pos: int) -> int:
    """Where the line at ``pos`` ends: its line break, or the text's end."""
    nl = t.find("\n", pos)
    return len(t) if nl == -1 else nl


def _title_line(t: str, start: int) -> str:
    """The line at ``start``, or the lines from there that a title is set over (天津市加快建立健全 ⏎
    绿色低碳循环发展经济体系实施方案: the first alone is no title), joined."""
    line = t[start:].split("\n", 1)[0]
    end = _title_end(t, start)
    return t[start:end].replace("\n", "") if end > start + len(line) else line


def _page_lines_before_title(t: str, start: int) -> bool:
    """Whether the lines from ``start`` are a page's own (a breadcrumb, a counter) up to a title line
    within :data:`HEAD_LINES` lines: each short, none a sentence, none a heading."""
    pos, budget = start, HEAD_LINES
    for _ in range(MENU_LINES):
        nl = t.find("\n", pos)
        line = t[pos : len(t) if nl == -1 else nl]
        if looks_like_title(_title_line(t, pos)):
            return pos > start
        if nl == -1:
            return False
        if not _is_menu_item(line):  # (欢迎访问甘肃经济信息网！ is the page's)
            if len(line) > 80 or regex.search(r"[。！？；，]", line) or _addressees_at(t, pos):
                return False
            budget -= 1
            if budget == 0:
                return False
        pos = nl + 1
    return False


def _is_menu_item(line: str) -> bool:
    """Whether a line is a site's menu item, toast or button (see :data:`_MENU_ITEM_RE`), not a
    heading of the document's (一、总则 and 第一章 总则 are no menu)."""
    heading = CHAPTER_RE, PART_RE, ARTICLE_RE
    return _MENU_ITEM_RE.fullmatch(line) is not None and not any(h.match(line.strip()) for h in heading)


def _take_number(j: _Joined, m: regex.Match[str], fm: FrontMatter) -> None:
    """The document number a match of :data:`DOC_NUMBER_LINE_RE` or :data:`ORDER_NUMBER_RE` read; a 令's
    head names who orders it too (内蒙古自治区人民政府令 ⏎ 第82号: 内蒙古自治区人民政府)."""
    if m.re is ORDER_NUMBER_RE:
        fm.doc_number = j.span(m.start(1), m.end(2))
        fm.ordered_by = j.span(m.start(1), m.end(1) - 1)
        return
    fm.doc_number = j.span(m.start("number"), m.end("number"))
    if m.group("date") and fm.signed is None:
        fm.signed = j.span(m.start("date"), m.end("date"))


def _head_ends_at(t: str, pos: int) -> bool:
    """Whether the document's own text starts at ``pos``: its addressees, a 政府令's number (a 令
    has no addressees: 内蒙古自治区人民政府令 ⏎ 第82号 ⏎ 《…办法》已经…通过，现予发布施行。), or a 意见's date in
    brackets (江西 2018: …的实施意见 ⏎ 2018-08-07 来源:教师司 ⏎ (2018年8月7日))."""
    return (
        _addressees_at(t, pos)
        or ORDER_NUMBER_RE.match(t, pos) is not None
        or DATE_UNDER_TITLE_RE.match(t, pos) is not None  # a 意见's date under the page's own lines
        or HAND_ON_RE.search(t, pos, _line_end(t, pos)) is not None  # a notice printed with no addressees
    )


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
        start = _skip_breaks(t, pos)
        if start >= len(t):
            break
        end = _prefix_end(t, start, title.text)
        if end is not None:
            sp = j.span(start, end)
            if sp:
                fm.repeats.append(sp)
            pos = end
            continue
        m = DOC_NUMBER_LINE_RE.match(t, start) or ORDER_NUMBER_RE.match(t, start)
        if m and fm.doc_number is None:
            _take_number(j, m, fm)
            pos = m.end()
            continue
        if _addressees_at(t, start):
            break
        line_end = _line_end(t, start)
        line = t[start:line_end]
        inner = (start, line_end)
        quoted = regex.fullmatch(r"《(.+)》", line)
        if quoted and ENDS_IN_DOC_TYPE.search(quoted.group(1)):
            # 《北京市人民政府办公厅关于印发〈…〉的通知》: a page sets the title in book marks, its decoration
            inner, line = (start + 1, line_end - 1), quoted.group(1)
        if not quoted:
            # the document's own title set over lines (河南 2011: 河南省人民政府办公厅 ⏎ 关于印发…崛起规划 ⏎
            # 实施方案的通知): the lines that together are the title's words
            for lines_end in _next_line_ends(t, start, _TITLE_LINES)[::-1]:
                joined = t[start:lines_end].replace("\n", "")
                if ENDS_IN_DOC_TYPE.search(joined) and "关于" in joined and _marks(joined) in _marks(title.text):
                    inner, line, line_end = (start, lines_end), joined, lines_end
                    break
        own = j.span(*inner)
        within = _marks(line) in _marks(title.text) and line != title.text
        if own and ENDS_IN_DOC_TYPE.search(line) and "关于" in line and within:
            # the page's title held the document's, with more around it (鲁政发〔2014〕20号《山东省人民政府
            # 关于…的实施意见》): the document's own is the title, the page's a line of the head
            fm.head.insert(page_title_at, title)
            fm.title = title = own
            pos = line_end
            continue
        if (line_end - start > 80 or regex.search(r"[。！？；，]", line)) and not _is_menu_item(line):
            break  # (a toast is the page's: 取消收藏成功！)
        ahead = start
        for _ in range(HEAD_AHEAD):
            nl = t.find("\n", ahead)
            if nl == -1:
                ahead = len(t)
                break
            ahead = nl + 1
            if _head_ends_at(t, ahead):
                break
        if ahead >= len(t) or not _head_ends_at(t, ahead):
            break
        _keep_in_head(fm, j, start, line_end)
        pos = line_end
    return pos


#: A news site's line above a document it reposts whole: …印发《…》。全文如下：
_NEWS_LEAD = regex.compile(
    r"(?:[^\n]{0,200}\n){0,2}?[^\n]{0,200}?(?:全文如下|原文如下|详情如下|内容如下)[：:]?[ \t\u3000]*(?=\n)"
)


def _keep_in_head(fm: FrontMatter, j: _Joined, start: int, end: int) -> None:
    """Keep the text ``[start, end)`` in ``document.head``: the page's words, not the document's."""
    sp = j.span(start, end)
    if sp:
        fm.head.append(sp)


def _about_title_below(t: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a 关于 title right under the title ``[start, end)`` lies, where that one has no 关于: the
    document's, set over its lines with its issuers above its 关于; None where there is none."""
    if "关于" in t[start:end] or end >= len(t):
        return None
    below = _skip_breaks(t, end)
    stop = _title_end(t, below)
    lines = t[below:stop]
    if "关于" in lines and ENDS_IN_DOC_TYPE.search(lines) and _issuers_before_about(lines):
        return below, stop
    return None


def _page_opening_end(t: str, j: _Joined, start: int) -> int:
    """Where the page's own words that open the text end (0: none there): a labelled summary
    (:func:`_page_summary_end`), or a news site's lead above a document it reposts (:data:`_NEWS_LEAD`)."""
    lead = _NEWS_LEAD.match(t, start)
    return _page_summary_end(t, j, start) or (lead.end() if lead else 0)


def _page_summary_end(t: str, j: _Joined, start: int) -> int:
    """Where a page's labelled summary that opens the text ends (0: none there): the label's paragraph,
    or, a label alone on its line (核心提示：), the sentences of the paragraph under it."""
    m = SUMMARY_LABEL_RE.match(t, start)
    if not m or not (m.group(0)[-1] in "】]：:│|丨｜" or t.startswith("\n", m.end()) or m.end() == len(t)):
        return 0
    end = _paragraph_end(t, j, start)
    if end == m.end() or not t[m.end() : end].strip():
        under = _skip_breaks(t, end)
        after = _paragraph_end(t, j, under)
        if regex.search(r"[。；！？]", t[under:after]):
            end = after
    return end


def parse_front(frags: list[Fragment]) -> FrontMatter:
    """Notice title, document number, recipients, body, signature, plan title and preamble."""
    fm = FrontMatter()
    rest: list[Fragment] = []
    for f in frags:
        if f.kind == "meta" and f.label and f.title is not None:
            if f.label in fm.meta and fm.meta[f.label].text != f.title:
                # the field again with another value (谯城 2020 prints its table twice, 发布日期 with its
                # time, then without): the page's own words, kept in the head
                fm.head.append(Span(f.text.strip(), f.start, f.end))
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
    m = DOC_NUMBER_LINE_RE.match(t, pos) or ORDER_NUMBER_RE.match(t, pos)
    if m:
        _take_number(j, m, fm)
        pos = m.end()
    start = _skip_breaks(t, pos)
    while (opening := _page_opening_end(t, j, start)) > start:
        # the page's words above the notice, not the notice's: 摘要│通辽：大力发展装配式建筑，…。 (通辽 2023),
        # 日前，潮州印发《…实施方案（2019-2020年）》。全文如下： (a news site's repost, 潮州 2019)
        _keep_in_head(fm, j, start, opening)
        pos = opening
        start = _skip_breaks(t, pos)
    line = _title_line(t, start)
    if not looks_like_title(line) and _page_lines_before_title(t, start):
        # 您的位置：首页»法律资料网»法律法规» ⏎ 关于印发…的通知: a page's own lines above the title
        while not looks_like_title(line):
            end = start + len(t[start:].split("\n", 1)[0])
            number = DOC_NUMBER_LINE_RE.match(t, start)
            if number and fm.doc_number is None:
                # 《若羌县…实施方案》 ⏎ 若政办发〔2022〕31号 ⏎ 关于印发…的通知 (若羌 2022): the number is the document's
                _take_number(j, number, fm)
                start = _skip_breaks(t, number.end())
                line = _title_line(t, start)
                continue
            _keep_in_head(fm, j, start, end)
            start = _skip_breaks(t, end)
            line = _title_line(t, start)
        pos = start
    tag = SITE_TAG_RE.match(line)
    if tag and looks_like_title(line[tag.end() :]):
        # a site's tag before the title (【规范性文件】长沙市人民政府办公厅关于…的通知) is the page's, not the title's
        _keep_in_head(fm, j, start, start + tag.end())
        start += tag.end()
        line = line[tag.end() :]
    if looks_like_title(line) and line[-1:] not in "。！？；" and (start > 0 or rest[0].kind == "line"):
        pos = _title_end(t, start)
        below = _about_title_below(t, start, pos)
        if below is not None:
            # 山东省财政厅大学生创业引领计划 ⏎ 山东省人民政府办公厅 ⏎ 转发…等部门 ⏎ 关于…的通知 (山东 2010), 印发通知 ⏎
            # 省生态环境厅 … 关于印发…的通知 (湖北 2022, a wiki's section label): a page's line above the
            # document's own 关于 title is the page's
            _keep_in_head(fm, j, start, pos)
            start, pos = below
        fm.title = _joint_title(j, start, pos)
        site = TAB_SUFFIX_RE.search(t, start, pos)
        if fm.title and site:
            # …的意见-湖南省人民政府门户网站: the site's name, as the page's tab shows it
            fm.title = j.span(start, site.start())
            suffix = j.span(site.start(), pos)
            if suffix:
                fm.head.append(suffix)
        number = TITLE_NUMBER_RE.search(t, start, pos)
        if fm.title and number and fm.doc_number is None:
            # …的通知（岳办发〔2017〕2号）: the page prints the document number after the title
            fm.title = j.span(start, number.start())
            fm.doc_number = j.span(number.start(1), number.end(1))
        if fm.title:
            pos = _head_lines(t, j, pos, fm)
    m = (DOC_NUMBER_LINE_RE.match(t, pos) or ORDER_NUMBER_RE.match(t, pos)) if fm.doc_number is None else None
    if m:
        _take_number(j, m, fm)
        pos = m.end()
    dated = DATE_UNDER_TITLE_RE.match(t, pos) if fm.title and fm.signed is None else None
    if dated:
        fm.signed = j.span(dated.start("date"), dated.end("date"))
        pos = dated.end()
    m = _BEFORE_COLON.match(t, pos)
    if m and fm.title is None:
        # a scrape that lost its line breaks glues the notice title to the addressees:
        # 天津市人民政府关于印发…实施方案的通知各区人民政府，市政府各委、办、局：
        cut = _title_before_recipients(m.group(1))
        if cut:
            fm.title = j.span(m.start(1), m.start(1) + cut)
            pos = m.start(1) + cut
            m = _BEFORE_COLON.match(t, pos)
    if m and _is_addressee_line(m.group(1)):
        for start, end in _addressee_pieces(m.group(1)):
            sp = j.span(m.start(1) + start, m.start(1) + end)
            if sp:
                fm.recipients.append(sp)
        pos = m.end()
    sig = None
    for dm in DATE_RE.finditer(t, pos):
        # the issuer is what stands between the last full stop and the date (on its own line or not);
        # only a notice that hands on a plan (现将《…》印发给你们) is signed before the plan: a document
        # without that wrapper (a 意见 whose preamble leads straight to 一、) is signed at its end
        line_start = max(t.rfind("。", pos, dm.start()) + 1, pos)
        annex = _ANNEX_LINES.match(t, line_start, dm.start())
        if annex:
            # 附件：…分解表 between the body and the signature (郧阳 2023): the body's annex note (附件说明)
            line_start = annex.end()
        seal = _SEAL_LINE.search(t, line_start, dm.start())
        issuer_end = seal.start() if seal else dm.start()
        issuer = t[line_start:issuer_end].strip("\n")
        if not NOTICE_VERB_RE.search(t, pos, line_start):
            continue
        if issuer and "，" not in issuer and "\n" not in issuer and len(issuer) <= 30:
            sig = (line_start, issuer_end, dm, seal)
            break
        lines = [line for line in issuer.split("\n") if line]
        if 1 < len(lines) <= _SIGNATURE_LINES and all(ISSUERS.fullmatch(line) for line in lines):
            # joint issuers, a line each (中共岳阳市委办公室 ⏎ 岳阳市人民政府办公室 ⏎ 2017年1月10日)
            sig = (line_start, issuer_end, dm, seal)
            break
        if not issuer and "\n" in t[line_start : dm.start()] and t.startswith("\n", _lost_marks_end(t, j, dm.end())):
            # a date on a line of its own right under the body: a page that prints no issuer above it
            # (濮阳 2011: …请认真贯彻执行。⏎ 二〇一一年三月三十日 ⏎ 濮阳市城市道路窨井设施管理暂行办法),
            # or with a seal's characters lost after it (内蒙古 2012: 二〇一二年三月二十二日???)
            sig = (dm.start(), dm.start(), dm, None)
            break
    if sig is None:
        first = _skip_breaks(t, pos)
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
    issuer_start, issuer_end, dm, seal = sig
    fm.body = j.span(pos, issuer_start)
    fm.issuer = j.span(issuer_start, issuer_end)
    if seal:
        # （国家中医药管理局代章） under the issuer's name: whose seal stands for the issuer's, a note
        fm.note = j.span(seal.start(1), seal.end(1))
    if fm.issuer and "\n" in t[issuer_start:issuer_end].strip("\n"):
        # joint issuers a line each: their names kept apart, as the page sets them
        names = " ".join(line for line in t[issuer_start:issuer_end].split("\n") if line)
        fm.issuer = Span(names, fm.issuer.start, fm.issuer.end)
    if fm.ordered_by is not None:
        # a 令 is the government's, signed by its head (市长 张三): the signature names the signatory
        fm.issuer, fm.signatory = fm.ordered_by, fm.issuer
    fm.signed = j.span(dm.start(), dm.end())
    after = _lost_marks_end(t, j, dm.end())
    # characters lost after the date, as question marks: the page's, kept in the head
    _keep_in_head(fm, j, dm.end(), after)
    _plan_head(t, j, after, fm)
    return fm


#: The annex note a notice prints under its body, before the signature: 附件：…分解表, one line, or a
#: numbered list of annexes (附件：1.… ⏎ 2.…).
_ANNEX_LINES = regex.compile(
    rf"\n*(?:{ANNEX_RE.pattern})[^\n]*(?:\n[ \t\u3000]*\d{{1,2}}[.．、][^\n]*)*(?=\n)", regex.MULTILINE
)
#: A seal's note under the issuer's name: （国家中医药管理局代章） (国务院中医药工作部际联席会议办公室 has no seal
#: of its own: 中医药 2017).
_SEAL_LINE = regex.compile(r"\n([（(][^（）()\n]{2,30}代章[）)])[ \t\u3000]*\n*$")
#: A file's name, as a page links an annex it does not print: 附件-全国农垦…认定工作方案.doc.
_FILE_NAME = regex.compile(r"\.(?:docx?|wps|pdf|xlsx?|et|ceb|ofd|zip|rar)$", regex.IGNORECASE)
#: Characters a page lost, as question marks (a seal's or a signature's: 二〇一二年三月二十二日???).
_LOST_MARKS = regex.compile(r"(?:\n?[?？])+")  # (each ？ a fragment of its own)


def _lost_marks_end(t: str, j: _Joined, pos: int) -> int:
    """Where question marks at ``pos`` that end their paragraph end (``pos`` where there are none)."""
    lost = _LOST_MARKS.match(t, pos)
    return lost.end() if lost and _paragraph_end(t, j, pos) == lost.end() else pos


def _plan_head(t: str, j: _Joined, after: int, fm: FrontMatter) -> None:
    """The note under the notice (（此件公开发布）), the plan's title and its preamble, from ``after``
    (the end of the signature, or of the body where none is printed)."""
    note = SIGNATURE_NOTE_RE.match(t, after)
    if note:
        # （此件公开发布） under the notice's signature: the notice's, not the plan's title
        under = j.span(note.start(1), note.end(1))
        if fm.note is None:
            fm.note = under
        elif under is not None:  # under a seal's note (（…代章） ⏎ 2017年2月10日 ⏎ （此件公开发布）): both, a line each
            fm.note = Span(f"{fm.note.text}\n{under.text}", fm.note.start, under.end)
        after = note.end(1)
    first = _skip_breaks(t, after)
    annex = ANNEX_RE.match(t, first)
    if annex:
        # 附件 ⏎ 天津市…实施方案 (a notice's PDF): the plan's label as the notice's annex, not its title's head
        fm.annex_label = j.span(first, annex.end())
        after = annex.end()
        first = _skip_breaks(t, after)
    label = _TEXT_LABEL_LINE.match(t, first)
    if label:
        # 方案全文 ⏎ 湖北省减污降碳协同增效实施方案 (湖北 2022, a wiki's copy): the page's label over the plan, not
        # its title's first words
        _keep_in_head(fm, j, first, label.end())
        after = label.end()
        first = _skip_breaks(t, after)
    # the plan's name as the notice quotes it, set over lines below; any of the notice's 《…》 may be it
    # (共青团 2005 quotes 《共青团中央关于…的决定》 before 《…创建办法(试行)》, whose (试 行) is a line of its own)
    quoted = BOOK_TITLE_RE.finditer(fm.body.text) if fm.body else ()
    named = next((e for q in quoted if (e := _prefix_end(t, first, q.group(1))) is not None), None)
    tail = t[named : _line_end(t, named)] if named is not None else ""
    if tail and len(tail) <= 12 and not regex.search(r"[。！？；，、：:]", tail):
        named = None  # 《…规划》 quoted, …规划责任分解 printed (运城 2017): the printed line is the title
    if named is not None:
        end = named
    else:
        line = t[first : _line_end(t, first)]
        titled = bool(line) and line[-1] not in "。！？；" and not _FILE_NAME.search(line)
        end = _title_end(t, first) if titled else after  # (附件-…工作方案.doc is a link's, no title: 农垦 2017)
    fm.plan_title = j.span(after, end)
    if fm.plan_title is not None:
        end = _drafters(t, j, end, fm)
    fm.preamble = j.span(end, len(t))


#: A page's label over the text it prints: 方案全文, 文件正文, 全文, a wiki's 主要内容 (天津 2021).
_TEXT_LABEL_LINE = regex.compile(r"(?:\p{Han}{0,2}(?:全文|正文)|主要内容)[：:]?[ \t\u3000]*(?=\n|$)")
#: A line of organs' names alone: the drafters a forwarded plan prints under its title.
_DRAFTERS_LINE = regex.compile(rf"{ORGAN}(?:[、，, \t\u3000]+{ORGAN})*")


def _drafters(t: str, j: _Joined, pos: int, fm: FrontMatter) -> int:
    """The drafters' line under a plan's title, if one is printed; where the preamble starts.

    Why: a notice that forwards an agency's plan (转发) prints the agencies that drew it up under its
    title (贵阳 2018: 贵阳市生活垃圾分类制度实施方案 ⏎ 市发展改革委、市住房城乡建设局 ⏎ 为认真贯彻落实…), and
    read as the preamble's first words the names ran into its first sentence.  They go to
    ``plan.drafted_by``, one name each; a line that is not organs' names alone stays the preamble's."""
    start = _skip_breaks(t, pos)
    end = _line_end(t, start)
    title = fm.plan_title.text if fm.plan_title else ""
    if end == len(t) or not _DRAFTERS_LINE.fullmatch(t, start, end) or _DRAFTERS_LINE.fullmatch(title):
        # (a title of organs' names alone is a signature's first line misread: 永德 2021's two issuers' lines)
        return _plan_date(t, j, pos, fm)
    # the names over several lines, a line each (山东 2010: 省人力资源社会保障厅 省教育厅 省财政厅 ⏎ 省地税局 省工商局
    # 人民银行济南分行)
    while end < len(t) and (nxt := _line_end(t, end + 1)) < len(t) and _DRAFTERS_LINE.fullmatch(t, end + 1, nxt):
        end = nxt
    names = "".join(t[start:end].split())
    issuers = [sp.text for sp in (fm.issuer, fm.title) if sp is not None]
    if any("".join(text.split()).startswith(names) for text in issuers):
        # the notice's own issuers: its signature (泉州 2019, where a 附件 line above was read as the plan's title)
        return pos
    for piece in regex.finditer(r"[^、，, \t\u3000\n]+", t[start:end]):
        sp = j.span(start + piece.start(), start + piece.end())
        if sp:
            fm.drafted_by.append(sp)
    return _plan_date(t, j, end, fm)


def _plan_date(t: str, j: _Joined, pos: int, fm: FrontMatter) -> int:
    """The date in brackets under a handed-on plan's title (or its drafters), where one is printed; where
    the preamble starts.  山东 2010 forwards a 意见 of six departments dated （二○一○年四月二十六日） under their
    names; the date ran into the preamble's first sentence."""
    dated = DATE_UNDER_TITLE_RE.match(t, pos) if fm.body is not None else None
    if dated is None or to_iso(dated.group("date")) is None:
        return pos
    fm.plan_dated = j.span(dated.start("date"), dated.end("date"))
    return int(dated.end())


def parse_plan_head(frags: list[Fragment], fm: FrontMatter) -> None:
    """The head of the plan a notice hands on after its own numbered points and signature: the note
    under the signature, 附件, the plan's title and its preamble (the lines up to the plan's first
    heading; a forwarded document's addressees among them)."""
    if frags:
        j = _Joined(frags)
        _plan_head(j.text, j, 0, fm)


def sign_notice(fm: FrontMatter, signature: list[Fragment]) -> None:
    """The notice's signature printed after its own numbered points: an issuer's line and a date line,
    or the date alone."""
    if not signature:
        return
    *issuer, date = signature
    if issuer:
        fm.issuer = _stripped(issuer[0])
    fm.signed = _stripped(date)


def _stripped(f: Fragment) -> Span:
    lead = len(f.text) - len(f.text.lstrip())
    text = f.text.strip()
    return Span(text, f.start + lead, f.start + lead + len(text))
