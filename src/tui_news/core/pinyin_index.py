"""Searchable pinyin forms of text, and pinyin queries turned into plain substrings (pure).

A text is compiled once into three compact strings so that a query becomes a substring scan
instead of a conversion:

* ``pinyin``: every Han character as ``'`` + its toneless syllable (``济南`` → ``'ji'nan``), every
  run of other characters as one ``|``. The ``'`` in front of each syllable means a match can
  only start at a syllable boundary (``an`` does not match inside ``nan``) and the ``|`` means no
  match crosses a non-Han character.
* ``tones``: one digit per syllable, in order (``"32"``), for queries that carry tones.
* ``initials``: one character per character of the text: the first letter of a Han
  character's syllable, ``|`` for anything else, so offsets equal the text's own.

ü is folded to u on both sides (``lu``, ``lü`` and ``lv`` all find 绿): lenient, and learners
often type it either way.

A query is parsed into letters with optional tones and forced syllable ends (a tone digit, a
space or an apostrophe), then split into syllables in every valid way (``xian`` → ``'xian`` and
``'xi'an``); the last syllable may be unfinished, which is what filtering as you type needs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui_news.core.readings import text_readings

SYLLABLE = "'"  # starts every syllable in a compiled pinyin string
BREAK = "|"  # stands for non-Han text in compiled strings; never part of a query needle
NEUTRAL = 5

# Consonants that start syllables: a query made only of these may be a run of initials (jn).
INITIAL_LETTERS = frozenset("bpmfdtnlgkhjqxzcsryw")
# Characters that separate syllables in a query (ASCII and typographic apostrophes too).
QUERY_SEPARATORS = frozenset(" \t'’‘-·")
# Combining diacritics (after NFD) that mark a tone.
_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_LONGEST_SYLLABLE = 6  # zhuang, shuang, chuang
_MAX_SEGMENTATIONS = 64  # pathological queries must not explode; real ones have 1–8


def syllable_readings(
    text: str, publisher: Mapping[int, str] | None = None
) -> Sequence[str | None]:
    """The one place readings come from: the same engine (and cache) as the ruby lines."""
    return text_readings(text, publisher)


@lru_cache(maxsize=4096)
def split_tone(syllable: str) -> tuple[str, int]:
    """A reading as (toneless lowercase ASCII letters, tone 1–5): ``lǚ`` → ``("lu", 3)``."""
    tone = NEUTRAL
    letters: list[str] = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in _TONE_OF_MARK:
            tone = _TONE_OF_MARK[ch]
        elif ch.isdigit():
            tone = int(ch) if ch in "1234" else NEUTRAL
        elif "a" <= ch <= "z":
            letters.append("u" if ch == "v" else ch)
        # Anything else (ü's diaeresis, ê's circumflex) is dropped.
    return "".join(letters), tone


@lru_cache(maxsize=1)
def syllable_inventory() -> tuple[frozenset[str], frozenset[str]]:
    """Every toneless syllable the dictionary knows, and every non-empty prefix of one."""
    from pypinyin.pinyin_dict import pinyin_dict  # the engine's own dictionary

    syllables = {
        split_tone(reading)[0]
        for readings in pinyin_dict.values()
        for reading in readings.split(",")
    }
    syllables.discard("")
    prefixes = {s[:n] for s in syllables for n in range(1, len(s) + 1)}
    # Interjection syllables (嗯 n, 呣 m, 哼 hng…) would split ordinary queries into nonsense
    # (nan → n'a'n); as unfinished final pieces (prefixes) they still match.
    syllables -= {"n", "m", "ng", "hm", "hng"}
    return frozenset(syllables), frozenset(prefixes)


# --- compiling text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledText:
    """The searchable forms of one text (see the module docstring)."""

    pinyin: str
    tones: str
    initials: str
    # For each position in `pinyin`, the character offset in the text it stands for; only kept
    # when spans are wanted (one text being highlighted), not for a whole library's index.
    offsets: tuple[int, ...] | None = None


def compile_text(
    text: str, publisher: Mapping[int, str] | None = None, *, with_offsets: bool = False
) -> CompiledText:
    readings = syllable_readings(text, publisher)
    pinyin: list[str] = []
    tones: list[str] = []
    initials: list[str] = []
    offsets: list[int] = []
    in_break = False
    for index, reading in enumerate(readings):
        letters, tone = split_tone(reading) if reading else ("", 0)
        if not letters:
            initials.append(BREAK)
            if not in_break:  # a run of non-Han characters collapses into one BREAK
                pinyin.append(BREAK)
                offsets.append(index)
                in_break = True
            continue
        in_break = False
        piece = SYLLABLE + letters
        pinyin.append(piece)
        tones.append(str(tone))
        initials.append(letters[0])
        if with_offsets:
            offsets.extend([index] * len(piece))
    return CompiledText(
        "".join(pinyin),
        "".join(tones),
        "".join(initials),
        tuple(offsets) if with_offsets else None,
    )


@lru_cache(maxsize=16384)
def compile_line(line: str) -> CompiledText:
    """One line without offsets, cached: libraries repeat boilerplate lines, and a rebuilt index
    (after a reload) must not convert everything again."""
    return compile_text(line)


# --- parsing queries --------------------------------------------------------------------------


@dataclass(frozen=True)
class PinyinNeedle:
    """One way to read a pinyin query: the substring to look for, and the tones to check."""

    needle: str  # e.g. "'ji'nan"
    # (index of the syllable within `needle`, required tone) for each syllable whose tone the
    # query gave; empty for toneless queries.
    tones: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PinyinQuery:
    needles: tuple[PinyinNeedle, ...] = ()
    initials: str | None = None  # e.g. "jn", searched in `CompiledText.initials`

    @property
    def empty(self) -> bool:
        return not self.needles and not self.initials


@lru_cache(maxsize=256)
def parse_pinyin_query(query: str) -> PinyinQuery:
    """How `query` can be read as pinyin; empty when it cannot (e.g. it holds Han or symbols)."""
    parsed = _letters_tones_breaks(query)
    if parsed is None:
        return PinyinQuery()
    letters, tone_at, breaks = parsed
    needles = tuple(_needles(letters, tone_at, breaks))
    initials = None
    if len(letters) >= 2 and not tone_at and all(ch in INITIAL_LETTERS for ch in letters):
        initials = "".join(letters)
    return PinyinQuery(needles, initials)


def _letters_tones_breaks(query: str) -> tuple[str, dict[int, int], frozenset[int]] | None:
    """Letters (lowercase, ü/v as u), tone per letter index, and indexes a syllable must end at."""
    letters: list[str] = []
    tone_at: dict[int, int] = {}
    breaks: set[int] = set()
    after_digit = False
    for ch in unicodedata.normalize("NFD", query.lower()):
        if "a" <= ch <= "z":
            letters.append("u" if ch == "v" else ch)
            after_digit = False
        elif ch in _TONE_OF_MARK and letters:
            tone_at[len(letters) - 1] = _TONE_OF_MARK[ch]
        elif ch == "\u0308" and letters:  # ü's diaeresis: already u
            continue
        elif ch in "012345" and letters and not after_digit:
            tone_at[len(letters) - 1] = int(ch) if ch != "0" else NEUTRAL
            breaks.add(len(letters) - 1)
            after_digit = True
        elif ch in QUERY_SEPARATORS:
            if letters:
                breaks.add(len(letters) - 1)
        else:
            return None
    if not letters:
        return None
    return "".join(letters), tone_at, frozenset(breaks)


def _needles(letters: str, tone_at: dict[int, int], breaks: frozenset[int]) -> list[PinyinNeedle]:
    syllables, prefixes = syllable_inventory()
    results: list[PinyinNeedle] = []
    end = len(letters)

    def extend(start: int, needle: str, tones: tuple[tuple[int, int], ...]) -> None:
        if len(results) >= _MAX_SEGMENTATIONS:
            return
        # Longest pieces first: the usual reading comes first and survives the cap.
        for stop in range(min(start + _LONGEST_SYLLABLE, end), start, -1):
            if any(i in breaks for i in range(start, stop - 1)):
                continue  # a forced syllable end inside this piece
            piece = letters[start:stop]
            last = stop == end
            # Only the final piece may be unfinished, and not when the query closed it.
            complete_needed = not last or (stop - 1) in breaks
            if piece not in (syllables if complete_needed else prefixes):
                continue
            piece_tones = {tone_at[i] for i in range(start, stop) if i in tone_at}
            if len(piece_tones) > 1:
                continue
            index = needle.count(SYLLABLE)
            more = tones + ((index, piece_tones.pop()),) if piece_tones else tones
            if last:
                results.append(PinyinNeedle(needle + SYLLABLE + piece, more))
            else:
                extend(stop, needle + SYLLABLE + piece, more)

    extend(0, "", ())
    return results
