"""The Words screen's rows and entry view as plain text (no Textual): columns, widths, cuts."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console

from tui_news.core.vocabulary import VocabularyWord
from tui_news.services.dictionary import DictEntry, meaning_summary
from tui_news.ui.renderables.vocabulary import (
    WordColumns,
    WordDetail,
    WordRow,
    detail_renderable,
    header_line,
)

BANK = VocabularyWord("银行", ("yín", "háng"), 3, 0)
LONG = VocabularyWord("中华人民共和国万岁", tuple("x" for _ in range(9)), 12, 1)
BANK_ENTRY = DictEntry("银行", "銀行", "yin2 hang2", ("bank", "CL:家[jia1],個|个[ge4]"))


def plain(renderable: object, width: int) -> list[str]:
    console = Console(width=width, color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get().rstrip("\n").split("\n")


def test_columns_fit_the_longest_word_and_pinyin_within_their_caps():
    columns = WordColumns.fit([BANK])
    assert (columns.word, columns.pinyin, columns.count) == (4, 7, 5)  # "Word", yínháng, "Count"
    assert WordColumns.fit([LONG]).word == WordColumns.MAX_WORD


def test_a_row_lines_up_under_the_header():
    columns = WordColumns.fit([BANK, LONG])
    header = header_line(columns, 80).plain
    (row,) = plain(WordRow(BANK, 3, "bank", columns), 80)
    assert row.startswith("银行")
    # Cell positions, not string indexes: 银行 takes two cells per character.
    assert cell_len(row[: row.index("yínháng")]) == header.index("Pinyin")
    assert cell_len(row[: row.index("bank")]) == header.index("Meaning")
    level_end = header.index("HSK") + len("HSK")
    assert cell_len(row[: row.index(" 3 ") + 2]) == level_end


def test_long_words_and_meanings_end_in_an_ellipsis_within_the_width():
    columns = WordColumns.fit([LONG])
    meaning = "a very long meaning " * 10
    (row,) = plain(WordRow(LONG, None, meaning, columns), 60)
    assert cell_len(row) <= 60
    assert row.startswith("中华人民共…")
    assert row.rstrip().endswith("…")
    assert "—" in row  # not on the HSK list


def test_a_word_without_an_entry_says_so_and_a_narrow_row_drops_the_meaning():
    columns = WordColumns.fit([BANK])
    (row,) = plain(WordRow(BANK, 3, None, columns), 80)
    assert row.rstrip().endswith("no dictionary entry")
    (narrow,) = plain(WordRow(BANK, 3, "bank", columns), columns.fixed + 4)
    assert "bank" not in narrow and narrow.rstrip().endswith("3")


def test_the_summary_leaves_out_measure_words():
    assert meaning_summary([BANK_ENTRY]) == "bank"
    assert meaning_summary([]) == ""


def test_the_entry_shows_every_sense_the_traditional_form_and_the_level():
    text = "\n".join(plain(detail_renderable(WordDetail(BANK, 3, [BANK_ENTRY])), 70))
    assert "HSK 3 · 3× in this article" in text
    assert "yín háng   traditional 銀行" in text
    assert "1. bank" in text and "2. CL:家[jia1],個|个[ge4]" in text  # brackets are not markup


def test_an_entry_the_dictionary_lacks_lists_its_characters():
    word = VocabularyWord("趵眼", ("bào", "yǎn"), 1, 0)
    eye = DictEntry("眼", "眼", "yan3", ("eye",))
    detail = WordDetail(word, None, [], [("趵", "bào", []), ("眼", "yǎn", [eye])])
    text = "\n".join(plain(detail_renderable(detail), 70))
    assert "not on the HSK list · once in this article" in text
    assert "CC-CEDICT has no entry for 趵眼." in text
    assert "趵  bào  no dictionary entry" in text
    assert "眼  yǎn  eye" in text


def test_while_the_dictionary_loads_the_entry_says_so():
    detail = WordDetail(BANK, 3, [], dictionary_note="The dictionary is still loading.")
    text = "\n".join(plain(detail_renderable(detail), 70))
    assert "The dictionary is still loading." in text
    assert "no entry" not in text
