"""The head of a notice as government pages and their mirrors print it (tests/data/front_matter_cases.json).

Each case is a page's text (or a typical one, marked so) with the fields it must give: the title printed
twice, page metadata above the document, a registration code, the document's own head set over several
lines, addressees, a notice with no signature.  A case with ``known_failure`` is a limitation written
down: it must fail (xfail, strict), so a fix shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import regex

from json_walk import json_strings
from plan_extract import extract_source
from plan_extract.dates import to_iso
from plan_extract.dedupe import find_duplicates
from plan_extract.normalize import normalize
from plan_extract.order import copies_in_place, repair_order
from plan_extract.readers.text import read_text
from plan_extract.segment import DATE_RE, META_RE, segment

CASES_FILE = Path(__file__).parent / "data" / "front_matter_cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]


def _record(case: dict[str, Any]) -> dict[str, Any]:
    """The record of a case's text as a user gets it: saved as a file and read (the reader takes a page's
    widgets out as counted noise)."""
    source = read_text(f"{case['name']}.txt", data=case["text"].encode("utf-8"))
    return extract_source(source).model_dump(mode="json")


def _params() -> list[Any]:
    def marks(c: dict[str, Any]) -> list[pytest.MarkDecorator]:
        return [pytest.mark.xfail(strict=True, reason=c["known_failure"])] if "known_failure" in c else []

    return [pytest.param(c, id=c["name"], marks=marks(c)) for c in CASES]


def test_case_file_is_well_formed() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    for c in CASES:
        assert (
            {"name", "source", "defect", "text", "expect"}
            <= set(c)
            <= {"name", "source", "defect", "text", "expect", "known_failure"}
        ), c["name"]
        assert c["expect"], c["name"]


@pytest.mark.parametrize("case", _params())
def test_front_matter_case(case: dict[str, Any]) -> None:
    record = _record(case)
    expect = case["expect"]
    document = record["document"]
    for key, value in expect.get("document", {}).items():
        assert document.get(key, [] if key == "head" else None) == value, f"document.{key} ({case['defect']})"
    plan = record["plan"]
    for key, value in expect.get("plan", {}).items():
        assert plan.get(key) == value, f"plan.{key} ({case['defect']})"
    if "plan_title" in expect:
        assert plan["title"] == expect["plan_title"]
    if "preamble_starts" in expect:
        assert (plan["preamble"] or "").startswith(expect["preamble_starts"])
    if "first_section" in expect:
        assert plan["sections"] and plan["sections"][0]["title"] == expect["first_section"]
        assert not [w for w in record["warnings"] if w["kind"] in ("unplaced", "no_structure")]
    if "first_measure" in expect:
        assert plan["sections"] and plan["sections"][0]["measures"][0]["title"] == expect["first_measure"]
    if "measure_labels" in expect:
        assert [m["label"] for m in plan["sections"][0]["measures"]] == expect["measure_labels"]
    if "section_labels" in expect:
        assert [s["label"] for s in plan["sections"]] == expect["section_labels"]
    if "all_measure_labels" in expect:
        assert [m["label"] for s in plan["sections"] for m in s["measures"]] == expect["all_measure_labels"]
    if "item_labels" in expect:
        tasks = [t for s in plan["sections"] for t in [*s["tasks"], *(t for m in s["measures"] for t in m["tasks"])]]
        assert [t["item"]["label"] for t in tasks if t.get("item")] == expect["item_labels"]
    if "drafted_by" in expect:
        assert plan.get("drafted_by", []) == expect["drafted_by"]
    if "subitem_labels" in expect:
        tasks = [t for s in plan["sections"] for m in s["measures"] for t in m["tasks"]]
        assert [t["subitem"]["label"] for t in tasks if t.get("subitem")] == expect["subitem_labels"]
    if "duplicates" in expect:
        assert record["accounting"]["duplicates"] == expect["duplicates"]
    if "body_ends" in expect:
        assert (document["body"] or "").endswith(expect["body_ends"])
    if "plan_sections" in expect:
        assert len(plan["sections"]) == expect["plan_sections"]
    if "annex_label" in expect:
        assert plan.get("annex_label") == expect["annex_label"]
    if "warning" in expect:
        assert any(w["message"].startswith(expect["warning"]) for w in record["warnings"])


@pytest.mark.parametrize("case", [c for c in CASES if "known_failure" not in c], ids=lambda c: c["name"])
def test_front_matter_case_loses_nothing(case: dict[str, Any]) -> None:
    """Every line of the page's text is in a field, or dropped as a counted duplicate."""
    record = _record(case)
    kept = "".join(json_strings(record, skip=frozenset({"accounting", "warnings", "provenance"})))
    dropped = "".join(d["text"] for d in record["accounting"]["dropped"])
    metadata = record["document"]["metadata"]
    plan = record["plan"]
    text = normalize(case["text"])
    pos = 0
    while pos < len(text):
        if text[pos] in " \t\u3000\n":
            pos += 1
            continue
        m = META_RE.match(text, pos)
        if m and m.end() > pos:  # page metadata (its value on the line, or on the next): in document.metadata
            # (or, a field printed again with another value, in document.head as printed)
            assert metadata.get(m.group(1)) == m.group(2) or m.group(0).strip() in record["document"]["head"], m.group(
                0
            )
            pos = m.end()  # the rest of its line is read on its own (the next field, as a rule)
            continue
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        line = text[pos:end].strip()
        pos = end
        for field in META_RE.finditer(line):  # a field further on in its line (…门户网站 发布时间：2019-02-20 11:02)
            assert metadata.get(field.group(1)) == field.group(2), field.group(0)
        line = META_RE.sub(" ", line).strip()
        dated = DATE_RE.search(line)
        if dated and dated.start() > 0 and dated.end() == len(line):
            # a date after the document number on its line (川办发〔2009〕59号 二○○九年十二月八日): the signing date
            assert to_iso(dated.group(0)) == record["document"]["signed_date"], line
            line = line[: dated.start()].strip()
        line = regex.sub(r"(?<=日)[?？]+$", "", line)  # characters lost after a date (二〇一二年三月二十二日???)
        bracketed = line[:1] in "（(" and line[-1:] in "）)" and DATE_RE.fullmatch(line[1:-1]) is not None
        if bracketed:
            # a 意见's date in brackets under its title: the signing date too, or a handed-on plan's own date
            line = line[1:-1]
        if DATE_RE.fullmatch(line):  # the signature's date, as an ISO date
            dates = (record["document"]["signed_date"], *([plan.get("dated")] if bracketed else []))
            assert to_iso(line) in dates, line
        elif line:  # sentence by sentence (addressees are a list: the marks between them are the list's,
            # not text; a site's tag 【规范性文件】 is in document.head apart from its title; an item's
            # label 1., (1), 第一条 or （一） and its heading are fields of the task apart from its text; a
            # title's document number in brackets, …的通知（岳办发〔2017〕2号）, is document.doc_number; a site's
            # column before a title (政务服务丨) and its name after one (-湖南省人民政府门户网站) are document.head)
            # (an item run on after the last one's agencies, …协办）2.…, is a piece with its label; a labelled
            # list at a heading's end, （一）…（总牵头单位：…）, is the measure's parenthesis apart from its title; a
            # site's name before the title, 长沙市政府门户网站-…, is document.head)
            for n, piece in enumerate(
                regex.split(
                    r"(?<=[】。丨])|(?=[（(]\p{Han}{1,12}〔\d{4}〕\d+号[）)]$)|(?=-[^-]{2,30}$)|(?<=[）)])(?=\d{1,3}[.．、]\p{Han})"
                    r"|(?<=.)(?=[（(]\p{Han}{2,6}[：:][^（）()]+[）)]$)|(?<=^\p{Han}{2,20}网站?[-_|丨｜])",
                    line,
                )
            ):
                if n == 0 or piece[:1].isdigit():
                    piece = regex.sub(
                        r"^(?:\d{1,3}[.．、]|[（(]\d{1,3}[）)]|[\u2460-\u2473]|第[一二三四五六七八九十百]+条"
                        r"|（[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+）|[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+、)",
                        "",
                        piece,
                    )
                assert _words(piece) in _words(kept) or _words(piece) in _words(dropped), line


