"""The native article format: each construct, each error, round trips and atomic saving."""

from __future__ import annotations

import os
from itertools import groupby
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_news.core import atomic_file
from tui_news.core.models import Article, Block, BlockKind, Comment, Span
from tui_news.core.native_format import FormatError, dumps, load, loads, save

ARTICLES = sorted((Path(__file__).parent.parent / "articles").glob("*.md"))


def doc(body: str = "", front: str = 'title = "T"', comments: str | None = None) -> str:
    text = f"+++\n{front}\n+++\n\n{body}\n"
    if comments is not None:
        text += f"\n+++ comments +++\n\n{comments}\n"
    return text


def body_of(body: str) -> list[Block]:
    return loads(doc(body)).body


def para(*spans: Span, readings: dict[int, str] | None = None) -> Block:
    return Block(BlockKind.PARAGRAPH, list(spans), readings=readings or {})


def error_of(text: str) -> str:
    with pytest.raises(FormatError) as caught:
        loads(text)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- front matter ---------------------------------------------------------------------------

FULL_FRONT = """\
title = "{济南|jǐ|nán}的春天"
source = "新华社"
url = "https://example.com/a"
published = "2026-11-20T08:30:00+08:00"
authors = ["张三", "李四"]
category = "科技"
views = 1024
comment_count = 12
tags = ["人工智能"]
breadcrumb = ["首页", "科技"]
byline = "(新华社 记者:张三)"
comments_empty_text = "暂无评论\""""


def test_front_matter_fields():
    article = loads(doc(front=FULL_FRONT))
    assert article == Article(
        title="济南的春天",
        title_readings={0: "jǐ", 1: "nán"},
        source="新华社",
        url="https://example.com/a",
        published="2026-11-20T08:30:00+08:00",
        authors=["张三", "李四"],
        category="科技",
        views=1024,
        comment_count=12,
        tags=["人工智能"],
        breadcrumb=["首页", "科技"],
        byline="(新华社 记者:张三)",
        comments_empty_text="暂无评论",
    )
    assert dumps(article) == f"+++\n{FULL_FRONT}\n+++\n"


def test_writer_omits_empty_fields_but_always_writes_the_title():
    assert dumps(Article(title="")) == '+++\ntitle = ""\n+++\n'
    assert dumps(Article(title="x", views=0)) == '+++\ntitle = "x"\nviews = 0\n+++\n'


def test_unquoted_toml_date_is_read_as_iso_text():
    article = loads(doc(front='title = "T"\npublished = 2026-11-20T08:30:00+08:00'))
    assert article.published == "2026-11-20T08:30:00+08:00"


def test_byte_order_mark_and_crlf_are_accepted():
    assert loads("\ufeff" + doc("a\nb").replace("\n", "\r\n")).body == [para(Span("a b"))]


def test_control_characters_are_stripped_from_every_field():
    front = 'title = "T\\u001b[31m红"\nauthors = ["a\\u0007b"]'
    comments = '[[comments]]\nauthor = "x\\u009b2J"\ntext = "ok\\u001b]0;pwn\\u0007!"'
    article = loads(doc("正\x1b[2J文", front=front, comments=comments))
    assert article.title == "T红"
    assert article.authors == ["ab"]
    assert article.body == [para(Span("正文"))]
    assert article.comments == [Comment(author="x", text="ok!")]


# --- body ---------------------------------------------------------------------------------


def test_headings_paragraphs_and_quotes():
    blocks = body_of("# One\n\n## Two\n\n### Three\n\nplain\n\n> quoted\n> more\n>\n> second")
    assert blocks == [
        Block(BlockKind.HEADING, [Span("One")], level=1),
        Block(BlockKind.HEADING, [Span("Two")], level=2),
        Block(BlockKind.HEADING, [Span("Three")], level=3),
        para(Span("plain")),
        Block(BlockKind.QUOTE, [Span("quoted more")]),
        Block(BlockKind.QUOTE, [Span("second")]),
    ]


def test_a_heading_or_quote_line_ends_the_paragraph_before_it():
    assert [b.kind for b in body_of("text\n# head\nmore\n> q")] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
    ]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("济南的\n春天", "济南的春天"),
        ("hand wrapped\nEnglish", "hand wrapped English"),
        ("中文\nEnglish", "中文English"),
        ("English\n中文", "English中文"),
        ("句子。\n下一句", "句子。下一句"),
        ("  indented  \n   lines  ", "indented lines"),
        ("**济南**\n春天", "济南春天"),
    ],
)
def test_wrapped_lines_join_without_space_next_to_cjk(source, text):
    [block] = body_of(source)
    assert block.text == text


