"""Segmentation of damaged text: where a heading without a closing mark ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corruption import corrupt, long_plan, seed000_like
from plan_extract.attribution import parse_responsibility
from plan_extract.normalize import normalize
from plan_extract.numerals import parse_chinese_number
from plan_extract.segment import (
    _clean_section_titles,
    _Cut,
    _cuts,
    _glued_section_ends,
    _shared_title_ends,
    decimal_numbering,
    segment,
)

OFFICIAL = Path(__file__).resolve().parents[1] / "data" / "raw" / "tianjin_plan_official_text.txt"

GLUED = "四、构建绿色低碳循环发展的消费体系实施《天津市养殖水域滩涂规划（2019—2030年）》。"
SENTENCE = "实施《天津市养殖水域滩涂规划（2019—2030年）》。"


def test_a_section_heading_glued_to_a_sentence_held_elsewhere_is_split_there() -> None:
    """A generated variant of the Tianjin scrape (seed 1017): A's block ended on the heading, B's next
    sentence ran into its title, and the heading's other copy was skipped.  The sentence's own
    copy bounds the title, so the two copies pair up as duplicates."""
    text = f"（市规划资源局负责）{SENTENCE}（市农业农村委负责）\n{GLUED}"
    frags = segment(text)
    section = next(f for f in frags if f.kind == "section")
    assert section.title == "构建绿色低碳循环发展的消费体系"
    assert [f.text for f in frags].count(SENTENCE) == 2


def test_a_section_title_is_not_cut_without_a_copy_of_the_sentence() -> None:
    """With no other copy there is no evidence where the title ends: it is left whole, not guessed."""
    frags = segment(GLUED)
    assert frags[0].kind == "section" and frags[0].title is not None
    assert frags[0].title.startswith("构建绿色低碳循环发展的消费体系实施")


def test_a_short_sentence_does_not_cut_a_title() -> None:
    """A title's own words may recur as a short sentence elsewhere; only sentences of eight or more
    characters count as a glued copy."""
    frags = segment("组织实施。\n八、加强组织实施。\n（一）加强组织领导。")
    assert [f.title for f in frags if f.kind == "section"] == ["加强组织实施"]


@pytest.mark.parametrize(
    ("text", "title", "after"),
    [
        # 湖南 2019: the heading runs its text on after a colon
        ("（一）总体要求：以习近平新时代中国特色社会主义思想为指导，推动发展。", "总体要求", "以习近平"),
        ("一、主要目标:到2025年，建成一批示范项目。", "主要目标", "到2025年"),
        # a colon after a longer run with a pause is the heading's own sentence, not a title's end
        ("（二）加快推进能源、交通等基础设施建设，重点做好以下工作：建设项目。", None, None),
    ],
)
def test_a_short_title_before_a_colon_ends_there(text: str, title: str | None, after: str | None) -> None:
    frags = segment(text)
    if title is None:
        assert frags[0].title is not None and frags[0].title.startswith("加快推进能源、交通")
        return
    assert frags[0].title == title
    assert frags[1].kind == "sentence" and frags[1].text.startswith(after or "")


def test_a_section_heading_glued_to_the_next_section_heading_is_split_there() -> None:
    """Rare-turn-skip variant 1005: A's block ended on heading 七, B's began with heading 三.  Read as
    one title, B's heading 三 had no fragment of its own to pair with A's copy, which was taken for
    B's in the wrong place, and measures （四）-（八） were filed under section 三."""
    frags = segment("七、完善政策制度体系三、构建绿色低碳循环发展的流通体系（九）打造绿色物流体系。")
    assert [(f.kind, f.number, f.title) for f in frags[:3]] == [
        ("section", 7, "完善政策制度体系"),
        ("section", 3, "构建绿色低碳循环发展的流通体系"),
        ("measure", 9, "打造绿色物流体系"),
    ]


def test_a_heading_run_into_the_one_before_bounds_its_glued_copy() -> None:
    """Wide draw 5793: B's "一、总体要求" ran into A's "二、构建…生产体系", whose clean title was not
    learnt (it does not open a line or follow a full stop), so B's copy of 二, glued to A's next
    sentence, kept the sentence in its title; A's 二 had no partner, was taken for B's, and measure
    （一） was filed under section 二."""
    text = (
        "一、总体要求二、构建绿色低碳循环发展的生产体系（三）加快工业绿色转型升级。"
        "推进既有产业园区循环化改造。（市发展改革委负责）二、构建绿色低碳循环发展的生产体系"
        "加强危险废物规范化管理，推动危险废物处置能力建设。（市生态环境局负责）"
    )
    sections = [(f.number, f.title) for f in segment(text) if f.kind == "section"]
    assert sections == [(1, "总体要求"), (2, "构建绿色低碳循环发展的生产体系"), (2, "构建绿色低碳循环发展的生产体系")]
    assert "加强危险废物规范化管理，推动危险废物处置能力建设。" in [f.text for f in segment(text)]


