"""The reader ends as a terminal program should: the terminal given back on every signal
that ends it, a non-zero status after a crash, and q or Ctrl+C obeyed at once whatever
the load is doing."""

from __future__ import annotations

import os
import signal
import time

import pytest
from pty_session import PROJECT_ROOT, PtySession

ALTERNATE_SCREEN_ON, ALTERNATE_SCREEN_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_ON, MOUSE_OFF = b"\x1b[?1000h", b"\x1b[?1000l"


def assert_terminal_given_back(output: bytes) -> None:
    last = output.rfind(ALTERNATE_SCREEN_ON)
    assert last >= 0, "the reader never drew"
    after = output[last:]
    assert ALTERNATE_SCREEN_OFF in after, "left in the alternate screen"
    if MOUSE_ON in after:
        assert after.rfind(MOUSE_OFF) > after.rfind(MOUSE_ON), "left with mouse reporting on"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGINT])
def test_an_ending_signal_gives_the_terminal_back(signum):
    session = PtySession([])
    session.wait_for(b"events")
    os.kill(session.process.pid, signum)
    code = session.finish(seconds=10)
    assert code == 128 + signum
    assert_terminal_given_back(bytes(session.output))


def test_a_crash_exits_non_zero_with_the_error_after_the_screen_is_restored(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(
        "import tui.app.reader_screen as reader\n"
        "def crash(self):\n"
        "    raise RuntimeError('injected failure')\n"
        "reader.ReaderScreen.refresh_timeline = crash\n"
    )
    session = PtySession([], env={"PYTHONPATH": os.pathsep.join([str(tmp_path), PROJECT_ROOT])})
    code = session.finish(seconds=30)
    output = bytes(session.output)
    assert code == 1
    assert b"injected failure" in output[output.rfind(ALTERNATE_SCREEN_OFF):]


@pytest.mark.parametrize("key", ["q", "\x03"])  # \x03: Ctrl+C
def test_quitting_while_the_load_is_blocked_on_a_fifo_takes_under_a_second_or_two(tmp_path, key):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)  # no writer: opening it blocks the load forever
    session = PtySession([str(fifo)])
    session.wait_for(b"Quit")
    started = time.monotonic()
    session.type(key, pause=0.1)
    code = session.finish(seconds=10)
    assert code == 0 and time.monotonic() - started < 3
    assert_terminal_given_back(bytes(session.output))


def test_a_load_that_fails_ends_the_reader_with_its_error(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(
        "import tui.app.reader_screen as reader\n"
        "def fail(*args, **kwargs):\n"
        "    raise RuntimeError('load failure')\n"
        "    yield\n"
        "reader.open_in_stages = fail\n"
    )
    session = PtySession([], env={"PYTHONPATH": os.pathsep.join([str(tmp_path), PROJECT_ROOT])})
    code = session.finish(seconds=30)
    output = bytes(session.output)
    assert code == 1
    assert b"load failure" in output[output.rfind(ALTERNATE_SCREEN_OFF):]
