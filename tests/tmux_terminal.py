"""A reader in a real terminal: tmux runs it, keys go in with send-keys, and the screen
comes back with capture-pane, as text or with its colours."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
import time
import uuid


class Terminal:
    def __init__(self, command: str, width: int = 80, height: int = 24) -> None:
        self.socket = f"dateline-test-{uuid.uuid4().hex[:8]}"
        self.session = "reader"
        # A reader of its own state, as a new user's: none opens where another test left off.
        state = tempfile.mkdtemp(prefix="dateline-test-state-")
        atexit.register(shutil.rmtree, state, True)
        self._tmux("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
                   "-e", f"XDG_STATE_HOME={state}", command)

    def _tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)

    def screen(self, colours: bool = False) -> str:
        """The screen's text; with `colours`, with the SGR sequences of its cells."""
        return self._tmux("capture-pane", *(["-e"] if colours else []), "-p", "-t", self.session).stdout

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
