"""Words that decide the ⼜ (KANGXI RADICAL AGAIN, U+2F1C) confusion from context.

Why a lexicon: Unicode says ⼜ is equivalent to 又, and in text produced by some office suites it
is; but the Tianjin web scrape writes ⼜ where the official text has 口 (进⼜ = 进口, 港⼜ = 港口,
出⼜ = 出口) -- the two glyphs differ by one stroke and a bad glyph table confused them.  A blanket
rule is wrong one way or the other, so each ⼜ is decided by the words around it.  Each entry is
the word as it should read; the rule looks for the word with ⼜ standing for the given character.
"""

from __future__ import annotations

#: Common words with 口 (ports, trade, openings, population, interfaces ...).
MOUTH_WORDS: tuple[str, ...] = (
    "进口",
    "出口",
    "港口",
    "口岸",
    "入口",
    "人口",
    "接口",
    "窗口",
    "端口",
    "路口",
    "关口",
    "河口",
    "海口",
    "渡口",
    "口径",
    "缺口",
    "借口",
    "户口",
    "口号",
    "口罩",
    "口腔",
    "闸口",
    "门口",
    "开口",
    "道口",
    "排污口",
    "入海口",
    "出海口",
    "排口",
    "风口",
    "街口",
    "溢流口",
    "口粮",
    "一口",
    "两口",
    "口碑",
    "口头",
    "进出口",
    "出入口",
    "人口普查",
)

#: Common words and patterns with 又.
AGAIN_WORDS: tuple[str, ...] = (
    "又可以",
    "又要",
    "又是",
    "又有",
    "又一",
    "又好又快",
    "又称",
    "又能",
    "又不",
    "又在",
    "又如",
    "又将",
    "又被",
    "又快又好",
    "又红又专",
    "而又",
    "却又",
    "但又",
    "又叫",
    "又名",
)
