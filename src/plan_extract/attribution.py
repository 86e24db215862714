"""Attribution: turn a responsibility parenthesis into the task's agencies, in printed order.

Why its own stage: the parenthesis is the only place a plan says who does what, and it is written
for people, not parsers — （市交通运输委、市商务局等部门和各区人民政府按职责分工负责） names two
agencies, a hedge (等部门) and the district governments.  Names are kept exactly as printed
(市工业和信息化局 and 市文化和旅游局 are single agencies: 和 separates only before 各 or after 等), and the
verbatim parenthesis is kept next to the parsed list so nothing it said is lost.

Roles follow the document (design doc): where it says nothing (按职责分工负责 alone), every agency
is ``co``; where it says the first-listed agency leads (排在第一位的部门为牵头部门 / 列第一位者为
牵头单位, with 下同 carrying the rule forward) or names a lead with 牵头 / 会同, the roles follow.

Many work plans label the list instead of closing it with 负责: （责任单位：市发展改革委、市财政局）,
〔牵头单位：省商务厅；配合单位：省财政厅〕, or a line of its own under the task (责任单位：…).  A
牵头/主责 label makes its names leads; 责任/配合/参与 names are ``co`` unless the document's
rule or a 牵头 inside the list says otherwise.  Other labels in the list (完成时限：2023年底前, 牵头
领导：…) name no agency and are kept as the note.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from .numerals import DOC_NUMBER

# The phrase that ends the agency list: （…按职责分工负责）, （…负责）, （…牵头负责）, (…分别负责),
# （各区人民政府负责落实）; 主办 as a 分工意见 says 牵头 (黑龙江 2013: （省财政厅主办，省国税局、地税局协办）).
_RESP_PHRASE = regex.compile(
    r"(?:按职责分工|按职责|分工|分别|共同|总?牵头|总)?负责(?:组织实施|落实|实施|推进)?|总?牵头(?:落实|实施)?|主办"
)
#: The phrases whose names lead: （A、B牵头负责）, （A主办，B协办）.
_LEAD_PHRASE = regex.compile(r"总?牵头|主办")


@dataclass(frozen=True)
class _RespMatch:
    """Where the agency list ends: ``names`` + ``resp`` + ``rest`` (a lead rule, or nothing)."""

    names: str
    resp: str
    rest: str


def _match_resp(inner: str) -> _RespMatch | None:
    """The *last* responsibility phrase followed by nothing or by a clause after punctuation.

    The last, because （市发展改革委牵头，市财政局、市税务局按职责分工负责） names agencies on both sides
    of the first phrase; followed by punctuation, because the 牵头 in a lead rule (…为牵头部门) is not one.
    """
    for m in reversed(list(_RESP_PHRASE.finditer(inner))):
        rest = inner[m.end() :]
        if m.start() > 0 and (not rest or rest[0] in "，,。；;"):
            return _RespMatch(inner[: m.start()], m.group(0), rest)
    return None


# 等 + what it stands for, before a conjunction or the end: 等部门, 等市级有关部门, 等有关部门和单位
#: 等 and what it stands for, after the last name listed: 等部门, 等有关单位, 等省有关部门 (广东 2023: 省能源局等省有关部门
#: 和各地级以上市人民政府 gave an agency 省能源局等省有关部门).
_ETC_LEVEL = r"(?:市级|省级|区级|县级|中央|国家|省|市|区|县)"
#: What 等 stands for: 部门, 有关单位, 省有关部门, 相关部门.
_ETC_WHAT = rf"{_ETC_LEVEL}?(?:有关|相关)?(?:部门|单位|机构|方面)?"
_ETC = regex.compile(rf"等(?P<what>{_ETC_WHAT}(?:和单位)?)$")
# The document's rule that the first-listed agency leads: 排在第一位的部门为牵头部门, 列第一位者为牵头单位,
# 排第一位的为牵头单位, 列在首位的为牵头部门, 第一个为牵头 ... (the words vary from page to page).
_FIRST_LEADS = regex.compile(
    r"(?:(?:排|列|位)(?:在|于)?)?(?:第一位|第一个|首位|首个)(?:的|者)?(?:部门|单位)?(?:为|是)?牵头(?:或汇总)?(?:部门|单位)?"
)
_CARRIES = regex.compile(r"下同")
_WITH = regex.compile(r"^(?P<lead>.+?)(?P<verb>会同|牵头[，,、]?)(?P<others>.*)$")
_OTHERS_GENERIC = regex.compile(r"^(?:其他|其它)?(?:有关|相关)?(?:部门|单位|方面)(?:和单位)?$")
# An earlier clause of a list that names agencies in several clauses: （A、B负责，各省级人民政府按职责分工负责）
_CLAUSE_END = regex.compile(r"(?:按职责分工|按职责|分工|分别|共同)?负责(?=[，,；;。])")
#: How an organ's name ends: …委员会, …人民政府, …办公厅, …局, …部, …委.
ORGAN_END = r"(?:委员会|政府|办公厅|办公室|总局|局|部|厅|委|办|院|署|会|中心|小组|银行|分行|支行|公司|集团)"
#: An organ's name: …委员会, …局, …部, …人民政府, …办公厅 (an issuer's, or an agency's).
ORGAN = rf"\p{{Han}}{{2,30}}?{ORGAN_END}"
#: How a name of an organ or of a body of them ends: an organ's end, or 单位/部门/机构/机关 (县直各单位).
UNIT_END = rf"(?:{ORGAN_END}|单位|部门|机构|机关)"
#: An agency's name in a list: an organ's, or a group's (各区人民政府, 各有关单位).
_ORGAN_NAME = regex.compile(rf"{ORGAN}|各\p{{Han}}{{1,30}}")
#: A bracketed note at a name's end: 省发改委（省能源局）, …示范区管委会（推进办公室）.
TRAILING_NOTE = regex.compile(r"[（(][^（）()]{1,12}[）)]$")
#: A clause about the tasks, not a list of names, after a list's phrase: 以下各项工作均需各县、区人民政府（管委会）
#: 落实 (潮州 2019, whose 落实 made 以下各项工作均需各县… an agency), 上述任务…, 其中….
_REMARK = regex.compile(r"(?:以下|以上|上述|其中|其余|此项|该项|本项|各项工作)|\p{Han}{0,12}?(?:均需|均由|均应|均要)")
# A further clause after the main phrase that names more agencies: （A负责，B等有关部门配合）
_SECONDARY = regex.compile(
    r"^(?P<names>[^，,；;。]+?)(?P<verb>(?:按职责分工|按职责|分别|共同|积极)?(?:配合|参与|指导|协助|协同|协办|支持|落实|督促指导|督促落实))$"
)


#: A label that names the agencies responsible: 责任单位： 牵头部门： 配合单位： (in （…）, 〔…〕, 【…】 or
#: opening a line of its own).  ``role`` is what the label says of its names.  Not 主办单位：/协办单位：,
#: which a government site's footer prints for the site's own sponsor (主办单位：××市人民政府办公室).
#: The name of a list of units (牵头单位, 配合部门; 总牵头单位 over a measure, 木兰 2019): as a label (with its
#: colon) or a table's column header.
UNIT_LABEL = regex.compile(
    r"总?(?P<role>牵头|主责|责任|配合|参与|协同|协助|协作|支持)(?:责任)?(?:单位|部门|处室|机关|机构)"
)
#: …or the field of a 分工方案 that says who does it (广东's every year: 部门分工：省发展改革委牵头，各地、各部门配合。).
RESP_LABEL = regex.compile(rf"(?:{UNIT_LABEL.pattern}|(?:部门|责任|职责|任务)分工)[：:]")
#: 主办单位： / 协办单位： as a list's labels: beside a :data:`RESP_LABEL` (福州 2006: （牵头领导：…；牵头单位：市农办；
#: 主办单位：市编办、市教育局、…）), where the 牵头单位 leads and the 主办单位's names are ``co``; or alone in
#: brackets (（主办单位：A；协办单位：B）), where the 主办单位's names lead.  Never a bare line (a site's footer).
_SPONSOR_LABEL = regex.compile(r"(?P<role>主办|协办)(?:单位|部门)[：:]")
_LEAD_LABELS = frozenset({"牵头", "主责"})
#: A label of any kind (完成时限：, 牵头领导：, 责任单位：): a few characters and a colon.
LABEL = regex.compile(r"\p{Han}{2,6}[：:]")
#: Any label of such a list after a break: where one label's names end.
_ANY_LABEL = regex.compile(rf"(?:^|(?<=[，,；;。\s])){LABEL.pattern}")
#: Brackets a responsibility list is printed in: （…） (…) 〔…〕 【…】 ［…］, and [...] as typed (黄石下陆区 2020:
#: [牵头单位:区卫健局;责任单位:区疫情防控指挥部成员单位、各街办(新区)]).
OPEN_BRACKETS = "（(〔【［["
CLOSE_BRACKETS = "）)〕】］]"
_LIST_BREAKS = "，,；;。 \t\n\u3000"
#: Longest agency name a labelled list may hold: a longer "name" is prose after a colon, not a list.
_MAX_NAME_CHARS = 40


def _inner(paren: str) -> str:
    """A responsibility list without its brackets (（A负责） → A负责); a bare list line as it is, and a
    list whose bracket the page never closed without its opening one."""
    if paren[:1] not in OPEN_BRACKETS:
        return paren
    return paren[1:-1] if paren[-1:] in CLOSE_BRACKETS and len(paren) >= 2 else paren[1:]


@dataclass(frozen=True)
class Responsibility:
    names: tuple[str, ...]
    roles: tuple[str, ...]
    phrase: str
    note: str | None
    lead_rule: str | None
    rule_carries: bool  # the rule says 下同: it applies to later tasks too


def _split_rule(inner: str) -> tuple[str, str]:
    """``inner`` without the clause that states a lead rule (and what follows it): (list, rule clause).

    （A、B负责，排在第一位的部门为牵头部门，下同） → ("A、B负责", "，排在第一位的部门为牵头部门，下同").  The rule
    is cut off first so that its own 牵头 is never read as the responsibility phrase.
    """
    m = _FIRST_LEADS.search(inner)
    if not m:
        return inner, ""
    group = _bracket_around(inner, m.start())
    if group is not None:
        # 县发改局（首位单位为牵头单位，下同）、县财政局 (海盐 2022), …旅游厅（除标注为“牵头”单位外，列第一位的为
        # 牵头或汇总单位，下同） (浙江 2024): the rule in brackets of its own, wherever they stand
        a, b = group
        return inner[:a] + inner[b:], "，" + inner[a + 1 : b - 1]
    cut = max(inner.rfind(p, 0, m.start()) for p in "，,。；;")
    if cut <= 0:
        return inner, ""
    return inner[:cut], inner[cut:]


def _bracket_around(text: str, at: int) -> tuple[int, int] | None:
    """The span of the innermost bracket pair (（…） or (…)) of ``text`` that holds position ``at``."""
    opened = []
    for i, ch in enumerate(text):
        if ch in "（(":
            opened.append(i)
        elif ch in "）)" and opened:
            start = opened.pop()
            if start < at < i:
                return start, i + 1
    return None


def carries_rule(paren: str) -> bool:
    """Whether a responsibility parenthesis states a lead rule that 下同 carries to later lists."""
    found = parse_responsibility(paren)
    return found is not None and found.rule_carries


def is_name_list(paren: str) -> bool:
    """Whether a parenthesis is a bare list of organs' names ((省发改委、省环保厅)): a task's agencies where an
    earlier list's rule was carried (…列第一位者为牵头部门，下同), an aside elsewhere."""
    return _bare_list(_without_lead_marks(_inner(paren))[0], ruled=True) is not None


