#!/usr/bin/env python3
"""Load benchmark: full load + extraction + index, cold (a corpus not in the cache; also
Dateline's very first run, which makes its word lists too) and from the cache, against
the floor of simply reading and JSON-parsing the file, with peak memory.  Each measurement
runs in a fresh process; the table shows medians of --repeat runs.  A fixed CPU loop,
timed before and after in one process and in two at once, tells how fast the (often
shared) machine was meanwhile: the cold load runs two workers.

    python bench/bench_load.py ../shared/corpora/reuters21578.jsonl [--repeat 3] [--scale 5] [--source]

It measures the installed package (`pip install .` first: that is what `dateline` runs),
or with --source, or when none is installed, the source tree.  An installed package has
its extractors compiled with mypyc (see setup.py); the table then also shows a cold load
of the source tree, whose extractors are plain Python.

--scale N also measures a corpus N times larger (the articles repeated with new ids,
written to a temporary folder outside the project and removed afterwards).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
if sys.argv[3]:
    sys.path.insert(0, sys.argv[3])
mode, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if mode == "floor":
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    count = len(records)
    extra = {}
else:
    from tui.index.catalog import Catalog
    from tui.index.opening import open_catalog, write_to_cache
    catalog = open_catalog([path], write_cache=False)
    count = len(catalog.articles)
    extra = {"events": len(catalog.timeline), "names": len(catalog.names), "from_cache": catalog.from_cache}
seconds = time.perf_counter() - start
if mode != "floor":  # as the reader app does: the catalog is in use while its cache is written
    written = time.perf_counter()
    write_to_cache(catalog)
    extra["cache_write_seconds"] = time.perf_counter() - written
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "articles": count, **extra}))
"""


BUILD = r"""
import sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
import tui.extract.names as names
print(names.__file__)
"""


