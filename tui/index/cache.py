"""Dateline's own cache: what extraction and indexing made of a corpus, so that opening it
again takes a fraction of a second.

- Lives under the user's cache directory ($XDG_CACHE_HOME/dateline, else ~/.cache/dateline),
  never beside the corpus.
- Keyed by every loaded file's path, size and modification time, and by the extractor and
  cache versions: any change to the corpus or to Dateline makes a new key.
- Written atomically (a temporary file in the same folder, then rename), so a crash leaves
  either the old entry or the new one; temporary files a killed writer left are pruned.
- Data that cannot execute (JSON and arrays of numbers, see cache_home), each part's
  checksum checked before it is decoded: a file that is truncated, altered or holds
  another key is removed and rebuilt, never trusted.
- In parts, read one after the other: the reader's first screen, then the whole timeline,
  then the names and figures.  Beside the entry are its articles, in SQLite, read by
  number (`article_store`), and a folder with its search index (tantivy's files); the
  first part records the store's token and the index's digest, checked before either is
  used.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import shutil
import stat
import sys
import time
import weakref
from array import array
from pathlib import Path
from typing import Generator, Iterable, Iterator, Mapping

from ..cache_home import (
    STALE_TEMPORARY_SECONDS,
    Damaged,
    Part,
    folder_digest,
    keep_newest,
    new_folder,
    private_cache_dir,
    read_parts,
    remove_quietly,
    write_parts,
)
from ..corpus.articles import Article
from ..corpus.file_formats import csv_columns_named
from ..corpus.problems import LoadProblem
from ..corpus.sources import StandardInput, iter_sources
from ..extract import EXTRACTOR_VERSION
from .article_store import ArticleStore, extend_store, write_store
from .duplicates import DuplicateGroup
from .search import SearchIndex

CACHE_FORMAT = 14
KEEP_ENTRIES = 8  # older entries are removed when a new one is written
# Files added to an entry's, in bytes, as a share of its files' at most, for the entry to be
# grown by them: beyond it, reading them all again is about as quick, and shows progress.
GROWN_BY_AT_MOST = 0.25


def sources_key(paths: list[str] | None) -> str | None:
    """A key for exactly the files a load of these paths would read, in exactly their
    present state (path, size, modification and change times), found without reading
    them; None if a file vanished meanwhile or one is a stream."""
    sources = source_identities(paths)
    return None if sources is None else key_of([identity for identity, _file in sources])


def source_identities(paths: list[str] | None) -> list[tuple[str, Path | None]] | None:
    """What the key of these paths is made of: each file's identity with the file, or a
    problem met on the way to the files (with None); None as for `sources_key`."""
    found: list[tuple[str, Path | None]] = []
    for source in iter_sources(paths):
        if isinstance(source, LoadProblem):
            found.append((f"|problem|{source}", None))
            continue
        if isinstance(source, StandardInput):
            return None
        try:
            info = os.stat(source)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):  # standard input, a FIFO, a device: read anew each time
            return None
        found.append((f"|{os.path.realpath(source)}|{info.st_size}|{info.st_mtime_ns}|{info.st_ctime_ns}", source))
    return found


def key_of(identities: list[str]) -> str:
    """The cache key of files of these identities (`source_identities`)."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}|{EXTRACTOR_VERSION}|{sys.version_info[:2]}".encode())
    digest.update(json.dumps(sorted(csv_columns_named().items())).encode("utf-8", "surrogatepass"))
    for identity in identities:
        digest.update(identity.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def entry_grown_into(identities: list[str]) -> tuple[str, list[int]] | None:
    """An entry of these files before some of them were added (the rest unchanged, in
    the same order, with the same problems; the added ones `GROWN_BY_AT_MOST` of its
    size): its key and where the added files are among the identities; the newest such
    entry, or None."""
    folder = private_cache_dir()
    if folder is None:
        return None
    try:
        entries = sorted(folder.glob("catalog-*.store"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    except OSError:
        return None
    for path in entries[:KEEP_ENTRIES]:
        key = path.stem.removeprefix("catalog-")
        recorded = _recorded_sources(key)
        if recorded is None or len(recorded) >= len(identities):
            continue
        kept = set(recorded)
        if [identity for identity in identities if identity in kept] != recorded:
            continue
        added = [at for at, identity in enumerate(identities) if identity not in kept]
        if any(identities[at].startswith("|problem|") for at in added) or key_of(recorded) != key:
            continue
        if sum(_size(identities[at]) for at in added) <= GROWN_BY_AT_MOST * sum(map(_size, recorded)):
            return key, added
    return None


def _size(identity: str) -> int:
    """The size of the file of a source identity (`source_identities`), 0 for a problem."""
    return 0 if identity.startswith("|problem|") else int(identity.rsplit("|", 3)[1])


def _recorded_sources(key: str) -> list[str] | None:
    parts = read_stages(key)
    if parts is None:
        return None
    try:
        recorded = next(parts).get("sources")
    except (CacheDamaged, StopIteration):
        return None
    finally:
        parts.close()
    return recorded if isinstance(recorded, list) and all(isinstance(i, str) for i in recorded) else None


def has_entry(key: str) -> bool:
    path = entry_path(key)
    return path is not None and path.is_file()


def entry_path(key: str) -> Path | None:
    folder = private_cache_dir()
    return None if folder is None else folder / f"catalog-{key}.store"


def index_path(key: str) -> Path | None:
    folder = private_cache_dir()
    return None if folder is None else folder / f"catalog-{key}.index"


def articles_path(key: str) -> Path | None:
    folder = private_cache_dir()
    return None if folder is None else folder / f"catalog-{key}.articles"


def write_articles(key: str, articles: Iterable[Article]) -> str | None:
    """The articles of the entry of `key` in a store beside it: the token the entry
    records, or None when it cannot be written."""
    target = articles_path(key)
    return None if target is None else write_store(target, articles)


def extend_articles(base: str, token: object, key: str, articles: Iterable[Article]) -> str | None:
    """The article store of the entry of `base` (if it is the one of `token`) with these
    articles after its own, as the store of the entry of `key`: its token, or None."""
    source, target = articles_path(base), articles_path(key)
    return None if source is None or target is None else extend_store(source, token, target, articles)


def opened_articles(key: str, token: object) -> ArticleStore:
    """The article store written with the entry of `key`; Damaged if it is not there or
    not the one that entry recorded (the entry is then dropped and made again)."""
    path = articles_path(key)
    if path is None or not path.is_file():
        raise Damaged("no article store")
    return ArticleStore(path, token, on_damage=lambda: drop(key))


def duplicates_path(key: str) -> Path | None:
    folder = private_cache_dir()
    return None if folder is None else folder / f"catalog-{key}.duplicates"


def write_duplicates(key: str, groups: list[DuplicateGroup]) -> None:
    """Keep the near-duplicate groups found in the corpus of `key`; skipped if it cannot be."""
    target = duplicates_path(key)
    if target is None:
        return
    starts, members = array("Q", [0]), array("I")
    for group in groups:
        members.extend(group.articles)
        starts.append(len(members))
    write_parts(target, key, [{"members": members, "starts": starts,
                               "similarities": array("d", [group.similarity for group in groups])}])


def read_duplicates(key: str, article_total: int) -> list[DuplicateGroup] | None:
    """The near-duplicate groups kept for the corpus of `key`, or None (a damaged file,
    or one that does not fit its corpus, removed)."""
    path = duplicates_path(key)
    if path is None:
        return None
    try:
        parts = read_parts(path, key)
        if parts is None:
            return None
        part = next(parts)
        members, starts, similarities = part["members"], part["starts"], part["similarities"]
        if not (isinstance(members, array) and isinstance(starts, array) and isinstance(similarities, array)) or \
                len(starts) != len(similarities) + 1 or starts[0] != 0 or starts[-1] != len(members) or \
                any(map(operator.ge, starts[:-1], starts[1:])) or (members and max(members) >= article_total):
            raise Damaged("near-duplicates that do not fit their corpus")
        return [DuplicateGroup(tuple(members[start:end]), similarity)
                for start, end, similarity in zip(starts, starts[1:], similarities, strict=False)]
    except (Damaged, StopIteration, KeyError):
        remove_quietly(path)
        return None


def new_search_index(key: str | None) -> SearchIndex:
    """An empty search index for the entry of `key`: in a new folder of the cache, for
    `keep_index` to keep beside the entry; in memory when there is no key (the files
    cannot be cached) or the cache cannot be written."""
    cache_folder = private_cache_dir() if key else None
    folder = None if cache_folder is None else new_folder(cache_folder, "index")
    index = SearchIndex(folder)
    if folder is not None:  # unless kept by then, the folder goes with the index, at exit at the latest
        weakref.finalize(index, remove_quietly, folder)
    return index


def extended_index(base: str, digest: object, documents: Iterable[tuple[str, str]]) -> SearchIndex | None:
    """A copy of the search index of the entry of `base` (if its files are those of
    `digest`) in a new folder, with these (title, text) documents after its own, ready
    for `keep_index`; None if it cannot be made."""
    source, cache_folder = index_path(base), private_cache_dir()
    folder = None if cache_folder is None else new_folder(cache_folder, "index")
    if source is None or folder is None:
        return None
    try:
        shutil.copytree(source, folder, dirs_exist_ok=True)
        if folder_digest(folder) != digest:
            raise ValueError("search index damaged")
        index = SearchIndex.opened(folder)
        weakref.finalize(index, remove_quietly, folder)  # unless kept by then, as new_search_index's
        for title, text in documents:
            index.add(title, text)
        index.prepare()
        return index
    except (OSError, ValueError):
        remove_quietly(folder)
        return None


def keep_index(key: str, index: SearchIndex) -> tuple[SearchIndex, str] | None:
    """A finished index, built by `new_search_index`, moved to where the entry of `key`
    keeps it: the index opened there and the digest that `opened_index` checks; None
    (the index left as it is) when it is in memory or cannot be moved."""
    target = index_path(key)
    if target is None or index.folder is None:
        return None
    if index.folder != target:
        remove_quietly(target)  # a folder left for the same files by a process killed before its entry
        try:
            os.rename(index.folder, target)
        except OSError:
            return None
    try:
        return SearchIndex.opened(target), folder_digest(target)
    except (OSError, ValueError):
        return None


def opened_index(key: str, digest: object) -> SearchIndex:
    """The search index kept beside the entry of `key`, if its files are those the entry
    recorded; ValueError if not (the entry is then dropped and made again)."""
    folder = index_path(key)
    if folder is None or not isinstance(digest, str):
        raise ValueError("no search index recorded")
    try:
        found = folder_digest(folder)
    except OSError as exc:
        raise ValueError(f"search index unreadable: {exc}") from None
    if found != digest:
        raise ValueError("search index damaged")
    return SearchIndex.opened(folder)


def read_stages(key: str, on_disk: Mapping[str, bool] | None = None) -> Generator[Part, None, None] | None:
    """The cached state for the key, one part at a time (the reader shows the first while
    the next loads), or None when missing, stale or damaged.  A part found damaged on the
    way is removed with its file and ends the iteration with CacheDamaged.  The fields of
    `on_disk` are left in the file (see `read_parts`)."""
    path = entry_path(key)
    if path is None:
        return None
    try:
        parts = read_parts(path, key, on_disk)
    except Damaged:
        remove_quietly(path)
        return None
    return None if parts is None else _checked(parts, path)


class CacheDamaged(Exception):
    """A cache entry broke off after its first parts were read."""


def _checked(parts: Iterator[Part], path: Path) -> Generator[Part, None, None]:
    try:
        yield from parts
    except Damaged as exc:
        remove_quietly(path)
        raise CacheDamaged(str(path)) from exc


def drop(key: str) -> None:
    """Remove an entry whose parts read back but did not make a catalog, and what is kept
    beside it."""
    for path in (entry_path(key), index_path(key), articles_path(key), duplicates_path(key)):
        if path is not None:
            remove_quietly(path)


def write(key: str, parts: list[Part]) -> Path | None:
    """Store the state's parts atomically; a cache that cannot be written is skipped, not fatal."""
    target = entry_path(key)
    if target is None or not write_parts(target, key, parts):
        return None
    for pruned in keep_newest(target.parent, "catalog-*.store", KEEP_ENTRIES):
        drop(pruned.stem.removeprefix("catalog-"))  # and what was kept beside it
    _remove_orphans(target.parent)
    return target


def _remove_orphans(folder: Path) -> None:
    """What is kept beside an entry whose entry is gone (pruned, dropped, or never written
    by a process killed in between); a fresh one may be waiting for its entry."""
    now = time.time()
    kept_beside = ("index", "articles", "duplicates")
    for companion in [path for kind in kept_beside for path in folder.glob(f"catalog-*.{kind}")]:
        try:
            orphan = not companion.with_suffix(".store").exists()
            stale = now - companion.lstat().st_mtime > STALE_TEMPORARY_SECONDS
        except OSError:
            continue
        if orphan and stale:
            remove_quietly(companion)
