"""The basic readings engine: word-context syllables, publisher overrides, tone digits."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_news.core.readings import is_han, text_readings, to_tone_numbers

SYLLABLE = re.compile(r"^[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿê̄̌̀́]+$")


def test_polyphones_are_read_in_word_context():
    assert text_readings("银行") == ("yín", "háng")
    assert text_readings("行走") == ("xíng", "zǒu")
    assert text_readings("济南") == ("jǐ", "nán")


def test_neutral_tone_is_unmarked():
    assert text_readings("我的")[1] == "de"


def test_only_han_characters_get_readings():
    readings = text_readings("5月CEO,济南。")
    assert readings[1] == "yuè"
    assert readings[0] is None and readings[2:6] == (None, None, None, None)
    assert readings[6:8] == ("jǐ", "nán") and readings[8] is None


def test_publisher_readings_override_the_engine():
    assert text_readings("济南", {0: "jì"}) == ("jì", "nán")
    assert text_readings("济南", {}) == ("jǐ", "nán")
    assert text_readings("济南", {5: "out of range"}) == ("jǐ", "nán")


def test_results_are_cached():
    first = text_readings("新时代新济南", {1: "shí"})
    assert text_readings("新时代新济南", {1: "shí"}) is first


def test_is_han():
    assert all(is_han(ch) for ch in "济南〇㐀𠀀豈")
    assert not any(is_han(ch) for ch in "a1,，。“ あア한")


def test_tone_numbers():
    assert to_tone_numbers("jǐ") == "ji3"
    assert to_tone_numbers("lüè") == "lve4"
    assert to_tone_numbers("nǚ") == "nv3"
    assert to_tone_numbers("de") == "de5"
    assert to_tone_numbers("zhōng") == "zhong1"
    assert to_tone_numbers("háng") == "hang2"


han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
other = st.sampled_from(list("abc 123,.，。“”\n"))


@settings(max_examples=60)
@given(st.text(alphabet=st.one_of(han, other), max_size=30))
def test_one_reading_per_character_and_only_for_han(text):
    readings = text_readings(text)
    assert len(readings) == len(text)
    for ch, reading in zip(text, readings, strict=True):
        if reading is None:
            continue
        assert is_han(ch)
        assert SYLLABLE.match(reading), reading
        # One syllable and digit per syllable: a few unit characters read as two (瓩 qiānwǎ).
        groups = re.findall(r"[a-zêv]+[1-5]", to_tone_numbers(reading))
        assert "".join(groups) == to_tone_numbers(reading)
        marks = sum(
            ch in "\u0304\u0301\u030c\u0300" for ch in unicodedata.normalize("NFD", reading)
        )
        assert len(groups) == max(1, marks)


def test_sandhi_gives_spoken_tones_and_publisher_readings_still_win():
    assert text_readings("一个", sandhi=False)[0] == "yī"
    assert text_readings("一个", sandhi=True)[0] == "yí"
    assert text_readings("一个", {0: "yī"}, sandhi=True)[0] == "yī"
