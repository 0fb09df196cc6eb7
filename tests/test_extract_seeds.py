"""The seed articles' names, figures, dates and events, with exact offsets."""

from __future__ import annotations

import pytest

from tui.extract import extract
from tui.extract.names import find_names

TRADE_TALKS = "000_d45e1563e4736e50"
PHASE_ONE = "003_40bfde1db24a8fae"


def spans(items, kind_attr="type"):
    return {(i.start, i.end, i.text, getattr(i, kind_attr)) for i in items}


def at(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def test_names_in_the_trade_talks_article(seed_articles):
    article = seed_articles[TRADE_TALKS]
    names = extract(article).names
    found = spans(names)
    assert (0, 10, "WASHINGTON", "LOC") in found
    assert (27, 32, "Trump", "PER") in found
    text = article.text
    for phrase, kind in [
        ("Steven Mnuchin", "PER"),  # "Treasury Secretary" is a title, not part of the name
        ("Liu He", "PER"),
        ("Donald Trump", "PER"),
        ("Damir Sagolj", "PER"),
        ("Beijing", "LOC"),
        ("Forbidden City", "LOC"),
        ("Wall Street Journal", "ORG"),
        ("United States", "LOC"),
        ("Chinese", "MISC"),
    ]:
        start, end = at(text, phrase)
        assert (start, end, phrase, kind) in found, phrase
    assert not any(n.text.startswith(("Treasury Secretary", "Vice Premier")) for n in names)


def test_short_forms_link_to_the_long_form(seed_articles):
    names = extract(seed_articles[TRADE_TALKS]).names
    trumps = [n for n in names if n.text == "Trump"]
    assert trumps and all(n.canonical == "Donald Trump" for n in trumps)


def test_apostrophe_names_and_titles(seed_articles):
    text = seed_articles[PHASE_ONE].text
    found = spans(extract(seed_articles[PHASE_ONE]).names)
    start, end = at(text, "Robert O’Brien")
    assert (start, end, "Robert O’Brien", "PER") in found
    assert (*at(text, "Hong Kong"), "Hong Kong", "LOC") in found
    assert (*at(text, "Bloomberg News"), "Bloomberg News", "ORG") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Bank of England raised rates.", {("Bank of England", "ORG")}),
        ("He joined Americans for Free Trade last year.", {("Americans for Free Trade", "ORG")}),
        ("Treasury Secretary Steven Mnuchin spoke.", {("Steven Mnuchin", "PER")}),
        ("Officials met in Paris on Monday.", {("Paris", "LOC")}),
    ],
)
def test_name_patterns(text, expected):
    assert expected <= {(n.text, n.type) for n in find_names(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A group led by New York investor George Soros said so.", {("New York", "LOC"), ("George Soros", "PER")}),
        ("New Zealand said so.", {("New Zealand", "LOC")}),
        ("He said First Boston Corp would lead.", {("First Boston Corp", "ORG")}),
        ("It told the Securities and Exchange Commission it bought a stake.",
         {("Securities and Exchange Commission", "ORG")}),
        ("Britain and France agreed.", {("Britain", "LOC"), ("France", "LOC")}),
        ("He said the bankers of the Bank of\nAmerica agreed.", {("Bank of\nAmerica", "ORG")}),
        ("James Baker said the dollar was stable.", {("James Baker", "PER")}),
        ("European Community ministers met.", {("European Community", "ORG")}),
        ("It is admired at the West German Bundesbank.", {("West German Bundesbank", "ORG")}),
        ("Earlier this week Moody's and S and P upgraded the debt.", {("Moody", "ORG")}),
        ("Oper shr 20 cts vs 18 cts\n    Avg shrs 6,460,000 vs 5,719,000\n", set()),
        ("Czech Republic and Sri Lanka agreed.", {("Czech Republic", "LOC"), ("Sri Lanka", "LOC")}),
        ("South Africa won the toss.", {("South Africa", "LOC")}),
        ("He passed to Joost van der Westhuizen, who scored.", {("Joost van der Westhuizen", "PER")}),
        ("-- Emese Bartha\nBUDAPEST 1996-08-30", {("Emese Bartha", "PER"), ("BUDAPEST", "LOC")}),
        ("A spokesman for Preussag\nAG said so.", {("Preussag\nAG", "ORG")}),
        ("Acme Corp and Beta Inc agreed.", {("Acme Corp", "ORG"), ("Beta Inc", "ORG")}),
        ("It sold it to Beta Inc. Gamma Ltd said nothing.", {("Beta Inc.", "ORG"), ("Gamma Ltd", "ORG")}),
        ("Shares of Mitsui Co. Ltd rose.", {("Mitsui Co. Ltd", "ORG")}),
        ("Japan said GNP rose while the GDP of Brazil fell.", {("Japan", "LOC"), ("Brazil", "LOC")}),
        ("It closed on 200 . Matches resume in Leeds .", {("Leeds", "LOC")}),  # periods set apart by spaces
        ("United Nations officials left.", {("United Nations", "ORG")}),  # a known institution opens it
        ("Manufacturers Hanover Futures said so.", {("Manufacturers Hanover Futures", "ORG")}),
    ],
)
def test_names_that_common_words_open_or_join_and_words_that_are_no_names(text, expected):
    assert {(n.text, n.type) for n in find_names(text)} == expected


