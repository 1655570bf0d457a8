"""The `w` screen: the open article's words, each once, with pinyin, HSK level, count and
CC-CEDICT's first senses; enter opens a word's full entry.

The words come from the readings the ruby uses (`core.vocabulary`); reading them may run the
engine, and CC-CEDICT takes about a second to parse, so both happen in one worker thread that
posts its results as messages. The list shows as soon as the words are known and gains its
meanings when the dictionary arrives; a failure is one line above the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, OptionList, Static

from tui_news.core.models import Article
from tui_news.core.vocabulary import VocabularyWord, WordOrder, article_vocabulary, ordered
from tui_news.services.dictionary import (
    Dictionary,
    DictionaryError,
    hsk_levels,
    load_dictionary,
    one_line,
)
from tui_news.services.word_export import export_folder, save_word_list
from tui_news.ui.commands import WordsCommands
from tui_news.ui.renderables.vocabulary import (
    HeaderRow,
    SyllableStyle,
    WordColumns,
    WordDetail,
    detail_renderable,
)
from tui_news.ui.widgets.word_list import WordList

READING_WORDS = "Reading the article's words…"
LOADING_DICTIONARY = "Loading CC-CEDICT…"
NO_WORDS = "This article has no Chinese words."


class WordsScreen(Screen[None]):
    """The vocabulary of one article. `styles` colours the pinyin as the reader does."""

    BINDINGS: list[BindingType] = [
        Binding(
            "o",
            "cycle_order",
            "Sort",
            tooltip="Sort the words: appearance → HSK level → count",
            id="words.sort",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Save the list as a flashcard file (tab-separated; Anki imports it)",
            id="words.export",
        ),
        Binding("escape,q", "close", "Close", tooltip="Back to the article", id="words.close"),
    ]
    COMMANDS = {WordsCommands}

    @dataclass
    class WordsRead(Message):
        """The article's words (in order of appearance) and the HSK list."""

        words: list[VocabularyWord]
        levels: Mapping[str, int]

    @dataclass
    class DictionaryLoaded(Message):
        dictionary: Dictionary

    @dataclass
    class LoadFailed(Message):
        """Something could not be loaded; `message` is one line for the status."""

        message: str

    def __init__(self, article: Article, styles: SyllableStyle | None = None) -> None:
        super().__init__()
        self.article = article
        self.tone_styles = styles
        self.words: list[VocabularyWord] = []
        self.levels: Mapping[str, int] = {}
        self.dictionary: Dictionary | None = None
        self.problem = ""
        self.order = WordOrder.APPEARANCE
        self.columns = WordColumns.fit([])
        self.read = False  # the words are known (the worker's first message came)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="words-panel") as panel:
            panel.border_title = "Words"
            yield Static(Text(READING_WORDS, style="italic"), id="words-status")
            yield Static(id="words-header")
            yield WordList(id="words-list")
        yield Footer()

    @property
    def word_list(self) -> WordList:
        return self.query_one(WordList)

    def on_mount(self) -> None:
        self.title = "Words"
        self.sub_title = self.article.title  # sanitised on loading; Header shows it as text
        self.word_list.focus()
        self.load_words()

    @work(thread=True, exclusive=True, group="words")
    def load_words(self) -> None:
        """Read the words and the HSK list, post them, then load the dictionary (cached for
        the process, so only the first Words screen waits for it)."""
        levels: Mapping[str, int] = {}
        try:
            levels = hsk_levels()
        except DictionaryError as error:
            self.post_message(self.LoadFailed(str(error)))
        try:
            words = article_vocabulary(self.article)
        except Exception as error:  # the engine failing must not take the app down
            self.post_message(self.LoadFailed(f"The words could not be read: {one_line(error)}"))
            return
        self.post_message(self.WordsRead(words, levels))
        try:
            self.post_message(self.DictionaryLoaded(load_dictionary()))
        except DictionaryError as error:
            self.post_message(self.LoadFailed(str(error)))

    @on(WordsRead)
    def words_read(self, message: WordsRead) -> None:
        self.words, self.levels, self.read = message.words, message.levels, True
        self.columns = WordColumns.fit(self.words)
        self.query_one("#words-header", Static).update(HeaderRow(self.columns))
        self.show_rows()

    @on(DictionaryLoaded)
    def dictionary_loaded(self, message: DictionaryLoaded) -> None:
        self.dictionary = message.dictionary
        self.show_rows()

    @on(LoadFailed)
    def load_failed(self, message: LoadFailed) -> None:
        self.problem = message.message
        self.show_status()

    def show_rows(self, *, keep_highlight: bool = True) -> None:
        shown = ordered(self.words, self.order, self.levels.get)
        self.word_list.show_words(
            shown,
            self.columns,
            self.levels,
            self.dictionary,
            self.tone_styles,
            keep_highlight=keep_highlight,
        )
        self.word_list.display = bool(self.words)
        panel = self.query_one("#words-panel")
        panel.border_title = f"Words ({len(self.words)})" if self.words else "Words"
        panel.border_subtitle = f"sorted {self.order.label}"
        self.show_status()

    def show_status(self) -> None:
        status = self.query_one("#words-status", Static)
        if self.problem:
            status.update(Text(self.problem, style="bold"))
            status.add_class("-problem")
            return
        if not self.read:
            text = READING_WORDS
        elif not self.words:
            text = NO_WORDS
        else:
            unlisted = sum(1 for word in self.words if word.text not in self.levels)
            loading = "" if self.dictionary is not None else f" · {LOADING_DICTIONARY}"
            text = f"{len(self.words)} words, {unlisted} not on the HSK list{loading}"
        status.update(Text(text))

    def action_cycle_order(self) -> None:
        self.order = self.order.next()
        if self.words:
            self.show_rows(keep_highlight=False)  # a new order starts at its top

    def action_close(self) -> None:
        self.dismiss()

    def action_entry(self) -> None:
        """The highlighted word's entry (what enter does on the list)."""
        self.word_list.action_select()

    def action_export(self) -> None:
        """Save the list, in the order shown, for flashcards; say where, or why not."""
        if not self.words:
            self.notify("There are no words to export yet.", severity="warning")
            return
        if self.dictionary is None and not self.problem:
            self.notify(
                "The dictionary is still loading; export once the meanings show.",
                severity="warning",
            )
            return
        shown = ordered(self.words, self.order, self.levels.get)
        try:
            path = save_word_list(shown, self.levels, self.dictionary, self.article.title)
        except (OSError, ValueError) as error:
            self.notify(
                f"The word list could not be saved in {export_folder()}: {one_line(error)}",
                severity="error",
            )
            return
        self.notify(f"Saved {len(shown)} words to {path}", title="Exported")

    @on(OptionList.OptionSelected, "#words-list")
    def open_entry(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        word = next((w for w in self.words if w.text == event.option.id), None)
        if word is not None:
            self.app.push_screen(WordEntryScreen(self.detail(word), self.tone_styles))

    def detail(self, word: VocabularyWord) -> WordDetail:
        return word_detail(word, self.levels.get(word.text), self.dictionary, self.problem)


def word_detail(
    word: VocabularyWord, level: int | None, dictionary: Dictionary | None, problem: str = ""
) -> WordDetail:
    """What the entry view needs: the entries matching the word's reading, or each
    character's when the dictionary lacks the word; without a dictionary, why (`problem`,
    else that it is still loading)."""
    if dictionary is None:
        note = problem or "The dictionary is still loading; try again in a moment."
        return WordDetail(word, level, (), dictionary_note=note)
    entries = dictionary.lookup(word.text, word.syllables)
    characters = []
    if not entries:
        characters = [
            (character, syllable, dictionary.lookup(character, (syllable,)))
            for character, syllable in zip(word.text, word.syllables, strict=True)
        ]
    return WordDetail(word, level, entries, characters)


class WordEntryScreen(ModalScreen[None]):
    """One word's full entry: every sense of its matching entries; escape goes back (to the
    Words screen, or to the article when a word there was clicked)."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q", "dismiss", "Back", id="word_entry.close"),
    ]

    def __init__(self, detail: WordDetail, styles: SyllableStyle | None = None) -> None:
        super().__init__()
        self.detail = detail
        self.tone_styles = styles

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="word-entry-panel") as panel:
            panel.border_title = "Dictionary entry"
            panel.border_subtitle = "escape goes back"
            yield Static(detail_renderable(self.detail, self.tone_styles), id="word-entry")
