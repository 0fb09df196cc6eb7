"""The catalog: a loaded corpus with its extractions, its timeline, its names, its figures
and its search index, and the questions the reader app and the command line ask of it."""

from __future__ import annotations

import bisect
import gc
import marshal
import os
from array import array
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from itertools import compress
from operator import attrgetter, ne
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Iterator, NamedTuple, Sequence

from ..cache_home import Part, cache_dir, cache_folder_problem, string_column, strings_of, text_column, texts_of
from ..corpus.articles import Article
from ..corpus.loaders import Corpus, LoadProblem, load_corpus
from ..extract import calendar as cal
from ..extract.events import short_label
from ..extract.records import Event, Figure, Name
from ..extract.sentences import first_sentence_end
from . import cache
from .packing import ExtractionColumns, PackedExtractions

if TYPE_CHECKING:
    from .extraction_pool import ExtractionPool
from .search import SearchIndex, SearchResult

Progress = Callable[[str, int, int], None]  # (stage, done, total)
BROAD_SEARCH_SHARE = 16  # a search matching more than 1/16 of the articles scans the timeline
ARTICLE_NUMBER_SIZE = array("I").itemsize
FIRST_SCREEN_EVENTS = 300  # the timeline's first events, cached apart so that a launch shows them at once


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


class NameEntry:
    """A name across the corpus: its type, its longest form, its mentions and articles."""

    __slots__ = ("key", "type", "name", "mentions", "forms", "_articles", "_article_bytes")

    def __init__(self, key: tuple[str, str], type_: str, name: str, mentions: int = 0,
                 articles: set[int] | None = None, forms: set[str] | None = None,
                 article_bytes: bytes | None = None) -> None:
        self.key = key  # (type, canonical name in lower case)
        self.type = type_
        self.name = name  # the canonical (longest) form
        self.mentions = mentions
        self.forms = forms if forms is not None else set()
        self._articles = articles if articles is not None or article_bytes is not None else set()
        self._article_bytes = article_bytes  # from the cache: made into a set when first asked

    @property
    def articles(self) -> set[int]:
        if self._articles is None:
            numbers = array("I")
            numbers.frombytes(self._article_bytes or b"")
            self._articles, self._article_bytes = set(numbers), None
        return self._articles

    def __repr__(self) -> str:
        return f"NameEntry({self.type} {self.name!r}, {self.mentions} mentions)"


class FirstScreenArticles:
    """The articles of a first-screen catalog: those its events belong to, under their
    numbers in the whole corpus, whose length it reports."""

    def __init__(self, total: int, by_number: dict[int, Article]) -> None:
        self.total = total
        self.by_number = by_number

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, number: int) -> Article:
        return self.by_number[number]

    def __iter__(self) -> Iterator[Article]:
        raise TypeError("a first-screen catalog holds only the articles of its events")


