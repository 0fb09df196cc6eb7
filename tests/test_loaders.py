from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from tui.corpus import file_formats
from tui.corpus.file_formats import DateError, parse_date
from tui.corpus.loaders import load_corpus


def messages(corpus) -> list[str]:
    return [str(p) for p in corpus.problems]


def test_seed_format_header_dateline_and_title(seed_articles):
    article = seed_articles["000_d45e1563e4736e50"]
    assert article.date == date(2018, 9, 12)
    assert article.text.startswith("WASHINGTON (Reuters) - The Trump administration")
    assert article.dateline_place == "WASHINGTON"
    assert article.text[article.body_start :].startswith("The Trump administration")
    assert article.title.startswith("The Trump administration has reached out to China")
    assert "WASHINGTON" not in article.title


def test_no_paths_loads_the_bundled_seeds():
    corpus = load_corpus(None)
    assert [a.id for a in corpus.articles] == ["000_d45e1563e4736e50", "003_40bfde1db24a8fae"]


def test_jsonl_fields_and_stable_ids(write_jsonl):
    path = write_jsonl([
        {"id": "a1", "date": "2019-01-02", "title": "Given  title", "text": "Body one.", "url": "http://x"},
        {"date": "2019-01-03T10:00:00Z", "text": "Body two has no id."},
    ])
    first = load_corpus([path])
    second = load_corpus([path])
    a1, a2 = first.articles
    assert (a1.id, a1.title, a1.url, a1.line) == ("a1", "Given title", "http://x", 1)
    assert a2.date == date(2019, 1, 3)
    assert a2.id == second.articles[1].id and a2.id.startswith("corpus-")
    assert a2.text == "Body two has no id."


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "invalid JSON"),
        ('{"id": "x"}', "no text"),
        ('{"text": "   "}', "no text"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_bad_jsonl_line_is_reported_and_the_rest_loads(write_jsonl, line, problem):
    path = write_jsonl([{"id": "before", "text": "First."}, line, {"id": "after", "text": "Last."}])
    corpus = load_corpus([path])
    assert [a.id for a in corpus.articles] == ["before", "after"]
    (message,) = messages(corpus)
    assert message.startswith(f"{path}:2: ") and problem in message


@pytest.mark.parametrize("bad", ["2019-02-30", "yesterday", "19-1-1"])
def test_bad_date_keeps_the_article_without_a_date(write_jsonl, bad):
    path = write_jsonl([{"id": "x", "date": bad, "text": "Text."}])
    corpus = load_corpus([path])
    assert corpus.articles[0].date is None
    assert bad in messages(corpus)[0] and ":1: " in messages(corpus)[0]


def test_parse_date_accepts_timestamps_and_rejects_nonsense():
    assert parse_date("2020-02-29T23:59:59+02:00") == date(2020, 2, 29)
    with pytest.raises(DateError):
        parse_date("2020-02-29Tnonsense")
    with pytest.raises(DateError):
        parse_date(20200101)


def test_duplicate_ids_are_renamed_and_reported(write_jsonl):
    path = write_jsonl([{"id": "same", "text": "One."}, {"id": "same", "text": "Two."}])
    corpus = load_corpus([path])
    assert [a.id for a in corpus.articles] == ["same", "same#2"]
    assert "duplicate id 'same'" in messages(corpus)[0]


def test_seed_file_problems(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "header.txt").write_text(" date 2020-01-01\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 date")
    (tmp_path / "latin1.txt").write_bytes(" date 2020-01-01 Caf\xe9 society.".encode("latin-1"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf date 2020-01-02 With a BOM.")
    (tmp_path / "ok.txt").write_text(" date 2020-01-03 Fine.")
    corpus = load_corpus([tmp_path])
    found = "\n".join(messages(corpus))
    assert "empty.txt: empty file" in found
    assert "header.txt: no article text after the date header" in found
    assert "binary.txt: binary file" in found
    assert "latin1.txt: not valid UTF-8" in found and "replacement" in found
    texts = {a.id: a.text for a in corpus.articles}
    assert texts["bom"] == "With a BOM." and texts["ok"] == "Fine."
    assert texts["latin1"] == "Caf\ufffd society."


def test_missing_path_and_folder_symlink_loop(tmp_path: Path):
    (tmp_path / "a.txt").write_text(" date 2020-01-03 Fine.")
    os.symlink(tmp_path, tmp_path / "loop")
    corpus = load_corpus([tmp_path, tmp_path / "missing.jsonl"])
    assert [a.id for a in corpus.articles] == ["a"]
    found = "\n".join(messages(corpus))
    assert "missing.jsonl: no such file or directory" in found
    assert "symbolic link loop" in found


def test_unreadable_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(" date 2020-01-03 Hidden.")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make open() refuse as it would for a user
        real_open = open

        def refusing_open(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", refusing_open)
    corpus = load_corpus([path])
    assert "cannot read: permission denied" in messages(corpus)[0]


def test_files_are_never_written(tmp_path: Path, write_jsonl):
    write_jsonl([{"id": "x", "text": "Text."}, "{broken"])
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    load_corpus([tmp_path])
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    assert before == after


CSV_TEXT = (
    "Title,BODY,Published,Link,Source\n"
    '"Talks resume","Trade talks resumed on Monday.",2019-05-06,http://x,Wire\n'
    '"Bad date","Prices rose.",not-a-date,,\n'
    '"",,2019-05-07,,\n'
    '"Quoted","He said ""no"" twice,\nthen left.",2019-05-08 10:00:00,,\n'
)


def test_a_csv_file_is_a_row_an_article_by_its_header(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    corpus = load_corpus([tmp_path])  # a folder's CSV files are read too
    talks, bad_date, quoted = corpus.articles
    assert (talks.title, talks.text, talks.date, talks.url, talks.source, talks.line) == (
        "Talks resume", "Trade talks resumed on Monday.", date(2019, 5, 6), "http://x", "Wire", 2)
    assert bad_date.date is None and quoted.text == 'He said "no" twice,\nthen left.' and quoted.line == 5
    assert messages(corpus) == [
        f"{path}:3: unparseable date 'not-a-date' (expected YYYY-MM-DD); the article is kept without a date",
        f"{path}:4: no text (the 'text' field is missing or empty)",
    ]


def test_a_csv_file_without_a_text_column_is_one_problem(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("date,price\n2019-05-06,12\n", encoding="utf-8")
    corpus = load_corpus([path])
    assert not corpus.articles
    assert messages(corpus) == [f"{path}:1: no text column (the header names none of text, body, content; "
                                "--columns text=NAME names another)"]


def test_columns_named_by_the_user_come_before_the_usual_names(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("text,story,when\nsummary,The full story.,2019-05-06\n", encoding="utf-8")
    file_formats.name_csv_columns(file_formats.parse_column_names("text=Story, date=WHEN"))
    (article,) = load_corpus([path]).articles
    assert (article.text, article.date) == ("The full story.", date(2019, 5, 6))


def test_a_named_column_missing_from_the_header_is_one_problem(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("text,date\nStory.,2019-05-06\n", encoding="utf-8")
    file_formats.name_csv_columns({"text": "body"})
    corpus = load_corpus([path])
    assert not corpus.articles
    assert messages(corpus) == [f"{path}:1: no column 'body' in the header (named with --columns text=body)"]


@pytest.mark.parametrize("text, reason", [
    ("text", "'text' is not FIELD=COLUMN"),
    ("text=", "'text=' is not FIELD=COLUMN"),
    ("body=text", "no field 'body' (the fields are text, date, title, id, url, source)"),
])
def test_column_names_that_are_not_field_equals_column_are_refused(text, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        file_formats.parse_column_names(text)


def test_csv_without_a_suffix_is_known_by_its_header(tmp_path):
    path = tmp_path / "export"
    path.write_text('Headline,Text,Date\n"Talks","Officials met on Monday.",2019-05-06\n', encoding="utf-8")
    (article,) = load_corpus([path]).articles
    assert (article.title, article.text, article.date) == ("Talks", "Officials met on Monday.", date(2019, 5, 6))


def test_columns_named_are_part_of_the_cache_key(tmp_path):
    from tui.index.cache import sources_key

    path = tmp_path / "feed.csv"
    path.write_text("story,date\nStory.,2019-05-06\n", encoding="utf-8")
    usual = sources_key([str(path)])
    file_formats.name_csv_columns({"text": "story"})
    assert sources_key([str(path)]) != usual


def test_a_csv_field_over_the_article_limit_skips_its_row(tmp_path, monkeypatch):
    import tui.corpus.file_formats as file_formats

    monkeypatch.setattr(file_formats, "MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("text,date\n" + "x" * 500 + ",2019-01-01\nShort one.,2019-01-02\n", encoding="utf-8")
    corpus = load_corpus([path])
    assert [a.text for a in corpus.articles] == ["Short one."]
    assert len(corpus.problems) == 1 and "the row is skipped" in str(corpus.problems[0])


def test_news_please_json_is_recognised_by_its_fields(write_jsonl):
    path = write_jsonl([{"title": "T", "maintext": "Officials met on Friday.", "date_publish": "2019-05-10 08:00:00",
                         "url": "http://y", "source_domain": "example.com"}])
    (article,) = load_corpus([path]).articles
    assert (article.text, article.date, article.url, article.source) == (
        "Officials met on Friday.", date(2019, 5, 10), "http://y", "example.com")
