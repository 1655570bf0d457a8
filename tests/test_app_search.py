"""Finding articles (`/`) and finding text in one (ctrl+f, n, N), driven through the pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_app import EV, GARDEN, SEED, make_app, make_library, settle

from tui_news.core.search import SearchIndex
from tui_news.services.library import bundled_articles_dir, load_library
from tui_news.ui.screens.reader import ReaderScreen
from tui_news.ui.widgets.article_list import MATCH_STYLE, ArticleList, RowMarks, entry_title
from tui_news.ui.widgets.article_parts import texts_in
from tui_news.ui.widgets.article_view import (
    CURRENT_MATCH_STYLE,
    ArticleView,
)
from tui_news.ui.widgets.article_view import (
    MATCH_STYLE as FIND_STYLE,
)
from tui_news.ui.widgets.filter_bar import FilterBar, search_document
from tui_news.ui.widgets.find_bar import FindBar

SIZE = (100, 30)
FERRY = "030_harbour_ferry_english.md"
pytestmark = pytest.mark.anyio


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUI_NEWS_HOME", str(tmp_path / "home"))
    return make_library(tmp_path, names=(SEED, GARDEN, EV, FERRY))


def listed(app) -> list[str]:
    return [entry.path.name for entry in app.screen.query_one(ArticleList).entries]


async def filter_for(pilot, query: str) -> None:
    await pilot.press("slash", *query)
    await pilot.pause()


# The list filter


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jinan", [SEED]),  # toneless pinyin
        ("jǐnán", [SEED]),  # tone marks
        ("ji3nan2", [SEED]),  # tone digits
        ("jnrb", [SEED]),  # initials: 济南日报
        ("济南", [SEED]),  # characters
        ("ferry", [FERRY]),  # English, any case
        ("浦江科技报", [EV]),  # the source
        ("louding", [GARDEN]),  # 楼顶, in the title and body
    ],
)
async def test_slash_filters_by_text_and_pinyin(
    library: Path, query: str, expected: list[str]
) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_for(pilot, query)
        assert listed(app) == expected
        assert app.screen.query_one(ArticleList).border_title == "Articles (1 of 4)"


async def test_filter_searches_comments_too(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        garden = next(e for e in app.screen.library_entries if e.path.name == GARDEN)
        comment = garden.article.comments[0].text[:4]
        await filter_for(pilot, comment)
        assert GARDEN in listed(app)


def test_matches_are_highlighted_in_titles() -> None:
    entry = next(e for e in load_library(bundled_articles_dir()) if e.path.name == SEED)
    title = entry_title(entry, RowMarks(query="jinan"))
    start = entry.title.index("济南")
    assert any(
        span.style == MATCH_STYLE and (span.start, span.end) == (start, start + 2)
        for span in title.spans
    )


async def test_escape_clears_the_filter_and_enter_keeps_it(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        await filter_for(pilot, "jinan")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, ArticleList)
        assert bar.display and listed(app) == [SEED]  # kept, and still in sight
        await pilot.press("escape")  # from the list: clears too
        await pilot.pause()
        assert listed(app) == [SEED, GARDEN, EV, FERRY] and not bar.display
        await filter_for(pilot, "ferry")
        await pilot.press("escape")
        await pilot.pause()
        assert listed(app) == [SEED, GARDEN, EV, FERRY] and not bar.display
        assert isinstance(app.focused, ArticleList)


async def test_the_filter_works_while_indexing(library: Path) -> None:
    """Segments arrive one by one; each narrows what was indexed so far."""
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        entries = app.screen.library_entries
        bar.generation += 1
        bar.segments, bar.indexed, bar.total = [], 0, len(entries)
        await filter_for(pilot, "ferry")
        assert listed(app) == []
        assert app.screen.query_one(ArticleList).border_subtitle == "indexing…"
        bar.add_segment(SearchIndex([search_document(e) for e in entries[:3]]), bar.generation)
        await pilot.pause()
        assert listed(app) == []
        bar.add_segment(SearchIndex([search_document(e) for e in entries[3:]]), bar.generation)
        await pilot.pause()
        assert listed(app) == [FERRY]
        assert app.screen.query_one(ArticleList).border_subtitle == ""
        bar.add_segment(SearchIndex([search_document(entries[0])]), bar.generation - 1)
        assert bar.indexed == len(entries)  # a stale worker's segment is dropped


async def test_next_article_keys_follow_the_filtered_list(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_for(pilot, "example")  # the URLs are not searched; nothing matches
        await pilot.press("escape")
        await pilot.press("2")  # unread: the seed was opened at start
        await pilot.press("right_square_bracket")
        assert app.screen.current.path.name == GARDEN


# Find in the article


def highlighted(app) -> list[tuple[str, bool]]:
    """(matched text, is current) for every highlighted span in the article pane."""
    view = app.screen.query_one(ArticleView)
    found = []
    for static in view.query("Static"):
        for text, _ in texts_in(static.content):
            for span in text.spans:
                if span.style in (FIND_STYLE, CURRENT_MATCH_STYLE):
                    current = span.style == CURRENT_MATCH_STYLE
                    found.append((text.plain[span.start : span.end], current))
    return found


async def test_ctrl_f_highlights_matches_and_n_moves_between_them(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("ctrl+f", *"jinan")
        await pilot.pause()
        total = len(view.matches)
        assert total > 5
        assert view.border_subtitle == f"pinyin off · match 1 of {total}"
        marks = highlighted(app)
        assert {text for text, _ in marks} == {"济南"}
        assert [current for _, current in marks].count(True) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, ArticleView)
        assert not app.screen.query_one(FindBar).display
        await pilot.press("n", "n")
        assert view.current_match == 2
        await pilot.press("N")
        assert view.current_match == 1
        await pilot.press("N", "N")  # wraps around
        assert view.current_match == total - 1
        await pilot.press("g", "N")  # the last but one match, far down
        await pilot.pause()
        assert view.scroll_y > 0  # the match is brought into view


async def test_find_keeps_matches_across_pinyin_modes_and_escape_clears(library: Path) -> None:
    app = make_app(library, selected=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("ctrl+f", *"ji3nan2")
        await pilot.pause()
        count = len(view.matches)
        await pilot.press("enter", "p")
        await pilot.pause()
        assert len(view.matches) == count
        assert view.border_subtitle.startswith("pinyin: tone marks · Pleco colours · match 1 of")
        await pilot.press("ctrl+f", "escape")
        await pilot.pause()
        assert view.matches == [] and highlighted(app) == []
        assert view.border_subtitle == "pinyin: tone marks · Pleco colours"


async def test_n_without_a_search_opens_the_find_bar(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, FindBar)
        await pilot.press(*"nothing-like-this", "down", "up")
        await pilot.pause()
        assert app.screen.query_one(ArticleView).border_subtitle == "pinyin off · no matches"


def test_every_new_key_is_on_the_reader_screen() -> None:
    ids = {b.id for b in ReaderScreen.BINDINGS if not isinstance(b, tuple)}
    for binding_id in ("reader.star", "reader.read", "reader.filter", "reader.find"):
        assert binding_id in ids
