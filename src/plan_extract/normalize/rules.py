"""Normalization rules. Each rule is a function ``str -> list[Edit]`` that names the defect it repairs.

Rules are pure and idempotent: running a rule on its own output proposes no edits.  The order
in :data:`RULES` matters and is documented there; :func:`plan_extract.normalize.normalize` runs them.
"""

from __future__ import annotations

from collections.abc import Callable

import ftfy
import regex
from opencc import OpenCC

from ..attribution import CLOSE_BRACKETS, LABEL, ORGAN, RESP_LABEL, UNIT_END
from ..front import ANNEX_RE, HANDING_ON
from ..numerals import DOC_NUMBER
from ..segment import DOC_TYPES, ITEM_RE, MEASURE_RE, META_RE, PAGE_FIELD_LABELS, SECTION_RE, SUBITEM_RE
from .charclass import TERMINAL, is_cjk, is_han
from .chardata import NUMBER_FORMS, PRESENTATION_FORMS, RADICAL_TO_IDEOGRAPH
from .edits import Edit, diff_edits
from .lexicon import AGAIN_WORDS, MOUTH_WORDS

Rule = Callable[[str], list[Edit]]

#: Radicals whose reading depends on context: decided by :func:`resolve_mouth_again_confusion`.
CONTEXTUAL: dict[str, tuple[str, str]] = {"\u2f1c": ("又", "口")}  # ⼜: Unicode says 又, scrapes mean 口

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_character_width=False,  # would turn （，：； into ASCII: 536 marks of the Tianjin scrape
    uncurl_quotes=False,  # would turn “ ” into "
    fix_latin_ligatures=False,
    fix_line_breaks=False,  # readers already unify line endings; keep offsets 1:1
    normalization=None,  # NFC/NFKC are not ftfy's job here (NFKC rewrites Chinese punctuation)
    explain=False,
)


def fix_mojibake(text: str) -> list[Edit]:
    """Repair mojibake: UTF-8 read as Latin-1/Windows-1252 and similar, via ftfy.

    Defect: a page saved through the wrong codec turns 中文 into ``ä¸­æ–‡``.  ftfy recognises and
    reverses such sequences.  It is configured *not* to touch character width or quotes: with its
    defaults it would rewrite 536 full-width marks of the Tianjin scrape into ASCII and uncurl “ ”.
    """
    return diff_edits(text, ftfy.fix_text(text, config=_FTFY_CONFIG))


#: Format characters (Unicode category Cf): zero-width space and joiners, word joiner, a byte-order
#: mark inside the text, soft hyphen, directional marks.  They print as nothing.
_INVISIBLE = regex.compile(r"\p{Cf}+")


def drop_invisible_characters(text: str) -> list[Edit]:
    """Drop the characters that print as nothing: zero-width spaces and joiners, word joiners, a
    byte-order mark inside the text, soft hyphens, directional marks (Unicode's format characters).

    Defect: web editors and copy-paste from a browser leave U+200B ZERO WIDTH SPACE in Chinese text,
    where it is invisible and splits what it sits in.  With one after every 。 of the official text,
    no measure heading opened its line any more and 8 of 99 tasks were misfiled; with one inside
    every 推进 and 负责, 23 were; in the scrape with one after every 。, no structure was found.
    Runs after :func:`fix_mojibake`, whose repairs read soft hyphens as bytes of mojibake (ä¸\u00ad
    is 中 read as Latin-1).
    """
    return [Edit(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]


#: A pinyin syllable carrying a tone mark: (hào), (zhuān), (lǐng), (qū).  A syllable without one
#: (neutral tone, or a Latin word: (PM), (a)) is not taken: nothing says it is a reading.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_RUBY_READING = regex.compile(
    rf"(?<=\p{{Han}})[(（](?=[a-zü]*[{_TONED}])(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouü{_TONED}]{{1,3}}(?:ng|n|r)?[ \t]?[)）]"
)


