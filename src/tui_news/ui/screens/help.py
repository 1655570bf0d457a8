"""The `?` screen: every key, read from the same BINDINGS the widgets use so it never drifts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# A titled group of bindings, e.g. ("Article list", ArticleList.BINDINGS).
KeySection = tuple[str, Sequence[BindingType]]


def key_rows(
    bindings: Iterable[BindingType], key_display: Callable[[Binding], str]
) -> list[tuple[str, str]]:
    """(keys, description) per action, keys bound to the same action joined: `space pgdn`.

    The tooltip, where a binding has one, is the longer description the footer has no room
    for. Bindings without a description are internal and left out.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description:
            continue
        keys = rows.setdefault((binding.action, binding.tooltip or binding.description), [])
        shown = key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for (_, description), keys in rows.items()]


def keys_table(
    sections: Sequence[KeySection], key_display: Callable[[Binding], str]
) -> RenderableType:
    parts: list[RenderableType] = []
    for title, bindings in sections:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", min_width=12, no_wrap=True)
        table.add_column()
        for keys, description in key_rows(bindings, key_display):
            table.add_row(keys, description)
        parts.extend([Text(title, style="bold underline"), table, Text()])
    return Group(*parts[:-1])


class HelpScreen(ModalScreen[None]):
    """A modal list of every key; escape, q or ? closes it."""

    BINDINGS: list[BindingType] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel") as panel:
            panel.border_title = "Keys"
            panel.border_subtitle = "escape closes"
            yield Static(keys_table(self.sections, self.app.get_key_display), id="help-keys")
