"""The article pane: header, then the text with names, figures, dates, search hits and
the active event's sentence marked.

The text is wrapped here, not by Rich, so that every character offset maps to a screen
line: jumping to a sentence, a hit or a name is a bisect.  Styles come from component
classes, so all colours live in the .tcss files; the sentence marker is a gutter bar
that needs no colour at all.

It is one job, if a long one: every mark and every move in the pane goes through the
same map from character offsets to wrapped lines.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from typing import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..corpus.articles import Article
from ..extract import Extraction, Figure, Name, Timex
from ..extract.records import NAME_TYPES, name_type
from ..terminal_text import one_line, terminal_safe
from .line_style import KeepsStyles

GUTTER = 2
DISPLAY_LIMIT = 2_000_000  # characters laid out; beyond this a note says how much is hidden
WORD_RE = re.compile(r"\S+\s*|\s+")
def name_class(code: str) -> str:
    """The component class a name of this type (PER, ORG, LOC, MISC) is drawn with."""
    return f"article--{name_type(code).word}"


NAME_CLASSES = {code: name_class(code) for code in NAME_TYPES}
HEADER, META, BLANK, BODY, TRUNCATED = range(5)


SOFT_BREAK_RE = re.compile(r"(?<=[^\n]{40})\n(?=[^\s])")


def soften_line_breaks(text: str) -> str:
    """Corpora such as Reuters keep their original line wrapping; inside a paragraph a
    line break after a long line becomes a space so the pane can reflow the prose.
    Blank lines, indented lines and short (table) lines keep their breaks.  The length
    never changes, so offsets still match the article text."""
    return SOFT_BREAK_RE.sub(" ", text)


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of text[start:end] into (start, end) line offsets, by cell width.
    Paragraph breaks are kept; a word wider than the line is cut.  Every character is in
    exactly one line, and no line is wider than `width` (but for one character wider than
    the whole line, which gets a line of its own)."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    paragraph_start = start
    while paragraph_start <= end:
        newline = text.find("\n", paragraph_start, end)
        paragraph_end = end if newline < 0 else newline
        line_start, line_width = paragraph_start, 0
        for match in WORD_RE.finditer(text, paragraph_start, paragraph_end):
            word_start, word_end = match.span()
            visible = match[0].rstrip()
            visible_end, word_width = word_start + len(visible), cell_len(visible)
            if line_width and line_width + word_width > width:
                lines.append((line_start, word_start))
                line_start, line_width = word_start, 0
            # The cut pieces of a long word are measured once each: cutting stays linear.
            while line_width == 0 and word_width > width:
                cut, cut_width = _fit(text, line_start, visible_end, width)
                if cut >= visible_end:  # one character wider than the line: it stays whole
                    break
                lines.append((line_start, cut))
                line_start, word_width = cut, word_width - cut_width
            line_width += cell_len(text[max(line_start, word_start) : word_end])
        lines.append((line_start, paragraph_end))
        if newline < 0:
            break
        paragraph_start = newline + 1
    return lines


def _fit(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Where a line of `width` cells starting at `start` must be cut, and the cells it
    holds; at least one character, so that the wrap always moves on."""
    used = 0
    for index in range(start, end):
        char_width = cell_len(text[index])
        if used + char_width > width and index > start:
            return index, used
        used += char_width
    return end, used


