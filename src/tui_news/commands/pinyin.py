"""`tui-news pinyin`: readings for any text, and a check of an article's inline pinyin.

Without options the text is printed with ruby rows, laid out exactly as the reader lays it out
(styled on a terminal, plain when piped). `--json` is the machine-readable fast path: it reads
all input at once, converts every line in one batch and never imports Rich or Textual, so a
large file costs little more than the engine itself. Input and output always have the same
number of lines.

Exit codes: 0 success, 2 bad arguments or input that is not UTF-8 text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui_news.cli import CommandError
from tui_news.core.tones import ToneScheme

if TYPE_CHECKING:
    from tui_news.core.display import PinyinMode
    from tui_news.core.polyphone import Reading
    from tui_news.core.publisher_check import Disagreement

EXIT_OK = 0
EXIT_USAGE = 2

EPILOG = """\
examples:
  tui-news pinyin 济南是山东的省会
  echo 银行在哪里 | tui-news pinyin --numbers
  tui-news pinyin --json --file notes.txt > readings.jsonl
  tui-news pinyin --width 20 --tones pleco 我也想买雨伞
  tui-news pinyin --sandhi 你好，一起去吧
  tui-news pinyin --check articles/000_f0ce2c04f8de9a60.txt

--json prints one line per input line: a JSON array with one [character, reading] pair per
character, the reading null where there is none ([["济", "jǐ"], ["，", null]]); an empty line
gives []. --check lists each place where the publisher's inline pinyin disagrees with the
engine; a publisher reading without tones agrees when its letters match."""


def _width(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 1000:
        raise argparse.ArgumentTypeError("width must be a whole number from 1 to 1000")
    return int(value)


def _scheme(value: str) -> ToneScheme:
    try:
        return ToneScheme(value.lower())
    except ValueError:
        names = ", ".join(scheme.value for scheme in ToneScheme)
        raise argparse.ArgumentTypeError(f"unknown tone scheme {value!r} (use {names})") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-news pinyin",
        description=(
            "Print Chinese text with its pinyin readings above each character, as the reader "
            "shows them. The text comes from the arguments, from --file, or from stdin."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("text", nargs="*", help="the text (words are joined with spaces)")
    parser.add_argument("--file", type=Path, metavar="PATH", help="read the text from a file")
    parser.add_argument("--json", action="store_true", help="one JSON array per input line")
    add_tone_options(parser, numbers_help="tone digits 1-5 instead of marks (lv4, de5)")
    parser.add_argument(
        "--sandhi", action="store_true", help="spoken tones: 一, 不 and third-tone sandhi"
    )
    parser.add_argument(
        "--width", type=_width, default=None, help="line width in cells (default: terminal)"
    )
    parser.add_argument(
        "--check",
        type=Path,
        metavar="ARTICLE",
        help="list where the article's inline pinyin disagrees with the engine",
    )
    return parser


def run_pinyin(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if args.check is not None:
        if args.text or args.file is not None:
            raise CommandError("--check takes an article, not text")
        return run_check(args.check, as_json=args.json, numbers=args.numbers)
    lines = split_lines(read_text(args))

    from tui_news.core.polyphone import default_engine

    per_line = default_engine().read_lines(lines) if lines else []
    if args.json:
        write_utf8(json_output(per_line, numbers=args.numbers, sandhi=args.sandhi))
    else:
        print_ruby(lines, per_line, args)
    return EXIT_OK


def read_text(args: argparse.Namespace) -> str:
    """The input text: arguments, --file or stdin, decoded as strict UTF-8."""
    if args.text and args.file is not None:
        raise CommandError("give the text or --file, not both")
    if args.text:
        # Arguments that were not UTF-8 arrive with surrogate escapes; restore their bytes.
        joined = " ".join(args.text).encode("utf-8", "surrogateescape")
        return decode_utf8(joined, "argument")
    if args.file is not None:
        try:
            data = args.file.read_bytes()
        except OSError as error:
            cause = (error.strerror or "cannot read").lower()
            raise CommandError(f"{args.file}: {cause}") from error
        return decode_utf8(data, str(args.file))
    return decode_utf8(sys.stdin.buffer.read(), "stdin")


def decode_utf8(data: bytes, source: str) -> str:
    """`data` as text; a leading byte order mark is dropped. Names the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise CommandError(
            f"{source}: not UTF-8 text (invalid byte 0x{byte:02x} at offset {error.start})"
        ) from error
    return text[1:] if text.startswith("\ufeff") else text


def split_lines(text: str) -> list[str]:
    """Lines as `wc -l` and editors count them: split at "\\n" only, "\\r\\n" allowed.

    A final newline ends the last line rather than starting an empty one; empty text has no
    lines. `str.splitlines` is not used: it also splits at form feeds, U+2028 and others, which
    would make the output's line count differ from the input's.
    """
    if not text:
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def line_readings(readings: Sequence[Reading], sandhi: bool) -> list[str | None]:
    syllables = [r.pinyin for r in readings]
    if not sandhi:
        return syllables
    from tui_news.core.sandhi import apply_sandhi

    text = "".join(r.char for r in readings)
    return list(apply_sandhi(text, syllables, [r.word_start for r in readings]))


