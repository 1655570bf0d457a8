from pathlib import Path

import pytest

from tui_news.services.library import (
    LibraryError,
    bundled_articles_dir,
    load_entry,
    load_library,
    read_article,
)

SEED = "000_f0ce2c04f8de9a60.txt"


def test_bundled_library_holds_the_seed_unchanged():
    folder = bundled_articles_dir()
    seed = folder / SEED
    shared = Path(__file__).resolve().parents[2] / "shared" / "samples" / SEED
    assert seed.is_file()
    if shared.is_file():  # beside the checkout in development and CI
        assert seed.read_bytes() == shared.read_bytes()


def test_bundled_library_loads_without_broken_entries():
    entries = load_library(bundled_articles_dir())
    assert len(entries) >= 5
    assert [e.path.name for e in entries] == sorted(e.path.name for e in entries)
    assert not [e for e in entries if e.broken]


def test_broken_files_are_listed_with_one_line_errors(tmp_path):
    (tmp_path / "a_good.md").write_text('+++\ntitle = "好"\n+++\n\n正文。\n', encoding="utf-8")
    (tmp_path / "b_bad_toml.md").write_text('+++\ntitle = \n+++\n', encoding="utf-8")
    (tmp_path / "c_bad_bytes.txt").write_bytes("标题\n\n".encode("gbk") + b"\xff\xfe\xfa")
    (tmp_path / "d_empty.txt").write_bytes(b"")
    (tmp_path / "notes.json").write_text("{}")
    entries = load_library(tmp_path)
    assert [e.path.name for e in entries] == [
        "a_good.md",
        "b_bad_toml.md",
        "c_bad_bytes.txt",
        "d_empty.txt",
    ]
    good, *bad = entries
    assert not good.broken and good.title == "好"
    for entry in bad:
        assert entry.broken and entry.article is None
        assert entry.error and "\n" not in entry.error
        assert entry.title == entry.path.name
    assert "UTF-8" in bad[1].error and "offset" in bad[1].error


def test_unreadable_path_is_a_broken_entry(tmp_path):
    entry = load_entry(tmp_path / "missing.md")
    assert entry.broken and "no such file" in entry.error.lower()


def test_read_article_raises_value_error_for_a_folder(tmp_path):
    with pytest.raises(ValueError):
        read_article(tmp_path)


def test_missing_library_folder_is_a_library_error(tmp_path):
    with pytest.raises(LibraryError, match="no such folder"):
        load_library(tmp_path / "nowhere")


def test_file_names_and_errors_are_safe_to_draw(tmp_path):
    evil = tmp_path / "\x1b]0;owned\x07bad\x1b[2J.md"
    evil.write_text("+++\ntitle = \n+++\n", encoding="utf-8")
    (entry,) = load_library(tmp_path)
    assert entry.broken
    assert entry.title == entry.file_name == "bad.md"
    assert "\x1b" not in entry.error
