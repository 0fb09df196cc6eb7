"""Marks: the events a reader set aside, kept by what names an event across
re-extractions (its article's id and its sentence's text), not by a place in the
timeline, which moves whenever the corpus or the extractor changes.  Where the reader
was is kept the same way, with the rest of what it remembers of a corpus."""

from __future__ import annotations

import hashlib
from typing import Iterable, NamedTuple

from ..state_home import corpus_state_key, read_state, update_state
from .catalog import Catalog
from .timeline import TimelineEvent, timeline_key

SENTENCE_DIGEST_CHARS = 16


class EventRef(NamedTuple):
    """An event as the state file keeps it."""

    article: str  # the article's id
    sentence: str  # a digest of the sentence's text
    date: str  # the event's date when it was marked: a sentence may hold two
    kind: str  # the event's kind: "article", "mention" or "caption"

    def as_record(self) -> dict[str, str]:
        return self._asdict()

    @classmethod
    def from_record(cls, record: object) -> EventRef | None:
        """A record read back from the state file, or None when it is not one."""
        if not isinstance(record, dict) or set(record) != set(cls._fields):
            return None
        values = [record[name] for name in cls._fields]
        if not all(isinstance(value, str) and 0 < len(value) <= 1000 for value in values):
            return None
        return cls(*values)


def sentence_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=SENTENCE_DIGEST_CHARS // 2).hexdigest()


def ref_of(catalog: Catalog, event: TimelineEvent) -> EventRef:
    return EventRef(catalog.articles[event.article].id, sentence_digest(event.event.text), event.date,
                    event.event.kind)


def find_event(catalog: Catalog, ref: EventRef) -> TimelineEvent | None:
    """The event the ref names, if its article and sentence are still there: the one of
    the same date and kind, else the sentence's event of the same kind, else any of it."""
    number = catalog.article_number(ref.article)
    if number is None:
        return None
    same_sentence = [event for event in catalog.events_of_articles([number])
                     if sentence_digest(event.event.text) == ref.sentence]
    for wanted in (lambda e: e.date == ref.date and e.event.kind == ref.kind, lambda e: e.event.kind == ref.kind):
        for event in same_sentence:
            if wanted(event):
                return event
    return same_sentence[0] if same_sentence else None


def refs_from_records(records: object) -> list[EventRef]:
    """The refs of a state file's list, passing over what is not one."""
    if not isinstance(records, list):
        return []
    return [ref for ref in map(EventRef.from_record, records) if ref is not None]


class Marks:
    """A corpus's marks: the refs (those whose event is gone too, kept for when its file
    is back) and the events found for them in this catalog."""

    def __init__(self, refs: Iterable[EventRef] = ()) -> None:
        self.refs: list[EventRef] = list(dict.fromkeys(refs))
        self.events: dict[TimelineEvent, EventRef] = {}

    def find_in(self, catalog: Catalog) -> None:
        self.events = {}
        for ref in self.refs:
            event = find_event(catalog, ref)
            if event is not None and event not in self.events:
                self.events[event] = ref

    @property
    def missing(self) -> int:
        """How many marks name an event this catalog does not have."""
        return len(self.refs) - len(self.events)

    def toggle(self, catalog: Catalog, event: TimelineEvent) -> bool:
        """Mark the event, or unmark it; whether it is marked now."""
        ref = self.events.pop(event, None)
        if ref is not None:
            self.refs.remove(ref)
            return False
        ref = ref_of(catalog, event)
        if ref not in self.refs:
            self.refs.append(ref)
        self.events[event] = ref
        return True

    def in_timeline_order(self) -> list[TimelineEvent]:
        return sorted(self.events, key=timeline_key)

    def records(self) -> list[dict[str, str]]:
        return [ref.as_record() for ref in self.refs]


class ReadingState:
    """What the reader keeps of a corpus between sessions, in the state folder: its
    marks, where it was (an event, and the search), and the theme chosen for it."""

    def __init__(self, paths: list[str] | None) -> None:
        self.paths = paths
        self.key = corpus_state_key(paths)
        state, self.problem = read_state(self.key) if self.key else ({}, None)
        self.marks = Marks(refs_from_records(state.get("marks")))
        self.place = EventRef.from_record(state.get("place"))
        self.search = state.get("search") if isinstance(state.get("search"), str) else ""
        self.theme = state.get("theme") if isinstance(state.get("theme"), str) else None

    @property
    def kept(self) -> bool:
        """Whether anything is kept: not for a corpus read from standard input."""
        return self.key is not None

    def save_marks(self) -> str | None:
        """Write the marks; a one-line problem when they could not be."""
        return update_state(self.key, self.paths, marks=self.marks.records()) if self.key else None

    def save_place(self, place: EventRef | None, search: str, theme: str | None) -> str | None:
        """Write where the reader is, and its theme (None: the one kept stays)."""
        self.place, self.search, self.theme = place, search, theme or self.theme
        if not self.key:
            return None
        return update_state(self.key, self.paths, place=place.as_record() if place else None, search=search,
                            theme=self.theme)
