"""The Words screen's export: a tab-separated flashcard file, confined to its folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_news.core.vocabulary import VocabularyWord
from tui_news.services.dictionary import DictEntry, Dictionary
from tui_news.services.word_export import (
    export_folder,
    export_path,
    save_word_list,
    word_list_tsv,
)

BANK = VocabularyWord("银行", ("yín", "háng"), 3, 0)
JINAN = VocabularyWord("济南", ("jǐ", "nán"), 22, 1)
UNKNOWN = VocabularyWord("趵眼", ("bào", "yǎn"), 2, 2)
DICTIONARY = Dictionary(
    [
        DictEntry("银行", "銀行", "yin2 hang2", ("bank", "CL:家[jia1]")),
        DictEntry("济南", "濟南", "Ji3 nan2", ("Jinan,\tcapital of\nShandong",)),
    ]
)
LEVELS = {"银行": 3}


def data_lines(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if not line.startswith("#")]


def test_the_file_starts_with_the_header_lines_anki_reads() -> None:
    text = word_list_tsv([BANK], LEVELS, DICTIONARY)
    assert text.splitlines()[:3] == [
        "#separator:tab",
        "#html:false",
        "#columns:Word\tPinyin\tMeaning\tHSK\tCount",
    ]
    assert text.endswith("\n")


def test_one_line_per_word_in_the_order_given() -> None:
    text = word_list_tsv([JINAN, BANK, UNKNOWN], LEVELS, DICTIONARY)
    assert data_lines(text) == [
        ["济南", "jǐnán", "Jinan, capital of Shandong", "", "22"],
        ["银行", "yínháng", "bank", "3", "3"],
        ["趵眼", "bàoyǎn", "", "", "2"],
    ]


def test_without_a_dictionary_the_meanings_are_blank() -> None:
    assert data_lines(word_list_tsv([BANK], LEVELS, None)) == [["银行", "yínháng", "", "3", "3"]]


@given(st.text(min_size=1, max_size=40))
def test_no_field_splits_a_line(meaning: str) -> None:
    dictionary = Dictionary([DictEntry("银行", "銀行", "yin2 hang2", (meaning,))])
    rows = data_lines(word_list_tsv([BANK], {}, dictionary))
    assert len(rows) == 1 and len(rows[0]) == 5


@pytest.mark.parametrize(
    "title", ["../../etc/passwd", "/tmp/x", "..", "", "趵眼|百度?", "a\x1b[31mb", "C:\\temp\\x"]
)
def test_the_file_stays_inside_the_folder(tmp_path: Path, title: str) -> None:
    path = export_path(tmp_path, title)
    assert path.parent == tmp_path and path.name.endswith("-words.tsv")
    assert "/" not in path.name and "\\" not in path.name


def test_save_writes_the_file_and_a_second_export_replaces_it(tmp_path: Path) -> None:
    folder = tmp_path / "words"
    path = save_word_list([BANK], LEVELS, DICTIONARY, "济南的银行", folder)
    assert path == folder / "ji-nan-de-yin-hang-words.tsv"
    assert data_lines(path.read_text(encoding="utf-8"))[0][0] == "银行"
    save_word_list([JINAN], LEVELS, DICTIONARY, "济南的银行", folder)
    assert [row[0] for row in data_lines(path.read_text(encoding="utf-8"))] == ["济南"]
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # no temporary file left


def test_an_unwritable_folder_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "words"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        save_word_list([BANK], LEVELS, DICTIONARY, "银行", blocker)


def test_the_default_folder_is_in_the_user_data_folder(home: Path) -> None:
    assert export_folder() == home / "data" / "words"
