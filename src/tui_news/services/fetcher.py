"""Fetch pages and feeds into the library, concurrently, reporting progress as events.

One `Fetcher` owns one shared `HttpClient` for a run. `fetch(urls)` takes page or feed URLs
(a feed is recognised by its content and expands into its items); `refresh(feeds, states)`
fetches subscribed feeds with conditional GET. Both return a `FetchReport` and never raise
for a failed URL: each failure becomes an `ItemResult` with the cause in words.

Progress: `on_event` is called in the event loop's thread with a `FetchEvent` when a URL
starts and when it finishes (`done`/`total` count units of work; `total` grows when a feed
expands into item pages). The app runs `await fetcher.fetch(...)` in an async Textual worker
and updates its progress bar from the callback; cancelling the worker cancels every request.
Extraction is CPU-bound, so it runs in worker threads and never stalls the UI's event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from tui_news.core.models import Article
from tui_news.services.config import FeedState, FeedSubscription
from tui_news.services.decoding import decode_page
from tui_news.services.extract import ExtractError, extract_article
from tui_news.services.feeds import (
    Feed,
    FeedError,
    FeedItem,
    article_from_item,
    feed_kind,
    looks_like_feed_type,
    parse_feed,
)
from tui_news.services.http_client import (
    FetchError,
    FetchSettings,
    HttpClient,
    Response,
    host_of,
)
from tui_news.services.store import ArticleStore, SaveOutcome, StoreError

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


class Outcome(StrEnum):
    SAVED = "saved"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class EventKind(StrEnum):
    STARTED = "started"  # a request for `url` is about to be made
    FINISHED = "finished"  # `url` is done; `result` says how (None for a feed itself)


@dataclass(frozen=True)
class ItemResult:
    url: str
    outcome: Outcome
    path: Path | None = None
    title: str = ""
    error: str = ""  # the cause in words, for FAILED


@dataclass(frozen=True)
class FeedResult:
    url: str
    title: str = ""
    items: int = 0
    not_modified: bool = False  # answered 304: nothing was downloaded


@dataclass(frozen=True)
class FetchEvent:
    kind: EventKind
    url: str
    host: str
    done: int
    total: int
    result: ItemResult | None = None


@dataclass
class FetchReport:
    results: list[ItemResult] = field(default_factory=list)
    feeds: list[FeedResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)

    @property
    def failures(self) -> list[ItemResult]:
        return [result for result in self.results if result.outcome is Outcome.FAILED]

    @property
    def ok(self) -> bool:
        return not self.failures


class _Failure(Exception):
    """Internal: one URL failed with a cause in words."""


EventCallback = Callable[[FetchEvent], None]


class Fetcher:
    def __init__(
        self,
        store: ArticleStore,
        settings: FetchSettings | None = None,
        on_event: EventCallback | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or FetchSettings()
        self.on_event = on_event
        self._done = 0
        self._total = 0
        self._report = FetchReport()
        self._client: HttpClient | None = None

    # -- public API ---------------------------------------------------------------------

    async def fetch(self, urls: Sequence[str]) -> FetchReport:
        """Fetch page or feed URLs; feeds save all their items."""
        unique = list(dict.fromkeys(urls))
        return await self._run([self._fetch_any(url) for url in unique], len(unique))

    async def refresh(
        self, feeds: Sequence[FeedSubscription], states: dict[str, FeedState]
    ) -> FetchReport:
        """Fetch subscribed feeds; `states` (feed URL -> ETag/Last-Modified) is updated in
        place for each feed that was read completely, so the next refresh can get a 304."""
        jobs = [self._fetch_feed(feed.url, states) for feed in feeds]
        return await self._run(jobs, len(jobs))

    # -- orchestration ------------------------------------------------------------------

    async def __aenter__(self) -> Fetcher:
        """Keep one client (and its connections) open across several fetch/refresh calls."""
        self._client = HttpClient(self.settings)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _run(self, jobs: list, total: int) -> FetchReport:
        self._done, self._total, self._report = 0, total, FetchReport()
        if self._client is not None:  # inside `async with fetcher:`
            await asyncio.gather(*jobs)
            return self._report
        async with HttpClient(self.settings) as client:
            self._client = client
            try:
                await asyncio.gather(*jobs)
            finally:
                self._client = None
        return self._report

    def _emit(self, kind: EventKind, url: str, result: ItemResult | None = None) -> None:
        if self.on_event is not None:
            event = FetchEvent(kind, url, host_of(url), self._done, self._total, result)
            self.on_event(event)

    def _finish(self, url: str, result: ItemResult | None) -> None:
        self._done += 1
        if result is not None:
            self._report.results.append(result)
        self._emit(EventKind.FINISHED, url, result)

    async def _get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        assert self._client is not None
        self._emit(EventKind.STARTED, url)
        return await self._client.get(url, headers)

    async def _guarded(self, url: str, work) -> ItemResult | None:
        """Run one unit of work; any failure becomes a FAILED result, never an exception."""
        try:
            result = await work
        except (_Failure, FetchError, FeedError, ExtractError, StoreError) as error:
            result = ItemResult(url, Outcome.FAILED, error=str(error))
        except (asyncio.CancelledError, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug must cost one URL, not the whole run
            result = ItemResult(url, Outcome.FAILED, error=f"internal error ({error!r})")
        if result is False:  # a feed: it reported its own progress
            return None
        self._finish(url, result)
        return result

    # -- one URL --------------------------------------------------------------------------

    async def _fetch_any(self, url: str) -> None:
        async def work():
            response = await self._get(url)
            if feed_kind(response.body) is not None:
                feed = await asyncio.to_thread(
                    parse_feed,
                    response.body,
                    response.url,
                    response.headers.get("content-type", ""),
                )
                await self._expand(url, feed, skip_known=False)
                return False
            return await self._save_page(response)

        await self._guarded(url, work())

    async def _fetch_feed(self, url: str, states: dict[str, FeedState]) -> None:
        async def work():
            state = states.get(url, FeedState())
            response = await self._get(url, state.request_headers())
            if response.not_modified:
                self._report.feeds.append(FeedResult(url, not_modified=True))
                self._finish(url, None)
                return False
            feed = await asyncio.to_thread(
                parse_feed, response.body, response.url, response.headers.get("content-type", "")
            )
            if await self._expand(url, feed, skip_known=True):
                states[url] = FeedState(
                    response.headers.get("etag", ""), response.headers.get("last-modified", "")
                )
            return False

        await self._guarded(url, work())

    async def _expand(self, url: str, feed: Feed, *, skip_known: bool) -> bool:
        """Save a feed's items (fetching pages for summaries); True when none failed."""
        self._report.feeds.append(FeedResult(url, feed.title, len(feed.items)))
        self._total += len(feed.items)
        self._finish(url, None)
        results = await asyncio.gather(*(self._item(item, feed, skip_known) for item in feed.items))
        return all(result is None or result.outcome is not Outcome.FAILED for result in results)

    async def _item(self, item: FeedItem, feed: Feed, skip_known: bool) -> ItemResult | None:
        url = item.link or f"{feed.link}#{item.title}"

        async def work():
            known = None
            if skip_known and item.link:  # the first lookup reads the library: in a thread
                known = await asyncio.to_thread(self.store.path_for, item.link)
            if known is not None:  # refresh does not download articles it already has
                return ItemResult(url, Outcome.UNCHANGED, known, item.title)
            if item.full_text:
                article = article_from_item(item, feed)
                if article is not None and article.url:
                    return await self._save(article)
                if not item.link:
                    raise _Failure("feed item without text or link")
            response = await self._get(item.link)
            if feed_kind(response.body) is not None:
                raise _Failure("the item links to a feed, not an article page")
            return await self._save_page(response, item, feed)

        return await self._guarded(url, work())

    async def _save_page(
        self, response: Response, item: FeedItem | None = None, feed: Feed | None = None
    ) -> ItemResult:
        content_type = response.content_type
        if content_type not in _HTML_TYPES:
            if looks_like_feed_type(content_type):
                parse_feed(response.body, response.url, content_type)  # raises the cause
            raise _Failure(f"not an HTML page ({content_type})")
        article = await asyncio.to_thread(_decode_and_extract, response)
        if item is not None and feed is not None:
            article = _fill_from_item(article, item, feed)
        return await self._save(article)

    async def _save(self, article: Article) -> ItemResult:
        # In a thread: an atomic save fsyncs, which would stall every other download.
        outcome, path = await asyncio.to_thread(self.store.save, article)
        mapped = {
            SaveOutcome.SAVED: Outcome.SAVED,
            SaveOutcome.UPDATED: Outcome.UPDATED,
            SaveOutcome.UNCHANGED: Outcome.UNCHANGED,
        }[outcome]
        return ItemResult(article.url, mapped, path, article.title)


def _decode_and_extract(response: Response) -> Article:
    text, _ = decode_page(response.body, response.headers.get("content-type"))
    return extract_article(text, response.url)


def _fill_from_item(article: Article, item: FeedItem, feed: Feed) -> Article:
    """The page wins, but the feed fills in what the page did not say."""
    return replace(
        article,
        published=article.published or item.published,
        authors=article.authors or item.authors,
        source=article.source or feed.title,
    )
