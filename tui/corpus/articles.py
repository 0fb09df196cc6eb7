"""The Article record and the helpers that derive a title and a dateline from its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Self, Sequence

# "WASHINGTON (Reuters) -", "NEW YORK, March 3 (Reuters) -", "BEIJING -"
DATELINE_RE = re.compile(
    r"""\A\s*
    (?P<place>[A-Z][A-Z .'’\-]{1,40}?)            # the place, in capitals
    (?:,\s*[A-Z][A-Za-z.]*\.?\s+\d{1,2})?        # optional ", March 3"
    \s*(?:\((?P<agency>[A-Za-z .]{2,30})\))?      # optional "(Reuters)"
    \s*[-–—]+\s+""",
    re.VERBOSE,
)
TITLE_MAX = 90


@dataclass(slots=True)
class Article:
    id: str
    text: str
    date: date | None = None
    title: str = ""
    source: str = ""
    url: str = ""
    path: str = ""
    line: int | None = None
    dateline_place: str = ""
    body_start: int = 0  # offset of the text after the dateline
    title_given: bool = False  # else the title is the text's first sentence, not indexed twice

    def __post_init__(self) -> None:
        match = DATELINE_RE.match(self.text)
        if match and match.group("place").strip().isupper():
            self.dateline_place = match.group("place").strip()
            self.body_start = match.end()
        if self.title:
            self.title_given = True
        else:
            self.title = derive_title(self.text[self.body_start :])

    def as_record(self) -> tuple:
        """Plain values but the text, for Dateline's cache."""
        ordinal = self.date.toordinal() if self.date else 0
        return (self.id, ordinal, self.title, self.source, self.url, self.path, self.line, self.dateline_place,
                self.body_start, self.title_given)

    @classmethod
    def from_record(cls, record: Sequence, text: str) -> Self:
        """Back from as_record and the text, without working out the dateline and title again."""
        article = cls.__new__(cls)
        (article.id, ordinal, article.title, article.source, article.url, article.path, article.line,
         article.dateline_place, article.body_start, article.title_given) = record
        article.text = text
        article.date = date.fromordinal(ordinal) if ordinal else None
        return article

    @property
    def indexed_title(self) -> str:
        """The title as search indexes it: only one the corpus gave."""
        return self.title if self.title_given else ""

    @property
    def indexed_texts(self) -> tuple[str, str]:
        """The title and the text as search indexes them and counts their hits."""
        return self.indexed_title, self.text

    @property
    def date_text(self) -> str:
        return self.date.isoformat() if self.date else ""


def derive_title(body: str) -> str:
    """The first sentence of the body, shortened at a word boundary."""
    first = body[:2000].strip().split("\n", 1)[0]  # a title never needs more
    end = re.search(r"[.!?][\"”’]?(?=\s|$)", first)
    if end and end.end() > 20:
        first = first[: end.end()]
    first = " ".join(first.split())
    if len(first) > TITLE_MAX:
        cut = first.rfind(" ", 0, TITLE_MAX - 1)
        first = first[: cut if cut > 40 else TITLE_MAX - 1].rstrip(",;:") + "…"
    return first
