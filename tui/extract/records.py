"""What extraction finds, as plain records with offsets into the article text.  Kept apart
from the finders so that reading a cached corpus does not compile their rules."""

from __future__ import annotations

from typing import NamedTuple


class NameType(NamedTuple):
    """How a type of name is said: in full, in a narrow column, and in the help's legend."""

    word: str
    short: str
    about: str


NAME_TYPES = {
    "PER": NameType("person", "person", "person"),
    "ORG": NameType("organisation", "org", "organisation"),
    "LOC": NameType("place", "place", "place"),
    "MISC": NameType("other", "other", "nationality, event, other name"),
}


def name_type(code: str) -> NameType:
    """PER, ORG, LOC or MISC; anything else is told as MISC."""
    return NAME_TYPES.get(code, NAME_TYPES["MISC"])


class Name(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC, MISC
    canonical: str  # the long form this mention refers to ("Donald Trump" for "Trump")


FIGURE_KINDS = ("money", "percent", "count")


class Figure(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # one of FIGURE_KINDS
    value: float
    unit: str


class Timex(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str


class Event(NamedTuple):
    date: str  # a TIMEX3 calendar value: 2018-08-22, 2018-08, 2018-W36, 2018-Q3, 2018 ...
    start: int  # the sentence's offsets in the article text
    end: int
    text: str
    label: str
    granularity: str
    kind: str  # "article" for the article's own date, "mention" for a date in its text, "caption" in a photo's
