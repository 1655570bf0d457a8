"""The keyboard's word cursor (`d`): the pure pieces (`cell_of`, the inverse of `column_at`,
`RubyText.cell_of`, `stepped_word`) and, with Textual's pilot on the seed article, the cursor
itself: it starts on the first word in sight, moves across the title and the body, opens the
word's entry with enter as a click does, scrolls to the word and leaves the reader's keys as
they were once it ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from snapshot_app import SEED, entry_text, make_app, open_seed, settle
from textual.pilot import Pilot

from tui_news.core.display import PinyinMode
from tui_news.core.ruby_layout import cell_of, column_at, layout_ruby
from tui_news.core.vocabulary import article_texts, stepped_word
from tui_news.ui.renderables.article import ruby_within
from tui_news.ui.renderables.ruby import FALLBACK_WIDTH, RubyText
from tui_news.ui.screens.links import LinksScreen
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.screens.words import WordEntryScreen
from tui_news.ui.widgets.article_view import ArticleView
from tui_news.ui.widgets.word_cursor import WORD_CURSOR_STYLE

SENTENCE = "济南是山东省的省会。"
READINGS = ["jǐ", "nán", "shì", "shān", "dōng", "shěng", "de", "shěng", "huì", None]
STARTS = [True, False, True, True, False, False, True, True, False, True]
CONSOLE = Console(width=80, color_system=None)
SIZE = (100, 30)


# The pure pieces


def test_cell_of_finds_where_a_column_begins_on_a_ruby_line():
    lines = layout_ruby("济南\n是", ["jǐ", "nán", None, "shì"], 80)
    # "jǐ nán" over "济 南", then "shì" over "是": two rows each.
    assert cell_of(lines, 0) == (0, 0)
    assert cell_of(lines, 1) == (2, 0)
    assert cell_of(lines, 3) == (0, 2)
    assert cell_of(lines, 2) is None  # the newline draws nothing
    assert cell_of(lines, 4) is None and cell_of(lines, -1) is None


def test_cell_of_counts_one_row_for_a_line_without_ruby():
    lines = layout_ruby("济南是山东省的省会", None, 6)
    assert [cell_of(lines, i) for i in (0, 2, 3, 8)] == [(0, 0), (4, 0), (0, 1), (4, 2)]


text_and_width = st.tuples(
    st.text(alphabet="济南是山东省的省会。ab ,\n", max_size=40), st.integers(1, 30)
)


@given(text_and_width, st.booleans())
def test_cell_of_is_the_inverse_of_column_at(case, with_readings):
    text, width = case
    han = [c not in "ab ,\n。" for c in text]
    readings = ["ji" if is_han else None for is_han in han] if with_readings else None
    lines = layout_ruby(text, readings, width)
    for line in lines:
        for column in line.columns:
            for offset in range(column.start, column.end):
                x, y = cell_of(lines, offset)
                assert column_at(lines, x, y) == (column, x)
                if line.has_ruby:
                    assert column_at(lines, x, y + 1) == (column, x)


def test_ruby_text_cell_of_with_ruby_rows_and_in_the_fallback():
    ruby = RubyText(Text(SENTENCE), READINGS, word_starts=STARTS, fallback_width=FALLBACK_WIDTH)
    for width in (80, 10, FALLBACK_WIDTH - 1, 8):
        for offset in range(len(SENTENCE)):
            x, y = ruby.cell_of(CONSOLE, offset, width)
            assert ruby.char_at(CONSOLE, x, y, width) == offset
    # The fallback: 济南(jǐnán) takes 11 cells, 是(shì) 7, then 山.
    assert ruby.cell_of(CONSOLE, 2, FALLBACK_WIDTH - 1) == (11, 0)
    assert ruby.cell_of(CONSOLE, 3, FALLBACK_WIDTH - 1) == (18, 0)  # 山, after 是(shì)
    assert ruby.cell_of(CONSOLE, 10, 80) is None


def test_stepped_word_crosses_texts_and_stops_at_the_ends():
    spans = {0: [(0, 2), (3, 5)], 1: [], 2: [(1, 3)]}
    step = lambda place, by: stepped_word(spans.__getitem__, 3, place, by)  # noqa: E731
    assert step((0, 0, 2), 1) == (0, 3, 5)
    assert step((0, 3, 5), 1) == (2, 1, 3)  # text 1 has no word: passed over
    assert step((2, 1, 3), -1) == (0, 3, 5)
    assert step((2, 1, 3), 1) is None
    assert step((0, 0, 2), -1) is None
    assert step((5, 0, 1), 1) is None


# The cursor in the reader


async def open_view(pilot: Pilot, mode: PinyinMode = PinyinMode.OFF) -> ArticleView:
    return (await open_seed(pilot, mode)).query_one(ArticleView)


def highlighted(view: ArticleView) -> list[str]:
    """The text under the cursor's style, in every part on show."""
    found = []
    for part in view.query("ArticlePart"):
        ruby = ruby_within(part.part)
        if ruby is None:
            continue
        text = ruby[0].text
        found += [text.plain[s.start : s.end] for s in text.spans if s.style == WORD_CURSOR_STYLE]
    return found


