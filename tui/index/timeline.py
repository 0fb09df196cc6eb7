"""The timeline: events in date order, and selections of it that a search makes."""

from __future__ import annotations

import bisect
from array import array
from datetime import date
from itertools import compress
from operator import attrgetter, ne
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence, overload

from ..cache_home import StoredField
from ..corpus.articles import Article
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
    if isinstance(events, (EventSelection, TimelineColumns)):
        return events.month_starts()
    return _changes(list(map(TIMELINE_MONTH, events)))


def _changes(values: Sequence[int]) -> list[int]:
    """0, then each index whose value differs from the one before; [] if none."""
    if not values:
        return []
    return [0, *compress(range(1, len(values)), map(ne, values[1:], values[:-1]))]


def event_articles(events: Sequence[TimelineEvent]) -> Iterable[int]:
    """The article of each event, in order; from the columns, for a timeline kept as them."""
    columns, positions = columns_of(events)
    if columns is None:
        return map(TIMELINE_ARTICLE, events)
    return columns.article_numbers if positions is None else map(columns.article_numbers.__getitem__, positions)


def columns_of(events: Sequence[TimelineEvent]) -> tuple[TimelineColumns | None, Sequence[int] | None]:
    """The columns these events are read from, and their positions in them (None: all
    of them); (None, None) for events that are not columns."""
    if isinstance(events, TimelineColumns):
        return events, None
    if isinstance(events, EventSelection) and isinstance(events.timeline, TimelineColumns):
        return events.timeline, events.positions
    return None, None


def event_span(timeline: Sequence[TimelineEvent], position: int) -> tuple[int, int, str]:
    """The sentence offsets and kind of the event at this position of a whole timeline."""
    if isinstance(timeline, TimelineColumns):
        return timeline.span(position)
    event = timeline[position].event
    return event.start, event.end, event.kind


class TimelineColumns(Sequence[TimelineEvent]):
    """A whole timeline as the cache keeps it, in columns: each event is made when it
    is asked for, so that half a million events take tens of megabytes rather than
    hundreds, and load without a loop per event.  Its slices are views (`EventSelection`).
    ValueError if the columns do not fit together or name an article not there."""

    def __init__(self, articles: Sequence[Article] | Mapping[int, Article], numbers: array, days: array,
                 months: array, starts: array, ends: array, labels: tuple[bytes | StoredField, array],
                 dates: tuple[list[str], array], granularities: tuple[list[str], array],
                 kinds: tuple[list[str], array]) -> None:
        self._articles = articles
        self.article_numbers = numbers
        self._days, self._months, self._starts, self._ends = days, months, starts, ends
        self._label_text, self._label_starts = labels
        self._dates, self._granularities, self._kinds = dates, granularities, kinds
        columns = (numbers, days, months, starts, ends, dates[1], granularities[1], kinds[1])
        if len({len(column) for column in columns}) > 1 or len(self._label_starts) != len(numbers) + 1:
            raise ValueError("timeline columns of different lengths")
        if self._label_starts[0] != 0 or self._label_starts[-1] != len(self._label_text):
            raise ValueError("timeline labels do not fit their text")
        for distinct, codes in (dates, granularities, kinds):
            if codes and max(codes) >= len(distinct):
                raise ValueError("a timeline string number out of range")
        if numbers and (min(days) < 1 or max(days) > date.max.toordinal()):
            raise ValueError("a timeline day out of range")
        if isinstance(articles, Mapping) and not set(numbers) <= articles.keys() or \
                not isinstance(articles, Mapping) and numbers and max(numbers) >= len(articles):
            raise ValueError("a timeline event of an article not there")
        self._month_starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.article_numbers)

    def columns(self) -> tuple:
        """The columns it was made of, in the order `TimelineColumns` takes them after the
        articles: for the cache to store as they are."""
        return (self.article_numbers, self._days, self._months, self._starts, self._ends,
                (self._label_text, self._label_starts), self._dates, self._granularities, self._kinds)

    @overload
    def __getitem__(self, index: int) -> TimelineEvent: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TimelineEvent]: ...

    def __getitem__(self, index: int | slice) -> TimelineEvent | Sequence[TimelineEvent]:
        if isinstance(index, slice):
            positions = range(len(self))[index]
            if positions.step != 1:
                return [self[position] for position in positions]
            return EventSelection(self, positions, self.month_starts())
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("timeline position out of range")
        number, start, end = self.article_numbers[index], self._starts[index], self._ends[index]
        label = str(bytes(self._label_text[self._label_starts[index] : self._label_starts[index + 1]]), "utf-8",
                    "surrogatepass")
        event = tuple.__new__(Event, (
            self._dates[0][self._dates[1][index]], start, end, self._articles[number].text[start:end], label,
            self._granularities[0][self._granularities[1][index]], self._kinds[0][self._kinds[1][index]],
        ))
        return tuple.__new__(TimelineEvent, (number, event, date.fromordinal(self._days[index]), self._months[index]))

    def __iter__(self) -> Iterator[TimelineEvent]:
        return map(self.__getitem__, range(len(self)))

    def day_and_order(self, position: int) -> tuple[date, int]:
        """`day_and_order` of the event at this position, from the columns."""
        granularity = self._granularities[0][self._granularities[1][position]]
        return date.fromordinal(self._days[position]), period_order(granularity)

    def span(self, position: int) -> tuple[int, int, str]:
        """The event's sentence offsets and kind, without the event made."""
        return self._starts[position], self._ends[position], self._kinds[0][self._kinds[1][position]]

    def month_starts(self) -> list[int]:
        if self._month_starts is None:
            self._month_starts = _changes(self._months)
        return self._month_starts


