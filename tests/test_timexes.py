from __future__ import annotations

from datetime import date

import pytest

from tui.extract import calendar as cal
from tui.extract.timexes import find_timexes

WEDNESDAY = date(2018, 9, 12)


def values(text: str, anchor: date | None = WEDNESDAY) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, anchor) if t.type == "DATE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened on November 8, 2017.", [("November 8, 2017", "2017-11-08")]),
        ("Talks resumed last week.", [("last week", "2018-W36")]),
        ("The deal could come next year.", [("next year", "2019")]),
        ("Sales fell last month.", [("last month", "2018-08")]),
        ("He spoke on Saturday.", [("Saturday", "2018-09-08")]),
        ("He will speak on Saturday.", [("Saturday", "2018-09-15")]),
        ("In September, tariffs rose.", [("September", "2018-09")]),
        ("Earlier this year prices rose.", [("Earlier this year", "2018")]),
        ("Profit rose in the third quarter.", [("the third quarter", "2018-Q3")]),
        ("Shares fell yesterday.", [("yesterday", "2018-09-11")]),
        ("Prices are high now.", [("now", "PRESENT_REF")]),
        ("Two years ago the plant closed.", [("Two years ago", "2016")]),
        ("Since the 1990s, trade grew.", [("the 1990s", "199")]),
        ("Growth slowed last summer.", [("last summer", "2017-SU")]),
        ("The court met on 2019-03-04.", [("2019-03-04", "2019-03-04")]),
        ("Results are due Dec. 15.", [("Dec. 15", "2018-12-15")]),
        # A month with no year: the nearest one, the past counting as nearer.
        ("Prices peaked in March.", [("March", "2018-03")]),
        ("Prices may peak in December.", [("December", "2018-12")]),
        ("In March, the firm was sold.", [("March", "2018-03")]),
        ("August's figures were revised.", [("August", "2018-08")]),
        ("Revenue for the year ended March 31 rose.", [("March 31", "2018-03-31")]),
        ("Demand rose over the summer.", [("the summer", "2018-SU")]),
        ("Sales slowed in the early winter.", [("the early winter", "2017-WI")]),  # began Dec. 2017
        ("Rates will rise in the spring.", [("the spring", "2019-SP")]),
    ],
)
def test_values(text, expected):
    assert values(text) == expected


def test_durations_and_sets_are_typed_apart():
    found = {
        (t.text, t.type, t.value)
        for t in find_timexes("The strike lasted three weeks and prices are set daily.", WEDNESDAY)
    }
    assert ("three weeks", "DURATION", "P3W") in found
    assert ("daily", "SET", "P1D") in found


def test_without_an_article_date_relative_dates_are_left_open():
    assert values("On Aug. 22 and last week.", None) == [("Aug. 22", "XXXX-08-22")]


def test_no_dates_in_plain_numbers():
    assert values("He scored 2019 points and paid $1987.") == []


def test_no_years_in_a_row_of_a_table_but_years_in_number_heavy_prose():
    auction = "Prices per 50 kg:\n T 1405 1755(1430 1695)   E 2200 2295(2190 2295)\n"
    assert values(auction) == []
    bonds = "The benchmark 9-1/2 pct of 2001 fell 1/8 to 106-1/4 and the 8-1/2 pct of 2011 was at 97-1/4 1/2."
    assert values(bonds) == [("2001", "2001"), ("2011", "2011")]
    assert values("IBM, which entered the business in 1981, fell 1-3/4 to 149-3/8.") == [("1981", "1981")]
    assert values("COFFEE FUTURES\n OCT7  2050B         2040\n") == []
    assert values("The period runs from Aug 1,\n1987, to July 31, 1988.") == [
        ("Aug 1,\n1987", "1987-08-01"),
        ("July 31, 1988", "1988-07-31"),
    ]
    assert values("He will speak at 1530 EST/2030 gmt today.") == [("today", "2018-09-12")]