@lru_cache(maxsize=1 << 16)
def is_responsibility(paren: str) -> bool:
    """Whether a parenthesis (with its brackets) assigns responsibility.

    Cached: order repair asks it of the same fragments at every step of its dynamic programme (on the
    10x plan of ``make bench``, 65 000 calls for about 2 000 parentheses, a fifth of the repair's time)."""
    inner = _without_lead_marks(_inner(paren))[0]
    if len(inner) > 400:
        return False
    core, rule = _split_rule(inner)
    return (
        _match_resp(core) is not None
        or _bare_list(core, ruled=bool(rule)) is not None
        or _parse_labelled(inner, None, bracketed=paren[:1] in OPEN_BRACKETS) is not None
    )


#: What parts two names in a list: 、 and its kin; a blank (责任单位：县财政局 县医保局, kept by normalization
#: only after an organ's name); 和/及/与 before 各.
_NAME_SEPARATOR = regex.compile(r"[、，,；;。]|[ \t\u3000]+|(?<!等)(?:以及|和|及|与)(?=各)")


#: The kinds of administrative division, as a name's level word says them (浙江省, 通山县, 各州、市).
ADMIN_LEVELS = "省|自治区|直辖市|计划单列市|市|自治州|州|盟|地区|县|自治县|旗|区|乡|镇|街道"
_ADMIN_UNIT = rf"(?:{ADMIN_LEVELS})(?:[（(][^（）()]{{1,12}}[）)])?"
# 各县、市、区政府 / 各省、自治区、直辖市人民政府 / 各市(州)、县(市、区)人民政府: one name for the governments of
# several kinds of division, listed with 、 before the organ they share
# (相关市、县政府 and 有关市、县人民政府 too: 黑龙江 2011 gave 相关市 and 县政府); or places listed before the
# government they share (黑龙江 2011: 哈尔滨、黑河、绥芬河市政府 gave agencies named 哈尔滨 and 黑河): short names
# that end in no organ, a whole name each, before a place's government
_SHARED_RUN = regex.compile(
    rf"(?:各|相关|有关){_ADMIN_UNIT}(?:、{_ADMIN_UNIT})+(?:人民)?(?:政府|党委)"
    rf"|(?<!\p{{Han}})(?:\p{{Han}}{{2,4}}(?<!{UNIT_END})、)+\p{{Han}}{{2,6}}?(?:市|县|区|州|盟|旗)(?:人民)?政府"
)
#: Brackets that hold a name's own note in a list, never the list: 各区人民政府〈含开发区、功能区〉 (武汉 2022).
_NAME_OPEN = OPEN_BRACKETS + "〈<‹《"
_NAME_CLOSE = CLOSE_BRACKETS + "〉>›》"


