"""The reader's settings from config.toml: theme, pinyin mode, tone scheme, sandhi, key bindings.

The file is the same one that holds ``[[feeds]]`` (see `services.config`); this module only
reads it (``tui-news config init`` writes the commented default, never over an existing file).

A bad file never stops the app. Each problem becomes one line naming the line and the key, and
only that key falls back to its default: a TOML syntax error drops its line and the rest is read
again; a value of the wrong kind drops that value. The UI validates what only it can know
(theme names, binding ids, key conflicts) and words those problems the same way with
`Settings.problem`.

Settings the user can also change in the app (theme, pinyin mode, tone scheme) are saved in the
state store as a *choice* that remembers the config value it overrode (`saved_choice`). On the
next start the choice wins unless the config file has changed that setting since
(`starting_value`), so editing the file always takes effect.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui_news.core.display import PinyinMode
from tui_news.core.tones import ToneScheme
from tui_news.services.config import config_path

DISPLAY_TABLE = "display"
KEYS_TABLE = "keys"
# Tables other engineers' code owns (feeds) or that may come later: never reported as unknown.
OTHER_TABLES = frozenset({"feeds", "tones", "fetch"})
MAX_SYNTAX_RETRIES = 50  # a file of nothing but errors must not loop for long

_LINE_IN_MESSAGE = re.compile(r"\(at line (\d+), column \d+\)")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_.\"' -]+?)\s*=")


@dataclass
class Settings:
    """What config.toml asks for; None where it leaves a setting to the app's default."""

    theme: str | None = None
    pinyin_mode: PinyinMode | None = None
    tone_scheme: ToneScheme | None = None
    sandhi: bool | None = None
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> "key[,key...]"
    problems: list[str] = field(default_factory=list)  # one line each, for the user
    path: Path | None = None
    text: str = field(default="", repr=False)  # the file as read, to find a key's line

    def line_of(self, dotted_key: str) -> int | None:
        """The 1-based line where `dotted_key` (e.g. "keys.reader.star") is set, if found."""
        return find_key_line(self.text, dotted_key)

    def problem(self, dotted_key: str, message: str) -> str:
        """A one-line problem report for a key, naming the file's line when it can be found."""
        name = self.path.name if self.path is not None else "config"
        line = self.line_of(dotted_key)
        where = f"{name} line {line}" if line is not None else name
        return f"{where}: {dotted_key}: {message}; default used"

    def report(self, dotted_key: str, message: str) -> None:
        self.problems.append(self.problem(dotted_key, message))


def find_key_line(text: str, dotted_key: str) -> int | None:
    """Where a key is assigned, following table headers and dotted or quoted keys."""
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            continue
        assignment = _KEY_LINE.match(line)
        if assignment:
            key = _dotted(assignment.group(1))
            if f"{table}.{key}".strip(".") == dotted_key:
                return number
    return None


def _dotted(raw: str) -> str:
    """`keys . "reader.star"` → `keys.reader.star` (quotes dropped, spaces around dots too)."""
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def _parse_leniently(text: str, settings: Settings) -> dict[str, Any]:
    """Parse TOML; on a syntax error report it, blank the offending line and try again."""
    lines = text.splitlines()
    for _ in range(MAX_SYNTAX_RETRIES):
        try:
            return tomllib.loads("\n".join(lines))
        except tomllib.TOMLDecodeError as error:
            found = _LINE_IN_MESSAGE.search(str(error))
            if found is None or not 1 <= int(found.group(1)) <= len(lines):
                break
            number = int(found.group(1))
            bad = lines[number - 1]
            key = bad.split("=", 1)[0].strip() if "=" in bad else bad.strip()
            name = settings.path.name if settings.path is not None else "config"
            reason = _LINE_IN_MESSAGE.sub("", str(error)).strip()
            settings.problems.append(
                f"{name} line {number}: {key or 'line'}: {reason}; line ignored"
            )
            lines[number - 1] = ""
    settings.problems.append("config: too many errors; every setting is at its default")
    return {}


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """`{"reader": {"star": "x"}}` → ("reader.star", "x"): ids may be written dotted or quoted."""
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def _enum_value(settings: Settings, key: str, value: Any, kind: type[Any]) -> Any:
    choices = [member.value for member in kind]
    if value in choices:
        return kind(value)
    settings.report(f"{DISPLAY_TABLE}.{key}", f"{value!r} is not one of {', '.join(choices)}")
    return None


