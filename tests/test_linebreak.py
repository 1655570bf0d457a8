"""Chinese-aware line breaking and the cell widths it relies on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_news.core.cells import char_width, text_width
from tui_news.core.linebreak import can_break_between, split_atoms
from tui_news.core.ruby_layout import layout_ruby

# Every kind of character the reader shows: ASCII, Latin-1 and extended Latin (pinyin), combining
# marks, general punctuation (curly quotes, dashes, ellipsis), CJK symbols and punctuation, kana,
# CJK ideographs (extension A, unified, compatibility, extension B and beyond), CJK compatibility
# and small forms, fullwidth and halfwidth forms.
MEASURED_RANGES = [
    (0x20, 0x7F),
    (0xA0, 0x250),
    (0x2B0, 0x370),
    (0x1E00, 0x1F00),
    (0x2000, 0x2070),
    (0x2E80, 0x3100),
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xF900, 0xFB00),
    (0xFE10, 0xFE20),
    (0xFE30, 0xFE70),
    (0xFF00, 0xFFF0),
    (0x20000, 0x2FA20),
]


@pytest.mark.parametrize(("first", "stop"), MEASURED_RANGES)
def test_char_width_agrees_with_rich(first, stop):
    disagreements = [
        hex(code) for code in range(first, stop) if char_width(chr(code)) != cell_len(chr(code))
    ]
    assert disagreements == []


SAMPLED_CHARACTERS = [chr(c) for a, b in MEASURED_RANGES[:9] for c in range(a, b, 7)]


@settings(max_examples=100)
@given(st.text(alphabet=st.sampled_from(SAMPLED_CHARACTERS)))
def test_text_width_agrees_with_rich(text):
    assert text_width(text) == cell_len(text)


def test_pinyin_with_tone_marks_is_one_cell_per_letter():
    assert text_width("zhuàng lüè ǖ") == 12
    assert text_width("e\u0301") == 1  # a combining acute takes no cell of its own


def kinds(
    text: str, readings: list[bool] | None = None, max_width: int = 80
) -> list[tuple[str, str]]:
    return [(text[a.start : a.end], a.kind.value) for a in split_atoms(text, readings, max_width)]


def test_atoms_of_mixed_text():
    assert kinds("CEO李彦宏 5月,“好”\n") == [
        ("CEO", "word"),
        ("李", "glyph"),
        ("彦", "glyph"),
        ("宏", "glyph"),
        (" ", "space"),
        ("5", "word"),
        ("月", "glyph"),
        (",“", "word"),
        ("好", "glyph"),
        ("”", "word"),
        ("\n", "newline"),
    ]


def test_a_narrow_character_with_a_reading_gets_its_own_atom():
    assert kinds("ab", [False, True]) == [("a", "word"), ("b", "glyph")]


def test_combining_marks_stay_with_their_base():
    assert kinds("济\u0301e\u0301x") == [("济\u0301", "glyph"), ("e\u0301x", "word")]


def test_long_words_are_cut_into_pieces_that_fit():
    pieces = [("abcd", "word"), ("efgh", "word"), ("ijk", "word")]
    assert kinds("abcdefghijk", max_width=4) == pieces


def test_crlf_is_one_newline():
    assert kinds("a\r\nb") == [("a", "word"), ("\r\n", "newline"), ("b", "word")]


def break_allowed(text: str, index: int) -> bool:
    """Whether a break may go between atom `index - 1` and atom `index` of `text`."""
    atoms = split_atoms(text, None, 80)
    return can_break_between(text, atoms[index - 1], atoms[index])


def test_break_rules():
    assert break_allowed("济南", 1)
    assert not break_allowed("济。", 1)  # closing punctuation does not start a line
    assert not break_allowed("“济", 1)  # an opening quote does not end one
    assert not break_allowed("（济", 1)
    assert not break_allowed("济,", 1)  # ASCII comma attached to a Han character
    assert break_allowed("a 济", 2)  # after a space
    assert not break_allowed("a 济", 1)  # but never before one
    assert break_allowed("CEO李", 1)


def rows(text: str, width: int) -> list[str]:
    return [line.base_row(text) for line in layout_ruby(text, None, width)]


def test_closing_punctuation_takes_the_previous_character_down():
    assert rows("一二三四。", 8) == ["一二三", "四。"]
    assert rows("一二三四,", 8) == ["一二三", "四,"]
    assert rows("一二三”。", 7) == ["一二", "三”。"]


def test_opening_brackets_move_to_the_next_line():
    assert rows("一二三《四》", 8) == ["一二三", "《四》"]
    assert rows("一二三“四”", 7) == ["一二三", "“四”"]


def test_kinsoku_gives_way_when_nothing_else_fits():
    assert rows("。。。。", 4) == ["。。", "。。"]


def test_latin_breaks_at_spaces_and_splits_only_words_longer_than_the_width():
    assert rows("the quick brown fox", 10) == ["the quick", "brown fox"]
    assert rows("a abcdefghijkl b", 5) == ["a", "abcde", "fghij", "kl b"]


def test_chinese_never_splits_a_character_even_at_odd_widths():
    assert rows("一二三四五", 5) == ["一二", "三四", "五"]


def test_plain_mode_wraps_chinese_and_latin_together():
    assert rows("百度CEO李彦宏一行", 9) == ["百度CEO李", "彦宏一行"]
    assert rows("百度CEO李彦宏一行", 8) == ["百度CEO", "李彦宏一", "行"]
