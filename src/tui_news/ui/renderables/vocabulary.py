"""The Words screen's rows and a word's full entry, as Rich renderables (no Textual here).

A row is one line: word, pinyin, HSK level, count and the first senses, in columns whose widths
come from the whole list (`WordColumns.fit`), so the header and every row line up. The last
column takes what is left of the width and ends in `…` when cut; widths are in terminal cells,
so a CJK word takes two per character.

Dictionary text is CC-CEDICT's and article text comes already sanitised; both go into `Text`
objects as plain strings, never through markup (CC-CEDICT writes brackets: 个[ge4]).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui_news.core.vocabulary import UNKNOWN_SYLLABLE, VocabularyWord, join_syllables
from tui_news.services.dictionary import NO_LEVEL, DictEntry, level_label, meaning_summary
from tui_news.ui.renderables.list_row import with_ellipsis

GAP = "  "
LEVEL_WIDTH = 3  # "7-9"
MIN_MEANING = 10  # narrower than this, the meaning column is left out
NO_ENTRY = "no dictionary entry"
HEADINGS = ("Word", "Pinyin", "HSK", "Count", "Meaning")

SyllableStyle = Callable[[str], Style | None]


@dataclass(frozen=True)
class WordColumns:
    """Cell widths of the word, pinyin and count columns."""

    word: int
    pinyin: int
    count: int

    MAX_WORD = 12  # six characters; longer words end in …
    MAX_PINYIN = 20

    @classmethod
    def fit(cls, words: Iterable[VocabularyWord]) -> WordColumns:
        word = cell_len(HEADINGS[0])
        pinyin = cell_len(HEADINGS[1])
        count = cell_len(HEADINGS[3])
        for item in words:
            word = max(word, cell_len(item.text))
            pinyin = max(pinyin, cell_len(item.pinyin))
            count = max(count, len(str(item.count)))
        return cls(min(word, cls.MAX_WORD), min(pinyin, cls.MAX_PINYIN), count)

    @property
    def fixed(self) -> int:
        """Cells before the meaning column."""
        return self.word + self.pinyin + LEVEL_WIDTH + self.count + 4 * len(GAP)


def cell(text: Text, width: int) -> Text:
    """`text` in exactly `width` cells: padded, or cut with a final `…` (the list's own
    cut, which leaves no stray space when a wide character does not fit)."""
    if cell_len(text.plain) > width:
        text = with_ellipsis(text, width)
    else:
        text = text.copy()
    text.no_wrap = True
    text.truncate(width, pad=True)
    return text


def styled_pinyin(syllables: Sequence[str], styles: SyllableStyle | None) -> Text:
    """The word's pinyin, each syllable in its tone colour when a scheme is on."""
    text = Text()
    joined = join_syllables(syllables)
    at = 0
    for syllable in syllables:
        found = joined.index(syllable, at)
        text.append(joined[at:found])  # an apostrophe
        style = styles(syllable) if styles is not None and syllable != UNKNOWN_SYLLABLE else None
        text.append(syllable, style or "")
        at = found + len(syllable)
    return text


