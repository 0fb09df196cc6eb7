"""An article's extraction as one marshal blob: plain tuples without the texts (they are
slices of the article), a tenth of the memory of the records and cheap to send between
processes.  For the cache, the blobs of a corpus become columns (numbers in arrays,
strings in lists), which store as data and read back without running anything."""

from __future__ import annotations

import marshal
from array import array
from typing import Collection, Iterable, Mapping, Sequence

from ..cache_home import Part, StoredField
from ..extract import Extraction
from ..extract.records import Event, Figure, Name, Timex

Fields = tuple[list, list, list, list]  # names, figures, timexes, events, as plain tuples

# Per kind of record: its plain tuple's fields, each a number ("n"), a float ("f") or a
# string ("s"); strings are stored once each, the records holding their numbers.
LAYOUTS = {
    "names": "nnss",  # start, end, type, canonical
    "figures": "nnsfs",  # start, end, kind, value, unit
    "timexes": "nnss",  # start, end, type, value
    "events": "snnsss",  # date, start, end, label, granularity, kind
}
EVERY_KIND = frozenset(LAYOUTS)


def pack(extraction: Extraction) -> bytes:
    return marshal.dumps((
        [(n.start, n.end, n.type, n.canonical) for n in extraction.names],
        [(f.start, f.end, f.kind, f.value, f.unit) for f in extraction.figures],
        [(t.start, t.end, t.type, t.value) for t in extraction.timexes],
        [(e.date, e.start, e.end, e.label, e.granularity, e.kind) for e in extraction.events],
    ))


def unpack(packed: bytes, text: str) -> Extraction:
    return records(marshal.loads(packed), text)


def records(fields: Fields, text: str) -> Extraction:
    names, figures, timexes, events = fields
    return Extraction(
        [Name(s, e, text[s:e], kind, canonical) for s, e, kind, canonical in names],
        [Figure(s, e, text[s:e], kind, value, unit) for s, e, kind, value, unit in figures],
        [Timex(s, e, text[s:e], kind, value) for s, e, kind, value in timexes],
        [Event(day, s, e, text[s:e], label, granularity, kind) for day, s, e, label, granularity, kind in events],
    )


