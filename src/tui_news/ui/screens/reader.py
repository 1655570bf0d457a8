"""The main screen: article list, reading pane and comments panel, with the reader's keys.

The screen owns the reading state (which entry is open, the pinyin mode, which panes show)
and hands it down to the widgets; the widgets report the user's choices up as messages.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from tui_news.core.display import PinyinMode
from tui_news.core.readings import warm_up
from tui_news.services.library import LibraryEntry, load_library
from tui_news.ui.commands import ReaderCommands
from tui_news.ui.fetching import FetchController, redraw_keeping_place
from tui_news.ui.screens.help import HelpScreen, KeySection
from tui_news.ui.widgets.article_list import ArticleList
from tui_news.ui.widgets.article_view import ArticleView
from tui_news.ui.widgets.comments_panel import CommentsPanel


class ReaderScreen(Screen[None]):
    """Browse a library folder and read its articles."""

    BINDINGS: list[BindingType] = [
        Binding(
            "p",
            "cycle_pinyin",
            "Pinyin",
            tooltip="Pinyin: off → tone marks → tone numbers",
            id="reader.pinyin",
        ),
        Binding(
            "c",
            "toggle_comments",
            "Comments",
            tooltip="Show or hide the comments",
            id="reader.comments",
        ),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g", "scroll_top", "Top of article", show=False, id="reader.top"),
        Binding("G", "scroll_bottom", "End of article", show=False, id="reader.bottom"),
        Binding("n", "open_next", "Open next article", show=False, id="reader.next"),
        Binding("N", "open_previous", "Open previous article", show=False, id="reader.previous"),
        Binding("s", "toggle_sidebar", "Show/hide article list", show=False, id="reader.sidebar"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="reader.focus_next"),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", show=False, id="reader.focus_back"
        ),
        Binding("question_mark", "help", "Help", tooltip="This list of keys", id="reader.help"),
    ]

    # Breakpoint classes the stylesheet lays the panes out by (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-medium"), (140, "-wide")]

    COMMANDS = {ReaderCommands}

    pinyin_mode: reactive[PinyinMode] = reactive(PinyinMode.OFF, init=False)
    comments_shown: reactive[bool] = reactive(False, init=False)
    sidebar_shown: reactive[bool] = reactive(True, init=False)

    def __init__(self, library: Path, selected: Path | None = None) -> None:
        super().__init__()
        self.library = library
        self.selected = selected
        self.library_entries: list[LibraryEntry] = []
        self.current: LibraryEntry | None = None
        self.focus_before_comments: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield ArticleList(id="sidebar")
            with Container(id="reading"):
                yield ArticleView(id="article")
                yield CommentsPanel()
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def comments_panel(self) -> CommentsPanel:
        return self.query_one(CommentsPanel)

    def on_mount(self) -> None:
        self.update_sub_title()
        self.library_entries = load_library(self.library)
        first = self.entry_for(self.selected) or next(iter(self.library_entries), None)
        self.article_list.set_entries(
            self.library_entries, first.path if first is not None else None
        )
        self.open_entry(first)
        self.article_list.focus()

    def entry_for(self, path: Path | None) -> LibraryEntry | None:
        if path is None:
            return None
        wanted = path.resolve()
        return next((e for e in self.library_entries if e.path.resolve() == wanted), None)

    def update_sub_title(self) -> None:
        # Only the folder's name: a full path is long, and snapshot tests run in temp folders.
        self.sub_title = f"{self.library.name} · {self.pinyin_mode.label}"

    # Opening articles

    def open_entry(self, entry: LibraryEntry | None) -> None:
        self.current = entry
        self.article_view.show_entry(entry, self.pinyin_mode)
        self.refresh_comments()
        if entry is not None and entry.article is not None:
            self.warm_readings(entry)

    def refresh_comments(self) -> None:
        if self.comments_shown:
            article = self.current.article if self.current is not None else None
            self.comments_panel.show_article(article, self.pinyin_mode)

    @work(thread=True, exclusive=True, group="warm-readings")
    def warm_readings(self, entry: LibraryEntry) -> None:
        """Compute the article's readings off the UI thread, so the first `p` is instant.

        All of the article's texts go to the engine in one batch, which fills the cache.
        """
        if entry.article is not None:
            warm_up(entry.article.texts())

    def on_article_list_entry_selected(self, message: ArticleList.EntrySelected) -> None:
        self.open_entry(message.entry)

    def on_fetch_controller_library_changed(
        self, message: FetchController.LibraryChanged
    ) -> None:
        """Fetched files join the list; the cursor stays, and the open article is redrawn
        (at the same place) only if it is one of the files that changed."""
        highlighted = self.article_list.highlighted_entry
        self.library_entries = message.merged_into(self.library_entries)
        self.article_list.set_entries(
            self.library_entries, highlighted.path if highlighted is not None else None
        )
        updated = message.entry_for(self.current.path) if self.current is not None else None
        if updated is not None:
            self.current = updated
            redraw_keeping_place(self.article_view, updated)
            self.refresh_comments()

    # Watchers: state down to the widgets

    def watch_pinyin_mode(self, mode: PinyinMode) -> None:
        self.update_sub_title()
        self.article_view.set_mode(mode)
        self.refresh_comments()

    def watch_comments_shown(self, shown: bool) -> None:
        self.set_class(shown, "-comments-shown")
        panel = self.comments_panel
        if shown:
            # Opening the comments is asking to read them: they take the focus, and give it
            # back on closing (on medium screens they even take the sidebar's place).
            self.focus_before_comments = self.focused
            self.refresh_comments()
            panel.focus()
        elif panel.has_focus_within:
            previous = self.focus_before_comments
            if previous is not None and previous.is_attached and previous is not panel:
                previous.focus()
            else:
                self.article_view.focus()

    def watch_sidebar_shown(self, shown: bool) -> None:
        self.set_class(not shown, "-sidebar-hidden")
        if not shown and self.article_list.has_focus:
            self.article_view.focus()

    # Actions (keys, palette)

    def action_cycle_pinyin(self) -> None:
        self.pinyin_mode = self.pinyin_mode.next()

    def action_set_pinyin(self, mode: str) -> None:
        self.pinyin_mode = PinyinMode(mode)

    def action_toggle_comments(self) -> None:
        self.comments_shown = not self.comments_shown

    def action_toggle_sidebar(self) -> None:
        self.sidebar_shown = not self.sidebar_shown

    def action_page_down(self) -> None:
        self.article_view.page_down()

    def action_page_up(self) -> None:
        self.article_view.page_up()

    def action_scroll_top(self) -> None:
        self.article_view.to_top()

    def action_scroll_bottom(self) -> None:
        self.article_view.to_bottom()

    def action_open_next(self) -> None:
        self.open_relative(+1)

    def action_open_previous(self) -> None:
        self.open_relative(-1)

    def open_relative(self, step: int) -> None:
        entries = self.library_entries
        if not entries:
            return
        index = entries.index(self.current) if self.current in entries else -step
        entry = entries[max(0, min(len(entries) - 1, index + step))]
        self.article_list.highlight_path(entry.path)
        self.open_entry(entry)

    def action_open_path(self, path: str) -> None:
        entry = self.entry_for(Path(path))
        if entry is not None:
            self.article_list.highlight_path(entry.path)
            self.open_entry(entry)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[KeySection]:
        return [
            ("Article list", ArticleList.BINDINGS),
            ("Reading", self.BINDINGS),
            ("Article pane (when focused)", ArticleView.BINDINGS),
            ("Comments panel (when focused)", CommentsPanel.BINDINGS),
            (
                "App",
                [
                    *self.app.BINDINGS,
                    Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette"),
                ],
            ),
        ]
