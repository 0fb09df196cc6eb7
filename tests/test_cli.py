from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tui.cli import SUBCOMMANDS, main


def run(capsys, *args: str, terminal: bool = False) -> tuple[int, str, str]:
    """The command's status and output; with `terminal`, as if its output were a terminal."""
    if terminal:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys.stdout, "isatty", lambda: True)
            code = main(list(args))
    else:
        code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_shape_on_the_seeds(capsys, seed_articles):
    code, out, err = run(capsys, "extract")
    assert code == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == list(seed_articles)
    record = records[0]
    assert set(record) == {"id", "date", "title", "names", "figures", "timexes", "events"}
    text = seed_articles[record["id"]].text
    assert set(record["names"][0]) == {"start", "end", "text", "type", "canonical"}
    assert set(record["figures"][0]) == {"start", "end", "text", "kind", "value", "unit"}
    assert set(record["timexes"][0]) == {"start", "end", "text", "type", "value"}
    assert {"date", "start", "end", "text"} <= set(record["events"][0])
    for key in ("names", "figures", "timexes", "events"):
        for item in record[key]:
            assert text[item["start"] : item["end"]] == item["text"]


def test_extract_jsonl_offsets_index_the_text_field(capsys, write_jsonl):
    text = "PARIS (Reuters) - Officials met on Aug. 22, the ministry said."
    path = write_jsonl([{"id": "p", "date": "2019-09-01", "text": text}])
    code, out, _ = run(capsys, "extract", str(path))
    record = json.loads(out)
    (timex,) = record["timexes"]
    assert text[timex["start"] : timex["end"]] == "Aug. 22" and timex["value"] == "2019-08-22"


def test_search_table_and_json(capsys):
    code, out, _ = run(capsys, "search", "tariff*", terminal=True)
    assert code == 0 and "hits in 2 articles" in out
    code, out, _ = run(capsys, "search", '"phase one"', "--json", "--limit", "1")
    data = json.loads(out)
    assert data["documents"] == 1 and len(data["results"]) == 1 and data["ranked"]
    assert data["results"][0]["id"] == "003_40bfde1db24a8fae"


def test_a_search_too_broad_to_rank_says_so(capsys):
    code, out, _ = run(capsys, "search", "t*", terminal=True)
    assert code == 0 and "the latest first: too many words start with it" in " ".join(out.split())
    code, out, _ = run(capsys, "search", "t*", "--json")
    assert not json.loads(out)["ranked"]


def test_events_filters(capsys):
    code, out, _ = run(capsys, "events", "--since", "2019-12", "--until", "2019-12-11", "--json")
    events = json.loads(out)
    assert code == 0 and events
    assert all("2019-12-01" <= e["date"] <= "2019-12-11" for e in events)
    code, out, _ = run(capsys, "events", "--name", "Mnuchin", "--json")
    assert [e["article"] for e in json.loads(out)] == ["000_d45e1563e4736e50"]


def test_names_json(capsys):
    code, out, _ = run(capsys, "names", "--type", "PER", "--json")
    names = {n["name"]: n for n in json.loads(out)}
    assert names["Donald Trump"]["mentions"] >= 6
    assert "Trump" in names["Donald Trump"]["forms"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", '"open'], "unbalanced quote"),
        (["events", "--since", "2019-13"], "not a date"),
        (["names", "--type", "PERSON"], "invalid choice"),
        (["events", "--name", "Nobody Atall"], "no name in the corpus"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("dateline: ")


def test_unloadable_corpus_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, "names", str(tmp_path / "missing"))
    assert code == 1
    assert "missing: no such file or directory" in err


def test_terminal_output_is_cleaned_but_json_is_exact(capsys, write_jsonl):
    evil = "Evil \x1b]52;c;SGVsbG8=\x07 corp [bold]x[/] said \x9b31m."
    path = write_jsonl([{"id": "e\x1b[2J", "title": "T\x1b]0;pwned\x07", "text": evil}])
    for terminal in (True, False):
        code, out, _ = run(capsys, "search", "evil", str(path), terminal=terminal)
        out = re.sub("\x1b\\[[0-9;]*m", "", out)  # the table's own bold and reverse, on a terminal
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
        assert "[bold]x[/]" in out
    code, out, _ = run(capsys, "search", "evil", str(path), "--json")
    assert "\x1b" not in out and "\x9b" not in out
    assert json.loads(out)["results"][0]["id"] == "e\x1b[2J"


def test_commands_answer_the_same_from_the_cache_and_report_the_same_problems(capsys, tmp_path, monkeypatch):
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"id": "a", "date": "2019-01-02", "text": "Acme Corp raised tariffs on steel on Monday."}) + "\n"
        + "{not json\n"
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first_search = run(capsys, "search", "tarif*", str(path), "--json")  # no cache yet: an index only
    first_names = run(capsys, "names", str(path), "--json")  # extracts, and writes the cache
    assert list((tmp_path / "cache" / "dateline").glob("catalog-*.store"))
    assert run(capsys, "search", "tarif*", str(path), "--json") == first_search
    assert run(capsys, "names", str(path), "--json") == first_names
    code, out, err = first_search
    assert code == 0 and json.loads(out)["documents"] == 1 and "c.jsonl:2: invalid JSON" in err


