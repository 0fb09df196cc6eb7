"""The names panel: every name in the corpus with its mentions; choosing one filters the
timeline to the events that mention it."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..extract.records import name_type
from ..index.names import NameEntry
from ..terminal_text import one_line

SHOWN = 2000  # the most mentioned names; the rest are a search away


class NamesPanel(OptionList):
    """Names, most mentioned first.  Enter filters the timeline."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Filter", tooltip="Show only the events that mention this name."),
        Binding("escape", "back", "Back", tooltip="Back to the timeline, unfiltered as it was."),
    ]

    class Back(Message):
        """Esc: back to the timeline."""

    class Chosen(Message):
        def __init__(self, entry: NameEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.entries: list[NameEntry] = []
        self._listed = True  # whether the options show self.entries

    def show(self, entries: list[NameEntry]) -> None:
        """Take the names; they are listed when the panel is first displayed, not while
        the reader opens."""
        self.entries = entries[:SHOWN]
        self._listed = False
        if self.display:
            self.list_entries()

    def list_entries(self) -> None:
        if self._listed:
            return
        self._listed = True
        self.clear_options()
        options = []
        count_width = len(str(max((entry.mentions for entry in self.entries), default=0)))
        for entry in self.entries:
            # The count and the type first, the name last and cut short: one row each.
            # Then the other ways the corpus writes it: "United States (U.S., US, America)".
            others = other_forms(entry)
            prompt = Text.assemble(
                (f"{entry.mentions:>{count_width}} ", "italic"),
                (f"{name_type(entry.type).short:<6} ", "italic"),
                one_line(entry.name),
                (f" ({one_line(', '.join(others))})" if others else "", "italic"),
                no_wrap=True,
                overflow="ellipsis",
            )
            options.append(Option(prompt))
        self.add_options(options)
        if options:
            self.highlighted = 0

    def action_back(self) -> None:
        self.post_message(self.Back())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.entries[event.option_index]))


FORMS_SHOWN = 3


def other_forms(entry: NameEntry) -> list[str]:
    """The entry's written forms other than its name, one per spelling whatever the case,
    the most telling (longest) first."""
    seen = {entry.name.lower()}
    forms = []
    for form in sorted(entry.forms, key=lambda f: (-len(f), f)):
        if form.lower() not in seen:
            seen.add(form.lower())
            forms.append(form)
    return forms[:FORMS_SHOWN]