def test_inline_styles():
    [block] = body_of("a *em* **st** ***both*** [link *x*](https://x.y/(1\\)) z")
    assert block.spans == [
        Span("a "),
        Span("em", emphasis=True),
        Span(" "),
        Span("st", strong=True),
        Span(" "),
        Span("both", emphasis=True, strong=True),
        Span(" "),
        Span("link ", href="https://x.y/(1)"),
        Span("x", emphasis=True, href="https://x.y/(1)"),
        Span(" z"),
    ]


def test_adjacent_spans_of_one_style_are_merged():
    [block] = body_of("[a](u)[b](u)*c**d**e*")
    assert block.spans == [
        Span("ab", href="u"),
        Span("c", emphasis=True),
        Span("d", emphasis=True, strong=True),
        Span("e", emphasis=True),
    ]


def test_ruby_readings_are_offsets_into_block_text():
    [block] = body_of("在{济南|jǐ|nán}和**{北|běi}京**，{重庆|| qìng }")
    assert block.text == "在济南和北京，重庆"
    assert block.readings == {1: "jǐ", 2: "nán", 4: "běi", 8: "qìng"}
    assert block.spans[1] == Span("北京", strong=True)


def test_escapes_make_markup_characters_literal():
    [block] = body_of(r"\*a\* \[b\]\(c) \{d\|e\} \\ C:\path \# x")
    assert block.spans == [Span(r"*a* [b](c) {d|e} \ C:\path # x")]


@pytest.mark.parametrize("text", ["# not a heading", "> not a quote", "+++ comments +++", "+++"])
def test_block_text_that_looks_like_structure_is_escaped(text):
    article = Article(title="T", body=[para(Span(text))])
    written = dumps(article)
    assert "\n\\" + text[0] in written
    assert loads(written) == article


def test_writer_puts_each_block_on_one_line_and_turns_newlines_into_spaces():
    article = Article(title="T", body=[para(Span("one\ntwo"), Span("\r\nthree", strong=True))])
    assert dumps(article).endswith("\none two**  three**\n")
    assert loads(dumps(article)).body == [para(Span("one two"), Span("  three", strong=True))]


def test_writer_uses_minimal_markup():
    block = para(
        Span("济南", emphasis=True, href="u"),
        Span("在", strong=True, emphasis=True, href="u"),
        Span("*"),
        readings={0: "jǐ", 1: "nán"},
    )
    line = dumps(Article(title="T", body=[block])).split("\n")[-2]
    assert line == "*[{济南|jǐ|nán}**在**](u)*\\*"


def test_dumps_rejects_heading_levels_it_cannot_write():
    with pytest.raises(ValueError, match="heading level"):
        dumps(Article(title="T", body=[Block(BlockKind.HEADING, [Span("x")], level=4)]))


# --- comments -----------------------------------------------------------------------------

COMMENTS = """\
[[comments]]
author = "李明"
time = "2026-11-20T09:00:00+08:00"
likes = 12
text = "评论 {注|zhù}{音|yīn}\\n第二行"

[[comments.replies]]
author = "王芳"
likes = 3
text = "回复"

[[comments.replies.replies]]
author = "赵六"
text = "第三层"

[[comments]]
author = ""
text = "*not* [markup] here"
"""


def test_comment_threads():
    article = loads(doc("正文", comments=COMMENTS))
    assert article.comments == [
        Comment(
            author="李明",
            time="2026-11-20T09:00:00+08:00",
            likes=12,
            text="评论 注音\n第二行",
            readings={3: "zhù", 4: "yīn"},
            replies=[
                Comment(author="王芳", likes=3, text="回复", replies=[Comment("赵六", "第三层")])
            ],
        ),
        Comment(author="", text="*not* [markup] here"),
    ]
    written = dumps(article)
    assert "\n[[comments.replies.replies]]\n" in written
    assert loads(written) == article


