"""Tones of pinyin syllables and the colour schemes learners use for them (pure).

`tone_of` reads the tone of a syllable written with tone marks ("jǐ") or a tone digit ("ji3");
an unmarked syllable is the neutral tone, 5. `with_tone` rewrites a syllable with another tone
(the tone sandhi rules need it).

Colour schemes follow the conventions of popular dictionaries: Pleco's (the exact published
values), and the red-orange-green-blue and blue-green-orange-red orders of two other well-known
tools, with hex values chosen here. Dictionary colours were picked for a white page, and some of
them are hard to read on a terminal: Pleco's pure blue #1510F0 has a contrast ratio of about 1.9
against a dark grey background. So `ToneScheme.colour(tone, dark=...)` can return a legible
variant: when a colour's WCAG contrast ratio against the reference background is below 3:1 (the
WCAG minimum for large or bold text, which is what a coloured hanzi is in practice), it is mixed
towards white (dark background) or black (light background), in small steps, until it reaches
3:1. Mixing keeps the hue, so blue stays blue, only lighter. Without `dark` the scheme's own
colour is returned unchanged.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from tui_news.core.cycling import CyclingEnum

NEUTRAL = 5

# Combining diacritics after NFD decomposition, by tone.
_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_MARK_OF_TONE = {tone: mark for mark, tone in _TONE_OF_MARK.items()}

# Reference backgrounds for the legible variants: a typical dark terminal grey and an off-white.
# Real backgrounds vary; these are deliberately not the extremes (pure black or white), so a
# colour that passes here also passes on most real backgrounds of the same kind.
DARK_BACKGROUND = "#1E1E1E"
LIGHT_BACKGROUND = "#F5F5F5"
MIN_CONTRAST = 3.0


def tone_of(syllable: str) -> int:
    """The tone of a syllable: 1–4, or 5 for the neutral tone (no mark, or digit 5 or 0)."""
    if syllable and syllable[-1].isdigit():
        digit = int(syllable[-1])
        return digit if 1 <= digit <= 4 else NEUTRAL
    for ch in unicodedata.normalize("NFD", syllable):
        tone = _TONE_OF_MARK.get(ch)
        if tone is not None:
            return tone
    return NEUTRAL


def toneless(syllable: str) -> str:
    """The letters of a syllable without its tone (mark or digit); ü is kept: "lüè" → "lüe"."""
    if syllable and syllable[-1].isdigit():
        syllable = syllable[:-1]
    kept = [ch for ch in unicodedata.normalize("NFD", syllable) if ch not in _TONE_OF_MARK]
    return unicodedata.normalize("NFC", "".join(kept))


def with_tone(syllable: str, tone: int) -> str:
    """`syllable` (tone marks) rewritten with `tone`; 5 gives the unmarked neutral form.

    The mark goes where standard pinyin puts it: on a or e, on the o of "ou", otherwise on the
    last vowel (so "liu" → "liú", "gui" → "guì"), or on the m/n of a syllabic nasal.
    """
    body = toneless(syllable)
    mark = _MARK_OF_TONE.get(tone)
    if mark is None:
        return body
    lower = body.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower or "ê" in lower:
        at = lower.index("e") if "e" in lower else lower.index("ê")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, ch in enumerate(lower) if ch in "iouüv"]
        nasals = [i for i, ch in enumerate(lower) if ch in "mn"]
        if vowels:
            at = vowels[-1]
        elif nasals:
            at = nasals[0]
        else:
            return body
    return unicodedata.normalize("NFC", body[: at + 1] + mark + body[at + 1 :])


class ToneScheme(CyclingEnum):
    """How tones are coloured; `t` in the reader cycles through them in this order."""

    NONE = "none"
    PLECO = "pleco"
    ZHONGWEN = "zhongwen"
    HANPING = "hanping"

    @property
    def label(self) -> str:
        return "tone colours off" if self is ToneScheme.NONE else f"tone colours: {self.value}"

    def colour(self, tone: int, dark: bool | None = None) -> str | None:
        """The colour of `tone` (1–5) as "#RRGGBB", or None for the `none` scheme.

        `dark=None` gives the scheme's own colour; True or False gives the variant legible on a
        dark or light background (see the module docstring).
        """
        colours = _SCHEME_COLOURS.get(self)
        if colours is None:
            return None
        if not 1 <= tone <= NEUTRAL:
            raise ValueError(f"tone must be 1 to 5, got {tone}")
        base = colours[tone - 1]
        if dark is None:
            return base
        return legible(base, DARK_BACKGROUND if dark else LIGHT_BACKGROUND)


# Tones 1, 2, 3, 4 and neutral.
_SCHEME_COLOURS: dict[ToneScheme, tuple[str, str, str, str, str]] = {
    ToneScheme.PLECO: ("#E30000", "#02B31C", "#1510F0", "#8900BF", "#777777"),
    # red, orange, green, blue, grey
    ToneScheme.ZHONGWEN: ("#E8383D", "#F08C1E", "#2E9E44", "#2F6BDB", "#8C8C8C"),
    # blue, green, orange, red, grey
    ToneScheme.HANPING: ("#3478E0", "#2FA34A", "#F0901E", "#DC2D3C", "#8C8C8C"),
}


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a "#RRGGBB" colour (0 black … 1 white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def _mix(colour: str, towards: str, amount: float) -> str:
    source, target = _rgb(colour), _rgb(towards)
    mixed = tuple(round(s + (t - s) * amount) for s, t in zip(source, target, strict=True))
    return _hex((mixed[0], mixed[1], mixed[2]))


@lru_cache(maxsize=256)
def legible(colour: str, background: str, minimum: float = MIN_CONTRAST) -> str:
    """`colour`, or the nearest mix of it with white or black reaching `minimum` contrast.

    The mix goes towards white on a background darker than mid-grey and towards black
    otherwise. Steps of 5% keep the result close to the original; at 100% the result is white or
    black, which always clears 3:1 against a background of the other kind.
    """
    colour = colour.upper()
    if contrast_ratio(colour, background) >= minimum:
        return colour
    towards = "#FFFFFF" if relative_luminance(background) < 0.18 else "#000000"
    for step in range(1, 21):
        mixed = _mix(colour, towards, step / 20)
        if contrast_ratio(mixed, background) >= minimum:
            return mixed
    return towards
