"""The sidebar: one row per library file, broken files included and marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.list_row import (
    MATCH_STYLE,
    RowMarks,
    entry_prompt,
    entry_title,
    row_height,
)

__all__ = ["MATCH_STYLE", "ArticleList", "EntryOption", "RowMarks", "entry_title"]


Marker = Callable[[LibraryEntry], RowMarks]  # how to mark an entry's row when it is drawn


class RowHeights:
    """Each entry's row height per width, kept across redraws: filtering 10,000 rows must not
    lay out 10,000 tables. Keyed by path; an entry replaced by a fresh load is measured anew."""

    def __init__(self) -> None:
        self.known: dict[Path, tuple[LibraryEntry, dict[int, int]]] = {}

    def height(self, entry: LibraryEntry, width: int) -> int:
        known = self.known.get(entry.path)
        if known is None or known[0] is not entry:
            known = self.known[entry.path] = (entry, {})
        by_width = known[1]
        if width not in by_width:
            by_width[width] = row_height(entry, width)
        return by_width[width]


class EntryRow(Visual):
    """A row's visual: its height comes from `RowHeights`, and the Rich table is built only
    when the row is drawn (scrolled into sight). Printed with Rich, it is that table."""

    def __init__(self, widget: Widget, entry: LibraryEntry, marks: Marker, heights: RowHeights):
        self.widget, self.entry, self.marks, self.heights = widget, entry, marks, heights
        self.drawn: tuple[RowMarks, RichVisual] | None = None

    def rich_visual(self) -> RichVisual:
        # The marks are asked for here, not when the list is filled: only drawn rows need
        # them. A row kept across redraws is drawn again only if its marks changed.
        marks = self.marks(self.entry)
        if self.drawn is None or self.drawn[0] != marks:
            self.drawn = (marks, RichVisual(self.widget, entry_prompt(self.entry, marks)))
        return self.drawn[1]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield entry_prompt(self.entry, self.marks(self.entry))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.rich_visual().render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.rich_visual().get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.heights.height(self.entry, width)


class EntryOption(Option):
    """An option that carries its library entry."""

    def __init__(self, entry: LibraryEntry, row: EntryRow) -> None:
        super().__init__(row, id=str(entry.path))
        self.entry = entry
        self.row = row


def group_heading(name: str, count: int) -> Option:
    """A group's heading row (disabled, so the cursor skips it)."""
    return Option(Text.assemble((name, "bold underline"), (f"  {count}", "dim")), disabled=True)


# Groups of entries under an optional heading, as `services.library_view.arrange` gives them.
EntryGroups = Sequence[tuple[str | None, Sequence[LibraryEntry]]]


class ArticleList(OptionList):
    """The library's files; posts which entry is highlighted and which is opened."""

    BINDINGS: list[BindingType] = [
        Binding("down,j", "cursor_down", "Move down the list", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Move up the list", show=False, id="list.up"),
        Binding("home", "first", "First article", show=False, id="list.first"),
        Binding("end", "last", "Last article", show=False, id="list.last"),
        Binding("enter", "select", "Open", id="list.open"),
    ]

    @dataclass
    class EntryHighlighted(Message):
        """The cursor moved onto an entry (it is not opened yet)."""

        entry: LibraryEntry

    @dataclass
    class EntrySelected(Message):
        """The user opened an entry (enter or a click)."""

        entry: LibraryEntry

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Articles"
        self.row_heights = RowHeights()
        self.kept_options: dict[Path, EntryOption] = {}

    def set_entries(self, entries: Sequence[LibraryEntry], current: Path | None = None) -> None:
        """Replace the rows; highlight `current` (or the first entry) without opening it."""
        self.show_groups([(None, entries)], current)

    def show_groups(
        self,
        groups: EntryGroups,
        current: Path | None = None,
        marks: Marker = lambda entry: RowMarks(),
        title: str | None = None,
    ) -> None:
        """Replace the rows with `groups`, each entry drawn with its `marks`; highlight
        `current` if shown, else the first entry, without opening it.

        One `set_options` for the lot, and no row is laid out here: heights come from
        `RowHeights`, and the rows in sight are drawn when the list is painted."""
        options: list[Option | None] = []
        shown: list[LibraryEntry] = []
        for name, entries in groups:
            if name is not None and entries:
                options.append(group_heading(name, len(entries)))
            for entry in entries:
                options += [self.entry_option(entry, marks), None]
            shown.extend(entries)
        self.set_options(options)
        self.border_title = title or f"Articles ({len(shown)})"
        if shown:
            in_list = current is not None and self.index_of(current) is not None
            self.highlight_path(current if in_list and current is not None else shown[0].path)

    def entry_option(self, entry: LibraryEntry, marks: Marker) -> EntryOption:
        """The entry's option, kept from the last redraw when the entry is the same (10,000
        new options per keystroke cost more than the search)."""
        kept = self.kept_options.get(entry.path)
        if kept is None or kept.entry is not entry:
            kept = self.kept_options[entry.path] = EntryOption(entry, self.entry_row(entry, marks))
        else:
            kept.row.marks = marks
        return kept

    def entry_row(self, entry: LibraryEntry, marks: Marker) -> EntryRow:
        return EntryRow(self, entry, marks, self.row_heights)

    def redraw_entry(self, entry: LibraryEntry, marks: RowMarks) -> None:
        """Redraw one row after its marks changed (read, starred), keeping the cursor."""
        row = self.entry_row(entry, lambda _: marks)
        self.kept_options.pop(entry.path, None)  # its next redraw asks for marks afresh
        self.replace_option_prompt(str(entry.path), row)

    def index_of(self, path: Path) -> int | None:
        """The row of the entry at `path`, if it is listed (a lookup by option id)."""
        try:
            return self.get_option_index(str(path))
        except OptionDoesNotExist:
            return None

    def highlight_path(self, path: Path) -> None:
        index = self.index_of(path)
        if index is not None:
            self.highlighted = index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Paging keys scroll the article beside the list (as space and b do), so the list
        # declines them and they travel up to the screen.
        if action in ("page_down", "page_up"):
            return False
        return super().check_action(action, parameters)

    @property
    def entries(self) -> list[LibraryEntry]:
        return [option.entry for option in self.options if isinstance(option, EntryOption)]

    @property
    def highlighted_entry(self) -> LibraryEntry | None:
        option = self.highlighted_option
        return option.entry if isinstance(option, EntryOption) else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if isinstance(event.option, EntryOption):
            self.post_message(self.EntryHighlighted(event.option.entry))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, EntryOption):
            self.post_message(self.EntrySelected(event.option.entry))
