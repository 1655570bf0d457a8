"""Saving an article's word list for flashcards: a tab-separated file, one word per line, in
the order the Words screen shows.

Anki reads the `#separator`, `#html` and `#columns` header lines as settings, not cards, so
the file imports as it is; a spreadsheet shows them as three lines to skip. No field holds a
tab or a line break (either would split a card). The file is named after the article's title
through the library's own slug, so it always lands inside the export folder, and a repeated
export replaces the file atomically rather than leaving a half-written one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from tui_news.core.atomic_file import write_atomic
from tui_news.core.vocabulary import VocabularyWord
from tui_news.services.config import data_dir
from tui_news.services.dictionary import Dictionary, level_label, meaning_summary
from tui_news.services.store import slug

COLUMNS = ("Word", "Pinyin", "Meaning", "HSK", "Count")
SUFFIX = "-words.tsv"


def export_folder() -> Path:
    """Where word lists go: `words/` in the per-user data folder."""
    return data_dir() / "words"


def export_path(folder: Path, title: str) -> Path:
    """The file for an article titled `title`; never outside `folder`."""
    path = folder / f"{slug(title)}{SUFFIX}"
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"{path.name!r} would leave {folder}")
    return path


def _field(text: str) -> str:
    return " ".join(text.split())


def word_list_tsv(
    words: Sequence[VocabularyWord],
    levels: Mapping[str, int],
    dictionary: Dictionary | None,
) -> str:
    """The file's text. A word the dictionary lacks (or with no dictionary) has an empty
    meaning, a word on no HSK list an empty level: blanks a card editor can fill."""
    lines = ["#separator:tab", "#html:false", "#columns:" + "\t".join(COLUMNS)]
    for word in words:
        entries = dictionary.lookup(word.text, word.syllables) if dictionary else []
        level = levels.get(word.text)
        fields = (
            word.text,
            word.pinyin,
            meaning_summary(entries),
            level_label(level) if level is not None else "",
            str(word.count),
        )
        lines.append("\t".join(_field(field) for field in fields))
    return "\n".join(lines) + "\n"


def save_word_list(
    words: Sequence[VocabularyWord],
    levels: Mapping[str, int],
    dictionary: Dictionary | None,
    title: str,
    folder: Path | None = None,
) -> Path:
    """Write the list for the article `title` into `folder` (default `export_folder()`);
    returns the file's path. Raises OSError when the folder cannot be written."""
    folder = export_folder() if folder is None else folder
    path = export_path(folder, title)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, word_list_tsv(words, levels, dictionary).encode("utf-8"))
    return path