def test_the_word_lists_names_are_looked_up_in_are_sets():
    """Each candidate name is looked up in these lists: a list or tuple is searched one
    word at a time (NATIONALITIES was a list once: a tenth of extraction's instructions)."""
    from tui.extract import lexicon, name_candidates, name_types, names

    sequences = [
        f"{module.__name__}.{constant}"
        for module in (lexicon, name_candidates, name_types, names)
        for constant, value in vars(module).items()
        if constant.isupper() and isinstance(value, (list, tuple))
    ]
    assert sequences == []


def test_a_dateline_in_a_sports_report_is_a_place_but_a_team_before_its_score_is_not():
    text = (
        "SOCCER - DUTCH LEAGUE RESULTS .\nAMSTERDAM 1996-08-30\nResults of Dutch league matches :\nAjax 3 Utrecht 1\n"
    )
    found = {(n.text, n.type) for n in find_names(text)}
    assert ("AMSTERDAM", "LOC") in found and ("Utrecht", "ORG") in found


@pytest.mark.parametrize("text", [
    # no sports header; sides whose first word is a given name ("Crystal", "Lotte")
    "Results of games played on Friday :\nOB 5 Samsung 0\nCrystal Palace 2 Lotte 1\n",
    "Standings after games played on Friday :\nHaitai 64 2 43 .596 -\nCrystal Palace 60 2 49 .550 5\n"
    "Lotte 46 6 54 .462 14\n",
])
def test_the_sides_on_a_line_of_results_or_standings_are_teams(text):
    found = {(n.text, n.type) for n in find_names(text)}
    assert {("Crystal Palace", "ORG"), ("Lotte", "ORG")} <= found
    assert not {n for n in found if n[1] == "PER"}


def test_a_person_with_scores_is_still_a_person():
    found = {(n.text, n.type) for n in find_names("Colin Montgomerie 68 70 72\nPete Sampras beat Tim Henman 6-3 6-4\n")}
    assert {("Colin Montgomerie", "PER"), ("Pete Sampras", "PER"), ("Tim Henman", "PER")} <= found


def test_the_story_after_a_dateline_opens_a_sentence():
    found = {(n.text, n.type) for n in find_names(
        "BRUNO RETIRES .\nLONDON 1996-08-30\nFormer world champion Frank Bruno retired on Friday .\n")}
    assert {("LONDON", "LOC"), ("Frank Bruno", "PER")} <= found and not any(n[0] == "Former" for n in found)


