"""A cache entry's articles in SQLite beside it, read by number: a few at a time (the
rows a search shows, a first screen's) without reading the rest, or all at once, their
texts left in the store until each is asked for (`StoredArticle`).

SQLite checks the file's structure; each row also carries a CRC-32 of its record and
one of its text, each with its number, checked as they are read, so that a damaged row,
or another row where it should be, raises `Damaged` rather than answering.  A store is
written whole into a temporary file and renamed into place, and carries a token that its
entry records: an entry and a store that were not written together never pair up.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import tempfile
import threading
import zlib
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import overload

from ..cache_home import Damaged
from ..corpus.articles import Article

STORE_FORMAT = 3
BATCH_ROWS = 2000  # rows handed to SQLite at a time while writing, and read at a time
# The record is JSON in ASCII, the text and the id UTF-8 bytes, so that lone surrogates,
# which a JSON corpus can hold, are kept as they are; the id is there to be looked up.
SCHEMA = """
CREATE TABLE about (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE article (
    number INTEGER PRIMARY KEY, record TEXT NOT NULL, text BLOB NOT NULL, record_checksum INTEGER NOT NULL,
    text_checksum INTEGER NOT NULL, id BLOB NOT NULL
) STRICT;
CREATE INDEX article_id ON article (id);
"""
SELECT = "SELECT number, record, text, record_checksum, text_checksum FROM article"


def write_store(target: Path, articles: Iterable[Article]) -> str | None:
    """Write the articles, numbered in order, to a new store at `target` (replacing any):
    its token, or None when it cannot be written (nothing is left behind then)."""
    return _written(target, None, None, articles)


def extend_store(source: Path, token: object, target: Path, articles: Iterable[Article]) -> str | None:
    """A new store at `target`: a copy of the store at `source` (if it is the one of
    `token`) with the articles after its own, numbered on; its token, or None as for
    `write_store`.  The store at `source` is only read."""
    return _written(target, source, token, articles)


def _written(target: Path, source: Path | None, token: object, articles: Iterable[Article]) -> str | None:
    new_token = secrets.token_hex(8)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    except OSError:
        return None
    os.close(handle)
    try:
        if source is not None:
            shutil.copyfile(source, temporary)
        connection = sqlite3.connect(temporary)
        try:
            total = 0
            if source is None:
                connection.executescript(SCHEMA)
            else:
                about = dict(connection.execute("SELECT name, value FROM about"))
                if about.get("format") != str(STORE_FORMAT) or about.get("token") != token:
                    raise sqlite3.DatabaseError("not the store to extend")
                total = int(about["articles"])
                connection.execute("DELETE FROM about")
            rows = (_row(number, article) for number, article in enumerate(articles, start=total))
            while batch := [row for _, row in zip(range(BATCH_ROWS), rows, strict=False)]:
                connection.executemany("INSERT INTO article VALUES (?, ?, ?, ?, ?, ?)", batch)
                total += len(batch)
            connection.executemany("INSERT INTO about VALUES (?, ?)",
                                   [("format", str(STORE_FORMAT)), ("token", new_token), ("articles", str(total))])
            connection.commit()
        finally:
            connection.close()
        os.replace(temporary, target)
        return new_token
    except (OSError, ValueError, KeyError, sqlite3.Error):
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return None


class ArticleStore(Sequence[Article]):
    """The articles of a store, by number; `Damaged` if the store is not the one wanted,
    or when a row read turns out damaged (`on_damage` is called first)."""

    def __init__(self, path: Path, token: object, on_damage: Callable[[], None] | None = None) -> None:
        self._on_damage = on_damage
        self._lock = threading.Lock()  # one connection, asked from the reader's threads in turn
        try:
            # Read only, and never locked: the file is replaced, not changed, once written.
            self._connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                               check_same_thread=False)
            about = dict(self._connection.execute("SELECT name, value FROM about"))
            if about.get("format") != str(STORE_FORMAT) or about.get("token") != token:
                raise Damaged(f"{path.name}: not the store its entry wrote")
            self._total = int(about["articles"])
        except (sqlite3.Error, KeyError, ValueError, OSError) as exc:
            self.close()
            raise Damaged(f"{path.name}: {exc}") from None

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, number: int) -> Article: ...
    @overload
    def __getitem__(self, number: slice) -> list[Article]: ...

    def __getitem__(self, number: int | slice) -> Article | list[Article]:
        if isinstance(number, slice):
            return list(self.some(range(self._total)[number]).values())
        if not 0 <= number < self._total:
            raise IndexError(number)
        return self.some([number])[number]

    def __iter__(self) -> Iterator[Article]:
        yield from self.some(range(self._total)).values()

    def some(self, numbers: Iterable[int]) -> dict[int, Article]:
        """The articles of these numbers, in their order."""
        wanted = list(numbers)
        found: dict[int, Article] = {}
        with self._damage_reported():
            for start in range(0, len(wanted), BATCH_ROWS):
                found.update(_articles(self._rows(SELECT, wanted[start : start + BATCH_ROWS])))
            if len(found) != len(set(wanted)):
                raise Damaged("article store: articles missing")
        return {number: found[number] for number in wanted}

    def without_texts(self) -> list[Article]:
        """Every article, in order, each text read from the store when first asked for;
        every text's checksum is checked now, so that a damaged one is found at once."""
        records: list[Article] = []
        shared: dict = {}  # one object for each file name, dateline place and day, not one per article
        with self._damage_reported():
            for start in range(0, self._total, BATCH_ROWS):
                batch = list(range(start, min(start + BATCH_ROWS, self._total)))
                rows = self._rows(SELECT, batch)
                if [row[0] for row in rows] != batch:
                    raise Damaged("article store: articles missing")
                for number, record in zip(batch, _checked_records(rows), strict=True):
                    article = StoredArticle.unread(record, self, number)
                    article.path = shared.setdefault(article.path, article.path)
                    article.dateline_place = shared.setdefault(article.dateline_place, article.dateline_place)
                    article.date = shared.setdefault(article.date, article.date)
                    records.append(article)
        return records

    @property
    def ids(self) -> Container[str]:
        """The articles' ids, to ask whether one is among them without reading them all."""
        return _StoredIds(self)

    def holds_id(self, article_id: str) -> bool:
        with self._damage_reported():
            try:
                with self._lock:
                    found = self._connection.execute("SELECT 1 FROM article WHERE id = ? LIMIT 1",
                                                     (_id_bytes(article_id),))
                    return found.fetchone() is not None
            except sqlite3.Error as exc:
                raise Damaged(f"article store: {exc}") from None

    def text(self, number: int) -> str:
        with self._damage_reported():
            rows = self._rows("SELECT number, text, text_checksum FROM article", [number])
            if len(rows) != 1 or not _text_fits(*rows[0]):
                raise Damaged(f"article store: the text of row {number} damaged")
        return str(rows[0][1], "utf-8", "surrogatepass")

    def _rows(self, select: str, numbers: list[int]) -> list[tuple]:
        values: tuple[int, ...]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):  # a run: one range scan
            query, values = f"{select} WHERE number BETWEEN ? AND ?", (numbers[0], numbers[-1])
        else:
            query, values = f"{select} WHERE number IN ({', '.join('?' * len(numbers))})", tuple(numbers)
        try:
            with self._lock:
                return self._connection.execute(query, values).fetchall()
        except sqlite3.Error as exc:
            raise Damaged(f"article store: {exc}") from None

    @contextmanager
    def _damage_reported(self) -> Iterator[None]:
        try:
            yield
        except Damaged:
            if self._on_damage is not None:
                self._on_damage()
            raise

    def close(self) -> None:
        connection = getattr(self, "_connection", None)
        if connection is not None:
            connection.close()


