"""Tone sandhi over explicit readings and word boundaries (no engine: every case is exact)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_news.core.sandhi import apply_sandhi
from tui_news.core.tones import toneless


def spoken(segmented: str, readings: str) -> str:
    """Apply sandhi to `segmented` ("我|很|好", words split by |) read as `readings`.

    `readings` has one space-separated syllable per character, "-" for none.
    """
    text = segmented.replace("|", "")
    syllables = [None if r == "-" else r for r in readings.split()]
    starts = []
    for word in segmented.split("|"):
        starts += [True] + [False] * (len(word) - 1)
    result = apply_sandhi(text, syllables, starts)
    return " ".join(r or "-" for r in result)


@pytest.mark.parametrize(
    ("segmented", "readings", "expected"),
    [
        ("一样", "yī yàng", "yí yàng"),
        ("一起", "yī qǐ", "yì qǐ"),
        ("一天", "yī tiān", "yì tiān"),
        ("一|年", "yī nián", "yì nián"),
        ("一个", "yī gè", "yí gè"),
        ("一个", "yī ge", "yí ge"),  # neutral 个 counts as its citation 4th tone
        ("一|的", "yī de", "yī de"),  # other neutral syllables: left alone
        ("一百", "yī bǎi", "yì bǎi"),  # multipliers after 一 are counted: sandhi applies
        ("一万", "yī wàn", "yí wàn"),
        ("人一|本|书", "rén yī běn shū", "rén yì běn shū"),  # a segmentation slip changes nothing
        ("船一|靠岸", "chuán yī kào àn", "chuán yí kào àn"),
    ],
)
def test_yi_follows_the_next_tone(segmented, readings, expected):
    assert spoken(segmented, readings) == expected


@pytest.mark.parametrize(
    ("segmented", "readings", "expected"),
    [
        ("第一|名", "dì yī míng", "dì yī míng"),  # ordinal
        ("十一|个", "shí yī gè", "shí yī gè"),  # after a numeral
        ("万一|下雨", "wàn yī xià yǔ", "wàn yī xià yǔ"),
        ("一九八四|年", "yī jiǔ bā sì nián", "yī jiǔ bā sì nián"),  # digits read one by one
        ("一月", "yī yuè", "yī yuè"),
        ("一号", "yī hào", "yī hào"),
        ("五月|一日", "wǔ yuè yī rì", "wǔ yuè yī rì"),
        ("统一|换成", "tǒng yī huàn chéng", "tǒng yī huàn chéng"),  # closes a word
        ("唯一|的", "wéi yī de", "wéi yī de"),
        ("万|里|一。", "wàn lǐ yī -", "wàn lǐ yī -"),  # ends the phrase
        ("一", "yī", "yī"),
        ("一 天", "yī - tiān", "yī - tiān"),  # a space ends the phrase
    ],
)
def test_yi_keeps_its_first_tone(segmented, readings, expected):
    assert spoken(segmented, readings) == expected


def test_yi_between_reduplicated_verbs_is_unstressed():
    assert spoken("看一看", "kàn yī kàn") == "kàn yi kàn"
    assert spoken("想|一|想", "xiǎng yī xiǎng") == "xiǎng yi xiǎng"


def test_readings_already_in_another_tone_are_kept():
    # The publisher (or the engine) already decided: nothing is recomputed.
    assert spoken("一样", "yì yàng") == "yì yàng"
    assert spoken("不是", "bú shì") == "bú shì"
    assert spoken("一样", "yāo yàng") == "yāo yàng"


@pytest.mark.parametrize(
    ("segmented", "readings", "expected"),
    [
        ("不是", "bù shì", "bú shì"),
        ("不|对", "bù duì", "bú duì"),
        ("不|好", "bù hǎo", "bù hǎo"),
        ("不|来", "bù lái", "bù lái"),
        ("不|吃", "bù chī", "bù chī"),
        ("好不好", "hǎo bù hǎo", "hǎo bu hǎo"),
        ("是|不|是", "shì bù shì", "shì bu shì"),
        ("不。", "bù -", "bù -"),
    ],
)
def test_bu(segmented, readings, expected):
    assert spoken(segmented, readings) == expected


@pytest.mark.parametrize(
    ("segmented", "readings", "expected"),
    [
        ("你好", "nǐ hǎo", "ní hǎo"),
        ("展览馆", "zhǎn lǎn guǎn", "zhán lán guǎn"),
        ("我|很|好", "wǒ hěn hǎo", "wó hén hǎo"),
        ("我|也|想|买|雨伞", "wǒ yě xiǎng mǎi yǔ sǎn", "wó yě xiáng mǎi yú sǎn"),
        ("很|好看", "hěn hǎo kàn", "hén hǎo kàn"),  # the single word leans on the next
        ("雨伞|好", "yǔ sǎn hǎo", "yú sán hǎo"),  # at the end it joins the group before
        ("好，|好", "hǎo - hǎo", "hǎo - hǎo"),  # never across punctuation
        ("姐姐", "jiě jie", "jiě jie"),  # a neutral tone breaks the run
        ("老虎|喜欢", "lǎo hǔ xǐ huān", "láo hǔ xǐ huān"),  # not across two long words
    ],
)
def test_third_tones(segmented, readings, expected):
    assert spoken(segmented, readings) == expected


def test_all_rules_together_with_uppercase_and_latin():
    assert spoken("我|不|想|一个|人|去 OK", "wǒ bù xiǎng yī gè rén qù - - -") == (
        "wǒ bù xiǎng yí gè rén qù - - -"
    )


def test_lengths_must_agree():
    with pytest.raises(ValueError):
        apply_sandhi("一样", ["yī"], [True, False])
    with pytest.raises(ValueError):
        apply_sandhi("一样", ["yī", "yàng"], [True])


CHARS = "一不你好我很是看个月第十。 "
READINGS = {
    "一": "yī",
    "不": "bù",
    "你": "nǐ",
    "好": "hǎo",
    "我": "wǒ",
    "很": "hěn",
    "是": "shì",
    "看": "kàn",
    "个": "gè",
    "月": "yuè",
    "第": "dì",
    "十": "shí",
}


@given(st.text(alphabet=CHARS, max_size=30), st.lists(st.booleans(), min_size=30, max_size=30))
def test_only_tones_change(text, flags):
    readings = [READINGS.get(ch) for ch in text]
    starts = flags[: len(text)]
    result = apply_sandhi(text, readings, starts)
    assert len(result) == len(text)
    for before, after in zip(readings, result, strict=True):
        assert (before is None) == (after is None)
        if before is not None:
            assert toneless(before) == toneless(after)
