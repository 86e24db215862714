"""Structure figures of the Tianjin plan, read off the seeds by hand.

Official text (seed 004): the notice, the plan title, 8 sections and 28 measures with their printed titles,
99 tasks of which 97 close with a responsibility parenthesis; each task's agencies are the printed list.
Web scrape (seed 000): invariants only — whatever order repair does with the scrape's out-of-place
fragments, no radical survives, 口 words are right, nothing is filed twice and nothing that occurs once
is lost.  Where the scrape's tasks are placed is deliberately not tested here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from json_walk import json_strings
from plan_extract import extract, extract_source
from plan_extract.dates import to_iso
from plan_extract.models import PlanRecord
from plan_extract.normalize import normalize
from plan_extract.readers.base import SourceText

# Printed in seed 004 as "一、总体要求" ... "八、认真抓好组织实施" (one heading per line).
SECTION_TITLES = [
    "总体要求",
    "构建绿色低碳循环发展的生产体系",
    "构建绿色低碳循环发展的流通体系",
    "构建绿色低碳循环发展的消费体系",
    "加快基础设施绿色升级",
    "构建市场导向的绿色技术创新体系",
    "完善政策制度体系",
    "认真抓好组织实施",
]
# Measure headings as printed in seed 004 ("（三）加快工业绿色转型升级。"), without the 。; the section each opens under.
MEASURES = [
    (1, "指导思想"),
    (1, "主要目标"),
    (2, "加快工业绿色转型升级"),
    (2, "加快农业绿色低碳循环发展"),
    (2, "加快服务业绿色低碳循环发展"),
    (2, "培育壮大绿色环保产业"),
    (2, "提升产业园区（集群）循环化水平"),
    (2, "构建绿色供应链"),
    (3, "打造绿色物流体系"),
    (3, "加强再生资源回收利用"),
    (3, "建立绿色贸易体系"),
    (4, "促进绿色产品消费"),
    (4, "倡导绿色低碳生活方式"),
    (5, "推动能源体系绿色低碳转型"),
    (5, "推进城镇环境基础设施建设升级"),
    (5, "提升交通基础设施绿色发展水平"),
    (5, "改善城乡人居环境"),
    (6, "鼓励绿色低碳技术研发"),
    (6, "加速科技成果转化"),
    (7, "强化政策制度支撑"),
    (7, "健全绿色收费价格机制"),
    (7, "加大财税扶持力度"),
    (7, "大力发展绿色金融"),
    (7, "完善绿色标准和统计监测制度"),
    (7, "培育绿色交易市场机制"),
    (8, "抓好贯彻落实"),
    (8, "加强统筹协调"),
    (8, "营造良好氛围"),
]
CN_NUMBERS = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八".split()

NOTICE_TITLE = "天津市人民政府关于印发天津市加快建立健全绿色低碳循环发展经济体系实施方案的通知"
PLAN_TITLE = "天津市加快建立健全绿色低碳循环发展经济体系的实施方案"
RADICAL_BLOCKS = range(0x2E80, 0x2FE0)


def _tasks(record_json: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for section in record_json["plan"]["sections"]:
        yield from section["tasks"]
        for measure in section["measures"]:
            yield from measure["tasks"]


def expected_agency_lists(normalized_official: str) -> list[list[str]]:
    """Every （…负责） of the text, split the way a reader would: on 、, with "X等部门和Y" → X, Y."""
    lists: list[list[str]] = []
    for inner in re.findall(r"（([^（）]*)负责）", normalized_official):
        inner = re.sub(r"按职责分工$", "", inner)
        names: list[str] = []
        for part in inner.split("、"):
            if "等部门和" in part:
                names.extend(part.split("等部门和"))
            else:
                names.append(re.sub(r"等(?:市级有关)?部门$", "", part))
        lists.append(names)
    return lists


# --- official text: notice and plan -------------------------------------------------------------


def test_official_document(official_json: dict[str, Any]) -> None:
    doc = official_json["document"]
    assert doc["title"] == NOTICE_TITLE
    assert doc["issuer"] == "天津市人民政府"
    assert doc["recipients"] == ["各区人民政府", "市政府各委、办、局"]
    assert doc["signed_date"] == "2022-03-25"
    assert doc["published_date"] is None, "seed 004 does not print a publication date"
    assert doc["body"] == f"现将《{PLAN_TITLE}》印发给你们，望遵照执行。"


def test_official_plan_title_and_preamble(official_json: dict[str, Any]) -> None:
    plan = official_json["plan"]
    assert plan["title"] == PLAN_TITLE
    assert plan["preamble"].startswith("为加快建立健全")
    assert plan["preamble"].endswith("结合本市实际，制定本实施方案。")


def test_official_sections(official_json: dict[str, Any]) -> None:
    sections = official_json["plan"]["sections"]
    assert [s["title"] for s in sections] == SECTION_TITLES
    assert [s["number"] for s in sections] == list(range(1, 9))
    assert [s["label"] for s in sections] == [f"{n}、" for n in CN_NUMBERS[:8]]


def test_official_measures(official_json: dict[str, Any]) -> None:
    got = [
        (s["number"], m["number"], m["label"], m["title"])
        for s in official_json["plan"]["sections"]
        for m in s["measures"]
    ]
    expected = [(sec, i + 1, f"（{CN_NUMBERS[i]}）", title) for i, (sec, title) in enumerate(MEASURES)]
    assert got == expected


def test_official_task_counts(official_json: dict[str, Any]) -> None:
    tasks = list(_tasks(official_json))
    assert len(tasks) == 99
    assert sum(1 for t in tasks if t["agencies"]) == 97
    # the two without agencies are （一）指导思想 and （二）主要目标, one task each
    first = official_json["plan"]["sections"][0]["measures"]
    assert [len(m["tasks"]) for m in first] == [1, 1]
    assert all(not t["agencies"] for m in first for t in m["tasks"])
    assert first[1]["tasks"][0]["text"].startswith("到2025年，产业结构")


def test_official_agencies_are_the_printed_lists(official_json: dict[str, Any], official_source: str) -> None:
    expected = expected_agency_lists(normalize(official_source))
    assert len(expected) == 97
    got = [[a["name"] for a in t["agencies"]] for t in _tasks(official_json) if t["agencies"]]
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        assert g == e, f"task {i} with agencies"


def test_official_roles_are_all_co(official_json: dict[str, Any]) -> None:
    """The Tianjin plan says only 按职责分工负责: no lead is invented."""
    roles = {a["role"] for t in _tasks(official_json) for a in t["agencies"]}
    assert roles == {"co"}


def test_official_task_texts_stop_before_the_parenthesis(official_json: dict[str, Any]) -> None:
    for t in _tasks(official_json):
        if t["agencies"]:
            assert t["parenthesis"].startswith("（") and t["parenthesis"].endswith("负责）")
            assert not t["text"].endswith("）"), t["text"][-30:]
            assert "负责）" not in t["text"]


def test_official_provenance_points_into_the_source(official_json: dict[str, Any], official_source: str) -> None:
    for t in _tasks(official_json):
        prov = t["provenance"]
        assert prov["source"] == "tianjin_plan_official_text.txt"
        assert 0 <= prov["start"] < prov["end"] <= len(official_source)
        there = normalize(official_source[prov["start"] : prov["end"]])
        assert t["text"][:5] in there, (t["text"][:20], official_source[prov["start"] : prov["start"] + 30])


def test_official_every_sentence_is_kept(official_json: dict[str, Any], official_source: str) -> None:
    """Every sentence of the plan body (after the notice) is in some task's text."""
    text = normalize(official_source)
    body = text[text.index("（一）指导思想。") :]
    body = re.sub(r"（[^（）]*负责）", "\n", body)  # parentheses live in their own field
    body = re.sub(
        r"（[一二三四五六七八九十]+）[^。\n]*。|\n[一二三四五六七八九十]+、[^\n]*", "\n", "\n" + body
    )  # headings
    all_tasks = "\n".join(t["text"] for t in _tasks(official_json))
    sentences = [s for s in re.findall(r"[^。\n]+。", body) if len(s) >= 6]
    assert len(sentences) > 100
    missing = [s for s in sentences if s not in all_tasks]
    assert missing == []


