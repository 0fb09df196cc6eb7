#!/usr/bin/env python3
"""The reader on a large corpus: what one keystroke costs.

    python bench/bench_reader.py [--repeat N] ../shared/corpora/reuters21578.jsonl

1. Search as you type: for each prefix of "protectionism" (p, pr, ..., protectionism*)
   the query, the timeline narrowed to the matching articles, the article's hits, and
   every visible line of the timeline and the article drawn again (80x24 and 120x40);
   then the word typed into a running reader: the time to its count on the status line,
   to the timeline narrowed, and the reader's own thread's share (the rest is done in
   the search's thread).
2. Timeline steps in a real pseudo-terminal at 80x24: the bytes the app writes for one
   `j` (what crosses an SSH link), split into the cursor's move (timeline and status
   line) and the article it opens, and the time from the key to the first and last byte.
3. Launch: time to first paint, to the first usable screen (timeline rows and an
   article), and to the answer of a search typed then, with and without a cache.
The corpus is loaded once first so that its cache exists for parts 1 and 2.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pty_session import PtySession  # noqa: E402
from tui.app.article import ArticleView  # noqa: E402
from tui.app.reader import DatelineApp  # noqa: E402
from tui.app.reader_screen import ReaderScreen, as_you_type  # noqa: E402
from tui.app.timeline import Timeline  # noqa: E402
from tui.index.catalog import Catalog  # noqa: E402
from tui.index.opening import open_catalog  # noqa: E402
from tui.index.query import parse_query  # noqa: E402

WORD = "protectionism"
PLAIN = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


async def search_as_you_type(catalog: Catalog, size: tuple[int, int]) -> list[tuple[str, float, int]]:
    app = DatelineApp(catalog=catalog)
    rows = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # near-duplicates found: the timeline folds them
        timeline, view = app.query_one(Timeline), app.query_one(ArticleView)
        for n in range(1, len(WORD) + 1):
            text = WORD[:n]
            start = time.perf_counter()
            result = catalog.index.search(parse_query(as_you_type(text)))
            app.reader.search_text, app.reader.search_result = text, result
            app.reader.refresh_timeline()
            if timeline.current_event is not None:
                app.reader.show_event(timeline.current_event)
            for y in range(timeline.size.height):
                timeline.render_line(y)
            for y in range(view.size.height):
                view.render_line(y)
            rows.append((text, (time.perf_counter() - start) * 1000, result.documents))
    return rows


async def answers_on_the_readers_thread(catalog: Catalog) -> list[tuple[str, float, float, float]]:
    """The word typed into a running reader at 80x24, letter by letter, each answer
    awaited.  Per letter: the time from the search line's change to its count on the
    status line and to the timeline narrowed (both worked out in the search's thread),
    and the time the reader's own thread spends taking the narrowed timeline."""
    changed: dict[str, float] = {}
    counted: dict[str, float] = {}
    costs: list[tuple[str, float, float, float]] = []
    take, summary, change = ReaderScreen._show_search, ReaderScreen._search_summary, ReaderScreen.on_input_changed

    def timed_change(screen, message):
        changed[message.value] = time.perf_counter()
        change(screen, message)

    def timed_summary(text, result):
        counted.setdefault(text, time.perf_counter())
        return summary(text, result)

    def timed(screen, text, *rest):
        start = time.perf_counter()
        take(screen, text, *rest)
        end = time.perf_counter()
        costs.append((text, (counted[text] - changed[text]) * 1000, (end - changed[text]) * 1000,
                      (end - start) * 1000))

    app = DatelineApp(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        ReaderScreen._show_search = timed  # type: ignore[method-assign]
        ReaderScreen._search_summary = staticmethod(timed_summary)  # type: ignore[method-assign]
        ReaderScreen.on_input_changed = timed_change  # type: ignore[method-assign]
        try:
            for letter in WORD:
                await pilot.press(letter)
                await app.workers.wait_for_complete()
                await pilot.pause()
        finally:
            ReaderScreen._show_search = take  # type: ignore[method-assign]
            ReaderScreen._search_summary = staticmethod(summary)  # type: ignore[method-assign]
            ReaderScreen.on_input_changed = change  # type: ignore[method-assign]
    return costs


MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")


def bytes_by_region(chunk: bytes, height: int) -> dict[str, int]:
    """Split what the app wrote into where it went: Textual moves the cursor before each
    stretch it redraws, so a stretch starting in column 1 is the timeline (the leftmost
    pane), one further right is the article, and the last two rows are the status line
    and the footer."""
    regions = {"timeline": 0, "article": 0, "status": 0}
    timeline_rows = set()
    moves = list(MOVE.finditer(chunk))
    regions["status"] += moves[0].start() if moves else len(chunk)  # anything before the first move
    for number, move in enumerate(moves):
        end = moves[number + 1].start() if number + 1 < len(moves) else len(chunk)
        row, column = int(move[1]), int(move[2])
        region = "status" if row >= height - 1 else "timeline" if column == 1 else "article"
        regions[region] += end - move.start()
        if region == "timeline":
            timeline_rows.add(row)
    regions["timeline_rows"] = len(timeline_rows)
    return regions


def loaded_session(corpus: str, cache_home: str) -> PtySession:
    """The reader started on the corpus, once it has loaded everything: the stages of a
    load redraw the screen, which is no step's doing.  Loaded means the status line has
    said "events" and the app has then written nothing for a second."""
    session = PtySession([corpus] if corpus else [], env={"XDG_CACHE_HOME": cache_home})
    session.wait_for(b"events", seconds=120)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        size = len(session.output)
        session.read(1.0)
        if len(session.output) == size:
            break
    return session


def timeline_steps(corpus: str, steps: int, cache_home: str) -> list[dict[str, float]]:
    """Per step: bytes by region, the time to the first byte (the cursor moving) and to
    the last (the article it opens drawn), in ms."""
    session = loaded_session(corpus, cache_home)
    results = []
    for _ in range(steps):
        before = len(session.output)
        start = time.monotonic()
        os.write(session.master, b"j")
        first = last = None
        while time.monotonic() - (last or start) < 0.15:  # quiet for 150 ms: the step is done
            size = len(session.output)
            session.read(0.002)
            if len(session.output) != size:
                last = time.monotonic()
                first = first or last
        step = bytes_by_region(bytes(session.output[before:]), 24)
        step["first_ms"] = ((first or start) - start) * 1000
        step["last_ms"] = ((last or start) - start) * 1000
        results.append(step)
    session.type("q")
    session.finish()
    return results


def held_key(corpus: str, steps: int, cache_home: str, gap: float = 0.025) -> tuple[float, float]:
    """j pressed `steps` times, `gap` apart, as a held key repeats: bytes per step while
    moving, and the bytes of the article drawn once the cursor rests."""
    session = loaded_session(corpus, cache_home)
    before = len(session.output)
    for _ in range(steps):
        os.write(session.master, b"j")
        session.read(gap)
    moving = len(session.output) - before
    settled_from = len(session.output)
    session.read(0.5)
    settled = len(session.output) - settled_from
    session.type("q")
    session.finish()
    return moving / steps, settled


def launch(corpus: list[str], cache_home: str) -> tuple[float, float, float]:
    """Seconds to the first paint, to the first usable screen, and to the first answer of
    a search typed as soon as the screen is usable."""
    start = time.monotonic()
    session = PtySession(corpus, env={"XDG_CACHE_HOME": cache_home})
    first = usable = answered = None
    while time.monotonic() - start < 120:
        session.read(0.01)
        screen = PLAIN.sub(b"", bytes(session.output))
        if first is None and b"Search" in screen:
            first = time.monotonic() - start
        if usable is None and re.search(rb"of [\d,]+ events", screen):
            usable = time.monotonic() - start
            first = usable if first is None else first  # the footer came in the same read, or later
            typed_at = len(session.output)
            session.type("/trade")
        if usable is not None and re.search(rb"trade\*\W+ (?:[\d,]+ hits? in )?[\d,]+ articles?",
                                            PLAIN.sub(b"", bytes(session.output[typed_at:]))):
            answered = time.monotonic() - start
            break
    session.type("\x1b")
    session.type("q")
    session.finish()
    nan = float("nan")
    return first or nan, usable or nan, answered or nan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", help="a corpus file or folder (default: the bundled seeds)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="launches and search-as-you-type runs to take medians of (default 3)")
    parser.add_argument("--cache", help="a cache folder to use and keep (a corpus too large to load cold at each "
                        "run): the cold launches are left out")
    options = parser.parse_args()
    corpus, repeat = options.corpus, max(1, options.repeat)
    paths = [corpus] if corpus else []
    scratch = tempfile.mkdtemp(prefix="dateline-bench-")
    try:
        return run(paths, corpus, repeat, scratch, options.cache)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(paths: list[str], corpus: str | None, repeat: int, scratch: str, kept_cache: str | None) -> int:
    cold = []
    for number in range(0 if kept_cache else repeat):  # each with an empty cache of its own
        cold.append(launch(paths, os.path.join(scratch, f"cold-{number}")))
    cache_home = kept_cache or os.path.join(scratch, "cache")
    os.environ["XDG_CACHE_HOME"] = cache_home
    catalog = open_catalog(paths or None)
    warm = [launch(paths, cache_home) for _ in range(repeat)]
    print(f"{len(catalog.articles):,} articles, {len(catalog.timeline):,} events; medians of {repeat} runs")
    print("\nlaunch (s)              first paint  usable screen  search answers   usable, each run")
    for label, runs in (("cold (no cache)", cold), ("with cache", warm)) if cold else (("with cache", warm),):
        each = ", ".join(f"{usable:.2f}" for _, usable, _ in runs)
        print(
            f"  {label:22} {statistics.median(r[0] for r in runs):11.2f}  "
            f"{statistics.median(r[1] for r in runs):13.2f}  {statistics.median(r[2] for r in runs):14.2f}   {each}"
        )

    for size in ((80, 24), (120, 40)):
        runs = [asyncio.run(search_as_you_type(catalog, size)) for _ in range(repeat)]
        print(
            f"\nsearch as you type at {size[0]}x{size[1]}: query + narrowed timeline + redraw (ms, median of the runs)"
        )
        medians = []
        for keystroke in zip(*runs, strict=False):
            text, documents = keystroke[0][0], keystroke[0][2]
            medians.append(statistics.median(ms for _, ms, _ in keystroke))
            print(f"  {text + '*':16} {medians[-1]:8.2f}   {documents:6,} articles")
        each = ", ".join(f"{p95([ms for _, ms, _ in run]):.2f}" for run in runs)
        print(f"  p50 {statistics.median(medians):.2f} ms, p95 {p95(medians):.2f} ms, worst {max(medians):.2f} ms; "
              f"p95 of each run: {each} ms")

    runs = [asyncio.run(answers_on_the_readers_thread(catalog)) for _ in range(repeat)]
    print("\nsearch as you type, typed into the reader (ms, median of the runs): from the search line's change to"
          "\nthe count on the status line and to the timeline narrowed, and the reader's own thread's share")
    columns = [[statistics.median(row[column] for row in keystroke) for keystroke in zip(*runs, strict=False)]
               for column in (1, 2, 3)]
    for (text, *_rest), count, narrowed, own in zip(runs[0], *columns, strict=False):
        print(f"  {text + '*':16} count {count:7.2f}   narrowed {narrowed:7.2f}   own thread {own:6.2f}")
    for label, medians in zip(("count", "narrowed", "own thread"), columns, strict=True):
        print(f"  {label:10} p50 {statistics.median(medians):6.2f} ms, p95 {p95(medians):6.2f} ms, "
              f"worst {max(medians):6.2f} ms")

    steps = timeline_steps(corpus or "", 40 if corpus else 10, cache_home)
    print("\ntimeline step (j) in a pty at 80x24, one at a time (each opens its article)")
    print("  bytes written              mean   median      p95      max")
    for label, parts in (("moving the cursor", ("timeline", "status")), ("the article it opens", ("article",)),
                         ("all", ("timeline", "status", "article"))):
        written = [sum(step[part] for part in parts) for step in steps]
        print(
            f"  {label:22} {statistics.mean(written):8.0f} {statistics.median(written):8.0f} "
            f"{p95(written):8.0f} {max(written):8.0f}"
        )
    # Two rows (the cursor's old and new one) unless the list scrolled: then every row is
    # drawn again, which no terminal app can send in 1 KB (21 rows of 32 columns and a
    # cursor move each are 800 bytes before any colour), so the list scrolls by a third
    # of a page at a time.  The mean is what a walk through the timeline costs per row.
    cursor = [step["timeline"] + step["status"] for step in steps if step["timeline_rows"] <= 2]
    scrolled = [step["timeline"] + step["status"] for step in steps if step["timeline_rows"] > 2]
    print(f"  steps that move the cursor only: {len(cursor)}, median {statistics.median(cursor or [0]):.0f} bytes; "
          f"that scroll the list: {len(scrolled)}, median {statistics.median(scrolled or [0]):.0f} bytes")
    firsts, lasts = [s["first_ms"] for s in steps], [s["last_ms"] for s in steps]
    print(
        f"  key to the cursor moved (first byte): median {statistics.median(firsts):.1f} ms, p95 {p95(firsts):.1f} ms"
    )
    print(f"  key to the article drawn (last byte): median {statistics.median(lasts):.1f} ms, p95 {p95(lasts):.1f} ms")
    per_step, settled = held_key(corpus or "", 30, cache_home)
    print("timeline steps with j held (30 presses, 25 ms apart)")
    print(
        f"  bytes per step while moving: {per_step:.0f}; the article drawn once the cursor rests: {settled:.0f} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
