"""Where Dateline keeps what it can rebuild: $XDG_CACHE_HOME/dateline, else
~/.cache/dateline; never beside the user's files."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, IO, Iterator

try:
    import fcntl
except ImportError:  # Windows has none: there each process makes what it needs itself
    fcntl = None  # type: ignore[assignment]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dateline"


def write_atomically(target: Path, write: Callable[[IO[bytes]], None]) -> bool:
    """Write a file whole or not at all: into a temporary file in the same folder, then
    renamed over the target.  False (and nothing left behind) when that cannot be done."""
    handle = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp", delete=False)
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
        return True
    except OSError:
        if handle is not None:
            try:
                os.unlink(handle.name)
            except OSError:
                pass
        return False


@contextmanager
def made_by_one_process(target: Path) -> Iterator[None]:
    """Held while a process makes `target`: another process that wants it meanwhile (the
    extraction workers start together) waits here, then finds it made.  Without a lock
    (no fcntl, a folder that cannot be written) each process goes ahead on its own."""
    handle = None
    if fcntl is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = open(target.with_name(f".{target.name}.lock"), "wb")
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            if handle is not None:
                handle.close()
            handle = None
    try:
        yield
    finally:
        if handle is not None:
            handle.close()  # closing releases the lock
