"""Piping an article to a command the reader types, as less's and newsboat's `|` do: the
command is the user's own, run by their shell with their rights; the article's text is
its standard input and nothing from the corpus goes into the command line."""

from __future__ import annotations

import os
import subprocess
import sys

from ..terminal_text import one_line


def run_with_input(command: str, text: str) -> int:
    """Run the command with the text on its standard input, on the terminal the reader
    has set aside; then wait for Enter, so that what it printed can be read.  Its exit
    status."""
    shell = os.environ.get("SHELL") or "/bin/sh"
    try:
        status = subprocess.run([shell, "-c", command], input=text.encode("utf-8", "surrogatepass")).returncode
        said = f"exited with status {status}" if status else "done"
    except OSError as exc:
        status, said = 127, f"could not run ({exc.strerror or exc})"
    sys.stdout.write(f"\n{one_line(command)}: {said}. Press Enter to go back to Dateline.")
    sys.stdout.flush()
    try:
        sys.stdin.readline()
    except (OSError, ValueError):
        pass
    return status
