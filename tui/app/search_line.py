"""The search line at the bottom: `/` opens it, results follow every keystroke."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchLine(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Clear search", id="search.clear_search",
                tooltip="Clear the search and show every event."),
    ]

    class Cancelled(Message):
        """Esc: the search is dropped."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder='/ to search: words, "a phrase", prefix*', id=id)

    def action_cancel(self) -> None:
        self.value = ""
        self.post_message(self.Cancelled())
