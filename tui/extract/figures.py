"""Figures: money, percentages and counts with their noun, each with a normalised value.

"$1.2bn" and "1,200 million dollars" both become value 1.2e9, unit "USD"; "5 pct" is value
5.0, unit "%"; "more than 150 associations" is value 150, unit "associations".
"""

from __future__ import annotations

import bisect
import re

from .records import Figure
from .tokens import lowered_text
from .vocabulary import CARDINALS

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6, "mil": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tln": 1e12, "tn": 1e12,
}
CURRENCY_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "c$": "CAD", "a$": "AUD", "hk$": "HKD",
    "nz$": "NZD", "s$": "SGD", "nt$": "TWD", "r$": "BRL", "£": "GBP", "#": "GBP", "€": "EUR",
    "¥": "JPY", "rs": "INR", "rs.": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "cny": "CNY", "rmb": "CNY", "jpy": "JPY", "chf": "CHF", "stg": "GBP", "dm": "DEM",
}
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "dlrs": "USD", "dlr": "USD", "usd": "USD",
    "cruzados": "BRC", "cruzado": "BRC", "australs": "ARA", "austral": "ARA",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "yen": "JPY", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "stg": "GBP", "francs": "FRF",
    "marks": "DEM", "lire": "ITL", "lira": "ITL", "pesos": "MXN", "rupees": "INR",
    "roubles": "RUB", "rubles": "RUB", "won": "KRW", "guilders": "NLG", "crowns": "SEK",
    "kronor": "SEK", "krona": "SEK", "kroner": "NOK", "rand": "ZAR", "ringgit": "MYR",
    "baht": "THB", "rupiah": "IDR", "dinars": "DIN", "riyals": "SAR", "shekels": "ILS",
    "cents": "USD-cent", "cts": "USD-cent", "cent": "USD-cent", "pence": "GBP-pence", "p": "GBP-pence",
}
CURRENCY_QUALIFIERS = {"canadian": "CAD", "australian": "AUD", "hong kong": "HKD",
                       "new zealand": "NZD", "singapore": "SGD", "taiwan": "TWD", "u.s.": "USD",
                       "us": "USD", "american": "USD", "swiss": "CHF", "french": "FRF",
                       "german": "DEM", "mexican": "MXN", "south african": "ZAR"}
NUMBER_WORDS: dict[str, float] = {
    **CARDINALS, "hundred": 100, "dozen": 12, "a hundred": 100, "a dozen": 12, "a thousand": 1000,
    "hundreds": 100, "thousands": 1000, "dozens": 12, "millions": 1e6, "billions": 1e9,
}
QUALIFIER = (
    r"(?:(?:more|fewer|less|higher|lower|greater)\s+than|over|under|about|around|nearly|almost|"
    r"roughly|some|at\s+least|at\s+most|up\s+to|approximately|about|an\s+estimated|as\s+many\s+as|"
    r"as\s+much\s+as|just\s+over|just\s+under|close\s+to)\s+"
)
NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# Wire copy writes prices and rates in fractions: "7-1/2 pct", "101-3/4", "5/8 pct".
FRACTION_NUM = rf"(?:\d+[- ]\d{{1,2}}/\d{{1,3}}|\d{{1,2}}/\d{{1,3}}|{NUM})"
FRACTION_RE = re.compile(r"(?:(?P<whole>\d+)[- ])?(?P<top>\d{1,2})/(?P<bottom>\d{1,3})")
WORD_NUM = r"(?:" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")"
SCALE = r"(?:thousand|million|mln|billion|bln|trillion|tln|bn|mn|tn|m|b|k)"
# Patterns below match the lower-cased text (Python's re is much faster without IGNORECASE).
SYMBOL = (
    r"(?:u\.s\.\$|us\$|c\$|a\$|hk\$|nz\$|s\$|nt\$|r\$|\$|£|€|¥|#|rs\.?\s?|(?:usd|eur|gbp|cny|rmb|jpy|chf|dm|stg)\s?)"
)
CURRENCY_WORD = r"(?:" + "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True)) + r")"
CURRENCY_QUALIFIER = (
    r"(?:(?:canadian|australian|hong\s+kong|new\s+zealand|singapore|taiwan|"
    r"u\.s\.|us|american|swiss|french|german|mexican|south\s+african)\s+)"
)