def test_figures_with_values(seed_articles):
    article = seed_articles[TRADE_TALKS]
    text = article.text
    figures = extract(article).figures
    money = [(f.start, f.end, f.value, f.unit) for f in figures if f.kind == "money"]
    assert (*at(text, "$200 billion"), 200e9, "USD") in money
    assert (*at(text, "$50 billion"), 50e9, "USD") in money
    assert (*at(text, "$267 billion"), 267e9, "USD") in money
    counts = {(f.text, f.value, f.unit) for f in figures if f.kind == "count"}
    assert ("over 60 industry groups", 60, "groups") in counts
    assert ("two people", 2, "people") in counts
    other = {
        (f.text, f.value, f.unit)
        for f in extract(article.__class__(id="x", text="a coalition of more than 150 associations")).figures
    }
    assert ("more than 150 associations", 150, "associations") in other


def test_timexes_resolved_against_the_article_date(seed_articles):
    article = seed_articles[TRADE_TALKS]
    text = article.text
    timexes = {(t.start, t.end, t.value) for t in extract(article).timexes}
    assert (*at(text, "Wednesday"), "2018-09-12") in timexes
    assert (*at(text, "November 8, 2017"), "2017-11-08") in timexes
    assert (*at(text, "Aug. 22"), "2018-08-22") in timexes
    assert (*at(text, "23 with"), "2018-08-23") not in timexes  # the span is the day only
    day_23 = text.index("23 with")
    assert (day_23, day_23 + 2, "2018-08-23") in timexes
    assert (*at(text, "last week"), "2018-W36") in timexes


def test_a_photos_date_is_an_event_of_its_caption_not_of_the_story(seed_articles):
    article = seed_articles[TRADE_TALKS]
    kinds = {event.date: event.kind for event in extract(article).events}
    assert kinds["2017-11-08"] == "caption"  # "FILE PHOTO: ... November 8, 2017."
    assert kinds["2018-08-22"] == "mention" and kinds["2018-09-12"] == "article"


def test_timexes_in_the_phase_one_article(seed_articles):
    article = seed_articles[PHASE_ONE]  # dated Thursday 2019-12-12
    text = article.text
    timexes = {(t.text, t.value) for t in extract(article).timexes}
    assert ("next year", "2020") in timexes
    assert ("Last month", "2019-11") in timexes
    assert ("Saturday", "2019-12-07") in timexes
    assert ("September", "2019-09") in timexes
    assert ("Wednesday", "2019-12-11") in timexes
    assert text.count("Wednesday") == 2


def test_events_one_per_dated_sentence(seed_articles):
    article = seed_articles[TRADE_TALKS]
    text = article.text
    events = extract(article).events
    assert events[0].kind == "article" and events[0].date == "2018-09-12"
    assert events[0].start == article.body_start
    met = [e for e in events if "Aug. 22" in e.text]
    assert len(met) == 1
    (event,) = met
    assert event.date == "2018-08-22" and event.granularity == "day"
    assert text[event.start : event.end] == event.text
    assert event.text.startswith("Mid-level U.S. and Chinese officials met")
    assert event.text.endswith("with no agreements.")
    weekly = [e for e in events if e.granularity == "week"]
    assert [e.date for e in weekly] == ["2018-W36"]
    sentence_starts = [e.start for e in events if e.kind == "mention"]
    assert len(sentence_starts) == len(set(sentence_starts))  # no sentence twice


def test_every_offset_slices_back(seed_articles):
    for article in seed_articles.values():
        result = extract(article)
        for item in [*result.names, *result.figures, *result.timexes, *result.events]:
            assert article.text[item.start : item.end] == item.text


def test_one_place_under_one_name_and_reuters_is_an_organisation():
    from datetime import date

    from tui.extract import extract_text

    text = ("WASHINGTON (Reuters) - The U.S. and the United States of America met.\n"
            "The US team and America spoke, he told Reuters. REUTERS/Damir Sagolj\n")
    names = [(n.text, n.type, n.canonical) for n in extract_text(text, date(2019, 1, 1), 0).names]
    assert names == [
        ("WASHINGTON", "LOC", "Washington"), ("Reuters", "ORG", "Reuters"), ("U.S.", "LOC", "United States"),
        ("United States of America", "LOC", "United States"), ("US", "LOC", "United States"),
        ("America", "LOC", "United States"), ("Reuters", "ORG", "Reuters"), ("REUTERS", "ORG", "REUTERS"),
        ("Damir Sagolj", "PER", "Damir Sagolj"),
    ]


