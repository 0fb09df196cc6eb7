#!/usr/bin/env python3
"""Extraction and search on pathological texts: each family of hostile input runs at two
sizes, and the table prints the time of each and their ratio.  Linear code takes
about twice as long for twice the input; a family above x2.5 is marked SLOW, and the
command exits 1 if any is.

    python bench/bench_pathological.py [--size 40000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.corpus.articles import Article  # noqa: E402
from tui.extract import extract  # noqa: E402
from tui.index.query import MAX_QUERY_CHARS, QueryError, parse_query  # noqa: E402
from tui.index.search import SearchIndex  # noqa: E402

# name -> the piece repeated to the size wanted
EXTRACTION_FAMILIES = {
    "dots": ".",
    "bangs": "!",
    "questions": "?",
    "dots and spaces": ". ",
    "ellipses": "... ",
    "bank of": "Bank of ",
    "capitalised words": "Alpha ",
    "capitals": "ABC ",
    "initials": "J. ",
    "abbreviations": "U.S. ",
    "titles": "Mr. ",
    "connectors": "of the ",
    "ampersands": "A & ",
    "hyphens": "-",
    "hyphenated names": "Jean-",
    "apostrophes": "O'",
    "one long word": "x",
    "digits": "1",
    "thousands": "1,000,",
    "decimals": "1.5 ",
    "money": "$1 ",
    "percent": "5 pct ",
    "fractions": "7-1/2 ",
    "ranges": "10 to ",
    "months": "March ",
    "month days": "Aug. 22 and ",
    "years": "1987 ",
    "weekdays": "Monday ",
    "relative": "last week ",
    "quarters": "fourth quarter ",
    "number words": "twenty ",
    "newlines": "\n",
    "blank lines": "\n\n",
    "tabs": "\t",
    "parentheses": "(",
    "angle tickers": "<ABC.N> ",
    "quotes": '"',
    "mixed": "The U.S. Federal Reserve Bank of New York said on Aug. 22 that $1.5 billion, 5 pct, ",
    "cjk": "中文",
    "combining": "e\u0301",
    "controls": "\x1b[31m",
    "spaced digits": "1 ",
    "clock, then spaces": "10 a.m." + " " * 50,
    "day, then spaces": "Aug. 22" + " " * 50,
    "dateline, then spaces": "LONDON" + " " * 40,
    "fiscal years": "1987/88 ",
    "day ranges": "May 1-",
}
QUERY_FAMILIES = {
    "quotes": '"',
    "stars": "*",
    "words": "a ",
    "prefixes": "ab* ",
    "phrase words": '"a b ',
    "symbols": "(+)-",
}


def best_time(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def text_of(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def extraction_time(piece: str, size: int, repeat: int) -> float:
    article = Article(id="x", text=text_of(piece, size), date=date(1987, 3, 1))
    return best_time(lambda: extract(article), repeat)


def query_time(piece: str, size: int, repeat: int) -> float:
    index = SearchIndex.of(
        (f"Title {number}", f"Some text about a trade in ab{number} and b{number} tariffs, abc a b.")
        for number in range(200)
    )

    def run() -> None:
        try:
            index.search(parse_query(text_of(piece, size)))
        except QueryError:
            pass

    return best_time(run, repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters of the smaller text (default 100,000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.5, help="largest growth ratio that counts as linear")
    options = parser.parse_args()
    extract(Article(id="warm", text="Warm up: the word lists load once.", date=date(1987, 3, 1)))
    query_size = MAX_QUERY_CHARS // 2  # a longer query is refused before it is parsed
    print(f"{'family':<22} {'kind':<8} {'size':>9}  {'time':>10} {'x2 size':>10}  ratio")
    slow = []
    rows = [("extract", name, piece, options.size, extraction_time) for name, piece in EXTRACTION_FAMILIES.items()]
    rows += [("query", name, piece, query_size, query_time) for name, piece in QUERY_FAMILIES.items()]
    for kind, name, piece, size, measure in rows:
        first = measure(piece, size, options.repeat)
        second = measure(piece, size * 2, options.repeat)
        ratio = second / first if first > 0 else 1.0
        # Under a millisecond, timer noise decides the ratio: such a family is linear enough.
        mark = "SLOW" if ratio > options.limit and second > 0.001 else ""
        if mark:
            slow.append(name)
        print(f"{name:<22} {kind:<8} {size:>9,}  {first * 1000:>7.1f} ms {second * 1000:>7.1f} ms  x{ratio:.2f} {mark}",
              flush=True)
    print(f"\n{len(rows) - len(slow)} of {len(rows)} families linear (x2 input -> at most x{options.limit} time)"
          + (f"; slow: {', '.join(slow)}" if slow else ""))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
