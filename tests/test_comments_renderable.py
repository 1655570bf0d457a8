"""The printed form of comment threads (`tui-news show`): exact text at a fixed width."""

from __future__ import annotations

from io import StringIO

import pytest
from rich.cells import cell_len
from rich.console import Console

from tui_news.core.display import PinyinMode
from tui_news.core.models import Article, Comment
from tui_news.core.readings import text_readings
from tui_news.ui.renderables.comments import (
    LIKE_GLYPH,
    comments_renderable,
    comments_title,
    flatten_threads,
    format_comment_time,
    format_likes,
)


def render(article: Article, mode: PinyinMode = PinyinMode.OFF, width: int = 40) -> str:
    out = StringIO()
    Console(width=width, color_system=None, file=out).print(comments_renderable(article, mode))
    return out.getvalue()


def thread_article() -> Article:
    depth3 = Comment("戊", "第四层。", time="2026-11-20", likes=0)
    depth2 = Comment(
        "丙",
        "第三层回复,写得长一点看看换行效果怎么样,再长一点。",
        time="2026-11-20T10:02:00+08:00",
        likes=3,
        replies=[depth3],
    )
    depth1 = Comment("乙", "第二层。", time="2026-11-20T09:10:00+08:00", likes=5, replies=[depth2])
    sibling = Comment("丁", "同意", time="3小时前", readings={0: "tòng"})
    top = Comment(
        "甲",
        "我喜欢这个菜园。",
        time="2026-11-20T09:05:00+08:00",
        likes=12,
        replies=[depth1, sibling],
    )
    return Article(title="t", comments=[top, Comment("KevinZ", "How much?")], comment_count=6)


def test_threads_read_well_as_plain_text():
    assert render(thread_article()) == (
        "Comments (6)\n"
        "\n"
        "甲 · 2026-11-20 09:05 · ♥ 12\n"
        "我喜欢这个菜园。\n"
        "│\n"
        "│ 乙 · 2026-11-20 09:10 · ♥ 5\n"
        "│ 第二层。\n"
        "│ │\n"
        "│ │ 丙 · 2026-11-20 10:02 · ♥ 3\n"
        "│ │ 第三层回复,写得长一点看看换行效果怎\n"
        "│ │ 么样,再长一点。\n"
        "│ │ │\n"
        "│ │ │ 戊 · 2026-11-20 · ♥ 0\n"
        "│ │ │ 第四层。\n"
        "│\n"
        "│ 丁 · 3小时前\n"
        "│ 同意\n"
        "\n"
        "KevinZ\n"
        "How much?\n"
    )


def test_plain_output_has_no_escape_sequences():
    for mode in PinyinMode:
        assert "\x1b" not in render(thread_article(), mode)


def test_pinyin_rows_sit_inside_the_guides():
    text = render(thread_article(), PinyinMode.MARKS)
    expected = " ".join(r for r in text_readings("我喜欢这个菜园") if r)
    assert "\n" + expected in text
    assert "\n│ │ │ dì sì céng" in text
    # The publisher's reading wins over the engine's.
    assert "\n│ tòng yì\n" in text


def test_tone_numbers():
    assert "\n│ │ │ di4 si4 ceng2" in render(thread_article(), PinyinMode.NUMBERS)


def test_heading_mentions_the_pages_count_when_it_differs():
    article = thread_article()
    article.comment_count = 9
    assert render(article).startswith("Comments (6; page says 9)\n\n")
    article.comment_count = None
    assert comments_title(article) == "Comments (6)"
    assert comments_title(None) == "Comments"


def test_empty_state_with_and_without_the_pages_text():
    article = Article(title="t", comment_count=0, comments_empty_text="暂无评论,快抢沙发吧~")
    assert render(article) == "Comments (0)\n\nNo comments yet\n暂无评论,快抢沙发吧~\n"
    assert render(Article(title="t")) == "Comments (0)\n\nNo comments yet\n"


def test_markup_in_comments_is_printed_literally():
    article = Article(title="t", comments=[Comment("[bold]x[/bold]", "看 [red]这里[/red]")])
    text = render(article)
    assert "[bold]x[/bold]" in text and "看 [red]这里[/red]" in text


def test_deep_threads_keep_room_for_text():
    chain = Comment("末", "最深的一条评论。")
    for n in range(30):
        chain = Comment(f"第{n}", "回复。", replies=[chain])
    lines = render(Article(title="t", comments=[chain]), width=30).splitlines()
    assert max(cell_len(line) for line in lines) <= 30
    assert "最深的一条评论。" in "\n".join(lines)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("2026-11-20T09:05:00+08:00", "2026-11-20 09:05"),
        ("2026-11-20T09:05:30.120Z", "2026-11-20 09:05"),
        ("2026-11-20 09:05", "2026-11-20 09:05"),
        ("2026-11-20", "2026-11-20"),
        ("3小时前", "3小时前"),
        ("  昨天 12:00 ", "昨天 12:00"),
        ("", ""),
    ],
)
def test_time_is_humanised_from_the_string_alone(raw: str, shown: str):
    assert format_comment_time(raw) == shown


def test_likes_glyph_is_one_cell():
    assert cell_len(LIKE_GLYPH) == 1
    assert format_likes(12) == "♥ 12"
    assert format_likes(None) == ""


def test_flatten_threads_sizes_and_parents():
    entries = flatten_threads(thread_article().comments)
    assert [(e.comment.author, e.depth, e.parent, e.size) for e in entries] == [
        ("甲", 0, None, 5),
        ("乙", 1, 0, 3),
        ("丙", 2, 1, 2),
        ("戊", 3, 2, 1),
        ("丁", 1, 0, 1),
        ("KevinZ", 0, None, 1),
    ]
