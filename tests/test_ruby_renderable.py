"""RubyText as Rich draws it: exact rows, styles kept, never wider than the console."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_helpers import make_console, rendered
from rich.cells import cell_len
from rich.measure import Measurement
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui_news.core.readings import text_readings
from tui_news.ui.renderables.ruby import RubyText


def render_lines(renderable: object, width: int) -> list[list[Segment]]:
    console = make_console(width)
    return list(Segment.split_lines(console.render(renderable)))


def test_jinan_at_width_20():
    assert rendered(RubyText(Text("济南"), ["jǐ", "nán"]), 20) == "jǐ nán\n济 南\n"


def test_tone_numbers():
    ruby = RubyText(Text("济南"), ["jǐ", "nán"], numbers=True)
    assert rendered(ruby, 20) == "ji3 nan2\n 济  南\n"


def test_plain_mode_and_readingless_lines_have_no_ruby_row():
    assert rendered(RubyText(Text("hello world"), None), 20) == "hello world\n"
    assert rendered(RubyText(Text("hello world"), [None] * 11), 20) == "hello world\n"
    assert rendered(RubyText(Text("济南"), None), 20) == "济南\n"


def test_wrapping_keeps_syllables_with_their_characters():
    text = Text("济南济南济南")
    output = rendered(RubyText(text, ["jǐ", "nán"] * 3), 10)
    assert output == "jǐ nán jǐ\n济 南  济\nnán jǐ nán\n 南 济 南\n"


def test_styles_of_the_text_are_kept_and_ruby_is_styled():
    text = Text("济南 ok", style="italic")
    text.stylize("bold", 1, 2)
    text.stylize(Style(link="https://example.com"), 3, 5)

    def red_for_nan(syllable: str) -> Style | None:
        return Style(color="red") if syllable == "nán" else None

    ruby = RubyText(text, ["jǐ", "nán", None, None, None], syllable_styles=red_for_nan)
    ruby_row, base_row = render_lines(ruby, 20)
    by_text = {segment.text: segment.style for segment in ruby_row + base_row}
    assert by_text["jǐ"] == Style(dim=True)
    assert by_text["nán"] == Style(dim=True, color="red")
    assert by_text["济"] == Style(italic=True)
    assert by_text["南"] == Style(italic=True, bold=True, color="red")
    assert by_text["ok"].link == "https://example.com" and by_text["ok"].italic


def test_syllable_styles_receive_tone_marks_even_when_numbers_are_shown():
    seen: list[str] = []
    ruby = RubyText(
        Text("济南"), ["jǐ", "nán"], numbers=True, syllable_styles=lambda s: seen.append(s)
    )
    rendered(ruby, 20)
    # Once for the syllable, once for the character below it.
    assert sorted(seen) == ["jǐ", "jǐ", "nán", "nán"]


def test_custom_ruby_style():
    ruby_row, _ = render_lines(RubyText(Text("济"), ["jǐ"], ruby_style="italic"), 10)
    assert [segment.style for segment in ruby_row if segment.text == "jǐ"] == [Style(italic=True)]


def test_measurement():
    console = make_console(80)
    ruby = RubyText(Text("济南"), ["jǐ", "nán"])
    assert Measurement.get(console, console.options, ruby) == Measurement(4, 6)
    plain = RubyText(Text("hello world"), None)
    assert Measurement.get(console, console.options, plain) == Measurement(5, 11)


def test_reading_count_must_match_the_text():
    with pytest.raises(ValueError):
        RubyText(Text("济南"), ["jǐ"])


def test_inside_a_panel_the_available_width_is_honoured():
    text = "新时代新济南,面临着贯彻落实黄河流域生态保护和高质量发展重大国家战略的重大机遇。"
    panel = Panel(RubyText(Text(text), text_readings(text)), width=24)
    lines = rendered(panel, 80).splitlines()
    assert len(lines) > 4
    assert all(cell_len(line) <= 24 for line in lines)


HAN = "新时代济南面临着贯彻落实黄河流域生态保护和高质量发展重大国家战略的"
pieces = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from(HAN),
    st.sampled_from(
        ["CEO", "Baidu", " ", "5", "，", "。", "“", "”", ",", "\n", "supercalifragilistic"]
    ),
)


@settings(max_examples=60)
@given(st.lists(pieces, max_size=40).map("".join), st.integers(10, 80), st.booleans())
def test_no_rendered_line_is_wider_than_the_console(plain, width, numbers):
    readings = text_readings(plain)
    lines = render_lines(RubyText(Text(plain), readings, numbers=numbers), width)
    assert all(Segment.get_line_length(line) <= width for line in lines)
    # Every Han character is drawn exactly once, in reading order.
    drawn = "".join(segment.text for line in lines for segment in line)
    assert "".join(ch for ch in drawn if ch in HAN) == "".join(ch for ch in plain if ch in HAN)


def test_rows_carry_no_trailing_padding():
    """Columns are padded for centring, but no row ends in blanks: piped output stays clean."""
    text = "新时代新济南，面临着重大机遇。" * 3
    ruby = RubyText(Text(text), text_readings(text))
    for width in range(10, 60):
        for row in rendered(ruby, width).splitlines():
            assert row == row.rstrip()
