"""What the cache holds of a catalog, in three parts that load as stages, and how each is
read back: columns of numbers and strings, checked as they are read.  Beside the entry,
its articles are in a store of their own (`article_store`) and its search index in a
folder (`cache.keep_index`): a search or a summary reads the first part and those alone."""

from __future__ import annotations

import bisect
import marshal
from array import array
from contextlib import closing
from dataclasses import dataclass
from typing import Generator, Iterator, Mapping, Sequence, TypeVar, overload

from ..cache_home import Damaged, Part, StoredField, string_column, text_column
from ..corpus.articles import Article
from ..corpus.loaders import Corpus, LoadProblem
from . import cache
from .article_store import ArticleStore
from .catalog import Catalog, FirstScreen, Stage, Summary, Unindexed
from .collector import collector_paused
from .names import NameEntry, entry_key, merge_short_person_names, unmerged
from .packing import LAYOUTS, ExtractionColumns, PackedExtractions
from .search import SearchIndex
from .timeline import TimelineColumns, TimelineEvent, interleaved, merged_columns

FIRST_SCREEN_EVENTS = 300  # the timeline's first events, cached apart so that a launch shows them at once
ARTICLE_NUMBER_SIZE = array("I").itemsize
Field = TypeVar("Field")
# Left in the entry's file and read as they are asked for (`StoredField`): the bulk of a
# catalog, of which the reader reads an article's or a screen's worth at a time.  True
# notes a field's highest number as it is checked: a string number, to be in range.
LEFT_ON_DISK = {
    **{f"extractions:{kind}.{i}": field == "s" for kind, layout in LAYOUTS.items() for i, field in enumerate(layout)},
    "event_labels": False,
}

UNCHECKED_ON_DISK = dict.fromkeys(LEFT_ON_DISK, False)  # the same, for parts only to be copied


def catalog_parts(catalog: Catalog, index_digest: str, store_token: str) -> list[Part]:
    """Plain data in three parts: the first screen (the timeline's first events, the
    corpus's summary and load problems, and what pairs the entry with its search index
    and its article store, kept beside it), what the reader shows next, then names and
    figures.  The articles themselves are in the store (`cache.write_articles`)."""
    first_events = catalog.timeline[:FIRST_SCREEN_EVENTS]
    numbers = sorted({e.article for e in first_events})
    packed = catalog.extractions.packed
    assert not isinstance(packed, ExtractionColumns), "a catalog read from the cache is not written back"
    first_screen = {
        "summary": Summary.of(catalog).as_record(),
        "problems": [(p.path, p.message, p.line) for p in catalog.problems],
        "index_digest": index_digest,
        "article_store": store_token,
        "sources": catalog.sources or [],  # for an entry of these files and more to grow from it
        "numbers": numbers,
        **_prefixed("extractions", ExtractionColumns.of_packed(packed[n] for n in numbers).part()),
        **_timeline_columns(first_events),
    }
    readable = {
        **_prefixed("extractions", ExtractionColumns.of_packed(packed).part()),
        **_timeline_columns(catalog.timeline),
    }
    rest = {**_names_part(catalog.names, catalog.aliases), **_figure_columns(catalog.figures),
            **_prefixed("unmerged", _names_part(catalog.unmerged_names or {}, {}))}
    return [first_screen, readable, rest]


def _names_part(names: Mapping[tuple[str, str], NameEntry], aliases: Mapping[tuple[str, str], tuple[str, str]]
                ) -> Part:
    article_starts = array("Q", [0])
    name_articles = array("I")
    for entry in names.values():
        name_articles.extend(entry.sorted_articles())
        article_starts.append(len(name_articles))
    return {
        "names": [(e.type, e.name, e.mentions, sorted(e.forms)) for e in names.values()],
        "name_article_starts": article_starts,
        "name_articles": name_articles.tobytes(),  # sliced per name, as NameEntry keeps them
        "aliases": [[*key, *target] for key, target in aliases.items()],
    }


