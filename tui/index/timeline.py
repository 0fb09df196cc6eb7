"""The timeline: events in date order, and selections of it that a search makes."""

from __future__ import annotations

import bisect
from datetime import date
from itertools import compress
from operator import attrgetter, ne
from typing import Iterator, NamedTuple, Sequence

from ..extract import calendar as cal
from ..extract.records import Event

RANGE_MARK = ".."


class DateAsked(NamedTuple):
    """A date a reader asks for (go to a date, --since, --until), or a range of dates
    ("1987-03..1987-04", "2019-09.."), and the days it covers."""

    text: str
    first: date
    last: date

    @property
    def is_range(self) -> bool:
        return RANGE_MARK in self.text


def parse_date_asked(text: str) -> DateAsked | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, else None."""
    text = text.strip()
    span = cal.day_span(text)
    return DateAsked(text, *span) if span else None


def parse_date_range(text: str) -> DateAsked | None:
    """FROM..TO, each end YYYY, YYYY-MM or YYYY-MM-DD and either one left open
    ("2019-09..", "..1987-04"); None if it is not one, or ends before it starts."""
    start_text, mark, end_text = text.strip().partition(RANGE_MARK)
    if not mark or not (start_text.strip() or end_text.strip()):
        return None
    start = parse_date_asked(start_text) if start_text.strip() else None
    end = parse_date_asked(end_text) if end_text.strip() else None
    if (start_text.strip() and start is None) or (end_text.strip() and end is None):
        return None
    first, last = start.first if start else date.min, end.last if end else date.max
    if first > last:
        return None
    return DateAsked(f"{start_text.strip()}{RANGE_MARK}{end_text.strip()}", first, last)


def within(events: Sequence[TimelineEvent], first: date, last: date) -> Sequence[TimelineEvent]:
    """The events (in timeline order) that begin from `first` to `last`."""
    start = bisect.bisect_left(events, first, key=START_DAY)
    end = bisect.bisect_right(events, last, key=START_DAY)
    if isinstance(events, EventSelection):
        return EventSelection(events.timeline, events.positions[start:end], events.timeline_month_starts)
    return events[start:end]


class TimelineEvent(NamedTuple):
    article: int  # article number in the catalog
    event: Event
    start_day: date  # first day the event's date covers, for ordering
    month: int  # start_day.year * 12 + start_day.month: the timeline's headings group by it

    @classmethod
    def on(cls, article: int, event: Event, start_day: date) -> TimelineEvent:
        return cls(article, event, start_day, start_day.year * 12 + start_day.month)

    @property
    def date(self) -> str:
        return self.event.date


TIMELINE_ARTICLE = attrgetter("article")
START_DAY = attrgetter("start_day")
TIMELINE_MONTH = attrgetter("month")


def month_starts(events: Sequence[TimelineEvent]) -> list[int]:
    """Where a new month starts in events in timeline order: 0, then each index whose
    event is in another month than the one before (found by C loops, not per event)."""
    if not events:
        return []
    months = list(map(TIMELINE_MONTH, events))
    return [0, *compress(range(1, len(months)), map(ne, months[1:], months[:-1]))]


class EventSelection(Sequence[TimelineEvent]):
    """Some of the timeline's events, in its order, held as their positions in it: a
    search's timeline without a list of a hundred thousand events made per keystroke."""

    def __init__(self, timeline: list[TimelineEvent], positions: list[int], timeline_month_starts: list[int]) -> None:
        self.timeline = timeline
        self.positions = positions
        self.timeline_month_starts = timeline_month_starts

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self.timeline[p] for p in self.positions[index]]
        return self.timeline[self.positions[index]]

    def __iter__(self) -> Iterator[TimelineEvent]:
        return map(self.timeline.__getitem__, self.positions)

    def month_starts(self) -> list[int]:
        """month_starts() of the selection, from the whole timeline's: each month is one
        stretch of the timeline, so a bisect per month finds where the selection enters it."""
        positions = self.positions
        starts: list[int] = []
        for boundary in self.timeline_month_starts:
            at = bisect.bisect_left(positions, boundary)
            if at == len(positions):
                break
            if not starts or at != starts[-1]:
                starts.append(at)
        return starts


# On the same first day, the longer period comes first: it holds the shorter ones.
GRANULARITY_ORDER = {"decade": 0, "year": 1, "half": 2, "season": 3, "quarter": 4, "month": 5, "week": 6, "day": 7}


def day_and_order(event: TimelineEvent) -> tuple[date, int]:
    """When the event begins, and how long a period it is (longest first): the leading
    part of the timeline's order."""
    return event.start_day, GRANULARITY_ORDER.get(event.event.granularity, len(GRANULARITY_ORDER))


def timeline_key(event: TimelineEvent) -> tuple:
    """The timeline's order."""
    return (*day_and_order(event), event.article, event.event.start)
