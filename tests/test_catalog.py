from __future__ import annotations

from datetime import date

from tui.index.catalog import Catalog


def test_a_lone_surname_joins_the_one_full_name_across_articles(write_jsonl):
    path = write_jsonl([
        {"id": "a", "date": "2019-01-02", "text": "President Donald Trump met Xi Jinping in Osaka on Saturday."},
        {"id": "b", "date": "2019-01-05", "text": "Officials said on Monday that Trump would travel to Paris."},
    ])
    catalog = Catalog.load([path], use_cache=False)
    (entry,) = [e for e in catalog.names.values() if e.name == "Donald Trump"]
    assert entry.articles == {0, 1} and {"Trump", "Donald Trump"} <= entry.forms
    assert not [e for e in catalog.names.values() if e.name == "Trump"]
    assert [e.article for e in catalog.events(name=entry) if e.event.kind == "mention"] == [0, 1]


def test_events_filters_and_figures_by_value(write_jsonl):
    path = write_jsonl([
        {"id": "a", "date": "2019-01-02", "text": "Acme Corp raised $1.2bn on Monday."},
        {"id": "b", "date": "2019-03-05", "text": "Beta Inc raised 1,200 million dollars last week."},
        {"id": "c", "date": "2019-06-01", "text": "Gamma Ltd raised $5 million."},
    ])
    catalog = Catalog.load([path], use_cache=False)
    found = catalog.figures_between("USD", 1e9, 2e9)
    assert sorted(catalog.articles[a].id for a, _ in found) == ["a", "b"]
    assert all(f.value == 1.2e9 for _, f in found)
    assert [(e.date, e.event.kind) for e in catalog.events(since=date(2019, 2, 1), until=date(2019, 3, 31))] == [
        ("2019-W09", "mention"),  # "last week", seen from Tuesday 5 March
        ("2019-03-05", "article"),
    ]
