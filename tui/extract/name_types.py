"""Types for candidate names: what their own words say (titles, organisation and place
words, word lists), then what the sentence around them says, then a default."""

from __future__ import annotations

import functools
import re

from . import lexicon as lx
from .name_candidates import LOC_OF_HEADS, ORG_OF_HEADS, PARTICLES, Candidate
from .tokens import Token
from .vocabulary import HOLIDAY_WORDS

TIME_ZONES = {"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "jst"}


MISC_WORDS = {"cup", "championship", "championships", "open", "games", "olympics", "olympic",
              "prize", "award", "awards", "war", "revolution", "trophy", "grand", "prix",
              "festival", "series", "index", "act", "treaty", "accord", "accords", "plan",
              "doctrine", "day", "eve", "summit", "tour", "classic", "rally", "marathon"}


def type_of(candidate: Candidate) -> str | None:
    """The type the words themselves say, or None when only context can tell."""
    if candidate.hint:
        return candidate.hint
    return _type_of_words(tuple([t.text for t in candidate.tokens]))




@functools.lru_cache(maxsize=65536)
def _type_of_words(texts: tuple[str, ...]) -> str | None:
    lexicon = lx.lexicon()
    words = [t.rstrip(".").lower() for t in texts]
    phrase = " ".join(texts).lower()
    last = words[-1]
    if phrase in lx.INSTITUTION_PLACES or phrase in lx.NEWS_AND_INSTITUTIONS:
        return "ORG"
    if words[0] in HOLIDAY_WORDS or words == ["olympic"]:  # "Olympic 100 metres champion"
        return "MISC"
    if (last in lx.NATIONALITIES or last in lx.NATIONALITY_PLURALS) and all(
        w in lx.DIRECTION_WORDS for w in words[:-1]
    ):
        return "MISC"
    if "-" in last and (
        lx.COMPOUND_ADJECTIVE_RE.search(last) or any(part in lx.NATIONALITIES for part in last.split("-"))
    ):
        return "MISC"
    if last in lx.ORG_WORDS and len(words) > 1 and phrase not in lexicon.places:
        return "ORG"
    company_cue = words[0] in lx.COMPANY_PREFIXES or lx.is_company_ending(last)
    if len(words) > 1 and phrase not in lexicon.places and company_cue:
        return "ORG"  # "AB Bofors", "Den Danske Bank", "Christiania Bank og Kreditkasse", "... Futures"
    if words[0] in TIME_ZONES and len(words) == 1:
        return "MISC"
    if words[0] in ORG_OF_HEADS and "of" in words and words[0] not in ("american", "national", "federal", "central"):
        return "ORG"
    if (
        phrase in lexicon.places
        or phrase.replace(".", "") in lexicon.places
        or not phrase.isascii() and lx.ascii_fold(phrase) in lexicon.places
    ):
        return "LOC"
    if words[0] in LOC_OF_HEADS and len(words) > 2 and words[1] == "of":
        return "LOC"
    if len(words) > 1 and last in lx.LOC_WORDS and words[0] not in lexicon.given_names:
        return "LOC"
    if len(words) > 1 and last in MISC_WORDS:
        return "MISC"
    if any(w in ("&",) for w in words):
        return "ORG"
    if (
        len(words) >= 2
        and words[0] in lexicon.given_names
        and all(t[:1].isupper() or w in PARTICLES for t, w in zip(texts, words, strict=False))
    ):
        return "PER"
    if len(words) >= 2 and re.fullmatch(r"[a-z]\.?", words[0]):
        return "PER"
    if len(words) == 1 and texts[0].isupper() and 2 <= len(last.replace(".", "")) <= 5:
        return "ORG"
    return None


SPORTS_RE = re.compile(
    r"\A\s*(?:SOCCER|CRICKET|TENNIS|BASEBALL|BASKETBALL|GOLF|RUGBY|ATHLETICS|CYCLING|"
    r"MOTOR|HOCKEY|ICE HOCKEY|NFL|NBA|NHL|FOOTBALL|BOXING|SKIING|SWIMMING|HORSE|NBA|"
    r"MOTORCYCLING|SQUASH|BADMINTON|VOLLEYBALL|HANDBALL|ROWING|SAILING|OLYMPICS|"
    r"AMERICAN FOOTBALL|SPORT|SPORTS|CHESS|SNOOKER|DARTS|TABLE TENNIS)\b"
)


TEAM_VERBS = {"beat", "beats", "drew", "draw", "lost", "v", "vs", "vs.", "against", "defeated",
              "routed", "edged", "thrashed", "at", "host", "hosts", "hosted", "visit", "visiting"}


# A score such as "3-1"; the look-behind after the first digit stands for a leading \b,
# so that Python's re can skip ahead to the next digit.
SCORE_RE = re.compile(r"\d(?<!\w\d)\d{0,2}-\d{1,3}\b")


def is_sports(text: str) -> bool:
    if SPORTS_RE.match(text):
        return True
    return text.count("-") >= 4 and len(SCORE_RE.findall(text)) >= 4  # four scores, four hyphens


# A line of results: "Bradford 1 Tranmere 0", "Alba ( Germany ) 75 Red Star ( Yugoslavia )
# 70 ( 42-41 )" (two sides and their scores, the half-time score after), or a row of
# standings, "Haitai 64 2 43 .596 -" (a side, its games and its winning share).  The
# sides are teams, whatever their first word ("Crystal", "Lotte").
FIXTURE_LINE_RE = re.compile(
    r"^[ \t]*[A-Z][^\d\n]*?[ \t]+\d{1,3}[ \t]+[A-Z][^\d\n]*?[ \t]+\d{1,3}(?:[ \t]+\([^\n]*\))?[ \t]*$",
    re.MULTILINE)
STANDINGS_LINE_RE = re.compile(r"^[ \t]*[A-Z][^\d\n]*?(?:[ \t]+\d{1,3}){2,}[ \t]+\.\d{3}\b", re.MULTILINE)


SCORE_SOON_RE = re.compile(r"[^\d\n]{0,12}\d")  # a side's score follows it closely on its line


def on_results_line(text: str, start: int, end: int) -> bool:
    """Whether the name at these offsets is a side on a line of results or of standings."""
    if SCORE_SOON_RE.match(text, end) is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    return any(pattern.match(text, line_start, line_end) for pattern in (FIXTURE_LINE_RE, STANDINGS_LINE_RE))


DATELINE_DATE_RE = re.compile(r"[ \t]+(?:\d{4}-\d\d-\d\d|[A-Z][a-z]{2}\w*\.? \d{1,2})\s*$", re.MULTILINE)
VENUE_AFTER_RE = re.compile(r"[ \t]*[,:]")


def looks_like_team(text: str, candidate: Candidate) -> bool:
    after = text[candidate.end : candidate.end + 12]
    before = text[max(0, candidate.start - 12) : candidate.start]
    if DATELINE_DATE_RE.match(text, candidate.end):  # "LONDON 1996-08-30": where the report was filed
        return False
    if word_before(text, candidate.start) == "at" and VENUE_AFTER_RE.match(text, candidate.end):
        return False  # "At Bristol : Gloucestershire 183", "( at Edgbaston , Birmingham )": where they played
    if re.match(r"\s+\d", after) or re.search(r"\d\s*[,;]?\s+$", before):
        return True
    words_after = after.split()[:1]
    words_before = before.split()[-1:]
    return bool(set(w.lower() for w in words_after + words_before) & TEAM_VERBS)


# In a sports report a town's or a state's name stands for its side when the words
# around it speak of a side: "homered for Atlanta", "joined Milan", "Texas 's lead",
# "Chelsea defender", "Essex reached 372".  Elsewhere it stays a place ("( U.S. )",
# "at The Oval , London", "the Berlin grand prix").
TEAM_BEFORE = {"for", "joined", "join", "joins", "against", "over", "beat", "beating", "v", "vs", "vs.",
               "host", "hosts", "visit", "visiting", "champions", "leaders", "side"}
TEAM_AFTER = {"'s", "’s", "side", "club", "team", "striker", "defender", "forward", "midfielder", "manager",
              "coach", "captain", "skipper", "fans", "supporters", "player", "pitcher", "goalkeeper",
              "winger", "batsman", "bowler", "reached", "closed", "made", "won", "lost", "beat", "drew",
              "took", "scored", "rallied", "trailed", "led", "have", "has", "had", "were", "are"}


WHERE_AFTER_RE = re.compile(r"(?:[ \t]*,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)?[ \t]+\d{4}-\d\d-\d\d\b")


NEAR_WORD_REACH = 16  # characters looked at for the word just before or after a name


def word_before(text: str, start: int) -> str:
    """The word just before an offset, in lower case ("" when there is none)."""
    words = text[max(0, start - NEAR_WORD_REACH) : start].split()
    return words[-1].lower() if words else ""


def word_after(text: str, end: int) -> str:
    """The word just after an offset, in lower case ("" when there is none)."""
    words = text[end : end + NEAR_WORD_REACH].split()
    return words[0].lower() if words else ""


def says_where(text: str, start: int, end: int) -> bool:
    """Whether a place's name at these offsets tells where: "In Seattle , ...", a dateline
    ("NICE , France 1996-08-30")."""
    return word_before(text, start) in LOC_PREPOSITIONS or WHERE_AFTER_RE.match(text, end) is not None


def speaks_of_a_side(text: str, candidate: Candidate) -> bool:
    return word_before(text, candidate.start) in TEAM_BEFORE or word_after(text, candidate.end) in TEAM_AFTER


LOC_PREPOSITIONS = {"in", "at", "near", "from", "across", "outside", "inside", "into",
                    "throughout", "towards", "toward", "via"}


PLACE_NOUNS = ("village|town|city|province|district|region|river|county|state|island|municipality|suburb|"
               "capital|port|valley|mountain|lake|republic|country|kingdom|commune|parish|borough")
GROUP_NOUNS = ("company|firm|group|bank|manufacturer|maker|producer|club|band|party|newspaper|magazine|agency|"
               "airline|carrier|team|side|university|school|brokerage|insurer|retailer|unit|subsidiary|"
               "organisation|organization|movement|ministry|union|association|league|network|broadcaster")
PERSON_NOUNS = ("singer|player|politician|actor|actress|writer|author|poet|painter|composer|striker|"
                "midfielder|defender|goalkeeper|spokesman|spokeswoman|lawyer|businessman|economist|analyst|"
                "minister|official|diplomat|general|leader|president|chairman|director|manager|coach|son|"
                "daughter|wife|husband|father|mother|brother|sister|veteran|champion|rider|driver|boxer|"
                "spinner|batsman|bowler|captain|winger|forward|pitcher")
# "Tavildara, a town in ...", "Comelf, a company that ...", "Such, the England spinner": what it is.
APPOSITION_RE = re.compile(
    rf"\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:(?P<place>{PLACE_NOUNS})|(?P<group>{GROUP_NOUNS})|"
    rf"(?P<person>{PERSON_NOUNS}))s?\b|\s*,\s+(?P<who>who)\b",
    re.IGNORECASE,
)


# "Everton 's Duncan Ferguson", "Cofinec CEO Stephen Frater": whose a person is, a club
# or a company (a country's name is known as a place before this is asked).
POSSESSOR_OF_PERSON_RE = re.compile(
    r"[ \t]*(?:(?:'s|’s)|(?:'s|’s)?[ \t]+(?:CEO|chairman|chief executive|president|spokesman|spokeswoman|"
    r"coach|manager|director))[ \t]+(?P<first>[A-Z][a-z]+)[ \t]+[A-Z][a-z]+")


def context_type(text: str, candidate: Candidate) -> str | None:
    if (apposition := APPOSITION_RE.match(text, candidate.end)) is not None:
        return "LOC" if apposition["place"] else "ORG" if apposition["group"] else "PER"
    if (len(candidate.tokens) == 1 and (owned := POSSESSOR_OF_PERSON_RE.match(text, candidate.end)) is not None
            and owned["first"].lower() in lx.lexicon().given_names):
        return "ORG"
    if WHERE_AFTER_RE.match(text, candidate.end) and text.rfind("\n", 0, candidate.start) + 1 == candidate.start:
        return "LOC"  # a dateline: "ESCHEN , Liechtenstein 1996-08-31"
    before = word_before(text, candidate.start)
    if before in LOC_PREPOSITIONS and candidate.tokens[0].bare not in lx.lexicon().given_names:
        return "LOC"
    if before == "the" and len(candidate.tokens) == 1:
        return "ORG"
    return None


def default_type(candidate: Candidate) -> str:
    words = candidate.tokens
    def name_like(token: Token) -> bool:
        return (
            token.text[:1].isupper()
            and not token.text.isupper()
            and token.text.replace("-", "").replace("'", "").isalpha()
        )

    if len(words) in (2, 3) and all(name_like(t) or t.bare in PARTICLES for t in words):
        lexicon = lx.lexicon()
        first = words[0].bare
        if first not in lexicon.given_names and (
            all(lx.is_common_word(t.bare) for t in words) or first in lx.DIRECTION_WORDS or first in lx.NATIONALITIES
        ):
            return "ORG"  # "Economic Community", "West German Bundesbank": not a person's names
        return "PER"
    if len(words) == 1:
        word = words[0]
        if name_like(word) and (not lx.is_common_word(word.bare) or word.bare in lx.lexicon().given_names):
            return "PER"
        return "ORG"
    return "ORG"
