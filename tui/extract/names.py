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

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from . import lexicon as lx
from .tokens import Token, starts_sentence, tokenize

JOINERS = {"of", "for", "and", "&", "de", "la", "le", "van", "von", "der", "den", "del", "da",
           "di", "du", "bin", "al", "el", "y", "des", "the", "on", "upon"}
PARTICLES = {"de", "la", "le", "van", "von", "der", "den", "del", "da", "di", "du", "bin", "al", "el", "des", "y"}
ORG_OF_HEADS = {"bank", "university", "ministry", "department", "bureau", "institute", "college",
                "association", "federation", "union", "council", "board", "chamber", "league",
                "committee", "commission", "church", "museum", "school", "society", "office",
                "house", "court", "party", "organisation", "organization", "agency", "fund",
                "army", "friends", "federal", "national", "central", "american", "americans",
                "coalition", "alliance", "centre", "center", "foundation", "campaign",
                "conference", "corporation", "company", "group", "people", "movement", "front",
                "club", "academy", "institution", "authority", "assembly", "parliament",
                "congress", "senate", "government", "bank"}
LOC_OF_HEADS = {"republic", "kingdom", "gulf", "sea", "isle", "isles", "bay", "cape", "strait",
                "straits", "lake", "city", "state", "states", "province", "county", "island",
                "islands", "mount", "port", "district", "principality", "sultanate", "emirate",
                "commonwealth", "federation"}
HOLIDAYS = {"thanksgiving", "christmas", "easter", "ramadan", "hanukkah", "passover", "diwali",
            "eid", "lent", "advent", "halloween"}
MISC_WORDS = {"cup", "championship", "championships", "open", "games", "olympics", "olympic",
              "prize", "award", "awards", "war", "revolution", "trophy", "grand", "prix",
              "festival", "series", "index", "act", "treaty", "accord", "accords", "plan",
              "doctrine", "day", "eve", "summit", "tour", "classic", "rally", "marathon"}
CAPS_LINE_MIN_TOKENS = 3


