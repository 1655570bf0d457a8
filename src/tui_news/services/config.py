"""Per-user settings and state for feeds: the subscription list, OPML, conditional-GET state.

Locations follow the platform's conventions (platformdirs); the ``TUI_NEWS_HOME`` environment
variable overrides all of them at once (config at ``$TUI_NEWS_HOME/config.toml``, data under
``$TUI_NEWS_HOME/data``), which keeps tests and portable installs self-contained.

The config file may hold other tables besides ``[[feeds]]``; they are preserved on write.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from tui_news.core.atomic_file import write_atomic

HOME_VARIABLE = "TUI_NEWS_HOME"
APP_NAME = "tui-news"


class ConfigError(Exception):
    """A config or state file that cannot be read or written; message in words."""


@dataclass(frozen=True)
class FeedSubscription:
    name: str
    url: str


@dataclass(frozen=True)
class FeedState:
    """What the server said last time, for a conditional GET."""

    etag: str = ""
    last_modified: str = ""

    def request_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def config_path() -> Path:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser() / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def data_dir() -> Path:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser() / "data"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def _read_config() -> dict[str, Any]:
    path = config_path()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from error


def load_feeds() -> list[FeedSubscription]:
    feeds = _read_config().get("feeds", [])
    if not isinstance(feeds, list):
        raise ConfigError(f"{config_path()}: 'feeds' must be an array of tables")
    out = []
    for entry in feeds:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            name = entry.get("name") if isinstance(entry.get("name"), str) else entry["url"]
            out.append(FeedSubscription(name=name, url=entry["url"]))
    return out


def save_feeds(feeds: list[FeedSubscription]) -> None:
    import tomli_w

    config = _read_config()
    config["feeds"] = [{"name": feed.name, "url": feed.url} for feed in feeds]
    try:
        _write_atomic(config_path(), tomli_w.dumps(config).encode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{config_path()}: cannot write ({error.strerror})") from error


def _state_path() -> Path:
    return data_dir() / "feed_state.json"


def load_feed_states() -> dict[str, FeedState]:
    """Conditional-GET state per feed URL; an unreadable file just means 'fetch everything'."""
    try:
        raw = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        url: FeedState(str(value.get("etag", "")), str(value.get("last_modified", "")))
        for url, value in raw.items()
        if isinstance(value, dict)
    }


def save_feed_states(states: dict[str, FeedState]) -> None:
    data = {
        url: {"etag": state.etag, "last_modified": state.last_modified}
        for url, state in sorted(states.items())
    }
    try:
        _write_atomic(_state_path(), json.dumps(data, indent=1).encode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{_state_path()}: cannot write ({error.strerror})") from error


def parse_opml(data: bytes) -> list[FeedSubscription]:
    """Every outline with an xmlUrl, at any depth (folders are flattened)."""
    from lxml import etree

    # No network, no entities: an OPML file from elsewhere must not read local files.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ConfigError(f"not a valid OPML file ({error.msg})") from error
    if root.tag.lower() != "opml":
        raise ConfigError("not an OPML file (the root element is not <opml>)")
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            name = (outline.get("title") or outline.get("text") or url).strip()
            feeds.append(FeedSubscription(name=name, url=url))
    return feeds


def opml_document(feeds: list[FeedSubscription], title: str = "tui-news feeds") -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_escape(title)}</title></head>",
        "  <body>",
    ]
    for feed in feeds:
        lines.append(
            f'    <outline type="rss" text={quoteattr(feed.name)} title={quoteattr(feed.name)}'
            f" xmlUrl={quoteattr(feed.url)}/>"
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
