"""The TIMEX3 rules: each a regular expression and a resolver that turns a match into a
(type, value) pair, given the article date.  `timexes.find_timexes` runs them.

One table, long on purpose: of two matches as long as each other at one place, the rule
written first wins, so a rule's place among the others is part of what it means."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from . import calendar as cal
from .tokens import starts_sentence
from .vocabulary import CARDINALS, FIXED_HOLIDAYS

MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?"
    r"|Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
COUNTED = (
    r"(?:points|people|shares|tons|tonnes|barrels|units|votes|workers|jobs|cars|vehicles|troops|employees|members|"
    r"seats|miles|feet|metres|meters|kilometres|kilometers|dollars|dlrs)\b"
)
PART_OF_DAY = r"(?:\s+(?P<part>morning|afternoon|evening|night))"
PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def at_part_of_day(m: re.Match, day_value: str) -> Resolved:
    """A named day, with the part of it the match names ("Friday evening": ...TEV); a
    DATE still, as TimeBank's AQUAINT half types it, and a day on the timeline."""
    part = m.groupdict().get("part")
    if part and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day_value):
        return ("DATE", f"{day_value}T{PART_CODES[part.lower()]}")
    return ("DATE", day_value)
RELATIVE = r"(?:last|this|next|past|coming|previous|current)"
UNIT = r"(?:day|week|month|year|quarter|decade|weekend)"
NUMBER_WORDS: dict[str, int] = {**CARDINALS, "a": 1, "an": 1}
NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
FUTURE_CUE_RE = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|planning to|preparing to|intends? to|aims? to|hop(?:es|ing) to|"
    r"planned|scheduled|expects?|is to|are to|supposed to|"
    r"beginning on|starting on|payable|holders of record|due to|next|upcoming|would begin|to be held|"
    r"to take place|set to|as soon as|as early as|"
    r"until|postponed|deadline|expires?|effective|expected to|set for|would)\b",
    re.IGNORECASE,
)
CUE_BEFORE = 60
CUE_AFTER = 10
REFERENCE_REACH = 160  # characters: about this sentence and the one before
CUE_AFTER_OPENING = 60
OPENING_WORDS_RE = re.compile(r"\s*(?:(?:in|on|by|since|until|during|early|late|last|this|next)\s+)?", re.IGNORECASE)
PAST_CUE_RE = re.compile(
    r"\b(?:was|were|had|did|ago|since|last|earlier|ended|\w{3,}ed|"
    # the irregular past tenses wire copy uses most ("rose", "fell", "brought")
    r"rose|fell|grew|came|went|took|made|brought|began|bought|sold|paid|held|left|lost|won|met|saw|"
    r"told|thought|found|gave|got|kept|led|ran|sent|spent|built|became|wrote|spoke|struck|stood|"
    r"broke|chose|drew|fought|hit|cut|set|put|shut|quit)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Context:
    text: str
    anchor: date | None
    quarter_focus: str | None = None  # the last quarter mentioned, for "a year ago"
    reference: date | None = None  # the last day the text named, for "the following day"
    reference_end: int = 0  # where the text named it
    year_named: int | None = None  # the last year the text named ("in 1987/88"), for "a year earlier"
    year_named_end: int = 0

    def refer_to(self, day: date, end: int) -> None:
        self.reference, self.reference_end = day, end

    def name_year(self, year: int, end: int) -> None:
        self.year_named, self.year_named_end = year, end

    def year_named_near(self, start: int) -> int | None:
        """The year the text named last, if in this sentence or the one before (see reference_near)."""
        return self.year_named if start - self.year_named_end <= REFERENCE_REACH else None

    def reference_near(self, start: int) -> date | None:
        """The day the text named last, if it did so in this sentence or the one before: a
        story's narrative moves on, and a day named further back is seldom the one meant."""
        if self.reference is None or start - self.reference_end > REFERENCE_REACH:
            return None
        return self.reference

    def direction(self, start: int, end: int) -> int:
        """+1 when the words around the span speak of the future, -1 of the past, else 0."""
        floor = max(0, start - CUE_BEFORE)  # bounded searches: an article may be one long line
        left = max(self.text.rfind(".", floor, start), self.text.rfind("\n", floor, start), start - CUE_BEFORE)
        if OPENING_WORDS_RE.fullmatch(self.text, left + 1, start):
            return self._first_cue_after(end)
        right = self.text.find(".", end, end + CUE_AFTER)
        window = self.text[left + 1 : right if right >= 0 else end + CUE_AFTER]
        if FUTURE_CUE_RE.search(window):
            return 1
        if PAST_CUE_RE.search(window):
            return -1
        return 0

    def _first_cue_after(self, end: int) -> int:
        """A date that opens its sentence ("In January, the firm brought in ...") is told by
        the first verb after it: "planned", past, before the "to pay" it governs."""
        right = self.text.find(".", end, end + CUE_AFTER_OPENING)
        window = self.text[end : right if right >= 0 else end + CUE_AFTER_OPENING]
        future, past = FUTURE_CUE_RE.search(window), PAST_CUE_RE.search(window)
        if past and (future is None or past.start() <= future.start()):
            return -1
        return 1 if future else 0


Resolved = tuple[str, str] | None  # (type, value)
Resolver = Callable[[re.Match, Context], Resolved]
RULES: list[tuple[re.Pattern, Resolver, tuple[str, ...], bool, frozenset[str]]] = []
UPPER_LITERAL_RE = re.compile(r"(?<!\\)(?<!\(\?)[A-Z]")


def rule(pattern: str, flags: int = 0, *, on: str, needs: str = "") -> Callable[[Resolver], Resolver]:
    """Register a rule that runs near the trigger words of the kinds in `on` (see
    TRIGGER_WORDS), one or more separated by spaces: every match contains such a word.
    With `needs`, it runs only in an article with one of those words as well (a-z, lower
    case): "ago" is rare, and skipping the scan is cheaper than making it.
    A case-insensitive rule runs on the lower-cased text instead: Python's re is several
    times faster without IGNORECASE."""
    lowered = bool(flags & re.IGNORECASE)
    if lowered:
        pattern = UPPER_LITERAL_RE.sub(lambda m: m[0].lower(), pattern)
        flags &= ~re.IGNORECASE

    def register(resolver: Resolver) -> Resolver:
        RULES.append((re.compile(pattern, flags), resolver, tuple(on.split()), lowered, frozenset(needs.split())))
        return resolver

    return register


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return cal.MONTH_NAMES.get(key) or cal.MONTH_NAMES[key[:3]]


def day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


CLOCK_ZONES = "GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|JST|HKT|SGT"
CLOCK_ZONE_RE = re.compile(rf"\s*(?:{CLOCK_ZONES}|hrs|hours|local)\b", re.IGNORECASE)  # "2030 gmt" too


def _is_clock_time(digits: str, ctx: Context, end: int) -> bool:
    """"at 1600 GMT", "votes at 1615": a 24-hour time, as wire copy writes it."""
    if int(digits[2:]) > 59 or int(digits[:2]) > 23:
        return False
    if CLOCK_ZONE_RE.match(ctx.text, end):
        return True
    return ctx.anchor is not None and abs(ctx.anchor.year - int(digits)) > 100


def _year_of_month(ctx: Context, month: int, day: int, direction: int) -> int | None:
    """The year of month/day nearest the article date, looking forward or back when
    the words around it say which."""
    if ctx.anchor is None:
        return None
    return _year_near(ctx.anchor, month, day, direction)


def _year_near(anchor: date, month: int, day: int, direction: int) -> int:
    if direction:
        return cal.month_near(anchor, month, direction)
    return cal.nearest_year(anchor, month, day)


ENDED_BEFORE_RE = re.compile(r"\bended\s+$")


def _month_day_direction(m: re.Match, ctx: Context) -> int:
    """Past-tense words around a day seldom move it back a year ("said on March 3"), but
    a period "ended March 31" is over."""
    if ENDED_BEFORE_RE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return -1
    return max(ctx.direction(m.start(), m.end()), 0)


def _year_of_day(m: re.Match, ctx: Context, month: int, day: int) -> int | None:
    """The year of a month and day with no year, as the words around the match say."""
    return _year_of_month(ctx, month, min(day, 28), _month_day_direction(m, ctx))


def _day_number(written: str) -> int:
    return int(written.rstrip("stndrh"))  # "1st", "22nd", "3rd", "4th"


def _weekday_by_tense(m: re.Match, ctx: Context, anchor: date, weekday: int) -> date:
    """The weekday the match names, ahead if the words around it speak of the future, else back."""
    return cal.weekday_near(anchor, weekday, 1 if ctx.direction(m.start(), m.end()) > 0 else -1)


def _date_value(year: int | None, month: int, day: int | None) -> str | None:
    if day is not None and year is not None and day_or_none(year, month, day) is None:
        return None
    y = f"{year:04d}" if year is not None else "XXXX"
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


# --- absolute dates ---------------------------------------------------------------

@rule(rf"\b(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b", on="year")
def _iso(m: re.Match, ctx: Context) -> Resolved:
    value = _date_value(int(m["y"]), int(m["m"]), int(m["d"]))
    return ("DATE", value) if value else None


@rule(
    rf"\b(?:{WEEKDAY},?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?(?!\s*[%$\d])(?!,\d)\b(?:{PART_OF_DAY})?",
    on="month",
)
def _month_day(m: re.Match, ctx: Context) -> Resolved:
    month, day = _month(m["month"]), _day_number(m["day"])
    if not m["year"] and (range_year := DAY_RANGE_YEAR_RE.match(ctx.text, m.end())):
        return at_part_of_day(m, _date_value(int(range_year[1]), month, day) or "")  # "Oct. 3-4, 1986"
    year = int(m["year"]) if m["year"] else _year_of_day(m, ctx, month, day)
    value = _date_value(year, month, day)
    if value and year is not None:
        ctx.refer_to(date(year, month, day), m.end())
    return at_part_of_day(m, value) if value else None


SPELLED_DAYS = {word: n for n, word in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split(), 1)}
SPELLED_DAYS.update({word: n for n, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)})
SPELLED_DAYS.update({"thirty": 30, "thirtieth": 30, "thirty-one": 31, "thirty-first": 31})
SPELLED_DAYS.update({f"twenty-{word}": 20 + n for word, n in list(SPELLED_DAYS.items()) if n < 10})