class Name(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC, MISC
    canonical: str  # the long form this mention refers to ("Donald Trump" for "Trump")


@dataclass(slots=True)
class _Candidate:
    tokens: list[Token]
    hint: str | None = None  # a type the context already implies
    caps_line: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u024f\u0391-\u03a9\u0400-\u042f"
CAP_WORD = rf"(?:[{UPPER}]\.){{2,}}|[{UPPER}][\w’'\-&]*\.?"
# Runs of capitalised words, perhaps joined by one small word: only these need tokens.
RUN_RE = re.compile(
    rf"(?<![\w’'\-])(?:{CAP_WORD})(?:[ \t\n](?:(?:{'|'.join(sorted(JOINERS - {'&'}))}|&)[ \t])?(?:{CAP_WORD}))*"
)


def find_names(text: str) -> list[Name]:
    tokens, caps_flags = _name_tokens(text)
    mid_sentence_caps = {t.text for t, caps in zip(tokens, caps_flags) if t.is_capitalised and not t.sentence_start and not caps}
    candidates = _candidates(tokens, caps_flags, mid_sentence_caps)
    lower_case = _LowerCaseWords(text)
    typed = [
        (c, kind)
        for c in candidates
        if (kind := _type_of(c)) is not None or not _is_plain_word(c, lower_case)
    ]
    return _settle(text, typed)


class _LowerCaseWords:
    """Whether the article writes a word in lower case somewhere, found with str.find."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.seen.get(word)
        if found is None:
            found = self.seen[word] = _has_whole_word(self.text, word)
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


def _is_plain_word(candidate: _Candidate, lower_case: _LowerCaseWords) -> bool:
    """A lone capitalised word the article also writes in lower case ("a Phase One deal")."""
    return len(candidate.tokens) == 1 and candidate.tokens[0].text.lower() in lower_case


def _caps_lines(text: str, runs: list[re.Match]) -> list[tuple[int, int]]:
    """Lines written in capitals (headlines, datelines), found from the capitalised runs:
    only a line with three words in capitals can be one."""
    upper_words: dict[int, int] = {}
    newlines: list[int] | None = None
    for run in runs:
        count = sum(1 for w in run[0].split() if len(w) > 1 and w.isupper())
        if count:
            if newlines is None:  # found once: rfind per run would be quadratic on one long line
                newlines = [m.start() for m in NEWLINE_RE.finditer(text)]
            at = bisect.bisect_left(newlines, run.start())
            line_start = newlines[at - 1] + 1 if at else 0
            upper_words[line_start] = upper_words.get(line_start, 0) + count
    spans = []
    for line_start, count in upper_words.items():
        if count < CAPS_LINE_MIN_TOKENS:
            continue
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        words = LINE_WORD_RE.findall(text, line_start, line_end)
        upper = [w for w in words if w.isupper() and len(w) > 1]
        if len(words) >= CAPS_LINE_MIN_TOKENS and len(upper) >= 0.8 * len(words):
            spans.append((line_start, line_end))
    spans.sort()
    return spans


NEWLINE_RE = re.compile("\n")
LINE_WORD_RE = re.compile(r"[^\W\d_][\w’'.\-]*")
PLAIN_WORD_RE = re.compile(r"[^\W\d_]\w*")


def _name_tokens(text: str) -> tuple[list[Token], list[bool]]:
    """Tokens of the capitalised runs and of the lines in capitals, in text order, with a
    flag for the latter.  Everything else in the article cannot be part of a name."""
    runs = list(RUN_RE.finditer(text))
    caps_lines = _caps_lines(text, runs)
    pieces: list[tuple[int, list[Token], bool]] = []
    for start, end in caps_lines:
        pieces.append((start, tokenize(text, start, end), True))
    line_index = 0
    for match in runs:
        start, end = match.span()
        while line_index < len(caps_lines) and caps_lines[line_index][1] <= start:
            line_index += 1
        if line_index < len(caps_lines) and caps_lines[line_index][0] < end:
            end = min(end, caps_lines[line_index][0])
            if end <= start:
                continue
        if end == match.end() and PLAIN_WORD_RE.fullmatch(match[0]):
            run = [Token(start, end, match[0])]  # one plain word: no tokenizer needed
        else:
            run = tokenize(text, start, end)
        if run:
            run[0].sentence_start = starts_sentence(text, run[0].start)
            pieces.append((start, run, False))
    pieces.sort(key=lambda piece: piece[0])
    tokens: list[Token] = []
    flags: list[bool] = []
    for _start, piece_tokens, caps in pieces:
        tokens.extend(piece_tokens)
        flags.extend([caps] * len(piece_tokens))
    return tokens, flags


def _is_name_token(token: Token) -> bool:
    text = token.text
    if not text[:1].isupper():
        return False
    if token.bare in lx.NOT_NAMES and not (len(text) <= 4 and text.isupper() and token.bare not in ("i", "a")):
        return False
    return True


PRONOUNS = {"he", "she", "it", "we", "i"}


def _continues_name(token: Token) -> bool:
    """Inside a run a capitalised pronoun can only be a name: "Vice Premier Liu He"."""
    if _is_name_token(token):
        return True
    return token.text[:1].isupper() and not token.sentence_start and token.bare in PRONOUNS


def _candidates(tokens: list[Token], caps_lines: list[bool], mid_caps: set[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    i = 0
    n = len(tokens)
    while i < n:
        if caps_lines[i]:
            run = _caps_line_run(tokens, caps_lines, i, mid_caps)
            if run:
                found.append(_Candidate(run, caps_line=True))
                i += len(run)
            else:
                i += 1
            continue
        if not _is_name_token(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < n and not caps_lines[j]:
            if _continues_name(tokens[j]) and tokens[j].start - tokens[j - 1].end <= 1 and "\n" not in tokens[j - 1].text:
                j += 1
                continue
            if (
                tokens[j].bare in JOINERS
                and j + 1 < n
                and _is_name_token(tokens[j + 1])
                and _joiner_fits(tokens[i:j], tokens[j], tokens[j + 1])
            ):
                j += 2
                continue
            break
        found.extend(_split_run(tokens[i:j], mid_caps))
        i = j
    return found


def _caps_line_run(tokens: list[Token], caps_lines: list[bool], i: int, mid_caps: set[str]) -> list[Token]:
    """In a line of capitals, the longest run from i that the article or the lexicon knows."""
    lexicon = lx.lexicon()
    known_lower = {m.lower() for m in mid_caps}
    best: list[Token] = []
    for j in range(i + 1, min(i + 5, len(tokens)) + 1):
        if not caps_lines[j - 1] or not tokens[j - 1].text[:1].isalpha():
            break
        words = " ".join(t.text for t in tokens[i:j]).lower()
        if j - i == 1:
            if tokens[i].bare in lx.NOT_NAMES:
                break
            if words in known_lower or words in lexicon.places or words in lx.NATIONALITIES or words in lx.NATIONALITY_PLURALS:
                best = tokens[i:j]
        elif words in lexicon.places or all(t.text.lower() in known_lower for t in tokens[i:j]):
            best = tokens[i:j]
    return best


def _joiner_fits(left: list[Token], joiner: Token, right: Token) -> bool:
    word = joiner.bare
    head = left[-1].bare
    if word in PARTICLES:
        return True
    if word == "&":
        return True
    if word == "of":
        return head in ORG_OF_HEADS or head in LOC_OF_HEADS or head in lx.ORG_WORDS
    if word == "for":
        return head in ORG_OF_HEADS or head in lx.NATIONALITY_PLURALS or head in lx.ORG_WORDS
    if word == "and":
        return False
    if word in ("the", "on", "upon"):
        return head in ("of", "for") or head in ORG_OF_HEADS
    return False


def _split_run(run: list[Token], mid_caps: set[str]) -> list[_Candidate]:
    """Split a capitalised run at titles and nationalities; drop a common first word."""
    # A common word opening a sentence is not a name unless the article says otherwise.
    ends_as_company = len(run) > 1 and run[-1].bare in lx.ORG_WORDS  # "Beta Inc", "Apple Corp"
    while run and run[0].sentence_start and not ends_as_company and _is_sentence_word(run[0], mid_caps):
        run = run[1:]
    while run and run[-1].bare in JOINERS:
        run = run[:-1]
    if not run:
        return []
    pieces: list[_Candidate] = []
    current: list[Token] = []
    person_next = False
    for index, token in enumerate(run):
        is_title = token.bare in lx.TITLES and index + 1 < len(run) and not _title_is_part_of_org(run, index)
        if is_title:
            if current and not all(t.bare in lx.TITLES for t in current):
                pieces.append(_Candidate(current))
            current = []
            person_next = token.bare in lx.PERSON_TITLES or person_next
            continue
        current.append(token)
    if current:
        pieces.append(_Candidate(current, hint="PER" if person_next else None))
    # A leading nationality is its own name: "Chinese Vice Premier", "American officials".
    result: list[_Candidate] = []
    for piece in pieces:
        first = piece.tokens[0].bare
        if (
            len(piece.tokens) > 1
            and (first in lx.NATIONALITIES or first in lx.NATIONALITY_PLURALS)
            and piece.tokens[-1].bare not in lx.ORG_WORDS
            and piece.tokens[1].bare not in JOINERS  # "Americans for Free Trade" stays whole
        ):
            result.append(_Candidate(piece.tokens[:1]))
            result.append(_Candidate(piece.tokens[1:], hint=piece.hint))
        else:
            result.append(piece)
    for candidate in result:
        while candidate.tokens and not candidate.tokens[0].text[:1].isupper():
            candidate.tokens = candidate.tokens[1:]  # a name never starts with "for" or "of"
    return [c for c in result if c.tokens]


def _title_is_part_of_org(run: list[Token], index: int) -> bool:
    rest = [t.bare for t in run[index:]]
    return any(w in lx.ORG_WORDS or w in ORG_OF_HEADS for w in rest[1:]) and run[index].bare in (
        "national", "state", "security", "trade", "foreign", "finance", "defence", "defense",
        "interior", "treasury", "federal", "crown", "general", "royal",
    )


def _is_sentence_word(token: Token, mid_caps: set[str]) -> bool:
    if token.bare in lx.NOT_NAMES:
        return True
    if "-" in token.bare and all(lx.is_common_word(part) for part in token.bare.split("-") if part):
        return True
    if token.text in mid_caps:
        return False
    lexicon = lx.lexicon()
    bare = token.bare
    if bare in lexicon.places or bare in lx.NATIONALITIES or bare in lx.NATIONALITY_PLURALS:
        return False
    if token.text.isupper() and len(token.text) > 1:
        return False
    return lx.is_common_word(bare)


def _type_of(candidate: _Candidate) -> str | None:
    """The type the words themselves say, or None when only context can tell."""
    if candidate.hint:
        return candidate.hint
    return _type_of_words(tuple(t.text for t in candidate.tokens))


@functools.lru_cache(maxsize=65536)
def _type_of_words(texts: tuple[str, ...]) -> str | None:
    lexicon = lx.lexicon()
    words = [t.rstrip(".").lower() for t in texts]
    phrase = " ".join(texts).lower()
    last = words[-1]
    if phrase in lx.INSTITUTION_PLACES or phrase in lx.NEWS_AND_INSTITUTIONS:
        return "ORG"
    if words[0] in HOLIDAYS:
        return "MISC"
    if (last in lx.NATIONALITIES or last in lx.NATIONALITY_PLURALS) and all(w in lx.DIRECTION_WORDS for w in words[:-1]):
        return "MISC"
    if re.search(r"-(?:based|born|registered|listed|origin|owned|made|led|backed|bound|sponsored)$", last):
        return "MISC"
    if "-" in last and any(part in lx.NATIONALITIES for part in last.split("-")):
        return "MISC"
    if last in lx.ORG_WORDS and len(words) > 1 and phrase not in lexicon.places:
        return "ORG"
    if words[0] in ORG_OF_HEADS and "of" in words and words[0] not in ("american", "national", "federal", "central"):
        return "ORG"
    if phrase in lexicon.places or phrase.replace(".", "") in lexicon.places or lx.ascii_fold(phrase) in lexicon.places:
        return "LOC"
    if words[0] in LOC_OF_HEADS and len(words) > 2 and words[1] == "of":
        return "LOC"
    if len(words) > 1 and last in lx.LOC_WORDS and words[0] not in lexicon.given_names:
        return "LOC"
    if len(words) > 1 and last in MISC_WORDS:
        return "MISC"
    if any(w in ("&",) for w in words):
        return "ORG"
    if len(words) >= 2 and words[0] in lexicon.given_names and all(t[:1].isupper() or w in PARTICLES for t, w in zip(texts, words)):
        return "PER"
    if len(words) >= 2 and re.fullmatch(r"[a-z]\.?", words[0]):
        return "PER"
    if len(words) == 1 and texts[0].isupper() and 2 <= len(last.replace(".", "")) <= 5:
        return "ORG"
    return None


def _settle(text: str, typed: list[tuple[_Candidate, str | None]]) -> list[Name]:
    """Give untyped names the type of a longer mention they belong to, let a person's
    name beat a place of the same name, link short forms to long ones, and fall back to
    context and a default for what is still unknown."""
    known: dict[str, str] = {}
    long_forms: dict[str, str] = {}
    people: set[str] = set()
    sports: bool | None = None  # worked out only if a name could be a team
    phrases = [" ".join(t.text for t in candidate.tokens) for candidate, _ in typed]
    keys = [phrase.lower() for phrase in phrases]
    for (candidate, kind), phrase, key in zip(typed, phrases, keys):
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
    for (candidate, kind), canonical, key in zip(typed, phrases, keys):
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
            kind = known.get(key) or _context_type(text, candidate) or _default_type(candidate)
        if kind in ("LOC", "PER") and key not in people:
            if sports is None:
                sports = _is_sports(text)
            if sports and key not in lx.lexicon().countries and (key.endswith("shire") or _looks_like_team(text, candidate)):
                kind = "ORG"
        start, end = candidate.start, candidate.end
        names.append(Name(start, end, text[start:end], kind, canonical))
    return names


SPORTS_RE = re.compile(
    r"\A\s*(?:SOCCER|CRICKET|TENNIS|BASEBALL|BASKETBALL|GOLF|RUGBY|ATHLETICS|CYCLING|"
    r"MOTOR|HOCKEY|ICE HOCKEY|NFL|NBA|NHL|FOOTBALL|BOXING|SKIING|SWIMMING|HORSE|NBA|"
    r"MOTORCYCLING|SQUASH|BADMINTON|VOLLEYBALL|HANDBALL|ROWING|SAILING|OLYMPICS|"
    r"AMERICAN FOOTBALL|SPORT|SPORTS|CHESS|SNOOKER|DARTS|TABLE TENNIS)\b"
)
TEAM_VERBS = {"beat", "beats", "drew", "draw", "lost", "v", "vs", "vs.", "against", "defeated",
              "routed", "edged", "thrashed", "at", "host", "hosts", "hosted", "visit", "visiting"}


def _is_sports(text: str) -> bool:
    if SPORTS_RE.match(text):
        return True
    scores = len(re.findall(r"\b\d{1,3}-\d{1,3}\b", text))
    return scores >= 4


def _looks_like_team(text: str, candidate: _Candidate) -> bool:
    after = text[candidate.end : candidate.end + 12]
    before = text[max(0, candidate.start - 12) : candidate.start]
    if re.match(r"\s+\d", after) or re.search(r"\d\s*[,;]?\s+$", before):
        return True
    words_after = after.split()[:1]
    words_before = before.split()[-1:]
    return bool(set(w.lower() for w in words_after + words_before) & TEAM_VERBS)


LOC_PREPOSITIONS = {"in", "at", "near", "from", "across", "outside", "inside", "into",
                    "throughout", "towards", "toward", "via"}


def _context_type(text: str, candidate: _Candidate) -> str | None:
    before = text[max(0, candidate.start - 16) : candidate.start].split()
    if before and before[-1].lower() in LOC_PREPOSITIONS and candidate.tokens[0].bare not in lx.lexicon().given_names:
        return "LOC"
    if before and before[-1].lower() == "the" and len(candidate.tokens) == 1:
        return "ORG"
    return None


def _default_type(candidate: _Candidate) -> str:
    words = candidate.tokens
    def name_like(token: Token) -> bool:
        return token.text[:1].isupper() and not token.text.isupper() and token.text.replace("-", "").replace("'", "").isalpha()
    if len(words) in (2, 3) and all(name_like(t) or t.bare in PARTICLES for t in words):
        return "PER"
    if len(words) == 1:
        word = words[0]
        if name_like(word) and (not lx.is_common_word(word.bare) or word.bare in lx.lexicon().given_names):
            return "PER"
        return "ORG"
    return "ORG"
