"""The catalog: a loaded corpus with its extractions, its timeline, its names, its figures
and its search index, and the questions the reader app and the command line ask of it."""

from __future__ import annotations

import bisect
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from ..corpus.articles import Article
from ..corpus.loaders import Corpus, LoadProblem, load_corpus
from ..extract import Extraction
from ..extract import calendar as cal
from ..extract.events import Event
from ..extract.figures import Figure
from ..extract.names import Name
from .extraction_pool import extract_all
from .search import SearchIndex, SearchResult

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(slots=True, frozen=True)
class TimelineEvent:
    article: int  # article number in the catalog
    event: Event
    start_day: date  # first day the event's date covers, for ordering

    @property
    def date(self) -> str:
        return self.event.date


@dataclass(slots=True)
class NameEntry:
    key: tuple[str, str]  # (type, canonical name in lower case)
    type: str
    name: str  # the canonical (longest) form
    mentions: int = 0
    articles: set[int] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Catalog:
    articles: list[Article]
    problems: list[LoadProblem]
    extractions: list[Extraction]
    index: SearchIndex
    timeline: list[TimelineEvent]
    names: dict[tuple[str, str], NameEntry]
    aliases: dict[tuple[str, str], tuple[str, str]]  # a merged short name's key -> its entry's key
    figures: list[tuple[str, float, int, Figure]]  # (unit, value, article, figure), sorted

    # --- building -------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        paths: Iterable[str | os.PathLike] | None = None,
        on_progress: Progress | None = None,
        workers: int | None = None,
    ) -> Catalog:
        corpus = load_corpus(paths)
        return cls.from_corpus(corpus, on_progress, workers)

    @classmethod
    def from_corpus(cls, corpus: Corpus, on_progress: Progress | None = None, workers: int | None = None) -> Catalog:
        articles = corpus.articles
        total = len(articles)
        report = on_progress or (lambda stage, done, all_: None)
        extractions: list[Extraction | None] = [None] * total
        index = SearchIndex()

        def build_index() -> None:
            for number, article in enumerate(articles):
                index.add(article.title, article.text)
                if number % 1000 == 999:
                    report("index", number + 1, total)
            index.prepare()
            report("index", total, total)

        for number, extraction in extract_all(articles, lambda done: report("extract", done, total), workers, build_index):
            extractions[number] = extraction
        done = [e for e in extractions if e is not None]
        names, aliases = _names(done)
        return cls(
            articles=articles,
            problems=corpus.problems,
            extractions=done,
            index=index,
            timeline=_timeline(done),
            names=names,
            aliases=aliases,
            figures=_figures(done),
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
        key = _entry_key(name)
        return self.aliases.get(key, key)

    def find_name(self, text: str) -> list[NameEntry]:
        """Entries whose name or any written form matches the text (case-insensitive),
        most mentioned first."""
        wanted = text.strip().lower()
        exact = [e for e in self.names.values() if e.name.lower() == wanted or wanted in (f.lower() for f in e.forms)]
        found = exact or [e for e in self.names.values() if wanted in e.name.lower()]
        return sorted(found, key=lambda e: -e.mentions)

    def names_by_mentions(self, type_: str | None = None) -> list[NameEntry]:
        entries = [e for e in self.names.values() if type_ is None or e.type == type_]
        return sorted(entries, key=lambda e: (-e.mentions, e.name))

    def figures_between(self, unit: str, low: float, high: float) -> list[tuple[int, Figure]]:
        """Figures of one unit ("USD", "%", "people") with low <= value <= high."""
        start = bisect.bisect_left(self.figures, (unit, low))
        found = []
        for item_unit, value, article, figure in self.figures[start:]:
            if item_unit != unit or value > high:
                break
            found.append((article, figure))
        return found


def _entry_key(name: Name) -> tuple[str, str]:
    return (name.type, name.canonical.lower())


def _timeline(extractions: list[Extraction]) -> list[TimelineEvent]:
    events = []
    for number, extraction in enumerate(extractions):
        for event in extraction.events:
            start_day = cal.value_start(event.date)
            if start_day is not None:
                events.append(TimelineEvent(number, event, start_day))
    # Same day: coarser dates after finer ones, then corpus order, then text order.
    order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "season": 4, "year": 5, "decade": 6}
    events.sort(key=lambda e: (e.start_day, order.get(e.event.granularity, 7), e.article, e.event.start))
    return events


def _names(extractions: list[Extraction]) -> tuple[dict[tuple[str, str], NameEntry], dict[tuple[str, str], tuple[str, str]]]:
    entries: dict[tuple[str, str], NameEntry] = {}
    for number, extraction in enumerate(extractions):
        for name in extraction.names:
            key = _entry_key(name)
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = NameEntry(key, name.type, name.canonical)
            entry.mentions += 1
            entry.articles.add(number)
            entry.forms.add(name.text)
    return _merge_short_person_names(entries)


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
        if entry.type != "PER" or " " in entry.name:
            continue
        candidates = full_by_last.get(entry.name.lower(), [])
        if len(candidates) == 1:
            target = candidates[0]
            target.mentions += entry.mentions
            target.articles |= entry.articles
            target.forms |= entry.forms
            aliases[key] = target.key
            del merged[key]
    return merged, aliases


def _figures(extractions: list[Extraction]) -> list[tuple[str, float, int, Figure]]:
    items = [(f.unit, f.value, number, f) for number, x in enumerate(extractions) for f in x.figures]
    items.sort(key=lambda item: (item[0], item[1], item[2], item[3].start))
    return items