@pytest.mark.parametrize(
    ("heading", "swallowed", "text"),
    [
        (
            "三、构建绿色低碳循环发展的流通体系",
            "持续完善强化清洁生产、发展循环经济等方面政策措施",
            "{s}（市农业农村委负责）\n{h}{s}\n{h}{w}（市发展改革委负责）",
        ),
        (
            "四、构建绿色低碳循环发展的消费体系",
            "加强新能源汽车充换电、加氢等配套基础设施建设",
            "{h}{w}（第8轮）。\n{h}（十二）促进绿色产品消费。",
        ),
    ],
    ids=["bounded-by-a-sentence-held-elsewhere", "clean-before-a-measure"],
)
def test_a_heading_that_swallowed_comma_free_words_is_bounded_by_another_copy(
    heading: str, swallowed: str, text: str
) -> None:
    """A heading that swallowed the other reader's next words, which have no comma and end before a
    parenthesis, looks clean; another copy of the heading says where its title ends.  Seed-000-like
    16006: A's copy of 三 ran into a sentence the text holds again and was bounded, B's ran into text
    A alone read; unbounded, the two copies did not pair, and order repair took A to skip inside its
    blocks.  The 100x plan of ``make bench``: the swallowing copy came first, and its long title was
    taken for the clean one, though another copy ends cleanly before a measure label."""
    frags = segment(text.format(s=SENTENCE, h=heading, w=swallowed))
    title = heading.split("、", 1)[1]
    assert [f.title for f in frags if f.kind == "section"] == [title] * 2
    assert any(f.text.startswith(swallowed) for f in frags if f.kind != "section")


def test_two_copies_of_a_heading_that_ran_into_different_sentences_share_their_title() -> None:
    """Seed-000-like 29058: both copies of heading 三 ran into the other reader's next sentence, and
    neither sentence is held anywhere else.  What the two copies share is the title; the sentences
    come off as fragments of their own (unbounded, the copies did not pair, （四） was filed under
    section 三 and （五）-（十七） under none)."""
    heading = "三、构建绿色低碳循环发展的流通体系"
    first = "全面推行清洁生产，依法在重点行业实施强制性清洁生产审核。"
    second = "持续完善强化清洁生产、发展循环经济等方面政策措施。"
    frags = segment(f"{SENTENCE}{heading}{first}（市生态环境局负责）\n{SENTENCE}{heading}{second}")
    assert [f.title for f in frags if f.kind == "section"] == ["构建绿色低碳循环发展的流通体系"] * 2
    assert [f.text for f in frags if f.text in (first, second)] == [first, second]


@pytest.mark.parametrize(
    "text",
    [
        "一、加强组织领导。各地要高度重视。\n一、加快发展步伐。推进产业升级。",  # short shared part: 加
        "一、坚持绿色发展，推动全面转型升级。\n一、坚持绿色发展，推进产业结构调整。",  # a comma in the shared part
        "一、总体要求全面贯彻新发展理念，推动高质量发展。\n一、总体要求坚持。",  # a tail too short
    ],
    ids=["short-shared-part", "comma", "short-tail"],
)
def test_copies_that_share_too_little_are_left_as_they_are(text: str) -> None:
    """Two run-on headings of one label are cut at what they share only where that is plausibly a
    title and both tails plausibly sentences; otherwise nothing is cut."""
    clean = _clean_section_titles(text)
    assert _shared_title_ends(text, list(_cuts(text, clean, {})), {}) == {}


def test_a_numeral_inside_a_section_label_does_not_split_it() -> None:
    """十一、 is one label, not 十 followed by 一、."""
    frags = segment("十一、加强组织领导\n（一）明确责任。")
    assert [(f.kind, f.number, f.title) for f in frags[:1]] == [("section", 11, "加强组织领导")]


# -- a glued heading is cut again locally ------------------------------------------------------------

PIECES = [
    SENTENCE,
    "推行产品绿色设计，培育一批绿色设计示范企业。",
    "（市工业和信息化局、各区人民政府按职责分工负责）",
    "（市发展改革委、\n各区人民政府按职责分工负责）",  # a parenthesis runs on over a line break
    "（三）加快工业绿色转型升级。",
    "四、构建绿色低碳循环发展的消费体系",
    "三、构建绿色低碳循环发展的流通体系",
    "三、构建绿色低碳循环发展的流通体系持续完善强化清洁生产等方面政策措施",
    "1.明确责任。",
    "\n",
    "\n\n",
    " ",
    "发布日期：2022-01-05",
]


