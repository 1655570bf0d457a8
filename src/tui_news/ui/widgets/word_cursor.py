"""The word cursor: the keyboard's way to a word's entry in the reading pane.

One word at a time is highlighted (the reader's `d` starts it on the first word in sight), the
arrows (or h/l) move it across the title and the body, and enter reports it as the same
`ArticlePart.WordClicked` a click posts. Its keys answer only while it is on, so `l`, `escape`
and `enter` keep their meaning in the reader otherwise; it ends when the pane loses the focus
to another widget of the screen or shows another entry.

`WordCursorPane` is the scrolling pane's base: `ArticleView` adds the entry, the display mode
and `paint_matches`, which draws the highlight (`paint_word_cursor`) with find's matches.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region

from tui_news.core.display import ReadingDisplay
from tui_news.core.readings import text_word_starts
from tui_news.core.vocabulary import WordPlace, article_texts, stepped_word, word_spans
from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.article import ruby_within
from tui_news.ui.widgets.article_parts import ArticlePart, entry_renderables

# Reversed, so it reads on dark and light themes and keeps the tone colour.
WORD_CURSOR_STYLE = Style(reverse=True, bold=True)
# The actions that act on the word cursor: enabled only while it is on.
WORD_CURSOR_ACTIONS = frozenset({"word_next", "word_previous", "word_entry", "word_cursor_off"})


class WordCursorPane(VerticalScroll):
    """A scrolling pane of `ArticlePart`s with a word cursor over their words."""

    BINDINGS: list[BindingType] = [
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

    entry: LibraryEntry | None
    mode: ReadingDisplay

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.word_cursor: WordPlace | None = None
        self.spans_by_text: dict[int, list[tuple[int, int]]] = {}

    def paint_word_cursor(self, parts: list[RenderableType]) -> None:
        """Highlight the cursor's word in `parts` (fresh renderables about to be shown)."""
        if self.word_cursor is None:
            return
        number, start, end = self.word_cursor
        index = self.part_index(number)
        found = ruby_within(parts[index]) if index is not None else None
        if found is not None:
            found[0].text.stylize(WORD_CURSOR_STYLE, start, end)

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
            self.post_message(ArticlePart.WordClicked(self.word_cursor[0], self.word_cursor[1]))

    def action_word_cursor_off(self) -> None:
        self.end_word_cursor()

    def on_blur(self) -> None:
        # Focus moving to another pane ends the cursor; a screen pushed on top (the word's
        # entry, the help) keeps it for the reader's return.
        if self.word_cursor is not None and self.app.screen is self.screen:
            self.end_word_cursor()
