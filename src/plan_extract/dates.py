"""Dates as printed (2022年3月25日, 2022-03-29, 2019年01月12日) → ISO 8601."""

from __future__ import annotations

import datetime as dt

import regex

_DATE = regex.compile(r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?")


def to_iso(text: str | None) -> str | None:
    """``"2022年3月25日"`` → ``"2022-03-25"``; ``None`` when the text holds no valid date."""
    if not text:
        return None
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
