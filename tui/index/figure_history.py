"""Figure history: every figure mention across a catalog in date order, each dated by the
event of its sentence when the sentence has one (a figure in "In September, the US had
imposed tariffs on $112 billion" belongs to 2019-09, not to the article's day), else by
its article's date.  Mentions of the same quantity (kind, unit and what they count) make
a thread, "$50 bn → $200 bn → $267 bn", in which sources that give another value for the
same day are marked."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

from ..extract import calendar as cal
from ..extract.figures import CURRENCY_QUALIFIERS, CURRENCY_WORDS, SCALES
from ..extract.records import Figure
from ..extract.sentences import split_sentences
from .catalog import Catalog

FIGURES_AND_EVENTS = ("figures", "events")  # of each article's extraction, what a history reads


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
        _names, figure_fields, _timexes, events = catalog.extractions.fields(number, FIGURES_AND_EVENTS)
        text = article.text
        figures = [Figure(start, end, text[start:end], figure_kind, value, figure_unit)
                   for start, end, figure_kind, value, figure_unit in figure_fields
                   if (kind is None or figure_kind == kind)
                   and (asked_unit is None or figure_unit.lower() == asked_unit)]
        if not figures or (wanted is not None and not wanted.search(text)):
            continue
        sentences = split_sentences(text, until=max(figure.start for figure in figures))
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


# Words near a figure that say nothing of what it counts: function words, the units and
# scales figures are written in, and words that qualify an amount rather than name it.
_NOT_SUBJECTS = frozenset(
    "about above after against almost another around because others been before below between could each estimated "
    "from have into least less more most much nearly only other over previous rose said says since some than "
    "that their there these they this those total under were what when which while will with worth would year "
    "years month months week weeks prior last first second third fourth next latest current annual quarterly "
    "initial original record additional further average approximately roughly also already still then even such "
    "both either very well just percent percentage basis points".split()
) | {word for phrase in (*SCALES, *CURRENCY_WORDS, *CURRENCY_QUALIFIERS) for word in phrase.split()}
_WORD_RE = re.compile(r"[A-Za-z][a-z]{3,}")
_PARTICIPLE_RE = re.compile(r"[^e]ed$")  # "increased to", "compared with": what happened, not what it counts
SUBJECT_WORDS = 6  # how far from the figure a word is looked for, each way


def subject_words(text: str, figure: Figure, sentence: tuple[int, int]) -> list[str]:
    """The content words around a figure in its sentence, nearest first, the words before
    it ahead of those after ("tariffs on $200 billion of goods": tariffs, goods)."""
    before = [m[0] for m in _WORD_RE.finditer(text, sentence[0], figure.start)][-SUBJECT_WORDS:]
    after = [m[0] for m in _WORD_RE.finditer(text, figure.end, sentence[1])][:SUBJECT_WORDS]
    return [word for word in [*reversed(before), *after]
            if word.islower() and word not in _NOT_SUBJECTS and not _PARTICIPLE_RE.search(word)]


def figure_subject(text: str, figure: Figure, sentence: tuple[int, int]) -> str | None:
    """A guess at what the figure is about, to follow it with: the nearest lowercase
    content word before it in its sentence ("tariffs on $200 billion"), else after it
    ("$3 billion of loans")."""
    return next(iter(subject_words(text, figure, sentence)), None)


def singular(word: str) -> str:
    """The word's singular, roughly, so that a thread holds tariff and tariffs alike."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class FigureThread:
    """Mentions of one quantity across articles, in date order."""

    subject: str  # the word they count or are about, singular
    kind: str
    unit: str
    mentions: list[FigureMention]
    disagreeing: frozenset[int]  # positions of mentions another source contradicts


DISAGREEING_MARK = "≠"  # beside a mention another version of the story contradicts
DISAGREEING_MEANS = f"{DISAGREEING_MARK}: another version of the story gives another value"
SAME_VALUE = 0.01  # values this close (a share of the larger) agree: rounding is not a dispute
MOST_APART = 2.0  # values further apart than this factor are two quantities, not two accounts of one


