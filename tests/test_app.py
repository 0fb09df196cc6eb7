"""Pilot tests: every binding and panel of the reader, on the seed corpus."""

from __future__ import annotations

import re

import pytest
from textual import events
from textual.widgets._footer import FooterKey

from tui.app.article import ArticleView
from tui.app.dialogs import HelpScreen
from tui.app.labels import month_heading
from tui.app.messages import Loaded, SearchCounted, Searched
from tui.app.names_panel import NamesPanel
from tui.app.reader import DatelineApp
from tui.app.reader_screen import ReaderScreen, as_you_type
from tui.app.search_line import SearchLine
from tui.app.spread_strip import BLOCKS, SpreadStrip
from tui.app.status_line import StatusLine
from tui.app.timeline import COARSE, Timeline
from tui.index.catalog import Catalog, Searchable, Unindexed
from tui.index.opening import cached_stages, index_of, open_catalog, preliminary_catalog

TRADE_TALKS = "000_d45e1563e4736e50"
PHASE_ONE = "003_40bfde1db24a8fae"


@pytest.fixture(scope="module")
def seed_catalog() -> Catalog:
    return open_catalog(None)


def parts(app: DatelineApp):
    return app.query_one(Timeline), app.query_one(ArticleView), app.query_one("#status").render()


def current_article_id(app: DatelineApp) -> str:
    return app.query_one(ArticleView).article.id


