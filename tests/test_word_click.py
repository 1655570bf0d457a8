"""A click on a word in the article opens its dictionary entry (Textual's pilot, the seed
article): in every pinyin mode, on the characters or on their syllables; punctuation and Latin
words do nothing; escape goes back to the reader as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_app import SEED, cell_of, entry_text, make_app, open_seed, settle
from textual.pilot import Pilot

from tui_news.core.display import PinyinMode
from tui_news.core.models import Article, Block, BlockKind, Span
from tui_news.services.dictionary import DictionaryError
from tui_news.ui.screens import word_lookup
from tui_news.ui.screens.word_lookup import clicked_word
from tui_news.ui.screens.words import WordEntryScreen

SIZE = (100, 30)

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("home")]


async def click_on(pilot: Pilot, text: str, occurrence: int = 0, dx: int = 0) -> None:
    part, offset = cell_of(pilot.app, text, occurrence)
    await pilot.click(part, offset=offset + (dx, 0))
    await settle(pilot)


async def test_clicking_a_word_with_pinyin_off_opens_its_entry(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        await click_on(pilot, "济南签约", dx=2)  # the second character of the title's 济南
        assert isinstance(app.screen, WordEntryScreen)
        text = entry_text(app)
        assert text.startswith("济南") and "jǐnán" in text and "Jinan" in text
        assert "traditional 濟南" in text and "HSK" in text


async def test_clicking_a_syllable_with_tone_marks_opens_its_word(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot, PinyinMode.MARKS)
        await click_on(pilot, "bǎi")  # the reading over 百 of 百度 in the title
        assert isinstance(app.screen, WordEntryScreen)
        text = entry_text(app)
        assert text.startswith("百度") and "bǎidù" in text and "Baidu" in text


async def test_clicking_characters_with_tone_numbers_and_in_the_narrow_fallback(
    library: Path,
) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot, PinyinMode.NUMBERS)
        await click_on(pilot, "京")
        assert isinstance(app.screen, WordEntryScreen)
        assert entry_text(app).startswith("京东")
        await pilot.press("escape")
        await pilot.resize_terminal(40, 30)  # the pane is too narrow for ruby rows
        await settle(pilot)
        await pilot.press("backslash")  # no sidebar: the pane is 36 wide, ruby still fits
        await settle(pilot)
        await pilot.resize_terminal(26, 30)
        await settle(pilot)
        view = app.screen.query_one("#article")
        assert "too narrow for ruby" in str(view.border_subtitle)
        await click_on(pilot, "(bai3du4)", dx=3)  # a reading in parentheses
        assert isinstance(app.screen, WordEntryScreen)
        assert entry_text(app).startswith("百度")


async def test_punctuation_and_latin_words_do_nothing(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot)
        for text in ("|", "?", "CEO"):
            await click_on(pilot, text)
            assert app.screen is screen, text
        await click_on(pilot, "CEO", dx=1)
        assert app.screen is screen


async def test_escape_goes_back_to_the_reader_as_it_was(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot, PinyinMode.MARKS)
        view = screen.article_view
        view.focus()
        await pilot.press("j", "j", "j")
        await settle(pilot)
        scroll, focused = view.scroll_y, app.focused
        assert scroll > 0
        await click_on(pilot, "济")
        assert isinstance(app.screen, WordEntryScreen)
        assert entry_text(app).startswith("济南")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert view.scroll_y == scroll and app.focused is focused


async def test_a_dictionary_that_fails_to_load_is_one_notification(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise DictionaryError("CC-CEDICT could not be loaded: gone")

    monkeypatch.setattr(word_lookup, "load_dictionary", broken)
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot)
        await click_on(pilot, "济南签约")
        assert app.screen is screen and app.is_running
        assert [n.message for n in app._notifications if n.severity == "error"] == [
            "CC-CEDICT could not be loaded: gone"
        ]


async def test_the_first_lookup_says_the_dictionary_is_loading(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word_lookup, "dictionary_loaded", lambda: False)
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        await click_on(pilot, "济南签约")
        assert "Loading CC-CEDICT to look up 济南…" in [n.message for n in app._notifications]
        assert isinstance(app.screen, WordEntryScreen)  # and the entry still opens


async def test_a_click_beside_any_word_says_nothing_even_before_loading(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word_lookup, "dictionary_loaded", lambda: False)
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot)
        await click_on(pilot, "?")  # the title's last character
        assert app.screen is screen and not list(app._notifications)


def test_clicked_word_carries_the_articles_count_and_the_clicked_reading():
    article = Article(
        title="济南新闻",
        body=[
            Block(BlockKind.PARAGRAPH, [Span("百度来济南。")]),
            Block(BlockKind.QUOTE, [Span("他说：很好。")]),
        ],
    )
    word = clicked_word(article, 1, 3)
    assert word is not None and word.text == "济南" and word.count == 2
    assert word.syllables == ("jǐ", "nán")
    assert clicked_word(article, 2, 2) is None  # "："
    assert clicked_word(article, 9, 0) is None  # no such text
