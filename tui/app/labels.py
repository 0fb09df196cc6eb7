"""How dates and events read on screen: "Aug 22", "wk 36", "Sep 2019", "Q3 2018"."""

from __future__ import annotations

import functools
import re

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
    if match := re.match(r"(\d{4})-W(\d{2})(-WE)?", value):
        return f"wk {int(match[2])}" + (" end" if match[3] else "")
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
