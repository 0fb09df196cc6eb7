"""Run `dateline` under a pseudo-terminal, type keys, and collect every byte it writes."""

from __future__ import annotations

import atexit
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class PtySession:
    def __init__(self, args: list[str], width: int = 80, height: int = 24, env: dict | None = None,
                 stdin_file: str | None = None, command: list[str] | None = None) -> None:
        """With `stdin_file`, standard input is that file and the pty is only the
        controlling terminal (`cat corpus | dateline -`).  `command` runs another
        dateline (an installed one) instead of this source tree's."""
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        state = tempfile.mkdtemp(prefix="dateline-test-state-")  # a new user's
        atexit.register(shutil.rmtree, state, True)
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(width), "LINES": str(height),
                       "XDG_STATE_HOME": state}
        if command is None:  # this source tree's reader, whatever the working directory or an installed copy
            command = [sys.executable, "-m", "tui"]
            environment["PYTHONPATH"] = os.pathsep.join(filter(None, [PROJECT_ROOT, os.environ.get("PYTHONPATH")]))
        environment.update(env or {})
        stdin = open(stdin_file, "rb") if stdin_file else slave

        def controlling_terminal() -> None:  # a session of its own, whose terminal is the pty
            os.setsid()
            fcntl.ioctl(1, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [*command, *args],
            stdin=stdin, stdout=slave, stderr=slave, env=environment, close_fds=True, preexec_fn=controlling_terminal,
        )
        os.close(slave)
        if stdin_file:
            stdin.close()
        self.output = bytearray()

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output.extend(chunk)

    def wait_for(self, marker: bytes, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while marker not in self.output and time.monotonic() < deadline:
            self.read(0.1)
        assert marker in self.output, f"{marker!r} never appeared"

    def type(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            os.write(self.master, key.encode())
            self.read(pause)

    def finish(self, seconds: float = 10.0) -> int:
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        self.read(0.2)
        if self.process.poll() is None:
            self.process.kill()
        os.close(self.master)
        return self.process.wait()
