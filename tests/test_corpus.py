"""Other real policy documents (../shared/corpus/, gov.cn pages) and hand-written pages imitating them.

The corpus pages differ from the Tianjin plan in the ways the wider corpus does: no notice wrapper (the
document is the plan, signed at its end), headings on their own line, measures numbered anew in each
section, 1.–21. items across measures, and lead-agency rules (排在第一位的部门为牵头部门 / 列第一位者为牵头
单位, carried by 下同).  Every expected figure is counted here from the page itself, independently of the
pipeline: a small stdlib HTML-to-lines pass, then regular expressions over the lines — never the
pipeline's own reader, segmenter or attribution.  Tests reading the corpus carry the ``shared`` marker
and skip cleanly when ../shared/ is absent; nothing of the corpus is copied here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from json_walk import json_strings
from plan_extract import extract

PAGES = ["gov-05.html", "gov-15.html", "gov-34.html"]
CN = "一二三四五六七八九十"
SECTION_LINE = re.compile(rf"^([{CN}]+)、")
MEASURE_LINE = re.compile(rf"^（([{CN}]+)）")
ITEM_LINE = re.compile(r"^(\d{1,3})[.．]")
RESP_PAREN = re.compile(r"（[^（）]*负责[^（）]*）")
LEAD_RULE = re.compile(r"第一位[^（）]*牵头(?:部门|单位)[^（）]*下同")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


# --- an independent view of a page: its text lines and its metadata table ------------------------


class _Lines(HTMLParser):
    """Text of a page as lines (a block tag or <br> ends one), and the table cells in order."""

    BLOCKS = frozenset("p div br tr td th li h1 h2 h3 h4 h5 h6 table title".split())
    SKIP = frozenset({"script", "style", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def page_view(path: Path) -> tuple[list[str], dict[str, str]]:
    parser = _Lines()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    text = "".join(parser.parts).replace("\u3000", " ").replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    meta: dict[str, str] = {}
    for label, value in zip(parser.cells, parser.cells[1:], strict=False):
        if label.endswith(("：", ":")) and label[:-1] and value and not value.endswith(("：", ":")):
            meta.setdefault(label[:-1], value)
    return lines, meta


def iso(printed: str) -> str:
    y, m, d = re.match(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})", printed).groups()  # type: ignore[union-attr]
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def tasks_of(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for section in record["plan"]["sections"]:
        yield from section["tasks"]
        for measure in section["measures"]:
            yield from measure["tasks"]


# --- the corpus pages ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_dir(shared_dir: Path) -> Path:
    corpus = shared_dir / "corpus"
    if not all((corpus / page).is_file() for page in PAGES):
        pytest.skip(f"{corpus} does not hold the corpus pages")
    return corpus


@pytest.fixture(scope="module")
def pages(corpus_dir: Path) -> dict[str, tuple[dict[str, Any], list[str], dict[str, str]]]:
    out = {}
    for page in PAGES:
        record = json.loads(extract(corpus_dir / page).model_dump_json())
        lines, meta = page_view(corpus_dir / page)
        out[page] = (record, lines, meta)
    return out


def body_lines(lines: list[str], meta: dict[str, str]) -> list[str]:
    """The document's lines from its 发文字号 line (after the metadata table) to its signature note
    (（此件公开发布）), leaving out the page chrome around them."""
    number = meta["发文字号"]
    start = max(i for i, line in enumerate(lines) if line == number)
    end = max(i for i, line in enumerate(lines) if DATE_LINE.match(line)) + 2
    return lines[start:end]


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_document_fields_from_the_metadata_table_and_the_text(pages: Any, page: str) -> None:
    record, _lines, meta = pages[page]
    doc = record["document"]
    for label in ("索引号", "发文机关", "成文日期", "发文字号", "发布日期", "标题"):
        assert doc["metadata"][label] == meta[label], label  # kept as printed
    assert doc["title"] == meta["标题"]
    assert doc["issuer"] == meta["发文机关"]
    assert doc["doc_number"] == meta["发文字号"]
    assert doc["index_number"] == meta["索引号"]
    assert doc["signed_date"] == iso(meta["成文日期"])
    assert doc["published_date"] == iso(meta["发布日期"])
    assert doc["recipients"] == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    assert doc["body"] is None, "no notice wrapper: the document is the plan"
    assert not [w for w in record["warnings"] if w["kind"] == "metadata_conflict"]


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_plan_title_preamble_and_signature(pages: Any, page: str) -> None:
    record, lines, meta = pages[page]
    body = body_lines(lines, meta)
    plan = record["plan"]
    assert plan["title"] == record["document"]["title"]
    first_section = next(i for i, line in enumerate(body) if SECTION_LINE.match(line))
    # the preamble is what stands between the recipients line and 一、
    recipients = next(i for i, line in enumerate(body) if line.endswith("："))
    assert plan["preamble"] == "".join(body[recipients + 1 : first_section])
    # the signature block: issuer / date / （此件公开发布）, the last three lines of the document
    dates = [i for i, line in enumerate(body) if DATE_LINE.match(line)]
    sig = dates[-1] - 1
    signature = body[sig : dates[-1] + 2]
    assert signature[0] == meta["发文机关"] and signature[-1] == "（此件公开发布）"
    assert plan["closing"].endswith("\n".join(signature))
    for task in tasks_of(record):
        assert signature[1] not in task["text"] and "此件公开发布" not in task["text"]


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_sections_and_measures_are_the_printed_numbering(pages: Any, page: str) -> None:
    record, lines, meta = pages[page]
    body = body_lines(lines, meta)
    printed: list[tuple[str, list[str]]] = []
    for line in body:
        if m := SECTION_LINE.match(line):
            printed.append((m.group(0), []))
        elif (m := MEASURE_LINE.match(line)) and printed:
            printed[-1][1].append(m.group(0))
    got = [(s["label"], [m["label"] for m in s["measures"]]) for s in record["plan"]["sections"]]
    assert got == printed
    numbers = [m["number"] for s in record["plan"]["sections"] for m in s["measures"]]
    assert all(n > 0 for n in numbers)
    # measures numbered anew in a section (gov-05: 二、（一）…（四）, 四、（一）…（五）) are not a numbering fault
    assert not [w for w in record["warnings"] if w["kind"] in ("numbering_gap", "numbering_order")]


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_tasks_with_agencies_are_the_responsibility_parentheses(pages: Any, page: str) -> None:
    record, lines, meta = pages[page]
    parens = RESP_PAREN.findall("".join(body_lines(lines, meta)))
    with_agencies = [t for t in tasks_of(record) if t["agencies"]]
    assert len(with_agencies) == len(parens)
    assert [t["parenthesis"] for t in with_agencies] == parens
    for t in with_agencies:
        assert "负责）" not in t["text"] and t["text"]
    assert record["plan"]["unplaced"] == []


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_lead_roles_exactly_where_the_page_defines_them(pages: Any, page: str) -> None:
    """From the parenthesis that states the rule on, the first-listed agency leads (下同 carries it
    across measures and sections); before it every agency is co.  A parenthesis that names leads
    itself (A、B牵头负责) makes those leads."""
    record, lines, meta = pages[page]
    parens = RESP_PAREN.findall("".join(body_lines(lines, meta)))
    rule_at = next((i for i, p in enumerate(parens) if LEAD_RULE.search(p)), None)
    with_agencies = [t for t in tasks_of(record) if t["agencies"]]
    for i, t in enumerate(with_agencies):
        roles = [a["role"] for a in t["agencies"]]
        explicit = "牵头负责" in t["parenthesis"] or "会同" in t["parenthesis"]
        if rule_at is not None and i >= rule_at:
            assert roles[0] == "lead", (i, t["parenthesis"])
            if not explicit:
                assert roles[1:] == ["co"] * (len(roles) - 1), (i, t["parenthesis"])
        elif not explicit:
            assert set(roles) == {"co"}, (i, t["parenthesis"])


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_items_keep_their_printed_numbers_and_headings(pages: Any, page: str) -> None:
    record, lines, meta = pages[page]
    printed = [int(m.group(1)) for line in body_lines(lines, meta) if (m := ITEM_LINE.match(line))]
    got: list[int] = []
    for t in tasks_of(record):
        if t["item"] and (not got or got[-1] != t["item"]["number"]):
            got.append(t["item"]["number"])
    assert got == printed
    for t in tasks_of(record):
        if t["item"]:
            assert t["item"]["title"], t["item"]
            assert not ITEM_LINE.match(t["text"]) and not t["text"].startswith(t["item"]["title"])


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_every_sentence_of_the_page_is_kept(pages: Any, page: str) -> None:
    record, lines, meta = pages[page]
    kept = "\n".join(json_strings(record, skip=frozenset({"accounting", "warnings"})))
    for line in body_lines(lines, meta):
        if line == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：":
            continue  # stored as the list of recipients (tested above)
        line = RESP_PAREN.sub("\n", line)
        for sentence in re.findall(r"[^。\n]+。?", line):
            sentence = SECTION_LINE.sub("", MEASURE_LINE.sub("", ITEM_LINE.sub("", sentence))).rstrip("。")
            if len(sentence) >= 4 and not DATE_LINE.match(sentence):
                assert sentence in kept, sentence


@pytest.mark.shared
def test_gov05_figures(pages: Any) -> None:
    record = pages["gov-05.html"][0]
    sections = record["plan"]["sections"]
    assert [len(s["measures"]) for s in sections] == [0, 4, 0, 5, 0]
    assert [len(s["tasks"]) for s in sections] == [1, 0, 1, 0, 1]  # text of sections without measures
    items = [t for t in tasks_of(record) if t["item"]]
    assert [t["item"]["number"] for t in items] == list(range(1, 22))
    assert items[0]["item"] == {"number": 1, "label": "1.", "title": "拓展两个市场"}
    assert items[0]["text"] == "积极稳妥地在综合保税区推广增值税一般纳税人资格试点。"
    assert [(a["name"], a["role"]) for a in items[0]["agencies"]] == [
        ("税务总局", "lead"),
        ("财政部", "co"),
        ("海关总署", "co"),
    ]
    # 下同 carries the rule to the last item, two measures later
    assert [(a["name"], a["role"]) for a in items[-1]["agencies"]] == [("海关总署", "lead"), ("商务部", "co")]
    assert items[-1]["agency_note"] == "等有关部门"
    assert record["plan"]["closing"] == "国务院\n2019年1月12日\n（此件公开发布）"


@pytest.mark.shared
def test_gov15_figures(pages: Any) -> None:
    record = pages["gov-15.html"][0]
    sections = record["plan"]["sections"]
    assert len(sections) == 8
    assert [m["number"] for s in sections for m in s["measures"]] == list(range(1, 21))
    assert sections[0]["title"] == "总体要求"
    tasks = list(tasks_of(record))
    assert len(tasks) == 20 and sum(1 for t in tasks if t["agencies"]) == 18
    first = next(t for t in tasks if t["agencies"])
    assert first["lead_rule"] == "列第一位者为牵头单位"
    assert first["agency_note"] == "等"
    # （农业农村部、工业和信息化部牵头负责）: the parenthesis names both as leads
    both = next(t for t in tasks if t["parenthesis"] == "（农业农村部、工业和信息化部牵头负责）")
    assert [a["role"] for a in both["agencies"]] == ["lead", "lead"]


@pytest.mark.shared
def test_gov34_figures(pages: Any) -> None:
    record = pages["gov-34.html"][0]
    sections = record["plan"]["sections"]
    assert [len(s["measures"]) for s in sections] == [3, 5, 5, 4, 2]
    tasks = list(tasks_of(record))
    assert len(tasks) == 24 and sum(1 for t in tasks if t["agencies"]) == 21
    assert {a["role"] for t in tasks for a in t["agencies"]} == {"co"}, "no lead rule on this page"
    # the paragraph after the last task's parenthesis is the document's closing, not a task of （十九）
    last = sections[-1]["measures"][-1]
    assert [bool(t["agencies"]) for t in last["tasks"]] == [True]
    assert record["plan"]["closing"].startswith("各地区、各有关部门要充分认识发展体育竞赛表演产业的重要意义")
    assert record["plan"]["closing"].endswith("国务院办公厅\n2018年12月11日\n（此件公开发布）")


# --- hand-written pages imitating other structures (self-contained) --------------------------------

_META_TABLE = """<table class="bd1">
<tr><td><b>索 引 号：</b></td><td>000000000/2020-00001</td><td><b>主题分类：</b></td><td>综合政务</td></tr>
<tr><td><b>发文机关：</b></td><td>{issuer}</td><td><b>成文日期：</b></td><td>{signed}</td></tr>
<tr><td><b>标　　题：</b></td><td>{title}</td></tr>
<tr><td><b>发文字号：</b></td><td>{number}</td><td><b>发布日期：</b></td><td>2020年03月10日</td></tr>
</table>"""


def _page(tmp_path: Path, name: str, paragraphs: list[str], **meta: str) -> dict[str, Any]:
    table = _META_TABLE.format(**meta) if meta else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<html><head><meta charset='utf-8'><title>{paragraphs[0]}</title></head><body>{table}"
        f'<div class="pages_content" id="UCAP-CONTENT">{body}</div></body></html>'
    )
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    data: dict[str, Any] = json.loads(extract(path).model_dump_json())
    return data


def test_four_levels_with_items_and_subitems(tmp_path: Path) -> None:
    record = _page(
        tmp_path,
        "deep.html",
        [
            "国务院办公厅关于测试深层编号的实施意见",
            "国办发〔2020〕9号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "为做好测试工作，经国务院同意，现提出以下意见。",
            "一、总体要求",
            "坚持问题导向，推动高质量发展。",
            "二、重点任务",
            "（一）完善制度",
            "1.健全法规",
            "（1）修订条例。加快修订相关条例。（司法部、发展改革委负责。列第一位者为牵头单位，下同）",
            "（2）加快出台配套规章，完善相关制度。（发展改革委负责）",
            "2.加强监管。强化事中事后监管。（市场监管总局、发展改革委负责）",
            "（二）强化保障",
            "3.加大资金投入，保障重点项目建设。（财政部、发展改革委负责）",
            "三、组织实施",
            "各地区、各部门要加强组织领导，确保各项任务落到实处。",
            "国务院办公厅",
            "2020年5月6日",
        ],
    )
    sections = record["plan"]["sections"]
    assert [s["title"] for s in sections] == ["总体要求", "重点任务", "组织实施"]
    assert [t["text"] for t in sections[0]["tasks"]] == ["坚持问题导向，推动高质量发展。"]
    assert [t["text"] for t in sections[2]["tasks"]] == ["各地区、各部门要加强组织领导，确保各项任务落到实处。"]
    first, second = sections[1]["measures"]
    got = [
        (
            t["item"]["label"],
            t["item"]["title"],
            t["subitem"] and t["subitem"]["label"],
            t["subitem"] and t["subitem"]["title"],
            t["text"],
        )
        for t in first["tasks"]
    ]
    assert got == [
        ("1.", "健全法规", "（1）", "修订条例", "加快修订相关条例。"),
        ("1.", "健全法规", "（2）", None, "加快出台配套规章，完善相关制度。"),
        ("2.", "加强监管", None, None, "强化事中事后监管。"),
    ]
    assert [t["item"]["number"] for t in second["tasks"]] == [3]
    leads = [[a["role"] for a in t["agencies"]] for t in tasks_of(record) if t["agencies"]]
    assert leads == [["lead", "co"], ["lead"], ["lead", "co"], ["lead", "co"]]
    doc = record["document"]
    assert (doc["issuer"], doc["signed_date"], doc["doc_number"]) == ("国务院办公厅", "2020-05-06", "国办发〔2020〕9号")
    assert record["plan"]["closing"] == "国务院办公厅\n2020年5月6日"


def test_notice_wrapper_sections_as_tasks_and_metadata_conflict(tmp_path: Path) -> None:
    """A 通知 that hands on a plan, signed with （此件公开发布）; the plan's top-level items are tasks."""
    record = _page(
        tmp_path,
        "wrap.html",
        [
            "国务院关于印发测试行动计划的通知",
            "国发〔2020〕5号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "现将《测试行动计划》印发给你们，请认真贯彻执行。",
            "国务院",
            "2020年3月1日",
            "（此件公开发布）",
            "测试行动计划",
            "为推进测试工作，制定本行动计划。",
            "一、加强组织协调。建立部门协调机制。（发展改革委、财政部负责，排在第一位的为牵头部门，下同）",
            "二、完善政策体系。研究制定配套政策。（财政部会同有关部门负责）健全标准体系。"
            "（市场监管总局、工业和信息化部等有关部门和单位负责）",
            "三、推进试点示范，总结推广经验做法。（科技部、教育部等和各省级人民政府负责）",
            "各地区要结合实际抓好落实。",
        ],
        issuer="国务院",
        signed="2020年03月02日",
        title="国务院关于印发测试行动计划的通知",
        number="国发〔2020〕5号",
    )
    doc, plan = record["document"], record["plan"]
    assert doc["body"] == "现将《测试行动计划》印发给你们，请认真贯彻执行。"
    assert doc["note"] == "（此件公开发布）"
    assert plan["title"] == "测试行动计划"
    assert plan["preamble"] == "为推进测试工作，制定本行动计划。"
    assert doc["signed_date"] == "2020-03-01", "the printed signature is kept"
    conflicts = [w for w in record["warnings"] if w["kind"] == "metadata_conflict"]
    assert len(conflicts) == 1 and "成文日期" in conflicts[0]["message"]
    sections = plan["sections"]
    assert all(not s["measures"] for s in sections)
    assert [s["title"] for s in sections] == ["加强组织协调", "完善政策体系", "推进试点示范，总结推广经验做法"]
    got = [(t["text"], [(a["name"], a["role"]) for a in t["agencies"]], t["agency_note"]) for t in tasks_of(record)]
    assert got == [
        ("建立部门协调机制。", [("发展改革委", "lead"), ("财政部", "co")], None),
        ("研究制定配套政策。", [("财政部", "lead")], "会同有关部门"),
        ("健全标准体系。", [("市场监管总局", "lead"), ("工业和信息化部", "co")], "等有关部门和单位"),
        # a heading whose one sentence is the task
        ("推进试点示范，总结推广经验做法。", [("科技部", "lead"), ("教育部", "co"), ("各省级人民政府", "co")], "等"),
    ]
    assert plan["closing"] == "各地区要结合实际抓好落实。"