def drop_ruby_readings(text: str) -> list[Edit]:
    """Drop the pinyin reading a page printed in brackets after a character: 號(hào) → 號.

    Defect: mirror sites that flatten HTML ruby annotations (``<ruby>號<rp>(</rp><rt>hào</rt>
    <rp>)</rp></ruby>``) into text print a reading after a character here and there: 川辦函〔2015〕54號
    (hào), 各市(州)、縣(市、區(qū)), 重點(diǎn).  The readings split words and headings (一、深化重點(diǎn)
    領(lǐng)域… was cut after 重點), and the notice's document number and addressees were not found.
    Only a bracketed syllable with a tone mark, right after a Han character, is taken: (州) and
    (PM) are text.  Some mirrors leave a blank before the closing bracket: 社會(huì )主義 (湖北 2022).
    """
    return [Edit(m.start(), m.end(), "") for m in _RUBY_READING.finditer(text)]


def map_radicals(text: str) -> list[Edit]:
    """Map Kangxi Radicals / CJK Radicals Supplement code points to their unified ideographs.

    Defect: the Tianjin web scrape writes 人 as ⼈ (U+2F08), 工 as ⼯ (U+2F2F), 色 as ⾊ (U+2F8A):
    1,046 code points in one page.  They look identical but do not match searches, dictionaries
    or agency names.  The table is generated from Unicode's EquivalentUnifiedIdeograph data
    (scripts/gen_chardata.py).  Context-dependent radicals (⼜) are left to the next rule.
    """
    return [
        Edit(i, i + 1, RADICAL_TO_IDEOGRAPH[ch])
        for i, ch in enumerate(text)
        if ch in RADICAL_TO_IDEOGRAPH and ch not in CONTEXTUAL
    ]


def map_presentation_forms(text: str) -> list[Edit]:
    """Map punctuation drawn small or for vertical setting to the mark it draws: ``1﹒`` → ``1.``.

    Defect: a news repost of Anhui's 2022 list of key tasks (新安晚报, from 安徽省人民政府网) numbers
    its tasks ``1﹒全省生产总值增长7%以上`` with SMALL FULL STOP (U+FE52), so the item numbers were not
    read and stayed in the tasks' text.  The Small Form Variants and Vertical Forms look like the
    ordinary marks but match no pattern for them.  The table is Unicode's ``<small>`` and
    ``<vertical>`` decompositions (scripts/gen_chardata.py); a mapped ASCII mark is then made
    full-width next to Chinese by :func:`harmonize_punctuation`, as a typed one would be.
    """
    return _each_mapped(text, PRESENTATION_FORMS)


def map_number_forms(text: str) -> list[Edit]:
    """Spell out an item number set as one character: ``⑴`` → ``(1)``, ``⒈`` → ``1.``, ``㈠`` → ``(一)``.

    Defect: 辽宁 2012 (a provincial plan copied from its Word file) numbers its subitems
    ``⑴九年义务教育巩固率达到97%。`` with PARENTHESIZED DIGIT ONE (U+2474): no label pattern matches
    one character, so the subitems were not read and their numbers stayed in the tasks' text.  The
    table is Unicode's ``<compat>`` decompositions of ⑴…⒇ and ⒈…⒛ (scripts/gen_chardata.py), which
    the segmenter reads as a typed (1) or 1. is read.  沙县 2012 numbers its measures ``㈠大力发展商贸业。``
    (PARENTHESIZED IDEOGRAPH ONE, U+3220): the measures were lost in their section's text; ㈠…㈩ are
    spelled out as (一)…(十) from the same table.  Circled numbers (①) decompose to a bare digit,
    which would lose that they are labels: they are left.
    """
    return _each_mapped(text, NUMBER_FORMS)


def _each_mapped(text: str, table: dict[str, str]) -> list[Edit]:
    """An edit for each character of ``text`` that ``table`` maps, to what it maps it to."""
    return [Edit(i, i + 1, table[ch]) for i, ch in enumerate(text) if ch in table]


def _word_fits(text: str, i: int, word: str, ch: str) -> bool:
    """Whether ``word`` occurs in ``text`` with its ``ch`` at position ``i`` (``text[i]`` is the radical)."""
    for k, wch in enumerate(word):
        if wch != ch:
            continue
        start = i - k
        if start < 0 or start + len(word) > len(text):
            continue
        cand = text[start : start + len(word)]
        if all(c == w or (j == k) for j, (c, w) in enumerate(zip(cand, word, strict=True))):
            return True
    return False