QUALIFIER_BEFORE_RE = re.compile(rf"{QUALIFIER}$")
# Where a figure can start: a number not inside another ("1,200", not its "200"; not the
# "5" of "3/5" or "A-5"), or a number word.
NUMBER_RUN_RE = re.compile(r"\d[\d.,]*")
NOT_BEFORE_NUMBER = "_.,/:-"
NUMBER_WORDS_BY_LAST: dict[str, list[str]] = {}  # "hundred" -> ["hundred", "a hundred"]
for _word in NUMBER_WORDS:
    NUMBER_WORDS_BY_LAST.setdefault(_word.split()[-1], []).append(_word)
SYMBOL_BEFORE_RE = re.compile(rf"(?<![\w.,])(?:{SYMBOL})$")
MONEY_SYMBOL_RE = re.compile(
    rf"(?P<sym>{SYMBOL})(?P<num>{NUM})(?:\s?(?P<scale>{SCALE})\b)?(?:\s+(?P<word>{CURRENCY_WORD})\b)?"
)
MONEY_WORD_RE = re.compile(
    rf"(?P<num>{FRACTION_NUM}|{WORD_NUM})(?:[\s-]+(?P<scale>thousand|million|mln|billion|bln|trillion|bn)\b)?\s+(?P<cq>{CURRENCY_QUALIFIER})?(?P<word>{CURRENCY_WORD})\b"
)
PERCENT_RE = re.compile(
    rf"(?P<num>{FRACTION_NUM}|{WORD_NUM})(?:\s*(?P<sign>%)|[\s-]+(?P<word>percentage\s+points?|per\s*cent|percent|pct|basis\s+points?)\b)"
)
COUNT_RE = re.compile(
    rf"(?P<num>{NUM}|{WORD_NUM})(?:\s+(?P<scale>thousand|million|billion|mln|bln)\b)?(?:\s+of)?\s+(?P<noun>(?:[a-z][a-z-]*\s+){{0,2}}[a-z][a-z-]*)",
)
NUMBER_GOES_ON_RE = re.compile(r"\s*(?:[-–/:]\d|\.\d)")  # "10-12", "3/4", "10:30": not a count
STOP_WORDS = {
    "of", "to", "in", "on", "at", "by", "for", "and", "or", "but", "the", "a", "an", "with",
    "from", "as", "is", "was", "are", "were", "be", "been", "that", "which", "who", "it",
    "per", "than", "more", "less", "times", "percent", "pct", "a.m.", "p.m.", "years", "year",
    "months", "month", "days", "day", "weeks", "week", "hours", "hour", "minutes", "seconds",
    "decades", "points", "point", "said", "says", "would", "will", "has", "had", "have",
}
# "the two largest economies", "the three biggest banks": a rank among things, not a count of them.
SUPERLATIVE_RE = re.compile(r"(?:[a-z]+est|best|worst|most|least)\Z")
NOT_SUPERLATIVES = {"interest", "forest", "west", "test", "rest", "chest", "protest", "contest", "request",
                    "harvest", "guest", "quest", "nest", "arrest", "honest", "modest", "manifest", "midwest"}
SINGULAR_COUNT_NOUNS = {"people", "police", "staff", "cattle", "children", "men", "women",
                        "personnel", "troops", "sheep", "fish", "aircraft", "crew", "livestock"}


def _number(raw: str) -> float | None:
    raw = raw.lower().strip()
    if raw in NUMBER_WORDS:
        return float(NUMBER_WORDS[raw])
    if "/" in raw and (fraction := FRACTION_RE.fullmatch(raw)):
        bottom = int(fraction["bottom"])
        return int(fraction["whole"] or 0) + int(fraction["top"]) / bottom if bottom else None
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _scaled(number: float, scale: str | None) -> float:
    return number * SCALES.get((scale or "").lower(), 1.0)