@rule(
    rf"\b(?:(?P<rel>on|by|until|from|before|after|since)\s+)?(?P<month>{FULL_MONTH})\s+"
    rf"(?P<word>(?:twenty-|thirty-)?(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|"
    rf"sixth|seventh|eighth|ninth)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    rf"nineteen|twenty|thirty|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    rf"eighteenth|nineteenth|twentieth|thirtieth)\b(?![\s-]+(?:day|week|month|year|hundred|thousand|million)s?\b)",
    on="month",
)
def _month_spelled_day(m: re.Match, ctx: Context) -> Resolved:
    """"beginning on October one": a day written in words."""
    if m["month"] in ("May", "March") and not m["rel"]:
        return None
    month, day = _month(m["month"]), SPELLED_DAYS.get(m["word"].lower())
    if day is None or ctx.anchor is None:
        return None
    value = _date_value(_year_of_day(m, ctx, month, day), month, day)
    return ("DATE", value) if value else None


DAY_RANGE_YEAR_RE = re.compile(rf"\s*[-–]\s*{DAY},?\s+({YEAR})\b")


@rule(rf"\b(?P<day>{DAY})\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?\b", on="month")
def _day_month(m: re.Match, ctx: Context) -> Resolved:
    return _month_day(m, ctx)


@rule(
    rf"\b(?:(?P<mod>early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)?"
    rf"(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR})\b",
    on="month",
)
def _month_year(m: re.Match, ctx: Context) -> Resolved:
    return ("DATE", cal.month_value(int(m["year"]), _month(m["month"])))


