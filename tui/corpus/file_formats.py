"""A file's bytes into articles: seed text files (` date YYYY-MM-DD` then the text),
JSON Lines, a JSON array, CSV, RSS and Atom feeds, in UTF-8 or UTF-16, with CR, LF or
CRLF line ends.

Every problem becomes a `LoadProblem` and reading goes on with the rest of the file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import IO, Generator, Iterator

from .articles import Article
from .feeds import FeedError, feed_records
from .problems import LoadProblem
from .sources import CSV_SUFFIXES, FEED_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, Source, open_source, os_reason

SEED_HEADER_RE = re.compile(r"\A[ \t]*date[ \t]+(\S+)[ \t]*(?:\r?\n)?[ \t]*")
SNIFF_BYTES = 8192
# One article; a larger file or line is refused, unread.  Extraction holds many times an
# article's size in memory: this bounds what one article can take (README, hostile input).
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024  # a file read whole (a JSON array, UTF-16)
READ_CHUNK = 1024 * 1024


class DateError(ValueError):
    pass


def parse_date(value: object) -> date:
    """YYYY-MM-DD or a full ISO timestamp; raise DateError with the reason otherwise."""
    if not isinstance(value, str):
        raise DateError(f"date must be a string, not {type(value).__name__}")
    text = value.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?=$|[T ])", text)
    if not match:
        raise DateError(f"unparseable date {text[:40]!r} (expected YYYY-MM-DD)")
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise DateError(f"invalid date {text[:40]!r} ({exc})") from None
    if len(text) > 10:
        try:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise DateError(f"unparseable timestamp {text[:40]!r}") from None
    return day


class _Rejoined(io.RawIOBase):
    """The bytes already read from a stream, then the rest of it: a pipe cannot seek back."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _CarriageReturnsAsNewlines(io.RawIOBase):
    """A file whose lines end in CR alone (old Mac files), read with LF line ends."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer)).replace(b"\r", b"\n")
        buffer[: len(data)] = data
        return len(data)


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def iter_file(path: Source) -> Iterator[Article | LoadProblem]:
    name = str(path)
    try:
        handle = open_source(path)
    except OSError as exc:
        yield LoadProblem(name, f"cannot read: {os_reason(exc)}")
        return
    with handle:
        try:
            head = handle.read(SNIFF_BYTES)
        except OSError as exc:
            yield LoadProblem(name, f"cannot read: {os_reason(exc)}")
            return
        if head.startswith(UTF16_BOMS) or _looks_like_utf16(head):
            yield from _read_utf16(head, handle, name, path)
            return
        # Blank lines before the first article are passed over, counted for line numbers.
        first_line = 1
        while head and not head.strip(LEADING_BLANKS):
            first_line += head.count(b"\n") or head.count(b"\r")
            try:
                head = handle.read(SNIFF_BYTES)
            except OSError as exc:
                yield LoadProblem(name, f"cannot read: {os_reason(exc)}")
                return
        if not head:
            yield LoadProblem(name, "empty file")
            return
        if b"\x00" in head:
            yield LoadProblem(name, "binary file (contains NUL bytes), skipped")
            return
        stream: IO[bytes] = io.BufferedReader(_Rejoined(head, handle))
        if b"\r" in head and b"\n" not in head:
            stream = io.BufferedReader(_CarriageReturnsAsNewlines(stream))
        yield from _read_stream(stream, head, name, path, first_line)


LEADING_BLANKS = b" \t\r\n\xef\xbb\xbf"  # and a UTF-8 byte order mark


def _read_stream(
    stream: IO[bytes], head: bytes, name: str, path: Source, first_line: int = 1
) -> Iterator[Article | LoadProblem]:
    first = head.lstrip(LEADING_BLANKS)[:1]
    suffix = path.suffix.lower() if isinstance(path, Path) else ""
    if suffix in CSV_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_csv_header(head)):
        yield from _read_csv(stream, name, _stem(path), first_line)
    elif suffix in FEED_SUFFIXES or (suffix not in TEXT_SUFFIXES and first == b"<"):
        yield from _read_feed(stream, name, _stem(path))
    elif first == b"[" and suffix not in TEXT_SUFFIXES:
        yield from _read_json_array(stream, name, _stem(path), first_line)
    elif suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES and first == b"{"):
        yield from _iter_jsonl(stream, name, _stem(path), first_line)
    else:
        yield from _read_seed(stream, name, path)


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a byte order mark: most of every other byte NUL, and what that
    decodes to is printable text (binary data has NULs too)."""
    pairs = head[: len(head) // 2 * 2]
    if len(pairs) < 4:
        return False
    odd_nuls, even_nuls = pairs[1::2].count(0), pairs[0::2].count(0)
    if max(odd_nuls, even_nuls) <= len(pairs) // 3:
        return False
    text = pairs.decode("utf-16-le" if odd_nuls >= even_nuls else "utf-16-be", errors="replace")
    return sum(ch.isprintable() or ch in "\t\r\n" for ch in text) >= 0.95 * len(text)


def _read_utf16(head: bytes, handle: IO[bytes], name: str, path: Source) -> Iterator[Article | LoadProblem]:
    """A UTF-16 file: decoded whole (within the size limit of a document), then read as
    the UTF-8 text it holds."""
    raw = head + handle.read(MAX_DOCUMENT_BYTES + 1 - len(head))
    if len(raw) > MAX_DOCUMENT_BYTES:
        yield LoadProblem(name, f"too large to decode as UTF-16 (over {_megabytes(MAX_DOCUMENT_BYTES)}), skipped")
        return
    if raw.startswith(UTF16_BOMS):
        encoding = "utf-16"
    else:
        encoding = "utf-16-le" if raw[1::2].count(0) >= raw[0::2].count(0) else "utf-16-be"
    text = raw.decode(encoding, errors="replace")
    if "\ufffd" in text:
        yield LoadProblem(name, "not valid UTF-16 throughout, decoded with replacement characters")
    data = text.encode("utf-8", errors="surrogatepass")
    if not data.strip():
        yield LoadProblem(name, "empty file")
        return
    stream: IO[bytes] = io.BytesIO(data.replace(b"\r", b"\n") if b"\n" not in data else data)
    yield from _read_stream(stream, data[:SNIFF_BYTES], name, path)


def _decode(raw: bytes, name: str, line: int | None) -> tuple[str, LoadProblem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        problem = LoadProblem(
            name,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}; "
            f"{_guess_encoding(raw)}), decoded with replacement characters",
            line,
        )
        return raw.decode("utf-8", errors="replace"), problem


def _guess_encoding(raw: bytes) -> str:
    for encoding in ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        return f"looks like {encoding}"
    try:
        raw.decode("cp1252")
        return "probably Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        return "probably Latin-1"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


def _stem(path: Source) -> str:
    return path.stem if isinstance(path, Path) else "stdin"


def _read_whole(handle, name: str, limit: int, what: str) -> Generator[LoadProblem, None, str | None]:
    """The file's text, read whole: None, and a problem, beyond `limit` bytes; a problem
    too if it is not UTF-8 (decoded with replacement characters then)."""
    raw = handle.read(limit + 1)
    if len(raw) > limit:
        yield LoadProblem(name, f"too large for {what} (over {_megabytes(limit)}), skipped")
        return None
    text, problem = _decode(raw, name, None)
    if problem:
        yield problem
    return text


def _read_seed(handle, name: str, path: Source) -> Iterator[Article | LoadProblem]:
    content = yield from _read_whole(handle, name, MAX_ARTICLE_BYTES, "one article")
    if content is None:
        return
    header = SEED_HEADER_RE.match(content)
    article_date = None
    if header:
        try:
            article_date = parse_date(header.group(1))
        except DateError as exc:
            yield LoadProblem(name, f"{exc}; the article is kept without a date", 1)
        text = content[header.end() :]
    else:
        text = content
    text = text.rstrip()
    if not text.strip():
        yield LoadProblem(name, "no article text after the date header" if header else "no text")
        return
    yield Article(id=_stem(path), text=text, date=article_date, path=name)


def _bounded_lines(handle) -> Iterator[bytes | int]:
    """The file's lines; a line longer than MAX_ARTICLE_BYTES is read through in chunks
    and given as its length instead, so memory stays bounded."""
    while True:
        line = handle.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_ARTICLE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(READ_CHUNK)
            if not line:
                break
            size += len(line)
        yield size


def _iter_jsonl(handle, name: str, stem: str, first_line: int = 1) -> Iterator[Article | LoadProblem]:
    for number, raw in enumerate(_bounded_lines(handle), start=first_line):
        if isinstance(raw, int):
            yield LoadProblem(
                name,
                f"line too long for one article ({_megabytes(raw)}; at most {_megabytes(MAX_ARTICLE_BYTES)}), skipped",
                number,
            )
            continue
        if not raw.strip():
            continue
        line, problem = _decode(raw, name, number)
        if problem:
            yield problem
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield LoadProblem(name, _why_not_json(exc, in_line=True), number)
            continue
        yield from _article_from_record(record, name, number, stem)


def _why_not_json(error: ValueError | RecursionError, in_line: bool) -> str:
    if isinstance(error, json.JSONDecodeError):
        where = f"at column {error.colno}" if in_line else f"at line {error.lineno} column {error.colno}"
        return f"invalid JSON ({error.msg} {where})"
    if isinstance(error, RecursionError):
        return "invalid JSON (nested too deeply)"
    return f"invalid JSON ({str(error).split(':')[0].lower()})"  # an integer of more digits than Python converts


def _read_json_array(handle, name: str, stem: str, first_line: int = 1) -> Iterator[Article | LoadProblem]:
    """A JSON file holding an array of articles: read whole (within the size limit of a
    document), each element an article, problems named by the line its element starts on."""
    text = yield from _read_whole(handle, name, MAX_DOCUMENT_BYTES, "a JSON array")
    if text is None:
        return
    decoder = json.JSONDecoder()
    position, line, counted = text.index("[") + 1, first_line, 0
    while True:
        position = _skip_space(text, position)
        if text.startswith("]", position):
            return
        line += text.count("\n", counted, position)
        counted = position
        try:
            record, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError) as exc:
            yield LoadProblem(name, f"{_why_not_json(exc, in_line=False)}, the rest of the file is skipped", line)
            return
        yield from _article_from_record(record, name, line, stem)
        position = _skip_space(text, position)
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("]", position):
            yield LoadProblem(
                name, "invalid JSON (expected ',' or ']' after an element), the rest of the file is skipped", line
            )
            return