@dataclass(slots=True)
class Catalog:
    articles: list[Article] | FirstScreenArticles
    problems: list[LoadProblem]
    extractions: PackedExtractions
    index: SearchIndex
    timeline: list[TimelineEvent]
    names: dict[tuple[str, str], NameEntry]
    aliases: dict[tuple[str, str], tuple[str, str]]  # a merged short name's key -> its entry's key
    figures: list[tuple[str, float, int, int]]  # (unit, value, article, figure number), sorted
    from_cache: bool = False
    complete: bool = True  # False for the preliminary catalog shown while extraction runs
    cache_key: str | None = None  # set while a new catalog is not yet in the cache
    _article_positions: list[array] | None = None  # timeline positions of each article's events
    _timeline_articles: tuple[list[int], list[int]] | None = None  # see _event_articles
    _timeline_months: list[int] | None = None  # where each month starts in the timeline
    _names_by_mentions: list[NameEntry] | None = None
    _timeline_total: int | None = None  # a first-screen catalog's timeline is the start of this many

    @property
    def event_total(self) -> int:
        """Events in the corpus's whole timeline."""
        return len(self.timeline) if self._timeline_total is None else self._timeline_total

    # --- building -------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        paths: Iterable[str | os.PathLike] | None = None,
        on_progress: Progress | None = None,
        workers: int | None = None,
        use_cache: bool = True,
        write_cache: bool = True,
    ) -> Catalog:
        """The corpus at these paths, from the cache when nothing changed (the files are
        only looked at, not read), else loaded, extracted, indexed and cached."""
        paths = [str(p) for p in paths] if paths else None
        # The catalog is the caller's for as long as the process runs (the command line, a
        # script): its objects are frozen out of the cycle collector's way.
        with collector_paused(freeze=True):
            found = cls.cached(paths) if use_cache else None
        if found is not None:
            return found
        with extraction_started(workers) as pool:  # the workers begin while the files are read
            with collector_paused(freeze=True):  # inside: the pool's own garbage, once closed, is not frozen
                corpus = read_corpus(paths, on_articles=pool.add)
                return cls.from_corpus(corpus, on_progress, workers, use_cache, write_cache, pool=pool)

    @classmethod
    def cached(cls, paths: list[str] | None, corpus: Corpus | None = None) -> Catalog | None:
        """The catalog from the cache if these files are unchanged since it was made."""
        key = cache.sources_key(paths)
        return _last_complete(cls._stages_from_cache(key, corpus)) if key else None

    @classmethod
    def cached_in_stages(cls, paths: list[str] | None, corpus: Corpus | None = None) -> Iterator[Catalog]:
        """From the cache, if these files are unchanged since it was made, in three stages
        (complete=False for the first two): the timeline's first events with their
        articles, enough for a first screen; a catalog to read (the whole timeline, every
        article and its highlights); then the complete one (search, names, figures).
        Nothing if there is no such entry; fewer stages if the entry breaks off."""
        key = cache.sources_key(paths)
        if key:
            yield from cls._stages_from_cache(key, corpus, first_screen=True)

    @classmethod
    def _stages_from_cache(cls, key: str, corpus: Corpus | None, first_screen: bool = False) -> Iterator[Catalog]:
        parts = cache.read_stages(key)
        if parts is None:
            return
        try:
            first_part = next(parts)
            if first_screen:
                with collector_paused():
                    yield cls._first_screen_from_cache(first_part)
            with collector_paused():
                readable = cls._readable_from_cache(next(parts), corpus)
            yield readable
            with collector_paused():
                complete = readable._completed_from_cache(next(parts))
            yield complete
        except (cache.CacheDamaged, StopIteration):
            return
        except (KeyError, ValueError, TypeError, IndexError, OverflowError):  # checksummed, yet not a catalog
            cache.drop(key)

    @classmethod
    def from_corpus(
        cls,
        corpus: Corpus,
        on_progress: Progress | None = None,
        workers: int | None = None,
        use_cache: bool = True,
        write_cache: bool = True,
        pool: ExtractionPool | None = None,
    ) -> Catalog:
        """The catalog of a loaded corpus: from the cache if it holds these files, else
        extracted and indexed, and then cached unless `write_cache` is False (the caller
        then calls `write_cache()` once the catalog is in use: the reader app does).
        `pool` is an extraction already fed with the corpus's articles as they were read
        (see `extraction_started`)."""
        with collector_paused():
            catalog = cls._from_corpus(corpus, on_progress, workers, use_cache, pool)
        if write_cache:
            catalog.write_cache()
        return catalog

    @classmethod
    def _from_corpus(cls, corpus: Corpus, on_progress: Progress | None, workers: int | None, use_cache: bool,
                     pool: ExtractionPool | None) -> Catalog:
        articles = corpus.articles
        if use_cache and (problem := cache_folder_problem()):
            corpus.problems.append(LoadProblem(str(cache_dir()), problem))
        key = corpus.cache_key if use_cache and articles else None
        found = _last_complete(cls._stages_from_cache(key, corpus)) if key else None
        if found is not None:
            return found
        total = len(articles)
        report = on_progress or (lambda stage, done, all_: None)
        packed: list[bytes] = [b""] * total
        index = SearchIndex()

        def build_index() -> None:
            for number, article in enumerate(articles):
                index.add(article.indexed_title, article.text)
                if number % 1000 == 999:
                    report("index", number + 1, total)
            index.prepare()
            report("index", total, total)

        # A pool of its own stops when this ends, early too: on_progress may raise to stop
        # the load (the reader quitting).
        fresh = pool is None
        with extraction_started(workers) if fresh else nullcontext(pool) as extraction:
            if fresh:
                extraction.add(articles)
            # The timeline and the names grow as the workers' results come in, while they go on.
            aggregate = _Aggregate(articles)
            for number, blob in extraction.results(lambda done: report("extract", done, total), build_index):
                packed[number] = blob
                aggregate.add(number, blob)
            for number, error in extraction.failures:
                article = articles[number]
                corpus.problems.append(LoadProblem(
                    article.path, f"extraction failed ({error}); the article is shown on its date, without highlights",
                    article.line))
        catalog = cls._made(corpus, packed, index, *aggregate.finish())
        catalog.cache_key = key
        return catalog

    def write_cache(self) -> None:
        """Store a freshly built catalog in the cache (once; a cached one is not rewritten)."""
        if self.cache_key and not self.from_cache:
            with collector_paused():
                cache.write(self.cache_key, self._cached_state())
            self.cache_key = None

    @classmethod
    def preliminary(cls, corpus: Corpus) -> Catalog:
        """What can be shown before extraction ends: every dated article on its own date,
        its text without highlights; no names, no figures and no search yet."""
        packed: list[bytes] = []
        timeline: list[TimelineEvent] = []
        for number, article in enumerate(corpus.articles):
            events = []
            if article.date is not None:
                start = article.body_start
                end = first_sentence_end(article.text, start)
                label = short_label(article.text[start:end])
                day = article.date.isoformat()
                events.append((day, start, end, label, "day", "article"))
                timeline.append(
                    TimelineEvent.on(
                        number, Event(day, start, end, article.text[start:end], label, "day", "article"), article.date
                    )
                )
            packed.append(marshal.dumps(([], [], [], events)))
        timeline.sort(key=timeline_key)
        catalog = cls._made(corpus, packed, SearchIndex(), timeline, {}, {}, [])
        catalog.complete = False
        return catalog

    def _cached_state(self) -> list[Part]:
        """Plain data in three parts: the first screen (the timeline's first events and
        their articles), what the reader shows next, then search, names and figures."""
        first_events = self.timeline[:FIRST_SCREEN_EVENTS]
        numbers = sorted({e.article for e in first_events})
        packed = self.extractions.packed
        assert not isinstance(packed, ExtractionColumns), "a catalog read from the cache is not written back"
        first_screen = {
            "article_total": len(self.articles),
            "event_total": len(self.timeline),
            "numbers": numbers,
            **_article_columns([self.articles[n] for n in numbers]),
            **_prefixed("extractions", ExtractionColumns.of_packed(packed[n] for n in numbers).part()),
            **_timeline_columns(first_events),
        }
        readable = {
            **_article_columns(self.articles),
            "problems": [(p.path, p.message, p.line) for p in self.problems],
            **_prefixed("extractions", ExtractionColumns.of_packed(packed).part()),
            **_timeline_columns(self.timeline),
        }
        names = list(self.names.values())
        article_starts = array("Q", [0])
        name_articles = array("I")
        for entry in names:
            name_articles.extend(sorted(entry.articles))
            article_starts.append(len(name_articles))
        rest = {
            **_prefixed("index", self.index.stored()),
            "names": [(e.type, e.name, e.mentions, sorted(e.forms)) for e in names],
            "name_article_starts": article_starts,
            "name_articles": name_articles.tobytes(),  # sliced per name, as NameEntry keeps them
            "aliases": [[*key, *target] for key, target in self.aliases.items()],
            **_figure_columns(self.figures),
        }
        return [first_screen, readable, rest]

    @classmethod
    def _first_screen_from_cache(cls, part: Part) -> Catalog:
        numbers = part["numbers"]
        shown = dict(zip(numbers, _articles_from_columns(part), strict=False))
        articles = FirstScreenArticles(part["article_total"], shown)
        return cls(
            articles=articles,
            problems=[],
            extractions=PackedExtractions(ExtractionColumns(_unprefixed("extractions", part)), articles, numbers),
            index=SearchIndex(),
            timeline=_timeline_from_columns(part, articles),
            names={},
            aliases={},
            figures=[],
            from_cache=True,
            complete=False,
            _timeline_total=part["event_total"],
        )

    @classmethod
    def _readable_from_cache(cls, part: Part, corpus: Corpus | None) -> Catalog:
        if corpus is None:
            corpus = Corpus(
                _articles_from_columns(part),
                [LoadProblem(*record) for record in part["problems"]],
            )
        columns = ExtractionColumns(_unprefixed("extractions", part))
        if len(columns) != len(corpus.articles):
            raise ValueError("the cached extractions are not the corpus's")
        timeline = _timeline_from_columns(part, corpus.articles)
        catalog = cls._made(corpus, columns, SearchIndex(), timeline, {}, {}, [], from_cache=True)
        catalog.complete = False
        return catalog

    def _completed_from_cache(self, part: Part) -> Catalog:
        names = {}
        starts, numbers = part["name_article_starts"], part["name_articles"]
        if len(starts) != len(part["names"]) + 1 or starts[-1] * ARTICLE_NUMBER_SIZE != len(numbers):
            raise ValueError("cached names do not fit their articles")
        size = ARTICLE_NUMBER_SIZE
        for (kind, name, mentions, forms), start, end in zip(part["names"], starts, starts[1:], strict=False):
            key = _entry_key(kind, name)
            names[key] = NameEntry(
                key, kind, name, mentions, forms=set(forms), article_bytes=numbers[start * size : end * size]
            )
        aliases = {(a, b): (c, d) for a, b, c, d in part["aliases"]}
        figures = _figures_from_columns(part)
        index = SearchIndex.from_stored(_unprefixed("index", part))
        return replace(self, index=index, names=names, aliases=aliases, figures=figures, complete=True,
                       _names_by_mentions=None)

    @classmethod
    def _made(cls, corpus: Corpus, packed: list[bytes], index: SearchIndex, timeline, names, aliases, figures,
              from_cache: bool = False) -> Catalog:
        return cls(
            articles=corpus.articles,
            problems=corpus.problems,
            extractions=PackedExtractions(packed, corpus.articles),
            index=index,
            timeline=timeline,
            names=names,
            aliases=aliases,
            figures=figures,
            from_cache=from_cache,
        )

    # --- questions ------------------------------------------------------------------

    def search(self, query: str) -> SearchResult:
        return self.index.search(query)

    def events(
        self,
        since: date | None = None,
        until: date | None = None,
        name: NameEntry | None = None,
    ) -> list[TimelineEvent]:
        """Timeline events in date order, optionally within dates and mentioning a name."""
        events = self.timeline
        if since is not None:
            events = events[bisect.bisect_left(events, since, key=lambda e: e.start_day) :]
        if until is not None:
            events = events[: bisect.bisect_right(events, until, key=lambda e: e.start_day)]
        if name is not None:
            events = [e for e in events if self.event_mentions(e, name)]
        return events

    def events_of_articles(self, articles: Collection[int], name: NameEntry | None = None) -> Sequence[TimelineEvent]:
        """The timeline restricted to some articles (a search's matches), in date order.
        A narrow search touches only its articles' events; a broad one ("p*": most of
        the corpus) is one pass over the timeline in C, with no sort."""
        if len(articles) * BROAD_SEARCH_SHARE > len(self.articles):
            wanted = articles if isinstance(articles, (set, frozenset, dict)) else set(articles)
            event_articles, all_positions = self._event_articles()
            positions = list(compress(all_positions, map(wanted.__contains__, event_articles)))
        else:
            by_article = self._positions_by_article()
            selected = array("I")
            for article in articles:
                selected.extend(by_article[article])
            positions = sorted(selected)
        events = EventSelection(self.timeline, positions, self._month_boundaries())
        if name is not None:
            return [e for e in events if self.event_mentions(e, name)]
        return events

    def prepare_lookups(self) -> None:
        """Build what searching, events_of_articles and the names list look things up in
        now, not on the first keystroke (a catalog from the cache has none of it yet)."""
        self.index.prepare()
        self._event_articles()
        self._positions_by_article()
        self._month_boundaries()
        self.names_by_mentions()

    def _month_boundaries(self) -> list[int]:
        if self._timeline_months is None:
            self._timeline_months = month_starts(self.timeline)
        return self._timeline_months

    def _event_articles(self) -> tuple[list[int], list[int]]:
        """The article of each timeline event, and the numbers 0..n-1: lists rather than
        ranges or arrays, so that a pass over them makes no int objects.  The article
        numbers are made anew, side by side in memory: those of a catalog just built lie
        scattered among what extraction left, and a broad search's pass over them took
        twice as long."""
        if self._timeline_articles is None:
            articles = list(array("I", map(TIMELINE_ARTICLE, self.timeline)))
            self._timeline_articles = (articles, list(range(len(self.timeline))))
        return self._timeline_articles

    def _positions_by_article(self) -> list[array]:
        positions = self._article_positions
        if positions is None:
            positions = [array("I") for _ in self.articles]
            for index, event in enumerate(self.timeline):
                positions[event.article].append(index)
            self._article_positions = positions
        return positions

    def event_mentions(self, event: TimelineEvent, entry: NameEntry) -> bool:
        """Whether the event's sentence (or, for an article event, the article) names it."""
        if event.article not in entry.articles:
            return False
        if event.event.kind == "article":
            return True
        return any(
            event.event.start <= n.start < event.event.end and self.entry_key(n) == entry.key
            for n in self.extractions[event.article].names
        )

    def entry_key(self, name: Name) -> tuple[str, str]:
        """The key of the name's entry, after short forms were merged into long ones."""
        key = _entry_key(name.type, name.canonical)
        return self.aliases.get(key, key)

    def find_name(self, text: str) -> list[NameEntry]:
        """Entries whose name or any written form matches the text (case-insensitive),
        most mentioned first."""
        wanted = text.strip().lower()
        exact = [e for e in self.names.values() if e.name.lower() == wanted or wanted in (f.lower() for f in e.forms)]
        found = exact or [e for e in self.names.values() if wanted in e.name.lower()]
        return sorted(found, key=lambda e: -e.mentions)

    def names_by_mentions(self, type_: str | None = None) -> list[NameEntry]:
        if type_ is None and self._names_by_mentions is not None:
            return self._names_by_mentions
        entries = [e for e in self.names.values() if type_ is None or e.type == type_]
        ranked = sorted(entries, key=lambda e: (-e.mentions, e.name))
        if type_ is None:
            self._names_by_mentions = ranked
        return ranked

    def figures_between(self, unit: str, low: float, high: float) -> list[tuple[int, Figure]]:
        """Figures of one unit ("USD", "%", "people") with low <= value <= high."""
        start = bisect.bisect_left(self.figures, (unit, low))
        found = []
        for item_unit, value, article, number in self.figures[start:]:
            if item_unit != unit or value > high:
                break
            found.append((article, self.extractions[article].figures[number]))
        return found


