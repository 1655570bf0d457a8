"""The ctrl+f bar: find text in the open article, pinyin included, highlighting as you type."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from tui_news.ui.widgets.article_view import ArticleView


class FindBar(Input):
    """Posts `Find` as the query changes; enter keeps the matches for n/N, escape clears them."""

    BINDINGS: list[BindingType] = [
        Binding("escape", "clear", "Clear the matches and close", id="find.clear"),
        Binding("enter", "submit", "Keep the matches (n/N move between them)", id="find.keep"),
        Binding("down", "step(1)", "Next match", id="find.next"),
        Binding("up", "step(-1)", "Previous match", id="find.previous"),
    ]

    @dataclass
    class Find(Message):
        query: str

    @dataclass
    class Step(Message):
        """Move to the next (+1) or previous (-1) match without leaving the bar."""

        step: int

    @dataclass
    class Closed(Message):
        cleared: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="find in article: 汉字, words or pinyin", id=id)

    @on(Input.Changed)
    def query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Find(self.value.strip()))

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(step))

    def action_submit(self) -> None:
        self.post_message(self.Closed(cleared=False))

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Closed(cleared=True))


class FindActions:
    """The reader screen's find keys (ctrl+f, n, N) and the bar's messages, kept beside the
    bar. Mixed into the screen, which provides the two widgets."""

    article_view: ArticleView
    find_bar: FindBar

    def action_find(self) -> None:
        self.find_bar.display = True
        self.find_bar.focus()

    def action_find_next(self) -> None:
        self.step_match(+1)

    def action_find_previous(self) -> None:
        self.step_match(-1)

    def step_match(self, step: int) -> None:
        # n with no search yet is asking for one.
        if self.article_view.find_query:
            self.article_view.step_match(step)
        else:
            self.action_find()

    def on_find_bar_find(self, message: FindBar.Find) -> None:
        self.article_view.find(message.query)

    def on_find_bar_step(self, message: FindBar.Step) -> None:
        self.article_view.step_match(message.step)

    def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        self.find_bar.display = False
        self.article_view.focus()
