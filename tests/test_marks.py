"""Marks and what the reader keeps of a corpus: the core, the command and the keys."""

from __future__ import annotations

import json
import os

import pytest

from tui.app.dialogs import MarksScreen, PipeScreen
from tui.app.names_panel import NamesPanel
from tui.app.reader import DatelineApp
from tui.app.timeline import Timeline
from tui.cli import main
from tui.index.marks import EventRef, Marks, ReadingState, find_event, ref_of
from tui.index.opening import open_catalog
from tui.state_home import corpus_state_key, read_state, state_path, update_state

TALKS = "Officials met on Aug. 22 in Beijing. Both sides said on Aug. 23 that talks would go on."
OTHER = "Prices rose on Monday. Traders said on Tuesday that they would buy."


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def write_corpus(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def event_with(catalog, words: str):
    return next(e for e in catalog.timeline if e.event.kind == "mention" and words in e.event.text)


def test_a_corpus_is_known_by_its_real_paths_in_any_order(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b.jsonl").write_text("")
    os.symlink(tmp_path / "a", tmp_path / "link")
    first = corpus_state_key([str(tmp_path / "a"), str(tmp_path / "b.jsonl")])
    assert corpus_state_key([str(tmp_path / "b.jsonl"), str(tmp_path / "link")]) == first
    assert corpus_state_key([str(tmp_path / "a")]) != first
    assert corpus_state_key(["-"]) is None and corpus_state_key(None) is not None


def test_a_mark_survives_re_extraction_while_its_article_and_sentence_exist(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS}])
    catalog = open_catalog([path])
    marks = Marks()
    assert marks.toggle(catalog, event_with(catalog, "Both sides"))
    # Another article comes first and the talks gain a sentence: every position moves.
    write_corpus(path, [{"id": "other", "date": "2018-09-10", "text": OTHER},
                        {"id": "talks", "date": "2018-09-12", "text": "Rain fell on Sunday. " + TALKS}])
    reopened = open_catalog([path])
    kept = Marks(marks.refs)
    kept.find_in(reopened)
    (event,) = kept.events
    assert (event.date, reopened.articles[event.article].id) == ("2018-08-23", "talks")
    assert event.event.text.startswith("Both sides") and kept.missing == 0
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS.replace("Both", "The two")}])
    gone = Marks(marks.refs)
    gone.find_in(open_catalog([path]))
    assert not gone.events and gone.missing == 1 and gone.refs == marks.refs  # kept for when it is back


def test_of_two_events_of_one_sentence_the_mark_keeps_its_own(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS}])
    catalog = open_catalog([path])
    article, mention = (next(e for e in catalog.timeline if e.event.kind == kind and "Officials" in e.event.text)
                        for kind in ("article", "mention"))
    assert find_event(catalog, ref_of(catalog, article)) == article
    assert find_event(catalog, ref_of(catalog, mention)) == mention


def test_marking_twice_unmarks(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS}])
    catalog = open_catalog([path])
    marks, event = Marks(), event_with(catalog, "Officials")
    assert marks.toggle(catalog, event) and not marks.toggle(catalog, event)
    assert marks.refs == [] and marks.events == {}


def test_state_is_written_whole_and_other_fields_are_kept(tmp_path):
    key = corpus_state_key([str(tmp_path)])
    assert update_state(key, [str(tmp_path)], marks=[]) is None
    assert update_state(key, [str(tmp_path)], search="tariff") is None
    state, problem = read_state(key)
    assert problem is None and state["marks"] == [] and state["search"] == "tariff"
    assert not [p for p in state_path(key).parent.iterdir() if p.name.endswith(".tmp")]
    assert oct(state_path(key).parent.stat().st_mode & 0o777) == "0o700"


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"format": 99}', b"\xff\xfe", b"{" * 100000])
def test_a_damaged_state_file_is_set_aside_and_the_reader_starts_afresh(tmp_path, content):
    key = corpus_state_key([str(tmp_path)])
    update_state(key, [str(tmp_path)], marks=[])
    state_path(key).write_bytes(content)
    reading = ReadingState([str(tmp_path)])
    assert reading.marks.refs == [] and reading.place is None and reading.search == ""
    assert reading.problem == (f"{state_path(key)}: damaged, set aside as {state_path(key).stem}.damaged; "
                               "marks and place start afresh")
    assert state_path(key).with_suffix(".damaged").read_bytes() == content
    assert ReadingState([str(tmp_path)]).problem is None  # set aside once


