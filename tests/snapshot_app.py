"""A fixed library, the app factory and the pilot helpers shared by the app and snapshot tests.

The library is copied into a folder named `library` inside the test's tmp_path, so what the
app shows (folder name, file names, errors) never contains a temporary path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.widgets import Static

from tui_news.core.display import PinyinMode
from tui_news.services.library import bundled_articles_dir
from tui_news.ui.app import TuiNewsApp
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.widgets.article_parts import ArticlePart

SEED = "000_f0ce2c04f8de9a60.txt"
GARDEN = "010_community_garden_debate.md"
EV = "020_ev_battery_shanghai.md"
BROKEN = "050_half_written.md"
# A front matter that is never closed: the native format rejects it with a one-line error.
BROKEN_TEXT = '+++\ntitle = "写了一半的文章"\nsource = "草稿"\n\n正文还没写完\n'


def make_library(
    root: Path, names: tuple[str, ...] = (SEED, GARDEN, EV), broken: bool = False
) -> Path:
    library = root / "library"
    library.mkdir()
    for name in names:
        shutil.copyfile(bundled_articles_dir() / name, library / name)
    if broken:
        (library / BROKEN).write_text(BROKEN_TEXT, encoding="utf-8")
    return library


async def settle(pilot: Pilot, pauses: int = 1) -> None:
    """Wait until the app's workers are done and the messages they posted are handled."""
    await pilot.app.workers.wait_for_complete()
    for _ in range(pauses):
        await pilot.pause()


async def open_seed(pilot: Pilot, mode: PinyinMode = PinyinMode.OFF) -> ReaderScreen:
    """The reader, settled on the article the app opened, in pinyin `mode`."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    screen.pinyin_mode = mode
    await settle(pilot)
    return screen


def entry_text(app) -> str:
    """The open word entry (WordEntryScreen) as plain text."""
    console = Console(width=100, color_system=None)
    with console.capture() as capture:
        console.print(app.screen.query_one("#word-entry", Static).content)
    return capture.get()


def make_app(library: Path, selected: str | None = None) -> TuiNewsApp:
    """The app as the command line builds it (the reader has no clock or blinking caret)."""
    return TuiNewsApp(library, selected=library / selected if selected else None)


def rendered_rows(part: ArticlePart) -> list[str]:
    """The part's rows as the screen shows them (its own renderable at its content width)."""
    console = part.app.console
    options = console.options.update_width(part.content_size.width)
    lines = console.render_lines(part.part, options, pad=False)
    return ["".join(segment.text for segment in line) for line in lines]


def cell_of(app, text: str, occurrence: int = 0) -> tuple[ArticlePart, Offset]:
    """Where `text` starts on screen: the part showing it and the offset in that part (its
    `occurrence`-th appearance in sight, counted through the parts from the top)."""
    seen = 0
    pane = app.screen.query_one("#article").content_region
    for part in app.screen.query(ArticlePart):
        shift = part.content_region.offset - part.region.offset
        for y, row in enumerate(rendered_rows(part)):
            if not pane.y <= part.content_region.y + y < pane.bottom:
                continue
            start = row.find(text)
            while start >= 0:
                if seen == occurrence:
                    return part, Offset(cell_len(row[:start]), y) + shift
                seen += 1
                start = row.find(text, start + 1)
    raise AssertionError(f"{text!r} is not on screen")
