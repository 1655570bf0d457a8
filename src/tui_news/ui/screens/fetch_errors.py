"""The `e` screen: what went wrong in the last fetch, one address and its cause per failure."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_news.core.sanitize import strip_controls
from tui_news.services.fetcher import ItemResult

NOTHING_FETCHED = "Nothing fetched yet. Press r to refresh the feeds, or a to add a URL."
NO_ERRORS = "The last fetch had no errors."


def failures_renderable(failures: Sequence[ItemResult] | None) -> RenderableType:
    """Each failure as its URL (folded, never cut: it is what the user will look up) and the
    cause beneath it. `None` means no fetch has run yet."""
    if failures is None:
        return Text(NOTHING_FETCHED, style="dim")
    if not failures:
        return Text(NO_ERRORS, style="dim")
    parts: list[RenderableType] = []
    for number, failure in enumerate(failures, start=1):
        url = Text(strip_controls(failure.url, keep_newlines=False), style="bold")
        url.overflow = "fold"
        cause = Text(strip_controls(failure.error or "unknown error", keep_newlines=False))
        cause.stylize("red")
        below = 1 if number < len(failures) else 0  # a blank line between failures only
        parts.extend([url, Padding(cause, (0, 0, below, 2))])
    return Group(*parts)


class FetchErrorsScreen(ModalScreen[None]):
    """The failures of the last fetch run; escape (or e again) closes it."""

    BINDINGS: list[BindingType] = [
        Binding("escape,e,q", "dismiss", "Close the errors", id="fetch_errors.close"),
    ]

    def __init__(self, failures: Sequence[ItemResult] | None, run: str = "") -> None:
        super().__init__()
        self.failures = failures
        self.run = run  # which run they come from, e.g. "Refreshing 3 feeds"

    def compose(self) -> ComposeResult:
        count = len(self.failures) if self.failures else 0
        with VerticalScroll(id="fetch-errors-panel") as panel:
            panel.border_title = f"Fetch errors ({count})" if count else "Fetch errors"
            panel.border_subtitle = "escape closes"
            if self.run:
                yield Static(Text(self.run, style="italic"), id="fetch-errors-run")
            yield Static(failures_renderable(self.failures), id="fetch-errors-list")
