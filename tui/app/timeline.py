"""The timeline sidebar: events in date order under year and month headings.

A Line-API ScrollView (as in toolong): rows are small tuples and only the visible ones
are rendered, so 100,000 events scroll as fast as ten.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from itertools import compress, count
from typing import Callable, Collection, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..index.timeline import (
    GRANULARITY_ORDER,
    START_DAY,
    DateAsked,
    OrderKeys,
    TimelineEvent,
    event_articles,
    month_starts,
    timeline_key,
)
from ..terminal_text import one_line
from .labels import EVENT_MARKERS, date_label, fit_label, month_heading
from .line_style import KeepsStyles

YEAR, MONTH, PERIOD = 0, 1, 2
DATE_WIDTH = 9
COARSE = ("decade", "year", "half", "season", "quarter")  # no month heading above these
PERIODS = ("half", "season", "quarter")  # these have a heading of their own, in timeline order
MONTH_ORDER = GRANULARITY_ORDER["month"]


class Timeline(KeepsStyles, ScrollView, can_focus=True):
    """Scrollable list of events; the highlighted one is the reader's place in the story."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next", id="timeline.next", show=False),
        Binding("up,k", "move(-1)", "Previous", id="timeline.previous", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", id="timeline.page_down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", id="timeline.page_up", show=False),
        Binding("home,g", "first", "First", id="timeline.first", show=False),
        Binding("end,G", "last", "Last", id="timeline.last", show=False),
        Binding("right_square_bracket", "month(1)", "Next month", id="timeline.next_month", key_display="]"),
        Binding("left_square_bracket", "month(-1)", "Prev month", id="timeline.prev_month",
                key_display="[", show=False),
        Binding("right_curly_bracket", "year(1)", "Next year", id="timeline.next_year", key_display="}", show=False),
        Binding("left_curly_bracket", "year(-1)", "Prev year", id="timeline.prev_year", key_display="{", show=False),
        Binding("enter", "open", "Read", id="timeline.read", tooltip="Focus the article of the highlighted event."),
        Binding("m", "mark", "Mark", show=False, id="timeline.mark",
                tooltip="Mark the event, or unmark it: marks are kept for the corpus (M lists them)."),
        Binding("u", "next_mark(1)", "Next mark", show=False, id="timeline.next_mark",
                tooltip="The next marked event shown."),
        Binding("U", "next_mark(-1)", "Prev mark", show=False, id="timeline.previous_mark",
                tooltip="The previous marked event shown."),
        Binding("o", "unfold", "Unfold", show=False, id="timeline.unfold",
                tooltip="On a story shown once for its near-duplicates (+N): show each of them, or fold them again."),
    ]
    COMPONENT_CLASSES = {
        "timeline--year",
        "timeline--month",
        "timeline--period",
        "timeline--sticky",
        "timeline--article",
        "timeline--mention",
        "timeline--date",
        "timeline--cursor",
        "timeline--marked",
    }

    class Highlighted(Message):
        """The reader moved to another event (by_key: with a key, not by a new list)."""

        def __init__(self, event: TimelineEvent, by_key: bool = False) -> None:
            super().__init__()
            self.event = event
            self.by_key = by_key

    class OpenRequested(Message):
        """Enter on an event: read its article."""

    @dataclass
    class UnfoldRequested(Message):
        """o on an event: show the near-duplicates of its article, or fold them again."""

        article: int

    @dataclass
    class MarkRequested(Message):
        """m on an event: mark it, or unmark it."""

        event: TimelineEvent

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events: Sequence[TimelineEvent] = []
        # The rows are the events with a year or month heading before some of them.  Only
        # the headings are stored: heading k stands before event _heading_events[k], on
        # row _heading_rows[k]; any other row is an event, found with a bisect.
        self._headings: list[tuple[int, str]] = []
        self._heading_events: list[int] = []
        self._heading_rows: list[int] = []
        self._cursor_row: int | None = None
        self.moved_by_reader = False  # whether a key or a jump placed the cursor, not a new list
        self.marked: Collection[TimelineEvent] = ()
        self.standing_for: dict[int, int] = {}  # an article -> how many near-duplicates it stands for

    # --- content ---------------------------------------------------------------------

    def show(self, events: Sequence[TimelineEvent], standing_for: dict[int, int] | None = None) -> None:
        """Replace the rows; keep the cursor on the same event when it is still shown.
        Runs on every search keystroke, so no work is done per event: only where the
        month changes (a few hundred places in 100,000 events) and over the events of a
        whole year, half, season or quarter, which come first in their month."""
        previous = self.current_event
        self.standing_for = standing_for or {}
        count = len(events)
        starts = month_starts(events)
        keys = OrderKeys(events)
        headings: list[tuple[int, str]] = []
        heading_events: list[int] = []
        year = None
        for first, stop in zip(starts, [*starts[1:], count], strict=False):
            day = events[first].start_day
            if day.year != year:
                year = day.year
                headings.append((YEAR, str(year)))
                heading_events.append(first)
            fine = first
            if events[first].event.granularity in COARSE:
                # The block opens with whole years, halves, seasons and quarters (their
                # first day, coarsest first): found by bisects, as they can be thousands.
                fine = bisect.bisect_left(keys, (day, MONTH_ORDER), first, stop)
                for granularity in PERIODS:  # "Q4 1987" heads its own events, not October's
                    order = GRANULARITY_ORDER[granularity]
                    start = bisect.bisect_left(keys, (day, order), first, fine)
                    if start < fine and events[start].event.granularity == granularity:
                        headings.append((PERIOD, date_label(events[start].date)))
                        heading_events.append(start)
            if fine < stop:
                headings.append((MONTH, month_heading(year, day.month)))
                heading_events.append(fine)
        self.events, self._headings, self._heading_events = events, headings, heading_events
        self._heading_rows = [event + number for number, event in enumerate(heading_events)]
        self.virtual_size = Size(self.size.width, self.row_count)
        self._cursor_row = None
        if count:
            target = 0
            if previous is not None:
                at = bisect.bisect_left(events, timeline_key(previous), key=timeline_key)
                target = at if at < count and events[at] == previous else min(at, count - 1)
            self._place_cursor(target, by_reader=False)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.events) + len(self._headings)

    def _row_of(self, position: int) -> int:
        """The row of event number `position`."""
        return position + bisect.bisect_right(self._heading_events, position)

    def _position_at(self, row: int) -> int:
        """The event on this row, or the first one below it when the row is a heading."""
        return row - bisect.bisect_left(self._heading_rows, row)

    def _heading_at(self, row: int) -> tuple[int, str] | None:
        number = bisect.bisect_left(self._heading_rows, row)
        if number < len(self._heading_rows) and self._heading_rows[number] == row:
            return self._headings[number]
        return None

    @property
    def current_event(self) -> TimelineEvent | None:
        if self._cursor_row is None:
            return None
        return self.events[self._position_at(self._cursor_row)]

    @property
    def event_count(self) -> int:
        return len(self.events)

    def shown_articles(self) -> list[int]:
        """Articles in the order the timeline first shows them."""
        return list(dict.fromkeys(event_articles(self.events)))

    def select_article(self, article: int) -> bool:
        """Move to the article's own event (or its first event)."""
        positions = list(compress(count(), map(article.__eq__, event_articles(self.events))))
        if not positions:
            return False
        own = (p for p in positions if self.events[p].event.kind == "article")
        self._place_cursor(next(own, positions[0]))
        return True

    def select_event(self, event: TimelineEvent) -> bool:
        """Move to this event, if it is shown."""
        at = self._position_of(event)
        if at is None:
            return False
        self._place_cursor(at)
        return True

    def _position_of(self, event: TimelineEvent) -> int | None:
        at = bisect.bisect_left(self.events, timeline_key(event), key=timeline_key)
        return at if at < len(self.events) and self.events[at] == event else None

    def show_marks(self, marked: Collection[TimelineEvent]) -> None:
        self.marked = marked
        self.refresh()

    def go_to_date(self, asked: DateAsked) -> str | None:
        """Land on the first event from the date asked on (or the last one before it);
        what to tell the reader when no event falls within the days it covers."""
        events = self.events
        if not events:
            return "No events to go to."
        at = bisect.bisect_left(events, asked.first, key=lambda e: e.start_day)
        self._place_cursor(min(at, len(events) - 1))
        if at == len(events):
            return f"No events after {events[-1].start_day}: at the last."
        landed = events[at].start_day
        if landed <= asked.last:
            return None
        if at == 0:
            return f"No events before {landed}: at the first."
        return f"No events in {asked.text}: at the next, on {landed}."

    @property
    def days_run(self) -> tuple[date, date] | None:
        """The first and the last day with an event shown."""
        return (self.events[0].start_day, self.events[-1].start_day) if self.events else None

    # --- moving ----------------------------------------------------------------------

    def _position(self) -> int:
        if self._cursor_row is None:
            return 0
        return self._position_at(self._cursor_row)

    def to_top(self) -> None:
        """The first event, where the reader opens."""
        self._place_cursor(0, by_reader=False)

    def _place_cursor(self, position: int, by_key: bool = False, by_reader: bool = True) -> None:
        if not self.events:
            return
        self.moved_by_reader = self.moved_by_reader or by_reader
        position = max(0, min(position, len(self.events) - 1))
        old = self._cursor_row
        self._cursor_row = self._row_of(position)
        if old == self._cursor_row:
            return
        self._refresh_row(old)
        self._refresh_row(self._cursor_row)
        self._keep_cursor_in_view()
        if position == 0:  # keep the year and month headings of the first event in view
            self.scroll_to(y=0, animate=False, force=True)
        self.post_message(self.Highlighted(self.events[position], by_key))

    def _keep_cursor_in_view(self) -> None:
        """Like vim's scrolljump: when the cursor leaves the view, move the view by a
        third of a page rather than a line, so stepping redraws two rows most of the time
        and the whole list only now and then (what crosses a slow SSH link)."""
        if not self.size.height:  # not laid out yet: done on the first resize
            return
        top, height = int(self.scroll_offset.y), self.size.height
        row = self._cursor_row or 0
        if row < top + (top > 0):  # the view's first line is the sticky heading once scrolled
            self.scroll_to(y=max(0, row - (2 * height) // 3), animate=False, force=True)
        elif row >= top + height:
            self.scroll_to(y=row - height // 3, animate=False, force=True)

    def _refresh_row(self, row: int | None) -> None:
        if row is not None:
            self.refresh(Region(0, row - int(self.scroll_offset.y), self.size.width, 1))

    def action_move(self, step: int) -> None:
        self._place_cursor(self._position() + step, by_key=True)

    def action_page(self, direction: int) -> None:
        height = max(1, self.size.height - 1)
        target_row = (self._cursor_row or 0) + direction * height
        position = self._position_at(max(0, target_row))
        self._place_cursor(position if direction > 0 else max(0, position - 1) if position else 0)

    def action_first(self) -> None:
        self._place_cursor(0)

    def action_last(self) -> None:
        self._place_cursor(len(self.events) - 1)

    def action_month(self, step: int) -> None:
        self._jump(step, lambda d: d.replace(day=1), lambda d: date(d.year + d.month // 12, d.month % 12 + 1, 1))

    def action_year(self, step: int) -> None:
        self._jump(step, lambda d: date(d.year, 1, 1), lambda d: date(d.year + 1, 1, 1))

    def _jump(self, step: int, period_start: Callable[[date], date], next_start: Callable[[date], date]) -> None:
        """To the first event of the next (or previous) month or year that has events:
        lookups by day in the events, which are in date order, not a walk over them."""
        current = self.current_event
        if current is None:
            return
        events, position = self.events, self._position()
        if step > 0:
            if current.start_day.year < date.max.year:
                at = bisect.bisect_left(events, next_start(current.start_day), position + 1, key=START_DAY)
                if at < len(events):
                    self._place_cursor(at)
            return
        start_of_here = bisect.bisect_left(events, period_start(current.start_day), 0, position, key=START_DAY)
        if start_of_here == 0:
            self._place_cursor(0)
            return
        previous = events[start_of_here - 1].start_day
        self._place_cursor(bisect.bisect_left(events, period_start(previous), 0, start_of_here, key=START_DAY))

    def action_open(self) -> None:
        if self.current_event is not None:
            self.post_message(self.OpenRequested())

    def action_mark(self) -> None:
        if self.current_event is not None:
            self.post_message(self.MarkRequested(self.current_event))

    def action_unfold(self) -> None:
        if self.current_event is not None:
            self.post_message(self.UnfoldRequested(self.current_event.article))

    def action_next_mark(self, step: int) -> None:
        """To the nearest marked event shown after (or before) the cursor."""
        current = self.current_event
        if current is None:
            return
        here = timeline_key(current)
        ahead = sorted((e for e in self.marked if (timeline_key(e) > here) == (step > 0) and e != current),
                       key=timeline_key, reverse=step < 0)
        for event in ahead:
            if self.select_event(event):
                return
        self.notify("No marked event shown " + ("below." if step > 0 else "above."), timeout=2)

    def on_click(self, event: events.Click) -> None:
        """A click on an event's row does what Enter does there; on a heading, nothing."""
        row = event.y + int(self.scroll_offset.y)
        if (event.y == 0 and row > 0) or row >= self.row_count or self._heading_at(row) is not None:
            return  # the sticky heading, below the last row, or a year or month
        self._place_cursor(self._position_at(row))
        self.action_open()

    # --- drawing ---------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count)
        if self._cursor_row is not None:
            self._keep_cursor_in_view()

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_offset.y)
        width = self.size.width
        base = self.base_style
        if index >= self.row_count:
            return Strip.blank(width, base)
        if y == 0 and index > 0:
            return self._sticky_heading(index, width)
        heading = self._heading_at(index)
        if heading is not None:
            kind, text = heading
            if kind == YEAR:
                segments = [Segment(text, base + self.component_style("timeline--year"))]
            elif kind == PERIOD:
                segments = [Segment(" " + text, base + self.component_style("timeline--period"))]
            else:
                segments = [Segment(" " + text, base + self.component_style("timeline--month"))]
            return Strip(segments).crop_extend(0, width, base)
        event = self.events[self._position_at(index)]
        is_article = event.event.kind == "article"
        marker = EVENT_MARKERS.get(event.event.kind, "·")
        style = base + self.component_style("timeline--article" if is_article else "timeline--mention")
        date_style = base + self.component_style("timeline--date")
        when = date_label(event.date)
        # A date wider than its column ("wk Jun 15", "wkend Sep 8") still ends in a space.
        lead = f" {marker} {when:<{DATE_WIDTH}}" if len(when) < DATE_WIDTH else f" {marker} {when} "
        others = self.standing_for.get(event.article) if is_article else None
        label = one_line(event.event.label) if others is None else f"(+{others}) {one_line(event.event.label)}"
        marked = event in self.marked
        segments = [
            # A mark is a character, seen without colour too.
            Segment("*" if marked else " ", base + self.component_style("timeline--marked") if marked else date_style),
            Segment(lead, date_style),
            # The label fits beside the scrollbar, when there is one, not under it.
            Segment(fit_label(label, self.scrollable_content_region.width - cell_len(lead) - 1),
                    style),
        ]
        if index == self._cursor_row:
            cursor = self.component_style("timeline--cursor")
            if not self.has_focus:
                cursor = cursor + Style(dim=False)
            segments = [Segment(text, (segment_style or base) + cursor) for text, segment_style, _ in segments]
            pad = width - sum(cell_len(text) for text, _, _ in segments)
            if pad > 0:
                segments.append(Segment(" " * pad, base + cursor))
        return Strip(segments).crop_extend(0, width, base)

    def _sticky_heading(self, row: int, width: int) -> Strip:
        """Once scrolled, the first line says which year (and month, or quarter) the rows
        below it are in: the heading nearest above the row it covers."""
        number = bisect.bisect_right(self._heading_rows, row) - 1
        text = self._headings[number][1] if number >= 0 else ""
        base = self.base_style
        return Strip([Segment(text, base + self.component_style("timeline--sticky"))]).crop_extend(0, width, base)

    def on_focus(self) -> None:
        self._refresh_row(self._cursor_row)

    def on_blur(self) -> None:
        self._refresh_row(self._cursor_row)

