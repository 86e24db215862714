"""Character classes used by the rules: what counts as Chinese text for punctuation and spacing."""

from __future__ import annotations

import regex

#: Full-width / CJK punctuation and symbols that sit inside Chinese prose.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～·％"

_HAN = regex.compile(r"\p{Han}")


def is_han(ch: str) -> bool:
    return bool(ch) and _HAN.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """A Han character or CJK punctuation (full-width forms, ideographic space excluded)."""
    if not ch:
        return False
    if ch in CJK_PUNCT or is_han(ch):
        return True
    cp = ord(ch)
    return 0x3001 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E


#: Punctuation that may end a paragraph (a line ending otherwise is a line wrap, not a break).
TERMINAL = "。！？；：…”’）》」』】〕!?;:)"
