"""Properties of the ruby layout: widths, one centred syllable per character, wrapping together."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_news.core.cells import text_width
from tui_news.core.linebreak import NO_LINE_END, NO_LINE_START
from tui_news.core.readings import is_han
from tui_news.core.ruby_layout import RubyLine, layout_ruby

HAN = "济南日报业集团时政融媒工作室新代面临着贯彻落实黄河流域生态保护和高质量发展重大国家战略的"
SYLLABLES = ["jǐ", "nán", "rì", "bào", "zhuàng", "shuāng", "ē", "a", "ér", "lüè", "de", "zhōng"]
FULLWIDTH_CLOSING = "，。、；：？！）」』》"
FULLWIDTH_OPENING = "（「『《"
ARTICLE = Path(__file__).parent.parent / "articles" / "000_f0ce2c04f8de9a60.txt"

han_chars = st.sampled_from(HAN)
latin_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCZ", min_size=1, max_size=14)
tokens = st.one_of(
    han_chars,
    han_chars,
    han_chars,
    latin_words,
    st.text(alphabet="0123456789", min_size=1, max_size=4),
    st.sampled_from(list(",.;:?!()“”‘’—…-")),
    st.sampled_from(list(FULLWIDTH_CLOSING + FULLWIDTH_OPENING)),
    st.sampled_from([" ", " ", "  ", "\t", "\n", "\u3000", "e\u0301"]),
)
mixed_texts = st.lists(tokens, max_size=60).map("".join)


@st.composite
def texts_with_readings(draw: st.DrawFn, texts: st.SearchStrategy[str] = mixed_texts):
    text = draw(texts)
    readings = [
        draw(st.one_of(st.none(), st.sampled_from(SYLLABLES))) if is_han(ch) else None
        for ch in text
    ]
    return text, readings


def cell_offsets(line: RubyLine) -> list[int]:
    """The first cell of each column of a line."""
    offsets, used = [], 0
    for column in line.columns:
        offsets.append(used)
        used += column.width
    return offsets


def check_layout(text: str, readings: list[str | None] | None, width: int) -> list[RubyLine]:
    """Assert every property the spec promises; return the lines for further checks."""
    lines = layout_ruby(text, readings, width)
    assert "".join(text[line.start : line.end] for line in lines) == text
    assert [line.start for line in lines[1:]] == [line.end for line in lines[:-1]]

    placed: dict[int, tuple[int, int]] = {}  # character offset -> (line number, column number)
    for number, line in enumerate(lines):
        base = line.base_row(text)
        ruby = line.ruby_row(text)
        assert text_width(base) == line.width <= width
        if ruby is None:
            assert all(column.reading is None for column in line.columns)
        else:
            assert text_width(ruby) == line.width
        for position, column in enumerate(line.columns):
            assert line.start <= column.start < column.end <= line.end
            for offset in range(column.start, column.end):
                assert offset not in placed
                placed[offset] = (number, position)
        check_syllables(text, line, ruby)

    # Every character that is not whitespace is drawn, in one column, in reading order.
    visible = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert all(i in placed for i in visible)
    assert [placed[i] for i in visible] == sorted(placed[i] for i in visible)

    if readings is not None:
        for offset, reading in enumerate(readings):
            if reading and is_han(text[offset]):
                number, position = placed[offset]
                column = lines[number].columns[position]
                assert column.start == offset and column.reading == reading
    return lines


def check_syllables(text: str, line: RubyLine, ruby: str | None) -> None:
    """Syllables sit centred over their characters, never touching, with blanks elsewhere."""
    previous_syllable_end: int | None = None
    blanked = list(ruby) if ruby is not None else []
    for offset, column in zip(cell_offsets(line), line.columns, strict=True):
        if column.reading is None:
            continue
        assert ruby is not None
        syllable_width = text_width(column.reading)
        base_width = text_width(text[column.start : column.end])
        ruby_right = column.width - column.ruby_pad - syllable_width
        base_right = column.width - column.base_pad - base_width
        assert abs(column.ruby_pad - ruby_right) <= 1
        assert abs(column.base_pad - base_right) <= 1
        syllable_start = offset + column.ruby_pad
        assert ruby[syllable_start : syllable_start + syllable_width] == column.reading
        syllable_centre = syllable_start + syllable_width / 2
        base_centre = offset + column.base_pad + base_width / 2
        assert abs(syllable_centre - base_centre) <= 1
        if previous_syllable_end is not None:
            assert syllable_start - previous_syllable_end >= 1
        previous_syllable_end = syllable_start + syllable_width
        blanked[syllable_start : syllable_start + syllable_width] = " " * syllable_width
    # Latin, digits and punctuation have nothing above them.
    assert "".join(blanked).strip() == ""


@settings(max_examples=150)
@given(texts_with_readings(), st.integers(10, 200))
def test_layout_properties_with_readings(sample, width):
    text, readings = sample
    check_layout(text, readings, width)


@settings(max_examples=60)
@given(mixed_texts, st.integers(10, 200))
def test_plain_mode_has_no_ruby_and_breaks_like_readings_of_none(text, width):
    plain = check_layout(text, None, width)
    assert all(line.ruby_row(text) is None for line in plain)
    assert plain == layout_ruby(text, [None] * len(text), width)


# Kinsoku can always be honoured when punctuation sits next to Han characters and words are short.
kinsoku_tokens = st.one_of(
    st.tuples(st.sampled_from(FULLWIDTH_OPENING), han_chars).map("".join),
    st.tuples(han_chars, st.sampled_from(FULLWIDTH_CLOSING)).map("".join),
    st.tuples(han_chars, st.sampled_from(list(",.;:?!)"))).map("".join),
    han_chars,
    st.text(alphabet="abcxyz", min_size=1, max_size=4).map(lambda w: f" {w} "),
)


@settings(max_examples=100)
@given(
    texts_with_readings(st.lists(kinsoku_tokens, max_size=50).map("".join)), st.integers(10, 60)
)
def test_closing_punctuation_never_starts_and_opening_never_ends_a_line(sample, width):
    text, readings = sample
    for mode in (readings, None):
        lines = check_layout(text, mode, width)
        for line in lines:
            if not line.columns:
                continue
            first = text[line.columns[0].start]
            last = text[line.columns[-1].end - 1]
            if line.start > 0:
                assert first not in NO_LINE_START and first not in ",.;:?!)"
            if line is not lines[-1]:
                assert last not in NO_LINE_END


def article_paragraphs() -> list[str]:
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


FIXED_TEXTS = [
    "济南日报报业集团时政融媒工作室在集团所属各媒体开设“趵眼”栏目,以“深度观察、读懂济南”为定位。",
    "百度集团创始人、董事长兼CEO李彦宏一行,5月15日 signed an agreement（人工智能）。"
    "Supercalifragilistic!",
    "English only, no readings at all: the quick brown fox jumps over the lazy dog.\n"
    "Second line\tend.",
]


@pytest.mark.parametrize("text", FIXED_TEXTS)
def test_every_width_from_10_to_200(text):
    from tui_news.core.readings import text_readings

    readings = list(text_readings(text))
    for width in range(10, 201):
        check_layout(text, readings, width)
        check_layout(text, None, width)


def test_every_width_on_the_seed_article_opening():
    from tui_news.core.readings import text_readings

    text = "\n".join(article_paragraphs()[:6])
    readings = list(text_readings(text))
    for width in range(10, 201, 7):
        check_layout(text, readings, width)


def test_syllable_wider_than_its_character_widens_the_column():
    text = "双济"
    (line,) = layout_ruby(text, ["shuāng", "jǐ"], 40)
    assert line.ruby_row(text) == "shuāng jǐ"
    assert line.base_row(text) == "  双   济"
    assert [c.width for c in line.columns] == [6, 3]


def test_touching_syllables_get_one_space_between():
    text = "济南"
    (line,) = layout_ruby(text, ["jǐ", "nán"], 20)
    assert line.ruby_row(text) == "jǐ nán"
    assert line.base_row(text) == "济 南 "


def test_line_without_readings_has_no_ruby_row():
    text = "济南\nhello world"
    lines = layout_ruby(text, ["jǐ", "nán"] + [None] * 12, 40)
    assert lines[0].ruby_row(text) == "jǐ nán"
    assert lines[1].ruby_row(text) is None
    assert lines[1].base_row(text) == "hello world"


def test_ruby_wraps_with_its_characters():
    text = "济南济南济南"
    readings = ["jǐ", "nán"] * 3
    lines = layout_ruby(text, readings, 10)
    assert [line.ruby_row(text) for line in lines] == ["jǐ nán jǐ", "nán jǐ nán"]
    assert [line.base_row(text) for line in lines] == ["济 南  济", " 南 济 南 "]


def test_newlines_tabs_and_empty_text():
    assert [(line.start, line.end) for line in layout_ruby("", None, 10)] == [(0, 0)]
    lines = layout_ruby("a\tb\n\nc\n", None, 10)
    assert [line.base_row("a\tb\n\nc\n") for line in lines] == ["a b", "", "c", ""]


def test_whitespace_at_a_break_belongs_to_the_line_before_and_is_not_drawn():
    text = "hello   world"
    lines = layout_ruby(text, None, 6)
    assert [text[line.start : line.end] for line in lines] == ["hello   ", "world"]
    assert [line.base_row(text) for line in lines] == ["hello", "world"]


def test_width_below_one_is_rejected():
    with pytest.raises(ValueError):
        layout_ruby("济南", None, 0)
    with pytest.raises(ValueError):
        layout_ruby("济南", ["jǐ"], 10)


def test_narrow_widths_clip_instead_of_overflowing():
    text = "双济ab"
    for width in range(1, 8):
        for line in layout_ruby(text, ["shuāng", "jǐ", None, None], width):
            assert text_width(line.base_row(text)) <= width
            ruby = line.ruby_row(text)
            assert ruby is None or text_width(ruby) <= width
