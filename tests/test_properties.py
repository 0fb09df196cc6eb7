"""No extractor or query parser raises on arbitrary text; every offset slices back."""

from __future__ import annotations

from datetime import date
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.articles import Article
from tui.extract import extract, names
from tui.index.query import QueryError, parse_query
from tui.index.search import SearchIndex, hit_spans
from tui.terminal_text import UNSAFE_TABLE, terminal_safe

PIECES = list("AaBbMmTtUuSs .,'’-$%\n0123456789") + [
    "Aug. ", "Mr. ", "U.S. ", " of ", "last week", "Monday", " billion", "\x1b", "\u202e", "İ", "ß",
    # the constructions the date, figure and name rules read
    "7-1/2 pct", " to ", "10:35 a.m. ", "p.m.", "the following day", "two days earlier", "<AB.C> ", "anti-",
    "1998-99 ", "October one ", "4th qtr ", "year-end", "June/July ", "Dynamo ", "A. ", "-based ", "the 19th century",
]
NEWSY = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
TEXT = st.one_of(st.text(max_size=300), NEWSY)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))))
def test_extraction_never_raises_and_offsets_slice_back(text, day):
    if not text.strip():
        return
    article = Article(id="x", text=text, date=day)
    result = extract(article)
    for item in [*result.names, *result.figures, *result.timexes, *result.events]:
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start : item.end] == item.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_query_parser_and_search_never_raise(query):
    index = SearchIndex()
    index.add("A title", "Some text about trade and tariffs.")
    try:
        parsed = parse_query(query)
    except QueryError:
        return
    result = index.search(parsed)
    for _doc, _ in result.top():
        for start, end in hit_spans(parsed, "Some text about trade and tariffs."):
            assert 0 <= start < end


@given(st.text(max_size=200))
def test_terminal_safe_keeps_length_and_removes_controls(text):
    cleaned = terminal_safe(text)
    assert len(cleaned) == len(text)
    assert not any(ord(ch) in UNSAFE_TABLE for ch in cleaned)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=200), TEXT))
def test_index_words_are_the_regex_words_of_the_lower_cased_text(text):
    import re

    from tui.index.query import index_words

    assert index_words(text) == re.findall(r"\w+", text.lower())  # the ASCII path included


def _hits_word_by_word(parsed, text: str) -> list[tuple[int, int]]:
    """The definition hit_spans must meet: the text's words (as the index reads them),
    a clause matching where its words follow one another."""
    import re

    from tui.extract.tokens import lower_preserving_offsets

    words = [(m.start(), m.end(), m[0]) for m in re.finditer(r"\w+", lower_preserving_offsets(text))]
    spans = []
    for clause in parsed.clauses:
        size = len(clause.words)
        for i in range(len(words) - size + 1):
            found = [w for _, _, w in words[i : i + size]]
            if found[:-1] == list(clause.words[:-1]) and (
                found[-1] == clause.words[-1] or clause.prefix and found[-1].startswith(clause.words[-1])
            ):
                spans.append((words[i][0], words[i + size - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


QUERY_PIECES = ["a", "ab", "b", "a*", "ab*", '"a b"', '"a a"', '"b a*"', "ß", "İ", "1", '"a 1"', "u*"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, st.lists(st.sampled_from(list("aAbB1ßİ _-.’\n")), max_size=60).map("".join)),
       st.lists(st.sampled_from(QUERY_PIECES), min_size=1, max_size=3).map(" ".join))
def test_hit_spans_are_the_clauses_matched_word_by_word(text, query):
    parsed = parse_query(query)
    assert hit_spans(parsed, text) == _hits_word_by_word(parsed, text)


@settings(max_examples=200, deadline=None)
@given(st.text("ab1_-’'. \n", max_size=60), st.lists(st.text("ab1_-’'.", min_size=1, max_size=3), max_size=12))
def test_a_long_article_finds_lower_case_words_as_a_short_one_does(text, words):
    """_LowerCaseWords looks words up in a set in a long text and with str.find in others:
    both ways agree (the threshold is lowered so that any text counts as long)."""
    with mock.patch.object(names, "LONG_TEXT", -1):
        in_long = names._LowerCaseWords(text)
    assert in_long.words is not None
    for word in words + text.split()[:20]:
        assert (word in in_long) == names._has_whole_word(text, word), word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,;全é\u0301") + ["wide", "  "]), max_size=40).map("".join), st.integers(0, 80))
def test_a_fitted_label_fits_and_is_whole_when_it_can_be(label, width):
    from rich.cells import cell_len

    from tui.app.labels import fit_label

    fitted = fit_label(label, width)
    assert cell_len(fitted) <= width
    if cell_len(label) <= width:
        assert fitted == label
    else:
        assert fitted.endswith("…") or width == 0