def resolve_mouth_again_confusion(text: str) -> list[Edit]:
    """Decide each ⼜ (KANGXI RADICAL AGAIN) from the words around it: 口 or 又.

    Defect: the Tianjin scrape writes 进⼜, 港⼜, 出⼜ where the official text has 进口, 港口, 出口,
    while in other texts ⼜ really is 又 (⼜可以).  A word from :mod:`.lexicon` decides; with no
    evidence the Unicode equivalent 又 is used.  Every decision becomes a ``confusion`` warning.
    """
    edits: list[Edit] = []
    for i, ch in enumerate(text):
        if ch not in CONTEXTUAL:
            continue
        default, alternative = CONTEXTUAL[ch]
        mouth = next((w for w in MOUTH_WORDS if _word_fits(text, i, w, alternative)), None)
        again = next((w for w in AGAIN_WORDS if _word_fits(text, i, w, default)), None)
        if mouth and not again:
            edits.append(
                Edit(i, i + 1, alternative, note=f"U+{ord(ch):04X} → {alternative} (word {mouth})", warn="confusion")
            )
        elif again and not mouth:
            edits.append(Edit(i, i + 1, default, note=f"U+{ord(ch):04X} → {default} (word {again})", warn="confusion"))
        else:
            why = f"both {mouth} and {again} fit" if mouth else "no word decides"
            edits.append(
                Edit(
                    i, i + 1, default, note=f"U+{ord(ch):04X} → {default} ({why}; Unicode equivalent)", warn="confusion"
                )
            )
    return edits


_T2S = OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """True when a noticeable share of the Han characters change under OpenCC t2s.

    Simplified text changes in well under 1% of its characters (a few characters are shared
    forms); a traditional page changes in 15-30%.  The threshold is 5% and at least 5 characters.
    """
    han = [c for c in text if is_han(c)]
    if not han:
        return False
    changed = sum(1 for c in han if _T2S.convert(c) != c)
    return changed >= 5 and changed / len(han) >= 0.05


def convert_traditional(text: str) -> list[Edit]:
    """Convert traditional characters to simplified with OpenCC, only when the text is traditional.

    Defect: mirror sites republish mainland documents in traditional characters (實施方案 for
    实施方案), which defeats matching against agency names and other editions.  Simplified text is
    left alone: a blanket t2s would also rewrite the rare characters both scripts share.
    """
    if not is_traditional(text):
        return []
    return diff_edits(text, _T2S.convert(text))


_ASCII_PUNCT = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HSPACE = " \t\u00a0\u3000"


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in _HSPACE:
        j += step
    return text[j] if 0 <= j < len(text) else ""


def harmonize_punctuation(text: str) -> list[Edit]:
    """Half-width ( ) , : ; ! ? next to Chinese text → full-width （ ），：；！？.

    Defect: seed 004 (text of the official PDF) has whole pages where the punctuation came out
    half-width: ``(市交通运输委、市商务局等部门和各区人民政府按职责分工负责)``.  Numbers (1,000,
    12:30, 11.5%) and Latin runs keep their ASCII marks; a pair of parentheses converts together
    when either side or its content is Chinese.
    """
    work = text
    while True:
        step = _punctuation_pass(work)
        if not step:
            break
        chars = list(work)
        for i, rep in step.items():
            chars[i] = rep
        work = "".join(chars)
    return [Edit(i, i + 1, work[i]) for i in range(len(text)) if work[i] != text[i]]


def _punctuation_pass(text: str) -> dict[int, str]:
    """One pass of :func:`harmonize_punctuation`; a converted mark can make its neighbour Chinese-adjacent,
    so the rule repeats passes until nothing changes (which makes it idempotent)."""
    edits: dict[int, str] = {}
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            pairs[stack.pop()] = i
    closers = {j: i for i, j in pairs.items()}
    for i, ch in enumerate(text):
        if ch not in _ASCII_PUNCT:
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, +1)
        if ch == "(":
            j = pairs.get(i)
            inner = text[i + 1 : j] if j is not None else ""
            if is_cjk(before) or is_cjk(after) or any(is_han(c) for c in inner):
                edits[i] = "（"
                if j is not None and text[j] == ")":
                    edits[j] = "）"
        elif ch == ")" and i not in edits:
            opener = closers.get(i)
            if opener is None:
                if is_cjk(before) or is_cjk(after):
                    edits[i] = "）"
            elif text[opener] == "（":
                edits[i] = "）"
        else:
            if before.isdigit() and after.isdigit():
                continue
            if is_cjk(before) or is_cjk(after):
                edits[i] = _ASCII_PUNCT[ch]
    return edits


_SPACE_RUN = regex.compile(r"[ \t\u00a0\u3000]+")