def settings_from_text(text: str, path: Path | None = None) -> Settings:
    settings = Settings(path=path, text=text)
    data = _parse_leniently(text, settings)
    display = data.get(DISPLAY_TABLE, {})
    if not isinstance(display, dict):
        settings.report(DISPLAY_TABLE, "must be a table ([display])")
        display = {}
    for key, value in display.items():
        if key == "theme":
            if isinstance(value, str) and value.strip():
                settings.theme = value.strip()
            else:
                settings.report(f"{DISPLAY_TABLE}.theme", "must be a theme name in quotes")
        elif key == "pinyin":
            settings.pinyin_mode = _enum_value(settings, key, value, PinyinMode)
        elif key == "tone_scheme":
            settings.tone_scheme = _enum_value(settings, key, value, ToneScheme)
        elif key == "sandhi":
            if isinstance(value, bool):
                settings.sandhi = value
            else:
                settings.report(f"{DISPLAY_TABLE}.sandhi", "must be true or false")
        else:
            settings.report(f"{DISPLAY_TABLE}.{key}", "unknown setting")
    keys = data.get(KEYS_TABLE, {})
    if not isinstance(keys, dict):
        settings.report(KEYS_TABLE, "must be a table ([keys])")
        keys = {}
    for binding_id, value in _flatten(keys):
        if isinstance(value, str) and all(part.strip() for part in value.split(",")):
            settings.keymap[binding_id] = ",".join(part.strip() for part in value.split(","))
        else:
            settings.report(f"{KEYS_TABLE}.{binding_id}", 'must be keys in quotes, e.g. "ctrl+s"')
    for name in data:
        if name not in (DISPLAY_TABLE, KEYS_TABLE) and name not in OTHER_TABLES:
            settings.report(name, "unknown setting")
    return settings


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml (no file: every default); never raises."""
    path = path if path is not None else config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(path=path)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        return Settings(path=path, problems=[f"{path}: cannot read ({reason}); defaults used"])
    return settings_from_text(text, path)


# --- key bindings -----------------------------------------------------------------------------

# scope name -> binding id -> the keys it ends up on (normalised, e.g. "question_mark")
BindingScopes = Mapping[str, Mapping[str, Collection[str]]]


def keymap_conflicts(scopes: BindingScopes) -> list[tuple[str, str, list[str]]]:
    """(scope, key, ids) wherever two binding ids share a key within one scope."""
    found: list[tuple[str, str, list[str]]] = []
    for scope, bindings in scopes.items():
        by_key: dict[str, list[str]] = {}
        for binding_id, keys in bindings.items():
            for key in keys:
                ids = by_key.setdefault(key, [])
                if binding_id not in ids:
                    ids.append(binding_id)
        found.extend((scope, key, ids) for key, ids in by_key.items() if len(ids) > 1)
    return found


# --- choices made in the app ------------------------------------------------------------------


def saved_choice(config_value: str | None, chosen: str) -> dict[str, str | None]:
    """What to store when the user picks a value in the app (see the module docstring)."""
    return {"value": chosen, "config": config_value}


def starting_value(config_value: str | None, saved: Any) -> str | None:
    """The value to start with: the saved choice, unless config.toml changed since it was made."""
    if (
        isinstance(saved, dict)
        and isinstance(saved.get("value"), str)
        and saved.get("config") == config_value
    ):
        return str(saved["value"])
    return config_value