class TimelineBuilder:
    """A timeline gathered an event at a time straight into columns and put in order once
    (`finish`): a corpus being opened keeps no object per event, as the cache keeps none."""

    def __init__(self) -> None:
        self._numbers, self._days, self._starts, self._ends = array("I"), array("I"), array("I"), array("I")
        self._labels, self._label_starts = bytearray(), array("Q", [0])
        # Dates, granularities and kinds: each distinct one once, and its number for each event.
        self._strings: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        self._codes = (array("I"), array("I"), array("I"))

    def add(self, article: int, start_day: date, day: str, start: int, end: int, label: str, granularity: str,
            kind: str) -> None:
        """An event of the article (its fields as in `Event`, but the sentence, which the
        timeline slices from the article's text), beginning on start_day."""
        self._numbers.append(article)
        self._days.append(start_day.toordinal())
        self._starts.append(start)
        self._ends.append(end)
        self._labels += label.encode("utf-8", "surrogatepass")
        self._label_starts.append(len(self._labels))
        for strings, codes, value in zip(self._strings, self._codes, (day, granularity, kind), strict=True):
            codes.append(strings.setdefault(value, len(strings)))

    def finish(self, articles: Sequence[Article] | Mapping[int, Article]) -> TimelineColumns:
        """The events in the timeline's order (`timeline_key`), as columns."""
        numbers, days, starts, granularity_codes = self._numbers, self._days, self._starts, self._codes[1]
        orders = [period_order(granularity) for granularity in self._strings[1]]
        # timeline_key as one int an event (day, period order, article, start: 22, 8, 32 and 32
        # bits), not a tuple of four: half a million keys are held while they are sorted.
        order = sorted(range(len(numbers)), key=lambda i: (
            ((days[i] << 8 | orders[granularity_codes[i]]) << 32 | numbers[i]) << 32 | starts[i]))

        def ordered(column: array) -> array:
            return array(column.typecode, map(column.__getitem__, order))

        labels, label_starts = bytearray(), array("Q", [0])
        old_labels, old_starts = self._labels, self._label_starts
        for i in order:
            labels += old_labels[old_starts[i] : old_starts[i + 1]]
            label_starts.append(len(labels))
        sorted_days = ordered(days)
        months = array("I", [day.year * 12 + day.month for day in map(date.fromordinal, sorted_days)])
        dates, granularities, kinds = (
            (list(strings), ordered(codes)) for strings, codes in zip(self._strings, self._codes, strict=True))
        return TimelineColumns(articles, ordered(numbers), sorted_days, months, ordered(starts), ordered(self._ends),
                               (bytes(labels), label_starts), dates, granularities, kinds)


