"""Temporal expressions with TIMEX3 (TimeML) values, resolved against the article date.

Each rule (in timex_rules) is a regular expression and a resolver; the rules run only near
words that could start a date, the longest non-overlapping matches win, and each is
resolved with the article date as its anchor.  Without an article date, expressions that
need one get X placeholders ("XXXX-08-22").
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from .records import Timex
from .timex_rules import RANGE_AFTER_RE, RULES, Context, Resolver, day_or_none, range_end
from .tokens import lowered_text as lowered_text_of

# Each rule needs one of these words or numbers, so it runs only near them.  Words are
# found with str.find in the lower-cased text, which is much faster than one big regex.
TRIGGER_WORDS = {
    "month": "jan january feb february march mar. apr april may jun june jul july aug august "
             "sep sept september oct october nov november dec december",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday",
    "deictic": "today yesterday tomorrow tonight",
    "ref": "now current currently recent recently lately future past present nowadays",
    # Units of time, a kind each (plural names): a rule about quarters need not run near "weeks".
    "days": "day days",
    "weeks": "week weeks",
    "weekends": "weekend",
    "months": "month months",
    "years": "year years",
    "quarters": "quarter quarters qtr",
    "halves": "half",
    "periods": "period",
    "decades": "decade decades",
    "centuries": "century centuries centurie",
    "clock": "hour hours minute minutes second seconds a.m p.m am pm noon midnight midday",
    "parts": "morning afternoon evening night",
    "seasons": "spring summer fall autumn winter",
    "holiday": "christmas thanksgiving halloween independence valentine",  # and "new year", below
    "set": "daily weekly monthly annually yearly quarterly hourly every each",
    "spelled": "nineteen eighteen thousand",
}
TRIGGERS = {word: kind for kind, words in TRIGGER_WORDS.items() for word in words.split()}
assert len(TRIGGERS) == sum(len(words.split()) for words in TRIGGER_WORDS.values()), "a word in two kinds"
TRIGGER_BY_WORD = {word.rstrip("."): word for word in TRIGGERS}  # "mar" -> "mar."
# A year 1600-2099 or a decade ('90s).  Python's re scans fastest for a pattern that
# starts with a plain set of characters, hence the look-behinds after the first one.
NUMBER_TRIGGER_RE = re.compile(r"[12’'](?:(?<=[12])(?<!\d.)(?:(?<=1)[6-9]|(?<=2)0)\d\d(?!\d)|(?<=[’'])\d0s\b)")
WINDOW_BEFORE = 48
WINDOW_AFTER = 40
# How far before its trigger word a rule's match may start, where that is well short of
# WINDOW_BEFORE: "the beginning of the " 1987, "the beginning of previous " year.
BEFORE_TRIGGER = {
    "month": 24, "weekday": 16, "year": 28, "decade": 8, "deictic": 12, "holiday": 4, "set": 4,
    "days": 32, "weeks": 32, "weekends": 32, "months": 32, "years": 32, "decades": 32,
    "seasons": 32, "periods": 24, "centuries": 24, "clock": 24, "parts": 24, "quarters": 44, "halves": 44,
}


def _trigger_spans(text: str, lowered: str, words: frozenset[str]) -> list[tuple[int, int, str]]:
    present = [TRIGGER_BY_WORD[word] for word in words.intersection(TRIGGER_BY_WORD)]
    if "year" in words and "new" in words:
        present.append("new year")
    if "m" in words:  # "a.m." and "p.m." are not words of a-z
        present.extend(("a.m", "p.m"))
    found: list[tuple[int, int, str]] = []
    for word in present:
        kind = TRIGGERS.get(word, "holiday")
        size = len(word)
        position = lowered.find(word)
        while position >= 0:
            end = position + size
            if (position == 0 or not lowered[position - 1].isalnum()) and (
                end == len(lowered) or not lowered[end].isalnum()
            ):
                found.append((position, end, kind))
            position = lowered.find(word, end)
    for match in NUMBER_TRIGGER_RE.finditer(text):
        found.append((match.start(), match.end(), "decade" if match[0][0] in "’'" else "year"))
    found.sort()
    return found


def _windows(text: str, lowered: str, words: frozenset[str]) -> dict[str, list[tuple[int, int]]]:
    """Merged spans of text around each kind of trigger."""
    windows: dict[str, list[tuple[int, int]]] = {}
    for trigger_start, trigger_end, kind in _trigger_spans(text, lowered, words):
        start = max(0, trigger_start - BEFORE_TRIGGER.get(kind, WINDOW_BEFORE))
        _add_span(windows.setdefault(kind, []), start, min(len(text), trigger_end + WINDOW_AFTER))
    return windows


def _add_span(spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Add a span to spans sorted by start, merging it with the last one if they touch."""
    if spans and start <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(spans[-1][1], end))
    else:
        spans.append((start, end))


