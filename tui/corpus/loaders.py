"""Read articles from seed text files, JSON Lines files and folders of them.

Every problem becomes a `LoadProblem` (one line naming the file, the line and what is
wrong) and loading goes on with the rest.  Files are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .articles import Article
from .safe_text import one_line

SEED_HEADER_RE = re.compile(r"\A[ \t]*date[ \t]+(\S+)[ \t]*(?:\r?\n)?[ \t]*")
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SNIFF_BYTES = 8192
MAX_ARTICLE_BYTES = 64 * 1024 * 1024  # one article; a larger file or line is refused, unread
READ_CHUNK = 1024 * 1024


@dataclass(slots=True, frozen=True)
class LoadProblem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return one_line(f"{where}: {self.message}")


@dataclass(slots=True)
class Corpus:
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    paths: list[str] | None = None  # as asked for; None for the bundled seeds


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


def seed_corpus_path() -> Path:
    """The bundled seed corpus: inside the installed package, or the source tree's seeds/."""
    packaged = resources.files("tui") / "seeds"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "seeds"


def load_corpus(
    paths: Iterable[str | os.PathLike] | None = None,
    on_articles: Callable[[list[Article]], None] | None = None,
    every: int = 250,
) -> Corpus:
    """The articles at these paths (the seeds when none), and the problems met.  With
    `on_articles`, the articles are also handed over `every` at a time as they are read,
    so that extracting them can start before the last file is parsed."""
    names = [str(p) for p in paths] if paths else None
    corpus = Corpus(paths=names)
    taken: set[str] = set()
    renamed: dict[str, int] = {}  # an id taken -> the last suffix tried for it
    handed_over = 0
    for item in iter_corpus(names):
        if on_articles and len(corpus.articles) - handed_over >= every:
            on_articles(corpus.articles[handed_over:])
            handed_over = len(corpus.articles)
        if isinstance(item, LoadProblem):
            corpus.problems.append(item)
            continue
        if item.id in taken:
            suffix = renamed.get(item.id, 1)
            while f"{item.id}#{suffix + 1}" in taken:
                suffix += 1
            renamed[item.id] = suffix + 1
            new_id = f"{item.id}#{suffix + 1}"
            corpus.problems.append(
                LoadProblem(item.path, f"duplicate id {item.id!r}, renamed to {new_id!r}", item.line)
            )
            item.id = new_id
        taken.add(item.id)
        corpus.articles.append(item)
    if on_articles and len(corpus.articles) > handed_over:
        on_articles(corpus.articles[handed_over:])
    return corpus


def iter_corpus(paths: Iterable[str | os.PathLike] | None = None) -> Iterator[Article | LoadProblem]:
    for source in iter_sources(paths):
        if isinstance(source, LoadProblem):
            yield source
        else:
            yield from iter_file(source)


def iter_sources(paths: Iterable[str | os.PathLike] | None = None) -> Iterator[Path | LoadProblem]:
    """The files a load would read, in order, and the problems found on the way there,
    without opening any file (the cache is keyed on these)."""
    targets = [Path(p) for p in paths] if paths else [seed_corpus_path()]
    for target in targets:
        if target.is_dir():
            yield from _walk_folder(target)
        elif target.exists():
            yield target
        elif target.is_symlink():
            yield LoadProblem(str(target), "broken symbolic link")
        else:
            yield LoadProblem(str(target), "no such file or directory")


def _walk_folder(folder: Path) -> Iterator[Path | LoadProblem]:
    visited: set[str] = set()

    def on_error(exc: OSError) -> None:
        problems.append(LoadProblem(exc.filename or str(folder), _os_reason(exc)))

    problems: list[LoadProblem] = []
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=on_error):
        yield from problems
        problems.clear()
        real = os.path.realpath(root)
        if real in visited:
            yield LoadProblem(root, "symbolic link loop, skipped")
            dirs[:] = []
            continue
        visited.add(real)
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in TEXT_SUFFIXES | JSONL_SUFFIXES:
                continue
            yield path
    yield from problems


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def iter_file(path: Path) -> Iterator[Article | LoadProblem]:
    name = str(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield LoadProblem(name, f"cannot read: {_os_reason(exc)}")
        return
    with handle:
        try:
            head = handle.read(SNIFF_BYTES)
        except OSError as exc:
            yield LoadProblem(name, f"cannot read: {_os_reason(exc)}")
            return
        if not head.strip(b" \t\r\n\xef\xbb\xbf"):
            yield LoadProblem(name, "empty file")
            return
        if b"\x00" in head:
            yield LoadProblem(name, "binary file (contains NUL bytes), skipped")
            return
        handle.seek(0)
        first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if path.suffix.lower() in JSONL_SUFFIXES or (
            path.suffix.lower() not in TEXT_SUFFIXES and first == b"{"
        ):
            yield from _iter_jsonl(handle, name)
        else:
            yield from _read_seed(handle, name, path)


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


def _read_seed(handle, name: str, path: Path) -> Iterator[Article | LoadProblem]:
    raw = handle.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:
        size = os.fstat(handle.fileno()).st_size
        yield LoadProblem(name, f"too large for one article ({_megabytes(size)}; at most {_megabytes(MAX_ARTICLE_BYTES)}), skipped")
        return
    content, problem = _decode(raw, name, None)
    if problem:
        yield problem
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
    yield Article(id=path.stem, text=text, date=article_date, path=name)


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


def _iter_jsonl(handle, name: str) -> Iterator[Article | LoadProblem]:
    stem = Path(name).stem
    for number, raw in enumerate(_bounded_lines(handle), start=1):
        if isinstance(raw, int):
            yield LoadProblem(name, f"line too long for one article ({_megabytes(raw)}; at most {_megabytes(MAX_ARTICLE_BYTES)}), skipped", number)
            continue
        if not raw.strip():
            continue
        line, problem = _decode(raw, name, number)
        if problem:
            yield problem
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield LoadProblem(name, f"invalid JSON ({exc.msg} at column {exc.colno})", number)
            continue
        except RecursionError:
            yield LoadProblem(name, "invalid JSON (nested too deeply)", number)
            continue
        except ValueError as exc:  # an integer of more digits than Python converts
            yield LoadProblem(name, f"invalid JSON ({str(exc).split(':')[0].lower()})", number)
            continue
        yield from _article_from_record(record, name, number, stem)


def _article_from_record(
    record: object, name: str, number: int, stem: str
) -> Iterator[Article | LoadProblem]:
    if not isinstance(record, dict):
        yield LoadProblem(name, f"expected a JSON object, got {type(record).__name__}", number)
        return
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield LoadProblem(name, "no text (the 'text' field is missing or empty)", number)
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