def type_in_one_burst(app: DatelineApp, keys: list[tuple[str, str]]) -> None:
    """(key, character) pairs posted at once, as a terminal delivers a fast typist's keys,
    a paste or one read over SSH: all queued before the first is handled."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def press_until(pilot, key: str, done, limit: int = 30) -> None:
    for _ in range(limit):
        if done():
            return
        await pilot.press(key)
    assert done()


async def test_loads_in_the_background_then_shows_the_timeline():
    app = DatelineApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if app.reader.catalog is not None:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        timeline, article, status = parts(app)
        assert timeline.event_count == len(app.reader.catalog.timeline) == 12
        assert "2 articles" in str(status)
        assert article.article is not None  # the first event's article is open


async def test_navigating_lands_on_the_article_and_its_sentence(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline, view, _ = parts(app)
        assert timeline.current_event.date == "2017-11-08"  # the earliest event first
        await press_until(pilot, "j", lambda: timeline.current_event.date == "2018-08-22")
        event = timeline.current_event
        assert current_article_id(app) == TRADE_TALKS
        assert view.sentence == (event.event.start, event.event.end)
        assert view.display_text[event.event.start : event.event.end].startswith("Mid-level U.S. and Chinese officials")
        line = view.line_of_offset(event.event.start)
        assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        await pilot.press("k")
        assert timeline.current_event.date == "2017-11-08"


async def test_a_date_wider_than_its_column_is_still_apart_from_its_label(write_jsonl):
    path = write_jsonl([{"id": "w", "date": "1987-06-24", "text": "Talks were held last week. "
                         "Shares fell last weekend. Prices rose on June 3."}])
    app = DatelineApp(catalog=open_catalog([path], use_cache=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        rows = [timeline.render_line(y).text for y in range(timeline.size.height)]
        dated = [row for row in rows if " wk" in row]
        assert len(dated) == 2, rows
        for row in dated:
            assert re.search(r"wk(end)? Jun \d+ \S", row), row


async def test_first_last_and_month_and_year_jumps(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        await pilot.press("G")
        assert timeline.current_event.date == "2020"
        await pilot.press("g")
        assert timeline.current_event.date == "2017-11-08"
        await pilot.press("right_square_bracket")
        assert timeline.current_event.date == "2018-08-22"
        await pilot.press("right_curly_bracket")
        assert timeline.current_event.start_day.year == 2019
        await pilot.press("left_curly_bracket")
        assert timeline.current_event.start_day.year == 2018
        await pilot.press("left_square_bracket")  # the previous month that has events
        assert timeline.current_event.date == "2017-11-08"
        await pilot.press("pagedown")
        assert timeline.current_event.start_day.year >= 2019


async def test_month_and_year_jumps_land_where_a_walk_over_the_events_would(seed_catalog):
    def walked(events, position, step, period):
        here = period(events[position].start_day)
        if step > 0:
            return next((i for i in range(position + 1, len(events)) if period(events[i].start_day) != here), position)
        start = position
        while start > 0 and period(events[start - 1].start_day) == here:
            start -= 1
        if start == 0:
            return 0
        before = period(events[start - 1].start_day)
        return next(i for i in range(start) if period(events[i].start_day) == before)

    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        events = timeline.events
        jumps = ((lambda d: (d.year, d.month), timeline.action_month), (lambda d: d.year, timeline.action_year))
        for period, jump in jumps:
            for position in range(len(events)):
                for step in (1, -1):
                    timeline._place_cursor(position)
                    jump(step)
                    assert timeline.current_event == events[walked(events, position, step, period)], (position, step)


async def test_a_search_answer_brings_its_timeline_unless_the_filters_changed_meanwhile(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen, timeline = app.reader, app.query_one(Timeline)
        app.query_one(SearchLine).value = "mnuchin"
        await app.workers.wait_for_complete()
        await pilot.pause()
        narrowed = list(timeline.events)
        assert 0 < len(narrowed) < len(seed_catalog.timeline)
        result = screen.search_result
        screen.search_result = None
        worked_out = ([narrowed[0]], {})  # as the search's thread would send it
        screen.post_message(Searched("mnuchin", result, None, worked_out, screen._filters()))
        await pilot.pause()
        assert list(timeline.events) == [narrowed[0]]  # taken as it came: not worked out again
        screen.search_result = None
        screen.post_message(Searched("mnuchin", result, None, worked_out, ("other filters",)))
        await pilot.pause()
        assert list(timeline.events) == narrowed  # stale: worked out again under the filters in use


async def test_a_search_count_shows_before_the_timeline_it_narrows_to(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen, timeline, status = app.reader, app.query_one(Timeline), app.query_one(StatusLine)
        line = app.query_one(SearchLine)
        line.value = "mnuchin"
        await app.workers.wait_for_complete()
        await pilot.pause()
        result, narrowed = screen.search_result, list(timeline.events)
        assert result is not None and 0 < len(narrowed) < len(seed_catalog.timeline)
        screen.action_clear_search()
        await pilot.pause()
        status.hit_note = "hit 3 of 12"  # of a search before
        with line.prevent(SearchLine.Changed):
            line.value = "mnuchin"
        screen.post_message(SearchCounted("mnuchin", result))
        await pilot.pause()
        assert str(status.search) == "“mnuchin*”: 1 hit in 1 article"
        assert status.hit_note == ""
        assert len(timeline.events) == len(seed_catalog.timeline) and screen.search_result is None
        screen.post_message(SearchCounted("mnuchi", result))  # an older keystroke's
        await pilot.pause()
        assert str(status.search).startswith("“mnuchin*”")
        screen.post_message(Searched("mnuchin", result, None))
        await pilot.pause()
        assert list(timeline.events) == narrowed and screen.search_result is result


async def test_a_search_shows_its_articles_first_and_counts_their_hits_once_shown(seed_catalog, monkeypatch):
    summaries: list[str] = []
    summary = ReaderScreen._search_summary
    monkeypatch.setattr(ReaderScreen, "_search_summary",
                        staticmethod(lambda text, result: (summaries.append(str(summary(text, result))),
                                                           summary(text, result))[1]))
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.query_one(SearchLine).value = "mnuchin"
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert summaries == ["“mnuchin*”: 1 article", "“mnuchin*”: 1 hit in 1 article"]


async def test_enter_reads_and_tab_moves_between_panes(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Timeline)
        await pilot.press("enter")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Timeline)
        await pilot.press("tab")
        assert not isinstance(app.focused, Timeline)


async def test_article_jumps_to_names_and_figures(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        await pilot.press("enter", "w")
        first_name = view.current
        assert first_name in view.spans_of("name")
        await pilot.press("w")
        assert view.current[0] > first_name[0]
        await pilot.press("W")
        assert view.current == first_name
        await pilot.press("f")
        assert view.current in view.spans_of("figure")
        assert view.display_text[view.current[0] : view.current[1]].startswith(("$", "over", "two"))
        await pilot.press("space", "G", "g")
        assert view.scroll_offset.y == 0


async def test_search_narrows_highlights_and_clears(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline, view, _ = parts(app)
        await pilot.press("slash", *"Mnuchin")
        await pilot.pause(0.3)
        assert {seed_catalog.articles[e.article].id for e in timeline.events} == {TRADE_TALKS}
        assert "“Mnuchin*”: 1 hit in 1 article" in str(app.query_one("#status").render())
        assert [view.display_text[s:e] for s, e in view.hits] == ["Mnuchin"]
        await pilot.press("enter")
        assert isinstance(app.focused, Timeline)
        await pilot.press("escape")
        await pilot.pause()
        assert timeline.event_count == 12 and view.hits == []
        assert app.query_one(SearchLine).value == ""


async def test_search_as_you_type_uses_a_prefix_and_reports_bad_queries(seed_catalog):
    assert as_you_type("trade def") == "trade def*"
    assert as_you_type('"phase on') == '"phase on'
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"tarif")
        await pilot.pause(0.3)
        assert app.reader.search_result.documents == 2
        await pilot.press(*' "x')
        await pilot.pause(0.3)
        assert "unbalanced quote" in str(app.query_one("#status").render())


async def test_n_and_N_walk_hits_across_the_corpus(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"tariff", "enter")
        await pilot.pause(0.3)
        seen = []
        for _ in range(14):
            await pilot.press("n")
            seen.append((current_article_id(app), view.current))
            assert view.display_text[view.current[0] : view.current[1]].lower().startswith("tariff")
        assert {article for article, _ in seen} == {TRADE_TALKS, PHASE_ONE}
        assert len(set(seen)) == 12  # every hit once, then around again
        before = seen[-1]
        await pilot.press("n", "N")
        assert (current_article_id(app), view.current) == before


async def test_keys_typed_after_enter_in_one_burst_walk_the_hits_of_the_search_typed_before_it(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        type_in_one_burst(app, [("slash", "/"), *[(c, c) for c in "tariff"], ("enter", "\r"), ("n", "n")])
        await pilot.pause(0.3)
        assert app.query_one(SearchLine).value == "tariff" and app.focused is app.query_one(Timeline)
        assert view.current is not None
        assert view.display_text[view.current[0] : view.current[1]].lower().startswith("tariff")


async def test_names_panel_filters_and_x_clears(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        panel = app.query_one(NamesPanel)
        await pilot.press("p")
        assert panel.display and app.focused is panel
        target = next(i for i, e in enumerate(panel.entries) if e.name == "Steven Mnuchin")
        await press_until(pilot, "j", lambda: panel.highlighted == target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.name_filter.name == "Steven Mnuchin"
        assert timeline.display and not panel.display
        assert [e.event.kind for e in timeline.events] == ["article"]
        assert "filter: Steven Mnuchin (person)" in str(app.query_one("#status").render())
        await pilot.press("x")
        assert app.reader.name_filter is None and timeline.event_count == 12


def test_name_filter_merges_short_and_long_forms(seed_catalog):
    (entry,) = [e for e in seed_catalog.names.values() if e.name == "Donald Trump"]
    assert {"Trump", "Donald Trump"} <= entry.forms
    short = [n for x in seed_catalog.extractions for n in x.names if n.text == "Trump"]
    assert short and all(seed_catalog.entry_key(n) == entry.key for n in short)
    assert not [e for e in seed_catalog.names.values() if e.name == "Trump"]


async def test_go_to_date(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        field = app.screen.query_one("#goto-input")
        assert field.value == "" and not any(c.isdigit() for c in field.placeholder)  # not like a value
        assert "2017-11-08 to 2020-01-01" in str(app.screen.query_one("#goto-run").render())
        await pilot.press(*"2019-12-10", "enter")
        await pilot.pause()
        assert app.query_one(Timeline).current_event.date == "2019-12-11"
        assert notes(app)[-1] == "No events in 2019-12-10: at the next, on 2019-12-11."
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"soon", "enter")
        await pilot.pause()
        assert "Not a date or a range: 'soon'" in str(app.screen.query_one("#goto-error").render())
        assert app.screen.query_one("#goto-input").value == ""  # cleared for the next try
        await pilot.press(*"2019-12", "enter")  # a month with events: no note
        await pilot.pause()
        assert app.query_one(Timeline).current_event.date == "2019-12-07"
        for asked, landed, note in (("2030", "2020", "No events after 2020-01-01: at the last."),
                                    ("1990-05", "2017-11-08", "No events before 2017-11-08: at the first.")):
            await pilot.press("colon")
            await pilot.pause()
            await pilot.press(*asked, "enter")
            await pilot.pause()
            assert app.query_one(Timeline).current_event.date.startswith(landed) and notes(app)[-1] == note


async def test_a_range_of_dates_keeps_only_its_events_until_x(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        every = timeline.event_count
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"2019-09..2019-11", "enter")
        await pilot.pause(0.3)
        shown = [event.date for event in timeline.events]
        assert shown and all("2019-09" <= day < "2019-12" for day in shown) and len(shown) < every
        assert "filter: 2019-09..2019-11 · x clears" in str(app.query_one("#status").render())
        await pilot.press("slash", *"tariffs", "enter")  # a search keeps the range
        await pilot.pause(0.4)
        assert all("2019-09" <= event.date < "2019-12" for event in timeline.events)
        await pilot.press("escape", "x")
        await pilot.pause(0.3)
        assert timeline.event_count == every and "filter:" not in str(app.query_one("#status").render())
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"2019-12..2019-01", "enter")  # ends before it starts
        await pilot.pause()
        assert "Not a date or a range" in str(app.screen.query_one("#goto-error").render())


def notes(app: DatelineApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_single_step_shows_its_article_at_once(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        timeline, view, _ = parts(app)
        for _ in range(4):
            await pilot.press("j")  # no pause: drawn in the same turn as the key
            assert view.article is seed_catalog.articles[timeline.current_event.article]
            assert view.sentence == (timeline.current_event.event.start, timeline.current_event.event.end)
            await pilot.pause(0.2)  # a person's pace, not a held key


async def test_n_says_which_hit_it_is_and_when_it_wraps(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"tariff", "enter")
        await pilot.pause(0.3)
        status = lambda: str(app.query_one("#status").render())  # noqa: E731
        assert "“tariff*”: 12 hits in 2 articles" in status()  # the query as it was run
        said = []
        for _ in range(13):
            await pilot.press("n")
            said.append(app.query_one(StatusLine).hit_note)
        assert said[:12] == [f"hit {n} of 12" for n in range(1, 13)]
        assert said[12] == "hit 1 of 12 · wrapped round to the first" and said[12] in status()
        await pilot.press("N")
        assert app.query_one(StatusLine).hit_note == "hit 12 of 12 · wrapped round to the last"
        await pilot.press("N")
        assert app.query_one(StatusLine).hit_note == "hit 11 of 12"


async def test_esc_goes_back_and_is_listed_as_back(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def footer_says(key: str) -> str | None:
            active = app.screen.active_bindings.get(key)
            return active.binding.description if active and active.enabled and active.binding.show else None

        assert footer_says("escape") is None  # nothing to go back from, no search to clear
        await pilot.press("enter")
        await pilot.pause()
        assert footer_says("escape") == "Back"
        await pilot.press("escape")
        assert isinstance(app.focused, Timeline)
        await pilot.press("slash", *"tariff", "enter")
        await pilot.pause(0.3)
        assert footer_says("escape") == "Clear search"
        await pilot.press("p")
        await pilot.pause()
        assert footer_says("escape") == "Back"
        await pilot.press("escape")
        assert isinstance(app.focused, Timeline) and not app.query_one(NamesPanel).display


async def test_the_footer_offers_to_clear_a_search_only_while_there_is_one(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()

        async def footer_lists_clear() -> bool:
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            return any(key.description == "Clear search" for key in app.query(FooterKey))

        line = app.query_one(SearchLine)  # searched from the timeline, as a reading place reopens
        assert isinstance(app.focused, Timeline) and not await footer_lists_clear()
        line.value = "!"  # no words: a search that says why it has no answer
        assert await footer_lists_clear()
        line.value = ""
        assert not await footer_lists_clear()
        line.value = "tariff"
        assert await footer_lists_clear()
        line.value = "tariffs"
        assert await footer_lists_clear()


async def test_go_to_date_typed_in_one_burst(seed_catalog):
    """Over SSH ":2019-12-10⏎" can arrive in one read: the keys after ":" must reach the
    date field, not the timeline it replaces."""
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        type_in_one_burst(
            app, [("colon", ":"), *[("minus" if c == "-" else c, c) for c in "2019-12-10"], ("enter", "\r")]
        )
        await pilot.pause(0.2)
        assert app.screen is app.screen_stack[0]
        assert app.query_one(Timeline).current_event.date == "2019-12-11"


async def test_colon_is_typed_in_a_search(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"10:30")
        await pilot.pause()
        assert app.query_one(SearchLine).value == "10:30"
        assert len(app.screen_stack) == 1


async def test_help_lists_every_binding(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {keys for _, rows in app.screen.sections for keys, _ in rows}
        for owner in (DatelineApp, Timeline, ArticleView, NamesPanel, SearchLine):
            for binding in owner.BINDINGS:
                assert any(binding.key.split(",")[0] in k or (binding.key_display or "@") in k for k in listed)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_copy_goes_through_the_app_clipboard(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "y")
        assert app.clipboard.startswith("2018-08-22: Mid-level U.S. and Chinese officials")


async def test_themes_cycle_and_no_color_uses_the_terminal_palette(seed_catalog, monkeypatch):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "dark"
        assert set(app.available_themes) == {"dark", "light", "terminal"}  # what the palette offers too
        await pilot.press("t")
        assert app.theme == "light"
        await pilot.press("t")
        assert app.theme == "terminal"
        await pilot.press("t")
        assert app.theme == "dark"
    monkeypatch.setenv("NO_COLOR", "1")
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "terminal" and app.native_ansi_color


async def test_the_styles_the_panes_keep_follow_a_theme_change_and_focus(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline, view, _ = parts(app)

        def kept_are_fresh() -> bool:
            return (
                timeline.base_style == timeline.rich_style
                and timeline.component_style("timeline--date") == timeline.get_component_rich_style("timeline--date")
                and view.base_style == view.rich_style
                and view.component_style("article--person", partial=True)
                == view.get_component_rich_style("article--person", partial=True)
            )

        before = timeline.component_style("timeline--date"), timeline.base_style
        await pilot.press("t")
        await pilot.pause()
        assert (timeline.component_style("timeline--date"), timeline.base_style) != before
        assert kept_are_fresh()
        await pilot.press("tab")  # the focused pane is tinted
        await pilot.pause()
        assert kept_are_fresh()


async def test_80_by_24_keeps_everything_essential(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline, view, _ = parts(app)
        assert timeline.size.width >= 28 and view.size.width >= 40
        assert timeline.size.height >= 18 and view.size.height >= 18
        status = app.query_one("#status")
        assert status.region.y == 21 and status.size.height == 1


async def test_q_quits(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_articles_show_on_their_dates_before_extraction_ends(seed_catalog):
    from tui.corpus.loaders import load_corpus

    preliminary = preliminary_catalog(load_corpus(None))
    assert isinstance(preliminary, Unindexed) and [e.event.kind for e in preliminary.timeline] == ["article", "article"]
    app = DatelineApp(catalog=preliminary)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline, view = app.query_one(Timeline), app.query_one(ArticleView)
        assert timeline.event_count == 2 and current_article_id(app) == TRADE_TALKS
        assert view.display_text.startswith("WASHINGTON (Reuters)")  # readable at once, unhighlighted
        await pilot.press("j", "slash", *"trade")
        await pilot.pause(0.3)
        assert "search opens when indexing is done" in str(app.query_one("#status").render())
        app.reader.post_message(Loaded(seed_catalog))
        await pilot.pause(0.4)
        assert app.reader.search_result is not None and app.reader.search_result.documents == 2  # the search ran
        assert timeline.event_count == 12
        assert current_article_id(app) == PHASE_ONE  # the reader stays where it was


async def test_search_works_while_extraction_runs(seed_catalog):
    from tui.corpus.loaders import load_corpus

    corpus = load_corpus(None)
    shown = preliminary_catalog(corpus)
    searchable = Searchable(shown.articles, shown.problems, shown.extractions, shown.timeline,
                            index_of(corpus.articles))
    app = DatelineApp(catalog=searchable)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline, view = app.query_one(Timeline), app.query_one(ArticleView)
        await pilot.press("slash", *"phase")
        await pilot.pause(0.4)
        assert "“phase*”: 6 hits in 1 article" in str(app.query_one("#status").render())
        assert timeline.event_count == 1 and current_article_id(app) == PHASE_ONE
        assert len(view.hits) == 6  # marked in the article, as once extraction is done
        app.reader.post_message(Loaded(seed_catalog))
        await pilot.pause(0.4)
        assert app.reader.search_result is not None and app.reader.search_result.documents == 1
        assert timeline.event_count > 1  # the article's own events, now extracted
        assert current_article_id(app) == PHASE_ONE


async def test_the_command_palette_offers_the_reader_actions(seed_catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))  # it marks an event
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        titles = [command.title for command in commands]
        for action in ("Search", "Next hit", "Names", "Clear filter", "Go to date", "Copy", "Next theme", "Zoom",
                       "Marks", "Fold duplicates", "Mark", "Next mark", "Unfold"):
            assert titles.count(action) == 1, action
        assert len(set(titles)) == len(titles)  # each action once
        assert all(command.help != command.title for command in commands)  # said, not repeated
        assert set(app.available_themes) == {"dark", "light", "terminal"}  # what t cycles through
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Names")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.query_one(NamesPanel).display
        await pilot.press("p")
        await next(c for c in commands if c.title == "Mark").callback()
        await pilot.pause()
        assert app.query_one(Timeline).marked


async def test_timeline_rows_are_the_events_under_year_and_month_headings(write_jsonl):
    records = [
        {"id": f"a{n}", "date": f"{2018 + n // 12}-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
         "text": f"Firm{n} said on Monday it sold {n} tractors." + (" Sales fell in 2016." if n % 4 == 0 else "")}
        for n in range(30)
    ]
    catalog = open_catalog([write_jsonl(records)], use_cache=False)
    app = DatelineApp(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        expected, year, month = [], None, None  # what the rows must be, worked out per event
        for event in catalog.timeline:
            if event.start_day.year != year:
                year, month = event.start_day.year, None
                expected.append(str(year))
            if event.start_day.month != month and event.event.granularity not in COARSE:
                month = event.start_day.month
                expected.append(month_heading(year, month))
            expected.append(event)
        shown = []
        for row in range(timeline.row_count):
            heading = timeline._heading_at(row)
            if heading is None:
                shown.append(timeline.events[timeline._position_at(row)])
            else:
                shown.append(heading[1])
        assert shown == expected
        seen = [timeline.current_event]
        for _ in range(len(catalog.timeline) - 1):
            await pilot.press("j")
            seen.append(timeline.current_event)
        assert seen == list(catalog.timeline)  # j visits every event in order, never a heading


@pytest.fixture
def first_screen_stages(tmp_path, monkeypatch):
    """The seeds built into a cache whose first screen holds 5 events: (built catalog,
    first-screen catalog, readable catalog)."""
    from tui.index import stored as catalog_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(catalog_module, "FIRST_SCREEN_EVENTS", 5)
    built = open_catalog(None)
    first_screen, readable, _complete = cached_stages(None)
    return built, first_screen, readable


async def test_a_cached_launch_shows_the_timelines_first_events_then_the_rest_under_the_cursor(first_screen_stages):
    built, first_screen, readable = first_screen_stages
    app = DatelineApp(catalog=first_screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline, view, status = parts(app)
        assert timeline.event_count == 5 and f"5 of {len(built.timeline)} events" in str(status)
        assert view.extraction is not None and view.extraction.names  # the article, highlighted
        await pilot.press("j", "j")
        chosen = timeline.current_event
        assert chosen == built.timeline[2]
        app.reader.post_message(Loaded(readable))
        await pilot.pause(0.3)
        assert timeline.event_count == len(built.timeline) and timeline.current_event == chosen


async def test_end_pressed_on_the_first_screen_lands_at_the_end_of_the_whole_timeline(first_screen_stages):
    built, first_screen, readable = first_screen_stages
    app = DatelineApp(catalog=first_screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        await pilot.press("G")
        assert timeline.current_event == built.timeline[4]
        app.reader.post_message(Loaded(readable))
        await pilot.pause(0.3)
        assert timeline.current_event == built.timeline[-1]


async def test_from_the_cache_the_timeline_comes_first_and_search_and_names_after(seed_catalog):
    open_catalog(None)  # makes sure the cache holds the seeds
    _first_screen, readable, complete = cached_stages(None)
    app = DatelineApp(catalog=readable)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline, view = app.query_one(Timeline), app.query_one(ArticleView)
        assert timeline.event_count == 12  # every event, not only the articles' own
        assert view.extraction is not None and view.extraction.names  # highlighted already
        await pilot.press("slash", *"tariff")
        await pilot.pause(0.3)
        assert "search opens when indexing is done" in str(app.query_one("#status").render())
        assert not app.query_one(NamesPanel).entries
        app.reader.post_message(Loaded(complete))
        await pilot.pause(0.4)
        assert app.reader.search_result is not None and app.reader.search_result.documents == 2
        assert any(entry.name == "Steven Mnuchin" for entry in app.query_one(NamesPanel).entries)


async def test_the_reader_counts_what_the_command_line_counts_for_the_query_it_shows(seed_catalog, capsys):
    import json

    from tui.cli import main

    typed = ["tariff", "tariff ", '"phase one"', "trade war"]
    statuses = []
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for text in typed:
            await pilot.press("escape", "slash", *text)
            await pilot.pause(0.3)
            statuses.append(str(app.query_one("#status").render()))
    capsys.readouterr()
    for text, status in zip(typed, statuses, strict=True):
        query = as_you_type(text).strip()
        assert main(["search", query, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        word = "hit" if data["hits"] == 1 else "hits"
        assert f"“{query}”: {data['hits']} {word} in {data['documents']} article" in status, status


async def test_a_search_keystroke_redraws_the_article_once(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        restyled = []
        original = view._restyle
        view._restyle = lambda *args, **kwargs: (restyled.append(args), original(*args, **kwargs))
        await pilot.press("slash", "t")
        await pilot.pause(0.3)
        assert len(restyled) == 1  # the article of the new list, with its hits, drawn once


async def test_the_spread_strip_shows_where_the_shown_articles_fall(write_jsonl):
    records = [{"id": f"a{n}", "date": f"1987-0{1 + n // 4}-0{1 + n % 4}", "text": f"Cocoa report number {n}."}
               for n in range(8)]  # four in January, four in February
    records.append({"id": "late", "date": "1987-06-30", "text": "Coffee prices fell."})
    app = DatelineApp(catalog=open_catalog([write_jsonl(records)], use_cache=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        strip = app.query_one(SpreadStrip)

        def bars() -> str:
            drawn = str(strip.render())
            assert drawn.startswith("1987-01 ") and drawn.endswith(" 1987-06")
            return drawn[len("1987-01 "):-len(" 1987-06")]

        every = bars()
        assert len(every) == 80 - 16 and every[0] == BLOCKS[-1] and every[-1] != " "
        await pilot.press("slash", *"coffee", "enter")
        await pilot.pause(0.4)
        coffee = bars()
        assert coffee.strip() == BLOCKS[-1] and coffee[-1] == BLOCKS[-1]  # only the June article
        current = app.query_one(Timeline).current_event
        assert current is not None and strip.cursor_day == current.start_day.toordinal()
        await pilot.press("h")
        assert not strip.display
        await pilot.press("h")
        assert strip.display


async def test_the_names_with_a_name_filter_the_timeline_to_both(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        panel = app.query_one(NamesPanel)
        panel.highlighted = next(i for i, e in enumerate(panel.entries) if e.name == "Liu He")
        await pilot.press("r")
        await pilot.pause()
        assert panel.companions_of is not None and panel.companions_of.name == "Liu He"
        rows = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert rows[0].startswith("with Liu He") and any(row.endswith("Steven Mnuchin") for row in rows)
        panel.highlighted = next(i for i, row in enumerate(rows) if row.endswith("Steven Mnuchin"))
        await pilot.press("enter")
        await pilot.pause(0.3)
        timeline = app.query_one(Timeline)
        both = [e for e in seed_catalog.timeline
                if all(seed_catalog.event_mentions(e, seed_catalog.find_name(n)[0]) for n in ("Liu He", "Mnuchin"))]
        assert both and [e.event for e in timeline.events] == [e.event for e in both]
        assert "filter: Liu He (person) + Steven Mnuchin (person) · x clears" in str(app.query_one("#status").render())
        await pilot.press("x")
        await pilot.pause(0.3)
        assert timeline.event_count == len(seed_catalog.timeline)
        await pilot.press("p")  # the panel lists every name again
        await pilot.pause()
        assert panel.companions_of is None and panel.option_count == len(panel.entries)
        await pilot.press("r", "escape")  # and again after Esc from a name's companions
        await pilot.pause()
        assert panel.companions_of is None and panel.option_count == len(panel.entries)


async def test_a_click_on_a_timeline_row_does_what_enter_does(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        row = next(y for y in range(1, 20) if timeline._heading_at(y) is None and y > 3)
        expected = timeline.events[timeline._position_at(row)]
        await pilot.click(Timeline, offset=(5, row))
        await pilot.pause(0.3)
        assert timeline.current_event == expected
        assert app.focused is app.query_one(ArticleView)  # opened, as Enter opens it
        await pilot.press("escape")
        await pilot.pause()
        heading_row = next(y for y in range(1, 20) if timeline._heading_at(y) is not None)
        await pilot.click(Timeline, offset=(5, heading_row))
        await pilot.pause()
        assert timeline.current_event == expected and app.focused is timeline  # a heading does nothing


async def test_enter_on_a_name_in_the_article_or_a_click_filters_the_timeline_by_it(seed_catalog):
    app = DatelineApp(None, seed_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline, view, _status = parts(app)
        await pilot.press("enter", "enter")  # on no name yet: says how to land on one
        assert app.reader.name_filter is None
        await pilot.press("w", "enter")
        first = view._name_at(view.current[0])
        assert app.reader.name_filter == seed_catalog.names[seed_catalog.entry_key(first)]
        assert app.focused is timeline and all(seed_catalog.event_mentions(e, app.reader.name_filter)
                                               for e in timeline.events)
        await pilot.press("x", "enter")
        name = next(n for n in view.extraction.names if n.canonical != first.canonical
                    and view.line_of_offset(n.start) < view.size.height)
        line = view.line_of_offset(name.start)
        line_start = view._lines[line][1]
        x = 2 + len(view.display_text[line_start:name.start])
        await pilot.click(ArticleView, offset=(x + 1, line - int(view.scroll_offset.y)))
        assert view.current == (name.start, name.end)
        assert app.reader.name_filter == seed_catalog.names[seed_catalog.entry_key(name)]


async def test_a_click_on_a_name_in_the_panel_filters_as_enter_does(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        panel = app.query_one(NamesPanel)
        await pilot.click(NamesPanel, offset=(4, 2))  # the third row, inside the panel's border
        await pilot.pause()
        assert app.reader.name_filter is not None and app.reader.name_filter in panel.entries[:4]
        assert app.query_one(Timeline).display and not panel.display


async def test_a_date_range_keeps_the_names_of_its_articles(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(NamesPanel)
        everyone = list(panel.entries)
        await pilot.press("colon", *"2019-12..", "enter")
        await pilot.pause()
        in_range = {e.article for e in seed_catalog.timeline if e.start_day.year == 2019}
        assert panel.entries == [e for e in everyone if not in_range.isdisjoint(e.articles)]
        assert 0 < len(panel.entries) < len(everyone)
        # a name's companions keep to the range too: Trump shares only 2019's article with the coalition
        await pilot.press("p")
        await pilot.pause()
        panel.highlighted = next(i for i, e in enumerate(panel.entries) if e.name == "Donald Trump")
        await pilot.press("r")
        await pilot.pause()
        assert panel.companions_of is not None and panel._companions
        assert all(c.articles == 1 and not in_range.isdisjoint(c.entry.articles) for c in panel._companions)
        await pilot.press("escape", "x")
        await pilot.pause()
        assert panel.entries == everyone
