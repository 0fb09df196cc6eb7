"""Opening a corpus, the one way the reader, the command line and the tests do it: from
the cache when its files are unchanged, else read, extracted in worker processes and
indexed, in stages that can be shown as they come."""

from __future__ import annotations

import marshal
import os
from contextlib import closing, contextmanager, nullcontext
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from ..cache_home import Damaged, Part, cache_dir, cache_folder_problem
from ..corpus.articles import Article
from ..corpus.loaders import Corpus, LoadProblem, load_corpus
from ..extract import calendar as cal
from ..extract.events import short_label
from ..extract.records import Event
from ..extract.sentences import first_sentence_end
from . import cache
from .article_store import ArticleStore
from .catalog import Catalog, Searchable, Stage, Summary, Unindexed
from .collector import collector_paused
from .duplicates import DuplicateGroup, duplicate_articles
from .extraction_memory import ExtractionJob, RememberingExtraction
from .names import NameEntry, entry_key, merge_short_person_names, unmerged
from .packing import PackedExtractions
from .search import SearchIndex
from .stored import (
    FigureBuilder,
    FigureColumns,
    StoredCorpus,
    catalog_parts,
    entry_to_grow,
    grown_parts,
    last_complete,
    searchable_from_cache,
    stages_from_cache,
    stored_from_cache,
    summary_from_cache,
)
from .timeline import TimelineBuilder, TimelineColumns, TimelineEvent, timeline_key

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Answer = TypeVar("Answer")
EXTRACTION_FAILED = "extraction failed ({error}); the article is shown on its date, without highlights"
PRELIMINARY_MIN_ARTICLES = 2000  # below this the whole catalog is ready about as fast as its articles


def open_catalog(
    paths: Iterable[str | os.PathLike] | None = None,
    on_progress: Progress | None = None,
    workers: int | None = None,
    use_cache: bool = True,
    write_cache: bool = True,
) -> Catalog:
    """The corpus at these paths, from the cache when nothing changed (the files are
    only looked at, not read), else loaded, extracted, indexed and cached."""
    names = [str(p) for p in paths] if paths else None
    # The catalog is the caller's for as long as the process runs (the command line, a
    # script): its objects are frozen out of the cycle collector's way.
    with collector_paused(freeze=True):
        found = cached_catalog(names) if use_cache else None
    if found is not None:
        return found
    with extraction_started(workers, remember=use_cache) as pool:  # the workers begin while the files are read
        with collector_paused(freeze=True):  # inside: the pool's own garbage, once closed, is not frozen
            corpus = read_corpus(names, on_articles=pool.add)
            return build_catalog(corpus, on_progress, workers, use_cache, write_cache, pool=pool)


def open_in_stages(
    paths: list[str] | None,
    on_progress: Progress | None = None,
    on_articles: Callable[[list[Article]], None] | None = None,
) -> Iterator[Stage]:
    """The catalog as soon as each stage of it can be shown: from the cache, its first
    screen, then a catalog to read, then the complete one; else, for a large corpus, its
    articles on their own dates (`preliminary_catalog`), then those with their search
    index, then the complete one. The last is complete and not yet cached:
    `write_to_cache` it once it is in use."""
    catalog = None
    for catalog in cached_stages(paths):
        yield catalog
    if isinstance(catalog, Catalog):
        return
    # The articles are shown on their own dates first, then made searchable, which needs
    # no extraction; only then do worker processes start (open_catalog starts them while
    # the files are read): indexing beside them would wait for a core.
    corpus = read_corpus(paths, on_articles=on_articles)
    if len(corpus.articles) < PRELIMINARY_MIN_ARTICLES:
        yield build_catalog(corpus, on_progress=on_progress, write_cache=False)
        return
    shown = preliminary_catalog(corpus)
    yield shown
    index = index_of(corpus.articles, on_progress, cache.new_search_index(corpus.cache_key))
    with extraction_started() as pool:
        pool.add(corpus.articles, last=True)
        yield Searchable(shown.articles, shown.problems, shown.extractions, shown.timeline, index)
        yield build_catalog(corpus, on_progress=on_progress, write_cache=False, pool=pool, index=index)


def open_for_search(paths: list[str] | None) -> tuple[StoredCorpus | Corpus, SearchIndex]:
    """What a search of these files needs: from the cache, its index and its articles,
    read as they are asked for; else the files read and indexed, without extraction (a
    search needs none)."""
    key = _entry_key(paths)
    found = searchable_from_cache(key) if key else None
    return found if found is not None else _read_for_search(paths)