def grown_parts(base: list[Part], added: Corpus, packed: list[bytes], timeline: TimelineColumns,
                entries: dict[tuple[str, str], NameEntry], figures: Sequence[tuple[str, float, int, int]],
                sources: list[str]) -> list[Part]:
    """The parts of an entry (`catalog_parts`) grown from those of `base` by the articles
    of files added to its corpus, numbered after its own: their packed extractions, and
    the timeline, name entries (before short names are merged) and figures made of them.
    ValueError and the like if base is not a catalog's.  Base is read as `entry_to_grow`
    reads it: what it holds is checked when the grown entry is read.  The first part
    is still to be given its "index_digest" and "article_store"."""
    first, readable, rest = base
    summary = Summary.of_record(_field(first, "summary", list))
    extractions = ExtractionColumns(_unprefixed("extractions", readable), checked=False)
    if len(extractions) != summary.articles:
        raise ValueError("the cached extractions are not the corpus's")
    extractions = extractions.followed_by(ExtractionColumns.of_packed(packed))
    events = merged_columns(_timeline_values(readable), timeline.columns())
    raw, aliases = _names_from_part(rest)
    raw.update(_names_from_part(_unprefixed("unmerged", rest))[0])  # the names as they were before merging
    if not aliases.keys() <= raw.keys():
        raise ValueError("cached names merged are not kept as they were")
    for key, entry in entries.items():
        known = raw.setdefault(key, entry)
        if known is not entry:
            known.mentions += entry.mentions
            known.articles.update(entry.articles)
            known.forms |= entry.forms
    names, aliases = merge_short_person_names(raw)
    figure_part = _merged_figures(rest, figures)
    days = [day for day in (summary.first_day, summary.last_day, *(a.date for a in added.articles)) if day]
    grown = Summary(summary.articles + len(added.articles), min(days, default=None), max(days, default=None),
                    len(events[0]), len(names), len(figure_part["figure_values"]))  # type: ignore[arg-type]
    first_events = _first_events(events, FIRST_SCREEN_EVENTS)
    numbers = sorted(set(first_events[0]))
    return [
        {
            "summary": grown.as_record(),
            "problems": [*_field(first, "problems", list), *[(p.path, p.message, p.line) for p in added.problems]],
            "sources": sources,
            "numbers": numbers,
            **_prefixed("extractions", ExtractionColumns.of_packed(
                marshal.dumps(extractions.fields(n)) for n in numbers).part()),
            **_timeline_part(first_events),
        },
        {**_prefixed("extractions", extractions.part()), **_timeline_part(events)},
        {**_names_part(names, aliases), **figure_part,
         **_prefixed("unmerged", _names_part(unmerged(raw, aliases), {}))},
    ]


@dataclass(slots=True)
class StoredCorpus:
    """A cached corpus whose articles are read from its store as they are asked for."""

    articles: ArticleStore
    problems: list[LoadProblem]


def stages_from_cache(key: str, corpus: Corpus | None, first_screen: bool = False) -> Iterator[Stage]:
    """The cache entry's catalogs, stage by stage (see `opening.cached_stages`); fewer
    stages if the entry breaks off, none (and the entry dropped) if it is not a catalog."""
    opened = _opened_entry(key)
    if opened is None:
        return
    parts, first_part, store = opened
    # The store stays open while the articles read from it are used: their texts are
    # read from it when first asked for.
    try:
        problems = _problems(first_part)
        if first_screen:
            with collector_paused():
                yield first_screen_catalog(first_part, store)
        with collector_paused():
            readable = readable_catalog(next(parts), corpus or Corpus(store.without_texts(), problems), first_part)
        yield readable
        with collector_paused():
            complete = completed_catalog(readable, next(parts), key, first_part)
        yield complete
    except (cache.CacheDamaged, StopIteration):
        return
    except (Damaged, KeyError, ValueError, TypeError, IndexError, OverflowError):  # checksummed, yet not a catalog
        cache.drop(key)
    finally:
        if corpus is not None:
            store.close()


def summary_from_cache(key: str) -> tuple[Summary, list[LoadProblem]] | None:
    """The summary and load problems of the entry, from its first part alone."""
    first_part = _first_part(key)
    if first_part is None:
        return None
    try:
        return Summary.of_record(_field(first_part, "summary", list)), _problems(first_part)
    except (KeyError, ValueError, TypeError, OverflowError):
        cache.drop(key)
        return None


def stored_from_cache(key: str) -> StoredCorpus | None:
    """The entry's articles, read from the store as asked for, and its load problems."""
    found = _stored(key)
    return None if found is None else found[0]


def searchable_from_cache(key: str) -> tuple[StoredCorpus, SearchIndex] | None:
    """What a search needs, from the first part alone: the entry's articles, read from
    the store as asked for, and its search index."""
    found = _stored(key)
    if found is None:
        return None
    stored, first_part = found
    try:
        return stored, cache.opened_index(key, first_part["index_digest"])
    except (KeyError, ValueError):
        stored.articles.close()
        cache.drop(key)
        return None


