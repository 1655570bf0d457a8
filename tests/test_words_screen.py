"""The Words screen (w) driven through Textual's pilot: opening, sorting, entries, closing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from snapshot_app import SEED, make_app, make_library, settle
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from tui_news.core.vocabulary import WordOrder
from tui_news.services.dictionary import DictionaryError
from tui_news.ui.screens import words as words_module
from tui_news.ui.screens.help import HelpScreen
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.screens.words import WordEntryScreen, WordsScreen
from tui_news.ui.widgets.word_list import WordList

SIZE = (100, 30)

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("home")]


def words_screen(app) -> WordsScreen:
    assert isinstance(app.screen, WordsScreen)
    return app.screen


def rows(app) -> list[str]:
    """The words in the order the list shows them."""
    word_list = app.screen.query_one(WordList)
    return [word_list.get_option_at_index(i).id for i in range(word_list.option_count)]


def static_text(app, selector: str) -> str:
    console = Console(width=100, color_system=None)
    with console.capture() as capture:
        console.print(app.screen.query_one(selector, Static).content)
    return capture.get()


async def open_words(pilot: Pilot) -> WordsScreen:
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    await settle(pilot)  # the worker's messages: words, then the dictionary
    return words_screen(pilot.app)


async def test_w_opens_the_words_of_the_open_article(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_words(pilot)
        assert screen.dictionary is not None and not screen.problem
        assert rows(app)[:4] == ["趵眼", "百度", "京东", "中兴"]
        jinan = next(w for w in screen.words if w.text == "济南")
        assert jinan.pinyin == "jǐnán" and jinan.count > 10
        assert "338 words" in static_text(app, "#words-status")
        assert screen.sub_title == "趵眼|百度京东中兴为何一个月内先后来济南签约?"


async def test_the_palette_opens_the_words(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Words: the article")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert rows(app)[0] == "趵眼"


async def test_without_an_open_article_w_says_what_to_do(tmp_path: Path) -> None:
    app = make_app(make_library(tmp_path, names=()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.current is None
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert any("Open an article" in n.message for n in app._notifications)


async def test_o_cycles_appearance_level_count(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_words(pilot)
        levels = screen.levels
        await pilot.press("down", "down")
        await pilot.press("o")
        await pilot.pause()
        assert screen.order is WordOrder.LEVEL
        ranks = [levels.get(word, 99) for word in rows(app)]
        assert ranks == sorted(ranks, reverse=True)  # unlisted (99) first, then 7-9 down to 1
        assert screen.word_list.highlighted == 0  # a new order starts at its top
        assert "hardest first" in str(screen.query_one("#words-panel").border_subtitle)
        await pilot.press("o")
        await pilot.pause()
        counts = {w.text: w.count for w in screen.words}
        shown = [counts[word] for word in rows(app)]
        assert shown == sorted(shown, reverse=True) and rows(app)[:2] == ["的", "济南"]
        await pilot.press("o")
        await pilot.pause()
        assert screen.order is WordOrder.APPEARANCE and rows(app)[0] == "趵眼"


async def test_enter_opens_the_entry_and_escape_goes_back_then_closes(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_words(pilot)
        await pilot.press("down")  # 百度
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WordEntryScreen)
        text = static_text(app, "#word-entry")
        assert "Baidu" in text and "traditional 百度" in text and "bǎidù" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WordsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_a_click_opens_an_entry_and_q_closes_without_quitting(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_words(pilot)
        word_list = app.screen.query_one(WordList)
        await pilot.click(word_list, offset=(4, 0))
        await pilot.pause()
        assert isinstance(app.screen, WordEntryScreen)
        assert "CC-CEDICT has no entry for 趵眼" in static_text(app, "#word-entry")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.is_running


async def test_a_dictionary_that_fails_to_load_is_one_line(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise DictionaryError("CC-CEDICT could not be loaded: damaged file")

    monkeypatch.setattr(words_module, "load_dictionary", broken)
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_words(pilot)
        status = static_text(app, "#words-status")
        assert status.strip() == "CC-CEDICT could not be loaded: damaged file"
        assert rows(app)[0] == "趵眼"  # words, pinyin and levels still show
        assert screen.query_one("#words-status").has_class("-problem")
        await pilot.press("enter")
        await pilot.pause()
        assert "damaged file" in static_text(app, "#word-entry")


async def test_the_words_keys_can_be_rebound(tmp_path: Path, library: Path) -> None:
    """words.sort may take a key the reader uses (s stars there): the reader's keys are not
    active on the Words screen. A key the Words screen itself uses is refused."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(
        '[keys]\nwords.sort = "s"\nwords.close = "enter"\n', encoding="utf-8"
    )
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        problems = app.screen.settings.problems
        assert not any("words.sort" in problem for problem in problems)
        assert any("words.close" in problem for problem in problems)
        screen = await open_words(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert screen.order is WordOrder.LEVEL
        await pilot.press("o")  # no longer the sort key
        await pilot.pause()
        assert screen.order is WordOrder.LEVEL
        await pilot.press("enter")  # still opens the entry: closing there was refused
        await pilot.pause()
        assert isinstance(app.screen, WordEntryScreen)


async def test_help_lists_the_words_keys(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sections = dict(app.screen.key_sections())
        reading = {(b.key, b.action) for b in sections["Reading"]}
        assert ("w", "words") in reading
        words = {b.key: b.description for b in sections["Words (w)"]}
        assert words["o"] == "Sort" and words["enter"] == "Entry"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app, "#help-keys")
        assert "The article's words: pinyin, HSK level, count, meaning" in text
        assert "Sort the words: appearance → HSK level → count" in text


def exported(home: Path) -> list[Path]:
    folder = home / "data" / "words"
    return sorted(folder.iterdir()) if folder.is_dir() else []


async def test_x_exports_the_list_in_the_order_shown(library: Path, home: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_words(pilot)
        await pilot.press("o", "x")
        await pilot.pause()
        [path] = exported(home)
        assert path.name.endswith("-words.tsv")
        lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
        words = [fields[0] for fields in lines[3:]]
        assert words == rows(app)  # sorted by level, as on the screen
        jinan = next(fields for fields in lines[3:] if fields[0] == "济南")
        assert jinan[1] == "jǐnán" and "Jinan" in jinan[2] and jinan[4] == "22"
        assert any(f"Saved {len(words)} words to {path}" in n.message for n in app._notifications)


async def test_the_palette_exports_the_list(library: Path, home: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_words(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Words: export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert len(exported(home)) == 1


async def test_an_export_that_cannot_be_written_says_why(library: Path, home: Path) -> None:
    (home / "data").mkdir(parents=True)
    (home / "data" / "words").write_text("a file where the folder should be", encoding="utf-8")
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_words(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, WordsScreen) and app.screen is screen
        [problem] = [n for n in app._notifications if n.severity == "error"]
        assert "The word list could not be saved in" in problem.message
        assert "\n" not in problem.message