# --- web scrape: invariants -----------------------------------------------------------------------


def test_scrape_document(scrape_json: dict[str, Any]) -> None:
    doc = scrape_json["document"]
    assert doc["title"] == NOTICE_TITLE
    assert doc["published_date"] == "2022-03-29"
    assert doc["recipients"] == ["各区人民政府", "市政府各委、办、局"]


def test_a_notice_title_glued_to_its_addressees_is_split_off(official_source: str) -> None:
    """A scrape that lost every line break (the corruption generator's variants) runs the notice title
    into the addressees: "…实施方案的通知各区人民政府，市政府各委、办、局：".  The title is the longest
    head ending in a document type after which an addressee list follows (not "…实施方案" +
    "的通知各区人民政府"); before, the title was null and the first addressee carried it."""
    glued = "".join(normalize(official_source).split())
    rec = _extract(glued)
    assert rec.document.title == NOTICE_TITLE
    assert rec.document.recipients == ["各区人民政府", "市政府各委、办、局"]
    assert rec.plan.title == PLAN_TITLE


def _extract(text: str) -> PlanRecord:
    """The record of a text as it stands (no reader's clean-up: the structure stage's input as given)."""
    return extract_source(SourceText(path="t.txt", name="t.txt", kind="text", text=text))


def test_titles_set_over_lines_are_joined() -> None:
    """A text made from a PDF keeps the lines its titles were set in (pdftotext of the official PDF):
    the notice title over three lines, the plan title over two.  Before, the title was the first line
    alone and the rest ran into the notice's body and the plan's preamble."""
    lines = [
        "天津市人民政府关于印发天津市加快",
        "建立健全绿色低碳循环发展经济",
        "体系实施方案的通知",
        "各区人民政府，市政府各委、办、局：",
        "现将《天津市加快建立健全绿色低碳循环发展经济体系的实施方案》印发给你们，望遵照执行。",
        "天津市人民政府",
        "2022年3月25日",
        "天津市加快建立健全绿色低碳循环",
        "发展经济体系的实施方案",
        "为加快建立健全绿色低碳循环发展经济体系，制定本实施方案。",
        "一、总体要求",
    ]
    rec = _extract("\n".join(lines))
    assert rec.document.title == NOTICE_TITLE
    assert rec.document.recipients == ["各区人民政府", "市政府各委、办、局"]
    assert rec.plan.title == PLAN_TITLE
    # without the quoted title in the notice, the plan title's lines are joined the same way
    unquoted = [ln.replace("《天津市加快建立健全绿色低碳循环发展经济体系的实施方案》", "本方案") for ln in lines]
    assert _extract("\n".join(unquoted)).plan.title == PLAN_TITLE


def test_a_plan_title_at_the_top_set_over_two_lines_is_joined() -> None:
    """A plan with no notice, its title over two lines whose first (天津市加快建立健全) is no title on its
    own: before, no title was found at all; a page's head lines must not take the first line either."""
    rec = _extract(
        "天津市加快建立健全\n绿色低碳循环发展经济体系实施方案\n为加快建立健全绿色低碳循环发展经济体系，制定本方案。\n一、总体要求"
    )
    assert rec.document.title == rec.plan.title == "天津市加快建立健全绿色低碳循环发展经济体系实施方案"
    assert rec.document.head == []
    under_a_breadcrumb = _extract(
        "您的位置：首页»政策文件\n天津市加快建立健全\n绿色低碳循环发展经济体系实施方案\n为加快发展，制定本方案。\n一、总体要求"
    )
    assert under_a_breadcrumb.document.title == "天津市加快建立健全绿色低碳循环发展经济体系实施方案"
    assert under_a_breadcrumb.document.head == ["您的位置：首页»政策文件"]


def test_a_title_line_ending_in_a_document_type_is_not_joined_to_the_next() -> None:
    rec = _extract("关于加强生态环境保护的意见\n各区人民政府，市有关部门：\n现提出如下意见。\n一、总体要求")
    assert rec.document.title == "关于加强生态环境保护的意见"
    # a line with a sentence mark is not a title's second line
    rec = _extract("关于加强生态环境保护\n工作，推动绿色发展的意见\n各区人民政府：\n一、总体要求")
    assert rec.document.title == "关于加强生态环境保护"


@pytest.mark.parametrize("dot", ["．", "."])
def test_sections_numbered_with_a_full_stop(official_source: str, official_record: Any, dot: str) -> None:
    """一．总体要求 / 一.总体要求: no section was found, and each heading ran into the task before it
    (98 of 99 tasks exact, 105 tasks); the labels keep the printed form."""
    text = re.sub(r"(?m)^([一二三四五六七八])、", rf"\g<1>{dot}", official_source)
    assert text.count(f"二{dot}构建") == 1
    rec = _extract(text)
    assert [s.label for s in rec.plan.sections] == [f"{n}{dot}" for n in "一二三四五六七八"]
    assert [(s.number, s.title) for s in rec.plan.sections] == [
        (s.number, s.title) for s in official_record.plan.sections
    ]
    tasks = [(m.number, t.text) for s in rec.plan.sections for m in s.measures for t in m.tasks]
    assert tasks == [(m.number, t.text) for s in official_record.plan.sections for m in s.measures for t in m.tasks]


