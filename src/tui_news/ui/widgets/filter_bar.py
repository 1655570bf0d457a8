"""The `/` filter: a one-line input that narrows the article list as the user types.

The bar owns the library's search index. Building it runs the readings engine over every text,
which is slow the first time (about 100k characters a second), so it happens in a thread worker
when the library loads. The worker hands over finished segments of the index; the bar searches
the segments it has, so filtering works from the first keystroke and grows more complete while
"indexing…" shows. No segment is touched by the worker once handed over, so nothing is shared
between threads but the hand-over itself.

Entries join the index as they come (the library loads in batches; fetching adds a few): one
worker at a time indexes what is waiting. A file indexed again (a fetch updated it) is found by
its newest text only: each key belongs to the last segment that indexed it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from tui_news.core.models import Article, Comment
from tui_news.core.search import ArticleMatcher, SearchDocument, SearchIndex
from tui_news.services.library import LibraryEntry

SEGMENT_SIZE = 256  # documents per hand-over (one chunk of the index)
SEGMENT_SECONDS = 0.5  # ...or fewer, if that many take longer, so results keep coming


def comment_texts(comments: Sequence[Comment]) -> list[str]:
    texts: list[str] = []
    for comment in comments:
        texts += [comment.author, comment.text, *comment_texts(comment.replies)]
    return texts


def search_document(entry: LibraryEntry) -> SearchDocument:
    """What the filter searches in an entry; keyed by the entry's path (unique in a library)."""
    article: Article | None = entry.article
    if article is None:
        return SearchDocument(str(entry.path), entry.path.name)
    return SearchDocument(
        str(entry.path),
        article.title,
        article.source,
        "\n".join(block.text for block in article.body),
        "\n".join(comment_texts(article.comments)),
    )


class FilterBar(Input):
    """Type to filter; enter keeps the filter and returns to the list; escape clears it."""

    BINDINGS: list[BindingType] = [
        Binding("escape", "clear", "Clear the filter and close it", id="filter.clear"),
        Binding("enter", "submit", "Keep the filter, back to the list", id="filter.keep"),
    ]

    @dataclass
    class Filtered(Message):
        """The set of matching entry paths changed (None: no filter), or indexing progressed."""

        query: str
        matching: frozenset[str] | None
        indexing: bool

    @dataclass
    class Closed(Message):
        """The bar closed; `cleared` when the filter went with it."""

        cleared: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="filter: words, 汉字 or pinyin (jinan, ji3nan2, jn)",
            id=id,
        )
        self.segments: list[SearchIndex] = []
        self.owner: dict[str, int] = {}  # each key's newest segment (its place in `segments`)
        self.indexed = 0
        self.total = 0
        self.generation = 0  # bumped per library, so a stale worker's segments are dropped
        self.waiting: list[LibraryEntry] = []  # to index once the running worker is done
        self.building = False

    @property
    def indexing(self) -> bool:
        return self.indexed < self.total

    @property
    def query(self) -> str:
        return self.value.strip()

    def index_library(self, entries: Sequence[LibraryEntry]) -> None:
        """(Re)build the index for `entries` in the background."""
        self.generation += 1
        self.segments, self.owner = [], {}
        self.indexed = self.total = 0
        self.waiting, self.building = [], False
        self.index_more(entries)

    def index_more(self, entries: Sequence[LibraryEntry]) -> None:
        """Add `entries` to the index (new files, or new versions of indexed ones)."""
        self.waiting.extend(entries)
        self.total += len(entries)
        if not self.building:
            self.build_next(self.generation)

    def build_next(self, generation: int) -> None:
        """Start a worker on what waits (one at a time, so they never compete for the CPU)."""
        if generation != self.generation:
            return
        entries, self.waiting = self.waiting, []
        self.building = bool(entries)
        if entries:
            self.build_index(entries, generation)

    @work(thread=True, group="search-index")
    def build_index(self, entries: list[LibraryEntry], generation: int) -> None:
        segment, started = SearchIndex(), time.monotonic()
        for entry in entries:
            if generation != self.generation:  # a new library: this one's index is moot
                return
            segment.add(search_document(entry))
            time.sleep(0)  # let the UI thread have the GIL between articles
            if len(segment) >= SEGMENT_SIZE or time.monotonic() - started > SEGMENT_SECONDS:
                segment.prepare()
                self.app.call_from_thread(self.add_segment, segment, generation)
                segment, started = SearchIndex(), time.monotonic()
        segment.prepare()
        self.app.call_from_thread(self.add_segment, segment, generation)
        self.app.call_from_thread(self.build_next, generation)

    def add_segment(self, segment: SearchIndex, generation: int) -> None:
        if generation != self.generation:
            return
        number = len(self.segments)
        self.segments.append(segment)
        self.owner.update((key, number) for key in segment.keys)
        self.indexed += len(segment)
        if self.query or not self.indexing:
            self.announce()

    def matching(self) -> frozenset[str] | None:
        """Paths of the entries matching the query, among those indexed so far."""
        if not self.query:
            return None
        matcher = ArticleMatcher(self.query)  # parsed once for every segment
        owner = self.owner
        return frozenset(
            key
            for number, segment in enumerate(self.segments)
            for key in segment.search(matcher)
            if owner.get(key, number) == number  # not a key indexed again since
        )

    def announce(self) -> None:
        self.post_message(self.Filtered(self.query, self.matching(), self.indexing))

    @on(Input.Changed)
    def filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.announce()

    def action_submit(self) -> None:
        self.post_message(self.Closed(cleared=False))

    def action_clear(self) -> None:
        self.value = ""  # posts Input.Changed, which announces the empty filter
        self.post_message(self.Closed(cleared=True))