def _money_unit(symbol: str | None, word: str | None, currency_qualifier: str | None) -> tuple[str, float]:
    """The currency code and the factor for cents/pence."""
    unit = CURRENCY_SYMBOLS.get(symbol.strip().lower(), "USD") if symbol else None
    factor = 1.0
    if word:
        from_word = CURRENCY_WORDS[word.lower()]
        if "-" in from_word:
            from_word, factor = from_word.split("-")[0], 0.01
        unit = unit or from_word
    if currency_qualifier and unit == "USD" and not symbol:
        unit = CURRENCY_QUALIFIERS.get(" ".join(currency_qualifier.lower().split()), unit)
    return unit or "USD", factor


def find_figures(text: str, taken: list[tuple[int, int]] | None = None) -> list[Figure]:
    """Figures in the text; spans in `taken` (dates, say) are left alone."""
    taken_spans = sorted(taken or [])
    found: list[Figure] = []
    last_end = -1
    lowered, words = lowered_text(text)
    for position in _start_positions(text, lowered, words):
        if position < last_end or _inside(taken_spans, position):
            continue
        figure = _figure_at(text, lowered, position)
        if figure is None or _overlaps(taken_spans, figure.start, figure.end):
            continue
        if found and figure.start < found[-1].end:
            continue
        found.append(figure)
        last_end = figure.end
    return found


def _start_positions(text: str, lowered: str, words: frozenset[str]) -> list[int]:
    positions = []
    for match in NUMBER_RUN_RE.finditer(text):
        position = match.start()
        if position:
            before = text[position - 1]
            if before == "." and (position == 1 or not _joins_number(text[position - 2])):
                position -= 1  # ".5"
            elif before in "-–" and position > 1 and text[position - 2].isdigit():
                pass  # the high end of "5-6 pct"
            elif _joins_number(before):
                continue
        if position and text[position - 1] in "$#£€¥ ":
            if symbol := SYMBOL_BEFORE_RE.search(lowered, max(0, position - 6), position):
                position = symbol.start()
            elif text[position - 1] != " ":
                continue
        positions.append(position)
    for last_word in words.intersection(NUMBER_WORDS_BY_LAST):
        for word in NUMBER_WORDS_BY_LAST[last_word]:
            positions.extend(_word_starts(lowered, word))
    positions.sort()
    return positions


def _joins_number(character: str) -> bool:
    return character.isalnum() or character in NOT_BEFORE_NUMBER


def _word_starts(lowered: str, word: str) -> list[int]:
    """Where the word stands on its own, followed by a space."""
    starts = []
    position = lowered.find(word)
    while position >= 0:
        end = position + len(word)
        if (position == 0 or not _joins_word(lowered[position - 1])) and end < len(lowered) and lowered[end].isspace():
            starts.append(position)
        position = lowered.find(word, position + 1)
    return starts


def _joins_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    at = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect.bisect_left(spans, (end, -1))
    return at > 0 and spans[at - 1][1] > start


# The last word of each qualifier above, looked for before running QUALIFIER_BEFORE_RE.
QUALIFIER_ENDINGS = ("than", "over", "under", "about", "around", "nearly", "almost", "roughly", "some",
                     "least", "most", "to", "approximately", "estimated", "as")


def _with_qualifier(lowered: str, start: int) -> int:
    """Move the start back over "more than", "about", "nearly" and the like."""
    words_before = lowered[max(0, start - 16) : start].split()
    if not lowered[start - 1 : start].isspace() or not words_before or not words_before[-1].endswith(QUALIFIER_ENDINGS):
        return start  # most figures have none: skip the search
    match = QUALIFIER_BEFORE_RE.search(lowered, max(0, start - 30), start)
    if match and (match.start() == 0 or not lowered[match.start() - 1].isalnum()):
        return match.start()
    return start


