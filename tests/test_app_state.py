"""State that lasts, driven through the pilot: read and starred marks, views, the reading place,
the last article and modes after a restart, a damaged state file, failed writes, config keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from snapshot_app import EV, GARDEN, SEED, make_app, make_library, settle
from textual.widgets import OptionList

from tui_news.core.display import PinyinMode
from tui_news.services.state import STATE_FILE, StateError, StateStore
from tui_news.ui.screens.links import LinksScreen
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.widgets.article_list import ArticleList
from tui_news.ui.widgets.article_view import ArticleView

SIZE = (100, 30)
pytestmark = pytest.mark.anyio


@pytest.fixture
def library(tmp_path: Path, home: Path) -> Path:
    return make_library(tmp_path)


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def listed(app) -> list[str]:
    return [entry.path.name for entry in app.screen.query_one(ArticleList).entries]


def prompts(app) -> list[str]:
    """Each row of the list as plain text."""
    console = Console(width=40, color_system=None)
    texts = []
    for option in app.screen.query_one(ArticleList).options:
        with console.capture() as capture:
            console.print(option.prompt)
        texts.append(capture.get())
    return texts


def recording(app):
    """The app, with every notification's message kept in `app.said` (and not shown)."""
    app.said = []
    app.notify = lambda message, **options: app.said.append(message)
    return app


def marks(app) -> dict[str, tuple[bool, bool]]:
    screen = reader(app)
    return {
        e.path.name: (screen.row_marks(e).unread, screen.row_marks(e).starred)
        for e in screen.library_entries
    }


async def test_opening_marks_read_and_u_toggles(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert marks(app)[SEED] == (False, False)  # opened at start
        assert marks(app)[GARDEN] == (True, False)
        assert app.screen.sub_title == "library · 2 unread · pinyin off"
        await pilot.press("j", "u")  # the list has the focus: u acts on the row
        assert marks(app)[GARDEN] == (False, False)
        assert app.screen.sub_title == "library · 1 unread · pinyin off"
        await pilot.press("u")
        assert marks(app)[GARDEN] == (True, False)
        await pilot.press("tab", "u")  # the article pane: u acts on the open article
        assert marks(app)[SEED] == (True, False)


async def test_s_stars_and_views_show_all_unread_or_starred(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "s")
        assert marks(app)[GARDEN] == (True, True)
        assert prompts(app)[1].startswith("★ 楼顶菜园")
        await pilot.press("3")
        assert listed(app) == [GARDEN]
        assert app.screen.query_one(ArticleList).border_title == "Starred (1)"
        await pilot.press("2")
        assert listed(app) == [GARDEN, EV]
        await pilot.press("1")
        assert listed(app) == [SEED, GARDEN, EV]
        await pilot.press("s")  # unstar
        assert marks(app)[GARDEN] == (True, False)


async def test_o_cycles_the_order_and_v_the_grouping(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")  # by date, newest first, undated last
        assert listed(app) == [EV, GARDEN, SEED]
        assert app.screen.query_one(ArticleList).border_subtitle == "by date"
        await pilot.press("o", "o", "o")  # source, title, unread first
        assert listed(app) == [GARDEN, EV, SEED]
        await pilot.press("o")  # back to the library's order
        assert listed(app) == [SEED, GARDEN, EV]
        await pilot.press("v")
        headings = [p.strip() for p in prompts(app) if p.startswith(("江", "济", "浦"))]
        assert headings == ["江城晚报  1", "济南日报·爱济南  1", "浦江科技报  1"]
        await pilot.press("v")  # by feed: no feeds configured, so all under Other
        assert prompts(app)[0].strip() == "Other  3"


async def test_everything_is_back_after_a_restart(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "s", "enter", "p")  # star and open the garden, pinyin marks
        await settle(pilot)
        await pilot.press("space", "space")
        await pilot.pause()
        place = app.screen.query_one(ArticleView).scroll_fraction
        assert place > 0
        await pilot.press("q")
    app = make_app(library)  # no article named: the last one opens
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.current is not None and screen.current.path.name == GARDEN
        assert screen.pinyin_mode is PinyinMode.MARKS
        assert marks(app) == {SEED: (False, False), GARDEN: (False, True), EV: (True, False)}
        view = app.screen.query_one(ArticleView)
        assert view.scroll_fraction == pytest.approx(place, abs=0.02)


async def test_the_list_keeps_its_view_order_and_grouping_after_a_restart(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "v", "2")  # by date, grouped by source, unread only
        before = listed(app)
        await pilot.press("q")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reader(app).list_view
        assert (view.view.value, view.order.value, view.grouping.value) == (
            "unread",
            "date",
            "source",
        )
        assert listed(app) == before
        assert app.screen.query_one(ArticleList).border_subtitle.startswith("by date")


async def test_the_theme_choice_is_saved(library: Path, home: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
    (home / "config.toml").write_text('[display]\ntheme = "dracula"\n', encoding="utf-8")
    app = make_app(library)  # the file changed since the choice: the file wins
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "dracula"


async def test_a_damaged_state_file_is_moved_aside_with_a_warning(
    library: Path, home: Path
) -> None:
    (home / "data").mkdir(parents=True)
    (home / "data" / STATE_FILE).write_bytes(b"this is not a database" * 100)
    app = recording(make_app(library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("moved aside" in message for message in app.said)
        assert marks(app)[SEED] == (False, False)  # fresh state still works
    assert any(p.name.startswith(f"{STATE_FILE}.corrupt-") for p in (home / "data").iterdir())


async def test_a_failed_write_is_one_notification_and_the_app_goes_on(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise StateError("Could not save state: disk I/O error")

    monkeypatch.setattr(StateStore, "toggle_starred", fail)
    app = recording(make_app(library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert app.said == ["Could not save state: disk I/O error"]
        assert marks(app)[SEED] == (False, True)  # the session still shows the star


async def test_keys_from_the_config_file_and_their_conflicts(library: Path, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        '[keys]\nreader.star = "x"\nreader.read = "p"\n', encoding="utf-8"
    )
    app = recording(make_app(library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (message,) = app.said
        assert message == (
            "config.toml line 3: keys.reader.read: p is already reader.pinyin; default used"
        )
        await pilot.press("x")
        assert marks(app)[SEED] == (False, True)
        await pilot.press("s")  # no longer bound
        assert marks(app)[SEED] == (False, True)
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = str(app.screen.query_one("#help-keys").render())
        assert help_text  # the help screen renders with the new keys in place


async def test_shift_o_opens_y_copies_and_l_lists_links(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, selected=GARDEN)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        url = "https://news.example.cn/2026/11/20/garden-debate.html"
        await pilot.press("O")
        assert opened == [url]
        await pilot.press("y")
        assert app.clipboard == url
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.query_one(OptionList).option_count == 2
        await pilot.press("2")
        await pilot.pause()
        assert opened[-1] == "https://www.example.cn/guide/roof-garden-2026.html"
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("l", "down", "enter")
        await pilot.pause()
        assert opened[-1] == "https://www.example.cn/guide/roof-garden-2026.html"
        await pilot.press("l", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_an_article_without_a_url_says_so(library: Path) -> None:
    app = recording(make_app(library, selected=SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.said == ["This article has no web address."]
