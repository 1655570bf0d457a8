"""The state store: per-article flags, app values, migrations, damaged files, concurrent writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from tui_news.services import state
from tui_news.services.state import SCHEMA_VERSION, StateStore, article_key, data_dir

FIXED_NOW = datetime(2024, 5, 6, 7, 8, 9)


@pytest.fixture
def store(tmp_path):
    with StateStore.open(tmp_path / "state.sqlite3") as opened:
        yield opened


def test_default_path_follows_tui_news_home(monkeypatch, tmp_path):
    monkeypatch.setenv("TUI_NEWS_HOME", str(tmp_path))
    assert data_dir() == tmp_path / "data"
    with StateStore.open() as opened:
        assert opened.path == tmp_path / "data" / "state.sqlite3"
        assert opened.warning is None
    assert (tmp_path / "data" / "state.sqlite3").is_file()


def test_article_key_prefers_url():
    path = Path("/lib/010_garden.md")
    assert article_key(path, "") == "010_garden.md"
    assert article_key(path, "  ") == "010_garden.md"
    assert article_key(path, "HTTPS://News.Example.COM/a/1?x=2#top") == (
        "https://news.example.com/a/1?x=2"
    )


def test_read_and_starred(store):
    assert not store.is_read("a") and not store.is_starred("a")
    store.mark_read("a")
    assert store.is_read("a")
    assert store.toggle_read("a") is False
    assert store.toggle_read("b") is True
    assert store.toggle_starred("a") is True
    assert store.is_starred("a")
    store.mark_read("c", True)
    store.mark_read("c", False)
    assert store.read_keys() == {"b"}
    assert store.starred_keys() == {"a"}


def test_scroll_positions(store):
    assert store.scroll("a") == 0.0
    store.save_scroll("a", 12.5)
    store.mark_read("a")
    assert store.scroll("a") == 12.5  # marking read keeps the position
    store.toggle_starred("a")
    assert store.is_read("a") and store.scroll("a") == 12.5


def test_app_values_keep_their_type(store):
    assert store.get(state.THEME, "dark") == "dark"
    store.set(state.THEME, "light")
    store.set(state.PINYIN_MODE, "marks")
    store.set(state.LAST_ARTICLE, "https://example.com/a")
    store.set("ratio", 0.25)
    store.set("flag", False)
    store.set("note", "济南")
    assert store.get(state.THEME) == "light"
    assert store.get("ratio") == 0.25
    assert store.get("flag") is False
    assert store.get("note") == "济南"


def test_state_lasts_across_opens(tmp_path):
    path = tmp_path / "state.sqlite3"
    with StateStore.open(path) as first:
        first.mark_read("a")
        first.set(state.TONE_SCHEME, "pleco")
    with StateStore.open(path) as second:
        assert second.read_keys() == {"a"}
        assert second.get(state.TONE_SCHEME) == "pleco"


def test_wal_mode_and_schema_version(tmp_path):
    path = tmp_path / "state.sqlite3"
    StateStore.open(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_empty_v0_database_migrates(tmp_path):
    path = tmp_path / "state.sqlite3"
    sqlite3.connect(path).close()  # a valid, empty database at user_version 0
    with StateStore.open(path) as opened:
        assert opened.warning is None
        opened.mark_read("a")
        assert opened.read_keys() == {"a"}


def test_migrations_run_in_order_from_any_version(tmp_path, monkeypatch):
    path = tmp_path / "state.sqlite3"
    StateStore.open(path).close()  # at v1

    def to_v2(db):
        db.execute("ALTER TABLE articles ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(state, "MIGRATIONS", [*state.MIGRATIONS, to_v2])
    monkeypatch.setattr(state, "SCHEMA_VERSION", 2)
    with StateStore.open(path) as opened:
        opened.mark_read("a")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert db.execute("SELECT key, note FROM articles").fetchall() == [("a", "")]
    db.close()


def test_newer_schema_is_left_alone(tmp_path):
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with StateStore.open(path) as opened:
        assert opened.path is None and "newer" in opened.warning
        opened.mark_read("a")  # works, in memory
    assert path.is_file() and not list(tmp_path.glob("*.corrupt-*"))


def test_corrupt_file_is_moved_aside(tmp_path):
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with StateStore.open(path, now=lambda: FIXED_NOW) as opened:
        assert opened.warning is not None and "\n" not in opened.warning
        assert "state.sqlite3.corrupt-20240506-070809" in opened.warning
        assert opened.path == path
        opened.mark_read("a")
        assert opened.read_keys() == {"a"}
    aside = tmp_path / "state.sqlite3.corrupt-20240506-070809"
    assert aside.read_bytes().startswith(b"this is not a database")
    with StateStore.open(path) as again:
        assert again.warning is None and again.read_keys() == {"a"}


def test_damaged_pages_are_detected(tmp_path):
    path = tmp_path / "state.sqlite3"
    with StateStore.open(path) as opened:
        for number in range(2000):
            opened.mark_read(f"https://example.com/{number}")
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xff" * 8192  # scribble over some b-tree pages
    path.write_bytes(bytes(data))
    with StateStore.open(path, now=lambda: FIXED_NOW) as opened:
        assert opened.warning is not None
        assert opened.read_keys() == set()
    assert (tmp_path / "state.sqlite3.corrupt-20240506-070809").is_file()


def test_unusable_folder_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with StateStore.open(blocker / "state.sqlite3") as opened:
        assert opened.path is None and opened.warning
        assert opened.toggle_starred("a") is True


def test_threads_writing_concurrently(tmp_path):
    path = tmp_path / "state.sqlite3"
    stores = [StateStore.open(path) for _ in range(4)]  # separate connections, as processes

    def work(number: int, opened: StateStore) -> None:
        for item in range(50):
            opened.mark_read(f"t{number}-{item}")
            opened.toggle_starred("shared")

    threads = [threading.Thread(target=work, args=(n, s)) for n, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stores[0].read_keys()) == 200
    assert stores[0].starred_keys() == set()  # 200 toggles: none lost
    for opened in stores:
        opened.close()


WRITER = """
import sys
from pathlib import Path
from tui_news.services.state import StateStore
store = StateStore.open(Path(sys.argv[1]))
assert store.warning is None, store.warning
for item in range(100):
    store.mark_read(f"{sys.argv[2]}-{item}")
    store.save_scroll("shared", item)
    store.toggle_starred("shared")
store.close()
"""


def test_two_processes_writing_concurrently(tmp_path):
    path = tmp_path / "state.sqlite3"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name]) for name in ("p", "q")
    ]
    assert all(writer.wait(timeout=60) == 0 for writer in writers)
    with StateStore.open(path) as opened:
        assert opened.warning is None
        assert len(opened.read_keys()) == 200
        assert opened.starred_keys() == set()  # 200 toggles in all
        assert opened.scroll("shared") == 99.0
