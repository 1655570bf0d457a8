"""Finding articles and finding text inside one (pure).

A query matches text in three ways, and every way counts:

* literally, case-insensitively: Chinese substrings (``济南``) and English words (``Ferry``);
* as pinyin, toneless or with tone marks or digits, syllables optionally separated by spaces or
  apostrophes (``jinan``, ``jǐnán``, ``ji3nan2``, ``ji nan``, ``JiNan`` all find 济南); tones
  given in the query must agree with the readings, tones left out match any;
* as initials (``jn`` → 济南) when the query is two or more consonant letters; initials only
  match runs of Han characters.

Pinyin comes from the ruby engine (see `pinyin_index`), so search agrees with what is shown.

A query of several words that is not pinyin (``ferry harbour``) also matches, as a fallback,
text holding every word somewhere. ``ji nan`` stays one pinyin word: it does not fall back to
"any ji and any nan".
"""

from __future__ import annotations

import os.path
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from tui_news.core.pinyin_index import (
    BREAK,
    SYLLABLE,
    CompiledText,
    PinyinNeedle,
    PinyinQuery,
    compile_line,
    compile_text,
    parse_pinyin_query,
)

Span = tuple[int, int]  # [start, end) character offsets in the searched text

_DOC_SEPARATOR = "\x00"  # between documents in the index; queries never contain it


def fold(text: str) -> str:
    """Lowercase without changing length, so offsets in the folded text are offsets in `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters grow when lowered (İ → i̇); those keep their own case.
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _clean_query(query: str) -> str:
    """Whitespace runs become one space; control characters go (they would match separators)."""
    return " ".join("".join(ch for ch in query if ch.isprintable() or ch.isspace()).split())


@dataclass(frozen=True)
class _Pattern:
    """One thing to look for: a literal needle and its pinyin readings."""

    literal: str
    pinyin: PinyinQuery

    @classmethod
    def of(cls, text: str) -> _Pattern:
        return cls(fold(text), parse_pinyin_query(text))


class ArticleMatcher:
    """A parsed query, reusable across many texts (parse once per keystroke, not per article)."""

    def __init__(self, query: str) -> None:
        self.query = _clean_query(query)
        self.phrase = _Pattern.of(self.query)
        words = self.query.split(" ")
        # Several words that are not one pinyin word may also match word by word.
        fallback = len(words) > 1 and not self.phrase.pinyin.needles
        self.words: tuple[_Pattern, ...] = tuple(_Pattern.of(w) for w in words) if fallback else ()

    @property
    def empty(self) -> bool:
        return not self.query

    def spans(self, text: str, publisher: Mapping[int, str] | None = None) -> list[Span]:
        """Every match in `text`, ordered by start (may overlap): the phrase's if it occurs,
        otherwise each word's."""
        if self.empty or not text:
            return []
        folded, compiled = _prepared(text, _frozen(publisher))
        found = _text_spans(self.phrase, folded, compiled)
        if not found:
            for word in self.words:
                found.extend(_text_spans(word, folded, compiled))
        found.sort()
        return found

    def matches_text(self, text: str, publisher: Mapping[int, str] | None = None) -> bool:
        """Whether `text` matches: the phrase occurs, or every word of a fallback query does."""
        if self.empty:
            return True
        folded, compiled = _prepared(text, _frozen(publisher))
        if _text_spans(self.phrase, folded, compiled):
            return True
        return bool(self.words) and all(_text_spans(w, folded, compiled) for w in self.words)


def matches(query: str, text: str, publisher: Mapping[int, str] | None = None) -> list[Span]:
    """Spans to highlight in `text`: sorted, overlapping and touching matches merged."""
    merged: list[Span] = []
    for start, end in ArticleMatcher(query).spans(text, publisher):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def find_all(query: str, text: str, publisher: Mapping[int, str] | None = None) -> list[Span]:
    """Matches in reading order for find-next / find-previous: one span per occurrence, none
    overlapping (where two overlap the earlier, then longer, wins)."""
    ordered = sorted(ArticleMatcher(query).spans(text, publisher), key=lambda s: (s[0], -s[1]))
    kept: list[Span] = []
    for span in ordered:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _frozen(publisher: Mapping[int, str] | None) -> tuple[tuple[int, str], ...]:
    return tuple(sorted(publisher.items())) if publisher else ()