def _stored(key: str) -> tuple[StoredCorpus, Part] | None:
    opened = _opened_entry(key)
    if opened is None:
        return None
    parts, first_part, store = opened
    parts.close()
    try:
        return StoredCorpus(store, _problems(first_part)), first_part
    except (KeyError, ValueError, TypeError):
        store.close()
        cache.drop(key)
        return None


def _first_part(key: str) -> Part | None:
    parts = cache.read_stages(key)
    if parts is None:
        return None
    with closing(parts):
        try:
            return next(parts)
        except (cache.CacheDamaged, StopIteration):
            return None


def entry_to_grow(key: str) -> tuple[Generator[Part, None, None], Part, ArticleStore] | None:
    """As `_opened_entry`, for `grown_parts`: its fields left on disk are not checked."""
    return _opened_entry(key, UNCHECKED_ON_DISK)


def _opened_entry(key: str, on_disk: Mapping[str, bool] = LEFT_ON_DISK
                  ) -> tuple[Generator[Part, None, None], Part, ArticleStore] | None:
    """The entry's parts after the first, its first part, and its article store; None
    (a damaged entry or store dropped) if there is none."""
    parts = cache.read_stages(key, on_disk)
    if parts is None:
        return None
    try:
        first_part = next(parts)
    except (cache.CacheDamaged, StopIteration):
        return None
    try:
        return parts, first_part, cache.opened_articles(key, first_part["article_store"])
    except (Damaged, KeyError):
        cache.drop(key)
        return None


def last_complete(stages: Iterator[Stage]) -> Catalog | None:
    """The complete catalog at the end of cached stages, if the cache got that far."""
    found = None
    for found in stages:  # noqa: B007 - the last stage is the one wanted
        pass
    return found if isinstance(found, Catalog) else None


def first_screen_catalog(part: Part, store: ArticleStore) -> FirstScreen:
    numbers = _field(part, "numbers", list)
    articles = store.some(numbers)
    summary = Summary.of_record(_field(part, "summary", list))
    return FirstScreen(
        articles=articles,
        article_total=summary.articles,
        extractions=PackedExtractions(ExtractionColumns(_unprefixed("extractions", part)), articles, numbers),
        timeline=_timeline_from_columns(part, articles),
        event_total=summary.events,
    )


def readable_catalog(part: Part, corpus: Corpus, first_part: Part) -> Unindexed:
    columns = ExtractionColumns(_unprefixed("extractions", part))
    if len(columns) != len(corpus.articles) or Summary.of_record(first_part["summary"]).articles != len(columns):
        raise ValueError("the cached extractions are not the corpus's")
    timeline = _timeline_from_columns(part, corpus.articles)
    return Unindexed(corpus.articles, corpus.problems, PackedExtractions(columns, corpus.articles), timeline)


def completed_catalog(readable: Unindexed, part: Part, cache_key: str, first_part: Part) -> Catalog:
    names, aliases = _names_from_part(part)
    figures = _figures_from_columns(part)
    index = cache.opened_index(cache_key, first_part["index_digest"])
    return Catalog(readable.articles, readable.problems, readable.extractions, index, readable.timeline, names,
                   aliases, figures, from_cache=True, files_key=cache_key)


def _names_from_part(part: Part) -> tuple[dict[tuple[str, str], NameEntry], dict[tuple[str, str], tuple[str, str]]]:
    names = {}
    starts, numbers = _field(part, "name_article_starts", array), _field(part, "name_articles", bytes)
    records = _field(part, "names", list)
    if len(starts) != len(records) + 1 or starts[-1] * ARTICLE_NUMBER_SIZE != len(numbers):
        raise ValueError("cached names do not fit their articles")
    size = ARTICLE_NUMBER_SIZE
    for (kind, name, mentions, forms), start, end in zip(records, starts, starts[1:], strict=False):
        if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
            raise ValueError("a cached name's forms are not strings")  # kept as read, made a set when asked
        key = entry_key(kind, name)
        names[key] = NameEntry(
            key, kind, name, mentions, forms=forms, article_bytes=numbers[start * size : end * size]
        )
    aliases = {(a, b): (c, d) for a, b, c, d in _field(part, "aliases", list)}
    return names, aliases


def _problems(part: Part) -> list[LoadProblem]:
    return [LoadProblem(*record) for record in _field(part, "problems", list)]