def _split_outside_brackets(separator: regex.Pattern[str], text: str) -> list[str]:
    """``text`` split where ``separator`` matches outside brackets and outside a run of divisions.

    Why: a name may hold a list of its own in brackets (运城 2016: 责任单位：市直各有关单位、各县（市、区）人民政府、
    各开发区管委会; 武汉 2022: 各区人民政府〈含开发区、功能区〉), and splitting on every 、 made 各县（市 and
    区）人民政府 two agencies. Or it lists the kinds
    of division whose governments it names (滁州 2020: 协同责任单位:…,各县、市、区政府。), which was three
    agencies, 各县, 市 and 区政府."""
    kept = [(m.start(), m.end()) for m in _SHARED_RUN.finditer(text)]
    parts: list[str] = []
    depth = 0
    start = 0
    last = 0
    for m in separator.finditer(text):
        for ch in text[last : m.start()]:
            if ch in _NAME_OPEN:
                depth += 1
            elif ch in _NAME_CLOSE and depth:
                depth -= 1
        last = m.start()
        if depth == 0 and not any(a < m.start() < b for a, b in kept):
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


def _split_names(names: str) -> tuple[list[str], list[str]]:
    """Split an agency list on 、 (and ，/, between names); return (names, notes)."""
    # 和/及/以及/与 join two entries only before 各 (A和各省级人民政府, 市级有关部门及各区政府): elsewhere
    # 和 is part of a name (市工业和信息化局)
    parts = [p.strip() for p in _split_outside_brackets(_NAME_SEPARATOR, names) if p.strip()]
    out: list[str] = []
    notes: list[str] = []
    for part in parts:
        # "A等部门和B" / "A等和B" / "A和B" only after 等: X等…和Y is two entries plus a note
        m = regex.match(rf"^(?P<a>.+?)(?P<etc>等{_ETC_WHAT})和(?P<b>.+)$", part)
        if m and _OTHERS_GENERIC.match(m.group("b")):
            out.append(m.group("a"))
            notes.append(part[len(m.group("a")) :])
            continue
        if m:
            out.append(m.group("a"))
            notes.append(m.group("etc"))
            part = m.group("b")
        m2 = _ETC.search(part)
        if m2 and m2.start() > 0:
            notes.append(m2.group(0))
            part = part[: m2.start()]
        if part and _CITED_NUMBER.fullmatch(part):
            notes.append(part)  # （皖发〔2022〕9号，省财政厅、各市政府负责）: the policy's source, no agency
        elif part:
            out.extend(_conjoined(part))
    return out, notes


