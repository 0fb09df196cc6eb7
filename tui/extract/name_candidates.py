"""Candidate names: runs of capitalised words (and lines written in capitals), joined by
"of", "for", "&" and name particles, split at titles and nationalities, with a common
first word of a sentence dropped unless the article says otherwise."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon as lx
from .tokens import PLAIN_WORD_RE, Token, starts_sentence, tokenize, tokenize_words

JOINERS = {"of", "for", "and", "&", "de", "la", "le", "van", "von", "der", "den", "del", "da",
           "di", "du", "bin", "al", "el", "y", "des", "the", "on", "upon", "og", "och", "und"}


PARTICLES = {"de", "la", "le", "van", "von", "der", "den", "del", "da", "di", "du", "bin", "al", "el", "des", "y"}


ORG_OF_HEADS = {"bank", "university", "ministry", "department", "bureau", "institute", "college",
                "association", "federation", "union", "council", "board", "chamber", "league",
                "committee", "commission", "church", "museum", "school", "society", "office",
                "house", "court", "party", "organisation", "organization", "agency", "fund",
                "army", "friends", "federal", "national", "central", "american", "americans",
                "coalition", "alliance", "centre", "center", "foundation", "campaign",
                "conference", "corporation", "company", "group", "people", "movement", "front",
                "club", "academy", "institution", "authority", "assembly", "parliament",
                "congress", "senate", "government"}


LOC_OF_HEADS = {"republic", "kingdom", "gulf", "sea", "isle", "isles", "bay", "cape", "strait",
                "straits", "lake", "city", "state", "states", "province", "county", "island",
                "islands", "mount", "port", "district", "principality", "sultanate", "emirate",
                "commonwealth", "federation"}


CAPS_LINE_MIN_TOKENS = 3
NOT_NAME_ACRONYMS = {"gnp", "gdp", "cpi", "ppi", "ceo", "cfo", "ipo", "eps"}  # measures and posts, not names
NAME_OPENERS = {"new", "first"}  # common words (lexicon.NOT_NAMES) that open many names
AUXILIARIES = {"will", "would", "can", "could", "shall", "should", "might", "must", "did", "does", "do",
               "is", "are", "was", "were", "has", "have", "had"}  # "Will Congress act?"
AND_JOINED_ENDS = {"co", "company", "commission", "inc", "corp", "ltd", "plc", "sons"}  # "X and ... Co"


@dataclass(slots=True)
class Candidate:
    tokens: list[Token]
    hint: str | None = None  # a type the context already implies

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u024f\u0391-\u03a9\u0400-\u042f"


CAP_WORD = rf"(?:[{UPPER}]\.){{2,}}|[{UPPER}][\w’'\-&]*\.?"


# The first word is written out with its first letter ahead: Python's re scans fastest
# for a pattern that starts with a plain set of characters.
RUN_RE = re.compile(
    rf"[{UPPER}](?<![\w’'\-].)(?:\.(?:[{UPPER}]\.)+|[\w’'\-&]*\.?)"
    rf"(?:[ \t\n](?:(?:{'|'.join(sorted(JOINERS - {'&'}))}|&)[ \t\n]){{0,2}}(?:{CAP_WORD}))*"
)


def _caps_lines(text: str, runs: list[re.Match]) -> list[tuple[int, int]]:
    """Lines written in capitals (headlines, datelines), found from the capitalised runs:
    only a line with three words in capitals can be one."""
    upper_words: dict[int, int] = {}
    newlines: list[int] | None = None
    for run in runs:
        words = run[0]
        if words[1:2].islower() and not WHITESPACE_RE.search(words):
            continue  # one word with a small second letter, as most runs are
        offset = run.start()
        for line_words in words.split("\n"):  # a run may go on over lines: count each line's own
            count = sum(1 for w in line_words.split() if len(w) > 1 and w.isupper())
            if count:
                if newlines is None:  # found once: rfind per run would be quadratic on one long line
                    newlines = [m.start() for m in NEWLINE_RE.finditer(text)]
                at = bisect.bisect_left(newlines, offset)
                line_start = newlines[at - 1] + 1 if at else 0
                upper_words[line_start] = upper_words.get(line_start, 0) + count
            offset += len(line_words) + 1
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
WHITESPACE_RE = re.compile(r"\s")


LINE_WORD_RE = re.compile(r"[^\W\d_][\w’'.\-]*")


def name_tokens(text: str) -> tuple[list[Token], list[bool]]:
    """Tokens of the capitalised runs and of the lines in capitals, in text order, with a
    flag for the latter.  Everything else in the article cannot be part of a name, and
    neither can a lone common word ("The", "But": a quarter of all runs)."""
    runs = list(RUN_RE.finditer(text))
    caps_lines = _caps_lines(text, runs)
    pieces: list[tuple[int, list[Token], bool]] = []
    for start, end in caps_lines:
        pieces.append((start, tokenize(text, start, end), True))
    line_index = 0
    for match in runs:
        start, end = match.span()
        if caps_lines:
            while line_index < len(caps_lines) and caps_lines[line_index][1] <= start:
                line_index += 1
            if line_index < len(caps_lines) and caps_lines[line_index][0] < end:
                end = min(end, caps_lines[line_index][0])
                if end <= start:
                    continue
        word = match[0]
        if end == match.end() and (word.isalpha() or PLAIN_WORD_RE.fullmatch(word)):
            # One plain word: no tokenizer needed, and most are common words ("The").
            if not _can_be_name(word, word.lower()):
                continue
            run = [Token(start, end, word, starts_sentence(text, start))]
        else:
            run = tokenize_words(text, start, end)  # marks where sentences start
        if run:
            pieces.append((start, run, False))
    if caps_lines:
        pieces.sort(key=lambda piece: piece[0])
    tokens: list[Token] = []
    flags: list[bool] = []
    for _start, piece_tokens, caps in pieces:
        tokens.extend(piece_tokens)
        flags.extend([caps] * len(piece_tokens))
    return tokens, flags


def _is_name_token(token: Token) -> bool:
    return token.text[:1].isupper() and _can_be_name(token.text, token.bare)


def _can_be_name(text: str, bare: str) -> bool:
    """Not a common word such as "The" or "But", unless written as an acronym ("IT"), and
    not an acronym of economics ("GNP")."""
    if bare in NOT_NAME_ACRONYMS:
        return False
    if is_initial(text):
        return True  # "A. Dale" (a lone one is dropped later)
    return bare not in lx.NOT_NAMES or (len(text) <= 4 and text.isupper() and bare not in ("i", "a"))


PRONOUNS = {"he", "she", "it", "we", "i"}


def _continues_name(token: Token) -> bool:
    """Inside a run a capitalised pronoun can only be a name: "Vice Premier Liu He"."""
    if _is_name_token(token):
        return True
    return token.text[:1].isupper() and not token.sentence_start and token.bare in PRONOUNS


def find_candidates(text: str, tokens: list[Token], caps_lines: list[bool], mid_caps: set[str]) -> list[Candidate]:
    found: list[Candidate] = []
    known_lower: set[str] | None = None  # mid_caps in lower case, for lines in capitals
    wrap_width = hard_wrap_width(text)
    i = 0
    n = len(tokens)
    while i < n:
        if caps_lines[i]:
            if known_lower is None:
                known_lower = {word.lower() for word in mid_caps}
            run = _caps_line_run(text, tokens, caps_lines, i, known_lower)
            if run:
                found.append(Candidate(run))
                i += len(run)
            else:
                i += 1
            continue
        if not _is_name_token(tokens[i]) and not _opens_name(tokens, i):
            i += 1
            continue
        j = i + 1
        while j < n and not caps_lines[j]:
            if not _same_line(text, tokens[j - 1].end, tokens[j].start, wrap_width) and not (
                tokens[j].bare in COMPANY_SUFFIXES and "\n" in text[tokens[j - 1].end : tokens[j].start]
            ):
                break  # but "Preussag\nAG" is one company wherever the line breaks
            if (_continues_name(tokens[j]) and _follows(tokens[j - 1], tokens[j]) and "\n" not in tokens[j - 1].text
                    and not _case_changes_at_line_break(text, tokens[j - 1], tokens[j])
                    and not _ends_company(tokens[j - 1], tokens[j])):
                j += 1
                continue
            if (
                tokens[j].bare in JOINERS
                and j + 1 < n
                and _follows(tokens[j - 1], tokens[j])
                and _follows(tokens[j], tokens[j + 1])
                and (_is_name_token(tokens[j + 1]) or _opens_name(tokens, j + 1))
                and _joiner_fits(tokens[j - 1], tokens[j], tokens, j + 1)
            ):
                j += 2
                continue
            if (  # "Joost van der Westhuizen", "Maria de la Cruz"
                tokens[j].bare in PARTICLES
                and j + 2 < n
                and tokens[j + 1].bare in PARTICLES
                and _follows(tokens[j - 1], tokens[j])
                and _follows(tokens[j], tokens[j + 1])
                and _follows(tokens[j + 1], tokens[j + 2])
                and _is_name_token(tokens[j + 2])
            ):
                j += 3
                continue
            break
        found.extend(_split_run(tokens[i:j], mid_caps))
        i = j
    return found


COMPANY_SUFFIXES = {"ag", "co", "corp", "inc", "ltd", "plc", "sa", "nv", "ab", "gmbh", "spa", "llc", "bv", "oy",
                    "asa", "kk", "pty"}
WRAPPED_LINES = 4  # lines of prose at most this long, this many or more: the text is wrapped
WRAP_WIDTH_MAX = 90
SOFT_BREAK_SHARE = 0.7  # a line this full before a break was wrapped, not ended


def hard_wrap_width(text: str) -> int | None:
    """The width the text is wrapped at, as wire copy of the 1980s is ("Smith Barney,
    Harris\nUpham and Co." is one name), or None when a line break ends a line: a headline,
    a table row or a sentence per line (CoNLL)."""
    if text.count("\n") < WRAPPED_LINES:
        return None
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    if len(lengths) < WRAPPED_LINES:
        return None
    width = lengths[len(lengths) * 9 // 10]
    median = lengths[len(lengths) // 2]
    return width if width <= WRAP_WIDTH_MAX and median >= width * SOFT_BREAK_SHARE else None


def _same_line(text: str, end: int, start: int, wrap_width: int | None) -> bool:
    """Whether a name may go on from `end` to `start`: nothing but a space between, or a
    line break that only wraps a full line of wrapped text."""
    gap = text[end:start]
    if gap.strip():
        return False  # "REUTERS/Damir Sagolj": a credit and a photographer
    if "\n" not in gap:
        return True
    if wrap_width is None or gap.count("\n") > 1:
        return False
    line_start = text.rfind("\n", 0, end) + 1
    return end - line_start >= wrap_width * SOFT_BREAK_SHARE


def _follows(before: Token, after: Token) -> bool:
    """Whether `after` comes straight after `before`: one space or line break between, at most."""
    return after.start - before.end <= 1


def _caps_line_run(text: str, tokens: list[Token], caps_lines: list[bool], i: int,
                   known_lower: set[str]) -> list[Token]:
    """In a line of capitals, the longest run from i that the article or the lexicon knows."""
    lexicon = lx.lexicon()
    best: list[Token] = []
    for j in range(i + 1, min(i + 5, len(tokens)) + 1):
        if not caps_lines[j - 1] or not tokens[j - 1].text[:1].isalpha():
            break
        if j - i > 1 and "\n" in text[tokens[j - 2].end : tokens[j - 1].start]:
            break  # a line of capitals ends its names: "MILWAUKEE\nCLEVELAND" are two
        words = " ".join(t.text for t in tokens[i:j]).lower()
        if j - i == 1:
            if tokens[i].bare in lx.NOT_NAMES:
                break
            if (
                words in known_lower
                or words in lexicon.places
                or words in lx.NATIONALITIES
                or words in lx.NATIONALITY_PLURALS
            ):
                best = tokens[i:j]
        elif words in lexicon.places or all(t.text.lower() in known_lower for t in tokens[i:j]):
            best = tokens[i:j]
    return best


def _case_changes_at_line_break(text: str, before: Token, after: Token) -> bool:
    """A byline above a dateline ("Emese Bartha" / "BUDAPEST 1996-08-30") is two names:
    across a line break, a word in capitals does not continue words that are not, unless
    it is a company's suffix."""
    return (text[before.end : after.start] == "\n" and len(after.text) > 1 and len(before.text) > 1
            and after.text.isupper() != before.text.isupper()
            and after.bare not in lx.ORG_WORDS)  # "Preussag\nAG" is one company


def _opens_name(tokens: list[Token], i: int) -> bool:
    """A common word that opens many names ("New York", "First Boston") when a
    capitalised name word follows it at once."""
    token = tokens[i]
    return (
        token.bare in NAME_OPENERS
        and token.text[:1].isupper()
        and i + 1 < len(tokens)
        and _follows(token, tokens[i + 1])
        and _is_name_token(tokens[i + 1])
    )


def _ends_company(suffix: Token, following: Token) -> bool:
    """"Beta Inc. Gamma Ltd said": a company's name ends with its suffix and a period (the
    sentence may end there too), unless another suffix follows ("Mitsui Co. Ltd")."""
    return suffix.bare in COMPANY_SUFFIXES and suffix.text.endswith(".") and following.bare not in COMPANY_SUFFIXES


def _joiner_fits(last: Token, joiner: Token, tokens: list[Token], right_start: int) -> bool:
    """Whether the joiner at tokens[right_start - 1] joins the run ending in `last` to the
    capitalised words from right_start into one name."""
    word = joiner.bare
    head = last.bare
    if word in PARTICLES:
        return True
    if word == "&":
        return True
    if word == "of":
        return head in ORG_OF_HEADS or head in LOC_OF_HEADS or head in lx.ORG_WORDS
    if word == "for":
        return head in ORG_OF_HEADS or head in lx.NATIONALITY_PLURALS or head in lx.ORG_WORDS
    if word == "and":  # "Securities and Exchange Commission", "Lazard Freres and Co"; not "Britain and France"
        if head in COMPANY_SUFFIXES:  # "Acme Corp and Beta Inc": the first company is whole already
            return False
        right_end = right_start  # the last of up to three capitalised words after "and"
        while (right_end + 1 < len(tokens) and right_end - right_start < 2 and _is_name_token(tokens[right_end + 1])
               and _follows(tokens[right_end], tokens[right_end + 1])):
            right_end += 1
        return tokens[right_end].bare in AND_JOINED_ENDS
    if word in ("the", "on", "upon"):
        return head in ("of", "for") or head in ORG_OF_HEADS
    if word in ("og", "och", "und"):  # "Christiania Bank og Kreditkasse": Scandinavian and German firms
        return head in lx.ORG_WORDS or head.endswith(("bank", "banken"))
    return False


def _split_run(run: list[Token], mid_caps: set[str]) -> list[Candidate]:
    """Split a capitalised run at titles and nationalities; drop a common first word."""
    if len(run) == 1:  # most runs: the steps below, for one word
        token = run[0]
        if (
            (token.sentence_start and _is_sentence_word(token, mid_caps))
            or token.bare in JOINERS
            or not token.text[:1].isupper()
        ):
            return []
        if len(token.text) == 1:  # "S and P", a ticker "<P>": a lone letter names nothing by itself
            return []
        return [Candidate(run)]
    # A common word opening a sentence is not a name unless the article says otherwise.
    # "Beta Inc", "Apple Corp", "Manufacturers Hanover Futures"
    ends_as_company = len(run) > 1 and (run[-1].bare in lx.ORG_WORDS or lx.is_company_ending(run[-1].bare))
    while (run and run[0].sentence_start and not ends_as_company and _is_sentence_word(run[0], mid_caps)
           and not _opens_known_place(run) and not _opens_full_name(run) and not _opens_known_institution(run)
           and run[0].bare not in lx.COMPANY_PREFIXES and not is_initial(run[0].text)):
        run = run[1:]
    while run and run[-1].bare in JOINERS:
        run = run[:-1]
    if not run:
        return []
    pieces: list[Candidate] = []
    current: list[Token] = []
    person_next = False
    for index, token in enumerate(run):
        is_title = token.bare in lx.TITLES and index + 1 < len(run) and not _title_is_part_of_org(run, index)
        if is_title:
            if current and not all(t.bare in lx.TITLES for t in current):
                pieces.append(Candidate(current))
            current = []
            person_next = token.bare in lx.PERSON_TITLES or person_next
            continue
        current.append(token)
    if current:
        pieces.append(Candidate(current, hint="PER" if person_next else None))
    # A leading nationality is its own name: "Chinese Vice Premier", "American officials".
    result: list[Candidate] = []
    for piece in pieces:
        first = piece.tokens[0].bare
        if (
            len(piece.tokens) > 1
            and (first in lx.NATIONALITIES or first in lx.NATIONALITY_PLURALS)
            and piece.tokens[-1].bare not in lx.ORG_WORDS
            and piece.tokens[1].bare not in JOINERS  # "Americans for Free Trade" stays whole
            and not _is_known_place(piece.tokens)  # "Czech Republic", "Sri Lanka"
        ):
            result.append(Candidate(piece.tokens[:1]))
            result.append(Candidate(piece.tokens[1:], hint=piece.hint))
        else:
            result.append(piece)
    for candidate in result:
        while candidate.tokens and not candidate.tokens[0].text[:1].isupper():
            candidate.tokens = candidate.tokens[1:]  # a name never starts with "for" or "of"
    return [piece for c in result if c.tokens and not _is_table_header(c) for piece in _split_after_adjective(c)]


def _split_after_adjective(candidate: Candidate) -> list[Candidate]:
    """"Bergamo-based Atalanta" is two names: the adjective and the club."""
    for index, token in enumerate(candidate.tokens[:-1]):
        if lx.COMPOUND_ADJECTIVE_RE.search(token.bare):
            return [Candidate(candidate.tokens[: index + 1]), Candidate(candidate.tokens[index + 1 :], candidate.hint)]
    return [candidate]


def _is_table_header(candidate: Candidate) -> bool:
    """"W L PCT GB", "D L G": the column heads of a results table, not a name."""
    tokens = candidate.tokens
    return (len(tokens) > 1 and all(len(t.text) <= 3 and t.text.isupper() for t in tokens)
            and any(len(t.text) == 1 for t in tokens))


def is_initial(text: str) -> bool:
    """An initial: a capital and a period ("A.")."""
    return len(text) == 2 and text[1] == "." and text[0].isupper()


def _opens_full_name(run: list[Token]) -> bool:
    """"James Baker said": a given name, then a surname."""
    return (len(run) == 2 and run[0].bare not in lx.NOT_NAMES and run[0].bare not in AUXILIARIES
            and run[0].bare in lx.lexicon().given_names)


def _opens_known_place(run: list[Token]) -> bool:
    """"New York ...", "South Africa ..." opening a sentence: its first word belongs to a
    place the word lists know."""
    return any(_is_known_place(run[:size]) for size in (2, 3) if size <= len(run))


def _opens_known_institution(run: list[Token]) -> bool:
    """"United Nations relief officials ...": its first word belongs to an institution the
    word lists know."""
    return any(" ".join(t.bare for t in run[:size]) in lx.NEWS_AND_INSTITUTIONS for size in (2, 3) if size <= len(run))


def _is_known_place(tokens: list[Token]) -> bool:
    return " ".join(t.bare for t in tokens) in lx.lexicon().places


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
    # A country's name, not any place's: a town may be called "Bank" or "Split".
    if bare in lexicon.countries or bare in lx.NATIONALITIES or bare in lx.NATIONALITY_PLURALS:
        return False
    if token.text.isupper() and len(token.text) > 1:
        return False
    return lx.is_common_word(bare)
