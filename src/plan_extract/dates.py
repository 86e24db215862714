"""Dates as printed (2022年3月25日, 2022-03-29, 2019年01月12日, 二〇一一年三月三十日) → ISO 8601."""

from __future__ import annotations

import datetime as dt

import regex

from .numerals import parse_chinese_number

#: Digits of a year written in Chinese numerals, one character a digit: 二〇一一.  Its zero is often
#: typed as a look-alike: ○ (U+25CB WHITE CIRCLE, 二○一○年), a Latin O (二OO六年), a full-width Ｏ.
_ZEROS = "〇○OＯ"
_YEAR_DIGITS = f"{_ZEROS}零一二三四五六七八九"
#: A month or day in Chinese numerals: 三, 十二, 三十一.
CN_MONTH_DAY = "[一二三四五六七八九十]{1,3}"
#: A date written in Chinese numerals, as formal documents signed it until GB/T 9704-2012 (二〇一一年三月三十日).
CN_DATE = rf"([{_YEAR_DIGITS}]{{4}})\s*年\s*({CN_MONTH_DAY})\s*月\s*({CN_MONTH_DAY})\s*日"
_DATE = regex.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?")
_CN = regex.compile(CN_DATE)


def to_iso(text: str | None) -> str | None:
    """``"2022年3月25日"`` → ``"2022-03-25"``, ``"二〇一一年三月三十日"`` → ``"2011-03-30"``; ``None`` when
    the text holds no valid date."""
    if not text:
        return None
    m = _DATE.search(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _CN.search(text):
        year = int("".join("0" if c in _ZEROS else str(parse_chinese_number(c)) for c in m.group(1)))
        month, day = parse_chinese_number(m.group(2)) or 0, parse_chinese_number(m.group(3)) or 0
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