# The header names each field may go by in a CSV file, matched whatever their case.
CSV_COLUMNS = {
    "text": ("text", "body", "content", "maintext", "article"),
    "date": ("date", "published", "date_publish", "pubdate", "published_at"),
    "title": ("title", "headline"),
    "id": ("id",),
    "url": ("url", "link"),
    "source": ("source", "source_domain", "publisher"),
}


COLUMNS_OPTION = "--columns"
_columns_named: dict[str, str] = {}  # a field -> the header name given for it with --columns


def parse_column_names(text: str) -> dict[str, str]:
    """--columns' "text=body,date=published": each field of CSV_COLUMNS, the header name
    it goes by; ValueError with the reason when it is not that."""
    named: dict[str, str] = {}
    for pair in text.split(","):
        field, equals, column = (part.strip() for part in pair.partition("="))
        if not equals or not field or not column:
            raise ValueError(f"{pair.strip()!r} is not FIELD=COLUMN")
        if field.lower() not in CSV_COLUMNS:
            raise ValueError(f"no field {field!r} (the fields are {', '.join(CSV_COLUMNS)})")
        named[field.lower()] = column
    return named


def name_csv_columns(named: dict[str, str]) -> None:
    """Read CSV files with these header names for these fields, before the usual ones."""
    global _columns_named
    _columns_named = dict(named)


