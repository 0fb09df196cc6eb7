"""An in-memory inverted index with BM25 ranking, phrases and prefixes.

Postings are arrays (document ids, term frequencies) per term.  Each document also keeps
its sequence of term ids as bytes, so a phrase is checked with one `bytes.find`.  Word
offsets for highlighting are computed only for the documents a reader looks at.
Measured against SQLite FTS5 and a linear scan in bench/bench_search.py.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import repeat
from typing import Collection, Iterable, Sequence

from ..cache_home import Part
from ..extract.tokens import lower_preserving_offsets
from .query import Clause, Query, index_words, parse_query

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3
SEPARATOR = 0  # term id between title and text, so no phrase spans both
SCORED_EXPANSION_LIMIT = 24  # a prefix with more terms than this matches without ranking


def _flattened(lists: dict) -> tuple[list, array, array]:
    """A dict of arrays as its keys, where each one's values start, and all the values."""
    starts, values = array("Q", [0]), array("I")
    for numbers in lists.values():
        values.extend(numbers)
        starts.append(len(values))
    return list(lists), starts, values


def _unflattened(keys: Sequence, starts: array, values: array) -> dict:
    if len(starts) != len(keys) + 1 or (len(starts) and starts[-1] != len(values)):
        raise ValueError("stored lists do not fit their keys")
    return {key: values[starts[i] : starts[i + 1]] for i, key in enumerate(keys)}


@dataclass(slots=True)
class SearchResult:
    query: Query
    scores: dict[int, float]  # document number -> score, for every matching document
    hits: int | None  # matched words in all documents, when cheap to know

    @property
    def documents(self) -> int:
        return len(self.scores)

    def top(self, limit: int | None = None) -> list[tuple[int, float]]:
        """(document number, score), best first; ties go to later documents."""
        pairs = zip(self.scores.values(), self.scores.keys(), strict=False)  # tuples compare fast, no key function
        best = heapq.nlargest(limit, pairs) if limit is not None else sorted(pairs, reverse=True)
        return [(doc, score) for score, doc in best]


@dataclass(slots=True)
class _Matches:
    """One clause's documents with a score and a hit count for each."""
    scores: dict[int, float]
    counts: dict[int, int] | _LazyCounts | None = None
    size: int = 0
    total_count: int | None = None  # sum of counts, when known


class _Vocabulary(dict):
    """term -> id; an unknown term gets the next id (so a C-level map() can number words)."""

    def __missing__(self, term: str) -> int:
        term_id = self[term] = len(self)
        return term_id


