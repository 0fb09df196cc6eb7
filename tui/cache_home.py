"""Where Dateline keeps what it can rebuild, and the one format it keeps it in.

The folder is $XDG_CACHE_HOME/dateline, else ~/.cache/dateline; never beside the user's
files.  It is the user's own: made 0700, and used only while it is a real folder that
this user owns and nobody else can write to.  A folder found open to others is closed
and emptied, since anything in it may have been planted.

What is stored is data that cannot execute: JSON and flat arrays of numbers, in parts,
each part's SHA-256 checked before a byte of it is decoded (and, beside a corpus's entry,
SQLite rows checked one by one, `index.article_store`); a field left in its file
(`StoredField`) is checked with its part, then read from the file as it was opened.  A
damaged or foreign file is never trusted: reading it raises `Damaged`, and the caller
removes it and rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
import weakref
from array import array
from contextlib import contextmanager
from io import BufferedReader
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Mapping, overload

try:
    import fcntl
except ImportError:  # Windows has none: there each process makes what it needs itself
    fcntl = None  # type: ignore[assignment]

MAGIC = b"dateline-store 1\n"
# A field's kind in a stored part: JSON, raw bytes, or an array of this typecode.
ARRAY_KINDS = {"u32": "I", "u64": "Q", "f64": "d"}
STORED_RUN_BYTES = 1 << 20  # a field left on disk is checked this much at a time
STALE_TEMPORARY_SECONDS = 3600  # a temporary file this old was left by a killed writer

Part = dict[str, object]


class Damaged(Exception):
    """A stored file that is truncated, altered, or not what it says it is."""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dateline"


def private_cache_dir() -> Path | None:
    """The cache folder, made if need be, or None (see cache_folder_problem) when it is
    not this user's alone: a symbolic link, another user's, or not a folder."""
    return None if cache_folder_problem() else cache_dir()


def own_folder_problem(folder: Path, name: str) -> str | None:
    """Why the folder, made 0700 if need be, is not this user's own to use (a symbolic
    link, another user's, not a folder), or None."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        info = os.lstat(folder)
    except OSError as exc:
        return f"{name} not used: it cannot be made ({(exc.strerror or str(exc)).lower()})"
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return f"{name} not used: it is a symbolic link or a file, not a folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"{name} not used: it belongs to another user (uid {info.st_uid})"
    return None


def cache_folder_problem() -> str | None:
    """Why the cache folder cannot be used, or None once it is made safe to use."""
    folder = cache_dir()
    problem = own_folder_problem(folder, "cache folder")
    if problem:
        return problem
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return f"cache folder not used: it cannot be read ({(exc.strerror or str(exc)).lower()})"
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(folder, 0o700)
            _empty(folder)  # anything in it may have been put there by someone else
        except OSError as exc:
            why = (exc.strerror or str(exc)).lower()
            return f"cache folder not used: it is open to other users and cannot be closed ({why})"
    return None


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_file() or entry.is_symlink():
            entry.unlink(missing_ok=True)


def write_atomically(target: Path, write: Callable[[IO[bytes]], None]) -> bool:
    """Write a file whole or not at all: into a temporary file in the same folder, then
    renamed over the target.  False (and nothing left behind) when that cannot be done."""
    handle = None
    try:
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


def remove_quietly(path: Path) -> None:
    """Remove a file or a folder of the cache; one already gone, or that cannot go, is
    left be.  A symbolic link is removed, never followed."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except OSError:
        pass


def folder_digest(folder: Path) -> str:
    """A digest of every file in an index's folder, names and contents."""
    digest = hashlib.blake2b(digest_size=32)
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(f"{path.name}\0{path.stat().st_size}\0".encode("utf-8", "surrogatepass"))
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
    return digest.hexdigest()


def new_folder(folder: Path, prefix: str) -> Path | None:
    """A new empty folder in `folder`, named as a temporary (pruned once stale), or None."""
    try:
        return Path(tempfile.mkdtemp(dir=folder, prefix=f".{prefix}-", suffix=".tmp"))
    except OSError:
        return None


