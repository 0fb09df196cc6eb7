from __future__ import annotations

from array import array
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.articles import Article
from tui.index.catalog import Catalog, FirstScreen
from tui.index.opening import cached_stages, open_catalog
from tui.index.stored import FigureBuilder
from tui.index.timeline import (
    EventSelection,
    OrderKeys,
    TimelineColumns,
    day_and_order,
    event_articles,
    month_starts,
    timeline_key,
)


def test_a_lone_surname_joins_the_one_full_name_across_articles(write_jsonl):
    path = write_jsonl([
        {"id": "a", "date": "2019-01-02", "text": "President Donald Trump met Xi Jinping in Osaka on Saturday."},
        {"id": "b", "date": "2019-01-05", "text": "Officials said on Monday that Trump would travel to Paris."},
    ])
    catalog = open_catalog([path], use_cache=False)
    (entry,) = [e for e in catalog.names.values() if e.name == "Donald Trump"]
    assert entry.articles == {0, 1} and {"Trump", "Donald Trump"} <= entry.forms
    assert not [e for e in catalog.names.values() if e.name == "Trump"]
    assert [e.article for e in catalog.events(name=entry) if e.event.kind == "mention"] == [0, 1]


def test_a_name_ending_its_sentence_is_the_same_entry(write_jsonl):
    path = write_jsonl([
        {"id": "a", "date": "2019-01-02", "text": "The shares were sold by Kidder, Peabody and Co."},
        {"id": "b", "date": "2019-01-05", "text": "Shares were sold by Kidder, Peabody and Co on Monday."},
    ])
    catalog = open_catalog([path], use_cache=False)
    (entry,) = [e for e in catalog.names.values() if e.name.startswith("Kidder")]
    assert entry.articles == {0, 1} and entry.mentions == 2


def test_an_acronym_joins_no_full_name_that_ends_with_it(write_jsonl):
    path = write_jsonl([
        {"id": "a", "date": "2019-01-02", "text": "Minister Paolo EC met officials in Rome on Monday."},
        {"id": "b", "date": "2019-01-05", "text": "Officials said on Monday that the EC would act."},
    ])
    catalog = open_catalog([path], use_cache=False)
    assert ("PER", "paolo ec") in catalog.names and ("ORG", "ec") in catalog.names
    assert catalog.names[("ORG", "ec")].articles == {1}


def test_events_filters_and_figures_sorted_by_value(write_jsonl):
    path = write_jsonl([
        {"id": "a", "date": "2019-01-02", "text": "Acme Corp raised $1.2bn on Monday."},
        {"id": "b", "date": "2019-03-05", "text": "Beta Inc raised 1,200 million dollars last week."},
        {"id": "c", "date": "2019-06-01", "text": "Gamma Ltd raised $5 million."},
    ])
    catalog = open_catalog([path], use_cache=False)
    dollars = [(value, catalog.articles[article].id) for unit, value, article, _ in catalog.figures if unit == "USD"]
    assert dollars == [(5e6, "c"), (1.2e9, "a"), (1.2e9, "b")]  # by value: $1.2bn is 1,200 million dollars
    assert [(e.date, e.event.kind) for e in catalog.events(since=date(2019, 2, 1), until=date(2019, 3, 31))] == [
        ("2019-W09", "mention"),  # "last week", seen from Tuesday 5 March
        ("2019-03-05", "article"),
    ]


def _spread_catalog(write_jsonl) -> Catalog:
    """Forty short articles over two years, some mentioning other dates."""
    records = []
    for number in range(40):
        year, month = 2018 + number // 24, number % 12 + 1
        text = f"Firm{number} said on Monday it sold {number} tractors."
        if number % 3 == 0:
            text += " Sales fell in 2016 and were flat last year."
        records.append({"id": f"a{number}", "date": f"{year}-{month:02d}-{number % 27 + 1:02d}", "text": text})
    return open_catalog([write_jsonl(records)], use_cache=False)


