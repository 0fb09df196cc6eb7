#!/usr/bin/env python3
"""Search latency: Dateline's index against SQLite FTS5 (in memory) and a linear scan, on
the same texts, in one run.  Prints build times, p50/p95 per query class and ratios.

    python bench/bench_search.py ../shared/corpora/reuters21578.jsonl [--repeat 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.corpus.loaders import load_corpus  # noqa: E402
from tui.index.search import SearchIndex  # noqa: E402

QUERIES = {
    "common": ["said", "pct", "the", "company", "market"],
    "rare": ["protectionism", "cocoa", "tokyo", "bundesbank", "yen"],
    "and": ["trade deficit", "oil prices", "interest rates", "japan exports", "bank loans"],
    "phrase": ['"trade deficit"', '"bank of england"', '"u.s. trade"', '"oil prices"', '"interest rates"'],
    "prefix": ["tarif*", "protect*", "export*", "bank*", "japan*"],
}
TYPED = "protectionism"


def timed(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def fts_query(text: str) -> str:
    if text.startswith('"'):
        return '"' + text.strip('"').replace(".", " ") + '"'
    return " AND ".join(w if w.endswith("*") else f'"{w}"' for w in text.replace(".", " ").split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    articles = load_corpus([options.corpus]).articles
    texts = [(a.title, a.text) for a in articles]
    print(f"{len(texts)} articles")

    start = time.perf_counter()
    index = SearchIndex.of(texts)
    index.prepare()
    build_ours = time.perf_counter() - start

    start = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='unicode61', prefix='1 2 3')")
    db.executemany(
        "INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)", ((i, t, x) for i, (t, x) in enumerate(texts))
    )
    build_fts = time.perf_counter() - start

    lowered = [(t + "\n" + x).lower() for t, x in texts]

    def ours(query: str):
        result = index.search(query)
        return result.documents, result.top(20)

    def fts(query: str):
        q = fts_query(query)
        count = db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (q,)).fetchone()[0]
        rows = db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 20", (q,)).fetchall()
        return count, rows

    def scan(query: str):
        words = (
            [w.strip('"*').lower() for w in query.split()] if not query.startswith('"') else [query.strip('"').lower()]
        )
        matched = [i for i, text in enumerate(lowered) if all(w in text for w in words)]
        return len(matched), matched[-20:]

    print(
        f"\nbuild: dateline {build_ours:.2f} s, FTS5 {build_fts:.2f} s, linear scan {0:.2f} s (lower-cased copy only)"
    )
    print(
        f"\n{'query class':12} {'dateline p50':>13} {'p95':>7} {'FTS5 p50':>9} {'p95':>7} "
        f"{'scan p50':>9} {'p95':>7}   ms"
    )
    everything = {"dateline": [], "fts5": [], "scan": []}
    for kind, queries in QUERIES.items():
        row = {}
        for name, engine in (("dateline", ours), ("fts5", fts), ("scan", scan)):
            times = [timed(lambda q=q, engine=engine: engine(q), options.repeat) for q in queries]
            everything[name].extend(times)
            row[name] = (statistics.median(times), max(times))
        print(
            f"{kind:12} {row['dateline'][0]:13.2f} {row['dateline'][1]:7.2f} {row['fts5'][0]:9.2f} "
            f"{row['fts5'][1]:7.2f} {row['scan'][0]:9.2f} {row['scan'][1]:7.2f}"
        )
    typed = [TYPED[: n] + "*" for n in range(1, len(TYPED) + 1)]
    row = {}
    for name, engine in (("dateline", ours), ("fts5", fts), ("scan", scan)):
        times = [timed(lambda q=q, engine=engine: engine(q), 1) for q in typed]  # each keystroke once, as typed
        row[name] = (statistics.median(times), max(times))
    print(
        f"{'as you type':12} {row['dateline'][0]:13.2f} {row['dateline'][1]:7.2f} {row['fts5'][0]:9.2f} "
        f"{row['fts5'][1]:7.2f} {row['scan'][0]:9.2f} {row['scan'][1]:7.2f}   (p..protectionism, worst keystroke)"
    )

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    ours95, fts95, scan95 = p95(everything["dateline"]), p95(everything["fts5"]), p95(everything["scan"])
    print(
        f"\nall {len(everything['dateline'])} queries p95: dateline {ours95:.2f} ms, "
        f"FTS5 {fts95:.2f} ms ({fts95 / ours95:.1f}x), linear scan {scan95:.2f} ms ({scan95 / ours95:.1f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
