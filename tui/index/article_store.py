"""A cache entry's articles in SQLite beside it, read by number: a few at a time (the
rows a search shows, a first screen's) without reading the rest, or all at once.

SQLite checks the file's structure; each row also carries a CRC-32 of its values and
its number, checked as it is read, so that a damaged row, or another row where it should
be, raises `Damaged` rather than answering.  A store is written whole into a temporary
file and renamed into place, and carries a token that its entry records: an entry and a
store that were not written together never pair up.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

from ..cache_home import Damaged
from ..corpus.articles import Article

STORE_FORMAT = 1
BATCH_ROWS = 2000  # rows handed to SQLite at a time while writing, and read at a time
# The record is JSON in ASCII and the text UTF-8 bytes, so that lone surrogates, which a
# JSON corpus can hold, are kept as they are.
SCHEMA = """
CREATE TABLE about (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE article (
    number INTEGER PRIMARY KEY, record TEXT NOT NULL, text BLOB NOT NULL, checksum INTEGER NOT NULL
) STRICT;
"""
SELECT = "SELECT number, record, text, checksum FROM article"


def write_store(target: Path, articles: Iterable[Article]) -> str | None:
    """Write the articles, numbered in order, to a new store at `target` (replacing any):
    its token, or None when it cannot be written (nothing is left behind then)."""
    token = secrets.token_hex(8)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    except OSError:
        return None
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.executescript(SCHEMA)
            rows = (_row(number, article) for number, article in enumerate(articles))
            total = 0
            while batch := [row for _, row in zip(range(BATCH_ROWS), rows, strict=False)]:
                connection.executemany("INSERT INTO article VALUES (?, ?, ?, ?)", batch)
                total += len(batch)
            connection.executemany("INSERT INTO about VALUES (?, ?)",
                                   [("format", str(STORE_FORMAT)), ("token", token), ("articles", str(total))])
            connection.commit()
        finally:
            connection.close()
        os.replace(temporary, target)
        return token
    except (OSError, sqlite3.Error):
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
        try:
            return self._some(list(numbers))
        except Damaged:
            if self._on_damage is not None:
                self._on_damage()
            raise

    def _some(self, wanted: list[int]) -> dict[int, Article]:
        found: dict[int, Article] = {}
        for start in range(0, len(wanted), BATCH_ROWS):
            batch = wanted[start : start + BATCH_ROWS]
            values: tuple[int, ...]
            if batch == list(range(batch[0], batch[0] + len(batch))):  # a run: one range scan
                query, values = f"{SELECT} WHERE number BETWEEN ? AND ?", (batch[0], batch[-1])
            else:
                query, values = f"{SELECT} WHERE number IN ({', '.join('?' * len(batch))})", tuple(batch)
            try:
                rows = self._connection.execute(query, values).fetchall()
            except sqlite3.Error as exc:
                raise Damaged(f"article store: {exc}") from None
            found.update(_articles(rows))
        if len(found) != len(set(wanted)):
            raise Damaged("article store: articles missing")
        return {number: found[number] for number in wanted}

    def close(self) -> None:
        connection = getattr(self, "_connection", None)
        if connection is not None:
            connection.close()


def _row(number: int, article: Article) -> tuple:
    record = json.dumps(article.as_record(), separators=(",", ":"))
    text = article.text.encode("utf-8", "surrogatepass")
    return number, record, text, _checksum(number, record, text)


def _articles(rows: list[tuple]) -> dict[int, Article]:
    """The articles of rows read, each row checked; their records are parsed as one
    JSON list, which is quicker than one by one."""
    for number, record, text, checksum in rows:
        if not isinstance(record, str) or not isinstance(text, bytes) or _checksum(number, record, text) != checksum:
            raise Damaged(f"article store: row {number} damaged")
    try:
        records = json.loads(f"[{','.join([row[1] for row in rows])}]")
        texts = [str(row[2], "utf-8", "surrogatepass") for row in rows]
        if len(records) != len(rows):
            raise ValueError("a record is not one value")
        return {row[0]: Article.from_record(record, text) for row, record, text in zip(rows, records, texts,
                                                                                        strict=True)}
    except (ValueError, TypeError, OverflowError) as exc:  # checksummed, yet no article
        raise Damaged(f"article store: {exc}") from None


def _checksum(number: int, record: str, text: bytes) -> int:
    return zlib.crc32(text, zlib.crc32(f"{number}\x1f{record}".encode()))
