from __future__ import annotations

import pytest

from tui.index.query import QueryError, parse_query
from tui.index.search import HIT_COUNT_ARTICLES, SearchIndex, count_hits, hit_spans

DOCS = [
    ("Tariff talks", "The United States raised tariffs on steel. Tariffs hurt trade."),
    ("Trade deficit widens", "The trade deficit widened as imports rose."),
    ("Deficit of trade?", "Economists discussed trade and the budget deficit."),
    ("Weather", "Sunny with a chance of rain in Beijing."),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    built = SearchIndex()
    for title, text in DOCS:
        built.add(title, text)
    built.prepare()
    return built


def ids(result) -> list[int]:
    return [doc for doc, _ in result.top()]


def test_and_by_default(index):
    result = count_hits(index.search("trade deficit"), lambda number: DOCS[number])
    assert set(ids(result)) == {1, 2} and result.articles == {1, 2}
    assert result.hits == 8  # every written occurrence of either word, titles included


def test_hits_are_counted_only_in_few_articles():
    many = SearchIndex.of([("", "cocoa")] * (HIT_COUNT_ARTICLES + 1))
    counted = []
    result = count_hits(many.search("cocoa"), lambda number: counted.append(number) or ["cocoa"])
    assert result.documents == HIT_COUNT_ARTICLES + 1 and result.hits is None and counted == []


def test_bm25_ranks_more_frequent_and_title_matches_first():
    ranked = SearchIndex()
    ranked.add("Notes", "Steel is mentioned once among many other words here.")
    ranked.add("Notes", "Steel, steel and more steel.")
    ranked.add("Steel", "A short text.")
    order = [doc for doc, _ in ranked.search("steel").top()]
    assert order.index(1) < order.index(0) and order.index(2) < order.index(0)


def test_phrase_needs_adjacent_words(index):
    assert ids(index.search('"trade deficit"')) == [1]
    assert ids(index.search('"deficit trade"')) == []


def test_prefix_and_case(index):
    assert set(ids(index.search("TARIF*"))) == {0}
    assert set(ids(index.search("bei*"))) == {3}
    assert ids(index.search('"the trade def*"')) == [1]


def test_unknown_word_matches_nothing(index):
    result = index.search("tariffs zebra")
    assert result.documents == 0 and result.top() == []


def test_hit_offsets_slice_back(index):
    text = DOCS[0][1]
    spans = hit_spans("tariff*", text)
    assert [text[s:e] for s, e in spans] == ["tariffs", "Tariffs"]
    text = DOCS[1][1]
    assert [text[s:e] for s, e in hit_spans('"trade deficit" imports', text)] == ["trade deficit", "imports"]


def test_hits_are_whole_words_and_overlapping_phrases_join(index):
    text = "Protection, protectionism and pro-trade: so so so."
    assert [text[s:e] for s, e in hit_spans("protection", text)] == ["Protection"]
    assert [text[s:e] for s, e in hit_spans("pro*", text)] == ["Protection", "protectionism", "pro"]
    assert [text[s:e] for s, e in hit_spans('"so so"', text)] == ["so so so"]


def test_broad_prefix_matches_without_ranking_newest_first():
    broad = SearchIndex()
    for number in range(40):
        broad.add("", f"term{number} filler")
    broad.add("", "unrelated")
    result = broad.search("te*")  # a prefix of two letters: too many terms to rank
    assert result.documents == 40 and not result.ranked
    assert [doc for doc, _ in result.top(3)] == [39, 38, 37]
    assert broad.search("term*").documents == 40 and not broad.search("term*").ranked  # 40 terms
    assert broad.search("term3*").ranked  # "term3" and "term30" to "term39"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"open', "unbalanced quote"),
        ("*", "prefix needs"),
        ("", "empty query"),
        ("!!! ???", "no words"),
        ("x " * 600, "too long"),
    ],
)
def test_query_errors(query, message):
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_query_shapes():
    query = parse_query('U.S. "trade war" tarif*')
    assert [(c.words, c.prefix) for c in query.clauses] == [
        (("u", "s"), False),
        (("trade", "war"), False),
        (("tarif",), True),
    ]
