"""`tui-news config path` and `tui-news config init`: where the config file is, and a
commented default to start from (every setting and key binding, all commented out)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui_news.services.config import config_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tui-news config",
        description="Show where the config file lives, or write a commented default.",
        epilog=(
            "examples:\n"
            "  tui-news config path          print the config file's location\n"
            "  tui-news config init          write a commented default there\n"
            "  $EDITOR $(tui-news config path)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="{path,init}")
    for name, summary in (
        ("path", "print where the config file is (it may not exist yet)"),
        ("init", "write a commented default config (never over a file)"),
    ):
        actions.add_parser(
            name,
            help=summary,
            description=summary[0].upper() + summary[1:] + ".",
            epilog=f"example:\n  tui-news config {name}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    return parser


def default_config() -> str:
    """The commented default, listing every key binding by id (read from the UI's bindings)."""
    from tui_news.ui.app import TuiNewsApp
    from tui_news.ui.keymap import binding_sections, default_config_text

    return default_config_text(
        binding_sections(TuiNewsApp.BINDINGS, TuiNewsApp.COMMAND_PALETTE_BINDING)
    )


def run_config(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    path = config_path()
    if args.action == "path":
        print(path)
        return 0
    if path.exists():
        # The file may already hold [[feeds]] and the user's settings: never overwrite it.
        print(f"tui-news: {path} already exists; left as it is", file=sys.stderr)
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": fails rather than clobbers
            file.write(default_config())
    except OSError as error:
        print(f"tui-news: cannot write {path} ({error.strerror or error})", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    return 0
