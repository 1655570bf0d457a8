"""The publisher's inline pinyin: ``济南(jǐnán)`` becomes ``济南`` + readings {0: "jǐ", 1: "nán"}.

Chinese news sites for learners print readings in parentheses right after a word. The run in
parentheses is one string of joined syllables, so it has to be segmented. A parenthesis is taken
as a reading only when it is lowercase pinyin that splits *exactly* into N valid syllables and
at least N Han characters stand immediately before it; everything else (``(低空经济)``,
``(CEO)``, ``(2024)``, a byline) is left exactly as it is.

Segmentation is ambiguous (``jǐnán`` = ``jǐ nán`` or ``jǐn án``; ``xiān`` or ``xī'ān``), so
candidate splits are scored rather than taken greedily:

1. how many syllables are not a known reading of the character they would annotate
   (pypinyin's per-character dictionary, compared without tones so that tone sandhi such as
   一个 yígè still matches);
2. how many syllables start with a, o or e without an apostrophe before them — standard
   orthography writes ``xī'ān`` precisely because ``xiān`` would otherwise read as one syllable;
3. fewer syllables first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from tui_news.core.han import is_han
from tui_news.core.models import Readings

# Combining tone marks: first (macron), second (acute), third (caron), fourth (grave).
_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")
_DIAERESIS = "\u0308"
_PLAIN_VOWELS = frozenset("aeiouü")
_SEPARATORS = frozenset("'’ ")
_ZERO_INITIALS = frozenset("aoe")

# Bounds that keep the search small on hostile input; real annotations are a few syllables.
_MAX_PINYIN_RUN = 64
_MAX_HAN_RUN = 16

_PARENTHESISED = re.compile(r"[(（]([^()（）\n]{1,%d})[)）]" % _MAX_PINYIN_RUN)


def _toneless(text: str) -> str:
    """`text` without tone marks, keeping ü; 'v' is the keyboard spelling of ü."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", stripped).replace("v", "ü")


def _tone_mark_count(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if c in _TONE_MARKS)


@cache
def _pinyin_dictionary() -> dict[int, str]:
    # Imported lazily: the table is large and only needed once a parenthesis looks like pinyin.
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@cache
def syllable_inventory() -> frozenset[str]:
    """Every toneless Mandarin syllable (ü spelled ü), derived from pypinyin's dictionary.

    Interjection syllables without a vowel (m, n, ng, hm, hng) and ê are left out: they never
    appear in learners' annotations and would only create spurious splits.
    """
    syllables = set()
    for readings in _pinyin_dictionary().values():
        for reading in readings.split(","):
            syllable = _toneless(reading)
            if syllable.isalpha() and set(syllable) & _PLAIN_VOWELS and "ê" not in syllable:
                syllables.add(syllable)
    return frozenset(syllables)


@cache
def _character_readings(character: str) -> frozenset[str] | None:
    """Toneless readings of one Han character, or None when the dictionary does not know it."""
    readings = _pinyin_dictionary().get(ord(character))
    if readings is None:
        return None
    return frozenset(_toneless(reading) for reading in readings.split(","))


def _letters_and_boundaries(text: str) -> tuple[str, set[int]] | None:
    """The pinyin letters of `text` (NFC, v→ü) and the positions where separators force a
    syllable boundary; None unless `text` is lowercase pinyin letters, tone marks on vowels,
    and single separators between letters."""
    letters: list[str] = []
    boundaries = {0}
    previous_was_separator = True  # a leading separator is as wrong as a doubled one
    for character in unicodedata.normalize("NFC", text):
        if character in _SEPARATORS:
            if previous_was_separator:
                return None
            boundaries.add(len(letters))
            previous_was_separator = True
            continue
        decomposed = unicodedata.normalize("NFD", character)
        base, marks = decomposed[0], decomposed[1:]
        if base == "v":
            base, marks = "u", _DIAERESIS + marks
        if not ("a" <= base <= "z"):
            return None
        if marks:
            if base not in _PLAIN_VOWELS:
                return None
            allowed = {_DIAERESIS} | _TONE_MARKS if base == "u" else _TONE_MARKS
            if any(m not in allowed for m in marks) or sum(m in _TONE_MARKS for m in marks) > 1:
                return None
        composed = unicodedata.normalize("NFC", base + marks)
        if len(composed) != 1:  # marks in an order no pinyin letter has
            return None
        letters.append(composed)
        previous_was_separator = False
    if previous_was_separator:  # empty, or a trailing separator
        return None
    boundaries.add(len(letters))
    return "".join(letters), boundaries


