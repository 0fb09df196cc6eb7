"""The loaded corpus and the questions the app and the CLI ask of it."""

from .catalog import Catalog, NameEntry, TimelineEvent
from .query import QueryError, parse_query
from .search import SearchIndex, SearchResult

__all__ = ["Catalog", "NameEntry", "QueryError", "SearchIndex", "SearchResult", "TimelineEvent", "parse_query"]