#: Joint issuers on a line of their own, set apart by spaces: a signature (鹤岗市人民政府 鹤岗市中级人民法院),
#: or a title's head (成都市发展和改革委员会 中共成都市委社会工作部 … 关于印发…的通知; 鹤岗市人民政府
#: 鹤岗市中级人民法院印发 ⏎ 关于…的意见的通知, the title's first line).
_JOINT_ISSUERS = regex.compile(
    rf"^[ \t\u3000]*(?P<names>{ORGAN}(?:[ \t\u3000]+{ORGAN})+)[ \t\u3000]*"
    rf"(?P<about>关于[^\n]*(?:{DOC_TYPES})|(?:{HANDING_ON})[^\n。，；]*)?[ \t\u3000]*$",
    regex.MULTILINE,
)


#: A blank before a heading's or an item's label (一、 （一） 1. （1）).
_BLANK_BEFORE_LABEL = regex.compile(
    rf"[ \t\u3000]+(?=(?:{SECTION_RE.pattern}|{MEASURE_RE.pattern}|{SUBITEM_RE.pattern}|{ITEM_RE.pattern}[ \t\u3000]*\p{{Han}}))"
)
#: A blank where a line broke in a text whose line breaks became blanks: after a sentence, and round a
#: document number (…的通知 豫政〔2023〕5号 现将…).
_BLANK_AT_BREAK = regex.compile(
    rf"(?<=[。；！？])[ \t\u3000]+(?=\S)|[ \t\u3000]+(?={DOC_NUMBER}[ \t\u3000])|(?<={DOC_NUMBER})[ \t\u3000]+(?=\S)"
)
#: The fewest labels after blanks that say a line is a text's lines run together, and its least length.
_FLATTENED_LABELS, _FLATTENED_LENGTH = 3, 200


def break_flattened_lines(text: str) -> list[Edit]:
    """Give a text whose line breaks became blanks its line breaks back, where they can be told.

    Defect: 河南 2023 (豫政〔2023〕5号, as a search engine keeps it) is one line: ``河南省人民政府 关于明确…
    的通知 豫政〔2023〕5号 现将…圆满完成。 一、加快提振市场信心 (一)全面促进消费增长。 1.把恢复和扩大消费…``.
    With the blanks taken out no heading opens a line: the notice had no title, and every item's label
    stayed in its task's text.  Only a line of at least 200 characters with at least three labels after
    blanks is taken to be such a text; in it a blank before a label (一、 （一） 1. （1）), after a sentence,
    or round a document number is a line break.  A blank elsewhere (…2023年 重点工作…, a title set over
    lines) cannot be told from a page's own and is left to :func:`remove_spaces_in_chinese`.
    """
    edits: list[Edit] = []
    for line in regex.finditer(r"[^\n]+", text):
        if len(line.group()) < _FLATTENED_LENGTH:
            continue
        labels = list(_BLANK_BEFORE_LABEL.finditer(text, line.start(), line.end()))
        if len(labels) < _FLATTENED_LABELS:
            continue
        gaps = {m.span() for m in labels} | {m.span() for m in _BLANK_AT_BREAK.finditer(text, line.start(), line.end())}
        edits += [Edit(s, e, "\n") for s, e in sorted(gaps)]
    return edits


#: A heading's label and short title at a line's start, a blank, then the heading's text, a sentence.
_HEADING_BLANK_TEXT = regex.compile(
    rf"^[ \t\u3000]*(?:{SECTION_RE.pattern}|{MEASURE_RE.pattern})[ \t\u3000]*\p{{Han}}{{2,15}}"
    r"(?P<gap>[ \t\u3000]+)(?=\p{Han}[^\n]{6,}?[，。；])",
    regex.MULTILINE,
)


def part_heading_from_its_text(text: str) -> list[Edit]:
    """A heading whose title a blank alone parts from its text gets a line break there.

    Defect: 泰安 2007 (泰政发[2007]23号, a mirror's copy) sets each point as ``一、加强组织领导
    市政府各位领导同志及各有关部门和单位，要按照各自分工，…``: the page's paragraph break became a blank.
    With the blank taken out (Chinese has no spaces between words) the heading's title ran into its
    text, and the whole paragraph was the section's title.  Only a label (一、 （一）), a title of 2–15
    Han characters without punctuation, a blank, and a sentence after it: a blank inside a title that
    runs on to no sentence (一、总体要求 目标任务) is left to :func:`remove_spaces_in_chinese`.
    """
    return [Edit(m.start("gap"), m.end("gap"), "\n") for m in _HEADING_BLANK_TEXT.finditer(text)]