def json_output(per_line: Sequence[Sequence[Reading]], *, numbers: bool, sandhi: bool) -> str:
    """One JSON array per line, each line ending in a newline.

    Texts use few distinct (character, reading) pairs, so each pair is encoded once and the
    lines are joined from cached fragments: about twice as fast as encoding every line whole.
    """
    from tui_news.core.polyphone import to_tone_numbers

    fragments: dict[tuple[str, str | None], str] = {}

    def fragment(char: str, syllable: str | None) -> str:
        shown = to_tone_numbers(syllable) if numbers and syllable is not None else syllable
        encoded = fragments[char, syllable] = json.dumps([char, shown], ensure_ascii=False)
        return encoded

    out: list[str] = []
    for readings in per_line:
        if sandhi:
            pairs = zip((r.char for r in readings), line_readings(readings, True), strict=True)
        else:
            pairs = ((r.char, r.pinyin) for r in readings)
        line = [fragments.get(pair) or fragment(*pair) for pair in pairs]
        out.append("[" + ", ".join(line) + "]\n")
    return "".join(out)


def write_utf8(text: str) -> None:
    """Write as UTF-8 whatever the locale says, so pipes always get the same bytes."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def terminal_is_dark(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the terminal background is dark, from COLORFGBG ("15;0"); dark when unknown.

    Colours 0-6 and 8 of the basic palette are dark backgrounds, 7 and 9-15 light ones.
    """
    background = environ.get("COLORFGBG", "").rsplit(";", 1)[-1]
    if not background.isdigit():
        return True
    return int(background) in (0, 1, 2, 3, 4, 5, 6, 8)


def print_ruby(
    lines: Sequence[str], per_line: Sequence[Sequence[Reading]], args: argparse.Namespace
) -> None:
    from rich.console import Console
    from rich.text import Text

    from tui_news.ui.renderables.ruby import FALLBACK_WIDTH, RubyText
    from tui_news.ui.renderables.tone_styles import syllable_styles

    console = Console(width=args.width, soft_wrap=False)
    styles = syllable_styles(args.tones, dark=terminal_is_dark())
    for line, readings in zip(lines, per_line, strict=True):
        console.print(
            RubyText(
                Text(line),
                line_readings(readings, args.sandhi),
                numbers=args.numbers,
                syllable_styles=styles,
                word_starts=[r.word_start for r in readings],
                fallback_width=FALLBACK_WIDTH,
            )
        )


def run_check(path: Path, *, as_json: bool, numbers: bool) -> int:
    from tui_news.core.publisher_check import disagreements
    from tui_news.services.library import read_article

    try:
        article = read_article(path)
    except ValueError as error:
        raise CommandError(f"{path}: {error}") from error
    found = disagreements(article)
    total = article.all_readings()
    if as_json:
        write_utf8(json.dumps(check_json(found, total), ensure_ascii=False) + "\n")
        return EXIT_OK
    out = [format_disagreement(d, numbers) for d in found]
    out.append(check_summary(found, total))
    write_utf8("\n".join(out) + "\n")
    return EXIT_OK


def _syllable(syllable: str, numbers: bool) -> str:
    if not numbers:
        return syllable
    from tui_news.core.polyphone import to_tone_numbers

    return to_tone_numbers(syllable)


def format_disagreement(found: Disagreement, numbers: bool = False) -> str:
    """`paragraph 3, char 12: 去银【行】取钱  publisher xíng, engine háng`."""
    return (
        f"{found.where}, char {found.offset + 1}: {found.marked_context()}  "
        f"publisher {_syllable(found.publisher, numbers)}, "
        f"engine {_syllable(found.engine, numbers)}"
    )


def check_summary(found: Sequence[Disagreement], total: int) -> str:
    """`2 disagreements in 132 publisher readings (title 0, body 2, comments 0)`."""
    counts = {"title": 0, "body": 0, "comments": 0}
    for d in found:
        part = d.where.split(" ", 1)[0]
        counts[{"title": "title", "paragraph": "body"}.get(part, "comments")] += 1
    noun = "disagreement" if len(found) == 1 else "disagreements"
    readings = "publisher reading" if total == 1 else "publisher readings"
    parts = ", ".join(f"{name} {count}" for name, count in counts.items())
    return f"{len(found)} {noun} in {total} {readings} ({parts})"


def check_json(found: Sequence[Disagreement], total: int) -> dict[str, object]:
    return {
        "publisher_readings": total,
        "disagreements": [
            {
                "where": d.where,
                "offset": d.offset,
                "char": d.char,
                "publisher": d.publisher,
                "engine": d.engine,
                "context": d.context,
            }
            for d in found
        ],
    }


# --- `tui-news show` options (wired into cli.py by the lead) ---


def add_tone_options(parser: argparse.ArgumentParser, numbers_help: str) -> None:
    """`--numbers` and `--tones SCHEME`, shared by `pinyin` and `show`."""
    parser.add_argument("--numbers", action="store_true", help=numbers_help)
    parser.add_argument(
        "--tones",
        type=_scheme,
        default=ToneScheme.NONE,
        metavar="SCHEME",
        help="colour tones on a terminal: none, pleco, zhongwen, hanping (default none)",
    )


def add_show_options(parser: argparse.ArgumentParser) -> None:
    """`--numbers` and `--tones SCHEME` for `tui-news show` (both imply --pinyin)."""
    add_tone_options(parser, numbers_help="with --pinyin: tone digits instead of marks")


def show_display(args: argparse.Namespace) -> tuple[PinyinMode, ToneScheme]:
    """The pinyin mode and tone scheme `tui-news show` asked for.

    --numbers or a tone scheme other than none switch pinyin on: asking for digits or colours
    and getting no pinyin at all would look like a bug.
    """
    from tui_news.core.display import PinyinMode

    scheme: ToneScheme = args.tones
    wants = args.pinyin or args.numbers or scheme is not ToneScheme.NONE
    if not wants:
        return PinyinMode.OFF, scheme
    return (PinyinMode.NUMBERS if args.numbers else PinyinMode.MARKS), scheme
