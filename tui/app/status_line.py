"""The status line under the panes: what the timeline shows of the corpus, the name
filter, the search and where n/N left the reader, and how the load is going."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ..terminal_text import one_line
from ..wording import counted


@dataclass(frozen=True)
class SearchSummary:
    """A search as the status line tells it: the query as run, or why there is none."""

    query: str = ""
    hits: int | None = None  # None when the index does not count them
    articles: int = 0
    error: str | None = None

    def __str__(self) -> str:
        if self.error is not None:
            return f"search: {self.error}"
        hits = f"{counted(self.hits, 'hit')} in " if self.hits is not None else ""
        return f"“{self.query}”: {hits}{counted(self.articles, 'article')}"


class StatusLine(Widget):
    """Redraws itself whenever the screen sets one of its attributes."""

    article_total: reactive[int | None] = reactive(None)  # None until a catalog is shown
    events_shown = reactive(0)
    event_total = reactive(0)
    name_filter = reactive("")  # "Steven Mnuchin (person)"
    date_range = reactive("")  # "1987-03..1987-04"
    search: reactive[SearchSummary | None] = reactive(None)
    hit_note = reactive("")  # "hit 3 of 12"
    note = reactive("Loading…")  # loading progress, or why there is nothing to show
    problems = reactive(0)  # load problems

    def render(self) -> Content:
        parts = []
        if self.article_total is not None:
            events = f"{self.events_shown:,} of {counted(self.event_total, 'event')}"
            # While searching the search's counts matter more than the corpus's size: room at 80 columns.
            parts.append(events if self.search else f"{counted(self.article_total, 'article')} · {events}")
        if self.name_filter or self.date_range:
            kept = ", ".join(filter(None, (self.name_filter, self.date_range)))
            parts.append(f"filter: {kept} · x clears")
        if self.search is not None:
            parts.append(str(self.search) + (f" · {self.hit_note}" if self.hit_note and not self.search.error else ""))
        if self.note:
            parts.append(self.note)
        if self.problems:
            parts.append(counted(self.problems, "load problem"))
        return Content("  │  ".join(map(one_line, parts)))