class WordRow:
    """One line of the list: `meaning` is None for a word the dictionary lacks."""

    def __init__(
        self,
        word: VocabularyWord,
        level: int | None,
        meaning: str | None,
        columns: WordColumns,
        styles: SyllableStyle | None = None,
    ) -> None:
        self.word = word
        self.level = level
        self.meaning = meaning
        self.columns = columns
        self.styles = styles

    def line(self, width: int) -> Text:
        columns = self.columns
        level = level_label(self.level)
        parts = [
            cell(Text(self.word.text, style="bold"), columns.word),
            cell(styled_pinyin(self.word.syllables, self.styles), columns.pinyin),
            cell(Text(level.rjust(LEVEL_WIDTH), style="dim" if level == NO_LEVEL else ""), 3),
            Text(str(self.word.count).rjust(columns.count)),
        ]
        if self.meaning is None:
            meaning = Text(NO_ENTRY, style="dim italic")
        else:
            meaning = Text(self.meaning)
        room = width - columns.fixed
        if room >= MIN_MEANING:
            parts.append(cell(meaning, room))
        line = Text(GAP).join(parts)
        line.no_wrap = True
        return cell(line, width) if cell_len(line.plain) > width else line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.line(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def header_line(columns: WordColumns, width: int) -> Text:
    """The column headings, laid out like the rows beneath them."""
    word, pinyin, level, count, meaning = HEADINGS
    parts = [
        cell(Text(word), columns.word),
        cell(Text(pinyin), columns.pinyin),
        cell(Text(level.rjust(LEVEL_WIDTH)), LEVEL_WIDTH),
        Text(count.rjust(columns.count)),
    ]
    if width - columns.fixed >= MIN_MEANING:
        parts.append(Text(meaning))
    line = Text(GAP).join(parts)
    return cell(line, width) if cell_len(line.plain) > width else line


class HeaderRow:
    """`header_line` at whatever width it is given."""

    def __init__(self, columns: WordColumns) -> None:
        self.columns = columns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield header_line(self.columns, options.max_width)


@dataclass(frozen=True)
class WordDetail:
    """What the entry view shows: the word, its level, its matching entries, and for a word
    the dictionary lacks, each character with its reading here and its own entries."""

    word: VocabularyWord
    level: int | None
    entries: Sequence[DictEntry]
    characters: Sequence[tuple[str, str, Sequence[DictEntry]]] = ()
    dictionary_note: str = ""  # why there are no senses: still loading, or failed to load


def senses_table(entry: DictEntry) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(ratio=1)
    for number, sense in enumerate(entry.senses, start=1):
        table.add_row(f"{number}.", Text(sense))
    return table


def entry_heading(entry: DictEntry, styles: SyllableStyle | None) -> Text:
    """`yín háng   traditional 銀行`: the entry's reading and its traditional form."""
    heading = Text()
    for index, syllable in enumerate(entry.syllables):
        if index:
            heading.append(" ")
        heading.append(syllable, (styles(syllable) if styles else None) or "bold")
    heading.append("   traditional ", "dim")
    heading.append(entry.traditional, "bold")
    return heading


def detail_renderable(detail: WordDetail, styles: SyllableStyle | None = None) -> RenderableType:
    word = detail.word
    parts: list[RenderableType] = []
    title = Text(word.text, style="bold")
    title.append("  ")
    title.append_text(styled_pinyin(word.syllables, styles))
    parts.append(title)
    on_list = detail.level is not None
    facts = [f"HSK {level_label(detail.level)}" if on_list else "not on the HSK list"]
    facts.append("once in this article" if word.count == 1 else f"{word.count}× in this article")
    parts.append(Text(" · ".join(facts), style="dim"))
    if len(word.readings) > 1:
        read = ", ".join(f"{join_syllables(s)} ({n}×)" for s, n in word.readings)
        parts.append(Text(f"Read here as {read}", style="dim"))
    if detail.dictionary_note:
        parts += [Text(), Text(detail.dictionary_note, style="italic")]
    for entry in detail.entries:
        parts += [Text(), entry_heading(entry, styles), Padding(senses_table(entry), (0, 0, 0, 2))]
    if not detail.entries and not detail.dictionary_note:
        parts += [Text(), Text(f"CC-CEDICT has no entry for {word.text}.", style="italic")]
        if detail.characters:
            parts.append(Text("Its characters, as read here:", style="italic"))
            parts.append(characters_table(detail.characters, styles))
    return Group(*parts)


def characters_table(
    characters: Sequence[tuple[str, str, Sequence[DictEntry]]], styles: SyllableStyle | None
) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for character, syllable, entries in characters:
        summary = meaning_summary(entries)
        table.add_row(
            character,
            Text(syllable, (styles(syllable) if styles else None) or ""),
            Text(summary) if summary else Text(NO_ENTRY, style="dim italic"),
        )
    return Padding(table, (0, 0, 0, 2))
