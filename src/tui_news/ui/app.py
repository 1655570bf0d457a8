"""The Textual application: a thin shell that opens the reader screen on a library folder."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui_news.ui.screens.reader import ReaderScreen


class TuiNewsApp(App[None]):
    """Read the articles of `library`, starting with `selected` (or the first one)."""

    TITLE = "tui-news"
    CSS_PATH = ["styles/app.tcss", "styles/comments.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, library: Path, selected: Path | None = None) -> None:
        super().__init__()
        self.library = library
        self.selected = selected

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.library, self.selected)
