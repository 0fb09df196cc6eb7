"""End to end: the installed `dateline` in a real terminal (tmux, 80x24), read back as a
person would see it.  tests/ssh_e2e.sh does the same through a real SSH session."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time

import pytest
from tmux_terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal():
    installed = shutil.which("dateline")
    command = shlex.quote(installed) if installed else f"{shlex.quote(sys.executable)} -m tui"
    term = Terminal(f"TERM=xterm-256color {command}")
    yield term
    term.close()


def test_reader_in_a_real_terminal(terminal):
    terminal.wait_for("2 articles · 12 of 12 events")
    # The first article is open, beside the timeline, above the footer.
    terminal.wait_for("The Trump administration has reached out to", "2017", "Nov 8", "Quit")
    terminal.keys("j")
    terminal.wait_for("▌ Mid-level U.S. and Chinese officials")  # the event's sentence, marked
    terminal.keys("/", "tariff")
    terminal.wait_for("hits in 2 articles", "12 hits")
    terminal.keys("Enter", "Escape")
    terminal.wait_for("12 of 12 events")
    terminal.keys("p")
    terminal.wait_for("Donald Trump", "person")
    terminal.keys("Escape", "q")
    deadline = time.monotonic() + 10
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not terminal.alive()  # q quits


def test_missing_corpus_reports_one_line(tmp_path):
    installed = shutil.which("dateline")
    command = [installed] if installed else [sys.executable, "-m", "tui"]
    result = subprocess.run([*command, str(tmp_path / "nope.jsonl")], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"dateline: {tmp_path / 'nope.jsonl'}: no such file or directory"]


def test_ctrl_z_suspends_and_fg_brings_the_reader_back():
    installed = shutil.which("dateline")
    command = shlex.quote(installed) if installed else f"{shlex.quote(sys.executable)} -m tui"
    term = Terminal("bash --norc --noprofile")
    try:
        term.keys(f"clear; TERM=xterm-256color {command}", "Enter")
        term.wait_for("2 articles · 12 of 12 events")
        term.keys("j", "C-z")
        term.wait_for("Stopped")
        term.keys("echo shell-is-back", "Enter")
        term.wait_for("shell-is-back")
        term.keys("fg", "Enter")
        # every cell drawn again, the shell's lines gone, the reader where it was
        screen = term.wait_for("2 articles · 12 of 12 events", "▌ Mid-level U.S. and Chinese officials", "Quit")
        assert "shell-is-back" not in screen and "Stopped" not in screen
        term.keys("q")
        deadline = time.monotonic() + 10
        while not term.screen().rstrip().endswith(("#", "$")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert term.screen().rstrip().endswith(("#", "$"))  # q quit, back at the shell's prompt
    finally:
        term.close()
