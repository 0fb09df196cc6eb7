from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tui.corpus.file_formats import name_csv_columns
from tui.corpus.loaders import load_corpus, seed_corpus_path

# Dateline's cache, state and settings go to folders of the test run's own, never the user's,
# removed when the run ends.
for variable, kind in (("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state"), ("XDG_CONFIG_HOME", "config")):
    os.environ[variable] = tempfile.mkdtemp(prefix=f"dateline-test-{kind}-")
    atexit.register(shutil.rmtree, os.environ[variable], True)

SEED_TRADE_TALKS = "000_d45e1563e4736e50"
SEED_PHASE_ONE = "003_40bfde1db24a8fae"


@pytest.fixture(autouse=True)
def usual_csv_columns():
    """A command's --columns holds for its process: each test starts with none."""
    yield
    name_csv_columns({})


@pytest.fixture(scope="session")
def seed_articles():
    corpus = load_corpus(None)
    assert not corpus.problems
    return {a.id: a for a in corpus.articles}


@pytest.fixture
def write_jsonl(tmp_path: Path):
    def write(records: list[object], name: str = "corpus.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def seed_dir() -> Path:
    return seed_corpus_path()
