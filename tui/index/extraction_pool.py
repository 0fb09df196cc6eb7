"""Extraction of many articles, spread over the machine's cores.

Worker processes are started with "spawn" (safe when the caller has threads, as the
reader app does) and each loads the word lists once.  Small corpora stay in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from contextlib import contextmanager
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Callable, Iterator

from ..corpus.articles import Article
from ..extract import extract
from ..extract.lexicon import lexicon
from .packing import pack

PARALLEL_THRESHOLD = 400  # articles; below this, starting workers costs more than it saves
CHUNK = 250

ArticleFields = tuple[str, date | None, int]


def _worker_start() -> None:
    # Nothing a worker prints may reach the terminal: the reader app owns the screen.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    lexicon()


@contextmanager
def _plain_stdio() -> Iterator[None]:
    """Textual swaps sys.stdout/sys.stderr for objects whose fileno() is -1, which
    multiprocessing cannot pass to the processes it starts: lend it /dev/null meanwhile."""
    saved = sys.stdout, sys.stderr
    if all(_has_fileno(stream) for stream in saved):
        yield
        return
    with open(os.devnull, "w") as devnull:
        sys.stdout = sys.stderr = devnull
        try:
            yield
        finally:
            sys.stdout, sys.stderr = saved


def _has_fileno(stream) -> bool:
    try:
        return stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def _extract_chunk(chunk: list[ArticleFields]) -> list[bytes]:
    return [pack(extract(Article(id="", text=text, date=day, title=" ", body_start=start))) for text, day, start in chunk]


def worker_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_all(
    articles: list[Article],
    on_progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[tuple[int, bytes]]:
    """(article number, packed extraction) for every article.  `meanwhile` runs in this
    process while the workers extract (the catalog builds its search index there)."""
    workers = worker_count() if workers is None else workers
    if workers <= 1 or len(articles) < PARALLEL_THRESHOLD:
        if meanwhile:
            meanwhile()
        for number, article in enumerate(articles):
            yield number, pack(extract(article))
            if on_progress and number % CHUNK == CHUNK - 1:
                on_progress(number + 1)
        if on_progress:
            on_progress(len(articles))
        return
    chunks = [
        (start, [(a.text, a.date, a.body_start) for a in articles[start : start + CHUNK]])
        for start in range(0, len(articles), CHUNK)
    ]
    # fork shares the loaded word lists; with threads running (the app), spawn is safe.
    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        lexicon()
    context = multiprocessing.get_context(method)
    done = 0
    with _plain_stdio():
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start)
        futures = [(start, pool.submit(_extract_chunk, chunk)) for start, chunk in chunks]
    with pool:
        if meanwhile:
            meanwhile()
        for start, future in futures:
            results = future.result()
            for offset, packed in enumerate(results):
                yield start + offset, packed
            done += len(results)
            if on_progress:
                on_progress(done)
