#!/usr/bin/env python3
"""Score `dateline extract` on the dev sets in ../shared/eval with the scorers there.

    python bench/eval_extract.py [--eval-dir ../shared/eval]

The gold files are converted to Dateline's JSON Lines input in a temporary folder (the
gold `dct` becomes `date`); nothing from the evaluation data is written into the project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Each TIMEX3 type on its own (a type's predictions are kept only when typed so), then all together.
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET", "all")


def run_extract(records: list[dict], workdir: Path) -> Path:
    source = workdir / "input.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    predictions = workdir / "predictions.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "tui", "extract", str(source)], stdout=out, check=True, cwd=ROOT)
    return predictions


def score(scorer: Path, gold: Path, predictions: Path, converted: Path, key: str, *options: str) -> str:
    with predictions.open(encoding="utf-8") as handle, converted.open("w", encoding="utf-8") as out:
        for line in handle:
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], key: record["names" if key == "entities" else "timexes"]}) + "\n")
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(converted), *options], capture_output=True, text=True, check=True
    )
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    options = parser.parse_args()
    names_gold = options.eval_dir / "conll2003-dev.jsonl"
    timex_gold = options.eval_dir / "tempeval3-train.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        conll = [json.loads(line) for line in names_gold.open(encoding="utf-8")]
        (work / "names").mkdir()
        predictions = run_extract([{"id": d["id"], "text": d["text"]} for d in conll], work / "names")
        print("== names: CoNLL-2003 dev ==")
        print(score(options.eval_dir / "score_names.py", names_gold, predictions, work / "names.jsonl", "entities"))
        tempeval = [json.loads(line) for line in timex_gold.open(encoding="utf-8")]
        (work / "timex").mkdir()
        predictions = run_extract(
            [{"id": d["id"], "date": d["dct"], "text": d["text"]} for d in tempeval], work / "timex"
        )
        scorer = options.eval_dir / "score_timex.py"
        for kind in TIMEX_TYPES:
            print(f"== dates: TempEval-3 TBAQ, {kind} ==")
            print(score(scorer, timex_gold, predictions, work / "timex.jsonl", "timexes", "--types", kind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
