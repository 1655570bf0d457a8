"""Pinyin readings for Chinese text: the basic engine (pure).

One reading per character: a tone-marked syllable for each Han character, chosen in word context
(the text is segmented with jieba and pypinyin's phrase table picks the reading, so 银行 gives
háng and 行走 xíng), None for everything else. Readings printed by the publisher win over the
engine's. Results are cached per text, so an article is converted once and switching the pinyin
display on and off costs nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache

import jieba
from pypinyin import Style, pinyin
from pypinyin.contrib.tone_convert import to_tone3

# jieba announces building its dictionary on stderr, which would scribble over the terminal UI.
jieba.setLogLevel(logging.WARNING)


def is_han(ch: str) -> bool:
    """Whether `ch` is a Chinese character (CJK unified or compatibility ideograph, or 〇)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x323AF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
        or code == 0x3007
    )


def text_readings(
    text: str, publisher: Mapping[int, str] | None = None
) -> tuple[str | None, ...]:
    """One reading per character of `text`; `publisher` maps offsets to readings that override."""
    overrides = tuple(sorted(publisher.items())) if publisher else ()
    return _cached_readings(text, overrides)


@lru_cache(maxsize=4096)
def _cached_readings(text: str, overrides: tuple[tuple[int, str], ...]) -> tuple[str | None, ...]:
    readings = list(_engine_readings(text))
    for offset, syllable in overrides:
        if 0 <= offset < len(text) and syllable:
            readings[offset] = syllable
    return tuple(readings)


def _engine_readings(text: str) -> list[str | None]:
    readings: list[str | None] = [None] * len(text)
    run_start = -1
    for index, ch in enumerate(text + "\0"):  # the sentinel closes a final run of Han
        if index < len(text) and is_han(ch):
            if run_start < 0:
                run_start = index
        elif run_start >= 0:
            readings[run_start:index] = _run_readings(text[run_start:index])
            run_start = -1
    return readings


def _run_readings(run: str) -> list[str | None]:
    """Readings for a run of Han characters, one per character."""
    words = jieba.lcut(run, HMM=False)
    # Characters pypinyin does not know come back as "" through the errors callback.
    syllables = pinyin(words, style=Style.TONE, errors=lambda chars: [""] * len(chars))
    flat = [choices[0] if choices else "" for choices in syllables]
    if len(flat) != len(run):  # never expected; fall back to one character at a time
        flat = [_single_reading(ch) for ch in run]
    return [syllable or None for syllable in flat]


def _single_reading(ch: str) -> str:
    choices = pinyin(ch, style=Style.TONE, errors=lambda chars: [""] * len(chars))
    return choices[0][0] if choices and choices[0] else ""


def to_tone_numbers(syllable: str) -> str:
    """A tone-marked syllable with a tone digit instead: jǐ → ji3, lüè → lve4, de → de5."""
    return to_tone3(syllable, v_to_u=False, neutral_tone_with_five=True)