def test_a_numeral_and_a_full_stop_inside_a_sentence_is_no_section() -> None:
    rec = _extract("一、总体要求\n（一）指导思想。推进“十四五”规划第一.五节所列任务。\n二、重点任务\n（二）健全体系。")
    assert [s.number for s in rec.plan.sections] == [1, 2]


#: The head (版头) and foot (版记) of the Tianjin notice as a formal document prints them (GB/T 9704):
#: the issuer's mark and the document number above the title; copies and printing below the signature.
FORMAL_HEAD = "天津市人民政府文件\n\n津政发〔2022〕5号\n\n"
FORMAL_FOOT = "\n\n抄送：市委各部门，市人大常委会办公厅，市政协办公厅。\n天津市人民政府办公厅　　2022年3月28日印发\n"


def test_a_formal_documents_head_is_read(official_source: str, official_record: Any) -> None:
    """Above the title a formal document prints its issuer's mark and number; before, the title, the
    number and the addressees all ran into the notice's body (title, doc_number null)."""
    rec = _extract(FORMAL_HEAD + official_source + FORMAL_FOOT)
    doc = rec.document
    assert doc.issuer_mark == "天津市人民政府文件"
    assert doc.doc_number == "津政发〔2022〕5号"
    assert doc.title == NOTICE_TITLE and doc.recipients == ["各区人民政府", "市政府各委、办、局"]
    assert doc.body == official_record.document.body
    assert rec.plan.title == PLAN_TITLE
    assert (rec.plan.closing or "").startswith("抄送：")  # the 版记 after the last task, kept as closing text
    tasks = [(m.number, t.text) for s in rec.plan.sections for m in s.measures for t in m.tasks]
    assert tasks == [(m.number, t.text) for s in official_record.plan.sections for m in s.measures for t in m.tasks]


def test_no_issuer_mark_where_none_is_printed(official_json: dict[str, Any]) -> None:
    assert "issuer_mark" not in official_json["document"]  # absent, so earlier records stay byte-identical
    rec = _extract("天津市人民政府关于印发若干文件\n各区人民政府：\n现将有关文件印发给你们。\n一、总体要求")
    assert rec.document.issuer_mark is None and rec.document.title == "天津市人民政府关于印发若干文件"


def _radicals(strings: Iterator[str]) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for s in strings for c in s if ord(c) in RADICAL_BLOCKS})


def test_scrape_fields_have_no_radical(scrape_json: dict[str, Any]) -> None:
    assert _radicals(json_strings(scrape_json, skip=frozenset({"warnings"}))) == []


def test_scrape_json_has_no_radical_anywhere(scrape_json: dict[str, Any]) -> None:
    """The issue asks for 0 code points of U+2E80–U+2FDF anywhere in the JSON, warning messages included
    (a message can name a radical as U+2F1C without carrying the character)."""
    assert _radicals(json_strings(scrape_json)) == []


def test_scrape_mouth_words_where_the_official_text_has_them(scrape_json: dict[str, Any], official_source: str) -> None:
    """Wherever a 进口/出口/港口 context of the official text is in the scrape's output (read with 口 and 又
    as one character), the scrape's output has 口 there; and 进又/港又/出又 appear nowhere."""
    out = "\n".join(json_strings(scrape_json))
    for bad in ("进又", "港又", "出又"):
        assert bad not in out
    blind_out = out.replace("又", "口")
    official = normalize(official_source)
    checked = 0
    for m in re.finditer("进口|出口|港口", official):
        context = official[max(0, m.start() - 5) : m.end() + 5]
        if "\n" in context:
            continue
        if context in blind_out:
            assert context in out, context
            checked += 1
    assert checked >= 4, "the scrape carries 进口, 出口 and 港口 (4 times in all)"


def test_scrape_no_task_text_twice(scrape_json: dict[str, Any]) -> None:
    texts = [t["text"] for t in _tasks(scrape_json) if t["text"]]
    texts += [u["text"] for u in scrape_json["plan"]["unplaced"] if u["text"]]
    repeated = sorted({t for t in texts if texts.count(t) > 1})
    assert repeated == []


