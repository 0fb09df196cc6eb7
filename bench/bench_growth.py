#!/usr/bin/env python3
"""Growth benchmark: a folder corpus that changes between opens, as a newsroom's does.
The corpus's last 1,000 articles are held back, the rest written to a folder outside
the project, and the folder is opened in turn: cold, unchanged, with a new file holding
the 1,000 articles, with one article of that file rewritten, and with the file removed.
Each open runs in a fresh process on one cache folder; the table shows medians of
--repeat rounds, each from an empty cache.

    python bench/bench_growth.py ../shared/corpora/reuters21578.jsonl [--repeat 3] [--scale 1] [--source]

"open" is the time until the catalog is complete (the reader is usable then, and
`dateline` commands answer); the cache is written afterwards, as the reader does, and
timed apart, but for a cache entry grown by an added file, written before the catalog
is read from it.  "extracted" counts the articles that went to the extractors.  The commands run on
the unchanged folder, timed from the shell (the interpreter's start included).
--scale N writes the held-back part's rest N times, as N files (new ids, the same
texts): a folder N times larger that gains the same file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDED = 1000  # articles in the file that the folder gains

CHILD = r"""
import json, resource, sys, time
if sys.argv[2]:
    sys.path.insert(0, sys.argv[2])
start = time.perf_counter()
import tui.index.extraction_pool as extraction_pool
from tui.index.opening import open_catalog, write_to_cache
extracted = 0  # the articles handed to the extractors: a grown cache entry extracts too
handed_over = extraction_pool.ExtractionPool.add
def counted(pool, articles, last=False):
    global extracted
    articles = list(articles)
    extracted += len(articles)
    handed_over(pool, articles, last)
extraction_pool.ExtractionPool.add = counted
catalog = open_catalog([sys.argv[1]], write_cache=False)
seconds = time.perf_counter() - start
written = time.perf_counter()
write_to_cache(catalog)
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "write_seconds": time.perf_counter() - written, "peak_mb": peak / 1024,
                  "articles": len(catalog.articles), "extracted": extracted}))
"""

CLI_CHILD = r"""
import json, os, resource, sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
from tui.cli import main
shown, sys.stdout = sys.stdout, open(os.devnull, "w")
code = main(sys.argv[2:])
sys.stdout = shown
print(json.dumps({"code": code, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
COMMANDS = {"--summary": ["--summary"], 'search "trade deficit"': ["search", "trade deficit"]}
STEPS = ("cold", "unchanged", *COMMANDS, "file added", "one article changed", "file removed")


def open_once(folder: Path, cache_home: Path, source: bool) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    result = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(ROOT) if source else ""],
                            capture_output=True, text=True, check=True, env=env, cwd=tempfile.gettempdir())
    return json.loads(result.stdout.strip().splitlines()[-1])


def command_once(folder: Path, cache_home: Path, source: bool, arguments: list[str]) -> dict:
    """A command from the shell on the cached folder: its wall time, interpreter included."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CLI_CHILD, str(ROOT) if source else "", *arguments, str(folder)],
                            capture_output=True, text=True, check=True, env=env, cwd=tempfile.gettempdir())
    seconds = time.perf_counter() - started
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["code"] == 0, result.stderr
    return {"seconds": seconds, "write_seconds": 0.0, "peak_mb": answer["peak_mb"], "articles": 0, "extracted": 0}


def write_folder(corpus: Path, folder: Path, scale: int) -> list[str]:
    """The corpus but its last ADDED articles, as `scale` files; returns the held-back lines."""
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept, held = lines[:-ADDED], lines[-ADDED:]
    for copy in range(scale):
        with (folder / f"part-{copy}.jsonl").open("w", encoding="utf-8") as out:
            for number, line in enumerate(kept):
                record = json.loads(line)
                if copy:
                    record["id"] = f"{record.get('id', number)}~{copy}"
                out.write(json.dumps(record) + "\n")
    return held


def one_round(corpus: Path, scale: int, source: bool) -> dict[str, dict]:
    scratch = Path(tempfile.mkdtemp(prefix="dateline-bench-growth-"))
    try:
        folder, cache_home = scratch / "corpus", scratch / "cache"
        folder.mkdir()
        held = write_folder(corpus, folder, scale)
        added = folder / "added.jsonl"
        rows = {"cold": open_once(folder, cache_home, source), "unchanged": open_once(folder, cache_home, source)}
        for name, arguments in COMMANDS.items():
            rows[name] = command_once(folder, cache_home, source, arguments)
        added.write_text("\n".join(held) + "\n", encoding="utf-8")
        rows["file added"] = open_once(folder, cache_home, source)
        record = json.loads(held[len(held) // 2])
        record["text"] = record["text"] + "\nThe company said on Monday it would add 50 jobs."
        held[len(held) // 2] = json.dumps(record)
        added.write_text("\n".join(held) + "\n", encoding="utf-8")
        rows["one article changed"] = open_once(folder, cache_home, source)
        added.unlink()
        rows["file removed"] = open_once(folder, cache_home, source)
        return rows
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1, help="the folder's files: copies of the corpus")
    parser.add_argument("--source", action="store_true", help="the source tree, not the installed package")
    options = parser.parse_args()
    rounds = [one_round(options.corpus.resolve(), options.scale, options.source) for _ in range(options.repeat)]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {options.repeat} rounds; "
          f"{'source tree' if options.source else 'installed package'}")
    print(f"{'':22} {'articles':>9} {'extracted':>10} {'open s':>8} {'then cache s':>13} {'peak MB':>8}")
    for step in STEPS:
        runs = [r[step] for r in rounds]
        median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        print(f"{step:22} {median['articles']:9,.0f} {median['extracted']:10,.0f} {median['seconds']:8.2f} "
              f"{median['write_seconds']:13.2f} {median['peak_mb']:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
