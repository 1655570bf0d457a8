"""The command line: `tui-news [PATH]` opens the reader; subcommands work without the UI.

Subcommands import only what they need, so `show` never loads Textual and a broken terminal
never stands between a user and the text.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tui_news import __version__

EXIT_USAGE = 2


class CommandError(Exception):
    """A failure with a one-line message for stderr (the command exits with `code`)."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-news",
        description=(
            "A terminal news reader for Chinese news, with pinyin ruby lines and threaded "
            "comments. With no PATH it opens the bundled articles; a folder opens as the "
            "library; a file opens its folder with that article shown."
        ),
        epilog=(
            "commands:\n"
            "  show ARTICLE    print a formatted article to stdout (tui-news show --help)\n"
            "  fetch URL...    save pages or every item of a feed into the library\n"
            "  feed ...        add, list, remove, import (OPML) and export feeds\n"
            "  refresh         fetch every feed\n"
            "  pinyin [TEXT]   readings for any text, as ruby rows or JSON\n"
            "  config path     where the config file is; config init writes a commented one\n\n"
            "in the reader, ? lists every key; w lists the open article's words with pinyin,\n"
            "HSK level, count and CC-CEDICT meaning\n\n"
            "examples:\n"
            "  tui-news                      open the bundled articles\n"
            "  tui-news ~/news               open a folder of articles\n"
            "  tui-news ~/news/today.md      open the folder with that article shown\n"
            "  tui-news show --pinyin articles/000_f0ce2c04f8de9a60.txt"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", type=Path, help="a library folder or an article file")
    parser.add_argument("--version", action="version", version=f"tui-news {__version__}")
    return parser


def _show_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-news show",
        description=(
            "Print a formatted article (title, meta line, body, byline, comments) to stdout. "
            "On a terminal it is styled; piped, it is plain text with no escape sequences. "
            "With --pinyin the ruby rows are printed above the characters, laid out exactly "
            "as the reader lays them out."
        ),
        epilog=(
            "examples:\n"
            "  tui-news show articles/000_f0ce2c04f8de9a60.txt\n"
            "  tui-news show --pinyin --width 60 articles/000_f0ce2c04f8de9a60.txt | less\n"
            "  tui-news show --numbers --tones pleco articles/000_f0ce2c04f8de9a60.txt"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", type=Path, help="an article file (.md or scraped page .txt)")
    pinyin = parser.add_mutually_exclusive_group()
    pinyin.add_argument(
        "--pinyin", dest="pinyin", action="store_true", help="print pinyin ruby rows"
    )
    pinyin.add_argument(
        "--no-pinyin", dest="pinyin", action="store_false", help="no ruby rows (default)"
    )
    parser.add_argument(
        "--width",
        type=_positive_width,
        default=None,
        help="line width in cells (default: terminal)",
    )
    from tui_news.commands.pinyin import add_show_options

    add_show_options(parser)
    return parser


def _positive_width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 10 <= width <= 1000:
        raise argparse.ArgumentTypeError("width must be between 10 and 1000")
    return width


def run_show(argv: Sequence[str]) -> int:
    args = _show_parser().parse_args(argv)
    from tui_news.services.library import read_article

    try:
        article = read_article(args.article)
    except ValueError as error:
        raise CommandError(f"{args.article}: {error}") from error

    from rich.console import Console, Group

    from tui_news.commands.pinyin import show_display, terminal_is_dark
    from tui_news.core.display import ReadingDisplay
    from tui_news.ui.renderables.article import article_renderables
    from tui_news.ui.renderables.comments import comments_renderable

    mode, scheme = show_display(args)
    display = ReadingDisplay(mode=mode, tones=scheme, dark=terminal_is_dark())
    console = Console(width=args.width, soft_wrap=False)
    console.print(
        Group(*article_renderables(article, display), comments_renderable(article, display))
    )
    return 0


def run_app(argv: Sequence[str]) -> int:
    args = _app_parser().parse_args(argv)
    from tui_news.services.library import bundled_articles_dir

    library, selected = bundled_articles_dir(), None
    if args.path is not None:
        path: Path = args.path.expanduser()
        if path.is_dir():
            library = path
        elif path.is_file():
            library, selected = path.parent, path
        else:
            raise CommandError(f"{path}: no such file or folder")
    if not library.is_dir():
        raise CommandError(f"{library}: the article folder is missing")

    from tui_news.ui.app import TuiNewsApp

    TuiNewsApp(library, selected=selected).run()
    return 0


def _lazy(module: str, function: str) -> Callable[[Sequence[str]], int]:
    """A command whose module is imported only when it runs (fast start, no import cycles)."""

    def run(argv: Sequence[str]) -> int:
        command: Callable[[Sequence[str]], int] = getattr(importlib.import_module(module), function)
        return command(argv)

    run.__name__ = function
    return run


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "show": run_show,
    "fetch": _lazy("tui_news.commands.fetch", "run_fetch"),
    "feed": _lazy("tui_news.commands.fetch", "run_feed"),
    "refresh": _lazy("tui_news.commands.fetch", "run_refresh"),
    "pinyin": _lazy("tui_news.commands.pinyin", "run_pinyin"),
    "config": _lazy("tui_news.commands.config_cmd", "run_config"),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS.get(argv[0]) if argv else None
    try:
        if command is not None:
            return command(argv[1:])
        return run_app(argv)
    except CommandError as error:
        print(f"tui-news: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
