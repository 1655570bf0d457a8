"""`tui-news pinyin`: ruby output, --json, --numbers, line counts, bad input and --check."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui_news.cli import CommandError
from tui_news.commands.pinyin import (
    add_show_options,
    check_summary,
    decode_utf8,
    json_output,
    run_pinyin,
    show_display,
    split_lines,
    terminal_is_dark,
)
from tui_news.core.display import PinyinMode
from tui_news.core.polyphone import Reading
from tui_news.core.publisher_check import Disagreement
from tui_news.core.tones import ToneScheme

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "articles" / "000_f0ce2c04f8de9a60.txt"

# Runs the command line as a user does; registers the command if cli.py does not yet.
MAIN = (
    "import sys\n"
    "from tui_news.cli import COMMANDS, main\n"
    "from tui_news.commands.pinyin import run_pinyin\n"
    "COMMANDS.setdefault('pinyin', run_pinyin)\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", MAIN, "pinyin", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def json_lines(output: bytes) -> list[list[list[str | None]]]:
    return [json.loads(line) for line in output.decode("utf-8").split("\n")[:-1]]


def test_json_one_array_per_line_and_one_pair_per_character():
    result = run("--json", stdin="济南，\n\nok 天\n".encode())
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert text.split("\n")[0] == '[["济", "jǐ"], ["南", "nán"], ["，", null]]'
    assert text.split("\n")[1] == "[]"
    assert json_lines(result.stdout)[2] == [["o", None], ["k", None], [" ", None], ["天", "tiān"]]
    assert text.endswith("]\n") and text.count("\n") == 3


def test_json_numbers_use_digits_and_v():
    result = run("--json", "--numbers", stdin="绿色的\n".encode())
    assert json_lines(result.stdout) == [[["绿", "lv4"], ["色", "se4"], ["的", "de5"]]]


@pytest.mark.parametrize(
    ("data", "count"),
    [
        (b"", 0),
        (b"\n", 1),
        (b"\n\n\n", 3),
        ("一\n二".encode(), 2),  # no final newline
        ("一\r\n\r\n二\r\n".encode(), 3),
        ("一\x0c二\u2028三\n".encode(), 1),  # only \n separates lines
    ],
)
def test_output_has_as_many_lines_as_the_input(data, count):
    result = run("--json", stdin=data)
    assert result.returncode == 0, result.stderr
    lines = json_lines(result.stdout)
    assert len(lines) == count
    text = data.decode("utf-8")
    expected = split_lines(text)
    assert ["".join(ch for ch, _ in line) for line in lines] == expected


def test_invalid_utf8_on_stdin_names_the_byte_and_offset():
    result = run("--json", stdin="济南是山东的\n".encode() + b"\xff\n")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "tui-news: stdin: not UTF-8 text (invalid byte 0xff at offset 19)\n"
    )


def test_invalid_utf8_in_a_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"abc\xc3(")
    result = run("--file", str(path))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"tui-news: {path}: not UTF-8 text (invalid byte 0xc3 at offset 3)"
    )


def test_decode_utf8_drops_a_byte_order_mark_and_names_arguments():
    assert decode_utf8("\ufeff济".encode(), "x") == "济"
    with pytest.raises(CommandError, match=r"^argument: not UTF-8 text \(invalid byte 0x80 at"):
        decode_utf8(b"a\x80", "argument")


def test_missing_file_is_a_one_line_error(tmp_path):
    result = run("--file", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert "nope.txt" in result.stderr.decode()


def test_ruby_output_is_plain_when_piped():
    result = run("--width", "40", "--tones", "pleco", "济南")
    assert result.returncode == 0, result.stderr
    assert [line.rstrip() for line in result.stdout.decode().splitlines()] == ["jǐ nán", "济 南"]
    assert b"\x1b" not in result.stdout


def test_ruby_output_numbers_and_empty_lines():
    result = run("--width", "40", "--numbers", stdin="济南\n\n天\n".encode())
    lines = [line.rstrip() for line in result.stdout.decode().splitlines()]
    assert lines == ["ji3 nan2", " 济  南", "", "tian1", "  天"]


def test_narrow_width_falls_back_to_parentheses():
    result = run("--width", "20", "济南是山东的省会")
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("济南(jǐnán)是(shì)")
    assert all(len(line) <= 20 for line in lines)


def test_sandhi_option():
    result = run("--json", "--sandhi", "你好，一个")
    assert [p for _, p in json_lines(result.stdout)[0]] == ["ní", "hǎo", None, "yí", "gè"]


def test_help_has_examples():
    result = run("--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout.decode() and "--check" in result.stdout.decode()


def test_check_lists_disagreements_with_a_summary(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        '+++\ntitle = "{银|yín}{行|xíng}"\n+++\n\n我去{银|yín}{行|háng}取钱。\n',
        encoding="utf-8",
    )
    result = run("--check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == [
        "title, char 2: 银【行】  publisher xíng, engine háng",
        "1 disagreement in 4 publisher readings (title 1, body 0, comments 0)",
    ]
    as_json = json.loads(run("--json", "--check", str(path)).stdout)
    assert as_json["publisher_readings"] == 4
    assert as_json["disagreements"][0]["char"] == "行"


def test_check_on_the_seed_article():
    result = run("--check", str(SEED))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    summary = r"\d+ disagreements? in 132 publisher readings \(title \d+, body \d+, comments \d+\)"
    assert re.fullmatch(summary, lines[-1])
    assert len(lines) == 1 + int(lines[-1].split()[0])
    for line in lines[:-1]:
        assert "【" in line and "publisher " in line and ", engine " in line


def test_check_refuses_text_and_unreadable_articles(tmp_path):
    assert run("--check", str(SEED), "济南").returncode == 2
    missing = run("--check", str(tmp_path / "none.md"))
    assert missing.returncode == 2 and "none.md" in missing.stderr.decode()


def test_check_summary_counts_by_part():
    found = [
        Disagreement("title", 0, "行", "xíng", "háng", "行"),
        Disagreement("paragraph 2", 0, "行", "xíng", "háng", "行"),
        Disagreement("comment 1.2", 0, "行", "xíng", "háng", "行"),
        Disagreement("comment 3", 0, "行", "xíng", "háng", "行"),
    ]
    assert check_summary(found, 10) == (
        "4 disagreements in 10 publisher readings (title 1, body 1, comments 2)"
    )


def test_json_output_in_process():
    line = [Reading("绿", "lǜ", True), Reading("，", None, False)]
    output = json_output([line, []], numbers=True, sandhi=False)
    assert output == '[["绿", "lv4"], ["，", null]]\n[]\n'


def test_run_pinyin_in_process(capsysbinary):
    assert run_pinyin(["--json", "天"]) == 0
    assert capsysbinary.readouterr().out.decode() == '[["天", "tiān"]]\n'


def test_json_path_imports_neither_rich_nor_textual():
    code = (
        "import sys\n"
        "from tui_news.commands.pinyin import run_pinyin\n"
        "run_pinyin(['--json', '济南'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')]\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == "[]"


def test_terminal_is_dark():
    assert terminal_is_dark({}) is True
    assert terminal_is_dark({"COLORFGBG": "15;0"}) is True
    assert terminal_is_dark({"COLORFGBG": "0;15"}) is False
    assert terminal_is_dark({"COLORFGBG": "0;default;7"}) is False
    assert terminal_is_dark({"COLORFGBG": "garbage"}) is True


def show_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pinyin", action="store_true")
    add_show_options(parser)
    return parser.parse_args(argv)


def test_show_options():
    assert show_display(show_args()) == (PinyinMode.OFF, ToneScheme.NONE)
    assert show_display(show_args("--pinyin")) == (PinyinMode.MARKS, ToneScheme.NONE)
    assert show_display(show_args("--numbers")) == (PinyinMode.NUMBERS, ToneScheme.NONE)
    assert show_display(show_args("--tones", "Pleco")) == (PinyinMode.MARKS, ToneScheme.PLECO)
    with pytest.raises(SystemExit):
        show_args("--tones", "rainbow")
