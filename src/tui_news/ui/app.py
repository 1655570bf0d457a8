"""The Textual application: a thin shell that opens the reader screen on a library folder."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui_news.services import config
from tui_news.services.http_client import FetchSettings
from tui_news.ui.fetching import NO_FEEDS, FetchController, FetchJob, summary
from tui_news.ui.screens.add_url import AddUrlScreen
from tui_news.ui.screens.fetch_errors import FetchErrorsScreen
from tui_news.ui.screens.reader import ReaderScreen


class TuiNewsApp(App[None]):
    """Read the articles of `library`, starting with `selected` (or the first one)."""

    TITLE = "tui-news"
    CSS_PATH = [
        "styles/app.tcss",
        "styles/comments.tcss",
        "styles/fetch.tcss",
        "styles/words.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding(
            "r",
            "refresh_feeds",
            "Refresh feeds",
            show=False,
            tooltip="Fetch new articles from every subscribed feed",
            id="app.refresh",
        ),
        Binding(
            "a",
            "add_url",
            "Add URL",
            show=False,
            tooltip="Fetch a page or feed into the library",
            id="app.add_url",
        ),
        Binding(
            "e",
            "fetch_errors",
            "Fetch errors",
            show=False,
            tooltip="What went wrong in the last fetch",
            id="app.fetch_errors",
        ),
    ]

    def __init__(
        self,
        library: Path,
        selected: Path | None = None,
        fetch_settings: FetchSettings | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.selected = selected
        self.fetch_settings = fetch_settings

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.library, self.selected)

    def compose(self) -> ComposeResult:
        # Mounted on the reader screen (the default screen), so the library changes it
        # announces reach the reader on their way up to the app.
        yield FetchController(self.library, self.fetch_settings)

    @property
    def fetch_controller(self) -> FetchController:
        return self.screen_stack[0].query_one(FetchController)

    # Fetching

    def action_refresh_feeds(self) -> None:
        try:
            feeds = config.load_feeds()  # a small file: read here to say "no feeds" at once
        except config.ConfigError as error:
            self.notify(str(error), title="Cannot read the feeds", severity="error", markup=False)
            return
        if not feeds:
            self.notify(NO_FEEDS, markup=False)
            return
        self.fetch_controller.start(FetchJob.refresh(feeds))

    def action_add_url(self) -> None:
        def fetch(url: str | None) -> None:
            if url:
                self.fetch_controller.start(FetchJob.fetch([url]))

        self.push_screen(AddUrlScreen(), fetch)

    def action_fetch_errors(self) -> None:
        controller = self.fetch_controller
        report, job = controller.last_report, controller.last_job
        run = job.description if job is not None else ""
        self.push_screen(FetchErrorsScreen(report.failures if report else None, run))

    def on_fetch_controller_queued(self, message: FetchController.Queued) -> None:
        self.notify(f"{message.job.label} after the current run ends.", markup=False)

    def on_fetch_controller_finished(self, message: FetchController.Finished) -> None:
        if message.report is None:
            if message.error != "cancelled":
                self.notify(message.error, title="The fetch failed", severity="error", markup=False)
            return
        text, severity = summary(message.job, message.report)
        self.notify(text, severity=severity, markup=False)  # type: ignore[arg-type]
        if message.warning:
            self.notify(message.warning, severity="warning", markup=False)
