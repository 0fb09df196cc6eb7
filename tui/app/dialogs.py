"""Small screens: help, and "go to date"."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..extract import calendar as cal

LEGEND = [
    ("article--person", "person"),
    ("article--organisation", "organisation"),
    ("article--place", "place"),
    ("article--misc", "nationality, event, other name"),
    ("article--figure", "figure: money, percentage, count"),
    ("article--date", "date or time"),
    ("article--hit", "search hit"),
    ("article--current", "the name, figure or hit jumped to"),
]


class HelpScreen(ModalScreen[None]):
    """Every key binding, and what each highlight means."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], legend_styles: dict[str, object]) -> None:
        super().__init__()
        self.sections = sections
        self.legend_styles = legend_styles

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._keys(), id="help-keys")
            yield Static(self._legend(), id="help-legend")
            yield Label("Esc, q or ? closes this screen.", id="help-close")

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        for title, rows in self.sections:
            table.add_row(Text(title, style="bold underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys, style="bold"), Text(description))
            table.add_row("", "")
        return table

    def _legend(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_row(Text("In the article", style="bold underline"), "")
        for component, meaning in LEGEND:
            table.add_row(Text("Sample", style=self.legend_styles[component]), Text(meaning))
        table.add_row(Text("▌", style="bold"), Text("the active event's sentence"))
        table.add_row(Text("■ / ·"), Text("timeline: the article's own date / a date mentioned inside"))
        return table


def parse_day(text: str) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD to the first day it covers."""
    span = cal.day_span(text.strip())
    return span[0] if span else None


class GoToDateScreen(ModalScreen[date | None]):
    """Type a date; the timeline lands on the nearest event."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="goto"):
            yield Label("Go to date (YYYY, YYYY-MM or YYYY-MM-DD):")
            yield Input(placeholder="2018-08-22", id="goto-input")
            yield Label("", id="goto-error", markup=False)

    def focus_field(self) -> None:
        self.set_focus(self.query_one("#goto-input", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        day = parse_day(event.value)
        if day is None:
            self.query_one("#goto-error", Label).update(f"Not a date: {event.value[:40]!r}")
            return
        self.dismiss(day)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
