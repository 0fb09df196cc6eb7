"""How the reader's process ends.  Every signal that ends it (TERM, HUP, QUIT, INT) gives
the terminal back as it was found; a crash exits non-zero, its error on stderr once the
screen is restored; and a load blocked in a read that cannot be interrupted (a FIFO with
no writer) does not keep the process alive after the reader has closed."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from typing import Callable

from textual.app import App

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGINT)
GRACE_SECONDS = 2.0  # for the reader to close by itself after a signal, before it is cut short
THREADS_GRACE_SECONDS = 0.5  # for background work (a cache being written) to finish on leaving
# Mouse reporting, bracketed paste, focus events off; the cursor shown; the main screen back.
RESTORE_TERMINAL = "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1004l\x1b[?25h\x1b[?1049l"

try:
    import termios
except ImportError:  # not on Unix
    termios = None  # type: ignore[assignment]


def run(app: App, after: Callable[[], None] | None = None) -> int:
    """Run the reader, then `after` (what it keeps of the session); its exit status: 0,
    1 after a crash, 128 + N after signal N."""
    saved = _terminal_settings()
    app.run()
    code = app.return_code or 0
    if after is not None:
        after()
    _leave_without_blocked_threads(code)
    if saved is not None and code >= 128:
        _restore_terminal(saved)
    return code


def handle_ending_signals(app: App) -> None:
    """From the reader's event loop (on mount): each ending signal closes the reader."""
    loop = asyncio.get_running_loop()
    saved = _terminal_settings()
    for signum in ENDING_SIGNALS:
        loop.add_signal_handler(signum, _ended_by_signal, app, signum, saved)


def _ended_by_signal(app: App, signum: int, saved: list | None) -> None:
    code = 128 + signum
    app.exit(return_code=code)
    # Should the reader not close in time (its loop stuck), the terminal is restored here.
    threading.Thread(target=_cut_short, args=(code, saved), daemon=True, name="cut-short").start()


def _cut_short(code: int, saved: list | None) -> None:
    time.sleep(GRACE_SECONDS)
    _restore_terminal(saved)
    os._exit(code)


def _terminal_settings() -> list | None:
    if termios is None:
        return None
    try:
        return termios.tcgetattr(sys.__stdin__.fileno())  # type: ignore[union-attr]  # None: caught
    except (OSError, ValueError, AttributeError, termios.error):
        return None


def _restore_terminal(saved: list | None) -> None:
    try:
        os.write(sys.__stderr__.fileno(), RESTORE_TERMINAL.encode())  # type: ignore[union-attr]  # None: caught
    except (OSError, ValueError, AttributeError):
        pass
    if termios is not None and saved is not None:
        try:
            termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, saved)  # type: ignore[union-attr]
        except (OSError, ValueError, AttributeError, termios.error):
            pass


def _leave_without_blocked_threads(code: int) -> None:
    """Threads still running once the reader has closed get a moment to finish; one that
    does not (blocked in a read) is left behind, and the process exits without it."""
    deadline = time.monotonic() + THREADS_GRACE_SECONDS
    for thread in threading.enumerate():
        if thread is threading.main_thread() or thread.daemon:
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
