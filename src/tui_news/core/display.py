"""Display settings shared by the reader and the command line."""

from __future__ import annotations

from dataclasses import dataclass

from tui_news.core.cycling import CyclingEnum
from tui_news.core.tones import ToneScheme


class PinyinMode(CyclingEnum):
    """How readings are shown: not at all, as ruby with tone marks, or with tone digits.

    `p` steps through them in this order: off → marks → numbers → off.
    """

    OFF = "off"
    MARKS = "marks"
    NUMBERS = "numbers"

    @property
    def label(self) -> str:
        return {
            "off": "pinyin off",
            "marks": "pinyin: tone marks",
            "numbers": "pinyin: tone numbers",
        }[self.value]


@dataclass(frozen=True)
class ReadingDisplay:
    """Everything that decides how readings are drawn, handed down to the renderables."""

    mode: PinyinMode = PinyinMode.OFF
    tones: ToneScheme = ToneScheme.NONE
    dark: bool = True  # background the tone colours must stay legible on
    sandhi: bool = False  # spoken tones (一, 不, third-tone pairs) instead of dictionary tones

    @property
    def label(self) -> str:
        """What the reader's status shows, e.g. "pinyin: tone marks · Pleco colours"."""
        parts = [self.mode.label]
        if self.mode is not PinyinMode.OFF:
            if self.tones is not ToneScheme.NONE:
                parts.append(f"{self.tones.value.capitalize()} colours")
            if self.sandhi:
                parts.append("sandhi")
        return " · ".join(parts)

    @classmethod
    def of(cls, display: ReadingDisplay | PinyinMode) -> ReadingDisplay:
        """Accept a bare mode where only the mode matters."""
        return display if isinstance(display, ReadingDisplay) else cls(mode=display)
