"""Word tokens with character offsets, and where sentences start."""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "mt", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "corp", "inc", "co", "ltd", "bros", "no", "prof", "rev", "adm", "maj",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "vs", "etc", "ft", "ave", "blvd", "dept", "est", "approx", "fig", "supt", "messrs",
}
TOKEN_RE = re.compile(
    r"""(?:[^\W\d_]\.){2,}                      # U.S., U.K.
      | [^\W\d_][\w]*(?:[’'\-][^\W_][\w]*)*\.?   # words, O’Brien, al-Assad, Corp.
      | \d[\d,.:/]*\d%?|\d%?                     # numbers
      | &
      | [^\w\s]                                  # any other mark, one at a time
    """,
    re.VERBOSE,
)
POSSESSIVE_RE = re.compile(r"[’']s$", re.IGNORECASE)
SENTENCE_OPENERS = set('.!?:;"“”‘’\'(`[-—–') | {"--", "``", "''"}


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    sentence_start: bool = False

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def bare(self) -> str:
        """Lower case, without a closing period."""
        return self.text.rstrip(".").lower()


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in TOKEN_RE.finditer(text):
        start, end, word = match.start(), match.end(), match[0]
        if word.endswith(".") and len(word) > 1 and word[-2].isalpha() and "." not in word[:-1]:
            # "Corp." keeps its period; "Beijing." at a sentence end does not.
            if word[:-1].lower() not in ABBREVIATIONS and not (len(word) == 2 and word[0].isupper()):
                end -= 1
                word = word[:-1]
                tokens.append(Token(start, end, word))
                tokens.append(Token(end, end + 1, "."))
                continue
        possessive = POSSESSIVE_RE.search(word)
        if possessive and len(word) > 2:
            cut = start + possessive.start()
            tokens.append(Token(start, cut, word[: possessive.start()]))
            tokens.append(Token(cut, end, word[possessive.start() :]))
            continue
        tokens.append(Token(start, end, word))
    _mark_sentence_starts(text, tokens)
    return tokens


def _mark_sentence_starts(text: str, tokens: list[Token]) -> None:
    previous: Token | None = None
    for token in tokens:
        if previous is None:
            token.sentence_start = True
        elif previous.text in SENTENCE_OPENERS:
            token.sentence_start = True
        elif previous.text.endswith(".") and previous.bare not in ABBREVIATIONS and len(previous.text) > 2 and previous.text.count(".") == 1:
            token.sentence_start = True
        elif "\n" in text[previous.end : token.start]:
            gap = text[previous.end : token.start]
            token.sentence_start = "\n\n" in gap or gap.endswith((" ", "\t")) or previous.text in SENTENCE_OPENERS or not previous.text[:1].isalnum()
        previous = token