def _field(part: Part, name: str, kind: type[Field]) -> Field:
    """A field of a stored part, of the kind it must be (ValueError if not: the entry is dropped)."""
    value = part[name]
    if not isinstance(value, kind):
        raise ValueError(f"cached {name} is not {kind.__name__}")
    return value


def _timeline_columns(events: Sequence[TimelineEvent]) -> Part:
    """The timeline as columns for the cache, read back as `TimelineColumns`; an event's
    sentence is a slice of its article's text, and is not stored again.  A timeline
    built as columns is stored as it is."""
    if isinstance(events, TimelineColumns):
        return _timeline_part(events.columns())
    return _timeline_part((
        array("I", [e.article for e in events]),
        array("I", [e.start_day.toordinal() for e in events]),
        array("I", [e.month for e in events]),
        array("I", [e.event.start for e in events]), array("I", [e.event.end for e in events]),
        text_column(e.event.label for e in events),
        string_column(e.event.date for e in events), string_column(e.event.granularity for e in events),
        string_column(e.event.kind for e in events)))


def _timeline_part(columns: tuple) -> Part:
    """Columns as `TimelineColumns.columns` gives them, as the cache keeps them."""
    numbers, days, months, starts, ends, (labels, label_starts), *strings = columns
    (dates, date_codes), (granularities, granularity_codes), (kinds, kind_codes) = strings
    return {
        "event_articles": numbers, "event_days": days, "event_months": months,
        "event_dates": dates, "event_date_codes": date_codes,
        "event_starts": starts, "event_ends": ends,
        "event_labels": labels, "event_label_starts": label_starts,
        "event_granularities": granularities, "event_granularity_codes": granularity_codes,
        "event_kinds": kinds, "event_kind_codes": kind_codes,
    }


def _timeline_values(part: Part) -> tuple:
    """A stored timeline's columns, as `TimelineColumns.columns` gives them, read whole."""
    def strings(plural: str, singular: str) -> tuple[list[str], array]:
        return _field(part, f"event_{plural}", list), _field(part, f"event_{singular}_codes", array)

    names = ("articles", "days", "months", "starts", "ends", "label_starts")
    numbers, days, months, starts, ends, label_starts = (_field(part, f"event_{name}", array) for name in names)
    labels = part["event_labels"]
    labels = labels[:] if isinstance(labels, StoredField) else labels
    if not isinstance(labels, bytes):
        raise ValueError("cached event_labels are not bytes")
    return (numbers, days, months, starts, ends, (labels, label_starts), strings("dates", "date"),
            strings("granularities", "granularity"), strings("kinds", "kind"))


def _first_events(columns: tuple, count: int) -> tuple:
    """The first events of a timeline's columns."""
    numbers, days, months, starts, ends, (labels, label_starts), *strings = columns
    return (numbers[:count], days[:count], months[:count], starts[:count], ends[:count],
            (labels[: label_starts[min(count, len(numbers))]], label_starts[: count + 1]),
            *[(distinct, codes[:count]) for distinct, codes in strings])


def _timeline_from_columns(part: Part, articles: Sequence[Article] | Mapping[int, Article]) -> TimelineColumns:
    def strings(plural: str, singular: str) -> tuple[list[str], array]:
        return _field(part, f"event_{plural}", list), _field(part, f"event_{singular}_codes", array)

    names = ("articles", "days", "months", "starts", "ends", "label_starts")
    numbers, days, months, starts, ends, label_starts = (_field(part, f"event_{name}", array) for name in names)
    labels = part["event_labels"]
    if not isinstance(labels, (bytes, StoredField)) or isinstance(labels, StoredField) and labels.typecode:
        raise ValueError("cached event_labels are not bytes")
    return TimelineColumns(articles, numbers, days, months, starts, ends, (labels, label_starts),
                           strings("dates", "date"),
                           strings("granularities", "granularity"), strings("kinds", "kind"))


def _figure_columns(figures: Sequence[tuple[str, float, int, int]]) -> Part:
    if isinstance(figures, FigureColumns):
        (units, unit_codes), values, articles, numbers = figures.columns()
        return {"figure_units": units, "figure_unit_codes": unit_codes, "figure_values": values,
                "figure_articles": articles, "figure_numbers": numbers}
    units, unit_codes = string_column(unit for unit, _value, _article, _number in figures)
    return {
        "figure_units": units, "figure_unit_codes": unit_codes,
        "figure_values": array("d", [value for _unit, value, _article, _number in figures]),
        "figure_articles": array("I", [article for _unit, _value, article, _number in figures]),
        "figure_numbers": array("I", [number for _unit, _value, _article, number in figures]),
    }