def _read_for_search(paths: list[str] | None) -> tuple[Corpus, SearchIndex]:
    corpus = read_corpus(paths)
    return corpus, SearchIndex.of(article.indexed_texts for article in corpus.articles)


def searched(paths: list[str] | None, answer: Callable[[StoredCorpus | Corpus, SearchIndex], Answer]) -> Answer:
    """`answer`, asked of what a search of these files needs (`open_for_search`); asked
    again of the files themselves if the cache's articles turn out damaged on the way
    (the entry is dropped then).  It should read all it needs before it shows anything."""
    opened, index = open_for_search(paths)
    try:
        return answer(opened, index)
    except Damaged:
        return answer(*_read_for_search(paths))


def duplicate_groups(articles: Sequence[Article], key: str | None) -> list[DuplicateGroup]:
    """The corpus's near-duplicates: kept beside its cache entry (of `key`) once found,
    since finding them reads every text, seconds at a hundred thousand articles."""
    found = cache.read_duplicates(key, len(articles)) if key else None
    if found is None:
        found = duplicate_articles(articles)
        if key:
            cache.write_duplicates(key, found)
    return found


def open_duplicates(paths: list[str] | None
                    ) -> tuple[StoredCorpus | Corpus, list[DuplicateGroup], dict[int, Article]]:
    """The corpus (from the cache, its articles read as asked for), its near-duplicate
    groups, and the articles in them, read now."""
    key = _entry_key(paths)
    stored = stored_from_cache(key) if key else None
    if stored is not None:
        try:
            groups = duplicate_groups(stored.articles, key)
            return stored, groups, _members(stored.articles, groups)
        except Damaged:  # the entry is dropped: read the files
            pass
    corpus = read_corpus(paths)
    groups = duplicate_groups(corpus.articles, None)
    return corpus, groups, _members(corpus.articles, groups)


def _members(articles: Sequence[Article], groups: list[DuplicateGroup]) -> dict[int, Article]:
    numbers = sorted({number for group in groups for number in group.articles})
    return articles.some(numbers) if isinstance(articles, ArticleStore) else {n: articles[n] for n in numbers}


def open_summary(paths: list[str] | None) -> tuple[Summary, list[LoadProblem]]:
    """The corpus's summary and its load problems: from the cache's first part when the
    files are unchanged, else from the catalog, opened (and cached)."""
    key = _entry_key(paths)
    found = summary_from_cache(key) if key else None
    if found is not None:
        return found
    catalog = open_catalog(paths)
    return Summary.of(catalog), catalog.problems


def cached_catalog(paths: list[str] | None, corpus: Corpus | None = None) -> Catalog | None:
    """The catalog from the cache if these files are unchanged since it was made."""
    key = _entry_key(paths)
    return last_complete(stages_from_cache(key, corpus)) if key else None


def cached_stages(paths: list[str] | None, corpus: Corpus | None = None) -> Iterator[Stage]:
    """From the cache, if these files are unchanged since it was made, in three stages:
    the timeline's first events with their articles, enough for a first screen
    (`FirstScreen`); every article and the whole timeline with its highlights
    (`Unindexed`); then the complete `Catalog` (search, names, figures).
    Nothing if there is no such entry; fewer stages if the entry breaks off."""
    key = _entry_key(paths)
    if key:
        yield from stages_from_cache(key, corpus, first_screen=True)


def _entry_key(paths: list[str] | None) -> str | None:
    """The cache key of these files (`cache.sources_key`).  When the cache has no entry
    for them but has one of the same files before some were added, that entry is grown
    by the added files first (`_grow`): only their articles are read and extracted."""
    sources = cache.source_identities(paths)
    if sources is None:
        return None
    identities = [identity for identity, _file in sources]
    key = cache.key_of(identities)
    if not cache.has_entry(key) and (base := cache.entry_grown_into(identities)) is not None:
        base_key, added = base
        with collector_paused():
            _grow(base_key, key, paths, sources, [str(sources[at][1]) for at in added])
    return key


