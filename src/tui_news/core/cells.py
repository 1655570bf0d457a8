"""Terminal cell widths of characters, without depending on the UI stack.

The layout code must predict exactly how many cells the terminal (through Rich) will use for a
string, otherwise ruby syllables drift away from their characters. The rules here follow the
East Asian Width property: wide and fullwidth characters take two cells, combining marks and
control characters none, everything else one. A test checks agreement with Rich over every
character the reader is expected to meet (Han, CJK and fullwidth punctuation, Latin, pinyin).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Default-ignorable characters outside the format category that terminals draw as nothing.
_ZERO_WIDTH_EXTRA = frozenset("\u2065\u302e\u302f\uffa0")
# Combining marks, format controls (bidi marks, joiners) and line/paragraph separators. The
# soft hyphen is the exception: terminals show it as a visible hyphen.
_ZERO_WIDTH_CATEGORIES = frozenset(("Mn", "Me", "Cf", "Zl", "Zp"))


def _in_ideograph_block(code: int) -> bool:
    return (
        0x2FF0 <= code <= 0x2FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFD
    )


@lru_cache(maxsize=8192)
def _measured_width(ch: str) -> int:
    code = ord(ch)
    if code < 32 or 0x7F <= code < 0xA0:
        return 0
    category = unicodedata.category(ch)
    if ch in _ZERO_WIDTH_EXTRA or category in _ZERO_WIDTH_CATEGORIES and ch != "\u00ad":
        return 0
    if category == "Cn":
        # Unassigned (in this Python's Unicode): wide only inside blocks reserved for ideographs,
        # where newer Unicode versions (and Rich's tables) assign wide characters.
        return 2 if _in_ideograph_block(code) else 1
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def char_width(ch: str) -> int:
    """Cells one character occupies in a terminal: 0, 1 or 2."""
    code = ord(ch)
    # Fast paths for the two overwhelmingly common cases in Chinese news text.
    if 0x20 <= code < 0x7F:
        return 1
    if 0x4E00 <= code <= 0x9FFF:
        return 2
    return _measured_width(ch)


def text_width(s: str) -> int:
    """Cells a string occupies: the sum of its characters' widths."""
    if s.isascii() and s.isprintable():
        return len(s)
    if len(s) <= 8:  # syllables and single characters recur endlessly: remember them
        return _short_text_width(s)
    return sum(char_width(ch) for ch in s)


@lru_cache(maxsize=8192)
def _short_text_width(s: str) -> int:
    return sum(char_width(ch) for ch in s)