def _words(text: str) -> str:
    return str(regex.sub(r"[\p{P}\s]", "", text))


def _ordered(text: str) -> list[str]:
    return [f.text for f in repair_order(find_duplicates(segment(normalize(text)))).fragments]


def test_title_repeated_in_place_reads_in_order() -> None:
    text = "某市人民政府关于印发某某方案的通知\n某市人民政府关于印发某某方案的通知\n各区人民政府：\n现将《某某方案》印发给你们。\n"
    dd = find_duplicates(segment(normalize(text)))
    assert copies_in_place(dd) == {1: 0}
    assert _ordered(text)[0] == "某市人民政府关于印发某某方案的通知"
    assert len(_ordered(text)) == len(dd.fragments) - 1


def test_issuer_printed_twice_is_kept_twice() -> None:
    """A lone line printed again further on (the issuer over the date) is the document's, not a replay."""
    text = (
        "某市人民政府办公室\n关于印发某某方案的通知\n各区人民政府：\n现将《某某方案》印发给你们，请认真执行。\n"
        "某市人民政府办公室\n2023年3月15日\n某某方案\n为了做好工作，制定本方案。\n一、总体要求\n"
    )
    dd = find_duplicates(segment(normalize(text)))
    assert copies_in_place(dd) == {}
    assert _ordered(text).count("某市人民政府办公室") == 2


def test_a_sentence_repeated_far_away_is_still_a_replay() -> None:
    """A repeated sentence away from its first copy is a second reader's: the text is decoded."""
    text = (
        "一、总体要求\n（一）指导思想。坚持稳中求进工作总基调。\n（二）主要目标。到2025年基本建成。\n"
        "坚持稳中求进工作总基调。\n（三）重点任务。加快推进改革。\n"
    )
    assert copies_in_place(find_duplicates(segment(normalize(text)))) is None
