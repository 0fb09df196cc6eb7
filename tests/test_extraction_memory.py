"""A corpus whose files changed extracts only the articles it has not seen, and what it
takes from its remembered extractions is exactly what extracting anew would give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui.index.extraction_pool as extraction_pool
from tui.index.catalog import Catalog
from tui.index.opening import open_catalog

FIRST = [
    {"id": "a1", "date": "1987-05-01", "text": "LONDON (Reuters) - Acme Corp said on Monday it paid $5 million."},
    {"id": "a2", "date": "1987-05-04", "text": "Talks with Beta Inc ended last week. Prices rose 5 pct on May 1."},
    {"id": "a3", "date": "1987-05-04", "text": "Talks with Beta Inc ended last week. Prices rose 5 pct on May 1."},
]
SECOND = [{"id": "b1", "date": "1987-06-02", "text": "Gamma Ltd will report on June 9. Sales fell 3 pct in May."}]


@pytest.fixture
def extracted(monkeypatch, tmp_path) -> list[str]:
    """The texts that went to the extractor, in a cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seen: list[str] = []
    extract = extraction_pool.extract_or_date_only

    def counting(text, day, start):
        seen.append(text)
        return extract(text, day, start)

    monkeypatch.setattr(extraction_pool, "extract_or_date_only", counting)
    return seen


def write(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def answers(catalog: Catalog) -> tuple:
    return (
        [(e.date, e.article, e.event.start, e.event.end, e.event.label) for e in catalog.timeline],
        sorted((e.type, e.name, e.mentions, sorted(e.articles)) for e in catalog.names.values()),
        list(catalog.figures),
        [tuple(catalog.extractions[n]) for n in range(len(catalog.articles))],
    )


def forget_catalogs(tmp_path: Path) -> None:
    """Remove the whole-corpus entries, keeping the remembered extractions."""
    for entry in (tmp_path / "cache" / "dateline").glob("catalog-*.store"):
        entry.unlink()


def test_a_file_added_to_a_folder_extracts_only_its_articles(tmp_path, extracted):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder / "first.jsonl", FIRST)
    open_catalog([folder], workers=1)
    assert len(extracted) == 3
    write(folder / "second.jsonl", SECOND)
    extracted.clear()
    grown = open_catalog([folder], workers=1)
    assert extracted == [SECOND[0]["text"]]
    assert answers(grown) == answers(open_catalog([folder], workers=1, use_cache=False))


def test_a_changed_article_alone_is_extracted_again(tmp_path, extracted):
    path = tmp_path / "corpus.jsonl"
    write(path, FIRST)
    open_catalog([path], workers=1)
    changed = [FIRST[0], {**FIRST[1], "text": "Beta Inc said on Friday it cut 40 jobs."}, FIRST[2]]
    write(path, changed)
    extracted.clear()
    catalog = open_catalog([path], workers=1)
    assert extracted == [changed[1]["text"]]
    assert answers(catalog) == answers(open_catalog([path], workers=1, use_cache=False))


def test_the_same_text_on_another_date_is_extracted_again(tmp_path, extracted):
    """"last week" means another day: what extraction reads is the text and its date."""
    path = tmp_path / "corpus.jsonl"
    write(path, FIRST)
    first = open_catalog([path], workers=1)
    write(path, [FIRST[0], {**FIRST[1], "date": "1987-06-15"}, FIRST[2]])
    extracted.clear()
    moved = open_catalog([path], workers=1)
    assert extracted == [FIRST[1]["text"]]
    assert {e.date for e in moved.timeline if e.article == 1} != {e.date for e in first.timeline if e.article == 1}


def test_a_damaged_entry_is_removed_and_its_articles_extracted(tmp_path, extracted):
    path = tmp_path / "corpus.jsonl"
    write(path, FIRST)
    open_catalog([path], workers=1)
    (entry,) = (tmp_path / "cache" / "dateline").glob("extractions-*.store")
    raw = bytearray(entry.read_bytes())
    raw[-5] ^= 0xFF
    entry.write_bytes(bytes(raw))
    forget_catalogs(tmp_path)
    extracted.clear()
    catalog = open_catalog([path], workers=1)
    assert len(extracted) == 3
    assert answers(catalog) == answers(open_catalog([path], workers=1, use_cache=False))
    forget_catalogs(tmp_path)  # the entry written anew is whole
    extracted.clear()
    open_catalog([path], workers=1)
    assert extracted == []


def test_an_article_whose_extraction_failed_is_tried_again(tmp_path, extracted, monkeypatch):
    path = tmp_path / "corpus.jsonl"
    write(path, FIRST)
    counting = extraction_pool.extract_or_date_only

    def failing_on_acme(text, day, start):
        extraction, error = counting(text, day, start)
        return (extraction, "boom") if "Acme" in text else (extraction, error)

    monkeypatch.setattr(extraction_pool, "extract_or_date_only", failing_on_acme)
    failed = open_catalog([path], workers=1)
    assert any("extraction failed (boom)" in problem.message for problem in failed.problems)
    monkeypatch.setattr(extraction_pool, "extract_or_date_only", counting)
    forget_catalogs(tmp_path)
    extracted.clear()
    again = open_catalog([path], workers=1)
    assert extracted == [FIRST[0]["text"]]
    assert not again.problems


def test_no_cache_neither_reads_nor_writes_remembered_extractions(tmp_path, extracted):
    path = tmp_path / "corpus.jsonl"
    write(path, FIRST)
    open_catalog([path], workers=1, use_cache=False)
    assert not list((tmp_path / "cache").glob("dateline/extractions-*"))
