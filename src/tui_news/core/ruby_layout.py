"""Lay out text as ruby lines: syllables above, characters below, wrapped together (pure).

Every atom of the text (see `linebreak`) becomes one column. A character with a reading gets a
column as wide as the wider of the character and its syllable; both are centred in it (any odd
cell goes to the left). When two syllables would touch, the second column is widened by one cell
so at least one space separates them. Lines are filled greedily and broken only where
`linebreak.can_break_between` allows, so syllables and characters always wrap together and
plain mode (`readings=None`) breaks Chinese text exactly the same way, minus the ruby widening.

Whitespace and line ends: every character of the input belongs to exactly one line, so joining
`text[line.start:line.end]` over the lines gives the input back. Whitespace where a line is broken
belongs to the line before, and whitespace at the end of any line is not drawn (it would only
push the row past the width or leave invisible trailing cells). A newline ends its line and
belongs to it; like `str.split("\\n")`, text ending in a newline yields a final empty line, and
empty text yields one empty line. A tab or other whitespace is drawn as spaces.

A single atom wider than the whole width (a syllable wider than a very narrow line, or a Han
character at width 1) is clipped so no row is ever wider than the width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui_news.core.cells import char_width, text_width
from tui_news.core.linebreak import Atom, AtomKind, can_break_between, split_atoms

# Drawn instead of a character that cannot fit at all (only a Han character at width 1).
CLIPPED_MARK = "…"


@dataclass(frozen=True)
class RubyColumn:
    start: int  # text[start:end] is what this column shows
    end: int
    reading: str | None  # the syllable drawn above, or None
    width: int  # cells the column occupies on both rows
    base_pad: int  # blank cells left of the base text
    ruby_pad: int  # blank cells left of the syllable


@dataclass(frozen=True)
class RubyLine:
    columns: tuple[RubyColumn, ...]
    start: int  # text[start:end] is this line's share of the input (drawn or not)
    end: int

    @property
    def width(self) -> int:
        return sum(column.width for column in self.columns)

    @property
    def has_ruby(self) -> bool:
        return any(column.reading is not None for column in self.columns)

    def base_row(self, text: str) -> str:
        """The lower row: characters, padded so each sits centred in its column."""
        return "".join(base_cell_text(text, column) for column in self.columns)

    def ruby_row(self, text: str) -> str | None:
        """The upper row of syllables, or None when nothing on this line has a reading.

        `text` is accepted so both rows are produced the same way; syllables live in the columns.
        """
        if not self.has_ruby:
            return None
        return "".join(ruby_cell_text(column) for column in self.columns)


def base_cell_text(text: str, column: RubyColumn) -> str:
    """Exactly `column.width` cells of base text for one column."""
    shown = text[column.start : column.end]
    if shown.isspace():
        return " " * column.width
    shown_width = text_width(shown)
    if shown_width > column.width:
        shown, shown_width = CLIPPED_MARK, 1
    right = column.width - column.base_pad - shown_width
    return " " * column.base_pad + shown + " " * right


def ruby_cell_text(column: RubyColumn) -> str:
    """Exactly `column.width` cells of the ruby row for one column."""
    if column.reading is None:
        return " " * column.width
    syllable = clip_to_width(column.reading, column.width - column.ruby_pad)
    right = column.width - column.ruby_pad - text_width(syllable)
    return " " * column.ruby_pad + syllable + " " * right


def clip_to_width(s: str, width: int) -> str:
    """The longest prefix of `s` that fits in `width` cells."""
    if text_width(s) <= width:
        return s
    used = 0
    for index, ch in enumerate(s):
        used += char_width(ch)
        if used > width:
            return s[:index]
    return s


def _usable_reading(reading: str | None) -> str | None:
    return reading if reading else None


class _LineBuilder:
    """Columns of the line being filled, with what the gap rule needs to know."""

    def __init__(self, text: str, readings: Sequence[str | None] | None, width: int) -> None:
        self.text = text
        self.readings = readings
        self.width = width
        self.columns: list[RubyColumn] = []
        self.used = 0
        # Blank ruby cells since the last syllable on this line (None: no syllable yet).
        self.free_after_syllable: int | None = None

    def column_for(self, atom: Atom) -> RubyColumn:
        """The column `atom` would get if placed next on this line (not clipped)."""
        reading = None
        if self.readings is not None and atom.kind is AtomKind.GLYPH:
            reading = _usable_reading(self.readings[atom.start])
        if reading is None:
            return RubyColumn(atom.start, atom.end, None, atom.width, 0, 0)
        ruby_width = text_width(reading)
        width = max(atom.width, ruby_width)
        if self.free_after_syllable == 0 and (width - ruby_width + 1) // 2 == 0:
            width += 1  # the widened column puts its extra cell on the left: the gap
        return _centred(atom, reading, width, ruby_width)

    def place(self, column: RubyColumn) -> None:
        self.columns.append(column)
        self.used += column.width
        if column.reading is not None:
            ruby_width = text_width(column.reading)
            self.free_after_syllable = max(0, column.width - column.ruby_pad - ruby_width)
        elif self.free_after_syllable is not None:
            self.free_after_syllable += column.width

    def keep_first(self, count: int) -> None:
        """Drop every column after the first `count` (the line is complete after them)."""
        del self.columns[count:]
        self.used = sum(column.width for column in self.columns)

    def place_clipped(self, atom: Atom) -> None:
        """Place an atom too wide for any line, cut down to the full width."""
        column = self.column_for(atom)
        width = min(column.width, self.width)
        if column.reading is None:
            self.place(RubyColumn(atom.start, atom.end, None, width, 0, 0))
        else:
            self.place(_centred(atom, column.reading, width, text_width(column.reading)))

    def finish(self, start: int, end: int) -> RubyLine:
        columns = self.columns
        while columns and self.text[columns[-1].start : columns[-1].end].isspace():
            columns = columns[:-1]
        return RubyLine(tuple(columns), start, end)


def _centred(atom: Atom, reading: str, width: int, ruby_width: int) -> RubyColumn:
    base_pad = max(0, (width - atom.width + 1) // 2)
    ruby_pad = max(0, (width - ruby_width + 1) // 2)
    return RubyColumn(atom.start, atom.end, reading, width, base_pad, ruby_pad)


def layout_ruby(text: str, readings: Sequence[str | None] | None, width: int) -> list[RubyLine]:
    """Break `text` into ruby lines no wider than `width` cells.

    `readings` holds one syllable (or None) per character of `text`; None means plain mode: no
    ruby row and no widening. Only characters that take cells and are not whitespace can carry a
    syllable; an empty string counts as no reading.
    """
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    if readings is not None and len(readings) != len(text):
        raise ValueError(f"{len(readings)} readings for {len(text)} characters")
    frozen = None if readings is None else tuple(readings)
    return list(_layout_cached(text, frozen, width))


# A reader lays the same paragraphs out again and again (Textual renders once to measure
# height and again to draw, and every pinyin switch or resize repeats it); lines are frozen,
# so a cache keyed on the exact inputs is safe.
@lru_cache(maxsize=4096)
def _layout_cached(
    text: str, readings: tuple[str | None, ...] | None, width: int
) -> tuple[RubyLine, ...]:
    return tuple(_layout(text, readings, width))


def clear_layout_cache() -> None:
    """Forget every cached layout (benchmarks measure the first layout, not the cache)."""
    _layout_cached.cache_clear()


def _layout(text: str, readings: Sequence[str | None] | None, width: int) -> list[RubyLine]:
    has_reading = None if readings is None else [bool(r) for r in readings]
    atoms = split_atoms(text, has_reading, width)
    lines: list[RubyLine] = []
    first = 0  # index of the first atom of the line being built
    line_start = 0  # text offset where it starts
    while True:
        builder = _LineBuilder(text, readings, width)
        next_first = _fill_line(atoms, first, builder, text)
        line_end = atoms[next_first].start if next_first < len(atoms) else len(text)
        lines.append(builder.finish(line_start, line_end))
        ended_by_newline = next_first > first and atoms[next_first - 1].kind is AtomKind.NEWLINE
        if next_first >= len(atoms) and not ended_by_newline:
            return lines
        first, line_start = next_first, line_end


def _fill_line(atoms: list[Atom], first: int, builder: _LineBuilder, text: str) -> int:
    """Place atoms from `first` on one line; return the index of the next line's first atom."""
    last_break: int | None = None  # latest atom index a soft break may precede
    index = first
    while index < len(atoms):
        atom = atoms[index]
        if atom.kind is AtomKind.NEWLINE:
            return index + 1
        if index > first and can_break_between(text, atoms[index - 1], atom):
            last_break = index
        column = builder.column_for(atom)
        if builder.used + column.width <= builder.width:
            builder.place(column)
            index += 1
            continue
        if atom.kind is AtomKind.SPACE:
            return _hang_whitespace(atoms, index)
        if last_break is not None:
            builder.keep_first(last_break - first)  # the rest move down to the next line
            return last_break
        if index > first:
            return index  # nothing better: break here even against the kinsoku rules
        builder.place_clipped(atom)
        return index + 1
    return index


