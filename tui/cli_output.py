"""How the command line writes: tables on a terminal, whole tab-separated rows to a pipe,
JSON that cannot drive a terminal, and nothing that fails to encode."""

from __future__ import annotations

import json
import sys
from typing import Iterable, Sequence

from rich.console import Console
from rich.text import Text

from .terminal_text import json_escaped, one_line


def output_never_fails_to_encode() -> None:
    """A terminal or pipe in another encoding than UTF-8 (LANG=en_US.ISO-8859-1) shows
    what it cannot encode as '?' rather than ending the command."""
    for stream in (sys.stdout, sys.stderr):
        if not writes_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def writes_utf8(stream) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") == "utf8"


def json_line(value: object) -> str:
    """JSON with every character that could drive a terminal escaped (still exact JSON);
    all of it ASCII when the output is not UTF-8."""
    return json_escaped(json.dumps(value, ensure_ascii=not writes_utf8(sys.stdout)))


def print_rows(rows: Iterable[Sequence[str]]) -> None:
    """For programs: one row a line, fields tab-separated and whole, each on one line."""
    out = sys.stdout
    for row in rows:
        out.write("\t".join(one_line(field) for field in row) + "\n")
    out.flush()


def console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def cell(text: str, style: str = "") -> Text:
    return Text(one_line(text), style=style)
