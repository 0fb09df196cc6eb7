"""End to end: the installed `dateline` in a real terminal (tmux, 80x24), read back as a
person would see it.  tests/ssh_e2e.sh does the same through a real SSH session."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, command: str, width: int = 80, height: int = 24) -> None:
        self.socket = f"dateline-test-{uuid.uuid4().hex[:8]}"
        self.session = "reader"
        self._tmux("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), command)

    def _tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.session).stdout

    def keys(self, *keys: str, pause: float = 0.25) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", self.session, key)
            time.sleep(pause)

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        """The screen once it shows all of texts at once (a capture can catch a screen
        half drawn, so what should be there together is waited for together)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{texts!r} never appeared together; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        return self._tmux("has-session", "-t", self.session).returncode == 0

    def close(self) -> None:
        self._tmux("kill-server")


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
