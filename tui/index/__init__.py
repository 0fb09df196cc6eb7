"""The loaded corpus and the questions the app and the CLI ask of it."""

from .catalog import Catalog
from .names import NameEntry
from .opening import open_catalog, open_in_stages
from .query import QueryError, parse_query
from .search import SearchIndex, SearchResult
from .timeline import TimelineEvent

__all__ = ["Catalog", "NameEntry", "QueryError", "SearchIndex", "SearchResult", "TimelineEvent", "open_catalog",
           "open_in_stages", "parse_query"]
