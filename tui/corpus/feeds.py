"""RSS 2.0 and Atom feeds saved to disk, as article records: each item's (or entry's)
title, text (content, else description or summary, its HTML made plain text), date
(pubDate, else updated or published), link and id.

XML from the web is hostile.  The parser is expat driven directly: a document that
declares any entity (how a "billion laughs" bomb or an external entity starts) is
refused whole, parameter entities are never parsed, and nothing is ever fetched.
"""

from __future__ import annotations

import html
import re
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Iterator
from xml.parsers import expat

ITEM_TAGS = {"item", "entry"}
TEXT_TAGS = ("encoded", "content", "description", "summary")  # the fullest first
DATE_TAGS = ("pubdate", "published", "updated", "date")
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"}


class FeedError(ValueError):
    """Not a feed that can be read safely: one line saying why."""


class _Refused(Exception):
    pass


def feed_records(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line of the item, its record) for every item or entry, in document order; raises
    FeedError for a document that is not well-formed or declares entities."""
    items: list[tuple[int, dict[str, str]]] = []
    stack: list[str] = []
    current: dict[str, str] | None = None
    field: list[str] = []
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args) -> int:  # a handler's return type, though it never returns
        raise _Refused

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal current, field
        name = _local(tag)
        stack.append(name)
        if name in ITEM_TAGS and current is None:
            current = {}
            items.append((parser.CurrentLineNumber, current))
        elif current is not None:
            field = []
            if name == "link" and "href" in attributes and attributes.get("rel", "alternate") == "alternate":
                current.setdefault("link", attributes["href"])

    def end(tag: str) -> None:
        nonlocal current
        name = _local(tag)
        stack.pop()
        if name in ITEM_TAGS and current is not None and not any(t in ITEM_TAGS for t in stack):
            current = None
        elif current is not None and len(stack) >= 1:
            value = "".join(field).strip()
            if value:
                current.setdefault(name, value)

    def data(chunk: str) -> None:
        field.append(chunk)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(text, True)
    except _Refused:
        raise FeedError("an XML document that declares entities, refused (a feed bomb or an external entity)") from None
    except expat.ExpatError as exc:
        raise FeedError(f"not well-formed XML ({expat.errors.messages.get(exc.code, 'error')}, "
                        f"line {exc.lineno})") from None
    for line, fields in items:
        yield line, _record(fields)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].lower()


def _record(fields: dict[str, str]) -> dict[str, str]:
    body = next((fields[tag] for tag in TEXT_TAGS if tag in fields), "")
    when = next((fields[tag] for tag in DATE_TAGS if tag in fields), "")
    return {
        "title": plain_text(fields.get("title", "")),
        "text": plain_text(body),
        "date": iso_date(when),
        "url": fields.get("link", ""),
        "id": fields.get("guid") or fields.get("id") or fields.get("link") or "",
    }


def iso_date(value: str) -> str:
    """An RSS date (RFC 822: "Wed, 02 Oct 2002 13:00:00 GMT") as ISO 8601, the day as
    published in its own time zone; an Atom date is one already; anything else is passed
    on as it is, for the loader to report."""
    value = value.strip()
    if not value or re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    return moment.date().isoformat()


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self._skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(value: str) -> str:
    """A feed's text, HTML or not, as plain text: tags dropped (paragraphs become line
    breaks), character references resolved, runs of blank lines and spaces folded."""
    if "<" not in value:
        text = html.unescape(value)
    else:
        reader = _PlainText()
        reader.feed(value)
        reader.close()
        text = "".join(reader.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