class _StoredIds(Container[str]):
    def __init__(self, store: ArticleStore) -> None:
        self._store = store

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self._store.holds_id(article_id)


class StoredArticle(Article):
    """An article whose text stays in its store until it is first asked for."""

    __slots__ = ("_store", "_number")
    _store: ArticleStore
    _number: int

    @classmethod
    def unread(cls, record: Sequence, store: ArticleStore, number: int) -> StoredArticle:
        """The article of an `Article.as_record()`, its text left in the store."""
        try:
            unread = cls.from_record(record, "")
        except (ValueError, TypeError, OverflowError) as exc:  # checksummed, yet no article
            raise Damaged(f"article store: {exc}") from None
        _TEXT.__delete__(unread)
        unread._store, unread._number = store, number
        return unread

    @property  # type: ignore[override]
    def text(self) -> str:
        try:
            return _TEXT.__get__(self)
        except AttributeError:  # not read yet
            text = self._store.text(self._number)
            _TEXT.__set__(self, text)
            return text

    @text.setter
    def text(self, value: str) -> None:
        _TEXT.__set__(self, value)

    def __reduce__(self) -> tuple:  # another process gets the article, not the store
        return Article.from_record, (self.as_record(), self.text)


_TEXT = Article.__dict__["text"]  # the slot Article keeps its text in


def _row(number: int, article: Article) -> tuple:
    record = json.dumps(article.as_record(), separators=(",", ":"))
    text = article.text.encode("utf-8", "surrogatepass")
    return number, record, text, _record_checksum(number, record), _text_checksum(number, text), _id_bytes(article.id)


def _id_bytes(article_id: str) -> bytes:
    return article_id.encode("utf-8", "surrogatepass")


def _articles(rows: list[tuple]) -> dict[int, Article]:
    """The articles of rows read, each row checked."""
    records = _checked_records(rows)
    try:
        return {row[0]: Article.from_record(record, str(row[2], "utf-8", "surrogatepass"))
                for row, record in zip(rows, records, strict=True)}
    except (ValueError, TypeError, OverflowError) as exc:  # checksummed, yet no article
        raise Damaged(f"article store: {exc}") from None


def _checked_records(rows: list[tuple]) -> list:
    """The records of rows read, once every row's record and text match their checksums;
    parsed as one JSON list, which is quicker than one by one."""
    for number, record, text, record_checksum, text_checksum in rows:
        if not isinstance(record, str) or _record_checksum(number, record) != record_checksum or \
                not _text_fits(number, text, text_checksum):
            raise Damaged(f"article store: row {number} damaged")
    try:
        records = json.loads(f"[{','.join([row[1] for row in rows])}]")
    except ValueError as exc:
        raise Damaged(f"article store: {exc}") from None
    if len(records) != len(rows):
        raise Damaged("article store: a record is not one value")
    return records


def _text_fits(number: int, text: object, checksum: object) -> bool:
    return isinstance(text, bytes) and _text_checksum(number, text) == checksum


def _record_checksum(number: int, record: str) -> int:
    return zlib.crc32(f"{number}\x1f{record}".encode())


def _text_checksum(number: int, text: bytes) -> int:
    return zlib.crc32(text, zlib.crc32(f"{number}\x1f".encode()))
