"""Extraction: pure functions from an article's text (and date) to spans with offsets.

The finders compile a few hundred rules when first imported; `extract` imports them on its
first call, so that opening a cached corpus, which extracts nothing, does not pay for it."""

from __future__ import annotations

import functools
from datetime import date
from typing import Callable, NamedTuple

from ..corpus.articles import Article
from .records import Event, Figure, Name, Timex

EXTRACTOR_VERSION = "41"


class Extraction(NamedTuple):
    names: list[Name]
    figures: list[Figure]
    timexes: list[Timex]
    events: list[Event]


def extract(article: Article) -> Extraction:
    """The names, figures, dates and events of an article."""
    return extract_text(article.text, article.date, article.body_start)


def extract_text(text: str, day: date | None = None, body_start: int = 0) -> Extraction:
    """The names, figures, dates and events of a text written on `day` (relative dates
    are resolved against it), whose body starts at `body_start` (after its title)."""
    return _pipeline()(text, day, body_start)


def extract_or_date_only(text: str, day: date | None, body_start: int) -> tuple[Extraction, str | None]:
    """The extraction, or, should an extractor fail on this text, the article on its
    own date alone and what went wrong: one article must not take the corpus down."""
    try:
        return extract_text(text, day, body_start), None
    except Exception as error:
        return _date_only(text, day, body_start), f"{type(error).__name__}: {error}"


def _date_only(text: str, day: date | None, start: int) -> Extraction:
    if day is None:
        return Extraction([], [], [], [])
    from .events import short_label

    end = len(text) if "\n" not in text[start:] else text.index("\n", start)
    sentence = text[start:end]
    event = Event(day.isoformat(), start, end, sentence, short_label(sentence), "day", "article")
    return Extraction([], [], [], [event])


@functools.cache
def _pipeline() -> Callable[[str, date | None, int], Extraction]:
    from .events import find_events
    from .figures import find_figures
    from .names import find_names
    from .sentences import split_sentences
    from .timexes import find_timexes

    def run(text: str, day: date | None, body_start: int) -> Extraction:
        timexes = find_timexes(text, day)
        date_spans = [(t.start, t.end) for t in timexes]
        figures = find_figures(text, taken=date_spans)
        names = find_names(text)
        # Events need the first sentence and those holding a date, no further.
        sentences = split_sentences(text, until=max([body_start, *(t.start for t in timexes)]))
        events = find_events(text, sentences, timexes, day.isoformat() if day else None, body_start)
        return Extraction(names, figures, timexes, events)

    return run


def extraction_record(article: Article, extraction: Extraction) -> dict:
    """The public `dateline extract` object for one article (documented in the README)."""
    return {
        "id": article.id,
        "date": article.date_text or None,
        "title": article.title,
        "names": [n._asdict() for n in extraction.names],
        "figures": [f._asdict() for f in extraction.figures],
        "timexes": [t._asdict() for t in extraction.timexes],
        "events": [
            {
                "date": e.date,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "granularity": e.granularity,
                "kind": e.kind,
            }
            for e in extraction.events
        ],
    }


__all__ = ["Event", "Extraction", "Figure", "Name", "Timex", "extract", "extract_or_date_only", "extract_text",
           "extraction_record", "EXTRACTOR_VERSION"]
