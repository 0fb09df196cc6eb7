#!/usr/bin/env python3
"""Search engines for the store (issue 21), side by side on Dateline's own queries:
Dateline's search (tui/index/search.py: tantivy in memory, with Dateline's words, title
weight and exact prefixes), tantivy as it comes (its own tokenizer and query parser) in
memory and on disk, and SQLite FTS5 on disk, at the corpus's size and at N copies of it.

    python bench/bench_store.py ../shared/corpora/reuters21578.jsonl [--copies 1 10]

Each engine runs in a process of its own, so that its peak memory is its own; the copies
get new ids and are never written into the project (indexes go to a temporary folder).
Per engine: build time, peak memory above the loaded corpus, size on disk, a fresh
process's reopen and first answer (disk engines), and per query class p50 / p95 of top 20
plus the exact number of matching articles. The search-as-you-type row is the prefix
count of each keystroke of "protectionism"; every engine's counts must agree.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_search import QUERIES, TYPED, fts_query  # noqa: E402

from tui.corpus.loaders import load_corpus  # noqa: E402
from tui.index.query import parse_query  # noqa: E402
from tui.index.search import SearchIndex  # noqa: E402

ENGINES = ("dateline", "tantivy-ram", "tantivy-disk", "fts5")
RUNS = 5


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(corpus: str, copies: int) -> list[tuple[str, str]]:
    articles = load_corpus([corpus]).articles
    return [(a.title, a.text) for _ in range(copies) for a in articles]


def quantiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed_queries(answer) -> dict:
    """p50/p95 per class of answer(query) (top 20 and the count), and the typed counts."""
    rows: dict = {}
    for kind, queries in QUERIES.items():
        times = []
        for query in queries:
            answer(query)  # warm
            for _ in range(RUNS):
                start = time.perf_counter()
                answer(query)
                times.append((time.perf_counter() - start) * 1000)
        rows[kind] = quantiles(times)
    typed, counts = [], []
    for n in range(1, len(TYPED) + 1):
        query = TYPED[:n] + "*"
        answer(query)
        start = time.perf_counter()
        counts.append(answer(query))
        typed.append((time.perf_counter() - start) * 1000)
    rows["as you type"] = quantiles(typed)
    return {"queries": rows, "typed_counts": counts}


# --- the engines, each run in its own process ------------------------------------------

def run_dateline(corpus_texts: list[tuple[str, str]], _workdir: Path) -> dict:
    before = peak_mib()
    start = time.perf_counter()
    index = SearchIndex.of(corpus_texts)
    index.prepare()
    built = time.perf_counter() - start

    def answer(text: str) -> int:
        result = index.search(parse_query(text))
        result.top(20)
        return result.documents

    return {"build_s": built, "memory_mib": peak_mib() - before, **timed_queries(answer)}


def tantivy_schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=False)
    builder.add_text_field("text", stored=False)
    builder.add_integer_field("number", stored=True, fast=True, indexed=False)
    return builder.build()


def tantivy_answer(tantivy, index, schema):
    searcher = index.searcher()

    def answer(text: str) -> int:
        if text.endswith("*") and " " not in text:  # an exact prefix: a regex, not the parser's 50 terms
            pattern = text[:-1].lower() + ".*"
            fields = [tantivy.Query.regex_query(schema, field, pattern) for field in ("title", "text")]
            query = tantivy.Query.boolean_query([(tantivy.Occur.Should, field) for field in fields])
        else:
            query = index.parse_query(text.replace("*", ""), ["title", "text"], conjunction_by_default=True)
        result = searcher.search(query, 20, count=True)
        return result.count

    return answer


def run_tantivy(corpus_texts: list[tuple[str, str]], workdir: Path, on_disk: bool) -> dict:
    import tantivy

    before = peak_mib()
    start = time.perf_counter()
    schema = tantivy_schema()
    path = workdir / "tantivy"
    if on_disk:
        path.mkdir(exist_ok=True)
    index = tantivy.Index(schema, path=str(path)) if on_disk else tantivy.Index(schema)
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    for number, (title, text) in enumerate(corpus_texts):
        writer.add_document(tantivy.Document(title=title, text=text, number=number))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    built = time.perf_counter() - start
    row = {"build_s": built, "memory_mib": peak_mib() - before}
    if on_disk:
        row["disk_mb"] = sum(f.stat().st_size for f in path.iterdir()) / 1e6
    return {**row, **timed_queries(tantivy_answer(tantivy, index, schema))}


def run_fts5(corpus_texts: list[tuple[str, str]], workdir: Path) -> dict:
    before = peak_mib()
    start = time.perf_counter()
    path = workdir / "fts5.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='unicode61', prefix='1 2 3')")
    with db:
        db.executemany("INSERT INTO docs(title, text) VALUES (?, ?)", corpus_texts)
    db.execute("INSERT INTO docs(docs) VALUES('optimize')")
    db.commit()
    built = time.perf_counter() - start

    def answer(text: str) -> int:
        match = fts_query(text)
        db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20", (match,)).fetchall()
        return db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()[0]

    row = {"build_s": built, "memory_mib": peak_mib() - before, "disk_mb": path.stat().st_size / 1e6}
    return {**row, **timed_queries(answer)}


def reopen(engine: str, workdir: Path) -> dict:
    """A fresh process: the clock starts before the engine's import and stops at the first
    answer ("cocoa", top 20 and the count)."""
    start = time.perf_counter()
    if engine == "tantivy-disk":
        import tantivy

        index = tantivy.Index.open(str(workdir / "tantivy"))
        count = tantivy_answer(tantivy, index, index.schema)("cocoa")
    else:
        db = sqlite3.connect(workdir / "fts5.sqlite")
        db.execute("SELECT rowid FROM docs WHERE docs MATCH 'cocoa' ORDER BY rank LIMIT 20").fetchall()
        count = db.execute("SELECT count(*) FROM docs WHERE docs MATCH 'cocoa'").fetchone()[0]
    return {"reopen_ms": (time.perf_counter() - start) * 1000, "reopen_mib": peak_mib(), "count": count}


def run_engine(engine: str, corpus: str, copies: int, workdir: Path) -> dict:
    corpus_texts = texts(corpus, copies)
    if engine == "dateline":
        return run_dateline(corpus_texts, workdir)
    if engine.startswith("tantivy"):
        return run_tantivy(corpus_texts, workdir, on_disk=engine == "tantivy-disk")
    return run_fts5(corpus_texts, workdir)


# --- the table ---------------------------------------------------------------------------

def print_table(copies: int, rows: dict) -> None:
    counts = {tuple(row["typed_counts"]) for row in rows.values()}
    agreement = "agree" if len(counts) == 1 else f"DIFFER: {sorted(counts)}"
    print(f"\n{copies} x the corpus; the typed prefix counts {agreement}")
    print(f"{'':26}" + "".join(f"{engine:>16}" for engine in ENGINES))

    def line(label: str, cell) -> None:
        print(f"{label:26}" + "".join(f"{cell(rows[engine]):>16}" for engine in ENGINES))

    line("build, s", lambda r: f"{r['build_s']:.1f}")
    line("peak above corpus, MiB", lambda r: f"{r['memory_mib']:.0f}")
    line("on disk, MB", lambda r: f"{r['disk_mb']:.0f}" if "disk_mb" in r else "-")
    line("reopen + first answer, ms", lambda r: f"{r['reopen_ms']:.0f}" if "reopen_ms" in r else "-")
    line("reopen peak RSS, MiB", lambda r: f"{r['reopen_mib']:.0f}" if "reopen_mib" in r else "-")
    for kind in [*QUERIES, "as you type"]:
        line(kind, lambda r, kind=kind: "{:.2f} / {:.2f}".format(*r["queries"][kind]))


def child(*arguments: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *arguments], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # internal: run one engine
    parser.add_argument("--reopen", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.engine:
        print(json.dumps(run_engine(options.engine, options.corpus, options.copies[0], Path(options.workdir))))
        return 0
    if options.reopen:
        print(json.dumps(reopen(options.reopen, Path(options.workdir))))
        return 0
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} cores; "
          f"p50 / p95 ms over {RUNS} runs of each query")
    for copies in options.copies:
        rows = {}
        for engine in ENGINES:
            with tempfile.TemporaryDirectory(prefix="dateline-store-bench-") as workdir:
                row = child(options.corpus, "--copies", str(copies), "--engine", engine, "--workdir", workdir)
                if engine in ("tantivy-disk", "fts5"):
                    row.update(child(options.corpus, "--reopen", engine, "--workdir", workdir))
            rows[engine] = row
        print_table(copies, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
