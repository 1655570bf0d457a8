"""Screenshots of the Words screen (w) on the seed article, compared with the accepted SVGs.

The words and the dictionary load in a worker: each picture waits for it (and for the
messages it posts) before the shot. Regenerate with
`pytest --snapshot-update tests/test_snapshots_words.py`, then look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_app import SEED, cell_of, make_app, settle
from textual.pilot import Pilot

SIZE = (100, 30)

pytestmark = pytest.mark.usefixtures("home")  # a fresh TUI_NEWS_HOME per test


def after(*keys: str):
    """Open the words once the reader is idle, wait for the list and the dictionary, then
    press `keys`."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_words_of_the_seed_article(snap_compare, library: Path) -> None:
    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=after())


def test_words_by_hsk_level(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=SEED), terminal_size=SIZE, run_before=after("o")
    )


def test_word_entry(snap_compare, library: Path) -> None:
    """The most frequent word's entry (的): every sense of the entries read de."""
    assert snap_compare(
        make_app(library, selected=SEED), terminal_size=SIZE, run_before=after("o", "o", "enter")
    )


def test_entry_of_a_clicked_word(snap_compare, library: Path) -> None:
    """济南 clicked in the seed article's title: its entry over the reader."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        part, offset = cell_of(pilot.app, "济南签约")
        await pilot.click(part, offset=offset)
        await settle(pilot)
        await settle(pilot)

    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=run_before)


def test_word_cursor_moved_a_few_words(snap_compare, library: Path) -> None:
    """d then three words right with tone marks: 中兴 in the title highlighted, reversed."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("d", "right", "right", "right")
        await settle(pilot)

    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=run_before)