class ExtractionColumns:
    """The extractions of many articles as columns: for each kind of record, where each
    article's records start, and one column per field."""

    def __init__(self, part: Part, checked: bool = True) -> None:
        self._part = part
        self._strings: list[str] = part["strings"]  # type: ignore[assignment]
        self._columns = {kind: [part[f"{kind}.{i}"] for i in range(len(layout))] for kind, layout in LAYOUTS.items()}
        self._starts = {kind: part[f"{kind}.starts"] for kind in LAYOUTS}
        if checked:  # unless they are only to be written: they are checked when read back
            self._check()

    def _check(self) -> None:
        """Read back from a file: every column as long as its records, every string number
        a string, or ValueError (a cache entry that passed its checksum yet is wrong)."""
        articles = len(self._starts["names"]) - 1  # type: ignore[arg-type]
        strings = len(self._strings)
        for kind, layout in LAYOUTS.items():
            starts = self._starts[kind]
            if len(starts) != articles + 1 or list(starts[:1]) != [0]:  # type: ignore[arg-type,index]
                raise ValueError(f"{kind}: bad record starts")
            total = starts[-1]  # type: ignore[index]
            for column, field in zip(self._columns[kind], layout, strict=False):
                if len(column) != total:  # type: ignore[arg-type]
                    raise ValueError(f"{kind}: a column of the wrong length")
                if field == "s" and column and _highest(column) >= strings:
                    raise ValueError(f"{kind}: a string number out of range")

    def __len__(self) -> int:
        return len(self._starts["names"]) - 1  # type: ignore[arg-type]

    def fields(self, number: int, kinds: Collection[str] = EVERY_KIND) -> Fields:
        """The article's records as tuples; only those of `kinds` (the rest empty), when a
        question needs one or two kinds of every article's."""
        strings = self._strings
        found: list[list] = []
        for kind, layout in LAYOUTS.items():
            starts = self._starts[kind]
            start, end = starts[number], starts[number + 1]  # type: ignore[index]
            if kind not in kinds:
                found.append([])
                continue
            columns = [
                [strings[i] for i in column[start:end]] if field == "s" else list(column[start:end])  # type: ignore[index]
                for column, field in zip(self._columns[kind], layout, strict=False)
            ]
            found.append(list(zip(*columns, strict=False)) if end > start else [])
        return found[0], found[1], found[2], found[3]

    @classmethod
    def of_packed(cls, blobs: Iterable[bytes]) -> ExtractionColumns:
        strings: dict[str, int] = {}
        number_of = strings.setdefault
        part: Part = {}
        columns = {kind: [array("d") if field == "f" else array("I") for field in layout]
                   for kind, layout in LAYOUTS.items()}
        starts = {kind: array("Q", [0]) for kind in LAYOUTS}
        for blob in blobs:
            for (kind, layout), items in zip(LAYOUTS.items(), marshal.loads(blob), strict=True):
                # zip(*items) is nothing without items
                for column, field, values in zip(columns[kind], layout, zip(*items, strict=False), strict=False):
                    column.extend([number_of(value, len(strings)) for value in values] if field == "s" else values)
                starts[kind].append(starts[kind][-1] + len(items))
        part["strings"] = list(strings)
        for kind in LAYOUTS:
            part[f"{kind}.starts"] = starts[kind]
            for i, column in enumerate(columns[kind]):
                part[f"{kind}.{i}"] = column
        return cls(part)

    def part(self) -> Part:
        return self._part

    def followed_by(self, other: ExtractionColumns) -> ExtractionColumns:
        """These articles' extractions, then other's (read whole, where they were left in
        their file): the columns of a corpus that gained other's articles, to be written."""
        strings = self._strings + other._strings
        shift = len(self._strings)
        part: Part = {"strings": strings}
        for kind, layout in LAYOUTS.items():
            starts, more = _whole(self._starts[kind]), other._starts[kind]
            part[f"{kind}.starts"] = starts + array(starts.typecode, [starts[-1] + n for n in more[1:]])  # type: ignore[index]
            for i, (field, column, next_column) in enumerate(
                    zip(layout, self._columns[kind], other._columns[kind], strict=True)):
                added = _whole(next_column)
                if field == "s":
                    added = array(added.typecode, [n + shift for n in added])
                part[f"{kind}.{i}"] = _whole(column) + added
        return ExtractionColumns(part, checked=False)


def _whole(column: object) -> array:
    """A column as an array, read from its file if it was left there."""
    found = column[:] if isinstance(column, StoredField) else column
    if not isinstance(found, array):
        raise ValueError("a column is not numbers")
    return found


def _highest(column: object) -> int:
    """A column's highest number: noted as it was read, if it was left in its file."""
    if isinstance(column, StoredField):
        if column.highest is None:
            raise ValueError("a stored column's highest number was not noted")
        return column.highest
    return max(column)  # type: ignore[call-overload]


class PackedExtractions(Sequence[Extraction]):
    """Every article's extraction, kept as plain tuples (marshal blobs, or columns read
    from the cache) and made into records only for the articles someone looks at (a few
    at a time in the reader).  With `numbers`, it holds only those articles' extractions."""

    def __init__(self, packed: Sequence[bytes] | ExtractionColumns, articles: Sequence | Mapping,
                 numbers: Sequence[int] | None = None) -> None:
        self.packed = packed
        self._articles = articles
        self._position = {number: i for i, number in enumerate(numbers)} if numbers is not None else None
        self._recent: dict[int, Extraction] = {}

    def __len__(self) -> int:
        return len(self.packed)

    def __getitem__(self, number):  # type: ignore[override]
        if isinstance(number, slice):
            return [self[i] for i in range(*number.indices(len(self)))]
        extraction = self._recent.get(number)
        if extraction is None:
            if len(self._recent) > 64:
                self._recent.clear()
            extraction = self._recent[number] = records(self.fields(number), self._articles[number].text)
        return extraction

    def fields(self, number: int, kinds: Collection[str] = EVERY_KIND) -> Fields:
        """The article's records as tuples (of `kinds` at least: see ExtractionColumns.fields)."""
        at = number if self._position is None else self._position[number]
        if isinstance(self.packed, ExtractionColumns):
            return self.packed.fields(at, kinds)
        return marshal.loads(self.packed[at])
