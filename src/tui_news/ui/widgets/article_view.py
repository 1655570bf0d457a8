"""The reading pane: one `ArticlePart` per article renderable, in a scrolling column, with
find-in-article highlights and (from `WordCursorPane`) the keyboard's word cursor.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.widgets import Static

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.ruby import FALLBACK_WIDTH
from tui_news.ui.widgets.article_parts import (
    ArticlePart,
    Match,
    entry_renderables,
    find_matches,
    numbered_entry_renderables,
    texts_in,
)
from tui_news.ui.widgets.word_cursor import WordCursorPane

MATCH_STYLE = Style(color="black", bgcolor="yellow")
CURRENT_MATCH_STYLE = Style(color="black", bgcolor="dark_orange", bold=True)


class ArticleView(WordCursorPane, can_focus=True):
    """Shows one library entry; the screen tells it which entry and which pinyin mode."""

    BINDINGS: list[BindingType] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="article.up"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entry: LibraryEntry | None = None
        self.mode = ReadingDisplay()
        self.border_title = "Article"
        # Where to scroll once a pinyin switch has re-laid the content out (see on_resize).
        self.pending_scroll_fraction: float | None = None
        self.find_query = ""
        self.matches: list[Match] = []
        self.current_match: int | None = None
        self.show_status()

    @property
    def ruby_falls_back(self) -> bool:
        """True when the pane is too narrow for ruby rows, so readings go in parentheses."""
        width = self.scrollable_content_region.width
        return self.mode.mode is not PinyinMode.OFF and 0 < width < FALLBACK_WIDTH

    def show_status(self) -> None:
        """The border's subtitle: the display, the narrow-pane fallback, the find status."""
        parts = [self.mode.label]
        if self.ruby_falls_back:
            parts.append("too narrow for ruby: pinyin in parentheses")
        if self.find_query:
            parts.append(self.match_status)
        self.border_subtitle = " · ".join(parts)

    def on_resize(self) -> None:
        self.show_status()
        if self.word_cursor is not None:
            self.call_after_refresh(self.scroll_to_word)

    @property
    def scroll_fraction(self) -> float:
        """How far down the article the reader is, 0.0–1.0 (what the state store keeps: it
        survives a different terminal size or pinyin mode, where an offset would not)."""
        return self.scroll_y / self.max_scroll_y if self.max_scroll_y else 0.0

    def show_entry(
        self,
        entry: LibraryEntry | None,
        mode: ReadingDisplay | PinyinMode,
        scroll_fraction: float = 0.0,
    ) -> None:
        """Replace the content with `entry`, scrolled to `scroll_fraction` of its height."""
        self.entry = entry
        self.mode = ReadingDisplay.of(mode)
        self.find_query, self.matches, self.current_match = "", [], None
        self.word_cursor, self.spans_by_text = None, {}
        self.show_status()
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(
                ArticlePart(part, number)
                for number, part in numbered_entry_renderables(entry, mode)
            )
        self.scroll_home(animate=False, immediate=True)
        self.pending_scroll_fraction = scroll_fraction if scroll_fraction > 0 else None
        if self.pending_scroll_fraction is not None:
            # Usually the new height arrives in watch_virtual_size; if it happens to equal the
            # old one, no change is signalled, so try again once the layout has run.
            self.call_after_refresh(self.apply_pending_scroll)

    def set_mode(self, mode: ReadingDisplay | PinyinMode) -> None:
        """Redraw the same entry in another display (pinyin mode, tone colours, sandhi),
        keeping the reader's place.

        The parts are the same in every mode, so each Static is updated in place; the scroll
        offset is kept as a fraction because ruby rows change the content's height.
        """
        mode = ReadingDisplay.of(mode)
        if mode == self.mode:
            return
        self.mode = mode
        parts = entry_renderables(self.entry, mode)
        statics = list(self.query_children(Static))
        if len(statics) != len(parts):
            self.show_entry(self.entry, mode)
            return
        if self.max_scroll_y:
            self.pending_scroll_fraction = self.scroll_y / self.max_scroll_y
        self.matches = find_matches(parts, self.find_query) if self.find_query else []
        self.paint_matches(parts)

    def watch_virtual_size(self, size: Size) -> None:
        # The new content height is known once the layout has run and set the virtual size.
        self.apply_pending_scroll()

    def apply_pending_scroll(self, retries: int = 5) -> None:
        if self.pending_scroll_fraction is None:
            return
        if not self.container_size.height:
            # Laid out but not yet sized (the first frame): the maximum is not known yet.
            if retries:
                self.call_after_refresh(self.apply_pending_scroll, retries - 1)
            return
        fraction, self.pending_scroll_fraction = self.pending_scroll_fraction, None
        self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)
        self.scroll_to_word()  # a new layout moved the highlighted word: keep it in sight

    # Find in the article

    def find(self, query: str) -> None:
        """Highlight every match of `query` and go to the first one at or below the view."""
        self.find_query = query
        parts = entry_renderables(self.entry, self.mode)
        self.matches = find_matches(parts, query) if query else []
        statics = list(self.query_children(Static))
        first_visible = next(
            (i for i, static in enumerate(statics) if static.virtual_region.bottom > self.scroll_y),
            0,
        )
        self.current_match = next(
            (i for i, match in enumerate(self.matches) if match.part >= first_visible),
            0 if self.matches else None,
        )
        self.paint_matches(parts)
        self.scroll_to_match()

    def step_match(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) match, wrapping around."""
        if not self.matches:
            return
        current = self.current_match if self.current_match is not None else -step
        self.current_match = (current + step) % len(self.matches)
        self.paint_matches(entry_renderables(self.entry, self.mode))
        self.scroll_to_match()

    @property
    def match_status(self) -> str:
        if not self.find_query:
            return ""
        if not self.matches:
            return "no matches"
        return f"match {(self.current_match or 0) + 1} of {len(self.matches)}"

    def paint_matches(self, parts: list[RenderableType], only: set[int] | None = None) -> None:
        """Show `parts` (fresh renderables, so no old highlight lingers) with the matches
        highlighted, the current one apart, and the word cursor; `only` the parts at these
        indexes when the others are known to be unchanged."""
        texts = [list(texts_in(part)) for part in parts]
        for number, match in enumerate(self.matches):
            style = CURRENT_MATCH_STYLE if number == self.current_match else MATCH_STYLE
            texts[match.part][match.text][0].stylize(style, match.start, match.end)
        self.paint_word_cursor(parts)
        statics = list(self.query_children(ArticlePart))
        for index, (static, part) in enumerate(zip(statics, parts, strict=False)):
            if only is None or index in only:
                static.update(part)
        self.show_status()

    def scroll_to_match(self) -> None:
        if self.current_match is None:
            return
        match = self.matches[self.current_match]
        statics = list(self.query_children(Static))
        if match.part >= len(statics):
            return
        region = statics[match.part].virtual_region
        # Roughly where in the part the match sits: good enough to bring its row into view.
        y = region.y + int(region.height * match.start / max(1, match.length))
        self.scroll_to_region(Region(0, y, 1, 2), animate=False, center=True, immediate=True)

    def page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def to_top(self) -> None:
        self.scroll_home(animate=False)

    def to_bottom(self) -> None:
        self.scroll_end(animate=False)
