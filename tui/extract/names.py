"""Names of people, organisations and places (PER / ORG / LOC, MISC for nationalities and
the like), found from capitalisation, word lists and evidence from the rest of the article.

1. Runs of capitalised tokens are the candidates; "of", "for", "&" and name particles may
   join them ("Bank of England", "Americans for Free Trade").
2. Titles split a run and mark what follows as a person ("Treasury Secretary Steven
   Mnuchin" -> ORG "Treasury", PER "Steven Mnuchin").
3. A sentence's first word is dropped when it is a common English word that the article
   never capitalises elsewhere.  Lines in capitals only keep names known from elsewhere.
4. Each candidate is typed from its own words, then the article's other mentions settle
   the rest, and short forms link to their long form ("Trump" -> "Donald Trump").
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .name_candidates import AND_JOINED_ENDS, JOINERS, Candidate, find_candidates, is_initial, name_tokens
from .name_types import (
    context_type,
    default_type,
    is_sports,
    looks_like_team,
    on_results_line,
    says_where,
    speaks_of_a_side,
    type_of,
)
from .records import Name
from .tokens import Token


def find_names(text: str) -> list[Name]:
    tokens, caps_flags = name_tokens(text)
    mid_sentence_caps = {
        t.text
        for t, caps in zip(tokens, caps_flags, strict=False)
        if not caps and not t.sentence_start and t.text[:1].isupper()
    }
    candidates = find_candidates(text, tokens, caps_flags, mid_sentence_caps)
    if "<" in text:  # "Nobel Industries AB <NOBL.ST>": a ticker is part of the name before it
        tickers = [m.span() for m in TICKER_RE.finditer(text)]
        candidates = [c for c in candidates if not any(start <= c.start < end for start, end in tickers)]
    if "-" in text:
        candidates = _with_prefixed_names(text, candidates)
    # A lone initial ("A." ending "Plan A.") names no one.
    candidates = [c for c in candidates if not (len(c.tokens) == 1 and is_initial(c.tokens[0].text))]
    candidates = _without_row_labels(text, candidates)
    if ", " in text:
        candidates = _with_partnerships(text, candidates)
    lower_case = _LowerCaseWords(text)
    typed = [
        (c, kind)
        for c in candidates
        if (kind := type_of(c)) is not None or not _is_plain_word(c, lower_case)
    ]
    return _settle(text, typed)


# What follows a label heading a row or a section: "Postponed : Birmingham v Barnsley".
LABEL_AFTER_RE = re.compile(r"[ \t]*:")


PARTNER_JOINERS = frozenset({"and", "&"})


def _with_partnerships(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """"Smith Barney, Harris Upham and Co.", "Merrill Lynch, Pierce, Fenner and Smith Inc":
    a firm named after its partners is one name, commas and all, when its last part joins
    a partner with "and" and ends as a company."""
    merged: list[Candidate] = []
    for candidate in candidates:
        words = [token.bare for token in candidate.tokens]
        if candidate.hint is None and len(words) > 2 and words[-1] in AND_JOINED_ENDS \
                and PARTNER_JOINERS.intersection(words[1:-1]):
            while merged and merged[-1].hint is None and len(merged[-1].tokens) <= 2 \
                    and text[merged[-1].end:candidate.start] == ", ":
                candidate = Candidate(merged.pop().tokens + candidate.tokens)
        merged.append(candidate)
    return merged


def _without_row_labels(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Drop a lone common word that opens its line as the label of a row or a section."""
    return [candidate for candidate in candidates if not _is_row_label(text, candidate)]


def _is_row_label(text: str, candidate: Candidate) -> bool:
    token = candidate.tokens[0]
    if len(candidate.tokens) > 1 or candidate.hint is not None or not LABEL_AFTER_RE.match(text, token.end):
        return False
    line_start = text.rfind("\n", 0, token.start) + 1
    return (not text[line_start:token.start].strip() and lx.is_common_word(token.bare)
            and token.bare not in lx.lexicon().places)


PREFIXED_NAME_RE = re.compile(r"\b(?i:anti|pro|pan|non|ex|post|pre|trans)-[A-Z][\w’'-]*")