def test_a_name_does_not_run_on_past_the_end_of_its_line():
    from datetime import date

    from tui.extract import extract_text

    text = "Results\nWillie\nWood (Scotland) 1 shot behind\nKen\nGreen 2\n"
    names = {n.text for n in extract_text(text, date(1996, 8, 30), 0).names}
    assert "Willie\nWood" not in names and "Ken\nGreen" not in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Swedish arms maker AB Bofors said sales rose.", [("Swedish", "MISC"), ("AB Bofors", "ORG")]),
        ("Ferruzzi Agricola Finanziaria bought the unit.", [("Ferruzzi Agricola Finanziaria", "ORG")]),
        ("said Manufacturers Hanover Futures analyst John Smith.",
         [("Manufacturers Hanover Futures", "ORG"), ("John Smith", "PER")]),
        ("Norway's Christiania Bank og Kreditkasse lost money.",
         [("Norway", "LOC"), ("Christiania Bank og Kreditkasse", "ORG")]),
        ("Nobel Industries AB <NOBL.ST> said it sold shares.", [("Nobel Industries AB", "ORG")]),
        ("Trading closed at 1600 GMT.", [("GMT", "MISC")]),
        ("Troops left the West Bank.", [("West Bank", "LOC")]),
        ("SOCCER - RESULTS\nResults of matches played on Sunday:\nFinal\nScores", []),
        ("There were anti-American protests and pan-European talks.",
         [("anti-American", "MISC"), ("pan-European", "MISC")]),
        ("Lancashire 220 ( A. Dale 60 , I. Austin 40 )", [("Lancashire", "PER"), ("A. Dale", "PER"),
                                                          ("I. Austin", "PER")]),
        ("They chose plan A. The rest left.", []),
        ("Dynamo Moscow drew with Manchester United.", [("Dynamo Moscow", "ORG"), ("Manchester United", "ORG")]),
        ("Real Madrid won.", [("Real Madrid", "ORG")]),
        ("said Ontario-based Magna International Inc.",
         [("Ontario-based", "MISC"), ("Magna International Inc.", "ORG")]),
        ("W L PCT GB\nNEW YORK 74 59", [("NEW YORK", "LOC")]),
        ("Call the Bucharest Newsroom.", [("Bucharest Newsroom", "ORG")]),
        # What an apposition says the name is, when nothing else does.
        ("Fighting near Tavildara, a town east of the capital, went on.", [("Tavildara", "LOC")]),
        ("Shares of Comelf, a Romanian company, rose.", [("Comelf", "ORG"), ("Romanian", "MISC")]),
        ("Zelimkhan, who leads the rebels, spoke.", [("Zelimkhan", "PER")]),
        # Whose a person is: a club or a company.
        ("Everton 's Duncan Ferguson went close.", [("Everton", "ORG"), ("Duncan Ferguson", "PER")]),
        ("Cofinec CEO Stephen Frater told reporters.", [("Cofinec", "ORG"), ("Stephen Frater", "PER")]),
        # What a company makes, and an airline.
        ("Traders expect Hindustan Copper to cut prices.", [("Hindustan Copper", "ORG")]),
        ("He left on an Air France flight.", [("Air France", "ORG")]),
        ("Watched by Olympic sprint champions.", [("Olympic", "MISC")]),
    ],
)
def test_companies_by_their_cues_and_tickers_as_no_names(text, expected):
    from datetime import date

    from tui.extract import extract_text

    assert [(n.text, n.type) for n in extract_text(text, date(1987, 3, 1), 0).names] == expected


