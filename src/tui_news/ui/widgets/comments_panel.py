"""The reader's comments panel: threaded discussion with folding, cursor and pinyin ruby.

A Line API widget: every comment is rendered once into strips (cached per comment and fold
state) and the panel only paints the rows in view. That keeps an article with hundreds of
comments quick to open and quick to fold, where one widget per comment would not be.
Styling lives in `ui/styles/comments.tcss` (component classes below); the app must include
that file in its CSS_PATH (see `COMMENTS_TCSS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.core.models import Article, Comment
from tui_news.ui.renderables.comments import (
    DEFAULT_GUIDE_COLOURS,
    GUIDE_WIDTH,
    CommentStyles,
    Guided,
    comment_body,
    comment_header,
    comments_title,
    empty_state,
    guide_styles,
    spacer,
)
from tui_news.ui.widgets.comment_keys import COMMENT_BINDINGS
from tui_news.ui.widgets.comment_thread import ThreadFolds

COMMENTS_TCSS = Path(__file__).resolve().parent.parent / "styles" / "comments.tcss"
GUIDE_CLASSES = tuple(f"comments-panel--guide-{n}" for n in range(len(DEFAULT_GUIDE_COLOURS)))


@dataclass(frozen=True)
class _Row:
    """One painted row: which comment it belongs to and whether it is part of the header."""

    strip: Strip
    entry: int | None = None  # None for spacers and the empty state
    header: bool = False
    guide_width: int = 0  # cells of guides at the left, left out of the cursor highlight


class CommentsPanel(ScrollView, can_focus=True):
    """Threads of an article's comments; `show_article` fills it."""

    BINDINGS: ClassVar[list[BindingType]] = COMMENT_BINDINGS

    # Comments rendered per layout step beyond what the view needs (see `_relayout`).
    LAYOUT_BATCH: ClassVar[int] = 40

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "comments-panel--author",
        "comments-panel--meta",
        "comments-panel--toggle",
        "comments-panel--ruby",
        "comments-panel--cursor",
        "comments-panel--hover",
        "comments-panel--empty",
        "comments-panel--empty-note",
        *GUIDE_CLASSES,
    }

    @dataclass
    class ThreadToggled(Message):
        """A comment's replies were folded (`collapsed`) or unfolded."""

        panel: CommentsPanel
        comment: Comment
        collapsed: bool

        @property
        def control(self) -> CommentsPanel:
            return self.panel

    @dataclass
    class CommentHighlighted(Message):
        """The cursor moved to `comment` (e.g. for a status line or "reply" actions)."""

        panel: CommentsPanel
        comment: Comment

        @property
        def control(self) -> CommentsPanel:
            return self.panel

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article: Article | None = None
        self.mode = ReadingDisplay()
        self._threads = ThreadFolds()
        self._hover: int | None = None
        self._rows: list[_Row] = []
        self._first_row: dict[int, int] = {}  # entry index -> its first (header) row
        self._row_count: dict[int, int] = {}  # entry index -> its rows, spacer excluded
        # Rendered rows per (entry, folded); valid for _cache_key (width, mode, styles).
        self._blocks: dict[tuple[int, bool], list[_Row]] = {}
        self._cache_key: tuple[int, ReadingDisplay, CommentStyles] | None = None
        self._layout_pending = False  # some visible comments are not laid out yet
        self._layout_scheduled = False
        self.border_title = comments_title(None)

    # -- public API ------------------------------------------------------------------------

    def show_article(self, article: Article | None, mode: ReadingDisplay | PinyinMode) -> None:
        """Show `article`'s comments with `mode` pinyin; same article keeps folds and cursor."""
        same = article is self.article
        self.article = article
        self.mode = ReadingDisplay.of(mode)
        if not same:
            self._threads = ThreadFolds(article.comments if article else ())
            self._hover = None
            self._blocks.clear()
            self.scroll_home(animate=False)
        self.border_title = comments_title(article)
        self._relayout()

    @property
    def cursor_comment(self) -> Comment | None:
        cursor = self._threads.cursor
        return None if cursor is None else self._threads.entries[cursor].comment

    @property
    def collapsed_comments(self) -> list[Comment]:
        return [self._threads.entries[i].comment for i in sorted(self._threads.folded)]

    def visible_comments(self) -> list[Comment]:
        """Comments currently shown (not inside a folded thread), in reading order."""
        return [self._threads.entries[i].comment for i in self._threads.visible()]

    def set_collapsed(self, comment: Comment, collapsed: bool) -> None:
        """Fold or unfold the thread below `comment` (no-op for a comment without replies)."""
        for entry in self._threads.entries:
            if entry.comment is comment:
                self._set_folded(entry.index, collapsed)
                return

    # -- layout ----------------------------------------------------------------------------

    def _styles(self) -> CommentStyles:
        """Styles from the component classes, with plain fallbacks if the .tcss is absent."""

        def get(name: str, fallback: str) -> Style:
            style = self.get_component_rich_style(name, partial=True)
            return style if style else Style.parse(fallback)

        return CommentStyles(
            author=get("comments-panel--author", "bold"),
            meta=get("comments-panel--meta", "dim"),
            toggle=get("comments-panel--toggle", "bold"),
            ruby=get("comments-panel--ruby", "dim"),
            empty=get("comments-panel--empty", "bold"),
            empty_note=get("comments-panel--empty-note", "dim"),
            guides=tuple(
                get(name, colour)
                for name, colour in zip(GUIDE_CLASSES, DEFAULT_GUIDE_COLOURS, strict=True)
            ),
        )

    def _render_rows(
        self, renderable: Guided, width: int, entry: int | None = None, header: bool = False
    ) -> list[_Row]:
        console = self.app.console
        lines = console.render_lines(renderable, console.options.update_width(width), pad=False)
        guide_width = GUIDE_WIDTH * len(renderable.shown_guides(width))
        return [_Row(Strip(line), entry, header, guide_width) for line in lines]

    def _block(self, index: int, width: int, styles: CommentStyles) -> list[_Row]:
        folded = self._threads.is_folded(index)
        key = (index, folded)
        if key not in self._blocks:
            entry = self._threads.entries[index]
            guides = guide_styles(entry.depth, styles)
            header = comment_header(
                entry.comment,
                styles,
                collapsed=folded if entry.size > 1 else None,
                hidden=entry.hidden_when_collapsed,
            )
            body = comment_body(entry.comment, self.mode, styles)
            self._blocks[key] = self._render_rows(
                Guided(header, guides), width, entry=index, header=True
            ) + self._render_rows(Guided(body, guides), width, entry=index)
        return self._blocks[key]

    def _relayout(self, complete: bool = False) -> None:
        """Rebuild the row list from cached blocks; re-render blocks if width/mode/theme moved.

        Unless `complete`, only the blocks the view needs (and a batch more) are rendered now;
        the rest follow in later steps, so a long discussion opens at once and keys stay
        responsive. Blocks are only ever appended below, so nothing on screen shifts.
        """
        width = self.scrollable_content_region.width
        if width <= 0 or not self.is_attached:
            return  # laid out on the first Resize
        styles = self._styles()
        cache_key = (width, self.mode, styles)
        if cache_key != self._cache_key:
            self._blocks.clear()
            self._cache_key = cache_key
        rows: list[_Row] = []
        self._first_row.clear()
        self._row_count.clear()
        threads = self._threads
        if not threads.entries:
            rows = self._render_rows(Guided(empty_state(self.article, styles), []), width)
        wanted = self.scroll_offset.y + 2 * max(1, self.scrollable_content_region.height)
        fresh = 0
        self._layout_pending = False
        for position, index in enumerate(threads.visible()):
            if (index, threads.is_folded(index)) not in self._blocks:
                if not complete and len(rows) >= wanted and fresh >= self.LAYOUT_BATCH:
                    self._layout_pending = True
                    break
                fresh += 1
            if position:
                rows.extend(self._render_rows(spacer(threads.entries[index].depth, styles), width))
            self._first_row[index] = len(rows)
            block = self._block(index, width, styles)
            self._row_count[index] = len(block)
            rows.extend(block)
        self._rows = rows
        self.virtual_size = Size(width, len(rows))
        self.refresh()
        if self._layout_pending and not self._layout_scheduled:
            self._layout_scheduled = True
            self.call_later(self._continue_layout)

    def _continue_layout(self) -> None:
        self._layout_scheduled = False
        if self._layout_pending:
            self._relayout()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Theme switches and focus changes land here, before the component classes are
        # restyled; check after the refresh, and re-render only if a style really changed.
        if self._cache_key is not None:
            self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        if self._cache_key is not None and self._styles() != self._cache_key[2]:
            self._relayout()

    # -- painting --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        row_y = scroll_y + y
        if row_y >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        row = self._rows[row_y]
        strip = row.strip
        highlight: Style | None = None
        if row.entry is not None and row.entry == self._threads.cursor:
            highlight = self.get_component_rich_style("comments-panel--cursor", partial=True)
        elif row.header and row.entry == self._hover:
            highlight = self.get_component_rich_style("comments-panel--hover", partial=True)
        if highlight:
            # Highlight the comment itself, not the guides, out to the panel's edge.
            full = strip.crop_extend(0, max(width, strip.cell_length), None)
            guides = full.crop(0, row.guide_width)
            content = full.crop(row.guide_width, full.cell_length)
            strip = Strip.join([guides, content.apply_style(highlight)])
        return strip.crop_extend(scroll_x, scroll_x + width, None).apply_style(self.rich_style)

    # -- cursor and folding ----------------------------------------------------------------

    def _move_cursor(self, index: int | None) -> None:
        if index is None or index == self._threads.cursor:
            return
        self._threads.cursor = index
        self._scroll_to_entry(index)
        self.refresh()
        self.post_message(self.CommentHighlighted(self, self._threads.entries[index].comment))

    def _scroll_to_entry(self, index: int | None) -> None:
        if index is None:
            return
        if index not in self._first_row:
            self._relayout(complete=True)  # the target is below what is laid out so far
        height = min(self._row_count[index], max(1, self.scrollable_content_region.height))
        self.scroll_to_region(
            Region(0, self._first_row[index], 1, height), animate=False, x_axis=False
        )

    def _set_folded(self, index: int, folded: bool) -> None:
        if self._threads.set_folded(index, folded):
            self._relayout()
            self._scroll_to_entry(self._threads.cursor)
            comment = self._threads.entries[index].comment
            self.post_message(self.ThreadToggled(self, comment, folded))

    def action_cursor_down(self) -> None:
        self._move_cursor(self._threads.step(1))

    def action_cursor_up(self) -> None:
        self._move_cursor(self._threads.step(-1))

    def action_first_comment(self) -> None:
        self._move_cursor(0 if self._threads.entries else None)
        self.scroll_home(animate=False)

    def action_last_comment(self) -> None:
        self._move_cursor(self._threads.last())

    def action_next_thread(self) -> None:
        self._move_cursor(self._threads.next_thread())

    def action_previous_thread(self) -> None:
        self._move_cursor(self._threads.previous_thread())

    def action_toggle_thread(self) -> None:
        cursor = self._threads.cursor
        if cursor is not None:
            self._set_folded(cursor, not self._threads.is_folded(cursor))

    def action_fold_or_parent(self) -> None:
        cursor = self._threads.cursor
        if cursor is None:
            return
        if self._threads.foldable(cursor) and not self._threads.is_folded(cursor):
            self._set_folded(cursor, True)
        else:
            self._move_cursor(self._threads.parent())

    def action_unfold_or_child(self) -> None:
        cursor = self._threads.cursor
        if cursor is not None and self._threads.is_folded(cursor):
            self._set_folded(cursor, False)
        else:
            self._move_cursor(self._threads.first_reply())

    def action_fold_all(self) -> None:
        self._threads.fold_all()
        self._relayout()
        self._scroll_to_entry(self._threads.cursor)

    def action_unfold_all(self) -> None:
        self._threads.unfold_all()
        self._relayout()
        self._scroll_to_entry(self._threads.cursor)

    # -- mouse -----------------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> _Row | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row_y = offset.y + self.scroll_offset.y
        return self._rows[row_y] if 0 <= row_y < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None or row.entry is None:
            return
        self.focus()
        self._move_cursor(row.entry)
        if row.header:
            self._set_folded(row.entry, not self._threads.is_folded(row.entry))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_at(event)
        # Only headers that fold something react to the pointer.
        hover = None
        if row is not None and row.header and row.entry is not None:
            hover = row.entry if self._threads.foldable(row.entry) else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