def _article_columns(articles: Sequence[Article]) -> Part:
    texts, text_starts = text_column(a.text for a in articles)
    return {"articles": [a.as_record() for a in articles], "article_texts": texts, "article_text_starts": text_starts}


def _articles_from_columns(part: Part) -> list[Article]:
    texts = texts_of(part["article_texts"], part["article_text_starts"])
    if len(texts) != len(part["articles"]):
        raise ValueError("cached articles do not fit their texts")
    return list(map(Article.from_record, part["articles"], texts))


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


def _timeline_from_columns(part: Part, articles: Sequence[Article] | FirstScreenArticles) -> list[TimelineEvent]:
    numbers, starts, ends = part["event_articles"], part["event_starts"], part["event_ends"]
    labels, ordinals, months = part["event_labels"], part["event_days"], part["event_months"]
    dates = strings_of(part["event_dates"], part["event_date_codes"])
    granularities = strings_of(part["event_granularities"], part["event_granularity_codes"])
    kinds = strings_of(part["event_kinds"], part["event_kind_codes"])
    columns = (numbers, starts, ends, labels, ordinals, months, dates, granularities, kinds)
    if len({len(column) for column in columns}) > 1:
        raise ValueError("timeline columns of different lengths")
    texts = [articles[number].text[start:end] for number, start, end in zip(numbers, starts, ends, strict=False)]
    # tuple.__new__ makes each record straight from its fields, without the Python-level
    # __new__ a NamedTuple call goes through: the timeline loads in a third of the time.
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
    units = strings_of(part["figure_units"], part["figure_unit_codes"])
    values, articles, numbers = part["figure_values"], part["figure_articles"], part["figure_numbers"]
    if not len(units) == len(values) == len(articles) == len(numbers):
        raise ValueError("figure columns of different lengths")
    return list(zip(units, values, articles, numbers, strict=False))