def test_events_of_articles_is_the_timeline_filtered_both_for_narrow_and_broad_searches(write_jsonl, monkeypatch):
    from tui.index import catalog as catalog_module

    catalog = _spread_catalog(write_jsonl)
    for chosen in ({3}, {0, 5, 9, 30}, set(range(0, 40, 2)), set(range(40))):
        expected = [e for e in catalog.timeline if e.article in chosen]
        for share in (1, 1000):  # the per-article lookup, then the pass over the timeline
            monkeypatch.setattr(catalog_module, "BROAD_SEARCH_SHARE", share)
            selection = catalog.events_of_articles(chosen)
            assert list(selection) == expected
            assert [selection[i] for i in range(len(selection))] == expected
            assert selection.month_starts() == catalog_module.month_starts(expected)


def test_month_starts_marks_each_change_of_month(write_jsonl):
    from tui.index.timeline import month_starts

    catalog = _spread_catalog(write_jsonl)
    starts = month_starts(catalog.timeline)
    months = [e.month for e in catalog.timeline]
    assert starts[0] == 0 and starts == [i for i in range(len(months)) if i == 0 or months[i] != months[i - 1]]
    assert month_starts([]) == []


@pytest.mark.parametrize("threads", [1, 2], ids=["fork", "spawn"])  # the reader app has threads: spawn
def test_extraction_in_worker_processes_matches_extraction_in_process(write_jsonl, monkeypatch, threads):
    from tui.index import extraction_pool
    from tui.index.extraction_pool import PARALLEL_THRESHOLD

    monkeypatch.setattr(extraction_pool.threading, "active_count", lambda: threads)

    records = [
        {"id": f"a{n}", "date": f"2019-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
         "text": f"Acme{n} Corp said on Monday it sold {n} tractors for ${n}.5 million in Paris, "
                 f"up 4 pct from last year, Chief Executive Jane Doe{n} told Reuters."}
        for n in range(PARALLEL_THRESHOLD + 60)
    ]
    path = write_jsonl(records)
    in_workers = open_catalog([path], workers=2, use_cache=False)
    in_process = open_catalog([path], workers=1, use_cache=False)
    assert len(in_workers.articles) == len(records)
    assert list(in_workers.extractions) == list(in_process.extractions)  # same results, in article order
    assert [(e.article, e.date) for e in in_workers.timeline] == [(e.article, e.date) for e in in_process.timeline]
    assert in_workers.index.search("tractors").documents == len(records)


def test_extraction_makes_no_reference_cycles():
    # The worker processes run with the cycle collector off, which is only safe so.
    import gc

    from tui.corpus.loaders import load_corpus
    from tui.extract import extract
    from tui.index.packing import pack

    articles = load_corpus(None).articles
    extract(articles[0])  # imports and caches first
    gc.collect()
    gc.disable()
    try:
        for article in articles * 3:
            pack(extract(article))
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_loaded_catalog_is_kept_out_of_the_cycle_collectors_walks(monkeypatch, tmp_path):
    # Else the collector's next pass walks every object of the catalog, and so does each
    # full pass after it.
    import gc

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    try:
        for expect_cached in (False, True):
            catalog = open_catalog(None)
            assert catalog.from_cache is expect_cached and gc.isenabled()
            walked = {id(o) for o in gc.get_objects()}  # the collector's generations, not the frozen objects
            for part in (catalog.timeline, catalog.figures, catalog.names, catalog.articles):
                assert part and id(part) not in walked
    finally:
        gc.unfreeze()


