"""The main screen: article list, reading pane and comments panel, with the reader's keys.

The screen owns the reading state (which entry is open, the pinyin mode, which panes show,
the list's view, order and filter) and hands it down to the widgets; the widgets report the
user's choices up as messages. What lasts between runs (read, starred, scroll positions, the
last article, modes) goes through `ReadingState` to the state store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from tui_news.core.display import PinyinMode
from tui_news.core.readings import warm_up
from tui_news.core.tones import ToneScheme
from tui_news.services import config
from tui_news.services.library import LibraryEntry
from tui_news.services.library_view import Grouping, ListView
from tui_news.services.settings import Settings, load_settings
from tui_news.services.state import THEME, StateStore
from tui_news.ui.commands import ReaderCommands
from tui_news.ui.display_actions import DisplayActions
from tui_news.ui.fetching import FetchController, redraw_keeping_place
from tui_news.ui.keymap import binding_sections, rebound
from tui_news.ui.library_loading import LibraryLoading
from tui_news.ui.list_actions import ListActions
from tui_news.ui.preferences import apply_preferences, remember
from tui_news.ui.reader_keys import READER_BINDINGS
from tui_news.ui.reading_state import ReadingState
from tui_news.ui.renderables.tone_styles import syllable_styles
from tui_news.ui.renderables.vocabulary import SyllableStyle
from tui_news.ui.screens.help import HelpScreen, KeySection
from tui_news.ui.screens.links import LinkActions
from tui_news.ui.screens.word_lookup import WordLookup
from tui_news.ui.screens.words import WordsScreen
from tui_news.ui.widgets.article_list import ArticleList, RowMarks
from tui_news.ui.widgets.article_view import ArticleView
from tui_news.ui.widgets.comments_panel import CommentsPanel
from tui_news.ui.widgets.filter_bar import FilterBar
from tui_news.ui.widgets.find_bar import FindActions, FindBar


class ReaderScreen(
    LibraryLoading, DisplayActions, ListActions, FindActions, LinkActions, WordLookup, Screen[None]
):
    """Browse a library folder and read its articles; a click on a word shows its entry."""

    BINDINGS: list[BindingType] = READER_BINDINGS

    # Breakpoint classes the stylesheet lays the panes out by (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-medium"), (140, "-wide")]

    COMMANDS = {ReaderCommands}

    pinyin_mode: reactive[PinyinMode] = reactive(PinyinMode.OFF, init=False)
    tone_scheme: reactive[ToneScheme] = reactive(ToneScheme.NONE, init=False)
    sandhi: reactive[bool] = reactive(False, init=False)
    comments_shown: reactive[bool] = reactive(False, init=False)
    sidebar_shown: reactive[bool] = reactive(True, init=False)

    def __init__(
        self,
        library: Path,
        selected: Path | None = None,
        *,
        state: StateStore | None = None,
        settings: Settings | None = None,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        """`state` and `settings` default to the user's (TUI_NEWS_HOME's); `now` names a
        damaged state file moved aside."""
        super().__init__()
        self.library = library
        self.selected = selected
        self.library_entries: list[LibraryEntry] = []
        self.current: LibraryEntry | None = None
        self.focus_before_comments: Widget | None = None
        self.given_store, self.settings, self.now = state, settings or Settings(), now
        self.given_settings = settings
        self.state: ReadingState | None = None
        self.keymap: dict[str, str] = {}
        self.list_view = ListView()
        self.reading_place = 0.0  # how far down the open article is, 0.0–1.0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield ArticleList(id="sidebar")
            with Container(id="reading"):
                yield ArticleView(id="article")
                yield CommentsPanel()
        yield FilterBar(id="filter-bar")
        yield FindBar(id="find-bar")
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

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one(FilterBar)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one(FindBar)

    @property
    def reading_state(self) -> ReadingState:
        assert self.state is not None, "the state opens in on_mount"
        return self.state

    def on_mount(self) -> None:
        store = self.given_store or StateStore.open(now=self.now)
        self.state = ReadingState(store, self.report_state_error)
        if store.warning:
            self.notify(store.warning, title="State", severity="warning", markup=False)
        self.settings = self.given_settings or load_settings()
        preferences = apply_preferences(self.app, self.settings, self.state)
        self.keymap = preferences.keymap
        self.set_reactive(ReaderScreen.pinyin_mode, preferences.pinyin_mode)
        self.set_reactive(ReaderScreen.tone_scheme, preferences.tone_scheme)
        self.set_reactive(ReaderScreen.sandhi, preferences.sandhi)
        if self.settings.problems:  # one message for all of them
            problems = "\n".join(self.settings.problems)
            self.notify(problems, title="Config", severity="warning", timeout=20, markup=False)
        self.watch(self.app, "theme", self.theme_changed, init=False)
        self.watch(self.article_view, "scroll_y", self.note_reading_place, init=False)
        self.restore_list_view()
        self.start_loading()
        self.article_list.focus()

    def on_unmount(self) -> None:
        # The children are gone by now: the reading place was noted as the article scrolled.
        self.save_scroll()
        if self.state is not None:
            self.state.close()

    def report_state_error(self, message: str) -> None:
        """Every failed state write or read ends here: one notification, the app goes on."""
        self.notify(message, title="State not saved", severity="error", markup=False)

    def theme_changed(self, theme: str) -> None:
        remember(self.reading_state, THEME, self.settings.theme, theme)
        self.redisplay()  # tone colours have a dark and a light variant

    def entry_for(self, path: Path | None) -> LibraryEntry | None:
        if path is None:
            return None
        wanted = path.resolve()
        return next((e for e in self.library_entries if e.path.resolve() == wanted), None)

    def update_sub_title(self) -> None:
        # Only the folder's name: a full path is long, and snapshot tests run in temp folders.
        read = self.reading_state.read
        unread = sum(1 for e in self.library_entries if not e.broken and e.key not in read)
        self.sub_title = f"{self.library.name} · {unread} unread · {self.display.label}"

    # The list: view, order, grouping, filter, marks

    def row_marks(self, entry: LibraryEntry) -> RowMarks:
        state = self.reading_state
        unread = not entry.broken and not state.is_read(entry)
        return RowMarks(unread, state.is_starred(entry), self.list_view.query)

    def refresh_list(self, current: LibraryEntry | None = None) -> None:
        """Redraw the list from the entries and the view state, keeping the cursor's entry."""
        feeds: list[tuple[str, str]] = []
        if self.list_view.grouping is Grouping.FEED:
            try:
                feeds = [(feed.name, feed.url) for feed in config.load_feeds()]
            except config.ConfigError as error:
                self.notify(str(error), severity="warning", markup=False)
        state = self.reading_state
        shown = self.list_view.arrange(self.library_entries, state.read, state.starred, feeds)
        keep = current or self.article_list.highlighted_entry or self.current
        title = self.list_view.title(len(shown.entries), len(self.library_entries))
        path = keep.path if keep is not None else None
        self.article_list.show_groups(shown.groups, path, self.row_marks, title)
        self.article_list.border_subtitle = self.list_view.notes()
        self.update_sub_title()

    def redraw_row(self, entry: LibraryEntry) -> None:
        if self.article_list.index_of(entry.path) is not None:
            self.article_list.redraw_entry(entry, self.row_marks(entry))
        self.update_sub_title()

    @on(FilterBar.Filtered)
    def filter_changed(self, message: FilterBar.Filtered) -> None:
        view = self.list_view
        same = (view.query, view.matching) == (message.query, message.matching)
        view.query, view.matching, view.indexing = message.query, message.matching, message.indexing
        if same:  # only indexing progressed: no row changes, so no redraw of 10,000 rows
            self.article_list.border_subtitle = view.notes()
        else:
            self.refresh_list()

    @on(FilterBar.Closed)
    def filter_closed(self, message: FilterBar.Closed) -> None:
        # A kept filter stays in sight (unfocused), so the short list is never a mystery.
        self.filter_bar.display = not message.cleared and bool(self.list_view.query)
        self.article_list.focus()

    # Opening articles

    def open_entry(self, entry: LibraryEntry | None) -> None:
        self.save_scroll()
        self.current = entry
        state = self.reading_state
        scroll = state.scroll(entry) if entry is not None else 0.0
        self.article_view.show_entry(entry, self.display, scroll)
        self.reading_place = scroll
        if entry is not None:
            self.remember_last(entry)
            if not entry.broken and state.mark_read(entry):
                self.redraw_row(entry)
        self.refresh_comments()
        if entry is not None and entry.article is not None:
            self.warm_readings(entry)

    def save_scroll(self) -> None:
        """Remember how far the open article was read: on leaving it and on quitting only,
        since every save is a synced write."""
        if self.current is not None and not self.current.broken and self.state is not None:
            self.state.save_scroll(self.current, self.reading_place)

    def note_reading_place(self) -> None:
        # Kept in memory on every scroll (cheap), written to the store only on leaving.
        self.reading_place = self.article_view.scroll_fraction

    def refresh_comments(self) -> None:
        if self.comments_shown:
            article = self.current.article if self.current is not None else None
            self.comments_panel.show_article(article, self.display)

    @work(thread=True, exclusive=True, group="warm-readings")
    def warm_readings(self, entry: LibraryEntry) -> None:
        """Compute the article's readings off the UI thread, so the first `p` is instant.

        All of the article's texts go to the engine in one batch, which fills the cache.
        """
        if entry.article is not None:
            warm_up(entry.article.texts())

    def on_article_list_entry_selected(self, message: ArticleList.EntrySelected) -> None:
        self.open_entry(message.entry)

    def on_fetch_controller_library_changed(self, message: FetchController.LibraryChanged) -> None:
        """Fetched files join the list; the cursor stays, and the open article is redrawn
        (at the same place) only if it is one of the files that changed."""
        self.library_entries = message.merged_into(self.library_entries)
        self.filter_bar.index_more(message.entries)  # only what changed: the rest stands
        self.list_view.indexing = self.filter_bar.indexing
        self.refresh_list()
        updated = message.entry_for(self.current.path) if self.current is not None else None
        if updated is not None:
            self.current = updated
            redraw_keeping_place(self.article_view, updated)
            self.refresh_comments()

    # Watchers: state down to the widgets

    def watch_pinyin_mode(self) -> None:
        self.redisplay()

    def watch_tone_scheme(self) -> None:
        self.redisplay()

    def watch_sandhi(self) -> None:
        self.redisplay()

    def redisplay(self) -> None:
        """Draw the open article and its comments with the current display settings."""
        self.update_sub_title()
        self.article_view.set_mode(self.display)
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
        # Next in the list as shown (view, filter and order), not in the folder.
        entries = self.article_list.entries
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

    def action_words(self) -> None:
        """The open article's words, with its pinyin in the reader's tone colours."""
        article = self.current.article if self.current is not None else None
        if article is None:
            self.notify("Open an article to see its words.", markup=False)
            return
        self.app.push_screen(WordsScreen(article, self.word_styles()))

    def word_styles(self) -> SyllableStyle | None:
        return syllable_styles(self.display.tones, self.display.dark)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.list_view.query)
        return True

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[KeySection]:
        """Every section of keys, with the user's keymap applied (so help shows their keys)."""
        sections = binding_sections(self.app.BINDINGS, self.app.COMMAND_PALETTE_BINDING)
        return [(title, rebound(bindings, self.keymap)) for title, bindings in sections]
