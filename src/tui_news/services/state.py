"""State that lasts between runs: read/unread, starred, scroll positions and app-level values.

One SQLite file (``state.sqlite3`` in the user data dir) in WAL mode, so several tui-news
processes can share a data dir: readers never block the writer, a busy timeout waits out the
other process's short write, and every write is its own committed transaction with a full sync
(nothing is held back in memory, so a crash or a kill loses nothing already written).

A database that cannot be used never stops the app: a corrupt file is moved aside as
``state.sqlite3.corrupt-YYYYMMDD-HHMMSS`` and a fresh one started; an unreadable one (or one
written by a newer version) is left alone and state is kept in memory for this run. Either way
`StateStore.warning` holds one line for the app to show.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tui_news.services.config import data_dir

STATE_FILE = "state.sqlite3"
BUSY_TIMEOUT_MS = 10_000

# Names of app-level values (any JSON-encodable value may be stored under any name).
LAST_ARTICLE = "last_article"
PINYIN_MODE = "pinyin_mode"
TONE_SCHEME = "tone_scheme"
SANDHI = "sandhi"
LIST_VIEW = "list_view"  # {"view": ..., "order": ..., "grouping": ...}
THEME = "theme"


def article_key(entry_path: Path, url: str) -> str:
    """A stable key for an article: its canonical URL when it has one, else its file name in
    the library (so state survives moving the library folder, and re-fetching a URL)."""
    url = url.strip()
    if url:
        parts = urlsplit(url)
        # Scheme and host are case-insensitive and a fragment only points inside the page.
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))
    return entry_path.name


class StateError(Exception):
    """A write that could not be saved (disk full, permissions…); the message is one line."""


# --- schema -----------------------------------------------------------------------------------


def _migrate_to_v1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE articles (
               key TEXT PRIMARY KEY,
               read INTEGER NOT NULL DEFAULT 0,
               starred INTEGER NOT NULL DEFAULT 0,
               scroll REAL NOT NULL DEFAULT 0
           ) WITHOUT ROWID"""
    )
    # Partial indexes keep the sidebar's bulk reads proportional to what is read or starred.
    db.execute("CREATE INDEX articles_read ON articles(key) WHERE read")
    db.execute("CREATE INDEX articles_starred ON articles(key) WHERE starred")
    db.execute("CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")


# MIGRATIONS[n] takes a database at version n to version n + 1. Append, never edit: a user's
# file may be at any earlier version.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_v1]
SCHEMA_VERSION = len(MIGRATIONS)


class _NewerSchema(Exception):
    pass


def _migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to date, in one transaction per step. BEGIN IMMEDIATE takes the write
    lock before reading the version, so two processes opening a new file migrate it once."""
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _NewerSchema(version)
            if version == SCHEMA_VERSION:
                db.execute("COMMIT")
                return
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _connect(path: Path | str) -> sqlite3.Connection:
    """Open the state file, waiting out another process that is creating or migrating it.

    Switching a new file to WAL takes an exclusive lock that SQLite's busy timeout does not
    cover, so two readers starting at the same moment can see "database is locked" here: try
    again for as long as the busy timeout would have waited.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _connect_once(path)
        except sqlite3.OperationalError as error:
            text = str(error).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect_once(path: Path | str) -> sqlite3.Connection:
    # Autocommit mode (isolation_level=None): each statement commits at once unless a
    # transaction is opened explicitly, which keeps every lock short.
    db = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if str(path) != ":memory:":
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"cannot use WAL journal (got {mode})")
        db.execute("PRAGMA synchronous = FULL")  # a committed write survives a power cut too
        # A cheap structural check: a damaged file fails here rather than at a later write.
        status = db.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise sqlite3.DatabaseError(f"damaged ({status})")
        _migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _is_corruption(error: sqlite3.Error) -> bool:
    """Whether the file's contents are bad (move it aside), as opposed to it being unreachable
    (locked, permissions, missing folder), which must never cost the user their state."""
    if isinstance(error, sqlite3.OperationalError):
        return False
    text = str(error).lower()
    return isinstance(error, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "damaged" in text or "corrupt" in text
    )


