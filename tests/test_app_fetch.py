"""Fetching inside the app, driven through the pilot against a real HTTP server on 127.0.0.1.

The app's per-user locations point at a temporary TUI_NEWS_HOME holding the feed list; a
route held shut by a `threading.Event` keeps a run in progress for as long as a test needs
to look at its progress line.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from http_fixtures import (
    GARDEN_PARAGRAPHS,
    article_page,
    local_server_fixture,  # noqa: F401 (provides the local_server fixture)
    respond,
    rss_feed,
)
from rich.console import Console
from snapshot_app import SEED, settle
from textual.widgets import Input, Label, ProgressBar, Static

from tui_news.services import config
from tui_news.services.fetcher import FetchReport, ItemResult, Outcome
from tui_news.services.http_client import FetchSettings
from tui_news.services.library import LibraryEntry
from tui_news.ui.app import TuiNewsApp
from tui_news.ui.commands import READER_COMMANDS
from tui_news.ui.fetching import FetchController, FetchJob, changed_paths, merge_entries, summary
from tui_news.ui.screens.add_url import AddUrlScreen, url_problem
from tui_news.ui.screens.fetch_errors import NOTHING_FETCHED, FetchErrorsScreen
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.widgets.article_list import ArticleList
from tui_news.ui.widgets.article_view import ArticleView

SIZE = (100, 30)
# Enough text that the reading pane scrolls, so "keeps its place" means something.
LONG = GARDEN_PARAGRAPHS * 5

pytestmark = pytest.mark.anyio


def make_app(library: Path) -> TuiNewsApp:
    # No retries and short timeouts: a failing URL fails at once.
    return TuiNewsApp(library, fetch_settings=FetchSettings.with_timeout(2, retries=0))


def held(gate: threading.Event, body: str) -> Callable:
    """A page that is only sent once the test opens `gate`."""

    def handler(request) -> None:
        gate.wait(10)
        respond(request, 200, body.encode("utf-8"))

    return handler


def reader(app: TuiNewsApp) -> ReaderScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReaderScreen)
    return screen


def titles(app: TuiNewsApp) -> list[str]:
    return [entry.title for entry in reader(app).query_one(ArticleList).entries]


def plain(static: Static) -> str:
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        console.print(static.content)
    return capture.get()


async def wait_until(pilot, condition: Callable[[], bool], tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never became true")


def subscribe(*urls: str) -> None:
    config.save_feeds([config.FeedSubscription(f"feed {n}", url) for n, url in enumerate(urls)])


async def test_refresh_shows_progress_adds_articles_and_lists_the_errors(
    home: Path, library: Path, local_server
) -> None:
    gate = threading.Event()
    local_server.handle("/news/1.html", held(gate, article_page("街道新开了图书馆", LONG)))
    items = [
        ("街道新开了图书馆", "/news/1.html", "<p>摘要</p>"),
        ("不存在的文章", "/news/missing.html", "<p>摘要</p>"),
    ]
    feed = local_server.serve("/rss", rss_feed(local_server, items), "application/rss+xml")
    broken_feed = local_server.serve("/broken.xml", "<html>not a feed</html>")
    subscribe(feed, broken_feed)

    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pauses=2)
        screen = reader(app)
        view = screen.query_one(ArticleView)
        controller = screen.query_one(FetchController)
        assert not controller.display  # hidden while idle
        view.focus()
        await pilot.press("space")
        await pilot.pause()
        place = view.scroll_y
        assert place > 0 and screen.current.path.name == SEED
        before = titles(app)

        await pilot.press("r")
        # The held page keeps the run going: its progress line is on screen and counts.
        await wait_until(pilot, lambda: "/" in str(controller.query_one(Label).content))
        assert controller.display and controller.region.height == 1
        status = str(controller.query_one(Label).content)
        assert status.startswith("Refreshing ") and "127.0.0.1" in status
        assert controller.query_one(ProgressBar).total is not None
        await pilot.press("j")  # the app still answers keys
        await pilot.pause()
        assert view.scroll_y == place + 1
        await pilot.press("k")
        await pilot.pause()

        gate.set()
        await wait_until(pilot, lambda: not controller.running)
        await settle(pilot, pauses=2)

        assert "街道新开了图书馆" in titles(app)
        assert len(titles(app)) == len(before) + 1
        assert not controller.display
        # The open article has not moved.
        assert screen.current.path.name == SEED
        assert view.scroll_y == place
        report = controller.last_report
        assert report is not None
        assert report.count(Outcome.SAVED) == 1 and len(report.failures) == 2

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FetchErrorsScreen)
        listed = plain(app.screen.query_one("#fetch-errors-list", Static))
        assert local_server.url("/news/missing.html") in listed
        assert "HTTP 404 Not Found" in listed
        assert broken_feed in listed
        assert "Refresh of 2 feeds" in plain(app.screen.query_one("#fetch-errors-run", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_refresh_without_feeds_says_how_to_add_one(home: Path, library: Path) -> None:
    app = make_app(library)
    said: list[str] = []
    app.notify = lambda message, **options: said.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pauses=2)
        await pilot.press("r")
        await pilot.pause()
        assert not reader(app).query_one(FetchController).running
        assert said == ["No feeds yet: add one with `tui-news feed add URL`"]


async def test_errors_screen_before_any_fetch(home: Path, library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FetchErrorsScreen)
        assert NOTHING_FETCHED in plain(app.screen.query_one("#fetch-errors-list", Static))


async def test_add_url_saves_the_article_and_lists_it(
    home: Path, library: Path, local_server
) -> None:
    url = local_server.serve("/story.html", article_page("社区食堂开张", LONG))
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pauses=2)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddUrlScreen)
        app.screen.query_one(Input).value = url
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await wait_until(pilot, lambda: "社区食堂开张" in titles(app))
        saved = list(library.glob("*.md"))
        assert any("she-qu-shi-tang-kai-zhang" in path.name for path in saved)


async def test_an_updated_open_article_is_redrawn_in_place(
    home: Path, library: Path, local_server
) -> None:
    url = local_server.serve("/story.html", article_page("社区食堂开张", LONG))
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pauses=2)
        controller = reader(app).query_one(FetchController)
        controller.start(FetchJob.fetch([url]))
        await wait_until(pilot, lambda: "社区食堂开张" in titles(app))
        await settle(pilot, pauses=2)
        entry = next(e for e in reader(app).library_entries if e.title == "社区食堂开张")
        await pilot.app.run_action(f"screen.open_path({str(entry.path)!r})")
        view = reader(app).query_one(ArticleView)
        view.focus()
        await pilot.press("space")
        await pilot.pause()
        place = view.scroll_y
        assert place > 0

        local_server.serve(
            "/story.html", article_page("社区食堂开张", [*LONG, "食堂今天又加了新菜。"])
        )
        controller.start(FetchJob.fetch([url]))
        await wait_until(pilot, lambda: not controller.running)
        await settle(pilot, pauses=2)
        assert controller.last_report.results[0].outcome is Outcome.UPDATED
        assert reader(app).current.path == entry.path
        assert "食堂今天又加了新菜" in "".join(
            block.text for block in reader(app).current.article.body
        )
        await wait_until(pilot, lambda: view.scroll_y == place)
        shown = "".join(plain(static) for static in view.query(Static))
        assert "食堂今天又加了新菜" in shown


# The pieces without a screen


def test_merge_keeps_order_by_name_and_replaces_changed_files(tmp_path: Path) -> None:
    old = [LibraryEntry(tmp_path / name, None, "x") for name in ("a.md", "c.md")]
    fresh = [
        LibraryEntry(tmp_path / "b.md", None, "new"),
        LibraryEntry(tmp_path / "c.md", None, "v2"),
    ]
    merged = merge_entries(old, fresh)
    assert [entry.path.name for entry in merged] == ["a.md", "b.md", "c.md"]
    assert merged[2].error == "v2"


def test_changed_paths_are_the_saved_and_updated_files_once_each(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    report = FetchReport(
        [
            ItemResult("u1", Outcome.SAVED, a),
            ItemResult("u2", Outcome.UNCHANGED, b),
            ItemResult("u3", Outcome.UPDATED, a),
            ItemResult("u4", Outcome.FAILED, error="HTTP 500"),
        ]
    )
    assert changed_paths(report) == [a]


def test_summaries() -> None:
    feeds = [config.FeedSubscription("one", "http://127.0.0.1/rss")]
    report = FetchReport(
        [ItemResult("u1", Outcome.SAVED), ItemResult("u2", Outcome.FAILED, error="boom")]
    )
    assert summary(FetchJob.refresh(feeds), report) == (
        "Refreshed 1 feed: 1 new, 0 updated, 0 unchanged, 1 failed · press e for the errors",
        "warning",
    )
    one = FetchReport([ItemResult("http://x.cn/a", Outcome.FAILED, error="HTTP 404 Not Found")])
    assert summary(FetchJob.fetch(["http://x.cn/a"]), one) == (
        "Could not fetch http://x.cn/a: HTTP 404 Not Found",
        "error",
    )
    saved = FetchReport([ItemResult("http://x.cn/a", Outcome.SAVED, title="标题\x1b[31m")])
    assert summary(FetchJob.fetch(["http://x.cn/a"]), saved) == ("Added: 标题", "information")
    assert FetchJob.refresh(feeds * 2).description == "Refresh of 2 feeds"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "Type or paste an address"),
        ("news.example.cn/a.html", "Start the address with http:// or https://"),
        ("ftp://example.cn/a", "Start the address with http:// or https://"),
        ("http://", "The address has no host name."),
        ("http://exa mple.cn/", "An address cannot contain spaces."),
    ],
)
def test_url_problems(typed: str, problem: str) -> None:
    assert url_problem(typed).startswith(problem)
    assert url_problem("https://news.example.cn/a.html?x=1") == ""


async def test_add_url_rejects_a_bad_address_and_escape_cancels(home: Path, library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, pauses=2)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"news", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddUrlScreen)  # still open
        problem = plain(dialog.query_one("#add-url-problem", Static))
        assert "Start the address with http:// or https://" in problem
        await pilot.press("x")  # typing again clears the complaint
        await pilot.pause()
        assert plain(dialog.query_one("#add-url-problem", Static)).strip() == ""
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert not reader(app).query_one(FetchController).running


def test_every_fetch_key_has_a_palette_command() -> None:
    actions = {command.action for command in READER_COMMANDS}
    assert {"app.refresh_feeds", "app.add_url", "app.fetch_errors"} <= actions
