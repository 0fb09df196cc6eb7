"""The messages the reader's screen sends itself from its loading and search threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Sequence

from textual.message import Message

from ..index.catalog import Stage
from ..index.duplicates import DuplicateFolding
from ..index.search import SearchResult
from ..index.timeline import TimelineEvent


@dataclass
class Loaded(Message):
    """A stage of the catalog is ready to show (see `opening.open_in_stages`)."""

    catalog: Stage


@dataclass
class Progress(Message):
    """How far the load has got, for the status line."""

    text: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Progress)


@dataclass
class SearchCounted(Message):
    """The first answer to the search typed as `text`: how many articles match, for the
    status line, before the timeline it narrows to is worked out (`Searched`).  `taken`
    is set once the reader has taken it: the search's thread waits for that before it
    goes on, else its work would hold the reader's thread off the interpreter."""

    text: str
    result: SearchResult
    taken: threading.Event = field(default_factory=threading.Event)


@dataclass
class Searched(Message):
    """The answer to the search typed as `text`: a result, or why there is none, and
    the timeline it narrows to (worked out off the reader's thread too), if the filters
    it was worked out under (`filters`) are still those in use."""

    text: str
    result: SearchResult | None
    error: str | None
    shown: tuple[Sequence[TimelineEvent], dict[int, int]] | None = None
    filters: tuple | None = None


@dataclass
class DuplicatesFound(Message):
    """The corpus's near-duplicates, found after it loaded: the timeline folds them."""

    folding: DuplicateFolding
