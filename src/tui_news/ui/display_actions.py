"""The reader's display keys: `p` pinyin mode, `t` tone colours, and tone sandhi.

Mixed into the reader screen, which declares the reactives (`pinyin_mode`, `tone_scheme`,
`sandhi`) and calls `redisplay` from their watchers. Each choice is remembered for the next
start unless config.toml says otherwise.
"""

from __future__ import annotations

from typing import Any

from tui_news.core.display import PinyinMode, ReadingDisplay
from tui_news.core.tones import ToneScheme
from tui_news.services.settings import Settings
from tui_news.services.state import PINYIN_MODE, SANDHI, TONE_SCHEME
from tui_news.ui.preferences import remember
from tui_news.ui.reading_state import ReadingState


class DisplayActions:
    pinyin_mode: PinyinMode
    tone_scheme: ToneScheme
    sandhi: bool
    settings: Settings
    reading_state: ReadingState
    app: Any

    @property
    def display(self) -> ReadingDisplay:
        """The settings every renderable draws readings with; tone colours follow the theme's
        background so they stay legible on dark and light themes alike."""
        return ReadingDisplay(
            mode=self.pinyin_mode,
            tones=self.tone_scheme,
            dark=self.app.current_theme.dark,
            sandhi=self.sandhi,
        )

    def action_cycle_pinyin(self) -> None:
        self.action_set_pinyin(self.pinyin_mode.next().value)

    def action_set_pinyin(self, mode: str) -> None:
        self.pinyin_mode = PinyinMode(mode)
        remember(self.reading_state, PINYIN_MODE, self.settings.pinyin_mode, self.pinyin_mode)

    def action_cycle_tones(self) -> None:
        self.action_set_tones(self.tone_scheme.next().value)

    def action_set_tones(self, scheme: str) -> None:
        self.tone_scheme = ToneScheme(scheme)
        remember(self.reading_state, TONE_SCHEME, self.settings.tone_scheme, self.tone_scheme)
        if self.pinyin_mode is PinyinMode.OFF:
            self.notify_display("Tone colours show with pinyin: press p")

    def action_toggle_sandhi(self) -> None:
        self.sandhi = not self.sandhi
        configured = None if self.settings.sandhi is None else str(self.settings.sandhi)
        remember(self.reading_state, SANDHI, configured, str(self.sandhi))
        state = "on: spoken tones" if self.sandhi else "off: dictionary tones"
        self.notify_display(f"Tone sandhi {state}")

    def notify_display(self, message: str) -> None:
        self.app.notify(message, timeout=3, markup=False)
