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


def test_a_figures_subject_is_the_nearest_word_of_what_it_counts():
    from tui.extract.records import Figure
    from tui.index.figure_history import figure_subject

    text = "The U.S. imposed tariffs on $200 billion of goods. $3 billion of loans went to farmers."
    first = Figure(28, 40, "$200 billion", "money", 2e11, "USD")
    second = Figure(51, 61, "$3 billion", "money", 3e9, "USD")
    assert text[first.start:first.end] == first.text and text[second.start:second.end] == second.text
    assert figure_subject(text, first, (0, 50)) == "tariffs"  # the nearest before it, not "goods" after
    assert figure_subject(text, second, (51, len(text))) == "loans"
    assert figure_subject("Revenue was $5.", Figure(12, 14, "$5", "money", 5, "USD"), (0, 15)) is None


async def test_h_on_a_figure_shows_its_history_and_enter_opens_a_mention(tmp_path):
    from tui.app.article import ArticleView
    from tui.app.figure_history_screen import FigureHistoryScreen
    from tui.app.reader import DatelineApp
    from tui.index.opening import open_catalog

    catalog = open_catalog(None)
    app = DatelineApp(None, catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("enter", "H")  # on no figure yet
        assert not isinstance(app.screen, FigureHistoryScreen)
        for _ in range(10):
            await pilot.press("f")
            if view.current and view.display_text[view.current[0]:view.current[1]] == "$200 billion":
                break
        await pilot.press("H")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FigureHistoryScreen) and screen.about == "tariffs"
        assert sorted(m.figure.text for m in screen.mentions) == ["$112 billion", "$200 billion", "$200 billion",
                                                                  "$267 billion", "$50 billion"]
        whens = [m.start_day for m in screen.mentions]
        assert whens == sorted(whens)
        last = screen.mentions[-1]
        await pilot.press("end", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FigureHistoryScreen)
        assert view.article is catalog.articles[last.article] and view.current == (last.figure.start, last.figure.end)
        assert app.focused is view