def _scrape_pieces(normalized: str) -> list[str]:
    """Sentences and responsibility parentheses of the scrape, cut where output fields may part them:
    at 。！？；, at headings (一、 （一）), around the parentheses, and at printed dates (stored as ISO)."""
    text = normalized.replace("\n", "")
    text = re.sub(r"（[^（）]*负责）", lambda m: f"\x00{m.group(0)}\x00", text)
    text = re.sub(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）", "\x00", text)
    text = re.sub(r"\d{4}年\d{1,2}月\d{1,2}日|发布日期[:：]\d{4}-\d{2}-\d{2}", "\x00", text)
    text = re.sub(r"([。！？；])", "\\1\x00", text)
    pieces = [p for p in text.split("\x00") if len(p) >= 6]
    # a heading's title is stored without its 。
    return [p[:-1] if p.endswith("。") and p[:-1] and p.count("。") == 1 and len(p) <= 40 else p for p in pieces]


def test_scrape_nothing_that_occurs_once_is_lost(scrape_json: dict[str, Any], scrape_source: str) -> None:
    normalized = normalize(scrape_source)
    flat = normalized.replace("\n", "")
    kept = "".join(json_strings(scrape_json, skip=frozenset({"accounting", "warnings"})))
    once = [p for p in _scrape_pieces(normalized) if flat.count(p) == 1]
    assert len(once) > 100
    missing = [p for p in once if p not in kept]
    assert missing == []


def test_scrape_duplicates_are_counted(scrape_json: dict[str, Any]) -> None:
    acc = scrape_json["accounting"]
    assert 60 <= acc["duplicates"] <= 80, "the seeds README says ~70 duplicated fragments"
    dropped = [d for d in acc["dropped"] if d["kind"] == "duplicate"]
    assert len(dropped) == acc["duplicates"]
    assert acc["duplicate_chars"] == sum(len(d["text"]) for d in dropped)


def test_scrape_dropped_duplicates_really_are_repeats(scrape_json: dict[str, Any], scrape_source: str) -> None:
    flat = normalize(scrape_source).replace("\n", "")
    for d in scrape_json["accounting"]["dropped"]:
        if d["kind"] == "duplicate":
            assert flat.count(d["text"]) >= 2, d["text"]


@pytest.mark.shared
def test_seed_readme_figures(shared_dir: Any) -> None:
    """The figures above come from the seeds README (8 sections, 28 measures, ~70 duplicates)."""
    readme = (shared_dir / "seeds" / "README.md").read_text(encoding="utf-8")
    assert "8 sections" in readme and "28 measures" in readme
    assert "~70 duplicated fragments" in readme
    assert "发布日期:2022-03-29" in readme


# --- regulations numbered in chapters and articles (办法, 条例: 第一章 / 第一节 / 第一条) ----------------------

REGULATION = (
    "某市人民政府关于印发某市政府投资项目管理办法的通知\n"
    "各区人民政府，市政府各委、办、局：\n"
    "现将《某市政府投资项目管理办法》印发给你们，请认真贯彻执行。\n"
    "某市人民政府\n"
    "2023年5月6日\n"
    "某市政府投资项目管理办法\n"
    "第一章　总则\n"
    "第一条　为规范政府投资行为，制定本办法。\n"
    "第二章　项目管理\n"
    "第一节　资金安排\n"
    "第二条　政府投资资金按项目安排，包括：\n"
    "（一）直接投资；\n"
    "（二）资本金注入。\n"
    "第二节　审批\n"
    "第三条　政府投资项目实行审批制。项目单位应当编制项目建议书。\n"
    "第三章　附则\n"
    "第四条　本办法自2023年6月1日起施行。\n"
)


def test_a_regulation_numbered_in_chapters_and_articles() -> None:
    """Before, no 一、 and no （一） meant no structure: the whole text went to the preamble.  Chapters are
    sections, 节 measures, each article an item whose text is a task (its first sentence is content, not
    a heading), and an article's clauses （一）（二） are its subitems, never measures."""
    record = _extract(REGULATION)
    assert record.document.title == "某市人民政府关于印发某市政府投资项目管理办法的通知"
    assert record.plan.title == "某市政府投资项目管理办法"
    assert record.plan.preamble is None
    assert [(s.number, s.label, s.title) for s in record.plan.sections] == [
        (1, "第一章", "总则"),
        (2, "第二章", "项目管理"),
        (3, "第三章", "附则"),
    ]
    assert [(m.number, m.label, m.title) for m in record.plan.sections[1].measures] == [
        (1, "第一节", "资金安排"),
        (2, "第二节", "审批"),
    ]
    tasks = [t for _, _, t in record.plan.placed_tasks()]
    assert [(t.item.label if t.item else None, t.subitem.label if t.subitem else None, t.text) for t in tasks] == [
        ("第一条", None, "为规范政府投资行为，制定本办法。"),
        ("第二条", None, "政府投资资金按项目安排，包括："),
        ("第二条", "（一）", "直接投资；"),
        ("第二条", "（二）", "资本金注入。"),
        ("第三条", None, "政府投资项目实行审批制。项目单位应当编制项目建议书。"),
        ("第四条", None, "本办法自2023年6月1日起施行。"),
    ]
    assert all(t.item is not None and t.item.title is None for t in tasks)
    assert [t.item.number for t in tasks if t.item] == [1, 2, 2, 2, 3, 4]
    assert not [w for w in record.warnings if w.kind in ("no_structure", "numbering_gap", "numbering_order")]


def test_articles_without_chapters_sit_in_one_section() -> None:
    text = "某市公共信息标志管理办法\n第一条　为了加强管理，制定本办法。\n第二条　本办法自2023年7月1日起施行。\n"
    record = _extract(text)
    assert record.plan.title == "某市公共信息标志管理办法"
    [section] = record.plan.sections
    assert section.number is None
    assert [(t.item.label if t.item else None, t.text) for t in section.tasks] == [
        ("第一条", "为了加强管理，制定本办法。"),
        ("第二条", "本办法自2023年7月1日起施行。"),
    ]


WORK_RULES = (
    "某县人民政府工作规则\n"
    "第一章　总则\n"
    "一、根据有关法律法规，结合本县实际，制定本规则。\n"
    "二、县政府工作的指导思想是坚持依法行政。\n"
    "第二章　组成人员和政府职能\n"
    "三、县政府由县长、副县长组成。\n"
    "四、县政府依法履行以下职能：\n"
    "（一）经济调节；\n"
    "（二）市场监管。\n"
    "第三章　附则\n"
    "五、本规则自印发之日起施行。\n"
)


def test_work_rules_number_their_articles_with_section_labels() -> None:
    """A 工作规则 numbers its articles 一、 through the whole text, across its chapters (镇巴县 2024).  Before,
    each article was a section, its text the section's title, and 第二章's heading a task of article 二."""
    record = _extract(WORK_RULES)
    assert record.plan.title == "某县人民政府工作规则"
    assert [(s.label, s.title) for s in record.plan.sections] == [
        ("第一章", "总则"),
        ("第二章", "组成人员和政府职能"),
        ("第三章", "附则"),
    ]
    tasks = [t for s in record.plan.sections for t in s.tasks]
    assert [(t.item.label if t.item else None, t.subitem.label if t.subitem else None, t.text) for t in tasks] == [
        ("一、", None, "根据有关法律法规，结合本县实际，制定本规则。"),
        ("二、", None, "县政府工作的指导思想是坚持依法行政。"),
        ("三、", None, "县政府由县长、副县长组成。"),
        ("四、", None, "县政府依法履行以下职能："),
        ("四、", "（一）", "经济调节；"),
        ("四、", "（二）", "市场监管。"),
        ("五、", None, "本规则自印发之日起施行。"),
    ]
    assert not [w for w in record.warnings if w.kind in ("no_structure", "numbering_gap", "doubtful_placement")]


@pytest.mark.parametrize(
    ("text", "sections", "measures"),
    [
        # one chapter: no sign that its 一、 are articles
        (
            "某市十四五规划\n第一章　发展环境\n一、发展基础\n（一）经济实力增强。推进产业升级。（市发展改革委负责）\n"
            "二、面临形势\n（二）机遇挑战并存。加强研判。（市发展改革委负责）\n",
            ["一、", "二、"],
            ["（一）", "（二）"],
        ),
        # 一、 again after 第二章: numbered anew, headings not sentences
        (
            "某市十四五规划\n第一章　发展环境\n一、发展基础\n（一）经济实力增强。推进产业升级。（市发展改革委负责）\n"
            "第二章　主要任务\n一、产业升级\n（二）推进制造业转型。加快技术改造。（市工业和信息化局负责）\n",
            ["一、", "一、"],
            ["（一）", "（二）"],
        ),
    ],
)
def test_a_plan_that_nests_sections_under_chapters_keeps_its_sections(
    text: str, sections: list[str], measures: list[str]
) -> None:
    """A 规划 numbers 第一章 and, inside it, 一、 sections: they stay the sections (as before), unlike a
    工作规则's articles."""
    record = _extract(text)
    assert [s.label for s in record.plan.sections] == sections
    assert [m.label for s in record.plan.sections for m in s.measures] == measures


# --- a notice signed in Chinese numerals, with no issuer line (formal documents before GB/T 9704-2012) ----

CN_DATED = (
    "某市人民政府办公室关于印发某市城市道路设施管理暂行办法的通知\n\n"
    "某政办〔2011〕19号\n\n"
    "各县（区）人民政府，市人民政府各部门：\n"
    "《某市城市道路设施管理暂行办法》已经市政府同意，现印发给你们，请认真贯彻执行。\n\n"
    "二〇一一年三月三十日\n\n"
    "某市城市道路设施管理暂行办法\n\n"
    "第一条　为加强城市道路设施管理，制定本办法。\n"
    "第二条　本办法自发布之日起施行。\n"
)


def test_a_notice_signed_in_chinese_numerals_without_an_issuer_line() -> None:
    """二〇一一年三月三十日 was no date, and a date with no issuer above it no signature: the notice's body,
    its date and the plan's title all went to the preamble, and the notice's title was taken for the
    plan's.  The date is the signed date; the issuer, printed over no signature, is the one the title names."""
    record = _extract(CN_DATED)
    doc = record.document
    assert doc.title == "某市人民政府办公室关于印发某市城市道路设施管理暂行办法的通知"
    assert doc.doc_number == "某政办〔2011〕19号"
    assert doc.signed_date == "2011-03-30"
    assert doc.issuer == "某市人民政府办公室"  # 某市人民政府办公室关于印发…的通知
    assert doc.body == "《某市城市道路设施管理暂行办法》已经市政府同意，现印发给你们，请认真贯彻执行。"
    assert record.plan.title == "某市城市道路设施管理暂行办法"
    assert record.plan.preamble is None
    assert [t.item.label for _, _, t in record.plan.placed_tasks() if t.item] == ["第一条", "第二条"]


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("二〇一一年三月三十日", "2011-03-30"),
        ("二〇二二年十二月三十一日", "2022-12-31"),
        ("二零一九年一月十二日", "2019-01-12"),
        ("2022年3月25日", "2022-03-25"),
        ("二〇一一年二月三十日", None),
        ("二○一○年十二月二十五日", "2010-12-25"),  # ○ U+25CB for the zero (河北 政府令〔2010〕第15号)
        ("二OO六年二月二十日", "2006-02-20"),  # Latin O (临沧 2006, as a mirror prints it)
    ],
)
def test_dates_as_printed(printed: str, iso: str | None) -> None:
    assert to_iso(printed) == iso