#: A document's number, cited in an agency list as the source of the policy a task carries out.
_CITED_NUMBER = regex.compile(DOC_NUMBER)


_CONJUNCTION = regex.compile(r"以及|和|及|与")
_RELATED_UNITS = regex.compile(r"(?:相关|有关)\p{Han}{2,12}")


def _conjoined(part: str) -> list[str]:
    """An entry that joins two organs with 和/及/与 as two names: 环保厅和内蒙古电力监管办及相关盟市 (内蒙古
    2013) → 环保厅, 内蒙古电力监管办, 相关盟市.  Only where what stands before the conjunction is an organ's
    whole name (…厅, …局, …委) and what follows is one too, or 相关/有关 units: inside a name 和 joins words
    (市工业和信息化局, 住房和城乡建设厅), and the words before it end in no organ."""
    for m in _CONJUNCTION.finditer(part):
        left, right = part[: m.start()], part[m.end() :]
        if _ORGAN_NAME.fullmatch(left) and (_ORGAN_NAME.fullmatch(right) or _RELATED_UNITS.fullmatch(right)):
            return [*_conjoined(left), *_conjoined(right)]
    return [part]


def _list_clauses(names_text: str) -> list[str]:
    """The clauses of an agency list that names agencies in several clauses, each without its phrase:
    ``"A、B负责，各省级人民政府"`` → ``["A、B", "各省级人民政府"]``."""
    clauses: list[str] = []
    pos = 0
    for m in _CLAUSE_END.finditer(names_text):
        if m.start() > pos:
            clauses.append(names_text[pos : m.start()])
        pos = m.end()
    clauses.append(names_text[pos:])
    return [c.strip("，,；;。 ") for c in clauses if c.strip("，,；;。 ")]


