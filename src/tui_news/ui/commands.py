"""Command palette (ctrl+p): every reader action, plus one "Open" command per article, and
the Words screen's actions.

Commands run the screen's actions by name, so the palette, the keys and the help screen all
drive the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_news.services.library import LibraryEntry


@dataclass(frozen=True)
class ReaderCommand:
    title: str
    help: str
    action: str  # an action of the reader screen, or `app.`-prefixed for the app's


READER_COMMANDS: tuple[ReaderCommand, ...] = (
    ReaderCommand(
        "Pinyin: next mode", "Cycle pinyin: off → tone marks → tone numbers", "cycle_pinyin"
    ),
    ReaderCommand("Pinyin: off", "Hide the pinyin rows", "set_pinyin('off')"),
    ReaderCommand("Pinyin: tone marks", "Pinyin with tone marks (hǎo)", "set_pinyin('marks')"),
    ReaderCommand("Pinyin: tone numbers", "Tone digits (hao3)", "set_pinyin('numbers')"),
    ReaderCommand("Tone colours: next scheme", "None → Pleco → Zhongwen → Hanping", "cycle_tones"),
    ReaderCommand("Tone colours: none", "Syllables in the plain ruby style", "set_tones('none')"),
    ReaderCommand(
        "Tone colours: Pleco",
        "1 red, 2 green, 3 blue, 4 purple, neutral grey",
        "set_tones('pleco')",
    ),
    ReaderCommand(
        "Tone colours: Zhongwen",
        "1 red, 2 orange, 3 green, 4 blue, neutral grey",
        "set_tones('zhongwen')",
    ),
    ReaderCommand(
        "Tone colours: Hanping",
        "1 blue, 2 green, 3 orange, 4 red, neutral grey",
        "set_tones('hanping')",
    ),
    ReaderCommand(
        "Tone sandhi: on or off",
        "Spoken tones for 一, 不 and third-tone pairs, or dictionary tones",
        "toggle_sandhi",
    ),
    ReaderCommand("Comments: show or hide", "Toggle the comments panel", "toggle_comments"),
    ReaderCommand("Article list: show or hide", "Fold the sidebar away", "toggle_sidebar"),
    ReaderCommand("Next article", "Open the article below in the list", "open_next"),
    ReaderCommand("Previous article", "Open the article above in the list", "open_previous"),
    ReaderCommand("Page down", "Scroll the article down a page", "page_down"),
    ReaderCommand("Page up", "Scroll the article up a page", "page_up"),
    ReaderCommand("Top of article", "Scroll to the start of the article", "scroll_top"),
    ReaderCommand("End of article", "Scroll to the end of the article", "scroll_bottom"),
    ReaderCommand("Next pane", "Move focus to the next pane", "app.focus_next"),
    ReaderCommand("Previous pane", "Move focus to the previous pane", "app.focus_previous"),
    ReaderCommand("Help: every key", "The reader's keys, section by section", "help"),
    ReaderCommand(
        "Star or unstar", "Star the article (the starred view lists them)", "toggle_star"
    ),
    ReaderCommand("Mark read or unread", "Toggle the article's read mark", "toggle_read"),
    ReaderCommand("Filter the list", "Words, 汉字 or pinyin: jinan, ji3nan2, jn", "filter"),
    ReaderCommand("Clear the filter", "Show every article again", "clear_filter"),
    ReaderCommand("Find in article", "Highlight matches, pinyin included", "find"),
    ReaderCommand("Find: next match", "Go to the next match in the article", "find_next"),
    ReaderCommand("Find: previous match", "Go to the previous match", "find_previous"),
    ReaderCommand("View: all articles", "List every article", "set_view('all')"),
    ReaderCommand("View: unread", "List only unread articles", "set_view('unread')"),
    ReaderCommand("View: starred", "List only starred articles", "set_view('starred')"),
    ReaderCommand(
        "Sort: next order", "Library → date → source → title → unread first", "cycle_sort"
    ),
    ReaderCommand("Group: next grouping", "None → by source → by feed", "cycle_grouping"),
    ReaderCommand("Open in browser", "Open the article's web page", "open_url"),
    ReaderCommand("Copy URL", "Copy the article's web address", "copy_url"),
    ReaderCommand("Links", "The article's links, numbered; open one", "links"),
    ReaderCommand(
        "Words: the article's vocabulary",
        "Each word with pinyin, HSK level, count and CC-CEDICT meaning",
        "words",
    ),
    ReaderCommand(
        "Define: word cursor in the article",
        "Highlight a word; ←/→ move it, enter shows its dictionary entry, esc leaves",
        "define",
    ),
    ReaderCommand(
        "Fetch: refresh feeds", "Fetch new articles from every subscribed feed", "app.refresh_feeds"
    ),
    ReaderCommand("Fetch: add URL", "Fetch a page or feed into the library", "app.add_url"),
    ReaderCommand("Fetch: errors", "What went wrong in the last fetch", "app.fetch_errors"),
    # Quitting, themes and screenshots come from Textual's own system commands.
)


WORDS_COMMANDS: tuple[ReaderCommand, ...] = (
    ReaderCommand(
        "Words: next order", "Sort: appearance → HSK level → count", "cycle_order"
    ),
    ReaderCommand(
        "Words: export for flashcards",
        "Save the list as a tab-separated file (Anki imports it)",
        "export",
    ),
    ReaderCommand("Words: entry", "The highlighted word's full dictionary entry", "entry"),
    ReaderCommand("Words: close", "Back to the article", "close"),
)


class ActionCommands(Provider):
    """A screen's commands: each runs one of the screen's actions by name."""

    commands: tuple[ReaderCommand, ...] = ()

    def hits(self) -> list[tuple[str, str, partial[object]]]:
        run = self.screen.run_action
        return [
            (command.title, command.help, partial(run, command.action))
            for command in self.commands
        ]

    async def discover(self) -> Hits:
        for title, help_text, command in self.hits():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self.hits():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)


class ReaderCommands(ActionCommands):
    """The reader screen's commands and its articles, found by fuzzy title."""

    commands = READER_COMMANDS

    def entries(self) -> list[LibraryEntry]:
        # Duck-typed so the provider does not import the screen that lists it in COMMANDS.
        return list(getattr(self.screen, "library_entries", []))

    def hits(self) -> list[tuple[str, str, partial[object]]]:
        run = self.screen.run_action
        found = super().hits()
        for entry in self.entries():
            label = f"Open: {entry.title}"
            detail = entry.error if entry.broken else entry.file_name
            found.append((label, detail or "", partial(run, f"open_path({str(entry.path)!r})")))
        return found


class WordsCommands(ActionCommands):
    """The Words screen's commands."""

    commands = WORDS_COMMANDS
