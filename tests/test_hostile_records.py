"""One hostile record never takes the corpus down with it: each gives one line naming
the file, the line and the problem, and the rest loads."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from deadline import ends_within
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.articles import Article
from tui.corpus.loaders import load_corpus
from tui.extract import calendar as cal
from tui.extract import extract
from tui.extract.timexes import TRIGGER_WORDS

TRIGGERS = [word for words in TRIGGER_WORDS.values() for word in words.split()]
# Every word a date rule starts from, alone and in the relative forms the rules know.
RELATIVE_EXPRESSIONS = [
    phrase
    for word in TRIGGERS
    for phrase in (word, f"last {word}", f"next {word}", f"this {word}", f"the previous {word}",
                   f"the following {word}", f"two {word} ago", f"a {word} earlier", f"{word} 1", f"on {word} 31",
                   f"early {word}", f"since {word}")
] + ["the day after tomorrow", "New Year's Day", "mid-1988", "the 1990s", "fiscal 1987", "in 2 weeks"]
CALENDAR_EDGES = [date(1, 1, 1), date(1, 1, 7), date(1, 12, 31), date(2, 1, 1), date(9998, 12, 31),
                  date(9999, 1, 1), date(9999, 12, 25), date(9999, 12, 31)]


def check_dates_of(text: str, day: date) -> None:
    result = extract(Article(id="edge", text=text, date=day))
    for timex in result.timexes:
        assert not re.match(r"0000|-|\d{5}", timex.value), timex
    for event in result.events:
        assert cal.value_start(event.date) is not None, event


def test_every_relative_expression_at_the_calendar_edges_resolves_or_is_left_out():
    text = " ".join(f"Officials met {phrase}." for phrase in RELATIVE_EXPRESSIONS)
    for day in CALENDAR_EDGES:
        check_dates_of(text, day)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), st.sampled_from(RELATIVE_EXPRESSIONS))
def test_any_article_date_with_any_relative_expression(day, phrase):
    check_dates_of(f"Prices rose {phrase}, officials said.", day)


def test_a_month_in_year_one_still_gets_its_year():
    result = extract(Article(id="one", text="Officials met in March.", date=date(1, 6, 30)))
    assert [t.value for t in result.timexes] == ["0001-03"]


def test_month_and_day_bounds_reach_the_last_day_of_the_calendar():
    assert cal.day_span("9999-12") == (date(9999, 12, 1), date(9999, 12, 31))


def test_an_integer_too_long_to_read_is_one_problem(write_jsonl):
    path = write_jsonl([
        '{"id": "big", "text": "A number.", "views": ' + "9" * 5000 + "}",
        {"id": "fine", "text": "The rest loads."},
    ])
    corpus = load_corpus([path])
    assert [a.id for a in corpus.articles] == ["fine"]
    (problem,) = corpus.problems
    assert str(problem).startswith(f"{path}:1: invalid JSON") and "digits" in str(problem)


def test_a_renamed_duplicate_id_is_taken_too(write_jsonl):
    path = write_jsonl([{"id": i, "text": f"Article {n}."} for n, i in enumerate(["e1", "e1", "e1#2", "e1#2"])])
    corpus = load_corpus([path])
    ids = [a.id for a in corpus.articles]
    assert len(set(ids)) == 4 and ids[0] == "e1", ids
    assert ids == ["e1", "e1#2", "e1#2#2", "e1#2#3"]
    assert [str(p).split(": ", 1)[1] for p in corpus.problems] == [
        "duplicate id 'e1', renamed to 'e1#2'", "duplicate id 'e1#2', renamed to 'e1#2#2'",
        "duplicate id 'e1#2', renamed to 'e1#2#3'"]


def test_a_lone_surrogate_in_the_text_loads(write_jsonl):
    path = write_jsonl(['{"id": "s", "text": "Bad \\ud800 half."}'])
    (article,) = load_corpus([path]).articles
    assert json.loads(json.dumps(article.text)) == article.text


@pytest.mark.parametrize("piece", [".", "!", "?", "Bank of ", "Securities and "])
def test_runs_that_used_to_go_quadratic_end(piece):
    """A hang guard, not a speed test (bench/bench_pathological.py measures growth): a
    megabyte of dots took hours, 800 KB of "Bank of " 47 s."""
    text = piece * (1_000_000 // len(piece))
    with ends_within(60):
        extract(Article(id="runs", text=text, date=date(1987, 3, 1)))


@pytest.mark.parametrize("workers", [1, 2])
def test_an_extractor_failing_on_one_article_keeps_the_rest(write_jsonl, monkeypatch, workers):
    """Through the worker processes too: the article stays on its own date, without highlights."""
    import tui.extract
    from tui.index import extraction_pool
    from tui.index.opening import open_catalog

    real_extract = tui.extract.extract_text

    def failing_on_boom(text, day=None, body_start=0):
        if "BOOM" in text:
            raise RuntimeError("an extractor bug")
        return real_extract(text, day, body_start)

    monkeypatch.setattr(tui.extract, "extract_text", failing_on_boom)
    monkeypatch.setattr(extraction_pool, "PARALLEL_THRESHOLD", 2)
    path = write_jsonl(
        [{"id": f"a{n}", "date": "2019-05-06", "text": f"Acme Corp met on Monday {n}."} for n in range(6)]
        + [{"id": "boom", "date": "2019-05-07", "text": "BOOM went Acme Corp on Monday.\nMore."}]
    )
    catalog = open_catalog([path], workers=workers, use_cache=False)
    assert len(catalog.articles) == 7
    boom = [e for e in catalog.timeline if catalog.articles[e.article].id == "boom"]
    assert [(e.date, e.event.text, e.event.kind) for e in boom] == [
        ("2019-05-07", "BOOM went Acme Corp on Monday.", "article")
    ]
    assert [str(p) for p in catalog.problems] == [
        f"{path}:7: extraction failed (RuntimeError: an extractor bug); "
        "the article is shown on its date, without highlights"
    ]
    assert catalog.extractions[0].names  # the others are extracted as ever