def _windows_of_kinds(windows: dict[str, list[tuple[int, int]]], kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    """The windows of several kinds of trigger, merged."""
    present = [windows[kind] for kind in kinds if kind in windows]
    if len(present) <= 1:
        return present[0] if present else []
    merged: list[tuple[int, int]] = []
    for start, end in sorted([span for spans in present for span in spans]):
        _add_span(merged, start, end)
    return merged


def find_timexes(text: str, anchor: date | None) -> list[Timex]:
    candidates: list[tuple[int, int, int, re.Match, Resolver]] = []
    lowered_text, words = lowered_text_of(text)
    windows = _windows(text, lowered_text, words)
    for order, (pattern, resolver, kinds, lowered, needs) in enumerate(RULES):
        if (needs and needs.isdisjoint(words)) or windows.keys().isdisjoint(kinds):
            continue
        subject = lowered_text if lowered else text
        for window_start, window_end in _windows_of_kinds(windows, kinds):
            for match in pattern.finditer(subject, window_start, window_end):
                if match.end() > match.start():
                    candidates.append((-(match.end() - match.start()), match.start(), order, match, resolver))
    # Longest first; a candidate that overlaps one already chosen is dropped.
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[tuple[re.Match, Resolver]] = []
    for _neg_len, start, _order, match, resolver in candidates:
        end = match.end()
        at = bisect.bisect_right(starts, start)
        if (at > 0 and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
            continue
        starts.insert(at, start)
        ends.insert(at, end)
        chosen.insert(at, (match, resolver))
    context = Context(text, anchor)
    found: list[Timex] = []
    for match, resolver in chosen:
        try:
            resolved = resolver(match, context)
        except (OverflowError, ValueError):  # past the calendar's ends (years 1 and 9999)
            continue
        if resolved is None or OUT_OF_CALENDAR_RE.match(resolved[1]):
            continue
        kind, value = resolved
        start, end = _trim(text, match.start(), match.end())
        found.append(Timex(start, end, text[start:end], kind, value))
        if second := _second_day(text, end, value) or _second_year(text, end, value):
            found.append(second)
    return _without_repeats(found)


def _without_repeats(found: list[Timex]) -> list[Timex]:
    """A range's second end is found by its own rule too ("2001-2003"): keep it once."""
    seen: set[int] = set()
    kept = []
    for timex in found:
        if timex.start not in seen:
            seen.add(timex.start)
            kept.append(timex)
    return kept


OUT_OF_CALENDAR_RE = re.compile(r"-|0000|\d{5}")  # a year before 1 or after 9999: no date to give
DAY_VALUE_RE = re.compile(r"(\d{4}|XXXX)-\d{2}-\d{2}")
SECOND_DAY_RE = re.compile(
    r"\s*(?:and|or|to|through|-|–)\s*(\d{1,2})\b(?![\d%:]|[.,]\d|\s*(?:percent|per|pct|million|billion|thousand|people|of)\b)"
)


def _second_day(text: str, end: int, value: str) -> Timex | None:
    """The "23" in "Aug. 22 and 23": a day of the same month."""
    if not DAY_VALUE_RE.fullmatch(value):
        return None
    match = SECOND_DAY_RE.match(text, end)
    if not match:
        return None
    day = int(match[1])
    if value[:4] != "XXXX" and day_or_none(int(value[:4]), int(value[5:7]), day) is None or not 1 <= day <= 31:
        return None
    return Timex(match.start(1), match.end(1), match[1], "DATE", f"{value[:8]}{day:02d}")


def _second_year(text: str, end: int, value: str) -> Timex | None:
    """The "99" of "1998-99" and the "2003" of "2001-2003": the range's other end."""
    if not re.fullmatch(r"\d{4}", value):
        return None
    match = RANGE_AFTER_RE.match(text, end)
    if not match or not int(value) < (year := range_end(value, match[1])) <= int(value) + 20:
        return None
    return Timex(match.start(1), match.end(1), match[1], "DATE", f"{year:04d}")


LEADING_WORDS_RE = re.compile(r"(?:in|on|at|since|until|by|through|from|before|after|during|of)\s+", re.IGNORECASE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Prepositions are not part of a TIMEX3 ("in September" -> "September")."""
    if lead := LEADING_WORDS_RE.match(text, start, end):
        if lead.end() < end:
            start = lead.end()
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    if end - start > 2 and text[end - 2 : end] in ("'s", "’s"):
        end -= 2  # "Monday's meeting": the day is "Monday"
    return start, end
