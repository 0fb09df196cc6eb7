"""Pilot tests: the reader at 80x24 and narrower, zoomed and not, and what keeps the
reader's place in view (the sticky year, the article's sentence after a pane switch)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.cells import cell_len

from tui.app.article import BODY, GUTTER, META, ArticleView
from tui.app.labels import date_label
from tui.app.messages import Loaded
from tui.app.names_panel import NamesPanel
from tui.app.reader import DatelineApp
from tui.app.reader_screen import NARROW_COLUMNS
from tui.app.timeline import MONTH, PERIOD, YEAR, Timeline
from tui.index.catalog import Catalog
from tui.index.opening import open_catalog, preliminary_catalog


@pytest.fixture(scope="module")
def seed_catalog() -> Catalog:
    return open_catalog(None)


def row_text(widget, y: int) -> str:
    return "".join(segment.text for segment in widget.render_line(y))


def shown(app: DatelineApp) -> set[str]:
    return {pane.id for pane in (app.query_one(Timeline), app.query_one(NamesPanel), app.query_one(ArticleView))
            if pane.display}


def sentence_in_view(view: ArticleView) -> bool:
    line = view.line_of_offset(view.sentence[0])
    top = int(view.scroll_offset.y)
    return top <= line < top + view.size.height


async def test_z_zooms_the_focused_pane_and_z_again_restores(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        cut = timeline.size.width
        await pilot.press("z")
        await pilot.pause()
        assert shown(app) == {"timeline"} and timeline.size.width == 80
        in_view = [row for row in range(timeline.size.height) if timeline._heading_at(row) is None]
        labels = [timeline.events[timeline._position_at(row)].event.label for row in in_view]
        room = timeline.scrollable_content_region.width - len("  · Nov 12   ")
        whole = [label for label, row in zip(labels, in_view, strict=True) if label in row_text(timeline, row)]
        assert whole == [label for label in labels if len(label) <= room]  # whole when they fit
        assert any(len(label) > cut for label in whole)  # ones cut short beside the article
        for label, row in zip(labels, in_view, strict=True):  # the others end after a word
            assert label in whole or row_text(timeline, row).rstrip().endswith("…")
        await pilot.press("z")
        await pilot.pause()
        assert shown(app) == {"timeline", "article"} and timeline.size.width == cut


async def test_zoomed_article_goes_back_to_the_zoomed_timeline_with_esc(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter", "z")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert shown(app) == {"article"} and view.size.width == 80 and sentence_in_view(view)
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) == {"timeline"} and isinstance(app.focused, Timeline)
        await pilot.press("tab")  # one pane at a time: tab brings the other one to the front
        await pilot.pause()
        assert shown(app) == {"article"} and isinstance(app.focused, ArticleView)


@pytest.mark.parametrize("size", [(NARROW_COLUMNS - 1, 20), (40, 12)])
async def test_a_narrow_window_shows_one_pane_at_a_time(seed_catalog, size):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        timeline, view = app.query_one(Timeline), app.query_one(ArticleView)
        assert shown(app) == {"timeline"} and timeline.size.width == size[0]
        await pilot.press("G", "enter")  # an event far into its article, read in a pane that was hidden
        await pilot.pause()
        assert shown(app) == {"article"} and view.size.width == size[0]
        assert sentence_in_view(view)
        # no character under the scrollbar: every line of text fits beside it
        text_width = view.size.width - GUTTER
        assert all(cell_len(view.display_text[start:end].rstrip()) <= text_width
                   for kind, start, end in view._lines if kind == BODY)
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) == {"timeline"}
        await pilot.press("p")
        await pilot.pause()
        assert shown(app) == {"names"}


async def test_widening_the_window_gives_both_panes_back(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == {"article"}
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert shown(app) == {"timeline", "article"} and isinstance(app.focused, ArticleView)


async def test_the_year_stays_in_view_when_scrolled(write_jsonl):
    # Sixty articles over six Februaries: a screen full of "Feb" rows.
    records = [{"id": f"a{n}", "date": f"{1981 + n // 10}-02-{n % 10 + 1:02d}", "text": f"Firm{n} sold tractors."}
               for n in range(60)]
    catalog = open_catalog([write_jsonl(records)], use_cache=False)
    app = DatelineApp(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        assert row_text(timeline, 0).startswith("1981")  # at the top: the list's own heading
        for _ in range(35):
            await pilot.press("j")
        await pilot.pause()
        assert timeline.scroll_offset.y > 0
        event = timeline.current_event
        below = timeline.events[timeline._position_at(int(timeline.scroll_offset.y) + 1)]
        assert row_text(timeline, 0).strip() == f"February {below.start_day.year}"
        assert timeline._cursor_row > timeline.scroll_offset.y  # the cursor is never under it
        for _ in range(20):
            await pilot.press("k")
            assert timeline._cursor_row > timeline.scroll_offset.y or timeline.scroll_offset.y == 0
        assert event.start_day.year in range(1981, 1987)


async def test_a_quarter_has_its_own_heading_not_its_first_months(write_jsonl):
    records = [
        {"id": "a", "date": "1987-11-02", "text": "Profits rose in the fourth quarter of 1987, Acme said. "
                                                  "Shipments began on October 1, 1987."},
        {"id": "b", "date": "1987-09-30", "text": "Acme sold tractors."},
    ]
    catalog = open_catalog([write_jsonl(records)], use_cache=False)
    app = DatelineApp(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        rows = []
        for row in range(timeline.row_count):
            heading = timeline._heading_at(row)
            rows.append(heading if heading else date_label(timeline.events[timeline._position_at(row)].date))
        quarter = rows.index("Q4 1987")
        assert rows[quarter - 1] == (PERIOD, "Q4 1987")
        assert rows.index((MONTH, "October 1987")) > quarter  # October's heading after the quarter's events
        assert rows[rows.index((MONTH, "October 1987")) + 1] == "Oct 1"
        assert rows[0] == (YEAR, "1987")


async def test_the_reader_opens_at_the_top_whether_the_catalog_was_cached_or_not(write_jsonl):
    # Articles that mention an older year: the timeline's top is a mention, not an article.
    start = date(1987, 3, 2)
    records = [{"id": f"a{n}", "date": (start + timedelta(days=n)).isoformat(),
                "text": f"Firm{n} was founded on March 3, 1857."} for n in range(5)]
    path = write_jsonl(records)
    complete = open_catalog([path], use_cache=False)
    from tui.corpus.loaders import load_corpus

    preliminary = preliminary_catalog(load_corpus([str(path)]))
    app = DatelineApp(catalog=preliminary)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        assert timeline.current_event.start_day == start  # only articles so far
        app.reader.post_message(Loaded(complete))
        await pilot.pause(0.3)
        assert timeline.current_event == complete.timeline[0]
        assert timeline.current_event.start_day.year == 1857  # as a cached launch opens
    cached = DatelineApp(catalog=complete)
    async with cached.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert cached.query_one(Timeline).current_event == complete.timeline[0]


async def test_a_long_name_keeps_its_count_on_its_row(write_jsonl):
    long_name = "Consolidated Amalgamated International Agricultural Machinery Corporation"
    records = [{"id": "a", "date": "1987-03-02", "text": f"{long_name} said on Monday it sold tractors. "
                                                        f"{long_name} shares rose."}]
    catalog = open_catalog([write_jsonl(records)], use_cache=False)
    app = DatelineApp(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        panel = app.query_one(NamesPanel)
        assert panel.virtual_size.height == len(panel.entries)  # one row per name
        first = row_text(panel, 0)
        entry = panel.entries[0]
        assert first.lstrip().startswith(f"{entry.mentions} ") and "…" in first


async def test_the_article_header_wraps_rather_than_cutting_the_id(seed_catalog):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        meta = [row_text(view, y).strip() for y, (kind, _, _) in enumerate(view._lines) if kind == META]
        assert " ".join(meta).split() == view.meta_line().split()
        assert view.article.id in " ".join(meta)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_no_label_runs_under_the_timelines_scrollbar(seed_catalog, size):
    app = DatelineApp(catalog=seed_catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        room = timeline.scrollable_content_region.width
        assert room < timeline.size.width  # the list is longer than the pane: a scrollbar
        for y in range(timeline.size.height):
            assert len(row_text(timeline, y).rstrip()) <= room, row_text(timeline, y)
