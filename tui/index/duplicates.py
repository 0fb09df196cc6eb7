"""Near-duplicate articles: a wire story and its updates and rewrites ("(UPDATE 1)", a
paragraph added, two swapped, a sentence changed).

Each article's lead becomes the set of its four-word shingles, hashed.  One-permutation
MinHash: the hash space is cut into BINS equal ranges and each range's smallest hash
stands for the set; BAND_ROWS bins at a time make the band keys, and two articles that
share a key (within DAYS_APART of each other) are compared on their whole shingle sets,
a duplicate when their Jaccard similarity reaches THRESHOLD.  Groups are the connected
pairs.  Pure Python over the standard library: sorting and set operations in C."""

from __future__ import annotations

import bisect
import re
import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Collection, Iterable, Sequence

from ..corpus.articles import Article

BINS = 32
BAND_ROWS = 2  # P(compared) = 1 - (1 - J^2)^(BINS / BAND_ROWS): 0.99 at J = 0.5, 0.49 at J = 0.2
THRESHOLD = 0.5  # Jaccard similarity of shingle sets: a sentence changed in a short story stays above it
DAYS_APART = 3  # an update comes the same day or soon after; a template reused next month is another story
LEAD_CHARACTERS = 2000  # a story is told by its lead: the rest of a long table adds cost, not evidence
CROWDED_KEY = 100  # a band key shared by more articles is boilerplate, not evidence
MIN_SHINGLES = 8  # shorter texts (a headline alone) are not compared
SAME_FIGURES = 0.5  # Jaccard similarity of the numbers two duplicates tell
WORD_RE = re.compile(r"\w+")
NUMBER_RE = re.compile(r"\d[\d.,/-]*\d|\d")
_HASHES = 2**64
_EDGES = [-(2**63) + number * (_HASHES // BINS) for number in range(BINS)] + [2**63]


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    articles: tuple[int, ...]  # in corpus order
    similarity: float  # the lowest Jaccard similarity of the pairs that joined the group


def shingles(text: str, vocabulary: dict[str, int]) -> set[int]:
    """The lead's four-word shingles, hashed (the same in every process: tuples of ints
    hash alike everywhere); `vocabulary` keeps each word's code."""
    words = WORD_RE.findall(text[:LEAD_CHARACTERS].lower())
    for word in set(words).difference(vocabulary):  # a set operation in C: most words are known
        vocabulary[word] = zlib.crc32(word.encode("utf-8", "surrogatepass"))
    codes = list(map(vocabulary.__getitem__, words))
    return set(map(hash, zip(codes, codes[1:], codes[2:], codes[3:], strict=False)))


def _same_figures(first: str, second: str) -> bool:
    """Whether two texts tell the same numbers: a template filled in anew each day (the
    Fed's repurchases, contract awards) is another story, a rewrite keeps its figures."""
    one, other = set(NUMBER_RE.findall(first[:LEAD_CHARACTERS])), set(NUMBER_RE.findall(second[:LEAD_CHARACTERS]))
    return not one or not other or jaccard(one, other) >= SAME_FIGURES


def jaccard(first: set, second: set) -> float:
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def band_keys(ordered: Sequence[int]) -> list[int]:
    """The band keys of a set of hashes in ascending order: the hash of each band's
    number and its bins' smallest hashes (a band with an empty bin has none)."""
    starts = [bisect.bisect_left(ordered, edge) for edge in _EDGES]
    empty = len(ordered)  # no hash is this number: a bin without any
    smallest = [ordered[start] if start < end else empty for start, end in zip(starts, starts[1:], strict=False)]
    keys = []
    for band in range(0, BINS, BAND_ROWS):
        rows = smallest[band : band + BAND_ROWS]
        if empty not in rows:
            keys.append(hash((band, *rows)))
    return keys


def near_duplicates(texts: Sequence[str], days: Sequence[date | None] | None = None,
                    threshold: float = THRESHOLD) -> list[DuplicateGroup]:
    """Groups of two or more near-duplicate texts (by their numbers), largest first; with
    `days`, only texts at most DAYS_APART apart (an undated one goes with any)."""
    # What survives of each text is an array and ints, never a container the garbage
    # collector tracks: a few hundred thousand of them set it off over the whole heap.
    vocabulary: dict[str, int] = {}
    sketches = [array("q", sorted(shingles(text, vocabulary))) for text in texts]
    first_holder: dict[int, int] = {}  # a band key -> the first text with it
    shared: dict[int, list[int]] = defaultdict(list)  # a key held by more -> the others
    for number, ordered in enumerate(sketches):
        if len(ordered) >= MIN_SHINGLES:
            for key in band_keys(ordered):
                if first_holder.setdefault(key, number) != number:
                    shared[key].append(number)
    candidates: set[tuple[int, int]] = set()
    for key, others in shared.items():
        if len(others) < CROWDED_KEY:
            numbers = [first_holder[key], *others]
            candidates.update((first, second) for i, first in enumerate(numbers) for second in numbers[i + 1 :])
    ordinals = [day.toordinal() if day else None for day in days] if days is not None else None
    pairs = []
    for first, second in sorted(candidates):
        if ordinals is not None:
            one, other = ordinals[first], ordinals[second]
            if one is not None and other is not None and abs(one - other) > DAYS_APART:
                continue
        if (similarity := jaccard(set(sketches[first]), set(sketches[second]))) >= threshold and \
                _same_figures(texts[first], texts[second]):
            pairs.append((first, second, similarity))
    return _groups(pairs)


def duplicate_articles(articles: Sequence[Article]) -> list[DuplicateGroup]:
    """near_duplicates of a corpus's articles: each told by its title and text, on its date."""
    return near_duplicates([f"{a.indexed_title}\n{a.text}" for a in articles], [a.date for a in articles])


def duplicates_among(articles: Sequence[Article], numbers: Sequence[int]) -> dict[int, int]:
    """Of these articles (by their numbers in `articles`), each that has a near-duplicate
    among them, and its group's number."""
    groups = duplicate_articles([articles[number] for number in numbers])
    return {numbers[at]: group for at, group in group_numbers(groups).items()}


def group_numbers(groups: Iterable[DuplicateGroup]) -> dict[int, int]:
    """Each grouped article's group number."""
    return {article: number for number, group in enumerate(groups) for article in group.articles}


def _groups(pairs: Iterable[tuple[int, int, float]]) -> list[DuplicateGroup]:
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    lowest: dict[int, float] = {}
    edges = list(pairs)
    for first, second, _similarity in edges:
        parent[root(first)] = root(second)
    for first, _second, similarity in edges:
        top = root(first)
        lowest[top] = min(similarity, lowest.get(top, 1.0))
    members: dict[int, list[int]] = defaultdict(list)
    for node in parent:
        members[root(node)].append(node)
    groups = [DuplicateGroup(tuple(sorted(nodes)), round(lowest[top], 4)) for top, nodes in members.items()]
    return sorted(groups, key=lambda g: (-len(g.articles), g.articles))


class DuplicateFolding:
    """The timeline with near-duplicates folded: of each group, only the first article
    shown keeps its events (the first a search left, not always the group's first), and
    it is told how many others it stands for."""

    def __init__(self, groups: Iterable[DuplicateGroup]) -> None:
        groups = list(groups)
        self.members = [group.articles for group in groups]  # by group number
        self.group_of = group_numbers(groups)

    def fold(self, articles: Collection[int] | None, unfolded: Collection[int] = ()
             ) -> tuple[set[int], dict[int, int]]:
        """Of these articles (None: all of them), the ones to leave out, and for each
        article standing for others, how many; the groups in `unfolded` keep every article.
        Fewer articles than groups (a narrow search) are looked up one by one; more (a
        broad one, or none) meet each group in a set intersection."""
        among = articles if articles is None or isinstance(articles, (set, frozenset)) else set(articles)
        shown: Iterable[tuple[int, Collection[int]]]
        if among is None:
            shown = enumerate(self.members)
        elif len(among) < len(self.members):
            by_group: dict[int, list[int]] = defaultdict(list)
            for article in self.group_of.keys() & among:
                by_group[self.group_of[article]].append(article)
            shown = by_group.items()
        else:
            shown = ((group, among.intersection(members)) for group, members in enumerate(self.members))
        hidden: set[int] = set()
        standing: dict[int, int] = {}
        for group, members in shown:
            if len(members) > 1 and group not in unfolded:
                first = min(members)
                standing[first] = len(members) - 1
                hidden.update(members)
                hidden.discard(first)
        return hidden, standing
