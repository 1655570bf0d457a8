"""Opening a library without making the reader wait for all of it.

Reading a file costs about a millisecond and a half, so a library of 10,000 articles takes
seconds to parse. The reader needs only two things before its first frame: the article it
opens, and enough rows to fill the list. Those are read at once; a thread worker reads the
rest and hands them over in batches, which join the list (and the filter's index) as they
come, the cursor and the open article staying where they are.

Mixed into the reader screen, which owns the entries, the list and the state.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textual import work
from textual.worker import get_current_worker

from tui_news.services.library import LibraryEntry, article_paths, load_entry
from tui_news.services.library_view import ListView, entry_key
from tui_news.services.state import LAST_ARTICLE
from tui_news.ui.fetching import merge_entries
from tui_news.ui.reading_state import ReadingState
from tui_news.ui.widgets.filter_bar import FilterBar

# The last article's file name, kept beside its key: a key may be a URL, which names no file,
# and finding the file by reading every article is what this module avoids.
LAST_ARTICLE_FILE = "last_article_file"
FIRST_BATCH = 64  # files read before the first frame: more than a list shows at once
# The worker hands over what it has read after this long, doubling up to a few seconds:
# the first rows come quickly, and a large library is not redrawn hundreds of times.
BATCH_SECONDS = 0.25
MAX_BATCH_SECONDS = 2.0
LOAD_GROUP = "library-load"


class LibraryLoading:
    library: Path
    selected: Path | None
    library_entries: list[LibraryEntry]
    list_view: ListView
    filter_bar: FilterBar
    reading_state: ReadingState
    app: Any
    # The screen's own methods.
    refresh_list: Callable[..., None]
    open_entry: Callable[[LibraryEntry | None], None]

    def start_loading(self) -> None:
        """Read the article to open and a first batch now, the rest in a worker."""
        paths = article_paths(self.library)
        first = self.first_entry(paths)
        opened = {first.path} if first is not None else set()
        head = [load_entry(path) for path in paths[:FIRST_BATCH] if path not in opened]
        rest = [path for path in paths[FIRST_BATCH:] if path not in opened]
        self.library_entries = merge_entries(head, [first] if first is not None else [])
        self.list_view.loading = bool(rest)
        self.filter_bar.index_library(self.library_entries)
        self.list_view.indexing = self.filter_bar.indexing
        self.refresh_list(first)
        self.open_entry(first)
        if rest:
            self.load_rest(rest)

    def first_entry(self, paths: Sequence[Path]) -> LibraryEntry | None:
        """The article to open: the one asked for, else the last one read, else the first."""
        if self.selected is not None:
            wanted = self.selected.resolve()
            for path in paths:
                if path.name == self.selected.name and path.resolve() == wanted:
                    return load_entry(path)
        state = self.reading_state
        last = state.get(LAST_ARTICLE)
        if last:
            # A key without a URL is the file name itself.
            names = {last, state.get(LAST_ARTICLE_FILE)}
            for path in paths:
                if path.name in names and entry_key(entry := load_entry(path)) == last:
                    return entry
        return load_entry(paths[0]) if paths else None

    def remember_last(self, entry: LibraryEntry) -> None:
        self.reading_state.set(LAST_ARTICLE, entry_key(entry))
        self.reading_state.set(LAST_ARTICLE_FILE, entry.path.name)

    @work(thread=True, exclusive=True, group=LOAD_GROUP)
    def load_rest(self, paths: list[Path]) -> None:
        worker = get_current_worker()
        batch, started, every = [], time.monotonic(), BATCH_SECONDS
        for path in paths:
            if worker.is_cancelled:
                return
            batch.append(load_entry(path))
            time.sleep(0)  # let the UI thread have the GIL between files: keys stay quick
            if time.monotonic() - started > every:
                self.app.call_from_thread(self.add_loaded, batch, False)
                batch, started = [], time.monotonic()
                every = min(every * 2, MAX_BATCH_SECONDS)
        self.app.call_from_thread(self.add_loaded, batch, True)

    def add_loaded(self, batch: list[LibraryEntry], done: bool) -> None:
        # Entries already listed win: a fetch may have saved a newer version meanwhile.
        self.library_entries = merge_entries(batch, self.library_entries)
        self.list_view.loading = not done
        self.filter_bar.index_more(batch)
        self.list_view.indexing = self.filter_bar.indexing
        self.refresh_list()
