"""Where a corpus comes from: folders, streams and files that are not what they seem.
Nothing blocks forever, nothing walks out of the folder it was given, and every odd file
is one line naming it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from deadline import ends_within

import tui.corpus.file_formats as file_formats
import tui.corpus.loaders as loaders
import tui.corpus.sources as sources
from tui.index import cache

RECORD = {"id": "a", "date": "2019-05-06", "text": "Trade talks with Acme Corp met on Monday."}


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def load(*paths) -> loaders.Corpus:
    with ends_within(10):
        return loaders.load_corpus([str(p) for p in paths])


def problems(corpus: loaders.Corpus) -> list[str]:
    return [str(p) for p in corpus.problems]


def test_a_fifo_in_a_folder_is_skipped_and_named_once(tmp_path):
    (tmp_path / "a.jsonl").write_text(jsonl(RECORD))
    os.mkfifo(tmp_path / "pipe.jsonl")
    os.mkfifo(tmp_path / "other.txt")
    corpus = load(tmp_path)
    assert [a.id for a in corpus.articles] == ["a"]
    assert problems(corpus) == [
        f"{tmp_path}/other.txt: not a regular file (a FIFO, socket or device), skipped and 1 more"
    ]


def test_a_fifo_named_on_its_own_is_read_as_a_stream_and_never_cached(tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w") as handle:
            handle.write(jsonl(RECORD, {**RECORD, "id": "b"}))

    writer = threading.Thread(target=write)
    writer.start()
    corpus = load(fifo)
    writer.join()
    assert [a.id for a in corpus.articles] == ["a", "b"] and not corpus.problems
    assert cache.sources_key([str(fifo)]) is None


def test_standard_input_is_a_source(monkeypatch):
    monkeypatch.setattr(sources, "standard_input", lambda: io.BytesIO(jsonl(RECORD).encode()))
    corpus = load("-")
    (article,) = corpus.articles
    assert article.id == "a" and article.path == "<stdin>"
    assert cache.sources_key(["-"]) is None


def test_a_seed_text_on_standard_input(monkeypatch):
    monkeypatch.setattr(sources, "standard_input", lambda: io.BytesIO(b" date 2019-05-06\nTalks met on Monday."))
    (article,) = load("-").articles
    assert article.id == "stdin" and article.text == "Talks met on Monday."


@pytest.mark.parametrize("command", ["extract", "events", "names"])
def test_every_command_reads_standard_input_from_a_pipe(command):
    done = subprocess.run([sys.executable, "-m", "tui", command, "-"], input=jsonl(RECORD).encode(),
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_search_reads_standard_input_from_a_pipe():
    done = subprocess.run([sys.executable, "-m", "tui", "search", "--json", "trade", "-"],
                          input=jsonl(RECORD).encode(), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"] == 1


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.jsonl").write_text(jsonl(RECORD))
    (corpus_dir / "everything").symlink_to("/")
    (corpus_dir / "inside").mkdir()
    (corpus_dir / "inside" / "again").symlink_to(corpus_dir / "inside")
    (corpus_dir / "alias").symlink_to(corpus_dir / "inside")
    corpus = load(corpus_dir)
    assert [a.id for a in corpus.articles] == ["a"]
    assert problems(corpus) == [
        f"{corpus_dir}/alias: symbolic link to a folder read already, skipped",
        f"{corpus_dir}/everything: symbolic link out of {corpus_dir}, not followed",
        f"{corpus_dir}/inside/again: symbolic link loop, skipped",
    ]


def test_a_name_too_long_and_a_folder_that_cannot_be_read_are_one_line_each(tmp_path, monkeypatch):
    (tmp_path / "a.jsonl").write_text(jsonl(RECORD))
    long_name = tmp_path / ("x" * 300 + ".jsonl")
    corpus = load(long_name, tmp_path / "a.jsonl")
    assert [a.id for a in corpus.articles] == ["a"]
    assert problems(corpus) == [f"{long_name}: cannot read: file name too long"]

    real_stat = os.stat

    def denied(path, *args, **kwargs):
        if "locked" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", denied)
    corpus = load(tmp_path / "locked" / "b.jsonl", tmp_path / "a.jsonl")
    assert problems(corpus) == [f"{tmp_path}/locked/b.jsonl: cannot read: permission denied"]


def test_carriage_return_line_ends_keep_every_article(tmp_path):
    path = tmp_path / "old-mac.jsonl"
    path.write_bytes(jsonl(RECORD, {**RECORD, "id": "b"}).replace("\n", "\r").encode())
    assert [a.id for a in load(path).articles] == ["a", "b"]
    seed = tmp_path / "seed.txt"
    seed.write_bytes(b" date 2019-05-06\rTalks met on Monday.\rSecond paragraph.")
    (article,) = load(seed).articles
    assert article.date.isoformat() == "2019-05-06" and article.text == "Talks met on Monday.\nSecond paragraph."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_decoded(tmp_path, encoding):
    path = tmp_path / "wide.jsonl"
    path.write_bytes(jsonl({**RECORD, "text": "Zürich talks met on Monday."}).encode(encoding))
    corpus = load(path)
    assert [a.text for a in corpus.articles] == ["Zürich talks met on Monday."] and not corpus.problems


def test_a_json_array_of_articles_is_read_as_articles(tmp_path):
    path = tmp_path / "array.json"
    path.write_text(
        '[\n  {"id": "x", "text": "First."},\n  {"id": "y", "text": ""},\n  {"id": "z", "text": "Third."}\n]\n'
    )
    corpus = load(path)
    assert [a.id for a in corpus.articles] == ["x", "z"]
    assert [a.line for a in corpus.articles] == [2, 4]
    assert problems(corpus) == [f"{path}:3: no text (the 'text' field is missing or empty)"]


def test_a_broken_json_array_keeps_what_came_before(tmp_path):
    path = tmp_path / "array.json"
    path.write_text('[{"id": "x", "text": "First."},\n {"id": "y", "text": oops}]')
    corpus = load(path)
    assert [a.id for a in corpus.articles] == ["x"]
    (problem,) = problems(corpus)
    assert problem.startswith(f"{path}:2: invalid JSON") and "the rest of the file is skipped" in problem


def test_binary_data_with_many_nul_bytes_is_not_taken_for_utf16(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\x00\x01\x02\x03" * 3000)
    corpus = load(path)
    assert not corpus.articles and "binary file" in problems(corpus)[0]


def test_the_reader_reads_standard_input_then_takes_keys_from_the_terminal(tmp_path):
    """`cat corpus | dateline -`: the corpus comes from the pipe, keys from the terminal."""
    from pty_session import PtySession

    corpus = tmp_path / "a.jsonl"
    corpus.write_text(jsonl(RECORD))
    session = PtySession(["-"], stdin_file=str(corpus))
    session.wait_for(b"Trade talks")
    session.type("q")
    assert session.finish() == 0


def test_paths_are_kept_as_given(tmp_path):
    (tmp_path / "a.jsonl").write_text(jsonl(RECORD))
    corpus = load(Path(tmp_path))
    assert corpus.articles[0].path == f"{tmp_path}/a.jsonl"


def test_an_article_too_large_in_a_json_array_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(file_formats, "MAX_ARTICLE_BYTES", 1000)
    path = tmp_path / "array.json"
    path.write_text(json.dumps([{"id": "big", "text": "x" * 1001}, {"id": "small", "text": "Fine."}]))
    corpus = load(path)
    assert [a.id for a in corpus.articles] == ["small"]
    assert problems(corpus) == [f"{path}:1: too large for one article (over 0.0 MB), skipped"]


def test_blank_lines_longer_than_the_sniffed_head_do_not_make_a_file_empty(tmp_path):
    path = tmp_path / "padded.jsonl"
    path.write_text("\n" * 100_000 + json.dumps(RECORD) + "\n{broken\n")
    corpus = load(path)
    assert [a.id for a in corpus.articles] == ["a"] and corpus.articles[0].line == 100_001
    assert problems(corpus)[0].startswith(f"{path}:100002: invalid JSON")
    blank = tmp_path / "blank.jsonl"
    blank.write_text(" \n" * 20_000)
    assert problems(load(blank)) == [f"{blank}: empty file"]
