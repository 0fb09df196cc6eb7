"""Exported timelines: JSON Lines, CSV and TimelineJS, exact and never code."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui.cli import main
from tui.index.catalog import Catalog
from tui.index.export import CSV_FIELDS, FORMATS, event_record, events_text
from tui.index.opening import open_catalog


@pytest.fixture(scope="module")
def seeds() -> Catalog:
    return open_catalog(None)


def test_json_lines_hold_the_events_schema(seeds):
    text, count = events_text(seeds, seeds.timeline, "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert count == len(records) == len(seeds.timeline)
    assert records == [event_record(seeds, event) for event in seeds.timeline]


def test_csv_reads_back_with_a_header(seeds):
    text, count = events_text(seeds, seeds.timeline, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_FIELDS and len(rows) == count == len(seeds.timeline)
    first = seeds.timeline[0]
    assert rows[0]["text"] == first.event.text and rows[0]["article"] == seeds.articles[first.article].id


def test_timelinejs_slides_are_as_precise_as_their_dates(seeds):
    text, _count = events_text(seeds, seeds.timeline, "timelinejs")
    slides = json.loads(text)["events"]
    by_date = {event.date: slide for event, slide in zip(seeds.timeline, slides, strict=True)}
    assert by_date["2018-08-22"]["start_date"] == {"year": 2018, "month": 8, "day": 22}
    assert by_date["2019-09"]["start_date"] == {"year": 2019, "month": 9}
    week = next(slide for day, slide in by_date.items() if "-W" in day)
    assert week["start_date"]["display_date"].count("-W") == 1 and "day" in week["start_date"]
    assert all(slide["text"]["headline"] and slide["text"]["text"] and slide["group"] for slide in slides)


def test_hostile_text_is_neither_markup_nor_a_formula_nor_an_escape(write_jsonl):
    catalog = open_catalog([write_jsonl([{
        "id": "x", "date": "1987-03-02", "title": "<script>alert(1)</script>",
        "text": "=HYPERLINK(\"http://x\") said on Monday \x1b[31m<b>prices</b> rose\u202e.",
    }])], use_cache=False)
    slides = json.loads(events_text(catalog, catalog.timeline, "timelinejs")[0])["events"]
    assert "<" not in json.dumps(slides) and "&lt;script&gt;" in slides[0]["group"]
    for file_format in FORMATS:
        text, _count = events_text(catalog, catalog.timeline, file_format)
        assert "\x1b" not in text and "\u202e" not in text or file_format == "csv", file_format
    rows = list(csv.reader(io.StringIO(events_text(catalog, catalog.timeline, "csv")[0])))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    record = json.loads(events_text(catalog, catalog.timeline, "jsonl")[0].splitlines()[0])
    assert "\x1b[31m" in record["text"]  # JSON Lines stay exact: the escape is data


def test_events_format_from_the_command_line(capsys):
    assert main(["events", "--format", "csv", "--since", "2019"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(row["date"] >= "2019" for row in rows)
    assert main(["events", "--format", "timelinejs"]) == 0
    assert json.loads(capsys.readouterr().out)["events"]


def test_an_export_names_a_file_by_its_format_and_never_a_corpus_file(tmp_path):
    from tui.index.export import export_target

    assert export_target(str(tmp_path / "story.CSV"), []) == (tmp_path / "story.CSV", "csv")
    assert export_target(str(tmp_path / "story.json"), [])[1] == "timelinejs"
    for typed, why in (("", "Type a file name"), (str(tmp_path / "story.txt"), "end it in .jsonl"),
                       (str(tmp_path / "nowhere" / "story.csv"), "no such folder"),
                       (str(tmp_path), "end it in")):
        with pytest.raises(ValueError, match=why):
            export_target(typed, [])
    corpus_file = tmp_path / "corpus.jsonl"
    corpus_file.write_text("{}\n")
    with pytest.raises(ValueError, match="a file of this corpus"):
        export_target(str(corpus_file), [str(corpus_file)])


async def test_the_reader_exports_what_the_timeline_shows(seeds, tmp_path):
    from tui.app.reader import DatelineApp

    target = tmp_path / "story.csv"
    app = DatelineApp(catalog=seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"2019-09..2019-11", "enter")
        await pilot.pause(0.3)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-input").value = str(target)  # typed, in effect: a long path
        await pilot.press("enter")
        await pilot.pause(0.3)
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        assert rows and all("2019-09" <= row["date"] < "2019-12" for row in rows)
        assert any(f"to {target}" in str(n.message) for n in app._notifications)
        target.write_text("mine\n")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-input").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "exists: Enter again overwrites it" in str(app.screen.query_one("#export-error").render())
        assert target.read_text() == "mine\n"  # not without asking
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text() == "mine\n"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-input").value = str(target)
        await pilot.press("enter", "enter")
        await pilot.pause(0.3)
        assert target.read_text(encoding="utf-8").startswith("date,granularity")
