"""Word tokens with character offsets, and where sentences start."""

from __future__ import annotations

import re
from typing import NamedTuple

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
POSSESSIVE_ENDINGS = {"'s", "'S", "’s", "’S"}
SENTENCE_OPENERS = set('.!?:;"“”‘’\'(`[-—–') | {"--", "``", "''"}


class Token:
    __slots__ = ("start", "end", "text", "bare", "sentence_start")

    def __init__(self, start: int, end: int, text: str, sentence_start: bool = False) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.bare = text.rstrip(".").lower()  # lower case, without a closing period
        self.sentence_start = sentence_start

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


def lower_preserving_offsets(text: str) -> str:
    """text.lower(), except that characters whose lower case is longer stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


class LoweredText(NamedTuple):
    lowered: str  # lower_preserving_offsets(text)
    words: frozenset[str]  # every maximal run of the letters a-z in it


_ONLY_LETTERS = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))
_last_lowered: tuple[str, LoweredText] | None = None


def lowered_text(text: str) -> LoweredText:
    """The lower-cased text and its a-z words, made once per text: the date and figure
    finders both ask for them (for the same text, one after the other)."""
    global _last_lowered
    if _last_lowered is not None and _last_lowered[0] is text:
        return _last_lowered[1]
    lowered = lower_preserving_offsets(text)
    # bytes.translate is many times faster than a regex over the text; letters outside
    # a-z are never part of these words, and their UTF-8 bytes become separators.
    letters = lowered.encode("utf-8", "surrogatepass").translate(_ONLY_LETTERS).decode("ascii")
    view = LoweredText(lowered, frozenset(letters.split()))
    _last_lowered = (text, view)
    return view


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into the whole text."""
    tokens = _tokens(text, start, len(text) if end is None else end)
    _mark_sentence_starts(text, tokens)
    return tokens


PLAIN_WORD_RE = re.compile(r"[^\W\d_]\w*")


def tokenize_words(text: str, start: int, end: int) -> list[Token]:
    """tokenize() for a stretch of words each followed by one space, tab or line break
    (a run of capitalised words), faster: a plain word needs no tokenizer."""
    tokens: list[Token] = []
    position = start
    for word in text[start:end].split():
        word_end = position + len(word)
        if word.isalpha() or PLAIN_WORD_RE.fullmatch(word):  # isalpha: the quick yes
            tokens.append(Token(position, word_end, word))
        else:
            tokens.extend(_tokens(text, position, word_end))
        position = word_end + 1
    _mark_sentence_starts(text, tokens)
    return tokens


def _tokens(text: str, start: int, end: int) -> list[Token]:
    tokens: list[Token] = []
    for match in TOKEN_RE.finditer(text, start, end):
        start, end_, word = match.start(), match.end(), match[0]
        if word.endswith(".") and len(word) > 1 and word[-2].isalpha() and "." not in word[:-1]:
            # "Corp." keeps its period; "Beijing." at a sentence end does not.
            if word[:-1].lower() not in ABBREVIATIONS and not (len(word) == 2 and word[0].isupper()):
                tokens.append(Token(start, end_ - 1, word[:-1]))
                tokens.append(Token(end_ - 1, end_, "."))
                continue
        if word[-2:] in POSSESSIVE_ENDINGS and len(word) > 2:
            cut = end_ - 2
            tokens.append(Token(start, cut, word[:-2]))
            tokens.append(Token(cut, end_, word[-2:]))
            continue
        tokens.append(Token(start, end_, word))
    return tokens


# A line that ends with a date, "LONDON 1996-08-30", is a dateline: the story starts after it.
DATELINE_END_RE = re.compile(r"(?<![\d-])\d{4}-\d\d-\d\d$")


def starts_sentence(text: str, position: int) -> bool:
    """Whether a word at this offset opens a sentence, judging by what comes before it."""
    before = position
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before == 0:
        return True
    previous = text[before - 1]
    if previous == "\n":
        gap_start = before - 1
        while gap_start > 0 and text[gap_start - 1].isspace():
            gap_start -= 1
        gap = text[gap_start:position]
        last = text[gap_start - 1] if gap_start else ""
        return gap_start == 0 or "\n\n" in gap or gap.endswith((" ", "\t")) or not last.isalnum() or (
            DATELINE_END_RE.search(text, max(0, gap_start - 11), gap_start) is not None)
    if previous == ".":
        word = re.search(r"(\S+)$", text[max(0, before - 20) : before])
        token = word[1] if word else "."
        if token == ".":  # a period on its own, "on 200 . Matches": text tokenised with spaces
            return True
        return not (token[:-1].lower() in ABBREVIATIONS or len(token) <= 2 or token.count(".") > 1)
    return previous in SENTENCE_OPENERS


def _mark_sentence_starts(text: str, tokens: list[Token]) -> None:
    previous: Token | None = None
    for token in tokens:
        if previous is None:
            token.sentence_start = starts_sentence(text, token.start)
        elif previous.text in SENTENCE_OPENERS:
            token.sentence_start = True
        elif (
            previous.text.endswith(".")
            and previous.bare not in ABBREVIATIONS
            and len(previous.text) > 2
            and previous.text.count(".") == 1
        ):
            token.sentence_start = True
        elif "\n" in text[previous.end : token.start]:
            token.sentence_start = starts_sentence(text, token.start)
        previous = token
