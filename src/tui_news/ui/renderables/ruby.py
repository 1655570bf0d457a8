"""`RubyText`: a Rich renderable drawing text with pinyin above each character.

The layout comes from `core.ruby_layout`; this module only turns its rows into Segments. Each
character keeps the style the Text gives it (spans, links, the Text's own style); the syllable
row uses `ruby_style`. An optional `syllable_styles` callback (given the tone-marked syllable)
adds a style to a syllable and to the character below it, e.g. to colour tones. Syllables at
the indexes in `marked` are underlined: the reader marks publisher readings that disagree with
the engine's.

Narrow widths: below `fallback_width` cells a syllable row leaves room for only a few characters
per line, so the text is drawn instead with each word's reading in parentheses after it,
wrapped like plain text: 济南(jǐnán)是(shì)…. Words come from
`word_starts` (the engine's segmentation); without it each run of characters with readings is
one group and its syllables are separated by spaces, since joining them would suggest words
the text may not have. Within a word syllables are joined as pinyin orthography writes them,
with an apostrophe before a, o or e (西安 xī'ān). The reader and the command line pass
`fallback_width=FALLBACK_WIDTH` (24); the parameter itself defaults to 0 (never fall back) so
that code written before the fallback existed draws ruby rows at every width, as it did.

`char_at` answers the opposite question for a click: which character of the text is drawn at
a cell, a syllable or a reading in parentheses counting as its character; `cell_of` finds
where a character is drawn (the keyboard's word cursor scrolls to it).
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Text

from tui_news.core.cells import text_width
from tui_news.core.linebreak import Atom, AtomKind, can_break_between, split_atoms
from tui_news.core.readings import to_tone_numbers
from tui_news.core.ruby_layout import (
    CLIPPED_MARK,
    RubyColumn,
    RubyLine,
    cell_of,
    clip_to_width,
    column_at,
    layout_ruby,
)

# Below this many cells the reader shows readings in parentheses instead of ruby rows.
FALLBACK_WIDTH = 24

# How a syllable is marked when the publisher's reading disagrees with the engine's.
MARKED_STYLE = Style(underline=True)


class RubyText:
    """Text with an optional ruby row of syllables over each line; wraps at the render width.

    `readings` has one syllable (tone marks) or None per character of `text`; None means plain
    text, wrapped with the same Chinese-aware line breaking. `numbers=True` shows the syllables
    with tone digits (ji3) instead of tone marks.
    """

    def __init__(
        self,
        text: Text,
        readings: Sequence[str | None] | None,
        *,
        ruby_style: StyleType = "dim",
        numbers: bool = False,
        syllable_styles: Callable[[str], Style | None] | None = None,
        marked: Collection[int] = (),
        word_starts: Sequence[bool] | None = None,
        fallback_width: int = 0,
    ) -> None:
        if readings is not None and len(readings) != len(text.plain):
            raise ValueError(f"{len(readings)} readings for {len(text.plain)} characters")
        if word_starts is not None and len(word_starts) != len(text.plain):
            raise ValueError(f"{len(word_starts)} word flags for {len(text.plain)} characters")
        self.text = text
        self.readings = readings
        self.ruby_style = ruby_style
        self.numbers = numbers
        self.syllable_styles = syllable_styles
        self.marked = frozenset(marked)
        self.word_starts = word_starts
        self.fallback_width = fallback_width

    def is_fallback(self, width: int) -> bool:
        """Whether at `width` cells readings are drawn in parentheses instead of as ruby."""
        return width < self.fallback_width and self.readings is not None and any(self.readings)

    def shown_readings(self) -> Sequence[str | None] | None:
        """The syllables as drawn: tone marks, or tone digits when `numbers` is set."""
        if self.readings is None or not self.numbers:
            return self.readings
        return [to_tone_numbers(r) if r else None for r in self.readings]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.is_fallback(options.max_width):
            yield from self._fallback_segments(console, max(1, options.max_width))
            return
        plain = self.text.plain
        lines = layout_ruby(plain, self.shown_readings(), max(1, options.max_width))
        char_styles = _styles_per_character(self.text, console)
        pad_style = console.get_style(self.text.style) if self.text.style else Style.null()
        ruby_style = console.get_style(self.ruby_style)
        for line in lines:
            if line.has_ruby:
                yield from _trimmed(self._ruby_segments(line, ruby_style))
                yield Segment.line()
            yield from _trimmed(self._base_segments(line, plain, char_styles, pad_style))
            yield Segment.line()

    def char_at(self, console: Console, x: int, y: int, width: int) -> int | None:
        """The offset in the text of the character drawn at cell `x` of row `y` when the text
        is rendered `width` cells wide; a click on a syllable, on the padding of its column or
        on a reading in parentheses finds the character it reads. None where no character is
        drawn (past a line's end, below the text)."""
        width = max(1, width)
        if not self.is_fallback(width):
            found = column_at(layout_ruby(self.text.plain, self.shown_readings(), width), x, y)
            return found[0].start if found is not None else None
        plain, _, glued, sources = self._fallback_text(console)
        found = column_at(fallback_lines(plain, width, glued), x, y)
        if found is None:
            return None
        column, left = found  # a whole reading can be one column: find the character in it
        index = column.start
        left += text_width(plain[index])
        while index + 1 < column.end and left <= x:
            index += 1
            left += text_width(plain[index])
        return sources[index]

    def cell_of(self, console: Console, offset: int, width: int) -> tuple[int, int] | None:
        """Where the character at `offset` of the text is drawn when the text is rendered
        `width` cells wide: the cell and row its column begins at (the syllables' row on a
        ruby line), the inverse of `char_at`. None for a character not drawn."""
        width = max(1, width)
        if not self.is_fallback(width):
            return cell_of(layout_ruby(self.text.plain, self.shown_readings(), width), offset)
        plain, _, glued, sources = self._fallback_text(console)
        # The character comes before its reading, so its first appearance is itself.
        index = next((i for i, source in enumerate(sources) if source == offset), None)
        if index is None:
            return None
        return cell_of(fallback_lines(plain, width, glued), index)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = layout_ruby(self.text.plain, self.shown_readings(), sys.maxsize)
        widest_column = max((c.width for line in lines for c in line.columns), default=0)
        longest_line = max((line.width for line in lines), default=0)
        return Measurement(widest_column, longest_line)

    def _extra_style(self, column: RubyColumn) -> Style | None:
        """The syllable style for a column, looked up with its tone-marked syllable."""
        return self._tone_style(column.start) if column.reading is not None else None

    def _ruby_segments(self, line: RubyLine, ruby_style: Style) -> Iterator[Segment]:
        for column in line.columns:
            if column.reading is None:
                yield Segment(" " * column.width)
                continue
            syllable = clip_to_width(column.reading, column.width - column.ruby_pad)
            right = column.width - column.ruby_pad - text_width(syllable)
            extra = self._extra_style(column)
            style = ruby_style + extra if extra is not None else ruby_style
            if column.start in self.marked:
                style += MARKED_STYLE
            if column.ruby_pad:
                yield Segment(" " * column.ruby_pad)
            yield Segment(syllable, style)
            if right:
                yield Segment(" " * right)

    def _base_segments(
        self,
        line: RubyLine,
        plain: str,
        char_styles: list[Style],
        pad_style: Style,
        tone_styles: bool = True,
    ) -> Iterator[Segment]:
        for column in line.columns:
            shown = plain[column.start : column.end]
            if shown.isspace():
                yield Segment(" " * column.width, char_styles[column.start])
                continue
            extra = self._extra_style(column) if tone_styles else None
            if column.base_pad:
                yield Segment(" " * column.base_pad, pad_style)
            shown_width = text_width(shown)
            if shown_width > column.width:
                yield Segment(CLIPPED_MARK, char_styles[column.start])
                shown_width = 1
            else:
                yield from _styled_runs(plain, column.start, column.end, char_styles, extra)
            right = column.width - column.base_pad - shown_width
            if right:
                yield Segment(" " * right, pad_style)

    def _fallback_segments(self, console: Console, width: int) -> Iterator[Segment]:
        """The text with each word's readings in parentheses after it, wrapped as plain text."""
        plain, styles, glued, _ = self._fallback_text(console)
        pad_style = console.get_style(self.text.style) if self.text.style else Style.null()
        for line in fallback_lines(plain, width, glued):
            yield from _trimmed(
                self._base_segments(line, plain, styles, pad_style, tone_styles=False)
            )
            yield Segment.line()

    def _fallback_text(
        self, console: Console
    ) -> tuple[str, list[Style], set[int], list[int]]:
        """The fallback's characters, the full style of each, where each "(" opens and which
        character of the text each one stands for (a reading, its character)."""
        plain = self.text.plain
        shown = self.shown_readings() or [None] * len(plain)
        char_styles = _styles_per_character(self.text, console)
        ruby_style = console.get_style(self.ruby_style)
        parts: list[str] = []
        styles: list[Style] = []
        sources: list[int] = []

        def add(text: str, style: Style, source: int) -> None:
            parts.append(text)
            styles.extend([style] * len(text))
            sources.extend([source] * len(text))

        group: list[int] = []  # indexes of the characters whose readings are pending
        glued: set[int] = set()

        def close_group() -> None:
            if not group:
                return
            glued.add(len(styles))
            add("(", ruby_style, group[0])
            for position, index in enumerate(group):
                syllable = shown[index] or ""
                if position and self.word_starts is None:
                    add(" ", ruby_style, index)
                elif position and not self.numbers and _starts_with_aoe(syllable):
                    add("'", ruby_style, index)
                add(syllable, self._syllable_style(index, ruby_style), index)
            add(")", ruby_style, group[-1])
            group.clear()

        for index, ch in enumerate(plain):
            starts_word = self.word_starts is not None and self.word_starts[index]
            if not shown[index] or starts_word:
                close_group()
            extra = self._tone_style(index)
            add(
                ch, char_styles[index] + extra if extra is not None else char_styles[index], index
            )
            if shown[index]:
                group.append(index)
        close_group()
        return "".join(parts), styles, glued, sources

    def _tone_style(self, index: int) -> Style | None:
        if self.syllable_styles is None or self.readings is None:
            return None
        marked = self.readings[index]
        return self.syllable_styles(marked) if marked else None

    def _syllable_style(self, index: int, ruby_style: Style) -> Style:
        extra = self._tone_style(index)
        style = ruby_style + extra if extra is not None else ruby_style
        return style + MARKED_STYLE if index in self.marked else style


def _trimmed(segments: Iterator[Segment]) -> list[Segment]:
    """A row without the blank padding at its end (columns are padded for centring): piped
    output carries no trailing spaces, and nothing underlined or coloured runs past the text."""
    row = list(segments)
    while row and not row[-1].text.strip() and not (row[-1].style and row[-1].style.bgcolor):
        row.pop()
    return row


def _starts_with_aoe(syllable: str) -> bool:
    """Whether pinyin orthography wants an apostrophe before this syllable inside a word."""
    return unicodedata.normalize("NFD", syllable)[:1].lower() in ("a", "o", "e")


def fallback_lines(text: str, width: int, glued: Collection[int]) -> list[RubyLine]:
    """Plain lines of `text` no wider than `width`, never broken before an offset in `glued`.

    The Chinese line-breaking rules of `linebreak` apply as in the ruby layout; the extra rule
    keeps each reading's "(" on the line of the character before it, the last of its word.
    Whitespace where a line breaks hangs at its end and is not drawn; an atom wider than the
    line is clipped.
    """
    atoms = split_atoms(text, None, width)
    lines: list[RubyLine] = []
    current: list[Atom] = []
    used = 0
    last_break: int | None = None  # index into `current` a soft break may precede

    def finish(end: int) -> None:
        drawn = list(current)
        while drawn and drawn[-1].kind is AtomKind.SPACE:
            drawn.pop()
        columns = tuple(RubyColumn(a.start, a.end, None, min(a.width, width), 0, 0) for a in drawn)
        start = lines[-1].end if lines else 0
        lines.append(RubyLine(columns, start, end))

    index = 0
    while index < len(atoms):
        atom = atoms[index]
        if atom.kind is AtomKind.NEWLINE:
            finish(atom.end)
            current, used, last_break = [], 0, None
            index += 1
            continue
        if current and can_break_between(text, current[-1], atom):
            # A glued "(" stays with the character before it, unless the two could never
            # share a line anyway (then holding them together would only cost a line).
            if atom.start not in glued or current[-1].width + atom.width > width:
                last_break = len(current)
        if used + atom.width <= width or atom.kind is AtomKind.SPACE or not current:
            current.append(atom)  # spaces hang past the width; they are not drawn
            used += atom.width
            index += 1
            continue
        cut = last_break if last_break else len(current)
        moved = current[cut:]
        current = current[:cut]
        finish(moved[0].start if moved else atom.start)
        current, used, last_break = [], 0, None
        index -= len(moved)  # the moved atoms are placed again on the new line
    finish(len(text))
    return lines


def _styled_runs(
    plain: str, start: int, end: int, char_styles: list[Style], extra: Style | None
) -> Iterator[Segment]:
    """Segments for plain[start:end], one per run of characters sharing a style."""
    run_start = start
    for index in range(start + 1, end + 1):
        if index == end or char_styles[index] != char_styles[run_start]:
            style = char_styles[run_start]
            yield Segment(plain[run_start:index], style + extra if extra is not None else style)
            run_start = index


def _styles_per_character(text: Text, console: Console) -> list[Style]:
    """The full style of every character, as Rich itself resolves it when rendering the Text."""
    if not text.spans:
        # Text.render applies the Text's own style only when it has spans (Rich adds it later,
        # in __rich_console__, otherwise), so a plain bold title would lose its bold here.
        base = console.get_style(text.style) if text.style else Style.null()
        return [base] * len(text.plain)
    styles: list[Style] = []
    for segment in text.render(console, end=""):
        style = segment.style or Style.null()
        styles.extend([style] * len(segment.text))
    return styles
