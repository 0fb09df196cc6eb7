"""Events: each sentence that carries a resolvable date, and each article on its own date."""

from __future__ import annotations

import re

from . import calendar as cal
from .records import Event, Timex

LABEL_MAX = 72
# "FILE PHOTO: A worker places flags ... November 8, 2017.": the date a picture was taken,
# an event of the caption, not of the story.
CAPTION_RE = re.compile(r"\s*(?:FILE\s+)?(?:PHOTO(?:GRAPH)?S?|PICTURE)\s*[:-]", re.IGNORECASE)


def short_label(sentence: str, limit: int = LABEL_MAX) -> str:
    flat = " ".join(sentence.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit - 1)
    return flat[: cut if cut > limit // 2 else limit - 1].rstrip(",;:") + "…"


def find_events(
    text: str,
    sentences: list[tuple[int, int]],
    timexes: list[Timex],
    article_date: str | None,
    body_start: int = 0,
) -> list[Event]:
    events: list[Event] = []
    first = next(((s, e) for s, e in sentences if e > body_start), (body_start, len(text)))
    if article_date:
        start = max(first[0], body_start)
        sentence = text[start : first[1]]
        events.append(Event(article_date, start, first[1], sentence, short_label(sentence), "day", "article"))
    # A time of day is an event on its day ("10 p.m. Wednesday": that Wednesday).
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and cal.value_start(t.value) is not None]
    index = 0
    for start, end in sentences:
        while index < len(dated) and dated[index].start < start:
            index += 1
        if index < len(dated) and dated[index].start < end:
            timex = dated[index]
            day = timex.value.partition("T")[0]
            if day == article_date and (start, end) == first:
                continue  # the article's own event already stands for its first sentence
            sentence = text[start:end]
            granularity = cal.granularity(day) or "day"
            kind = "caption" if CAPTION_RE.match(sentence) else "mention"
            events.append(Event(day, start, end, sentence, short_label(sentence), granularity, kind))
    return events