class StateStore:
    """Per-article and app-level state. Thread-safe; open one per process."""

    def __init__(self, db: sqlite3.Connection, path: Path | None, warning: str | None = None):
        self._db = db
        self._lock = threading.Lock()
        self.path = path  # None when state lives in memory only for this run
        self.warning = warning  # one line for the app to show, or None

    # -- opening --

    @classmethod
    def open(
        cls, path: Path | None = None, *, now: Callable[[], datetime] = datetime.now
    ) -> StateStore:
        """Open (creating and migrating as needed) the state file; never raises for a bad file.
        `now` names the corrupt copy (injected by tests)."""
        path = path if path is not None else data_dir() / STATE_FILE
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(_connect(path), path)
        except _NewerSchema as error:
            return cls._in_memory(
                f"State file {path} is from a newer tui-news (schema {error.args[0]});"
                " changes this run will not be saved."
            )
        except sqlite3.Error as error:
            if not _is_corruption(error):
                return cls._in_memory(
                    f"Cannot open state file {path} ({error}); changes this run will not be saved."
                )
            reason = str(error)
        except OSError as error:
            return cls._in_memory(
                f"Cannot create {path.parent} ({error.strerror or error});"
                " changes this run will not be saved."
            )
        aside = path.with_name(f"{path.name}.corrupt-{now():%Y%m%d-%H%M%S}")
        try:
            _move_aside(path, aside)
            return cls(
                _connect(path),
                path,
                f"State file was damaged ({reason}); moved aside as"
                f" {aside.name} and started afresh.",
            )
        except (OSError, sqlite3.Error) as error:
            return cls._in_memory(
                f"State file {path} is damaged ({reason}) and could not be replaced ({error});"
                " changes this run will not be saved."
            )

    @classmethod
    def _in_memory(cls, warning: str) -> StateStore:
        return cls(_connect(":memory:"), None, warning)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- per article --

    def is_read(self, key: str) -> bool:
        return bool(self._value("SELECT read FROM articles WHERE key = ?", key))

    def mark_read(self, key: str, read: bool = True) -> None:
        self._write(
            "INSERT INTO articles(key, read) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET read = excluded.read",
            (key, int(read)),
        )

    def toggle_read(self, key: str) -> bool:
        """Flip read/unread; returns the new state. One statement, so two processes toggling at
        once give two flips, never a lost one."""
        return bool(
            self._write(
                "INSERT INTO articles(key, read) VALUES (?, 1)"
                " ON CONFLICT(key) DO UPDATE SET read = 1 - read RETURNING read",
                (key,),
            )
        )

    def is_starred(self, key: str) -> bool:
        return bool(self._value("SELECT starred FROM articles WHERE key = ?", key))

    def toggle_starred(self, key: str) -> bool:
        """Star or unstar; returns the new state."""
        return bool(
            self._write(
                "INSERT INTO articles(key, starred) VALUES (?, 1)"
                " ON CONFLICT(key) DO UPDATE SET starred = 1 - starred RETURNING starred",
                (key,),
            )
        )

    def save_scroll(self, key: str, y: float) -> None:
        """Remember how far down an article was read. Call on leaving it or after scrolling
        settles, not for every scroll step: each save is a synced write."""
        self._write(
            "INSERT INTO articles(key, scroll) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET scroll = excluded.scroll",
            (key, float(y)),
        )

    def scroll(self, key: str) -> float:
        """The saved scroll position, 0.0 for an article never scrolled."""
        return float(self._value("SELECT scroll FROM articles WHERE key = ?", key) or 0.0)

    def read_keys(self) -> set[str]:
        """Every read article's key, in one query (for marking a whole list)."""
        return self._keys("SELECT key FROM articles WHERE read")

    def starred_keys(self) -> set[str]:
        return self._keys("SELECT key FROM articles WHERE starred")

    # -- app-level values --

    def get(self, name: str, default: Any = None) -> Any:
        raw = self._value("SELECT value FROM settings WHERE name = ?", name)
        if raw is None:
            return default
        try:
            return json.loads(raw)
        except ValueError:
            return default

    def set(self, name: str, value: Any) -> None:
        """Store any JSON-encodable value (str, number, bool, None, lists, dicts)."""
        self._write(
            "INSERT INTO settings(name, value) VALUES (?, ?)"
            " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (name, json.dumps(value, ensure_ascii=False)),
        )

    # -- plumbing --

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        with self._lock:  # one connection, shared by the UI thread and workers
            yield self._db

    def _value(self, sql: str, key: str) -> Any:
        with self._locked() as db:
            # fetchall, not fetchone: a statement left unfinished keeps its snapshot (or, for a
            # write, its lock) open.
            rows = db.execute(sql, (key,)).fetchall()
        return rows[0][0] if rows else None

    def _keys(self, sql: str) -> set[str]:
        with self._locked() as db:
            return {row[0] for row in db.execute(sql)}

    def _write(self, sql: str, params: tuple[Any, ...]) -> Any:
        try:
            with self._locked() as db:
                rows = db.execute(sql, params).fetchall()  # RETURNING commits when finished
        except sqlite3.Error as error:
            raise StateError(f"Could not save state: {error}") from error
        return rows[0][0] if rows else None


def _move_aside(path: Path, aside: Path) -> None:
    """Rename the bad file (and its WAL, which belongs to it) out of the way; drop the shared-
    memory index, which is rebuilt from nothing."""
    path.rename(aside)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        wal.rename(aside.with_name(aside.name + "-wal"))
    shm = path.with_name(path.name + "-shm")
    if shm.exists():
        shm.unlink()
