"""Tone sandhi: the tones as spoken rather than as in the dictionary (pure, optional).

Readings come in citation tones (一 yī, 不 bù, 你好 nǐhǎo); speakers change some of them. The
reader shows the spoken tones only when the learner asks for it. `apply_sandhi` implements:

一 (only where its reading is the citation yī; any other tone was decided deliberately, by the
publisher or the engine, and is kept):
  1. stays yī in ordinals and numbers: after 第; next to a numeral (十一, 万一, 一九八四, 二〇一一);
     before 月 or 号 (一月, 一号) and between 月 and 日 (五月一日);
  2. stays yī at the end of a phrase (nothing with a reading after it: punctuation, Latin
     text, the end) and where it closes a word of a short list (统一, 唯一, 之一, 逐一, 单一…).
     A bare word-boundary test is not used: the segmenter also produces words such as 船一 in
     船一靠岸 (as soon as the boat lands: yí kào), where the sandhi does apply;
  3. between two identical characters it is unstressed: 看一看 → kàn yi kàn;
  4. otherwise it follows the next syllable's citation tone: yí before a 4th tone, yì before a
     1st, 2nd or 3rd. A neutral 个 counts as its citation 4th tone (一个 yí ge); before any
     other neutral syllable 一 is left as yī.
  Multipliers are not numerals for rule 1 when they follow 一: 一百 yìbǎi, 一万 yíwàn.

不 (only where its reading is bù): unstressed between identical characters (好不好 → hǎo bu
hǎo); bú before a 4th tone; otherwise bù.

Third tones: a 3rd tone before another 3rd tone is read as a 2nd (你好 → níhǎo). Which pairs
interact depends on prosodic grouping, approximated from the word boundaries:
  * a word of two or more syllables is a group of its own;
  * runs of one-syllable words pair up left to right (我也 | 想买 | 雨伞 → wó yě xiáng mǎi
    yúsǎn); an odd one left over joins the word after it, or the group before it when the
    phrase ends (我很 | 好 → 我很好: wó hén hǎo);
  * within a group, in a run of consecutive 3rd tones every syllable but the last becomes 2nd
    (展览馆 → zhánlánguǎn). Runs never cross groups, punctuation or readingless characters.
  The comparison uses citation tones, so 一 and 不 never take part.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui_news.core.tones import tone_of, toneless, with_tone

# After 一 these make it a digit string read one by one (一九八四) rather than a count.
DIGITS_AFTER = frozenset("〇零一二三四五六七八九十0123456789０１２３４５６７８９")
# Before 一 any numeral, multipliers included, makes it part of a number (十一, 一百一, 万一).
NUMERALS_BEFORE = DIGITS_AFTER | frozenset("百千万亿两")
# 一月 (January), 一号 (number one / the first).
STAYS_BEFORE = frozenset("月号")
# Words ending in 一 that keep yī (by the character before it): 统一, 唯一, 之一, 逐一, 初一,
# 单一, 专一, 划一, 如一, 归一, 合一, 同一, 均一, 纯一.
KEEPS_YI_AFTER = frozenset("统唯之逐初单专划如归合同均纯")
# A neutral syllable whose citation tone is 4th (only 个 is common after 一).
NEUTRAL_FOURTH = frozenset("个")


def apply_sandhi(
    text: str, readings: Sequence[str | None], word_starts: Sequence[bool]
) -> tuple[str | None, ...]:
    """`readings` (one per character of `text`) with the spoken tones; see the module docstring.

    `word_starts[i]` is True where a word begins (the engine's segmentation).
    """
    if not len(text) == len(readings) == len(word_starts):
        raise ValueError(
            f"{len(text)} characters, {len(readings)} readings, {len(word_starts)} word flags"
        )
    spoken = list(readings)
    for start, end in _phrases(readings):
        words = _words(word_starts, start, end)
        for group_start, group_end in _groups(words):
            _third_tones(readings, spoken, group_start, group_end)
        for index in range(start, end):
            char = text[index]
            if char == "一":
                spoken[index] = _yi(text, readings, words, index, end)
            elif char == "不":
                spoken[index] = _bu(text, readings, index, end)
    return tuple(spoken)


def _phrases(readings: Sequence[str | None]) -> list[tuple[int, int]]:
    """Maximal runs of characters that have readings, as (start, end)."""
    phrases: list[tuple[int, int]] = []
    start = -1
    for index, reading in enumerate([*readings, None]):
        if reading:
            if start < 0:
                start = index
        elif start >= 0:
            phrases.append((start, index))
            start = -1
    return phrases


def _words(word_starts: Sequence[bool], start: int, end: int) -> list[tuple[int, int]]:
    """The words of one phrase as (start, end); a phrase always begins a word."""
    bounds = [start] + [i for i in range(start + 1, end) if word_starts[i]] + [end]
    return list(zip(bounds, bounds[1:], strict=False))


def _groups(words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Prosodic groups: long words alone, one-syllable words paired (see module docstring)."""
    groups: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None  # an unpaired one-syllable word
    for word in words:
        if word[1] - word[0] > 1:
            if pending is not None:
                word = (pending[0], word[1])  # the leftover leans on the word after it
                pending = None
            groups.append(word)
        elif pending is None:
            pending = word
        else:
            groups.append((pending[0], word[1]))
            pending = None
    if pending is not None:
        if groups and groups[-1][1] == pending[0]:
            groups[-1] = (groups[-1][0], pending[1])
        else:
            groups.append(pending)
    return groups


def _third_tones(
    readings: Sequence[str | None], spoken: list[str | None], start: int, end: int
) -> None:
    for index in range(start, end - 1):
        here, after = readings[index], readings[index + 1]
        if here and after and tone_of(here) == 3 and tone_of(after) == 3:
            spoken[index] = with_tone(here, 2)


def _is_citation(reading: str | None, letters: str, tone: int) -> bool:
    return bool(reading) and toneless(reading).lower() == letters and tone_of(reading) == tone


def _reduplicated(text: str, index: int, end: int) -> bool:
    """X一X or X不X inside one phrase: 看一看, 好不好."""
    return 0 < index and index + 1 < end and text[index - 1] == text[index + 1]


def _next_tone(text: str, readings: Sequence[str | None], index: int) -> int:
    after = readings[index + 1]
    tone = tone_of(after) if after else 5
    if tone == 5 and text[index + 1] in NEUTRAL_FOURTH:
        return 4
    return tone


def _yi(
    text: str,
    readings: Sequence[str | None],
    words: list[tuple[int, int]],
    index: int,
    end: int,
) -> str | None:
    reading = readings[index]
    if reading is None or not _is_citation(reading, "yi", 1):
        return reading
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before == "第" or before in NUMERALS_BEFORE or after in DIGITS_AFTER:
        return reading
    if after in STAYS_BEFORE or (before == "月" and after == "日"):
        return reading
    if index + 1 >= end:
        return reading  # the phrase ends here
    if _reduplicated(text, index, end):
        return with_tone(reading, 5)
    word_start, word_end = next(word for word in words if word[0] <= index < word[1])
    if index == word_end - 1 and index > word_start and before in KEEPS_YI_AFTER:
        return reading  # 统一, 唯一: the word ends with it
    tone = _next_tone(text, readings, index)
    if tone == 4:
        return with_tone(reading, 2)
    if tone in (1, 2, 3):
        return with_tone(reading, 4)
    return reading


def _bu(text: str, readings: Sequence[str | None], index: int, end: int) -> str | None:
    reading = readings[index]
    if reading is None or not _is_citation(reading, "bu", 4) or index + 1 >= end:
        return reading
    if _reduplicated(text, index, end):
        return with_tone(reading, 5)
    if _next_tone(text, readings, index) == 4:
        return with_tone(reading, 2)
    return reading
