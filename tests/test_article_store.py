"""The article store: what goes in comes back, by number, and nothing else does."""

from __future__ import annotations

import json
import pickle
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cache_home import Damaged
from tui.corpus.articles import Article
from tui.index import stored
from tui.index.article_store import ArticleStore, StoredArticle, write_store
from tui.index.opening import open_catalog, open_for_search, open_summary, searched


def article(number: int, text: str = "", **fields) -> Article:
    return Article(id=f"a{number}", text=text or f"BONN (Reuters) - Story {number} ran on Monday.", **fields)


def written(tmp_path: Path, articles: list[Article]) -> ArticleStore:
    token = write_store(tmp_path / "catalog-k.articles", articles)
    assert token is not None
    return ArticleStore(tmp_path / "catalog-k.articles", token)


def fields(a: Article) -> tuple:
    return (*a.as_record(), a.text)


def test_articles_come_back_by_number_in_the_order_asked(tmp_path):
    articles = [article(n, date=date(1987, 3, 1 + n % 28), line=n or None, path="x.jsonl") for n in range(5000)]
    store = written(tmp_path, articles)
    assert len(store) == 5000
    assert [fields(a) for a in store] == [fields(a) for a in articles]
    assert list(store.some([4999, 3, 2500, 3])) == [4999, 3, 2500]
    assert fields(store[4321]) == fields(articles[4321])
    assert [a.id for a in store[10:13]] == ["a10", "a11", "a12"]
    with pytest.raises(IndexError):
        store[5000]


def test_articles_reopened_share_their_file_name_place_and_day(tmp_path):
    articles = [article(n, date=date(1987, 3, 1 + n % 2), path="wire.jsonl", line=n + 1) for n in range(4)]
    for a in articles:
        a.dateline_place = "".join(["BO", "NN"])  # equal, yet a string of its own each time
    reopened = written(tmp_path, articles).without_texts()
    assert [fields(a) for a in reopened] == [fields(a) for a in articles]
    first, second, third, _fourth = reopened
    assert first.path is second.path and first.dateline_place is third.dateline_place
    assert first.date is third.date and first.date is not second.date


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1), title=st.text(), url=st.text())
def test_any_text_comes_back_as_it_was_lone_surrogates_too(tmp_path_factory, text, title, url):
    original = Article(id="\ud800" + title, text=text, title=title, url=url, line=7)
    (back,) = written(tmp_path_factory.mktemp("store"), [original])
    assert fields(back) == fields(original) and back.title_given == original.title_given


def test_a_store_with_another_token_or_none_at_all_is_damaged(tmp_path):
    write_store(tmp_path / "catalog-k.articles", [article(0)])
    with pytest.raises(Damaged):
        ArticleStore(tmp_path / "catalog-k.articles", "another token")
    (tmp_path / "not-sqlite.articles").write_bytes(b"x" * 5000)
    with pytest.raises(Damaged):
        ArticleStore(tmp_path / "not-sqlite.articles", "token")


def test_a_row_changed_behind_the_stores_back_is_damaged_not_believed(tmp_path):
    store = written(tmp_path, [article(0), article(1)])
    store.close()
    with sqlite3.connect(tmp_path / "catalog-k.articles") as connection:
        connection.execute("UPDATE article SET text = CAST('FAKE' AS BLOB) WHERE number = 1")
        connection.execute("UPDATE article SET number = 5 WHERE number = 0")
    (token,) = sqlite3.connect(tmp_path / "catalog-k.articles").execute(
        "SELECT value FROM about WHERE name = 'token'").fetchone()
    store = ArticleStore(tmp_path / "catalog-k.articles", token)
    with pytest.raises(Damaged):
        store[1]
    with pytest.raises(Damaged):  # number 0 has gone, and 5 was stored as 0
        store[0]


@pytest.fixture
def cached_corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in [
        {"id": "a", "date": "1987-05-01", "text": "Acme Corp said on Monday its trade deficit fell 5 pct."},
        {"id": "b", "date": "1987-05-04", "text": "Beta Inc paid $5 million last week."},
    ]))
    open_catalog([path])
    return path


def test_a_search_and_a_summary_read_the_first_part_and_nothing_more(cached_corpus, monkeypatch):
    def unread(*_args):
        raise AssertionError("the whole catalog was read")

    monkeypatch.setattr(stored, "readable_catalog", unread)
    monkeypatch.setattr(stored, "completed_catalog", unread)
    opened, index = open_for_search([str(cached_corpus)])
    assert isinstance(opened, stored.StoredCorpus)
    (number,) = index.search("deficit").articles
    assert opened.articles[number].id == "a"
    summary, problems = open_summary([str(cached_corpus)])
    assert (summary.articles, summary.first_day, summary.last_day, problems) == (
        2, date(1987, 5, 1), date(1987, 5, 4), [])
    assert summary.events > 0 and summary.names > 0 and summary.figures > 0


def test_a_search_that_meets_a_damaged_row_answers_from_the_files(cached_corpus):
    (store,) = (cached_corpus.parent / "cache" / "dateline").glob("catalog-*.articles")
    with sqlite3.connect(store) as connection:
        connection.execute("UPDATE article SET text = CAST('Acme trade deficit, forged.' AS BLOB)")
    connection.close()

    def answer(opened, index):
        return [opened.articles[n].text for n in sorted(index.search("deficit").articles)]

    assert searched([str(cached_corpus)], answer) == [
        "Acme Corp said on Monday its trade deficit fell 5 pct."]
    assert not store.exists()  # dropped with its entry, to be made again


def test_articles_without_texts_read_each_text_once_when_asked(tmp_path):
    articles = [article(n, date=date(1987, 3, 2)) for n in range(3)]
    store = written(tmp_path, articles)
    unread = store.without_texts()
    read = []
    real_text = store.text
    store.text = lambda number: read.append(number) or real_text(number)  # type: ignore[method-assign]
    assert [a.id for a in unread] == ["a0", "a1", "a2"] and read == []
    assert unread[1].text == articles[1].text and unread[1].text == articles[1].text and read == [1]
    back = pickle.loads(pickle.dumps(unread[2]))  # to another process: a plain article, text and all
    assert type(back) is Article and fields(back) == fields(articles[2])


def test_a_damaged_text_is_found_when_the_articles_are_read_without_texts(tmp_path):
    store = written(tmp_path, [article(0), article(1)])
    store.close()
    with sqlite3.connect(tmp_path / "catalog-k.articles") as connection:
        connection.execute("UPDATE article SET text = CAST('forged' AS BLOB) WHERE number = 1")
        (token,) = connection.execute("SELECT value FROM about WHERE name = 'token'").fetchone()
    connection.close()
    dropped = []
    store = ArticleStore(tmp_path / "catalog-k.articles", token, on_damage=lambda: dropped.append(True))
    with pytest.raises(Damaged):
        store.without_texts()
    assert dropped


def test_a_cached_catalogs_articles_hold_no_text_until_it_is_read(cached_corpus):
    catalog = open_catalog([str(cached_corpus)])
    assert catalog.from_cache and all(isinstance(a, StoredArticle) for a in catalog.articles)
    slot = Article.__dict__["text"]
    with pytest.raises(AttributeError):
        slot.__get__(catalog.articles[1])
    assert catalog.articles[1].text == "Beta Inc paid $5 million last week."
    assert slot.__get__(catalog.articles[1]) == catalog.articles[1].text
