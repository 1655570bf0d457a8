"""Fetching inside the app: runs the `Fetcher` in a worker and reports what happens as messages.

`FetchController` is a one-line bar docked at the bottom of the reader screen, shown only
while a run is going. It owns the run (one at a time; a second request waits its turn),
feeds the progress to its `FetchStatus` child, and posts upwards:

* `FetchController.LibraryChanged` with the freshly loaded entries of the files a run saved
  or updated, so the reader can merge them into its list without reloading the library;
* `FetchController.Finished` with the report (or the cause, if the whole run failed), for
  the app to notify and keep for the errors screen.

Every run ends through `on_worker_state_changed`, whichever way it ends, so there is one
place where a run's failure is turned into words.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from tui_news.core.sanitize import strip_controls
from tui_news.services import config
from tui_news.services.config import FeedSubscription
from tui_news.services.fetcher import Fetcher, FetchEvent, FetchReport, Outcome
from tui_news.services.http_client import FetchSettings
from tui_news.services.library import LibraryEntry, load_entry
from tui_news.services.store import ArticleStore
from tui_news.ui.widgets.article_view import ArticleView
from tui_news.ui.widgets.fetch_status import FetchStatus

FETCH_GROUP = "fetch"
NO_FEEDS = "No feeds yet: add one with `tui-news feed add URL`"
_CHANGED = (Outcome.SAVED, Outcome.UPDATED)


@dataclass(frozen=True)
class FetchJob:
    """One run: the subscribed feeds (a refresh) or addresses the user typed in."""

    label: str  # what the status bar says while it runs: "Refreshing", "Fetching"
    feeds: tuple[FeedSubscription, ...] = ()
    urls: tuple[str, ...] = ()

    @classmethod
    def refresh(cls, feeds: Sequence[FeedSubscription]) -> FetchJob:
        return cls("Refreshing", feeds=tuple(feeds))

    @classmethod
    def fetch(cls, urls: Sequence[str]) -> FetchJob:
        return cls("Fetching", urls=tuple(urls))

    @property
    def is_refresh(self) -> bool:
        return bool(self.feeds)

    @property
    def description(self) -> str:
        """The run in words, for the errors screen: "Refresh of 3 feeds"."""
        if self.is_refresh:
            count = len(self.feeds)
            return f"Refresh of {count} feed{'s' * (count != 1)}"
        if len(self.urls) == 1:
            return f"Fetch of {one_line(self.urls[0])}"
        return f"Fetch of {len(self.urls)} addresses"


@dataclass
class RunResult:
    report: FetchReport
    warning: str = ""  # the articles are saved, but something around them went wrong


def changed_paths(report: FetchReport) -> list[Path]:
    """The files a run wrote, once each, in the order they were saved."""
    paths = (result.path for result in report.results if result.outcome in _CHANGED)
    return list(dict.fromkeys(path for path in paths if path is not None))


def merge_entries(
    entries: Iterable[LibraryEntry], fresh: Iterable[LibraryEntry]
) -> list[LibraryEntry]:
    """`entries` with `fresh` ones replacing those of the same file and new files added,
    sorted by file name as the library itself lists them."""
    by_path = {entry.path: entry for entry in entries}
    by_path.update((entry.path, entry) for entry in fresh)
    return sorted(by_path.values(), key=lambda entry: entry.path.name)


def _counts(report: FetchReport) -> str:
    parts = [
        f"{report.count(Outcome.SAVED)} new",
        f"{report.count(Outcome.UPDATED)} updated",
        f"{report.count(Outcome.UNCHANGED)} unchanged",
    ]
    failed = report.count(Outcome.FAILED)
    if failed:
        parts.append(f"{failed} failed")
    return ", ".join(parts)


def summary(job: FetchJob, report: FetchReport) -> tuple[str, str]:
    """(message, severity) for the notification at the end of a run."""
    hint = " · press e for the errors" if report.failures else ""
    severity = "warning" if report.failures else "information"
    if job.is_refresh:
        feeds = len(job.feeds)
        return f"Refreshed {feeds} feed{'s' * (feeds != 1)}: {_counts(report)}{hint}", severity
    if len(report.results) == 1:
        [result] = report.results
        name = one_line(result.title or result.url)
        if result.outcome is Outcome.FAILED:
            return f"Could not fetch {one_line(result.url)}: {one_line(result.error)}", "error"
        said = {
            Outcome.SAVED: "Added",
            Outcome.UPDATED: "Updated",
            Outcome.UNCHANGED: "Already in the library",
        }
        return f"{said[result.outcome]}: {name}", "information"
    return f"Fetched: {_counts(report)}{hint}", severity


def redraw_keeping_place(view: ArticleView, entry: LibraryEntry) -> None:
    """Show a new version of the open article without moving the reader: `show_entry`
    starts at the top, so the offset goes back once the new parts have been laid out."""
    y = view.scroll_y
    view.show_entry(entry, view.mode)
    view.call_after_refresh(view.scroll_to, y=y, animate=False, immediate=True)


def one_line(text: str) -> str:
    """Untrusted text (URLs, causes, titles) made safe for a one-line display."""
    return strip_controls(text, keep_newlines=False)


class FetchController(Widget):
    """Runs fetch jobs one at a time in a worker and shows their progress while they run."""

    @dataclass
    class Progress(Message):
        """A URL started or finished; `done` of `total` units of work are complete."""

        job: FetchJob
        done: int
        total: int
        host: str

    @dataclass
    class LibraryChanged(Message):
        """Files were saved or updated; `entries` are those files, freshly loaded."""

        entries: list[LibraryEntry]

        def merged_into(self, entries: Iterable[LibraryEntry]) -> list[LibraryEntry]:
            return merge_entries(entries, self.entries)

        def entry_for(self, path: Path) -> LibraryEntry | None:
            return next((entry for entry in self.entries if entry.path == path), None)

    @dataclass
    class Finished(Message):
        """A run ended: `report` when it ran to the end, else `error` says why it did not."""

        job: FetchJob
        report: FetchReport | None
        error: str = ""
        warning: str = ""

    @dataclass
    class Queued(Message):
        """A job waits for the current run to end."""

        job: FetchJob
        ahead: FetchJob

    def __init__(
        self,
        library: Path,
        settings: FetchSettings | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.current: FetchJob | None = None
        self.waiting: deque[FetchJob] = deque()
        self.last_job: FetchJob | None = None
        self.last_report: FetchReport | None = None

    def compose(self) -> ComposeResult:
        yield FetchStatus()

    @property
    def status(self) -> FetchStatus:
        return self.query_one(FetchStatus)

    @property
    def running(self) -> bool:
        return self.current is not None

    def start(self, job: FetchJob) -> None:
        """Run `job` now, or after the run in progress (pressing `r` twice never cancels)."""
        if self.current is not None:
            self.waiting.append(job)
            self.post_message(self.Queued(job, self.current))
            return
        self.current = job
        self.add_class("-running")
        self.status.begin(job.label)
        self.run_job(job)

    @work(exclusive=True, group=FETCH_GROUP, exit_on_error=False)
    async def run_job(self, job: FetchJob) -> RunResult:
        # The whole run stays on the event loop (the fetcher awaits the network and sends
        # parsing and file writes to threads), so the app keeps answering keys throughout.
        fetcher = Fetcher(
            ArticleStore(self.library), self.settings, partial(self.report_progress, job)
        )
        warning = ""
        if job.is_refresh:
            states = await asyncio.to_thread(config.load_feed_states)
            report = await fetcher.refresh(job.feeds, states)
            try:
                await asyncio.to_thread(config.save_feed_states, states)
            except config.ConfigError as error:
                warning = f"Feed state not saved: {error}"
        else:
            report = await fetcher.fetch(job.urls)
        paths = changed_paths(report)
        if paths:
            entries = await asyncio.to_thread(lambda: [load_entry(path) for path in paths])
            self.post_message(self.LibraryChanged(entries))
        return RunResult(report, warning)

    def report_progress(self, job: FetchJob, event: FetchEvent) -> None:
        """The fetcher's callback (on the event loop's thread): progress becomes a message."""
        self.post_message(self.Progress(job, event.done, event.total, one_line(event.host)))

    def on_fetch_controller_progress(self, message: FetchController.Progress) -> None:
        if message.job is self.current:
            self.status.advance(message.done, message.total, message.host)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Where every run ends: done, crashed or cancelled."""
        worker = event.worker
        if worker.group != FETCH_GROUP or self.current is None:
            return
        event.stop()
        job = self.current
        if event.state is WorkerState.SUCCESS and isinstance(worker.result, RunResult):
            result = worker.result
            self.last_job, self.last_report = job, result.report
            finished = self.Finished(job, result.report, warning=result.warning)
        elif event.state is WorkerState.ERROR:
            cause = one_line(str(worker.error) or type(worker.error).__name__)
            finished = self.Finished(job, None, error=cause)
        elif event.state is WorkerState.CANCELLED:
            finished = self.Finished(job, None, error="cancelled")
        else:
            return  # pending or running: not the end yet
        self.current = None
        self.post_message(finished)
        if self.waiting:
            self.start(self.waiting.popleft())
        else:
            self.remove_class("-running")
            self.status.end()
