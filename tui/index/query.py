"""The search query language: words (AND), "quoted phrases", prefixes (tarif*).

Case does not matter.  Anything that is not a word character separates words, so
`U.S.` is the phrase "u s" and `O’Brien` the phrase "o brien", exactly as the text is
indexed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 32
WORD_RE = re.compile(r"\w+")


class QueryError(ValueError):
    """A query that cannot be run; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class Clause:
    words: tuple[str, ...]  # one word, or a phrase
    prefix: bool = False  # the last word is a prefix

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class Query:
    clauses: tuple[Clause, ...]
    text: str


# For ASCII text, in one bytes.translate: letters to lower case, digits and "_" kept, every
# other byte a space: the same words as WORD_RE over the lower-cased text, without a regex.
_ASCII_WORD_BYTES = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 or byte == 95 else 32
    for byte in range(256)
)


def index_words(text: str) -> list[str]:
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()
    return WORD_RE.findall(text.lower())


def parse_query(text: str) -> Query:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: close the phrase with another "')
    clauses: list[Clause] = []
    for index, part in enumerate(text.split('"')):
        if index % 2:  # inside quotes
            words = index_words(part)
            prefix = part.rstrip().endswith("*") and bool(words)
            if words:
                clauses.append(Clause(tuple(words), prefix))
            continue
        for raw in part.split():
            prefix = raw.endswith("*")
            words = index_words(raw)
            if prefix and not words:
                raise QueryError("a prefix needs at least one letter or digit before *")
            if words:
                clauses.append(Clause(tuple(words), prefix))
    if not clauses:
        raise QueryError("the query has no words to search for" if text.strip() else "empty query")
    if len(clauses) > MAX_CLAUSES:
        raise QueryError(f"too many words ({len(clauses)}, at most {MAX_CLAUSES})")
    return Query(tuple(clauses), text)
