"""The reading pane: one Static per article renderable, in a scrolling column.

Every Chinese word of the title and body is clickable: the clicked part finds the character
under the mouse through the same ruby layout that drew it (`RubyText.char_at`) and reports the
number of its text and its offset as an `ArticleView.WordClicked` message for the screen, which
finds the word itself. Nothing is drawn differently for it.

The keyboard gets there with the word cursor (`start_word_cursor`, the reader's `d`): one word
at a time is highlighted, the arrows (or h/l) move it across the title and the body, and enter
reports it as the same message a click would. Its keys answer only while it is on, so `l`,
`escape` and `enter` keep their meaning in the reader otherwise; it ends when the view loses the
focus to another widget of the screen or shows another entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region, Size
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import Static

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.core.readings import text_word_starts
from tui_news.core.search import find_all
from tui_news.core.vocabulary import WordPlace, article_texts, stepped_word, word_spans
from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.article import LeftBar, numbered_renderables, ruby_within
from tui_news.ui.renderables.ruby import FALLBACK_WIDTH, RubyText

MATCH_STYLE = Style(color="black", bgcolor="yellow")
CURRENT_MATCH_STYLE = Style(color="black", bgcolor="dark_orange", bold=True)
# The word cursor: reversed, so it reads on dark and light themes and keeps the tone colour.
WORD_CURSOR_STYLE = Style(reverse=True, bold=True)
# The actions that act on the word cursor: enabled only while it is on.
WORD_CURSOR_ACTIONS = frozenset({"word_next", "word_previous", "word_entry", "word_cursor_off"})


def broken_renderables(entry: LibraryEntry) -> list[RenderableType]:
    """What a file that failed to load shows instead of an article: its name and error."""
    heading = Text("✗ Could not read ", style="bold red")
    heading.append(entry.file_name, style="bold")
    return [
        heading,
        Text(entry.error or "unknown error", style="red"),
        Text("\nThe rest of the library still works: pick another article.", style="dim"),
    ]


def empty_renderables() -> list[RenderableType]:
    return [Text("No article to show.", style="dim")]


def entry_renderables(
    entry: LibraryEntry | None, mode: ReadingDisplay | PinyinMode
) -> list[RenderableType]:
    return [part for _, part in numbered_entry_renderables(entry, mode)]


def numbered_entry_renderables(
    entry: LibraryEntry | None, mode: ReadingDisplay | PinyinMode
) -> list[tuple[int | None, RenderableType]]:
    """The parts to show, each with the number of its text in `article_texts` (or None)."""
    if entry is None:
        return [(None, part) for part in empty_renderables()]
    if entry.article is None:
        return [(None, part) for part in broken_renderables(entry)]
    return numbered_renderables(entry.article, mode)


def texts_in(renderable: RenderableType) -> Iterator[tuple[Text, Sequence[str | None] | None]]:
    """The Texts inside one of the article's renderables, with their readings where shown:
    what find searches and highlights, walking the few shapes `article_renderables` builds."""
    if isinstance(renderable, Text):
        yield renderable, None
    elif isinstance(renderable, RubyText):
        yield renderable.text, renderable.readings
    elif isinstance(renderable, LeftBar):
        yield from texts_in(renderable.renderable)
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            yield from texts_in(part)


@dataclass(frozen=True)
class Match:
    part: int  # index of the renderable (and of its Static)
    text: int  # index of the Text within the part (see `texts_in`)
    start: int
    end: int
    length: int  # of the whole Text, to estimate the match's row


def find_matches(parts: Sequence[RenderableType], query: str) -> list[Match]:
    """Every match of `query` in reading order. Readings shown in the ruby rows are passed as
    the text's own, so a pinyin query finds exactly what the reader sees."""
    found: list[Match] = []
    for index, part in enumerate(parts):
        for number, (text, readings) in enumerate(texts_in(part)):
            shown = {i: r for i, r in enumerate(readings) if r} if readings else None
            found.extend(
                Match(index, number, start, end, len(text.plain))
                for start, end in find_all(query, text.plain, shown)
            )
    return found