@rule(rf"\b(?P<month>{FULL_MONTH})\s+(?P<rel>last|this|next)\s+year\b", on="month", needs="year")
def _month_relative_year(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["rel"]]
    return ("DATE", cal.month_value(ctx.anchor.year + step, _month(m["month"])))


SPELLED_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
SPELLED_TEENS = {
    w: i + 10
    for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())
}
SPELLED_TENS = {w: (i + 2) * 10 for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
TENS_WORD = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
TWO_DIGITS = (
    rf"(?:{TENS_WORD}(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
    rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)


def _spelled_two_digits(words: str) -> int:
    total = 0
    for word in re.split(r"[\s-]+", words.lower()):
        total += SPELLED_TEENS.get(word, SPELLED_TENS.get(word, SPELLED_UNITS.get(word, 0)))
    return total


@rule(
    rf"\b(?:(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of\s+)?(?:(?P<month>{FULL_MONTH})\s+)?(?:(?:the\s+)?year\s+)?(?:(?P<century>nineteen|eighteen)\s+(?P<rest>{TWO_DIGITS})|two\s+thousand(?:\s+(?:and\s+)?(?P<small>one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
    re.IGNORECASE,
    on="spelled",
)
def _spelled_year(m: re.Match, ctx: Context) -> Resolved:
    if m["century"]:
        year = (19 if m["century"].lower() == "nineteen" else 18) * 100 + _spelled_two_digits(m["rest"])
    else:
        year = 2000 + (SPELLED_UNITS.get((m["small"] or "zero").lower()) or (10 if m["small"] else 0))
    if m["month"]:
        return ("DATE", cal.month_value(year, _month(m["month"])))
    if m["season"]:
        return ("DATE", f"{year:04d}-{cal.SEASONS[m['season'].lower()]}")
    return ("DATE", f"{year:04d}")


@rule(
    rf"\b(?:(?P<rel>(?i:last|this|next|early|late|mid|end|in|since|until|by|through|from|before|after|during|of))(?P<gap>[\s-]+))?(?P<month>{FULL_MONTH}|Sept?\.|Oct\.|Nov\.|Dec\.|Jan\.|Feb\.|Aug\.)(?!\s+\d)(?![\w-])(?![’'](?!s\b))",
    on="month",
)
def _month_alone(m: re.Match, ctx: Context) -> Resolved:
    rel = (m["rel"] or "").lower()
    name = m["month"]
    # A delivery or contract month in a market report ("June/July shipment", "May cocoa")
    # is always the coming one.
    traded = bool(TRADED_MONTH_AFTER_RE.match(ctx.text, m.end()) or MONTH_PAIR_BEFORE_RE.search(
        ctx.text, max(0, m.start() - 10), m.start()))
    if traded and ctx.anchor is not None:
        month = _month(name)
        return ("DATE", cal.month_value(cal.month_near(ctx.anchor, month, 1), month))
    if name in ("May", "March") and rel not in (
        "last",
        "this",
        "next",
        "early",
        "late",
        "mid",
        "in",
        "since",
        "until",
        "by",
        "of",
    ):
        return None  # "May" and "March" alone are more often a verb or a name
    month = _month(name)
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{month:02d}")
    if rel == "last":
        year = ctx.anchor.year - 1 if month >= ctx.anchor.month else ctx.anchor.year
    elif rel == "next":
        year = ctx.anchor.year + 1 if month <= ctx.anchor.month else ctx.anchor.year
    elif rel == "this":
        year = ctx.anchor.year
    else:
        direction = ctx.direction(m.start(), m.end())
        if rel in ("until", "by", "through") and direction == 0:
            direction = 1  # "loans through January", "talks to conclude by May": the coming one
        year = _year_near(ctx.anchor, month, 15, direction)
    return ("DATE", cal.month_value(year, month))


@rule(
    rf"\b(?:(?:fiscal|calendar|(?:the\s+)?(?:end|beginning|start|middle|spring|summer|fall|autumn|winter)\s+of|early|late|mid)[\s-]+)?(?:the\s+)?(?P<year>{YEAR})"
    rf"(?:\s+(?:period|season|fiscal year))?(?![\d,.]\d|\s*%|\s*-\s*(?!(?:\d\d|\d{{4}})\b)\d|[’']?s\b|\s+{COUNTED})",
    on="year",
)
def _year(m: re.Match, ctx: Context) -> Resolved:
    before = ctx.text[max(0, m.start() - 2) : m.start()]
    if "$" in before or re.search(r"\d[,.]?$", before):
        return None
    if _is_clock_time(m["year"], ctx, m.end()):
        return None
    if m[0] == m["year"] and (_in_table_row(ctx.text, m.start(), m.end()) or not _is_a_year(m, ctx)):
        return None
    after = RANGE_AFTER_RE.match(ctx.text, m.end())
    if after and not 0 < range_end(m["year"], after[1]) - int(m["year"]) <= 20:
        return None  # "2001-2345" is a code, not a range of years
    text = m[0].lower()
    ctx.name_year(int(m["year"]), m.end())
    if (season := re.search(r"(spring|summer|fall|autumn|winter) of", text)) is not None:
        return ("DATE", f"{m['year']}-{cal.SEASONS[season[1]]}")
    return ("DATE", m["year"])


RANGE_AFTER_RE = re.compile(r"\s*[-–/]\s*(\d{4}|\d{2})\b")


def range_end(first: str, digits: str) -> int:
    """The year a range "1998-99" or "2001-2003" ends in."""
    start = int(first)
    if len(digits) == 4:
        return int(digits)
    year = start - start % 100 + int(digits)
    return year + 100 if year <= start else year  # "1999-00"


YEAR_WORD_BEFORE_RE = re.compile(
    r"(?:\b(?:in|since|by|until|till|of|from|to|through|during|before|after|for|between|and|or|early|late|mid|"
    r"year|years|fiscal|calendar|crop|season|matures?|maturing|due|expires?|expiring|the|a|an|its|their|his|her|our|end|beginning|start|around|about|than|spring|summer|fall|autumn|"
    r"winter|quarter|half|half-year|first|second|third|fourth)|[(/-])\s*$",
    re.IGNORECASE,
)
CODE_BEFORE_RE = re.compile(r"(?:\b(?:No|Nos|Flight|flight|Route|route|Room|room|Model|model|Item|item|"
                              r"Code|code|Section|section|Form|form|Rule|rule)\.?|#)\s+$")
TICKER_BEFORE_RE = re.compile(r"\b[A-Z]{2,6}\s+$")
SAME_TIME_YEARS = 3  # a year this near the article's, after a word in capitals, is still a year
PLAUSIBLE_YEARS = 25  # a bare year this far from the article's is named, not counted


def _is_a_year(m: re.Match, ctx: Context) -> bool:
    """A bare four-digit number is a year only with date evidence around it: a preposition
    or a year word before it, a range, or a year near the article's, and no code word
    before it ("PPN 2058" and "No. 1990" are names; "in 2058" and "1986/87" are years)."""
    start = m.start("year")
    before = ctx.text[max(0, start - 24) : start]
    if CODE_BEFORE_RE.search(before):
        return False
    if YEAR_WORD_BEFORE_RE.search(before) or RANGE_AFTER_RE.match(ctx.text, m.end()):
        return True
    if ctx.anchor is None:
        return False
    distance = abs(int(m["year"]) - ctx.anchor.year)
    if TICKER_BEFORE_RE.search(before):  # "(NRKX 2024)"; but "QUOTA 1987" heads a table of this year
        return distance <= SAME_TIME_YEARS
    return distance <= PLAUSIBLE_YEARS


TABLE_NUMBER_RE = re.compile(r"\d[\d,./-]*")  # 1,250 and 106-1/4 are one number each
TABLE_WORD_RE = re.compile(r"[^\W\d_]{2,}")
PROSE_WORD_RE = re.compile(r"\b[a-z]{2,}\b")  # a line of a table has labels, not "to" or "and"
TABLE_REACH = 80  # characters each way: an article may be one long line


def _in_table_row(text: str, start: int, end: int) -> bool:
    """A line of mostly numbers and no words in lower case ("T 1405 1755(1430 1695)   E 2200
    2295(2190 2295)") is a row of a table: a four-digit number in it is a figure, not a year."""
    floor = max(0, start - TABLE_REACH)
    line_start = max(floor, text.rfind("\n", floor, start) + 1)
    line_end = text.find("\n", end, end + TABLE_REACH)
    line = text[line_start : line_end if line_end >= 0 else end + TABLE_REACH]
    numbers = len(TABLE_NUMBER_RE.findall(line))
    return numbers >= 3 and numbers > len(TABLE_WORD_RE.findall(line)) and not PROSE_WORD_RE.search(line)


@rule(r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<decade>1[6-9]\d0|20[0-9]0)[’']?s\b", on="year")
def _decade(m: re.Match, ctx: Context) -> Resolved:
    return ("DATE", m["decade"][:3])


@rule(r"\b(?:the\s+)?[’'](?P<decade>[2-9]0)s\b", on="decade")
def _short_decade(m: re.Match, ctx: Context) -> Resolved:
    return ("DATE", "19" + m["decade"][0])


# --- deictic words ----------------------------------------------------------------

DEICTIC = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
}
REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF", "the near future": "FUTURE_REF", "the coming years": "FUTURE_REF",
}


