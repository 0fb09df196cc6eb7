#!/usr/bin/env python3
"""Event precision on 1987 Reuters wire: of the dated events the timeline shows, how many
have the right date, scored against a hand-made gold.

    python bench/eval_events.py [../shared/corpora/reuters21578.jsonl]

bench/gold/reuters21578-dates.jsonl holds, for 30 articles drawn at random (seed
20261202), every dated expression marked by hand: its offsets in the article's text and
its TIMEX3 value; never the text itself (the corpus may not be copied into the project).
An event is right when its sentence holds a gold expression whose value is on the
event's date; a gold PRESENT_REF ("found today") makes an event on the article's date
wrong. Durations and sets are not events and are not scored here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "reuters21578-dates.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl"))
    options = parser.parse_args()
    gold = {record["id"]: record["timexes"] for record in map(json.loads, GOLD.open(encoding="utf-8"))}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with open(options.corpus, encoding="utf-8") as corpus, source.open("w", encoding="utf-8") as out:
            for line in corpus:
                if json.loads(line)["id"] in gold:
                    out.write(line)
        environment = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}  # extracted anew
        result = subprocess.run([sys.executable, "-m", "tui", "extract", str(source)], capture_output=True,
                                text=True, check=True, cwd=ROOT, env=environment)
    predicted = {record["id"]: record for record in map(json.loads, result.stdout.splitlines())}
    shown = right = 0
    wrong: list[str] = []
    found = matched = value_right = 0
    gold_dates = sum(1 for timexes in gold.values() for t in timexes if t["value"][:1].isdigit())
    for article, timexes in gold.items():
        record = predicted[article]
        for event in record["events"]:
            if event["kind"] != "mention":
                continue
            shown += 1
            inside = [t for t in timexes if event["start"] <= t["start"] < event["end"]]
            if any(t["value"].partition("T")[0] == event["date"] for t in inside):
                right += 1
            else:
                wrong.append(f"{article} {event['start']}-{event['end']}: {event['date']}, "
                             f"gold {[t['value'] for t in inside] or 'none'}")
        dated = [t for t in record["timexes"] if t["type"] in ("DATE", "TIME") and t["value"][:1].isdigit()]
        found += len(dated)
        for t in timexes:
            if not t["value"][:1].isdigit():
                continue
            overlapping = [p for p in dated if p["start"] < t["end"] and t["start"] < p["end"]]
            if overlapping:
                matched += 1
                value_right += overlapping[0]["value"] == t["value"]
    print(f"articles {len(gold)}, gold dated expressions {gold_dates}")
    print(f"dated expressions found {found}, overlapping gold {matched} (recall {matched / gold_dates:.3f}), "
          f"value exact {value_right} ({value_right / max(matched, 1):.3f} of those)")
    print(f"event precision {right}/{shown} = {right / max(shown, 1):.3f}")
    for line in wrong:
        print("  wrong:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
