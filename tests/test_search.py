"""Search: literal, English, pinyin (toneless, tone marks, tone digits, separated) and initials."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tui_news.core.pinyin_index import (
    compile_text,
    parse_pinyin_query,
    split_tone,
    syllable_inventory,
    syllable_readings,
)
from tui_news.core.search import ArticleMatcher, SearchDocument, SearchIndex, find_all, matches

TEXT = "我在济南市工作。Jinan is a city."
JINAN = (2, 4)


@pytest.mark.parametrize(
    "query", ["jinan", "jǐnán", "ji3nan2", "JiNan", "ji nan", "ji'nan", "jn", "JN", "济南"]
)
def test_ways_of_writing_jinan_find_it(query):
    assert JINAN in matches(query, TEXT)


def test_wrong_tones_do_not_match():
    assert JINAN not in matches("ji1nan2", TEXT)
    assert JINAN not in matches("jìnán", TEXT)


def test_partial_last_syllable_matches_as_you_type():
    assert matches("jina", "济南") == [(0, 2)]
    assert matches("ji3na", "济南") == [(0, 2)]


def test_pinyin_match_starts_at_a_syllable():
    # "an" is inside "nan" but no syllable starts there.
    assert matches("an", "济南") == []


def test_english_word_case_insensitive():
    text = "The Harbour ferry left."
    assert matches("harbour", text) == [(4, 11)]
    assert matches("FERRY", text) == [(12, 17)]


def test_initials_do_not_cross_a_non_han_character():
    assert matches("jn", "济，南") == []
    assert matches("jn", "济 南") == []
    assert matches("jn", "济a南") == []
    assert matches("jns", "济南市") == [(0, 3)]


def test_initials_need_two_consonant_letters():
    assert parse_pinyin_query("j").initials is None
    assert parse_pinyin_query("an").initials is None
    assert parse_pinyin_query("jn").initials == "jn"


def test_apostrophe_forces_a_syllable_boundary():
    assert matches("xi'an", "西安") == [(0, 2)]
    assert matches("xi'an", "先") == []
    assert matches("xian", "先") == [(0, 1)]


def test_umlaut_spellings():
    for query in ("lü", "lv", "lu", "lǜ", "lv4"):
        assert matches(query, "绿色") == [(0, 1)], query


def test_find_all_is_ordered_and_non_overlapping():
    text = "济南和济南"
    assert find_all("jinan", text) == [(0, 2), (3, 5)]
    assert find_all("aa", "aaaa") == [(0, 2), (2, 4)]


def test_several_words_fall_back_to_each_word():
    text = "The ferry left the harbour."
    assert ArticleMatcher("harbour ferry").matches_text(text)
    assert not ArticleMatcher("harbour bus").matches_text(text)
    assert matches("harbour ferry", text) == [(4, 9), (19, 26)]


def test_publisher_readings_win():
    # A made-up publisher reading: searching follows what the ruby shows.
    assert matches("xing", "银行", {1: "xíng"}) == [(1, 2)]


def test_empty_query_matches_nothing_in_text_but_everything_in_index():
    assert matches("", TEXT) == []
    index = SearchIndex([("a", "标题", "", "", ""), ("b", "Title", "", "", "")])
    assert index.search("") == ["a", "b"]


def test_index_filters_across_fields():
    index = SearchIndex(
        [
            SearchDocument("a", "济南新闻", "大众日报", "我在济南市", "评论：很好"),
            SearchDocument("b", "Harbour ferry", "Port Daily", "The ferry left the harbour.", ""),
            ("c", "西安", "", "古城", "网友：jn 不是"),
        ]
    )
    assert index.search("jinan") == ["a"]
    assert index.search("ji3nan2") == ["a"]
    assert index.search("ji1nan2") == []
    assert index.search("dazhong") == ["a"]  # source
    assert index.search("pinglun") == ["a"]  # comments
    assert index.search("ferry harbour") == ["b"]
    assert index.search("port") == ["b"]
    assert index.search("xi'an") == ["c"]
    assert index.search("jn") == ["a", "c"]  # 济南 by initials, "jn" literally


def test_index_spans_many_chunks_in_order():
    docs = [(f"k{i}", "济南" if i % 3 == 0 else "上海", "", "", "") for i in range(1000)]
    index = SearchIndex(docs)
    assert index.search("jn") == [f"k{i}" for i in range(0, 1000, 3)]
    assert len(index.search("shanghai")) == 1000 - 334


def test_index_agrees_with_matcher():
    texts = ["我在济南市", "西安古城", "济，南", "The Jinan ferry", "长江"]
    index = SearchIndex([(str(i), t, "", "", "") for i, t in enumerate(texts)])
    for query in ["jinan", "jn", "xian", "xi'an", "ji3", "changjiang", "cj", "an", "ferry"]:
        expected = [str(i) for i, t in enumerate(texts) if ArticleMatcher(query).matches_text(t)]
        assert index.search(query) == expected, query


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@given(text=st.text(HAN, min_size=1, max_size=12), data=st.data())
def test_toneless_pinyin_of_any_substring_is_found_there(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 6)))
    readings = syllable_readings(text)
    syllables = [split_tone(r)[0] if r else "" for r in readings[start:end]]
    known, _ = syllable_inventory()
    # Characters without a reading, and interjections like 嗯 (n), have no pinyin to search by.
    assume(all(s in known for s in syllables))
    assert (start, end) in ArticleMatcher("".join(syllables)).spans(text)
    assert (start, end) in ArticleMatcher(" ".join(syllables)).spans(text)


@given(text=st.text(HAN, min_size=1, max_size=12))
def test_compiled_initials_align_with_text(text):
    compiled = compile_text(text, with_offsets=True)
    assert len(compiled.initials) == len(text)
    assert len(compiled.offsets) == len(compiled.pinyin)