def parse_responsibility(paren: str, carried_rule: str | None = None) -> Responsibility | None:
    """Parse ``（A、B按职责分工负责）``; ``carried_rule`` is a lead rule a previous 下同 carried here.

    Every name is kept, in printed order, whichever clause it stands in: （A、B负责，各省级人民政府按职责分工
    负责） names three; （A负责，B等有关部门配合） names two.  Leads: the names before 牵头 or 会同 (all of
    them when several stand there: （A、B牵头负责） names two leads); else the first-listed name where the
    parenthesis states the document's rule (排在第一位的部门为牵头部门) or a previous 下同 carried it here;
    else nobody — every agency is ``co``.
    """
    inner, marked, mark = _without_lead_marks(_inner(paren))
    bracketed = paren[:1] in OPEN_BRACKETS
    found = _parse_labelled(inner, carried_rule, bracketed=bracketed) or _parse_phrase(inner, carried_rule)
    if found is None or not marked:
        return found
    roles = tuple("lead" if n in marked else r for n, r in zip(found.names, found.roles, strict=True))
    return replace(found, roles=roles, lead_rule=found.lead_rule if "lead" in found.roles else mark)


#: A lead marked after its name: 市发展改革委（牵头）、市财政局 / 责任单位：A（牵头单位）、B.
_LEAD_MARK = regex.compile(r"[（(]牵头(?:单位|部门)?[）)]")
_NAME_START = "、，,；;：:"


