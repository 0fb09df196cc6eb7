"""Extraction of many articles, spread over the machine's cores.

Worker processes are started with "fork", or "spawn" when the caller has threads (as the
reader app does), as soon as the corpus being read has enough articles or text; each
loads the word lists once, from Dateline's cache.  Small corpora stay in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from multiprocessing.synchronize import Event
from typing import Callable, Iterable, Iterator

from ..corpus.articles import Article
from ..extract import extract_or_date_only
from ..extract.lexicon import lexicon
from .packing import pack

# Below both, starting workers costs more than it saves.
PARALLEL_THRESHOLD = 400  # articles
PARALLEL_CHARS = 400_000  # characters: a few long articles are worth workers too
CHUNK = 250  # articles sent to a worker at a time, or fewer that hold CHUNK_CHARS
CHUNK_CHARS = 250_000
AHEAD = 2  # chunks per worker handed out while the corpus is still being read
LAST_CHUNK_SPLIT = 5  # the last CHUNK articles per worker go out in chunks this many times smaller
# Seconds a thread may hold the GIL while another waits for it, while the workers run (see
# _submit); Python's default is 5 ms.
SWITCH_INTERVAL = 0.0005

ArticleFields = tuple[str, date | None, int]


_dropped: Event | None = None  # in a worker: set by the parent when it no longer wants the results


def _worker_start(dropped: Event) -> None:
    global _dropped
    _dropped = dropped
    # Nothing a worker prints may reach the terminal: the reader app owns the screen.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    # Extraction makes no reference cycles (a test checks): the cycle collector would
    # only walk the workers' objects again and again, a quarter of their time.
    gc.disable()
    _exit_with_parent()
    lexicon()


def _exit_with_parent() -> None:
    """A reader killed mid-load (a dropped SSH link hangs it up) cannot stop its workers,
    and they would wait for work forever: each leaves as soon as its parent is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


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


Failure = tuple[int, str]  # an article's number (in its chunk, or in the corpus) and what went wrong


def _extract_chunk(chunk: list[ArticleFields]) -> tuple[list[bytes], list[Failure]]:
    packed: list[bytes] = []
    failures: list[Failure] = []
    for text, day, start in chunk:
        if _dropped is not None and _dropped.is_set():
            break
        extraction, error = extract_or_date_only(text, day, start)
        if error:
            failures.append((len(packed), error))
        packed.append(pack(extraction))
    return packed, failures


def worker_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ExtractionPool:
    """The extraction of a corpus, started while the corpus is still being read: articles
    come in with `add` (in corpus order) and go to the workers a chunk at a time, once
    there are enough of them to be worth starting processes for; a small corpus is
    extracted in this process by `results`."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = worker_count() if workers is None else workers
        self._articles: list[Article] = []
        self._submitted = 0  # articles handed to the workers so far
        self._characters = 0  # in the articles added
        self._executor: ProcessPoolExecutor | None = None
        self._dropped: Event | None = None
        self._futures: list[tuple[int, Future]] = []
        self._done_before = 0  # the futures before this one are done
        self._switch_interval: float | None = None  # this process's own, while the workers run
        self.failures: list[Failure] = []  # articles an extractor failed on, shown on their dates alone

    def add(self, articles: Iterable[Article], last: bool = False) -> None:
        """More articles, in corpus order; `last` when no more will come, so that the
        workers are handed all of them at once."""
        added = len(self._articles)
        self._articles.extend(articles)
        self._characters += sum(len(a.text) for a in self._articles[added:])
        if self._executor is not None or self._worth_workers():
            self._submit(whole_chunks_only=not last)

    def _worth_workers(self) -> bool:
        return self.workers > 1 and (len(self._articles) >= PARALLEL_THRESHOLD or self._characters >= PARALLEL_CHARS)

    def results(
        self,
        on_progress: Callable[[int], None] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> Iterator[tuple[int, bytes]]:
        """(article number, packed extraction) for every article added, in order.
        `meanwhile` runs in this process while the workers extract."""
        articles = self._articles
        if self._executor is None and not self._worth_workers():
            if meanwhile:
                meanwhile()
            for number, article in enumerate(articles):
                extraction, error = extract_or_date_only(article.text, article.date, article.body_start)
                if error:
                    self.failures.append((number, error))
                yield number, pack(extraction)
                if on_progress and number % CHUNK == CHUNK - 1:
                    on_progress(number + 1)
            if on_progress:
                on_progress(len(articles))
            return
        self._submit(whole_chunks_only=False)
        if meanwhile:
            meanwhile()
        done = 0
        for start, future in self._futures:
            results, failures = future.result()
            self.failures.extend((start + offset, error) for offset, error in failures)
            for offset, packed in enumerate(results):
                yield start + offset, packed
            done += len(results)
            if on_progress:
                on_progress(done)
        self.close()

    def close(self) -> None:
        """Stop the workers.  Before the end of `results` this drops the extraction (the
        reader is quitting): what they have not started is cancelled, and a worker in
        the middle of a chunk leaves it after the article at hand.  (Terminating a worker
        instead can leave half a result in the pipe, and the executor waiting forever.)"""
        if self._executor is None:
            return
        if self._dropped is not None and not all(future.done() for _, future in self._futures):
            self._dropped.set()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None

    def _submit(self, whole_chunks_only: bool) -> None:
        articles = self._articles
        with _plain_stdio():  # submitting is what starts the processes
            if self._executor is None:
                # fork is the quicker start; with threads running (the reader app), spawn is safe.
                fork = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
                context = multiprocessing.get_context("fork" if fork else "spawn")
                self._dropped = context.Event()
                self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                                     initializer=_worker_start, initargs=(self._dropped,))
                # The executor's thread reads each chunk's results, a pipe read at a time, and
                # needs the GIL back after each; meanwhile the worker cannot go on.  A short
                # switch interval gives it back sooner (docs/benchmarks.md, extraction pool).
                self._switch_interval = sys.getswitchinterval()
                sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL))
            while (end := self._chunk_end(whole_chunks_only)) is not None:
                start = self._submitted
                chunk = [(a.text, a.date, a.body_start) for a in articles[start:end]]
                self._futures.append((start, self._executor.submit(_extract_chunk, chunk)))
                self._submitted = end

    def _chunks_in_hand(self) -> int:
        """Chunks handed out and not yet done (the workers take them in order)."""
        futures = self._futures
        while self._done_before < len(futures) and futures[self._done_before][1].done():
            self._done_before += 1
        return sum(not future.done() for _, future in futures[self._done_before :])

    def _chunk_end(self, whole_chunks_only: bool) -> int | None:
        """Where the next chunk of articles ends: after CHUNK of them, or sooner once they
        hold CHUNK_CHARS; None if the articles waiting make no whole chunk yet, or if the
        workers have enough to do while the corpus is still being read.  The rest are cut
        once the corpus's end is known, the last chunks smaller: else a worker with
        nothing left would wait, its core idle, for the other's last chunk."""
        start, articles = self._submitted, self._articles
        if whole_chunks_only and self._chunks_in_hand() >= AHEAD * self.workers:
            return None
        size, size_chars = CHUNK, CHUNK_CHARS
        if not whole_chunks_only and len(articles) - start <= CHUNK * self.workers:
            size, size_chars = max(1, CHUNK // LAST_CHUNK_SPLIT), max(1, CHUNK_CHARS // LAST_CHUNK_SPLIT)
        last = min(len(articles), start + size)
        characters = 0
        for end in range(start, last):
            characters += len(articles[end].text)
            if characters >= size_chars:
                return end + 1
        if last - start == size or (last > start and not whole_chunks_only):
            return last
        return None