def _best_split(
    text: str, count: int | None, characters: str | None
) -> tuple[tuple[int, int, int], list[str]] | None:
    """The lowest-scoring exact segmentation of `text` (see the module docstring).

    With `count`, only splits into exactly that many syllables are considered; with
    `characters` (len == count), syllable i is scored against characters[i].
    Returns ((mismatches, violations, syllable count), syllables) or None.
    """
    parsed = _letters_and_boundaries(text)
    if parsed is None:
        return None
    letters, boundaries = parsed
    plain = _toneless(letters)
    inventory = syllable_inventory()
    size = len(letters)
    longest = max(len(s) for s in inventory)
    most = count if count is not None else size
    # best[position][n]: cheapest (mismatches, violations) covering letters[:position] with n
    # syllables, plus the start of the last syllable for backtracking.
    best: list[dict[int, tuple[tuple[int, int], int]]] = [dict() for _ in range(size + 1)]
    best[0][0] = ((0, 0), -1)
    for start in range(size):
        if not best[start]:
            continue
        for end in range(start + 1, min(size, start + longest) + 1):
            if any(start < b < end for b in boundaries):
                break
            syllable = plain[start:end]
            if syllable not in inventory or _tone_mark_count(letters[start:end]) > 1:
                continue
            violation = int(syllable[0] in _ZERO_INITIALS and start not in boundaries)
            for n, ((mismatches, violations), _) in list(best[start].items()):
                if n >= most:
                    continue
                miss = 0
                if characters is not None:
                    known = _character_readings(characters[n])
                    miss = int(known is not None and syllable not in known)
                cost = (mismatches + miss, violations + violation)
                if n + 1 not in best[end] or cost < best[end][n + 1][0]:
                    best[end][n + 1] = (cost, start)
    finals = best[size]
    candidates = [n for n in finals if n > 0 and (count is None or n == count)]
    if not candidates:
        return None
    n = min(candidates, key=lambda k: (finals[k][0], k))
    (mismatches, violations), _ = finals[n]
    syllables: list[str] = []
    position = size
    for remaining in range(n, 0, -1):
        start = best[position][remaining][1]
        syllables.append(letters[start:position])
        position = start
    syllables.reverse()
    return (mismatches, violations, n), syllables


def split_syllables(text: str, count: int | None = None) -> list[str] | None:
    """Split joined pinyin into syllables, tone marks kept: "mòguòduōjiǔ" → mò guò duō jiǔ.

    Apostrophes and spaces mark boundaries ("xī'ān" → xī ān); "v" is read as ü. With `count`,
    only a split into exactly that many syllables is accepted. None when `text` is not
    lowercase pinyin or does not segment exactly.
    """
    found = _best_split(text, count, None)
    return None if found is None else found[1]


def _reading_for(run: str, han_before: str) -> list[str] | None:
    """The syllables a parenthesised `run` gives to the last characters of `han_before`, if
    the run is an annotation at all."""
    choices = []
    for count in range(1, min(len(han_before), len(run)) + 1):
        found = _best_split(run, count, han_before[-count:])
        if found is not None:
            choices.append(found)
    if not choices:
        return None
    (mismatches, _, count), syllables = min(choices, key=lambda choice: choice[0])
    # Without tone marks, plain words such as (a) or (china) segment too; only a perfect match
    # with the characters' dictionary readings makes them an annotation. With tone marks the
    # run is clearly meant as pinyin; tolerate a minority of unusual readings.
    tolerated = count // 2 if _tone_mark_count(run) else 0
    return syllables if mismatches <= tolerated else None


def _han_run_before(text: str, position: int) -> str:
    start = position
    while start > 0 and position - start < _MAX_HAN_RUN and is_han(text[start - 1]):
        start -= 1
    return text[start:position]


def extract_inline_pinyin(text: str) -> tuple[str, Readings]:
    """Remove the publisher's inline pinyin from `text`.

    Returns the clean text and readings {offset in the clean text: syllable with tone marks}.
    Parentheses that are not a reading of the Han characters right before them stay as they are.
    """
    pieces: list[str] = []
    length = 0
    readings: Readings = {}
    copied_up_to = 0
    for match in _PARENTHESISED.finditer(text):
        han_before = _han_run_before(text, match.start())
        if not han_before:
            continue
        syllables = _reading_for(match.group(1), han_before)
        if syllables is None:
            continue
        kept = text[copied_up_to : match.start()]
        pieces.append(kept)
        length += len(kept)
        first = length - len(syllables)
        for index, syllable in enumerate(syllables):
            readings[first + index] = syllable
        copied_up_to = match.end()
    pieces.append(text[copied_up_to:])
    return "".join(pieces), readings