def _hang_whitespace(atoms: list[Atom], index: int) -> int:
    """Keep a run of overflowing whitespace (and a newline right after it) on the line before."""
    while index < len(atoms) and atoms[index].kind is AtomKind.SPACE:
        index += 1
    if index < len(atoms) and atoms[index].kind is AtomKind.NEWLINE:
        index += 1
    return index


def column_at(lines: Sequence[RubyLine], x: int, y: int) -> tuple[RubyColumn, int] | None:
    """The column drawn at cell `x` of row `y` (0-based, from the layout's top left) and the
    cell where that column begins: a line with ruby takes two rows, the syllables' and the
    characters', and either finds the column. None past the end of a line or below the last."""
    if x < 0 or y < 0:
        return None
    row = 0
    for line in lines:
        height = 2 if line.has_ruby else 1
        if y < row + height:
            left = 0
            for column in line.columns:
                if x < left + column.width:
                    return column, left
                left += column.width
            return None
        row += height
    return None


def cell_of(lines: Sequence[RubyLine], offset: int) -> tuple[int, int] | None:
    """Where the column drawing `text[offset]` begins: its cell and row (0-based, from the
    layout's top left; the syllables' row on a line with ruby), the inverse of `column_at`.
    None for a character no column draws (whitespace at a line's end, a newline) or an
    offset outside the text."""
    row = 0
    for line in lines:
        if line.start <= offset < line.end:
            left = 0
            for column in line.columns:
                if column.start <= offset < column.end:
                    return left, row
                left += column.width
            return None
        row += 2 if line.has_ruby else 1
    return None
