"""The publisher's inline pinyin: segmentation, removal, and what must be left alone."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_news.core.inline_pinyin import (
    extract_inline_pinyin,
    is_han,
    split_syllables,
    syllable_inventory,
)

SEED = Path(__file__).parent.parent / "articles" / "000_f0ce2c04f8de9a60.txt"
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü'’"
PINYIN_PARENTHESIS = re.compile(rf"[(（][{PINYIN_LETTERS}]+[)）]")


@pytest.mark.parametrize(
    ("joined", "syllables"),
    [
        ("mòguòduōjiǔ", ["mò", "guò", "duō", "jiǔ"]),
        ("zhànlüè", ["zhàn", "lüè"]),
        ("jǐnán", ["jǐ", "nán"]),
        ("xīn", ["xīn"]),
        ("hǎojǐgè", ["hǎo", "jǐ", "gè"]),
        ("réngōngzhìnéng", ["rén", "gōng", "zhì", "néng"]),
        ("zhōngxīngtōngxùn", ["zhōng", "xīng", "tōng", "xùn"]),
        ("shuǐdàoqúchéng", ["shuǐ", "dào", "qú", "chéng"]),
        ("jiānfùzhe", ["jiān", "fù", "zhe"]),
        ("xī'ān", ["xī", "ān"]),
        ("xī’ān", ["xī", "ān"]),
        ("xiān", ["xiān"]),  # without the apostrophe it is one syllable
        ("fāngǎn", ["fān", "gǎn"]),  # fāng'ǎn would need the apostrophe
        ("zhanlve", ["zhan", "lüe"]),  # v is the keyboard's ü
        ("nǚ'ér", ["nǚ", "ér"]),
    ],
)
def test_split_syllables(joined, syllables):
    assert split_syllables(joined) == syllables


@pytest.mark.parametrize(
    "text",
    ["", "CEO", "Xīn", "2024", "低空经济", "jǐ''nán", "'xī", "xī'", "ǎí", "qqq", "hm", "ng", "a-b"],
)
def test_split_syllables_rejects_what_is_not_lowercase_pinyin(text):
    assert split_syllables(text) is None


def test_split_syllables_with_a_count_takes_only_that_many():
    assert split_syllables("xian", count=2) == ["xi", "an"]
    assert split_syllables("xian", count=1) == ["xian"]
    assert split_syllables("jǐnán", count=3) is None


def test_inventory_is_the_standard_syllable_table():
    inventory = syllable_inventory()
    assert 400 <= len(inventory) <= 430
    assert {"zhuang", "lüe", "nü", "er", "a", "yo"} <= inventory
    assert not {"m", "ng", "hm", "ê", "lve", "v"} & inventory


def test_readings_annotate_the_characters_right_before():
    assert extract_inline_pinyin("新时代新济南(jǐnán),面临") == (
        "新时代新济南,面临",
        {4: "jǐ", 5: "nán"},
    )


def test_a_joined_run_is_split_per_character():
    clean, readings = extract_inline_pinyin("没过多久(mòguòduōjiǔ),5月23日")
    assert clean == "没过多久,5月23日"
    assert readings == {0: "mò", 1: "guò", 2: "duō", 3: "jiǔ"}


@pytest.mark.parametrize(
    ("text", "clean", "readings"),
    [
        ("签署战略(zhànlüè)合作", "签署战略合作", {2: "zhàn", 3: "lüè"}),
        ("在新(xīn)赛道", "在新赛道", {1: "xīn"}),
        ("好几个(hǎojǐgè)协议", "好几个协议", {0: "hǎo", 1: "jǐ", 2: "gè"}),
        ("西安(xī'ān)游客", "西安游客", {0: "xī", 1: "ān"}),
        ("西安(xian)游客", "西安游客", {0: "xi", 1: "an"}),
        ("战略（zhànlüè）合作", "战略合作", {0: "zhàn", 1: "lüè"}),
        ("形成了(le)较为", "形成了较为", {2: "le"}),
        ("济(jǐ)南(nán)", "济南", {0: "jǐ", 1: "nán"}),
        ("一个(yígè)开始", "一个开始", {0: "yí", 1: "gè"}),
        ("第一行\n济南(jǐnán)", "第一行\n济南", {4: "jǐ", 5: "nán"}),
    ],
)
def test_extract_inline_pinyin(text, clean, readings):
    assert extract_inline_pinyin(text) == (clean, readings)


@pytest.mark.parametrize(
    "text",
    [
        "空天信息(低空经济)产业发展办公室",
        "前来!(济南日报·爱济南 记者:王端鹏 邢晓然)",
        "董事长兼(CEO)李彦宏",
        "数据统计(2024)",
        "选项(a)",
        "see (a) and (jǐnán)",  # no Han character before the parenthesis
        "中国(china)",  # segments as chi na, but those are not readings of 中国
        "南(jǐnán)",  # two syllables, one character
        "济南(Jǐnán)",  # not lowercase
        "济南(jǐ  nán)",  # doubled separator
        "济南()",
        "济南(jǐnán",
    ],
)
def test_non_pinyin_parentheses_stay_exactly(text):
    assert extract_inline_pinyin(text) == (text, {})


def test_spaces_separate_syllables_like_apostrophes():
    assert extract_inline_pinyin("济南(jǐ nán)") == ("济南", {0: "jǐ", 1: "nán"})


def test_a_second_parenthesis_after_a_reading_stays():
    assert extract_inline_pinyin("好(hǎo)（hǎo）") == ("好（hǎo）", {0: "hǎo"})


def test_seed_has_exactly_64_readings_and_all_are_removed():
    text = SEED.read_text(encoding="utf-8")
    annotations = PINYIN_PARENTHESIS.findall(text)
    assert len(annotations) == 64
    clean, readings = extract_inline_pinyin(text)
    assert PINYIN_PARENTHESIS.search(clean) is None
    assert len(text) - len(clean) == sum(len(a) for a in annotations)
    expected_syllables = sum(len(split_syllables(a[1:-1])) for a in annotations)
    assert len(readings) == expected_syllables == 132
    assert "(低空经济)" in clean
    assert "(济南日报·爱济南 记者:王端鹏 邢晓然)" in clean
    assert all(is_han(clean[offset]) for offset in readings)


# A few words with their readings, written the way publishers print them.
WORDS = [
    ("济南", "jǐnán"),
    ("没过多久", "mòguòduōjiǔ"),
    ("战略", "zhànlüè"),
    ("新", "xīn"),
    ("好几个", "hǎojǐgè"),
    ("人工智能", "réngōngzhìnéng"),
    ("西安", "xī'ān"),
    ("了", "le"),
    ("皮袄", "pí'ǎo"),
    ("方案", "fāng'àn"),
    ("女儿", "nǚ'ér"),
    ("绿色", "lǜsè"),
]
FILLER = st.text(alphabet="，。 abc12（)——的是", max_size=4)


@settings(max_examples=150)
@given(st.lists(st.tuples(FILLER, st.sampled_from(WORDS), st.booleans()), max_size=8), FILLER)
def test_annotated_words_round_trip(pieces, tail):
    text, expected_clean, expected = "", "", {}
    for filler, (word, reading), full_width in pieces:
        # A filler ending in Han would lengthen the run; separate words with a comma.
        text += filler + "，" + word + ("（%s）" if full_width else "(%s)") % reading
        expected_clean += filler + "，"
        for index, syllable in enumerate(split_syllables(reading)):
            expected[len(expected_clean) + index] = syllable
        expected_clean += word
    text += tail
    expected_clean += tail
    assert extract_inline_pinyin(text) == (expected_clean, expected)


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("济南中国西安(（)）jǐnánxiān'aCEO 2e")), max_size=40))
def test_extraction_only_ever_removes_parenthesised_pinyin(text):
    clean, readings = extract_inline_pinyin(text)
    assert [c for c in clean if is_han(c)] == [c for c in text if is_han(c)]
    assert all(0 <= offset < len(clean) and is_han(clean[offset]) for offset in readings)
    assert all(split_syllables(syllable) == [syllable] for syllable in readings.values())


@settings(max_examples=100)
@given(st.text(max_size=80))
def test_extraction_never_fails_on_any_text(text):
    clean, readings = extract_inline_pinyin(text)
    assert len(clean) <= len(text)
    assert all(0 <= offset < len(clean) for offset in readings)
