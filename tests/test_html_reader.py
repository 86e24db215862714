"""Tests of the HTML reader: the three saved State Council pages (when ../shared is present) and
small self-contained pages that pin down encoding, structure, metadata and error handling.

Expected values in the corpus tests were read by hand from the saved pages (metadata table cells,
the body's first/last ``<p>``, the bold ``一、`` headings), not from the reader's output.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_extract.errors import InputError
from plan_extract.readers.base import SourceText
from plan_extract.readers.html import clean_inline, read_html, sniff_charset

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not available here")

#: Whitespace between two CJK characters (Han or CJK/full-width punctuation) inside a line.
CJK = r"[\p{Han}\u3001-\u303f\uff01-\uffef]"
CJK_GAP = regex.compile(rf"{CJK}[^\S\n]+{CJK}")
#: The same, but a tab (the reader's table-cell separator, "序号\t任务") between two cells is by design.
CJK_GAP_NOT_CELL = regex.compile(rf"{CJK}[^\S\n\t]+{CJK}|{CJK}\t[^\S\n]+|[^\S\n]+\t{CJK}")
SECTION = regex.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION = regex.compile(r"^（[一二三四五六七八九十]+）")
CHROME_WORDS = ("打印", "关闭窗口", "扫一扫", "收藏", "分享到", "首页", "当前位置", "返回顶部", "手机打开", "字号")

PAGES: dict[str, dict[str, object]] = {
    "gov-05.html": {
        "metadata": {
            "索引号": "000014349/2019-00003",
            "主题分类": "商贸、海关、旅游\\\\海关",  # the saved page prints two backslashes
            "发文机关": "国务院",
            "成文日期": "2019年01月12日",
            "标题": "国务院关于促进综合保税区高水平开放高质量发展的若干意见",
            "发文字号": "国发〔2019〕3号",
            "发布日期": "2019年01月25日",
            "html_title": "国务院关于促进综合保税区高水平开放高质量发展的若干意见",
        },
        "paragraphs": 48,  # 50 <p> in UCAP-CONTENT - 1 empty <p><br></p> - 1 (two title lines merged)
        "sections": ["一、指导思想", "二、基本原则", "三、发展目标", "四、主要任务", "五、有关要求"],
        "subsections": 9,  # （一）-（四） under 二、 and （一）-（五） under 四、
        "numbered": 21,  # tasks 1.-21.
        "second": "国发〔2019〕3号",
        "third": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "last_body": "各省、自治区、直辖市人民政府作为综合保税区的申请设立、规划建设和运行管理主体，"
        "要切实落实主体责任，强化安全监管，加强管理，优化服务，促进综合保税区高水平开放高质量发展。",
        "signature": ["国务院", "2019年1月12日", "（此件公开发布）"],
    },
    "gov-15.html": {
        "metadata": {
            "索引号": "000014349/2018-00223",
            "主题分类": "农业、林业、水利\\\\农业、畜牧业、渔业",
            "发文机关": "国务院",
            "成文日期": "2018年12月21日",
            "标题": "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见",
            "发文字号": "国发〔2018〕42号",
            "发布日期": "2018年12月29日",
            "html_title": "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见",
        },
        "paragraphs": 37,  # 39 <p> - 1 empty - 1 merged title line
        "sections": [
            "一、总体要求",
            "二、加快推动农机装备产业高质量发展",
            "三、着力推进主要农作物生产全程机械化",
            "四、大力推广先进适用农机装备与机械化技术",
            "五、积极发展农机社会化服务",
            "六、持续改善农机作业基础条件",
            "七、切实加强农机人才培养",
            "八、强化组织领导",
        ],
        "subsections": 20,  # （一）-（二十）
        "numbered": 0,
        "second": "国发〔2018〕42号",
        "third": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "last_body_start": "（二十）促进政府与市场良性互动。充分尊重农民意愿",
        "last_body_end": "（农业农村部、工业和信息化部等负责）",
        "signature": ["国务院", "2018年12月21日", "（此件公开发布）"],
    },
    "gov-34.html": {
        "metadata": {
            "索引号": "000014349/2018-00217",
            "主题分类": "卫生、体育\\\\体育",
            "发文机关": "国务院办公厅",
            "成文日期": "2018年12月11日",
            "标题": "国务院办公厅关于加快发展体育竞赛表演产业的指导意见",
            "发文字号": "国办发〔2018〕121号",
            "发布日期": "2018年12月21日",
            "html_title": "国务院办公厅关于加快发展体育竞赛表演产业的指导意见",
        },
        "paragraphs": 36,  # 38 <p> - 1 empty - 1 merged title line
        "sections": [
            "一、总体要求",
            "二、丰富赛事活动，完善赛事体系",
            "三、壮大市场主体，优化市场环境",
            "四、优化产业布局，加强平台建设",
            "五、强化协调配合，加强资金保障",
        ],
        "subsections": 19,  # （一）-（十九）
        "numbered": 0,
        "second": "国办发〔2018〕121号",
        "third": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "last_body": "各地区、各有关部门要充分认识发展体育竞赛表演产业的重要意义，"
        "加强组织领导，健全工作机制，强化协同配合，务求取得实效。"
        "体育总局要会同有关方面做好指导、督查和总结工作，共同抓好落实，重大事项及时报告国务院。",
        "signature": ["国务院办公厅", "2018年12月11日", "（此件公开发布）"],
    },
}


def paragraphs(source: SourceText) -> list[str]:
    return source.text.split("\n\n")


def page(html: str, encoding: str = "utf-8") -> bytes:
    return html.encode(encoding)


def read(html: str | bytes, name: str = "page.html") -> SourceText:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_html(name, data)


# --------------------------------------------------------------------------------------------------
# The three State Council pages
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=sorted(PAGES))
def corpus_page(request: pytest.FixtureRequest) -> tuple[str, SourceText]:
    name: str = request.param
    return name, read_html(CORPUS / name)


@needs_corpus
@pytest.mark.shared
class TestCorpusPages:
    def test_kind_and_encoding(self, corpus_page: tuple[str, SourceText]) -> None:
        name, source = corpus_page
        assert source.kind == "html"
        assert source.name == name
        assert source.encoding == "utf-8"

    def test_metadata_is_the_printed_table(self, corpus_page: tuple[str, SourceText]) -> None:
        name, source = corpus_page
        assert source.metadata == PAGES[name]["metadata"]

    def test_metadata_table_is_not_body_text(self, corpus_page: tuple[str, SourceText]) -> None:
        _, source = corpus_page
        labels = ("索引号", "索 引 号", "主题分类", "发文机关", "成文日期", "发布日期", "主题词", "标　　题")
        for label in labels:
            assert label not in source.text
        assert source.metadata["索引号"] not in source.text

    def test_title_once_as_first_paragraph(self, corpus_page: tuple[str, SourceText]) -> None:
        # The page splits the title over two centred <p>; they must come out as one paragraph.
        name, source = corpus_page
        title = str(PAGES[name]["metadata"]["标题"])  # type: ignore[index]
        assert paragraphs(source)[0] == title
        assert source.text.count(title) == 1
        assert 0 in source.heading_offsets

    def test_first_and_last_paragraphs(self, corpus_page: tuple[str, SourceText]) -> None:
        name, source = corpus_page
        expected = PAGES[name]
        paras = paragraphs(source)
        assert paras[1] == expected["second"]
        assert paras[2] == expected["third"]
        assert paras[-3:] == expected["signature"]
        if "last_body" in expected:
            assert paras[-4] == expected["last_body"]
        else:
            assert paras[-4].startswith(str(expected["last_body_start"]))
            assert paras[-4].endswith(str(expected["last_body_end"]))

    def test_paragraph_count(self, corpus_page: tuple[str, SourceText]) -> None:
        name, source = corpus_page
        paras = paragraphs(source)
        assert len(paras) == PAGES[name]["paragraphs"]
        assert all(p and p == p.strip() for p in paras)
        assert "\n\n\n" not in source.text

    def test_section_headings(self, corpus_page: tuple[str, SourceText]) -> None:
        name, source = corpus_page
        paras = paragraphs(source)
        assert [p for p in paras if SECTION.match(p)] == PAGES[name]["sections"]
        assert sum(1 for p in paras if SUBSECTION.match(p)) == PAGES[name]["subsections"]
        assert sum(1 for p in paras if regex.match(r"^\d+\.", p)) == PAGES[name]["numbered"]

    def test_bold_section_headings_are_heading_offsets(self, corpus_page: tuple[str, SourceText]) -> None:
        name, source = corpus_page
        starts = {source.text[o:].split("\n\n", 1)[0] for o in source.heading_offsets}
        for heading in PAGES[name]["sections"]:  # type: ignore[attr-defined]
            assert heading in starts

    def test_no_script_style_or_chrome(self, corpus_page: tuple[str, SourceText]) -> None:
        _, source = corpus_page
        for fragment in ("javascript", "window.", "AddFavorite", "function", "{", "<", ">", "http", ".gif"):
            assert fragment not in source.text
        for para in paragraphs(source):
            for word in CHROME_WORDS:
                assert word not in para, (word, para)
        assert source.noise == ()

    def test_no_whitespace_between_cjk(self, corpus_page: tuple[str, SourceText]) -> None:
        _, source = corpus_page
        for para in paragraphs(source):
            assert not CJK_GAP.search(para), para
            assert "\u3000" not in para and "\xa0" not in para

    def test_data_argument_matches_path(self, corpus_page: tuple[str, SourceText]) -> None:
        name, source = corpus_page
        again = read_html(name, (CORPUS / name).read_bytes())
        assert again.text == source.text
        assert again.metadata == source.metadata


# --------------------------------------------------------------------------------------------------
# Encoding
# --------------------------------------------------------------------------------------------------

BODY = "<html><head>{head}<title>测试页面</title></head><body><div id='zoom'><p>{text}</p></div></body></html>"


def test_gbk_page_with_meta_charset() -> None:
    # 镕 is in GBK but not in GB2312: the gb2312 label must still decode (as gb18030).
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    html = BODY.format(head=meta, text="朱镕基同志")
    source = read(page(html, "gbk"))
    assert source.encoding == "gb18030"
    assert source.text == "朱镕基同志"
    assert source.metadata["html_title"] == "测试页面"


def test_gbk_page_with_html5_meta_charset() -> None:
    html = BODY.format(head="<meta charset='GBK'/>", text="国务院关于印发通知")
    source = read(page(html, "gbk"))
    assert (source.encoding, source.text) == ("gb18030", "国务院关于印发通知")


def test_gbk_page_without_declaration_is_detected() -> None:
    source = read(page(BODY.format(head="", text="农业机械化"), "gbk"))
    assert (source.encoding, source.text) == ("gb18030", "农业机械化")


def test_utf8_page_mislabelled_gb2312_is_read_as_utf8() -> None:
    html = BODY.format(head='<meta charset="gb2312">', text="综合保税区")
    source = read(page(html, "utf-8"))
    assert (source.encoding, source.text) == ("utf-8", "综合保税区")


def test_utf8_bom_wins_over_meta() -> None:
    html = BODY.format(head='<meta charset="gbk">', text="体育竞赛表演")
    source = read(codecs.BOM_UTF8 + page(html, "utf-8"))
    assert source.encoding == "utf-8-sig"
    assert source.text == "体育竞赛表演"


def test_utf16_bom_page() -> None:
    source = read(page(BODY.format(head="", text="高质量发展"), "utf-16"))  # Python writes the BOM
    assert source.encoding == "utf-16"
    assert source.text == "高质量发展"


def test_sniff_charset_labels() -> None:
    assert sniff_charset(b'<meta http-equiv="content-type" content="text/html;charset=GB2312">') == (
        "GB2312",
        "gb18030",
    )
    assert sniff_charset(b"<meta charset=utf-8>") == ("utf-8", "utf-8")
    assert sniff_charset(b'<?xml version="1.0" encoding="gbk"?><html>') == ("gbk", "gb18030")
    assert sniff_charset(b"<!-- <meta charset=gbk> --><p>x") == (None, None)
    assert sniff_charset(b"<html><body><meta charset=gbk>") == (None, None)  # too late: body started
    assert sniff_charset(b"<meta charset=klingon>") == ("klingon", None)


def test_undecodable_page_is_input_error() -> None:
    data = b"<html><head><meta charset=gbk></head><body><p>" + "国务院".encode("gbk") + b"\xff\xff</p>"
    with pytest.raises(InputError) as info:
        read(data)
    assert "gbk" in info.value.problem
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------------------------------


def test_paragraph_boundaries_and_inline_text() -> None:
    html = """<html><body><div class="TRS_Editor">
      <h2>一、总体要求</h2>
      <p>第一段<b>加粗</b>文字，
         源码换行不应产生空格。</p>
      <div>块级文字</div>
      <ul><li>列表一</li><li>列表二</li></ul>
      <p>Line wrapped
         English words keep one space.</p>
    </div></body></html>"""
    assert paragraphs(read(html)) == [
        "一、总体要求",
        "第一段加粗文字，源码换行不应产生空格。",
        "块级文字",
        "列表一",
        "列表二",
        "Line wrapped English words keep one space.",
    ]


def test_br_inside_paragraph_is_a_line_break() -> None:
    html = "<div id='zoom'><p>国务院<span>办公厅<br>  2019年</span>1月12日</p><p>下一段<br></p></div>"
    assert read(html).text == "国务院办公厅\n2019年1月12日\n\n下一段"


def test_double_br_is_a_paragraph_break() -> None:
    html = "<div id='zoom'>第一段文字<br><br>\n　　第二段文字<br/>第二段第二行<br /><br /></div>"
    assert paragraphs(read(html)) == ["第一段文字", "第二段文字\n第二段第二行"]


def test_entities_and_indentation() -> None:
    html = (
        "<div id='zoom'><p>&#12288;&#12288;A&amp;B &lt;规划&gt; &ldquo;放管服&rdquo;&#x4E00;&nbsp;体化</p>"
        "<p style='text-align:right'>国务院&nbsp;&nbsp;&nbsp;&nbsp;</p><p>&nbsp;</p></div>"
    )
    assert paragraphs(read(html)) == ["A&B <规划> “放管服”一体化", "国务院"]


def test_malformed_html() -> None:
    html = """<html><head><title>残缺页面</title>
      <body><div id="UCAP-CONTENT"><p>一、第一条<p>二、第二条</span></b>
      <table><tr><td>序号<td>任务<tr><td>1<td>推进改革</i>
      </table><p>三、未闭合的段落<font color=red>红字<div>块中块</p></i>
      <script>document.write("不该出现")"""
    source = read(html)
    assert paragraphs(source) == [
        "一、第一条",
        "二、第二条",
        "序号\t任务",
        "1\t推进改革",
        "三、未闭合的段落红字",
        "块中块",
    ]
    assert "不该出现" not in source.text
    assert source.metadata == {"html_title": "残缺页面"}


def test_stray_end_tag_closes_container_like_a_browser() -> None:
    # </div></div> closes UCAP-CONTENT (and its parent): what follows is not in the article.
    html = "<div><div id='UCAP-CONTENT'><p>正文一<p>正文二</div></div><p>页脚说明文字"
    assert paragraphs(read(html)) == ["正文一", "正文二"]


def test_table_rows_are_paragraphs_with_tab_separated_cells() -> None:
    html = """<div id="zoom"><p>附件：任务分工表</p><table>
      <tr><th>序号</th><th>重点任务</th><th>责任单位</th></tr>
      <tr><td>1</td><td><p>拓展两个市场</p></td><td>税务总局、财政部</td></tr>
      <tr><td></td><td>  </td></tr></table></div>"""
    assert paragraphs(read(html)) == [
        "附件：任务分工表",
        "序号\t重点任务\t责任单位",
        "1",
        "拓展两个市场",
        "税务总局、财政部",
    ]


def test_script_style_noscript_head_hidden_are_ignored() -> None:
    html = """<html><head><style>p{color:red}</style><script>var 变量 = "脚本";</script></head>
      <body><div id="zoom"><p>正文</p><noscript>请启用脚本</noscript>
      <div style="display: none">隐藏文字</div><p hidden>也隐藏</p><template><p>模板</p></template>
      <p>结尾<!-- 注释 --></p></div></body></html>"""
    assert paragraphs(read(html)) == ["正文", "结尾"]


def test_ruby_readings_are_not_page_text() -> None:
    """A mirror that marks readings with ruby (號 with hào above it) prints them above the line, not in it:
    read as text, 54號(hào) cut the document number and 重點(diǎn) the section title."""
    html = """<div id="zoom"><p>川辦函〔2015〕54<ruby>號<rp>(</rp><rt>hào</rt><rp>)</rp></ruby></p>
      <p>一、深化重<ruby>點<rt>diǎn</rt></ruby>領域改革</p></div>"""
    assert paragraphs(read(html)) == ["川辦函〔2015〕54號", "一、深化重點領域改革"]


def test_chrome_inside_container_is_dropped_and_counted() -> None:
    html = """<div id="zoom"><div class="bdsharebuttonbox"><a>分享到：微信</a></div>
      <p>一、正文内容</p><p>【打印本页】 【关闭窗口】</p><p>字号：大 中 小</p>
      <p>打印设备采购要求</p></div>"""
    source = read(html)
    assert paragraphs(source) == ["一、正文内容", "打印设备采购要求"]
    assert [n.kind for n in source.noise] == ["html_chrome"] * 3
    assert [n.text for n in source.noise] == ["分享到：微信", "【打印本页】【关闭窗口】", "字号：大中小"]


def test_page_without_container_or_metadata_uses_densest_paragraphs() -> None:
    html = """<html><head><title>关于加强管理的通知_政策_某某网</title></head><body>
      <div class="top"><ul><li><a href="/">首页</a></li><li><a>政策</a></li></ul></div>
      <div class="crumbs">当前位置：首页 &gt; 政策</div>
      <h1>某某网</h1>
      <div class="main"><h1>关于加强管理的通知</h1>
        <div class="body"><p>各有关单位：</p><p>为加强管理，现通知如下。</p><p>一、提高认识。</p></div>
        <div class="side"><p>相关链接</p></div></div>
      <div class="footer"><p>版权所有：某某网 主办单位：某某办公厅</p></div>
    </body></html>"""
    source = read(html)
    assert paragraphs(source) == ["关于加强管理的通知", "各有关单位：", "为加强管理，现通知如下。", "一、提高认识。"]
    assert source.metadata == {"html_title": "关于加强管理的通知_政策_某某网"}
    assert 0 in source.heading_offsets


def test_a_page_that_prints_no_heading_takes_the_title_from_its_tab() -> None:
    """A county site's template shows the title only in the browser's tab (its banner is an image): no
    heading, no metadata table, so the record had no title.  The page's <title> names it, with the site."""
    html = """<html><head><title>某县人民政府办公室关于印发某某实施方案的通知 - 某县人民政府</title></head><body>
      <div class="article"><img src="banner.png" alt="">
      <p>各乡镇人民政府：</p><p>现将《某某实施方案》印发给你们，请认真贯彻执行。</p></div></body></html>"""
    assert paragraphs(read(html))[:2] == ["某县人民政府办公室关于印发某某实施方案的通知", "各乡镇人民政府："]
    html = """<html><head><title>政策文件_某县人民政府</title></head><body>
      <div class="article"><p>各乡镇人民政府：</p><p>现将《某某实施方案》印发给你们。</p></div></body></html>"""
    assert paragraphs(read(html))[0] == "各乡镇人民政府："  # a tab that names no document gives no title


