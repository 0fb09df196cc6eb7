"""A figure's history: the mentions of the same kind and unit, about the same word, in
date order, each with a bar of its value, so that "$50 bn → $200 bn → $267 bn" and the
versions of a story that disagree (marked ≠) are seen at a glance.  The word is a guess
the reader can edit."""

from __future__ import annotations

from typing import Mapping

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from ..extract.records import Figure
from ..index.catalog import Catalog
from ..index.figure_history import (
    DISAGREEING_MARK,
    DISAGREEING_MEANS,
    FigureMention,
    disagreements,
    figure_history,
    value_path,
)
from ..terminal_text import one_line
from ..wording import counted
from .labels import fit_label

BAR_CELLS = 12
SHOWN = 500  # mentions listed; the count says how many there are


def value_bar(value: float, largest: float) -> str:
    """A bar of BAR_CELLS eighths-precise cells: the value's share of the largest."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * BAR_CELLS * 8))
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


class FigureHistoryScreen(ModalScreen[FigureMention | None]):
    """Enter opens a mention's article at its sentence; the word above the list narrows
    the mentions to those whose sentence (or the one before) holds it."""

    BINDINGS = [Binding("escape", "dismiss_none", "Close", id="figures.close")]

    def __init__(self, catalog: Catalog, figure: Figure, about: str | None, story_of: Mapping[int, int]) -> None:
        """`story_of`: the near-duplicate group of each article that has one."""
        super().__init__()
        self.catalog, self.figure, self.about, self.story_of = catalog, figure, about or "", story_of
        self.mentions: list[FigureMention] = []

    def compose(self) -> ComposeResult:
        unit = self.figure.unit or self.figure.kind
        with Vertical(id="figures"):
            yield Label(one_line(f"The history of {self.figure.text} ({unit}), about:"), id="figures-title")
            yield Input(self.about, placeholder="a word its sentences hold (empty: every one)", id="figures-about")
            yield Label("", id="figures-path")
            yield OptionList(id="figures-list", markup=False)
            yield Label("", id="figures-count")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.find(self.about)

    @on(Input.Changed, "#figures-about")
    def narrow(self, message: Input.Changed) -> None:
        self.find(message.value)

    @on(Input.Submitted, "#figures-about")
    def to_the_list(self) -> None:
        self.query_one(OptionList).focus()

    @work(thread=True, exclusive=True, group="figure-history")
    def find(self, about: str) -> None:
        figure = self.figure
        mentions = figure_history(self.catalog, about=about.strip() or None, kind=figure.kind, unit=figure.unit)
        self.app.call_from_thread(self._show, about, mentions, disagreements(mentions, self.story_of))

    def _show(self, about: str, mentions: list[FigureMention], disagreeing: frozenset[int]) -> None:
        if about != self.query_one("#figures-about", Input).value:
            return  # an older word's answer
        self.mentions = mentions[:SHOWN]
        path = self.query_one("#figures-path", Label)
        path.update(Text(fit_label(value_path(mentions), max(20, path.size.width or self.size.width))))
        largest = max((m.figure.value for m in self.mentions), default=0.0)
        options = self.query_one(OptionList)
        options.clear_options()
        width = max(20, options.scrollable_content_region.width - 2)
        for number, mention in enumerate(self.mentions):
            article = self.catalog.articles[mention.article]
            sentence = " ".join(article.text[mention.sentence[0]:mention.sentence[1]].split())
            mark = DISAGREEING_MARK if number in disagreeing else " "
            row = (f"{mark}{mention.when:<10} {one_line(mention.figure.text):>16} "
                   f"{value_bar(mention.figure.value, largest):<{BAR_CELLS + 1}}{one_line(sentence)}")
            options.add_option(Option(Text(fit_label(row, width)), id=str(number)))  # a row a line
        shown = f", the first {len(self.mentions):,}" if len(mentions) > SHOWN else ""
        marked = f" {DISAGREEING_MEANS}." if disagreeing else ""
        self.query_one("#figures-count", Label).update(
            f"{counted(len(mentions), 'mention')}{shown}.{marked} Enter opens one; Tab edits the word; Esc closes.")

    @on(OptionList.OptionSelected, "#figures-list")
    def open_mention(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(self.mentions[message.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
