"""Story tools: the names that go with a name, and a search's spread over time."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli import main
from tui.index.catalog import Catalog
from tui.index.opening import open_catalog
from tui.index.query import parse_query
from tui.index.story import PERIODS, column_of, histogram, period_labels, period_of, related, spread


@pytest.fixture(scope="module")
def seeds() -> Catalog:
    return open_catalog(None)


def test_the_names_with_liu_he_are_the_people_he_negotiated_with(seeds):
    (liu,) = seeds.find_name("Liu He")[:1]
    companions = {c.entry.name: c for c in related(seeds, liu)}
    assert {"Donald Trump", "Steven Mnuchin"} <= set(companions)
    assert "Liu He" not in companions
    assert companions["Steven Mnuchin"].sentences >= 1  # "... Mnuchin and ... Liu He"
    assert companions["Donald Trump"].articles == 2
    ranked = related(seeds, liu)
    assert [(-c.sentences, -c.articles) for c in ranked] == sorted((-c.sentences, -c.articles) for c in ranked)


def test_companions_among_some_articles_count_only_those(seeds):
    (trump,) = seeds.find_name("Donald Trump")[:1]
    later = seeds.articles_within(date(2019, 1, 1), date(2019, 12, 31))
    assert len(later) == 1 and len(trump.articles) == 2
    companions = related(seeds, trump, later)
    assert companions and all(c.articles == 1 and later & c.entry.articles for c in companions)
    assert {c.entry.name for c in companions} < {c.entry.name for c in related(seeds, trump)}
    assert related(seeds, trump, set()) == []


def test_companions_count_each_article_and_sentence_once(write_jsonl):
    catalog = open_catalog([write_jsonl([
        {"id": "a", "date": "1987-03-02",
         "text": "Acme Corp met Beta Inc in London. Acme Corp agreed with Beta Inc on Monday. Gamma Ltd said nothing."},
        {"id": "b", "date": "1987-03-05", "text": "Gamma Ltd bought Acme Corp shares in Paris."},
    ])], use_cache=False)
    (acme,) = catalog.find_name("Acme Corp")[:1]
    companions = {c.entry.name: (c.articles, c.sentences) for c in related(catalog, acme)}
    assert companions["Beta Inc"] == (1, 2)
    assert companions["Gamma Ltd"] == (2, 1)  # a sentence together only in the second article
    assert companions["Paris"] == (1, 1) and companions["London"] == (1, 1)


def test_a_histogram_counts_what_search_counts(seeds):
    matches = seeds.index.search(parse_query("tariffs")).articles
    for by in PERIODS:
        rows = histogram(seeds, matches, by)
        assert sum(r.articles for r in rows) == len(matches)
        assert sum(r.events for r in rows) == len(seeds.events_of_articles(matches))
        labels = [r.period for r in rows]
        assert labels == sorted(labels)
    by_year = {r.period: (r.articles, r.events) for r in histogram(seeds, matches, "year")}
    assert by_year["2018"][0] == 1 and by_year["2019"][0] == 1


def test_empty_periods_between_articles_are_rows_but_not_decades_before_them(write_jsonl):
    catalog = open_catalog([write_jsonl([
        {"id": "a", "date": "1987-01-15", "text": "Cocoa prices rose on Tuesday, traders said."},
        {"id": "b", "date": "1987-04-02", "text": "Cocoa stocks have not been this low since 1929."},
        {"id": "c", "text": "Cocoa talks, undated."},
    ])], use_cache=False)
    rows = histogram(catalog, catalog.index.search(parse_query("cocoa")).articles, "month")
    labels = [r.period for r in rows]
    assert labels[-1] is None and rows[-1].articles == 1  # the undated article
    assert {"1987-01", "1987-02", "1987-03", "1987-04"} <= set(labels)
    assert not any(label and label.startswith(("193", "194", "195")) for label in labels)
    assert sum(r.articles for r in rows) == 3


def test_a_name_narrows_a_histogram_to_its_articles_and_events(seeds):
    (mnuchin,) = seeds.find_name("Steven Mnuchin")[:1]
    matches = seeds.index.search(parse_query("tariffs")).articles
    rows = histogram(seeds, matches, "year", mnuchin)
    assert sum(r.articles for r in rows) == len(set(matches) & mnuchin.articles) == 1
    assert sum(r.events for r in rows) == len(seeds.events_of_articles(matches, mnuchin))


@given(st.dates(date(1800, 1, 1), date(2200, 1, 1)), st.integers(0, 800), st.sampled_from(PERIODS))
def test_period_labels_run_without_gaps_from_the_first_day_to_the_last(first, days, by):
    last = first + timedelta(days=days)
    labels = list(period_labels(first, last, by))
    assert labels[0] == period_of(first, by) and labels[-1] == period_of(last, by)
    assert labels == sorted(set(labels))  # each once, in order
    every_day = {period_of(first + timedelta(days=n), by) for n in range(days + 1)}
    assert set(labels) == every_day


def test_the_commands_print_json(capsys):
    assert main(["related", "Liu He", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["name"] == "Liu He" and {"Donald Trump", "Steven Mnuchin"} <= {r["name"] for r in record["related"]}
    assert main(["histogram", "tariffs", "--by", "year", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert main(["search", "tariffs", "--json"]) == 0
    assert sum(r["articles"] for r in rows) == json.loads(capsys.readouterr().out)["documents"]
    assert main(["related", "Nobody Atall"]) == 2
    assert "no name in the corpus matches" in capsys.readouterr().err
    assert main(["related", "Donald Trump", "--since", "2019", "--json"]) == 0
    later = json.loads(capsys.readouterr().out)["related"]
    assert later and all(r["articles"] == 1 for r in later)


def test_a_spread_puts_each_day_in_one_of_equal_stretches():
    first = date(1987, 1, 1).toordinal()
    last = first + 99
    counts = spread([first, first + 9, first + 10, last, last + 1, first - 1], first, last, 10)
    assert counts == [2, 1, 0, 0, 0, 0, 0, 0, 0, 1]  # the days outside the span are left out
    assert spread([first], first, first, 3) == [1, 0, 0]  # a one-day corpus
    assert column_of(last, first, last, 7) == 6 and column_of(first, first, last, 7) == 0


@given(st.lists(st.integers(0, 500)), st.integers(1, 200))
def test_a_spread_counts_every_day_within_its_span(offsets, columns):
    first = date(2000, 1, 1).toordinal()
    days = [first + offset for offset in offsets]
    assert sum(spread(days, first, first + 500, columns)) == len(days)