def _merged_figures(part: Part, figures: Sequence[tuple[str, float, int, int]]) -> Part:
    """The stored figures with these (sorted, and few: a file added) put in their order."""
    units, codes = _field(part, "figure_units", list), _field(part, "figure_unit_codes", array)
    values, articles, numbers = (_field(part, f"figure_{name}", array) for name in ("values", "articles", "numbers"))
    if not len(codes) == len(values) == len(articles) == len(numbers) or codes and max(codes) >= len(units):
        raise ValueError("figure columns that do not fit together")

    def key(i: int) -> tuple[str, float, int, int]:
        return units[codes[i]], values[i], articles[i], numbers[i]

    places = [bisect.bisect_right(range(len(values)), figure, key=key) for figure in figures]
    more = _figure_columns(figures)
    shift = len(units)
    return {
        "figure_units": units + more["figure_units"],  # type: ignore[operator]
        "figure_unit_codes": interleaved(codes, array("I", [n + shift for n in more["figure_unit_codes"]]), places),  # type: ignore[attr-defined]
        **{f"figure_{name}": interleaved(column, more[f"figure_{name}"], places)  # type: ignore[arg-type]
           for name, column in (("values", values), ("articles", articles), ("numbers", numbers))},
    }


class FigureColumns(Sequence[tuple[str, float, int, int]]):
    """The catalog's figures as the cache keeps them, in columns; each made when asked for."""

    def __init__(self, units: tuple[list[str], array], values: array, articles: array, numbers: array) -> None:
        (self._units, self._unit_codes), self._values, self._articles, self._numbers = units, values, articles, numbers
        if not len(self._unit_codes) == len(values) == len(articles) == len(numbers):
            raise ValueError("figure columns of different lengths")
        if self._unit_codes and max(self._unit_codes) >= len(self._units):
            raise ValueError("a figure unit number out of range")

    def __len__(self) -> int:
        return len(self._values)

    def columns(self) -> tuple[tuple[list[str], array], array, array, array]:
        return (self._units, self._unit_codes), self._values, self._articles, self._numbers

    @overload
    def __getitem__(self, index: int) -> tuple[str, float, int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, float, int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, float, int, int] | list[tuple[str, float, int, int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self._units[self._unit_codes[index]], self._values[index], self._articles[index], self._numbers[index]


class FigureBuilder:
    """The figures of a corpus being opened, gathered into columns an article at a time and
    put in order once (`finish`), as a catalog keeps them; no tuple per figure."""

    def __init__(self) -> None:
        self._units: dict[str, int] = {}
        self._unit_codes, self._values = array("I"), array("d")
        self._articles, self._numbers = array("I"), array("I")

    def add(self, unit: str, value: float, article: int, number: int) -> None:
        """The article's figure of this number (its place among the article's figures)."""
        self._unit_codes.append(self._units.setdefault(unit, len(self._units)))
        self._values.append(value)
        self._articles.append(article)
        self._numbers.append(number)

    def finish(self) -> FigureColumns:
        """The figures sorted by unit, value, article and number."""
        units, codes, values, articles, numbers = list(self._units), self._unit_codes, self._values, \
            self._articles, self._numbers
        rank = [0] * len(units)
        for place, code in enumerate(sorted(range(len(units)), key=units.__getitem__)):
            rank[code] = place
        # Stable sorts on one key each, the last first: a key each is held while sorting.
        order = sorted(range(len(values)), key=lambda i: articles[i] << 32 | numbers[i])
        order.sort(key=values.__getitem__)
        order.sort(key=lambda i: rank[codes[i]])

        def ordered(column: array) -> array:
            return array(column.typecode, map(column.__getitem__, order))

        return FigureColumns((units, ordered(codes)), ordered(values), ordered(articles), ordered(numbers))


def _figures_from_columns(part: Part) -> FigureColumns:
    units = _field(part, "figure_units", list), _field(part, "figure_unit_codes", array)
    return FigureColumns(units, *(_field(part, f"figure_{name}", array) for name in ("values", "articles", "numbers")))


def _prefixed(prefix: str, part: Part) -> Part:
    return {f"{prefix}:{name}": value for name, value in part.items()}


def _unprefixed(prefix: str, part: Part) -> Part:
    start = f"{prefix}:"
    return {name[len(start):]: value for name, value in part.items() if name.startswith(start)}
