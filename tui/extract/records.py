"""What extraction finds, as plain records with offsets into the article text.  Kept apart
from the finders so that reading a cached corpus does not compile their rules."""

from __future__ import annotations

from typing import NamedTuple

from . import calendar as cal


class Name(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC, MISC
    canonical: str  # the long form this mention refers to ("Donald Trump" for "Trump")


class Figure(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # money, percent, count
    value: float
    unit: str


class Timex(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str

    @property
    def granularity(self) -> str | None:
        return cal.granularity(self.value)


class Event(NamedTuple):
    date: str  # a TIMEX3 calendar value: 2018-08-22, 2018-08, 2018-W36, 2018-Q3, 2018 ...
    start: int  # the sentence's offsets in the article text
    end: int
    text: str
    label: str
    granularity: str
    kind: str  # "article" for the article's own date, "mention" for a date in its text
