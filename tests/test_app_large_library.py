"""A library larger than the first batch: it loads in the background while the reader is used,
and the list's rows are measured without being drawn."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from rich.console import Console

from tui_news.services.library import LibraryEntry, bundled_articles_dir, load_entry
from tui_news.ui import library_loading
from tui_news.ui.app import TuiNewsApp
from tui_news.ui.renderables.list_row import RowMarks, entry_prompt, row_height
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.widgets.article_list import ArticleList
from tui_news.ui.widgets.filter_bar import FilterBar

SIZE = (100, 30)
COUNT = 300
HELD_FROM = 150  # the loader waits before this file until the test lets it go on
FERRY = "030_harbour_ferry_english.md"
pytestmark = pytest.mark.anyio


def numbered_library(root: Path) -> Path:
    """COUNT copies of the bundled `.md` articles in turn, each title numbered."""
    library = root / "library"
    library.mkdir()
    sources = sorted(bundled_articles_dir().glob("*.md"))
    for number in range(COUNT):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        text = re.sub(r'^title = "', f'title = "{number} ', text, count=1, flags=re.M)
        (library / f"{number:03d}_{source.name}").write_text(text, encoding="utf-8")
    return library


def ferry_names(upto: int) -> list[str]:
    """The copies of the ferry article among the first `upto` files (every fourth, from 2)."""
    sources = [path.name for path in sorted(bundled_articles_dir().glob("*.md"))]
    return [f"{n:03d}_{FERRY}" for n in range(upto) if sources[n % len(sources)] == FERRY]


async def until(pilot, condition) -> None:
    for _ in range(3000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


async def test_the_filter_works_while_the_library_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_NEWS_HOME", str(tmp_path / "home"))
    library = numbered_library(tmp_path)
    go_on = threading.Event()

    def held_load(path: Path) -> LibraryEntry:
        if int(path.name[:3]) >= HELD_FROM:
            go_on.wait(timeout=60)
        return load_entry(path)

    monkeypatch.setattr(library_loading, "load_entry", held_load)
    monkeypatch.setattr(library_loading, "BATCH_SECONDS", 0.0)  # every file handed over
    app = TuiNewsApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        articles, bar = screen.query_one(ArticleList), screen.query_one(FilterBar)
        opened = screen.current
        await until(pilot, lambda: len(screen.library_entries) == HELD_FROM)
        await pilot.press("slash", *"ferry")
        await until(pilot, lambda: not bar.indexing and screen.list_view.query == "ferry")
        await pilot.pause()
        listed = [entry.path.name for entry in articles.entries]
        assert listed == ferry_names(HELD_FROM)
        assert screen.list_view.loading and articles.border_subtitle == "loading…"
        assert articles.border_title == f"Articles ({len(listed)} of {HELD_FROM})"

        go_on.set()
        await until(pilot, lambda: not screen.list_view.loading and not bar.indexing)
        await pilot.pause()
        listed = [entry.path.name for entry in articles.entries]
        assert listed == ferry_names(COUNT)
        assert articles.border_title == f"Articles ({len(listed)} of {COUNT})"
        assert articles.border_subtitle == ""
        assert screen.current is opened  # the open article never moved


@pytest.mark.parametrize("width", [6, 12, 22, 28, 40, 70])
def test_row_heights_match_the_drawn_rows(tmp_path: Path, width: int) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text('+++\ntitle = "x"\n', encoding="utf-8")
    entries = [load_entry(path) for path in sorted(bundled_articles_dir().iterdir())]
    entries.append(load_entry(broken))
    console = Console(width=width, color_system=None)
    for entry in entries:
        for marks in (RowMarks(), RowMarks(unread=True, starred=True, query="ji")):
            segments = console.render(entry_prompt(entry, marks), console.options)
            drawn = sum(text.count("\n") for text, _, _ in segments)  # as Textual counts
            assert row_height(entry, width) == drawn, (entry.path.name, width)
