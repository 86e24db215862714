"""Find duplicated fragments: text that a second reader replayed into the stream.

Why: the Tianjin web scrape was produced by two readers whose output was interleaved; every
fragment both read appears twice (``（三）加快工业绿色转型升级。`` at two places), ~70 of them.
Keeping both would file the same task twice, usually under the wrong measure the second time.

What counts as a duplicate, and why it is safe:

* A sentence, heading or line of at least :data:`MIN_CHARS` characters whose exact text
  (ignoring whitespace) occurred earlier.  Official plans do not repeat whole sentences.
* A parenthesis only when *anchored*: the fragment next to it is a duplicate, and the earlier
  copy of that neighbour has the very same parenthesis on the same side.  Responsibility
  parentheses repeat legitimately (（市工业和信息化局、各区人民政府按职责分工负责） closes five
  different tasks), so an identical parenthesis alone proves nothing.

Nothing that occurs once is ever marked.  The first copy is kept; order repair decides where the
kept text belongs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .segment import Fragment

MIN_CHARS = 6


def pairs_by_text(f: Fragment) -> bool:
    """Whether ``f``'s text alone says a later fragment of the same text repeats it (the first rule
    above): a sentence, heading or line of at least :data:`MIN_CHARS` characters, not a parenthesis."""
    return f.kind != "paren" and len(f.key) >= MIN_CHARS


@dataclass(frozen=True)
class Deduped:
    """All fragments in text order, with ``duplicate_of[i] = k``: fragment i repeats fragment k."""

    fragments: tuple[Fragment, ...]
    duplicate_of: dict[int, int] = field(default_factory=dict)

    @property
    def kept(self) -> list[Fragment]:
        return [f for f in self.fragments if f.index not in self.duplicate_of]


def find_duplicates(fragments: list[Fragment]) -> Deduped:
    first_seen: dict[str, int] = {}
    dup: dict[int, int] = {}
    for f in fragments:
        if not pairs_by_text(f):
            continue
        if f.key in first_seen:
            dup[f.index] = first_seen[f.key]
        else:
            first_seen[f.key] = f.index
    # anchored parentheses, repeated until nothing changes (a run "X（P）（Q）" anchors both); a copy
    # is paired once: "X（P）" read twice and "（P）Y" read twice would otherwise give the first （P）
    # two later copies when the text is "X（P）…（P）Y"
    taken: set[int] = set()
    changed = True
    while changed:
        changed = False
        for f in fragments:
            if f.kind != "paren" or f.index in dup:
                continue
            for step in (-1, 1):
                nb = f.index + step
                if nb in dup and 0 <= dup[nb] - step < len(fragments):
                    partner = fragments[dup[nb] - step]
                    if (
                        partner.kind == "paren"
                        and partner.key == f.key
                        and partner.index not in dup
                        and partner.index not in taken
                    ):
                        dup[f.index] = partner.index
                        taken.add(partner.index)
                        changed = True
                        break
    return Deduped(tuple(fragments), dup)
