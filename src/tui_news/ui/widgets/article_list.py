"""The sidebar: one row per library file, broken files included and marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_news.core.search import matches
from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.article import (
    META_SEPARATOR,
    comment_total,
    format_published,
    plural,
)

TITLE_LINES = 2


class ClampedText:
    """Text wrapped to the available width but cut to `max_lines`, the last one ellipsised."""

    def __init__(self, text: Text, max_lines: int) -> None:
        self.text = text
        self.max_lines = max_lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = self.text.wrap(console, width, overflow="fold")
        if len(lines) > self.max_lines:
            kept = list(lines[: self.max_lines])
            kept[-1] = with_ellipsis(kept[-1], width)
            lines = kept
        yield from lines


def with_ellipsis(line: Text, width: int) -> Text:
    """`line` cut so that it ends in `…` within `width` cells (never a lone padding space
    before it, which Rich's own truncation leaves when a wide character does not fit)."""
    cells = 0
    end = 0
    for end, character in enumerate(line.plain, start=1):
        cells += cell_len(character)
        if cells > width - 1:
            end -= 1
            break
    cut = line[:end]
    cut.rstrip()
    cut.append("…")
    return cut


UNREAD_MARK = "● "
STARRED_MARK = "★ "
MATCH_STYLE = Style(color="black", bgcolor="yellow")


@dataclass(frozen=True)
class RowMarks:
    """How a row is drawn: unread rows are bold with a dot, starred ones carry a star, and
    the filter's matches in the title are highlighted."""

    unread: bool = False
    starred: bool = False
    query: str = ""


def entry_title(entry: LibraryEntry, marks: RowMarks = RowMarks()) -> Text:
    if entry.broken:
        title = Text("✗ broken ", style="bold red")
        title.append(entry.file_name, style="red")
        return title
    title = Text(entry.title, style="bold" if marks.unread else "")
    if marks.query:
        readings = entry.article.title_readings if entry.article is not None else None
        for start, end in matches(marks.query, entry.title, readings or None):
            title.stylize(MATCH_STYLE, start, end)
    return title


def entry_mark(marks: RowMarks) -> Text:
    """The two-cell column left of a row: a star, else a dot for unread, else nothing."""
    if marks.starred:
        return Text(STARRED_MARK, style="bold yellow")
    if marks.unread:
        return Text(UNREAD_MARK, style="bold cyan")
    return Text("  ")


class EntryDetails:
    """The dim rows under a title: `source · date · N comments` on one row when it fits, else
    the count on a row of its own, so narrow sidebars never cut the count off."""

    def __init__(self, where: str, count: str) -> None:
        self.where = where
        self.count = count

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        one_row = META_SEPARATOR.join(part for part in (self.where, self.count) if part)
        rows = [one_row] if cell_len(one_row) <= width else [self.where, self.count]
        for row in rows:
            if row:
                yield Text(row, style="dim", no_wrap=True, overflow="ellipsis", end="\n")


def entry_details(entry: LibraryEntry) -> RenderableType:
    """The error of a broken file, or where and when the article ran and its comment count."""
    if entry.article is None:
        return Text(entry.error or "", style="dim", no_wrap=True, overflow="ellipsis")
    article = entry.article
    date = format_published(article.published).split(" ")[0]
    where = META_SEPARATOR.join(part for part in (article.source, date) if part)
    return EntryDetails(where, plural(comment_total(article), "comment"))


def entry_prompt(entry: LibraryEntry, marks: RowMarks = RowMarks()) -> RenderableType:
    # A grid, not a prefix: a mark glued to the title would wrap apart from a Chinese title
    # (which Rich treats as one long word), and the column keeps every title aligned.
    grid = Table.grid(expand=True)
    grid.add_column(width=cell_len(UNREAD_MARK), no_wrap=True)
    grid.add_column(ratio=1)
    body = Group(ClampedText(entry_title(entry, marks), TITLE_LINES), entry_details(entry))
    grid.add_row(entry_mark(marks), body)
    return grid


class EntryOption(Option):
    """An option that carries its library entry."""

    def __init__(self, entry: LibraryEntry, marks: RowMarks = RowMarks()) -> None:
        super().__init__(entry_prompt(entry, marks), id=str(entry.path))
        self.entry = entry


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

    def set_entries(self, entries: Sequence[LibraryEntry], current: Path | None = None) -> None:
        """Replace the rows; highlight `current` (or the first entry) without opening it."""
        self.show_groups([(None, entries)], current)

    def show_groups(
        self,
        groups: EntryGroups,
        current: Path | None = None,
        marks: Callable[[LibraryEntry], RowMarks] = lambda entry: RowMarks(),
        title: str | None = None,
    ) -> None:
        """Replace the rows with `groups`, each entry drawn with its `marks`; highlight
        `current` if shown, else the first entry, without opening it."""
        options: list[Option | None] = []
        for name, entries in groups:
            if name is not None and entries:
                options.append(group_heading(name, len(entries)))
            for entry in entries:
                options += [EntryOption(entry, marks(entry)), None]
        self.set_options(options)
        shown = self.entries
        self.border_title = title or f"Articles ({len(shown)})"
        if shown:
            paths = {entry.path for entry in shown}
            self.highlight_path(current if current in paths else shown[0].path)

    def redraw_entry(self, entry: LibraryEntry, marks: RowMarks) -> None:
        """Redraw one row after its marks changed (read, starred), keeping the cursor."""
        self.replace_option_prompt(str(entry.path), entry_prompt(entry, marks))

    def highlight_path(self, path: Path) -> None:
        for index, option in enumerate(self.options):
            if isinstance(option, EntryOption) and option.entry.path == path:
                self.highlighted = index
                return

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
