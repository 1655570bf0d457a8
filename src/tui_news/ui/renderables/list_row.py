"""One sidebar row as a Rich renderable: a mark column, the title (two lines at most) and the
dim details under it. Nothing here imports Textual.

`row_height` says how many lines a row takes from its text alone, without laying out the
table: a sidebar of 10,000 rows needs every row's height for its scrollbar, but only the
dozen rows in sight are ever drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui_news.core.search import matches
from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.article import (
    META_SEPARATOR,
    comment_total,
    format_published,
    plural,
)

TITLE_LINES = 2
UNREAD_MARK = "● "
STARRED_MARK = "★ "
MARK_WIDTH = cell_len(UNREAD_MARK)
MATCH_STYLE = Style(color="black", bgcolor="yellow")

# Only for counting wrapped lines: where Rich breaks a line does not depend on the console.
_MEASURING_CONSOLE = Console(width=80, color_system=None, file=None, legacy_windows=False)


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

    def rows(self, width: int) -> list[str]:
        one_row = META_SEPARATOR.join(part for part in (self.where, self.count) if part)
        rows = [one_row] if cell_len(one_row) <= width else [self.where, self.count]
        return [row for row in rows if row]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self.rows(options.max_width):
            yield Text(row, style="dim", no_wrap=True, overflow="ellipsis", end="\n")


def entry_details(entry: LibraryEntry) -> Text | EntryDetails:
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
    grid.add_column(width=MARK_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    body = Group(ClampedText(entry_title(entry, marks), TITLE_LINES), entry_details(entry))
    grid.add_row(entry_mark(marks), body)
    return grid


def row_height(entry: LibraryEntry, width: int) -> int:
    """The lines `entry_prompt(entry, …)` takes at `width`, whatever its marks (bold and
    highlights never move a line break)."""
    body_width = max(1, width - MARK_WIDTH)
    title = Text(entry.title if not entry.broken else entry_title(entry).plain)
    title_lines = min(TITLE_LINES, len(title.wrap(_MEASURING_CONSOLE, body_width, overflow="fold")))
    details = entry_details(entry)
    detail_lines = 1 if isinstance(details, Text) else len(details.rows(body_width))
    return max(1, title_lines + detail_lines)
