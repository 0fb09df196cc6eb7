"""TIMEX3 value arithmetic on top of python-dateutil: shifting days, weeks, months,
quarters and years relative to an anchor date, and formatting the TimeML values."""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

WEEKDAYS = [MO, TU, WE, TH, FR, SA, SU]
MONTH_NAMES = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
WEEKDAY_NAMES = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
CALENDAR_VALUE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$")
WEEK_VALUE_RE = re.compile(r"^(\d{4})-W(\d{2})")
QUARTER_VALUE_RE = re.compile(r"^(\d{4})-Q(\d)$")
HALF_VALUE_RE = re.compile(r"^(\d{4})-H(\d)$")
SEASON_VALUE_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
DECADE_VALUE_RE = re.compile(r"^(\d{3})$")
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    iso_year, iso_week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{iso_week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_months(anchor: date, months: int) -> date:
    return anchor + relativedelta(months=months)


def weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The given weekday: the anchor itself if it falls on it, else the nearest one before
    (direction -1) or after (+1) the anchor, as dateutil's relativedelta computes it."""
    if anchor.weekday() == weekday:
        return anchor
    if direction < 0:
        return anchor + relativedelta(weekday=WEEKDAYS[weekday](-1))
    return anchor + relativedelta(weekday=WEEKDAYS[weekday](+1))


def month_near(anchor: date, month: int, direction: int) -> int:
    """The year of the named month nearest the anchor in the given direction."""
    if direction < 0:
        return anchor.year if month <= anchor.month else anchor.year - 1
    return anchor.year if month >= anchor.month else anchor.year + 1


PAST_DISTANCE_WEIGHT = 0.6  # news mostly tells what happened: the past counts as nearer


def nearest_year(anchor: date, month: int, day: int = 15) -> int:
    """The year in which month/day falls nearest the anchor, a day in the past counting
    as PAST_DISTANCE_WEIGHT of a day ahead ("in March", written in October: the March
    seven months back, not the one five months ahead); ties go to the past."""

    def distance(year: int) -> tuple[float, bool]:
        days = (date(year, month, min(day, 28)) - anchor).days
        return (-days * PAST_DISTANCE_WEIGHT if days < 0 else days, year > anchor.year)

    years = [year for year in (anchor.year - 1, anchor.year, anchor.year + 1) if date.min.year <= year <= date.max.year]
    return min(years, key=distance)


def add_days(anchor: date, days: int) -> date:
    return anchor + timedelta(days=days)


def shift_value(value: str, years: int) -> str:
    """Move a calendar/quarter/season/week value by whole years ('1989-Q3' -> '1988-Q3')."""
    match = re.match(r"^(\d{4})(.*)$", value)
    if not match:
        return value
    year = int(match[1]) + years
    rest = match[2]
    if re.match(r"^-\d{2}-\d{2}", rest):
        try:
            return date(year, int(rest[1:3]), int(rest[4:6])).isoformat()
        except ValueError:
            return f"{year:04d}{rest[:3]}"
    return f"{year:04d}{rest}"


@functools.lru_cache(maxsize=16384)
def value_start(value: str) -> date | None:
    """The first day a TIMEX3 value covers, or None when it is not anchored in time
    (asked for every event of a corpus, of a few thousand distinct values)."""
    try:
        if match := CALENDAR_VALUE_RE.match(value):
            return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
        if match := WEEK_VALUE_RE.match(value):
            return date.fromisocalendar(int(match[1]), int(match[2]), 1)
        if match := QUARTER_VALUE_RE.match(value):
            return date(int(match[1]), (int(match[2]) - 1) * 3 + 1, 1)
        if match := HALF_VALUE_RE.match(value):
            return date(int(match[1]), 1 if match[2] == "1" else 7, 1)
        if match := SEASON_VALUE_RE.match(value):
            return date(int(match[1]), SEASON_START_MONTH[match[2]], 1)
        if match := DECADE_VALUE_RE.match(value):
            return date(int(match[1]) * 10, 1, 1)
    except ValueError:
        return None
    return None


def day_span(value: str) -> tuple[date, date] | None:
    """YYYY, YYYY-MM or YYYY-MM-DD: the first and the last day it covers, else None."""
    kind = granularity(value)
    start = value_start(value) if kind in ("day", "month", "year") else None
    if start is None:
        return None
    if kind == "day":
        return start, start
    if kind == "month":
        return start, date(start.year, start.month, monthrange(start.year, start.month)[1])
    return start, date(start.year, 12, 31)


def granularity(value: str) -> str | None:
    """day, week, month, quarter, half, season, year or decade; None for other values."""
    if match := CALENDAR_VALUE_RE.match(value):
        return "day" if match[3] else "month" if match[2] else "year"
    for name, pattern in (
        ("week", WEEK_VALUE_RE), ("quarter", QUARTER_VALUE_RE), ("half", HALF_VALUE_RE),
        ("season", SEASON_VALUE_RE), ("decade", DECADE_VALUE_RE),
    ):
        if pattern.match(value):
            return name
    return None
