"""Numbers as documents print them: Chinese numerals in headings, 一 … 九十九 (and 〇/零, 百 for long lists,
壹 … 拾 as formal numerals), and a document's number (发文字号), 津政发〔2022〕5号."""

from __future__ import annotations

#: A document number (发文字号): 津政发〔2022〕5号.
DOC_NUMBER = r"[\p{Han}]{1,12}[〔\[［]\d{4}[〕\]］]第?\d+号"

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: The numerals amounts are written in (大写数字), as some documents number their headings (壹、 …
#: 拾贰、, Taiwan's 貳、參、) and as a converter writes 一 in a page run through it (贵州 2022's repost:
#: 壹、工作目标 ⏎ 二、… ⏎ （壹）…), each read as the everyday numeral it stands for.
FORMAL = "壹贰貳叁參参肆伍陆陸柒捌玖拾佰仟"
_FORMAL_TO_DIGIT = str.maketrans(FORMAL, "一二二三三三四五六六七八九十百千")


def parse_chinese_number(s: str) -> int | None:
    """``"二十八"`` → 28, ``"十"`` → 10, ``"一百零二"`` → 102, ``"一千零五"`` → 1005; ``None`` when not a numeral."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    s = s.translate(_FORMAL_TO_DIGIT)
    total, current = 0, 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def to_chinese_number(n: int) -> str:
    """Inverse of :func:`parse_chinese_number` for 1–9999 (used to print expected labels)."""
    digits = "零一二三四五六七八九"
    if n >= 1000:
        head = digits[n // 1000] + "千"
        rest = n % 1000
        if rest == 0:
            return head
        return (
            head
            + ("零" if rest < 100 else "")
            + (to_chinese_number(rest) if rest >= 20 or rest < 10 else "一" + to_chinese_number(rest))
        )
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    return head + (
        "零" + digits[rest] if rest < 10 else ("一" + to_chinese_number(rest) if rest < 20 else to_chinese_number(rest))
    )