def _without_lead_marks(inner: str) -> tuple[str, set[str], str | None]:
    """``inner`` without the marks that name a lead after its name, the names so marked, and the mark.

    Why: （市发展改革委（牵头）、市财政局按职责分工负责） read the 牵头 inside the mark as the list's
    phrase and split the name at its bracket (市发展改革委（ and ） became agencies); in a labelled
    list the mark stayed in the name, and nobody led.
    """
    marks = list(_LEAD_MARK.finditer(inner))
    if not marks:
        return inner, set(), None
    names: set[str] = set()
    for m in marks:
        head = inner[: m.start()]
        start = max(head.rfind(c) for c in _NAME_START) + 1
        names.add(head[start:].strip())
    return _LEAD_MARK.sub("", inner), names, marks[0].group(0)


def _first_listed_lead(rest: str, any_lead: bool, carried_rule: str | None) -> tuple[bool, str | None, bool]:
    """Whether the first-listed name leads by the document's rule, the rule's words, and whether the
    rule carries to later lists (下同): stated in ``rest`` (排在第一位的部门为牵头部门), or carried here
    by an earlier 下同 where nobody leads otherwise."""
    rule_here = _FIRST_LEADS.search(rest)
    if rule_here:
        return True, rule_here.group(0), _CARRIES.search(rest) is not None
    if not any_lead and carried_rule is not None:
        return True, carried_rule, False
    return False, None, False


def _bare_list(core: str, *, ruled: bool) -> _RespMatch | None:
    """A list of organs' names with no phrase, where the document's lead rule is stated in the
    parenthesis or carried to it (``ruled``): (省经信委、省发改委，列第一位者为牵头部门，下同), 浙江 2014.  The
    rule says the names are the task's agencies; without it a parenthesis of names is an aside
    (（省委、省政府）) and is not read."""
    names = core.strip("，,；; ")
    if not ruled or not names:
        return None
    found, notes = _split_names(names)
    organs = [TRAILING_NOTE.sub("", n) for n in found]  # 省发改委（省能源局）
    if notes or not found or not all(_ORGAN_NAME.fullmatch(n) for n in organs):
        return None
    return _RespMatch(names, "", "")


