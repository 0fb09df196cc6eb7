"""Timeline events as records and as the files they are taken elsewhere in: JSON Lines
(the `dateline events --json` schema, one a line), CSV, and TimelineJS's JSON, so that a
story can be published as an interactive timeline."""

from __future__ import annotations

import csv
import html
import io
import json
import os
from pathlib import Path
from typing import IO, Iterable

from ..cache_home import write_atomically
from ..terminal_text import json_escaped
from .catalog import Catalog
from .timeline import TimelineEvent

FORMATS = ("jsonl", "csv", "timelinejs")
SUFFIXES = {".jsonl": "jsonl", ".csv": "csv", ".json": "timelinejs"}  # a file name's format
CSV_FIELDS = ("date", "granularity", "kind", "article", "title", "start", "end", "text")
# A spreadsheet reads a cell that starts with one of these as a formula: article text is
# data, so such a cell is written after a quote mark, as spreadsheets themselves do.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def event_record(catalog: Catalog, event: TimelineEvent) -> dict:
    """One event as plain data: the `events` schema."""
    return {
        "date": event.date,
        "granularity": event.event.granularity,
        "kind": event.event.kind,
        "article": catalog.articles[event.article].id,
        "start": event.event.start,
        "end": event.event.end,
        "text": event.event.text,
    }


def write_events(catalog: Catalog, events: Iterable[TimelineEvent], file_format: str, out: IO[str]) -> int:
    """Write the events to `out` in a format of FORMATS; how many were written."""
    if file_format == "jsonl":
        count = 0
        for event in events:
            out.write(_json(event_record(catalog, event)) + "\n")
            count += 1
        return count
    if file_format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        count = 0
        for event in events:
            record = {**event_record(catalog, event), "title": catalog.articles[event.article].title}
            writer.writerow([_cell(record[name]) for name in CSV_FIELDS])
            count += 1
        return count
    if file_format == "timelinejs":
        slides = [timelinejs_event(catalog, event) for event in events]
        out.write(_json({"events": slides}, indent=1) + "\n")
        return len(slides)
    raise ValueError(f"a format is one of {', '.join(FORMATS)}, not {file_format!r}")


def events_text(catalog: Catalog, events: Iterable[TimelineEvent], file_format: str) -> tuple[str, int]:
    """The file's whole text, and how many events it holds."""
    out = io.StringIO()
    count = write_events(catalog, events, file_format, out)
    return out.getvalue(), count


def timelinejs_event(catalog: Catalog, event: TimelineEvent) -> dict:
    """A TimelineJS slide: its start date as precise as the event's (a year, a month or a
    day; a week or a quarter from its first day, with the period as the date shown),
    the event's label as the headline, its sentence as the text, its article's title as
    the group."""
    day, granularity = event.start_day, event.event.granularity
    start: dict[str, object] = {"year": day.year}
    if granularity != "year" and granularity != "decade":
        start["month"] = day.month
        if granularity not in ("month", "quarter", "half", "season"):
            start["day"] = day.day
    if granularity not in ("day", "month", "year"):
        start["display_date"] = event.date
    article = catalog.articles[event.article]
    return {  # TimelineJS reads these as HTML: the corpus's text is escaped, never markup
        "start_date": start,
        "text": {"headline": html.escape(event.event.label), "text": html.escape(event.event.text)},
        "group": html.escape(article.title or article.id),
        "unique_id": f"{article.id}:{event.event.start}",
    }


def export_target(typed: str, corpus_files: Iterable[str]) -> tuple[Path, str]:
    """The file a reader named for an export, and its format by its suffix; ValueError
    with what is wrong, in a line, if it cannot be one.  Never a file of the corpus:
    Dateline only ever reads those."""
    if not typed.strip():
        raise ValueError("Type a file name ending .jsonl, .csv or .json.")
    path = Path(os.path.expanduser(typed.strip()))
    file_format = SUFFIXES.get(path.suffix.lower())
    if file_format is None:
        raise ValueError(f"{path.name}: end it in .jsonl (JSON Lines), .csv or .json (TimelineJS).")
    if path.is_dir():
        raise ValueError(f"{path}: a folder, not a file.")
    if not path.absolute().parent.is_dir():
        raise ValueError(f"{path.absolute().parent}: no such folder.")
    real = os.path.realpath(path)
    if any(real == os.path.realpath(name) for name in set(corpus_files) if name):
        raise ValueError(f"{path}: a file of this corpus; Dateline never writes to those.")
    return path.absolute(), file_format


def write_export(path: Path, text: str) -> None:
    """Write the whole file or nothing (a temporary file, then renamed over it); OSError
    when it cannot be written."""
    def write(handle: IO[bytes]) -> None:
        handle.write(text.encode("utf-8", "surrogatepass"))

    if not write_atomically(path, write):
        raise OSError(f"{path}: cannot be written")


def _json(value: object, indent: int | None = None) -> str:
    return json_escaped(json.dumps(value, ensure_ascii=False, indent=indent))  # exact, and safe to `cat`


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
