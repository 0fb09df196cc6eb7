"""Load a corpus: every article of the files at some paths, and every problem met.

Every problem becomes a `LoadProblem` (one line naming the file, the line and what is
wrong) and loading goes on with the rest.  Files are only ever opened for reading.
Which files are read is `sources`; how each is read is `file_formats`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Container, Iterable, Iterator

from .articles import Article
from .file_formats import iter_file
from .problems import LoadProblem
from .sources import iter_sources, seed_corpus_path

__all__ = ["Corpus", "LoadProblem", "iter_corpus", "load_corpus", "seed_corpus_path"]


@dataclass(slots=True)
class Corpus:
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    paths: list[str] | None = None  # as asked for; None for the bundled seeds
    # The files' identity (cache key) taken before they were read, when it was the same
    # after: None if one changed meanwhile or cannot be cached.  Set by read_corpus.
    cache_key: str | None = None
    sources: list[str] | None = None  # what that key was made of, with it (`cache.source_identities`)


def load_corpus(
    paths: Iterable[str | os.PathLike] | None = None,
    on_articles: Callable[[list[Article]], None] | None = None,
    every: int = 250,
    ids_taken: Container[str] = frozenset(),
) -> Corpus:
    """The articles at these paths (the seeds when none), and the problems met.  With
    `on_articles`, the articles are also handed over `every` at a time as they are read,
    so that extracting them can start before the last file is parsed.  An id repeated,
    or one of `ids_taken` (those of a corpus these files are added to), is renamed."""
    names = [str(p) for p in paths] if paths else None
    corpus = Corpus(paths=names)
    taken: set[str] = set()
    renamed: dict[str, int] = {}  # an id taken -> the last suffix tried for it
    handed_over = 0
    for item in iter_corpus(names):
        if on_articles and len(corpus.articles) - handed_over >= every:
            on_articles(corpus.articles[handed_over:])
            handed_over = len(corpus.articles)
        if isinstance(item, LoadProblem):
            corpus.problems.append(item)
            continue
        if item.id in taken or item.id in ids_taken:
            suffix = renamed.get(item.id, 1)
            while f"{item.id}#{suffix + 1}" in taken or f"{item.id}#{suffix + 1}" in ids_taken:
                suffix += 1
            renamed[item.id] = suffix + 1
            new_id = f"{item.id}#{suffix + 1}"
            corpus.problems.append(
                LoadProblem(item.path, f"duplicate id {item.id!r}, renamed to {new_id!r}", item.line)
            )
            item.id = new_id
        taken.add(item.id)
        corpus.articles.append(item)
    if on_articles and len(corpus.articles) > handed_over:
        on_articles(corpus.articles[handed_over:])
    return corpus


def iter_corpus(paths: Iterable[str | os.PathLike] | None = None) -> Iterator[Article | LoadProblem]:
    for source in iter_sources(paths):
        if isinstance(source, LoadProblem):
            yield source
        else:
            yield from iter_file(source)
