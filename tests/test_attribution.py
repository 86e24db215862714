"""Attribution: a responsibility parenthesis → the agencies, their roles, the phrase and what else it said.

Roles follow the design note (../shared/design/plan-structure.md): with 按职责分工负责 alone every agency
is ``co``; a document rule (排在第一位的部门为牵头部门 / 列第一位者为牵头单位, 下同 carrying it) or
牵头 / 会同 makes a lead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plan_extract import extract, extract_source
from plan_extract.attribution import is_responsibility, parse_responsibility
from plan_extract.readers.base import SourceText

FIRST_LEADS_RULE = "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）"


def test_two_agencies_both_co() -> None:
    r = parse_responsibility("（市工业和信息化局、各区人民政府按职责分工负责）")
    assert r is not None
    assert r.names == ("市工业和信息化局", "各区人民政府")
    assert r.roles == ("co", "co")
    assert r.phrase == "按职责分工负责"
    assert r.note is None
    assert r.lead_rule is None
    assert r.rule_carries is False


@pytest.mark.parametrize("name", ["市工业和信息化局", "市文化和旅游局"])
def test_he_inside_a_name_is_not_a_separator(name: str) -> None:
    r = parse_responsibility(f"（市农业农村委、{name}、有农业的区人民政府按职责分工负责）")
    assert r is not None
    assert r.names == ("市农业农村委", name, "有农业的区人民政府")
    alone = parse_responsibility(f"（{name}负责）")
    assert alone is not None and alone.names == (name,)


@pytest.mark.parametrize(
    ("paren", "names"),
    [
        # the State Council's form for the provincial governments, one name of three kinds of division
        ("（各省、自治区、直辖市人民政府负责）", ("各省、自治区、直辖市人民政府",)),
        ("（民政部、各省、自治区、直辖市人民政府按职责分工负责）", ("民政部", "各省、自治区、直辖市人民政府")),
        # 四川's recipients' form, the divisions with brackets of their own
        (
            "（省发展改革委、各市（州）、县（市、区）人民政府负责）",
            ("省发展改革委", "各市（州）、县（市、区）人民政府"),
        ),
        # two agencies that merely begin with 各 stay two
        ("（各区人民政府、各有关部门按职责分工负责）", ("各区人民政府", "各有关部门")),
    ],
)
def test_a_list_of_divisions_sharing_one_organ_is_one_name(paren: str, names: tuple[str, ...]) -> None:
    r = parse_responsibility(paren)
    assert r is not None and r.names == names


def test_etc_departments_and_district_governments() -> None:
    r = parse_responsibility("（A、B等部门和各区人民政府按职责分工负责）")
    assert r is not None
    assert r.names == ("A", "B", "各区人民政府")
    assert r.roles == ("co", "co", "co")
    assert r.note == "等部门"


def test_etc_the_level_s_departments_is_a_note_not_part_of_a_name() -> None:
    """粤府办〔2023〕5号 (its wording; the mirror read, 33jin.com, had spun 负责 into 卖力): 能源局等省有关部门
    was one agency."""
    r = parse_responsibility(
        "（省发展改革委、交通运输厅、水利厅、住房城乡建设厅、能源局等省有关部门和各地级以上市人民政府按职责分工负责）"
    )
    assert r is not None
    assert r.names == ("省发展改革委", "交通运输厅", "水利厅", "住房城乡建设厅", "能源局", "各地级以上市人民政府")
    assert r.note == "等省有关部门"


def test_etc_departments_real_example() -> None:
    r = parse_responsibility("（市交通运输委、市商务局等部门和各区人民政府按职责分工负责）")
    assert r is not None
    assert r.names == ("市交通运输委", "市商务局", "各区人民政府")
    assert r.note is not None and "等部门" in r.note


def test_etc_city_level_departments() -> None:
    r = parse_responsibility("（市发展改革委等市级有关部门按职责分工负责）")
    assert r is not None
    assert r.names == ("市发展改革委",)
    assert r.roles == ("co",)
    assert r.note == "等市级有关部门"


def test_single_agency_plain_fuze() -> None:
    r = parse_responsibility("（天津港集团负责）")
    assert r is not None
    assert r.names == ("天津港集团",)
    assert r.roles == ("co",)
    assert r.phrase == "负责"


def test_first_listed_leads_rule_and_carries() -> None:
    r = parse_responsibility(FIRST_LEADS_RULE)
    assert r is not None
    assert r.names == ("税务总局", "财政部", "海关总署")
    assert r.roles == ("lead", "co", "co")
    assert r.lead_rule is not None and "牵头部门" in r.lead_rule
    assert r.rule_carries is True


def test_first_listed_leads_rule_after_full_stop() -> None:
    r = parse_responsibility("（商务部、海关总署负责。列第一位者为牵头单位，下同）")
    assert r is not None
    assert r.names == ("商务部", "海关总署")
    assert r.roles == ("lead", "co")
    assert r.lead_rule is not None and "牵头单位" in r.lead_rule
    assert r.rule_carries is True


def test_rule_without_xiatong_does_not_carry() -> None:
    r = parse_responsibility("（税务总局、财政部负责，排在第一位的部门为牵头部门）")
    assert r is not None
    assert r.roles == ("lead", "co")
    assert r.rule_carries is False


def test_carried_rule_applies_to_a_later_parenthesis() -> None:
    first = parse_responsibility(FIRST_LEADS_RULE)
    assert first is not None
    later = parse_responsibility("（市商务局、天津海关按职责分工负责）", first.lead_rule)
    assert later is not None
    assert later.roles == ("lead", "co")
    without = parse_responsibility("（市商务局、天津海关按职责分工负责）")
    assert without is not None and without.roles == ("co", "co")


def test_huitong_names_the_lead() -> None:
    r = parse_responsibility("（商务部会同有关部门负责）")
    assert r is not None
    assert r.names == ("商务部",)
    assert r.roles == ("lead",)
    assert r.note is not None and "会同有关部门" in r.note


def test_qiantou_then_others() -> None:
    """（A牵头，B、C按职责分工负责）: A leads, B and C are co-responsible — nobody is dropped."""
    r = parse_responsibility("（市发展改革委牵头，市财政局、市税务局按职责分工负责）")
    assert r is not None
    assert r.names == ("市发展改革委", "市财政局", "市税务局")
    assert r.roles == ("lead", "co", "co")


@pytest.mark.parametrize(
    "paren",
    ["（以下简称天津自贸试验区）", "（国发〔2021〕4号）", "（2019—2030年）", "（集群）", "（DB/T 29—204—2021）"],
)
def test_non_responsibility_parenthesis(paren: str) -> None:
    assert parse_responsibility(paren) is None
    assert not is_responsibility(paren)


def test_roles_carry_through_the_pipeline() -> None:
    """下同 carries the lead rule to the next task of the document; the parenthesis is kept verbatim."""
    text = (
        "一、总体要求\n\n"
        "（一）加强协调。建立联络机制。" + FIRST_LEADS_RULE + "完善统计制度。（国家统计局、财政部负责）\n\n"
        "（二）强化落实。做好宣传。（市委宣传部负责）\n"
    )
    record = extract_source(SourceText(path="mini.txt", name="mini.txt", kind="text", text=text))
    tasks = [t for s in record.plan.sections for m in s.measures for t in m.tasks]
    assert [t.text for t in tasks] == ["建立联络机制。", "完善统计制度。", "做好宣传。"]
    assert [(a.name, a.role) for a in tasks[0].agencies] == [("税务总局", "lead"), ("财政部", "co"), ("海关总署", "co")]
    assert [(a.name, a.role) for a in tasks[1].agencies] == [("国家统计局", "lead"), ("财政部", "co")]
    assert [(a.name, a.role) for a in tasks[2].agencies] == [("市委宣传部", "lead")]
    assert tasks[0].parenthesis == FIRST_LEADS_RULE
    assert tasks[1].responsibility == "负责"


# --- rules and lists of other State Council documents (../shared/corpus/ and the wider corpus) ----------


@pytest.mark.parametrize(
    ("paren", "rule"),
    [
        ("（税务总局、财政部负责，排在第一位的部门为牵头部门，下同）", "排在第一位的部门为牵头部门"),
        ("（工业和信息化部、科技部等负责。列第一位者为牵头单位，下同）", "列第一位者为牵头单位"),
        ("（发展改革委、财政部按职责分工负责，排在第一位的为牵头部门，下同）", "排在第一位的为牵头部门"),
        ("（教育部、财政部负责，排第一位的为牵头单位，下同）", "排第一位的为牵头单位"),
        ("（公安部、司法部负责，排在第一位的部门牵头，下同）", "排在第一位的部门牵头"),
    ],
)
def test_rule_wordings_make_the_first_listed_lead(paren: str, rule: str) -> None:
    r = parse_responsibility(paren)
    assert r is not None and is_responsibility(paren)
    assert r.roles == ("lead", "co")
    assert r.lead_rule == rule
    assert r.rule_carries is True


def test_several_names_before_qiantou_all_lead() -> None:
    """（A、B牵头负责） names two leads, even where a carried rule would pick only the first."""
    r = parse_responsibility("（农业农村部、工业和信息化部牵头负责）", "列第一位者为牵头单位")
    assert r is not None
    assert r.names == ("农业农村部", "工业和信息化部")
    assert r.roles == ("lead", "lead")
    assert r.phrase == "牵头负责"


def test_several_names_before_qiantou_then_others() -> None:
    r = parse_responsibility("（市政府办公室、市审改办牵头，市级各有关部门及各县市区政府按职责分工负责）")
    assert r is not None
    assert r.names == ("市政府办公室", "市审改办", "市级各有关部门", "各县市区政府")
    assert r.roles == ("lead", "lead", "co", "co")


def test_huitong_after_several_names() -> None:
    r = parse_responsibility("（教育部、人力资源社会保障部会同有关部门负责）")
    assert r is not None
    assert r.names == ("教育部", "人力资源社会保障部")
    assert r.roles == ("lead", "lead")
    assert r.note == "会同有关部门"


def test_etc_and_provincial_governments() -> None:
    """（A、B等和各省级人民政府负责）: every name and the 等 note."""
    r = parse_responsibility("（发展改革委、财政部等和各省级人民政府负责）")
    assert r is not None
    assert r.names == ("发展改革委", "财政部", "各省级人民政府")
    assert r.roles == ("co", "co", "co")
    assert r.note == "等"


def test_provincial_governments_in_a_second_clause() -> None:
    """（…负责，各省级人民政府按职责分工负责）: the names of both clauses; the phrase is not a name."""
    r = parse_responsibility("（国家发展改革委、财政部、自然资源部等按职责分工负责，各省级人民政府按职责分工负责）")
    assert r is not None
    assert r.names == ("国家发展改革委", "财政部", "自然资源部", "各省级人民政府")
    assert r.roles == ("co",) * 4
    assert r.note == "等"
    plain = parse_responsibility("（发展改革委、财政部负责，各省级人民政府按职责分工负责）")
    assert plain is not None and plain.names == ("发展改革委", "财政部", "各省级人民政府")


def test_he_before_ge_joins_two_entries() -> None:
    r = parse_responsibility("（发展改革委、财政部和各省级人民政府负责）")
    assert r is not None
    assert r.names == ("发展改革委", "财政部", "各省级人民政府")


def test_etc_relevant_departments_and_units() -> None:
    """（A等有关部门和单位负责）: A, and the note 等有关部门和单位."""
    r = parse_responsibility("（海关总署、商务部等有关部门和单位负责）", "排在第一位的部门为牵头部门")
    assert r is not None
    assert r.names == ("海关总署", "商务部")
    assert r.roles == ("lead", "co")
    assert r.note == "等有关部门和单位"


def test_a_supporting_clause_keeps_its_names() -> None:
    r = parse_responsibility("（各省级人民政府负责，发展改革委等有关部门指导）")
    assert r is not None
    assert r.names == ("各省级人民政府", "发展改革委")
    assert r.roles == ("co", "co")
    assert r.note == "发展改革委等有关部门指导"


def test_a_clause_of_names_goes_with_the_next_clauses_verb() -> None:
    """官渡区 2016: （区发改局牵头，区财政局、…、区水务局等部门，区国投公司、各街道办事处配合）: the five
    bureaus assist too, but were read as a note, not as agencies."""
    r = parse_responsibility(
        "（区发改局牵头，区财政局、区交运局、区经贸投促局、区住建局、区水务局等部门，区国投公司、各街道办事处配合）"
    )
    assert r is not None
    assert list(zip(r.names, r.roles, strict=True)) == [
        ("区发改局", "lead"),
        *[(n, "co") for n in ("区财政局", "区交运局", "区经贸投促局", "区住建局", "区水务局")],
        ("区国投公司", "co"),
        ("各街道办事处", "co"),
    ]


def test_banks_and_companies_are_organs_in_a_clause_of_names() -> None:
    """云南 2017: （…牵头；省工业和信息化委、…、地税局，国家开发银行云南省分行、农业发展银行云南省分行，各州、市人民政府
    配合）: a bank's branch was no organ's name, so its clause was no clause of names and the clauses before
    it went to the note -- nine agencies lost."""
    r = parse_responsibility(
        "（省发展改革委、财政厅牵头；省工业和信息化委、地税局，国家开发银行云南省分行、农业发展银行云南省分行，"
        "各州、市人民政府配合）"
    )
    assert r is not None
    assert list(zip(r.names, r.roles, strict=True)) == [
        ("省发展改革委", "lead"),
        ("财政厅", "lead"),
        *[(n, "co") for n in ("省工业和信息化委", "地税局", "国家开发银行云南省分行", "农业发展银行云南省分行")],
        ("各州、市人民政府", "co"),
    ]


@pytest.mark.parametrize(
    ("paren", "note"),
    [
        ("（市发展改革委负责，2023年底前完成）", "2023年底前完成"),  # no names: what the list says
        ("（市发展改革委负责，市财政局）", "市财政局"),  # names no verb follows: kept as said, not guessed
    ],
)
def test_a_clause_no_verb_follows_stays_a_note(paren: str, note: str) -> None:
    r = parse_responsibility(paren)
    assert r is not None and r.names == ("市发展改革委",) and r.note == note


@pytest.mark.parametrize(
    ("paren", "names", "note"),
    [
        (
            "（省政府办公厅、省财政厅牵头，省商务厅、省文化广电和旅游厅）",
            ("省政府办公厅", "省财政厅", "省商务厅", "省文化广电和旅游厅"),
            None,
        ),
        ("（省财政厅牵头，省商务厅、省文化广电和旅游厅等）", ("省财政厅", "省商务厅", "省文化广电和旅游厅"), "等"),
    ],
)
def test_names_after_a_leads_qiantou_work_with_it(paren: str, names: tuple[str, ...], note: str | None) -> None:
    """浙江 2024's wording (…牵头，A、B with no verb of their own): after 牵头 the names that follow are the
    lead's partners, where after 负责 they are only said (above).  They were the note, and the task named
    the leads alone."""
    r = parse_responsibility(paren)
    assert r is not None and r.names == names and r.note == note
    assert r.roles == tuple("lead" if n in ("省政府办公厅", "省财政厅") else "co" for n in names)


def test_a_rule_in_brackets_of_its_own_inside_a_phrase_list() -> None:
    """The rule printed in the first name's brackets, in a list closed by a phrase: the name is the name."""
    r = parse_responsibility("（县发改局（首位单位为牵头单位，下同）、县财政局按职责分工负责）")
    assert r is not None and r.names == ("县发改局", "县财政局") and r.roles == ("lead", "co")
    assert r.rule_carries and r.lead_rule == "首位单位为牵头单位"


