"""Targets and citations as data (:mod:`plan_extract.targets`).

The eleven Tianjin figures were read from ``data/raw/tianjin_plan_official_text.txt`` by hand: value,
unit, comparison in the documented vocabulary, and the year the text puts in force (null where the
task names none — e.g. 港作船舶岸电使用率达到100% and 培育150家…, whose 到2025年 is in another task).
Self-made sentences cover what Tianjin does not print; the corpus pages (when ../shared is there)
check that the rules carry over to other documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plan_extract.models import (
    Document,
    Measure,
    Plan,
    PlanRecord,
    Provenance,
    Section,
    SourceInfo,
    Target,
    Task,
)
from plan_extract.targets import citations_in_text, find_targets, targets_in_text

# value, unit, comparison, year, indicator — read from the official text
TIANJIN: list[tuple[float, str, str | None, int | None, str]] = [
    (40, "%", "达到", 2025, "工业战略性新兴产业增加值占规模以上工业增加值比重"),
    (11600, "家", "达到", 2025, "国家高新技术企业数量"),
    (11.5, "%", "力争达到…以上", 2025, "非化石能源消费比重"),
    (14.5, "%", "降低", 2025, "单位地区生产总值能源消耗"),
    (68, "%", "达到", 2025, "空气优良天数比例"),
    (90, "%", "提高至", 2025, "畜禽粪污资源化利用率"),
    (98, "%", "达到…以上", 2025, "主要农作物秸秆综合利用率"),
    (150, "家", None, None, "市级以上农业产业化龙头企业"),
    (20, "个", None, None, "农业产业化联合体"),
    (25, "%", "达到", 2025, "一级管控区森林（绿化）覆盖率"),
    (100, "%", "达到", None, "港作船舶岸电使用率"),
]

TIANJIN_CITATIONS = [
    ("国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见", "国发〔2021〕4号"),
    ("天津市养殖水域滩涂规划（2019—2030年）", None),
    ("天津市排水专项规划（2020—2035年）", None),
    ("绿色建筑评价标准", "DB/T 29—204—2021"),
]


def _by_indicator(targets: list[Target]) -> dict[tuple[str, float], Target]:
    return {(t.indicator, t.value): t for t in targets}


def _one(text: str, **kw: Any) -> list[tuple[float, str | None, str | None, int | None, str]]:
    found, _ = targets_in_text(text, **kw)
    return [(t.value, t.unit, t.comparison, t.year, t.indicator) for t in found]


# --- Tianjin ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "comparison", "year", "indicator"), TIANJIN, ids=[f"{v:g}{u}" for v, u, *_ in TIANJIN]
)
def test_tianjin_target(
    official_record: PlanRecord,
    official_source: str,
    value: float,
    unit: str,
    comparison: str | None,
    year: int | None,
    indicator: str,
) -> None:
    t = _by_indicator(official_record.targets).get((indicator, value))
    assert t is not None, [(x.indicator, x.value) for x in official_record.targets]
    assert (t.unit, t.comparison, t.year) == (unit, comparison, year)
    assert f"{value:g}" in t.text, "the sentence holds the figure"
    assert t.provenance is not None and t.provenance.source == "tianjin_plan_official_text.txt"
    span = official_source[t.provenance.start : t.provenance.end]
    assert f"{value:g}" in span, "provenance points at the task that prints the figure"


def test_tianjin_has_exactly_the_eleven_targets(official_record: PlanRecord) -> None:
    got = [(t.value, t.unit, t.comparison, t.year, t.indicator) for t in official_record.targets]
    assert sorted(got, key=repr) == sorted(TIANJIN, key=repr)


def test_tianjin_scrape_finds_the_same_targets(scrape_record: PlanRecord) -> None:
    got = [(t.value, t.unit, t.comparison, t.year, t.indicator) for t in scrape_record.targets]
    assert sorted(got, key=repr) == sorted(TIANJIN, key=repr)


def test_tianjin_citations(official_record: PlanRecord) -> None:
    assert [(c.title, c.doc_number) for c in official_record.citations] == TIANJIN_CITATIONS
    # the notice's own attachment (现将《…实施方案》印发给你们) is the document itself, not a citation
    assert all("实施方案" not in c.title for c in official_record.citations)


# --- self-made sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2025年，全市单位GDP能耗比2020年降低13.5%。", [(13.5, "%", "降低", 2025, "全市单位GDP能耗")]),
        (
            "到2025年，A比重达到40%，B比重力争达到12%以上，C降低10%。",
            [
                (40, "%", "达到", 2025, "A比重"),
                (12, "%", "力争达到…以上", 2025, "B比重"),
                (10, "%", "降低", 2025, "C"),
            ],
        ),
        ("力争到2030年，湿地保护率提高至55%以上。", [(55, "%", "力争提高至…以上", 2030, "湿地保护率")]),
        (
            "研发投入强度年均增长8%—10%。",
            [
                (8, "%", "年均提高…—", None, "研发投入强度"),
                (10, "%", "年均提高—…", None, "研发投入强度"),
            ],
        ),
        (
            "到2025年，再生水利用率提高到8%～10%左右。",
            [
                (8, "%", "提高至…—", 2025, "再生水利用率"),
                (10, "%", "提高至—…左右", 2025, "再生水利用率"),
            ],
        ),
        ("到二〇三〇年，非化石能源比重由20%提高到25%左右。", [(25, "%", "提高至…左右", 2030, "非化石能源比重")]),
        (
            "花生种植、收获机械化率分别达到65%和55%。",
            [
                (65, "%", "达到", None, "花生种植、收获机械化率"),
                (55, "%", "达到", None, "花生种植、收获机械化率"),
            ],
        ),
        (
            "全国农机总动力稳定在11亿千瓦左右，其中灌排机械动力超过1.3亿千瓦。",
            [
                (11, "亿千瓦", "保持在…左右", None, "全国农机总动力"),
                (1.3, "亿千瓦", "超过", None, "灌排机械动力"),
            ],
        ),
        ("企业开办时间压缩至3个工作日以内。", [(3, "个工作日", "降低至…以内", None, "企业开办时间")]),
        (
            "推广新能源汽车10万辆，建设充电桩5000个。",
            [
                (10, "万辆", None, None, "新能源汽车"),
                (5000, "个", None, None, "充电桩"),
            ],
        ),
        ("到2025年新增绿色工厂100家以上。", [(100, "家", "新增…以上", 2025, "绿色工厂")]),
        ("力争2030年前，清洁能源占比超过50%。", [(50, "%", "力争超过", 2030, "清洁能源占比")]),
        ("PM2.5浓度下降到35微克/立方米。", [(35, "微克/立方米", "降低至", None, "PM2.5浓度")]),
        # a present-tense clause of its own does not make the next clause's target a report of the past
        ("目前全市有30家，力争达到100家。", [(100, "家", "力争达到", None, "")]),
    ],
)
def test_sentence(text: str, expected: list[tuple[float, str, str | None, int | None, str]]) -> None:
    assert _one(text, signed_year=2022) == expected


@pytest.mark.parametrize(
    "text",
    [
        "对投资额30%以上的项目按30%给予补助。",  # conditions and rates, no governing verb
        "近年来，已建成绿色工厂120家，清洁能源占比达到30%。",  # the past
        "2020年，全市生产总值达到1.4万亿元。",  # a year before the document's own
        "实施《中国制造2025》和《天津市排水专项规划（2020—2035年）》。",  # figures inside titles
        "第3批试点于3月25日启动，前10名给予奖励，培训5天。",  # ordinals, dates, a time span without comparison
        "1.拓展两个市场。积极推广“871”工程和5G应用。",  # item labels, quoted names, Chinese numerals
    ],
)
def test_not_a_target(text: str) -> None:
    assert _one(text, signed_year=2022) == []


def test_year_switches_and_carries_across_sentences() -> None:
    text = "到2020年，A达到70%。B达到1.2亿千瓦。到2025年，A达到75%。"
    assert [(v, y) for v, _, _, y, _ in _one(text)] == [(70, 2020), (1.2, 2020), (75, 2025)]


def test_year_is_null_without_a_marker_and_carried_in_when_given() -> None:
    assert _one("港作船舶岸电使用率达到100%。")[0][3] is None
    assert _one("港作船舶岸电使用率达到100%。", year=2025)[0][3] == 2025
    _, end_year = targets_in_text("到2035年，主要目标是：")
    assert end_year == 2035


def test_baselines_and_periods_are_not_target_years() -> None:
    assert _one("单位GDP能耗比2020年下降13.5%。", signed_year=2022)[0][3] is None
    assert _one("“十四五”时期（2021—2025年），A达到40%。", signed_year=2022)[0][3] is None


def test_target_keeps_sentence_and_provenance() -> None:
    prov = Provenance(source="x.txt", start=10, end=60)
    found, _ = targets_in_text("加快建设。到2025年，A达到40%；B达到50%。", provenance=prov)
    assert [t.text for t in found] == ["到2025年，A达到40%；", "B达到50%。"]
    assert all(t.provenance == prov for t in found)


def test_citations_with_numbers_standards_and_aliases() -> None:
    text = (
        "根据《国务院关于印发2030年前碳达峰行动方案的通知》（国发〔2021〕23号，以下简称《方案》），落实《方案》要求，"
        "执行《大气污染物综合排放标准》（GB 16297-1996），依据《中华人民共和国环境保护法》（2014年修订）。"
    )
    assert [(c.title, c.doc_number) for c in citations_in_text(text)] == [
        ("国务院关于印发2030年前碳达峰行动方案的通知", "国发〔2021〕23号"),
        ("大气污染物综合排放标准", "GB 16297-1996"),
        ("中华人民共和国环境保护法", None),
    ]


# --- the stage on a record ------------------------------------------------------------------------


def _task(text: str, start: int = 0) -> Task:
    return Task(text=text, agencies=[], provenance=Provenance(source="t.txt", start=start, end=start + len(text)))


def _record(sections: list[Section], preamble: str | None = None, body: str | None = None) -> PlanRecord:
    return PlanRecord(
        sources=[SourceInfo(name="t.txt", kind="text", sha256="0" * 64)],
        document=Document(
            title="某市关于印发某市行动方案的通知",
            issuer=None,
            signed_date="2022-05-01",
            published_date=None,
            body=body,
        ),
        plan=Plan(title="某市行动方案", preamble=preamble, sections=sections),
    )


def test_heading_and_lead_in_years_carry_into_their_tasks() -> None:
    rec = _record(
        [
            Section(
                number=1,
                label="一、",
                title="到2025年主要目标",
                measures=[Measure(number=1, label="（一）", title="绿色工厂", tasks=[_task("绿色工厂达到100家。")])],
            ),
            Section(
                number=2,
                label="二、",
                title="重点任务",
                measures=[
                    Measure(
                        number=2,
                        label="（二）",
                        title="能源",
                        tasks=[
                            _task("到2030年，主要指标是："),
                            _task("1.非化石能源比重达到25%。"),
                            _task("2.煤炭消费降低10%。"),
                        ],
                    ),
                    Measure(number=3, label="（三）", title="交通", tasks=[_task("岸电使用率达到100%。")]),
                ],
            ),
        ]
    )
    out = find_targets(rec)
    assert [(t.value, t.year) for t in out.targets] == [(100, 2025), (25, 2030), (10, 2030), (100, None)]


def test_find_targets_returns_a_copy_and_is_idempotent() -> None:
    rec = _record(
        [Section(number=1, label="一、", title="任务", measures=[], tasks=[_task("A达到40%。")])],
        preamble="根据《某省关于某事的意见》（某政发〔2021〕1号，以下简称《意见》），落实《意见》。",
        body="现将《某市行动方案》印发给你们，请认真贯彻执行。",
    )
    out = find_targets(rec)
    assert rec.targets == [] and rec.citations == []
    assert [(t.value, t.provenance is not None) for t in out.targets] == [(40, True)]
    assert [(c.title, c.doc_number, c.provenance) for c in out.citations] == [
        ("某省关于某事的意见", "某政发〔2021〕1号", None)
    ]
    again = find_targets(out)
    assert again.model_dump() == out.model_dump()


# --- other documents --------------------------------------------------------------------------------


@pytest.mark.shared
def test_corpus_targets_make_sense(shared_dir: Path) -> None:
    from plan_extract import extract

    gov15 = extract(shared_dir / "corpus" / "gov-15.html")
    got = {(t.indicator, t.value, t.unit, t.comparison, t.year) for t in gov15.targets}
    assert ("全国农机总动力", 10, "亿千瓦", "超过", 2020) in got
    assert ("全国农作物耕种收综合机械化率", 70, "%", "达到", 2020) in got
    assert ("全国农作物耕种收综合机械化率", 75, "%", "达到", 2025) in got
    assert ("花生种植、收获机械化率", 55, "%", "达到", 2025) in got
    assert {t.year for t in gov15.targets} == {2020, 2025}
    assert [(c.title, c.doc_number) for c in gov15.citations] == [("中华人民共和国农业机械化促进法", None)]

    gov34 = extract(shared_dir / "corpus" / "gov-34.html")
    assert [(t.value, t.unit, t.year) for t in gov34.targets] == [
        (2, "万亿元", 2025),
        (100, "项", 2025),
        (100, "个", 2025),
    ]

    gov05 = extract(shared_dir / "corpus" / "gov-05.html")
    assert gov05.targets == [], "item numbers 1.–21. and 两个市场 are not targets"