def test_a_timeline_built_or_cached_is_columns_in_the_timelines_order(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built = open_catalog(None)
    cached = open_catalog(None)
    assert isinstance(built.timeline, TimelineColumns) and list(built.timeline) == sorted(built.timeline,
                                                                                          key=timeline_key)
    assert all(e.event.text == built.articles[e.article].text[e.event.start : e.event.end] for e in built.timeline)
    assert cached.from_cache and isinstance(cached.timeline, TimelineColumns)
    assert list(cached.timeline) == list(built.timeline) and cached.timeline[-1] == built.timeline[-1]
    assert list(built.figures) == sorted(built.figures) and len(built.figures) > 5
    assert list(cached.figures) == list(built.figures) and cached.figures[-1] == built.figures[-1]
    with pytest.raises(IndexError):
        cached.timeline[len(built.timeline)]
    view = cached.timeline[3:9]
    assert isinstance(view, EventSelection) and list(view) == list(built.timeline)[3:9]
    assert month_starts(cached.timeline) == month_starts(built.timeline)
    assert list(event_articles(cached.timeline)) == [e.article for e in built.timeline]
    middle = built.timeline[len(built.timeline) // 2].start_day
    assert list(cached.events(since=middle)) == list(built.events(since=middle))
    assert list(cached.events(until=middle)) == list(built.events(until=middle))


def test_timeline_columns_that_do_not_fit_together_are_refused():
    def columns(**changed):
        fields = dict(numbers=array("I", [0]), days=array("I", [700000]), months=array("I", [23000]),
                      starts=array("I", [0]), ends=array("I", [3]), labels=(b"abc", array("Q", [0, 3])),
                      dates=(["1917-07-28"], array("I", [0])), granularities=(["day"], array("I", [0])),
                      kinds=(["mention"], array("I", [0])))
        fields.update(changed)
        return TimelineColumns([Article(id="a", text="War broke out.")], **fields)

    assert columns()[0].event.text == "War"
    for damage in (dict(numbers=array("I", [1])), dict(days=array("I", [0])), dict(ends=array("I", [3, 4])),
                   dict(labels=(b"abc", array("Q", [0, 4]))), dict(dates=(["1917-07-28"], array("I", [1])))):
        with pytest.raises(ValueError):
            columns(**damage)


@given(st.lists(st.tuples(st.sampled_from(["USD", "pct", "dlrs", "", "JPY"]),
                          st.sampled_from([0.0, -0.0, 1.5, 2.0, -3.25, 1e12]),
                          st.integers(0, 3), st.integers(0, 3)), max_size=60))
def test_figures_gathered_as_columns_come_out_in_the_order_of_their_tuples(figures):
    builder = FigureBuilder()
    for unit, value, article, number in sorted(figures, key=lambda f: (f[2], f[3])):  # as articles come
        builder.add(unit, value, article, number)
    assert list(builder.finish()) == sorted(sorted(figures, key=lambda f: (f[2], f[3])))


def test_the_cache_opens_with_the_timelines_first_events_and_only_their_articles(write_jsonl, monkeypatch, tmp_path):
    from tui.index import stored

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(stored, "FIRST_SCREEN_EVENTS", 7)
    _spread_catalog(write_jsonl)  # writes corpus.jsonl
    paths = [str(tmp_path / "corpus.jsonl")]
    built = open_catalog(paths)  # extracted, then cached
    first_screen, readable, complete = cached_stages(paths)

    assert list(first_screen.timeline) == list(built.timeline)[:7] and isinstance(first_screen, FirstScreen)
    assert first_screen.event_total == len(built.timeline) == readable.event_total
    assert first_screen.article_total == len(built.articles)
    for event in first_screen.timeline:
        assert first_screen.articles[event.article].text == built.articles[event.article].text
        assert first_screen.extractions[event.article] == built.extractions[event.article]
    shown = {event.article for event in first_screen.timeline}
    unshown = next(number for number in range(len(built.articles)) if number not in shown)
    with pytest.raises(KeyError):
        first_screen.articles[unshown]  # not read until the next stage
    assert list(readable.timeline) == list(built.timeline) and isinstance(complete, Catalog)


def test_a_large_corpus_is_searchable_before_its_extraction_ends(write_jsonl, monkeypatch, tmp_path):
    """Its stages: articles on their dates, the same with their search index, then the
    catalog; the early index answers as the catalog's does."""
    import tui.index.opening as opening
    from tui.index.catalog import Searchable, Unindexed
    from tui.index.query import parse_query

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(opening, "PRELIMINARY_MIN_ARTICLES", 2)
    path = write_jsonl([
        {"id": "a", "date": "1987-03-02", "text": "Cocoa prices rose on Friday, traders said."},
        {"id": "b", "date": "1987-03-01", "text": "Cocoa stocks fell 3 pct last week."},
        {"id": "c", "date": "1987-03-05", "text": "Coffee talks ended on Tuesday."},
    ])
    first, searchable, complete = opening.open_in_stages([str(path)])
    assert type(first) is Unindexed and isinstance(searchable, Searchable) and isinstance(complete, Catalog)
    query = parse_query("cocoa")
    assert searchable.index.search(query).articles == complete.index.search(query).articles
    found = searchable.events_of_articles(searchable.index.search(query).articles)
    assert [searchable.articles[e.article].id for e in found] == ["b", "a"]  # in date order


def test_ranges_of_dates_parse_with_either_end_open():
    from datetime import date

    from tui.index.timeline import parse_date_range

    asked = parse_date_range("1987-03..1987-04")
    assert asked is not None and asked.is_range and (asked.first, asked.last) == (date(1987, 3, 1), date(1987, 4, 30))
    since = parse_date_range(" 2019-09.. ")
    assert since is not None and (since.first, since.last, since.text) == (date(2019, 9, 1), date.max, "2019-09..")
    until = parse_date_range("..1987")
    assert until is not None and until.first == date.min and until.last == date(1987, 12, 31)
    for bad in ("..", "1987-04..1987-03", "soon..1987", "1987", "1987-13..1988", "1987...1988"):
        assert parse_date_range(bad) is None, bad


def test_within_keeps_the_events_of_a_range_of_a_timeline_or_a_selection(seed_dir):
    from datetime import date

    from tui.index.timeline import EventSelection, within

    catalog = open_catalog([seed_dir], use_cache=False)
    first, last = date(2019, 9, 1), date(2019, 11, 30)
    expected = [e for e in catalog.timeline if first <= e.start_day <= last]
    assert list(within(catalog.timeline, first, last)) == expected and expected
    selection = catalog.events_of_articles(range(len(catalog.articles)))
    assert isinstance(selection, EventSelection)
    kept = within(selection, first, last)
    assert isinstance(kept, EventSelection) and list(kept) == expected


def test_a_catalogs_repr_says_how_large_it_is_not_every_article(seed_dir):
    catalog = open_catalog([seed_dir], use_cache=False)
    assert repr(catalog) == f"<Catalog: 2 articles, {len(catalog.timeline)} events>"


@pytest.mark.parametrize("cached", [False, True])
def test_a_name_filter_keeps_exactly_the_events_that_mention_the_name(monkeypatch, tmp_path, cached):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    catalog = open_catalog(None)
    if cached:
        catalog = open_catalog(None)
        assert catalog.from_cache
    some = set(range(0, catalog.article_total, 2))
    for entry in catalog.names.values():
        mentioning = [event for event in catalog.timeline if catalog.event_mentions(event, entry)]
        assert list(catalog.events(name=entry)) == mentioning
        assert list(catalog.events_of_articles(some, entry)) == [e for e in mentioning if e.article in some]
        assert list(catalog.naming(catalog.events(name=entry), entry)) == mentioning


def test_order_keys_read_from_the_columns_are_those_of_the_events(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built = open_catalog(None)
    cached = open_catalog(None)
    expected = [day_and_order(event) for event in built.timeline]
    assert list(OrderKeys(cached.timeline)) == list(OrderKeys(built.timeline)) == expected
    some = cached.events_of_articles({1})
    assert isinstance(some, EventSelection)
    assert list(OrderKeys(some)) == [day_and_order(event) for event in some]