@lru_cache(maxsize=64)
def _prepared(text: str, publisher: tuple[tuple[int, str], ...]) -> tuple[str, CompiledText]:
    """One text's folded and compiled forms, cached: find-as-you-type asks again per keystroke."""
    return fold(text), compile_text(text, dict(publisher), with_offsets=True)


def _text_spans(pattern: _Pattern, folded: str, compiled: CompiledText) -> list[Span]:
    spans: list[Span] = []
    if pattern.literal:
        spans.extend(_occurrences(folded, pattern.literal))
    offsets = compiled.offsets or ()
    for needle in pattern.pinyin.needles:
        rank, counted_to = 0, 0  # syllables before `counted_to`, kept as hits move forward
        for pos, _ in _occurrences(compiled.pinyin, needle.needle, step=1):
            rank += compiled.pinyin.count(SYLLABLE, counted_to, pos)
            counted_to = pos
            if _tones_agree(needle, compiled.tones, rank):
                spans.append((offsets[pos], offsets[pos + len(needle.needle) - 1] + 1))
    if pattern.pinyin.initials:
        spans.extend(_occurrences(compiled.initials, pattern.pinyin.initials))
    return spans


def _occurrences(haystack: str, needle: str, step: int | None = None) -> Iterable[Span]:
    """Occurrences of `needle`, each search resuming `step` characters on (default: after it)."""
    advance = step or len(needle)
    pos = haystack.find(needle)
    while pos >= 0:
        yield pos, pos + len(needle)
        pos = haystack.find(needle, pos + advance)


def _tones_agree(needle: PinyinNeedle, tones: str, first_syllable: int) -> bool:
    """Whether the syllables from `first_syllable` on carry the tones the query asked for."""
    for index, tone in needle.tones:
        at = first_syllable + index
        if at >= len(tones) or tones[at] != str(tone):
            return False
    return True


# --- the library index ------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchDocument:
    """What is searchable in one article. `key` is the state store's article key."""

    key: str
    title: str
    source: str = ""
    body: str = ""
    comments: str = ""

    @property
    def text(self) -> str:
        return "\n".join((self.title, self.source, self.body, self.comments))


LibraryRow = tuple[str, str, str, str, str]  # (key, title, source, body, comments)


class _Chunk:
    """A block of documents whose compact forms are joined into one string per kind, so one
    `str.find` scans many documents; `starts` map a hit back to its document."""

    SIZE = 256  # adding a document re-joins only its own chunk

    def __init__(self) -> None:
        self.literal_parts: list[str] = []
        self.pinyin_parts: list[str] = []
        self.tone_parts: list[str] = []
        self.initial_parts: list[str] = []
        self._count = 0
        self._joined: dict[str, tuple[str, list[int]]] | None = None

    def __len__(self) -> int:
        return self._count

    def add(self, text: str) -> None:
        lines = [compile_line(line) for line in text.split("\n")]
        self.literal_parts.append(fold(text))
        self.pinyin_parts.append(BREAK.join(c.pinyin for c in lines))
        self.tone_parts.append("".join(c.tones for c in lines))
        self.initial_parts.append(BREAK.join(c.initials for c in lines))
        self._count += 1
        self._joined = None

    def joined(self, kind: str) -> tuple[str, list[int]]:
        """One kind's parts as one string, and each document's start in it (plus the end)."""
        if self._joined is None:
            self._joined = {
                "literal": _join(self.literal_parts, _DOC_SEPARATOR),
                "pinyin": _join(self.pinyin_parts, BREAK),
                "tones": _join(self.tone_parts, ""),
                "initials": _join(self.initial_parts, BREAK),
            }
            if self._count >= self.SIZE:  # full: never re-joined, so the parts can go
                self.literal_parts, self.pinyin_parts = [], []
                self.tone_parts, self.initial_parts = [], []
        return self._joined[kind]

    def matching(self, pattern: _Pattern) -> set[int]:
        """Indexes (within the chunk) of documents where `pattern` occurs."""
        found: set[int] = set()
        if pattern.literal:
            _scan(*self.joined("literal"), pattern.literal, found)
        if pattern.pinyin.needles:
            pinyin, starts = self.joined("pinyin")
            tones, tone_starts = self.joined("tones")
            for stem, group in _stems(pattern.pinyin.needles):
                accept = None
                if len(group) > 1 or group[0].tones:

                    def accept(doc: int, pos: int, group: tuple[PinyinNeedle, ...] = group) -> bool:
                        return any(
                            pinyin.startswith(needle.needle, pos)
                            and (
                                not needle.tones
                                or _tones_agree(
                                    needle,
                                    tones,
                                    tone_starts[doc] + pinyin.count(SYLLABLE, starts[doc], pos),
                                )
                            )
                            for needle in group
                        )

                _scan(pinyin, starts, stem, found, accept)
        if pattern.pinyin.initials:
            _scan(*self.joined("initials"), pattern.pinyin.initials, found)
        return found


