"""Broken files never stop the rest of the corpus, the corpus is never written to, and
Dateline's own cache is atomic and never trusted when damaged."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.corpus.file_formats as file_formats
import tui.corpus.loaders as loaders
from tui import cache_home
from tui.app.reader import DatelineApp
from tui.index.catalog import Catalog, FirstScreen, Unindexed
from tui.index.opening import build_catalog, cached_stages, open_catalog


def test_dates_far_in_the_past_and_future_load(write_jsonl):
    path = write_jsonl([
        {"id": "old", "date": "0001-01-01", "text": "Long ago, in 1200, a deal was struck."},
        {"id": "far", "date": "9999-12-31", "text": "Next year is far away."},
        {"id": "bad", "date": "0000-01-01", "text": "Year zero."},
    ])
    corpus = loaders.load_corpus([path])
    assert [a.date for a in corpus.articles] == [date(1, 1, 1), date(9999, 12, 31), None]
    assert "0000-01-01" in str(corpus.problems[0])
    catalog = build_catalog(corpus, use_cache=False)
    assert catalog.timeline[0].start_day == date(1, 1, 1)


def test_oversize_article_lines_are_skipped_without_reading_them_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(file_formats, "MAX_ARTICLE_BYTES", 10_000)
    monkeypatch.setattr(file_formats, "READ_CHUNK", 1_000)
    path = tmp_path / "big.jsonl"
    with path.open("w") as handle:
        handle.write(json.dumps({"id": "a", "text": "first"}) + "\n")
        handle.write(json.dumps({"id": "huge", "text": "x" * 50_000}) + "\n")
        handle.write(json.dumps({"id": "c", "text": "last"}) + "\n")
    (tmp_path / "huge.txt").write_text(" date 2020-01-01 " + "y" * 20_000)
    corpus = loaders.load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["a", "c"]
    messages = [str(p) for p in corpus.problems]
    assert any(m.startswith(f"{path}:2: line too long for one article") for m in messages)
    assert any("huge.txt: too large for one article" in m for m in messages)


def test_a_huge_binary_file_is_judged_by_its_first_bytes(tmp_path):
    path = tmp_path / "dump.jsonl"
    with path.open("wb") as handle:
        handle.write(b"\x00\x01" * 4096)
        handle.seek(200 * 1024 * 1024)  # sparse: 200 MB that are never read
        handle.write(b"\x00")
    corpus = loaders.load_corpus([path])
    assert corpus.articles == [] and "binary file" in str(corpus.problems[0])


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.jsonl", "a.dat"]))
def test_any_bytes_load_or_are_reported(tmp_path_factory, data, name):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(data)
    corpus = loaders.load_corpus([path])
    for article in corpus.articles:
        assert article.text.strip()
    for problem in corpus.problems:
        assert str(problem).startswith(str(path))
        assert "\n" not in str(problem)


async def test_a_full_session_leaves_the_corpus_folder_untouched(tmp_path, write_jsonl):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(" date 2019-05-01 PARIS (Reuters) - Officials met on Monday.")
    (corpus_dir / "b.jsonl").write_text(
        json.dumps({"id": "b", "text": "Trade talks resumed last week."}) + "\n{broken\n"
    )
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus_dir.rglob("*")}
    app = DatelineApp([str(corpus_dir)])
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if app.reader.catalog is not None:
                break
            await pilot.pause(0.05)
        await pilot.press("j", "slash", *"trade", "enter", "n", "p", "enter", "x", "y")
        await pilot.pause()
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus_dir.rglob("*")}
    assert before == after
    assert (Path(os.environ["XDG_CACHE_HOME"]) / "dateline").is_dir()  # state lives in the cache dir


def test_cache_round_trip_and_rebuild_when_corrupt_or_stale(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus_file = tmp_path / "c.jsonl"
    corpus_file.write_text(
        json.dumps(
            {"id": "a", "date": "2019-01-02", "text": "PARIS (Reuters) - Acme Corp said on Monday it grew 5 pct."}
        )
        + "\n"
        + "{broken\n"
    )
    first = open_catalog([corpus_file])
    assert not first.from_cache
    entries = list((tmp_path / "cache" / "dateline").glob("catalog-*.store"))
    assert len(entries) == 1 and not list((tmp_path / "cache" / "dateline").glob(".catalog-*"))
    second = open_catalog([corpus_file])
    assert second.from_cache
    def fields(c):
        return [(a.id, a.text, a.date, a.title, a.dateline_place, a.body_start, a.path, a.line) for a in c.articles]

    assert fields(second) == fields(first)
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems] and second.problems
    assert [e.date for e in second.timeline] == [e.date for e in first.timeline]
    assert second.extractions[0] == first.extractions[0]
    assert second.index.search("grew").documents == 1

    entries[0].write_bytes(entries[0].read_bytes()[:100])  # truncated
    third = open_catalog([corpus_file])
    assert not third.from_cache and third.index.search("acme").documents == 1

    entry = next((tmp_path / "cache" / "dateline").glob("catalog-*.store"))
    entry.write_bytes(cache_home.MAGIC + b"not a store at all")
    assert not open_catalog([corpus_file]).from_cache

    corpus_file.write_text(json.dumps({"id": "a", "date": "2019-01-02", "text": "Changed text about Beijing."}) + "\n")
    fourth = open_catalog([corpus_file])
    assert not fourth.from_cache and fourth.index.search("beijing").documents == 1


def test_a_cached_search_index_is_checked_before_it_is_opened(tmp_path, monkeypatch):
    """The index lives in a folder beside its entry, checked against the digest the
    entry recorded: a file of it altered, or the folder gone, and the entry is built again."""
    from tui.index import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus_file = tmp_path / "c.jsonl"
    corpus_file.write_text(json.dumps({"id": "a", "date": "2019-01-02", "text": "Acme Corp grew 5 pct."}) + "\n")
    assert open_catalog([corpus_file]).index.search("grew").documents == 1
    key = cache.sources_key([str(corpus_file)])
    index = cache.index_path(key)
    digest = cache.folder_digest(index)
    assert cache.opened_index(key, digest).search("acme").documents == 1
    (index / "meta.json").write_bytes((index / "meta.json").read_bytes() + b" ")  # still a readable index
    with pytest.raises(ValueError, match="damaged"):
        cache.opened_index(key, digest)
    again = open_catalog([corpus_file])
    assert not again.from_cache and again.index.search("acme").documents == 1
    for path in index.iterdir():
        path.unlink()
    index.rmdir()
    again = open_catalog([corpus_file])
    assert not again.from_cache and again.index.search("acme").documents == 1
    assert open_catalog([corpus_file]).from_cache


def test_an_index_never_kept_leaves_no_folder_behind(tmp_path, monkeypatch):
    import gc

    from tui.index.opening import build_catalog, read_corpus

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus_file = tmp_path / "c.jsonl"
    corpus_file.write_text(json.dumps({"id": "a", "date": "2019-01-02", "text": "Acme Corp grew 5 pct."}) + "\n")
    catalog = build_catalog(read_corpus([corpus_file]), write_cache=False)  # the reader quit before caching it
    assert catalog.index.search("grew").documents == 1
    assert list((tmp_path / "cache" / "dateline").glob(".index-*"))
    del catalog
    gc.collect()
    assert not list((tmp_path / "cache" / "dateline").glob(".index-*"))


def test_cache_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    catalog = open_catalog(None)
    assert len(catalog.articles) == 2 and not catalog.from_cache


def test_cache_is_read_in_parts_and_a_broken_last_part_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus_file = tmp_path / "c.jsonl"
    corpus_file.write_text(
        json.dumps({"id": "a", "date": "2019-01-02", "text": "Acme Corp said on Monday it grew 5 pct."}) + "\n"
    )
    built = open_catalog([corpus_file])
    first_screen, readable, complete = cached_stages([str(corpus_file)])
    assert list(first_screen.timeline) == list(built.timeline) and isinstance(first_screen, FirstScreen)
    assert isinstance(readable, Unindexed) and not hasattr(readable, "names")
    assert [e.date for e in readable.timeline] == [e.date for e in built.timeline]
    assert readable.extractions[0] == built.extractions[0]  # highlights are there from the first part
    assert isinstance(complete, Catalog) and complete.from_cache and complete.names
    assert complete.index.search("grew").documents == 1
    assert complete.timeline is readable.timeline  # the second part only adds to the first

    entry = next((tmp_path / "cache" / "dateline").glob("catalog-*.store"))
    with entry.open("rb") as handle:  # cut the file just after its second part
        handle.read(len(cache_home.MAGIC))
        header = json.loads(handle.read(int(handle.readline().split()[0])))
        second_part_end = handle.tell() + sum(length for part in header["parts"][:2] for _name, _kind, length in part)
    entry.write_bytes(entry.read_bytes()[: second_part_end + 10])
    stages = list(cached_stages([str(corpus_file)]))
    assert [type(stage) for stage in stages] == [FirstScreen, Unindexed]
    assert not entry.exists()  # the damaged entry is gone ...
    rebuilt = open_catalog([corpus_file])
    assert not rebuilt.from_cache and rebuilt.index.search("grew").documents == 1  # ... and made again


def test_word_lists_come_back_from_the_cache_and_a_damaged_copy_is_rebuilt(tmp_path, monkeypatch):
    from tui.extract import lexicon as lx

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lx.lexicon.cache_clear()
    try:
        made = lx.lexicon()  # from the packages' files, then written to the cache
        (saved,) = (tmp_path / "cache" / "dateline").glob("lexicon-*.store")
        lx.lexicon.cache_clear()
        assert lx.lexicon() == made  # read back from the cache
        saved.write_bytes(b"\x00garbage")
        lx.lexicon.cache_clear()
        assert lx.lexicon() == made  # rebuilt, and written again
        assert saved.read_bytes() != b"\x00garbage"
    finally:
        lx.lexicon.cache_clear()


def test_a_second_process_waits_while_one_makes_a_cache_file(tmp_path):
    import threading

    from tui.cache_home import made_by_one_process

    target = tmp_path / "cache" / "word-lists"
    target.parent.mkdir()
    order: list[str] = []

    def second() -> None:
        with made_by_one_process(target):
            order.append("second")

    with made_by_one_process(target):
        waiting = threading.Thread(target=second)
        waiting.start()
        waiting.join(0.3)  # long enough for it to get in, were nothing stopping it
        order.append("first")
    waiting.join()
    assert order == ["first", "second"]
