"""Attribution: turn a responsibility parenthesis into the task's agencies, in printed order.

Why its own stage: the parenthesis is the only place a plan says who does what, and it is written
for people, not parsers — （市交通运输委、市商务局等部门和各区人民政府按职责分工负责） names two
agencies, a hedge (等部门) and the district governments.  Names are kept exactly as printed
(市工业和信息化局 and 市文化和旅游局 are single agencies: 和 separates only before 各 or after 等), and the
verbatim parenthesis is kept next to the parsed list so nothing it said is lost.

Roles follow the document (design doc): where it says nothing (按职责分工负责 alone), every agency
is ``co``; where it says the first-listed agency leads (排在第一位的部门为牵头部门 / 列第一位者为
牵头单位, with 下同 carrying the rule forward) or names a lead with 牵头 / 会同, the roles follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

# The phrase that ends the agency list: （…按职责分工负责）, （…负责）, （…牵头负责）, (…分别负责).
_RESP_PHRASE = regex.compile(r"(?:按职责分工|按职责|分工|分别|共同|牵头)?负责|牵头(?:落实|实施)?")


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
_ETC = regex.compile(r"等(?P<what>(?:市级|省级|中央|国家)?(?:有关)?(?:部门|单位|机构|方面)?(?:和单位)?)$")
# The document's rule that the first-listed agency leads: 排在第一位的部门为牵头部门, 列第一位者为牵头单位,
# 排第一位的为牵头单位, 列在首位的为牵头部门, 第一个为牵头 ... (the words vary from page to page).
_FIRST_LEADS = regex.compile(
    r"(?:(?:排|列|位)(?:在|于)?)?(?:第一位|第一个|首位|首个)(?:的|者)?(?:部门|单位)?(?:为|是)?牵头(?:部门|单位)?"
)
_CARRIES = regex.compile(r"下同")
_WITH = regex.compile(r"^(?P<lead>.+?)(?P<verb>会同|牵头[，,、]?)(?P<others>.*)$")
_OTHERS_GENERIC = regex.compile(r"^(?:其他|其它)?(?:有关|相关)?(?:部门|单位|方面)(?:和单位)?$")
# An earlier clause of a list that names agencies in several clauses: （A、B负责，各省级人民政府按职责分工负责）
_CLAUSE_END = regex.compile(r"(?:按职责分工|按职责|分工|分别|共同)?负责(?=[，,；;。])")
# A further clause after the main phrase that names more agencies: （A负责，B等有关部门配合）
_SECONDARY = regex.compile(
    r"^(?P<names>[^，,；;。]+?)(?P<verb>(?:按职责分工|按职责|分别|共同|积极)?(?:配合|参与|指导|协助|协同|支持|落实|督促指导|督促落实))$"
)


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
    cut = max(inner.rfind(p, 0, m.start()) for p in "，,。；;")
    if cut <= 0:
        return inner, ""
    return inner[:cut], inner[cut:]


@lru_cache(maxsize=1 << 16)
def is_responsibility(paren: str) -> bool:
    """Whether a parenthesis (with its brackets) assigns responsibility.

    Cached: order repair asks it of the same fragments at every step of its dynamic programme (on the
    10x plan of ``make bench``, 65 000 calls for about 2 000 parentheses, a fifth of the repair's time)."""
    inner = paren[1:-1] if paren[:1] in "（(" else paren
    core, _ = _split_rule(inner)
    return _match_resp(core) is not None and len(inner) <= 400


def _split_names(names: str) -> tuple[list[str], list[str]]:
    """Split an agency list on 、 (and ，/, between names); return (names, notes)."""
    # 和/及/以及/与 join two entries only before 各 (A和各省级人民政府, 市级有关部门及各区政府): elsewhere
    # 和 is part of a name (市工业和信息化局)
    parts = [p.strip() for p in regex.split(r"[、，,；;。]|(?<!等)(?:以及|和|及|与)(?=各)", names) if p.strip()]
    out: list[str] = []
    notes: list[str] = []
    for part in parts:
        # "A等部门和B" / "A等和B" / "A和B" only after 等: X等…和Y is two entries plus a note
        m = regex.match(r"^(?P<a>.+?)(?P<etc>等(?:市级|省级)?(?:有关)?(?:部门|单位)?)和(?P<b>.+)$", part)
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
        if part:
            out.append(part)
    return out, notes


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
    inner = paren[1:-1] if paren[:1] in "（(" else paren
    core, rule_clause = _split_rule(inner)
    m = _match_resp(core)
    if not m:
        return None
    names_text, phrase, rest = m.names, m.resp, m.rest + rule_clause
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
            other_names, other_notes = _split_names(mw.group("others"))
            notes.extend(lead_notes + other_notes)
            leads.update(range(len(names), len(names) + len(lead_names)))
            names += lead_names + other_names
            lead_rule = "牵头"
        else:
            found, found_notes = _split_names(clause)
            notes.extend(found_notes)
            if ci == len(clauses) - 1 and phrase.startswith("牵头"):
                # （A、B牵头负责）: the names of the clause the phrase closes are the leads
                leads.update(range(len(names), len(names) + len(found)))
                lead_rule = "牵头"
            names += found
    # further clauses that name agencies with another verb: （A负责，B等有关部门配合）
    for clause in regex.split(r"[，,；;。]", rest):
        ms = _SECONDARY.match(clause.strip())
        if ms and not _FIRST_LEADS.search(clause) and not _CARRIES.search(clause):
            found, _ = _split_names(ms.group("names"))
            names += found
            notes.append(clause.strip())  # the whole clause: its 等/有关部门 and its verb
    if not names:
        return None
    rule_here = _FIRST_LEADS.search(rest)
    carries = bool(rule_here and _CARRIES.search(rest))
    if rule_here:
        lead_rule = rule_here.group(0)
        leads.add(0)
    elif not leads and carried_rule is not None:
        lead_rule = carried_rule
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
