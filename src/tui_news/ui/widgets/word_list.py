"""The Words screen's list: one row per word, the cursor kept on its word when the order or
the dictionary changes. Enter (or a click) posts `OptionList.OptionSelected`, whose option id
is the word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_news.core.vocabulary import VocabularyWord
from tui_news.services.dictionary import Dictionary, meaning_summary
from tui_news.ui.renderables.vocabulary import SyllableStyle, WordColumns, WordRow


class WordList(OptionList):
    """The article's words as rows of columns (see `renderables.vocabulary`)."""

    BINDINGS: list[BindingType] = [
        Binding("down,j", "cursor_down", "Next word", show=False, id="words.down"),
        Binding("up,k", "cursor_up", "Previous word", show=False, id="words.up"),
        Binding("home", "first", "First word", show=False, id="words.first"),
        Binding("end", "last", "Last word", show=False, id="words.last"),
        Binding(
            "enter",
            "select",
            "Entry",
            tooltip="The word's full dictionary entry",
            id="words.entry",
        ),
    ]

    def show_words(
        self,
        words: Sequence[VocabularyWord],
        columns: WordColumns,
        levels: Mapping[str, int],
        dictionary: Dictionary | None,
        styles: SyllableStyle | None,
        *,
        keep_highlight: bool = True,
    ) -> None:
        """Replace the rows, in the order given; the highlighted word stays highlighted
        (`keep_highlight`), else the first row is.

        Without a dictionary (still loading, or failed) the meaning column stays empty.
        """
        highlighted = self.highlighted_word if keep_highlight else None
        rows = []
        for word in words:
            meaning: str | None = ""
            if dictionary is not None:
                entries = dictionary.lookup(word.text, word.syllables)
                meaning = meaning_summary(entries) if entries else None
            row = WordRow(word, levels.get(word.text), meaning, columns, styles)
            rows.append(Option(row, id=word.text))
        self.set_options(rows)
        if not rows:
            return
        index = 0
        if highlighted is not None:
            index = next((i for i, w in enumerate(words) if w.text == highlighted), 0)
        self.highlighted = index
        self.scroll_to_highlight()

    @property
    def highlighted_word(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id
