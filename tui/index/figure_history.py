"""Figure history: every figure mention across a catalog in date order, each dated by the
event of its sentence when the sentence has one (a figure in "In September, the US had
imposed tariffs on $112 billion" belongs to 2019-09, not to the article's day), else by
its article's date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..extract import calendar as cal
from ..extract.records import Figure
from ..extract.sentences import split_sentences
from .catalog import Catalog


@dataclass(frozen=True, slots=True)
class FigureMention:
    when: str  # an event's value ("2019-09", "2018-09-12") or the article's date
    start_day: date
    article: int
    figure: Figure
    sentence: tuple[int, int]  # the sentence's offsets in the article's text


def figure_history(catalog: Catalog, about: str | None = None, kind: str | None = None, unit: str | None = None,
                   since: date | None = None, until: date | None = None) -> list[FigureMention]:
    """Figure mentions in date order; with `about`, those whose sentence or the one before
    holds the word (singular or plural, any case); `kind`, `unit` and the dates narrow
    them further."""
    wanted = word_forms(about) if about else None
    asked_unit = unit.lower() if unit is not None else None
    found = []
    for number, article in enumerate(catalog.articles):
        _names, figure_fields, _timexes, events = catalog.extractions.fields(number)
        text = article.text
        figures = [Figure(start, end, text[start:end], figure_kind, value, figure_unit)
                   for start, end, figure_kind, value, figure_unit in figure_fields
                   if (kind is None or figure_kind == kind)
                   and (asked_unit is None or figure_unit.lower() == asked_unit)]
        if not figures or (wanted is not None and not wanted.search(text)):
            continue
        sentences = split_sentences(text)
        for figure in figures:
            at, sentence = sentence_of(sentences, figure)
            if wanted is not None:
                before = sentences[at - 1][0] if at else sentence[0]
                if not wanted.search(text, before, sentence[1]):
                    continue
            when = next((day for day, start, end, *_rest in events if start <= figure.start < end), article.date_text)
            start_day = cal.value_start(when) if when else None
            if start_day is None or not (since or start_day) <= start_day <= (until or start_day):
                continue
            found.append(FigureMention(when, start_day, number, figure, sentence))
    return sorted(found, key=lambda m: (m.start_day, m.article, m.figure.start))


def sentence_of(sentences: list[tuple[int, int]], figure: Figure) -> tuple[int | None, tuple[int, int]]:
    """Which of the article's sentences holds the figure, and its offsets (the figure's
    own when none does)."""
    at = next((i for i, (start, end) in enumerate(sentences) if start <= figure.start < end), None)
    return at, sentences[at] if at is not None else (figure.start, figure.end)


def word_forms(word: str) -> re.Pattern[str]:
    """The word and its plural or singular as whole words, any case: tariff, tariffs;
    economy, economies; tax, taxes; bus, buses."""
    asked = word.strip().lower()
    forms = {asked, asked + "s", asked + "es"}
    if asked.endswith("y"):
        forms.add(asked[:-1] + "ies")
    if asked.endswith("ies"):
        forms.add(asked[:-3] + "y")
    if asked.endswith("es"):
        forms.add(asked[:-2])
    if asked.endswith("s"):
        forms.add(asked[:-1])
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True) if form)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


# Words near a figure that say nothing of what it counts.
_NOT_SUBJECTS = frozenset(
    "about above after against almost another around because been before below between could each estimated "
    "from have into least less more most much nearly only other over previous rose said says since some than "
    "that their there these they this those total under were what when which while will with worth would year "
    "years month months week weeks".split())
_WORD_RE = re.compile(r"[A-Za-z][a-z]{3,}")
SUBJECT_WORDS = 6  # how far from the figure a word is looked for, each way


def figure_subject(text: str, figure: Figure, sentence: tuple[int, int]) -> str | None:
    """A guess at what the figure is about, to follow it with: the nearest lowercase
    content word before it in its sentence ("tariffs on $200 billion"), else after it
    ("$3 billion of loans")."""
    before = [m[0] for m in _WORD_RE.finditer(text, sentence[0], figure.start)][-SUBJECT_WORDS:]
    after = [m[0] for m in _WORD_RE.finditer(text, figure.end, sentence[1])][:SUBJECT_WORDS]
    for word in [*reversed(before), *after]:
        if word.islower() and word not in _NOT_SUBJECTS:
            return word
    return None