def test_a_gap_in_a_regulations_articles_is_warned() -> None:
    """Articles are numbered through the whole regulation: 第五条 after 第二条 means text was lost."""
    text = (
        "某市管理规定\n第一条　为加强管理，制定本规定。\n第二条　本规定适用于本市。\n第五条　本规定自发布之日起施行。\n"
    )
    record = _extract(text)
    gaps = [w.message for w in record.warnings if w.kind == "numbering_gap"]
    assert gaps == ["article 第五条 follows article 2"]


def test_chapters_without_articles_keep_their_measures() -> None:
    """第一章 总体要求 ⏎ （一）指导思想: chapters are sections, and with no article to belong to, a （一) is
    a measure, not a clause."""
    text = (
        "某市实施方案\n第一章　总体要求\n（一）指导思想。坚持稳中求进。\n（二）基本原则。坚持问题导向。\n"
        "第二章　重点任务\n（三）推进产业升级。加快技术改造。（市工业和信息化局负责）\n"
    )
    record = _extract(text)
    assert [(s.label, s.title) for s in record.plan.sections] == [("第一章", "总体要求"), ("第二章", "重点任务")]
    assert [[m.label for m in s.measures] for s in record.plan.sections] == [["（一）", "（二）"], ["（三）"]]
    [task] = record.plan.sections[1].measures[0].tasks
    assert [a.name for a in task.agencies] == ["市工业和信息化局"]


def test_an_articles_clauses_inside_its_paragraph_are_its_text() -> None:
    """…包括：（一）直接投资；（二）资本金注入。 on one line: the clauses are the article's words (a （二）
    there is no measure, as it was before regulations were read)."""
    text = "某市管理办法\n第一条　本办法所称投资包括：（一）直接投资；（二）资本金注入。\n第二条　本办法自发布之日起施行。\n"
    record = _extract(text)
    [section] = record.plan.sections
    assert not section.measures
    assert [(t.item.label if t.item else None, t.subitem, t.text) for t in section.tasks] == [
        ("第一条", None, "本办法所称投资包括：（一）直接投资；（二）资本金注入。"),
        ("第二条", None, "本办法自发布之日起施行。"),
    ]


# --- an annex after the plan (附件：重点任务分工表 and its table) -------------------------------------------


ANNEX_PAGE = """<html><head><title>某市人民政府办公室关于印发某某工作方案的通知</title></head><body><div>
<p>各区人民政府，市政府各部门：</p><p>现将《某某工作方案》印发给你们，请认真贯彻执行。</p>
<p>某市人民政府办公室</p><p>2023年5月6日</p><p>某某工作方案</p><p>为做好某某工作，制定本方案。</p>
<p>一、主要任务</p><p>（一）加强统筹。建立工作机制。</p><p>附件：重点任务分工表</p>
<table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>建立工作机制</td><td>市发展改革委</td><td>市财政局、市商务局</td><td>2023年底前</td></tr></table>
</div></body></html>"""


