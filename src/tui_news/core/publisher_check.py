"""Where the publisher's inline pinyin disagrees with the engine (pure).

Articles scraped from learner sites carry the publisher's own readings (`Block.readings`,
`Article.title_readings`, `Comment.readings`). They usually win over the engine, but they are
typed by hand and sometimes wrong, and sometimes the engine is. `disagreements` lists every
place where the two differ, so either can be corrected; the reader underlines those syllables.

Comparison rules (`same_reading`):
  * spelling is normalised first: Unicode NFC, lower case, "u:" and "v" written ü, and ü after
    j, q, x, y written u (ju = jü), so "LÜ4", "lv4" and "lǜ" are the same syllable;
  * tone marks and tone digits compare equal when they say the same tone (ji3 = jǐ);
  * publishers often print spoken tones for 一 and 不 (一个 yí ge) and for third-tone pairs;
    a reading that matches the engine's after tone sandhi (`core.sandhi`) agrees too;
  * a publisher reading with no tone at all ("xian") agrees when its letters match. Publishers
    often leave tones out, and an unmarked syllable cannot be told from a neutral tone, so
    treating it as "neutral" would flag nearly every such reading; this way only real
    mismatches of letters are reported. The engine's unmarked syllables do mean neutral: a
    publisher's "dé" against the engine's "de" is a disagreement.
Places where the engine has no reading (a character it does not know) are not disagreements.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from tui_news.core.models import Article, Comment, Readings
from tui_news.core.polyphone import Reading
from tui_news.core.sandhi import apply_sandhi
from tui_news.core.tones import NEUTRAL, tone_of, toneless

# Characters of context on each side of the disagreeing character.
CONTEXT = 4

# Reads many texts at once: one Reading per character of each text (the engine's read_lines).
ReadFunction = Callable[[Sequence[str]], Sequence[Sequence[Reading]]]


@dataclass(frozen=True)
class Disagreement:
    where: str  # "title", "paragraph 3", "comment 2.1" (thread path, 1-based)
    offset: int  # character offset within that text
    char: str
    publisher: str
    engine: str
    context: str  # up to CONTEXT characters either side, the character included
    context_index: int = 0  # where `char` sits within `context`

    def marked_context(self, left: str = "【", right: str = "】") -> str:
        """The context with the character set off: 银【行】业."""
        i = self.context_index
        return f"{self.context[:i]}{left}{self.context[i]}{right}{self.context[i + 1 :]}"


@dataclass(frozen=True)
class Place:
    """One text of an article that may carry publisher readings."""

    where: str
    text: str
    readings: Readings


def places(article: Article) -> list[Place]:
    """Title, body blocks and every comment of every thread, in reading order."""
    found = [Place("title", article.title, article.title_readings)]
    found += [
        Place(f"paragraph {n}", block.text, block.readings)
        for n, block in enumerate(article.body, 1)
    ]

    def thread(comments: list[Comment], path: str) -> Iterator[Place]:
        for n, comment in enumerate(comments, 1):
            label = f"{path}.{n}" if path else str(n)
            yield Place(f"comment {label}", comment.text, comment.readings)
            yield from thread(comment.replies, label)

    found += thread(article.comments, "")
    return found


def normalise(syllable: str) -> tuple[str, int | None]:
    """(letters, tone) of a syllable; tone None when the syllable carries no tone at all."""
    text = unicodedata.normalize("NFC", syllable.strip()).lower()
    has_digit = bool(text) and text[-1].isdigit()
    tone = tone_of(text)
    letters = toneless(text).replace("u:", "ü").replace("v", "ü")
    if letters[:1] in ("j", "q", "x", "y"):
        letters = letters.replace("ü", "u")
    if tone == NEUTRAL and not has_digit:
        return letters, None
    return letters, tone


def same_reading(publisher: str, engine: str) -> bool:
    """Whether the publisher's syllable agrees with the engine's (see the module docstring)."""
    pub_letters, pub_tone = normalise(publisher)
    eng_letters, eng_tone = normalise(engine)
    if pub_letters != eng_letters:
        return False
    if pub_tone is None:
        return True  # toneless publisher reading: letters decide
    return pub_tone == (eng_tone if eng_tone is not None else NEUTRAL)


def _default_read(texts: Sequence[str]) -> list[list[Reading]]:
    from tui_news.core.polyphone import default_engine

    return default_engine().read_lines(texts)


def disagreeing_offsets(text: str, publisher: Readings, line: Sequence[Reading]) -> list[int]:
    """Offsets of `text` whose publisher reading disagrees with the engine's `line`, in order.

    The reader passes them to `RubyText(marked=...)` to underline those syllables.
    """
    readings = [r.pinyin for r in line]
    spoken: tuple[str | None, ...] | None = None  # computed only if some reading differs
    found: list[int] = []
    for offset, reading in sorted(publisher.items()):
        if not 0 <= offset < len(text) or not reading:
            continue
        engine = readings[offset]
        if engine is None or same_reading(reading, engine):
            continue
        if spoken is None:
            spoken = apply_sandhi(text, readings, [r.word_start for r in line])
        said = spoken[offset]
        if said is not None and same_reading(reading, said):
            continue
        found.append(offset)
    return found


def disagreements(article: Article, read: ReadFunction | None = None) -> list[Disagreement]:
    """Every publisher reading of `article` that the engine reads differently, in order.

    `read` defaults to the polyphone engine (run once over all texts that carry readings).
    """
    checked = [place for place in places(article) if place.readings]
    engine_readings = (read or _default_read)([place.text for place in checked])
    found: list[Disagreement] = []
    for place, line in zip(checked, engine_readings, strict=True):
        for offset in disagreeing_offsets(place.text, place.readings, line):
            start = max(0, offset - CONTEXT)
            found.append(
                Disagreement(
                    where=place.where,
                    offset=offset,
                    char=place.text[offset],
                    publisher=place.readings[offset],
                    engine=line[offset].pinyin or "",
                    context=place.text[start : offset + CONTEXT + 1],
                    context_index=offset - start,
                )
            )
    return found