#: Where a labelled agency list runs (责任单位：A B C): from its label to its line's end, a closing
#: bracket or a full stop (the next label after a ； starts a list of its own).
_LABELLED_LIST = regex.compile(rf"{RESP_LABEL.pattern}[^\n{regex.escape(CLOSE_BRACKETS)}。；;]*")
#: The end of an organ's name, right before a blank that parts it from the next.
_ORGAN_BEFORE_BLANK = regex.compile(rf"{UNIT_END}$")
#: A page field's label and its colon after a blank (信息分类 : 鄂州政办发 有效性: 有效).
_NEXT_FIELD = regex.compile(rf"(?:{'|'.join(sorted(PAGE_FIELD_LABELS, key=len, reverse=True))})[ \t\u3000]*[：:]")


def remove_spaces_in_chinese(text: str) -> list[Edit]:
    """Remove spaces that touch Chinese text: ``2025 年`` → ``2025年``, ``， 大力`` → ``，大力``.

    Defect: PDF text extraction inserts spaces around digits and at line wraps inside Chinese
    (seed 004: ``到 2025 年``, ``天津市加快 建立健全``).  Chinese has no inter-word spaces, so a
    space with Chinese on either side is layout; spaces between Latin/digit runs
    (``DB/T 29—204—2021``) are kept.  Spaces at the start or end of a line are layout too.  So are
    the spaces between the issuers of a joint title on a line of its own (成都市发展和改革委员会
    中共成都市委社会工作部 … 关于印发…的通知), or of a line of joint issuers (a signature): there they part
    names, and run together they read as one.  So do the blanks after an organ's name in a labelled
    agency list (吉水's 责任单位：县教体局 各相关乡镇政府, 责任单位：县财政局 县医保局 各乡镇人民政府: run
    together, three agencies read as one, 县财政局县医保局各乡镇人民政府).  And the blank before a field's
    label on a row of a page's fields (信息分类 : 鄂州政办发 有效性: 有效, 鄂州 2014): run together, the
    label is the value's last word.
    """
    edits: list[Edit] = []
    # the names' spaces, and the one before a title's 关于
    joint = [
        (m.start(), m.start("about") if m.group("about") else m.end("names")) for m in _JOINT_ISSUERS.finditer(text)
    ]
    lists = [m.span() for m in _LABELLED_LIST.finditer(text)]
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        if any(a < s and e <= b for a, b in joint):
            continue  # 成都市发展和改革委员会 中共成都市委社会工作部 关于…: the issuers' names, as printed
        if _NEXT_FIELD.match(text, e) and _NEXT_FIELD.match(text, text.rfind("\n", 0, s) + 1):
            continue  # 信息分类 : 鄂州政办发 有效性: 有效: the fields of a row, apart (有效性 is a word of text too)
        if (
            e < len(text)
            and is_han(text[e])
            and any(a < s and e < b for a, b in lists)
            and _ORGAN_BEFORE_BLANK.search(text, max(0, s - 3), s)
        ):
            continue  # 责任单位：县财政局 县医保局: two agencies' names, as printed
        before = text[s - 1] if s > 0 else "\n"
        after = text[e] if e < len(text) else "\n"
        if before == "\n" or after == "\n":
            edits.append(Edit(s, e, ""))
        elif "\t" in m.group(0):
            # a tab between two cells of a table row (the HTML reader's, a spreadsheet's copy): the
            # cells' boundary, kept as one tab (序号⇥重点任务⇥牵头单位 ran together as 序号重点任务牵头单位)
            if m.group(0) != "\t":
                edits.append(Edit(s, e, "\t"))
        elif is_cjk(before) or is_cjk(after):
            edits.append(Edit(s, e, ""))
    return edits