def test_an_annex_is_no_tasks_text_and_its_task_table_is_read(tmp_path: Path) -> None:
    """The last task closed by no parenthesis took the annex's heading and every row of its table, run
    together (建立工作机制。附件：重点任务分工表序号重点任务牵头单位…).  The annex now ends the plan's text,
    and a 任务分工表 is a section (label 附件, number null) of its rows' tasks, each with the units its
    cells name: 牵头单位 leads, 配合单位 are co, 完成时限 is a note; the cells as printed are the
    task's ``parenthesis``, the header row stays in the closing where it was printed."""
    page = tmp_path / "annex.html"
    page.write_text(ANNEX_PAGE, encoding="utf-8")
    record = extract(page)
    placed = list(record.plan.placed_tasks())
    assert [(s.label, t.text) for s, _, t in placed] == [("一、", "建立工作机制。"), ("附件", "建立工作机制")]
    table, task = placed[1][0], placed[1][2]
    assert (table.number, table.title, table.measures) == (None, "重点任务分工表", [])
    assert [(a.name, a.role) for a in task.agencies] == [
        ("市发展改革委", "lead"),
        ("市财政局", "co"),
        ("市商务局", "co"),
    ]
    assert (task.responsibility, task.agency_note) == ("牵头单位；配合单位", "完成时限：2023年底前")
    assert task.parenthesis == "市发展改革委\t市财政局、市商务局\t2023年底前"
    assert task.item is not None and (task.item.number, task.item.label) == (1, "1")
    assert record.plan.closing == "序号\t重点任务\t牵头单位\t配合单位\t完成时限"


def test_a_task_tables_rows_that_do_not_line_up_stay_text() -> None:
    """A merged cell (the 重点任务 spanning two rows) leaves a row one cell short: it is not guessed at."""
    text = (
        "一、主要任务\n（一）加强统筹。建立工作机制。\n附件\n重点任务分工表\n"
        "序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n"
        "1\t加强统筹\t建立工作机制。完善协调制度。\t市发展改革委\t市财政局\t2023年底前\n"
        "2\t开展专项检查。\t市市场监管局\t各区人民政府\t长期坚持\n"
    )
    record = _extract(text)
    tasks = [t for s, _, t in record.plan.placed_tasks() if s.label == "附件"]
    assert [t.text for t in tasks] == ["建立工作机制。完善协调制度。"]
    assert tasks[0].item is not None and tasks[0].item.title == "加强统筹"
    assert [a.name for a in tasks[0].agencies] == ["市发展改革委", "市财政局"]
    assert record.plan.closing is not None and "2\t开展专项检查。\t市市场监管局" in record.plan.closing
    assert [w.kind for w in record.warnings if w.kind == "table_not_read"] == ["table_not_read"]


def test_an_annex_mentioned_in_a_sentence_does_not_end_the_plan() -> None:
    text = "一、主要任务\n（一）加强统筹。按附件要求建立工作机制。\n（二）强化保障。附件所列事项按期完成。\n"
    record = _extract(text)
    assert [t.text for _, _, t in record.plan.placed_tasks()] == ["按附件要求建立工作机制。", "附件所列事项按期完成。"]
    assert record.plan.closing is None


def test_each_annex_is_read_on_its_own() -> None:
    """附件1 a task table, 附件2 a list of contacts (no task or unit column): the first is read, the second
    stays text, both after the plan in printed order."""
    text = (
        "一、主要任务\n（一）加强统筹。建立工作机制。\n附件1：重点任务分工表\n"
        "序号\t工作任务\t责任单位\n1\t建立工作机制\t市发展改革委、市财政局\n"
        "附件2：联系人名单\n姓名\t单位\t电话\n张三\t市发展改革委\t12345\n"
    )
    record = _extract(text)
    tables = [s for s in record.plan.sections if s.label is not None and s.label.startswith("附件")]
    assert [(s.label, s.title, [t.text for t in s.tasks]) for s in tables] == [
        ("附件1", "重点任务分工表", ["建立工作机制"])
    ]
    assert [(a.name, a.role) for a in tables[0].tasks[0].agencies] == [("市发展改革委", "co"), ("市财政局", "co")]
    assert (
        record.plan.closing
        == "序号\t工作任务\t责任单位\n附件2：联系人名单\n姓名\t单位\t电话\n张三\t市发展改革委\t12345"
    )


# --- the end of a document: 特此通告。, a date with no issuer, an annex named above the date --------------


def test_a_closing_formula_ends_the_last_item() -> None:
    """五华县 2022: 特此通告。 on its own line was read as the end of item 七's text."""
    text = (
        "某县人民政府关于禁止燃放烟花爆竹的通告\n为改善环境空气质量，特通告如下：\n一、禁燃禁放范围\n本县行政区域。\n"
        "二、禁燃禁放时间\n2023年2月6日起。\n特此通告。\n某县人民政府\n2022年11月22日\n"
    )
    record = _extract(text)
    assert [t.text for s in record.plan.sections for t in s.tasks] == ["本县行政区域。", "2023年2月6日起。"]
    assert record.plan.closing == "特此通告。\n某县人民政府\n2022年11月22日"
    assert (record.document.issuer, record.document.signed_date) == ("某县人民政府", "2022-11-22")


def test_a_date_alone_at_the_end_is_the_signed_date() -> None:
    """南阳 2011: the decision is dated with no issuer printed above the date; the date was the last task's."""
    text = (
        "关于表彰先进单位的决定\n一、金杯单位\n甲县人民政府\n二、银杯单位\n乙县人民政府\n"
        "希望受表彰的单位再接再厉。\n二○一一年二月二十三日\n"
    )
    record = _extract(text)
    assert record.document.signed_date == "2011-02-23"
    assert record.document.issuer is None  # neither signed nor named in the title (关于…)
    assert record.plan.closing == "二○一一年二月二十三日"


def test_an_annex_named_above_the_date_is_no_issuer() -> None:
    """鄂温克旗 2022: 附件：…情况表 ⏎ 2022年2月21日 took the annex's name for the issuer."""
    text = (
        "某旗人民政府办公室关于印发重点任务分工的通知\n各苏木乡镇人民政府：\n"
        "经旗人民政府同意，现将《重点任务分工》印发给你们，请认真贯彻落实。\n"
        "一、高度重视。各部门要亲自抓。\n二、加强调度。督查室要建立台账。\n"
        "附件：重点任务落实推进情况表\n2022年2月21日\n"
    )
    record = _extract(text)
    assert record.document.signed_date == "2022-02-21"
    assert record.document.issuer == "某旗人民政府办公室"  # the title's, not 附件：…


# --- a notice's own numbered points (一、高度重视…) before its signature ---------------------------------


