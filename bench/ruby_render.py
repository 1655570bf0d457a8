"""How much slower is drawing with ruby than drawing plain text?

Renders the seed article's body at widths 40, 80 and 120 four ways: RubyText with readings,
RubyText without (plain mode, same line breaking), and a plain rich Text, and prints the times
and ratios. Readings are computed once beforehand (as the reader caches them); their cost is
printed separately. Run: python bench/ruby_render.py
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.text import Text

from tui_news.core.readings import text_readings
from tui_news.core.ruby_layout import clear_layout_cache
from tui_news.ui.renderables.ruby import RubyText

ARTICLE = Path(__file__).resolve().parent.parent / "articles" / "000_f0ce2c04f8de9a60.txt"
WIDTHS = (40, 80, 120)
REPEATS = 5


def article_body() -> str:
    lines = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines()]
    return "\n".join(line for line in lines if line)


def best_time(action: Callable[[], object]) -> float:
    """Fastest of a few runs, in seconds (the least disturbed by other work on the machine).

    The layout cache is emptied before each run: the reader lays a paragraph out again on
    every resize, and the first layout is the cost worth measuring.
    """
    times = []
    for _ in range(REPEATS):
        clear_layout_cache()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def render_all(renderable: object, width: int) -> None:
    console = Console(
        width=width, color_system="truecolor", file=io.StringIO(), legacy_windows=False
    )
    console.print(renderable)


def main() -> None:
    body = article_body()
    started = time.perf_counter()
    readings = text_readings(body)
    print(f"{len(body)} characters; readings computed in {time.perf_counter() - started:.3f} s")
    headings = ("rich Text", "plain", "ruby", "plain/Text", "ruby/Text", "ruby/plain")
    print(f"{'width':>5}" + "".join(f" {heading:>11}" for heading in headings))
    for width in WIDTHS:
        text_time = best_time(lambda w=width: render_all(Text(body), w))
        plain_time = best_time(lambda w=width: render_all(RubyText(Text(body), None), w))
        ruby_time = best_time(lambda w=width: render_all(RubyText(Text(body), readings), w))
        seconds = (text_time, plain_time, ruby_time)
        times = "".join(f" {each * 1000:>9.1f}ms" for each in seconds)
        ratios = (plain_time / text_time, ruby_time / text_time, ruby_time / plain_time)
        print(f"{width:>5}{times}" + "".join(f" {ratio:>11.2f}" for ratio in ratios))


if __name__ == "__main__":
    main()
