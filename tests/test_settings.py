"""config.toml settings, key binding checks, `tui-news config`, and the list's views (no UI run)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.binding import Binding

from tui_news.commands.config_cmd import default_config, run_config
from tui_news.core.display import PinyinMode
from tui_news.core.models import Article
from tui_news.core.tones import ToneScheme
from tui_news.services.library import LibraryEntry
from tui_news.services.library_view import (
    Grouping,
    ListView,
    SortOrder,
    View,
    arrange,
    entry_key,
    feed_namer,
)
from tui_news.services.settings import (
    keymap_conflicts,
    load_settings,
    saved_choice,
    settings_from_text,
    starting_value,
)
from tui_news.ui.app import TuiNewsApp
from tui_news.ui.keymap import binding_sections, checked_keymap, rebound

GOOD = """\
[display]
theme = "nord"
pinyin = "marks"
tone_scheme = "pleco"

[keys]
reader.star = "x"
"reader.read" = "ctrl+u, U"

[[feeds]]
name = "Example"
url = "https://news.example.cn/rss"
"""


def sections():
    return binding_sections(TuiNewsApp.BINDINGS, TuiNewsApp.COMMAND_PALETTE_BINDING)


# Reading the file


def test_a_good_file_sets_everything_and_keys_may_be_dotted_or_quoted() -> None:
    settings = settings_from_text(GOOD)
    assert settings.problems == []
    assert settings.theme == "nord"
    assert settings.pinyin_mode is PinyinMode.MARKS
    assert settings.tone_scheme is ToneScheme.PLECO
    assert settings.keymap == {"reader.star": "x", "reader.read": "ctrl+u,U"}


def test_a_bad_value_names_its_line_and_key_and_only_it_falls_back(tmp_path: Path) -> None:
    text = GOOD.replace('pinyin = "marks"', 'pinyin = "loud"')
    settings = settings_from_text(text, tmp_path / "config.toml")
    assert settings.problems == [
        "config.toml line 3: display.pinyin: 'loud' is not one of off, marks, numbers; default used"
    ]
    assert settings.pinyin_mode is None
    assert settings.theme == "nord" and settings.keymap["reader.star"] == "x"


def test_a_syntax_error_drops_only_its_line() -> None:
    settings = settings_from_text(GOOD.replace('theme = "nord"', "theme = nord"))
    assert len(settings.problems) == 1
    assert settings.problems[0].startswith("config line 2: theme: Invalid value")
    assert settings.theme is None
    assert settings.pinyin_mode is PinyinMode.MARKS
    assert settings.keymap["reader.star"] == "x"


def test_wrong_kinds_and_unknown_settings_are_reported() -> None:
    settings = settings_from_text('[display]\ncolour = "red"\n[keys]\nreader.star = 5\n')
    assert settings.problems == [
        "config line 2: display.colour: unknown setting; default used",
        'config line 4: keys.reader.star: must be keys in quotes, e.g. "ctrl+s"; default used',
    ]


def test_no_file_means_every_default(home: Path) -> None:
    settings = load_settings()
    assert settings.problems == [] and settings.keymap == {} and settings.theme is None


# Key bindings


def test_keymap_conflicts_are_per_scope() -> None:
    scopes = {"a": {"x.one": ["s"], "x.two": ["s", "t"]}, "b": {"y.one": ["s"]}}
    assert keymap_conflicts(scopes) == [("a", "s", ["x.one", "x.two"])]


def test_unknown_ids_and_clashing_overrides_are_reported_and_dropped() -> None:
    settings = settings_from_text(
        '[keys]\nreader.star = "p"\nreader.read = "x"\nreader.nothing = "z"\n'
    )
    keymap = checked_keymap(settings, sections())
    assert keymap == {"reader.read": "x"}
    assert settings.problems == [
        "config line 4: keys.reader.nothing: no such key binding id; default used",
        "config line 2: keys.reader.star: p is already reader.pinyin; default used",
    ]


def test_swapping_two_keys_is_not_a_clash() -> None:
    settings = settings_from_text('[keys]\nreader.star = "u"\nreader.read = "s"\n')
    assert checked_keymap(settings, sections()) == {"reader.star": "u", "reader.read": "s"}
    assert settings.problems == []


def test_help_shows_rebound_keys() -> None:
    bindings = [Binding("s", "toggle_star", "Star", id="reader.star"), Binding("p", "x", "X")]
    keys = [b.key for b in rebound(bindings, {"reader.star": "x,question_mark"})]
    assert keys == ["x", "question_mark", "p"]


# Choices remembered in the app


def test_a_saved_choice_wins_until_the_config_changes() -> None:
    saved = saved_choice("nord", "dracula")
    assert starting_value("nord", saved) == "dracula"
    assert starting_value("gruvbox", saved) == "gruvbox"  # the file changed since: it wins
    assert starting_value(None, saved_choice(None, "dracula")) == "dracula"
    assert starting_value("nord", None) == "nord"
    assert starting_value("nord", "garbage") == "nord"


# tui-news config


def test_config_path_prints_the_location(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_config(["path"]) == 0
    assert capsys.readouterr().out.strip() == str(home / "config.toml")


def test_config_init_writes_a_commented_default_once(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_config(["init"]) == 0
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"display": {}, "keys": {}}  # everything commented out
    every_id = {b.id for _, bindings in sections() for b in Binding.make_bindings(bindings) if b.id}
    for binding_id in every_id:
        assert f"# {binding_id} = " in text, binding_id
    # Uncommenting a line gives a valid override.
    uncommented = text.replace('# reader.star = "s"', 'reader.star = "x"')
    assert settings_from_text(uncommented).keymap == {"reader.star": "x"}
    (home / "config.toml").write_text(GOOD, encoding="utf-8")
    assert run_config(["init"]) == 1  # never over an existing file (its feeds stay)
    assert "already exists" in capsys.readouterr().err
    assert (home / "config.toml").read_text(encoding="utf-8") == GOOD


def test_default_config_has_no_conflicts() -> None:
    assert default_config().count("[keys]") == 1


# The list's views, orders and groups


def entry(name: str, title: str, source: str = "", published: str = "", url: str = ""):
    article = Article(title=title, source=source, published=published, url=url)
    return LibraryEntry(Path("/lib") / name, article)


ENTRIES = [
    entry("a.md", "Banana", "Zeta", "2026-01-02", "https://news.example.cn/a"),
    entry("b.md", "apple", "alpha", "2026-03-01", "https://www.other.org/b"),
    entry("c.md", "Cherry", "", ""),
    LibraryEntry(Path("/lib/d.md"), None, "broken"),
]


def names(entries) -> list[str]:
    return [e.path.name for e in entries]


def test_views_keep_unread_or_starred() -> None:
    read = {entry_key(ENTRIES[0])}
    starred = {entry_key(ENTRIES[2])}
    assert names(arrange(ENTRIES, view=View.UNREAD, read=read).entries) == ["b.md", "c.md", "d.md"]
    assert names(arrange(ENTRIES, view=View.STARRED, starred=starred).entries) == ["c.md"]
    assert names(arrange(ENTRIES, matching={"/lib/b.md"}).entries) == ["b.md"]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (SortOrder.LIBRARY, ["a.md", "b.md", "c.md", "d.md"]),
        (SortOrder.DATE, ["b.md", "a.md", "c.md", "d.md"]),
        (SortOrder.SOURCE, ["b.md", "a.md", "c.md", "d.md"]),
        (SortOrder.TITLE, ["b.md", "a.md", "c.md", "d.md"]),
        (SortOrder.UNREAD_FIRST, ["b.md", "c.md", "d.md", "a.md"]),
    ],
)
def test_sort_orders(order: SortOrder, expected: list[str]) -> None:
    read = {entry_key(ENTRIES[0])}
    assert names(arrange(ENTRIES, order=order, read=read).entries) == expected


def test_groups_by_source_and_by_feed() -> None:
    by_source = arrange(ENTRIES, grouping=Grouping.SOURCE)
    assert [(name, names(es)) for name, es in by_source.groups] == [
        ("alpha", ["b.md"]),
        ("Zeta", ["a.md"]),
        ("Other", ["c.md", "d.md"]),
    ]
    feed_of = feed_namer([("Example news", "https://rss.example.cn/feed.xml")])
    by_feed = arrange(ENTRIES, grouping=Grouping.FEED, feed_of=feed_of)
    assert [(name, names(es)) for name, es in by_feed.groups] == [
        ("Example news", ["a.md"]),
        ("Other", ["b.md", "c.md", "d.md"]),
    ]


def test_list_titles_and_notes() -> None:
    view = ListView()
    assert view.title(5, 5) == "Articles (5)" and view.title(2, 5) == "Articles (2 of 5)"
    view.view, view.order, view.indexing = View.UNREAD, SortOrder.DATE, True
    assert view.title(3, 5) == "Unread (3)"
    assert view.notes() == "by date · indexing…"