def test_a_forwarding_notices_own_points_are_its_body_and_the_forwarded_text_is_the_plan() -> None:
    """Made up after the shape of a 转发 notice with 贯彻意见: its points became the plan's sections and the
    forwarded 意见, printed after the notice's signature, was lost in plan.closing."""
    record = _extract(
        "某市人民政府办公室关于转发省政府办公厅关于加强X工作的意见的通知\n各县（市、区）人民政府，市政府各部门：\n"
        "现将《省政府办公厅关于加强X工作的意见》转发给你们，并提出如下贯彻意见，请一并贯彻执行。\n"
        "一、提高认识。各地要充分认识X工作的重要意义。\n二、强化责任。各地各部门要按照职责分工抓好落实。\n"
        "某市人民政府办公室\n2023年5月6日\n（此件公开发布）\n"
        "省政府办公厅关于加强X工作的意见\n各市人民政府，省政府各部门：\n为加强X工作，现提出以下意见。\n"
        "一、总体要求\n（一）指导思想。坚持问题导向。\n二、主要任务\n（二）推进建设。加快建设X设施。（省发展改革委负责）\n"
        "省政府办公厅\n2023年4月1日\n"
    )
    doc, plan = record.document, record.plan
    assert (doc.issuer, doc.signed_date, doc.note) == ("某市人民政府办公室", "2023-05-06", "（此件公开发布）")
    assert doc.body is not None and doc.body.split("\n") == [
        "现将《省政府办公厅关于加强X工作的意见》转发给你们，并提出如下贯彻意见，请一并贯彻执行。",
        "一、提高认识。各地要充分认识X工作的重要意义。",
        "二、强化责任。各地各部门要按照职责分工抓好落实。",
    ]
    assert plan.title == "省政府办公厅关于加强X工作的意见"
    assert plan.preamble == "各市人民政府，省政府各部门：为加强X工作，现提出以下意见。"
    assert [s.title for s in plan.sections] == ["总体要求", "主要任务"]
    assert [[a.name for a in t.agencies] for _, _, t in plan.placed_tasks()] == [[], ["省发展改革委"]]
    assert plan.closing == "省政府办公厅\n2023年4月1日"


def test_a_notices_plain_points_before_its_annex_and_date_are_its_own() -> None:
    """鄂温克旗 2022: 现将《…分工》印发给你们 ⏎ 一、各地区、各部门要高度重视… ⏎ 二、… ⏎ 附件：…情况表 ⏎ date; the
    two points, prose naming nobody in a parenthesis, were the plan's sections for a page without the plan."""
    record = _extract(
        "某旗人民政府办公室关于印发重点任务分工的通知\n各苏木乡镇人民政府：\n"
        "经旗人民政府同意，现将《重点任务分工》印发给你们，请认真贯彻落实。\n"
        "一、各部门要高度重视重点任务落实工作。\n二、旗政府督查室要加强对重点工作的日常调度。\n"
        "附件：重点任务落实推进情况表\n2022年2月21日\n"
    )
    assert record.plan.sections == []
    assert record.document.body is not None and record.document.body.endswith(
        "二、旗政府督查室要加强对重点工作的日常调度。"
    )
    assert record.plan.closing == "附件：重点任务落实推进情况表\n2022年2月21日"
    assert [w.kind for w in record.warnings if w.kind == "no_structure"] == ["no_structure"]


def test_a_plan_printed_without_its_title_after_the_notice_stays_the_plan() -> None:
    """The same shape, but its sections hold measures and name who is responsible: a plan's, not points."""
    record = _extract(
        "某市人民政府关于印发某某方案的通知\n各区人民政府：\n现将《某某方案》印发给你们，请认真贯彻执行。\n"
        "一、主要任务\n（一）推进建设。加快建设X设施。（市发展改革委负责）\n某市人民政府\n2023年5月6日\n"
    )
    assert [s.title for s in record.plan.sections] == ["主要任务"]
    assert record.document.body == "现将《某某方案》印发给你们，请认真贯彻执行。"
    assert (record.document.issuer, record.document.signed_date) == ("某市人民政府", "2023-05-06")


# --- labelled fields a work plan prints under each item, the same value again and again ----------------

#: 滁州市人民政府 2020年市政府重点工作及责任分解 (www.chuzhou.gov.cn/public/152523227/567017766.html), its
#: opening as far as item 3, verbatim.
CHUZHOU_2020 = "【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知\n\n    发布时间:2020-02-03 17:29\n    【字体:打印\n\n    各县、市、区人民政府,市政府各部门、各直属机构:\n\n    2020年是全面建成小康社会和“十三五”规划收官之年,是谋划“十四五”关键之年,做好今年工作,意义特别重大。2020年市政府工作报告已经市第六届人民代表大会第三次会议审议通过,确定了10个方面190项重点工作,由许继伟同志负总责,同时明确各项工作的牵头负责领导、牵头责任单位和协同责任单位。市政府将把重点工作任务完成情况纳入年度目标绩效考核,跟踪督查调度,强力推进落实。各地各部门要认真履职尽责,进一步细化目标任务、实化推进举措,真抓实干,敢于担当,勇于作为,确保各项目标任务高质量完成,兑现对全市人民的庄严承诺。\n\n    一、确保完成全年主要预期目标\n\n    1. 地区生产总值增长8%以上。\n\n    牵头负责领导:金力。\n\n    牵头责任单位:市发展改革委。\n\n    协同责任单位:市经信局、市商务局、市交通局、市农业农村局、滁州经开区管委会、中新苏滁高新区管委会等,各县、市、区政府。\n\n    2. 财政收入增长8%左右。\n\n    牵头负责领导:金力。\n\n    牵头责任单位:市财政局。\n\n    协同责任单位:市税务局、滁州海关、市人行、滁州经开区管委会、中新苏滁高新区管委会等,各县、市、区政府。\n\n    3. 固定资产投资增长10%以上。\n\n    牵头负责领导:金力。\n\n    牵头责任单位:市发展改革委。\n\n    协同责任单位:市经信局、市住建局、市交通局、市水利局、滁州经开区管委会、中新苏滁高新区管委会等,各县、市、区政府。\n"