def _parse_phrase(inner: str, carried_rule: str | None) -> Responsibility | None:
    """A list closed by a responsibility phrase: ``A、B按职责分工负责`` (:func:`parse_responsibility`)."""
    core, rule_clause = _split_rule(inner)
    m = _match_resp(core) or _bare_list(core, ruled=bool(rule_clause or carried_rule))
    if not m:
        return None
    names_text, phrase, rest = m.names, m.resp, m.rest + rule_clause
    if names_text.startswith("由") and len(names_text) > 1 and regex.match(r"\p{Han}", names_text[1]):
        names_text = names_text[1:]  # （由市发展改革委负责）: 由 is no part of the name
    names: list[str] = []
    notes: list[str] = []
    leads: set[int] = set()
    lead_rule: str | None = None
    clauses = _list_clauses(names_text)
    for ci, clause in enumerate(clauses):
        mw = _WITH.match(clause)
        if mw and mw.group("verb").startswith("会同"):
            lead_names, lead_notes = _split_names(mw.group("lead"))
            others = mw.group("others")
            generic = _OTHERS_GENERIC.match(others) is not None
            other_names, other_notes = ([], []) if generic else _split_names(others)
            notes.extend(lead_notes)
            if generic:
                notes.append("会同" + others)
            notes.extend(other_notes)
            leads.update(range(len(names), len(names) + len(lead_names)))
            names += lead_names + other_names
            lead_rule = "会同"
        elif mw and mw.group("verb").startswith("牵头"):
            lead_names, lead_notes = _split_names(mw.group("lead"))
            # （市发改委牵头，市财政局配合。各县区人民政府负责落实）: a clause's verb is no part of its names; the
            # clause is noted whole, as a further clause after the phrase is
            named: list[str] = []
            for part in regex.split(r"[，,；;。]", mw.group("others")):
                if ms := _SECONDARY.fullmatch(part.strip()):
                    named.append(ms.group("names"))
                    notes.append(part.strip())
                else:
                    named.append(part)
            other_names, other_notes = _split_names("，".join(named))
            notes.extend(lead_notes + other_notes)
            leads.update(range(len(names), len(names) + len(lead_names)))
            names += lead_names + other_names
            lead_rule = "牵头"
        else:
            found, found_notes = _split_names(clause)
            notes.extend(found_notes)
            if ci == len(clauses) - 1 and (lead := _LEAD_PHRASE.match(phrase)):
                # （A、B牵头负责）, （A主办，B协办）: the names of the clause the phrase closes are the leads
                leads.update(range(len(names), len(names) + len(found)))
                lead_rule = lead.group(0).removeprefix("总")
            names += found
    # further clauses that name agencies with another verb: （A负责，B等有关部门配合）; a clause of names
    # only goes with the verb of the next (（A牵头，B、C等部门，D、各街道办事处配合）: B, C and D assist)
    pending: list[str] = []
    for clause in regex.split(r"[，,；;。]", rest):
        # a remark on the tasks (以下各项工作均需…落实) names nobody, whatever its verb: it is said, as below
        remark = _REMARK.match(clause.strip()) is not None
        ms = None if remark else _SECONDARY.match(clause.strip())
        if ms and not _FIRST_LEADS.search(clause) and not _CARRIES.search(clause):
            for waiting in pending:
                names += _split_names(waiting)[0]
            found, _ = _split_names(ms.group("names"))
            names += found
            notes.append("，".join([*pending, clause.strip()]))  # the whole clause: its 等/有关部门 and its verb
            pending = []
        elif clause.strip() and not _FIRST_LEADS.search(clause) and not _CARRIES.fullmatch(clause.strip()):
            found, _ = _split_names(clause.strip())
            if found and not remark and all(_ORGAN_NAME.fullmatch(n) for n in found):
                pending.append(clause.strip())
            else:
                notes.extend(pending)
                notes.append(clause.strip())  # what else the list says: 2023年底前完成
                pending = []
    if pending and _LEAD_PHRASE.fullmatch(phrase):
        # （省财政厅牵头，省商务厅、省文化广电和旅游厅）: the names after a lead's 牵头 are those who work with it
        for waiting in pending:
            found, found_notes = _split_names(waiting)
            names += found
            notes.extend(found_notes)
    else:
        notes.extend(pending)  # names no verb follows (…负责，市财政局): not read as agencies, kept as said
    if not names:
        return None
    first_leads, rule, carries = _first_listed_lead(rest, bool(leads), carried_rule)
    if first_leads:
        lead_rule = rule
        leads.add(0)
    roles = tuple("lead" if i in leads else "co" for i in range(len(names)))
    return Responsibility(
        names=tuple(names),
        roles=roles,
        phrase=phrase,
        note="；".join(notes) or None,
        lead_rule=lead_rule,
        rule_carries=carries,
    )


