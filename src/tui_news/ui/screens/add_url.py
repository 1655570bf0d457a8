"""The `a` dialog: ask for the address of a page or feed to fetch into the library."""

from __future__ import annotations

from urllib.parse import urlsplit

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static


def url_problem(value: str) -> str:
    """Why `value` cannot be fetched, in words; "" when it is a usable http(s) address."""
    url = value.strip()
    if not url:
        return "Type or paste an address (escape cancels)."
    if any(character.isspace() for character in url):
        return "An address cannot contain spaces."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return "That is not a valid address."
    if parts.scheme.lower() not in ("http", "https"):
        return "Start the address with http:// or https://"
    if not parts.hostname:
        return "The address has no host name."
    return ""


class WebAddress(Validator):
    """Accepts http and https addresses with a host name."""

    def validate(self, value: str) -> ValidationResult:
        problem = url_problem(value)
        return self.failure(problem, value) if problem else self.success()


class AddUrlScreen(ModalScreen[str | None]):
    """Returns the address typed in (enter) or None (escape)."""

    BINDINGS: list[BindingType] = [
        Binding("escape", "cancel", "Cancel", id="add_url.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-url-panel") as panel:
            panel.border_title = "Add a page or feed"
            panel.border_subtitle = "enter fetches · escape cancels"
            yield Static(
                "The article (or every item of a feed) is saved into the library.",
                id="add-url-help",
            )
            # Checked on enter only: a half-typed address is not an error yet.
            yield Input(
                placeholder="https://…",
                validators=[WebAddress()],
                validate_on=["submitted"],
                id="add-url-input",
            )
            yield Static(id="add-url-problem")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_problem("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.show_problem(result.failure_descriptions[0])
            return
        self.dismiss(event.value.strip())

    def show_problem(self, problem: str) -> None:
        self.query_one("#add-url-problem", Static).update(Text(problem))
        self.set_class(bool(problem), "-invalid")

    def action_cancel(self) -> None:
        self.dismiss(None)
