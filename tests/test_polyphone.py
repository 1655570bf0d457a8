"""The polyphone engine: readings in context, unknown characters, tone numbers, CPP sample."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_news.core.polyphone import PinyinEngine, Reading, default_engine, to_tone_numbers

# Each polyphone in two everyday contexts with different readings. The target is the
# character in [brackets]; the expected reading uses tone marks, neutral tone unmarked.
CONTEXTS = [
    ("他在银[行]工作了十年。", "háng"),
    ("我们步[行]去学校吧。", "xíng"),
    ("他是我们学校的校[长]。", "zhǎng"),
    ("这条河很[长]。", "cháng"),
    ("这个问题非常[重]要。", "zhòng"),
    ("请你[重]新写一遍。", "chóng"),
    ("借的书我明天就[还]给你。", "huán"),
    ("他[还]没有来。", "hái"),
    ("我吃[了]饭就走。", "le"),
    ("我不[了]解这个情况。", "liǎo"),
    ("他笑[着]说：“没关系。”", "zhe"),
    ("我昨晚怎么也睡不[着]。", "zháo"),
    ("他跑[得]很快。", "de"),
    ("他[得]到了一等奖。", "dé"),
    ("我们[得]快点，要迟到了。", "děi"),
    ("他慢慢[地]走了过来。", "de"),
    ("[地]上有很多水。", "dì"),
    ("我真[为]你感到高兴。", "wèi"),
    ("他成[为]了一名医生。", "wéi"),
    ("我[和]你是好朋友。", "hé"),
    ("他总是随声附[和]别人的意见。", "hè"),
    ("我们[都]是学生。", "dōu"),
    ("北京是中国的首[都]。", "dū"),
    ("我[觉]得这本书很好看。", "jué"),
    ("我每天晚上十点睡[觉]。", "jiào"),
    ("她很喜欢音[乐]。", "yuè"),
    ("祝你生日快[乐]！", "lè"),
    ("这件衣服很[便]宜。", "pián"),
    ("坐地铁上班很方[便]。", "biàn"),
    ("老师让我们[数]一数有多少人。", "shǔ"),
    ("这个[数]字太大了。", "shù"),
    ("警方正在[调]查这起事故。", "diào"),
    ("请把空调温度[调]低一点。", "tiáo"),
    ("他的考试成绩很[差]。", "chà"),
    ("下周他要去上海出[差]。", "chāi"),
    ("这[种]水果很好吃。", "zhǒng"),
    ("春天农民开始[种]植水稻。", "zhòng"),
    ("他[当]了二十年的老师。", "dāng"),
    ("我们不能上[当]受骗。", "dàng"),
    ("我[没]有时间。", "méi"),
    ("大水淹[没]了农田。", "mò"),
    # Common words jieba tags as nouns, where g2pM is all but sure of another reading.
    ("我们要[着]力发展新兴产业。", "zhuó"),
    ("农民在田里[种]地。", "zhòng"),
    # Grammar rules: a trade or lines of text, kneading, a numeral's measure word.
    ("我干这一[行]已经十年了。", "háng"),
    ("奶奶正在厨房里[和]面。", "huó"),
    ("他两[只]手都拿着东西。", "zhī"),
    # A syllable the model's table lacks, from a dictionary word.
    ("你要[提]防坏人。", "dī"),
]


@pytest.fixture(scope="module")
def engine() -> PinyinEngine:
    return default_engine()


def _split(marked: str) -> tuple[str, int]:
    index = marked.index("[")
    return marked.replace("[", "").replace("]", ""), index


@pytest.mark.parametrize(("marked", "expected"), CONTEXTS, ids=[c[0] for c in CONTEXTS])
def test_polyphone_in_context(engine: PinyinEngine, marked: str, expected: str) -> None:
    text, index = _split(marked)
    assert engine.read(text)[index].pinyin == expected


def test_each_character_has_two_readings_in_the_contexts() -> None:
    readings: dict[str, set[str]] = {}
    for marked, expected in CONTEXTS:
        text, index = _split(marked)
        readings.setdefault(text[index], set()).add(expected)
    for char in "行长重还了着得地为和都觉乐便数调差种当没":
        assert len(readings.get(char, set())) >= 2, char


def test_one_reading_per_character_and_word_starts(engine: PinyinEngine) -> None:
    text = "我们在银行门口见面。Hello 2024!"
    readings = engine.read(text)
    assert [r.char for r in readings] == list(text)
    assert all(isinstance(r, Reading) for r in readings)
    assert readings[0].word_start and not readings[1].word_start  # 我们 is one word
    assert [r.pinyin for r in readings[2:5]] == ["zài", "yín", "háng"]
    assert all(r.pinyin is None for r in readings[text.index("H") :])  # not Han: no reading


def test_unknown_and_odd_characters_get_none(engine: PinyinEngine) -> None:
    text = "a1，。🙂\u3000\ue000"  # latin, digit, punctuation, emoji, space, private use
    assert [r.pinyin for r in engine.read(text)] == [None] * len(text)
    assert engine.read("") == []
    assert engine.read_lines([]) == []


def test_traditional_characters_are_read(engine: PinyinEngine) -> None:
    readings = engine.read("長輩們說話")
    assert all(r.pinyin for r in readings)
    assert readings[1].pinyin == "bèi"
    assert readings[4].pinyin == "huà"


def test_read_lines_matches_read(engine: PinyinEngine) -> None:
    lines = ["他还没有来。", "", "银行行长到了。", "天气很好"]
    assert engine.read_lines(lines) == [engine.read(line) for line in lines]


def test_long_unpunctuated_text_is_read(engine: PinyinEngine) -> None:
    text = "银行行长说这个问题很重要" * 40  # longer than one model chunk
    readings = engine.read(text)
    assert len(readings) == len(text)
    assert all(r.pinyin for r in readings)


@pytest.mark.parametrize(
    ("marks", "numbers"),
    [
        ("lüè", "lve4"),
        ("de", "de5"),
        ("nǚ", "nv3"),
        ("jǐ", "ji3"),
        ("zhuàng", "zhuang4"),
        ("ń", "n2"),
        ("Lǜ", "Lv4"),
    ],
)
def test_to_tone_numbers(marks: str, numbers: str) -> None:
    assert to_tone_numbers(marks) == numbers


def _cpp_dir() -> Path | None:
    here = Path(__file__).resolve().parents[1]
    for candidate in (
        os.environ.get("CPP_DATA"),
        "/work/shared/data/cpp",
        here.parent / "shared" / "data" / "cpp",
    ):
        if candidate and (Path(candidate) / "dev.sent").is_file():
            return Path(candidate)
    return None


def test_cpp_dev_sample_accuracy(engine: PinyinEngine) -> None:
    """A fixed sample (every 33rd line) of the CPP dev split: at least 97 % right."""
    data = _cpp_dir()
    if data is None:
        pytest.skip("CPP dev split not available")
    sentences = (data / "dev.sent").read_text(encoding="utf-8").splitlines()[::33]
    labels = (data / "dev.lb").read_text(encoding="utf-8").splitlines()[::33]
    started = time.perf_counter()
    raw = [s.replace("\u2581", "") for s in sentences]
    results = engine.read_lines(raw)
    right = 0
    for sentence, label, readings in zip(sentences, labels, results, strict=True):
        reading = readings[sentence.index("\u2581")].pinyin or ""
        right += to_tone_numbers(reading).replace("v", "u:") == label.strip()
    assert time.perf_counter() - started < 20
    assert right / len(sentences) >= 0.97, f"{right}/{len(sentences)}"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="银行长重还了着得地为和都長還為 \t\n，。a1🙂\ue000𠀀〇", max_size=80))
def test_any_text_gets_one_reading_per_character(text: str) -> None:
    readings = default_engine().read(text)
    assert [r.char for r in readings] == list(text)
    assert all(r.pinyin is None or r.pinyin.strip() == r.pinyin != "" for r in readings)


def test_two_syllable_unit_characters_read_as_one_unit():
    from tui_news.core.polyphone import default_engine

    readings = [reading.pinyin for reading in default_engine().read("兙瓩")]
    assert readings == ["shíkè", "qiānwǎ"]
    from tui_news.core.polyphone import to_tone_numbers

    assert [to_tone_numbers(r) for r in readings] == ["shi2ke4", "qian1wa3"]