#: A page field's label as a table's cell prints it, its characters spaced out to the cell's width
#: (索 引 号, 标  题), longest first.
_SPACED_LABEL = "|".join("[ \t\u3000]*".join(label) for label in sorted(PAGE_FIELD_LABELS, key=len, reverse=True))
#: A label cell: at a line's start or after a blank or a table's rule (|), with a blank, a rule or the
#: line's end after it, and no colon (索引号 : 01105619X… has its colon, after a blank) -- or its colon
#: right after it and a rule after that (谯城 2020: 索引号: | 11341602003166647K/202004-00328 |).
_LABEL_CELL = regex.compile(
    rf"(?:^|(?<=[ \t\u3000|]))(?P<label>{_SPACED_LABEL})"
    r"(?:[：:](?=[ \t\u3000]*\|)|(?=[ \t\u3000|]|$)(?![ \t\u3000|]*[：:]))",
    regex.MULTILINE,
)
#: The blanks and rules (|) between two cells.
_CELL_GAP = regex.compile(r"[ \t\u3000|]+")
#: The first line of a page's own text: a sentence or an addressee list, which no field table holds.
_PROSE_LINE = regex.compile(r"[，。；,;]")
#: Lines read for a field table at most, from the top.
_FIELD_TABLE_LINES = 40


def label_field_table_cells(text: str) -> list[Edit]:
    """Give the cells of a page's field table, copied as text, the colons a field's label has.

    Defect: gov.cn pages and city sites set their fields in a table, label and value in cells of their
    own; copied as text, a row is the cells with blanks between, no colon (河南 2015: ``索 引 号 成文日期`` ⏎
    ``发文机关 发布时间 2015年04月29日`` ⏎ ``标  题 河南省人民政府关于印发…的通知`` ⏎ ``发文字号 豫政〔2015〕24号
    时  效 根据…``), or with the table's rules as | (涟水 2021: ``索 引 号 | 327549014/2021-00125 | 发布机构 |
    县政府办公室 |``).  With the blanks then taken out, the rows read as one title (索引号成文日期发文机关
    发布时间2015年04月29日标题河南省人民政府关于…), and the document's own title, number and date were
    lost.  A line at the page's head that begins with a label cell is such a row: each label cell gets
    its spaces out and a colon after it; the gap after it goes, the gap before it becomes one tab (the
    boundary between two cells), and a rule at the row's end goes, so that each field reads as one
    (标题：河南省…).  The head ends at the first line with a sentence mark that does not begin with a
    label cell (the addressees, or the text).
    """
    edits: list[Edit] = []
    pos = 0
    for _ in range(_FIELD_TABLE_LINES):
        if pos >= len(text):
            break
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        line = text[pos:end]
        first = _LABEL_CELL.match(text, pos + len(line) - len(line.lstrip(" \t\u3000|")), end)
        if first is None and _PROSE_LINE.search(line):
            break
        if first is not None:
            cells = list(_LABEL_CELL.finditer(text, first.start(), end))
            starts = {m.start() for m in cells}
            ends = {m.end() for m in cells}
            for m in cells:
                label = regex.sub(r"[ \t\u3000]", "", m.group("label"))
                colon = text[m.end("label") : m.end()]  # the label's own colon, where it has one
                if label != m.group("label") or not colon:
                    edits.append(Edit(m.start(), m.end("label"), label + ("" if colon else "：")))
                if colon == ":":
                    edits.append(Edit(m.end("label"), m.end(), "："))
            for gap in _CELL_GAP.finditer(text, pos, end):
                if gap.start() in ends and gap.end() not in starts and gap.end() < end:
                    replacement = ""  # between a label and its value
                elif gap.start() > pos and gap.end() < end and (gap.end() in starts or "|" in gap.group(0)):
                    replacement = "\t"  # between two cells
                elif gap.end() == end or "|" in gap.group(0):
                    replacement = ""  # a blank or a rule at the row's ends
                else:
                    continue  # a blank inside a value
                if gap.group(0) != replacement:
                    edits.append(Edit(gap.start(), gap.end(), replacement))
        pos = end + 1
    return edits


