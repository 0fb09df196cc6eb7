from __future__ import annotations

import pytest

from tui.extract.figures import find_figures


def only(text: str):
    (figure,) = find_figures(text)
    return figure.text, figure.kind, figure.value, figure.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("worth $200 billion", ("$200 billion", "money", 200e9, "USD")),
        ("raised $1.2bn", ("$1.2bn", "money", 1.2e9, "USD")),
        ("a US$5 mln loan", ("US$5 mln", "money", 5e6, "USD")),
        ("50 million yuan in aid", ("50 million yuan", "money", 50e6, "CNY")),
        ("1,200 million dollars", ("1,200 million dollars", "money", 1.2e9, "USD")),
        ("1.5 billion Canadian dollars", ("1.5 billion Canadian dollars", "money", 1.5e9, "CAD")),
        ("profit of 50 cts a share", ("50 cts", "money", 0.5, "USD")),
        ("#54.8 million", ("#54.8 million", "money", 54.8e6, "GBP")),
        ("up 5 pct", ("5 pct", "percent", 5.0, "%")),
        ("rose 3.5% on", ("3.5%", "percent", 3.5, "%")),
        ("by 12 percent", ("12 percent", "percent", 12.0, "%")),
        ("about 20 percentage points", ("about 20 percentage points", "percent", 20.0, "pp")),
        ("over 60 industry groups launching", ("over 60 industry groups", "count", 60.0, "groups")),
        ("more than 150 associations said", ("more than 150 associations", "count", 150.0, "associations")),
        ("two people familiar with it", ("two people", "count", 2.0, "people")),
    ],
)
def test_figures(text, expected):
    assert only(text) == expected


def test_spellings_of_the_same_amount_compare_equal():
    a = find_figures("$1.2bn")[0]
    b = find_figures("1,200 million dollars")[0]
    assert (a.value, a.unit) == (b.value, b.unit)


@pytest.mark.parametrize("text", ["the 4-38 score", "a 6-month-old truce", "five year low", "He won 3",
                                  "the world's two largest economies", "the three biggest banks"])
def test_not_figures(text):
    assert find_figures(text) == []


def test_dates_are_left_to_the_date_finder():
    text = "In 1996 there were 5 pct more."
    figures = find_figures(text, taken=[(3, 7)])
    assert [f.text for f in figures] == ["5 pct"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Fractions, as wire copy writes rates and prices.
        ("Rates rose to 7-1/2 pct.", [("7-1/2 pct", "percent", 7.5, "%")]),
        ("The bond traded at 101-3/4 pct.", [("101-3/4 pct", "percent", 101.75, "%")]),
        ("It fell 5/8 pct.", [("5/8 pct", "percent", 0.625, "%")]),
        # A range keeps both ends, the low one in the high one's unit and scale.
        ("It sold at 340 to 350 cruzados.", [("340", "money", 340.0, "BRC"), ("350 cruzados", "money", 350.0, "BRC")]),
        ("Bids of 1,750 to 1,780 dlrs.", [("1,750", "money", 1750.0, "USD"), ("1,780 dlrs", "money", 1780.0, "USD")]),
        ("A cost of 1 to 2 billion dlrs.", [("1", "money", 1e9, "USD"), ("2 billion dlrs", "money", 2e9, "USD")]),
        ("Rates of 5-6 pct.", [("5", "percent", 5.0, "%"), ("6 pct", "percent", 6.0, "%")]),
        ("It rose between 10 and 12 pct.", [("10", "percent", 10.0, "%"), ("12 pct", "percent", 12.0, "%")]),
        ("Sales of 10 and 12 pct.", [("12 pct", "percent", 12.0, "%")]),  # two counts, not a range: no unit
        ("A 3/5 share of the market.", []),
    ],
)
def test_fractions_and_ranges(text, expected):
    assert [(f.text, f.kind, f.value, f.unit) for f in find_figures(text)] == expected
