"""A web page's widgets printed as text: 【打印本页】【关闭窗口】, 字号：大 中 小, 返回顶部.

Why a module of its own: they reach the pipeline two ways.  The HTML reader finds them as paragraphs
of a page (:mod:`.html`); a page saved or copied as text keeps them as lines (镇巴县 2024: 返回顶部 above
the title, which then read 返回顶部镇巴县人民政府工作规则).  Either way they are layout, not the
document's words, and are taken out as counted noise.
"""

from __future__ import annotations

#: Words a chrome paragraph is made of: "【打印本页】【关闭窗口】", "字号：大 中 小".
CHROME_WORDS = (
    "扫一扫在手机打开当前页",
    "在手机打开当前页",
    "扫一扫",
    "打印本页",
    "打印此页",
    "打印文章",
    "我要打印",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "加入收藏",
    "收藏本页",
    "收藏",
    "分享到",
    "分享",
    "返回顶部",
    "返回",
    "顶部",
    "我要纠错",
    "纠错",
    "字号",
    "字体",
    "默认",
    "大",
    "中",
    "小",
    "保存",
    "微信",
    "微博",
    "朋友圈",
    "复制链接",
)
CHROME_STRONG = ("扫一扫", "打印", "关闭", "收藏", "分享", "返回顶部", "纠错", "字号", "字体")
CHROME_PUNCT = frozenset("【】[]（）()<>〈〉《》：:|｜/·•、，,-—_ \t\u3000\xa0")


def chrome_only(text: str) -> bool:
    """True for a paragraph made only of widget words: ``"【打印本页】【关闭窗口】"``, ``"字号：大中小"``."""
    core = "".join(ch for ch in text if ch not in CHROME_PUNCT and not ch.isspace())
    if not core or not any(word in core for word in CHROME_STRONG):
        return False
    # Can ``core`` be segmented entirely into chrome words?
    ok = [True] + [False] * len(core)
    for end in range(1, len(core) + 1):
        ok[end] = any(ok[end - len(w)] for w in CHROME_WORDS if len(w) <= end and core.endswith(w, 0, end))
    return ok[-1]