def test_records_that_are_not_refs_are_passed_over(tmp_path):
    key = corpus_state_key([str(tmp_path)])
    good = EventRef("talks", "0123456789abcdef", "2018-08-22", "mention")
    update_state(key, [str(tmp_path)], marks=[good.as_record(), {"article": 1}, "x", {**good.as_record(), "more": 1}],
                 place=["not", "a", "ref"], search=7, theme={"x": 1})
    reading = ReadingState([str(tmp_path)])
    assert reading.marks.refs == [good] and reading.place is None and reading.search == ""
    assert reading.theme is None


def test_the_marks_command_lists_marked_events_in_date_order(tmp_path, capsys):
    path = tmp_path / "wire.jsonl"
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS}])
    catalog = open_catalog([path])
    reading = ReadingState([str(path)])
    for words in ("Both sides", "Officials"):
        reading.marks.toggle(catalog, event_with(catalog, words))
    reading.marks.refs.append(EventRef("gone", "0123456789abcdef", "2018-01-01", "mention"))
    assert reading.save_marks() is None
    assert main(["marks", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert [(e["date"], e["article"], e["text"][:4]) for e in json.loads(out)] == [
        ("2018-08-22", "talks", "Offi"), ("2018-08-23", "talks", "Both")]
    assert err == "dateline: 1 mark not found: its article or sentence is no longer in the corpus\n"
    assert main(["marks", "-"]) == 2


# --- the reader ----------------------------------------------------------------------


async def test_m_marks_with_a_star_u_walks_the_marks_and_they_are_kept(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS},
                        {"id": "other", "date": "2018-10-01", "text": OTHER}])
    app = DatelineApp([str(path)], open_catalog([path]))
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.press("m", "j", "j", "m", "G")
        first, second = timeline.events[0], timeline.events[2]
        assert set(timeline.marked) == {first, second}
        assert timeline.render_line(2).text.startswith("* ")  # below the year and month headings
        assert not timeline.render_line(3).text.startswith("*")
        await pilot.press("U")
        assert timeline.current_event == second
        await pilot.press("U")
        assert timeline.current_event == first
        await pilot.press("u", "m")  # unmarks the second
        assert set(timeline.marked) == {first}
        await app.workers.wait_for_complete()
    assert ReadingState([str(path)]).marks.refs == [ref_of(app.reader.catalog, first)]


async def test_the_marks_panel_goes_to_a_mark_unmarks_and_pipes_them(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS}])
    catalog = open_catalog([path])
    app = DatelineApp([str(path)], catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.query_one(Timeline)
        await pilot.press("m", "j", "m", "g", "colon", *"2019..", "enter")  # the range hides them
        names_of_all = len(catalog.names_by_mentions())
        assert len(app.query_one(NamesPanel).entries) < names_of_all
        await pilot.press("slash", *"rain", "enter")  # and the search
        assert timeline.event_count == 0
        await pilot.press("M")
        assert isinstance(app.screen, MarksScreen) and len(app.screen.marked) == 2
        await pilot.press("down", "enter")
        assert not isinstance(app.screen, MarksScreen)
        assert timeline.current_event.event.text.startswith("Both") and timeline.event_count == 3
        assert len(app.query_one(NamesPanel).entries) == names_of_all  # the range went: every name again
        await pilot.press("M", "m")
        assert len(app.screen.marked) == 1
        await pilot.press("vertical_line")
        assert isinstance(app.screen, PipeScreen) and app.screen.what == "the 1 marked event, as JSON Lines,"


async def test_the_reader_reopens_where_it_was_with_its_search_and_theme(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_corpus(path, [{"id": "talks", "date": "2018-09-12", "text": TALKS},
                        {"id": "other", "date": "2018-10-01", "text": OTHER}])
    catalog = open_catalog([path])
    app = DatelineApp([str(path)], catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"said", "enter", "j", "t")
        here, theme = app.query_one(Timeline).current_event, app.theme
    assert app.reader.remember_place(app.theme) is None
    again = DatelineApp([str(path)], open_catalog([path]))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.query_one(Timeline).current_event == here
        assert again.reader.search_text == "said" and again.theme == theme


def test_a_state_folder_that_is_a_link_is_not_used(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "state").mkdir()
    os.symlink(elsewhere, tmp_path / "state" / "dateline")
    key = corpus_state_key([str(tmp_path)])
    assert update_state(key, [str(tmp_path)], marks=[]) == (
        f"state folder {tmp_path / 'state' / 'dateline'} not used: it is a symbolic link or a file, not a folder")
    assert list(elsewhere.iterdir()) == [] and read_state(key) == ({}, None)