RANGE_TO_RE = re.compile(rf"(?P<low>{FRACTION_NUM})\s*(?:to|-|–)\s*(?=\d)")
RANGE_AND_RE = re.compile(rf"(?P<low>{FRACTION_NUM})\s+and\s+(?=\d)")  # after "between"
BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$")


def _figure_at(text: str, lowered: str, position: int) -> Figure | None:
    """The figure that starts here; the low end of a range ("340 to 350 cruzados",
    "between 10 and 12 pct") is a figure of the high end's kind and unit."""
    figure = _single_figure_at(text, lowered, position)
    if figure is None and ((low := RANGE_TO_RE.match(lowered, position)) or (
            BETWEEN_BEFORE_RE.search(lowered, max(0, position - 9), position)
            and (low := RANGE_AND_RE.match(lowered, position)))):
        high = _single_figure_at(text, lowered, low.end())
        number = _number(low["low"])
        if high is not None and high.kind in ("money", "percent") and number is not None:
            high_number = MONEY_NUMBER_RE.match(lowered, low.end())
            scale = high.value / ((_number(high_number[0]) if high_number else None) or 1.0)
            return Figure(position, low.end("low"), text[position : low.end("low")], high.kind, number * scale,
                          high.unit)
    return figure


MONEY_NUMBER_RE = re.compile(FRACTION_NUM)


def _single_figure_at(text: str, lowered: str, position: int) -> Figure | None:
    # A currency symbol never starts with a digit or ".": most figures need not try one.
    if lowered[position] not in "0123456789." and (match := MONEY_SYMBOL_RE.match(lowered, position)):
        number = _number(match["num"])
        scale = match["scale"]
        if number is not None and not (
            scale and scale.lower() in ("m", "b", "k") and text[match.end() : match.end() + 1].isalpha()
        ):
            unit, factor = _money_unit(match["sym"], match["word"], None)
            return _figure(text, lowered, match, "money", _scaled(number, scale) * factor, unit)
    if match := MONEY_WORD_RE.match(lowered, position):
        number = _number(match["num"])
        if number is not None and not (match["word"].lower() == "won" and not match["scale"]):
            unit, factor = _money_unit(None, match["word"], match["cq"])
            return _figure(text, lowered, match, "money", _scaled(number, match["scale"]) * factor, unit)
    if match := PERCENT_RE.match(lowered, position):
        number = _number(match["num"])
        if number is not None:
            word = (match["word"] or "").lower()
            unit = "pp" if word.startswith("percentage") else "bp" if word.startswith("basis") else "%"
            return _figure(text, lowered, match, "percent", number, unit)
    if match := COUNT_RE.match(text, position):
        return _count(text, lowered, match)
    return None


def _figure(text: str, lowered: str, match: re.Match, kind: str, value: float, unit: str) -> Figure:
    start = _with_qualifier(lowered, match.start())
    return Figure(start, match.end(), text[start : match.end()], kind, value, unit)


def _count(text: str, lowered: str, match: re.Match) -> Figure | None:
    number = _number(match["num"])
    if number is None:
        return None
    if match["num"][0].isdigit() and NUMBER_GOES_ON_RE.match(text, match.end("num")):
        return None
    words = match["noun"].split()
    if words and SUPERLATIVE_RE.match(words[0]) and words[0] not in NOT_SUPERLATIVES:
        return None
    noun_words: list[str] = []
    for word in words:
        if word in STOP_WORDS:
            break
        noun_words.append(word)
        if word.endswith("s") and not word.endswith("ss") or word in SINGULAR_COUNT_NOUNS:
            break
    if not noun_words:
        return None
    head = noun_words[-1]
    if not (head.endswith("s") and not head.endswith("ss") or head in SINGULAR_COUNT_NOUNS):
        return None
    if match["num"].lower() in ("one",) and head.endswith("s"):
        return None
    end = match.start("noun")
    for word in noun_words:  # the text between the words may be any whitespace
        end = text.index(word, end) + len(word)
    start = _with_qualifier(lowered, match.start())
    return Figure(start, end, text[start:end], "count", _scaled(number, match["scale"]), head)