_BREAK = regex.compile(r"\n+")
_HEADING_START = regex.compile(
    r"(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)]|第[一二三四五六七八九十百]+[章条节])"
)
_PROSE_MARKS = "，。；：？！,;"
#: Marks after which a line's last piece begins: closing marks, but not quotes and book-title marks,
#: which a heading may hold (四川 2009: 一、加强基础设施建设,夯实两个“加快”基础 ⏎ 围绕建立…: the piece after
#: ” is no heading, and the heading was joined to the paragraph under it).
_PIECE_END = "".join(c for c in TERMINAL if c not in "”’》」』")
#: A date with a clock time: a page's record of when it posted the text, never a plan's words.
_TIMESTAMP = regex.compile(r"\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?[ \t\u3000]*\d{1,2}:\d{2}")
#: A line that is labels and short values only (下载地址：点击此处下载, 作者：法律资料网): a page's, not a
#: sentence a page end cut (a wrapped list, 责任单位：A、B、 ⏎ C, ends in 、 and is joined).
_LABEL_LINE = regex.compile(r"(?:[^，。；？！,;：:\n]{1,12}[：:][ \t\u3000]*[^，。；？！,;：:\n、]{1,24}[ \t\u3000]*)+")
#: A whole title on a line of its own (关于印发…的通知): never the rest of a sentence a page cut.
_TITLE_LINE = regex.compile(
    rf"[^，。；？！,;：:\n]{{0,60}}关于[^，。；？！,;：:\n]{{2,80}}(?:{DOC_TYPES})》?[ \t\u3000]*"
)
#: A page's breadcrumb: 当前位置：首页>政务公开>…, 您的位置：首页»….
_BREADCRUMB = regex.compile(r"[ \t\u3000]*(?:当前位置|您的位置|你的位置|所在位置|您现在的位置|现在位置)[：:]")
#: The note a notice prints on a line of its own under its text: （此件公开发布）, （此件主动公开）.
_NOTE_LINE = regex.compile(r"（此件[^（）\n]{1,20}）[ \t\u3000]*(?:\n|$)")


def _line_at(text: str, i: int) -> str:
    """The line of ``text`` that starts at ``i``."""
    nl = text.find("\n", i)
    return text[i : len(text) if nl == -1 else nl]


def rejoin_broken_lines(text: str) -> list[Edit]:
    """Join a sentence or heading that a line or page break cut in two.

    Defect: PDF extraction cuts paragraphs at page ends (seed 004: ``碳排放达峰后`` / blank line /
    ``稳中有降``; ``（市科`` / ``技局``).  A break is removed when the text before it does not end
    with closing punctuation, the line before it is prose (it has a comma or full stop: titles,
    signatures and headings do not) or leaves a （ open, the line's last piece (after its last
    closing mark; a quote or a book-title mark closes no piece) is not a numbered heading, and the
    text after it does not start a numbered heading or a labelled responsibility list (牵头单位：A / 配合单位：B are two lines of one list, each whole;
    so is a label of any kind under such a list: 完成时限：2023年底前).
    The open parenthesis is for text made from a PDF (``pdftotext``), which keeps every printed line:
    "（市农业农村委、市工业和信息化局、市发展改革委、市文化和" / "旅游局、…按职责分工负责）" has no comma.

    The last-piece test matters for scraped text, whose long lines hold many sentences: a line of
    prose that ends in a section heading (``…规范发展。三、构建绿色低碳循环发展的流通体系`` / a
    parenthesis of another reader) is cut *after* the heading, and joining would glue the heading to
    the next line's text.
    """
    edits: list[Edit] = []
    line_start = 0  # start of the current line *after* the joins decided so far
    for m in _BREAK.finditer(text):
        s, e = m.span()
        if s == 0 or e == len(text):
            line_start = e
            continue
        prev_line = text[line_start:s]
        last_piece = line_start + max((prev_line.rfind(c) + 1 for c in _PIECE_END), default=0)
        join = (
            bool(prev_line)
            and prev_line[-1] not in TERMINAL
            and not (prev_line[-1] == "." and is_han(prev_line[-2:-1]))  # 请认真贯彻落实. typed half-width
            and (any(c in _PROSE_MARKS for c in prev_line) or prev_line.rfind("（") > prev_line.rfind("）"))
            and not _HEADING_START.match(text, last_piece)
            and not _HEADING_START.match(text, e)
            and not RESP_LABEL.match(text, e)
            and not (RESP_LABEL.match(prev_line) and LABEL.match(text, e))  # 完成时限： under such a list
            and not META_RE.match(prev_line)  # 发布时间：2023-03-15 09:28 信息来源：… is a page's, not prose
            and not _TIMESTAMP.search(prev_line)  # 浏览量：时间：2016-01-17 23:45:19, likewise
            and not _LABEL_LINE.fullmatch(prev_line)  # 下载地址：点击此处下载: a label and a short value
            and not _TITLE_LINE.fullmatch(_line_at(text, e))  # 您的位置：首页»… ⏎ 关于印发…的通知
            and not _BREADCRUMB.match(prev_line)  # 当前位置：首页>政务公开>…>政策法规: a page's, never prose
            and not _NOTE_LINE.match(text, e)  # （此件主动公开） under a notice
            and not ANNEX_RE.match(prev_line)  # 附件：…分工方案 ⏎ 国务院…办公室: an annex's name, no prose
            and "\t" not in prev_line  # a table's rows are lines of their own (cells cut by tabs)
            and "\t" not in _line_at(text, e)
        )
        if join:
            edits.append(Edit(s, e, ""))
        else:
            line_start = e
    return edits


