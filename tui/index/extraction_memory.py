"""What each article's extraction was, kept in the cache one entry per source file and
found again by the article's content: a corpus whose files changed (a file added to its
folder, one rewritten, one removed) extracts only the articles it has not seen before.

An article is known by a digest of exactly what extraction reads (its text, its date and
where its body starts), taken from the article as loaded: an entry can never answer for
text it was not made from, whatever happened to the file meanwhile.  Entries are the
cache's checked, non-executable parts (`cache_home`); a damaged one is removed and its
articles extracted again.
"""

from __future__ import annotations

import hashlib
import heapq
import marshal
import os
import stat
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from ..cache_home import Damaged, keep_newest, private_cache_dir, read_parts, remove_quietly, write_parts
from ..corpus.articles import Article
from ..corpus.sources import STANDARD_INPUT_NAME
from ..extract import EXTRACTOR_VERSION
from .packing import ExtractionColumns

MEMORY_FORMAT = 1
KEEP_FILES = 4096  # entries of files not opened for longest are removed beyond this
DIGEST_SIZE = 16


class ExtractionJob(Protocol):
    """What `ExtractionPool` offers, and `RememberingExtraction` in front of it."""

    @property
    def failures(self) -> list[tuple[int, str]]: ...  # (article number, what went wrong)

    def add(self, articles: Iterable[Article], last: bool = False) -> None: ...
    def results(self, on_progress: Callable[[int], None] | None = None,
                meanwhile: Callable[[], None] | None = None) -> Iterator[tuple[int, bytes]]: ...
    def close(self) -> None: ...


def content_digest(article: Article) -> bytes:
    digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
    digest.update(f"{article.date_text}|{article.body_start}|".encode())
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


