"""Dateline's search engine: tantivy, the same in memory and in a folder of the cache.

Dateline splits the text into words itself (`index_words`) and hands tantivy the words
joined by spaces, so that what is indexed, what a query looks for and what `hit_spans`
marks in the article on screen are the same words.  Each document keeps its number (the
order it was added in) in a fast field.  bench/bench_store.py sets it beside tantivy as it
comes and SQLite FTS5.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, cast

import tantivy

from ..extract.tokens import lower_preserving_offsets
from .collector import collector_paused
from .query import Clause, Query, index_words, parse_query

TITLE_WEIGHT = 3.0  # a word in the title counts as much as this many in the text
SCORED_EXPANSION_LIMIT = 24  # a prefix with more terms than this matches without ranking
WRITER_HEAP_BYTES = 64_000_000  # the writer's buffer: documents are written out past it
FIRST_RESULTS = 20  # found with the count: what the command line and a screen show
HIT_COUNT_ARTICLES = 200  # up to this many matching articles, their hits are counted
FIELDS = ("title", "text")
WORDS = "words"  # the tokenizer: the words as Dateline split them, separated by spaces


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in FIELDS:
        builder.add_text_field(name, tokenizer_name=WORDS)
    builder.add_integer_field("number", fast=True, indexed=False)
    return builder.build()


SCHEMA = _schema()


@dataclass(slots=True)
class SearchResult:
    """The articles matching a query: how many, the best first, and all of them on demand."""

    query: Query
    documents: int  # how many articles match
    ranked: bool  # False for a broad prefix ("p*"): matched without ranking, newest first
    _searcher: tantivy.Searcher = field(repr=False)
    _engine_query: tantivy.Query = field(repr=False)
    _best: list[tuple[int, float]] | None = field(repr=False)  # the first FIRST_RESULTS of top()
    hits: int | None = None  # matched words in all articles, when `count_hits` could count them
    _articles: frozenset[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, query: Query, ranked: bool, searcher: tantivy.Searcher, engine_query: tantivy.Query) -> SearchResult:
        """The result with its count: with its first results, found in the same pass, when
        ranked; an unranked one (a broad prefix) finds them when first asked, since putting
        its matches in order costs as much as counting them and as you type only the count
        is shown."""
        found = _ranked_search(searcher, engine_query, ranked, FIRST_RESULTS, count=True) if ranked else \
            searcher.search(engine_query, 1, count=True)
        documents = found.count  # type: ignore[attr-defined]  # not in tantivy's stub
        return cls(query, documents, ranked, searcher, engine_query,
                   _best_of(searcher, found, ranked) if ranked else None)

    def top(self, limit: int | None = None) -> list[tuple[int, float]]:
        """(document number, score), best first (later documents first when unranked)."""
        wanted = self.documents if limit is None else min(limit, self.documents)
        if self._best is None:
            self._best = _best_of(self._searcher, _ranked_search(
                self._searcher, self._engine_query, self.ranked, FIRST_RESULTS, count=False), self.ranked)
        if wanted <= len(self._best):
            return self._best[:wanted]
        found = _ranked_search(self._searcher, self._engine_query, self.ranked, wanted, count=False)
        return _best_of(self._searcher, found, self.ranked)

    @property
    def articles(self) -> frozenset[int]:
        """The number of every matching document, fetched on first use."""
        if self._articles is None:
            # A pair of objects per match: the collector would walk the whole heap meanwhile.
            with collector_paused():
                found = self._searcher.search(self._engine_query, max(self.documents, 1), count=False)
                self._articles = frozenset(_numbers(self._searcher, list(map(itemgetter(1), found.hits))))
        return self._articles


def _ranked_search(searcher: tantivy.Searcher, query: tantivy.Query, ranked: bool, limit: int,
                   count: bool) -> tantivy.SearchResult:
    if ranked:
        return searcher.search(query, max(limit, 1), count=count)
    return searcher.search(query, max(limit, 1), count=count, order_by_field="number")


def _best_of(searcher: tantivy.Searcher, found: tantivy.SearchResult, ranked: bool) -> list[tuple[int, float]]:
    numbers = _numbers(searcher, [address for _key, address in found.hits])
    scores = [float(score) for score, _address in found.hits] if ranked else [0.0] * len(numbers)
    return list(zip(numbers, scores, strict=True))


def _numbers(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress]) -> list[int]:
    return cast(list[int], searcher.fast_field_values("number", addresses))


class SearchIndex:
    """The documents (title and text) numbered in the order added: in memory, or in a
    folder (`folder`) that the cache keeps.  Searching waits for `prepare`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._index = tantivy.Index(SCHEMA, path=None if folder is None else str(folder))
        _register_words(self._index)
        self._writer: tantivy.IndexWriter | None = None
        self._count = 0
        self._searcher: tantivy.Searcher | None = None
        self._expansions: dict[str, list[str]] = {}

    @classmethod
    def of(cls, documents: Iterable[tuple[str, str]]) -> SearchIndex:
        """An index in memory of (title, text) pairs, ready to search."""
        index = cls()
        for title, text in documents:
            index.add(title, text)
        index.prepare()
        return index

    @classmethod
    def opened(cls, folder: Path) -> SearchIndex:
        """The index a finished `SearchIndex(folder)` left there; ValueError if there is none."""
        index = cls.__new__(cls)
        index.folder = folder
        try:
            index._index = tantivy.Index.open(str(folder))
            _register_words(index._index)
            index._searcher = index._index.searcher()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # tantivy's errors, and its panics, which are no Exception
            raise ValueError(f"not a search index: {exc}") from None
        index._writer = None
        index._expansions = {}
        index._count = index._searcher.num_docs
        return index

    def add(self, title: str, text: str) -> int:
        """Index one document; returns its number (0, 1, 2 ... in the order added)."""
        if self._writer is None:
            self._writer = self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
        number = self._count
        self._writer.add_document(tantivy.Document(
            title=" ".join(index_words(title)), text=" ".join(index_words(text)), number=number))
        self._count += 1
        return number

    def prepare(self) -> None:
        """Write out what was added and open it for searching."""
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
            self._searcher = None
        if self._searcher is None:
            self._index.reload()
            self._searcher = self._index.searcher()
            self._expansions.clear()

    def __len__(self) -> int:
        return self._count

    # --- searching ------------------------------------------------------------------

    def search(self, query: str | Query) -> SearchResult:
        parsed = parse_query(query) if isinstance(query, str) else query
        if self._searcher is None or self._writer is not None:
            self.prepare()
        searcher = self._searcher
        assert searcher is not None
        clauses = [self._clause(clause) for clause in parsed.clauses]
        engine_query = clauses[0][0] if len(clauses) == 1 else tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, clause_query) for clause_query, _ranked in clauses])
        return SearchResult.of(parsed, any(ranked for _query, ranked in clauses), searcher, engine_query)

    def _clause(self, clause: Clause) -> tuple[tantivy.Query, bool]:
        """The clause as a query on both fields, and whether it ranks its matches."""
        words: list[str | tuple[int, str]] = list(clause.words)
        if clause.is_phrase:
            if clause.prefix:
                words[-1] = f"{clause.words[-1]}.*"
                return _in_either_field(lambda name: tantivy.Query.regex_phrase_query(SCHEMA, name, words)), True
            return _in_either_field(lambda name: tantivy.Query.phrase_query(SCHEMA, name, words)), True
        word = clause.words[0]
        if not clause.prefix:
            return _in_either_field(lambda name: tantivy.Query.term_query(SCHEMA, name, word)), True
        terms = self._expansion(word)
        if terms is not None:
            return _in_either_field(lambda name: tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(SCHEMA, name, term)) for term in terms])), True
        # Many terms ("p*"): match without ranking, as Lucene rewrites broad prefixes.
        pattern = word + ".*"  # words hold only word characters, none special to a regex
        return tantivy.Query.const_score_query(
            _in_either_field(lambda name: tantivy.Query.regex_query(SCHEMA, name, pattern)), 1.0), False

    def _expansion(self, prefix: str) -> list[str] | None:
        """The terms starting with prefix, if few enough to rank; None if too many
        (a prefix of one or two letters always has)."""
        if len(prefix) <= 2:
            return None
        if prefix not in self._expansions:
            searcher, limit = self._searcher, SCORED_EXPANSION_LIMIT + 1
            assert searcher is not None
            terms = {term for name in FIELDS for term, _count in searcher.terms_with_prefix(name, prefix, limit=limit)}
            if len(self._expansions) > 256:
                self._expansions.clear()
            self._expansions[prefix] = sorted(terms)
        found = self._expansions[prefix]
        return found if len(found) <= SCORED_EXPANSION_LIMIT else None


