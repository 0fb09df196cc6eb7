"""The extraction workers never outlive what they work for: a reader that quits mid-load
drops the extraction, and a reader that is killed takes its workers with it."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.app.reader import DatelineApp
from tui.app.status_line import StatusLine
from tui.corpus.articles import Article
from tui.index.catalog import Catalog
from tui.index.opening import cached_catalog

PARAGRAPH = (
    "NEW YORK, March {day} - Acme Holdings Inc said on Tuesday it would buy {n} stores from "
    "Beta Markets Corp for $1.{n} billion, and Chief Executive John Smith told reporters in "
    "Chicago that sales rose {n} pct last year to 4{n} mln dlrs. The deal, first announced in "
    "June 1986, is expected to close by the end of the third quarter. "
)


def write_large_corpus(path: Path, articles: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            text = "".join(PARAGRAPH.format(day=1 + n % 28, n=n + k) for k in range(6))
            out.write(json.dumps({"id": f"a{n}", "date": "1987-03-31", "text": text}) + "\n")
    return path


def short_articles(count: int) -> list[Article]:
    return [Article(id=f"a{n}", text=f"Talks {n} resumed in Geneva on March 3.") for n in range(count)]


def gone(pid: int) -> bool:
    """No such process, or only its exit status left (a zombie nobody has reaped)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


KILLED_PARENT = """
import multiprocessing, threading, time
from tui.corpus.articles import Article
from tui.index.extraction_pool import ExtractionPool

threading.Thread(target=time.sleep, args=(60,), daemon=True).start()  # threads: spawn, as in the reader
pool = ExtractionPool(workers=2)
pool.add([Article(id=str(n), text=f"Talks {n} resumed in Geneva on March 3.") for n in range(600)])
print(*[child.pid for child in multiprocessing.active_children()], flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_leave_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", KILLED_PARENT], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)  # as a hung-up SSH session or `kill -9` would
    parent.wait()
    deadline = time.monotonic() + 30
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if not gone(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "extraction workers outlived their parent"


async def test_quitting_mid_load_drops_the_extraction(tmp_path):
    corpus = write_large_corpus(tmp_path / "large.jsonl", 3000)
    app = DatelineApp([str(corpus)])
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):
            if app.query_one(StatusLine).note.startswith("Reading names"):
                break
            await pilot.pause(0.05)
        assert app.query_one(StatusLine).note.startswith("Reading names"), app.query_one(StatusLine).note
        await pilot.press("q")
    await asyncio.get_running_loop().shutdown_default_executor()  # the loading thread has ended
    assert not multiprocessing.active_children()
    assert not isinstance(app.reader.catalog, Catalog)  # the load stopped ...
    assert cached_catalog([str(corpus)]) is None  # ... and cached nothing


def test_a_few_long_articles_are_extracted_in_workers_in_chunks_by_size(monkeypatch):
    """A corpus of a few long articles (reports, transcripts) is worth workers too: the
    threshold and the chunks count characters as well as articles."""
    from tui.extract import extract
    from tui.index import extraction_pool
    from tui.index.packing import pack

    articles = [Article(id=f"a{n}", text="".join(PARAGRAPH.format(day=n + 1, n=n + k) for k in range(6)))
                for n in range(4)]
    shortest = min(len(a.text) for a in articles)
    monkeypatch.setattr(extraction_pool, "PARALLEL_CHARS", 3 * shortest)
    monkeypatch.setattr(extraction_pool, "CHUNK_CHARS", shortest)
    pool = extraction_pool.ExtractionPool(workers=2)
    try:
        pool.add(articles)
        assert pool._executor is not None  # 4 articles, far below PARALLEL_THRESHOLD
        assert [start for start, _future in pool._futures] == [0, 1, 2, 3]  # one long article a chunk
        assert list(pool.results()) == [(n, pack(extract(a))) for n, a in enumerate(articles)]
    finally:
        pool.close()


def test_the_rest_of_a_corpus_waits_for_its_end_to_be_cut_with_smaller_last_chunks(monkeypatch):
    """Else a worker done with its last chunk would wait, a core idle, for the other's."""
    from tui.extract import extract
    from tui.index import extraction_pool
    from tui.index.packing import pack

    monkeypatch.setattr(extraction_pool, "CHUNK", 10)
    monkeypatch.setattr(extraction_pool, "PARALLEL_THRESHOLD", 50)
    articles = short_articles(95)
    pool = extraction_pool.ExtractionPool(workers=2)
    try:
        pool.add(articles)  # the workers are still starting: none of their chunks is done
        assert [start for start, _future in pool._futures] == [0, 10, 20, 30]  # AHEAD chunks a worker
        assert list(pool.results()) == [(n, pack(extract(a))) for n, a in enumerate(articles)]
        starts = [start for start, _future in pool._futures]
        sizes = [end - start for start, end in zip(starts, [*starts[1:], len(articles)], strict=False)]
        assert sizes == [10] * 8 + [2] * 7 + [1]  # the last 10 articles a worker, in fifths
    finally:
        pool.close()


def test_threads_take_turns_quickly_while_the_workers_run_and_as_before_after(monkeypatch):
    """The thread that reads the workers' results must not wait long for the GIL: a worker
    waits until its results are read."""
    from tui.index import extraction_pool

    monkeypatch.setattr(extraction_pool, "PARALLEL_THRESHOLD", 50)
    before = sys.getswitchinterval()
    pool = extraction_pool.ExtractionPool(workers=2)
    try:
        pool.add(short_articles(60))
        assert sys.getswitchinterval() == extraction_pool.SWITCH_INTERVAL < before
        assert len(list(pool.results())) == 60
        assert sys.getswitchinterval() == before
    finally:
        pool.close()
    assert sys.getswitchinterval() == before
