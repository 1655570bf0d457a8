"""The reader driven through Textual's pilot: every key, the mouse, the palette, the layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console, Group
from snapshot_app import BROKEN, EV, GARDEN, SEED, make_app, make_library, settle
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from tui_news.core.display import PinyinMode
from tui_news.core.models import Article, Block, BlockKind, Span
from tui_news.core.tones import ToneScheme
from tui_news.services.library import bundled_articles_dir, read_article
from tui_news.ui.commands import READER_COMMANDS
from tui_news.ui.renderables.article import article_renderables, format_published
from tui_news.ui.screens.help import HelpScreen
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.widgets.article_list import ArticleList
from tui_news.ui.widgets.article_view import ArticleView
from tui_news.ui.widgets.comments_panel import CommentsPanel

SIZE = (100, 30)
GARDEN_TITLE = "楼顶菜园要不要拆？桂花里小区居民议事会吵了两个小时"

# Async tests run on anyio's pytest plugin (installed with httpx), on asyncio only.
pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("home")]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path, broken=True)


def reader(app) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def shown_name(app) -> str | None:
    current = reader(app).current
    return current.path.name if current is not None else None


def article_text(app, width: int = 80) -> str:
    """The reading pane's text, as plain lines."""
    view = app.screen.query_one(ArticleView)
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(Group(*(static.content for static in view.query(Static))))
    return capture.get()


# Startup


