"""The reader's list keys: star and read marks, views, sort order, grouping and the filter.

Mixed into the reader screen, which owns the list widget, its view state and the state store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui_news.services.library import LibraryEntry
from tui_news.services.library_view import Grouping, ListView, SortOrder, View
from tui_news.services.state import LIST_VIEW
from tui_news.ui.reading_state import ReadingState
from tui_news.ui.widgets.article_list import ArticleList
from tui_news.ui.widgets.filter_bar import FilterBar


class ListActions:
    article_list: ArticleList
    filter_bar: FilterBar
    list_view: ListView
    reading_state: ReadingState
    current: LibraryEntry | None
    sidebar_shown: Any
    # The screen's own methods, which these actions call.
    redraw_row: Callable[[LibraryEntry], None]
    refresh_list: Callable[..., None]

    def target_entry(self) -> LibraryEntry | None:
        """What `s` and `u` act on: the row under the cursor in the list, else the open one."""
        if self.article_list.has_focus:
            return self.article_list.highlighted_entry
        return self.current

    def action_toggle_star(self) -> None:
        entry = self.target_entry()
        if entry is not None and not entry.broken:
            self.reading_state.toggle_starred(entry)
            self.redraw_row(entry)

    def action_toggle_read(self) -> None:
        entry = self.target_entry()
        if entry is not None and not entry.broken:
            self.reading_state.toggle_read(entry)
            self.redraw_row(entry)

    def action_set_view(self, view: str) -> None:
        self.list_view.view = View(view)
        self.list_view_changed()

    def action_cycle_sort(self) -> None:
        self.list_view.order = self.list_view.order.next()
        self.list_view_changed()

    def action_cycle_grouping(self) -> None:
        self.list_view.grouping = self.list_view.grouping.next()
        self.list_view_changed()

    def list_view_changed(self) -> None:
        """Redraw the list and remember the view, order and grouping for the next start."""
        self.refresh_list()
        view = self.list_view
        self.reading_state.set(
            LIST_VIEW,
            {"view": view.view.value, "order": view.order.value, "grouping": view.grouping.value},
        )

    def restore_list_view(self) -> None:
        """The view, order and grouping the list had when the reader last closed."""
        saved = self.reading_state.get(LIST_VIEW)
        if not isinstance(saved, dict):
            return
        for name, kind in (("view", View), ("order", SortOrder), ("grouping", Grouping)):
            try:
                setattr(self.list_view, name, kind(saved.get(name)))
            except ValueError:  # a value from another version: keep the default
                continue

    def action_filter(self) -> None:
        self.sidebar_shown = True
        self.filter_bar.display = True
        self.filter_bar.focus()

    def action_clear_filter(self) -> None:
        self.filter_bar.action_clear()