def test_fields_printed_again_under_each_item_are_the_documents_own() -> None:
    """牵头负责领导:金力。 under items 1–3 and 牵头责任单位:市发展改革委。 under 1 and 3 were taken for a second
    reader's replay: the decoder left items 2–4 unplaced, and item 1's sentence was lost from the record."""
    record = _extract(CHUZHOU_2020)
    assert record.accounting is not None and record.accounting.duplicates == 0
    assert not [w for w in record.warnings if w.kind in ("unplaced", "no_structure", "duplicate_dropped")]
    tasks = [t for _, _, t in record.plan.placed_tasks()]
    assert [t.text for t in tasks] == ["地区生产总值增长8%以上。", "财政收入增长8%左右。", "固定资产投资增长10%以上。"]
    # the leader's field opens each list; it names a person, so it is the list's note, not an agency
    assert [(t.agency_note or "").split("；")[0] for t in tasks] == ["牵头负责领导：金力"] * 3
    assert all((t.parenthesis or "").startswith("牵头负责领导：金力。") for t in tasks)
    assert [t.item.label if t.item else None for t in tasks] == ["1.", "2.", "3."]
    assert [[a.name for a in t.agencies if a.role == "lead"] for t in tasks] == [
        ["市发展改革委"],
        ["市财政局"],
        ["市发展改革委"],
    ]
    assert [a.name for a in tasks[1].agencies][1:4] == ["市税务局", "滁州海关", "市人行"]


def test_an_unplaced_items_heading_stays_with_its_text() -> None:
    """An item's heading (1.建立机制。) is its label and title, fields of a placed task; a task after a gap
    that is not placed kept only its text, and the heading was lost from the record."""
    from plan_extract.segment import segment
    from plan_extract.structure import build_plan

    frags = segment(
        normalize("一、主要任务\n（一）加强统筹。\n1.建立机制。完善协调制度。（市发展改革委负责）\n（三）强化保障。\n")
    )
    assert [f.kind for f in frags] == ["section", "measure", "item", "sentence", "paren", "measure"]
    draft = build_plan(frags, None, frozenset({frags[2].index}))
    assert [[f.text for f in run.fragments] for run in draft.unplaced] == [
        ["1.建立机制。", "完善协调制度。", "（市发展改革委负责）"]
    ]


def test_a_regulation_printed_without_its_title_after_the_notice_stays_the_plan() -> None:
    """Plain articles under 一、…七、, unannounced, run on as a 办法's do: more than a notice's few points."""
    articles = "".join(f"{n}、本办法第{n}项规定的内容。\n" for n in "一二三四五六七")
    record = _extract(
        "某市人民政府关于印发某某管理办法的通知\n各区人民政府：\n现将《某某管理办法》印发给你们，请遵照执行。\n"
        f"{articles}某市人民政府\n2023年5月6日\n"
    )
    assert len(record.plan.sections) == 7
    assert record.document.body == "现将《某某管理办法》印发给你们，请遵照执行。"


def test_the_no_structure_warning_says_what_was_found() -> None:
    """内蒙古 2013's 工作规则, its copy cut after three sections' headings: the warning said no numbered
    section was found beside three sections in the record."""
    bare = _extract("某某通知\n各区人民政府：\n现将有关事项通知如下，请认真执行。\n")
    assert [w.message for w in bare.warnings if w.kind == "no_structure"] == [
        "no numbered section (一、) or measure (（一）) found; text kept in plan.preamble"
    ]
    headed = _extract("某某工作规则\n一、总则\n二、职责\n")
    assert [w.message for w in headed.warnings if w.kind == "no_structure"] == [
        "2 numbered section(s) found, with no measure or task under any; the rest of the text kept in plan.preamble"
    ]
    # a notice that hands on a plan it does not print (农业农村部 2021): its text is the notice's body
    unprinted = _extract("某某部关于印发某某规划的通知\n各省农业农村厅：\n现将《某某规划》印发你们，请认真贯彻执行。\n")
    assert unprinted.document.body == "现将《某某规划》印发你们，请认真贯彻执行。"
    assert [w.message for w in unprinted.warnings if w.kind == "no_structure"] == [
        "no numbered section (一、) or measure (（一）) found; text kept in document.body (no plan text follows)"
    ]


# --- agencies printed on a measure's heading, above its items ----------------------------------------

#: 昆明市盘龙区 2022年度工作任务 (www.kmpl.gov.cn/c/2022-07-07/6050150.shtml): measure （一） and the start
#: of its first item, verbatim.
PANLONG_2022 = (
    "二、2022年度重点工作\n"
    "(一)加快建设区域性国际经济贸易中心现代服务业示范区(牵头单位:区商务和投资促进局)\n"
    "1.促进现代商贸服务业提质增效。加快旭辉广场、SKP等项目建设,支持春之眼商业部分建成开业,提升恒隆广场、"
    "同德广场、瑞鼎城爱琴海购物广场等城市商业综合体聚集辐射功能,打造更多地标性商业生态圈。\n"
)


def test_agencies_on_a_measures_heading_are_the_measures_and_its_items_carry_them() -> None:
    """盘龙 2022 names each measure's lead on its heading and numbers the tasks under it.  Before, the
    heading's words were a task of their own (the title again) holding the lead, and item 1 named nobody."""
    record = _extract(PANLONG_2022)
    (measure,) = record.plan.sections[0].measures
    assert measure.title == "加快建设区域性国际经济贸易中心现代服务业示范区"
    assert [(a.name, a.role) for a in measure.agencies] == [("区商务和投资促进局", "lead")]
    assert measure.parenthesis == "（牵头单位：区商务和投资促进局）"
    (task,) = measure.tasks
    assert task.item is not None and task.item.title == "促进现代商贸服务业提质增效"
    assert task.text.startswith("加快旭辉广场")
    assert [(a.name, a.role) for a in task.agencies] == [("区商务和投资促进局", "lead")]
    assert (task.agencies_from, task.parenthesis) == ("measure", "（牵头单位：区商务和投资促进局）")


def test_an_item_with_its_own_list_keeps_it_and_a_one_line_measure_is_still_a_task() -> None:
    """The measure's list is for the tasks that name nobody; a heading whose sentence is all its
    parenthesis closes (（二）…。（A负责）, the next heading after it) stays a task with the heading's words."""
    record = _extract(
        "一、主要任务\n（一）推进建设（牵头单位：市发展改革委）\n1.加快建设X设施。\n"
        "2.加快建设Y设施。（责任单位：市交通运输委）\n（二）加强监管。（市市场监管委负责）\n（三）强化保障。\n"
    )
    first, second, _ = record.plan.sections[0].measures
    assert [(t.text, [a.name for a in t.agencies], t.agencies_from) for t in first.tasks] == [
        ("加快建设X设施。", ["市发展改革委"], "measure"),
        ("加快建设Y设施。", ["市交通运输委"], None),
    ]
    assert [a.name for a in first.agencies] == ["市发展改革委"]
    assert not second.agencies and second.parenthesis is None
    assert [(t.text, [a.name for a in t.agencies]) for t in second.tasks] == [("加强监管。", ["市市场监管委"])]
