"""Dateline's own cache: what extraction and indexing made of a corpus, so that opening it
again takes a fraction of a second.

- Lives under the user's cache directory ($XDG_CACHE_HOME/dateline, else ~/.cache/dateline),
  never beside the corpus.
- Keyed by every loaded file's path, size and modification time, and by the extractor and
  cache versions: any change to the corpus or to Dateline makes a new key.
- Written atomically (a temporary file in the same folder, then rename), so a crash leaves
  either the old entry or the new one.
- Checked on reading: a file that is truncated, corrupt or holds another key is ignored
  and rebuilt, never trusted.
- In parts, read one after the other: the reader's first screen, then the whole timeline
  and the articles, then the search index and the names.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Iterator

from ..cache_home import cache_dir, write_atomically
from ..corpus.loaders import LoadProblem, StandardInput, iter_sources
from ..extract import EXTRACTOR_VERSION

CACHE_FORMAT = 7
MAGIC = b"dateline-cache\n"
KEEP_ENTRIES = 8  # older entries are removed when a new one is written


def sources_key(paths: list[str] | None) -> str | None:
    """A key for exactly the files a load of these paths would read, in exactly their
    present state (path, size, modification and change times), found without reading
    them; None if a file vanished meanwhile or one is a stream."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}|{EXTRACTOR_VERSION}|{sys.version_info[:2]}".encode())
    for source in iter_sources(paths):
        if isinstance(source, LoadProblem):
            digest.update(f"|problem|{source}".encode("utf-8", "surrogatepass"))
            continue
        if isinstance(source, StandardInput):
            return None
        try:
            info = os.stat(source)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):  # standard input, a FIFO, a device: read anew each time
            return None
        digest.update(
            f"|{os.path.realpath(source)}|{info.st_size}|{info.st_mtime_ns}|{info.st_ctime_ns}".encode("utf-8", "surrogatepass")
        )
    return digest.hexdigest()


def read_stages(key: str) -> Iterator[object] | None:
    """The cached state for the key, one part at a time (the reader shows the first while
    the next loads), or None when missing or stale.  A part found damaged on the way is
    removed with its file and ends the iteration with CacheDamaged."""
    path = cache_dir() / f"catalog-{key}.pickle"
    try:
        handle = open(path, "rb")
    except OSError:
        return None
    try:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ValueError("not a Dateline cache")
        stored_key, parts = pickle.load(handle)
    except Exception:  # a truncated or damaged entry: rebuild rather than trust it
        handle.close()
        _remove(path)
        return None
    if stored_key != key:
        handle.close()
        _remove(path)
        return None
    return _parts(handle, path, parts)


class CacheDamaged(Exception):
    """A cache entry broke off after its first parts were read."""


def _parts(handle, path: Path, count: int) -> Iterator[object]:
    with handle:
        for _ in range(count):
            try:
                part = pickle.load(handle)
            except Exception as exc:
                _remove(path)
                raise CacheDamaged(str(path)) from exc
            yield part


def write(key: str, parts: tuple) -> Path | None:
    """Store the state's parts atomically; a cache that cannot be written is skipped, not fatal."""
    target = cache_dir() / f"catalog-{key}.pickle"

    def dump(handle) -> None:
        handle.write(MAGIC)
        pickle.dump((key, len(parts)), handle, protocol=pickle.HIGHEST_PROTOCOL)
        for part in parts:
            pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)

    if not write_atomically(target, dump):
        return None
    _prune(target.parent)
    return target


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        _remove(old)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
