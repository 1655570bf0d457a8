"""Pinyin readings for Chinese text, the one door the rest of the project goes through.

One reading per character: a tone-marked syllable for each Han character, chosen in context by
the polyphone engine (`polyphone`), None for everything else. Readings printed by the publisher
win over the engine's. Results are cached per text, so an article is converted once and
switching the pinyin display on and off costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from functools import lru_cache

from tui_news.core.han import is_han
from tui_news.core.polyphone import Reading, default_engine, to_tone_numbers
from tui_news.core.sandhi import apply_sandhi

__all__ = [
    "engine_readings",
    "is_han",
    "text_readings",
    "text_word_starts",
    "to_tone_numbers",
    "warm_up",
]


def text_readings(
    text: str, publisher: Mapping[int, str] | None = None, *, sandhi: bool = False
) -> tuple[str | None, ...]:
    """One reading per character of `text`; `publisher` maps offsets to readings that override.

    With `sandhi` the engine's readings carry spoken tones (一, 不, third-tone pairs); the
    publisher's readings still win, as printed.
    """
    overrides = tuple(sorted(publisher.items())) if publisher else ()
    return _with_overrides(text, overrides, sandhi)


def text_word_starts(text: str) -> tuple[bool, ...]:
    """For each character, whether a segmented word begins there (grouping, sandhi, lookups)."""
    return tuple(reading.word_start for reading in _analyse(text))


def engine_readings(text: str) -> tuple[Reading, ...]:
    """The engine's own reading of every character, before publisher overrides (cached)."""
    return _analyse(text)


def warm_up(texts: Sequence[str] = ()) -> None:
    """Load the engine (about a second) and read `texts` in one batch, filling the cache.

    The reader calls this from a background thread when an article opens, so the first
    press of `p` finds every reading ready.
    """
    missing = [text for text in dict.fromkeys(texts) if text and text not in _analysed]
    with _engine_lock:
        lines = default_engine().read_lines(missing or ["中"])
    if missing:
        for text, readings in zip(missing, lines, strict=True):
            _remember(text, tuple(readings))


_analysed: dict[str, tuple[Reading, ...]] = {}
_ANALYSED_LIMIT = 8192
# The reader warms the cache from a worker thread while the UI thread may ask for readings;
# the engine's model buffers are not meant to be shared by two readers at once.
_engine_lock = threading.Lock()


def _remember(text: str, readings: tuple[Reading, ...]) -> None:
    if len(_analysed) >= _ANALYSED_LIMIT:  # drop the oldest half; dicts keep insertion order
        for key in list(_analysed)[: _ANALYSED_LIMIT // 2]:
            _analysed.pop(key, None)
    _analysed[text] = readings


def _analyse(text: str) -> tuple[Reading, ...]:
    found = _analysed.get(text)
    if found is None:
        with _engine_lock:
            found = tuple(default_engine().read(text))
        _remember(text, found)
    return found


@lru_cache(maxsize=8192)
def _with_overrides(
    text: str, overrides: tuple[tuple[int, str], ...], sandhi: bool
) -> tuple[str | None, ...]:
    analysed = _analyse(text)
    readings = [reading.pinyin for reading in analysed]
    if sandhi:
        readings = list(apply_sandhi(text, readings, [r.word_start for r in analysed]))
    for offset, syllable in overrides:
        if 0 <= offset < len(text) and syllable:
            readings[offset] = syllable
    return tuple(readings)