@lru_cache(maxsize=64)
def _stems(
    needles: tuple[PinyinNeedle, ...],
) -> tuple[tuple[str, tuple[PinyinNeedle, ...]], ...]:
    """Needles grouped under a shared stem, so one scan serves a group: the readings of one
    query mostly differ only at the end ('ji'nan, 'ji'na'n), and each scan of a large library
    costs the same however rare the needle. Hits on the stem are checked against the group."""
    groups: list[tuple[str, list[PinyinNeedle]]] = []
    for needle in sorted(needles, key=lambda n: n.needle):
        if groups:
            stem, members = groups[-1]
            common = os.path.commonprefix([stem, needle.needle])
            shortest = min(len(m.needle) for m in (*members, needle))
            if len(common) >= max(4, shortest - 2):
                groups[-1] = (common, [*members, needle])
                continue
        groups.append((needle.needle, [needle]))
    return tuple((stem, tuple(members)) for stem, members in groups)


def _join(parts: list[str], separator: str) -> tuple[str, list[int]]:
    starts: list[int] = []
    at = 0
    for part in parts:
        starts.append(at)
        at += len(part) + len(separator)
    starts.append(at)  # sentinel: the end of the last document
    return separator.join(parts), starts


def _scan(
    haystack: str,
    starts: list[int],
    needle: str,
    found: set[int],
    accept: Callable[[int, int], bool] | None = None,
) -> None:
    """Add to `found` each document holding `needle` (and passing `accept`), skipping straight
    to the next document after a hit, so the loop runs once per matching document."""
    pos = haystack.find(needle)
    while pos >= 0:
        doc = bisect_right(starts, pos) - 1
        if doc in found or accept is None or accept(doc, pos):
            found.add(doc)
            pos = haystack.find(needle, starts[doc + 1])
        else:
            pos = haystack.find(needle, pos + 1)


class SearchIndex:
    """Filters a library as the user types: every document's compact forms are computed once
    (`add`), and a query is a handful of substring scans over them."""

    def __init__(self, documents: Iterable[SearchDocument | LibraryRow] = ()) -> None:
        self._keys: list[str] = []
        self._chunks: list[_Chunk] = []
        for document in documents:
            self.add(document)

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        """Every document's key, in the order they were added."""
        return list(self._keys)

    def prepare(self) -> None:
        """Join every chunk's strings now, which the first search would do otherwise: a
        worker building the index pays for it, not the user's first keystroke."""
        for chunk in self._chunks:
            chunk.joined("literal")

    def add(self, document: SearchDocument | LibraryRow) -> None:
        """Index one more document. This runs the readings engine on new text, which is the
        slow part: build a large index in a background worker, searching as it grows."""
        if not isinstance(document, SearchDocument):
            document = SearchDocument(*document)
        if not self._chunks or len(self._chunks[-1]) >= _Chunk.SIZE:
            self._chunks.append(_Chunk())
        self._chunks[-1].add(document.text)
        self._keys.append(document.key)

    def search(self, query: str | ArticleMatcher) -> list[str]:
        """Keys of the matching documents, in the order they were added (all for no query)."""
        matcher = query if isinstance(query, ArticleMatcher) else ArticleMatcher(query)
        if matcher.empty:
            return list(self._keys)
        keys: list[str] = []
        base = 0
        for chunk in self._chunks:
            hits = chunk.matching(matcher.phrase)
            if matcher.words:
                every = set(range(len(chunk)))
                for word in matcher.words:
                    every &= chunk.matching(word)
                    if not every:
                        break
                hits |= every
            keys.extend(self._keys[base + doc] for doc in sorted(hits))
            base += len(chunk)
        return keys
