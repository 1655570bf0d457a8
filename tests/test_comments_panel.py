"""Pilot tests for the comments panel: title count, nesting, folding by key and mouse, pinyin."""

from __future__ import annotations

import time

import pytest
from textual.app import App, ComposeResult

from tui_news.core.display import PinyinMode
from tui_news.core.models import Article, Comment
from tui_news.ui.widgets.comment_thread import ThreadFolds
from tui_news.ui.widgets.comments_panel import COMMENTS_TCSS, CommentsPanel

SIZE = (80, 60)

# Async tests run on anyio's pytest plugin (installed with httpx), on asyncio only.
pytestmark = pytest.mark.anyio


def garden_article() -> Article:
    """Two threads; the first nests four levels deep (depths 0..3)."""
    depth3 = Comment("丙三", "先修再说。", time="2026-11-20T10:15:00+08:00", likes=2)
    depth2 = Comment(
        "乙二", "没法判定。", time="2026-11-20T10:02:00+08:00", likes=57, replies=[depth3]
    )
    depth1 = Comment(
        "甲一", "谁来赔?", time="2026-11-20T09:10:00+08:00", likes=188, replies=[depth2]
    )
    sibling = Comment("丁", "同意。", time="2026-11-20T09:12:00+08:00")
    top = Comment(
        "老街坊",
        "支持保留!",
        time="2026-11-20T08:52:00+08:00",
        likes=326,
        replies=[depth1, sibling],
    )
    second = Comment("KevinZ", "多少钱?", time="2026-11-20T09:03:00+08:00", likes=5)
    return Article(title="菜园", comments=[top, second], comment_count=6)


class PanelApp(App[None]):
    CSS_PATH = COMMENTS_TCSS

    def __init__(self, article: Article | None, mode: PinyinMode = PinyinMode.OFF) -> None:
        super().__init__()
        self.article = article
        self.mode = mode
        self.toggles: list[tuple[str, bool]] = []

    def compose(self) -> ComposeResult:
        yield CommentsPanel(id="comments")

    def on_mount(self) -> None:
        panel = self.query_one(CommentsPanel)
        panel.show_article(self.article, self.mode)
        panel.focus()

    def on_comments_panel_thread_toggled(self, message: CommentsPanel.ThreadToggled) -> None:
        self.toggles.append((message.comment.author, message.collapsed))


def screen_lines(panel: CommentsPanel) -> list[str]:
    """The panel's painted rows as text (the test terminal is tall enough for all of them)."""
    height = panel.scrollable_content_region.height
    return [panel.render_line(y).text.rstrip() for y in range(height)]


def line_with(panel: CommentsPanel, needle: str) -> str:
    matches = [line for line in screen_lines(panel) if needle in line]
    assert matches, f"{needle!r} not shown in:\n" + "\n".join(screen_lines(panel))
    return matches[0]


async def test_title_counts_every_comment_including_replies():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE):
        panel = app.query_one(CommentsPanel)
        assert panel.border_title == "Comments (6)"


async def test_title_mentions_a_differing_page_count():
    article = garden_article()
    article.comment_count = 0
    app = PanelApp(article)
    async with app.run_test(size=SIZE):
        assert app.query_one(CommentsPanel).border_title == "Comments (6; page says 0)"


async def test_nesting_draws_one_guide_per_level():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE):
        panel = app.query_one(CommentsPanel)
        assert line_with(panel, "老街坊").startswith("老街坊 · 2026-11-20 08:52 · ♥ 326  [−]")
        assert line_with(panel, "甲一").startswith("│ 甲一 · 2026-11-20 09:10 · ♥ 188")
        assert line_with(panel, "乙二").startswith("│ │ 乙二")
        assert line_with(panel, "丙三").startswith("│ │ │ 丙三 · 2026-11-20 10:15 · ♥ 2")
        assert line_with(panel, "先修再说").startswith("│ │ │ 先修再说。")
        assert line_with(panel, "KevinZ").startswith("KevinZ")


async def test_guides_are_coloured_by_depth():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE):
        panel = app.query_one(CommentsPanel)
        row = next(
            y for y, line in enumerate(screen_lines(panel)) if line.startswith("│ │ │ 丙三")
        )
        segments = [s for s in panel.render_line(row) if s.text == "│"]
        colours = [s.style.color for s in segments if s.style]
        assert len(colours) == 3 and len(set(colours)) == 3


async def test_guide_colours_follow_the_theme():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)

        def guide_colours() -> list[object]:
            row = next(y for y, line in enumerate(screen_lines(panel)) if "丙三" in line)
            return [s.style.color for s in panel.render_line(row) if s.text == "│" and s.style]

        app.theme = "textual-dark"
        await pilot.pause()
        dark = guide_colours()
        app.theme = "textual-light"
        await pilot.pause()
        assert guide_colours() != dark


async def test_enter_folds_and_unfolds_the_focused_thread():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        await pilot.press("enter")
        assert "老街坊 · 2026-11-20 08:52 · ♥ 326  [+] 4 replies" in screen_lines(panel)
        text = "\n".join(screen_lines(panel))
        assert "甲一" not in text and "丙三" not in text
        assert "KevinZ" in text
        assert [c.author for c in panel.visible_comments()] == ["老街坊", "KevinZ"]
        assert app.toggles == [("老街坊", True)]
        await pilot.press("space")
        assert "丙三" in "\n".join(screen_lines(panel))
        assert app.toggles[-1] == ("老街坊", False)


