"""Figure history: every figure in date order, dated by its sentence."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli import main
from tui.index.catalog import Catalog
from tui.index.figure_history import figure_history, word_forms
from tui.index.opening import open_catalog


@pytest.fixture(scope="module")
def seeds() -> Catalog:
    return open_catalog(None)


def test_the_tariff_figures_of_the_seeds_follow_the_story(seeds):
    money = [(m.when, m.figure.text) for m in figure_history(seeds, about="tariffs", kind="money")]
    assert [text for _day, text in money] == ["$200 billion", "$267 billion", "$200 billion", "$50 billion",
                                              "$112 billion"]
    assert all(day.startswith("2018-") for day, text in money if text != "$112 billion")
    assert ("2019-09", "$112 billion") in money  # "In September, the US had imposed fresh tariffs on $112 billion"
    starts = [m.start_day for m in figure_history(seeds)]
    assert starts == sorted(starts)


def test_about_looks_at_the_sentence_and_the_one_before(write_jsonl):
    catalog = open_catalog([write_jsonl([{
        "id": "a", "date": "1987-03-02",
        "text": "The cocoa tariff was raised. It now stands at 12 pct. Coffee fell 3 pct. Sugar rose 5 pct.",
    }])], use_cache=False)
    about = [m.figure.text for m in figure_history(catalog, about="Tariffs")]
    assert about == ["12 pct"]
    assert [m.figure.text for m in figure_history(catalog, kind="percent", since=date(1987, 3, 2))] == [
        "12 pct", "3 pct", "5 pct"]
    assert figure_history(catalog, until=date(1987, 3, 1)) == []
    assert figure_history(catalog, unit="USD") == []


@given(st.sampled_from(["tariff", "economy", "tax", "price", "bus", "data"]), st.booleans())
def test_a_word_finds_its_singular_and_its_plural(word, plural):
    plurals = {"tariff": "tariffs", "economy": "economies", "tax": "taxes", "price": "prices", "bus": "buses",
               "data": "datas"}
    asked = plurals[word] if plural else word
    forms = word_forms(asked)
    assert forms.search(f"The {word.upper()} rose") and forms.search(f"the {plurals[word]} rose")
    assert not forms.search(f"the {word}ing rose") and not forms.search(f"un{word} rose")


def test_figures_print_json(capsys):
    assert main(["figures", "--about", "tariffs", "--kind", "money", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    last = records[-1]
    assert last["text"] == "$112 billion" and last["date"] == "2019-09" and last["value"] == 112e9
    assert "fresh tariffs on $112 billion" in last["sentence"]
    assert last["sentence_start"] <= last["start"] < last["end"] <= last["sentence_end"]
