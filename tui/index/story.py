"""Questions that follow a story across articles: which names go with a name, and how a
search's or a name's articles spread over time.  Each is asked of a complete catalog and
answers with plain records, for the command line and the reader alike."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Collection, Iterable

from ..extract.sentences import split_sentences
from .catalog import Catalog
from .names import NameEntry, entry_key

PERIODS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Companion:
    """A name that shares articles with another: in how many, and in how many sentences
    (a sentence that names both)."""

    entry: NameEntry
    articles: int
    sentences: int


def related(catalog: Catalog, entry: NameEntry, among: Collection[int] | None = None) -> list[Companion]:
    """The names that appear with the entry, those sharing most sentences, then most
    articles, first; with `among`, in those articles only (a date range's)."""
    articles: Counter[tuple[str, str]] = Counter()
    sentences: Counter[tuple[str, str]] = Counter()
    for number in entry.articles if among is None else entry.articles & set(among):
        mentions = [(start, _key(catalog, kind, canonical))
                    for start, _end, kind, canonical in catalog.extractions.fields(number)[0]]
        articles.update({key for _start, key in mentions} - {entry.key})
        own = [start for start, key in mentions if key == entry.key]
        if not own:
            continue
        text = catalog.articles[number].text
        for start, end in split_sentences(text, until=max(start for start, _key in mentions) + 1):
            if any(start <= at < end for at in own):
                sentences.update({key for at, key in mentions if start <= at < end} - {entry.key})
    found = [Companion(catalog.names[key], shared, sentences[key]) for key, shared in articles.items()
             if key in catalog.names]
    return sorted(found, key=lambda c: (-c.sentences, -c.articles, c.entry.name))


def _key(catalog: Catalog, kind: str, canonical: str) -> tuple[str, str]:
    key = entry_key(kind, canonical)
    return catalog.aliases.get(key, key)


@dataclass(frozen=True, slots=True)
class Period:
    """One period of a histogram: its label ("1987-03", "1987-W10"; None for undated
    articles), the articles dated in it, and their events that fall in it."""

    period: str | None
    articles: int
    events: int


def histogram(catalog: Catalog, articles: Collection[int], by: str = "month",
              name: NameEntry | None = None) -> list[Period]:
    """How the articles spread over time, by the articles' dates and by their events':
    every period from the first article's to the last's (empty ones too, as a chart needs
    them), undated articles last; with `name`, only the articles and events that
    mention it."""
    if by not in PERIODS:
        raise ValueError(f"a period is one of {', '.join(PERIODS)}, not {by!r}")
    chosen = [number for number in articles if name is None or number in name.articles]
    days = [catalog.articles[number].date for number in chosen]
    dated = [day for day in days if day is not None]
    article_counts = Counter(period_of(day, by) for day in dated)
    event_counts = Counter(period_of(event.start_day, by) for event in catalog.events_of_articles(chosen, name))
    # Every period the articles span, and those outside it that hold events (a sentence
    # about 1929 in a 1987 story), not the decades between.
    labels = set(event_counts) | set(article_counts)
    if dated:
        labels.update(period_labels(min(dated), max(dated), by))
    rows = [Period(label, article_counts[label], event_counts[label]) for label in sorted(labels)]
    if len(dated) < len(days):
        rows.append(Period(None, len(days) - len(dated), 0))
    return rows


def period_of(day: date, by: str) -> str:
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def period_labels(first: date, last: date, by: str) -> Iterable[str]:
    """Every period's label from the one holding `first` to the one holding `last`."""
    if by == "day":
        step = timedelta(days=1)
    elif by == "week":
        first, step = first - timedelta(days=first.weekday()), timedelta(days=7)
    elif by == "month":
        yield from (f"{m // 12:04d}-{m % 12 + 1:02d}"
                    for m in range(first.year * 12 + first.month - 1, last.year * 12 + last.month))
        return
    else:
        yield from (f"{year:04d}" for year in range(first.year, last.year + 1))
        return
    day = first
    while day <= last:
        yield period_of(day, by)
        day += step


def spread(days: Iterable[int], first: int, last: int, columns: int) -> list[int]:
    """How many of the days (ordinals) fall in each of `columns` equal stretches of the
    days from `first` to `last`; days outside them are left out."""
    counts = [0] * max(columns, 0)
    if columns > 0 and last >= first:
        for day in days:
            if first <= day <= last:
                counts[column_of(day, first, last, columns)] += 1
    return counts


def column_of(day: int, first: int, last: int, columns: int) -> int:
    """The stretch of `spread` that holds a day from `first` to `last`."""
    return (day - first) * columns // (last - first + 1)
