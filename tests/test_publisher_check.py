"""Comparing the publisher's inline pinyin with the engine's readings."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tui_news.core.models import Article, Block, BlockKind, Comment, Span
from tui_news.core.polyphone import Reading
from tui_news.core.publisher_check import (
    Disagreement,
    disagreeing_offsets,
    disagreements,
    normalise,
    places,
    same_reading,
)

# What a fake engine says for each character; every character starts a word unless listed.
ENGINE = {
    "银": "yín",
    "行": "háng",
    "走": "zǒu",
    "一": "yī",
    "个": "gè",
    "先": "xiān",
    "生": "sheng",
    "的": "de",
    "绿": "lǜ",
    "去": "qù",
    "着": "zhe",
    "力": "lì",
    "你": "nǐ",
    "好": "hǎo",
}
NOT_WORD_START = {"行", "生", "个", "力", "好"}


def fake_read(texts: Sequence[str]) -> list[list[Reading]]:
    return [
        [Reading(ch, ENGINE.get(ch), ch not in NOT_WORD_START) for ch in text] for text in texts
    ]


def paragraph(text: str, readings: dict[int, str]) -> Block:
    return Block(BlockKind.PARAGRAPH, [Span(text)], readings=readings)


@pytest.mark.parametrize(
    ("publisher", "engine", "same"),
    [
        ("lǜ", "lǜ", True),
        ("lv4", "lǜ", True),
        ("LÜ4", "lǜ", True),
        ("lu:4", "lǜ", True),
        ("ji3", "jǐ", True),
        ("jv4", "jù", True),  # ü after j is written u
        ("ju4", "jù", True),
        (" Xíng ", "xíng", True),
        ("xian", "xiān", True),  # toneless: letters decide
        ("xian", "xiàn", True),
        ("xian", "qián", False),
        ("xián", "xiān", False),
        ("de", "de", True),
        ("dé", "de", False),  # the engine's unmarked syllable is neutral
        ("de5", "de", True),
        ("de5", "dé", False),
        ("lu4", "lǜ", False),  # u and ü are different syllables after l
        ("nu\u0308\u030c", "nǚ", True),  # decomposed input
    ],
)
def test_same_reading(publisher, engine, same):
    assert same_reading(publisher, engine) is same


def test_normalise():
    assert normalise("lüè") == ("lüe", 4)
    assert normalise("xian") == ("xian", None)
    assert normalise("xian5") == ("xian", 5)
    assert normalise("qv2") == ("qu", 2)


def make_article() -> Article:
    reply = Comment("乙", "走银行", readings={1: "yín", 2: "xíng"})
    return Article(
        title="银行",
        title_readings={0: "yín", 1: "hang2"},
        body=[
            paragraph("去银行", {1: "yín", 2: "xíng"}),
            paragraph("先生", {}),
            paragraph("一个着力", {0: "yí", 2: "zhuó", 3: "lì", 9: "xíng"}),
        ],
        comments=[Comment("甲", "你好", readings={0: "ní"}, replies=[Comment("丙", "好"), reply])],
    )


def test_places_cover_title_body_and_nested_comments_in_order():
    where = [place.where for place in places(make_article())]
    assert where == [
        "title",
        "paragraph 1",
        "paragraph 2",
        "paragraph 3",
        "comment 1",
        "comment 1.1",
        "comment 1.2",
    ]


def test_disagreements_with_context():
    found = disagreements(make_article(), read=fake_read)
    assert found == [
        Disagreement("paragraph 1", 2, "行", "xíng", "háng", "去银行", 2),
        Disagreement("paragraph 3", 2, "着", "zhuó", "zhe", "一个着力", 2),
        Disagreement("comment 1.2", 2, "行", "xíng", "háng", "走银行", 2),
    ]
    assert found[0].marked_context() == "去银【行】"
    # Not reported: the title (hang2 = háng), 一个 yí (spoken tone, see sandhi), 你好 ní
    # (third-tone sandhi), offset 9 (out of range) and every agreeing reading.


def test_context_is_cut_to_four_characters_each_side():
    text = "一二三四五行六七八九十"
    article = Article(title="", body=[paragraph(text, {5: "xíng"})])
    (found,) = disagreements(article, read=fake_read)
    assert found.context == "二三四五行六七八九"
    assert found.context_index == 4
    assert found.marked_context("[", "]") == "二三四五[行]六七八九"


def test_engine_without_a_reading_is_not_a_disagreement():
    article = Article(title="㐀", title_readings={0: "qiū"})
    assert disagreements(article, read=fake_read) == []


def test_texts_without_readings_are_not_read():
    seen: list[str] = []

    def recording(texts: Sequence[str]) -> list[list[Reading]]:
        seen.extend(texts)
        return fake_read(texts)

    disagreements(make_article(), read=recording)
    assert "先生" not in seen and "好" not in seen
    assert seen[0] == "银行"


def test_disagreeing_offsets_for_the_reader():
    line = fake_read(["去银行走"])[0]
    assert disagreeing_offsets("去银行走", {1: "yín", 2: "xíng", 3: "zou"}, line) == [2]


def test_with_the_real_engine():
    article = Article(title="", body=[paragraph("我去银行取钱。", {2: "yín", 3: "xíng", 4: "qǔ"})])
    found = disagreements(article)
    assert [(d.char, d.publisher, d.engine) for d in found] == [("行", "xíng", "háng")]