def test_granularity_and_value_start():
    assert cal.granularity("2018-W36") == "week"
    assert cal.value_start("2018-W36") == date(2018, 9, 3)
    assert cal.value_start("2018-Q3") == date(2018, 7, 1)
    assert cal.value_start("PRESENT_REF") is None
    assert cal.shift_value("2016-02-29", -1) == "2015-02"


def test_days_counted_from_another_event_get_no_date():
    # "Three days later" is counted from something the text told of, not from the article date.
    assert values("The bid failed. Three days later, a rival won.") == []
    assert values("He left ten days before the vote.") == []
    assert values("A day earlier, shares fell.") == []
    assert values("Profit rose from a year earlier.") == [("a year earlier", "2017")]


def typed(text: str, anchor: date | None = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare four-digit number is a year only with date evidence.
        ("Shares of PPN 2058 rose.", []),
        ("NYFD 2044 and NRKX 2024 were quoted.", []),
        ("The plan runs until 2058.", [("2058", "DATE", "2058")]),
        ("Record 2017 profits were cut.", [("2017", "DATE", "2017")]),
        ("It overruled a 1971 convention.", [("1971", "DATE", "1971")]),
        # A month and a number with a thousands separator is a price.
        ("Cocoa for July 3,248 (3,248).", []),
        # Ages and measures are not times; decades are years.
        ("The 6-year-old boy and a 52-year-old man.", []),
        ("He was 37 years old.", []),
        ("A second group met.", []),
        ("The embargo lasted four decades.", [("four decades", "DURATION", "P40Y")]),
        ("The 1987 year was good.", [("1987 year", "DATE", "1987")]),
        # Sets are adverbs and rates; an adjective before a noun is not one.
        ("Its quarterly dividend rose.", []),
        ("Dividends are paid quarterly.", [("quarterly", "SET", "P3M")]),
        ("It pays $1.76 a year.", [("a year", "SET", "P1Y")]),
        ("They meet each month.", [("each month", "SET", "P1M")]),
        # Times of day, on the day they name.
        ("He spoke at 10 p.m. Monday.", [("10 p.m. Monday", "TIME", "2018-09-10T22:00")]),
        ("Trading halted at 5 p.m. EST Sept. 14.", [("5 p.m. EST Sept. 14", "TIME", "2018-09-14T17:00")]),
        ("Rebels attacked last night.", [("last night", "TIME", "2018-09-11TNI")]),
        ("He arrived on Monday evening.", [("Monday evening", "DATE", "2018-09-10TEV")]),
        # Vague durations are durations; "over the past week" is one too.
        ("Prices rose in recent months.", [("recent months", "DURATION", "PXM")]),
        ("It takes a few days.", [("a few days", "DURATION", "PXD")]),
        ("Talks may resume in the coming weeks.", [("the coming weeks", "DURATION", "PXW")]),
        ("Prices fell over the past week.", [("past week", "DURATION", "P1W")]),
        # Ranges keep both ends; centuries, year-end and fiscal years are dates.
        ("Output in 1998-99 rose.", [("1998", "DATE", "1998"), ("99", "DATE", "1999")]),
        ("Exports from 2001-2003 fell.", [("2001", "DATE", "2001"), ("2003", "DATE", "2003")]),
        ("Call 2001-2345 now.", [("now", "DATE", "PRESENT_REF")]),
        ("The talks were on Oct. 3-4, 1986.", [("Oct. 3", "DATE", "1986-10-03"), ("4", "DATE", "1986-10-04")]),
        ("It was built in the 19th century.", [("the 19th century", "DATE", "18")]),
        ("The deal should close by year-end.", [("year-end", "DATE", "2018-12-31")]),
        ("Sales will rise next fiscal year.", [("next fiscal year", "DATE", "2019")]),
        ("MONDAY, APRIL 8, 2013", [("MONDAY, APRIL 8, 2013", "DATE", "2013-04-08")]),
        ("Monday's meeting was cancelled.", [("Monday", "DATE", "2018-09-10")]),
        # A day in words; "overnight" as "at once" is no night.
        ("The fiscal year beginning on October one.", [("October one", "DATE", "2018-10-01")]),
        ("You can't attain that status overnight.", []),
        # "current" and "future" before a noun describe it; "recently-built" is a compound.
        ("The current system works.", []),
        ("Future quarters look weak.", []),
        ("It was a recently-built plant.", []),
        ("Prices may rise in the future.", [("the future", "DATE", "FUTURE_REF")]),
    ],
)
def test_classes_of_expression(text, expected):
    assert typed(text) == expected