def _prefixed(prefix: str, part: Part) -> Part:
    return {f"{prefix}:{name}": value for name, value in part.items()}


def _unprefixed(prefix: str, part: Part) -> Part:
    start = f"{prefix}:"
    return {name[len(start):]: value for name, value in part.items() if name.startswith(start)}


def _last_complete(stages: Iterator[Catalog]) -> Catalog | None:
    """The complete catalog at the end of cached stages, if the cache got that far."""
    found = None
    for found in stages:  # noqa: B007 - the last stage is the one wanted
        pass
    return found if found is not None and found.complete else None


def read_corpus(
    paths: Iterable[str | os.PathLike] | None, on_articles: Callable[[list[Article]], None] | None = None
) -> Corpus:
    """load_corpus, with the files' identity taken before they are read and checked after:
    a file rewritten meanwhile would have its old content cached under its new identity."""
    names = [str(p) for p in paths] if paths else None
    before = cache.sources_key(names)
    corpus = load_corpus(names, on_articles=on_articles)
    if before is not None and cache.sources_key(names) == before:
        corpus.cache_key = before
    return corpus


@contextmanager
def extraction_started(workers: int | None = None) -> Iterator[ExtractionPool]:
    """An extraction to feed with articles while a corpus is read (`load_corpus`'s
    `on_articles`), then to hand to `Catalog.from_corpus`; its workers stop on leaving."""
    from .extraction_pool import ExtractionPool  # multiprocessing: only for a corpus to extract

    pool = ExtractionPool(workers)
    try:
        yield pool
    finally:
        pool.close()


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Building a catalog makes millions of objects and no reference cycles; Python's
    cycle collector would walk them all again and again (a third of the load time).

    With `freeze`, every object is frozen (gc.freeze) before it resumes: else its next
    pass walks all of them (0.13 s after a cold load of Reuters), and so does every full
    pass after that.  Frozen objects are still freed once unreferenced; only cycles
    among them never are.  A catalog makes none, but a reader drawing on screen
    meanwhile does: the app lets the collector run before it freezes its catalog."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