class _FileEntry:
    """One source file's remembered extractions: the digests of its articles, in order,
    and their extractions as columns."""

    def __init__(self, digests: bytes, columns: ExtractionColumns) -> None:
        if len(digests) != DIGEST_SIZE * len(columns):
            raise ValueError("digests and extractions differ in number")
        self.columns = columns
        self.count = len(columns)  # more than the positions when the file repeats an article
        self.positions = {digests[i : i + DIGEST_SIZE]: i // DIGEST_SIZE for i in range(0, len(digests), DIGEST_SIZE)}

    def blob(self, digest: bytes) -> bytes | None:
        at = self.positions.get(digest)
        return None if at is None else marshal.dumps(self.columns.fields(at))


class RememberingExtraction:
    """An extraction (`ExtractionPool`) that hands only unseen articles to its workers and
    takes the others' extractions from their files' entries; `save` then writes the
    entries of the files whose articles changed."""

    def __init__(self, pool: ExtractionJob) -> None:
        self._pool = pool
        self._folder = private_cache_dir()
        self._entries: dict[str, _FileEntry | None] = {}  # by the file's real path
        self._entry_sizes: dict[str, int] = {}  # articles in each entry read, once it is let go
        self._file_of: dict[str, str | None] = {}  # an article's path as given -> its entry's key
        self._articles: list[Article] = []
        self._digests: list[bytes | None] = []  # None: not a file worth an entry (a stream)
        self._known: dict[int, bytes] = {}  # article number -> extraction found in an entry
        self._sent: list[int] = []  # the pool's article numbers -> the corpus's
        self._blobs: list[bytes] = []
        self.reused = 0  # articles whose extraction came from an entry

    @property
    def failures(self) -> list[tuple[int, str]]:
        return [(self._sent[number], error) for number, error in self._pool.failures]

    def add(self, articles: Iterable[Article], last: bool = False) -> None:
        unseen = []
        for article in articles:
            number = len(self._articles)
            self._articles.append(article)
            file_key = self._entry_key(article.path)
            digest = content_digest(article) if file_key is not None else None
            self._digests.append(digest)
            entry = self._entry(file_key) if file_key is not None else None
            blob = entry.blob(digest) if entry is not None and digest is not None else None
            if blob is None:
                self._sent.append(number)
                unseen.append(article)
            else:
                self._known[number] = blob
        self.reused = len(self._known)
        if unseen or last:
            self._pool.add(unseen, last)

    def results(self, on_progress: Callable[[int], None] | None = None,
                meanwhile: Callable[[], None] | None = None) -> Iterator[tuple[int, bytes]]:
        """(article number, packed extraction) for every article added, in order."""
        known = self._known
        report = (lambda done: on_progress(len(known) + done)) if on_progress else None
        fresh = ((self._sent[sent], blob) for sent, blob in self._pool.results(report, meanwhile))
        blobs = [b""] * len(self._articles)
        for number, blob in heapq.merge(sorted(known.items()), fresh, key=itemgetter(0)):
            blobs[number] = blob
            yield number, blob
        self._blobs = blobs
        self._entry_sizes = {key: entry.count for key, entry in self._entries.items() if entry is not None}
        self._entries.clear()  # their extractions are in the blobs now

    def close(self) -> None:
        self._pool.close()

    def save(self) -> None:
        """Write the entry of every file whose articles are not all in its entry as it is:
        an article extracted anew, or one the entry holds that the file no longer has.
        Articles whose extraction failed are left out, to be tried again."""
        if self._folder is None or len(self._blobs) != len(self._articles):
            return
        failed = {number for number, _error in self.failures}
        by_file: dict[str, list[int]] = {}
        for number, article in enumerate(self._articles):
            file_key = self._file_of.get(article.path)
            if file_key is not None and number not in failed:
                by_file.setdefault(file_key, []).append(number)
        for file_key, numbers in by_file.items():
            fresh = any(number not in self._known for number in numbers)
            if not fresh and self._entry_sizes.get(file_key) == len(numbers):
                continue
            digests = b"".join(self._digests[number] or b"" for number in numbers)
            columns = ExtractionColumns.of_packed(self._blobs[number] for number in numbers)
            write_parts(self._entry_path(file_key), self._stored_key(file_key), [{"digests": digests}, columns.part()])
        self._prune()
        self._articles, self._blobs, self._known = [], [], {}

    # --- entries ----------------------------------------------------------------------

    def _entry_key(self, path: str) -> str | None:
        """The real path of a regular file, which names its entry; None for a stream or
        a file that is gone, and when there is no cache folder."""
        if path in self._file_of:
            return self._file_of[path]
        key = None
        if self._folder is not None and path and path != STANDARD_INPUT_NAME:
            try:
                real = os.path.realpath(path)
                if stat.S_ISREG(os.stat(real).st_mode):
                    key = real
            except (OSError, ValueError):
                pass
        self._file_of[path] = key
        return key

    def _entry(self, file_key: str) -> _FileEntry | None:
        if file_key not in self._entries:
            self._entries[file_key] = self._read(file_key)
        return self._entries[file_key]

    def _read(self, file_key: str) -> _FileEntry | None:
        path = self._entry_path(file_key)
        try:
            parts = read_parts(path, self._stored_key(file_key))
            if parts is None:
                return None
            digest_part, columns = list(parts)
            entry = _FileEntry(digest_part["digests"], ExtractionColumns(columns))  # type: ignore[arg-type]
        except (Damaged, ValueError, KeyError, TypeError):
            remove_quietly(path)
            return None
        try:
            os.utime(path)  # kept the longest by _prune: it is in use
        except OSError:
            pass
        return entry

    def _stored_key(self, file_key: str) -> str:
        return f"extractions {MEMORY_FORMAT} {EXTRACTOR_VERSION} {file_key}"

    def _entry_path(self, file_key: str) -> Path:
        assert self._folder is not None
        name = hashlib.sha256(self._stored_key(file_key).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self._folder / f"extractions-{name}.store"

    def _prune(self) -> None:
        assert self._folder is not None
        keep_newest(self._folder, "extractions-*.store", KEEP_FILES)
