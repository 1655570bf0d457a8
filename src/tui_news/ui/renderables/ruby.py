"""`RubyText`: a Rich renderable drawing text with pinyin above each character.

The layout comes from `core.ruby_layout`; this module only turns its rows into Segments. Each
character keeps the style the Text gives it (spans, links, the Text's own style); the syllable
row uses `ruby_style`. An optional `syllable_styles` callback (given the tone-marked syllable)
adds a style to a syllable and to the character below it, e.g. to colour tones.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Text

from tui_news.core.cells import text_width
from tui_news.core.readings import to_tone_numbers
from tui_news.core.ruby_layout import (
    CLIPPED_MARK,
    RubyColumn,
    RubyLine,
    clip_to_width,
    layout_ruby,
)


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
    ) -> None:
        if readings is not None and len(readings) != len(text.plain):
            raise ValueError(f"{len(readings)} readings for {len(text.plain)} characters")
        self.text = text
        self.readings = readings
        self.ruby_style = ruby_style
        self.numbers = numbers
        self.syllable_styles = syllable_styles

    def shown_readings(self) -> Sequence[str | None] | None:
        """The syllables as drawn: tone marks, or tone digits when `numbers` is set."""
        if self.readings is None or not self.numbers:
            return self.readings
        return [to_tone_numbers(r) if r else None for r in self.readings]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = self.text.plain
        lines = layout_ruby(plain, self.shown_readings(), max(1, options.max_width))
        char_styles = _styles_per_character(self.text, console)
        pad_style = console.get_style(self.text.style) if self.text.style else Style.null()
        ruby_style = console.get_style(self.ruby_style)
        for line in lines:
            if line.has_ruby:
                yield from self._ruby_segments(line, ruby_style)
                yield Segment.line()
            yield from self._base_segments(line, plain, char_styles, pad_style)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = layout_ruby(self.text.plain, self.shown_readings(), sys.maxsize)
        widest_column = max((c.width for line in lines for c in line.columns), default=0)
        longest_line = max((line.width for line in lines), default=0)
        return Measurement(widest_column, longest_line)

    def _extra_style(self, column: RubyColumn) -> Style | None:
        """The syllable style for a column, looked up with its tone-marked syllable."""
        if self.syllable_styles is None or column.reading is None or self.readings is None:
            return None
        marked = self.readings[column.start]
        return self.syllable_styles(marked) if marked else None

    def _ruby_segments(self, line: RubyLine, ruby_style: Style) -> Iterator[Segment]:
        for column in line.columns:
            if column.reading is None:
                yield Segment(" " * column.width)
                continue
            syllable = clip_to_width(column.reading, column.width - column.ruby_pad)
            right = column.width - column.ruby_pad - text_width(syllable)
            extra = self._extra_style(column)
            style = ruby_style + extra if extra is not None else ruby_style
            if column.ruby_pad:
                yield Segment(" " * column.ruby_pad)
            yield Segment(syllable, style)
            if right:
                yield Segment(" " * right)

    def _base_segments(
        self, line: RubyLine, plain: str, char_styles: list[Style], pad_style: Style
    ) -> Iterator[Segment]:
        for column in line.columns:
            shown = plain[column.start : column.end]
            if shown.isspace():
                yield Segment(" " * column.width, char_styles[column.start])
                continue
            extra = self._extra_style(column)
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
    styles: list[Style] = []
    for segment in text.render(console, end=""):
        style = segment.style or Style.null()
        styles.extend([style] * len(segment.text))
    return styles