async def test_startup_shows_the_first_article_and_the_library_name(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_name(app) == SEED
        assert app.screen.sub_title == "library · 2 unread · pinyin off"
        assert app.screen.query_one(ArticleList).has_focus
        assert "百度京东中兴" in article_text(app)


async def test_startup_opens_the_selected_article(library: Path) -> None:
    app = make_app(library, selected=GARDEN)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_name(app) == GARDEN
        assert app.screen.query_one(ArticleList).highlighted_entry.path.name == GARDEN


# The list: moving, opening, clicking


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_list_keys_move_the_highlight_without_opening(
    library: Path, down: str, up: str
) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        articles = app.screen.query_one(ArticleList)
        await pilot.press(down, down)
        assert articles.highlighted_entry.path.name == EV
        assert shown_name(app) == SEED
        await pilot.press(up)
        assert articles.highlighted_entry.path.name == GARDEN


async def test_enter_opens_the_highlighted_article(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert shown_name(app) == GARDEN
        assert "楼顶菜园" in article_text(app)


async def test_clicking_an_article_opens_it(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Row 1 is the border; the seed article takes rows 1-4 and its separator row 5.
        assert await pilot.click(ArticleList, offset=(5, 7))
        await pilot.pause()
        assert shown_name(app) == GARDEN


async def test_a_broken_file_shows_its_error_and_the_rest_still_works(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "enter")
        await pilot.pause()
        assert shown_name(app) == BROKEN
        text = article_text(app)
        assert f"Could not read {BROKEN}" in text
        assert "front matter is never closed" in text
        await pilot.press("home", "enter")
        await pilot.pause()
        assert shown_name(app) == SEED


# Focus and scrolling


async def test_tab_cycles_focus_between_the_panes(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("c", "tab")
        assert isinstance(app.focused, ArticleView)


@pytest.mark.parametrize(("down", "up"), [("space", "b"), ("pagedown", "pageup")])
async def test_page_keys_scroll_the_article_even_from_the_list(
    library: Path, down: str, up: str
) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert app.screen.query_one(ArticleList).has_focus
        page = view.scrollable_content_region.height
        assert view.max_scroll_y > page, view.max_scroll_y
        await pilot.press(down)
        await pilot.pause()
        assert view.scroll_y == page, (view.scroll_y, view.max_scroll_y)
        await pilot.press(up)
        await pilot.pause()
        assert view.scroll_y == 0
        assert shown_name(app) == SEED


async def test_g_and_shift_g_go_to_the_top_and_the_end(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_next_and_previous_article_keys(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert shown_name(app) == GARDEN
        assert app.screen.query_one(ArticleList).highlighted_entry.path.name == GARDEN
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert shown_name(app) == SEED


# Pinyin


async def test_p_cycles_off_marks_numbers_and_shows_the_mode(library: Path) -> None:
    app = make_app(library, selected=GARDEN)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.query_one(ArticleView)
        assert "lóu" not in article_text(app)
        await pilot.press("p")
        assert screen.pinyin_mode is PinyinMode.MARKS
        assert screen.sub_title == "library · 2 unread · pinyin: tone marks · Pleco colours"
        assert view.border_subtitle == "pinyin: tone marks · Pleco colours"
        assert "lóu" in article_text(app)
        await pilot.press("p")
        assert screen.pinyin_mode is PinyinMode.NUMBERS
        assert "lou2" in article_text(app)
        await pilot.press("p")
        assert screen.pinyin_mode is PinyinMode.OFF
        assert "lou2" not in article_text(app)


async def test_t_cycles_tone_colours_and_they_are_remembered(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("p")
        assert screen.tone_scheme is ToneScheme.PLECO  # colour terminal: Pleco by default
        for expected in (ToneScheme.ZHONGWEN, ToneScheme.HANPING, ToneScheme.NONE):
            await pilot.press("t")
            assert screen.tone_scheme is expected
            assert screen.display.tones is expected
        assert screen.sub_title.endswith("pinyin: tone marks")
        await pilot.press("t")
        assert "Pleco colours" in screen.query_one(ArticleView).border_subtitle
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reader(app).tone_scheme is ToneScheme.PLECO
        assert reader(app).pinyin_mode is PinyinMode.MARKS


async def test_sandhi_is_a_palette_command_and_changes_the_tones(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("p")
        assert not screen.sandhi
        # The title's 一个月: dictionary tones yī gè yuè; spoken, 一 rises before a 4th tone.
        assert "yī gè yuè" in article_text(app)
        await screen.run_action("toggle_sandhi")
        await pilot.pause()
        assert screen.sandhi and "sandhi" in screen.sub_title
        assert "yí gè yuè" in article_text(app)


async def test_pinyin_toggle_keeps_the_reading_position(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("space", "space")
        await pilot.pause()
        before = view.scroll_y / view.max_scroll_y
        await pilot.press("p")
        await pilot.pause()
        assert view.scroll_y / view.max_scroll_y == pytest.approx(before, abs=0.05)


# Comments


async def test_c_shows_and_hides_the_comments_panel(library: Path) -> None:
    app = make_app(library, selected=GARDEN)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.screen.query_one(CommentsPanel)
        assert not panel.display
        await pilot.press("c")
        await pilot.pause()
        assert panel.display and panel.has_focus
        await pilot.press("c")
        await pilot.pause()
        assert not panel.display
        assert isinstance(app.focused, ArticleList)


@pytest.mark.parametrize(
    ("size", "beside"), [((160, 40), True), ((100, 30), True), ((80, 24), False)]
)
async def test_panes_never_overlap(library: Path, size: tuple[int, int], beside: bool) -> None:
    app = make_app(library, selected=GARDEN)
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        panes = [screen.query_one(ArticleView), screen.query_one(CommentsPanel)]
        sidebar = screen.query_one(ArticleList)
        if sidebar.display:
            panes.append(sidebar)
        regions = [pane.region for pane in panes]
        for index, region in enumerate(regions):
            assert region.area > 0
            assert screen.region.contains_region(region)
            for other in regions[index + 1 :]:
                assert not region.overlaps(other)
        article, comments = regions[0], regions[1]
        assert (comments.x >= article.right) is beside
        assert (comments.y >= article.bottom) is (not beside)


async def test_the_sidebar_narrows_on_small_terminals_and_folds_away(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one(ArticleList)
        assert sidebar.outer_size.width == 24
        await pilot.press("backslash")
        await pilot.pause()
        assert not sidebar.display
        assert isinstance(app.focused, ArticleView)
        assert app.screen.query_one(ArticleView).outer_size.width == 80


# Help, palette, quitting


async def test_question_mark_opens_the_help_and_escape_closes_it(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, color_system=None)
        with console.capture() as capture:
            console.print(app.screen.query_one("#help-keys", Static).content)
        keys = capture.get()
        for expected in ("Pinyin", "Comments", "space", "pgdn", "Quit", "Open", "j"):
            assert expected in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_the_palette_lists_the_reader_commands_and_runs_them(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        commands = app.screen.query_one(CommandList)
        titles = [str(option.prompt) for option in commands.options]
        for expected in (
            "Pinyin: next mode",
            "Comments: show or hide",
            "Help: every key",
            "Next article",
            f"Open: {GARDEN_TITLE}",
        ):
            assert any(expected in title for title in titles), expected
        await pilot.press(*"tone numbers")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).pinyin_mode is PinyinMode.NUMBERS


def test_every_reader_key_has_a_palette_command() -> None:
    bound = {binding.action for binding in Binding.make_bindings(ReaderScreen.BINDINGS)}
    assert bound <= {command.action for command in READER_COMMANDS}


async def test_q_quits(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# The renderables shared with `tui-news show`


def render_plain(article: Article, mode: PinyinMode, width: int = 60) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(Group(*article_renderables(article, mode)))
    return capture.get()


def test_article_renderables_title_meta_body_and_byline() -> None:
    article = read_article(bundled_articles_dir() / GARDEN)
    text = render_plain(article, PinyinMode.OFF, width=80)
    lines = text.splitlines()
    assert lines[0].startswith("楼顶菜园要不要拆")
    assert "江城晚报 · 2026-11-20 08:30 · 社区 · 18,652 views · 13 comments" in text
    assert "\n\n桂花里小区" in text  # a blank row between paragraphs
    assert lines[-2].endswith(article.byline) and lines[-2].startswith("    ")  # right-aligned
    assert lines[-1] == "#社区治理  #城市农业  #邻里"


def test_quotes_have_a_bar_and_links_keep_their_target() -> None:
    article = Article(
        title="标题",
        body=[
            Block(BlockKind.QUOTE, [Span("引用的话")]),
            Block(BlockKind.PARAGRAPH, [Span("看"), Span("这里", href="https://example.cn")]),
        ],
    )
    text = render_plain(article, PinyinMode.OFF)
    assert "▌ 引用的话" in text
    link_styles = [
        segment.style.link
        for part in article_renderables(article, PinyinMode.OFF)
        for segment in Console(width=40).render(part)
        if segment.style is not None and segment.style.link
    ]
    assert link_styles == ["https://example.cn"] * 2


def test_format_published() -> None:
    assert format_published("2026-11-20T08:30:00+08:00") == "2026-11-20 08:30"
    assert format_published("2026-11-20") == "2026-11-20"
    assert format_published("") == ""


async def test_a_pane_too_narrow_for_ruby_says_so_and_uses_parentheses(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=(44, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        view = reader(app).query_one(ArticleView)
        width = view.scrollable_content_region.width
        assert width < 24 and "too narrow for ruby" in view.border_subtitle
        assert "济南(jǐnán)" in article_text(app, width)
