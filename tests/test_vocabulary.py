"""The article's word list (core.vocabulary): segmentation, counts, readings and the orders."""

from __future__ import annotations

import pytest

from tui_news.core.models import Article, Block, BlockKind, Comment, Span
from tui_news.core.vocabulary import (
    VocabularyWord,
    WordOrder,
    article_vocabulary,
    collect_words,
    join_syllables,
    ordered,
    text_vocabulary,
    words_of,
)


def word(text: str, count: int, position: int) -> VocabularyWord:
    return VocabularyWord(text, tuple("x" for _ in text), count, position)


def test_words_follow_the_word_flags_and_keep_only_han_characters():
    text = "我在银行,5月CEO"
    readings = ["wǒ", "zài", "yín", "háng", None, None, "yuè", None, None, None]
    starts = [True, True, True, False, True, True, False, True, False, False]
    assert words_of(text, readings, starts) == [
        ("我", ("wǒ",)),
        ("在", ("zài",)),
        ("银行", ("yín", "háng")),
        ("月", ("yuè",)),  # the segment "5月" keeps its Han part only
    ]


def test_a_han_character_without_a_reading_is_marked_not_dropped():
    assert words_of("𪚥", [None], [True]) == [("𪚥", ("?",))]


def test_words_of_rejects_misaligned_readings():
    with pytest.raises(ValueError):
        words_of("银行", ["yín"], [True, False])


def test_each_word_once_with_its_count_first_reading_and_every_reading():
    pieces = [
        [("银行", ("yín", "háng")), ("行", ("xíng",)), ("银行", ("yín", "háng"))],
        [("行", ("háng",)), ("我", ("wǒ",))],
    ]
    words = collect_words(pieces)
    assert [(w.text, w.count, w.position) for w in words] == [
        ("银行", 2, 0),
        ("行", 2, 1),
        ("我", 1, 2),
    ]
    xing = words[1]
    assert xing.syllables == ("xíng",)
    assert xing.readings == ((("xíng",), 1), (("háng",), 1))
    assert words[0].pinyin == "yínháng"


def test_pinyin_gets_an_apostrophe_before_a_syllable_starting_with_a_vowel():
    assert join_syllables(["xī", "ān"]) == "xī'ān"
    assert join_syllables(["tiān", "ān", "mén"]) == "tiān'ānmén"
    assert join_syllables(["ǒu", "ěr"]) == "ǒu'ěr"
    assert join_syllables(["jǐ", "nán"]) == "jǐnán"


def test_text_vocabulary_reads_words_as_the_ruby_does():
    words = text_vocabulary([("我在银行工作，银行很大。", {})])
    bank = next(w for w in words if w.text == "银行")
    assert bank.syllables == ("yín", "háng") and bank.count == 2
    assert "，" not in "".join(w.text for w in words)


def test_publisher_readings_win_and_sandhi_stays_off():
    (jinan,) = text_vocabulary([("济南", {0: "jì"})])
    assert jinan.syllables == ("jì", "nán")
    budui = text_vocabulary([("不对", {})])
    assert "".join(s for w in budui for s in w.syllables) == "bùduì"  # spoken: búduì


def test_article_vocabulary_reads_title_and_body_but_not_comments():
    article = Article(
        title="银行",
        body=[Block(BlockKind.PARAGRAPH, [Span("银行开门")])],
        comments=[Comment("读者", "天气很好")],
    )
    words = {w.text: w.count for w in article_vocabulary(article)}
    assert words["银行"] == 2
    assert "天气" not in words


def test_orders_by_appearance_level_and_count():
    words = [word("甲", 1, 0), word("乙", 5, 1), word("丙", 5, 2), word("丁", 2, 3)]
    levels = {"甲": 1, "乙": 6, "丁": 6}
    texts = lambda order: [w.text for w in ordered(reversed(words), order, levels.get)]  # noqa: E731
    assert texts(WordOrder.APPEARANCE) == ["甲", "乙", "丙", "丁"]
    # unlisted (丙) counts hardest; equal levels keep the order of appearance
    assert texts(WordOrder.LEVEL) == ["丙", "乙", "丁", "甲"]
    assert texts(WordOrder.COUNT) == ["乙", "丙", "丁", "甲"]


def test_the_sort_key_cycles_through_the_three_orders():
    order = WordOrder.APPEARANCE
    seen = [order := order.next() for _ in range(3)]
    assert seen == [WordOrder.LEVEL, WordOrder.COUNT, WordOrder.APPEARANCE]
    assert "hardest first" in WordOrder.LEVEL.label