class ArticlePart(Static):
    """One of the article's renderables; `number` is its text's in `article_texts` when it
    shows the title or a body block, whose words then answer a click."""

    def __init__(self, renderable: RenderableType, number: int | None = None) -> None:
        super().__init__(renderable, classes="article-part")
        self.part: object = renderable  # what was last shown (update() replaces it)
        self.number = number

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self.part = content
        super().update(content, layout=layout)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if self.number is None or offset is None or event.chain != 1:
            return  # a double or triple click selects text, as in any Static
        found = ruby_within(self.part)
        if found is None:
            return
        ruby, indent = found
        width = self.content_size.width - indent
        character = ruby.char_at(self.app.console, offset.x - indent, offset.y, width)
        if character is not None:
            self.post_message(ArticleView.WordClicked(self.number, character))


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one library entry; the screen tells it which entry and which pinyin mode."""

    BINDINGS: list[BindingType] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="article.up"),
        Binding(
            "right,l", "word_next", "Word cursor: next word", show=False, id="article.word_next"
        ),
        Binding(
            "left,h",
            "word_previous",
            "Word cursor: previous word",
            show=False,
            id="article.word_previous",
        ),
        Binding(
            "enter",
            "word_entry",
            "Word cursor: the word's dictionary entry",
            show=False,
            id="article.word_entry",
        ),
        Binding(
            "escape",
            "word_cursor_off",
            "Word cursor: leave it",
            show=False,
            id="article.word_cursor_off",
        ),
    ]

    @dataclass
    class WordClicked(Message):
        """A character was clicked: the `number` of its text in `article_texts` (0 the title)
        and its `offset` there. Whether a word lies there is for the receiver to find out."""

        number: int
        offset: int

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
        self.word_cursor: WordPlace | None = None
        self.spans_by_text: dict[int, list[tuple[int, int]]] = {}
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
        statics = list(self.query_children(ArticlePart))
        if self.word_cursor is not None:
            number, start, end = self.word_cursor
            index = self.part_index(number)
            found = ruby_within(parts[index]) if index is not None else None
            if found is not None:
                found[0].text.stylize(WORD_CURSOR_STYLE, start, end)
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

    # The word cursor: the keyboard's way to a word's entry

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WORD_CURSOR_ACTIONS:
            return self.word_cursor is not None  # otherwise the key goes on to the reader
        return True

    def part_index(self, number: int) -> int | None:
        """The index of the part showing text `number` of `article_texts`."""
        return next(
            (i for i, part in enumerate(self.query_children(ArticlePart)) if part.number == number),
            None,
        )

    def spans_of(self, number: int) -> list[tuple[int, int]]:
        """The Han words of text `number`, as a click finds them (only texts on show)."""
        if number not in self.spans_by_text:
            article = self.entry.article if self.entry is not None else None
            texts = article_texts(article) if article is not None else []
            if self.part_index(number) is None or not 0 <= number < len(texts):
                self.spans_by_text[number] = []
            else:
                text = texts[number][0]
                self.spans_by_text[number] = word_spans(text, text_word_starts(text))
        return self.spans_by_text[number]

    @property
    def text_count(self) -> int:
        article = self.entry.article if self.entry is not None else None
        return len(article.body) + 1 if article is not None else 0

    def word_row(self, place: WordPlace) -> int | None:
        """The row in the scrolled content where the word at `place` begins (its syllables'
        row when there is one), found through the same layout that draws it."""
        number, start, _ = place
        index = self.part_index(number)
        if index is None:
            return None
        static = list(self.query_children(ArticlePart))[index]
        found = ruby_within(static.part)
        if found is None:
            return None
        ruby, indent = found
        width = static.content_size.width - indent
        cell = ruby.cell_of(self.app.console, start, width) if width > 0 else None
        top = static.virtual_region.y + static.styles.gutter.top
        return top + (cell[1] if cell is not None else 0)

    def first_visible_word(self) -> WordPlace | None:
        """The first word at or below the top of the view, else the article's first word."""
        first: WordPlace | None = None
        for static in self.query_children(ArticlePart):
            if static.number is None:
                continue
            for start, end in self.spans_of(static.number):
                place = (static.number, start, end)
                first = first or place
                if static.virtual_region.bottom <= self.scroll_y:
                    break  # the whole part is above the view
                row = self.word_row(place)
                if row is not None and row >= self.scroll_y:
                    return place
        return first

    def start_word_cursor(self) -> bool:
        """Highlight the first word in sight; False when the article has no Han word."""
        place = self.first_visible_word()
        if place is None:
            return False
        self.move_word_cursor(place)
        return True

    def end_word_cursor(self) -> None:
        if self.word_cursor is None:
            return
        index = self.part_index(self.word_cursor[0])
        self.word_cursor = None
        if index is not None:
            self.paint_matches(entry_renderables(self.entry, self.mode), {index})

    def move_word_cursor(self, place: WordPlace) -> None:
        changed = {self.part_index(place[0])}
        if self.word_cursor is not None:
            changed.add(self.part_index(self.word_cursor[0]))
        self.word_cursor = place
        self.paint_matches(
            entry_renderables(self.entry, self.mode), {i for i in changed if i is not None}
        )
        self.scroll_to_word()

    def scroll_to_word(self) -> None:
        """Bring the highlighted word's rows into view (both, when it has a syllable row)."""
        if self.word_cursor is None:
            return
        row = self.word_row(self.word_cursor)
        if row is not None:
            self.scroll_to_region(Region(0, row, 1, 2), animate=False, immediate=True)

    def step_word(self, step: int) -> None:
        if self.word_cursor is None:
            return
        place = stepped_word(self.spans_of, self.text_count, self.word_cursor, step)
        if place is not None:
            self.move_word_cursor(place)

    def action_word_next(self) -> None:
        self.step_word(1)

    def action_word_previous(self) -> None:
        self.step_word(-1)

    def action_word_entry(self) -> None:
        if self.word_cursor is not None:
            self.post_message(self.WordClicked(self.word_cursor[0], self.word_cursor[1]))

    def action_word_cursor_off(self) -> None:
        self.end_word_cursor()

    def on_blur(self) -> None:
        # Focus moving to another pane ends the cursor; a screen pushed on top (the word's
        # entry, the help) keeps it for the reader's return.
        if self.word_cursor is not None and self.app.screen is self.screen:
            self.end_word_cursor()

    def page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def to_top(self) -> None:
        self.scroll_home(animate=False)

    def to_bottom(self) -> None:
        self.scroll_end(animate=False)