class SearchIndex:
    def __init__(self) -> None:
        self._vocabulary = _Vocabulary({"": SEPARATOR})
        self._docs: list[array] = [array("I")]  # per term: documents, ascending
        self._freqs: list[array] = [array("I")]  # per term: occurrences in each document
        self._title_docs: dict[int, array] = {}  # per term: documents with it in the title
        self._sequences: list[bytes] = []
        self._lengths = array("I")
        self._sorted_terms: list[str] | None = None
        self._expansions: dict[str, list[int]] = {}
        self._score_cache: dict[int, array] = {}
        self._short_prefix_docs: dict[str, array] | None = None  # "p", "pr" -> documents with such a word
        self._total_length = 0

    # --- building -------------------------------------------------------------------

    @classmethod
    def of(cls, documents: Iterable[tuple[str, str]]) -> SearchIndex:
        """An index of (title, text) pairs, numbered in the order given."""
        index = cls()
        for title, text in documents:
            index.add(title, text)
        return index

    def add(self, title: str, text: str) -> int:
        """Index one document; returns its number (0, 1, 2 ... in the order added)."""
        number = len(self._sequences)
        number_word = self._vocabulary.__getitem__
        title_words, text_words = index_words(title), index_words(text)
        title_ids = list(map(number_word, title_words))
        text_ids = list(map(number_word, text_words))
        missing = len(self._vocabulary) - len(self._docs)
        if missing > 0:
            self._docs.extend(array("I") for _ in range(missing))
            self._freqs.extend(array("I") for _ in range(missing))
        counts = Counter(text_ids)
        counts.update(title_ids)
        # The same as appending in a for loop over counts.items(), with the loop in C:
        # append returns None, so any() runs every call, without a Python-level loop.
        term_ids = list(counts)
        any(map(array.append, map(self._docs.__getitem__, term_ids), repeat(number)))
        any(map(array.append, map(self._freqs.__getitem__, term_ids), counts.values()))
        for term_id in set(title_ids):
            self._title_docs.setdefault(term_id, array("I")).append(number)
        self._sequences.append(array("I", title_ids + [SEPARATOR] + text_ids).tobytes())
        length = len(text_ids) + TITLE_WEIGHT * len(title_ids)
        self._lengths.append(length)
        self._total_length += length
        if self._sorted_terms is not None or self._score_cache or self._short_prefix_docs is not None:
            self._sorted_terms = None
            self._short_prefix_docs = None
            self._expansions.clear()
            self._score_cache.clear()
        return number

    def stored(self) -> Part:
        """The index as plain data for the cache: postings as two flat arrays with
        offsets, each document's term sequence in one run of bytes."""
        offsets = array("Q", [0])
        docs_flat, freqs_flat = array("I"), array("I")
        for docs, freqs in zip(self._docs, self._freqs, strict=False):
            docs_flat.extend(docs)
            freqs_flat.extend(freqs)
            offsets.append(len(docs_flat))
        sequence_starts = array("Q", [0])
        for sequence in self._sequences:
            sequence_starts.append(sequence_starts[-1] + len(sequence))
        title_terms, title_starts, title_docs = _flattened(self._title_docs)
        prefixes, prefix_starts, prefix_docs = _flattened(self._short_prefixes())
        return {
            "vocabulary": list(self._vocabulary),  # in term id order
            "offsets": offsets, "docs": docs_flat, "freqs": freqs_flat,
            "title_terms": array("I", title_terms), "title_starts": title_starts, "title_docs": title_docs,
            "sequences": b"".join(self._sequences), "sequence_starts": sequence_starts,
            "lengths": self._lengths,
            "prefixes": prefixes, "prefix_starts": prefix_starts, "prefix_docs": prefix_docs,
            "total_length": self._total_length,
        }

    @classmethod
    def from_stored(cls, stored: Part) -> SearchIndex:
        """The index back from `stored()`; ValueError if its parts do not fit together."""
        index = cls()
        terms: list[str] = stored["vocabulary"]  # type: ignore[assignment]
        index._vocabulary = _Vocabulary(zip(terms, range(len(terms)), strict=False))
        offsets, docs, freqs = stored["offsets"], stored["docs"], stored["freqs"]
        if len(offsets) != len(terms) + 1 or offsets[-1] != len(docs) or len(freqs) != len(docs):  # type: ignore[arg-type,index]
            raise ValueError("search index postings do not fit the vocabulary")
        index._docs = [docs[offsets[i] : offsets[i + 1]] for i in range(len(terms))]  # type: ignore[index]
        index._freqs = [freqs[offsets[i] : offsets[i + 1]] for i in range(len(terms))]  # type: ignore[index]
        index._title_docs = _unflattened(stored["title_terms"], stored["title_starts"], stored["title_docs"])  # type: ignore[arg-type]
        sequences, starts = stored["sequences"], stored["sequence_starts"]
        index._sequences = [sequences[starts[i] : starts[i + 1]] for i in range(len(starts) - 1)]  # type: ignore[index,arg-type]
        index._lengths = stored["lengths"]  # type: ignore[assignment]
        if len(index._lengths) != len(index._sequences):
            raise ValueError("search index documents do not fit their lengths")
        index._short_prefix_docs = _unflattened(stored["prefixes"], stored["prefix_starts"], stored["prefix_docs"])  # type: ignore[arg-type]
        index._total_length = int(stored["total_length"])  # type: ignore[call-overload]
        return index

    def prepare(self) -> None:
        """Sort the vocabulary and gather the documents of each one- and two-letter
        prefix now, rather than on the first query."""
        self._terms_in_order()
        self._short_prefixes()

    def _short_prefixes(self) -> dict[str, array]:
        """Documents with a word starting with each one or two letters: "p*" matches
        a third of a corpus, too many terms to merge while someone types."""
        if self._short_prefix_docs is None:
            terms_by_prefix: dict[str, list[int]] = defaultdict(list)
            for term, term_id in self._vocabulary.items():
                for prefix in {term[:1], term[:2]} if term else ():
                    terms_by_prefix[prefix].append(term_id)
            self._short_prefix_docs = {}
            for prefix, term_ids in terms_by_prefix.items():  # one set at a time: sets of ints are big
                documents = set().union(*(self._docs[t] for t in term_ids))
                self._short_prefix_docs[prefix] = array("I", sorted(documents))
        return self._short_prefix_docs

    def __len__(self) -> int:
        return len(self._sequences)

    # --- searching ------------------------------------------------------------------

    def search(self, query: str | Query) -> SearchResult:
        parsed = parse_query(query) if isinstance(query, str) else query
        matches = [self._clause(clause) for clause in parsed.clauses]
        matches.sort(key=lambda m: m.size)
        if len(matches) == 1:
            only = matches[0]
            return SearchResult(parsed, only.scores, only.total_count)
        scores = matches[0].scores
        for other in matches[1:]:
            other_scores = other.scores
            scores = {doc: score + other_scores[doc] for doc, score in scores.items() if doc in other_scores}
        hits: int | None = None
        every_count = [m.counts for m in matches if m.counts is not None]
        if len(every_count) == len(matches):
            hits = sum(counts[doc] for counts in every_count for doc in scores)
        return SearchResult(parsed, scores, hits)

    def _term_scores(self, term_id: int) -> array:
        """BM25 of the term in each of its documents (a title occurrence counts
        TITLE_WEIGHT times), kept until the index changes."""
        scores = self._score_cache.get(term_id)
        if scores is None:
            docs, freqs = self._docs[term_id], self._freqs[term_id]
            in_title = self._title_docs.get(term_id)
            if in_title:
                titled = set(in_title)
                boost = TITLE_WEIGHT - 1
                boosted = [tf + boost if doc in titled else tf for doc, tf in zip(docs, freqs, strict=False)]
                scores = array("f", self._bm25(docs, boosted, self._idf(len(docs))).values())
            else:
                scores = array("f", self._bm25(docs, freqs, self._idf(len(docs))).values())
            if len(self._score_cache) > 4096:
                self._score_cache.clear()
            self._score_cache[term_id] = scores
        return scores

    def _idf(self, document_frequency: int) -> float:
        n = len(self._sequences)
        return math.log(1 + (n - document_frequency + 0.5) / (document_frequency + 0.5))

    def _bm25(self, docs: Iterable[int], freqs: Iterable[int], idf: float) -> dict[int, float]:
        lengths = self._lengths
        average = (self._total_length / len(lengths)) if lengths else 1.0
        norm = K1 * (1 - B)
        slope = K1 * B / average
        return {
            doc: idf * tf * (K1 + 1) / (tf + norm + slope * lengths[doc])
            for doc, tf in zip(docs, freqs, strict=False)
        }

    def _clause(self, clause: Clause) -> _Matches:
        if clause.is_phrase:
            return self._phrase(clause)
        word = clause.words[0]
        if not clause.prefix:
            term_id = self._vocabulary.get(word)
            if term_id is None:
                return _Matches({}, {}, 0)
            docs, freqs = self._docs[term_id], self._freqs[term_id]
            term_scores = dict(zip(docs, self._term_scores(term_id), strict=False))
            return _Matches(term_scores, _LazyCounts(docs, freqs), len(docs), sum(freqs))
        # "p*": its documents are gathered already, no need to list (and sort) its terms
        broad = len(word) <= 2 and self._term_count(word) > SCORED_EXPANSION_LIMIT
        expansion = [] if broad else self._expand(word)
        if not broad and len(expansion) <= SCORED_EXPANSION_LIMIT:
            scores: dict[int, float] = {}
            counts: dict[int, int] = {}
            for term_id in expansion:
                docs, freqs = self._docs[term_id], self._freqs[term_id]
                for doc, score, tf in zip(docs, self._term_scores(term_id), freqs, strict=False):
                    scores[doc] = scores.get(doc, 0.0) + score
                    counts[doc] = counts.get(doc, 0) + tf
            return _Matches(scores, counts, len(scores), sum(counts.values()))
        # Many terms ("p*"): match without ranking, as Lucene rewrites broad prefixes.
        matched: Collection[int]
        if len(word) <= 2:
            matched = self._short_prefixes().get(word, ())
        else:
            matched = set().union(*(self._docs[t] for t in expansion))
        weight = self._idf(len(matched))
        return _Matches(dict.fromkeys(matched, weight), None, len(matched))

    def _phrase(self, clause: Clause) -> _Matches:
        *head, last = clause.words
        known = [self._vocabulary.get(w) for w in head]
        head_ids = [term_id for term_id in known if term_id is not None]
        if len(head_ids) != len(known):
            return _Matches({}, {}, 0)
        last_ids = self._expand(last) if clause.prefix else (
            [self._vocabulary[last]] if last in self._vocabulary else []
        )
        candidates = set(self._docs[head_ids[0]])
        for term_id in head_ids[1:]:
            candidates.intersection_update(self._docs[term_id])
        last_docs: set[int] = set()
        for term_id in last_ids[:256]:
            last_docs.update(self._docs[term_id])
        candidates &= last_docs
        prefix_bytes = array("I", head_ids).tobytes()
        patterns = [prefix_bytes + array("I", [t]).tobytes() for t in last_ids[:256]]
        counts: dict[int, int] = {}
        for doc in candidates:
            sequence = self._sequences[doc]
            found = sum(_count_aligned(sequence, pattern) for pattern in patterns)
            if found:
                counts[doc] = found
        docs = list(counts)
        scores = self._bm25(docs, (counts[d] for d in docs), self._idf(len(docs)))
        return _Matches(scores, counts, len(docs), sum(counts.values()))

    def _term_count(self, prefix: str) -> int:
        """How many terms start with prefix."""
        start, end = self._prefix_range(prefix)
        return end - start

    def _terms_in_order(self) -> list[str]:
        """The vocabulary sorted, made once the index stops changing."""
        if self._sorted_terms is None:
            self._sorted_terms = sorted(t for t in self._vocabulary if t)
        return self._sorted_terms

    def _prefix_range(self, prefix: str) -> tuple[int, int]:
        """Where the terms starting with prefix stand in _terms_in_order()."""
        terms = self._terms_in_order()
        start = bisect.bisect_left(terms, prefix)
        return start, bisect.bisect_left(terms, prefix + "\U0010ffff", start)

    def _expand(self, prefix: str) -> list[int]:
        """Ids of the terms starting with prefix, most frequent first."""
        if prefix in self._expansions:
            return self._expansions[prefix]
        if len(self._expansions) > 256:
            self._expansions.clear()
        start, end = self._prefix_range(prefix)
        ids = [self._vocabulary[t] for t in self._terms_in_order()[start:end]]
        ids.sort(key=lambda t: len(self._docs[t]), reverse=True)
        self._expansions[prefix] = ids
        return ids

    # --- where the hits are ---------------------------------------------------------

    def hit_spans(self, query: str | Query, text: str) -> list[tuple[int, int]]:
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


class _LazyCounts:
    """A term's frequency per document, looked up in its postings only when asked."""

    def __init__(self, docs: array, freqs: array) -> None:
        self._docs, self._freqs = docs, freqs
        self._map: dict[int, int] | None = None

    def __getitem__(self, doc: int) -> int:
        if self._map is None:
            self._map = dict(zip(self._docs, self._freqs, strict=False))
        return self._map[doc]


def _count_aligned(sequence: bytes, pattern: bytes) -> int:
    """Occurrences of pattern in sequence at offsets that are whole term ids."""
    found = 0
    position = sequence.find(pattern)
    while position >= 0:
        if position % 4 == 0:
            found += 1
            position = sequence.find(pattern, position + len(pattern))
        else:
            position = sequence.find(pattern, position + 1)
    return found