def figure_threads(catalog: Catalog, mentions: Sequence[FigureMention],
                   story_of: Mapping[int, int]) -> list[FigureThread]:
    """The mentions grouped by kind, unit and subject, most mentioned first.  Of the words
    around each figure, its subject is the one nearest to most figures of that kind and
    unit, then near figures in most articles: the story's word ("tariffs"), not the
    nearest to this one ("goods").  A mention with no content word near it is in no thread;
    `story_of` tells which articles are versions of one story (see disagreements)."""
    words = [_mention_words(catalog, mention) for mention in mentions]
    nearest: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # how many mentions a word is nearest to
    spread: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # how many articles it is near figures in
    seen: set[tuple[str, str, str, int]] = set()
    for mention, around in zip(mentions, words, strict=True):
        key = (mention.figure.kind, mention.figure.unit)
        if around:
            nearest[key][around[0]] += 1
        for word in around:
            if (*key, word, mention.article) not in seen:
                seen.add((*key, word, mention.article))
                spread[key][word] += 1
    members: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for number, (mention, around) in enumerate(zip(mentions, words, strict=True)):
        if around:
            key = (mention.figure.kind, mention.figure.unit)
            subject = max(around, key=lambda word: (nearest[key][word], spread[key][word]))  # ties: the nearest
            members[(*key, subject)].append(number)
    threads = []
    for (kind, unit, subject), numbers in members.items():
        threaded = [mentions[n] for n in numbers]
        threads.append(FigureThread(subject, kind, unit, threaded, disagreements(threaded, story_of)))
    return sorted(threads, key=lambda t: (-len(t.mentions), t.subject, t.kind, t.unit))


def disagreements(mentions: Sequence[FigureMention], story_of: Mapping[int, int]) -> frozenset[int]:
    """Positions of the mentions (of one quantity) that another version of the same story
    contradicts: an article of the same group of near-duplicates (`story_of`: an article
    -> its group) that gives, for the same day, not this value but one near it (more than
    SAME_VALUE, less than MOST_APART apart)."""
    told: dict[tuple[str, int], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for number, mention in enumerate(mentions):
        story = story_of.get(mention.article)
        if story is not None and len(mention.when) == len("YYYY-MM-DD"):  # a week or a month is too wide
            told[(mention.when, story)][mention.article].append(number)
    values = [abs(mention.figure.value) for mention in mentions]

    def agree(one: int, other: int) -> bool:
        return abs(values[one] - values[other]) <= SAME_VALUE * max(values[one], values[other])

    found: set[int] = set()
    for versions in told.values():
        said = list(versions.values())
        for i, first in enumerate(said):
            for second in said[i + 1:]:
                for one in first:
                    for other in second:
                        if agree(one, other) or not max(values[one], values[other]) < \
                                MOST_APART * min(values[one], values[other]):
                            continue
                        if not any(agree(one, given) for given in second):
                            found.add(one)
                        if not any(agree(other, given) for given in first):
                            found.add(other)
    return frozenset(found)


def _mention_words(catalog: Catalog, mention: FigureMention) -> list[str]:
    text = catalog.articles[mention.article].text
    return list(dict.fromkeys(map(singular, subject_words(text, mention.figure, mention.sentence))))


_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "mln"))


def short_figure(figure: Figure) -> str:
    """The figure's value in a few characters: $50 bn, 7.5%, 25 bp, 60 groups, 340 mln JPY."""
    value, unit = figure.value, figure.unit
    if unit in ("%", "pp", "bp"):
        return f"{value:g}%" if unit == "%" else f"{value:g} {unit}"
    if figure.kind == "count":
        return f"{value:,.12g} {unit}"
    scaled = next((f"{round(value / size, 2):g} {word}" for size, word in _SCALES if abs(value) >= size),
                  f"{value:,.12g}")
    return f"${scaled}" if unit == "USD" else f"{scaled} {unit}"


def value_path(mentions: Sequence[FigureMention], most: int = 12) -> str:
    """The values in date order, a value said again in a row shown once: "$50 bn → $200 bn";
    past `most` steps, an ellipsis."""
    steps: list[str] = []
    for mention in mentions:
        step = short_figure(mention.figure)
        if not steps or steps[-1] != step:
            steps.append(step)
    return " → ".join(steps[:most]) + (" → …" if len(steps) > most else "")