def test_lines_in_capitals_each_name_their_own():
    """A run of capitals over several lines (a fixture list) is read line by line."""
    from tui.extract.names import find_names

    text = ("BASEBALL - MAJOR LEAGUE RESULTS THURSDAY .\nNEW YORK 1996-08-30\nFRIDAY , AUGUST 30 SCHEDULE\n"
            "KANSAS CITY AT DETROIT\nCHICAGO AT TORONTO\n")
    names = [n.text for n in find_names(text)]
    assert {"KANSAS CITY", "DETROIT", "CHICAGO", "TORONTO"} <= set(names)
    assert not any("\n" in name for name in names)


def test_a_common_word_labelling_its_line_is_no_name():
    found = {n.text for n in find_names("SOCCER - RESULTS .\nSouthend 1 Swindon 3\nPostponed : Birmingham v Barnsley\n"
                                        "Stoke 2 Reading 2\nTotal : 12\n")}
    assert {"Southend", "Swindon", "Birmingham", "Barnsley", "Stoke", "Reading"} <= found
    assert not found & {"Postponed", "Total"}


def test_a_town_in_a_sports_report_is_its_side_only_when_the_words_say_so():
    text = ("CRICKET - COUNTY ROUND-UP .\nLONDON 1996-08-30\nThe Nottingham side reached 372 as Leicester closed on"
            " 200 . Matches were played in Chelmsford , and Michael Johnson ( U.S. ) watched Derby striker Dean"
            " Sturridge .\n")
    found = {(n.text, n.type) for n in find_names(text)}
    assert {("Nottingham", "ORG"), ("Leicester", "ORG"), ("Derby", "ORG")} <= found
    assert {("LONDON", "LOC"), ("Chelmsford", "LOC"), ("U.S.", "LOC")} <= found  # where, and a country


def test_a_name_shown_as_a_team_is_a_team_wherever_the_article_does_not_say_where():
    text = ("BASEBALL - RESULTS .\nSEOUL 1996-08-31\nOB 5 Lotte 0\nNote - Lotte and Hyundai played two games .\n"
            "Seattle reached the playoffs . In Seattle , fans cheered . Seattle fans sang .\n")
    found = [(n.text, n.type) for n in find_names(text)]
    assert found.count(("Lotte", "ORG")) == 2
    assert found.count(("Seattle", "ORG")) == 2 and ("Seattle", "LOC") in found  # "In Seattle": where


def test_sides_on_a_results_line_and_places_where_they_played():
    from tui.extract.names import find_names

    text = ("BASKETBALL - TOURNAMENT RESULTS .\nESCHEN , Liechtenstein 1996-08-31\nResults on Saturday :\n"
            "Benetton ( Italy ) 92 Dinamo ( Russia ) 81 ( halftime 50-28 )\n"
            "At Bristol : Gloucestershire 183 and 249\n")
    found = {(n.text, n.type) for n in find_names(text)}
    assert {("Benetton", "ORG"), ("Dinamo", "ORG"), ("Italy", "LOC"), ("Russia", "LOC")} <= found
    assert {("ESCHEN", "LOC"), ("Bristol", "LOC")} <= found  # the dateline's town and the ground


def test_a_name_before_a_ticker_is_a_company_all_through_the_article():
    found = [(n.text, n.type) for n in find_names(
        "Christiania Bank og Kreditkasse <CBKO.OL> said it would buy Nobel Industrier <NOBL.ST>. Nobel Industrier "
        "shares rose. France <FR> is no company.")]
    assert found.count(("Nobel Industrier", "ORG")) == 2
    assert ("France", "LOC") in found  # a country stays a place


@pytest.mark.parametrize(("text", "firm"), [
    ("Prices rose, according to Smith Barney, Harris Upham and Co. analysts.", "Smith Barney, Harris Upham and Co."),
    ("It was sold through Merrill Lynch, Pierce, Fenner and Smith Inc said.",
     "Merrill Lynch, Pierce, Fenner and Smith Inc"),
])
def test_a_firm_named_after_its_partners_is_one_name(text, firm):
    assert [(n.text, n.type, n.canonical) for n in find_names(text)] == [(firm, "ORG", firm)]


def test_places_in_a_list_stay_apart():
    assert [n.text for n in find_names("They met in Paris, London and Rome.")] == ["Paris", "London", "Rome"]