def csv_columns_named() -> dict[str, str]:
    """The header names given with --columns: part of what a load reads, so of its key."""
    return dict(_columns_named)


def _csv_columns(names: list[str]) -> tuple[dict[str, int], str | None]:
    """Where each field is among the header's (lowercased) names, and why a column the
    user named is not there."""
    columns = {}
    for field, column in _columns_named.items():
        if column.strip().lower() not in names:
            return {}, f"no column {column!r} in the header (named with {COLUMNS_OPTION} {field}={column})"
        columns[field] = names.index(column.strip().lower())
    for field, aliases in CSV_COLUMNS.items():
        found = next((names.index(alias) for alias in aliases if alias in names), None)  # the first alias listed
        if found is not None and field not in columns:
            columns[field] = found
    return columns, None


def _looks_like_csv_header(head: bytes) -> bool:
    """A first line such as "title,text,date" (standard input has no suffix to go by):
    cells with commas between them, one of them a text column's name."""
    line = head.lstrip(LEADING_BLANKS).split(b"\n", 1)[0].decode("utf-8", "replace")
    if "," not in line or line.startswith(("{", "[", "<")):  # JSON and XML have commas too
        return False
    names = {cell.strip().strip('"').lower() for cell in line.split(",")}
    text_names = {*CSV_COLUMNS["text"], *(c.strip().lower() for f, c in _columns_named.items() if f == "text")}
    return bool(names & text_names)


