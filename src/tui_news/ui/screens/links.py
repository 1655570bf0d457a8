"""The `l` screen: the article's links, numbered; a digit or enter opens one in the browser."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_news.core.models import Article
from tui_news.services.library import LibraryEntry

Link = tuple[str, str]  # (text, url)
MAX_NUMBERED = 9  # keys 1-9 open a link directly


def article_links(article: Article) -> list[Link]:
    """The article's page first, then every link in the body, each URL once, in reading order."""
    links: list[Link] = []
    seen: set[str] = set()
    if article.url:
        links.append(("This article", article.url))
        seen.add(article.url)
    for block in article.body:
        for span in block.spans:
            if span.href and span.href not in seen:
                seen.add(span.href)
                links.append((span.text.strip() or span.href, span.href))
    return links


def link_prompt(number: int, text: str, url: str) -> Text:
    prompt = Text(f"{number:>2}  ", style="bold")
    prompt.append(text)
    prompt.append(f"\n    {url}", style="dim")
    return prompt


class LinksScreen(ModalScreen[str | None]):
    """Dismisses with the chosen URL, or None."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q,l", "dismiss", "Close the link list", id="links.close"),
        Binding("1", "open_number(1)", "Open link 1–9 by its number", id="links.open_1"),
        # The other digits share the first one's line in the help (no description of their own).
        *(
            Binding(str(n), f"open_number({n})", "", id=f"links.open_{n}", show=False)
            for n in range(2, MAX_NUMBERED + 1)
        ),
    ]

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="links-panel") as panel:
            panel.border_title = f"Links ({len(self.links)})"
            panel.border_subtitle = "enter or 1–9 opens · escape closes"
            if self.links:
                yield OptionList(
                    *(
                        Option(link_prompt(n, text, url), id=url)
                        for n, (text, url) in enumerate(self.links, start=1)
                    ),
                    id="links-list",
                )
            else:
                yield Static("This article has no links.", id="links-empty")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_open_number(self, number: int) -> None:
        if 1 <= number <= len(self.links):
            self.dismiss(self.links[number - 1][1])


class LinkActions:
    """The reader screen's link keys: O opens the article in the browser, y copies its URL,
    l lists its links. Mixed into the screen, which provides the open entry."""

    current: LibraryEntry | None
    app: App[Any]

    def current_url(self) -> str:
        article = self.current.article if self.current is not None else None
        url = article.url if article is not None else ""
        if not url:
            self.app.notify("This article has no web address.", markup=False)
        return url

    def action_open_url(self) -> None:
        if url := self.current_url():
            self.app.open_url(url)

    def action_copy_url(self) -> None:
        if url := self.current_url():
            self.app.copy_to_clipboard(url)
            self.app.notify(f"Copied {url}", markup=False)

    def action_links(self) -> None:
        article = self.current.article if self.current is not None else None
        if article is None:
            return

        def open_link(url: str | None) -> None:
            if url:
                self.app.open_url(url)

        self.app.push_screen(LinksScreen(article_links(article)), open_link)
