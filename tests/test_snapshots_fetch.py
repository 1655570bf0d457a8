"""Screenshots of fetching inside the app: the progress line, the errors screen, the add-URL
dialog. Compared with the accepted SVGs in `__snapshots__/`.

The library is an empty folder named `library`, so the reader behind the dialogs shows as
little as possible that other work could change. Nothing drawn holds a port or a temporary
path: the errors screen shows fixed fake failures, and the progress line shows only the host.
Regenerate with `pytest --snapshot-update tests/test_snapshots_fetch.py`, then look at them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from http_fixtures import (
    GARDEN_PARAGRAPHS,
    article_page,
    local_server_fixture,  # noqa: F401 (provides the local_server fixture)
    respond,
    rss_feed,
)
from snapshot_app import settle
from textual.pilot import Pilot
from textual.widgets import Input

from tui_news.services import config
from tui_news.services.config import FeedSubscription
from tui_news.services.fetcher import FetchReport, ItemResult, Outcome
from tui_news.services.http_client import FetchSettings
from tui_news.ui.app import TuiNewsApp
from tui_news.ui.fetching import FetchController, FetchJob

SIZE = (100, 30)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUI_NEWS_HOME", str(tmp_path / "home"))
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def make_app(library: Path) -> TuiNewsApp:
    return TuiNewsApp(library, fetch_settings=FetchSettings.with_timeout(2, retries=0))


def fake_failures() -> FetchReport:
    return FetchReport(
        [
            ItemResult("https://news.example.cn/2026/11/20/roof-garden.html", Outcome.SAVED),
            ItemResult(
                "https://news.example.cn/2026/11/21/missing.html",
                Outcome.FAILED,
                error="HTTP 404 Not Found",
            ),
            ItemResult(
                "https://feeds.example.org/city/rss.xml",
                Outcome.FAILED,
                error="not a feed (the page is HTML, not RSS, Atom or JSON Feed)",
            ),
        ]
    )


def test_errors_screen_with_two_failures(snap_compare, library: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        controller = pilot.app.screen.query_one(FetchController)
        feeds = [
            FeedSubscription("江城晚报", "https://news.example.cn/rss.xml"),
            FeedSubscription("City", "https://feeds.example.org/city/rss.xml"),
        ]
        controller.last_job = FetchJob.refresh(feeds)
        controller.last_report = fake_failures()
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run_before)


def test_add_url_dialog_with_a_bad_address(snap_compare, library: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        field = pilot.app.screen.query_one(Input)
        field.cursor_blink = False
        field.value = "news.example.cn/a.html"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run_before)


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # let the held request end, whatever happened


def test_progress_line_while_refreshing(
    snap_compare, library: Path, local_server, gate: threading.Event
) -> None:
    def held(request) -> None:
        gate.wait(10)
        respond(request, 200, article_page("街道新开了图书馆", GARDEN_PARAGRAPHS).encode())

    local_server.handle("/news/1.html", held)
    items = [("街道新开了图书馆", "/news/1.html", "<p>摘要</p>")]
    feed = local_server.serve("/rss", rss_feed(local_server, items), "application/rss+xml")
    config.save_feeds([FeedSubscription("江城晚报", feed)])

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("r")
        status = pilot.app.screen.query_one(FetchController).status
        # The feed is read (1 of 2 units) and its one item is held: a fixed picture.
        for _ in range(250):
            if (status.done, status.total) == (1, 2):
                break
            await pilot.pause(0.02)
        await pilot.pause()

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run_before)