def test_page_with_only_body_text_falls_back_to_body() -> None:
    html = "<html><body><nav>首页 | 政策</nav>正文第一行<br>正文第二行<footer>版权所有</footer></body></html>"
    assert read(html).text == "正文第一行\n正文第二行"


# --------------------------------------------------------------------------------------------------
# Metadata and title
# --------------------------------------------------------------------------------------------------

META_PAGE = """<html><head><title>{title}_中国政府网</title></head><body>
<table class="bd1">
 <tr><td><b>索 引 号：</b></td><td>000014349/2020-00001</td><td><b>主题分类：</b></td><td>综合政务</td></tr>
 <tr><td><b>标　　题：</b></td><td colspan="3">{title}</td></tr>
 <tr><td>发文字号:</td><td> 国办发〔2020〕1号 </td><td><b>发布日期：</b></td><td>2020年01月02日</td></tr>
 <tr><td>成文日期：2019年12月31日</td><td><b>主 题 词：</b></td><td></td></tr>
</table>
<table><tr><td class="pages_content">{body}</td></tr></table>
</body></html>"""


def test_metadata_table_cells() -> None:
    title = "国务院办公厅关于做好某项工作的通知"
    source = read(META_PAGE.format(title=title, body="<p>各地区：</p><p>现就有关事项通知如下。</p>"))
    assert source.metadata == {
        "索引号": "000014349/2020-00001",
        "主题分类": "综合政务",
        "标题": title,
        "发文字号": "国办发〔2020〕1号",
        "发布日期": "2020年01月02日",
        "成文日期": "2019年12月31日",
        "html_title": f"{title}_中国政府网",
    }
    # the body does not start with the title: it is prepended, once
    assert paragraphs(source) == [title, "各地区：", "现就有关事项通知如下。"]
    assert source.heading_offsets == frozenset({0})