def test_a_time_of_day_is_an_event_on_its_day():
    from tui.extract import extract_text

    extraction = extract_text("Talks began.\nThe ministers met at 10 p.m. Monday in Geneva.", WEDNESDAY, 0)
    assert [(e.date, e.kind) for e in extraction.events] == [("2018-09-12", "article"), ("2018-09-10", "mention")]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # A past tense with an irregular verb looks back; "through", "until", "by" look ahead.
        ("In January, the firm brought in a new team.", date(1989, 10, 27), [("January", "1989-01")]),
        ("It has revolving loans through January.", date(1989, 10, 27), [("January", "1990-01")]),
        ("The talks are supposed to conclude by May.", date(1998, 3, 22), [("May", "1998-05")]),
        ("They were planning to drive around the airport on Monday.", date(2000, 1, 7), [("Monday", "2000-01-10")]),
    ],
)
def test_the_tense_picks_the_date(text, anchor, expected):
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Relative to the day the text named, not the article's; with no such day, no date.
        ("In the week ended March 7, output rose from the previous week.",
         [("March 7", "2018-03-07"), ("previous week", "2018-W09")]),
        ("The talks ended on March 9. The following day, they resumed.",
         [("March 9", "2018-03-09"), ("The following day", "2018-03-10")]),
        ("He left on May 3. Two days earlier he had resigned.",
         [("May 3", "2018-05-03"), ("Two days earlier", "2018-05-01")]),
        ("Output fell from the previous week.", []),
        ("Three days later he resigned.", []),
        ("He was last seen Aug. 3, the day before police issued a warrant.", [("Aug. 3", "2018-08-03")]),
        ("He was promoted on May 22, 1995, and the following year he left.",
         [("May 22, 1995", "1995-05-22"), ("the following year", "1996")]),
        ("Talks began on Dec. 3. The following month they failed.",
         [("Dec. 3", "2018-12-03"), ("The following month", "2019-01")]),  # across a new year
        ("Profit rose in 1985. The following year it fell.", [("1985", "1985"), ("The following year", "1986")]),
        ("The following month will be hard.", []),
    ],
)
def test_a_reference_time_the_text_gives(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # A quarter not yet begun this year, with nothing said of the future, is last year's.
        ("Fourth quarter net profit rose.", date(1987, 2, 26), [("Fourth quarter", "1986-Q4")]),
        ("The company expects fourth quarter profit to rise.", date(1987, 2, 26), [("fourth quarter", "1987-Q4")]),
        ("1986 4th qtr net profit", date(1987, 2, 26), [("1986 4th qtr", "1986-Q4")]),
        ("4th qtr shr 10 cts", date(1987, 2, 26), [("4th qtr", "1986-Q4")]),
    ],
)
def test_which_year_a_quarter_is_in(text, anchor, expected):
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Delivery and contract months in a market report are the coming ones.
        ("June/July shipment going at 120 dlrs.", [("June", "1987-06"), ("July", "1987-07")]),
        ("May cocoa rose 10 dlrs to 1,850.", [("May", "1987-05")]),
        ("July soybeans closed at 5.10 dlrs.", [("July", "1987-07")]),
        ("In July the plant closed.", [("July", "1986-07")]),
    ],
)
def test_traded_months_look_forward(text, expected):
    assert values(text, date(1987, 2, 26)) == expected


def test_a_year_earlier_counts_from_the_year_the_text_named():
    assert values("Output in 1985 rose 5 pct from a year earlier.", date(1987, 3, 12)) == [
        ("1985", "1985"), ("a year earlier", "1984")]
    assert values("Sales rose from a year earlier.", date(1987, 3, 12)) == [("a year earlier", "1986")]
