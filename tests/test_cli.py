"""The command line, run as a user runs it: a real subprocess, real files, stdout piped."""

import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui_news.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "articles" / "000_f0ce2c04f8de9a60.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_news", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_show_prints_plain_text_when_piped():
    result = run("show", "--width", "80", str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert out.count("趵眼|百度京东中兴为何一个月内先后来济南签约?") == 1
    assert "新时代新济南" in out and "(jǐnán)" not in out
    assert "将来还会吸引更多“大厂”前来!" in out
    assert "王端鹏" in out
    assert "暂无评论,快抢沙发吧~" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def centre_of(row: str, index: int, length: int) -> float:
    """The cell position of the middle of row[index:index + length]."""
    return cell_len(row[:index]) + cell_len(row[index : index + length]) / 2


def test_show_with_pinyin_prints_ruby_rows_above_the_characters():
    result = run("show", "--pinyin", "--width", "60", str(SEED))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 60
    # The first body paragraph opens 新时代新济南: jǐ over 济 and nán over 南, each centred.
    base_index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("新 时"))
    ruby, base = lines[base_index - 1], lines[base_index]
    for char, syllable in (("济", "jǐ"), ("南", "nán")):
        at = base.index(char)
        over = ruby.index(syllable, max(0, int(centre_of(base, at, 1)) - 6))  # 1 cell a letter
        assert abs(centre_of(ruby, over, len(syllable)) - centre_of(base, at, 1)) <= 1
    assert "(jǐnán)" not in result.stdout


def test_show_missing_file_is_one_line_on_stderr_and_exit_2(tmp_path):
    missing = tmp_path / "nope.md"
    result = run("show", str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert str(missing) in result.stderr and "no such file" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_show_unreadable_encoding_names_the_file_and_the_cause(tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("新闻标题".encode("gbk"))
    result = run("show", str(bad))
    assert result.returncode == 2
    assert str(bad) in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["show", "--help"],
        ["pinyin", "--help"],
        ["fetch", "--help"],
        ["refresh", "--help"],
        ["feed", "--help"],
        *(["feed", action, "--help"] for action in ("add", "list", "remove", "import", "export")),
        ["config", "--help"],
        ["config", "path", "--help"],
        ["config", "init", "--help"],
    ],
)
def test_help_says_what_it_does_with_an_example(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out.lower() and "tui-news" in out


def test_opening_a_missing_path_fails_cleanly(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_bad_width_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["show", "--width", "zero", str(SEED)])
    assert exit_info.value.code == 2


def test_a_file_opens_its_folder_with_that_article_selected(monkeypatch):
    opened = {}

    class FakeApp:
        def __init__(self, library, selected=None):
            opened.update(library=library, selected=selected)

        def run(self):
            opened["ran"] = True

    import tui_news.ui.app

    monkeypatch.setattr(tui_news.ui.app, "TuiNewsApp", FakeApp)
    assert main([str(SEED)]) == 0
    assert opened == {"library": SEED.parent, "selected": SEED, "ran": True}
    assert main([str(SEED.parent)]) == 0
    assert opened["library"] == SEED.parent and opened["selected"] is None
    assert main([]) == 0
    assert opened["library"].name == "articles" and opened["selected"] is None
