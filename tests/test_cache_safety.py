"""What Dateline reads back from its cache cannot run code, cannot lie, and lives in a
folder that is the user's alone."""

from __future__ import annotations

import json
import os
import pickle
import random
import stat
import time
from pathlib import Path
from typing import Callable

import pytest

from tui import cache_home
from tui.extract import lexicon as lx
from tui.index import cache
from tui.index.catalog import Catalog
from tui.index.opening import build_catalog, open_catalog, read_corpus

ARTICLES = [
    {
        "id": "a",
        "date": "1987-05-01",
        "text": "LONDON (Reuters) - Acme Corp said on Monday it paid $5 million, 5 pct more.",
    },
    {"id": "b", "date": "1987-05-04", "text": "Talks with Beta Inc ended last week. Prices rose on May 1."},
]


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "dateline"


@pytest.fixture
def corpus_file(tmp_path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    return path


def answers(catalog: Catalog) -> tuple:
    """What a reader sees of a catalog: every event, name, figure and search answer."""
    return (
        [(e.date, e.article, e.event.start, e.event.end, e.event.text, e.event.label) for e in catalog.timeline],
        sorted((e.type, e.name, e.mentions, sorted(e.articles), sorted(e.forms)) for e in catalog.names.values()),
        list(catalog.figures),
        [tuple(catalog.extractions[n]) for n in range(len(catalog.articles))],
        [(a.id, a.text, a.date, a.title) for a in catalog.articles],
        catalog.index.search("acme").articles,
    )


def flip_bits(path: Path, rng: random.Random, where: Callable[[random.Random, bytearray], int]) -> None:
    """Three bits of the file flipped, each at a byte `where` picks."""
    data = bytearray(path.read_bytes())
    for _ in range(3):
        data[where(rng, data)] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


def entry_of(folder: Path) -> Path:
    (entry,) = folder.glob("catalog-*.store")
    return entry


def test_a_planted_pickle_is_never_run(cache_folder, corpus_file, tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    open_catalog([corpus_file])
    entry = entry_of(cache_folder)
    for planted in (entry, entry.with_suffix(".pickle")):  # the entry, and where the old format lay
        planted.write_bytes(pickle.dumps(Payload()))
    catalog = open_catalog([corpus_file])
    assert not marker.exists() and not catalog.from_cache
    assert open_catalog([corpus_file]).from_cache  # made again, in its own format


def test_the_folder_is_made_private_even_with_an_open_umask(cache_folder, corpus_file):
    previous = os.umask(0)
    try:
        open_catalog([corpus_file])
    finally:
        os.umask(previous)
    assert stat.S_IMODE(cache_folder.stat().st_mode) == 0o700
    for entry in cache_folder.iterdir():
        assert not stat.S_IMODE(entry.stat().st_mode) & 0o077, entry


def test_a_folder_open_to_others_is_closed_and_emptied(cache_folder, corpus_file):
    open_catalog([corpus_file])
    planted = cache_folder / "catalog-planted.store"
    planted.write_bytes(b"anything")
    cache_folder.chmod(0o777)
    catalog = open_catalog([corpus_file])
    assert not catalog.from_cache  # nothing that lay in an open folder is trusted
    assert stat.S_IMODE(cache_folder.stat().st_mode) == 0o700 and not planted.exists()


def test_a_folder_of_another_user_or_a_symlink_is_not_used(cache_folder, corpus_file, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_folder.parent.mkdir(parents=True)
    cache_folder.symlink_to(elsewhere)
    catalog = open_catalog([corpus_file])
    assert len(catalog.articles) == 2 and not list(elsewhere.iterdir())
    assert "symbolic link" in cache_home.cache_folder_problem()

    cache_folder.unlink()
    cache_folder.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache_folder).st_uid + 1)
    assert "another user" in cache_home.cache_folder_problem()
    catalog = open_catalog([corpus_file])
    assert len(catalog.articles) == 2 and not list(cache_folder.iterdir())


def test_a_lock_file_linked_to_a_victim_never_truncates_it(cache_folder, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    cache_home.private_cache_dir()
    target = cache_folder / "lexicon-x.store"
    (cache_folder / ".lexicon-x.store.lock").symlink_to(victim)
    with cache_home.made_by_one_process(target):
        pass
    assert victim.read_text() == "precious"


@pytest.mark.parametrize("seed", range(60))
def test_random_bit_flips_never_give_a_wrong_answer_or_a_crash(cache_folder, corpus_file, seed):
    fresh = answers(open_catalog([corpus_file], use_cache=False))
    open_catalog([corpus_file])
    flip_bits(entry_of(cache_folder), random.Random(seed), lambda rng, data: rng.randrange(len(data)))
    assert answers(open_catalog([corpus_file])) == fresh
    again = open_catalog([corpus_file])  # the damaged entry was dropped and made again
    assert again.from_cache and answers(again) == fresh


def store_of(folder: Path) -> Path:
    (store,) = folder.glob("catalog-*.articles")
    return store


@pytest.mark.parametrize("seed", range(40))
def test_random_bit_flips_in_the_article_store_never_give_a_wrong_answer(cache_folder, corpus_file, seed):
    fresh = answers(open_catalog([corpus_file], use_cache=False))
    open_catalog([corpus_file])

    def mostly_in_the_rows(rng: random.Random, data: bytearray) -> int:
        rows = data.rfind(b"LONDON")  # the rows' page, where most flips land on what is read
        return rng.randrange(max(rows - 200, 0), len(data)) if rng.random() < 0.7 else rng.randrange(len(data))

    flip_bits(store_of(cache_folder), random.Random(seed), mostly_in_the_rows)
    assert answers(open_catalog([corpus_file])) == fresh
    assert answers(open_catalog([corpus_file])) == fresh


def test_a_store_from_another_write_is_not_paired_with_the_entry(cache_folder, corpus_file, tmp_path):
    fresh = answers(open_catalog([corpus_file]))
    kept = tmp_path / "kept.articles"
    store_of(cache_folder).rename(kept)
    corpus_file.touch()
    os.utime(corpus_file, (time.time() + 5, time.time() + 5))  # a new identity: a new entry and store
    open_catalog([corpus_file])
    for old in cache_folder.glob("catalog-*.articles"):
        kept.replace(old)  # the first write's store, in the place of the second's
    catalog = open_catalog([corpus_file])
    assert not catalog.from_cache and answers(catalog) == fresh


def test_a_damaged_word_list_is_made_again(cache_folder):
    lx.lexicon.cache_clear()
    try:
        made = lx.lexicon()
        (saved,) = cache_folder.glob("lexicon-*.store")
        data = bytearray(saved.read_bytes())
        data[len(data) // 2] ^= 0x40
        saved.write_bytes(bytes(data))
        lx.lexicon.cache_clear()
        assert lx.lexicon() == made
        lx.lexicon.cache_clear()
        hostile = b"[" * 1024  # marshal once spun on this for minutes
        saved.write_bytes(hostile)
        assert lx.lexicon() == made
    finally:
        lx.lexicon.cache_clear()


def test_what_a_killed_writer_left_is_pruned(cache_folder, corpus_file, tmp_path):
    open_catalog([corpus_file])
    left = cache_folder / ".catalog-killed.tmp"
    left.write_bytes(b"x" * 1000)
    hour_ago = time.time() - 2 * cache_home.STALE_TEMPORARY_SECONDS
    os.utime(left, (hour_ago, hour_ago))
    in_progress = cache_folder / ".catalog-writing.tmp"
    in_progress.write_bytes(b"x")
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(ARTICLES[0]) + "\n")
    open_catalog([other])  # writes an entry, and prunes
    assert not left.exists() and in_progress.exists()


def test_a_file_rewritten_while_it_is_read_is_not_cached_under_its_new_identity(cache_folder, corpus_file, monkeypatch):
    import tui.index.opening as catalog_module

    real_load = catalog_module.load_corpus

    def load_then_rewrite(paths, on_articles=None):
        corpus = real_load(paths, on_articles=on_articles)
        corpus_file.write_text(json.dumps({"id": "c", "date": "1987-06-01", "text": "New content entirely."}) + "\n")
        return corpus

    monkeypatch.setattr(catalog_module, "load_corpus", load_then_rewrite)
    corpus = read_corpus([corpus_file])
    assert corpus.cache_key is None
    build_catalog(corpus)
    monkeypatch.setattr(catalog_module, "load_corpus", real_load)
    assert not list(cache_folder.glob("catalog-*"))
    assert [a.id for a in open_catalog([corpus_file]).articles] == ["c"]


def test_checksummed_parts_that_do_not_fit_together_are_dropped(cache_folder, corpus_file):
    fresh = answers(open_catalog([corpus_file]))
    entry = entry_of(cache_folder)
    key = cache.sources_key([str(corpus_file)])
    parts = list(cache_home.read_parts(entry, key))
    parts[1]["event_labels"] = parts[1]["event_labels"][:-1]  # well formed, and wrong
    assert cache_home.write_parts(entry, key, parts)
    assert answers(open_catalog([corpus_file])) == fresh
    assert open_catalog([corpus_file]).from_cache


def test_cached_name_forms_that_are_not_strings_drop_the_entry(cache_folder, corpus_file):
    fresh = answers(open_catalog([corpus_file]))
    entry = entry_of(cache_folder)
    key = cache.sources_key([str(corpus_file)])
    parts = list(cache_home.read_parts(entry, key))
    parts[2]["names"][0][3] = [["Acme"]]  # well formed JSON, and no name's form
    assert cache_home.write_parts(entry, key, parts)
    assert answers(open_catalog([corpus_file])) == fresh
    assert open_catalog([corpus_file]).from_cache


def test_a_cache_folder_not_used_is_said_once(cache_folder, corpus_file, tmp_path):
    cache_folder.parent.mkdir(parents=True)
    cache_folder.symlink_to(tmp_path)
    catalog = open_catalog([corpus_file])
    assert [str(p) for p in catalog.problems] == [
        f"{cache_folder}: cache folder not used: it is a symbolic link or a file, not a folder"]


def test_what_a_pruned_entry_kept_beside_it_goes_with_it(cache_folder, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 1)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(ARTICLES[0]) + "\n")
    second.write_text(json.dumps(ARTICLES[1]) + "\n")
    open_catalog([first])
    old = sorted(path.name for path in cache_folder.glob("catalog-*"))
    assert [name.rsplit(".", 1)[1] for name in old] == ["articles", "index", "store"]
    minute_ago = time.time() - 60
    for path in cache_folder.glob("catalog-*"):
        os.utime(path, (minute_ago, minute_ago))  # written a minute before the next entry
    waiting = cache_folder / "catalog-waiting.articles"
    waiting.write_bytes(b"another process's store, its entry not written yet")
    open_catalog([second])  # its entry prunes the first one's, and what was kept beside it
    left = {path.name for path in cache_folder.glob("catalog-*")}
    assert not left & set(old) and waiting.name in left and len(left) == 4


def test_a_part_is_read_field_by_field_and_its_json_parsed_only_once_checked(tmp_path, monkeypatch):
    import tracemalloc
    from array import array

    numbers = array("I", range(2_000_000))  # 8 MB
    path = tmp_path / "parts"
    assert cache_home.write_parts(path, "key", [{"numbers": numbers, "words": ["one", "two"], "raw": b"xy"}])
    tracemalloc.start()
    try:
        (part,) = cache_home.read_parts(path, "key")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert part == {"numbers": numbers, "words": ["one", "two"], "raw": b"xy"}
    assert peak < 1.5 * len(numbers) * numbers.itemsize  # never read whole and then decoded

    parsed: list[str] = []
    loads = json.loads
    monkeypatch.setattr(json, "loads", lambda text: (parsed.append(text), loads(text))[1])
    data = bytearray(path.read_bytes())
    data[-3] ^= 0x20  # the JSON's closing bracket, just before b"xy"
    path.write_bytes(bytes(data))
    with pytest.raises(cache_home.Damaged, match="checksum"):
        list(cache_home.read_parts(path, "key"))
    assert parsed and not any('"one"' in str(text) for text in parsed)  # the header only
    path.write_bytes(bytes(data[:-100]))
    with pytest.raises(cache_home.Damaged, match="cut short"):
        list(cache_home.read_parts(path, "key"))


def test_arrays_are_written_as_they_are_in_memory_not_copied(tmp_path):
    import tracemalloc
    from array import array

    numbers = array("I", range(2_000_000))  # 8 MB
    path = tmp_path / "parts"
    tracemalloc.start()
    try:
        assert cache_home.write_parts(path, "key", [{"numbers": numbers, "words": ["one"]}])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 0.25 * len(numbers) * numbers.itemsize
    assert list(cache_home.read_parts(path, "key")) == [{"numbers": numbers, "words": ["one"]}]


def test_fields_left_on_disk_are_checked_then_read_a_run_at_a_time(tmp_path):
    from array import array

    numbers, text = array("I", [7, 3, 9, 1] * 300_000), "label one|label two".encode()
    path = tmp_path / "parts"
    assert cache_home.write_parts(path, "key", [{"numbers": numbers, "labels": text, "words": ["x"]}])
    (part,) = cache_home.read_parts(path, "key", on_disk={"numbers": True, "labels": False})
    stored, labels = part["numbers"], part["labels"]
    assert isinstance(stored, cache_home.StoredField) and isinstance(labels, cache_home.StoredField)
    assert len(stored) == len(numbers) and stored.highest == 9 and labels.highest is None
    assert stored[5:9] == numbers[5:9] and stored[-1] == 1 and stored[10:10] == array("I")
    assert labels[0:9] == b"label one" and part["words"] == ["x"]

    path.rename(tmp_path / "gone")  # renamed over, or pruned: what was checked is still read
    assert cache_home.write_parts(path, "key", [{"numbers": array("I", [0] * 10), "labels": b"", "words": []}])
    assert stored[1_199_999] == 1 and labels[10:19] == b"label two"
    with open(tmp_path / "gone", "r+b") as handle:  # cut short under the reader's feet
        handle.truncate(100)
    with pytest.raises(cache_home.Damaged, match="cut short"):
        stored[1_000_000:1_000_004]

    assert cache_home.write_parts(path, "key", [{"numbers": numbers, "labels": text, "words": ["x"]}])
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1  # in the numbers, which are never read into memory
    path.write_bytes(bytes(data))
    with pytest.raises(cache_home.Damaged, match="checksum"):
        list(cache_home.read_parts(path, "key", on_disk={"numbers": True, "labels": False}))