def test_measures_without_sections_and_no_rule(tmp_path: Path) -> None:
    record = _page(
        tmp_path,
        "flat.html",
        [
            "测试工作方案",
            "（一）加强协调。建立机制。（A局、B委负责）",
            "（二）强化落实。做好宣传。（C办负责）",
        ],
    )
    (section,) = record["plan"]["sections"]
    assert section["number"] is None
    assert [m["label"] for m in section["measures"]] == ["（一）", "（二）"]
    assert {a["role"] for t in tasks_of(record) for a in t["agencies"]} == {"co"}
    assert record["plan"]["closing"] is None


@pytest.mark.parametrize(
    ("signed_by", "listed", "conflict"),
    [
        ("浙江省人民政府办公厅", "省政府办公厅", False),  # 浙江 2014's table: the place dropped, 人民政府 said 政府
        ("浙江省人民政府办公厅", "浙江省人民政府办公厅", False),
        ("浙江省人民政府办公厅", "省政府", True),  # another organ
        ("浙江省人民政府办公厅", "江苏省人民政府办公厅", True),
    ],
)
def test_issuer_in_its_short_form_is_no_conflict(tmp_path: Path, signed_by: str, listed: str, conflict: bool) -> None:
    record = _page(
        tmp_path,
        "short.html",
        [
            f"{signed_by}关于印发测试工作方案的通知",
            "各市、县（市、区）人民政府，省政府直属各单位：",
            "现将《测试工作方案》印发给你们，请认真贯彻执行。",
            signed_by,
            "2014年9月1日",
            "测试工作方案",
            "一、加强组织协调。建立部门协调机制。（省发展改革委负责）",
        ],
        issuer=listed,
        signed="2014年09月01日",
        title=f"{signed_by}关于印发测试工作方案的通知",
        number="浙政办发〔2014〕1号",
    )
    assert record["document"]["issuer"] == signed_by
    messages = [w["message"] for w in record["warnings"] if w["kind"] == "metadata_conflict"]
    assert bool(messages) == conflict, messages
    assert all("发文机关" in message for message in messages)