def test_rule_carries_across_measures_and_sections() -> None:
    """下同 stated in the first task applies to every later task, in later measures and sections; text of a
    section before its first measure comes first in document order."""
    text = (
        "一、总体要求\n\n坚持稳中求进。\n\n"
        "二、重点任务\n\n（一）加强协调\n\n1.建立机制。建立联络机制。" + FIRST_LEADS_RULE + "\n\n"
        "2.完善统计制度。（国家统计局、财政部负责）\n\n"
        "（二）强化落实\n\n3.做好宣传。（中央宣传部、文化和旅游部负责）\n\n"
        "三、保障措施\n\n加强资金保障。（财政部、发展改革委负责）\n"
    )
    record = extract_source(SourceText(path="mini.txt", name="mini.txt", kind="text", text=text))
    tasks = [t for s in record.plan.sections for t in [*s.tasks, *(t for m in s.measures for t in m.tasks)]]
    roles = [[a.role for a in t.agencies] for t in tasks]
    assert roles == [[], ["lead", "co", "co"], ["lead", "co"], ["lead", "co"], ["lead", "co"]]
    assert [t.item.number if t.item else None for t in tasks] == [None, 1, 2, 3, None]
    assert tasks[1].item is not None and tasks[1].item.title == "建立机制"
    assert tasks[2].item is not None and tasks[2].item.title is None
    assert tasks[2].text == "完善统计制度。"