def test_empty_comments_section():
    assert loads(doc("x", comments="")).comments == []


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title = 1\n", "line 1: expected '+++' to open the front matter"),
        ('+++\ntitle = "T"\n', "line 1: front matter is never closed (no '+++' line)"),
        ('+++\ntitle = "T"\nsource "x"\n+++\n', "line 3: front matter: expected '=' after a key"),
        ('+++\ntitle = "T"\ntitel = "x"\n+++\n', "line 3: unknown front-matter key 'titel'"),
        ('+++\nsource = "x"\n+++\n', "line 2: front matter: missing key 'title'"),
        (
            '+++\ntitle = "T"\nviews = "9"\n+++\n',
            "line 3: front-matter key 'views' must be an integer, not a string",
        ),
        (
            '+++\ntitle = "T"\ncomment_count = true\n+++\n',
            "line 3: front-matter key 'comment_count' must be an integer, not a boolean",
        ),
        (
            '+++\ntitle = "T"\nauthors = "张三"\n+++\n',
            "line 3: front-matter key 'authors' must be an array of strings, not a string",
        ),
        (
            '+++\ntitle = "T"\ntags = [1]\n+++\n',
            "line 3: front-matter key 'tags' must be an array of strings, not an array",
        ),
        ("+++\ntitle = 5\n+++\n", "line 2: front-matter key 'title' must be a string"),
        ('+++\ntitle = "{济南|jǐ}"\n+++\n', "line 2: title: ruby '{济南|…}' has 2 character"),
        ('+++\ntitle = "a}"\n+++\n', "line 2: title: unmatched '}'"),
    ],
)
def test_front_matter_errors(text, expected):
    assert error_of(text).startswith(expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("ok\n\nthe *end", "line 7: unclosed '*' (emphasis)"),
        ("a\n**b\nc", "line 6: unclosed '**' (strong)"),
        ("a **** b", "line 5: 4 '*' in a row"),
        ("[link\n\nx", "line 5: unclosed link '['"),
        ("[a [b](u)](v)", "line 5: '[' inside a link"),
        ("a ] b", "line 5: unmatched ']'"),
        ("[a] b", "line 5: expected '(' and an address after a link's ']'"),
        ("[a](u", "line 5: unclosed link address"),
        ("[a](u\nv)", "line 5: link address must be on one line"),
        ("[](u)", "line 5: empty link text"),
        ("*[a*](u)", "line 5: emphasis opened inside a link must close inside it"),
        ("x\n{济南|jǐ|nán", "line 6: unclosed ruby"),
        ("{济\n南|jǐ|nán}", "line 5: ruby must be on one line"),
        ("{济南|jǐ}", "line 5: ruby '{济南|…}' has 2 character(s) but 1 syllable(s)"),
        ("{|jǐ}", "line 5: ruby without base characters"),
        ("a } b", "line 5: unmatched '}'"),
        ("#### deep", "line 5: heading level 4 is not supported"),
        ("para\n\n##", "line 7: empty heading"),
        ("****", "line 5: 4 '*' in a row"),
        ("** **", "line 5: empty paragraph"),
        ("+++ comment +++", "line 5: unexpected '+++ comment +++'"),
    ],
)
def test_body_errors(body, expected):
    assert error_of(doc(body)).startswith(expected)


@pytest.mark.parametrize(
    ("comments", "expected"),
    [
        ("x = 1", "line 9: unknown key 'x' in the comments section"),
        ("comments = 3", "'comments' must be an array of tables"),
        ('[[comments]]\nauthor = "a"\ntxt = "b"', "line 11: comment 1: unknown key 'txt'"),
        ('[[comments]]\nauthor = "a"', "comment 1: missing key 'text'"),
        (
            '[[comments]]\nauthor = "a"\ntext = "b"\n[[comments.replies]]\ntext = "c"',
            "comment 1.1: missing key 'author'",
        ),
        (
            '[[comments]]\nauthor = "a"\ntext = "b"\nlikes = "3"',
            "comment 1: key 'likes' must be an integer, not a string",
        ),
        ('[[comments]]\nauthor = "a"\ntext = "{注|zhù"', "comment 1: text: unclosed ruby"),
        ('[[comments]]\nauthor = "a"\ntext = "b"\nreplies = 1', "comment 1: 'replies' must be"),
        ("[[comments]\n", "line 9: comments: expected ']]'"),
    ],
)
def test_comment_errors(comments, expected):
    assert error_of(doc("x", comments=comments)).startswith(expected)


def test_load_reports_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "bad.md"
    path.write_bytes(b'+++\ntitle = "\xe6\xb5"\n+++\n')
    with pytest.raises(FormatError, match=r"^not UTF-8 text \(invalid byte at offset 13\)$"):
        load(path)


# --- saving -------------------------------------------------------------------------------