def test_output_to_a_pipe_is_rows_of_tab_separated_fields_never_cut(capsys):
    code, out, _ = run(capsys, "events")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and len(rows) == 12 and all(len(row) == 4 for row in rows)
    sentence = next(row[3] for row in rows if row[0] == "2018-W36")
    assert sentence.endswith("“ready to on short notice if I want.”") and "…" not in sentence
    code, out, _ = run(capsys, "names", "--type", "PER")
    assert ["PER", "Donald Trump"] == out.splitlines()[0].split("\t")[:2]
    code, out, _ = run(capsys, "search", "tariff*")
    assert [line.split("\t")[:2] for line in out.splitlines()] == [
        ["2018-09-12", "000_d45e1563e4736e50"], ["2019-12-12", "003_40bfde1db24a8fae"]]


def test_the_summary_is_one_line_whatever_its_length(capsys):
    code, out, _ = run(capsys, "--summary")
    assert code == 0 and out == "2 articles (2018-09-12 to 2019-12-12), 12 events, 19 names, 8 figures\n"


def test_singular_counts_on_a_terminal(capsys, write_jsonl):
    path = write_jsonl([{"id": "one", "text": "A single tariff."}])
    code, out, _ = run(capsys, "search", "tariff", str(path), terminal=True)
    assert re.sub("\x1b\\[[0-9;]*m", "", out).startswith("1 hit in 1 article for tariff\n")


def test_help_lists_the_commands_and_version_prints_it(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    for command in ("extract", "search", "events", "names"):
        assert f"\n  {command} " in out
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("dateline ")


@pytest.mark.parametrize(("args", "message"), [
    (["serach", "tariff"], f"not a command or a file: serach (commands: {', '.join(SUBCOMMANDS)})"),
    (["search"], "search: the QUERY is missing (dateline search QUERY [PATH ...])"),
    ([], "the reader needs a terminal; to write to a file or a pipe use a command"),
])
def test_a_mistake_exits_2_with_one_line_that_says_what_to_do(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


@pytest.mark.parametrize("command", [["events"], ["search", "said"], ["extract"], ["names"]])
def test_a_closed_pipe_ends_the_command_quietly(command):
    done = subprocess.run(f"{sys.executable} -m tui {' '.join(command)} | head -c 1 > /dev/null; "
                          "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() in ("0", "141") and done.stderr == ""


def test_options_may_come_after_the_paths(capsys, seed_dir):
    assert main(["search", "tariffs", str(seed_dir), "--limit", "1", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["results"]) == 1
    assert main(["events", str(seed_dir), "--since", "2019-11", "--json"]) == 0
    assert all(e["date"] >= "2019-11" for e in json.loads(capsys.readouterr().out))


def test_columns_names_a_csv_files_fields_for_every_command(capsys, tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text('headline,story,published\n"Talks","Officials met on Aug. 22.",2018-09-12\n', encoding="utf-8")
    code, out, err = run(capsys, "events", str(path), "--json", "--columns", "text=story,date=published,title=headline")
    assert code == 0 and err == ""
    assert [(e["date"], e["kind"]) for e in json.loads(out)] == [
        ("2018-08-22", "mention"), ("2018-09-12", "article")]
    code, out, err = run(capsys, "search", "officials", str(path), "--columns", "text=story", "--json")
    assert code == 0 and json.loads(out)["results"][0]["title"] == "Talks"
    code, _, err = run(capsys, "events", str(path), "--columns", "story")
    assert code == 2 and err == ("dateline: events: argument --columns: 'story' is not FIELD=COLUMN "
                                 "(see dateline events --help)\n")