class ArticleView(KeepsStyles, ScrollView, can_focus=True):
    """One article, highlighted."""

    BINDINGS = [
        Binding("down,j", "scroll_lines(1)", "Down", id="article.down", show=False),
        Binding("up,k", "scroll_lines(-1)", "Up", id="article.up", show=False),
        Binding("space,pagedown,ctrl+f", "scroll_page(1)", "Page", id="article.page", show=False),
        Binding("b,pageup,ctrl+b", "scroll_page(-1)", "Page up", id="article.page_up", show=False),
        Binding("home,g", "top", "Top", id="article.top", show=False),
        Binding("end,G", "bottom", "Bottom", id="article.bottom", show=False),
        Binding("w", "jump('name', 1)", "Next name", id="article.next_name",
                tooltip="Jump to the next name in the article."),
        Binding("W", "jump('name', -1)", "Prev name", id="article.prev_name", show=False),
        Binding("f", "jump('figure', 1)", "Next figure", id="article.next_figure",
                tooltip="Jump to the next figure in the article."),
        Binding("F", "jump('figure', -1)", "Prev figure", id="article.prev_figure", show=False),
        Binding("escape", "back", "Back", id="article.back", tooltip="Back to the timeline (or the names)."),
        Binding("d", "jump('date', 1)", "Next date", id="article.next_date", show=False),
        Binding("D", "jump('date', -1)", "Prev date", id="article.prev_date", show=False),
        Binding("H", "figure_history", "Figure history", id="article.figure_history", show=False,
                tooltip="On a figure jumped to with f: the same amount followed over time, across the corpus."),
        Binding("enter", "choose_name", "Filter by name", id="article.filter_by_name", show=False,
                tooltip="On a name jumped to with w (or clicked): show only the events that mention it."),
    ]
    COMPONENT_CLASSES = {
        "article--title", "article--meta", *NAME_CLASSES.values(), "article--figure", "article--date", "article--hit",
        "article--current", "article--gutter", "article--sentence",
    }

    class Back(Message):
        """Esc: back to the sidebar."""

    @dataclass
    class FigureHistoryAsked(Message):
        """H on a figure: its history."""

        figure: Figure

    @dataclass
    class NameChosen(Message):
        """Enter on a name, or a click: filter the timeline by it."""

        name: Name

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.extraction: Extraction | None = None
        self.display_text = ""
        self.sentence: tuple[int, int] | None = None
        self.hits: list[tuple[int, int]] = []
        self.current: tuple[int, int] | None = None  # the name/figure/hit jumped to
        self._lines: list[tuple[int, int, int]] = []  # (kind, start, end)
        self._body_starts: list[int] = []
        self._body_first = 0
        self._styled: tuple[list[int], list[Style]] | None = None
        self._wrapped_width = -1
        self._pending_offset: int | None = None  # to bring into view once the pane has a size

    # --- content ---------------------------------------------------------------------

    def show(self, article: Article, extraction: Extraction, sentence: tuple[int, int] | None = None) -> None:
        changed = article is not self.article
        if not changed and sentence == self.sentence and extraction == self.extraction:
            return  # shown already: a search keystroke asks twice (its new list, then its hits)
        self.article, self.extraction = article, extraction
        # Same length as the article text: every offset still points at the same place.
        self.display_text = soften_line_breaks(terminal_safe(article.text[:DISPLAY_LIMIT]).replace("\t", " "))
        self.sentence = sentence
        if changed:
            self.hits, self.current = [], None
        self._restyle(relayout=changed)
        if sentence:
            self.scroll_to_offset(sentence[0])
        elif changed:
            self.scroll_to(y=0, animate=False)

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        if hits == self.hits:
            return
        self.hits = hits
        if self.current not in hits:
            self.current = None
        self._restyle()

    def focus_span(self, span: tuple[int, int]) -> None:
        self.current = span
        self._restyle()
        self.scroll_to_offset(span[0])

    def step_hit(self, direction: int) -> bool:
        """Jump to the next (1) or previous (-1) search hit here; False if there is none."""
        here = self.current[0] if self.current else (-1 if direction > 0 else len(self.display_text) + 1)
        following = [h for h in self.hits if (h[0] > here if direction > 0 else h[0] < here)]
        if not following:
            return False
        self.focus_span(following[0] if direction > 0 else following[-1])
        return True

    def focus_end_hit(self, first: bool) -> None:
        """Jump to the first (or the last) search hit here, if there is one."""
        if self.hits:
            self.focus_span(self.hits[0] if first else self.hits[-1])

    def hit_number(self) -> tuple[int, int] | None:
        """Which hit here is the one jumped to, counting from 1, and how many there are."""
        if self.current not in self.hits:
            return None
        return self.hits.index(self.current) + 1, len(self.hits)

    def clear(self) -> None:
        self.article = self.extraction = None
        self._lines, self._styled = [], None
        self.virtual_size = Size(self.size.width, 0)
        self.refresh()

    def notify_style_update(self) -> None:
        """The theme or the stylesheet changed: colours are baked into the styled text."""
        super().notify_style_update()
        self._styled = None

    def _restyle(self, relayout: bool = False) -> None:
        """New highlights; with relayout, new text to wrap as well."""
        self._styled = None
        if relayout:
            self._wrapped_width = -1
            self._layout()
        self.refresh()

    def _layout(self) -> None:
        width = max(10, self.size.width - GUTTER - 1)
        if self.article is None or width == self._wrapped_width or not self.size.width:
            return
        self._wrapped_width = width
        article = self.article
        lines: list[tuple[int, int, int]] = []
        title = one_line(article.title)
        for start, end in wrap_offsets(title, 0, len(title), width):
            lines.append((HEADER, start, end))
        meta = self.meta_line()  # wrapped too: the id at its end is what a script needs
        lines.extend((META, start, end) for start, end in wrap_offsets(meta, 0, len(meta), width))
        lines.append((BLANK, 0, 0))
        self._body_first = len(lines)
        body = wrap_offsets(self.display_text, 0, len(self.display_text), width)
        lines.extend((BODY, start, end) for start, end in body)
        if len(article.text) > DISPLAY_LIMIT:
            lines.append((BLANK, 0, 0))
            lines.append((TRUNCATED, 0, 0))
        self._lines = lines
        self._body_starts = [start for start, _ in body]
        self.virtual_size = Size(self.size.width, len(lines))

    def meta_line(self) -> str:
        article = self.article
        if article is None:
            return ""
        parts = [article.date_text or "undated"]
        if article.dateline_place:
            parts.append(article.dateline_place.title())
        origin = article.source or article.url or os.path.basename(article.path)
        parts.append(origin)
        if article.id not in origin:
            parts.append(article.id)
        return "  ·  ".join(one_line(p) for p in parts if p)

    # --- styles ----------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.component_style(name, partial=True)

    def style_runs(self) -> tuple[list[int], list[Style]]:
        """The article as runs of one style each: run i covers [starts[i], starts[i+1]).
        Made once per change of article, hits or theme; drawing a line is then a bisect
        and a few segments, with no Rich Text in the way."""
        if self._styled is None:
            layers: list[tuple[int, int, int, Style]] = []  # (start, end, layer, style)
            extraction = self.extraction
            if extraction is not None:
                for timex in extraction.timexes:
                    layers.append((timex.start, timex.end, 0, self._style("article--date")))
                for figure in extraction.figures:
                    layers.append((figure.start, figure.end, 1, self._style("article--figure")))
                for name in extraction.names:
                    layers.append((name.start, name.end, 2, self._style(name_class(name.type))))
            if self.sentence:
                layers.append((*self.sentence, 3, self._style("article--sentence")))
            hit = self._style("article--hit")
            layers.extend((start, end, 4, hit) for start, end in self.hits)
            if self.current:
                layers.append((*self.current, 5, self._style("article--current")))
            limit = len(self.display_text)
            opening: dict[int, list[int]] = {}
            closing: dict[int, list[int]] = {}
            for number, (start, end, _layer, _style) in enumerate(layers):
                start, end = min(start, limit), min(end, limit)
                if start < end:
                    opening.setdefault(start, []).append(number)
                    closing.setdefault(end, []).append(number)
            bounds = sorted({0, limit, *opening, *closing})
            active: set[int] = set()
            combined: dict[tuple[int, ...], Style] = {}
            starts, styles = [], []
            for left in bounds[:-1]:  # a sweep: linear in the number of spans
                active.difference_update(closing.get(left, ()))
                active.update(opening.get(left, ()))
                key = tuple(sorted(active, key=lambda n: layers[n][2]))
                style = combined.get(key)
                if style is None:
                    style = self.base_style
                    for n in key:
                        style = style + layers[n][3]
                    combined[key] = style
                starts.append(left)
                styles.append(style)
            self._styled = (starts, styles)
        return self._styled

    # --- moving ----------------------------------------------------------------------

    def line_of_offset(self, offset: int) -> int:
        return self._body_first + max(0, bisect.bisect_right(self._body_starts, offset) - 1)

    def scroll_to_offset(self, offset: int) -> None:
        if not self.size.width:  # hidden behind a zoomed pane: laid out when shown
            self._pending_offset = offset
            return
        self._pending_offset = None
        self._layout()
        line = self.line_of_offset(offset)
        top = int(self.scroll_offset.y)
        height = max(1, self.size.height)
        if not top <= line < top + height - 1:
            self.scroll_to(y=max(0, line - height // 3), animate=False, force=True)

    def action_scroll_lines(self, step: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + step, animate=False)

    def action_scroll_page(self, direction: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + direction * max(1, self.size.height - 2), animate=False)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def spans_of(self, kind: str) -> list[tuple[int, int]]:
        extraction = self.extraction
        if extraction is None:
            return []
        by_kind: dict[str, Sequence[Name | Figure | Timex]] = {
            "name": extraction.names, "figure": extraction.figures, "date": extraction.timexes
        }
        items = by_kind[kind]
        return sorted((item.start, item.end) for item in items)

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_choose_name(self) -> None:
        name = self._name_at(self.current[0]) if self.current else None
        if name is None:
            self.notify("Press w to land on a name first (or click one).", timeout=2)
            return
        self.post_message(self.NameChosen(name))

    def action_figure_history(self) -> None:
        figures = self.extraction.figures if self.extraction is not None else []
        figure = next((f for f in figures if (f.start, f.end) == self.current), None)
        if figure is None:
            self.notify("Press f to land on a figure first.", timeout=2)
            return
        self.post_message(self.FigureHistoryAsked(figure))

    def _name_at(self, offset: int) -> Name | None:
        if self.extraction is None:
            return None
        return next((n for n in self.extraction.names if n.start <= offset < n.end), None)

    def offset_at(self, x: int, y: int) -> int | None:
        """The character of the text drawn at this cell of the pane, if any."""
        index = y + int(self.scroll_offset.y)
        if index >= len(self._lines) or self._lines[index][0] != BODY or x < GUTTER:
            return None
        _kind, start, end = self._lines[index]
        column = GUTTER
        for offset in range(start, end):
            column += cell_len(self.display_text[offset])
            if column > x:
                return offset
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on a name lands on it and does what Enter does there."""
        offset = self.offset_at(event.x, event.y)
        name = self._name_at(offset) if offset is not None else None
        if name is not None:
            self.focus_span((name.start, name.end))
            self.post_message(self.NameChosen(name))

    def action_jump(self, kind: str, direction: int) -> None:
        spans = self.spans_of(kind)
        if not spans:
            self.notify(f"No {kind}s in this article.", timeout=2)
            return
        if self.current is not None:
            here = self.current[0]
        else:
            top = int(self.scroll_offset.y)
            visible = [s for kind_, s, _ in self._lines[top:] if kind_ == BODY][:1]
            here = (visible[0] if visible else 0) - (1 if direction > 0 else 0)
        starts = [s for s, _ in spans]
        if direction > 0:
            index = bisect.bisect_right(starts, here)
            target = spans[index % len(spans)]
        else:
            index = bisect.bisect_left(starts, here) - 1
            target = spans[index % len(spans)]
        self.focus_span(target)

    # --- drawing ---------------------------------------------------------------------

    def on_resize(self) -> None:
        """Rewrap, keeping the text that was at the top at the top (as less does)."""
        if not self.size.width:
            return
        top = int(self.scroll_offset.y)
        kept = self._lines[top][1] if top < len(self._lines) and self._lines[top][0] == BODY else None
        self._layout()
        if self._pending_offset is not None:
            self.scroll_to_offset(self._pending_offset)
        elif kept is not None and top:
            self.scroll_to(y=self.line_of_offset(kept), animate=False, force=True)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = y + int(self.scroll_offset.y)
        base = self.base_style
        if self.article is None or index >= len(self._lines):
            return Strip.blank(width, base)
        kind, start, end = self._lines[index]
        if kind == BODY:
            return self._render_body_line(start, end, width)
        if kind == HEADER:
            title = one_line(self.article.title)
            segments = [Segment(" " * GUTTER, base), Segment(title[start:end], base + self._style("article--title"))]
        elif kind == META:
            meta = self.meta_line()[start:end].rstrip()
            segments = [Segment(" " * GUTTER, base), Segment(meta, base + self._style("article--meta"))]
        elif kind == BLANK:
            segments = []
        elif kind == TRUNCATED:
            hidden = len(self.article.text) - DISPLAY_LIMIT
            note = f"… {hidden:,} more characters are not shown (the article is {len(self.article.text):,} long)"
            segments = [Segment(" " * GUTTER, base), Segment(note, base + self._style("article--meta"))]
        return Strip(segments).crop_extend(0, width, base)

    def _render_body_line(self, start: int, end: int, width: int) -> Strip:
        base = self.base_style
        in_sentence = self.sentence is not None and start < self.sentence[1] and end > self.sentence[0]
        gutter = Segment("▌ " if in_sentence else "  ", base + self._style("article--gutter"))
        starts, styles = self.style_runs()
        text = self.display_text
        end = len(text[start:end].rstrip()) + start
        segments = [gutter]
        run = max(0, bisect.bisect_right(starts, start) - 1)
        position = start
        while position < end and run < len(starts):
            run_end = starts[run + 1] if run + 1 < len(starts) else end
            stop = min(end, run_end)
            if stop > position:
                segments.append(Segment(text[position:stop], styles[run]))
            position = stop
            run += 1
        return Strip(segments).crop_extend(0, width, base)
