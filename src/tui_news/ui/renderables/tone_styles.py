"""Rich styles for tone colours, for `RubyText(syllable_styles=...)`.

The colours come from `core.tones`; here they only become Styles. RubyText applies the style to
the syllable and to the character under it, so a learner sees the tone on the hanzi too.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style

from tui_news.core.tones import ToneScheme, tone_of

SyllableStyles = Callable[[str], Style | None]


def _no_style(syllable: str) -> Style | None:
    return None


def tone_style_function(scheme: ToneScheme, dark: bool) -> SyllableStyles:
    """A function from a tone-marked syllable to its colour Style (None for the `none` scheme).

    `dark` picks the variant legible on a dark (True) or light (False) background.
    """
    if scheme is ToneScheme.NONE:
        return _no_style
    # Five Styles, built once: the function runs for every syllable drawn.
    styles = {tone: Style(color=scheme.colour(tone, dark=dark)) for tone in range(1, 6)}

    def style_for(syllable: str) -> Style | None:
        return styles[tone_of(syllable)]

    return style_for


def syllable_styles(scheme: ToneScheme, dark: bool) -> SyllableStyles | None:
    """As `tone_style_function`, but None for the `none` scheme (RubyText then skips lookups)."""
    return None if scheme is ToneScheme.NONE else tone_style_function(scheme, dark)
