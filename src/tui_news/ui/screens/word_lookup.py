"""A click on a word in the article opens its dictionary entry, as Pleco or Du Chinese do;
so does enter on the article's word cursor (`d`, `action_define`), the keyboard's way there.

The article view reports the click as the number of the word's text and its start offset
(`ArticlePart.WordClicked`); the word and its reading there are found again from the article
itself (`core.vocabulary.word_at`, the Words screen's segmentation and readings). Reading the
words may run the engine and CC-CEDICT takes about a second to parse the first time, so both
happen in a worker thread, which posts the entry (or a one-line failure) back as a message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from tui_news.core.models import Article
from tui_news.core.vocabulary import (
    VocabularyWord,
    article_texts,
    article_vocabulary,
    word_at,
)
from tui_news.services.dictionary import (
    DictionaryError,
    dictionary_loaded,
    hsk_levels,
    load_dictionary,
    one_line,
)
from tui_news.ui.renderables.vocabulary import SyllableStyle, WordDetail
from tui_news.ui.screens.words import WordEntryScreen, word_detail
from tui_news.ui.widgets.article_parts import ArticlePart
from tui_news.ui.widgets.article_view import ArticleView


def clicked_word(article: Article, number: int, start: int) -> VocabularyWord | None:
    """The word starting (or lying) at `start` in text `number` of `article_texts`, read as
    it is there, with the article-wide count and readings the Words screen gives it; None
    for anything but a Han word."""
    texts = article_texts(article)
    if not 0 <= number < len(texts):
        return None
    text, publisher = texts[number]
    found = word_at(text, publisher, start)
    if found is None:
        return None
    word, syllables = found
    listed = next((w for w in article_vocabulary(article) if w.text == word), None)
    if listed is None:  # cannot happen while both read the same way; stay useful anyway
        return VocabularyWord(word, syllables, 1, 0, ((syllables, 1),))
    return replace(listed, syllables=syllables)


class WordLookup(Screen[None]):
    """Mixin for the reader: open the entry of a clicked word."""

    @dataclass
    class WordFound(Message):
        detail: WordDetail

    @dataclass
    class LookupFailed(Message):
        message: str

    @dataclass
    class DictionaryLoading(Message):
        """The first lookup of the run waits for CC-CEDICT to be parsed (about a second)."""

        word: str

    def word_styles(self) -> SyllableStyle | None:
        """The tone colours the entry's pinyin is drawn in (the reader's)."""
        return None

    def action_define(self) -> None:
        """The keyboard's click: a word cursor in the article (the same key again ends it)."""
        view = self.query_one(ArticleView)
        if view.word_cursor is not None:
            view.end_word_cursor()
            return
        view.focus()
        if not view.start_word_cursor():
            self.notify("No Chinese word in this article", title="Define", markup=False)

    @on(ArticlePart.WordClicked)
    def word_clicked(self, message: ArticlePart.WordClicked) -> None:
        message.stop()
        view = self.query_one(ArticleView)
        article = view.entry.article if view.entry is not None else None
        if article is not None:
            self.look_up_word(article, message.number, message.offset)

    @work(thread=True, exclusive=True, group="look-up-word")
    def look_up_word(self, article: Article, number: int, offset: int) -> None:
        """Find the word at `offset` of text `number` and its entry; post it, or one line on
        why it could not be looked up. Nothing for a click beside any word."""
        try:
            word = clicked_word(article, number, offset)
        except Exception as error:  # the engine failing must not take the app down
            self.post_message(self.LookupFailed(f"The word could not be read: {one_line(error)}"))
            return
        if word is None:
            return
        if not dictionary_loaded():
            self.post_message(self.DictionaryLoading(word.text))
        try:
            level = hsk_levels().get(word.text)
            dictionary = load_dictionary()
        except DictionaryError as error:
            self.post_message(self.LookupFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:  # a later click replaced this one
            self.post_message(self.WordFound(word_detail(word, level, dictionary)))

    @on(WordFound)
    def word_found(self, message: WordFound) -> None:
        self.app.push_screen(WordEntryScreen(message.detail, self.word_styles()))

    @on(DictionaryLoading)
    def dictionary_loading(self, message: DictionaryLoading) -> None:
        self.notify(
            f"Loading CC-CEDICT to look up {message.word}…",
            title="Dictionary",
            timeout=3,
            markup=False,
        )

    @on(LookupFailed)
    def lookup_failed(self, message: LookupFailed) -> None:
        self.notify(message.message, title="Dictionary", severity="error", markup=False)