def word(view: ArticleView) -> str:
    assert view.word_cursor is not None
    number, start, end = view.word_cursor
    return article_texts(view.entry.article)[number][0][start:end]


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


@pytest.mark.anyio
@pytest.mark.usefixtures("home")
async def test_the_cursor_moves_across_the_title_and_the_body(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_view(pilot)
        await press(pilot, "d")
        assert view.has_focus and view.word_cursor == (0, 0, 2)
        assert word(view) == "趵眼" and highlighted(view) == ["趵眼"]
        await press(pilot, "left")  # nothing before the first word
        assert view.word_cursor == (0, 0, 2)
        await press(pilot, *["right"] * 10)
        assert word(view) == "签约"  # the title's last word
        await press(pilot, "l")  # across into the first paragraph
        assert view.word_cursor[0] == 1 and word(view) == "新"
        assert highlighted(view) == ["新"]
        await press(pilot, "h")
        assert view.word_cursor[0] == 0 and word(view) == "签约"
        await press(pilot, "escape")
        assert view.word_cursor is None and highlighted(view) == []


@pytest.mark.anyio
@pytest.mark.usefixtures("home")
async def test_enter_opens_the_words_entry_as_a_click_does(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_view(pilot, PinyinMode.MARKS)
        await press(pilot, "d", *["right"] * 14)  # 新 时代 新 济南 in the first paragraph
        assert (view.word_cursor[0], word(view)) == (1, "济南")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, WordEntryScreen)
        text = entry_text(app)
        assert text.startswith("济南") and "jǐnán" in text
        await press(pilot, "escape")  # back: the cursor is where it was
        assert isinstance(app.screen, ReaderScreen)
        assert word(view) == "济南" and highlighted(view) == ["济南"]
        await press(pilot, "right")
        assert word(view) == "面临"


@pytest.mark.anyio
@pytest.mark.usefixtures("home")
async def test_the_view_scrolls_to_a_word_far_down(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_view(pilot, PinyinMode.MARKS)
        await press(pilot, "d", *["right"] * 120)
        assert view.word_cursor[0] >= 1
        row = view.word_row(view.word_cursor)
        assert view.scroll_y > 0
        height = view.scrollable_content_region.height
        assert view.scroll_y <= row and row + 1 < view.scroll_y + height
        await press(pilot, "escape", "G", "d")  # at the end: the first word in sight
        start = view.word_row(view.word_cursor)
        assert view.scroll_y <= start < view.scroll_y + height


@pytest.mark.anyio
@pytest.mark.usefixtures("home")
async def test_the_highlight_follows_a_pinyin_switch_and_the_narrow_fallback(
    library: Path,
) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=(44, 24)) as pilot:
        view = await open_view(pilot, PinyinMode.MARKS)
        assert view.ruby_falls_back
        await press(pilot, "d", *["right"] * 9)
        assert word(view) == "济南" and highlighted(view) == ["济南"]
        await press(pilot, "p")  # tone numbers: the same word stays highlighted
        assert word(view) == "济南" and highlighted(view) == ["济南"]
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, WordEntryScreen)
        assert "jǐnán" in entry_text(app)


@pytest.mark.anyio
@pytest.mark.usefixtures("home")
async def test_leaving_the_cursor_gives_the_keys_back_to_the_reader(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_view(pilot)
        await press(pilot, "d", "right", "d")  # the same key again leaves
        assert view.word_cursor is None and highlighted(view) == []
        await press(pilot, "l")  # the link list, as ever
        assert isinstance(app.screen, LinksScreen)
        await press(pilot, "escape")
        await press(pilot, "d", "tab")  # moving the focus away ends it
        assert view.word_cursor is None and not view.has_focus
        await press(pilot, "shift+tab")
        assert view.has_focus
        await press(pilot, "right", "enter")  # nothing for the cursor keys now
        assert view.word_cursor is None and isinstance(app.screen, ReaderScreen)
        await press(pilot, "p")
        assert app.screen.pinyin_mode is PinyinMode.MARKS