def merged_columns(first: tuple, second: tuple) -> tuple:
    """Two timelines' columns (as `TimelineColumns.columns` gives them, each in the
    timeline's order) as one timeline's: second's events, which are few (a file added
    to a folder), placed among first's by the timeline's order."""
    numbers, days, _months, starts, _ends, _labels, _dates, (granularities, granularity_codes), _kinds = first
    orders = [period_order(granularity) for granularity in granularities]

    def first_key(i: int) -> tuple:
        return days[i], orders[granularity_codes[i]], numbers[i], starts[i]

    more_numbers, more_days, _, more_starts, _, _, _, (more_granularities, more_codes), _ = second
    more_orders = [period_order(granularity) for granularity in more_granularities]
    places = [bisect.bisect_right(range(len(numbers)), (more_days[j], more_orders[more_codes[j]], more_numbers[j],
                                                      more_starts[j]), key=first_key) for j in range(len(more_numbers))]
    merged: list = [interleaved(a, b, places) for a, b in zip(first[:5], second[:5], strict=True)]
    (labels, label_starts), (more_labels, more_label_starts) = first[5], second[5]
    merged.append(_interleaved_text(labels, label_starts, more_labels, more_label_starts, places))
    for (strings, codes), (more_strings, more_codes_) in zip(first[6:], second[6:], strict=True):
        shift = len(strings)
        merged.append((strings + more_strings,
                       interleaved(codes, array(more_codes_.typecode, [n + shift for n in more_codes_]), places)))
    return tuple(merged)


def interleaved(first: array, second: array, places: list[int]) -> array:
    """first's items with second's put in: second[j] before first[places[j]]."""
    found, done = array(first.typecode), 0
    for item, place in zip(second, places, strict=True):
        found.extend(first[done:place])
        found.append(item)
        done = place
    found.extend(first[done:])
    return found


def _interleaved_text(text: bytes, starts: array, more_text: bytes, more_starts: array,
                      places: list[int]) -> tuple[bytes, array]:
    """Labels (texts laid end to end, and where each starts) put together as `interleaved` does."""
    found, found_starts, done = bytearray(), array(starts.typecode, [0]), 0

    def run(source: bytes, source_starts: array, begin: int, end: int) -> None:
        shift = len(found) - source_starts[begin]
        found.extend(source[source_starts[begin] : source_starts[end]])
        found_starts.extend([n + shift for n in source_starts[begin + 1 : end + 1]])

    for j, place in enumerate(places):
        run(text, starts, done, place)
        run(more_text, more_starts, j, j + 1)
        done = place
    run(text, starts, done, len(starts) - 1)
    return bytes(found), found_starts


class EventSelection(Sequence[TimelineEvent]):
    """Some of the timeline's events, in its order, held as their positions in it: a
    search's timeline without a list of a hundred thousand events made per keystroke."""

    def __init__(self, timeline: Sequence[TimelineEvent], positions: Sequence[int],
                 timeline_month_starts: list[int]) -> None:
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
    return event.start_day, period_order(event.event.granularity)


def period_order(granularity: str) -> int:
    """Where a period of this granularity comes among those starting on one day."""
    return GRANULARITY_ORDER.get(granularity, len(GRANULARITY_ORDER))


class OrderKeys(Sequence[tuple[date, int]]):
    """`day_and_order` of each of some events, to bisect on: for a timeline kept as
    columns (or a selection of one) read from the columns, with no event made."""

    def __init__(self, events: Sequence[TimelineEvent]) -> None:
        self._events = events
        self._columns, self._positions = columns_of(events)

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, index):  # type: ignore[override]
        if self._columns is None:
            return day_and_order(self._events[index])
        return self._columns.day_and_order(index if self._positions is None else self._positions[index])


def timeline_key(event: TimelineEvent) -> tuple:
    """The timeline's order."""
    return (*day_and_order(event), event.article, event.event.start)
