"""Figure history: every figure in date order, dated by its sentence."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli import main
from tui.extract.records import Figure
from tui.index.catalog import Catalog
from tui.index.duplicates import duplicates_among
from tui.index.figure_history import (
    disagreements,
    figure_history,
    figure_threads,
    short_figure,
    singular,
    value_path,
    word_forms,
)
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
        assert str(screen.query_one("#figures-path").render()) == "$200 bn → $267 bn → $200 bn → $50 bn → $112 bn"
        last = screen.mentions[-1]
        await pilot.press("end", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FigureHistoryScreen)
        assert view.article is catalog.articles[last.article] and view.current == (last.figure.start, last.figure.end)
        assert app.focused is view


def test_the_seeds_tariff_figures_make_one_thread_across_both_articles(seeds):
    threads = figure_threads(seeds, figure_history(seeds, kind="money"), {})
    tariffs = threads[0]
    assert (tariffs.subject, tariffs.kind, tariffs.unit) == ("tariff", "money", "USD")
    # "$50 billion worth of each others' goods with tariffs": the story's word, not the nearest one
    assert value_path(tariffs.mentions) == "$200 bn → $267 bn → $200 bn → $50 bn → $112 bn"
    assert len({m.article for m in tariffs.mentions}) == 2 and not tariffs.disagreeing


STORY = ("Acme Corp said on Monday it would cut {jobs} jobs at its Ohio plant as demand for its "
         "machine tools fell sharply this year, the company's chief executive told reporters in Dayton. "
         "The plant, opened in 1962, employs about 2,000 people on 12 lines making lathes and milling machines.")
# (a rewrite keeps most of its story's numbers: see duplicates.SAME_FIGURES)


def test_versions_of_a_story_that_give_other_values_are_marked(write_jsonl):
    other = ("Global Widgets Inc said it would cut 500 jobs in Texas after a slump in orders for its "
             "pumps and valves from oil companies, a spokeswoman said on Monday in Houston.")
    catalog = open_catalog([write_jsonl([
        {"id": "first", "date": "1987-03-02", "text": STORY.format(jobs=400)},
        {"id": "update", "date": "1987-03-02", "text": STORY.format(jobs=450)},  # a rewrite with another count
        {"id": "again", "date": "1987-03-02", "text": STORY.format(jobs=400)},  # agrees with the first
        {"id": "other", "date": "1987-03-02", "text": other},  # another story: no version of these
    ])], use_cache=False)
    mentions = figure_history(catalog, about="jobs")
    story_of = duplicates_among(catalog.articles, range(len(catalog.articles)))
    assert sorted(story_of) == [0, 1, 2]
    marked = {catalog.articles[mentions[n].article].id: mentions[n].figure.text
              for n in disagreements(mentions, story_of)}
    # the update contradicts both others; they contradict it, and agree with each other
    assert marked == {"first": "400 jobs", "update": "450 jobs", "again": "400 jobs"}
    assert disagreements(mentions, {}) == frozenset()  # no versions known, nothing to contradict
    thread = next(t for t in figure_threads(catalog, mentions, story_of) if t.unit == "jobs")
    assert [catalog.articles[thread.mentions[n].article].id for n in sorted(thread.disagreeing)] == [
        "first", "update", "again"]


def test_values_far_apart_or_on_other_days_are_two_quantities_not_a_dispute(write_jsonl):
    catalog = open_catalog([write_jsonl([
        {"id": "first", "date": "1987-03-02", "text": STORY.format(jobs=400)},
        {"id": "far", "date": "1987-03-02", "text": STORY.format(jobs=4000)},
        {"id": "later", "date": "1987-03-04", "text": STORY.format(jobs=450)},
    ])], use_cache=False)
    mentions = figure_history(catalog, about="jobs")
    story_of = dict.fromkeys(range(3), 0)  # all three told as one story
    assert disagreements(mentions, story_of) == frozenset()


@pytest.mark.parametrize(("figure", "short"), [
    (Figure(0, 0, "$200 billion", "money", 2e11, "USD"), "$200 bn"),
    (Figure(0, 0, "1.25 mln dlrs", "money", 1.25e6, "USD"), "$1.25 mln"),
    (Figure(0, 0, "340 mln yen", "money", 3.4e8, "JPY"), "340 mln JPY"),
    (Figure(0, 0, "95,000 dlrs", "money", 95000, "USD"), "$95,000"),
    (Figure(0, 0, "7-1/2 pct", "percent", 7.5, "%"), "7.5%"),
    (Figure(0, 0, "25 basis points", "percent", 25, "bp"), "25 bp"),
    (Figure(0, 0, "over 60 industry groups", "count", 60, "groups"), "60 groups"),
])
def test_a_figure_is_told_short(figure, short):
    assert short_figure(figure) == short


def test_a_value_path_says_a_repeated_value_once_and_stops_at_most_steps(seeds):
    mentions = figure_history(seeds, about="tariffs", kind="money")
    assert value_path([mentions[0], mentions[0], mentions[1]]) == "$200 bn → $267 bn"
    assert value_path(mentions, most=2) == "$200 bn → $267 bn → …"


@given(st.sampled_from(["tariff", "economy", "tax", "loan", "branch", "share"]))
def test_a_plural_and_its_singular_share_a_thread(word):
    plural = {"economy": "economies", "tax": "taxes", "branch": "branches"}.get(word, word + "s")
    assert singular(plural) == singular(word) == word


def test_figures_threads_print_json_with_the_path(capsys):
    assert main(["figures", "--about", "tariffs", "--kind", "money", "--threads", "--json"]) == 0
    threads = json.loads(capsys.readouterr().out)
    assert [t["subject"] for t in threads] == ["tariff"]
    assert threads[0]["path"] == "$200 bn → $267 bn → $200 bn → $50 bn → $112 bn"
    assert [m["text"] for m in threads[0]["mentions"]][-1] == "$112 billion"
    assert not any(m["disagrees"] for m in threads[0]["mentions"])