def _parse_labelled(inner: str, carried_rule: str | None, *, bracketed: bool = False) -> Responsibility | None:
    """A list whose agencies stand after labels: ``责任单位：A、B`` or ``牵头单位：A；配合单位：B、C``.

    Why: provincial and city work plans print it so far more often than they close a list with
    负责 — 〔责任单位：省市场监管局〕 in Sichuan's 现代流通体系建设实施方案 (2022) — and read as a plain
    parenthesis it named nobody: the task got no agencies, and a numbered item (1.建立工作机制。
    （责任单位：…）) took its one sentence for a heading.

    The list opens with a label (牵头领导：… may come first and names a person) and holds a
    responsibility label; each label's names run to the next label.  A label's names may close
    with a phrase of their own (责任单位：A、B按职责分工负责。具体任务……，下同。) and are then read as
    a plain list is.  Names of a 牵头/主责 label lead; the others are ``co`` unless 牵头/会同
    inside their list, the document's first-listed rule (排在第一位的为牵头单位) or a rule carried by
    下同 says otherwise.  Labels that name no agency (完成时限：…) go to the note, verbatim; the whole
    list is kept as the task's ``parenthesis``.
    """
    text = inner.strip()
    # （主办单位：市文化局；协办单位：市广电局）: in brackets only (a site's footer prints 主办单位：… bare)
    sponsored = bracketed and _SPONSOR_LABEL.match(text) is not None
    if not sponsored and (RESP_LABEL.search(text) is None or not (RESP_LABEL.match(text) or _ANY_LABEL.match(text))):
        return None
    # where each label stands: responsibility labels anywhere (市发展改革委配合单位：… has no break
    # before its label), any other label after a break
    spans = {m.start(): m.end() for m in _ANY_LABEL.finditer(text)}
    spans.update({m.start(): m.end() for m in RESP_LABEL.finditer(text)})
    labels: list[tuple[int, int]] = []
    for start in sorted(spans):
        if not labels or start >= labels[-1][1]:
            labels.append((start, spans[start]))
    names: list[str] = []
    roles: list[str] = []
    notes: list[str] = []
    printed: list[str] = []
    sponsors: list[tuple[int, int, str]] = []  # where the names of each 主办单位 label stand
    lead_rule: str | None = None
    for k, (start, end) in enumerate(labels):
        body_end = labels[k + 1][0] if k + 1 < len(labels) else len(text)
        body = text[end:body_end].strip(_LIST_BREAKS)
        label = RESP_LABEL.fullmatch(text, start, end) or _SPONSOR_LABEL.fullmatch(text, start, end)
        if label is None:
            notes.append(text[start:body_end].strip(_LIST_BREAKS))
            continue
        printed.append(text[start : end - 1])
        body, _ = _split_rule(body)  # 责任单位：A、B，排在第一位的为牵头单位
        body = body.strip(_LIST_BREAKS)
        if not body:
            continue
        within = _parse_phrase(body, None)
        names_only, _, said = body.partition("。")
        if within is None and said.strip(_LIST_BREAKS):
            # 责任单位：…，各县区人民政府、园区管委会。以下政策措施均需…落实，不再单独列出 (淮安 2022): a sentence
            # after the names says something of them; it is the list's note, not more names (after a phrase,
            # 按职责分工负责。具体任务…，下同, the phrase's reading keeps its clauses)
            notes.append(said.strip(_LIST_BREAKS))
            body = names_only.strip(_LIST_BREAKS)
        if within is not None:
            found, found_roles = list(within.names), list(within.roles)
            if within.note:
                notes.append(within.note)
            if within.lead_rule and "lead" in found_roles:
                lead_rule = lead_rule or within.lead_rule
        else:
            found, found_notes = _split_names(body)
            found_roles = ["co"] * len(found)
            notes.extend(found_notes)
        if not found or any(len(n) > _MAX_NAME_CHARS for n in found):
            return None
        if label.group("role") in _LEAD_LABELS:
            found_roles = ["lead"] * len(found)
            lead_rule = lead_rule or printed[-1]
        elif label.group("role") == "主办":
            sponsors.append((len(names), len(names) + len(found), printed[-1]))
        names += found
        roles += found_roles
    if not names:
        return None
    if sponsors and "lead" not in roles:
        # 主办单位：A；协办单位：B: the sponsor leads where no 牵头单位 is named (beside one it is one of many)
        for a, b, said in sponsors:
            roles[a:b] = ["lead"] * (b - a)
            lead_rule = lead_rule or said
    first_leads, rule, carries = _first_listed_lead(text, "lead" in roles, carried_rule)
    if first_leads:
        lead_rule = rule
        roles[0] = "lead"
    return Responsibility(
        names=tuple(names),
        roles=tuple(roles),
        phrase="；".join(printed),
        note="；".join(notes) or None,
        lead_rule=lead_rule,
        rule_carries=carries,
    )
