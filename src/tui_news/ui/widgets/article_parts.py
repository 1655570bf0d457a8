"""What the reading pane is made of: the renderables of an entry (an article, a broken file,
nothing), the Texts inside them that find searches, and `ArticlePart`, the Static that shows
one of them.

Every Chinese word of the title and body is clickable: the clicked part finds the character
under the mouse through the same ruby layout that drew it (`RubyText.char_at`) and posts the
number of its text and its offset as `ArticlePart.WordClicked` for the screen, which finds the
word itself. Nothing is drawn differently for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import Static

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.core.search import find_all
from tui_news.services.library import LibraryEntry
from tui_news.ui.renderables.article import LeftBar, numbered_renderables, ruby_within
from tui_news.ui.renderables.ruby import RubyText


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

    @dataclass
    class WordClicked(Message):
        """A character was clicked (or chosen with the word cursor): the `number` of its text
        in `article_texts` (0 the title) and its `offset` there. Whether a word lies there is
        for the receiver to find out."""

        number: int
        offset: int

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
            self.post_message(self.WordClicked(self.number, character))