def _read_csv(handle, name: str, stem: str, first_line: int = 1) -> Iterator[Article | LoadProblem]:
    """A CSV file with a header row naming its columns: read whole (within the size limit
    of a document), a row an article, problems named by the line the row starts on."""
    text = yield from _read_whole(handle, name, MAX_DOCUMENT_BYTES, "a CSV file")
    if text is None:
        return
    csv.field_size_limit(MAX_ARTICLE_BYTES + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        yield LoadProblem(name, "empty file")
        return
    except csv.Error as exc:
        yield LoadProblem(name, f"not CSV ({exc})", first_line)
        return
    columns, missing = _csv_columns([column.strip().lower() for column in header])
    if missing:
        yield LoadProblem(name, missing, first_line)
        return
    if "text" not in columns:
        yield LoadProblem(name, f"no text column (the header names none of text, body, content; "
                                f"{COLUMNS_OPTION} text=NAME names another)", first_line)
        return
    while True:
        line = first_line + reader.line_num  # where the next row starts
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield LoadProblem(name, f"not CSV ({exc}), the row is skipped", line)
            continue
        if any(cell.strip() for cell in row):
            record = {field: row[index] for field, index in columns.items() if index < len(row)}
            yield from _article_from_record(record, name, line, stem)


def _read_feed(handle, name: str, stem: str) -> Iterator[Article | LoadProblem]:
    """An RSS or Atom feed, read whole (within the size limit of a document): an item an
    article, problems named by the line the item starts on."""
    text = yield from _read_whole(handle, name, MAX_DOCUMENT_BYTES, "a feed")
    if text is None:
        return
    try:
        records = list(feed_records(text))
    except FeedError as exc:
        yield LoadProblem(name, str(exc))
        return
    if not records:
        yield LoadProblem(name, "no items: not an RSS or Atom feed, or an empty one")
    for line, record in records:
        yield from _article_from_record(record, name, line, stem)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _article_from_record(
    record: object, name: str, number: int, stem: str
) -> Iterator[Article | LoadProblem]:
    if not isinstance(record, dict):
        yield LoadProblem(name, f"expected a JSON object, got {type(record).__name__}", number)
        return
    if "text" not in record and "maintext" in record:  # news-please's output
        record = {"text": record.get("maintext"), "date": record.get("date_publish"), "title": record.get("title"),
                  "url": record.get("url"), "source": record.get("source_domain"), "id": record.get("id")}
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield LoadProblem(name, "no text (the 'text' field is missing or empty)", number)
        return
    if len(text) > MAX_ARTICLE_BYTES:  # in a JSON array or a UTF-16 file, read whole
        yield LoadProblem(name, f"too large for one article (over {_megabytes(MAX_ARTICLE_BYTES)}), skipped", number)
        return
    article_date = None
    if record.get("date") not in (None, ""):
        try:
            article_date = parse_date(record["date"])
        except DateError as exc:
            yield LoadProblem(name, f"{exc}; the article is kept without a date", number)
    raw_id = record.get("id")
    if raw_id in (None, ""):
        article_id = f"{stem}-{hashlib.sha1(text.encode('utf-8', 'replace')).hexdigest()[:12]}"
    else:
        article_id = str(raw_id)
    title = record.get("title")
    yield Article(
        id=article_id,
        text=text,
        date=article_date,
        title=" ".join(title.split()) if isinstance(title, str) else "",
        source=str(record.get("source") or ""),
        url=str(record.get("url") or ""),
        path=name,
        line=number,
    )
