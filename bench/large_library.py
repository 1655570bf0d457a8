"""The reader on a large library: time to the first frame and per-keystroke filter time.

    python bench/large_library.py [--articles N] [--query jinan]

Builds a temporary library of N articles (copies of the bundled ones, each with a numbered
title and its own URL), starts the app headless through Textual's pilot and prints:

* first frame: from starting the app to a list on screen (the open article shown);
* loaded: until every file is in the list, and indexed: until the filter's index is complete;
* for each keystroke of the query, typed once while the library still loads and once after
  it is indexed: from the key to the list showing that query's result and the next frame
  painted (`call_after_refresh`).

No asserts: it prints figures. The state lives in a temporary TUI_NEWS_HOME.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from textual import events  # noqa: E402

from tui_news.services.library import bundled_articles_dir  # noqa: E402
from tui_news.ui.app import TuiNewsApp  # noqa: E402
from tui_news.ui.screens.reader import ReaderScreen  # noqa: E402

SIZE = (120, 40)
POLL = 0.002


def build_library(folder: Path, count: int) -> None:
    """`count` copies of the bundled `.md` articles, titles numbered, URLs made unique."""
    sources = [
        path.read_text(encoding="utf-8") for path in sorted(bundled_articles_dir().glob("*.md"))
    ]
    for number in range(count):
        text = sources[number % len(sources)]
        text = re.sub(r'^title = "', f'title = "{number} ', text, count=1, flags=re.M)
        text = re.sub(r'^(url = "[^"]*)"', rf'\1?copy={number}"', text, count=1, flags=re.M)
        (folder / f"{number:05d}.md").write_text(text, encoding="utf-8")


async def next_frame(app: TuiNewsApp) -> None:
    painted = asyncio.Event()
    app.call_after_refresh(painted.set)
    await painted.wait()


async def until(condition, timeout: float = 600.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < deadline:
        await asyncio.sleep(POLL)


async def type_query(pilot, screen: ReaderScreen, query: str, label: str) -> None:
    await pilot.press("slash")
    times = []
    for end in range(1, len(query) + 1):
        started = time.perf_counter()
        # Posted straight to the app: `pilot.press` waits for the CPU to go idle after each
        # key, which never happens while the library loads in the background.
        pilot.app.post_message(events.Key(query[end - 1], query[end - 1]))
        await until(lambda end=end: screen.list_view.query == query[:end])
        await next_frame(pilot.app)
        times.append(time.perf_counter() - started)
        title = screen.article_list.border_title
        print(f"  {label} {query[:end]!r:10} {times[-1] * 1000:7.1f} ms  {title}")
    print(
        f"  {label} mean {sum(times) / len(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms"
    )
    await pilot.press("escape")
    await until(lambda: screen.list_view.query == "")


async def run(library: Path, query: str) -> None:
    started = time.perf_counter()
    app = TuiNewsApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await next_frame(app)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        listed = len(screen.library_entries)
        print(f"first frame   {time.perf_counter() - started:7.2f} s  ({listed} entries listed)")
        await type_query(pilot, screen, query, "loading")
        await until(lambda: not screen.list_view.loading)
        count = len(screen.library_entries)
        print(f"loaded        {time.perf_counter() - started:7.2f} s  ({count} entries)")
        await until(lambda: not screen.filter_bar.indexing)
        print(f"indexed       {time.perf_counter() - started:7.2f} s")
        await type_query(pilot, screen, query, "indexed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--query", default="jinan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        library, home = Path(temp) / "library", Path(temp) / "home"
        library.mkdir()
        os.environ["TUI_NEWS_HOME"] = str(home)
        build_library(library, args.articles)
        print(f"{args.articles} articles, terminal {SIZE[0]}x{SIZE[1]}, query {args.query!r}")
        asyncio.run(run(library, args.query))


if __name__ == "__main__":
    main()
