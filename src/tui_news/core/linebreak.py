"""Where a line of mixed Chinese and Latin text may be broken (pure).

The text is cut into atoms: a single wide character (Han, fullwidth punctuation) or a single
character carrying a reading, a run of narrow non-space characters (a Latin word, a number,
ASCII or curly punctuation), one whitespace character, or a newline. Lines may only break
between atoms; `can_break_between` says where, following the Chinese line-breaking rules
(kinsoku): closing punctuation never starts a line and opening brackets never end one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tui_news.core.cells import char_width

# Never at the start of a line: closing punctuation, iteration marks, small kana.
NO_LINE_START = frozenset(
    "，。、；：？！）」』”’》〉】〕］｝…—．・々〻ー"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    "\uff61\uff63\uff64"  # halfwidth ideographic full stop, corner bracket and comma
)
# ASCII closing punctuation: kept off the start of a line only when glued to a wide character
# before it (in "word, word" the comma is part of the Latin word anyway).
ASCII_CLOSING = frozenset(",.;:?!)]}")
# Never at the end of a line: opening brackets and quotes.
NO_LINE_END = frozenset("（「『“‘《〈【〔［｛([{\uff62")


class AtomKind(Enum):
    GLYPH = "glyph"  # one wide character, or one character with a reading
    WORD = "word"  # a run of narrow non-space characters (or a piece of a long one)
    SPACE = "space"  # one whitespace character other than a newline
    NEWLINE = "newline"  # "\n" (with a "\r" before it, if any)


@dataclass(frozen=True)
class Atom:
    start: int
    end: int
    kind: AtomKind
    width: int  # cells the characters take (a space's drawn width; 0 for a newline)


def split_atoms(text: str, has_reading: Sequence[bool] | None, max_word_width: int) -> list[Atom]:
    """Cut `text` into atoms; words wider than `max_word_width` are cut into pieces that fit.

    `has_reading[i]` marks the characters that will carry a syllable: each becomes its own atom so
    its syllable can be centred over it. Zero-width characters (combining marks) stay with the
    atom before them so they are never separated from their base.
    """
    atoms: list[Atom] = []
    word_start = -1
    word_width = 0

    def close_word(end: int) -> None:
        nonlocal word_start, word_width
        if word_start >= 0:
            atoms.extend(_word_pieces(text, word_start, end, max_word_width))
        word_start, word_width = -1, 0

    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        if ch == "\n" or (ch == "\r" and index + 1 < length and text[index + 1] == "\n"):
            close_word(index)
            end = index + (2 if ch == "\r" else 1)
            atoms.append(Atom(index, end, AtomKind.NEWLINE, 0))
            index = end
            continue
        width = char_width(ch)
        if ch.isspace():
            close_word(index)
            atoms.append(Atom(index, index + 1, AtomKind.SPACE, max(width, 1)))
        elif width == 0 and (word_start >= 0 or (atoms and atoms[-1].kind is AtomKind.GLYPH)):
            if word_start < 0:  # a combining mark on a glyph: widen the glyph's slice
                last = atoms.pop()
                atoms.append(Atom(last.start, index + 1, last.kind, last.width))
        elif width == 2 or (has_reading is not None and has_reading[index] and width > 0):
            close_word(index)
            atoms.append(Atom(index, index + 1, AtomKind.GLYPH, width))
        else:
            if word_start < 0:
                word_start = index
            word_width += width
        index += 1
    close_word(length)
    return atoms


def _word_pieces(text: str, start: int, end: int, max_width: int) -> list[Atom]:
    """A narrow run as one atom, or as consecutive pieces of at most `max_width` cells."""
    pieces: list[Atom] = []
    piece_start, piece_width = start, 0
    for index in range(start, end):
        width = char_width(text[index])
        if piece_width + width > max_width and piece_width > 0:
            pieces.append(Atom(piece_start, index, AtomKind.WORD, piece_width))
            piece_start, piece_width = index, 0
        piece_width += width
    pieces.append(Atom(piece_start, end, AtomKind.WORD, piece_width))
    return pieces


def can_break_between(text: str, before: Atom, after: Atom) -> bool:
    """Whether a soft line break may go between two adjacent atoms of one line."""
    if after.kind is AtomKind.SPACE:
        return False  # whitespace stays with the line it ends
    if before.kind is AtomKind.SPACE:
        return True
    if before.kind is AtomKind.WORD and after.kind is AtomKind.WORD:
        return False  # pieces of one long word: only an emergency break may split them
    if text[before.end - 1] in NO_LINE_END:
        return False
    first = text[after.start]
    if first in NO_LINE_START:
        return False
    if first in ASCII_CLOSING and before.kind is AtomKind.GLYPH:
        return False
    return True
