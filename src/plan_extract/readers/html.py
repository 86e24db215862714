"""Saved HTML pages (gov.cn and similar CMS pages): the article body as paragraphs, plus the page's
metadata table.

Why a real parser and not regular expressions: government pages are machine-generated table soup
(the State Council pages nest the article in a ``<td class="b12c" id="UCAP-CONTENT">`` four tables
deep), often malformed (unclosed ``<p>``/``<td>``), and carry entities, ``<script>`` blocks and
navigation around the text.  A regex over tags cannot tell the article from the share buttons; a
tree built by :class:`html.parser.HTMLParser` can.

What comes out (for ``gov-05.html``, 国发〔2019〕3号)::

    国务院关于促进综合保税区高水平开放高质量发展的若干意见      <- title, once (the page splits it
                                                                   over two <p>; they are merged)
    国发〔2019〕3号
    各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
    ...
    一、指导思想                                              <- bold -> ``heading_offsets``
    ...
    国务院                                                    <- signature lines stay separate
    2019年1月12日
    （此件公开发布）

paragraphs joined by ``"\\n\\n"``, and ``metadata == {"索引号": "000014349/2019-00003", "发文字号":
"国发〔2019〕3号", "成文日期": "2019年01月12日", ..., "html_title": "..."}`` read from the metadata
table's cells (label cell, value cell), never from the body text.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import regex

from ..errors import InputError
from ..front import looks_like_title
from .base import Noise, SourceText
from .chrome import chrome_only
from .record import read_bytes
from .text import _BINARY_BYTES, decode_bytes

# --------------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------------

#: Labels of the gov.cn metadata table ("索 引 号：", "标　　题：" once whitespace is removed).
#: 主题词 is recognised so that its (usually empty) row is not mistaken for body text.
METADATA_LABELS: tuple[str, ...] = (
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "标题",
    "发文字号",
    "发布日期",
    "主题词",
)
_LABEL_SET = frozenset(METADATA_LABELS)
_COLONS = ("：", ":")

_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split()
)
_HEAD_CONTENT = frozenset("base basefont bgsound link meta noscript script style template title".split())
#: Subtrees whose text is never page text.  ``rt``/``rp``: a ruby annotation's reading and its fallback
#: brackets (號<rp>(</rp><rt>hào</rt><rp>)</rp>), which a browser prints above the character, not in the line.
_SKIP = frozenset(
    "head title script style noscript template iframe frame frameset object embed applet canvas svg math "
    "audio video map button select option textarea input datalist rt rp".split()
)
#: Elements that start and end a paragraph.
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li listing main menu nav ol p "
    "plaintext pre section summary table tbody tfoot thead tr ul xmp".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_BOLD_TAGS = frozenset({"b", "strong"})
#: Start tags that implicitly close an open <p> (HTML5 "close a p element").
_CLOSES_P = (_BLOCK - {"body", "html", "tbody", "tfoot", "thead", "tr", "caption"}) | {"li", "dd", "dt"}
_P_SCOPE = frozenset({"#root", "html", "td", "th", "table", "caption", "button", "object", "marquee", "applet"})
#: Chrome container tags: never article text, wherever they are.
_CHROME_TAGS = frozenset({"nav", "aside", "footer"})
#: id/class parts (split on - and _) that mark navigation, share and print widgets ("article-share").
_CHROME_PARTS = frozenset(
    {
        "nav",
        "navbar",
        "menu",
        "share",
        "footer",
        "foot",
        "qr",
        "toolbar",
        "sidebar",
        "print",
        "close",
        "crumb",
        "crumbs",
    }
)
#: Whole id/class tokens that mark chrome but are too generic as parts ("position-relative" is layout).
_CHROME_TOKENS = frozenset({"position", "location", "dqwz", "pos", "weizhi", "bread"})
#: Substrings of an id/class that mark chrome even inside a longer token ("BreadcrumbNav").
_CHROME_SUBSTRINGS = ("breadcrumb", "bdshare", "qrcode", "qr_container", "sharebox", "fontsize", "fontzoombar")

#: Dropped from text: zero-width characters, soft hyphen, C0/C1 controls, and the cell sentinel.
_CELL = "\ufdd0"  # a Unicode noncharacter: marks a table-cell boundary inside a line while extracting
_DROP = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        0xAD,
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
        0xFDD0,
    ],
    None,
)
#: Marks that Chinese typesetting sets full-width: no space between them and a CJK character.
_CJK_MARKS = frozenset("“”‘’…—·")

_GB_LABELS = frozenset(
    {
        "gb2312",
        "gbk",
        "gb_2312",
        "gb_2312-80",
        "gb18030",
        "x-gbk",
        "cp936",
        "ms936",
        "windows-936",
        "csgb2312",
        "chinese",
        "iso-ir-58",
        "csiso58gb231280",
        "euc-cn",
        "x-euc-cn",
    }
)
_SNIFF_BYTES = 16384
#: Open elements deeper than this are attached flat, as Chromium's parser does
#: (kMaximumHTMLParserDOMTreeDepth = 512): keeps implied-end-tag scans bounded on pathological pages.
_MAX_DEPTH = 512


# --------------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------------


def read_html(path: str | Path, data: bytes | None = None) -> SourceText:
    """Read a saved HTML page into a :class:`SourceText` (``kind="html"``).

    ``data`` overrides reading ``path`` (the pipeline may already hold the bytes).  Raises
    :class:`InputError` for unreadable, binary, undecodable or empty pages; e.g. ``<html><body>
    <script>x()</script></body></html>`` gives ``"<path>: HTML page has no body text"``.
    """
    p = Path(path)
    spath = str(path)
    if data is None:
        data = read_bytes(p, spath)
    markup, encoding = decode_html(spath, data)

    builder = _TreeBuilder()
    try:
        builder.feed(markup)
        builder.close()
    except (AssertionError, ValueError) as exc:  # HTMLParser's own sanity checks on pathological input
        raise InputError(spath, f"cannot parse HTML: {exc}") from None
    root = builder.root

    metadata, metadata_tables = _scan_metadata(root)
    html_title = _first_title(root)
    if html_title:
        metadata["html_title"] = html_title

    invisible, chrome = _zones(root)
    container = _find_container(root, metadata_tables, invisible, chrome)
    in_container = container.tag != "body" and container is not root
    paragraphs, noise = _Extractor(metadata_tables, inside_container=in_container).run(container)
    paragraphs, widgets = _drop_chrome_paragraphs(paragraphs)
    noise.extend(widgets)
    if not paragraphs:
        raise InputError(spath, "HTML page has no body text")

    title = metadata.get("标题") or _main_heading(root, html_title, chrome) or _document_title_in(html_title)
    if title:
        paragraphs = _place_title(paragraphs, title)

    text, heading_offsets = _join(paragraphs)
    return SourceText(
        path=spath,
        name=p.name,
        kind="html",
        text=text,
        encoding=encoding,
        noise=tuple(noise),
        metadata=metadata,
        heading_offsets=frozenset(heading_offsets),
    )


# --------------------------------------------------------------------------------------------------
# Encoding
# --------------------------------------------------------------------------------------------------


def decode_html(path: str, data: bytes) -> tuple[str, str]:
    """Decode an HTML page strictly: BOM, else valid UTF-8, else the declared charset, else detection.

    Why UTF-8 validity beats the declaration: Chinese CMS pages are often re-saved as UTF-8 but keep
    ``<meta charset="gb2312">``; decoding those bytes as GB18030 "succeeds" and yields fluent-looking
    garbage (锟斤拷-style), whereas a genuine GBK page is practically never valid multi-byte UTF-8.
    ``gbk``/``gb2312`` declarations are decoded as ``gb18030``, their superset, so a page using one
    character outside GB2312 (e.g. 镕 in a name) still decodes.
    """
    if not data:
        raise InputError(path, "file is empty")
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(path, data)
    sample = data[:65536]
    binary = sum(1 for b in sample if b in _BINARY_BYTES)
    if b"\x00" in sample or binary > max(2, len(sample) // 1000):
        raise InputError(path, "looks like a binary file, not an HTML page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    label, codec = sniff_charset(data)
    problem = ""
    if codec is not None and codec != "utf-8":
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            problem = f"declares charset {label} but is not valid {codec} (byte {exc.start})"
    elif label is not None and codec is None:
        problem = f"declares unknown charset {label!r}"
    try:
        return decode_bytes(path, data)
    except InputError as exc:
        raise InputError(path, f"{problem}; {exc.problem}" if problem else exc.problem) from None


def sniff_charset(data: bytes) -> tuple[str | None, str | None]:
    """The charset a page declares in ``<meta>`` (or an XML declaration): ``(label, python codec)``.

    The prefix is decoded as Latin-1 (one char per byte, so ASCII markup survives whatever the real
    encoding) and run through :class:`HTMLParser`; e.g. ``<meta http-equiv="Content-Type"
    content="text/html; charset=gb2312">`` gives ``("gb2312", "gb18030")``.  An unknown label gives
    ``(label, None)``.
    """
    sniffer = _CharsetSniffer()
    try:
        sniffer.feed(data[:_SNIFF_BYTES].decode("latin-1"))
    except (AssertionError, ValueError, _SniffDone):
        pass
    label = sniffer.label
    if label is None:
        return None, None
    return label, _codec_for(label)


def _codec_for(label: str) -> str | None:
    name = label.strip().strip("'\"").lower()
    if name in _GB_LABELS:
        return "gb18030"
    if name.startswith("utf-16") or name in {"utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"}:
        return "utf-8"  # HTML rule: a UTF-16 declaration on a BOM-less page means UTF-8
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class _SniffDone(Exception):
    """Raised by the sniffer to stop parsing once the charset (or <body>) is found."""


class _CharsetSniffer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            raise _SniffDone
        if tag != "meta":
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        if values.get("charset", "").strip():
            self.label = values["charset"].strip()
            raise _SniffDone
        if values.get("http-equiv", "").strip().lower() == "content-type":
            found = _charset_param(values.get("content", ""))
            if found:
                self.label = found
                raise _SniffDone

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_pi(self, data: str) -> None:
        # <?xml version="1.0" encoding="gbk"?>
        if data.lower().startswith("xml"):
            found = _charset_param(data, key="encoding")
            if found:
                self.label = found
                raise _SniffDone


def _charset_param(value: str, key: str = "charset") -> str | None:
    """``"text/html; charset=gb2312"`` -> ``"gb2312"`` (plain string scanning of one attribute value)."""
    low = value.lower()
    at = low.find(key)
    while at != -1:
        rest = value[at + len(key) :].lstrip()
        if rest.startswith("="):
            rest = rest[1:].lstrip().lstrip("'\"")
            end = len(rest)
            for stop in ";'\" \t\r\n?>":
                pos = rest.find(stop)
                if pos != -1:
                    end = min(end, pos)
            return rest[:end] or None
        at = low.find(key, at + len(key))
    return None


# --------------------------------------------------------------------------------------------------
# Tree building (HTMLParser events -> a small DOM with the browser's implied end tags)
# --------------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None
    children: list[_Node | str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.attrs.get("id", "").strip().lower()

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").lower().split()

    def iter(self) -> Iterator[_Node]:
        """All element nodes of the subtree in document order (iterative: pages nest thousands deep)."""
        stack: list[_Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))


class _TreeBuilder(HTMLParser):
    """Builds a :class:`_Node` tree, closing what browsers close implicitly.

    Why the implied-end-tag rules matter: ``<p>一、总体要求<p>（一）指导思想`` is two paragraphs in a
    browser; without closing the first ``<p>`` they would nest and run together.  Stray end tags
    (``</div>`` with no open div in scope) are ignored, as browsers do.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack: list[_Node] = [self.root]
        self._seen: set[str] = set()
        # How many elements of each tag are open: a stray </span> deep inside 10,000 unclosed <div>
        # is then dismissed without scanning the stack (keeps pathological pages linear).
        self._open: dict[str, int] = {}

    @property
    def current(self) -> _Node:
        return self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"html", "body"}:
            return  # content after </body> is still body content in browsers
        if tag == "head":
            self._close_head()
            return
        if tag == "br":  # </br> is a <br> in every browser
            self._start("br", [], self_closing=True)
            return
        if tag in {"td", "th", "tr", "tbody", "thead", "tfoot", "caption"}:
            boundary: frozenset[str] = frozenset({"table", "#root"})
        elif tag == "table":
            boundary = frozenset({"#root"})
        else:
            boundary = _P_SCOPE
        self._close(frozenset({tag}), boundary)

    def handle_data(self, data: str) -> None:
        if _CELL in data:
            data = data.replace(_CELL, "")
        if not data:
            return
        if self.current.tag == "head" and data.strip():
            self._close_head()
        self.current.children.append(data)

    # -- helpers -----------------------------------------------------------------------------------

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> None:
        if tag in {"html", "head", "body"}:
            if tag in self._seen:
                return
            self._seen.add(tag)
        if tag == "body" or (tag not in _HEAD_CONTENT and tag != "head"):
            self._close_head()
        self._imply_end_tags(tag)
        node = _Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if not (self_closing or tag in _VOID) and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)
            self._open[tag] = self._open.get(tag, 0) + 1

    def _imply_end_tags(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close(frozenset({"p"}), _P_SCOPE)
        if tag == "li":
            self._close(frozenset({"li"}), _P_SCOPE | {"ul", "ol"})
        elif tag in {"dt", "dd"}:
            self._close(frozenset({"dt", "dd"}), _P_SCOPE | {"dl"})
        elif tag == "tr":
            self._close(frozenset({"tr"}), frozenset({"table", "#root"}))
        elif tag in {"td", "th"}:
            self._close(frozenset({"td", "th"}), frozenset({"tr", "table", "#root"}))
        elif tag in {"tbody", "thead", "tfoot"}:
            self._close(frozenset({"tbody", "thead", "tfoot"}), frozenset({"table", "#root"}))
        elif tag == "option":
            self._close(frozenset({"option"}), frozenset({"select", "#root"}))
        elif tag == "a":
            self._close(frozenset({"a"}), _P_SCOPE)
        elif tag in _HEADINGS and self.current.tag in _HEADINGS:
            self._pop_to(len(self.stack) - 1)

    def _close(self, names: frozenset[str], boundary: frozenset[str]) -> None:
        """Pop up to and including the innermost open ``names`` element, unless ``boundary`` comes first."""
        if not any(self._open.get(name) for name in names):
            return
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in names:
                self._pop_to(i)
                return
            if tag in boundary:
                return

    def _close_head(self) -> None:
        if self._open.get("head"):
            self._close(frozenset({"head"}), frozenset())

    def _pop_to(self, index: int) -> None:
        """Remove ``stack[index:]``, keeping the open-tag counts in step."""
        for node in self.stack[index:]:
            self._open[node.tag] -= 1
        del self.stack[index:]


# --------------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------------


def _is_cjk(ch: str) -> bool:
    """Han ideographs, kana, bopomofo, CJK punctuation (、。〔〕《》) and full-width forms (，：（）)."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x2FFF
        or 0x3001 <= o <= 0x33FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE10 <= o <= 0xFE1F
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF01 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
    )


def _tight(a: str, b: str) -> bool:
    """No space between ``a`` and ``b``: both CJK, or CJK next to a full-width mark (“ ” … —)."""
    ca, cb = _is_cjk(a), _is_cjk(b)
    return (ca and cb) or (ca and b in _CJK_MARKS) or (cb and a in _CJK_MARKS)


def clean_inline(raw: str) -> str:
    """Collapse whitespace the way a browser renders it, minus the spaces Chinese never has.

    HTML source wraps long lines, so ``"综合保税区\\n        高水平开放"`` renders with a space a
    Chinese reader never sees; here a whitespace run between two CJK characters disappears, any other
    run becomes one space, and leading/trailing whitespace -- including ``&nbsp;`` and the
    ideographic space U+3000 used for indentation -- is stripped: ``"\\u3000\\u3000国务院 &nbsp;
    &nbsp;"`` -> ``"国务院"``, ``"到 2020 年"`` stays ``"到 2020 年"``.
    """
    text = raw.translate(_DROP)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if not ch.isspace():
            out.append(ch)
            i += 1
            continue
        j = i
        while j < n and text[j].isspace():
            j += 1
        if out and j < n and not _tight(out[-1], text[j]):
            out.append(" ")
        i = j
    return "".join(out)


def _key(text: str) -> str:
    """Whitespace-free form used to compare titles and labels (``"标　　题："`` -> ``"标题："``)."""
    return "".join(ch for ch in text if not ch.isspace())


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if _is_cjk(ch))


def _is_hidden(node: _Node) -> bool:
    if "hidden" in node.attrs or node.attrs.get("aria-hidden", "").lower() == "true":
        return True
    style = _key(node.attrs.get("style", "").lower())
    return "display:none" in style or "visibility:hidden" in style


def _is_bold(node: _Node) -> bool:
    if node.tag in _BOLD_TAGS:
        return True
    style = _key(node.attrs.get("style", "").lower())
    at = style.find("font-weight:")
    if at == -1:
        return False
    value = style[at + len("font-weight:") :].split(";", 1)[0]
    return value in {"bold", "bolder", "600", "700", "800", "900"}


def _is_chrome(node: _Node) -> bool:
    """Navigation, breadcrumb, share/print widgets: by tag, or by id/class (``"bdsharebuttonbox"``)."""
    if node.tag in _CHROME_TAGS:
        return True
    for token in [node.id, *node.classes]:
        if not token:
            continue
        if token in _CHROME_TOKENS or any(s in token for s in _CHROME_SUBSTRINGS):
            return True
        if any(part in _CHROME_PARTS for part in token.replace("_", "-").split("-")):
            return True
    return False


def _plain_text(node: _Node) -> str:
    """Visible text of a subtree on one line (cells, metadata values, headings)."""
    parts: list[str] = []
    stack: list[_Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item is node or (item.tag not in _SKIP and not _is_hidden(item)):
            if item.tag in _BLOCK or item.tag in {"br", "td", "th"}:
                parts.append(" ")
            stack.extend(reversed(item.children))
    return clean_inline("".join(parts))


# --------------------------------------------------------------------------------------------------
# Metadata and title
# --------------------------------------------------------------------------------------------------


_LAYOUT = "<layout cell>"


def _label_of(cell_text: str) -> str | None:
    key = _key(cell_text)
    if key.endswith(_COLONS) and key[:-1] in _LABEL_SET:
        return key[:-1]
    return None


def _row_cells(row: _Node) -> list[_Node]:
    """The td/th cells of a row, without descending into tables nested in the cells."""
    cells: list[_Node] = []
    stack = [c for c in reversed(row.children) if isinstance(c, _Node)]
    while stack:
        node = stack.pop()
        if node.tag in {"td", "th"}:
            cells.append(node)
        elif node.tag not in {"table", "tr"}:
            stack.extend(c for c in reversed(node.children) if isinstance(c, _Node))
    return cells


def _owner_table(node: _Node) -> _Node | None:
    parent = node.parent
    while parent is not None and parent.tag != "table":
        parent = parent.parent
    return parent


def _scan_metadata(root: _Node) -> tuple[dict[str, str], set[int]]:
    """Read the gov.cn metadata table by cells: a label cell (``<td><b>发文字号：</b></td>``) is
    followed by its value cell (``<td>国发〔2019〕3号</td>``).

    Why cells and not text: the labels are spaced for layout (``索 引 号：``, ``标　　题：``) and a
    value may be empty (``主 题 词：`` on the State Council pages), so pairing by position is the
    only reliable reading.  A ``<td>发文字号：国发〔2019〕3号</td>`` cell holding both is accepted too.
    Returns the metadata and the ids of tables made only of such pairs (kept out of the body text).
    """
    metadata: dict[str, str] = {}
    stats: dict[int, list[int]] = {}  # id(table) -> [label cells, cells accounted for, non-empty cells]
    nodes = list(root.iter())
    holds_table: set[int] = set()  # layout cells wrapping whole tables: never a label or a value
    for node in reversed(nodes):  # children before parents
        if any(isinstance(c, _Node) and (c.tag == "table" or id(c) in holds_table) for c in node.children):
            holds_table.add(id(node))
    for row in nodes:
        if row.tag != "tr":
            continue
        table = _owner_table(row)
        counts = stats.setdefault(id(table), [0, 0, 0])
        texts = [_LAYOUT if id(cell) in holds_table else _plain_text(cell) for cell in _row_cells(row)]
        i = 0
        while i < len(texts):
            text = texts[i]
            if text:
                counts[2] += 1
            label = _label_of(text)
            if label is not None:
                counts[0] += 1
                counts[1] += 1
                value = texts[i + 1] if i + 1 < len(texts) and _label_of(texts[i + 1]) is None else ""
                if value:
                    counts[1] += 1
                    counts[2] += 1
                    metadata.setdefault(label, value)
                i += 2 if value else 1
                continue
            inline = _inline_pair(text)
            if inline is not None:
                counts[0] += 1
                counts[1] += 1
                metadata.setdefault(*inline)
            i += 1
    tables = {tid for tid, (labels, accounted, nonempty) in stats.items() if labels and accounted == nonempty}
    return metadata, tables


def _inline_pair(text: str) -> tuple[str, str] | None:
    """``"发文字号：国发〔2019〕3号"`` -> ``("发文字号", "国发〔2019〕3号")``."""
    for colon in _COLONS:
        head, sep, tail = text.partition(colon)
        if sep and _key(head) in _LABEL_SET and tail.strip():
            return _key(head), tail.strip()
    return None


def _zones(root: _Node) -> tuple[set[int], set[int]]:
    """Ids of nodes never shown as page text (in <head>, <script>, hidden, ...) and of nodes in
    chrome (navigation, share bars, footers) or never shown: one top-down pass, not a walk up from
    every node.
    """
    invisible: set[int] = set()
    chrome: set[int] = set()
    stack: list[tuple[_Node, bool, bool]] = [(root, False, False)]
    while stack:
        node, parent_invisible, parent_chrome = stack.pop()
        hidden = parent_invisible or node.tag in _SKIP or _is_hidden(node)
        in_chrome = parent_chrome or hidden or _is_chrome(node)
        if hidden:
            invisible.add(id(node))
        if in_chrome:
            chrome.add(id(node))
        stack.extend((c, hidden, in_chrome) for c in node.children if isinstance(c, _Node))
    return invisible, chrome


def _first_title(root: _Node) -> str:
    for node in root.iter():
        if node.tag == "title" and not _inside(node, "svg"):
            return clean_inline("".join(c for c in node.children if isinstance(c, str)))
    return ""


def _inside(node: _Node, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _main_heading(root: _Node, html_title: str, chrome: set[int]) -> str:
    """The page's printed main heading when there is no metadata 标题.

    Sites often use ``<h1>`` for the logo too, so an ``<h1>`` whose text occurs in ``<title>``
    (``"国务院关于…的通知_政策_中国政府网"``) wins; otherwise the first with at least 6 characters.
    """
    title_key = _key(html_title)
    for level in ("h1", "h2"):
        found = [_plain_text(n) for n in root.iter() if n.tag == level and id(n) not in chrome]
        found = [t for t in found if t]
        for text in found:
            if title_key and len(_key(text)) >= 4 and _key(text) in title_key:
                return text
        for text in found:
            if len(_key(text)) >= 6:
                return text
    return ""


#: What a site puts between the document's title and its own name in ``<title>``: 关于…的通知_政策_某某网.
_TITLE_PARTS = regex.compile(r"\s*(?:[_|｜]|\s[-—–]\s|--|——)\s*")


def _document_title_in(html_title: str) -> str:
    """The document's title in the page's ``<title>`` where the page prints no heading: the part that
    reads as a title (关于…的通知, …实施方案), not the site's name or section.

    Why: a page that sets its title in a styled ``<div>`` or a ``<td>``, not ``<h1>``/``<h2>`` (a county
    site's article template), gave no title at all; the browser's tab shows it, so the page does say it.
    """
    parts = [p for p in _TITLE_PARTS.split(html_title) if p]
    found = [p for p in parts if len(_key(p)) >= 6 and looks_like_title(p)]
    return found[0] if found else ""


# --------------------------------------------------------------------------------------------------
# Content container
# --------------------------------------------------------------------------------------------------


def _has_class(*names: str) -> Callable[[_Node], bool]:
    wanted = frozenset(names)
    return lambda node: any(c in wanted for c in node.classes)


def _has_id(*names: str) -> Callable[[_Node], bool]:
    wanted = frozenset(names)
    return lambda node: node.id in wanted


#: Known article containers, strongest first: gov.cn (``td.b12c#UCAP-CONTENT`` on the State Council
#: document pages, ``div.pages_content#UCAP-CONTENT`` on the newer ones), TRS CMS (``div#zoom``,
#: ``div.TRS_Editor``) used by most ministries and provinces, then generic article markup.
_KNOWN_CONTAINERS: tuple[Callable[[_Node], bool], ...] = (
    _has_id("ucap-content"),
    _has_class("pages_content", "b12c"),
    _has_id("zoom", "fontzoom", "zoomcon"),
    _has_class("trs_editor", "article-content", "article_content", "articlecontent", "wp_articlecontent"),
    lambda node: node.tag == "article" or "article" in node.classes,
)


def _cjk_in(node: _Node, skip_tables: set[int]) -> int:
    total = 0
    stack: list[_Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += _cjk_count(item)
        elif item is node or not (item.tag in _SKIP or id(item) in skip_tables or _is_hidden(item)):
            stack.extend(item.children)
    return total


def _find_container(root: _Node, metadata_tables: set[int], invisible: set[int], chrome: set[int]) -> _Node:
    """The element holding the article: a known container with CJK text, else the element whose
    direct ``<p>`` children hold the most CJK text, else ``<body>`` (or the whole document).

    A known container is accepted even inside an element whose class merely looks like chrome
    (a layout wrapper named ``"main-nav-wrap"`` happens); the ``<p>`` scoring ignores chrome zones,
    so a footer's ``<p>版权所有…</p>`` lines cannot win.
    """
    candidates = [n for n in root.iter() if id(n) not in invisible and not _is_chrome(n)]
    for predicate in _KNOWN_CONTAINERS:
        scored = [(_cjk_in(n, metadata_tables), n) for n in candidates if predicate(n)]
        best = max(scored, key=lambda pair: pair[0], default=(0, root))
        if best[0] > 0:
            return best[1]
    scores: dict[int, int] = {}
    owners: dict[int, _Node] = {}
    for node in candidates:
        if node.tag == "p" and node.parent is not None and id(node) not in chrome:
            count = _cjk_in(node, metadata_tables)
            if count:
                scores[id(node.parent)] = scores.get(id(node.parent), 0) + count
                owners[id(node.parent)] = node.parent
    if scores:
        return owners[max(scores, key=lambda k: scores[k])]
    return next((n for n in candidates if n.tag == "body"), root)


# --------------------------------------------------------------------------------------------------
# Body extraction
# --------------------------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    text: str
    heading: bool


@dataclass
class _Run:
    text: str
    bold: bool


class _Extractor:
    """Walks the container and emits paragraphs: block elements, table rows and double ``<br>`` end a
    paragraph; a single ``<br>`` ends a line; table cells in a row are joined by a tab.

    Why ``<br><br>`` is a paragraph break but ``<br>`` is not: CMS editors type Enter twice between
    paragraphs and Shift+Enter inside one (a signature "国务院<br>2019年1月12日" is one block of two
    lines); a lone ``<br>`` is a line break inside a paragraph.
    """

    def __init__(self, metadata_tables: set[int], *, inside_container: bool) -> None:
        self.metadata_tables = metadata_tables
        self.inside_container = inside_container
        self.paragraphs: list[_Paragraph] = []
        self.noise: list[Noise] = []
        self._lines: list[list[_Run]] = [[]]
        self._pending_br = 0
        self._heading = False
        self._bold = 0
        self._head_level = 0
        self._pre = 0

    def run(self, container: _Node) -> tuple[list[_Paragraph], list[Noise]]:
        # Iterative walk: (node, entering) events; strings are text.
        stack: list[tuple[_Node | str, bool]] = [(container, True)]
        while stack:
            item, entering = stack.pop()
            if isinstance(item, str):
                self._text(item)
                continue
            if entering:
                if item is not container and self._skip(item):
                    continue
                self._enter(item)
                stack.append((item, False))
                stack.extend((child, True) for child in reversed(item.children))
            else:
                self._exit(item)
        self._break_paragraph()
        return self.paragraphs, self.noise

    def _skip(self, node: _Node) -> bool:
        if node.tag in _SKIP or id(node) in self.metadata_tables or _is_hidden(node):
            return True
        if _is_chrome(node) or (not self.inside_container and node.tag == "header"):
            text = _plain_text(node)
            if text and self.inside_container:
                self.noise.append(Noise(kind="html_chrome", text=text))
            return True
        return False

    def _enter(self, node: _Node) -> None:
        tag = node.tag
        if tag == "br":
            self._pending_br += 1
            return
        if tag in _BLOCK:
            self._break_paragraph()
        elif tag in {"td", "th"}:
            self._pending_br = 0
            self._lines[-1].append(_Run(_CELL, False))
        if _is_bold(node):
            self._bold += 1
        if tag in _HEADINGS:
            self._head_level += 1
        if tag in {"pre", "listing", "xmp", "plaintext"}:
            self._pre += 1

    def _exit(self, node: _Node) -> None:
        tag = node.tag
        if tag == "br":
            return
        if _is_bold(node):
            self._bold -= 1
        if tag in _HEADINGS:
            self._head_level -= 1
        if tag in {"pre", "listing", "xmp", "plaintext"}:
            self._pre -= 1
        if tag in _BLOCK:
            self._break_paragraph()
        elif tag in {"td", "th"}:
            self._lines[-1].append(_Run(_CELL, False))

    def _text(self, data: str) -> None:
        if not data.strip():
            if self._pending_br == 0:
                self._lines[-1].append(_Run(data, self._bold > 0))
            return
        self._resolve_br()
        if self._head_level:
            self._heading = True
        if self._pre:
            first, *rest = data.split("\n")
            self._lines[-1].append(_Run(first, self._bold > 0))
            for line in rest:
                self._lines.append([_Run(line, self._bold > 0)])
            return
        self._lines[-1].append(_Run(data, self._bold > 0))

    def _resolve_br(self) -> None:
        if self._pending_br >= 2:
            self._break_paragraph()
        elif self._pending_br == 1:
            self._lines.append([])
        self._pending_br = 0

    def _break_paragraph(self) -> None:
        self._pending_br = 0
        lines: list[str] = []
        all_bold = True
        for runs in self._lines:
            cells = "".join(r.text for r in runs).split(_CELL)
            line = "\t".join(c for c in (clean_inline(cell) for cell in cells) if c)
            if line:
                lines.append(line)
                all_bold = all_bold and all(r.bold for r in runs if r.text.strip() and r.text != _CELL)
        if lines:
            text = "\n".join(lines)
            short_bold = all_bold and len(text) <= 80 and "\n" not in text
            self.paragraphs.append(_Paragraph(text, self._heading or short_bold))
        self._lines = [[]]
        self._heading = False


# --------------------------------------------------------------------------------------------------
# Post-processing
# --------------------------------------------------------------------------------------------------


def _drop_chrome_paragraphs(paragraphs: list[_Paragraph]) -> tuple[list[_Paragraph], list[Noise]]:
    kept: list[_Paragraph] = []
    dropped: list[Noise] = []
    for para in paragraphs:
        if chrome_only(para.text):
            dropped.append(Noise(kind="html_chrome", text=para.text))
        else:
            kept.append(para)
    return kept, dropped


def _join_title_parts(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        out += part if _tight(out[-1], part[0]) else " " + part
    return out


def _place_title(paragraphs: list[_Paragraph], title: str, window: int = 5) -> list[_Paragraph]:
    """Make the printed title appear exactly once, as its own paragraph, near the start.

    Why merging: gov.cn typesets long titles over two centred ``<p>`` lines (``国务院关于促进综合保税区``
    / ``高水平开放高质量发展的若干意见``); left apart, the title never appears as one string, and
    prepending it would print it twice.  So consecutive leading paragraphs that together spell the
    title are merged; if the first few paragraphs already contain it, nothing is added; otherwise
    (title only in the metadata table or an ``<h1>`` outside the container) it is prepended.
    "Already there" means a paragraph among the first ``window`` *starts with* the title (a preamble
    such as ``国务院文件`` may precede it); a mere mention inside a sentence does not count.
    """
    want = _key(title)
    if not want:
        return paragraphs
    head = min(window, len(paragraphs))
    for start in range(head):
        if _key(paragraphs[start].text).startswith(want):
            return paragraphs
        joined = ""
        for stop in range(start, min(start + 4, len(paragraphs))):
            joined += _key(paragraphs[stop].text)
            if not want.startswith(joined):
                break
            if joined == want and stop > start:
                parts = paragraphs[start : stop + 1]
                merged = _Paragraph(_join_title_parts([p.text for p in parts]), any(p.heading for p in parts))
                return [*paragraphs[:start], merged, *paragraphs[stop + 1 :]]
    return [_Paragraph(clean_inline(title), True), *paragraphs]


def _join(paragraphs: list[_Paragraph]) -> tuple[str, list[int]]:
    pieces: list[str] = []
    headings: list[int] = []
    offset = 0
    for para in paragraphs:
        if pieces:
            offset += 2
        if para.heading:
            headings.append(offset)
        pieces.append(para.text)
        offset += len(para.text)
    return "\n\n".join(pieces), headings
