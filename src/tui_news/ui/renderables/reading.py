"""One place that turns a piece of text and the display settings into a `RubyText`.

The article, its comments and `tui-news show` all go through `ruby_for`, so publisher
precedence, sandhi, tone colours, disagreement marks and the narrow-pane fallback behave the
same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import StyleType
from rich.text import Text

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.core.publisher_check import disagreeing_offsets
from tui_news.core.readings import engine_readings, text_readings
from tui_news.ui.renderables.ruby import FALLBACK_WIDTH, RubyText
from tui_news.ui.renderables.tone_styles import syllable_styles


def ruby_for(
    text: Text,
    publisher: Mapping[int, str],
    display: ReadingDisplay | PinyinMode,
    *,
    ruby_style: StyleType = "dim",
) -> RubyText:
    """`text` wrapped by the ruby layout, with the pinyin row when the display asks for it.

    The engine's readings (with spoken tones when sandhi is on) are overridden by the
    publisher's; where the two disagree the syllable is marked.
    """
    display = ReadingDisplay.of(display)
    if display.mode is PinyinMode.OFF:
        return RubyText(text, None, fallback_width=FALLBACK_WIDTH)
    plain = text.plain
    engine = engine_readings(plain)
    marked = disagreeing_offsets(plain, dict(publisher), engine) if publisher else ()
    return RubyText(
        text,
        text_readings(plain, publisher, sandhi=display.sandhi),
        ruby_style=ruby_style,
        numbers=display.mode is PinyinMode.NUMBERS,
        syllable_styles=syllable_styles(display.tones, display.dark),
        marked=marked,
        word_starts=[reading.word_start for reading in engine],
        fallback_width=FALLBACK_WIDTH,
    )
