"""How dates and events read on screen: "Aug 22", "wk Sep 3", "Sep 2019", "Q3 2018"."""

from __future__ import annotations

import functools
import re
from datetime import date

from rich.cells import cell_len, set_cell_size

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


@functools.lru_cache(maxsize=4096)
def date_label(value: str) -> str:
    """A TIMEX3 calendar value at its own granularity, short enough for a sidebar."""
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        return f"{MONTHS[int(match[2]) - 1]} {int(match[3])}"
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return f"{MONTHS[int(match[2]) - 1]} {match[1]}"
    if match := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        return _week_label(int(match[1]), int(match[2]), weekend=bool(match[3])) or value
    if match := re.fullmatch(r"(\d{4})-Q(\d)", value):
        return f"Q{match[2]} {match[1]}"
    if match := re.fullmatch(r"(\d{4})-H(\d)", value):
        return f"H{match[2]} {match[1]}"
    if match := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{SEASON_NAMES[match[2]]} {match[1]}"
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    return value


def month_heading(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def _week_label(year: int, week: int, weekend: bool) -> str | None:
    """An ISO week by its first day, as a calendar shows it: "wk Sep 3" is the week from
    Monday, Sep 3; "wkend Sep 8" the Saturday and Sunday of that week."""
    try:
        first = date.fromisocalendar(year, week, 6 if weekend else 1)
    except ValueError:
        return None
    return f"{'wkend' if weekend else 'wk'} {MONTHS[first.month - 1]} {first.day}"


WEEK_LEGEND = ("wk Sep 3", "the week from Monday, Sep 3 (wkend Sep 8: its Saturday and Sunday)")


def fit_label(label: str, width: int) -> str:
    """The label in `width` cells: whole if it fits, else cut after a word, with "…"."""
    if cell_len(label) <= width:
        return label
    if width <= 1:
        return "…"[:width]
    kept = set_cell_size(label, width - 1)
    space = kept.rfind(" ")
    if space > len(kept) // 2:  # a word boundary not too far back
        kept = kept[:space]
    return kept.rstrip(" ,;:") + "…"


# Each kind of event its mark, told apart without colour: the article's own day, a date
# in its text, and the date of a photo in a caption.
EVENT_MARKERS = {"article": "■", "mention": "·", "caption": "▫"}