def _grow(base: str, key: str, paths: list[str] | None, sources: list[tuple[str, Path | None]],
          files: list[str]) -> None:
    """Write the entry of `key` (the files of `sources` at these paths) from the entry
    of `base` and the articles of `files`, added to its files since, numbered after its own.
    Nothing is written if the base entry turns out damaged or a file changes meanwhile:
    the files are then read whole, as ever."""
    # The workers extract the added articles while the rest of the base entry is read.
    with extraction_started() as extraction:
        opened = entry_to_grow(base)
        if opened is None:
            return
        later_parts, first, store = opened
        with closing(store), closing(later_parts):
            try:
                total = len(store)
                added = load_corpus(files, ids_taken=store.ids)
                extraction.add(added.articles, last=True)
                base_parts = [first, *later_parts]
            except (cache.CacheDamaged, Damaged):
                return
        aggregate, packed = _extracted(extraction, added, total)
    if cache.source_identities(paths) != sources:  # a file changed while it was read
        return
    try:
        companions = _grown_companions(base, key, first, added.articles)
        if companions is None:
            cache.drop(key)
            return
        parts = grown_parts(base_parts, added, packed, *aggregate.gathered(), [identity for identity, _file in sources])
        parts[0]["index_digest"], parts[0]["article_store"] = companions
        cache.write(key, parts)
    except (Damaged, KeyError, ValueError, TypeError, IndexError, OverflowError):  # the base entry is not a catalog's
        cache.drop(key)


def _grown_companions(base: str, key: str, first: Part, articles: list[Article]) -> tuple[str, str] | None:
    """The search index and the article store of the entry of `base`, with these
    articles added, kept for the entry of `key`: the index's digest and the store's
    token, or None if either cannot be made."""
    index = cache.extended_index(base, first["index_digest"], (a.indexed_texts for a in articles))
    kept = None if index is None else cache.keep_index(key, index)
    token = None if kept is None else cache.extend_articles(base, first["article_store"], key, articles)
    return None if kept is None or token is None else (kept[1], token)


def _extracted(extraction: ExtractionJob, added: Corpus, first_number: int) -> tuple[_Aggregate, list[bytes]]:
    """The added articles' extractions, gathered as numbered from first_number on."""
    aggregate = _Aggregate({first_number + number: article for number, article in enumerate(added.articles)})
    packed = []
    for number, blob in extraction.results():
        packed.append(blob)
        aggregate.add(first_number + number, blob)
    for number, error in extraction.failures:
        article = added.articles[number]
        added.problems.append(LoadProblem(article.path, EXTRACTION_FAILED.format(error=error), article.line))
    if isinstance(extraction, RememberingExtraction):
        extraction.save()
    return aggregate, packed


def build_catalog(
    corpus: Corpus,
    on_progress: Progress | None = None,
    workers: int | None = None,
    use_cache: bool = True,
    write_cache: bool = True,
    pool: ExtractionJob | None = None,
    index: SearchIndex | None = None,
) -> Catalog:
    """The catalog of a loaded corpus: from the cache if it holds these files, else
    extracted and indexed, and then cached unless `write_cache` is False (the caller
    then calls `write_to_cache` once the catalog is in use: the reader app does).
    `pool` is an extraction already fed with the corpus's articles as they were read
    (see `extraction_started`); `index`, their search index if it is already built."""
    with collector_paused():
        catalog = _built(corpus, on_progress, workers, use_cache, pool, index)
    if write_cache:
        write_to_cache(catalog)
    return catalog


def _built(corpus: Corpus, on_progress: Progress | None, workers: int | None, use_cache: bool,
           pool: ExtractionJob | None, index: SearchIndex | None) -> Catalog:
    articles = corpus.articles
    if use_cache and (problem := cache_folder_problem()):
        corpus.problems.append(LoadProblem(str(cache_dir()), problem))
    key = corpus.cache_key if use_cache and articles else None
    found = last_complete(stages_from_cache(key, corpus)) if key else None
    if found is not None:
        return found
    total = len(articles)
    report = on_progress or (lambda stage, done, all_: None)
    packed: list[bytes] = [b""] * total
    searchable = cache.new_search_index(key) if index is None else index

    def build_index() -> None:
        if index is None:
            index_of(articles, on_progress, searchable)

    # A pool of its own stops when this ends, early too: on_progress may raise to stop
    # the load (the reader quitting).
    with extraction_started(workers, remember=use_cache) if pool is None else nullcontext(pool) as extraction:
        if pool is None:
            extraction.add(articles)
        # The timeline and the names grow as the workers' results come in, while they go on.
        aggregate = _Aggregate(articles)
        for number, blob in extraction.results(lambda done: report("extract", done, total), build_index):
            packed[number] = blob
            aggregate.add(number, blob)
        for number, error in extraction.failures:
            article = articles[number]
            corpus.problems.append(LoadProblem(article.path, EXTRACTION_FAILED.format(error=error), article.line))
    timeline, names, aliases, figures, names_before_merging = aggregate.finish()
    catalog = Catalog.of(corpus, packed, searchable, timeline, names, aliases, figures)
    catalog.unmerged_names = names_before_merging
    catalog.cache_key = catalog.files_key = key
    catalog.sources = corpus.sources if key else None
    if isinstance(extraction, RememberingExtraction):
        catalog.unsaved_extractions = extraction
    return catalog


