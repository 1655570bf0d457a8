"""Pieces of fetching without the network: decoding, comment markups, the store, headers."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from tui_news.core import native_format
from tui_news.core.models import Article, Block, BlockKind, Span
from tui_news.services.comments_extract import parse_count, take_comments
from tui_news.services.decoding import decode_page, normalize_label
from tui_news.services.extract import ExtractError, extract_article
from tui_news.services.http_client import parse_retry_after, status_text
from tui_news.services.store import (
    ArticleStore,
    SaveOutcome,
    StoreError,
    canonical_url,
    file_name,
    slug,
)

TEXT = "济南的春天来了,泉水叮咚,游客如织。台灣繁體字也要正確顯示。"

# -- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "codec"),
    [("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("Big5", "big5hkscs"),
     ("UTF-8", "utf-8"), ("iso-8859-1", "cp1252"), ("no-such-thing", None)],
)  # fmt: skip
def test_labels_map_as_browsers_map_them(label, codec):
    assert normalize_label(label) == codec


def test_bom_beats_everything():
    body = codecs.BOM_UTF8 + f"<meta charset='gbk'>{TEXT}".encode()
    assert decode_page(body, "text/html; charset=big5") == (f"<meta charset='gbk'>{TEXT}", "utf-8")


def test_http_charset_beats_meta():
    body = f'<meta charset="utf-8"><p>{TEXT}</p>'.encode("gb18030")
    text, codec = decode_page(body, "text/html; charset=GBK")
    assert codec == "gb18030" and TEXT in text


@pytest.mark.parametrize("declared", ["gb2312", "gbk", "GB18030"])
def test_meta_http_equiv_gb_family(declared):
    page = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">{TEXT}'
    text, _ = decode_page(page.encode("gb18030"), "text/html")
    assert TEXT in text


def test_big5_meta():
    traditional = "台灣繁體字也要正確顯示,香港的報紙也是。"
    text, codec = decode_page(f'<meta charset="big5"><p>{traditional}</p>'.encode("big5"))
    assert traditional in text and codec == "big5hkscs"


def test_meta_claiming_utf16_is_read_as_utf8():
    assert decode_page(f'<meta charset="utf-16">{TEXT}'.encode())[1] == "utf-8"


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-8"])
def test_detection_without_any_declaration(encoding):
    long_text = "<html><body>" + "".join(f"<p>{TEXT}</p>" for _ in range(20)) + "</body></html>"
    sample = long_text if encoding != "big5" else long_text.replace("济南", "台北")
    sample = sample.replace("济", "濟") if encoding == "big5" else sample
    text, _ = decode_page(sample.encode(encoding, errors="ignore"), "text/html")
    assert "泉水叮咚" in text or "泉水" in text


# -- comment markups ------------------------------------------------------------------------


def comments_of(markup: str):
    root = lxml_html.document_fromstring(f"<html><body><p>正文</p>{markup}</body></html>")
    found = take_comments(root)
    return found, root


def test_disqus_style_thread():
    found, root = comments_of(
        """<ul id="post-list"><li class="post"><div class="post-content">
        <span class="author"><a>小王</a></span>
        <a class="time-ago" title="2026-11-20 10:00">1小时前</a>
        <div class="post-message"><p>写得好</p></div>
        <span class="vote-up"><span class="count">12</span></span>
        </div><ul class="children"><li class="post"><div class="post-content">
        <span class="author">小李</span><div class="post-message"><p>同意</p></div></div></li></ul>
        </li></ul>"""
    )
    [first] = found
    assert (first.author, first.text, first.time, first.likes) == (
        "小王",
        "写得好",
        "2026-11-20 10:00",
        12,
    )
    assert [(r.author, r.text) for r in first.replies] == [("小李", "同意")]
    assert "写得好" not in root.text_content()  # removed from the page before extraction


def test_discuz_portal_comments():
    found, _ = comments_of(
        """<div id="comment_ul"><dl id="comment_1_li" class="ptm pbm bbda cl">
        <dt class="mbm"><span class="y xw0"><a>举报</a></span>
        <a href="#" class="xi2 xw1">泉城老李</a>
        <span class="xg1 xw0">2026-11-20 09:15</span></dt><dd>顶一下,说得很实在</dd></dl>
        <dl id="comment_2_li">
        <dt><a class="xi2">小张</a><span class="xg1">2026-11-20 09:30</span></dt>
        <dd>路过</dd></dl></div>"""
    )
    assert [(c.author, c.time, c.text) for c in found] == [
        ("泉城老李", "2026-11-20 09:15", "顶一下,说得很实在"),
        ("小张", "2026-11-20 09:30", "路过"),
    ]


def test_discuz_forum_posts():
    found, _ = comments_of(
        """<div id="postlist"><div id="post_101"><table><tr><td class="pls">
        <div class="authi"><a class="xw1">楼主甲</a></div></td><td class="plc">
        <em id="authorposton101">发表于 2026-11-20 08:00</em>
        <td class="t_f" id="postmessage_101"><div class="quote"><blockquote>引用</blockquote></div>
        第一楼的内容</td></td></tr></table></div></div>"""
    )
    [post] = found
    assert (post.author, post.time, post.text) == ("楼主甲", "2026-11-20 08:00", "第一楼的内容")


def test_zblog_nested_replies():
    found, _ = comments_of(
        """<label id="AjaxCommentBegin"></label><ul class="msg" id="cmt5">
        <li class="msgname"><a>访客甲</a> <span class="msgtime">2026-11-20 12:00</span></li>
        <li class="msgarticle">真不错<label id="AjaxComment5"></label>
          <ul class="msg" id="cmt6"><li class="msgname"><a>博主</a></li>
          <li class="msgarticle">谢谢</li></ul>
        </li></ul>"""
    )
    [first] = found
    assert (first.author, first.time, first.text) == ("访客甲", "2026-11-20 12:00", "真不错")
    assert [(r.author, r.text) for r in first.replies] == [("博主", "谢谢")]


def test_no_comment_markup():
    assert comments_of("<div class='footer'>版权</div>")[0] == []


@pytest.mark.parametrize(("text", "count"), [("326", 326), ("1.2万", 12000), ("赞(3k)", 3000),
                                             ("1,024", 1024), ("赞", None)])  # fmt: skip
def test_like_counts(text, count):
    assert parse_count(text) == count


# -- extraction -----------------------------------------------------------------------------


def test_malformed_html_with_real_text_still_extracts():
    page = (
        "<html><head><title>破损页面</title><body><div><p>这是一段没有闭合标签的正文,内容足够长"
        "<p>第二段也没有闭合,<b>加粗也没有<i>斜体</div></table><p>第三段,还有一个"
        "\x1b[31m终端转义\x1b[0m要清除,文字继续写下去,让抽取器有足够的文本可以工作。"
    )
    article = extract_article(page, "https://example.cn/broken.html")
    text = "\n".join(block.text for block in article.body)
    assert "没有闭合标签的正文" in text and "\x1b" not in text and "[31m" not in text


def test_empty_page():
    with pytest.raises(ExtractError):
        extract_article("", "https://example.cn/empty.html")


# -- store ----------------------------------------------------------------------------------


def article(url: str, title: str = "楼顶菜园要不要拆?", text: str = "正文。") -> Article:
    return Article(title=title, url=url, body=[Block(BlockKind.PARAGRAPH, [Span(text)])])


def test_canonical_url():
    assert canonical_url("HTTPS://News.Example.CN:443/a.html?utm_source=x&id=3#top") == (
        "https://news.example.cn/a.html?id=3"
    )
    assert canonical_url("http://example.cn") == "http://example.cn/"


def test_file_name_is_slug_and_hash():
    name = file_name(article("https://example.cn/a.html"))
    assert name.startswith("lou-ding-cai-yuan-yao-bu-yao-chai_") and name.endswith(".md")
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("") == slug("?!") == "article"


@given(st.text(max_size=200))
def test_slug_is_always_a_safe_name(title):
    name = slug(title)
    assert name and len(name) <= 48 and set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_save_update_unchanged(tmp_path):
    store = ArticleStore(tmp_path / "lib")
    outcome, path = store.save(article("https://example.cn/a.html"))
    assert outcome is SaveOutcome.SAVED and path.parent == tmp_path / "lib"
    assert store.save(article("https://example.cn/a.html"))[0] is SaveOutcome.UNCHANGED
    # A fresh store (a new run) finds it by URL and updates in place, new title or not.
    fresh = ArticleStore(tmp_path / "lib")
    changed = article("https://EXAMPLE.cn/a.html#c", title="新标题", text="改过的正文。")
    assert fresh.save(changed) == (SaveOutcome.UPDATED, path)
    assert native_format.load(path).title == "新标题"
    assert [p.name for p in (tmp_path / "lib").iterdir()] == [path.name]


def test_never_writes_through_a_symlink(tmp_path):
    outside = tmp_path / "outside.md"
    library = tmp_path / "lib"
    store = ArticleStore(library)
    _, path = store.save(article("https://example.cn/a.html"))
    outside.write_bytes(path.read_bytes())
    path.unlink()
    os.symlink(outside, path)
    before = outside.read_bytes()
    with pytest.raises(StoreError, match="symbolic link"):
        ArticleStore(library).save(article("https://example.cn/a.html", text="新正文。"))
    assert outside.read_bytes() == before


def test_does_not_overwrite_an_unrelated_file_with_the_same_name(tmp_path):
    store = ArticleStore(tmp_path)
    name = file_name(article("https://example.cn/a.html"))
    (tmp_path / name).write_text("someone else's notes", encoding="utf-8")
    with pytest.raises(StoreError, match="already holds"):
        store.save(article("https://example.cn/a.html"))
    assert (tmp_path / name).read_text(encoding="utf-8") == "someone else's notes"


def test_canonical_link_to_another_site_is_ignored():
    page = (
        '<html><head><link rel="canonical" href="https://victim.example.org/x.html"></head><body>'
        "<article><p>一段足够长的正文,写给抽取器看,确保它认为这是一篇文章,而不是空页面。</p>"
        "<p>第二段同样足够长,继续补充一些内容,让文字超过最低限度。</p></article></body></html>"
    )
    assert extract_article(page, "https://attacker.example.com/p").url == (
        "https://attacker.example.com/p"
    )


# -- HTTP details ---------------------------------------------------------------------------


def test_retry_after_forms():
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_status_text_uses_standard_phrases():
    assert status_text(404, "Nope") == "HTTP 404 Not Found"
    assert status_text(599, "Custom") == "HTTP 599 Custom"