def test_tasks_before_the_rule_stay_co() -> None:
    text = (
        "一、重点任务\n\n（一）加强协调。建立联络机制。（A局、B委负责）\n\n"
        "（二）强化落实。做好宣传。（C办、D厅负责，排在第一位的部门为牵头部门，下同）完善制度。（E局、F委负责）\n"
    )
    record = extract_source(SourceText(path="mini.txt", name="mini.txt", kind="text", text=text))
    tasks = [t for s in record.plan.sections for m in s.measures for t in m.tasks]
    assert [[a.role for a in t.agencies] for t in tasks] == [["co", "co"], ["lead", "co"], ["lead", "co"]]


# --- lists printed with labels: 责任单位： 牵头单位：… 配合单位：… (tests/data/labelled_responsibility.json) ---

LABELLED = json.loads((Path(__file__).parent / "data" / "labelled_responsibility.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", LABELLED["cases"], ids=lambda c: c["list"][:16])
def test_labelled_list(case: dict[str, Any]) -> None:
    r = parse_responsibility(case["list"])
    assert r is not None, case["source"]
    assert list(r.names) == case["names"]
    assert list(r.roles) == case["roles"]
    assert (r.phrase, r.lead_rule, r.note) == (case["phrase"], case["lead_rule"], case["note"])
    assert is_responsibility(case["list"])


@pytest.mark.parametrize("text", LABELLED["not_lists"])
def test_not_a_labelled_list(text: str) -> None:
    assert parse_responsibility(text) is None
    assert not is_responsibility(text)


def test_labelled_lists_through_the_pipeline() -> None:
    """Every way a work plan prints a labelled list closes its task: in （…） after an item's one sentence
    (which is then no heading), in 〔…〕, after a heading without 。, and bare on the lines under the
    task; a 下同 rule in one list carries to the next."""
    text = (
        "一、主要任务\n"
        "（一）加强统筹。\n"
        "1.建立工作机制，完善协调制度。（责任单位：市发展改革委、市财政局，排在第一位的为牵头单位，下同）\n"
        "2.开展专项检查，及时通报结果。〔责任单位：市市场监管委、各区人民政府〕\n"
        "（二）强化保障（牵头单位：市财政局）\n"
        "（三）加强宣传。\n"
        "3.加大宣传力度\n"
        "牵头单位：市委宣传部\n"
        "配合单位：市文化和旅游局\n"
        "完成时限：2023年底前\n"
        "4.营造良好氛围。\n"
        "责任单位：各区人民政府\n"
    )
    record = extract_source(SourceText(path="mini.txt", name="mini.txt", kind="text", text=text))
    measures = [m for s in record.plan.sections for m in s.measures]
    assert [m.title for m in measures] == ["加强统筹", "强化保障", "加强宣传"]
    tasks = [t for m in measures for t in m.tasks]
    assert [t.text for t in tasks] == [
        "建立工作机制，完善协调制度。",
        "开展专项检查，及时通报结果。",
        "强化保障",
        "加大宣传力度",
        "营造良好氛围。",
    ]
    assert [[(a.name, a.role) for a in t.agencies] for t in tasks] == [
        [("市发展改革委", "lead"), ("市财政局", "co")],
        [("市市场监管委", "lead"), ("各区人民政府", "co")],  # the rule carried by 下同
        [("市财政局", "lead")],
        [("市委宣传部", "lead"), ("市文化和旅游局", "co")],
        [("各区人民政府", "lead")],
    ]
    assert [t.item.title if t.item else None for t in tasks] == [None, None, None, None, None]
    assert tasks[3].parenthesis == "牵头单位：市委宣传部\n配合单位：市文化和旅游局\n完成时限：2023年底前"
    assert tasks[3].agency_note == "完成时限：2023年底前"
    assert not [w for w in record.warnings if w.kind == "orphan_parenthesis"]


def test_labelled_lines_each_a_paragraph_of_a_web_page(tmp_path: Path) -> None:
    """A web page prints each label as a <p> of its own: the list goes on across the paragraph breaks,
    and a numbered item's heading sentence stays its heading."""
    page = tmp_path / "plan.html"
    paragraphs = [
        "某市优化营商环境工作方案",
        "一、重点任务",
        "（一）提升政务服务效能",
        "1.推进“一网通办”。全面推行政务服务事项网上办理。",
        "牵头单位：市政务服务办",
        "配合单位：市级有关部门，各区人民政府",
        "完成时限：2023年12月底前",
        "2.深化“证照分离”改革。（责任单位：市市场监管局、市司法局）",
    ]
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    page.write_text(f'<html><head><meta charset="utf-8"></head><body><div>{body}</div></body></html>', encoding="utf-8")
    record = extract(page)
    tasks = [t for _, _, t in record.plan.placed_tasks()]
    assert [t.text for t in tasks] == ["全面推行政务服务事项网上办理。", "深化“证照分离”改革。"]
    assert tasks[0].item is not None and tasks[0].item.title == "推进“一网通办”"
    assert [(a.name, a.role) for a in tasks[0].agencies] == [
        ("市政务服务办", "lead"),
        ("市级有关部门", "co"),
        ("各区人民政府", "co"),
    ]
    assert tasks[0].agency_note == "完成时限：2023年12月底前"
    assert [a.name for a in tasks[1].agencies] == ["市市场监管局", "市司法局"]
    assert not [w for w in record.warnings if w.kind == "orphan_parenthesis"]


def test_a_lead_marked_after_its_name() -> None:
    """（市发展改革委（牵头）、…负责）: the 牵头 inside the mark is no phrase, and the bracket no separator
    (before: the agencies 市发展改革委（ and ）)."""
    r = parse_responsibility("（市发展改革委（牵头）、市财政局、各区人民政府按职责分工负责）")
    assert r is not None
    assert list(zip(r.names, r.roles, strict=True)) == [
        ("市发展改革委", "lead"),
        ("市财政局", "co"),
        ("各区人民政府", "co"),
    ]
    assert (r.phrase, r.lead_rule) == ("按职责分工负责", "（牵头）")


@pytest.mark.parametrize(
    ("paren", "names", "note"),
    [
        ("（各区人民政府负责落实）", ["各区人民政府"], None),
        ("（由市发展改革委负责）", ["市发展改革委"], None),
        ("（市发展改革委负责，2023年底前完成）", ["市发展改革委"], "2023年底前完成"),
        (
            "（国家发展改革委、财政部等按职责分工负责，2024年底前完成）",
            ["国家发展改革委", "财政部"],
            "等；2024年底前完成",
        ),
    ],
)
def test_other_wordings_of_a_plain_list(paren: str, names: list[str], note: str | None) -> None:
    """负责落实 closes a list as 负责 does; 由 is no part of a name; what the list adds after its phrase
    (a deadline) is kept in the note."""
    r = parse_responsibility(paren)
    assert r is not None
    assert (list(r.names), r.note) == (names, note)


def test_a_labelled_list_in_ascii_square_brackets_closes_its_task() -> None:
    """黄石下陆区 2020 types its lists in [ ]: the lead was left in the task's text, ] in an agency's name."""
    text = (
        "一、重点任务\n"
        "1、切实提高政治站位。全力做好无症状感染者的监测、追踪、隔离和治疗。"
        "[牵头单位:区卫健局;责任单位:区疫情防控指挥部成员单位、各街办(新区)]\n"
    )
    record = extract_source(SourceText(path="mini.txt", name="mini.txt", kind="text", text=text))
    tasks = [t for s in record.plan.sections for t in s.tasks]
    assert [t.text for t in tasks] == ["全力做好无症状感染者的监测、追踪、隔离和治疗。"]
    assert [(a.name, a.role) for a in tasks[0].agencies] == [
        ("区卫健局", "lead"),
        ("区疫情防控指挥部成员单位", "co"),
        ("各街办（新区）", "co"),
    ]


def test_a_list_closed_by_a_phrase_in_tortoise_shell_brackets_closes_its_task() -> None:
    """潮州 2019 (打赢蓝天保卫战实施方案, a news site's repost) prints a list that holds （…） of its own in 〔…〕.
    It stayed in the task's text, and the task took the next sentence's agencies: 市场监管局 led both.  Its
    remark 以下各项工作均需…落实 is the list's note, not an agency named 以下各项工作均需各县、区人民政府（管委会）."""
    text = (
        "(一)升级产业结构,推动产业绿色转型。\n"
        "1.制定实施准入清单。完成生态保护红线、环境质量底线、资源利用上线、环境准入清单编制工作,明确禁止和限制"
        "发展的行业、生产工艺和产业目录。〔市生态环境局牵头,市发展和改革局、工业和信息化局、自然资源局参与,各县、"
        "区人民政府(管委会)负责落实。以下各项工作均需各县、区人民政府(管委会)落实,不再列出。〕按省的要求,县级及"
        "以上城市建成区原则上不再新建每小时35蒸吨以下燃煤锅炉,其他区域禁止新建每小时10蒸吨及以下燃煤锅炉。"
        "(市生态环境局、市场监管局牵头,市发展和改革局、工业和信息化局参与)\n"
    )
    record = extract_source(SourceText(path="mini.txt", name="mini.txt", kind="text", text=text))
    first, second = record.plan.sections[0].measures[0].tasks
    assert first.text.endswith("生产工艺和产业目录。") and second.text.startswith("按省的要求")
    assert [(a.name, a.role) for a in first.agencies] == [
        ("市生态环境局", "lead"),
        ("市发展和改革局", "co"),
        ("工业和信息化局", "co"),
        ("自然资源局", "co"),
        ("各县、区人民政府（管委会）", "co"),
    ]
    assert "以下各项工作均需各县、区人民政府（管委会）落实" in (first.agency_note or "")
    assert [a.name for a in second.agencies if a.role == "lead"] == ["市生态环境局", "市场监管局"]


# --- lists without a phrase, under the document's rule (浙江 2014) -----------------------------------------

#: 浙江省大气污染防治行动计划重点工作部门分工方案 (浙政办发〔2014〕, www.zj.gov.cn), task 1's parenthesis.
ZHEJIANG_2014 = "（省经信委、省发改委（省能源局）。列第一位者为牵头部门，下同）"


def test_a_list_without_a_phrase_under_the_documents_rule() -> None:
    """The parenthesis names the agencies and states the rule, with no 负责: the task got no agencies and
    kept the parenthesis in its text."""
    found = parse_responsibility(ZHEJIANG_2014)
    assert found is not None and is_responsibility(ZHEJIANG_2014)
    assert list(zip(found.names, found.roles, strict=True)) == [("省经信委", "lead"), ("省发改委（省能源局）", "co")]
    assert found.lead_rule == "列第一位者为牵头部门" and found.rule_carries


@pytest.mark.parametrize(
    "paren", ["（省委、省政府）", "（省发改委、省环保厅）", "（2023年底前，列第一位者为牵头部门）"]
)
def test_a_list_of_names_alone_is_an_aside(paren: str) -> None:
    """Without a rule in the parenthesis or carried to it, names alone in brackets are no responsibility."""
    assert parse_responsibility(paren) is None
    assert not is_responsibility(paren)


def test_a_bare_list_after_the_rule_carried_is_the_tasks() -> None:
    """After 下同, 浙江 2014 prints later lists as names alone: (省发改委、省环保厅) is task 2's agencies, the
    first-listed the lead; a parenthesis of names inside a sentence stays the sentence's."""
    text = (
        "一、加快调整能源结构\n（一）制订方案。\n"
        "1.制订控制目标，实现负增长。" + ZHEJIANG_2014 + "\n"
        "2.禁止建设自备燃煤电站。(省发改委、省环保厅)\n"
        "3.加强宣传（省委、省政府）工作。\n"
    )
    record = extract_source(SourceText(path="zj.txt", name="zj.txt", kind="text", text=text))
    tasks = [t for s in record.plan.sections for m in s.measures for t in m.tasks]
    assert [t.text for t in tasks] == [
        "制订控制目标，实现负增长。",
        "禁止建设自备燃煤电站。",
        "加强宣传（省委、省政府）工作。",
    ]
    assert [(a.name, a.role) for a in tasks[1].agencies] == [("省发改委", "lead"), ("省环保厅", "co")]
    assert tasks[1].item is not None and tasks[1].item.title is None
    assert tasks[2].agencies == []


@pytest.mark.parametrize(
    ("paren", "names", "roles", "note"),
    [
        # 浙江 2014: 一、加快调整能源结构（省发改委总牵头）
        ("（省发改委总牵头）", ("省发改委",), ("lead",), None),
        # 河南 2023 (豫政〔2023〕5号), its list shortened: 等相关部门 as 等有关部门
        (
            "（省商务厅、河南银保监局等相关部门按职责分工负责）",
            ("省商务厅", "河南银保监局"),
            ("co", "co"),
            "等相关部门",
        ),
    ],
)
def test_overall_lead_and_related_departments(
    paren: str, names: tuple[str, ...], roles: tuple[str, ...], note: str | None
) -> None:
    found = parse_responsibility(paren)
    assert found is not None
    assert (found.names, found.roles, found.note) == (names, roles, note)


@pytest.mark.parametrize(
    ("paren", "names"),
    [
        # 内蒙古 2013 分工方案 (a policy site's copy, wisor.cc): 和 and 及 between whole organs' names
        (
            "（自治区能源开发局牵头，自治区发展改革委、经济和信息化委、国土资源厅、环保厅和内蒙古电力监管办及相关盟市配合）",
            (
                "自治区能源开发局",
                "自治区发展改革委",
                "经济和信息化委",
                "国土资源厅",
                "环保厅",
                "内蒙古电力监管办",
                "相关盟市",
            ),
        ),
        # 和 inside a name joins words, not organs
        (
            "（市工业和信息化局、国家发展和改革委员会及相关部门按职责分工负责）",
            ("市工业和信息化局", "国家发展和改革委员会", "相关部门"),
        ),
    ],
)
def test_he_and_ji_between_whole_organs_part_them(paren: str, names: tuple[str, ...]) -> None:
    """环保厅和内蒙古电力监管办及相关盟市 was one agency; 和 parts two names only where both sides are an
    organ's whole name (or 相关/有关 units follow)."""
    found = parse_responsibility(paren)
    assert found is not None and found.names == names


@pytest.mark.parametrize(
    ("paren", "named", "note"),
    [
        # 黑龙江 2013 分工意见: 主办 was no phrase, so the task got no agencies and kept the parenthesis as its text
        (
            "（省财政厅主办，省国税局、地税局协办）",
            [("省财政厅", "lead"), ("省国税局", "co"), ("地税局", "co")],
            "省国税局、地税局协办",
        ),
        # 黑龙江 2011: 相关市、县政府 was two agencies, 相关市 and 县政府, where 各市、县政府 is one
        (
            "（省发改委、铁路办、哈尔滨铁路局、相关市、县政府负责）",
            [("省发改委", "co"), ("铁路办", "co"), ("哈尔滨铁路局", "co"), ("相关市、县政府", "co")],
            None,
        ),
        # 黑龙江 2011: places listed before the government they share were agencies named 哈尔滨 and 黑河
        (
            "（哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府负责）",
            [("哈尔滨机场扩建指挥部", "co"), ("哈尔滨、黑河、绥芬河市政府", "co")],
            None,
        ),
        # 安徽 2022 政策清单: the number of the policy a task carries out was an agency
        ("（皖发〔2022〕9号，省财政厅、各市政府负责）", [("省财政厅", "co"), ("各市政府", "co")], "皖发〔2022〕9号"),
        # 淮安 2022: a clause's verb stayed in its name (市财政局配合); the clause is noted, as after a phrase
        (
            "（市发改委牵头，市财政局配合。各县区人民政府负责落实）",
            [("市发改委", "lead"), ("市财政局", "co"), ("各县区人民政府", "co")],
            "市财政局配合",
        ),
    ],
)
def test_agencies_as_county_and_city_lists_print_them(
    paren: str, named: list[tuple[str, str]], note: str | None
) -> None:
    r = parse_responsibility(paren)
    assert r is not None
    assert list(zip(r.names, r.roles, strict=True)) == named
    assert r.note == note


def test_blanks_between_agencies_survive_normalization() -> None:
    """吉水: 责任单位：县财政局 县医保局 各乡镇人民政府 under a task -- normalization used to drop the blanks
    (Chinese has none between words), and the three agencies became one, 县财政局县医保局各乡镇人民政府."""
    text = "一、主要任务\n（一）推进医改。\n1.推进医改试点。\n牵头单位：县卫健委\n责任单位：县财政局 县医保局 各乡镇人民政府\n"
    record = extract_source(SourceText(path="mini.txt", name="mini.txt", kind="text", text=text))
    task = record.plan.sections[0].measures[0].tasks[0]
    assert [(a.name, a.role) for a in task.agencies] == [
        ("县卫健委", "lead"),
        ("县财政局", "co"),
        ("县医保局", "co"),
        ("各乡镇人民政府", "co"),
    ]
