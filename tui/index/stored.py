"""What the cache holds of a catalog, in three parts that load as stages, and how each is
read back: columns of numbers and strings, checked as they are read."""

from __future__ import annotations

from array import array
from datetime import date
from functools import partial
from typing import Iterator, Mapping, Sequence, TypeVar

from ..cache_home import Part, string_column, strings_of, text_column, texts_of
from ..corpus.articles import Article
from ..corpus.loaders import Corpus, LoadProblem
from ..extract.records import Event
from . import cache
from .catalog import Catalog, FirstScreen, Stage, Unindexed
from .collector import collector_paused
from .names import NameEntry, entry_key
from .packing import ExtractionColumns, PackedExtractions
from .timeline import TimelineEvent

FIRST_SCREEN_EVENTS = 300  # the timeline's first events, cached apart so that a launch shows them at once
ARTICLE_NUMBER_SIZE = array("I").itemsize
Field = TypeVar("Field")


def catalog_parts(catalog: Catalog, index_digest: str) -> list[Part]:
    """Plain data in three parts: the first screen (the timeline's first events and
    their articles), what the reader shows next, then names, figures and the digest of
    the search index kept beside them (`cache.keep_index`)."""
    articles = catalog.articles
    first_events = catalog.timeline[:FIRST_SCREEN_EVENTS]
    numbers = sorted({e.article for e in first_events})
    packed = catalog.extractions.packed
    assert not isinstance(packed, ExtractionColumns), "a catalog read from the cache is not written back"
    first_screen = {
        "article_total": len(articles),
        "event_total": len(catalog.timeline),
        "numbers": numbers,
        **_article_columns([articles[n] for n in numbers]),
        **_prefixed("extractions", ExtractionColumns.of_packed(packed[n] for n in numbers).part()),
        **_timeline_columns(first_events),
    }
    readable = {
        **_article_columns(articles),
        "problems": [(p.path, p.message, p.line) for p in catalog.problems],
        **_prefixed("extractions", ExtractionColumns.of_packed(packed).part()),
        **_timeline_columns(catalog.timeline),
    }
    names = list(catalog.names.values())
    article_starts = array("Q", [0])
    name_articles = array("I")
    for entry in names:
        name_articles.extend(sorted(entry.articles))
        article_starts.append(len(name_articles))
    rest = {
        "index_digest": index_digest,
        "names": [(e.type, e.name, e.mentions, sorted(e.forms)) for e in names],
        "name_article_starts": article_starts,
        "name_articles": name_articles.tobytes(),  # sliced per name, as NameEntry keeps them
        "aliases": [[*key, *target] for key, target in catalog.aliases.items()],
        **_figure_columns(catalog.figures),
    }
    return [first_screen, readable, rest]


def stages_from_cache(key: str, corpus: Corpus | None, first_screen: bool = False) -> Iterator[Stage]:
    """The cache entry's catalogs, stage by stage (see `opening.cached_stages`); fewer
    stages if the entry breaks off, none (and the entry dropped) if it is not a catalog."""
    parts = cache.read_stages(key)
    if parts is None:
        return
    try:
        first_part = next(parts)
        if first_screen:
            with collector_paused():
                yield first_screen_catalog(first_part)
        with collector_paused():
            readable = readable_catalog(next(parts), corpus)
        yield readable
        with collector_paused():
            complete = completed_catalog(readable, next(parts), key)
        yield complete
    except (cache.CacheDamaged, StopIteration):
        return
    except (KeyError, ValueError, TypeError, IndexError, OverflowError):  # checksummed, yet not a catalog
        cache.drop(key)


def last_complete(stages: Iterator[Stage]) -> Catalog | None:
    """The complete catalog at the end of cached stages, if the cache got that far."""
    found = None
    for found in stages:  # noqa: B007 - the last stage is the one wanted
        pass
    return found if isinstance(found, Catalog) else None


def first_screen_catalog(part: Part) -> FirstScreen:
    numbers = _field(part, "numbers", list)
    articles = dict(zip(numbers, _articles_from_columns(part), strict=False))
    return FirstScreen(
        articles=articles,
        article_total=_field(part, "article_total", int),
        extractions=PackedExtractions(ExtractionColumns(_unprefixed("extractions", part)), articles, numbers),
        timeline=_timeline_from_columns(part, articles),
        event_total=_field(part, "event_total", int),
    )


def readable_catalog(part: Part, corpus: Corpus | None) -> Unindexed:
    if corpus is None:
        problems = [LoadProblem(*record) for record in _field(part, "problems", list)]
        corpus = Corpus(_articles_from_columns(part), problems)
    columns = ExtractionColumns(_unprefixed("extractions", part))
    if len(columns) != len(corpus.articles):
        raise ValueError("the cached extractions are not the corpus's")
    timeline = _timeline_from_columns(part, corpus.articles)
    return Unindexed(corpus.articles, corpus.problems, PackedExtractions(columns, corpus.articles), timeline)


