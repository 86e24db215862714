"""Attribution: turn a responsibility parenthesis into the task's agencies, in printed order.

Why its own stage: the parenthesis is the only place a plan says who does what, and it is written
for people, not parsers — （市交通运输委、市商务局等部门和各区人民政府按职责分工负责） names two
agencies, a hedge (等部门) and the district governments.  Names are kept exactly as printed
(市工业和信息化局 and 市文化和旅游局 are single agencies: 和 is never a separator), and the
verbatim parenthesis is kept next to the parsed list so nothing it said is lost.

Roles follow the document (design doc): where it says nothing (按职责分工负责 alone), every agency
is ``co``; where it says the first-listed agency leads (排在第一位的部门为牵头部门 / 列第一位者为
牵头单位, with 下同 carrying the rule forward) or names a lead with 牵头 / 会同, the roles follow.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# The phrase that ends the agency list: （…按职责分工负责）, （…负责）, （…牵头负责）, (…分别负责).
_RESP_PHRASE = regex.compile(r"(?:按职责分工|按职责|分工|分别|共同|牵头)?负责|牵头(?:落实|实施)?")


class _RespMatch:
    """Where the agency list ends: ``names`` + ``resp`` + ``rest`` (a lead rule, or nothing)."""

    def __init__(self, inner: str, start: int, end: int) -> None:
        self.names, self.resp, self.rest = inner[:start], inner[start:end], inner[end:]

    def group(self, name: str) -> str | None:
        return {"names": self.names, "resp": self.resp, "rest": self.rest or None}[name]


def _match_resp(inner: str) -> _RespMatch | None:
    """The *last* responsibility phrase followed by nothing or by a clause after punctuation.

    The last, because （市发展改革委牵头，市财政局、市税务局按职责分工负责） names agencies on both sides
    of the first phrase; followed by punctuation, because the 牵头 in a lead rule (…为牵头部门) is not one.
    """
    for m in reversed(list(_RESP_PHRASE.finditer(inner))):
        rest = inner[m.end() :]
        if m.start() > 0 and (not rest or rest[0] in "，,。；;"):
            return _RespMatch(inner, m.start(), m.end())
    return None


# 等 + what it stands for, before a conjunction or the end: 等部门, 等市级有关部门, 等有关部门和单位
_ETC = regex.compile(r"等(?P<what>(?:市级|省级|中央|国家)?(?:有关)?(?:部门|单位|机构|方面)?(?:和单位)?)$")
_FIRST_LEADS = regex.compile(
    r"(排在?第一位的?(?:部门|单位)?为牵头(?:部门|单位)|列第一位者?为牵头(?:部门|单位)|第一个为牵头)"
)
_CARRIES = regex.compile(r"下同")
_WITH = regex.compile(r"^(?P<lead>.+?)(?P<verb>会同|牵头[，,、]?)(?P<others>.*)$")
_OTHERS_GENERIC = regex.compile(r"^(?:其他|其它)?(?:有关|相关)?(?:部门|单位|方面)(?:和单位)?$")


@dataclass(frozen=True)
class Responsibility:
    names: tuple[str, ...]
    roles: tuple[str, ...]
    phrase: str
    note: str | None
    lead_rule: str | None
    rule_carries: bool  # the rule says 下同: it applies to later tasks too


def is_responsibility(paren: str) -> bool:
    """Whether a parenthesis (with its brackets) assigns responsibility."""
    inner = paren[1:-1] if paren[:1] in "（(" else paren
    return _match_resp(inner) is not None and len(inner) <= 400


def _split_names(names: str) -> tuple[list[str], list[str]]:
    """Split an agency list on 、 (and ，/, between names); return (names, notes)."""
    parts = [p.strip() for p in regex.split(r"[、，,；;]", names) if p.strip()]
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


def parse_responsibility(paren: str, carried_rule: str | None = None) -> Responsibility | None:
    """Parse ``（A、B按职责分工负责）``; ``carried_rule`` is a lead rule a previous 下同 carried here."""
    inner = paren[1:-1] if paren[:1] in "（(" else paren
    m = _match_resp(inner)
    if not m:
        return None
    names_text, phrase, rest = m.names, m.resp, m.rest
    notes: list[str] = []
    lead_index: int | None = None
    lead_rule: str | None = None
    mw = _WITH.match(names_text)
    if mw and mw.group("verb").startswith("会同"):
        lead_names, _ = _split_names(mw.group("lead"))
        others = mw.group("others")
        other_names, other_notes = ([], []) if _OTHERS_GENERIC.match(others) else _split_names(others)
        if _OTHERS_GENERIC.match(others):
            notes.append("会同" + others)
        notes.extend(other_notes)
        names = lead_names + other_names
        lead_index = 0 if len(lead_names) == 1 else None
        lead_rule = "会同"
    elif mw and mw.group("verb").startswith("牵头"):
        lead_names, _ = _split_names(mw.group("lead"))
        other_names, other_notes = _split_names(mw.group("others"))
        notes.extend(other_notes)
        names = lead_names + other_names
        lead_index = 0 if len(lead_names) == 1 else None
        lead_rule = "牵头"
    else:
        names, notes = _split_names(names_text)
    if not names:
        return None
    rule_here = _FIRST_LEADS.search(rest)
    carries = bool(rule_here and _CARRIES.search(rest))
    if rule_here:
        lead_rule, lead_index = rule_here.group(0), 0
    elif lead_index is None and carried_rule is not None:
        lead_rule, lead_index = carried_rule, 0
    roles = tuple("lead" if i == lead_index else "co" for i in range(len(names)))
    return Responsibility(
        names=tuple(names),
        roles=roles,
        phrase=phrase,
        note="；".join(notes) or None,
        lead_rule=lead_rule,
        rule_carries=carries,
    )
