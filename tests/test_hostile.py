"""Hostile article text: it never drives the terminal and is never read as markup."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pty_session import PtySession

from tui.app.article import ArticleView
from tui.app.names_panel import NamesPanel
from tui.app.reader import DatelineApp
from tui.app.timeline import Timeline
from tui.index.opening import open_catalog
from tui.terminal_text import terminal_safe

PAYLOADS = {
    "osc52": "\x1b]52;c;UFdORUQ=\x07",
    "osc0": "\x1b]0;PWNED-TITLE\x07",
    "osc8": "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "c1_csi": "\x9b31mC1RED",
    "c1_osc": "\x9d0;C1TITLE\x9c",
    "dcs": "\x1bPDCSPAYLOAD\x1b\\",
    "apc": "\x1b_APCPAYLOAD\x1b\\",
    "pm": "\x1b^PMPAYLOAD\x1b\\",
    "sos": "\x1bXSOSPAYLOAD\x1b\\",
    "clear": "\x1b[2J\x1b[HCLEARED",
    "bidi": "\u202eRTLO\u202c and \u2066ISO\u2069",
    "controls": "bell\x07 back\x08space del\x7f cr\rreturn",
    "spoof": "b2\n*** ID SPOOF ***\t\r\nrow",
    "marks": "\u200eLRM\u200fRLM\u061cALM\ufeffBOM",
    "separators": "line\u2028sep\u2029para",
    "surrogate": "half \ud800 \udc9b",
}
# What no payload may put on the terminal raw: C1 controls, bidi marks and controls, the
# byte order mark, the line and paragraph separators.
RAW_UNSAFE_RE = "[\x80-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029\ud800-\udfff]"
MARKUP = "[bold red]x[/] [@click=app.quit]click me[/] [link=http://evil.example]l[/link] [/bold]"


def hostile_corpus(folder: Path) -> Path:
    records = []
    for number, (name, payload) in enumerate(PAYLOADS.items()):
        records.append({
            "id": f"evil-{name}{payload}",
            "date": f"2019-0{1 + number % 9}-1{number % 9}",
            "title": f"Title {payload} {MARKUP}",
            "text": (
                f"Evil Corp said on Monday {payload} that Acme Industries paid $5 million. "
                f"{MARKUP} The evil plan {payload} was reported last week by Reuters."
            ),
        })
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": ""})


@pytest.mark.parametrize(
    "command",
    [["extract"], ["events"], ["names"], ["search", "evil"], ["search", "--json", "evil"], ["events", "--json"]],
)
def test_commands_print_hostile_records_safely(tmp_path, command):
    corpus = hostile_corpus(tmp_path)
    # A file name that is not UTF-8: its byte 0x9b (an 8-bit CSI) is a lone surrogate in Python.
    odd_name = tmp_path / os.fsdecode(b"odd\x9bname.jsonl")
    odd_name.write_text(json.dumps({"date": "2019-05-05", "text": "Evil Corp met on Monday."}) + "\n", encoding="utf-8")
    done = run_command(*command[:1], *command[1:], str(corpus), str(odd_name))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout.strip()
    for stream in (done.stdout, done.stderr):
        assert b"\x1b" not in stream  # (an 8-bit CSI would show as U+009B, below)
        assert not re.search(RAW_UNSAFE_RE, stream.decode("utf-8"))  # and it is UTF-8
    if "--json" in command or command == ["extract"]:
        lines = done.stdout.decode().splitlines()
        assert all(json.loads(line) is not None for line in lines)
        assert "\\ud800" in done.stdout.decode()  # exact: the lone surrogate, escaped
    else:
        assert b"\n*** ID SPOOF" not in done.stdout


def test_terminal_safe_neutralises_every_payload():
    for payload in PAYLOADS.values():
        cleaned = terminal_safe(payload)
        assert len(cleaned) == len(payload)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", cleaned) and not re.search(RAW_UNSAFE_RE, cleaned)
    assert terminal_safe("\x1b]0;x\x07") == "␛]0;x␇"  # visible, so a reader sees something was there


def test_raw_bytes_written_under_a_pty_carry_no_payload(tmp_path):
    corpus = hostile_corpus(tmp_path)
    session = PtySession([str(corpus)])
    session.wait_for(b"events")
    session.type("j", "j", "j", "w", "f")  # timeline, then the article's names and figures
    session.type("\t", "j", "\t")  # through the panes
    session.type("p", "j", "\r", "x")  # the names panel, a filter, cleared
    session.type("/", "e", "v", "i", "l", "\r", "n", "n", "N")  # a search and its hits
    session.type("q")
    code = session.finish()
    assert code == 0
    out = bytes(session.output)
    assert b"\x1b]52;" not in out and b"\x1b]0;" not in out and b"\x1b]2;" not in out and b"\x1b]8;" not in out
    assert set(re.findall(rb"\x1b\](\d*)", out)) <= {b"22"}  # Textual's own pointer-shape OSC only
    for introducer in (b"\x1bP", b"\x1b_", b"\x1b^", b"\x1bX", b"\x1b[2J"):
        assert introducer not in out, introducer
    own = re.sub(rb"\x1b\]22;[^\x07\x1b]*(?:\x07|\x1b\\)", b"", out)
    assert b"\x07" not in own and b"\x08" not in own and b"\x7f" not in own
    text = out.decode("utf-8", errors="replace")
    assert not re.search(RAW_UNSAFE_RE, text)
    assert b"\n*** ID SPOOF" not in out and b"\r\nrow" not in out  # single-line fields stay on their line
    assert "␛" in text  # the payloads are shown, neutralised, not dropped silently


async def test_markup_in_text_titles_ids_and_names_shows_literally(tmp_path):
    catalog = open_catalog([hostile_corpus(tmp_path)], use_cache=False)
    app = DatelineApp(catalog=catalog)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        rendered = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "[bold red]x[/]" in rendered and "[@click=app.quit]click me[/]" in rendered
        assert "[link=http://evil.example]l[/link] [/bold]" in rendered
        assert "␛]" in rendered  # the title and text payloads, visible
        timeline = app.query_one(Timeline)
        labels = "\n".join(timeline.render_line(y).text for y in range(timeline.size.height))
        assert "Evil Corp said" in labels
        await pilot.press("p")
        await pilot.pause()
        panel = app.query_one(NamesPanel)
        assert any(entry.name == "Acme Industries" and entry.type == "ORG" for entry in panel.entries)
        await pilot.press("escape", "slash", *"click", "enter")
        await pilot.pause(0.3)
        assert app.reader.search_result.documents == len(PAYLOADS)
        assert app.is_running  # no [@click=app.quit] ever ran


@pytest.mark.parametrize(
    "query", ['"open', "*", "x" * 10_000, r"(a+)+$ [.*] \d{99}", "\x1b[31m\x9b\u202e", 'a* b* c* "d e* f"']
)
def test_any_typed_query_gives_results_or_a_message(tmp_path, query):
    catalog = open_catalog([hostile_corpus(tmp_path)], use_cache=False)
    from tui.index.query import QueryError, parse_query

    try:
        result = catalog.index.search(parse_query(query))
    except QueryError as exc:
        assert str(exc)
    else:
        assert result.documents >= 0


async def test_line_breaks_in_single_line_fields_stay_on_their_line(write_jsonl):
    path = write_jsonl([{"id": "b2\n*** ID SPOOF ***", "source": "wire\r\nfeed", "date": "2019-05-05",
                         "title": "A\u2028title", "text": "Evil Corp met on Monday."}])
    app = DatelineApp(catalog=open_catalog([path], use_cache=False))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        lines = [view.render_line(y).text for y in range(view.size.height)]
        assert not any(re.search("[\n\r\u2028]", line) for line in lines)
        assert "wire feed" in view.meta_line() and "b2 *** ID SPOOF ***" in view.meta_line()
