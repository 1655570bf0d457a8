"""The reading pane: one Static per article renderable, in a scrolling column."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from tui_news.core.display import PinyinMode
from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.article import article_renderables


def broken_renderables(entry: LibraryEntry) -> list[RenderableType]:
    """What a file that failed to load shows instead of an article: its name and error."""
    heading = Text("✗ Could not read ", style="bold red")
    heading.append(entry.path.name, style="bold")
    return [
        heading,
        Text(entry.error or "unknown error", style="red"),
        Text("\nThe rest of the library still works: pick another article.", style="dim"),
    ]


def empty_renderables() -> list[RenderableType]:
    return [Text("No article to show.", style="dim")]


def entry_renderables(entry: LibraryEntry | None, mode: PinyinMode) -> list[RenderableType]:
    if entry is None:
        return empty_renderables()
    if entry.article is None:
        return broken_renderables(entry)
    return article_renderables(entry.article, mode)


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one library entry; the screen tells it which entry and which pinyin mode."""

    BINDINGS: list[BindingType] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="article.up"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entry: LibraryEntry | None = None
        self.mode = PinyinMode.OFF
        self.border_title = "Article"
        # Where to scroll once a pinyin switch has re-laid the content out (see on_resize).
        self.pending_scroll_fraction: float | None = None
        self.border_subtitle = self.mode.label

    def show_entry(self, entry: LibraryEntry | None, mode: PinyinMode) -> None:
        """Replace the content with `entry` and scroll to its top."""
        self.entry = entry
        self.mode = mode
        self.pending_scroll_fraction = None
        self.border_subtitle = mode.label
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(
                Static(part, classes="article-part") for part in entry_renderables(entry, mode)
            )
        self.scroll_home(animate=False, immediate=True)

    def set_mode(self, mode: PinyinMode) -> None:
        """Redraw the same entry in another pinyin mode, keeping the reader's place.

        The parts are the same in every mode, so each Static is updated in place; the scroll
        offset is kept as a fraction because ruby rows change the content's height.
        """
        if mode is self.mode:
            return
        self.mode = mode
        self.border_subtitle = mode.label
        parts = entry_renderables(self.entry, mode)
        statics = list(self.query_children(Static))
        if len(statics) != len(parts):
            self.show_entry(self.entry, mode)
            return
        if self.max_scroll_y:
            self.pending_scroll_fraction = self.scroll_y / self.max_scroll_y
        for static, part in zip(statics, parts, strict=True):
            static.update(part)

    def watch_virtual_size(self, size: Size) -> None:
        # The new content height is known once the layout has run and set the virtual size.
        fraction, self.pending_scroll_fraction = self.pending_scroll_fraction, None
        if fraction is not None:
            self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)

    def page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def to_top(self) -> None:
        self.scroll_home(animate=False)

    def to_bottom(self) -> None:
        self.scroll_end(animate=False)