#: Narrowest wrap taken for one: shorter lines of one length are lists, signatures or headings.
MIN_WRAP_WIDTH = 20


def _wrap_width(lengths: list[int]) -> int | None:
    """The width the lines of these ``lengths`` (blank lines left out) were wrapped at, if any: no
    line is longer than it, and at least three lines and a third of all are exactly that long."""
    if not lengths:
        return None
    width = max(lengths)
    full = lengths.count(width)
    return width if width >= MIN_WRAP_WIDTH and full >= 3 and 3 * full >= len(lengths) else None


def unwrap_fixed_width(text: str) -> list[Edit]:
    """Join the lines of a text that was hard-wrapped at a fixed number of characters.

    Defect: a mirror site or a text export wraps every line at N characters, whatever it cuts.  The
    Tianjin scrape wrapped at 200 cuts the heading "（七）提升产业园区（集群）" / "循环化水平。" (a
    break after a closing mark, which :func:`rejoin_broken_lines` keeps), so its two copies no
    longer match; and every wrap adds a line break where no reader's turn ended, which order repair
    reads as evidence of one.  Wrapped at each width from 50 to 399, the scrape misfiled tasks at
    53 of the 350 widths; unwrapped first, at none.

    A text is taken for wrapped at width W when no line is longer than W and at least three lines,
    and a third of all, are exactly W characters long (W at least :data:`MIN_WRAP_WIDTH`): a line of
    exactly W is then joined to the next unless a blank line follows.  That is repeated until no
    width shows (a text wrapped twice).  A paragraph whose length is a multiple of W cannot be told
    from a wrapped one and is joined to the next; a wrap counted in display columns (a CJK
    character as two) is not recognised.
    """
    lines: list[tuple[int, int]] = []  # (offset of each line as joined so far, its length)
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, len(line)))
        pos += len(line) + 1
    edits: list[Edit] = []
    while width := _wrap_width([n for _, n in lines if n]):
        merged: list[tuple[int, int]] = []
        full = False  # the last line merged was exactly ``width`` long
        for start, n in lines:
            if full and n:
                edits.append(Edit(start - 1, start, "", note=f"line wrapped at {width} characters"))
                merged[-1] = (merged[-1][0], merged[-1][1] + n)
            else:
                merged.append((start, n))
            full = n == width
        lines = merged
    return sorted(edits, key=lambda e: e.start)


#: The rules in the order they run, and why that order:
#: unwrapping first (it measures the lines as the wrapping tool cut them, before any rule changes
#: their lengths); mojibake next (it works on byte-level garbage); invisible characters after it (a
#: soft hyphen can be a byte of mojibake); ruby readings next (they must still stand right after their
#: character, and in the brackets as printed); radicals before the ⼜ decision (the lexicon needs the
#: neighbours clean); presentation forms before punctuation (a small ﹐ becomes ASCII, then full-width
#: next to Chinese); traditional→simplified after both (OpenCC needs real ideographs); punctuation
#: before spacing (the spacing rule treats full-width marks as Chinese); a field table's cells, a
#: flattened text's line breaks and a heading's blank before spacing too (their blanks are what parts
#: them); line joining last (it reads the finished punctuation).
RULES: tuple[Rule, ...] = (
    unwrap_fixed_width,
    fix_mojibake,
    drop_invisible_characters,
    drop_ruby_readings,
    map_radicals,
    map_presentation_forms,
    map_number_forms,
    resolve_mouth_again_confusion,
    convert_traditional,
    harmonize_punctuation,
    label_field_table_cells,
    break_flattened_lines,
    part_heading_from_its_text,
    remove_spaces_in_chinese,
    rejoin_broken_lines,
)

RULES_BY_NAME: dict[str, Rule] = {r.__name__: r for r in RULES}
