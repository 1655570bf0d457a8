"""Screenshots of the reader, compared with the accepted SVGs in `__snapshots__/`.

Every app reads a fixed library copied into `tmp_path/library` (see snapshot_app.py), so the
pictures hold no temporary paths, and each waits for the reader's workers before the shot.
Regenerate with `pytest --snapshot-update tests/test_snapshots.py`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from snapshot_app import GARDEN, SEED, make_app, make_library, settle
from textual.pilot import Pilot

SIZE = (100, 30)

pytestmark = pytest.mark.usefixtures("home")  # a fresh TUI_NEWS_HOME per test


def after(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """A run_before that presses `keys` once the app is idle and lets their work finish."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_start_screen(snap_compare, library: Path) -> None:
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=settle)


def test_seed_article_pinyin_off(snap_compare, library: Path) -> None:
    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=settle)


def test_seed_article_pinyin_marks(snap_compare, library: Path) -> None:
    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=after("p"))


def test_seed_article_pinyin_numbers(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=SEED), terminal_size=SIZE, run_before=after("p", "p")
    )


@pytest.mark.parametrize(
    "scheme, presses",
    [("zhongwen", ("t",)), ("hanping", ("t", "t")), ("none", ("t", "t", "t"))],
)
def test_seed_article_tone_schemes(
    snap_compare, library: Path, scheme: str, presses: tuple[str, ...]
) -> None:
    """Pleco (the default on a colour terminal) is in the pinyin_marks picture above."""
    assert snap_compare(
        make_app(library, selected=SEED), terminal_size=SIZE, run_before=after("p", *presses)
    )


def test_seed_article_tone_colours_on_a_light_theme(snap_compare, library: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await after("p")(pilot)

    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=run_before)


def test_seed_article_with_tone_sandhi(snap_compare, library: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await after("p")(pilot)
        await pilot.app.screen.run_action("toggle_sandhi")
        await settle(pilot)

    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=run_before)


def test_pane_too_narrow_for_ruby(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=SEED), terminal_size=(44, 24), run_before=after("p")
    )


def test_threaded_comments_open(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=GARDEN), terminal_size=SIZE, run_before=after("c")
    )


def test_threaded_comments_wide(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=GARDEN),
        terminal_size=(200, 60),
        run_before=after("c", "tab"),
    )


def test_empty_comments(snap_compare, library: Path) -> None:
    assert snap_compare(make_app(library, selected=SEED), terminal_size=SIZE, run_before=after("c"))


def test_help_screen(snap_compare, library: Path) -> None:
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=after("question_mark"))


def test_small_terminal(snap_compare, library: Path) -> None:
    assert snap_compare(make_app(library), terminal_size=(80, 24), run_before=settle)


def test_small_terminal_with_comments(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=GARDEN), terminal_size=(80, 24), run_before=after("c")
    )


def test_broken_file_in_the_list(snap_compare, tmp_path: Path) -> None:
    library = make_library(tmp_path, broken=True)
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=after("end", "enter"))


# Remember and find


def test_filtered_list(snap_compare, library: Path) -> None:
    """`/jinan`: the list narrowed to the seed, 济南 highlighted in its title."""
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=after("slash", *"jinan"))


def test_starred_view(snap_compare, library: Path) -> None:
    """One article starred, the starred view: its row has a star, the title says so."""
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=after("j", "s", "3"))


def test_link_list(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=GARDEN), terminal_size=SIZE, run_before=after("l")
    )


def test_find_in_article(snap_compare, library: Path) -> None:
    assert snap_compare(
        make_app(library, selected=SEED), terminal_size=SIZE, run_before=after("ctrl+f", *"jinan")
    )


def test_config_error_message(snap_compare, library: Path, home: Path) -> None:
    """A bad value and an unknown key: one message naming each line; the app starts anyway."""
    home.mkdir(parents=True)
    (home / "config.toml").write_text(
        '[display]\npinyin = "loud"\n\n[keys]\nreader.star = "p"\n', encoding="utf-8"
    )
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=settle)