def keep_newest(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Of the entries matching `pattern`, keep the `keep` used last (by modification
    time) and remove the rest, and the temporary files killed writers left; the entries
    removed."""
    entries = []
    for path in folder.glob(pattern):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:  # removed meanwhile by another process
            pass
    entries.sort(reverse=True)
    removed = [path for _mtime, path in entries[keep:]]
    for path in removed:
        remove_quietly(path)
    remove_stale_temporaries(folder)
    return removed


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files and folders that a writer killed mid-write left behind (a fresh
    one may be another process's write in progress)."""
    now = time.time()
    for entry in folder.glob(".*.tmp"):
        try:
            stale = now - entry.lstat().st_mtime > STALE_TEMPORARY_SECONDS
        except OSError:
            continue
        if stale:
            remove_quietly(entry)


def write_parts(target: Path, key: str, parts: list[Part]) -> bool:
    """Store parts (dicts of fields: JSON values, bytes, or arrays of u32/u64) under a
    key, atomically; False when it cannot be written."""
    encoded = [_encode_part(part) for part in parts]
    header = json.dumps({"key": key, "parts": [fields for fields, _pieces, _digest in encoded],
                         "digests": [digest for _fields, _pieces, digest in encoded]}).encode()

    def write(handle: IO[bytes]) -> None:
        handle.write(MAGIC)
        handle.write(f"{len(header)} {hashlib.sha256(header).hexdigest()}\n".encode())
        handle.write(header)
        for _fields, pieces, _digest in encoded:
            for piece in pieces:
                handle.write(piece)

    return write_atomically(target, write)


def read_parts(path: Path, key: str, on_disk: Mapping[str, bool] | None = None) -> Iterator[Part] | None:
    """The parts stored at path under this key, one at a time, each checked before it is
    decoded; None when there is no such file.  Raises Damaged, at once or on the way.
    The fields named in `on_disk` (numbers or bytes) are checked with their part but left
    in the file, as `StoredField`s; True notes a field's highest number as it is read."""
    try:
        handle = open(path, "rb")
    except OSError:
        return None
    try:
        fields_of_parts, digests = _read_header(handle, key)
    except Exception:
        handle.close()
        raise
    return _parts(handle, fields_of_parts, digests, on_disk or {})


class StoredField:
    """A field of a stored part left in its file, read a slice at a time: numbers as an
    array, bytes as bytes.  Read from the file as it was opened and checked (a file renamed
    over it since is not read instead); a file cut short since raises Damaged."""

    __slots__ = ("_descriptor", "_offset", "_size", "_item_size", "typecode", "highest")

    def __init__(self, descriptor: _Descriptor, offset: int, size: int, typecode: str | None,
                 highest: int | None) -> None:
        self._descriptor, self._offset, self._size = descriptor, offset, size
        self._item_size = 1 if typecode is None else array(typecode).itemsize
        self.typecode = typecode  # None for bytes
        self.highest = highest  # the highest number in it, if noted as it was read

    def __len__(self) -> int:
        return self._size // self._item_size

    @overload
    def __getitem__(self, index: int) -> int | float: ...
    @overload
    def __getitem__(self, index: slice) -> bytes | array: ...

    def __getitem__(self, index: int | slice) -> bytes | array | int | float:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("a stored field is read in runs")
            return self._read(start, max(stop - start, 0))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("stored field index out of range")
        return self._read(index, 1)[0]

    def _read(self, start: int, count: int) -> bytes | array:
        size = self._item_size
        raw = os.pread(self._descriptor.number, count * size, self._offset + start * size) if count else b""
        if len(raw) != count * size:
            raise Damaged("a stored field is cut short")
        if self.typecode is None:
            return raw
        numbers = array(self.typecode)
        numbers.frombytes(raw)
        return numbers


class _Descriptor:
    """A file descriptor of its own for the stored fields of one part, closed with them."""

    def __init__(self, handle: BufferedReader) -> None:
        self.number = os.dup(handle.fileno())
        weakref.finalize(self, os.close, self.number)


def _read_header(handle: BufferedReader, key: str) -> tuple[list[list[list]], list[str]]:
    try:
        if handle.read(len(MAGIC)) != MAGIC:
            raise Damaged("not a Dateline store file")
        size_text, digest = handle.readline(100).decode("ascii").split()
        header = handle.read(int(size_text))
        if hashlib.sha256(header).hexdigest() != digest:
            raise Damaged("the header's checksum does not match")
        fields = json.loads(header)
        if fields["key"] != key:
            raise Damaged("stored under another key")
        return fields["parts"], fields["digests"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise Damaged(f"unreadable header ({exc})") from None


def _parts(handle: BufferedReader, fields_of_parts: list[list[list]], digests: list[str],
           on_disk: Mapping[str, bool]) -> Iterator[Part]:
    with handle:
        for fields, digest in zip(fields_of_parts, digests, strict=True):
            try:
                yield _read_part(handle, fields, digest, on_disk)
            except (ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError) as exc:
                raise Damaged(f"unreadable part ({exc})") from None


def _read_part(handle: BufferedReader, fields: list[list], digest: str, on_disk: Mapping[str, bool]) -> Part:
    """A part read field by field, numbers straight into their arrays, so that a large
    part is never in memory twice (as read and as decoded); JSON is parsed only once the
    whole part has matched its checksum."""
    checksum = hashlib.sha256()
    part: Part = {}
    unparsed: list[tuple[str, bytes]] = []
    descriptor = None
    for name, kind, length in fields:
        size = int(length)
        value: bytes | array
        if name in on_disk and kind != "json":
            descriptor = descriptor or _Descriptor(handle)
            part[name] = _left_on_disk(handle, descriptor, kind, size, checksum, on_disk[name])
            continue
        if kind in ("json", "bytes"):
            raw = handle.read(size)
            filled, value = len(raw), raw
        else:
            count, rest = divmod(size, array(ARRAY_KINDS[kind]).itemsize)
            if rest:
                raise ValueError(f"{name}: not whole numbers")
            numbers = array(ARRAY_KINDS[kind], [0]) * count
            filled, value = handle.readinto(memoryview(numbers).cast("B")), numbers
        if filled != size:
            raise Damaged("a part is cut short")
        checksum.update(value)
        if kind == "json":
            unparsed.append((name, raw))
        else:
            part[name] = value
    if checksum.hexdigest() != digest:
        raise Damaged("a part's checksum does not match")
    for name, raw in unparsed:
        part[name] = json.loads(str(raw, "utf-8", "surrogatepass"))
    return part


def _left_on_disk(handle: BufferedReader, descriptor: _Descriptor, kind: str, size: int,
                  checksum: hashlib._Hash, note_highest: bool) -> StoredField:
    """A field read through, a run at a time, into the part's checksum and left in the file."""
    typecode = None if kind == "bytes" else ARRAY_KINDS[kind]
    item_size = 1 if typecode is None else array(typecode).itemsize
    if size % item_size:
        raise ValueError("a stored field is not whole numbers")
    offset, left, highest = handle.tell(), size, None
    run = bytearray(STORED_RUN_BYTES)
    while left:
        wanted = min(left, len(run))
        if handle.readinto(memoryview(run)[:wanted]) != wanted:
            raise Damaged("a part is cut short")
        checksum.update(memoryview(run)[:wanted])
        if note_highest and typecode is not None:
            highest = max(highest or 0, max(array(typecode, run[:wanted])))
        left -= wanted
    return StoredField(descriptor, offset, size, typecode, highest if note_highest else None)


def _encode_part(part: Part) -> tuple[list[list], list[bytes | memoryview], str]:
    """A part's fields, the pieces to write (arrays as they are in memory, not copied: a
    large entry is not held twice while it is written) and its checksum."""
    fields: list[list] = []
    pieces: list[bytes | memoryview] = []
    checksum = hashlib.sha256()
    for name, value in part.items():
        piece: bytes | memoryview
        if isinstance(value, array):
            kind = next(kind for kind, code in ARRAY_KINDS.items() if code == value.typecode)
            piece = memoryview(value).cast("B")
        elif isinstance(value, (bytes, bytearray)):
            kind, piece = "bytes", bytes(value)
        else:
            kind = "json"
            piece = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        checksum.update(piece)
        fields.append([name, kind, len(piece)])
        pieces.append(piece)
    return fields, pieces, checksum.hexdigest()


def string_column(values: Iterable[str]) -> tuple[list[str], array]:
    """Strings to store as each distinct one once, and the number of each value's."""
    numbers: dict[str, int] = {}
    codes = array("I", [numbers.setdefault(value, len(numbers)) for value in values])
    return list(numbers), codes


def text_column(texts: Iterable[str]) -> tuple[bytes, array]:
    """Long strings to store as one run of UTF-8, and where each one starts in it."""
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    starts = array("Q", [0])
    for piece in encoded:
        starts.append(starts[-1] + len(piece))
    return b"".join(encoded), starts


@contextmanager
def made_by_one_process(target: Path) -> Iterator[None]:
    """Held while a process makes `target`: another process that wants it meanwhile (the
    extraction workers start together) waits here, then finds it made.  Without a lock
    (no fcntl, a folder that cannot be written) each process goes ahead on its own.  The
    lock file is opened without following a symbolic link and without truncating it."""
    descriptor = None
    if fcntl is not None:
        try:
            flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            descriptor = os.open(target.with_name(f".{target.name}.lock"), flags, 0o600)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            if descriptor is not None:
                os.close(descriptor)
            descriptor = None
    try:
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)  # closing releases the lock
