"""Extraction of many articles, spread over the machine's cores.

Worker processes are started with "spawn" (safe when the caller has threads, as the
reader app does) and each loads the word lists once.  Small corpora stay in-process.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import sys
from contextlib import contextmanager
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Callable, Iterator

from ..corpus.articles import Article
from ..extract import Event, Extraction, Figure, Name, Timex, extract
from ..extract.lexicon import lexicon

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


def pack(extraction: Extraction) -> bytes:
    """Plain tuples without the texts (they are slices of the article), marshalled: a
    tenth of the memory of the named records, and cheap to send between processes."""
    return marshal.dumps((
        [(n.start, n.end, n.type, n.canonical) for n in extraction.names],
        [(f.start, f.end, f.kind, f.value, f.unit) for f in extraction.figures],
        [(t.start, t.end, t.type, t.value) for t in extraction.timexes],
        [(e.date, e.start, e.end, e.label, e.granularity, e.kind) for e in extraction.events],
    ))


def unpack(packed: bytes, text: str) -> Extraction:
    names, figures, timexes, events = marshal.loads(packed)
    return Extraction(
        [Name(s, e, text[s:e], kind, canonical) for s, e, kind, canonical in names],
        [Figure(s, e, text[s:e], kind, value, unit) for s, e, kind, value, unit in figures],
        [Timex(s, e, text[s:e], kind, value) for s, e, kind, value in timexes],
        [Event(day, s, e, text[s:e], label, granularity, kind) for day, s, e, label, granularity, kind in events],
    )


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