TIMELINE_ARTICLE = attrgetter("article")
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
        self._timeline_month_starts = timeline_month_starts

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
        starts = []
        for boundary in self._timeline_month_starts:
            at = bisect.bisect_left(positions, boundary)
            if at == len(positions):
                break
            if not starts or at != starts[-1]:
                starts.append(at)
        return starts


def _entry_key(type_: str, canonical: str) -> tuple[str, str]:
    """A name entry's key: its type and its canonical form in lower case."""
    return (type_, canonical.lower())


# Same day: finer dates first, then coarser ones; then corpus order, then text order.
# On the same first day, the longer period comes first: it holds the shorter ones.
GRANULARITY_ORDER = {"decade": 0, "year": 1, "half": 2, "season": 3, "quarter": 4, "month": 5, "week": 6, "day": 7}


def timeline_key(event: TimelineEvent) -> tuple:
    """The timeline's order."""
    return (event.start_day, GRANULARITY_ORDER.get(event.event.granularity, 8), event.article, event.event.start)


class _Aggregate:
    """The timeline, the names and the figures by value, built one article at a time."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.events: list[TimelineEvent] = []
        self.entries: dict[tuple[str, str], NameEntry] = {}
        self.figures: list[tuple[str, float, int, int]] = []

    def add(self, number: int, blob: bytes) -> None:
        names, article_figures, _timexes, article_events = marshal.loads(blob)
        text = self.articles[number].text
        for day, start, end, label, granularity, kind in article_events:
            start_day = cal.value_start(day)
            if start_day is not None:
                self.events.append(
                    TimelineEvent.on(
                        number, Event(day, start, end, text[start:end], label, granularity, kind), start_day
                    )
                )
        entries = self.entries
        for start, end, kind, canonical in names:
            key = _entry_key(kind, canonical)
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = NameEntry(key, kind, canonical)
            entry.mentions += 1
            entry.articles.add(number)
            entry.forms.add(text[start:end])
        figures = self.figures
        for index, (_start, _end, _kind, value, unit) in enumerate(article_figures):
            figures.append((unit, value, number, index))

    def finish(self):
        self.events.sort(key=timeline_key)
        self.figures.sort()
        merged, aliases = _merge_short_person_names(self.entries)
        return self.events, merged, aliases, self.figures


def _merge_short_person_names(
    entries: dict[tuple[str, str], NameEntry],
) -> tuple[dict[tuple[str, str], NameEntry], dict[tuple[str, str], tuple[str, str]]]:
    """A lone surname ("Trump") joins the one full name that ends with it ("Donald Trump")
    when the corpus knows exactly one such person."""
    full_by_last: dict[str, list[NameEntry]] = defaultdict(list)
    for entry in entries.values():
        words = entry.name.split()
        if entry.type == "PER" and len(words) > 1:
            full_by_last[words[-1].lower()].append(entry)
    merged = dict(entries)
    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    for key, entry in entries.items():
        # A lone word typed ORG got that type only by default; places come from word lists.
        # An acronym ("EC") is nobody's surname.
        if entry.type not in ("PER", "ORG") or " " in entry.name or entry.name.isupper():
            continue
        candidates = full_by_last.get(entry.name.lower(), [])
        if len(candidates) == 1:
            target = candidates[0]
            target.mentions += entry.mentions
            target.articles.update(entry.articles)
            target.forms |= entry.forms
            aliases[key] = target.key
            del merged[key]
    return merged, aliases