def _full_recut(text: str) -> tuple[list[_Cut], list[_Cut]]:
    """The cuts :func:`segment` makes and those of cutting the whole text again with the forced ends."""
    clean = _clean_section_titles(text)
    first = list(_cuts(text, clean, {}))
    forced = _glued_section_ends(text, first)
    return [(f.kind, f.start, f.end, f.para_start, f.label, f.number, f.title) for f in segment(text)], list(
        _cuts(text, clean, forced)
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_cutting_again_from_each_glued_heading_gives_the_whole_text_cut_again(pieces: list[str]) -> None:
    """:func:`segment` cuts again only from each glued section heading until its cut meets the first
    one (a long text has such a heading somewhere, and cutting it twice took a 10x text 17x-20x the time
    of 1x); the fragments must be those of cutting the whole text again."""
    local, whole = _full_recut("".join(pieces))
    assert local == whole


def test_a_long_scrape_with_glued_headings_is_cut_as_if_cut_again_whole() -> None:
    """The 10x synthetic plan of ``make bench`` has glued section headings: the case the local cut is for."""
    text = normalize(corrupt(long_plan(OFFICIAL.read_text(encoding="utf-8"), 10), seed000_like(7)).text)
    clean = _clean_section_titles(text)
    assert _glued_section_ends(text, list(_cuts(text, clean, {})))
    local, whole = _full_recut(text)
    assert local == whole


# --- parts numbered in decimals (应急预案: 1 总则 / 1.1 编制目的 / 1.1.1) ---------------------------------


def test_decimal_numbering_is_read_only_where_the_parts_run_in_order() -> None:
    plan = "1 总则\n1.1 编制目的\n为了做好工作，制定本预案。\n1.2 编制依据\n依据有关法律。\n2 组织体系\n2.1 领导机构\n成立指挥部。\n"
    assert decimal_numbering(normalize(plan))
    # a table of contents before it: the numbers run twice, and the text is not read in decimals
    assert not decimal_numbering(normalize("1 总则……6\n2 组织体系……11\n" + plan))
    # a plan with 一、 sections, and a paragraph that opens with a number, are not decimal-numbered
    assert not decimal_numbering(normalize("一、总体要求\n" + plan))
    assert not decimal_numbering(normalize("10万亩高标准农田建设\n1.1万亩耕地。\n"))


def test_decimal_parts_are_sections_measures_and_items() -> None:
    text = (
        "1 总则\n1.1 编制目的\n为了做好工作，制定本预案。\n"
        "2 组织体系\n2.1 领导机构\n2.1.1 指挥部。县政府成立指挥部，县长任总指挥。\n2.2 办事机构\n指挥部办公室设在县应急局。\n"
    )
    frags = segment(normalize(text))
    heads = [(f.kind, f.label, f.number, f.title) for f in frags if f.kind in ("section", "measure", "item")]
    assert heads == [
        ("section", "1", 1, "总则"),
        ("measure", "1.1", 1, "编制目的"),
        ("section", "2", 2, "组织体系"),
        ("measure", "2.1", 1, "领导机构"),
        ("item", "2.1.1", 1, None),
        ("measure", "2.2", 2, "办事机构"),
    ]


@pytest.mark.parametrize(
    ("text", "fields", "rest"),
    [
        # a page that sets its fields as a list, each value on the line under its label (镇巴县 2024)
        (
            "• 索引号:\n\n  6107280000/2024-001005\n• 主题分类:\n\n• 发文机构:\n\n  县政府网站\n• 发文字号:\n\n  镇政发〔2024〕7号\n",
            [
                ("索引号", "6107280000/2024-001005"),
                ("主题分类", ""),
                ("发文机构", "县政府网站"),
                ("发文字号", "镇政发〔2024〕7号"),
            ],
            [],
        ),
        # an empty field above the title: the title is no value (no field label under it)
        ("主题词：\n某县人民政府工作规则\n第一章　总则\n", [("主题词", "")], ["某县人民政府工作规则", "第一章　总则"]),
        # 来源 is a field only as an item of such a list: 资金来源：… is plan text
        ("• 来源:\n\n• 有效性:\n\n资金来源：市级财政。\n", [("来源", ""), ("有效性", "")], ["资金来源：市级财政。"]),
    ],
)
def test_page_fields_with_their_values_under_them(text: str, fields: list[tuple[str, str]], rest: list[str]) -> None:
    frags = segment(text)
    assert [(f.label, f.title) for f in frags if f.kind == "meta"] == fields
    assert [f.text for f in frags if f.kind != "meta"] == rest


def test_an_empty_field_before_a_longer_label_stays_empty() -> None:
    """黄石下陆区 2020: 文号: 文件分类: 综合政务 所属机构: (文号 and 所属机构 empty) gave 文号 the value 文件, the
    first words of the next label."""
    fields = [(f.label, f.title) for f in segment("文号：文件分类：综合政务所属机构：\n") if f.kind == "meta"]
    assert fields == [("文号", ""), ("文件分类", "综合政务"), ("所属机构", "")]


@pytest.mark.parametrize(
    ("text", "parens"),
    [
        # 安徽 2022 (新安晚报's repost): the leader's field is the list's first line
        (
            "1.全省生产总值增长7%以上。\n牵头负责领导：刘惠。\n牵头责任单位：省发展改革委。\n协同责任单位：省政府各部门。\n",
            ["牵头负责领导：刘惠。\n牵头责任单位：省发展改革委。\n协同责任单位：省政府各部门。"],
        ),
        # a leader's field with no list under it is the text's
        ("1.全省生产总值增长7%以上。\n联系领导：刘惠。\n2.固定资产投资增长10%以上。\n", []),
        # nor does a list above it take it in
        ("1.增长7%以上。\n牵头责任单位：省发展改革委。\n联系领导：刘惠。\n", ["牵头责任单位：省发展改革委。"]),
    ],
)
def test_a_leaders_field_opens_the_list_under_it(text: str, parens: list[str]) -> None:
    assert [f.text for f in segment(normalize(text)) if f.kind == "paren"] == parens


def test_a_fields_value_does_not_run_on_past_a_full_stop() -> None:
    """兴宁 2020 lost its line breaks: 公开方式：主动公开 ran on into the plan's title and first paragraph,
    which became the field's value.  A 。 ends a value only where it closes a statement of validity."""
    text = "公开方式：主动公开2020年兴宁区优化营商环境实施方案为贯彻落实自治区党委的工作部署，特制定本方案。\n"
    assert [f.kind for f in segment(text)] == ["sentence"]
    validity = (
        "时效：根据《河南省人民政府关于公布省政府规范性文件清理结果的决定》（豫政〔2017〕16号），此文件宣布失效。\n"
    )
    assert [(f.kind, f.label) for f in segment(validity)] == [("meta", "时效")]


def test_a_labelled_list_whose_bracket_never_closes_is_a_list() -> None:
    """(牵头单位:A、B;责任单位:C with no closing bracket (typical of a page that lost it; 钢城 2021's stored copy
    breaks off there): the leads stayed in the task's text and only C was read.  The list runs to its line's
    end, as a bare list does."""
    text = normalize(
        "5.不断优化申报模式。(牵头单位:区行政审批服务局、区发展改革局;责任单位:区政府有关部门\n"
        "6.推进审批服务标准化。(牵头单位:区行政审批服务局;责任单位:区政府有关部门)\n"
    )
    parens = [f.text for f in segment(text) if f.kind == "paren"]
    assert parens == [
        "（牵头单位：区行政审批服务局、区发展改革局；责任单位：区政府有关部门",
        "（牵头单位：区行政审批服务局；责任单位：区政府有关部门）",
    ]
    found = parse_responsibility(parens[0])
    assert found is not None
    assert list(zip(found.names, found.roles, strict=True)) == [
        ("区行政审批服务局", "lead"),
        ("区发展改革局", "lead"),
        ("区政府有关部门", "co"),
    ]
    # where the text itself breaks off inside the list, its last name may be cut: not read
    assert [f.kind for f in segment(normalize("1.形成一批成功经验。（牵头单位：市发"))] == ["item", "line"]


def test_an_index_number_with_blanks_round_its_slash_is_whole() -> None:
    """浠水 2017: 索引号: 011282752 / 2017-00101主题分类: -- the index was cut at its first blank, and
    / 2017-00101 was left in the page's head."""
    text = normalize("索引号: 011282752 / 2017-00101 主题分类:\n发布机构: 浠水县人民政府 发文日期: 2017-01-28\n")
    fields = [(f.label, f.title) for f in segment(text) if f.kind == "meta"]
    assert ("索引号", "011282752 / 2017-00101") in fields


@pytest.mark.parametrize(
    ("label", "number"), [("壹", 1), ("贰", 2), ("參", 3), ("拾", 10), ("拾贰", 12), ("贰拾壹", 21)]
)
def test_formal_numerals_read_as_the_numbers_they_stand_for(label: str, number: int) -> None:
    assert parse_chinese_number(label) == number


def test_a_formal_numeral_inside_a_line_is_no_heading() -> None:
    """壹、 is a section's label at a paragraph's start only: inside a line 陆、 is a word's end (海陆、)."""
    frags = segment("一、统筹海陆、城乡发展\n（一）加强统筹。\n")
    assert [(f.kind, f.label) for f in frags] == [("section", "一、"), ("measure", "（一）")]
    assert frags[0].title == "统筹海陆、城乡发展"
