"""Where Dateline keeps what the reader made and chose, per corpus: marks, and where the
reader was.  Unlike the cache this cannot be rebuilt, so it is never emptied.

The folder is $XDG_STATE_HOME/dateline, else ~/.local/state/dateline, made 0700 and used
only while it is a real folder of this user's.  A corpus's file is small JSON, written
atomically; what is read back is data of a checked shape, and a file that is not is
set aside (renamed, not removed) and the reader starts afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import IO, Iterable

from .cache_home import own_folder_problem, write_atomically
from .corpus.sources import STANDARD_INPUT, seed_corpus_path

STATE_FORMAT = 1
MAX_STATE_BYTES = 8 * 1024 * 1024  # far above any reader's marks: a larger file is not ours


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "dateline"


def state_folder_problem() -> str | None:
    """Why the state folder cannot be used, or None once it is there and this user's."""
    return own_folder_problem(state_dir(), f"state folder {state_dir()}")


def corpus_state_key(paths: Iterable[str] | None) -> str | None:
    """Which corpus this is, whatever its files hold now: the real paths asked for, in
    any order (the seeds when none).  None for standard input, which is gone once read."""
    targets = list(paths) if paths else [str(seed_corpus_path())]
    if STANDARD_INPUT in targets:
        return None
    real = sorted({os.path.realpath(target) for target in targets})
    return hashlib.sha256("\0".join(real).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def state_path(key: str) -> Path:
    return state_dir() / f"corpus-{key}.json"


def read_state(key: str) -> tuple[dict, str | None]:
    """The corpus's saved state (an empty one if none), and a one-line problem when the
    file was there but unreadable or damaged (it is then set aside as .damaged)."""
    if state_folder_problem():
        return {}, None
    return _stored_state(key)


def _stored_state(key: str) -> tuple[dict, str | None]:
    """read_state, in a state folder already found usable."""
    path = state_path(key)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_STATE_BYTES + 1)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"{path}: cannot read ({(exc.strerror or str(exc)).lower()}); marks and place not restored"
    try:
        state = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_STATE_BYTES else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        state = None
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
        aside = path.with_suffix(".damaged")
        try:
            os.replace(path, aside)
        except OSError:
            pass
        return {}, f"{path}: damaged, set aside as {aside.name}; marks and place start afresh"
    return state, None


def update_state(key: str, paths: Iterable[str] | None, **fields: object) -> str | None:
    """Replace these fields of the corpus's state, keeping the others (another reader of
    the corpus may have written them since); a one-line problem, or None when written."""
    problem = state_folder_problem()
    if problem:
        return problem
    state, _damaged = _stored_state(key)
    state.update(fields, format=STATE_FORMAT, paths=[os.path.realpath(p) for p in paths or []])
    data = json.dumps(state, ensure_ascii=True, indent=1).encode("ascii")

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    if not write_atomically(state_path(key), write):
        return f"{state_path(key)}: cannot be written; marks and place are kept for this session only"
    return None
