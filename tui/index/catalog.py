"""The catalog: a corpus with its extractions, its timeline, its names, its figures and
its search index, and the questions the reader app and the command line ask of it.
How one is opened (built, or read from the cache) is `opening`; what the cache holds of
it is `stored`."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, chain, compress
from typing import TYPE_CHECKING, Collection, Iterable, Sequence

from ..corpus.articles import Article
from ..corpus.loaders import Corpus, LoadProblem
from ..extract.records import Name
from .names import NameEntry, entry_key
from .packing import ExtractionColumns, PackedExtractions
from .search import SearchIndex
from .timeline import (
    TIMELINE_ARTICLE,
    EventSelection,
    TimelineEvent,
    event_articles,
    event_span,
    month_starts,
    within,
)

if TYPE_CHECKING:
    from .extraction_memory import RememberingExtraction

NAMES = ("names",)  # of an article's records, the kind a name filter reads
BROAD_SEARCH_SHARE = 16  # a search matching more than 1/16 of the articles scans the timeline


class _ShortRepr:
    """A stage's repr says how large it is: the default would spell out every article
    (and Textual makes one of each argument a worker is given)."""

    __slots__ = ()

    def __repr__(self) -> str:
        totals = (getattr(self, "article_total", "?"), getattr(self, "event_total", "?"))
        return f"<{type(self).__name__}: {totals[0]:,} articles, {totals[1]:,} events>"


@dataclass(slots=True, repr=False)
class FirstScreen(_ShortRepr):
    """The start of a cached timeline with the articles of its events: what a launch
    shows at once, before the rest of the cache is read."""

    articles: dict[int, Article]  # by their numbers in the whole corpus
    article_total: int
    extractions: PackedExtractions
    timeline: Sequence[TimelineEvent]
    event_total: int  # the whole timeline's
    problems: list[LoadProblem] = field(default_factory=list)  # known once the corpus is read


@dataclass(slots=True, repr=False)
class Unindexed(_ShortRepr):
    """Every article and the whole timeline, not yet searchable, named or counted: a
    large corpus's articles on their own dates while extraction runs, or a cached
    catalog before its index and names are read."""

    articles: list[Article]
    problems: list[LoadProblem]
    extractions: PackedExtractions
    timeline: Sequence[TimelineEvent]  # a list as built, columns as cached (`TimelineColumns`)

    @property
    def article_total(self) -> int:
        return len(self.articles)

    @property
    def event_total(self) -> int:
        return len(self.timeline)


@dataclass(slots=True, repr=False)
class Searchable(Unindexed):
    """A large corpus's articles on their own dates and its search index, while
    extraction goes on: searching needs no extraction."""

    index: SearchIndex

    def events_of_articles(self, articles: Collection[int]) -> list[TimelineEvent]:
        """The timeline restricted to some articles (a search's matches), in date order."""
        wanted = articles if isinstance(articles, (set, frozenset, dict)) else set(articles)
        return [event for event in self.timeline if event.article in wanted]


@dataclass(slots=True, repr=False)
class Catalog(_ShortRepr):
    """The complete catalog: every question can be asked of it."""

    articles: list[Article]
    problems: list[LoadProblem]
    extractions: PackedExtractions
    index: SearchIndex
    timeline: Sequence[TimelineEvent]  # a list as built, columns as cached (`TimelineColumns`)
    names: dict[tuple[str, str], NameEntry]
    aliases: dict[tuple[str, str], tuple[str, str]]  # a merged short name's key -> its entry's key
    figures: Sequence[tuple[str, float, int, int]]  # (unit, value, article, figure number), sorted
    from_cache: bool = False
    cache_key: str | None = None  # set while a new catalog is not yet in the cache
    files_key: str | None = None  # the cache key of its files, for what is kept beside the entry later
    sources: list[str] | None = None  # what cache_key was made of, which its entry records
    unmerged_names: dict[tuple[str, str], NameEntry] | None = None  # as built: names.unmerged, for the entry
    unsaved_extractions: RememberingExtraction | None = None  # written with the cache entry
    _article_positions: tuple[array, array] | None = None  # see _positions_by_article
    _timeline_articles: tuple[list[int], list[int]] | None = None  # see _event_articles
    _timeline_months: list[int] | None = None  # where each month starts in the timeline
    _names_by_mentions: list[NameEntry] | None = None
    _article_numbers: dict[str, int] | None = None

    @property
    def article_total(self) -> int:
        return len(self.articles)

    @property
    def event_total(self) -> int:
        return len(self.timeline)

    @classmethod
    def of(cls, corpus: Corpus, extractions: Sequence[bytes] | ExtractionColumns, index: SearchIndex,
           timeline: Sequence[TimelineEvent], names: dict[tuple[str, str], NameEntry],
           aliases: dict[tuple[str, str], tuple[str, str]], figures: Sequence[tuple[str, float, int, int]],
           from_cache: bool = False) -> Catalog:
        """A catalog of the corpus's articles and their packed extractions."""
        return cls(
            articles=corpus.articles,
            problems=corpus.problems,
            extractions=PackedExtractions(extractions, corpus.articles),
            index=index,
            timeline=timeline,
            names=names,
            aliases=aliases,
            figures=figures,
            from_cache=from_cache,
        )

    # --- questions ------------------------------------------------------------------

    def events(
        self,
        since: date | None = None,
        until: date | None = None,
        name: NameEntry | None = None,
    ) -> Sequence[TimelineEvent]:
        """Timeline events in date order, optionally within dates and mentioning a name."""
        events = self.timeline if name is None else self.naming(self.timeline, name)
        if since is not None or until is not None:
            events = within(events, since or date.min, until or date.max)
        return events

    def events_of_articles(self, articles: Collection[int], name: NameEntry | None = None) -> Sequence[TimelineEvent]:
        """The timeline restricted to some articles (a search's matches), in date order.
        A narrow search touches only its articles' events; a broad one ("p*": most of
        the corpus) is one pass over the timeline in C, with no sort."""
        if name is not None:  # the name's articles are fewer, or at least no more
            return self.naming(self.timeline, name, articles)
        if len(articles) * BROAD_SEARCH_SHARE > len(self.articles):
            wanted = articles if isinstance(articles, (set, frozenset, dict)) else set(articles)
            event_articles, all_positions = self._event_articles()
            positions = list(compress(all_positions, map(wanted.__contains__, event_articles)))
        else:
            order, group_starts = self._positions_by_article()
            selected = array("I")
            for article in articles:
                selected.extend(order[group_starts[article] : group_starts[article + 1]])
            positions = sorted(selected)
        return EventSelection(self.timeline, positions, self._month_boundaries())

    def naming(self, events: Sequence[TimelineEvent], entry: NameEntry,
               among: Collection[int] | None = None) -> Sequence[TimelineEvent]:
        """Of these events (the whole timeline, or a selection of it), those whose sentence
        (or, for an article event, the article) names the entry, of the articles `among`
        if given.  From the timeline's positions, each article's names read once: no
        event is made."""
        named = entry.articles if among is None else entry.articles.intersection(among)
        if isinstance(events, EventSelection) and events.timeline is self.timeline:
            positions: Iterable[int] = events.positions
        elif events is self.timeline:
            order, group_starts = self._positions_by_article()
            positions = sorted(chain.from_iterable(order[group_starts[article] : group_starts[article + 1]]
                                                   for article in named))
        else:
            return [event for event in events if self.event_mentions(event, entry) and event.article in named]
        articles_of = self._event_articles()[0]
        starts: dict[int, list[int]] = {}  # an article's mentions of the entry, where they start
        kept = []
        for position in positions:
            article = articles_of[position]
            if article not in named:
                continue
            start, end, kind = event_span(self.timeline, position)
            if kind != "article":
                if article not in starts:
                    starts[article] = [s for s, _end, type_, canonical in self.extractions.fields(article, NAMES)[0]
                                       if self._key_of(type_, canonical) == entry.key]
                if not any(start <= mention < end for mention in starts[article]):
                    continue
            kept.append(position)
        return EventSelection(self.timeline, kept, self._month_boundaries())

    def article_number(self, article_id: str) -> int | None:
        """The number of the article with this id (ids are unique in a corpus)."""
        if self._article_numbers is None:
            self._article_numbers = {article.id: number for number, article in enumerate(self.articles)}
        return self._article_numbers.get(article_id)

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
        numbers are the positions' int objects, not one more per event, made anew side by
        side in memory: those of a catalog just built lie scattered among what extraction
        left, and a broad search's pass over them is slower."""
        if self._timeline_articles is None:
            numbers = list(range(max(len(self.timeline), self.article_total)))
            articles = list(map(numbers.__getitem__, array("I", event_articles(self.timeline))))
            del numbers[len(self.timeline):]
            self._timeline_articles = (articles, numbers)
        return self._timeline_articles

    def _positions_by_article(self) -> tuple[array, array]:
        """Where each article's events are on the timeline: the positions grouped by
        article, and where each article's group starts (`order[starts[a]:starts[a + 1]]`).
        Two arrays, not one per article: a corpus has hundreds of thousands."""
        if self._article_positions is None:
            articles, positions = self._event_articles()
            counts = [0] * (self.article_total + 1)
            for article in articles:
                counts[article + 1] += 1
            order = array("I", sorted(positions, key=articles.__getitem__))  # stable: in timeline order
            self._article_positions = (order, array("I", accumulate(counts)))
        return self._article_positions

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
        return self._key_of(name.type, name.canonical)

    def _key_of(self, type_: str, canonical: str) -> tuple[str, str]:
        key = entry_key(type_, canonical)
        return self.aliases.get(key, key)

    def find_name(self, text: str) -> list[NameEntry]:
        """Entries whose name or any written form matches the text (case-insensitive),
        most mentioned first."""
        wanted = text.strip().lower()
        exact = [e for e in self.names.values() if e.name.lower() == wanted or wanted in (f.lower() for f in e.forms)]
        found = exact or [e for e in self.names.values() if wanted in e.name.lower()]
        return sorted(found, key=lambda e: -e.mentions)

    def articles_within(self, first: date, last: date) -> set[int]:
        """The articles with an event from `first` to `last`."""
        return set(map(TIMELINE_ARTICLE, within(self.timeline, first, last)))

    def names_within(self, first: date, last: date, limit: int | None = None) -> list[NameEntry]:
        """The names of the articles with an event from `first` to `last`, most mentioned
        first (the first `limit` of them)."""
        articles = self.articles_within(first, last)
        found = []
        for entry in self.names_by_mentions():
            if not articles.isdisjoint(entry.articles):
                found.append(entry)
                if limit is not None and len(found) == limit:
                    break
        return found

    def names_by_mentions(self, type_: str | None = None) -> list[NameEntry]:
        if type_ is None and self._names_by_mentions is not None:
            return self._names_by_mentions
        entries = [e for e in self.names.values() if type_ is None or e.type == type_]
        ranked = sorted(entries, key=lambda e: (-e.mentions, e.name))
        if type_ is None:
            self._names_by_mentions = ranked
        return ranked


@dataclass(frozen=True, slots=True)
class Summary:
    """What `dateline --summary` says of a corpus."""

    articles: int
    first_day: date | None  # of the articles' own dates
    last_day: date | None
    events: int
    names: int
    figures: int

    @classmethod
    def of(cls, catalog: Catalog) -> Summary:
        days = [article.date for article in catalog.articles if article.date]
        return cls(len(catalog.articles), min(days, default=None), max(days, default=None), len(catalog.timeline),
                   len(catalog.names), len(catalog.figures))

    def as_record(self) -> list:
        ordinal = [day.toordinal() if day else 0 for day in (self.first_day, self.last_day)]
        return [self.articles, *ordinal, self.events, self.names, self.figures]

    @classmethod
    def of_record(cls, record: object) -> Summary:
        """Back from as_record; ValueError if it is not one."""
        if not isinstance(record, list) or len(record) != 6 or not all(type(n) is int and n >= 0 for n in record):
            raise ValueError("not a summary")
        articles, first, last, events, names, figures = record
        first_day, last_day = (date.fromordinal(n) if n else None for n in (first, last))
        return cls(articles, first_day, last_day, events, names, figures)


# What opening a corpus yields, stage by stage; only the last is a Catalog.
Stage = FirstScreen | Unindexed | Searchable | Catalog
Indexed = Searchable | Catalog  # the stages that can be searched