def test_title_split_over_two_paragraphs_is_merged() -> None:
    title = "国务院办公厅关于做好某项工作的通知"
    body = "<p><b>国务院办公厅关于</b></p><p> <b>做好某项工作的通知</b> </p><p>国办发〔2020〕1号</p><p>各地区：</p>"
    source = read(META_PAGE.format(title=title, body=body))
    assert paragraphs(source) == [title, "国办发〔2020〕1号", "各地区："]
    assert source.text.count(title) == 1


def test_title_already_first_is_not_repeated() -> None:
    title = "国务院办公厅关于做好某项工作的通知"
    body = f"<p>国务院文件</p><p>{title}<br>国办发〔2020〕1号</p><p>各地区：</p>"
    source = read(META_PAGE.format(title=title, body=body))
    assert paragraphs(source) == ["国务院文件", f"{title}\n国办发〔2020〕1号", "各地区："]


def test_metadata_table_in_body_fallback_is_not_text() -> None:
    html = """<body><table><tr><td>发文机关：</td><td>国务院</td></tr></table>
      <div>没有容器的正文<br>第二行</div></body>"""
    source = read(html)
    assert source.metadata == {"发文机关": "国务院"}
    assert source.text == "没有容器的正文\n第二行"


# --------------------------------------------------------------------------------------------------
# Errors and robustness
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>空页面</title></head><body></body></html>",
        "<html><body><script>alert('x')</script><style>p{}</style>   &nbsp; </body></html>",
        "<div id='zoom'><p>&#12288;</p><p><br></p></div>",
    ],
)
def test_empty_body_is_input_error(html: str) -> None:
    with pytest.raises(InputError, match="HTML page has no body text"):
        read(html, "empty.html")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\x03\x04\x05",
    ],
)
def test_binary_data_is_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read(data, "blob.html")
    assert info.value.path == "blob.html"
    assert "\n" not in info.value.problem