@rule(
    r"\b(?:(?:early|late|earlier|later)\s+)?(?P<word>today(?![’']s)|yesterday|tomorrow|tonight)(?:[’']s)?\b(?:"
    + PART_OF_DAY
    + ")?",
    re.IGNORECASE,
    on="deictic",
)
def _deictic(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    day = cal.add_days(ctx.anchor, DEICTIC[m["word"].lower()])
    ctx.refer_to(day, m.end())
    return at_part_of_day(m, cal.day_value(day))


@rule(
    r"\b(?:(?:in\s+)?the\s+(?:near\s+)?future|the\s+coming\s+years|(?:in\s+)?the\s+past|at\s+present|these\s+days|nowadays|currently|current|recently|lately|now)\b(?![’']s)",
    re.IGNORECASE,
    on="ref",
)
def _ref(m: re.Match, ctx: Context) -> Resolved:
    word = re.sub(r"^in\s+", "", " ".join(m[0].lower().split()))
    if word == "the past" and re.match(
        r"\s+(?:\w+\s+)?(?:year|month|week|day|decade)s?\b", ctx.text[m.end() : m.end() + 40]
    ):
        return None  # "the past two years" is a duration, handled elsewhere
    if word == "now" and re.match(r"\s+that\b", ctx.text[m.end() : m.end() + 40]):
        return None
    if word in ("current", "future") and ADJECTIVE_USE_RE.match(ctx.text, m.end()):
        return None  # "the current system", "future quarters": describing a noun, not a time
    if ctx.text[m.end() : m.end() + 1] == "-":
        return None  # "recently-built"
    if word == "now" and ctx.text[m.end() : m.end() + 1] == "," and starts_sentence(ctx.text, m.start()):
        return None  # "Now, he says ..." is a discourse marker, not a time
    return ("DATE", REFS.get(word, REFS.get(word.replace("in the", "the"), "PRESENT_REF")))


COMMODITIES = (
    r"shipments?|delivery|deliveries|loading|arrivals?|positions?|futures|contracts?|options|cocoa|coffee|sugar|"
    r"soybeans?|soyoil|soymeal|soybean\s+(?:oil|meal)|wheat|corn|maize|cotton|crude|gasoline|heating\s+oil|"
    r"gold|silver|platinum|copper|aluminium|aluminum|tin|zinc|nickel|cattle|hogs|pork\s+bellies|bellies|"
    r"oats|barley|rapeseed|palm\s+oil|rubber|orange\s+juice|lumber|t-bonds|bonds|deutsche\s+marks|yen|sterling"
)
TRADED_MONTH_AFTER_RE = re.compile(rf"(?:\s*/\s*{MONTH})?\s+(?:{COMMODITIES})\b|\s*/\s*{MONTH}\b", re.IGNORECASE)
MONTH_PAIR_BEFORE_RE = re.compile(rf"\b{MONTH}\s*/\s*$")
ADJECTIVE_USE_RE = re.compile(r"[ \t]+(?!(?:and|or|but|is|are|was|were|will|to|of|in|at)\b)[a-z]")


# --- weekdays ---------------------------------------------------------------------

@rule(
    rf"\b(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<wd>{WEEKDAY})(?:[’']s)?(?:{PART_OF_DAY})?\b(?!,?\s+{MONTH}\s+\d)",
    on="weekday",
)
def _weekday(m: re.Match, ctx: Context) -> Resolved:
    weekday = cal.WEEKDAY_NAMES[m["wd"].lower()]
    if ctx.anchor is None:
        return ("DATE", "XXXX-XX-XX")
    rel = (m["rel"] or "").lower()
    if rel in ("next", "coming"):
        day = cal.weekday_near(cal.add_days(ctx.anchor, 1), weekday, +1)
    elif rel in ("last", "past"):
        day = cal.weekday_near(cal.add_days(ctx.anchor, -1), weekday, -1)
    else:
        day = _weekday_by_tense(m, ctx, ctx.anchor, weekday)
    ctx.refer_to(day, m.end())
    return at_part_of_day(m, cal.day_value(day))


# --- relative units: last week, this month, next year, a year ago ----------------

# "over the past week", "during the coming month": a stretch of time, not a date.
OVER_BEFORE_RE = re.compile(r"\b(?:over|during|for|within|throughout|in)\s+(?:the\s+)?$", re.IGNORECASE)

@rule(
    rf"\b(?:(?P<mod>earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+rest\s+of|the\s+middle\s+of)[\s-]+)?(?P<rel>{RELATIVE})\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>{UNIT}|spring|summer|fall|autumn|winter)(?:[’']s)?\b",
    re.IGNORECASE,
    on="days weeks weekends months years quarters decades seasons",
)
def _relative_unit(m: re.Match, ctx: Context) -> Resolved:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if ctx.anchor is None:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    anchor = ctx.anchor
    if rel == "previous":  # "the week ended March 7 ... the previous week": before the day the text named
        reference = ctx.reference_near(m.start())
        if reference is None:
            return None  # no day to count back from: no date rather than a wrong one
        anchor = reference
    if rel in ("past", "coming") and OVER_BEFORE_RE.search(ctx.text, max(0, m.start() - 16), m.start()):
        return ("DURATION", f"P1{unit[0].upper()}" if unit in ("day", "week", "month", "year") else "P10Y"
                if unit == "decade" else "P3M" if unit == "quarter" else "P2D" if unit == "weekend" else "P3M")
    if unit == "day":
        return ("DATE", cal.day_value(cal.add_days(anchor, step)))
    if unit in ("week", "weekend"):
        value = cal.week_value(cal.add_days(anchor, 7 * step))
        return ("DATE", value + ("-WE" if unit == "weekend" else ""))
    if unit == "month":
        shifted = cal.shift_months(anchor, step)
        return ("DATE", cal.month_value(shifted.year, shifted.month))
    if unit == "year":
        return ("DATE", f"{anchor.year + step:04d}")
    if unit == "decade":
        return ("DATE", f"{anchor.year // 10 + step:03d}")
    if unit == "quarter":
        index = anchor.year * 4 + cal.quarter_of(anchor) - 1 + step
        value = f"{index // 4:04d}-Q{index % 4 + 1}"
        ctx.quarter_focus = value
        return ("DATE", value)
    season = cal.SEASONS[unit]
    season_year = anchor.year + step
    if step < 0 and cal.SEASON_START_MONTH[season] > anchor.month:
        season_year = anchor.year - 1
    if step == 0 or (step < 0 and cal.SEASON_START_MONTH[season] <= anchor.month - 3):
        season_year = anchor.year if step == 0 else season_year
    return ("DATE", f"{season_year:04d}-{season}")


@rule(
    rf"\b(?P<n>{NUMBER})\s+(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|before|later|from\s+now|hence)\b",
    re.IGNORECASE,
    on="days weeks months years decades",
    needs="ago earlier before later now hence",
)
def _ago(m: re.Match, ctx: Context) -> Resolved:
    n = NUMBER_WORDS.get(m["n"].lower()) if not m["n"].isdigit() else int(m["n"])
    unit = m["unit"].lower()
    if ctx.anchor is None or n is None:
        return None
    direction = m["dir"].lower()
    if direction in ("later", "before") or direction == "earlier" and unit in ("day", "week"):
        # "three days later": counted from the day the text last named, if it named one
        reference = ctx.reference_near(m.start())
        if reference is None or unit not in ("day", "week") or direction == "before":
            return None
        days = n * (7 if unit == "week" else 1) * (1 if direction == "later" else -1)
        return ("DATE", cal.day_value(cal.add_days(reference, days)))
    sign = -1 if direction in ("ago", "earlier") else 1
    named_year = ctx.year_named_near(m.start())
    if unit == "year" and direction == "earlier" and ctx.quarter_focus is None and named_year is not None:
        return ("DATE", f"{named_year - n:04d}")  # "output in 1985 rose from a year earlier": 1984
    if unit == "year" and n == 1 and ctx.quarter_focus:
        return ("DATE", cal.shift_value(ctx.quarter_focus, sign))
    if unit == "day":
        return ("DATE", cal.day_value(cal.add_days(ctx.anchor, sign * n)))
    if unit == "week":
        return ("DATE", cal.week_value(cal.add_days(ctx.anchor, sign * 7 * n)))
    if unit == "month":
        shifted = cal.shift_months(ctx.anchor, sign * n)
        return ("DATE", cal.month_value(shifted.year, shifted.month))
    if unit == "decade":
        return ("DATE", f"{ctx.anchor.year // 10 + sign * n:03d}")
    return ("DATE", f"{ctx.anchor.year + sign * n:04d}")


# --- quarters and halves ------------------------------------------------------------

@rule(
    rf"\b(?:(?P<this>(?:this|last|next)\s+year[’']s|the\s+year-(?:ago|earlier))\s+|the\s+|(?P<lead_year>{YEAR})\s+)?(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|latter|back|final)[\s-]+(?:fiscal\s+)?(?P<unit>quarter|qtr|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{YEAR}))?\b",
    re.IGNORECASE,
    on="quarters halves",
)
def _quarter(m: re.Match, ctx: Context) -> Resolved:
    ordinal = m["ord"].lower()
    n = cal.ORDINALS.get(ordinal) or (2 if m["unit"].lower() == "half" else 4)  # last, latter, back
    if m["unit"].lower() == "half" and n > 2 or n > 4:
        return None
    letter = "H" if m["unit"].lower() == "half" else "Q"
    if m["year"] or m["lead_year"]:
        year = int(m["year"] or m["lead_year"])  # "the fourth quarter of 1986", "1986 4th qtr"
    elif ctx.anchor is None:
        return ("DATE", f"XXXX-{letter}{n}")
    else:
        year = ctx.anchor.year
        first_month = (n - 1) * (3 if letter == "Q" else 6) + 1
        if m["this"] and m["this"].lower().startswith(("last", "the")):
            year -= 1
        elif m["this"] and m["this"].lower().startswith("next"):
            year += 1
        elif not m["this"] and first_month > ctx.anchor.month and ctx.direction(m.start(), m.end()) <= 0:
            year -= 1  # "fourth quarter" profit in a February report: the quarter just ended
    value = f"{year:04d}-{letter}{n}"
    if letter == "Q":
        ctx.quarter_focus = value
    return ("DATE", value)


@rule(
    rf"\bthe\s+(?P<year>{YEAR})\s+(?:(?P<ord>first|second|third|fourth)\s+)?(?:fiscal\s+)?(?P<unit>quarter|period)\b",
    re.IGNORECASE,
    on="year",
    needs="quarter period",
)
def _year_quarter(m: re.Match, ctx: Context) -> Resolved:
    if m["ord"]:
        value = f"{m['year']}-Q{cal.ORDINALS[m['ord'].lower()]}"
    elif ctx.quarter_focus:
        value = m["year"] + ctx.quarter_focus[4:]
    else:
        return ("DATE", m["year"])
    ctx.quarter_focus = value
    return ("DATE", value)


@rule(rf"\bthe\s+week\s+of\s+(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?\b", on="month", needs="week")
def _week_of(m: re.Match, ctx: Context) -> Resolved:
    resolved = _month_day(m, ctx)
    if resolved is None or resolved[1].startswith("X"):
        return resolved
    return ("DATE", cal.week_value(date.fromisoformat(resolved[1])))


SEASON_MIDDLE = {"SP": (4, 0), "SU": (7, 0), "FA": (10, 0), "WI": (1, -1)}  # winter 2018 ends in 2019


@rule(
    r"\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?P<season>spring|summer|autumn|winter)\b(?!\s+of\b)",
    re.IGNORECASE,
    on="seasons",
)
def _the_season(m: re.Match, ctx: Context) -> Resolved:
    """"the summer" with no year: the last or the next one when the words around it say
    which, else the one nearest the article date (the past first)."""
    if ctx.anchor is None:
        return None
    season = cal.SEASONS[m["season"].lower()]
    direction = ctx.direction(m.start(), m.end())
    if direction:
        return ("DATE", f"{cal.month_near(ctx.anchor, cal.SEASON_START_MONTH[season], direction)}-{season}")
    month, year_offset = SEASON_MIDDLE[season]
    return ("DATE", f"{cal.nearest_year(ctx.anchor, month) + year_offset}-{season}")


@rule(r"\b(?:the|this|last|next)\s+weekend\b", re.IGNORECASE, on="weekends")
def _weekend(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    word = m[0].split()[0].lower()
    if word in ("last", "next"):
        shift = -7 if word == "last" else 7
    elif ctx.anchor.weekday() >= 4 or ctx.direction(m.start(), m.end()) > 0:
        shift = 0  # from Friday on, or speaking of the future: this week's weekend
    else:
        shift = -7  # early in the week: the weekend just gone
    return ("DATE", cal.week_value(cal.add_days(ctx.anchor, shift)) + "-WE")


@rule(
    r"\b(?:Christmas(?: Day| Eve)?|New Year[’']s (?:Day|Eve)|Independence Day|"
    r"Halloween|Valentine[’']s Day|Thanksgiving(?: Day)?)\b",
    on="holiday",
)
def _holiday(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    name = m[0].lower().replace("’", "'")
    if name.startswith("thanksgiving"):
        days = [
            date(y, 11, 1) + cal.relativedelta(weekday=cal.WEEKDAYS[3](+4))
            for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)
        ]
        return ("DATE", min(days, key=lambda d: abs((d - ctx.anchor).days)).isoformat())
    month, day_of_month = FIXED_HOLIDAYS[name]
    return ("DATE", date(cal.nearest_year(ctx.anchor, month, day_of_month), month, day_of_month).isoformat())


@rule(
    r"\bthe\s+(?:(?P<which>latest|year-ago|year-earlier|same|comparable|fiscal|recent)\s+)?(?P<unit>quarter|period)\b",
    re.IGNORECASE,
    on="quarters periods",
)
def _the_quarter(m: re.Match, ctx: Context) -> Resolved:
    which = (m["which"] or "").lower()
    if m["unit"].lower() == "period" and not which:
        return None
    if which == "latest" and ctx.anchor is not None:
        index = ctx.anchor.year * 4 + cal.quarter_of(ctx.anchor) - 2
        return ("DATE", f"{index // 4:04d}-Q{index % 4 + 1}")
    if ctx.quarter_focus:
        focus = ctx.quarter_focus
    elif ctx.anchor is not None and m["unit"].lower() == "quarter":
        index = ctx.anchor.year * 4 + cal.quarter_of(ctx.anchor) - 2
        focus = f"{index // 4:04d}-Q{index % 4 + 1}"
    else:
        return None
    if which in ("year-ago", "year-earlier", "same", "comparable"):
        return ("DATE", cal.shift_value(focus, -1))
    return ("DATE", focus)


@rule(
    r"\b(?:the\s+)?(?:year-earlier|year-ago)\b|\bthe\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)\b",
    re.IGNORECASE,
    on="years",
    needs="ago earlier",
)
def _year_ago(m: re.Match, ctx: Context) -> Resolved:
    if ctx.quarter_focus:
        return ("DATE", cal.shift_value(ctx.quarter_focus, -1))
    if ctx.anchor is None:
        return None
    return ("DATE", f"{ctx.anchor.year - 1:04d}")


@rule(
    r"\b(?:(?P<mod>earlier|later|early|late)\s+)?the\s+(?:full\s+|whole\s+)?year\b(?!\s+(?:before|after|earlier|ago|to|that|in|of|when|ended|ending|beginning|starting|which))",
    re.IGNORECASE,
    on="years",
)
def _the_year(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    return ("DATE", f"{ctx.anchor.year:04d}")


@rule(
    r"\b(?:the\s+)?(?:following|next)\s+(?P<unit>day|morning|evening|night)\b"
    # "the day before" alone; "Oct. 12, the day before the plunge" is Oct. 12 itself
    r"|\bthe\s+day\s+(?P<when>before|after)\b(?=\s*(?:[,.;:)]|$))",
    re.IGNORECASE,
    on="days parts",
)
def _following_day(m: re.Match, ctx: Context) -> Resolved:
    """"The following day", "the day before": a day from the one the text last named."""
    reference = ctx.reference_near(m.start())
    if reference is None:
        return None
    back = (m["when"] or "").lower() == "before"
    day = cal.add_days(reference, -1 if back else 1)
    unit = (m["unit"] or "day").lower()
    return ("DATE", cal.day_value(day) + (f"T{PART_CODES[unit]}" if unit != "day" else ""))


@rule(r"\bthe\s+following\s+(?P<unit>week|month|year)\b", re.IGNORECASE, on="weeks months years")
def _following_period(m: re.Match, ctx: Context) -> Resolved:
    """"On May 22, 1995, ... and the following year": the week, month or year after the
    day (or the year) the text last named; without one, no date rather than a guess."""
    unit = m["unit"].lower()
    reference = ctx.reference_near(m.start())
    if reference is None:
        year = ctx.year_named_near(m.start())
        return ("DATE", f"{year + 1:04d}") if unit == "year" and year is not None else None
    if unit == "week":
        return ("DATE", cal.week_value(cal.add_days(reference, 7)))
    if unit == "month":
        year, month = divmod(reference.year * 12 + reference.month, 12)  # the month after, 1-based
        return ("DATE", cal.month_value(year, month + 1))
    return ("DATE", f"{reference.year + 1:04d}")


# --- times of day -----------------------------------------------------------------

@rule(
    r"\b(?:(?P<rel>this|tomorrow|yesterday|last|early\s+this|late\s+this|later\s+this)\s+)"
    r"(?P<part>morning|afternoon|evening|night)\b|\b(?:mid[\s-]?)(?P<mid>morning|afternoon|day)\b",
    re.IGNORECASE,
    on="parts",
)
def _part_of_day(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    # Not "overnight": more often "can't attain that status overnight" than a night.
    rel = (m["rel"] or "").lower()
    if m["mid"]:
        mid = m["mid"].lower()
        return ("TIME", f"{cal.day_value(ctx.anchor)}" + ("T12:00" if mid == "day" else f"T{PART_CODES[mid]}"))
    part = m["part"].lower()
    if rel == "last" and part != "night":
        return None  # "last morning" is not said of a day
    shift = -1 if rel in ("yesterday", "last") else 1 if rel == "tomorrow" else 0
    day = cal.add_days(ctx.anchor, shift)
    return ("TIME", f"{cal.day_value(day)}T{PART_CODES[part]}")


CLOCK = r"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?"


@rule(
    rf"\b(?:(?:about|around|at|by|until|before|after)\s+)?(?:{CLOCK}|(?P<word>noon|midnight|midday))"
    rf"(?:\s+(?:{CLOCK_ZONES}))?(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY.lower()}|today|yesterday|tomorrow)|(?P<month>{MONTH})\s+(?P<day>{DAY})\b))?(?!\w)",
    re.IGNORECASE,
    on="clock",
)
def _clock_time(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    word = (m["word"] or "").lower()
    if word:
        hour, minute = (24 if word == "midnight" else 12), 0
    else:
        hour, minute = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0), int(m["min"] or 0)
    named = (m["wd"] or "").lower()
    if m["month"]:
        month, day_of_month = _month(m["month"]), _day_number(m["day"])
        value = _date_value(_year_of_day(m, ctx, month, day_of_month), month, day_of_month)
        return ("TIME", f"{value}T{hour:02d}:{minute:02d}") if value else None
    if named in DEICTIC:
        day = cal.add_days(ctx.anchor, DEICTIC[named])
    elif named:
        day = _weekday_by_tense(m, ctx, ctx.anchor, cal.WEEKDAY_NAMES[named])
    else:
        day = ctx.anchor  # a time with no day is the article's day (TimeML's convention)
    return ("TIME", f"{cal.day_value(day)}T{hour:02d}:{minute:02d}")


# --- durations and sets (typed, so they do not count as dates) ----------------------

@rule(
    rf"\b(?:(?:the\s+)?(?:past|last|next|first|coming)\s+)?(?P<n>{NUMBER}|\d+(?:\.\d+)?)[\s-]+(?P<unit>second|minute|hour|day|week|month|year|decade|century)s?(?:[\s-]+long)?\b(?!\s+(?:ago|earlier|before|later|from))",
    re.IGNORECASE,
    on="clock days weeks months years decades centuries",
)
def _duration(m: re.Match, ctx: Context) -> Resolved:
    raw = m["n"].lower()
    unit = m["unit"].lower()
    if AGE_AFTER_RE.match(ctx.text, m.end()):
        return None  # "a 30-year-old", "37 years old": an age, not a time
    if raw in ("a", "an") and unit == "second":
        return None  # "a second round"
    if raw in ("a", "an") and RATE_BEFORE_RE.search(ctx.text, max(0, m.start() - 24), m.start()):
        return ("SET", f"P1{unit[0].upper()}" if unit not in ("second", "minute", "hour") else f"PT1{unit[0].upper()}")
    if re.fullmatch(YEAR, raw) and unit == "year" and m[0].lower().startswith(raw):
        return ("DATE", raw)  # "the 1987 year"
    n: int | str = NUMBER_WORDS.get(raw, "X") if not raw[0].isdigit() else raw
    if unit in ("second", "minute", "hour"):
        return ("DURATION", f"PT{n}{unit[0].upper()}")
    if unit in ("decade", "century"):  # TIMEX3 has no decade or century unit: years
        years = 10 if unit == "decade" else 100
        return ("DURATION", f"P{_times(n, years)}Y")
    return ("DURATION", f"P{n}{unit[0].upper()}")


# An amount before "a year" makes it a rate: "$1.76 a year", "four flights a week".
RATE_BEFORE_RE = re.compile(r"(?:\d|\b(?:million|billion|mln|bln|pct|percent|times|once|twice|hours|days|flights|"
                            r"shares|dlrs|dollars|cents|tonnes|tons|barrels))\s+$", re.IGNORECASE)
AGE_AFTER_RE = re.compile(r"[\s-]+old\b|-olds?\b", re.IGNORECASE)


def _times(n: int | str, factor: int) -> str:
    """n times factor, for a count that may be a number, a decimal or unknown (X)."""
    try:
        return f"{float(n) * factor:g}"
    except ValueError:
        return "X"


@rule(
    r"\b(?:daily|weekly|monthly|annually|yearly|quarterly|hourly|(?:every|each)\s+(?:day|week|month|year|quarter))\b",
    re.IGNORECASE,
    on="set",
)
def _set(m: re.Match, ctx: Context) -> Resolved:
    word = m[0].lower()
    if not word.startswith("every") and (
        ADJECTIVE_BEFORE_RE.search(ctx.text, max(0, m.start() - 12), m.start())
        or NOUN_AFTER_RE.match(ctx.text, m.end())
    ):
        return None  # "its quarterly dividend", "average daily volume": an adjective
    if word == "hourly":
        return ("SET", "PT1H")
    if word.endswith("quarter"):
        return ("SET", "P1Q")
    unit = (
        "D"
        if "da" in word
        else "W"
        if "week" in word
        else "M"
        if "month" in word
        else "Q"
        if "quarter" in word
        else "Y"
    )
    return ("SET", f"P1{unit}" if unit != "Q" else "P3M")


VAGUE_UNITS = {"minute": "TXM", "hour": "TXH", "day": "XD", "week": "XW", "month": "XM", "quarter": "XQ",
               "year": "XY", "decade": "XY", "century": "XY", "centurie": "XY"}


@rule(
    r"\b(?:(?P<the>the\s+)?(?:past|last|next|coming|recent|previous|first|early)\s+(?:few\s+|several\s+|couple\s+of\s+)?"
    r"|(?:a\s+)?(?:few|several|many|couple\s+of)\s+|(?P<over>(?:for|over|in|within|after|take|takes|took)\s+))"
    r"(?P<unit>minute|hour|day|week|month|quarter|year|decade|centurie)s\b"
    r"(?!\s+(?:ago|earlier|before|later|old|of\s+(?:the|his|her|their|its)\b))",
    re.IGNORECASE,
    on="clock days weeks months quarters years decades centuries",
)
def _vague_duration(m: re.Match, ctx: Context) -> Resolved:
    """"a few days", "recent months", "the coming weeks", "for years": how long, not when."""
    code = VAGUE_UNITS[m["unit"].lower()]
    if "couple" in m[0].lower():
        code = code.replace("X", "2")
    return ("DURATION", f"P{code}")


ORDINAL_CENTURIES = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


@rule(
    r"\b(?:the\s+)?(?:(?P<n>1[5-9]|2[01])(?:st|nd|rd|th)|(?P<word>eighteenth|nineteenth|twentieth|twenty-first))"
    r"[\s-]+century\b",
    re.IGNORECASE,
    on="centuries",
)
def _century(m: re.Match, ctx: Context) -> Resolved:
    number = int(m["n"]) if m["n"] else ORDINAL_CENTURIES[m["word"].lower()]
    return ("DATE", f"{number - 1:02d}")


@rule(
    r"\b(?:(?:the\s+)?(?P<rel>this|last|next)\s+)?(?:year[\s-]end|year[’']s\s+end)\b",
    re.IGNORECASE,
    on="years",
)
def _year_end(m: re.Match, ctx: Context) -> Resolved:
    if ctx.anchor is None:
        return None
    rel = (m["rel"] or "").lower()
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
    if not rel and ctx.anchor.month <= 2 and ctx.direction(m.start(), m.end()) < 0:
        year -= 1  # "profit at year-end" in a February report: the year just ended
    return ("DATE", f"{year:04d}-12-31")


@rule(
    rf"\b(?:{WEEKDAY},?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})\b",
    re.IGNORECASE,
    on="month",
)
def _full_date_any_case(m: re.Match, ctx: Context) -> Resolved:
    """"MONDAY, APRIL 8, 2013" in a header: a whole date, whatever its case."""
    value = _date_value(int(m["year"]), _month(m["month"]), _day_number(m["day"]))
    return ("DATE", value) if value else None


ADJECTIVE_BEFORE_RE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|your|average|first|initial|regular|"
                                 r"latest|last|next|usual|normal)\s+$", re.IGNORECASE)
# A word after it that is neither a preposition nor a conjunction: the noun it describes.
NOUN_AFTER_RE = re.compile(r"\s+(?!(?:and|or|but|in|on|at|to|for|since|through|until|by|from|with|as|over|"
                           r"during|after|before|than|basis|rate|is|are|was|were|will|would|if|when)\b)[a-z]{3,}\b")


# --- running the rules ---------------------------------------------------------------
