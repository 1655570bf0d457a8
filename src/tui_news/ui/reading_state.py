"""The reader's view of the state store: read and starred sets in memory, writes guarded.

The sidebar asks "is this read?" for every row on every redraw, so the read and starred keys
are loaded once and kept in sets; each change updates the set and writes through. A write that
fails (disk full, permissions) is reported through `on_error` — one place, one notification —
and the in-memory state still changes, so the session behaves as the user expects.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from tui_news.services.library import LibraryEntry
from tui_news.services.library_view import entry_key
from tui_news.services.state import StateError, StateStore

T = TypeVar("T")


class ReadingState:
    def __init__(self, store: StateStore, on_error: Callable[[str], None]) -> None:
        self.store = store
        self.on_error = on_error
        self.read: set[str] = self.guard(store.read_keys) or set()
        self.starred: set[str] = self.guard(store.starred_keys) or set()

    def guard(self, call: Callable[[], T]) -> T | None:
        """Run a store call; report a failure instead of raising it."""
        try:
            return call()
        except StateError as error:
            self.on_error(str(error))
        except sqlite3.Error as error:  # a read gone wrong: same treatment
            self.on_error(f"Could not read state: {error}")
        return None

    def is_read(self, entry: LibraryEntry) -> bool:
        return entry_key(entry) in self.read

    def is_starred(self, entry: LibraryEntry) -> bool:
        return entry_key(entry) in self.starred

    def mark_read(self, entry: LibraryEntry) -> bool:
        """Mark an opened entry read; whether that changed anything."""
        key = entry_key(entry)
        if key in self.read:
            return False
        self.read.add(key)
        self.guard(lambda: self.store.mark_read(key))
        return True

    def toggle_read(self, entry: LibraryEntry) -> bool:
        key = entry_key(entry)
        now_read = key not in self.read
        (self.read.add if now_read else self.read.discard)(key)
        self.guard(lambda: self.store.mark_read(key, now_read))
        return now_read

    def toggle_starred(self, entry: LibraryEntry) -> bool:
        key = entry_key(entry)
        now_starred = key not in self.starred
        (self.starred.add if now_starred else self.starred.discard)(key)
        # Set rather than flip in the store: the sets are what the user sees.
        result = self.guard(lambda: self.store.toggle_starred(key))
        if result is not None and result != now_starred:
            self.guard(lambda: self.store.toggle_starred(key))
        return now_starred

    def scroll(self, entry: LibraryEntry) -> float:
        return self.guard(lambda: self.store.scroll(entry_key(entry))) or 0.0

    def save_scroll(self, entry: LibraryEntry, fraction: float) -> None:
        key = entry_key(entry)
        if self.guard(lambda: self.store.scroll(key)) != fraction:
            self.guard(lambda: self.store.save_scroll(key, fraction))

    def get(self, name: str, default: Any = None) -> Any:
        value = self.guard(lambda: self.store.get(name, default))
        return default if value is None else value

    def set(self, name: str, value: Any) -> None:
        self.guard(lambda: self.store.set(name, value))

    def close(self) -> None:
        self.guard(self.store.close)