def test_empty_file_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read(b"")
    with pytest.raises(InputError, match="no such file"):
        read_html(tmp_path / "missing.html")


def test_reads_from_path(tmp_path: Path) -> None:
    target = tmp_path / "doc.htm"
    target.write_bytes(page("<p>一、正文</p>", "gbk"))
    source = read_html(target)
    assert (source.path, source.name, source.kind) == (str(target), "doc.htm", "html")
    assert source.text == "一、正文"


def test_deeply_nested_unclosed_tags() -> None:
    html = "<div id='zoom'>" + "<span><font>" * 5000 + "深层文字" + "<div>" * 3000 + "块"
    assert paragraphs(read(html)) == ["深层文字", "块"]


def test_clean_inline() -> None:
    assert clean_inline("综合保税区\n        高水平开放") == "综合保税区高水平开放"
    assert clean_inline("\u3000\u3000国务院 \xa0 \xa0") == "国务院"
    assert clean_inline("到 2020 年，GDP  growth") == "到 2020 年，GDP growth"
    assert clean_inline("推进\n“放管服”\n改革") == "推进“放管服”改革"
    assert clean_inline("a\u200bb\x07c") == "abc"


TOKENS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<br>",
        "<td>",
        "<tr>",
        "<table>",
        "</table>",
        "<b>",
        "</b>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<",
        ">",
        "&",
        "&nbsp;",
        "&#",
        ";",
        "国务院",
        "一、",
        "：",
        "标题：",
        " ",
        "\n",
        "\u3000",
        "<meta charset=gbk>",
        "<h1>",
        "</h1>",
        "<li>",
        "abc",
        '"',
        "=",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS | st.text(max_size=5), max_size=60))