def index_of(articles: list[Article], on_progress: Progress | None = None,
             index: SearchIndex | None = None) -> SearchIndex:
    """The articles' search index (added to `index` if given), ready to search."""
    index = SearchIndex() if index is None else index
    total = len(articles)
    for number, article in enumerate(articles):
        index.add(*article.indexed_texts)
        if on_progress and number % 1000 == 999:
            on_progress("index", number + 1, total)
    index.prepare()
    if on_progress:
        on_progress("index", total, total)
    return index


def write_to_cache(catalog: Catalog) -> None:
    """Store a freshly built catalog in the cache, and its articles' extractions for the
    next change to its files (once; a cached one is not rewritten)."""
    with collector_paused():
        if catalog.unsaved_extractions is not None:
            catalog.unsaved_extractions.save()
            catalog.unsaved_extractions = None
        if catalog.cache_key and not catalog.from_cache:
            kept = cache.keep_index(catalog.cache_key, catalog.index)
            if kept is not None:
                catalog.index, digest = kept
                token = cache.write_articles(catalog.cache_key, catalog.articles)
                if token is not None:
                    cache.write(catalog.cache_key, catalog_parts(catalog, digest, token))
            catalog.cache_key = None


def preliminary_catalog(corpus: Corpus) -> Unindexed:
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
    return Unindexed(corpus.articles, corpus.problems, PackedExtractions(packed, corpus.articles), timeline)


def read_corpus(
    paths: Iterable[str | os.PathLike] | None, on_articles: Callable[[list[Article]], None] | None = None
) -> Corpus:
    """load_corpus, with the files' identity taken before they are read and checked after:
    a file rewritten meanwhile would have its old content cached under its new identity."""
    names = [str(p) for p in paths] if paths else None
    before = cache.source_identities(names)
    corpus = load_corpus(names, on_articles=on_articles)
    if before is not None and cache.source_identities(names) == before:
        corpus.sources = [identity for identity, _file in before]
        corpus.cache_key = cache.key_of(corpus.sources)
    return corpus


@contextmanager
def extraction_started(workers: int | None = None, remember: bool = True) -> Iterator[ExtractionJob]:
    """An extraction to feed with articles while a corpus is read (`load_corpus`'s
    `on_articles`), then to hand to `build_catalog`; its workers stop on leaving.  With
    `remember`, articles extracted before (in a file since changed) are not extracted again."""
    from .extraction_pool import ExtractionPool  # multiprocessing: only for a corpus to extract

    pool: ExtractionJob = ExtractionPool(workers)
    if remember:
        pool = RememberingExtraction(pool)
    try:
        yield pool
    finally:
        pool.close()


class _Aggregate:
    """The timeline, the names and the figures by value, built one article at a time."""

    def __init__(self, articles: Sequence[Article] | Mapping[int, Article]) -> None:
        self.articles = articles  # by number
        self.timeline = TimelineBuilder()
        self.entries: dict[tuple[str, str], NameEntry] = {}
        self.figures = FigureBuilder()

    def add(self, number: int, blob: bytes) -> None:
        names, article_figures, _timexes, article_events = marshal.loads(blob)
        text = self.articles[number].text
        for day, start, end, label, granularity, kind in article_events:
            start_day = cal.value_start(day)
            if start_day is not None:
                self.timeline.add(number, start_day, day, start, end, label, granularity, kind)
        entries = self.entries
        for start, end, kind, canonical in names:
            key = entry_key(kind, canonical)
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = NameEntry(key, kind, canonical)
            entry.mentions += 1
            entry.articles.add(number)
            entry.forms.add(text[start:end])
        figures = self.figures
        for index, (_start, _end, _kind, value, unit) in enumerate(article_figures):
            figures.add(unit, value, number, index)

    def gathered(self) -> tuple[TimelineColumns, dict[tuple[str, str], NameEntry], FigureColumns]:
        """The timeline, the name entries (short names not merged yet) and the figures."""
        return self.timeline.finish(self.articles), self.entries, self.figures.finish()

    def finish(self):
        timeline, entries, figures = self.gathered()
        merged, aliases = merge_short_person_names(entries)
        return timeline, merged, aliases, figures, unmerged(entries, aliases)
