"""The spread strip: one line over the panes showing how the articles the timeline shows
(a search's, a name's, or all) spread over the corpus's time span, the cursor's place
marked.  Block heights and the marked cell read without colour too."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..index.story import column_of, spread

BLOCKS = " ▁▂▃▄▅▆▇█"  # a count of nothing is blank, any other at least the lowest block


class SpreadStrip(Widget):
    """Set `span` (the corpus's first and last days), then `days` (the shown articles'
    days, as ordinals) and `cursor_day`; it draws itself at its width."""

    COMPONENT_CLASSES = {"spread-strip--bar", "spread-strip--cursor", "spread-strip--label"}

    span: reactive[tuple[date, date] | None] = reactive(None)
    days: reactive[tuple[int, ...]] = reactive((), always_update=True)
    cursor_day: reactive[int | None] = reactive(None)

    def render(self) -> Text:
        span = self.span
        if span is None:
            return Text("")
        first, last = span
        left, right = f"{first:%Y-%m} ", f" {last:%Y-%m}"
        columns = self.size.width - len(left) - len(right)
        if columns < 4:  # too narrow for a chart worth the name
            return Text("")
        counts = spread(self.days, first.toordinal(), last.toordinal(), columns)
        most = max(counts, default=0)
        cursor = None  # an event before the first article or after the last is not marked
        if self.cursor_day is not None and first.toordinal() <= self.cursor_day <= last.toordinal():
            cursor = column_of(self.cursor_day, first.toordinal(), last.toordinal(), columns)
        label = self.get_component_rich_style("spread-strip--label")
        bar = self.get_component_rich_style("spread-strip--bar")
        marked = self.get_component_rich_style("spread-strip--cursor")
        strip = Text(left, style=label, no_wrap=True, overflow="crop")
        for column, count in enumerate(counts):
            height = 0 if not count else max(1, round(count * (len(BLOCKS) - 1) / most))
            strip.append(BLOCKS[height], style=marked if column == cursor else bar)
        strip.append(right, style=label)
        return strip
