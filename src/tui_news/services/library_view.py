"""Which library entries the sidebar shows, in what order and under which headings (pure).

The reader keeps the state (read and starred keys, the filter's matches) and asks `arrange`
for rows; nothing here touches the screen, so views, orders and groupings are unit-tested.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from tui_news.core.cycling import CyclingEnum
from tui_news.services.library import LibraryEntry

OTHER_GROUP = "Other"


class View(CyclingEnum):
    ALL = "all"
    UNREAD = "unread"
    STARRED = "starred"


class SortOrder(CyclingEnum):
    """`o` cycles through these. The library's own order (file names, which fetching prefixes
    with a number) comes first, so a fresh start looks the way the folder is laid out."""

    LIBRARY = "library"
    DATE = "date"
    SOURCE = "source"
    TITLE = "title"
    UNREAD_FIRST = "unread first"


class Grouping(CyclingEnum):
    NONE = "none"
    SOURCE = "source"
    FEED = "feed"


def entry_key(entry: LibraryEntry) -> str:
    """The state store's key for an entry: its URL when it has one, else its file name."""
    return entry.key


def entry_source(entry: LibraryEntry) -> str:
    return entry.article.source if entry.article is not None else ""


def entry_published(entry: LibraryEntry) -> str:
    return entry.article.published if entry.article is not None else ""


def _site(url: str) -> str:
    """The last two labels of a URL's host (news.example.cn → example.cn), for feed matching."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return ".".join(host.split(".")[-2:])


def feed_namer(feeds: Iterable[tuple[str, str]]) -> Callable[[LibraryEntry], str]:
    """A function naming the feed an entry came from, given (name, url) subscriptions.

    Articles do not record their feed, so an article belongs to the feed on the same site; with
    no such feed it goes under "Other"."""
    by_site: dict[str, str] = {}
    for name, url in feeds:
        by_site.setdefault(_site(url), name)
    by_site.pop("", None)

    def feed_of(entry: LibraryEntry) -> str:
        url = entry.article.url if entry.article is not None else ""
        return by_site.get(_site(url), OTHER_GROUP) if url else OTHER_GROUP

    return feed_of


@dataclass(frozen=True)
class Arrangement:
    """What the sidebar shows: groups in order, each a heading (None when not grouping) and
    its entries."""

    groups: tuple[tuple[str | None, tuple[LibraryEntry, ...]], ...]

    @property
    def entries(self) -> list[LibraryEntry]:
        return [entry for _, entries in self.groups for entry in entries]


def arrange(
    entries: Sequence[LibraryEntry],
    *,
    view: View = View.ALL,
    order: SortOrder = SortOrder.LIBRARY,
    grouping: Grouping = Grouping.NONE,
    read: Collection[str] = frozenset(),
    starred: Collection[str] = frozenset(),
    matching: Collection[str] | None = None,
    feed_of: Callable[[LibraryEntry], str] | None = None,
) -> Arrangement:
    """Filter `entries` by view and by `matching` (entry paths as strings; None: no filter),
    sort them (stable, so ties keep the library's order), then group them."""
    kept = [
        entry
        for entry in entries
        if (matching is None or str(entry.path) in matching)
        and (view is not View.UNREAD or entry.key not in read)
        and (view is not View.STARRED or entry.key in starred)
    ]
    if order is SortOrder.DATE:
        # Newest first; undated and broken entries after every dated one.
        kept.sort(key=lambda e: entry_published(e), reverse=True)
        kept.sort(key=lambda e: not entry_published(e))
    elif order is SortOrder.SOURCE:
        kept.sort(key=lambda e: (not entry_source(e), entry_source(e).casefold()))
    elif order is SortOrder.TITLE:
        kept.sort(key=lambda e: (e.broken, e.title.casefold()))
    elif order is SortOrder.UNREAD_FIRST:
        kept.sort(key=lambda e: e.key in read)
    if grouping is Grouping.NONE:
        return Arrangement(((None, tuple(kept)),) if kept else ())
    name_of = feed_of if grouping is Grouping.FEED and feed_of is not None else None
    groups: dict[str, list[LibraryEntry]] = {}
    for entry in kept:
        name = name_of(entry) if name_of is not None else entry_source(entry) or OTHER_GROUP
        groups.setdefault(name, []).append(entry)
    # Groups in alphabetical order, "Other" last; entries keep the chosen order inside.
    names = sorted(groups, key=lambda name: (name == OTHER_GROUP, name.casefold()))
    return Arrangement(tuple((name, tuple(groups[name])) for name in names))


LIST_TITLES = {View.ALL: "Articles", View.UNREAD: "Unread", View.STARRED: "Starred"}


@dataclass
class ListView:
    """The sidebar's settings: view, order, grouping and the filter's current matches."""

    view: View = View.ALL
    order: SortOrder = SortOrder.LIBRARY
    grouping: Grouping = Grouping.NONE
    query: str = ""
    matching: frozenset[str] | None = None  # entry paths; None when not filtering
    indexing: bool = False  # the filter's index is still being built
    loading: bool = False  # the library's files are still being read

    def arrange(
        self,
        entries: Sequence[LibraryEntry],
        read: Collection[str],
        starred: Collection[str],
        feeds: Iterable[tuple[str, str]] = (),
    ) -> Arrangement:
        return arrange(
            entries,
            view=self.view,
            order=self.order,
            grouping=self.grouping,
            read=read,
            starred=starred,
            matching=self.matching,
            feed_of=feed_namer(feeds),
        )

    def title(self, shown: int, total: int) -> str:
        """`Articles (5)`, `Articles (2 of 5)` when filtered, `Unread (3)`."""
        filtered = self.view is View.ALL and shown != total
        return f"{LIST_TITLES[self.view]} ({f'{shown} of {total}' if filtered else shown})"

    def notes(self) -> str:
        """What else shapes the list, for the sidebar's bottom border."""
        notes = [f"by {self.order}"] if self.order is not SortOrder.LIBRARY else []
        notes += [f"{self.grouping} groups"] if self.grouping is not Grouping.NONE else []
        notes += ["loading…"] if self.loading else ["indexing…"] if self.indexing else []
        return " · ".join(notes)