def test_save_then_load(tmp_path):
    article = loads(doc("正文 *强调*", front=FULL_FRONT, comments=COMMENTS))
    path = tmp_path / "a.md"
    save(path, article)
    assert load(path) == article
    assert os.listdir(tmp_path) == ["a.md"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_save_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failing):
    path = tmp_path / "a.md"
    save(path, Article(title="old"))
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(atomic_file.os, failing, fail)
    with pytest.raises(OSError, match="disk full"):
        save(path, Article(title="new", body=[para(Span("x" * 10000))]))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["a.md"]


# --- round trips --------------------------------------------------------------------------

# Markup characters, CJK, Latin, punctuation and any other printable character.
CHARS = st.one_of(
    st.sampled_from(list("*[](){}|\\#>+ \t_`!")),
    st.sampled_from(list("济南的春天新闻评论中文，。“”《》！")),
    st.sampled_from(list("abcXYZ019.,;:'\"")),
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
)
SYLLABLES = st.text(st.sampled_from(list("jinánǚüāé12|}{\\*")), min_size=1, max_size=6)
ONE_LINE = st.text(CHARS, max_size=12)
HREFS = st.one_of(st.none(), st.sampled_from(["https://x.y/a_(b)", "u"]), ONE_LINE)


def readings_for(text: str) -> st.SearchStrategy[dict[int, str]]:
    offsets = [i for i, ch in enumerate(text) if ch != "\n"]
    if not offsets:
        return st.just({})
    return st.dictionaries(st.sampled_from(offsets), SYLLABLES, max_size=len(offsets))


def canonical_spans(spans: list[Span]) -> list[Span]:
    """What loading makes of spans: outer whitespace gone, neighbours of one style merged."""
    chars = [(ch, (s.emphasis, s.strong, s.href)) for s in spans for ch in s.text]
    while chars and chars[0][0].isspace():
        chars.pop(0)
    while chars and chars[-1][0].isspace():
        chars.pop()
    return [
        Span("".join(ch for ch, _ in run), *style)
        for style, run in ((k, list(g)) for k, g in groupby(chars, lambda c: c[1]))
    ]


@st.composite
def blocks(draw) -> Block:
    raw = draw(
        st.lists(
            st.builds(
                Span,
                text=st.text(CHARS, min_size=1, max_size=8),
                emphasis=st.booleans(),
                strong=st.booleans(),
                href=HREFS,
            ),
            min_size=1,
            max_size=5,
        )
    )
    # Text that starts like structure must be escaped by the writer.
    lead = draw(st.sampled_from(["", "", "#", "# ", ">", "+++", "+++ comments +++", "\\\\"]))
    raw.insert(0, Span(lead))
    spans = canonical_spans(raw)
    if not spans:
        spans = [Span("字")]
    kind = draw(st.sampled_from(list(BlockKind)))
    level = draw(st.integers(1, 3)) if kind is BlockKind.HEADING else 0
    text = "".join(s.text for s in spans)
    return Block(kind, spans, level, draw(readings_for(text)))


def comments(depth: int) -> st.SearchStrategy[Comment]:
    @st.composite
    def one(draw) -> Comment:
        text = draw(st.text(st.one_of(CHARS, st.just("\n")), max_size=15))
        return Comment(
            author=draw(ONE_LINE),
            text=text,
            time=draw(ONE_LINE),
            likes=draw(st.none() | st.integers(-(2**63), 2**63 - 1)),
            replies=draw(st.lists(comments(depth - 1), max_size=2)) if depth else [],
            readings=draw(readings_for(text)),
        )

    return one()


@st.composite
def articles(draw) -> Article:
    title = draw(ONE_LINE)
    return Article(
        title=title,
        title_readings=draw(readings_for(title)),
        body=draw(st.lists(blocks(), max_size=4)),
        source=draw(ONE_LINE),
        url=draw(ONE_LINE),
        published=draw(ONE_LINE),
        authors=draw(st.lists(ONE_LINE, max_size=3)),
        category=draw(ONE_LINE),
        views=draw(st.none() | st.integers(0, 2**63 - 1)),
        comment_count=draw(st.none() | st.integers(0, 10**6)),
        tags=draw(st.lists(ONE_LINE, max_size=3)),
        breadcrumb=draw(st.lists(ONE_LINE, max_size=3)),
        byline=draw(ONE_LINE),
        comments=draw(st.lists(comments(2), max_size=3)),
        comments_empty_text=draw(ONE_LINE),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_round_trips(article):
    assert loads(dumps(article)) == article


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_bundled_articles_are_stable_under_rewriting(path):
    article = load(path)
    assert loads(dumps(article)) == article
