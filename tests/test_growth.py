"""A folder that gains a file grows its cache entry: only the added file is read and
extracted, and the catalog is the one reading the whole folder anew would give, but for
the order of the articles (the added ones come last)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import tui.corpus.loaders as loaders
import tui.index.extraction_pool as extraction_pool
from tui.index import cache
from tui.index.catalog import Catalog, Summary
from tui.index.opening import open_catalog, open_summary, searched
from tui.index.timeline import timeline_key

OLD = [
    {"id": "a1", "date": "1987-05-01", "text": "LONDON (Reuters) - Acme Corp said on Monday it paid $5 million."},
    {"id": "a2", "date": "1987-05-04", "text": "Agriculture Secretary Richard Lyng said on Friday talks went well. "
                                               "Lyng said prices rose 5 pct on May 1."},
    {"id": "a3", "date": "1987-05-06", "text": "Talks with Beta Inc ended last week, Lyng said. "
                                               "Sales rose 7 pct in April."},
]
ADDED = [
    {"id": "a1", "date": "1987-05-03", "text": "Gamma Ltd will report on June 9. Sales fell 3 pct in May."},
    {"id": "b2", "date": "1987-05-04", "text": "Senator Ann Lyng said on Friday she met Acme Corp. "
                                               "Lyng paid $2 million."},
]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A folder of three articles; growing its entry by files as large as it is, the
    better to see what comes of two articles."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "GROWN_BY_AT_MOST", 1.0)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "m-old.jsonl", OLD)
    return corpus


@pytest.fixture
def read_and_extracted(monkeypatch) -> tuple[list[str], list[str]]:
    """The files read and the texts extracted from now on."""
    read: list[str] = []
    extracted: list[str] = []
    iter_file, extract = loaders.iter_file, extraction_pool.extract_or_date_only

    def reading(source):
        read.append(Path(source).name)
        return iter_file(source)

    def extracting(text, day, start):
        extracted.append(text)
        return extract(text, day, start)

    monkeypatch.setattr(loaders, "iter_file", reading)
    monkeypatch.setattr(extraction_pool, "extract_or_date_only", extracting)
    return read, extracted


def write(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def by_id(catalog: Catalog) -> dict:
    """What the catalog answers, with articles named by id rather than number."""
    ids = [article.id for article in catalog.articles]
    return {
        "articles": sorted((a.id, a.path, a.line, a.date, a.text) for a in catalog.articles),
        "events": Counter((ids[e.article], e.date, e.event.start, e.event.end, e.event.label, e.event.kind)
                          for e in catalog.timeline),
        "names": {key: (e.name, e.mentions, sorted(e.forms), sorted(ids[n] for n in e.articles))
                  for key, e in catalog.names.items()},
        "aliases": catalog.aliases,
        "figures": Counter((unit, value, ids[n], i) for unit, value, n, i in catalog.figures),
        "extractions": {ids[n]: catalog.extractions[n] for n in range(len(ids))},
        "problems": sorted(str(p) for p in catalog.problems),
        "summary": Summary.of(catalog),
        "searches": {query: sorted(ids[n] for n in catalog.index.search(query).articles)
                     for query in ("sales", "lyng", "pa*", '"said on friday"')},
    }


def test_a_file_added_sorting_last_reads_and_extracts_only_itself(folder, read_and_extracted):
    open_catalog([folder])
    read, extracted = read_and_extracted
    read.clear(), extracted.clear()
    write(folder / "z-added.jsonl", ADDED)

    grown = open_catalog([folder])
    assert grown.from_cache and read == ["z-added.jsonl"]
    assert sorted(extracted) == sorted(record["text"] for record in ADDED)
    anew = open_catalog([folder], use_cache=False)
    assert list(grown.timeline) == list(anew.timeline) == sorted(anew.timeline, key=timeline_key)
    assert list(grown.figures) == list(anew.figures)
    assert by_id(grown) == by_id(anew)


def test_a_file_added_before_the_others_answers_as_the_folder_read_anew(folder, read_and_extracted):
    open_catalog([folder])
    write(folder / "a-added.jsonl", ADDED)
    read, _extracted = read_and_extracted
    read.clear()

    grown = open_catalog([folder])
    assert read == ["a-added.jsonl"] and [a.id for a in grown.articles] == ["a1", "a2", "a3", "a1#2", "b2"]
    assert list(grown.timeline) == sorted(grown.timeline, key=timeline_key)
    assert list(grown.figures) == sorted(grown.figures)
    anew = open_catalog([folder], use_cache=False)
    assert [a.id for a in anew.articles] == ["a1", "b2", "a1#2", "a2", "a3"]  # the added file's ids come first
    grown_answers, anew_answers = by_id(grown), by_id(anew)
    for answers in (grown_answers, anew_answers):  # the repeated id is the other article in each
        answers.pop("articles"), answers.pop("extractions"), answers.pop("problems")
        answers["events"] = Counter(event[1:] for event in answers["events"].elements())
        answers["figures"] = Counter((u, v, i) for u, v, _id, i in answers["figures"].elements())
        answers["names"] = {key: value[1:3] for key, value in answers["names"].items()}  # a name's first form too
        answers["searches"] = {query: len(found) for query, found in answers["searches"].items()}
    assert grown_answers == anew_answers
    assert "duplicate id 'a1', renamed to 'a1#2'" in " ".join(str(p) for p in grown.problems)


def test_a_second_full_name_parts_a_surname_merged_before(folder):
    before = open_catalog([folder])
    assert before.aliases.get(("PER", "lyng")) == ("PER", "richard lyng")
    write(folder / "z-added.jsonl", ADDED)
    grown = open_catalog([folder])
    assert ("PER", "lyng") not in grown.aliases and grown.names[("PER", "lyng")].articles == {2}
    assert grown.names[("PER", "richard lyng")].mentions == 2 and grown.names[("PER", "ann lyng")].articles == {4}


def test_commands_grow_the_entry_too(folder, read_and_extracted):
    open_catalog([folder])
    write(folder / "z-added.jsonl", ADDED)
    read, _extracted = read_and_extracted
    read.clear()
    summary, problems = open_summary([str(folder)])
    assert summary.articles == 5 and read == ["z-added.jsonl"]
    found = searched([str(folder)],
                     lambda corpus, index: [corpus.articles[n].id for n in index.search("gamma").articles])
    assert found == ["a1#2"] and read == ["z-added.jsonl"]


@pytest.mark.parametrize("damage", ["index", "articles", "entry"])
def test_a_damaged_entry_is_not_grown_and_the_folder_is_read_whole(folder, read_and_extracted, damage):
    open_catalog([folder])
    (base,) = (folder.parent / "cache" / "dateline").glob("catalog-*.store")
    index_file = next(base.with_suffix(".index").glob("*.idx"), None) or next(base.with_suffix(".index").iterdir())
    target = {"index": index_file, "articles": base.with_suffix(".articles"), "entry": base}[damage]
    target.write_bytes(target.read_bytes()[:-7] + b"damaged")
    write(folder / "z-added.jsonl", ADDED)
    read, _extracted = read_and_extracted
    read.clear()
    catalog = open_catalog([folder])
    assert "m-old.jsonl" in read  # the added file may have been read on the way to the damage
    assert by_id(catalog) == by_id(open_catalog([folder], use_cache=False))


def test_a_changed_or_removed_file_is_no_growth(folder, read_and_extracted):
    write(folder / "n-other.jsonl", ADDED[1:])
    open_catalog([folder])
    (folder / "n-other.jsonl").unlink()
    write(folder / "z-added.jsonl", ADDED[:1])
    read, _extracted = read_and_extracted
    read.clear()
    catalog = open_catalog([folder])
    assert sorted(read) == ["m-old.jsonl", "z-added.jsonl"] and len(catalog.articles) == 4


def test_files_added_past_a_quarter_of_the_folder_read_it_all_again(folder, read_and_extracted, monkeypatch):
    monkeypatch.setattr(cache, "GROWN_BY_AT_MOST", 0.25)
    open_catalog([folder])
    read, _extracted = read_and_extracted
    write(folder / "z-large.jsonl", ADDED * 4)  # larger than the rest: reading anew shows its progress
    read.clear()
    open_catalog([folder])
    assert sorted(read) == ["m-old.jsonl", "z-large.jsonl"]
    write(folder / "zz-small.jsonl", ADDED[:1])  # under a quarter of the rest
    read.clear()
    open_catalog([folder])
    assert read == ["zz-small.jsonl"]


def test_growing_writes_none_of_the_users_files_nor_the_entry_grown_from(folder):
    open_catalog([folder])
    cache_folder = folder.parent / "cache" / "dateline"
    before = {path: path.read_bytes() for path in cache_folder.rglob("catalog-*") if path.is_file()}
    old_file = (folder / "m-old.jsonl").read_bytes()
    write(folder / "z-added.jsonl", ADDED)
    open_catalog([folder])
    assert all(path.read_bytes() == content for path, content in before.items())
    assert (folder / "m-old.jsonl").read_bytes() == old_file
    assert len(list(cache_folder.glob("catalog-*.store"))) == 2
    key = cache.sources_key([str(folder)])
    assert key is not None and cache.has_entry(key)
