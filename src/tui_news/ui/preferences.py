"""Settings from config.toml and choices remembered from the last run, applied at start.

The config file says what the user wants by default; the state store remembers what they last
chose in the app (theme, pinyin mode, tone scheme). `services.settings.starting_value` decides
between the two; this module applies the result to the app and reports what it could not use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from textual.app import App

from tui_news.core.display import PinyinMode
from tui_news.core.tones import ToneScheme
from tui_news.services.settings import Settings, saved_choice, starting_value
from tui_news.services.state import PINYIN_MODE, SANDHI, THEME, TONE_SCHEME
from tui_news.ui.keymap import binding_sections, checked_keymap
from tui_news.ui.reading_state import ReadingState

E = TypeVar("E", bound=StrEnum)


@dataclass
class Preferences:
    pinyin_mode: PinyinMode = PinyinMode.OFF
    tone_scheme: ToneScheme = ToneScheme.NONE
    sandhi: bool = False
    keymap: dict[str, str] = field(default_factory=dict)  # the overrides in force


def _member(kind: type[E], value: Any, default: E) -> E:
    try:
        return kind(value) if value is not None else default
    except ValueError:
        return default


def apply_preferences(app: App[Any], settings: Settings, state: ReadingState) -> Preferences:
    """Apply the keymap and theme to `app`; return the reader's starting modes. Problems are
    added to `settings.problems` for the caller to show."""
    sections = binding_sections(app.BINDINGS, app.COMMAND_PALETTE_BINDING)
    keymap = checked_keymap(settings, sections)
    if keymap:
        app.set_keymap(keymap)
    theme = starting_value(settings.theme, state.get(THEME))
    if theme is not None:
        if theme in app.available_themes:
            app.theme = theme
        elif theme == settings.theme:
            names = ", ".join(sorted(app.available_themes))
            settings.report("display.theme", f"no theme called {theme!r} (there are: {names})")
    mode = starting_value(settings.pinyin_mode, state.get(PINYIN_MODE))
    tones = starting_value(settings.tone_scheme, state.get(TONE_SCHEME))
    configured_sandhi = None if settings.sandhi is None else str(settings.sandhi)
    sandhi = starting_value(configured_sandhi, state.get(SANDHI))
    # Tone colours by default where the terminal has colour; never where NO_COLOR asks not.
    default_tones = ToneScheme.NONE if app.no_color else ToneScheme.PLECO
    return Preferences(
        _member(PinyinMode, mode, PinyinMode.OFF),
        _member(ToneScheme, tones, default_tones),
        sandhi == "True",
        keymap,
    )


def remember(state: ReadingState, name: str, config_value: str | None, chosen: str) -> None:
    """Save a choice made in the app (theme, pinyin mode, tone scheme) for the next start."""
    state.set(name, saved_choice(config_value, chosen))
