#!/usr/bin/env python3
"""Near-duplicate detection: recall and precision on rewrites made of real articles, and
time on the whole corpus.

    python bench/bench_duplicates.py ../shared/corpora/reuters21578.jsonl [--originals 400] [--distinct 2000]

From the corpus (never copied into the project) a fixed random sample of stories of four
sentences or more is drawn, and each gets one rewrite, the kinds in turn: one sentence
changed (another story's put in its place), two sentences swapped, " (UPDATE 1)" added
to the title, a paragraph added after the lead.  They are mixed with other stories, and
every pair in the groups found is scored: a pair of a rewrite and its original is right,
a rewrite with anything else wrong; pairs between two untouched stories (the corpus's
own duplicates) are counted apart.  Then the whole corpus is grouped, timed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.extract.sentences import split_sentences  # noqa: E402
from tui.index.duplicates import near_duplicates  # noqa: E402

SEED = 20261202
KINDS = ("sentence changed", "two swapped", "title suffix", "paragraph added")


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def rewrite(record: dict, kind: str, other: list[str], rng: random.Random) -> dict:
    parts = sentences(record["text"])
    title = record.get("title", "")
    if kind == "sentence changed":
        parts[rng.randrange(1, len(parts))] = rng.choice(other)
    elif kind == "two swapped":
        first, second = rng.sample(range(1, len(parts)), 2)
        parts[first], parts[second] = parts[second], parts[first]
    elif kind == "title suffix":
        title = f"{title} (UPDATE 1)"
    else:
        parts[1:1] = rng.sample(other, min(2, len(other)))
    return {**record, "id": f"{record['id']}~{kind}", "title": title, "text": " ".join(parts)}


def text_of(record: dict) -> str:
    return f"{record.get('title', '')}\n{record['text']}"


def day_of(record: dict) -> date | None:
    return date.fromisoformat(record["date"]) if record.get("date") else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--originals", type=int, default=400)
    parser.add_argument("--distinct", type=int, default=2000)
    options = parser.parse_args()
    records = [json.loads(line) for line in options.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(SEED)
    long_enough = [r for r in records if len(sentences(r["text"])) >= 4]
    originals = rng.sample(long_enough, options.originals)
    chosen = {r["id"] for r in originals}
    distinct = rng.sample([r for r in records if r["id"] not in chosen], options.distinct)
    donors = [s for r in distinct[:300] for s in sentences(r["text"])[1:]]
    rewrites = [rewrite(r, KINDS[n % len(KINDS)], donors, rng) for n, r in enumerate(originals)]
    mixed = originals + rewrites + distinct
    started = time.perf_counter()
    groups = near_duplicates([text_of(r) for r in mixed], [day_of(r) for r in mixed])
    seconds = time.perf_counter() - started
    count = len(originals)
    found_pairs = {pair for group in groups for pair in combinations(group.articles, 2)}
    right = {(n, n + count) for n in range(count)}
    with_rewrite = {(a, b) for a, b in found_pairs if count <= a < 2 * count or count <= b < 2 * count}
    print(f"{len(mixed):,} stories: {count} originals, {count} rewrites, {len(distinct):,} others; seed {SEED}")
    print(f"{'kind':18} {'found':>7}")
    for number, kind in enumerate(KINDS):
        pairs = {(n, n + count) for n in range(number, count, len(KINDS))}
        print(f"{kind:18} {len(pairs & found_pairs):4}/{len(pairs)}")
    recall = len(right & found_pairs) / len(right)
    precision = len(right & with_rewrite) / len(with_rewrite) if with_rewrite else 1.0
    print(f"recall {recall:.3f}, precision {precision:.3f} ({len(with_rewrite - right)} wrong pairs with a rewrite), "
          f"{len(found_pairs - with_rewrite)} pairs among the untouched stories; {seconds:.2f} s")
    texts, days = [text_of(r) for r in records], [day_of(r) for r in records]
    started = time.perf_counter()
    whole = near_duplicates(texts, days)
    seconds = time.perf_counter() - started
    print(f"whole corpus, {len(records):,} stories: {len(whole)} groups holding "
          f"{sum(len(g.articles) for g in whole):,} stories, {seconds:.2f} s")
    for group in rng.sample(whole, min(20, len(whole))):
        print("  ", group.similarity, " | ".join(records[n].get("title", "")[:50] for n in group.articles[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
