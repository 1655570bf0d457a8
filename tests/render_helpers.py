"""Rendering Rich renderables to plain text at a fixed width, for exact-string tests."""

from __future__ import annotations

import io

from rich.console import Console
from rich.segment import Segment


def make_console(width: int) -> Console:
    return Console(width=width, color_system=None, file=io.StringIO(), legacy_windows=False)


def rendered(renderable: object, width: int) -> str:
    console = make_console(width)
    console.print(renderable)
    return console.file.getvalue()


def segments(renderable: object, width: int) -> list[Segment]:
    console = make_console(width)
    return list(console.render(renderable, console.options.update_width(width)))
