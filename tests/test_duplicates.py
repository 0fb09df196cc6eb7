"""Near-duplicate stories: a story and its rewrites group together, other stories do not."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.index.duplicates import DuplicateFolding, DuplicateGroup, jaccard, near_duplicates, shingles

STORY = ("Acme Corp said on Monday it would close its plant in Ohio, cutting 1,200 jobs by the end of the year. "
         "The company blamed falling demand for its steel pipes and rising costs. "
         "Acme shares fell 3 pct to 41 dlrs in early trading in New York. "
         "Union leaders said they would seek talks with the company this week. "
         "The plant opened in 1952 and employs most of the town's workers.")
UPDATE = STORY.replace("The company blamed", "Acme, the largest employer in the county, blamed") + (
    " The governor said the state would help the workers find new jobs.")
SWAPPED = ". ".join(reversed(STORY.split(". ")))
OTHER = ("Cocoa prices rose sharply in London on Tuesday after reports of dry weather in the Ivory Coast, "
         "dealers said. The May contract gained 40 stg to 1,310 stg a tonne. Arrivals at ports were slow.")
TEMPLATE = ("The Federal Reserve entered the U.S. Government securities market to arrange {amount} billion dlrs "
            "of customer repurchase agreements, a Fed spokesman said. Dealers said federal funds were trading "
            "at {rate} pct when the Fed began its temporary and indirect supply of reserves to the banking system.")
DAY = date(1987, 3, 2)


def groups_of(texts, days=None) -> list[tuple[int, ...]]:
    return [group.articles for group in near_duplicates(texts, days)]


def test_a_story_and_its_rewrites_are_one_group():
    assert groups_of([STORY, OTHER, UPDATE, SWAPPED]) == [(0, 2, 3)]
    (group,) = near_duplicates([STORY, UPDATE])
    assert 0.5 <= group.similarity < 1


def test_a_template_filled_with_other_figures_is_another_story():
    monday = TEMPLATE.format(amount="1.5", rate="6-1/8")
    tuesday = TEMPLATE.format(amount="2.5", rate="6-3/16")
    assert groups_of([monday, tuesday]) == []
    assert groups_of([monday, monday]) == [(0, 1)]  # the same story sent twice


def test_stories_weeks_apart_are_not_duplicates():
    assert groups_of([STORY, UPDATE], [DAY, date(1987, 3, 4)]) == [(0, 1)]
    assert groups_of([STORY, UPDATE], [DAY, date(1987, 4, 20)]) == []
    assert groups_of([STORY, UPDATE], [DAY, None]) == [(0, 1)]  # an undated one goes with any


def test_a_headline_alone_is_not_compared():
    assert groups_of(["Acme to close Ohio plant", "Acme to close Ohio plant"]) == []


@settings(max_examples=30, deadline=None)
@given(st.permutations([STORY, OTHER, UPDATE, SWAPPED, OTHER.upper()]))
def test_the_groups_do_not_depend_on_the_order_of_the_corpus(texts):
    grouped = {frozenset(texts[n] for n in group) for group in groups_of(list(texts))}
    assert grouped == {frozenset({STORY, UPDATE, SWAPPED}), frozenset({OTHER, OTHER.upper()})}


@given(st.text(alphabet="ab cd\n", max_size=200), st.text(alphabet="ab cd\n", max_size=200))
def test_jaccard_is_symmetric_and_bounded(first, second):
    vocabulary: dict[str, int] = {}
    one, other = shingles(first, vocabulary), shingles(second, vocabulary)
    assert jaccard(one, other) == jaccard(other, one)
    assert 0 <= jaccard(one, other) <= 1


def test_duplicates_prints_groups_of_ids(write_jsonl, capsys):
    path = write_jsonl([
        {"id": "first", "date": "1987-03-02", "title": "ACME TO CLOSE OHIO PLANT", "text": STORY},
        {"id": "cocoa", "date": "1987-03-02", "text": OTHER},
        {"id": "update", "date": "1987-03-03", "title": "ACME TO CLOSE OHIO PLANT (UPDATE 1)", "text": UPDATE},
    ])
    assert main(["duplicates", str(path), "--json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    assert group["ids"] == ["first", "update"] and 0.5 <= group["similarity"] <= 1


def test_folding_keeps_the_first_article_shown_of_each_group_and_counts_the_others():
    folding = DuplicateFolding([DuplicateGroup((0, 1, 2), 0.8), DuplicateGroup((5, 6), 0.9)])
    assert folding.fold(None) == ({1, 2, 6}, {0: 2, 5: 1})
    assert folding.fold({2: 0.5, 1: 0.4, 3: 0.1}) == ({2}, {1: 1})  # a search that left the later ones
    assert folding.fold([2, 3]) == (set(), {})
    assert folding.fold([0, 1, 3, 5, 6], unfolded={0}) == ({6}, {5: 1})
    assert folding.fold([6]) == (set(), {})  # fewer articles than groups: looked up one by one
    three = DuplicateFolding([DuplicateGroup((0, 1, 2), 0.8), DuplicateGroup((5, 6), 0.9), DuplicateGroup((8, 9), 1)])
    assert three.fold({2, 1}) == three.fold([1, 2, 3]) == ({2}, {1: 1})
    assert three.fold([1, 2], unfolded={0}) == (set(), {})


async def test_the_timeline_shows_a_story_once_with_its_count_o_unfolds_and_o_turns_it_off(write_jsonl):
    from tui.app.reader import DatelineApp
    from tui.app.timeline import Timeline
    from tui.index.opening import open_catalog

    path = write_jsonl([{"id": "story", "date": "1987-03-02", "text": STORY},
                        {"id": "update", "date": "1987-03-02", "title": "ACME TO CLOSE (UPDATE 1)", "text": UPDATE},
                        {"id": "other", "date": "1987-03-03", "text": OTHER}])
    catalog = open_catalog([path])
    app = DatelineApp([str(path)], catalog)
    async with app.run_test(size=(100, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        timeline = app.query_one(Timeline)
        shown = {catalog.articles[e.article].id for e in timeline.events}
        assert shown == {"story", "other"}
        row = next(y for y in range(24) if "■" in timeline.render_line(y).text)
        assert "(+1) " in timeline.render_line(row).text
        await pilot.press("o")
        assert {catalog.articles[e.article].id for e in timeline.events} == {"story", "update", "other"}
        await pilot.press("o", "O")
        assert {catalog.articles[e.article].id for e in timeline.events} == {"story", "update", "other"}
        assert timeline.standing_for == {}
        await pilot.press("O")
        assert {catalog.articles[e.article].id for e in timeline.events} == {"story", "other"}


async def test_with_group_duplicates_off_in_the_settings_every_near_duplicate_is_a_row(write_jsonl):
    from tui.app.reader import DatelineApp
    from tui.app.timeline import Timeline
    from tui.index.opening import open_catalog
    from tui.settings import Settings

    path = write_jsonl([{"id": "story", "date": "1987-03-02", "text": STORY},
                        {"id": "update", "date": "1987-03-02", "text": UPDATE}])
    app = DatelineApp([str(path)], open_catalog([path]), settings=Settings(group_duplicates=False))
    async with app.run_test(size=(100, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len({e.article for e in app.query_one(Timeline).events}) == 2
        await pilot.press("O")
        assert len({e.article for e in app.query_one(Timeline).events}) == 1


def test_near_duplicates_are_found_once_and_kept_beside_the_cache_entry(write_jsonl, capsys, monkeypatch, tmp_path):
    import tui.index.opening as opening
    from tui.cache_home import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write_jsonl([
        {"id": "first", "date": "1987-03-02", "text": STORY},
        {"id": "update", "date": "1987-03-03", "text": UPDATE},
        {"id": "cocoa", "date": "1987-03-02", "text": OTHER},
    ])
    assert main(["names", str(path)]) == 0  # the cache entry
    capsys.readouterr()
    assert main(["duplicates", str(path), "--json"]) == 0  # found, and kept
    found = capsys.readouterr().out
    (kept,) = cache_dir().glob("catalog-*.duplicates")

    def not_again(articles):
        raise AssertionError("the near-duplicates were looked for again")

    with monkeypatch.context() as patched:
        patched.setattr(opening, "duplicate_articles", not_again)
        assert main(["duplicates", str(path), "--json"]) == 0
        assert capsys.readouterr().out == found
    data = bytearray(kept.read_bytes())
    data[-3] ^= 0x10
    kept.write_bytes(bytes(data))
    assert main(["duplicates", str(path), "--json"]) == 0  # damaged: found again
    assert capsys.readouterr().out == found and kept.exists()
