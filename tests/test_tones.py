"""Tone numbers of syllables, tone colour schemes and their legibility on dark and light."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style

from tui_news.core.tones import (
    DARK_BACKGROUND,
    LIGHT_BACKGROUND,
    MIN_CONTRAST,
    ToneScheme,
    contrast_ratio,
    legible,
    relative_luminance,
    tone_of,
    toneless,
    with_tone,
)
from tui_news.ui.renderables.tone_styles import syllable_styles, tone_style_function


@pytest.mark.parametrize(
    ("syllable", "tone"),
    [
        ("jī", 1),
        ("nán", 2),
        ("jǐ", 3),
        ("lüè", 4),
        ("de", 5),
        ("ma", 5),
        ("ji3", 3),
        ("lv4", 4),
        ("de5", 5),
        ("de0", 5),
        ("Zhōng", 1),
        ("ǹg", 4),
        ("", 5),
        ("nu\u0308\u030c", 3),  # decomposed nǚ
    ],
)
def test_tone_of(syllable, tone):
    assert tone_of(syllable) == tone


def test_toneless_keeps_letters_and_umlaut():
    assert toneless("lüè") == "lüe"
    assert toneless("ji3") == "ji"
    assert toneless("Ān") == "An"


@pytest.mark.parametrize(
    ("syllable", "tone", "expected"),
    [
        ("yī", 2, "yí"),
        ("yī", 4, "yì"),
        ("yī", 5, "yi"),
        ("bù", 2, "bú"),
        ("nǐ", 2, "ní"),
        ("liú", 3, "liǔ"),
        ("guǐ", 4, "guì"),
        ("zǒu", 2, "zóu"),
        ("xiǎo", 2, "xiáo"),
        ("lǚ", 2, "lǘ"),
        ("ng", 2, "ńg"),
        ("Ér", 4, "Èr"),
    ],
)
def test_with_tone_places_the_mark_by_the_standard_rule(syllable, tone, expected):
    assert with_tone(syllable, tone) == expected
    assert tone_of(with_tone(syllable, tone)) == tone


def test_schemes_cycle_in_order():
    order = [ToneScheme.NONE]
    for _ in range(4):
        order.append(order[-1].next())
    assert order == ["none", "pleco", "zhongwen", "hanping", "none"]
    assert ToneScheme("pleco") is ToneScheme.PLECO
    assert ToneScheme.PLECO.label == "tone colours: pleco"


def test_pleco_colours_are_the_published_ones():
    colours = [ToneScheme.PLECO.colour(tone) for tone in range(1, 6)]
    assert colours == ["#E30000", "#02B31C", "#1510F0", "#8900BF", "#777777"]


def test_none_scheme_has_no_colour_and_tone_range_is_checked():
    assert ToneScheme.NONE.colour(3) is None
    assert ToneScheme.NONE.colour(3, dark=True) is None
    with pytest.raises(ValueError):
        ToneScheme.PLECO.colour(6)


def test_scheme_hues_follow_their_conventions():
    def dominant(colour: str) -> str:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return "rgb"[[r, g, b].index(max(r, g, b))]

    zhongwen = [ToneScheme.ZHONGWEN.colour(t) for t in range(1, 5)]
    hanping = [ToneScheme.HANPING.colour(t) for t in range(1, 5)]
    assert [dominant(c) for c in zhongwen] == ["r", "r", "g", "b"]  # red, orange, green, blue
    assert [dominant(c) for c in hanping] == ["b", "g", "r", "r"]  # blue, green, orange, red
    assert zhongwen[1] != zhongwen[0] and hanping[2] != hanping[3]


def test_wcag_contrast_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    # A published reference pair: #777777 on white is just under 4.5:1.
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_pleco_blue_is_lightened_on_dark_but_stays_blue():
    original = ToneScheme.PLECO.colour(3)
    assert contrast_ratio(original, DARK_BACKGROUND) < MIN_CONTRAST  # the problem
    dark = ToneScheme.PLECO.colour(3, dark=True)
    assert dark != original
    assert contrast_ratio(dark, DARK_BACKGROUND) >= MIN_CONTRAST
    r, g, b = (int(dark[i : i + 2], 16) for i in (1, 3, 5))
    assert b > r and b > g
    assert relative_luminance(dark) > relative_luminance(original)
    # On a light background the original is fine and kept.
    assert ToneScheme.PLECO.colour(3, dark=False) == original


def test_pleco_green_is_darkened_on_light():
    light = ToneScheme.PLECO.colour(2, dark=False)
    assert light != "#02B31C"
    assert relative_luminance(light) < relative_luminance("#02B31C")
    assert contrast_ratio(light, LIGHT_BACKGROUND) >= MIN_CONTRAST


@pytest.mark.parametrize("scheme", [s for s in ToneScheme if s is not ToneScheme.NONE])
@pytest.mark.parametrize("dark", [True, False])
def test_every_variant_is_legible(scheme, dark):
    background = DARK_BACKGROUND if dark else LIGHT_BACKGROUND
    for tone in range(1, 6):
        colour = scheme.colour(tone, dark=dark)
        assert contrast_ratio(colour, background) >= MIN_CONTRAST, (scheme, tone, colour)


@given(
    st.integers(0, 0xFFFFFF).map(lambda v: f"#{v:06X}"),
    st.sampled_from(["#000000", "#1E1E1E", "#303030", "#F5F5F5", "#FFFFFF", "#D0D0D0"]),
)
def test_legible_always_reaches_the_minimum(colour, background):
    result = legible(colour, background)
    assert contrast_ratio(result, background) >= MIN_CONTRAST
    if contrast_ratio(colour, background) >= MIN_CONTRAST:
        assert result == colour


def test_tone_style_function_colours_by_tone():
    styles = tone_style_function(ToneScheme.PLECO, dark=False)
    assert styles("jǐ") == Style(color="#1510F0")
    assert styles("nán") == Style(color=ToneScheme.PLECO.colour(2, dark=False))
    assert styles("de") == Style(color="#777777")
    dark = tone_style_function(ToneScheme.PLECO, dark=True)
    assert dark("jǐ") == Style(color=ToneScheme.PLECO.colour(3, dark=True))


def test_none_scheme_styles_nothing():
    assert tone_style_function(ToneScheme.NONE, dark=True)("jǐ") is None
    assert syllable_styles(ToneScheme.NONE, dark=True) is None
    assert syllable_styles(ToneScheme.HANPING, dark=True)("mā") == Style(
        color=ToneScheme.HANPING.colour(1, dark=True)
    )
