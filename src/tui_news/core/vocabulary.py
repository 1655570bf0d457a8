"""An article's vocabulary: each word once, with its reading in context and how often it occurs.

Words are the engine's own segmentation (`Reading.word_start`) and readings are the ruby's
(`text_readings`: publisher first, sandhi off), so the list says exactly what the ruby says.
Only the Han characters of a word count: a segment such as "5月" gives "月", and punctuation,
digits and Latin words give nothing.

Everything that needs data from outside (HSK levels, the dictionary) is passed in as a lookup,
so this module stays pure and the ordering rules are tested without loading a dictionary.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from tui_news.core.cycling import CyclingEnum
from tui_news.core.han import is_han
from tui_news.core.models import Article
from tui_news.core.readings import text_readings, text_word_starts

# A reading the engine could not give (a rare character) is shown as this in a word's pinyin.
UNKNOWN_SYLLABLE = "?"

Syllables = tuple[str, ...]


@dataclass(frozen=True)
class VocabularyWord:
    """One word of an article.

    `syllables` is its reading where it first occurs, one syllable per character; `readings`
    lists every reading it has in the article, in order of first use, with how often each
    occurs (a word the publisher glosses differently in two places has two).
    """

    text: str
    syllables: Syllables
    count: int
    position: int  # 0 for the first word of the article, 1 for the next new one, ...
    readings: tuple[tuple[Syllables, int], ...] = ()

    @property
    def pinyin(self) -> str:
        return join_syllables(self.syllables)


class WordOrder(CyclingEnum):
    """How the Words screen sorts; its sort key steps through these in this order."""

    APPEARANCE = "appearance"
    LEVEL = "level"
    COUNT = "count"

    @property
    def label(self) -> str:
        return {
            "appearance": "in order of appearance",
            "level": "by HSK level, hardest first",
            "count": "by count, most frequent first",
        }[self.value]


def join_syllables(syllables: Sequence[str]) -> str:
    """Syllables written as one pinyin word: "jǐnán", with the apostrophe pinyin puts before
    a syllable starting with a, o or e ("xī'ān", "tiān'ānmén")."""
    parts: list[str] = []
    for index, syllable in enumerate(syllables):
        first = unicodedata.normalize("NFD", syllable[:1]).lower()[:1]
        if index and first in ("a", "o", "e"):
            parts.append("'")
        parts.append(syllable)
    return "".join(parts)


def word_spans(text: str, word_starts: Sequence[bool]) -> list[tuple[int, int]]:
    """Where the Han words of `text` lie, as (start, end) offsets in order.

    A segment is split where Han characters stop: each run of them is a word of its own, so
    punctuation, digits and Latin words belong to no span.
    """
    if len(text) != len(word_starts):
        raise ValueError("one word flag per character")
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, (character, starts) in enumerate(zip(text, word_starts, strict=True)):
        if start is not None and (starts or not is_han(character)):
            spans.append((start, index))
            start = None
        if start is None and is_han(character):
            start = index
    if start is not None:
        spans.append((start, len(text)))
    return spans


# A word's place in an article: the number of its text in `article_texts`, its start and end.
WordPlace = tuple[int, int, int]


def stepped_word(
    spans_of: Callable[[int], Sequence[tuple[int, int]]],
    text_count: int,
    place: WordPlace,
    step: int,
) -> WordPlace | None:
    """The word after (`step` 1) or before (-1) `place`, across texts: `spans_of(number)` gives
    the words of text `number` (its `word_spans`) and texts without any are passed over; None
    past the first or the last word (the cursor stops there)."""
    number, start, _ = place
    if not 0 <= number < text_count:
        return None
    spans = spans_of(number)
    if step > 0:
        later = [span for span in spans if span[0] > start]
        if later:
            return (number, *later[0])
        numbers = range(number + 1, text_count)
    else:
        earlier = [span for span in spans if span[0] < start]
        if earlier:
            return (number, *earlier[-1])
        numbers = range(number - 1, -1, -1)
    for other in numbers:
        spans = spans_of(other)
        if spans:
            return (other, *(spans[0] if step > 0 else spans[-1]))
    return None


def words_of(
    text: str, readings: Sequence[str | None], word_starts: Sequence[bool]
) -> list[tuple[str, Syllables]]:
    """The Han words of one text in order, each with its syllables, repeats included (the
    words of `word_spans`)."""
    if not (len(text) == len(readings) == len(word_starts)):
        raise ValueError("one reading and one word flag per character")
    return [
        (text[start:end], tuple(r or UNKNOWN_SYLLABLE for r in readings[start:end]))
        for start, end in word_spans(text, word_starts)
    ]


def word_at(
    text: str, publisher: Mapping[int, str], offset: int
) -> tuple[str, Syllables] | None:
    """The Han word of `text` covering `offset`, with its syllables there, read as the Words
    screen reads it (the engine's segmentation, publisher readings first, no sandhi); None
    when no word covers it (punctuation, Latin, an offset outside the text)."""
    if not 0 <= offset < len(text):
        return None
    for start, end in word_spans(text, text_word_starts(text)):
        if start <= offset < end:
            readings = text_readings(text, publisher, sandhi=False)
            return text[start:end], tuple(r or UNKNOWN_SYLLABLE for r in readings[start:end])
    return None


def collect_words(pieces: Iterable[Sequence[tuple[str, Syllables]]]) -> list[VocabularyWord]:
    """Each word once, in order of first appearance across `pieces` (the words of each text)."""
    counts: dict[str, dict[Syllables, int]] = {}
    for words in pieces:
        for text, syllables in words:
            readings = counts.setdefault(text, {})
            readings[syllables] = readings.get(syllables, 0) + 1
    return [
        VocabularyWord(
            text=text,
            syllables=next(iter(readings)),
            count=sum(readings.values()),
            position=position,
            readings=tuple(readings.items()),
        )
        for position, (text, readings) in enumerate(counts.items())
    ]


def text_vocabulary(texts: Iterable[tuple[str, Mapping[int, str]]]) -> list[VocabularyWord]:
    """The vocabulary of several texts (with their publisher readings), read as the ruby
    reads them: the engine's segmentation, publisher readings first, no sandhi."""
    return collect_words(
        words_of(text, text_readings(text, publisher, sandhi=False), text_word_starts(text))
        for text, publisher in texts
        if text
    )


def article_texts(article: Article) -> list[tuple[str, Mapping[int, str]]]:
    """The title and the body blocks with their publisher readings, in order: the text whose
    words the Words screen lists (the comments are other people's words, and have a panel of
    their own). A word in the reading pane is found by its text's index here."""
    return [(article.title, article.title_readings)] + [
        (block.text, block.readings) for block in article.body
    ]


def article_vocabulary(article: Article) -> list[VocabularyWord]:
    """The words of the article's title and body, the text the reading pane shows."""
    return text_vocabulary(article_texts(article))


def ordered(
    words: Iterable[VocabularyWord],
    order: WordOrder,
    level_of: Callable[[str], int | None],
) -> list[VocabularyWord]:
    """`words` in `order`. By level the hardest come first, and a word on no HSK list counts
    as harder than any listed one; by count the most frequent come first. Ties keep the order
    of appearance."""
    by_appearance = sorted(words, key=lambda word: word.position)
    if order is WordOrder.LEVEL:

        def difficulty(word: VocabularyWord) -> int:
            level = level_of(word.text)
            return -(level if level is not None else 1_000)

        return sorted(by_appearance, key=difficulty)
    if order is WordOrder.COUNT:
        return sorted(by_appearance, key=lambda word: -word.count)
    return by_appearance
