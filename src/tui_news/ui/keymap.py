"""Every key the reader binds, and the user's overrides from config.toml's ``[keys]`` table.

The help screen, `tui-news config init` and the keymap check all read the same sections, so a
binding added to a widget's BINDINGS appears everywhere with nothing else to update.
Overrides go to Textual's own keymap (`App.set_keymap`, by binding id); this module checks them
first: unknown ids and keys that two actions would share are reported, and those overrides
dropped, so every key keeps exactly one meaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.binding import Binding, BindingType

from tui_news.services.settings import KEYS_TABLE, Settings, keymap_conflicts
from tui_news.ui.screens.help import KeySection

# Bindings of these sections are active whatever has the focus; a widget's only while it has it.
READING = "Reading"
APP = "App"
# Sections of screens of their own: the reader's keys are not active there, only the app's.
WORDS = "Words (w)"
WORD_ENTRY = "Word entry (enter in Words)"
OWN_SCREENS = (WORDS, WORD_ENTRY)


def binding_sections(app_bindings: Sequence[BindingType], palette_key: str) -> list[KeySection]:
    """The reader's keys, section by section, as the help screen lists them."""
    # Imported here: the reader screen imports this module.
    from tui_news.ui.screens.links import LinksScreen
    from tui_news.ui.screens.reader import ReaderScreen
    from tui_news.ui.screens.words import WordEntryScreen, WordsScreen
    from tui_news.ui.widgets.article_list import ArticleList
    from tui_news.ui.widgets.article_view import ArticleView
    from tui_news.ui.widgets.comments_panel import CommentsPanel
    from tui_news.ui.widgets.filter_bar import FilterBar
    from tui_news.ui.widgets.find_bar import FindBar
    from tui_news.ui.widgets.word_cursor import WordCursorPane
    from tui_news.ui.widgets.word_list import WordList

    return [
        ("Article list", ArticleList.BINDINGS),
        (READING, ReaderScreen.BINDINGS),
        ("Article pane (when focused)", [*ArticleView.BINDINGS, *WordCursorPane.BINDINGS]),
        ("Comments panel (when focused)", CommentsPanel.BINDINGS),
        ("Filter bar (/)", FilterBar.BINDINGS),
        ("Find bar (ctrl+f)", FindBar.BINDINGS),
        ("Link list (l)", LinksScreen.BINDINGS),
        (WORDS, [*WordList.BINDINGS, *WordsScreen.BINDINGS]),
        (WORD_ENTRY, WordEntryScreen.BINDINGS),
        (
            APP,
            [
                *app_bindings,
                # Textual's palette key (App.COMMAND_PALETTE_BINDING): not rebindable here.
                Binding(palette_key, "command_palette", "Command palette"),
            ],
        ),
    ]


def normalised_keys(keys: str) -> list[str]:
    """`"?,ctrl+s"` → `["question_mark", "ctrl+s"]`, as Textual names keys."""
    return [binding.key for binding in Binding.make_bindings([Binding(keys, "noop")])]