def test_never_crashes_on_tag_soup(parts: list[str]) -> None:
    try:
        source = read("".join(parts))
    except InputError as exc:
        assert "\n" not in exc.problem
        return
    assert source.text and source.text == source.text.strip()
    assert "\n\n\n" not in source.text
    for para in paragraphs(source):
        assert para.strip() and not CJK_GAP_NOT_CELL.search(para)
    assert all(0 <= o < len(source.text) for o in source.heading_offsets)


#: 山西省人民政府 晋政发〔2018〕13号 as a mirror prints it (its opening, verbatim): the mirror's fields as
#: text lines, then the source page's markup as text.
MARKUP_AS_TEXT = (
    "发文机关:山西省人民政府\n发布日期:2018年03月27\n生效日期:2018年03月27\n时效性 :现行有效\n文号 :晋政发〔2018〕13号\n"
    "<p>各市、县人民政府,省人民政府各委、办、厅、局:</p><p> 现将《山西省激发重点群体活力带动城乡居民增收的实施方案》"
    '印发给你们,请认真组织实施。</p><p style="text-align: right;"> 山西省人民政府</p>'
    '<p style="text-align: right;"> 2018年3月27日</p><p style="text-align: right;"> (此件公开发布)</p><p><br/></p>'
    '<p style="text-align: center;"><strong>山西省激发重点群体活力带动城乡居民增收的实施方案</strong></p><p><br/></p>'
    "<p> 根据《国务院关于激发重点群体活力带动城乡居民增收的实施意见》(国发〔2016〕56号)精神,为深入贯彻党的十九大精神,"
    "进一步深化收入分配制度改革,强化收入分配政策激励导向,通过重点群体激励,带动全省城乡居民增收,结合我省实际,"
    "制定本实施方案。</p><p><br/></p><p><strong> 一、指导思想</strong></p>"
)


