"""Words that more than one extractor reads: numbers spelled out, and holidays."""

from __future__ import annotations

CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}

# Holidays on the same day every year, by their lower-cased names.
FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14),
}
# Holidays whose day moves from year to year (Thanksgiving is the only one dated).
MOVABLE_HOLIDAYS = {"thanksgiving", "easter", "ramadan", "hanukkah", "passover", "diwali", "eid",
                    "lent", "advent"}
# A name that starts with one of these is a holiday ("Christmas Eve", "Easter Monday").
HOLIDAY_WORDS = MOVABLE_HOLIDAYS | {name for name in FIXED_HOLIDAYS if " " not in name}