def effective_keys(
    bindings: Iterable[BindingType], keymap: Mapping[str, str]
) -> dict[str, list[str]]:
    """Binding id → the keys it ends up on once `keymap` is applied."""
    keys: dict[str, list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if binding.id is None:
            continue
        if binding.id in keymap:
            keys[binding.id] = normalised_keys(keymap[binding.id])
        else:
            keys.setdefault(binding.id, []).append(binding.key)
    return keys


def checked_keymap(settings: Settings, sections: Sequence[KeySection]) -> dict[str, str]:
    """The overrides that can be applied; each one dropped is reported in `settings.problems`."""
    known = {
        binding.id
        for _, bindings in sections
        for binding in Binding.make_bindings(bindings)
        if binding.id is not None
    }
    keymap: dict[str, str] = {}
    for binding_id, keys in settings.keymap.items():
        if binding_id not in known:
            settings.report(f"{KEYS_TABLE}.{binding_id}", "no such key binding id")
        else:
            keymap[binding_id] = keys
    # A widget's keys shadow the screen's while it has the focus, so each widget is checked
    # together with the screen and app; the defaults' own overlaps (space pages the article but
    # folds a comment) are deliberate, so only clashes involving an override are reported.
    # A screen of its own (Words) is checked with the app's keys only: the reader's are not
    # active there, so its `o` and the reader's `o` never meet.
    global_bindings = [
        binding for title, bindings in sections if title in (READING, APP) for binding in bindings
    ]
    app_bindings = [binding for title, bindings in sections if title == APP for binding in bindings]

    def shared(title: str) -> list[BindingType]:
        if title in (READING, APP):
            return []
        return app_bindings if title in OWN_SCREENS else global_bindings

    scopes = {
        title: effective_keys([*bindings, *shared(title)], keymap)
        for title, bindings in sections
        if title != APP
    }
    reported: set[tuple[str, tuple[str, ...]]] = set()
    for _, key, ids in keymap_conflicts(scopes):
        overridden = [binding_id for binding_id in ids if binding_id in keymap]
        if not overridden or (key, tuple(ids)) in reported:
            continue
        reported.add((key, tuple(ids)))
        for binding_id in overridden:
            others = ", ".join(other for other in ids if other != binding_id)
            settings.report(f"{KEYS_TABLE}.{binding_id}", f"{key} is already {others}")
            keymap.pop(binding_id, None)
    return keymap


def default_config_text(sections: Sequence[KeySection]) -> str:
    """The commented config.toml that `tui-news config init` writes."""
    lines = [
        "# tui-news configuration. `tui-news config path` prints where this file lives.",
        "# Every setting is optional: delete or comment out a line to use the default.",
        "",
        "[display]",
        "# Any Textual theme (ctrl+p → Change theme lists them). A theme chosen in the app is",
        "# remembered until this line changes.",
        '# theme = "textual-dark"',
        "# Pinyin when the reader starts (p cycles it; the last mode used is remembered):",
        "# off | marks | numbers",
        '# pinyin = "off"',
        "# Tone colours (t cycles them): none | pleco | zhongwen | hanping. The default is",
        "# pleco on a colour terminal and none where NO_COLOR is set.",
        '# tone_scheme = "pleco"',
        "# Tone sandhi: spoken tones for 一, 不 and third-tone pairs instead of dictionary tones.",
        "# sandhi = false",
        "",
        "[keys]",
        "# Rebind any action by its id; several keys are separated by commas, e.g.",
        '# reader.star = "s,f"   Keys already used by another action are reported and ignored.',
    ]
    seen: set[str] = set()
    for title, bindings in sections:
        lines.append(f"# {title}")
        for binding_id, keys in effective_keys(bindings, {}).items():
            if binding_id in seen:
                continue
            seen.add(binding_id)
            description = next(
                (
                    b.tooltip or b.description
                    for b in Binding.make_bindings(bindings)
                    if b.id == binding_id
                ),
                "",
            )
            setting = f'# {binding_id} = "{",".join(keys)}"'
            lines.append(f"{setting:<44} # {description}" if description else setting)
    lines += [
        "",
        "# Feeds are managed with `tui-news feed add|remove|import`, which keep this file's",
        "# other settings; they are stored as [[feeds]] tables with a name and a url.",
        "",
    ]
    return "\n".join(lines)


def rebound(bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> list[Binding]:
    """`bindings` with the keymap's keys in place of their own, for the help screen."""
    shown: list[Binding] = []
    for binding in Binding.make_bindings(bindings):
        if binding.id in keymap:
            if any(b.id == binding.id for b in shown):
                continue  # already listed under its new keys
            shown += [binding.with_key(key) for key in normalised_keys(keymap[binding.id])]
        else:
            shown.append(binding)
    return shown
