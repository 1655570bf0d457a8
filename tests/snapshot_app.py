"""A fixed library and app factory shared by the pilot and snapshot tests.

The library is copied into a folder named `library` inside the test's tmp_path, so what the
app shows (folder name, file names, errors) never contains a temporary path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from tui_news.services.library import bundled_articles_dir
from tui_news.ui.app import TuiNewsApp

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


def make_app(library: Path, selected: str | None = None) -> TuiNewsApp:
    """The app as the command line builds it (the reader has no clock or blinking caret)."""
    return TuiNewsApp(library, selected=library / selected if selected else None)