def test_a_text_file_holding_a_pages_markup_is_read_as_the_page(tmp_path: Path) -> None:
    """Read as text, the tags stayed in the plan's preamble and no heading opened a line."""
    from plan_extract import extract
    from plan_extract.readers import read_source

    target = tmp_path / "shanxi.txt"
    target.write_text(MARKUP_AS_TEXT, encoding="utf-8")
    source = read_source(target)
    assert (source.kind, source.encoding) == ("html", "utf-8")
    assert "<" not in source.text and "发文机关:山西省人民政府\n" in source.text  # its own lines kept apart
    record = extract(target)
    assert record.document.recipients == ["各市、县人民政府", "省人民政府各委、办、厅、局"]
    assert (record.document.issuer, record.document.signed_date) == ("山西省人民政府", "2018-03-27")
    assert record.document.doc_number == "晋政发〔2018〕13号"
    assert record.plan.title == "山西省激发重点群体活力带动城乡居民增收的实施方案"
    assert [s.title for s in record.plan.sections] == ["指导思想"]


def test_a_text_that_quotes_a_tag_or_two_stays_text(tmp_path: Path) -> None:
    from plan_extract.readers import read_source

    target = tmp_path / "plain.txt"
    target.write_text("一、总体要求\n网页用<br/>换行，这是正文。\n", encoding="utf-8")
    assert read_source(target).kind == "text"
