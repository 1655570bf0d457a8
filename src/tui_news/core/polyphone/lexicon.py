"""Reading tables: which readings a character can have, and what the phrase dictionary says.

Two tables meet here, both kept in the model's spelling ("lu:e4"):

* g2pM's character table (CC-CEDICT derived). It defines the model's candidate sets, so a
  character is *polyphonic* for the engine exactly when this table lists several readings.
* pypinyin's character table (``PINYIN_DICT``, 40k+ code points, traditional ones included) and
  its phrase dictionary (``PHRASES_DICT``, ~47k multi-character words with per-character
  readings). The character table fills in everything g2pM does not know; the phrase table is
  lexical evidence: a whole word found in it fixes each of its characters' readings.
"""

from __future__ import annotations

from functools import lru_cache

from ..han import is_han
from .syllables import marks_to_model


@lru_cache(maxsize=4096)
def _to_model(syllable: str) -> str:
    return marks_to_model(syllable)


class Lexicon:
    """Character candidates, defaults and phrase readings, all in the model's spelling."""

    def __init__(self, model_table: dict[str, list[str]]) -> None:
        from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

        self._pinyin_dict = PINYIN_DICT  # code point → "mark,mark,…", most common first
        self._phrases = PHRASES_DICT  # word → [[mark], [mark], …]
        self._model_table = model_table
        self._single: dict[str, str | None] = {}
        self._words_with: dict[str, list[str]] | None = None  # character → dictionary words

    def longer_readings(self, word: str, offset: int) -> set[str]:
        """Readings of ``word[offset]`` in the dictionary words that contain ``word`` (itself
        included). The index behind it takes a fraction of a second: built on first use."""
        if self._words_with is None:
            index: dict[str, list[str]] = {}
            for entry in self._phrases:
                for char in set(entry):
                    index.setdefault(char, []).append(entry)
            self._words_with = index
        found: set[str] = set()
        for entry in self._words_with.get(word[offset], ()):
            at = entry.find(word)
            while at >= 0:
                readings = self.phrase(entry)
                if readings is not None:
                    found.add(readings[at + offset])
                at = entry.find(word, at + 1)
        return found

    def model_candidates(self, char: str) -> tuple[str, ...]:
        """The readings the model chooses among; () unless the character is polyphonic."""
        readings = self._model_table.get(char)
        if readings is None or len(readings) < 2 or not is_han(char):
            return ()
        return tuple(readings)

    def default(self, char: str) -> str | None:
        """The reading of a character out of context, or None for a character no table knows.

        A single reading in g2pM's table wins (it is the table CPP's labels follow); otherwise
        pypinyin's first, most common reading.
        """
        if char in self._single:
            return self._single[char]
        reading: str | None = None
        if is_han(char):
            readings = self._model_table.get(char)
            if readings:
                reading = readings[0]
                if len(readings) > 1:
                    # Several readings: prefer the one pypinyin lists first, if g2pM has it.
                    first = self._pinyin_first(char)
                    if first in readings:
                        reading = first
            else:
                reading = self._pinyin_first(char)
        self._single[char] = reading
        return reading

    def _pinyin_first(self, char: str) -> str | None:
        marks = self._pinyin_dict.get(ord(char))
        if not marks:
            return None
        return _to_model(marks.split(",", 1)[0])

    def phrase(self, word: str) -> list[str] | None:
        """Per-character readings of a multi-character dictionary word, else None."""
        if len(word) < 2:
            return None
        entry = self._phrases.get(word)
        if entry is None or len(entry) != len(word):
            return None
        return [_to_model(readings[0]) for readings in entry]

    def phrase_cover(self, word: str) -> list[str | None]:
        """Readings for the characters of a segmented word, from the phrase dictionary.

        The whole word if the dictionary has it; otherwise the longest dictionary words
        inside it, taken left to right (e.g. "爱好" inside "爱好者"). Positions no
        dictionary word covers get None. Matches never cross the word's boundary: the
        segmenter already decided that the characters outside belong to other words.
        """
        whole = self.phrase(word)
        if whole is not None:
            return list(whole)
        cover: list[str | None] = [None] * len(word)
        start = 0
        while start < len(word) - 1:
            for end in range(len(word), start + 1, -1):
                inner = self.phrase(word[start:end])
                if inner is not None:
                    cover[start:end] = inner
                    start = end
                    break
            else:
                start += 1
        return cover