async def test_keys_move_between_comments_and_fold_a_reply():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        await pilot.press("j", "down")
        assert panel.cursor_comment is not None and panel.cursor_comment.author == "乙二"
        await pilot.press("enter")
        assert "│ │ 乙二 · 2026-11-20 10:02 · ♥ 57  [+] 1 reply" in screen_lines(panel)
        assert "丙三" not in "\n".join(screen_lines(panel))
        await pilot.press("k")
        assert panel.cursor_comment.author == "甲一"


async def test_fold_all_and_unfold_all():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        await pilot.press("j", "j", "minus")
        assert [c.author for c in panel.visible_comments()] == ["老街坊", "KevinZ"]
        assert panel.cursor_comment.author == "老街坊"
        await pilot.press("enter")  # unfolds one level: the replies' own threads stay folded
        assert "│ 甲一 · 2026-11-20 09:10 · ♥ 188  [+] 2 replies" in screen_lines(panel)
        await pilot.press("plus")
        assert len(panel.visible_comments()) == 6


async def test_clicking_a_header_toggles_its_thread():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        row = next(y for y, line in enumerate(screen_lines(panel)) if line.startswith("│ 甲一"))
        # Offsets are relative to the widget; add the border and padding.
        assert await pilot.click(CommentsPanel, offset=(6, row + 1))
        assert "│ 甲一 · 2026-11-20 09:10 · ♥ 188  [+] 2 replies" in screen_lines(panel)
        assert "乙二" not in "\n".join(screen_lines(panel))
        assert panel.cursor_comment.author == "甲一"
        assert await pilot.click(CommentsPanel, offset=(6, row + 1))
        assert "乙二" in "\n".join(screen_lines(panel))


async def test_empty_state_shows_the_pages_own_text():
    article = Article(title="空", comment_count=0, comments_empty_text="暂无评论,快抢沙发吧~")
    app = PanelApp(article)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        assert panel.border_title == "Comments (0)"
        assert screen_lines(panel)[:2] == ["No comments yet", "暂无评论,快抢沙发吧~"]
        await pilot.press("enter", "j", "minus")  # keys on an empty panel are harmless


async def test_no_article_is_a_neutral_empty_panel():
    app = PanelApp(None)
    async with app.run_test(size=SIZE):
        panel = app.query_one(CommentsPanel)
        assert panel.border_title == "Comments"
        assert screen_lines(panel)[0] == "No article open."


async def test_pinyin_mode_shows_syllables_and_can_be_switched_off():
    app = PanelApp(garden_article(), PinyinMode.MARKS)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        text = "\n".join(screen_lines(panel))
        assert "zhī" in text and "chí" in text  # 支持
        panel.show_article(panel.article, PinyinMode.OFF)
        await pilot.pause()
        assert "zhī" not in "\n".join(screen_lines(panel))


async def test_same_article_keeps_folds_when_the_mode_changes():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        await pilot.press("enter")
        panel.show_article(panel.article, PinyinMode.NUMBERS)
        assert len(panel.visible_comments()) == 2


def many_comments(threads: int = 60) -> Article:
    """300 comments: each thread a chain of five."""
    comments = []
    for n in range(threads):
        chain = Comment(f"用户{n}e", "最后一条回复。" * 3)
        for level in "dcba":
            text = f"第{n}个讨论,{level}层的评论内容。" * 2
            chain = Comment(f"用户{n}{level}", text, replies=[chain])
        comments.append(chain)
    return Article(title="热帖", comments=comments)


async def test_three_hundred_comments_open_quickly():
    article = many_comments()
    assert article.total_comments() == 300
    app = PanelApp(None)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        started = time.perf_counter()
        panel.show_article(article, PinyinMode.OFF)
        first_paint = time.perf_counter() - started
        await pilot.pause()
        elapsed = time.perf_counter() - started
        assert panel.border_title == "Comments (300)"
        # Only what the view needs is laid out at once, the rest in later steps. Generous
        # bounds for shared CI cores: measured ~0.03 s and ~0.4 s locally.
        assert first_paint < 0.5
        assert elapsed < 3.0
        await pilot.press("G")
        assert panel.cursor_comment.author == "用户59e"
        assert "用户59e" in "\n".join(screen_lines(panel))


async def test_left_folds_then_goes_to_parent_and_right_unfolds():
    app = PanelApp(garden_article())
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(CommentsPanel)
        await pilot.press("j")  # 甲一, which has replies
        await pilot.press("h")
        assert [c.author for c in panel.collapsed_comments] == ["甲一"]
        await pilot.press("h")
        assert panel.cursor_comment.author == "老街坊"
        await pilot.press("j", "l")
        assert panel.collapsed_comments == []
        await pilot.press("l")
        assert panel.cursor_comment.author == "乙二"


def test_thread_folds_keep_the_cursor_visible_and_jump_between_threads():
    folds = ThreadFolds(garden_article().comments)
    authors = [entry.comment.author for entry in folds.entries]
    assert authors == ["老街坊", "甲一", "乙二", "丙三", "丁", "KevinZ"]
    folds.cursor = 3  # 丙三
    assert folds.next_thread() == 5
    assert folds.previous_thread() == 0
    assert folds.set_folded(1, True)  # folding 甲一 pulls the cursor up to it
    assert folds.cursor == 1
    assert folds.visible() == [0, 1, 4, 5]
    assert not folds.set_folded(4, True)  # 丁 has no replies
    folds.cursor = 5
    assert folds.previous_thread() == 0
    folds.fold_all()
    assert folds.visible() == [0, 5]
    assert folds.step(-1) == 0 and folds.step(1) == 5
