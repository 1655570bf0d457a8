"""The progress line of a fetch: "Refreshing 3/12 · news.example.cn" beside a progress bar.

It only draws what it is told; `FetchController` (ui/fetching.py) tells it, and hides it
when no fetch runs.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


def status_text(
    label: str, done: int | None = None, total: int | None = None, host: str = ""
) -> Text:
    """The words of the status line; plain Text, since hosts come from the web."""
    text = Text(label, style="bold")
    if done is None or total is None:
        text.append("…")
        return text
    text.append(f" {done}/{total}")
    if host:
        text.append(" · ", style="dim")
        text.append(host, style="dim")
    return text


class FetchStatus(Horizontal):
    """A one-line progress display; the bar shows activity until the total is known."""

    def __init__(self) -> None:
        super().__init__()
        self.label = ""
        self.done = 0
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Label(id="fetch-label")
        yield ProgressBar(total=None, show_percentage=False, show_eta=False, id="fetch-bar")

    def begin(self, label: str) -> None:
        self.label, self.done, self.total = label, 0, 0
        self.query_one(Label).update(status_text(label))
        self.query_one(ProgressBar).update(total=None, progress=0)

    def advance(self, done: int, total: int, host: str) -> None:
        self.done, self.total = done, total
        self.query_one(Label).update(status_text(self.label, done, total, host))
        # `total` grows while feeds expand into their items, so it is set every time.
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def end(self) -> None:
        self.label, self.done, self.total = "", 0, 0
        self.query_one(Label).update("")
        self.query_one(ProgressBar).update(total=None, progress=0)