def completed_catalog(readable: Unindexed, part: Part, cache_key: str) -> Catalog:
    names = {}
    starts, numbers = _field(part, "name_article_starts", array), _field(part, "name_articles", bytes)
    records = _field(part, "names", list)
    if len(starts) != len(records) + 1 or starts[-1] * ARTICLE_NUMBER_SIZE != len(numbers):
        raise ValueError("cached names do not fit their articles")
    size = ARTICLE_NUMBER_SIZE
    for (kind, name, mentions, forms), start, end in zip(records, starts, starts[1:], strict=False):
        key = entry_key(kind, name)
        names[key] = NameEntry(
            key, kind, name, mentions, forms=set(forms), article_bytes=numbers[start * size : end * size]
        )
    aliases = {(a, b): (c, d) for a, b, c, d in _field(part, "aliases", list)}
    figures = _figures_from_columns(part)
    index = cache.opened_index(cache_key, part["index_digest"])
    return Catalog(readable.articles, readable.problems, readable.extractions, index, readable.timeline, names,
                   aliases, figures, from_cache=True)


def _field(part: Part, name: str, kind: type[Field]) -> Field:
    """A field of a stored part, of the kind it must be (ValueError if not: the entry is dropped)."""
    value = part[name]
    if not isinstance(value, kind):
        raise ValueError(f"cached {name} is not {kind.__name__}")
    return value


def _strings(part: Part, distinct: str, codes: str) -> list[str]:
    return strings_of(_field(part, distinct, list), _field(part, codes, array))


def _article_columns(articles: Sequence[Article]) -> Part:
    texts, text_starts = text_column(a.text for a in articles)
    return {"articles": [a.as_record() for a in articles], "article_texts": texts, "article_text_starts": text_starts}


def _articles_from_columns(part: Part) -> list[Article]:
    texts = texts_of(_field(part, "article_texts", bytes), _field(part, "article_text_starts", array))
    records = _field(part, "articles", list)
    if len(texts) != len(records):
        raise ValueError("cached articles do not fit their texts")
    return list(map(Article.from_record, records, texts))


def _timeline_columns(events: Sequence[TimelineEvent]) -> Part:
    """The timeline as columns for the cache, so that loading makes its records in C loops;
    an event's sentence is a slice of its article's text, and is not stored again."""
    dates, date_codes = string_column(e.event.date for e in events)
    granularities, granularity_codes = string_column(e.event.granularity for e in events)
    kinds, kind_codes = string_column(e.event.kind for e in events)
    return {
        "event_articles": array("I", [e.article for e in events]),
        "event_days": array("I", [e.start_day.toordinal() for e in events]),
        "event_months": array("I", [e.month for e in events]),
        "event_dates": dates, "event_date_codes": date_codes,
        "event_starts": array("I", [e.event.start for e in events]),
        "event_ends": array("I", [e.event.end for e in events]),
        "event_labels": [e.event.label for e in events],
        "event_granularities": granularities, "event_granularity_codes": granularity_codes,
        "event_kinds": kinds, "event_kind_codes": kind_codes,
    }


def _timeline_from_columns(part: Part, articles: Sequence[Article] | Mapping[int, Article]) -> list[TimelineEvent]:
    numbers, starts = _field(part, "event_articles", array), _field(part, "event_starts", array)
    ends, labels = _field(part, "event_ends", array), _field(part, "event_labels", list)
    ordinals, months = _field(part, "event_days", array), _field(part, "event_months", array)
    dates = _strings(part, "event_dates", "event_date_codes")
    granularities = _strings(part, "event_granularities", "event_granularity_codes")
    kinds = _strings(part, "event_kinds", "event_kind_codes")
    columns = (numbers, starts, ends, labels, ordinals, months, dates, granularities, kinds)
    if len({len(column) for column in columns}) > 1:
        raise ValueError("timeline columns of different lengths")
    texts = [articles[number].text[start:end] for number, start, end in zip(numbers, starts, ends, strict=False)]
    # tuple.__new__ makes each record straight from its fields, without the Python-level
    # __new__ a NamedTuple call goes through, which dominates loading the timeline.
    rows = zip(dates, starts, ends, texts, labels, granularities, kinds, strict=False)
    events = map(partial(tuple.__new__, Event), rows)
    days = map(date.fromordinal, ordinals)
    return list(map(partial(tuple.__new__, TimelineEvent), zip(numbers, events, days, months, strict=False)))


def _figure_columns(figures: list[tuple[str, float, int, int]]) -> Part:
    units, unit_codes = string_column(unit for unit, _value, _article, _number in figures)
    return {
        "figure_units": units, "figure_unit_codes": unit_codes,
        "figure_values": array("d", [value for _unit, value, _article, _number in figures]),
        "figure_articles": array("I", [article for _unit, _value, article, _number in figures]),
        "figure_numbers": array("I", [number for _unit, _value, _article, number in figures]),
    }


def _figures_from_columns(part: Part) -> list[tuple[str, float, int, int]]:
    units = _strings(part, "figure_units", "figure_unit_codes")
    values, articles = _field(part, "figure_values", array), _field(part, "figure_articles", array)
    numbers = _field(part, "figure_numbers", array)
    if not len(units) == len(values) == len(articles) == len(numbers):
        raise ValueError("figure columns of different lengths")
    return list(zip(units, values, articles, numbers, strict=False))


def _prefixed(prefix: str, part: Part) -> Part:
    return {f"{prefix}:{name}": value for name, value in part.items()}


def _unprefixed(prefix: str, part: Part) -> Part:
    start = f"{prefix}:"
    return {name[len(start):]: value for name, value in part.items() if name.startswith(start)}
