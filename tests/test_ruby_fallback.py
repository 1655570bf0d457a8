"""RubyText at narrow widths (readings in parentheses) and marked syllables."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from render_helpers import rendered, segments
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui_news.core.tones import ToneScheme
from tui_news.ui.renderables.ruby import FALLBACK_WIDTH, MARKED_STYLE, fallback_lines
from tui_news.ui.renderables.ruby import RubyText as BaseRubyText
from tui_news.ui.renderables.tone_styles import tone_style_function

SENTENCE = "济南是山东省的省会，西安在陕西。"
WORDS = "济南|是|山东省|的|省会|，|西安|在|陕西|。"
SYLLABLES = "jǐ nán shì shān dōng shěng de shěng huì - xī ān zài shǎn xī -"


def RubyText(*args, **kwargs) -> BaseRubyText:  # noqa: N802 - stands in for the class
    """RubyText as the reader builds it: falling back below FALLBACK_WIDTH unless told."""
    kwargs.setdefault("fallback_width", FALLBACK_WIDTH)
    return BaseRubyText(*args, **kwargs)


def readings(syllables: str = SYLLABLES) -> list[str | None]:
    return [None if s == "-" else s for s in syllables.split()]


def word_starts(segmented: str = WORDS) -> list[bool]:
    starts: list[bool] = []
    for word in segmented.split("|"):
        starts += [True] + [False] * (len(word) - 1)
    return starts


def test_fallback_at_width_20_with_words():
    ruby = RubyText(Text(SENTENCE), readings(), word_starts=word_starts())
    assert rendered(ruby, 20) == (
        "济南(jǐnán)是(shì)山\n"
        "东省(shāndōngshěng)\n"
        "的(de)省\n"  # kinsoku: "，" may not start a line, so 会 moves down with it
        "会(shěnghuì)，西\n"
        "安(xī'ān)在(zài)陕\n"  # apostrophe before a syllable starting with a vowel
        "西(shǎnxī)。\n"
    )


def test_fallback_without_words_groups_runs_of_han_with_spaced_syllables():
    ruby = RubyText(Text("济南是省会，西安。"), readings("jǐ nán shì shěng huì - xī ān -"))
    assert rendered(ruby, 20) == ("济南是省会(jǐ nán\nshì shěng huì)，西\n安(xī ān)。\n")


def test_fallback_with_tone_numbers_has_no_apostrophe():
    ruby = RubyText(Text("西安"), ["xī", "ān"], numbers=True, word_starts=[True, False])
    assert rendered(ruby, 20) == "西安(xi1an1)\n"


def test_a_word_that_does_not_fit_moves_down_with_its_reading():
    ruby = RubyText(
        Text("我们都今天"),
        readings("wǒ men dōu jīn tiān"),
        word_starts=word_starts("我们都|今天"),
    )
    assert rendered(ruby, 16) == "我们都(wǒmendōu)\n今天(jīntiān)\n"


def test_is_fallback():
    ruby = RubyText(Text("济南"), ["jǐ", "nán"])
    assert ruby.is_fallback(23) and ruby.is_fallback(1)
    assert not ruby.is_fallback(24) and not ruby.is_fallback(80)
    assert not RubyText(Text("济南"), None).is_fallback(10)
    assert not RubyText(Text("ok"), [None, None]).is_fallback(10)
    assert not RubyText(Text("济南"), ["jǐ", "nán"], fallback_width=0).is_fallback(5)
    assert RubyText(Text("济南"), ["jǐ", "nán"], fallback_width=40).is_fallback(30)


def test_a_plain_text_style_reaches_the_characters():
    ruby = BaseRubyText(Text("济南", style="bold"), ["jǐ", "nán"])
    styled = {seg.text: seg.style for seg in segments(ruby, 40) if seg.text.strip()}
    assert styled["济"] == Style(bold=True) and styled["南"] == Style(bold=True)


def test_at_24_cells_ruby_rows_are_kept():
    ruby = RubyText(Text("济南"), ["jǐ", "nán"])
    assert rendered(ruby, 24) == "jǐ nán\n济 南\n"


def test_plain_mode_at_narrow_width_is_unchanged():
    assert rendered(RubyText(Text("济南是山东"), None), 6) == "济南是\n山东\n"


def test_styles_in_fallback():
    text = Text("济南", style="bold")
    colours = tone_style_function(ToneScheme.PLECO, dark=False)
    ruby = RubyText(
        text,
        ["jǐ", "nán"],
        syllable_styles=colours,
        ruby_style="dim",
        marked=[1],
        word_starts=[True, False],
    )
    styled = {seg.text: seg.style for seg in segments(ruby, 20) if seg.text.strip()}
    third, second = colours("jǐ"), colours("nán")
    assert styled["济"] == Style(bold=True) + third
    assert styled["南"] == Style(bold=True) + second
    assert styled["jǐ"] == Style(dim=True) + third
    assert styled["nán"] == Style(dim=True) + second + MARKED_STYLE
    assert styled["("] == Style(dim=True)
    assert not styled["jǐ"].underline and not styled["南"].underline


def test_marked_syllables_are_underlined_in_ruby_rows():
    ruby = RubyText(Text("银行"), ["yín", "xíng"], marked={1})
    styled = {seg.text: seg.style for seg in segments(ruby, 40) if seg.text.strip()}
    assert styled["xíng"].underline is True
    assert not styled["yín"].underline
    assert not styled["行"].underline  # only the syllable is marked
    assert rendered(ruby, 40) == "yín xíng\n 银  行\n"  # marking changes no cell


def test_word_starts_length_is_checked():
    with pytest.raises(ValueError):
        RubyText(Text("济南"), ["jǐ", "nán"], word_starts=[True])


def lines_of(text: str, width: int, glued: set[int]) -> list[str]:
    return [text[line.start : line.end] for line in fallback_lines(text, width, glued)]


def test_fallback_lines_keep_a_glued_reading_with_the_character_before_it():
    text = "你好(cd)ef"
    assert lines_of(text, 8, set()) == ["你好", "(cd)ef"]  # ordinary breaking
    assert lines_of(text, 8, {2}) == ["你", "好(cd)ef"]  # "(" stays with 好
    # At width 5 "好" and "(cd)e" can never share a line: the glue is ignored.
    assert lines_of(text, 5, {2}) == ["你好", "(cd)e", "f"]


def test_fallback_lines_newlines_and_hanging_spaces():
    assert lines_of("ab cd\nef", 3, set()) == ["ab ", "cd\n", "ef"]
    assert [line.start for line in fallback_lines("ab cd\nef", 3, set())] == [0, 3, 6]


HAN = "济南是山东省会西安在陕一不"
han_text = st.text(alphabet=HAN + "，。 ab", min_size=1, max_size=40)


@given(han_text, st.integers(2, 23), st.booleans())
def test_fallback_fits_and_keeps_every_character(text, width, with_words):
    syllables = [None if ch in "，。 ab" else "zhuāng" for ch in text]
    starts = [i % 3 == 0 for i in range(len(text))] if with_words else None
    ruby = RubyText(Text(text), syllables, word_starts=starts)
    output = rendered(ruby, width)
    lines = output.split("\n")[:-1]
    assert all(cell_len(line) <= width for line in lines)
    # Remove the readings; what is left is the text with line breaks (and no lost characters).
    flat = re.sub(r"\([^()]*\)", "", "".join(lines).replace("\n", ""))
    assert flat.replace(" ", "") == text.replace(" ", "").replace("…", "")
