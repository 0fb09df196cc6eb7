"""Which files a load reads: the paths given, folders walked, standard input, and the
bundled seeds when none is given.  Nothing here reads a file's content."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..package_files import package_folder
from .problems import LoadProblem

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}  # RSS 2.0 and Atom feeds saved to disk
STANDARD_INPUT = "-"  # as a path: read the corpus from standard input
STANDARD_INPUT_NAME = "<stdin>"


class StandardInput:
    """Standard input as a source: read once, as a stream, and never cached."""

    def __str__(self) -> str:
        return STANDARD_INPUT_NAME


Source = Path | StandardInput


def iter_sources(paths: Iterable[str | os.PathLike] | None = None) -> Iterator[Source | LoadProblem]:
    """The files a load would read, in order, and the problems found on the way there,
    without opening any file (the cache is keyed on these).  A folder gives its regular
    files; a FIFO or a device named on its own is read as a stream."""
    targets = list(paths) if paths else [seed_corpus_path()]
    for target in targets:
        if str(target) == STANDARD_INPUT:
            yield StandardInput()
            continue
        path = Path(target)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            yield LoadProblem(str(path), "broken symbolic link" if path.is_symlink() else "no such file or directory")
        except OSError as exc:  # a folder on the way that cannot be read, a name too long
            yield LoadProblem(str(path), f"cannot read: {os_reason(exc)}")
        else:
            if stat.S_ISDIR(info.st_mode):
                yield from _walk_folder(path)
            else:
                yield path


def _walk_folder(folder: Path) -> Iterator[Path | LoadProblem]:
    """The folder's corpus files, recursively, in name order.  A symbolic link to a
    folder is followed only while it stays inside the folder given, and once; hidden
    entries and files of other kinds are passed over; special files (FIFOs, sockets,
    devices), which could block a read forever, are skipped and named once."""
    root = os.path.realpath(folder)
    visited = {root}
    special: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            yield LoadProblem(str(current), f"cannot read the folder: {os_reason(exc)}")
            continue
        folders: list[Path] = []
        # Folders themselves first, so that a link to one of them is the copy passed over.
        visited.update(os.path.realpath(e.path) for e in entries if _is_plain_folder(e))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()
                is_file = not is_folder and entry.is_file()
            except OSError as exc:
                yield LoadProblem(entry.path, f"cannot read: {os_reason(exc)}")
                continue
            if is_folder:
                if _is_plain_folder(entry):
                    folders.append(Path(entry.path))
                    continue
                real = os.path.realpath(entry.path)
                if os.path.commonpath([root, real]) != root:
                    yield LoadProblem(entry.path, f"symbolic link out of {folder}, not followed")
                elif os.path.commonpath([real, os.path.realpath(current)]) == real:
                    yield LoadProblem(entry.path, "symbolic link loop, skipped")
                elif real in visited:
                    yield LoadProblem(entry.path, "symbolic link to a folder read already, skipped")
                else:
                    visited.add(real)
                    folders.append(Path(entry.path))
            elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES:
                if is_file:
                    yield Path(entry.path)
                elif entry.is_symlink() and not os.path.exists(entry.path):
                    yield LoadProblem(entry.path, "broken symbolic link")
                else:
                    special.append(entry.path)
        pending.extend(reversed(folders))
    if special:
        more = f" and {len(special) - 1} more" if len(special) > 1 else ""
        yield LoadProblem(special[0], f"not a regular file (a FIFO, socket or device), skipped{more}")


def _is_plain_folder(entry: os.DirEntry) -> bool:
    try:
        return not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


_standard_input_read: bytes | None = None


def standard_input() -> IO[bytes]:
    """Where a source "-" is read from: standard input, or what was read from it before
    the reader gave standard input back to the terminal."""
    if _standard_input_read is not None:
        return io.BytesIO(_standard_input_read)
    return sys.stdin.buffer


def keep_standard_input(data: bytes) -> None:
    global _standard_input_read
    _standard_input_read = data


def open_source(source: Source) -> IO[bytes]:
    """The source opened for reading bytes: a file, or standard input."""
    if isinstance(source, StandardInput):
        return standard_input()
    return open(source, "rb")


def seed_corpus_path() -> Path:
    """The bundled seed corpus: inside the installed package, or the source tree's seeds/."""
    return package_folder("seeds")
