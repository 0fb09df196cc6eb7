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
from ..index.story import Companion
from ..terminal_text import one_line

SHOWN = 2000  # the most mentioned names; the rest are a search away


class NamesPanel(OptionList):
    """Names, most mentioned first, or the names that appear with one of them.  Enter
    filters the timeline."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", id="names.down", show=False),
        Binding("up,k", "cursor_up", "Up", id="names.up", show=False),
        Binding("home,g", "first", "First", id="names.first", show=False),
        Binding("end,G", "last", "Last", id="names.last", show=False),
        Binding("enter", "select", "Filter", id="names.filter", tooltip="Show only the events that mention this name."),
        Binding("r", "related", "With", id="names.related",
                tooltip="The names that appear with this one; Enter on one shows the events that mention both."),
        Binding("escape", "back", "Back", id="names.back",
                tooltip="Back to every name, or to the timeline, unfiltered as it was."),
    ]

    class Back(Message):
        """Esc: back to the timeline."""

    class Chosen(Message):
        """A name to filter the timeline by; `also` when it was one of the companions of
        that name: the events that mention both."""

        def __init__(self, entry: NameEntry, also: NameEntry | None = None) -> None:
            super().__init__()
            self.entry = entry
            self.also = also

    class CompanionsAsked(Message):
        def __init__(self, entry: NameEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.entries: list[NameEntry] = []
        self._listed = True  # whether the options show self.entries
        self.companions_of: NameEntry | None = None  # listing this name's companions instead
        self._companions: list[Companion] = []

    def show(self, entries: list[NameEntry]) -> None:
        """Take the names; they are listed when the panel is first displayed, not while
        the reader opens."""
        self.entries = entries[:SHOWN]
        self._listed = False
        if self.display:
            self.list_entries()

    def list_entries(self) -> None:
        """List every name (again, after a name's companions)."""
        self.companions_of = None
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

    def show_companions(self, entry: NameEntry, companions: list[Companion]) -> None:
        """List the names that appear with the entry, in place of every name."""
        self.companions_of, self._companions = entry, companions[:SHOWN]
        self._listed = False
        self.clear_options()
        width = len(str(max((c.sentences for c in self._companions), default=0)))
        header = Text.assemble(("with ", "italic"), one_line(entry.name), (" (sentences, articles)", "italic"),
                               no_wrap=True, overflow="ellipsis")
        options = [Option(header, disabled=True)]
        for companion in self._companions:
            options.append(Option(Text.assemble(
                (f"{companion.sentences:>{width}} {companion.articles:>4} ", "italic"),
                (f"{name_type(companion.entry.type).short:<6} ", "italic"),
                one_line(companion.entry.name),
                no_wrap=True, overflow="ellipsis")))
        self.add_options(options)
        if self._companions:
            self.highlighted = 1

    def action_related(self) -> None:
        if self.companions_of is None and self.highlighted is not None and self.entries:
            self.post_message(self.CompanionsAsked(self.entries[self.highlighted]))

    def action_back(self) -> None:
        if self.companions_of is not None:  # back to every name, on the one whose companions these were
            entry = self.companions_of
            self.list_entries()
            if entry in self.entries:
                self.highlighted = self.entries.index(entry)
            return
        self.post_message(self.Back())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.companions_of is not None:
            self.post_message(self.Chosen(self.companions_of, self._companions[event.option_index - 1].entry))
        else:
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
