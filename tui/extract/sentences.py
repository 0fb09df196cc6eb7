"""Sentence boundaries as character offsets.  Paragraph breaks (a blank line, or a new
line that starts indented) always end a sentence; a single line break inside a paragraph
does not, since corpora such as Reuters keep their original line wrapping."""

from __future__ import annotations

import re

from .tokens import ABBREVIATIONS

# The first character is matched before the alternatives: Python's re then skips
# quickly to the next ".", "!", "?" or line break instead of trying every position.
# Only the first mark of a run ("...", "?!") tries the rest, so a run is read once.
BOUNDARY_RE = re.compile(
    r"""[.!?\n]
      (?: (?<=[.!?]) (?<![.!?][.!?])                                   # the first of a run of them only,
          (?P<end>[.!?]*+[\"”’')\]]*+) \s+ (?=[\"“‘'(\[]?[A-Z0-9])       # followed by a capital
        | (?<=\n) [ \t]*\n\s*                                         # blank line
        | (?<=\n) (?=[ \t]+\S)                                          # indented new paragraph
      )
    """,
    re.VERBOSE,
)
WORD_BEFORE_RE = re.compile(r"(\S+)$")


def split_sentences(text: str, until: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding whitespace; with `until`, only
    as far as the sentence that holds that offset."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY_RE.finditer(text):
        if until is not None and start > until:
            return spans
        sentence_end = match["end"] is not None
        if sentence_end and _is_abbreviation(text, match.start()):
            continue
        end = match.end("end") if sentence_end else match.start()
        _append(text, spans, start, end)
        start = match.end()
    _append(text, spans, start, len(text))
    return spans


def first_sentence_end(text: str, start: int, window: int = 600) -> int:
    """Where the sentence starting at `start` ends, looking no further than `window`."""
    limit = min(len(text), start + window)
    for match in BOUNDARY_RE.finditer(text, start, limit):
        sentence_end = match["end"] is not None
        if sentence_end and _is_abbreviation(text, match.start()):
            continue
        return match.end("end") if sentence_end else match.start()
    return limit


def _is_abbreviation(text: str, period: int) -> bool:
    before = WORD_BEFORE_RE.search(text, max(0, period - 20), period)
    if not before:
        return False
    word = before[1].lstrip("(\"“'")
    if text[period] != ".":
        return False
    return (
        word.lower() in ABBREVIATIONS
        or (len(word) == 1 and word.isupper())
        or "." in word  # U.S., e.g., a.m. stay inside their sentence
    )


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