def _register_words(index: tantivy.Index) -> None:
    index.register_tokenizer(WORDS, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())


def _in_either_field(query_in: Callable[[str], tantivy.Query]) -> tantivy.Query:
    return tantivy.Query.boolean_query([
        (tantivy.Occur.Should, tantivy.Query.boost_query(query_in("title"), TITLE_WEIGHT)),
        (tantivy.Occur.Should, query_in("text")),
    ])


def count_hits(result: SearchResult, texts_of: Callable[[int], Iterable[str]]) -> SearchResult:
    """The result with its hits counted in its articles' texts, when they are few enough."""
    if result.documents <= HIT_COUNT_ARTICLES:
        result.hits = sum(len(hit_spans(result.query, text)) for number in result.articles for text in texts_of(number))
    return result


# --- where the hits are -------------------------------------------------------------

def hit_spans(query: str | Query, text: str) -> list[tuple[int, int]]:
    """(start, end) of every match of the query in a text, in order."""
    parsed = parse_query(query) if isinstance(query, str) else query
    lowered = lower_preserving_offsets(text)
    spans = [match.span(1) for clause in parsed.clauses for match in _clause_re(clause).finditer(lowered)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=256)
def _clause_re(clause: Clause) -> re.Pattern:
    """A clause's words as whole words (the last one a prefix, if so), one after another
    with only non-word characters between them: as the index reads the text.  In a
    look-ahead, so that overlapping matches ("a a" in "a a a") are all found."""
    words = r"\W+".join(re.escape(word) for word in clause.words)
    ending = r"\w*" if clause.prefix else r"(?!\w)"
    return re.compile(rf"(?<!\w)(?=({words}{ending}))")
