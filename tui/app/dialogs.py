"""Small screens: help, "go to date", "export", "pipe" and the marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Mapping

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..extract.records import NAME_TYPES
from ..index.export import export_target
from ..index.timeline import RANGE_MARK, DateAsked, TimelineEvent, parse_date_asked, parse_date_range
from ..terminal_text import one_line
from ..wording import counted
from .article import NAME_CLASSES
from .labels import EVENT_MARKERS, WEEK_LEGEND

LEGEND = [
    *((NAME_CLASSES[code], kind.about) for code, kind in NAME_TYPES.items()),
    ("article--figure", "figure: money, percentage, count"),
    ("article--date", "date or time"),
    ("article--hit", "search hit"),
    ("article--current", "the name, figure or hit jumped to"),
]


class HelpScreen(ModalScreen[None]):
    """Every key binding, and what each highlight means."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], legend_styles: Mapping[str, Style]) -> None:
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
        markers = " / ".join(EVENT_MARKERS.values())
        table.add_row(Text(markers), Text("timeline: the article's own date / a date mentioned inside / a photo's, "
                                          "in its caption"))
        table.add_row(Text(WEEK_LEGEND[0]), Text(f"timeline: {WEEK_LEGEND[1]}"))
        return table


class GoToDateScreen(ModalScreen[DateAsked | None]):
    """Type a date; the timeline lands on the nearest event."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="goto.cancel")]

    def __init__(self, events_run: tuple[date, date] | None = None) -> None:
        super().__init__()
        self.events_run = events_run  # the first and the last day on the timeline

    def compose(self) -> ComposeResult:
        with Vertical(id="goto"):
            yield Label("Go to a date, or keep a range of dates (FROM..TO):")
            yield Input(placeholder="YYYY, YYYY-MM or YYYY-MM-DD, or FROM..TO", id="goto-input")
            run = self.events_run
            yield Label(f"The timeline runs from {run[0]} to {run[1]}." if run else "", id="goto-run")
            yield Label("", id="goto-error", markup=False)

    def focus_field(self) -> None:
        self.set_focus(self.query_one("#goto-input", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        asked = parse_date_range(event.value) if RANGE_MARK in event.value else parse_date_asked(event.value)
        if asked is None:
            # Cleared, so that the next try starts afresh; the error keeps what was typed.
            self.query_one("#goto-error", Label).update(f"Not a date or a range: {one_line(event.value[:40])!r}. "
                                                        "Type YYYY, YYYY-MM or YYYY-MM-DD, or FROM..TO.")
            event.input.value = ""
            return
        self.dismiss(asked)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[tuple[Path, str] | None]):
    """Name a file for what the timeline shows; its suffix says the format.  A file that
    exists is overwritten only once Enter is pressed again on the same name."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="export.cancel")]

    def __init__(self, event_count: int, corpus_files: set[str]) -> None:
        super().__init__()
        self.event_count = event_count
        self.corpus_files = corpus_files
        self._overwrite: Path | None = None  # the existing file Enter was pressed on once

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Label(f"Export the {self.event_count:,} events shown to a file:")
            yield Input(placeholder="name.jsonl, name.csv, or name.json for TimelineJS", id="export-input")
            yield Label("", id="export-error", markup=False)

    def focus_field(self) -> None:
        self.set_focus(self.query_one("#export-input", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        error = self.query_one("#export-error", Label)
        try:
            path, file_format = export_target(event.value, self.corpus_files)
        except ValueError as exc:
            error.update(one_line(str(exc)))
            return
        if path.exists() and self._overwrite != path:
            self._overwrite = path
            error.update(one_line(f"{path} exists: Enter again overwrites it, Esc cancels."))
            return
        self.dismiss((path, file_format))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class PipeScreen(ModalScreen[str | None]):
    """Type a shell command; what is piped (the article's text, the marked events) will
    be its standard input."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="pipe.cancel")]

    def __init__(self, what: str = "the article's text") -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="pipe"):
            yield Label(f"Pipe {self.what} to a command:")
            yield Input(placeholder="wc -w, less, xclip -selection clipboard, ...", id="pipe-input")
            yield Label("It runs in your shell; the reader waits until it ends.", id="pipe-about")

    def focus_field(self) -> None:
        self.set_focus(self.query_one("#pipe-input", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class MarksScreen(ModalScreen[TimelineEvent | None]):
    """The corpus's marks in date order: Enter goes to one, m unmarks it, | pipes them
    all as JSON Lines."""

    BINDINGS = [
        Binding("escape,q", "dismiss_none", "Close", id="marks.close"),
        Binding("m,delete", "unmark", "Unmark", id="marks.unmark", tooltip="In the marks: unmark the event."),
        Binding("vertical_line", "pipe", "Pipe marks", key_display="|", id="marks.pipe",
                tooltip="In the marks: pipe the marked events, as JSON Lines, to a shell command you type."),
    ]

    @dataclass
    class UnmarkAsked(Message):
        event: TimelineEvent

    class PipeAsked(Message):
        """| in the marks: the marked events to a command."""

    def __init__(self, marked: list[tuple[TimelineEvent, str]], missing: int, reader: Widget) -> None:
        super().__init__()
        self.marked = marked  # each event with its row's text
        self.missing = missing
        self.reader = reader  # what is told of an unmark or a pipe: a screen's messages go to the app

    def compose(self) -> ComposeResult:
        with Vertical(id="marks"):
            yield Label(f"Marks: {counted(len(self.marked), 'event')}", id="marks-title")
            yield OptionList(*(Option(Text(text), id=str(n)) for n, (_e, text) in enumerate(self.marked)),
                             id="marks-list", markup=False)
            about = "Enter goes there, m unmarks, | pipes them, Esc closes."
            if self.missing:
                about = f"{counted(self.missing, 'mark')} not in this corpus now. " + about
            yield Label(about, id="marks-about")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def go_there(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(self.marked[message.option_index][0])

    def action_unmark(self) -> None:
        options = self.query_one(OptionList)
        at = options.highlighted
        if at is None or not self.marked:
            return
        event, _text = self.marked.pop(at)
        options.remove_option_at_index(at)
        self.query_one("#marks-title", Label).update(f"Marks: {counted(len(self.marked), 'event')}")
        self.reader.post_message(self.UnmarkAsked(event))

    def action_pipe(self) -> None:
        if self.marked:
            self.reader.post_message(self.PipeAsked())

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
