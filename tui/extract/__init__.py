"""Extraction: pure functions from an article's text (and date) to spans with offsets.

The finders compile a few hundred rules when first imported; `extract` imports them on its
first call, so that opening a cached corpus, which extracts nothing, does not pay for it."""

from __future__ import annotations

import functools
from typing import Callable, NamedTuple

from ..corpus.articles import Article
from .records import Event, Figure, Name, Timex

EXTRACTOR_VERSION = "9"


class Extraction(NamedTuple):
    names: list[Name]
    figures: list[Figure]
    timexes: list[Timex]
    events: list[Event]


def extract(article: Article) -> Extraction:
    return _pipeline()(article)


def extract_or_date_only(article: Article) -> tuple[Extraction, str | None]:
    """The extraction, or, should an extractor fail on this article, the article on its
    own date alone and what went wrong: one article must not take the corpus down."""
    try:
        return extract(article), None
    except Exception as error:
        return _date_only(article), f"{type(error).__name__}: {error}"


def _date_only(article: Article) -> Extraction:
    if article.date is None:
        return Extraction([], [], [], [])
    from .events import short_label

    start = article.body_start
    end = len(article.text) if "\n" not in article.text[start:] else article.text.index("\n", start)
    sentence = article.text[start:end]
    return Extraction(
        [], [], [], [Event(article.date.isoformat(), start, end, sentence, short_label(sentence), "day", "article")]
    )


@functools.cache
def _pipeline() -> Callable[[Article], Extraction]:
    from .events import find_events
    from .figures import find_figures
    from .names import find_names
    from .sentences import split_sentences
    from .timexes import find_timexes

    def run(article: Article) -> Extraction:
        text = article.text
        timexes = find_timexes(text, article.date)
        date_spans = [(t.start, t.end) for t in timexes]
        figures = find_figures(text, taken=date_spans)
        names = find_names(text)
        # Events need the first sentence and those holding a date, no further.
        sentences = split_sentences(text, until=max([article.body_start, *(t.start for t in timexes)]))
        events = find_events(
            text, sentences, timexes, article.date.isoformat() if article.date else None, article.body_start
        )
        return Extraction(names, figures, timexes, events)

    return run


__all__ = ["Event", "Extraction", "Figure", "Name", "Timex", "extract", "extract_or_date_only", "EXTRACTOR_VERSION"]