def _with_prefixed_names(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """"anti-American", "pan-European", "ex-England", "post-Games": one MISC name each,
    though they start in lower case; the capitalised part alone is dropped."""
    spans = [m.span() for m in PREFIXED_NAME_RE.finditer(text)]
    if not spans:
        return candidates
    kept = [c for c in candidates if not any(start <= c.start < end for start, end in spans)]
    added = [Candidate([Token(start, end, text[start:end], False)], hint="MISC") for start, end in spans]
    return sorted(kept + added, key=lambda c: c.start)


TICKER_RE = re.compile(r"<[A-Z0-9][A-Z0-9.&-]{0,11}>")
TICKER_AFTER_RE = re.compile(r"[ \t]*<[A-Z0-9][A-Z0-9.&-]{0,11}>")
# What _has_whole_word takes as one word: letters and digits, ’ ' and -, but not "_".
# "_" becomes a space before findall: one plain class scans many times faster.
WORD_RUN_RE = re.compile(r"[\w’'\-]+")
LONG_TEXT = 20_000  # characters


class _LowerCaseWords:
    """Whether the article writes a word in lower case somewhere: found with str.find in
    an article of usual size, from the set of its words in a long one (a find per word
    that is not there reads the whole text: quadratic in a book)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}
        self.words = set(WORD_RUN_RE.findall(text.replace("_", " "))) if len(text) > LONG_TEXT else None

    def __contains__(self, word: str) -> bool:
        found = self.seen.get(word)
        if found is None:
            if self.words is not None and WORD_RUN_RE.fullmatch(word) and "_" not in word:
                found = word in self.words
            else:
                found = _has_whole_word(self.text, word)
            self.seen[word] = found
        return found


def _has_whole_word(text: str, word: str) -> bool:
    position = text.find(word)
    while position >= 0:
        end = position + len(word)
        before = text[position - 1] if position else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "’'-") and not (after.isalnum() or after in "’'-"):
            return True
        position = text.find(word, end)
    return False


def _is_plain_word(candidate: Candidate, lower_case: _LowerCaseWords) -> bool:
    """A lone capitalised word the article also writes in lower case ("a Phase One deal")."""
    return len(candidate.tokens) == 1 and candidate.tokens[0].text.lower() in lower_case


def _settle(text: str, typed: list[tuple[Candidate, str | None]]) -> list[Name]:
    """Give untyped names the type of a longer mention they belong to, let a person's
    name beat a place of the same name, link short forms to long ones, and fall back to
    context and a default for what is still unknown."""
    known: dict[str, str] = {}
    long_forms: dict[str, str] = {}
    people: set[str] = set()
    sports: bool | None = None  # worked out only if a name could be a team
    phrases = [_written(text, candidate) for candidate, _ in typed]
    keys = [phrase.lower() for phrase in phrases]
    for (candidate, kind), phrase, key in zip(typed, phrases, keys, strict=False):
        if kind:
            known.setdefault(key, kind)
        if kind == "PER" and (candidate.hint or len(candidate.tokens) > 1):
            people.add(key)
            if len(candidate.tokens) > 1:
                people.add(candidate.tokens[-1].text.lower())
        if kind and len(candidate.tokens) > 1:
            for token in candidate.tokens:
                if token.text[:1].isupper() and token.bare not in JOINERS:
                    long_forms.setdefault(token.text.lower(), phrase)
    names: list[Name] = []
    # Names the article shows as a team or a listed company somewhere: one everywhere in it.
    organisations: set[str] = set()
    for (candidate, kind), canonical, key in zip(typed, phrases, keys, strict=False):
        if len(candidate.tokens) == 1 and key in long_forms:
            long = long_forms[key]
            long_kind = known.get(long.lower())
            if long_kind == "PER" and long.split()[-1].lower() == key:
                canonical, kind = long, "PER"
            elif kind is None and long_kind != "PER":
                canonical, kind = long, long_kind
        if key in people and kind in (None, "LOC", "ORG") and candidate.hint is None and len(candidate.tokens) == 1:
            kind = "PER"
        if kind is None:
            kind = known.get(key) or context_type(text, candidate) or default_type(candidate)
        if (kind in ("LOC", "PER") and candidate.hint is None and TICKER_AFTER_RE.match(text, candidate.end)
                and not _is_country(key)):
            kind = "ORG"  # "Nobel Industrier <NOBL.ST>": a ticker follows a company's name
            organisations.add(canonical.lower())
        if (kind in ("LOC", "PER") and candidate.hint is None and key not in lx.lexicon().countries
                and on_results_line(text, candidate.start, candidate.end)):
            kind = "ORG"
            organisations.add(canonical.lower())
        if kind in ("LOC", "PER") and key not in people:
            if sports is None:
                sports = is_sports(text)
            if (
                sports
                and not _is_country(key)
                and (key.endswith("shire") or looks_like_team(text, candidate)
                     or kind == "LOC" and speaks_of_a_side(text, candidate))
            ):
                if kind == "LOC":  # a place as a team: a team wherever the article does not say "in" it
                    organisations.add(canonical.lower())
                kind = "ORG"
        if kind == "LOC":
            canonical = _place_name(canonical)
        start, end = candidate.start, candidate.end
        names.append(Name(start, end, text[start:end], kind, canonical))
    if organisations:
        hinted = {candidate.start for candidate, _kind in typed if candidate.hint}
        names = [name._replace(type="ORG") if name.type in ("LOC", "PER") and name.canonical.lower() in organisations
                 and name.start not in hinted and not says_where(text, name.start, name.end) else name
                 for name in names]
    return names


def _written(text: str, candidate: Candidate) -> str:
    """A name as its words; a partnership keeps its commas ("Smith Barney, Harris Upham and Co.")."""
    written = text[candidate.start : candidate.end]
    return " ".join(written.split()) if "," in written else " ".join(t.text for t in candidate.tokens)


def _is_country(key: str) -> bool:
    """Whether a name (in lower case) is a country's, under any of its names ("u.s.")."""
    return key in lx.lexicon().countries or key in lx.COUNTRY_BY_VARIANT


def _place_name(written: str) -> str:
    """One name per place: "U.S." and "America" are the United States, and "WASHINGTON"
    in a dateline is Washington (an acronym such as "UAE" keeps its capitals)."""
    key = written.lower()
    if key in lx.COUNTRY_BY_VARIANT:
        return lx.COUNTRY_BY_VARIANT[key]
    if written.isupper() and len(key.replace(".", "").replace(" ", "")) > 3:
        return " ".join(word.capitalize() for word in written.split())
    return written