def run(mode: str, corpus: Path, cache_home: Path, source: bool) -> dict:
    """One measurement in a fresh process, started outside the project (else `python -c`
    would import the source tree whatever is installed)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(corpus.resolve()), str(ROOT) if source else ""],
        capture_output=True, text=True, check=True, env=env, cwd=tempfile.gettempdir(),
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def extractors_at(source: bool) -> Path | None:
    """Where the name finder comes from, in the source tree or the installed package; None
    if there is no installed package."""
    result = subprocess.run([sys.executable, "-c", BUILD, str(ROOT) if source else ""],
                            capture_output=True, text=True, cwd=tempfile.gettempdir())
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def forget_catalogs(cache_home: Path) -> None:
    """Remove the cached corpus (there must be one) and its remembered extractions,
    keeping the word lists: what a cold load finds."""
    folder = cache_home / "dateline"
    catalogs = list(folder.glob("catalog-*.store"))
    assert catalogs
    for entry in catalogs + list(folder.glob("extractions-*.store")):
        entry.unlink()


def measure(corpus: Path, repeat: int, source: bool, plain_too: bool = False) -> dict[str, dict]:
    """Each round starts from an empty cache folder.  The first run is Dateline's first
    run on this machine: it also makes the word lists that name finding uses, and keeps
    them in the cache for any later run on any corpus.  The second opens the corpus from
    the cache.  The third finds the word lists but not the corpus: a cold load."""
    rows: dict[str, list[dict]] = {"floor": [], "first": [], "cached": [], "cold": []}
    if plain_too:
        rows["cold plain"] = []
    for _ in range(repeat):
        rows["floor"].append(run("floor", corpus, Path(tempfile.mkdtemp()), source))
        cache_home = Path(tempfile.mkdtemp(prefix="dateline-bench-cache-"))
        try:
            rows["first"].append(run("dateline", corpus, cache_home, source))
            rows["cached"].append(run("dateline", corpus, cache_home, source))
            assert list((cache_home / "dateline").glob("lexicon-*.store"))
            forget_catalogs(cache_home)
            rows["cold"].append(run("dateline", corpus, cache_home, source))
            if plain_too:  # the same cold load, the source tree's plain-Python extractors
                forget_catalogs(cache_home)
                rows["cold plain"].append(run("dateline", corpus, cache_home, source=True))
        finally:
            shutil.rmtree(cache_home, ignore_errors=True)
    cold_runs = rows["first"] + rows["cold"] + rows.get("cold plain", [])
    assert not any(r["from_cache"] for r in cold_runs) and all(r["from_cache"] for r in rows["cached"])
    return {
        name: {
            "seconds": statistics.median(r["seconds"] for r in runs),
            **(
                {"cache_write_seconds": statistics.median(r["cache_write_seconds"] for r in runs)}
                if "cache_write_seconds" in runs[0]
                else {}
            ),
            "peak_mb": statistics.median(r["peak_mb"] for r in runs),
            **{k: v for k, v in runs[0].items() if k not in ("seconds", "peak_mb", "cache_write_seconds")},
        }
        for name, runs in rows.items()
    }


def scaled_copy(corpus: Path, times: int, folder: Path) -> Path:
    target = folder / f"{corpus.stem}-x{times}.jsonl"
    with corpus.open(encoding="utf-8") as source, target.open("w", encoding="utf-8") as out:
        lines = [line for line in source if line.strip()]
        for copy in range(times):
            for number, line in enumerate(lines):
                record = json.loads(line)
                record["id"] = f"{record.get('id', number)}~{copy}"
                out.write(json.dumps(record) + "\n")
    return target


def print_table(label: str, result: dict[str, dict]) -> None:
    floor, cold, cached = result["floor"], result["cold"], result["cached"]
    print(f"\n{label}: {cold['articles']:,} articles, {cold['events']:,} events, {cold['names']:,} names")
    print(f"{'':30} {'seconds':>9} {'x floor':>8} {'peak MB':>9}")
    print(f"{'read + JSON-parse (floor)':30} {floor['seconds']:9.2f} {1:8.1f} {floor['peak_mb']:9.0f}")
    print(
        f"{'dateline cold (extract+index)':30} {cold['seconds']:9.2f} "
        f"{cold['seconds'] / floor['seconds']:8.1f} {cold['peak_mb']:9.0f}"
    )
    if plain := result.get("cold plain"):
        print(
            f"{'  the same, plain Python':30} {plain['seconds']:9.2f} {plain['seconds'] / floor['seconds']:8.1f} "
            f"{plain['peak_mb']:9.0f}  (the source tree's extractors)"
        )
    print(
        f"{'  then writing the cache':30} {cold['cache_write_seconds']:9.2f} {'':8} {'':9}  "
        "(the catalog is in use meanwhile)"
    )
    first = result["first"]
    print(
        f"{'  the first run: word lists too':30} {first['seconds']:9.2f} "
        f"{first['seconds'] / floor['seconds']:8.1f} {first['peak_mb']:9.0f}  (once for all corpora)"
    )
    print(
        f"{'dateline from cache':30} {cached['seconds']:9.2f} "
        f"{cached['seconds'] / floor['seconds']:8.1f} {cached['peak_mb']:9.0f}"
    )


BURN = "import time; t = time.perf_counter(); sum(i * i for i in range(6_000_000)); print(time.perf_counter() - t)"


def machine_speed() -> tuple[float, float]:
    """Seconds for a fixed pure-Python loop in one process, and in each of two at once: on
    a shared virtual machine both drift, and the cold load (two workers) follows them."""
    def burn(count: int) -> float:
        runs = [subprocess.Popen([sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True) for _ in range(count)]
        return max(float(run.communicate()[0]) for run in runs)

    return burn(1), burn(2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=0, help="also measure a corpus this many times larger")
    parser.add_argument("--source", action="store_true", help="measure the source tree, not the installed package")
    options = parser.parse_args()
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {options.repeat} runs, one process each"
    )
    installed = None if options.source else extractors_at(source=False)
    source = installed is None
    where = extractors_at(source=True) if source else installed
    compiled = where is not None and where.suffix != ".py"
    print(
        f"measuring the {'source tree' if source else 'installed package'} "
        f"({where.parent.parent.parent if where else '?'}): "
        f"extractors {'compiled' if compiled else 'plain Python'}"
    )
    plain_too = compiled and not source
    one, two = machine_speed()
    print(
        f"machine: a fixed loop takes {one:.2f} s in one process, {two:.2f} s in each of two at once (x{two / one:.2f})"
    )
    base = measure(options.corpus, options.repeat, source, plain_too)
    print_table(options.corpus.name, base)
    one, two = machine_speed()
    print(f"machine, after: {one:.2f} s in one process, {two:.2f} s in each of two (x{two / one:.2f})")
    if options.scale > 1:
        folder = Path(tempfile.mkdtemp(prefix="dateline-bench-corpus-"))
        try:
            big = scaled_copy(options.corpus, options.scale, folder)
            grown = measure(big, max(1, options.repeat // 2), source)
            print_table(big.name, grown)
            print(f"\ngrowth at x{options.scale}:")
            for name in ("floor", "cold", "first", "cached"):
                time_ratio = grown[name]["seconds"] / base[name]["seconds"]
                memory_ratio = grown[name]["peak_mb"] / base[name]["peak_mb"]
                print(f"  {name:7} time x{time_ratio:.1f}   peak memory x{memory_ratio:.1f}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
