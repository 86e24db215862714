"""Quantitative targets and cited documents as data: the stage after :func:`~plan_extract.build.build_record`.

A plan's commitments that other tools want to compare across documents are its figures
("非化石能源消费比重力争达到11.5%以上") and its references to other documents ("根据《国务院关于…指导意见》
（国发〔2021〕4号）").  :func:`find_targets` reads the built record's text — the notice, the preamble,
every task in document order, the closing text and unplaced fragments — and fills
``PlanRecord.targets`` and ``PlanRecord.citations``.  Nothing is invented: every field is read from
the printed words, and a field the text does not give stays null.

**What counts as a target.**  An Arabic figure with a unit (``%``, ``家``, ``个``, ``万吨``, ``亿元`` …;
see :data:`UNITS`) governed by a verb printed right before it (fillers such as 约/近 allowed):

* a comparison verb (达到, 提高至, 降低, 超过, 控制在 …) — the indicator is the clause text before the
  verb ("空气优良天数比例达到68%" → 空气优良天数比例);
* a verb that creates or delivers a count (培育, 建设, 打造, 推出, 创建 …) — the indicator is the noun
  phrase after the figure ("培育150家市级以上农业产业化龙头企业" → 市级以上农业产业化龙头企业), and the
  comparison is null unless a qualifier such as 以上 follows the unit;
* a later figure of the same list inherits the verb: "分别达到65%和55%", "培育150家…、20个…".

A figure with no such verb ("按投资额的30%给予补助"), an ordinal (第3), a baseline (由30%提高到40%: the
30%), a figure inside a 《title》, and a figure in a sentence that reports the past (已, 近年来, 目前,
a year before the document's own) is not a target.  Time spans (天, 小时, 个月, 个工作日) count only
after a comparison verb ("压缩至5个工作日").  Chinese-numeral amounts (两个, 翻一番) are not read.

**Comparison vocabulary.**  ``Target.comparison`` keeps the printed words, mapped to one canonical
word per meaning (:data:`COMPARISON_VERBS`)::

    达到   达到 达 实现 (adverbs 均 分别 总体 累计 … dropped)   reach a level
    提高至 提高至/到 提升至/到 增加至/到 增长至/到 增至 上升至/到     raise to
    提高   提高 提升 增加 增长 上升 扩大                          raise by
    降低至 降低至/到 下降至/到 减少至/到 降至 压减至 缩短至 压缩至   lower to
    降低   降低 下降 减少 压减 削减 缩短 压缩                      lower by
    超过   超过 突破 高于                                         exceed
    不低于 不低于 不少于 不小于                                    at least
    不超过 不超过 不高于 不多于 不大于                              at most
    控制在 控制在/到                                              hold within
    保持在 保持在 稳定在 维持在                                    keep at
    新增   新增 累计新增                                          add (a count)

with the qualifiers that change its meaning, in reading order: ``力争`` before the verb when the
sentence says 力争/争取 before the figure; ``年均`` (年均, 年平均, 平均每年, 每年) before the verb; and after
the figure, elided as ``…``, one of ``以上`` (以上, 及以上), ``以下`` (以下, 及以下), ``以内``, ``左右``,
``余`` (余, 多: "100余家").  So "力争达到11.5%以上" → ``力争达到…以上``, "降低14.5%" → ``降低``, "培育150家"
→ null.  A printed range ("8%—10%", "8—10%", "8%至10%") gives two targets, the lower bound with
``…—`` and the upper with ``—…`` after the verb: "提高到8%—10%" → ``提高至…—`` 8 and ``提高至—…`` 10.

**Target year.**  The year in force where the figure stands: the latest 到/至/截至/于 YYYY年,
YYYY年(底)前, or clause-opening "YYYY年，" before the figure in the same task (or preamble, or
notice), across its sentences; "到2025年…。到2035年…" switches from one to the next.  A task
without one takes the year of its measure's or section's heading, or of a lead-in task of the same
measure that ends with ："到2025年，主要目标是：".  Otherwise the year is **null**, even when another
task of the same paragraph or the plan as a whole is dated: "港作船舶岸电使用率达到100%" and
"培育150家…" (whose 到2025年 is in an earlier task of its measure, attributed to other agencies)
have no year.  Baselines (比2020年, 较上年) and periods (2021—2025年) are not target years, and
"十四五"末 is not turned into 2025.  Years in Chinese numerals (二〇二五年) are read.

**Indicator.**  The clause before the verb without its year marker, baseline (比2020年), leading
connectives (其中, 并, 确保, 推动 …) and adverbs (力争, 均, 分别 …); where that is empty, the noun
phrase after the figure; an empty string where the text names no indicator near the figure
("…，力争达到100家" — the indicator is in another clause, and is not guessed).  Printed as is otherwise: "花生种植、收获机械化率分别达到65%和55%" gives two
targets with the indicator 花生种植、收获机械化率 — it is not split into two invented names.

**Provenance and text.**  ``Target.text`` is the sentence (up to 。！？；) that holds the figure, as in
the record; ``provenance`` is that of the task (or unplaced fragment) it came from — the record
holds no finer map from its normalized text back to the source — and null for the notice,
preamble and closing, which carry no provenance in the record.

**Citations.**  Every 《title》 in the same texts, once per title in order of first mention, with
the number printed in the parenthesis right after it: a 文号 (国发〔2021〕4号) or a standard's code
(DB/T 29—204—2021).  Left out: the document itself (the title of the plan or notice, or what the
notice 印发s: "现将《…》印发给你们"), and short names the text defines (以下简称《意见》) and their later
uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .models import Citation, PlanRecord, Provenance, Target, Task
from .segment import squash

# --- vocabulary -----------------------------------------------------------------------------------

#: canonical comparison word → the printed verbs that mean it (longest listed first where prefixes overlap)
COMPARISON_VERBS: dict[str, tuple[str, ...]] = {
    "提高至": (
        "提高至",
        "提高到",
        "提升至",
        "提升到",
        "增加至",
        "增加到",
        "增长至",
        "增长到",
        "上升至",
        "上升到",
        "扩大至",
        "扩大到",
        "增至",
    ),
    "降低至": (
        "降低至",
        "降低到",
        "下降至",
        "下降到",
        "减少至",
        "减少到",
        "压减至",
        "压减到",
        "缩短至",
        "缩短到",
        "压缩至",
        "压缩到",
        "缩减至",
        "缩减到",
        "降至",
        "减至",
    ),
    "控制在": ("控制在", "控制到"),
    "保持在": ("保持在", "稳定在", "维持在"),
    "不低于": ("不低于", "不少于", "不小于"),
    "不超过": ("不超过", "不高于", "不多于", "不大于"),
    "超过": ("超过", "突破", "高于"),
    "新增": ("新增",),
    "提高": ("提高", "提升", "增加", "增长", "上升", "扩大"),
    "降低": ("降低", "下降", "减少", "压减", "削减", "缩短", "压缩", "缩减"),
    "达到": ("达到", "实现", "达"),
}

#: verbs that create or deliver a count; the indicator follows the figure ("培育150家…企业")
COUNT_VERBS: tuple[str, ...] = (
    "培育",
    "建设",
    "建成",
    "打造",
    "推出",
    "创建",
    "新建",
    "认定",
    "遴选",
    "引进",
    "培训",
    "举办",
    "完成",
    "改造",
    "推广",
    "布局",
    "形成",
    "扶持",
    "支持",
    "招引",
    "培养",
    "评选",
    "组建",
    "设立",
    "储备",
    "淘汰",
    "关停",
    "整治",
    "治理",
    "修复",
    "造林",
    "种植",
    "发展",
)

_MULTIPLIER = "(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)"
#: units read after a figure (a multiplier 万/亿/… may precede the base unit and stays in ``unit``)
UNITS: tuple[str, ...] = (
    "个百分点",
    "百分点",
    "微克/立方米",
    "毫克/立方米",
    "吨标准煤",
    "吨标煤",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "公顷",
    "公里",
    "千米",
    "千克",
    "公斤",
    "人次",
    "美元",
    "标箱",
    "床",
    "亩",
    "斤",
    "米",
    "吨",
    "瓦",
    "元",
    "家",
    "个",
    "项",
    "座",
    "所",
    "处",
    "条",
    "台",
    "套",
    "辆",
    "艘",
    "架",
    "名",
    "人",
    "户",
    "张",
    "部",
    "种",
    "株",
    "头",
    "只",
    "批",
    "场",
    "次",
    "件",
    "倍",
    "%",
    "％",
    "‰",
)
#: time spans: targets only after a comparison verb ("压缩至5个工作日"), never after a count verb
TIME_UNITS: tuple[str, ...] = ("个工作日", "工作日", "个月", "小时", "分钟", "天")

SUFFIXES: dict[str, str] = {
    "及以上": "以上",
    "以上": "以上",
    "及以下": "以下",
    "以下": "以下",
    "以内": "以内",
    "左右": "左右",
}

_ADVERBS = ("均", "分别", "总体", "累计", "基本", "稳步", "逐步", "进一步", "持续", "全部", "再", "要", "将", "可")
_ANNUAL = ("平均每年", "年平均", "年均", "每年")
_FILLERS = ("大约", "约为", "约", "近", "逾", "为", "了", "“")
_LEADING = (
    "平均每年",
    "其中",
    "累计",
    "每年",
    "并且",
    "以及",
    "同时",
    "使得",
    "确保",
    "推动",
    "推进",
    "力争",
    "争取",
    "全面",
    "并",
    "且",
    "使",
    "和",
    "及",
    "与",
    "要",
    "将",
)
_TRAILING = tuple(sorted(("力争", "争取", *_ADVERBS, *_ANNUAL), key=len, reverse=True))
_PAST_WORDS = ("已经", "已", "近年来", "近年", "以来", "目前", "现有", "当前", "曾")

_SENTENCE_END = "。！？；!?;\n"
_CLAUSE_END = _SENTENCE_END + "，,：:"
_LIST_JOINERS = ("以及", "、", "和", "及", "与")

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS + TIME_UNITS, key=len, reverse=True))
_SUFFIX_RE = "|".join(re.escape(s) for s in sorted(SUFFIXES, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\d.A-Za-z/])(?P<num>{_NUM})(?:\s*(?P<u1>%|％|‰))?"
    rf"(?:\s*(?P<sep>[—–\-~～至到])\s*(?P<num2>{_NUM}))?"
    rf"\s*(?P<approx>多|余)?\s*(?P<unit>{_MULTIPLIER}?(?:{_UNIT_RE}))(?P<suffix>{_SUFFIX_RE})?"
)
_CN_DIGITS = "〇零一二三四五六七八九"
_YEAR = re.compile(
    rf"(?P<pre>截止到|截止至|截至|截止|到|至|于|在|比|较|与|同|自|从|[—–\-~～])?"
    rf"(?P<y>\d{{4}}|[{_CN_DIGITS}]{{4}})年(?P<post>底|末)?(?P<after>之前|以前|前|以来|起)?"
)
_BASELINE = re.compile(
    rf"(?:比|较|与|同)(?:\d{{4}}|[{_CN_DIGITS}]{{4}})年(?:底|末)?(?:相比|水平)?(?:的?基础上)?|(?:比|较)(?:上年|去年|上一年)(?:同期)?"
)
_TARGET_YEAR_MARK = re.compile(
    rf"(?:力争|争取)?(?:截止到|截止至|截至|截止|到|至|于|在)?(?:\d{{4}}|[{_CN_DIGITS}]{{4}})年(?:底|末)?(?:之前|以前|前)?"
)
_YEAR_MARK_ONLY = re.compile(
    rf"(?:截止到|截止至|截至|截止|到|至|于|在)?(?:\d{{4}}|[{_CN_DIGITS}]{{4}})年(?:底|末)?(?:之前|以前|前)?"
)
_TITLE = re.compile(r"《([^《》\n]{1,200})》")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,15}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号"
    r"|[A-Z]{2,5}(?:\d{2})?(?:/[A-Z])?\s?\d+(?:\.\d+)?(?:[—–\-]\d+)*"
)
_ALIAS_BEFORE = re.compile(r"简称\s*$")
_PAREN_AFTER = re.compile(r"\s*[（(]([^（()）]*(?:[（(][^（()）]*[)）][^（()）]*)*)[)）]")

_VERB_FORMS: list[tuple[str, str]] = sorted(
    ((form, canon) for canon, forms in COMPARISON_VERBS.items() for form in forms),
    key=lambda fc: len(fc[0]),
    reverse=True,
)
_COUNT_FORMS = sorted(COUNT_VERBS, key=len, reverse=True)


# --- scanning one text ----------------------------------------------------------------------------


def _mask_titles(text: str) -> str:
    """``text`` with the inside of every 《…》 blanked, so that 《…规划（2019—2030年）》 or 《中国制造2025》
    gives neither a year nor a figure (same length: offsets stay valid)."""
    return _TITLE.sub(lambda m: "《" + "□" * len(m.group(1)) + "》", text)


def _year_value(y: str) -> int:
    """``"2025"`` or ``"二〇二五"`` → 2025."""
    return int(y) if y.isdigit() else int("".join(str(max(_CN_DIGITS.index(c) - 1, 0)) for c in y))


def _clause_start(text: str, i: int) -> int:
    j = i
    while j > 0 and text[j - 1] not in _CLAUSE_END:
        j -= 1
    return j


def _sentence_bounds(text: str, i: int) -> tuple[int, int]:
    s = i
    while s > 0 and text[s - 1] not in _SENTENCE_END:
        s -= 1
    e = i
    while e < len(text) and text[e] not in _SENTENCE_END:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1
    return s, e


@dataclass(frozen=True)
class _Marker:
    """A year or past marker at ``pos``: ``year`` set for a target year, ``past`` for a report of the past."""

    pos: int
    year: int | None = None
    past: bool = False


def _markers(masked: str, signed_year: int | None) -> list[_Marker]:
    """Year and past markers of a text in order (see the module docstring for what counts)."""
    out: list[_Marker] = []
    for m in _YEAR.finditer(masked):
        pre, after = m.group("pre") or "", m.group("after") or ""
        year = _year_value(m.group("y"))
        start = m.start("y") - (1 if pre else 0)
        before_pre = masked[start - 1] if start > 0 else ""
        rest = masked[m.end() : m.end() + 3]
        if pre in ("比", "较", "与", "同", "自", "从") or after == "起":
            continue  # a baseline or a starting point
        if pre in ("—", "–", "-", "~", "～") or re.match(
            r"\s*[—–\-~～至到]\s*(?:\d{4}|[〇零一二三四五六七八九]{4})", rest
        ):
            continue  # a period 2021—2025年
        if pre in ("到", "至") and (before_pre.isdigit() or before_pre == "年"):
            continue  # 2021至2025年
        if after == "以来":
            out.append(_Marker(m.start(), past=True))
            continue
        dated = (bool(pre) and pre != "在") or after in ("前", "之前", "以前")
        if not dated:
            clause_open = _clause_start(masked, m.start()) == m.start("y") - len(pre)
            if not clause_open or re.match(r"\d{1,2}月", masked[m.end() : m.end() + 3]):
                continue  # a year mid-clause, or a date (2022年3月25日)
            if signed_year is None:
                continue
        if signed_year is not None and year < signed_year:
            out.append(_Marker(m.start(), past=True))
        else:
            out.append(_Marker(m.start(), year=year))
    for word in _PAST_WORDS:
        for m in re.finditer(re.escape(word), masked):
            out.append(_Marker(m.start(), past=True))
    out.sort(key=lambda mk: (mk.pos, mk.past))
    return out


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int  # after unit and suffix
    value: float
    unit: str
    suffix: str | None
    range_part: str | None  # "low" | "high" | None


def _figures(masked: str) -> Iterator[tuple[re.Match[str], list[_Figure]]]:
    for m in _FIGURE.finditer(masked):
        before = masked[m.start() - 1] if m.start() > 0 else ""
        if before in ("第", "前", "每", "由", "从"):
            continue  # ordinals, rankings, ratios, baselines
        unit = m.group("unit").replace("％", "%")
        if unit == "百分点":
            unit = "个百分点"
        u1 = (m.group("u1") or "").replace("％", "%")
        if u1 and unit != u1:
            continue  # 30%-5家: not one quantity
        suffix = SUFFIXES.get(m.group("suffix") or "") or ("余" if m.group("approx") else None)
        num = float(m.group("num").replace(",", ""))
        if m.group("num2"):
            num2 = float(m.group("num2").replace(",", ""))
            figs = [
                _Figure(m.start(), m.end(), num, unit, None, "low"),
                _Figure(m.start(), m.end(), num2, unit, suffix, "high"),
            ]
        else:
            figs = [_Figure(m.start(), m.end(), num, unit, suffix, None)]
        yield m, figs


def _strip_fillers(s: str) -> str:
    changed = True
    while changed:
        changed = False
        for f in _FILLERS:
            if s.endswith(f):
                s = s[: -len(f)]
                changed = True
    return s


def _verb_before(masked: str, lo: int, pos: int) -> tuple[str, str, int] | None:
    """(kind, canonical verb, verb start) of a verb ending right before ``pos`` (fillers allowed)."""
    head = _strip_fillers(masked[lo:pos])
    for form, canon in _VERB_FORMS:
        if head.endswith(form):
            # "达" inside 达标/到达 etc. is not the verb: require it not to follow 到/传/表/抵
            if form == "达" and head[-2:-1] in ("到", "传", "表", "抵", "下", "通"):
                continue
            return "cmp", canon, lo + len(head) - len(form)
    for form in _COUNT_FORMS:
        if head.endswith(form):
            return "count", form, lo + len(head) - len(form)
    return None


def _verb_opening(masked: str, lo: int, pos: int) -> tuple[str, str, int] | None:
    """A count verb or 新增 opening the segment, its object before the figure: "推广新能源汽车10万辆"
    (object at most 15 characters, without 的, so that a verb far back does not govern the figure)."""
    seg = _TARGET_YEAR_MARK.sub(lambda y: " " * len(y.group(0)), masked[lo:pos])
    stripped = _strip_leading(seg)
    start = pos - len(stripped)
    for form, kind in [("新增", "cmp"), *((f, "count") for f in _COUNT_FORMS)]:
        if stripped.startswith(form):
            obj = stripped[len(form) :]
            if 0 < len(obj) <= 15 and "的" not in obj:
                return kind, form, start
            return None
    return None


def _strip_leading(s: str) -> str:
    changed = True
    while changed:
        changed = False
        s2 = s.lstrip(" ，,、")
        for w in _LEADING:
            if s2.startswith(w) and len(s2) > len(w):
                s2 = s2[len(w) :]
        if s2 != s:
            s, changed = s2, True
    return s


def _clean_indicator(s: str) -> str:
    s = _BASELINE.sub("", s)
    s = _TARGET_YEAR_MARK.sub("", s)
    s = re.sub(r"(?:由|从)\s*\d+(?:\.\d+)?\s*\S{0,4}$", "", s)
    s = _strip_leading(s.strip(" ，,、："))
    changed = True
    while changed:
        changed = False
        for w in _TRAILING:
            if s.endswith(w):
                s, changed = s[: -len(w)], True
    return s.strip(" ，,、：")


def _noun_after(text: str, pos: int) -> str:
    """The noun phrase after a figure: up to the next list or clause mark or figure."""
    m = re.match(r"[^，,。；;：:、！？\n]*", text[pos:])
    phrase = m.group(0) if m else ""
    cut = re.search(r"和\d|及\d|与\d", phrase)
    if cut:
        phrase = phrase[: cut.start()]
    return phrase.strip()


def _aspired(masked: str, sent_lo: int, clause_lo: int, pos: int) -> bool:
    """力争/争取 governs the figure: in its clause before it, or opening the sentence as a lead-in
    ("力争到2025年，…") — not a 力争 of an earlier clause about another indicator."""
    if re.search("力争|争取", masked[clause_lo:pos]):
        return True
    if clause_lo == sent_lo:
        return False
    j = sent_lo
    while j < pos and masked[j] not in _CLAUSE_END:
        j += 1
    return _YEAR_MARK_ONLY.sub("", masked[sent_lo:j]).strip() in ("力争", "争取")


def _reports_past(masked: str, markers: list[_Marker], sent_lo: int, clause_lo: int, pos: int) -> bool:
    """The figure reports the past: the latest marker of its clause before it is a past one (已, 目前,
    a year before the document's own …), or its sentence opens with a past lead-in — a clause of
    little more than the marker ("近年来，…", "2020年，…", "“十三五”以来，…") — that no target year
    follows before the figure."""
    in_clause = [mk for mk in markers if clause_lo <= mk.pos < pos]
    if in_clause:
        return in_clause[-1].past
    if clause_lo == sent_lo:
        return False
    first_end = sent_lo
    while first_end < pos and masked[first_end] not in _CLAUSE_END:
        first_end += 1
    rest = _YEAR.sub("", masked[sent_lo:first_end])
    for word in _PAST_WORDS:
        rest = rest.replace(word, "")
    if len(rest.strip()) > 5:
        return False  # a clause of its own ("目前全市有30家"), not a lead-in
    lead = [mk for mk in markers if sent_lo <= mk.pos < first_end]
    later_year = any(mk.year is not None for mk in markers if first_end <= mk.pos < pos)
    return bool(lead) and lead[-1].past and not later_year


def _comparison(canon: str | None, qualifiers: list[str], suffix: str | None, range_part: str | None) -> str | None:
    head = "".join(qualifiers) + (canon or "")
    if range_part == "low":
        return head + "…—"
    if range_part == "high":
        return head + "—…" + (suffix or "")
    if suffix:
        return head + "…" + suffix
    return head or None


def targets_in_text(
    text: str,
    *,
    year: int | None = None,
    signed_year: int | None = None,
    provenance: Provenance | None = None,
) -> tuple[list[Target], int | None]:
    """The targets of one text (a task, the preamble …) and the year in force at its end.

    ``year`` is the year carried in from a heading or lead-in; ``signed_year`` the document's own
    year, which tells a report of the past ("2020年，全市…达到…") from a target.
    """
    masked = _mask_titles(text)
    markers = _markers(masked, signed_year)
    out: list[Target] = []
    prev: tuple[int, str, str | None, str, int] | None = None  # (end, kind, canon, indicator, clause start)
    for _m, figs in _figures(masked):
        first = figs[0]
        pos = first.start
        clause_lo = _clause_start(masked, pos)
        sent_lo, sent_hi = _sentence_bounds(masked, pos)
        in_force = year
        for mk in markers:
            if mk.pos >= pos:
                break
            if mk.year is not None:
                in_force = mk.year
        past = _reports_past(masked, markers, sent_lo, clause_lo, pos)
        seg_lo = clause_lo
        if prev is not None and prev[4] == clause_lo:
            seg_lo = prev[0]
        found = _verb_before(masked, seg_lo, pos)
        kind: str
        canon: str | None
        indicator: str
        if found is not None:
            kind, verb, vstart = found
            canon = verb if kind == "cmp" else None
            before = masked[seg_lo:vstart]
            qual_src = before
            indicator = _clean_indicator(text[seg_lo:vstart]) if kind == "cmp" else ""
            fallback_end = vstart
        else:
            gap = masked[prev[0] : pos] if prev is not None and prev[4] == clause_lo else None
            if gap is not None and prev is not None and gap.endswith(_LIST_JOINERS):
                _, kind, canon, prev_indicator, _ = prev
                short = gap.strip() in _LIST_JOINERS
                indicator = prev_indicator if (kind == "cmp" and short) else ""
                if kind == "cmp" and not short:
                    indicator = _clean_indicator(text[prev[0] : pos].rstrip("、和及与，以"))
                qual_src = masked[clause_lo:pos]
                fallback_end = prev[0]
            else:
                opening = _verb_opening(masked, seg_lo, pos)
                if opening is None:
                    prev = None
                    continue
                kind, verb, vstart = opening
                canon = verb if kind == "cmp" else None
                indicator = _clean_indicator(text[vstart + len(verb) : pos])
                qual_src = masked[seg_lo:vstart]
                fallback_end = vstart
        if past:
            prev = None
            continue
        if first.unit in TIME_UNITS and kind != "cmp":
            prev = None
            continue
        if not indicator:
            indicator = _noun_after(text, figs[-1].end) or _clean_indicator(text[clause_lo:fallback_end])
        qualifiers: list[str] = []
        if _aspired(masked, sent_lo, clause_lo, pos):
            qualifiers.append("力争")
        if kind == "cmp" and qual_src.rstrip().endswith(_ANNUAL):
            qualifiers.append("年均")
        sentence = text[sent_lo:sent_hi].strip()
        for fig in figs:
            out.append(
                Target(
                    indicator=indicator,
                    value=fig.value,
                    unit=fig.unit,
                    comparison=_comparison(canon, qualifiers, fig.suffix, fig.range_part),
                    year=in_force,
                    text=sentence,
                    provenance=provenance,
                )
            )
        prev = (figs[-1].end, kind, canon, indicator, clause_lo)
    end_year = year
    for mk in markers:
        if mk.year is not None:
            end_year = mk.year
    return out, end_year


def _heading_year(title: str | None, signed_year: int | None, carried: int | None) -> int | None:
    """The year a heading puts in force for what it heads (``carried`` when it names none)."""
    if not title:
        return carried
    years = [mk.year for mk in _markers(_mask_titles(title), signed_year) if mk.year is not None]
    return years[-1] if years else carried


# --- citations ------------------------------------------------------------------------------------


def _cited(text: str, provenance: Provenance | None, aliases: set[str]) -> Iterator[tuple[int, int, Citation]]:
    """(start, end, citation) for every 《title》 of ``text`` that is not a short name.

    Short names the text defines (（以下简称《意见》）) go into ``aliases`` and are left out, as are
    later uses of them.
    """
    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        if _ALIAS_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
            aliases.add(squash(title))
            continue
        if squash(title) in aliases:
            continue
        number: str | None = None
        paren = _PAREN_AFTER.match(text, m.end())
        if paren:
            inner = paren.group(1).strip()
            num = _DOC_NUMBER.match(inner)
            if num and (num.end() == len(inner) or inner[num.end()] in "，,；;、 "):
                number = num.group(0)
            alias = re.search(r"简称\s*《([^《》]+)》", inner)
            if alias:
                aliases.add(squash(alias.group(1)))
        yield m.start(), m.end(), Citation(title=title, doc_number=number, provenance=provenance)


def citations_in_text(
    text: str, *, provenance: Provenance | None = None, aliases: set[str] | None = None
) -> list[Citation]:
    """Every 《title》 of a text with the 文号 or standard code printed in the parenthesis right after it."""
    return [c for _, _, c in _cited(text, provenance, aliases if aliases is not None else set())]


def _is_transmitted(text: str, start: int, end: int) -> bool:
    """ "现将《X》印发给你们": the notice's own attachment, not a citation."""
    return text[max(0, start - 2) : start] == "现将" or text[end : end + 2] in ("印发", "转发")


# --- the stage ------------------------------------------------------------------------------------


def _signed_year(record: PlanRecord) -> int | None:
    for d in (record.document.signed_date, record.document.published_date):
        if d and d[:4].isdigit():
            return int(d[:4])
    return None


def _add_tasks(
    out: list[tuple[str, Provenance | None, int | None]], tasks: Iterable[Task], year: int | None, signed: int | None
) -> int | None:
    """Append ``tasks`` with the year each starts with; return the year a final lead-in carries on.

    A task starts with its heading's year, or with the year in force at the end of an earlier task
    of the same list that ends with ： (a lead-in: "到2025年，主要目标是：").
    """
    carried = year
    for task in tasks:
        out.append((task.text, task.provenance, carried))
        if task.text.rstrip().endswith(("：", ":")):
            carried = targets_in_text(task.text, year=carried, signed_year=signed)[1]
    return carried


def find_targets(record: PlanRecord) -> PlanRecord:
    """A copy of ``record`` with ``targets`` and ``citations`` filled from its text (see the module doc)."""
    signed = _signed_year(record)
    plan = record.plan
    texts: list[tuple[str, Provenance | None, int | None]] = []
    if record.document.body:
        texts.append((record.document.body, None, None))
    if plan.preamble:
        texts.append((plan.preamble, None, None))
    headings: list[tuple[str, Provenance | None, int | None]] = []
    for section in plan.sections:
        s_year = _heading_year(section.title, signed, None)
        if section.title:
            headings.append((section.title, section.provenance, None))
        s_year = _add_tasks(texts, section.tasks, s_year, signed)
        for measure in section.measures:
            if measure.title:
                headings.append((measure.title, measure.provenance, None))
            _add_tasks(texts, measure.tasks, _heading_year(measure.title, signed, s_year), signed)
    if plan.closing:
        texts.append((plan.closing, None, None))
    texts.extend((u.text, u.provenance, None) for u in plan.unplaced if u.text)

    targets: list[Target] = []
    for text, prov, year in texts:
        targets.extend(targets_in_text(text, year=year, signed_year=signed, provenance=prov)[0])

    own = {squash(t) for t in (plan.title, record.document.title) if t}
    aliases: set[str] = set()
    by_title: dict[str, Citation] = {}
    for text, prov, _ in [*headings, *texts]:
        for start, end, cit in _cited(text, prov, aliases):
            key = squash(cit.title)
            if key in own or _is_transmitted(text, start, end):
                continue
            if key not in by_title:
                by_title[key] = cit
            elif by_title[key].doc_number is None and cit.doc_number is not None:
                by_title[key] = by_title[key].model_copy(update={"doc_number": cit.doc_number})
    return record.model_copy(update={"targets": targets, "citations": list(by_title.values())})
