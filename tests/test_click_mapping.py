"""From a clicked cell to a word, without Textual: the ruby layout's `column_at`,
`RubyText.char_at` (ruby rows and the parenthesised fallback), the article's numbered parts and
`word_at`, which finds the word the Words screen lists."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tui_news.core.display import PinyinMode
from tui_news.core.models import Article, Block, BlockKind, Span
from tui_news.core.ruby_layout import column_at, layout_ruby
from tui_news.core.vocabulary import article_texts, word_at, word_spans
from tui_news.ui.renderables.article import numbered_renderables, ruby_within
from tui_news.ui.renderables.ruby import FALLBACK_WIDTH, RubyText

SENTENCE = "济南是山东省的省会。"
READINGS = ["jǐ", "nán", "shì", "shān", "dōng", "shěng", "de", "shěng", "huì", None]
#           济南 | 是 | 山东省 | 的 | 省会 | 。
STARTS = [True, False, True, True, False, False, True, True, False, True]
CONSOLE = Console(width=80, color_system=None)


def test_column_at_finds_the_column_on_both_rows_of_a_ruby_line():
    lines = layout_ruby("济南", ["jǐ", "nán"], 80)
    # Row 0: "jǐ nán", row 1: "济 南 " (columns 2 and 4 wide, characters centred).
    assert [column_at(lines, x, 0)[0].start for x in range(6)] == [0, 0, 1, 1, 1, 1]
    assert [column_at(lines, x, 1)[0].start for x in range(6)] == [0, 0, 1, 1, 1, 1]
    assert column_at(lines, 3, 1) == (lines[0].columns[1], 2)
    assert column_at(lines, 6, 1) is None  # past the end of the line
    assert column_at(lines, 0, 2) is None  # below the text
    assert column_at(lines, -1, 0) is None


def test_column_at_counts_one_row_for_a_line_without_ruby():
    lines = layout_ruby("济南\n是", None, 80)
    assert column_at(lines, 2, 0)[0].start == 1  # 南: two cells wide, from cell 2
    assert column_at(lines, 0, 1)[0].start == 3  # 是, on the second line


def test_char_at_without_pinyin_is_the_character_under_the_cell():
    ruby = RubyText(Text(SENTENCE), None, fallback_width=FALLBACK_WIDTH)
    assert [ruby.char_at(CONSOLE, x, 0, 80) for x in (0, 1, 2, 3, 18, 19)] == [0, 0, 1, 1, 9, 9]
    assert ruby.char_at(CONSOLE, 20, 0, 80) is None
    assert ruby.char_at(CONSOLE, 0, 1, 4) == 2  # wrapped at 4 cells: 是 starts row 1


def test_char_at_on_a_syllable_finds_its_character():
    ruby = RubyText(Text(SENTENCE), READINGS, word_starts=STARTS, fallback_width=FALLBACK_WIDTH)
    row = "".join(c.reading or "" for c in layout_ruby(SENTENCE, READINGS, 80)[0].columns)
    assert row.startswith("jǐnánshìshān")
    assert ruby.char_at(CONSOLE, 4, 0, 80) == 1  # inside "nán"'s column
    assert ruby.char_at(CONSOLE, 4, 1, 80) == 1  # the same column's character row
    numbers = RubyText(Text(SENTENCE), READINGS, numbers=True, fallback_width=FALLBACK_WIDTH)
    assert numbers.char_at(CONSOLE, 5, 0, 80) == 1  # "ji3 nan2": nan2 from cell 4


def test_char_at_in_the_fallback_maps_a_reading_to_its_characters():
    ruby = RubyText(Text(SENTENCE), READINGS, word_starts=STARTS, fallback_width=FALLBACK_WIDTH)
    width = FALLBACK_WIDTH - 1
    with CONSOLE.capture() as capture:
        CONSOLE.print(ruby, width=width)
    first = capture.get().splitlines()[0]
    assert first.startswith("济南(jǐnán)是(shì)")
    cells = {x: ruby.char_at(CONSOLE, x, 0, width) for x in range(len("济南(jǐnán)是(shì)") + 2)}
    assert cells[0] == cells[1] == 0 and cells[2] == 1  # 济, 南
    assert cells[4] == 0  # "(" belongs to the word's first character
    assert cells[5] == cells[6] == 0  # "jǐ"
    assert cells[7] == cells[9] == 1  # "nán"
    assert cells[10] == 1  # ")" closes on the last one
    assert cells[11] == 2 and cells[14] == 2  # 是 and its (shì)


def article() -> Article:
    return Article(
        title="济南新闻",
        breadcrumb=["首页"],
        body=[
            Block(BlockKind.PARAGRAPH, [Span("百度来济南。")]),
            Block(BlockKind.PARAGRAPH, [Span("  ")]),  # shown as nothing: no part
            Block(BlockKind.QUOTE, [Span("他说：很好。")]),
        ],
    )


def test_numbered_parts_name_their_text_in_article_texts():
    parts = numbered_renderables(article(), PinyinMode.OFF)
    numbers = [number for number, _ in parts]
    assert numbers == [None, 0, None, 1, 3]
    texts = article_texts(article())
    for number, part in parts:
        found = ruby_within(part)
        if number is None:
            assert found is None
        else:
            assert found is not None and found[0].text.plain == texts[number][0]
    assert ruby_within(parts[-1][1])[1] == 2  # the quotation's bar comes first


def test_word_spans_split_at_word_starts_and_non_han_characters():
    assert word_spans(SENTENCE, STARTS) == [(0, 2), (2, 3), (3, 6), (6, 7), (7, 9)]
    assert word_spans("5月CEO说", [True, False, True, False, False, True]) == [(1, 2), (5, 6)]


def test_word_at_finds_the_word_and_its_reading_in_context():
    assert word_at("百度来济南。", {}, 4) == ("济南", ("jǐ", "nán"))
    assert word_at("百度来济南。", {3: "jì"}, 3) == ("济南", ("jì", "nán"))  # publisher first
    assert word_at("百度来济南。", {}, 5) is None  # punctuation
    assert word_at("CEO李彦宏", {}, 1) is None
    assert word_at("百度", {}, 7) is None
