"""The reader's screen: wires the timeline, the article pane, the names panel and the
search line to a catalog loaded in the background.

It is long because it holds what no one widget owns: the stages of a load, the search
that narrows the timeline, the name filter, n/N across articles, and which panes show at
which width.  Each widget draws itself and keeps its own keys."""

from __future__ import annotations

import gc
import threading
import time
from datetime import date
from pathlib import Path
from typing import Callable, Collection, Iterable, Sequence

from textual import events, on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import Worker, get_current_worker

from ..corpus.articles import Article
from ..extract.records import name_type
from ..extract.sentences import split_sentences
from ..index.catalog import Catalog, Indexed, Searchable, Stage
from ..index.duplicates import DuplicateFolding
from ..index.export import events_text, write_export
from ..index.figure_history import FigureMention, figure_subject, sentence_of
from ..index.marks import ReadingState, find_event, ref_of
from ..index.names import NameEntry
from ..index.opening import duplicate_groups, open_in_stages, write_to_cache
from ..index.query import QueryError, parse_query
from ..index.search import SearchResult, count_hits, hit_spans
from ..index.story import related
from ..index.timeline import DateAsked, TimelineEvent, within
from ..terminal_text import one_line, terminal_safe
from ..wording import counted
from .article import ArticleView
from .dialogs import ExportScreen, GoToDateScreen, MarksScreen, PipeScreen
from .figure_history_screen import FigureHistoryScreen
from .messages import DuplicatesFound, Loaded, Progress, SearchCounted, Searched
from .names_panel import SHOWN as NAMES_SHOWN
from .names_panel import NamesPanel
from .panes import Panes
from .pipe import run_with_input
from .search_line import SearchLine
from .spread_strip import SpreadStrip
from .status_line import SearchSummary, StatusLine
from .timeline import Timeline

LOAD_POLL_SECONDS = 0.05  # how soon a load that is waited for notices the reader closing
LOAD_STOP_SECONDS = 1.0  # then how long the load may take to stop, before it is left behind
HELD_KEY_SECONDS = 0.08  # moves closer together than this come from a held key
SPREAD_DELAY_SECONDS = 0.1  # the spread strip is drawn this long after the timeline last changed
COUNT_SHOWN_WAIT_SECONDS = 0.05  # the search thread waits at most this long for its count to be shown
DEFAULT_SIDEBAR_WIDTH = "40%"  # as the style has it, for `dateline --config` to say
NARROW_COLUMNS = 60  # below this the panes take turns at the whole width, as when zoomed
HIT_NUMBERING_ARTICLES = 1000  # up to this many articles, n and N number the hits across all of them
PANES = (Timeline, NamesPanel, ArticleView)


class _LoadStopped(Exception):
    """Raised in the loading thread to leave it early: the reader is quitting."""


def as_you_type(text: str) -> str:
    """While typing, the last word is a prefix: "trade def" searches "trade def*"."""
    if text.count('"') % 2 or not text or text[-1].isspace() or text.endswith(("*", '"')):
        return text
    return text + "*"


class ReaderScreen(Screen):
    """The reader: the timeline (or the names) beside the article, the status line, the
    search line and the footer, over a catalog loaded in the background."""

    BINDINGS = [
        # The app's, declared here so that the footer lists them where it always has.
        Binding("q", "app.quit", "Quit", id="reader.quit", tooltip="Leave Dateline."),
        Binding("question_mark", "app.help", "Help", id="reader.help", key_display="?",
                tooltip="Every key, and what each highlight means."),
        # priority: handled before later keys of the same burst are forwarded to the old focus
        Binding("slash", "search", "Search", id="reader.search", key_display="/", priority=True,
                tooltip="Search the corpus as you type."),
        Binding(
            "enter",
            "leave_search",
            "Keep search",
            id="reader.keep_search",
            show=False,
            priority=True,
            tooltip="In the search line: keep the search and go back to the timeline (n, N walk its hits).",
        ),
        Binding("n", "next_hit(1)", "Next hit", id="reader.next_hit",
                tooltip="The next search hit, across the whole corpus."),
        Binding("N", "next_hit(-1)", "Prev hit", id="reader.prev_hit", show=False, tooltip="The previous search hit."),
        Binding("p", "names", "Names", id="reader.names", tooltip="Show or hide the names panel."),
        Binding("z", "zoom", "Zoom", id="reader.zoom",
                tooltip="Give the focused pane the whole window; z again gives the others back."),
        Binding("x", "clear_filter", "Clear filter", id="reader.clear_filter", show=False,
                tooltip="Show the events of every name and every date again (the name filter, the date range)."),
        Binding("h", "toggle_spread", "Spread", show=False, id="reader.spread",
                tooltip="Show or hide the strip of how the timeline's articles spread over time."),
        Binding("escape", "clear_search", "Clear search", id="reader.clear_search",
                tooltip="Clear the search and show every event."),
        Binding(
            "colon",
            "go_to_date",
            "Go to date",
            id="reader.go_to_date",
            key_display=":",
            show=False,
            priority=True,  # as for "/"
            tooltip="Jump the timeline to a date, or keep only a range of dates (FROM..TO).",
        ),
        Binding("vertical_line", "pipe", "Pipe", key_display="|", show=False, id="reader.pipe",
                tooltip="Pipe the article's text to a shell command you type (the reader is set aside meanwhile)."),
        Binding("e", "export", "Export", show=False, id="reader.export",
                tooltip="Write the events shown (after search, name filter, date range) to a JSON Lines, CSV or "
                        "TimelineJS file."),
        Binding("y", "copy", "Copy", id="reader.copy", show=False,
                tooltip="Copy the event's date and sentence (OSC 52, works over SSH)."),
        Binding("O", "fold_duplicates", "Fold duplicates", show=False, id="reader.fold_duplicates",
                tooltip="Show a story and its near-duplicates (updates, rewrites) once, as one row with +N; "
                        "or show each."),
        Binding("M", "marks", "Marks", show=False, id="reader.marks",
                tooltip="List the marked events: Enter goes to one, m unmarks it, | pipes them all."),
    ]

    def __init__(self, paths: list[str] | None = None, catalog: Stage | None = None,
                 sidebar_width: int | str | None = None, fold_duplicates: bool = True) -> None:
        """`sidebar_width`: the settings' columns or share of the window, else the style's;
        `fold_duplicates`: whether near-duplicates start folded."""
        super().__init__()
        self.sidebar_width = sidebar_width
        self.fold_duplicates = fold_duplicates
        self.folding: DuplicateFolding | None = None  # known once the catalog is loaded
        self.unfolded: set[int] = set()  # the groups shown article by article
        self.paths = paths or None
        self.catalog: Stage | None = catalog
        if isinstance(catalog, Catalog):
            catalog.prepare_lookups()
        self.name_filter: NameEntry | None = None
        self.also_named: NameEntry | None = None  # a companion of the name filter's: events naming both
        self.date_range: DateAsked | None = None  # FROM..TO kept from the go-to-date dialog
        self.search_text = ""
        self.search_result: SearchResult | None = None
        self.search_error: str | None = None
        self._hit_counts: tuple[SearchResult, dict[int, int]] | None = None
        self._last_move = 0.0
        self._article_timer: Timer | None = None
        self._spread_timer: Timer | None = None
        self._spread_drawn = 0.0  # when the spread strip was last given its days
        self._article_days: tuple[list[Article], list[int]] | None = None  # each article's day ordinal, 0 if none
        self.zoomed = False
        self.sidebar: Timeline | NamesPanel | None = None  # which of the two is the sidebar now
        self.front_is_article = False  # with one pane at a time: whether it is the article
        self.reading = ReadingState(self.paths)  # marks, and where the reader was last time
        self._place_restored = False
        self.last_event: TimelineEvent | None = None  # the timeline's, kept once it is gone

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SpreadStrip(id="spread")
        with Panes(id="panes"):
            yield Timeline(id="timeline")
            yield NamesPanel(id="names")
            yield ArticleView(id="article")
        yield StatusLine(id="status")
        yield SearchLine(id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.sidebar = self.query_one(Timeline)
        self.arrange_panes()
        self.set_focus(self.sidebar)
        if self.catalog is not None:
            self.show_catalog(Loaded(self.catalog))
        else:
            self.load_catalog()  # in a thread: the first paint goes on meanwhile

    @work(thread=True, exclusive=True, group="load")
    def load_catalog(self) -> None:
        """The load runs in a daemon thread of its own, which this worker waits for: a read
        that cannot be interrupted (a FIFO with no writer) must not keep the reader from
        closing, and Textual's worker threads are waited for when it closes."""
        worker = get_current_worker()
        failed: list[BaseException] = []
        loading = threading.Thread(target=self._load_catalog_until_stopped, args=(worker, failed), daemon=True,
                                   name="load")
        loading.start()
        while loading.is_alive() and not worker.is_cancelled:
            loading.join(LOAD_POLL_SECONDS)
        loading.join(LOAD_STOP_SECONDS)  # quitting: time to stop the extraction's processes
        if failed:
            raise failed[0]  # in the worker, so that Textual ends the reader with the error

    def _load_catalog_until_stopped(self, worker: Worker, failed: list[BaseException]) -> None:
        try:
            self._load_catalog(worker)
        except _LoadStopped:
            pass
        except BaseException as error:
            failed.append(error)

    def _load_catalog(self, worker: Worker) -> None:
        def stop_if_quitting(*_) -> None:
            if worker.is_cancelled:  # the reader is quitting: it should not wait for the load
                raise _LoadStopped

        def progress(stage: str, done: int, total: int) -> None:
            stop_if_quitting()
            verb = {"extract": "Reading names, figures and dates", "index": "Indexing"}.get(stage, stage)
            self.post_message(Progress(f"{verb}… {done:,}/{total:,} articles"))

        for stage in open_in_stages(self.paths, on_progress=progress, on_articles=stop_if_quitting):
            if isinstance(stage, Catalog):  # the last stage: its lookups are made here, off the reader's thread
                stage.prepare_lookups()
            self.post_message(Loaded(stage))
            stop_if_quitting()
        if isinstance(stage, Catalog):
            write_to_cache(stage)  # the reader is usable meanwhile

    @on(Progress)
    def show_progress(self, message: Progress) -> None:
        self.query_one(StatusLine).note = message.text

    @on(Loaded)
    def show_catalog(self, message: Loaded) -> None:
        timeline = self.query_one(Timeline)
        was_at_end_of_start = self._at_end_of_first_screen(timeline)
        catalog = self.catalog = message.catalog
        if not isinstance(catalog, Catalog):  # articles on their own dates until extraction is done
            self.refresh_timeline()
            if was_at_end_of_start:  # G pressed before the whole timeline was read: its end
                timeline.action_last()
            if isinstance(catalog, Searchable) and self.query_one(SearchLine).value:  # typed meanwhile
                self.run_search(self.query_one(SearchLine).value)
            return
        # The catalog lives as long as the app: keep the cycle collector from walking its
        # millions of objects on every full collection, a pause while typing or scrolling.
        gc.freeze()
        problems = [str(p) for p in catalog.problems]
        status = self.query_one(StatusLine)
        status.problems = len(problems)
        status.note = "" if catalog.articles else "No articles could be loaded."
        if problems:
            self.notify(
                "\n".join(problems[:5]) + (f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""),
                title=f"{counted(len(problems), 'problem')} while loading",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self._list_names()
        self.find_duplicates(catalog)
        self.reading.marks.find_in(catalog)
        timeline.show_marks(self.reading.marks.events)
        if self.reading.problem:
            self.notify(self.reading.problem, severity="warning", timeout=6, markup=False)
        self.refresh_timeline()
        if not timeline.moved_by_reader:  # open at the top, whether the catalog was cached or not
            timeline.to_top()
        if self.query_one(SearchLine).value:  # typed while the index was being built
            self.run_search(self.query_one(SearchLine).value)
        elif not timeline.moved_by_reader:
            self._restore_place(catalog)

    def _restore_place(self, catalog: Catalog) -> None:
        """Open where the reader was when it last closed on this corpus: its search, and
        its event when that is still there."""
        if self._place_restored:
            return
        self._place_restored = True
        search = self.reading.search
        if search:
            self.query_one(SearchLine).value = search
            self._show_search(search, *self._search(search))
        place = find_event(catalog, self.reading.place) if self.reading.place else None
        if place is not None:
            self.query_one(Timeline).select_event(place)

    def remember_place(self, theme: str | None) -> str | None:
        """Keep where the reader is (after it closed, too), for the next time it opens this
        corpus; a one-line problem when that cannot be written."""
        catalog, event = self.catalog, self.last_event
        if not isinstance(catalog, Catalog):
            return None  # closed before the corpus was read: what was kept stays
        place = ref_of(catalog, event) if event is not None else None
        return self.reading.save_place(place, self.search_text, theme)

    def _at_end_of_first_screen(self, timeline: Timeline) -> bool:
        """Whether the cursor is on the last event of a first-screen catalog's part of the timeline."""
        catalog = self.catalog
        return (catalog is not None and catalog.event_total > len(catalog.timeline) > 0
                and timeline.current_event == catalog.timeline[-1])

    # --- the timeline and the article ------------------------------------------------

    def visible_events(self) -> Sequence[TimelineEvent]:
        return self._visible_and_folded()[0]

    def _visible_and_folded(self, result: SearchResult | None = None,
                            ) -> tuple[Sequence[TimelineEvent], dict[int, int]]:
        """The events the timeline shows, and the articles that stand for near-duplicates:
        of the search in use, or of `result`."""
        events, standing_for = self._events_of_search_and_name(result if result is not None else self.search_result)
        if self.date_range is not None:
            events = within(events, self.date_range.first, self.date_range.last)
        return events, standing_for

    def _filters(self) -> tuple:
        """What the timeline shows depends on, besides the search."""
        name_keys = tuple(entry.key if entry is not None else None for entry in (self.name_filter, self.also_named))
        return (id(self.catalog), name_keys, self.date_range, self.fold_duplicates, id(self.folding),
                frozenset(self.unfolded))

    @work(thread=True, exclusive=True, group="duplicates")
    def find_duplicates(self, catalog: Catalog) -> None:
        self.post_message(DuplicatesFound(DuplicateFolding(duplicate_groups(catalog.articles, catalog.files_key))))

    @on(DuplicatesFound)
    def fold_found_duplicates(self, message: DuplicatesFound) -> None:
        self.folding = message.folding
        if self.fold_duplicates and message.folding.group_of:
            self.refresh_timeline()

    def action_fold_duplicates(self) -> None:
        self.fold_duplicates = not self.fold_duplicates
        self.unfolded.clear()
        self.refresh_timeline()
        if self.folding is None:
            self.notify("Near-duplicates are still being found: they fold once found.", timeout=3)
        else:
            self.notify("Near-duplicates folded: o on a +N row shows them." if self.fold_duplicates
                        else "Every near-duplicate shown.", timeout=2)

    def on_timeline_unfold_requested(self, message: Timeline.UnfoldRequested) -> None:
        group = self.folding.group_of.get(message.article) if self.folding is not None else None
        if group is None or not self.fold_duplicates:
            self.notify("This article has no near-duplicates folded here.", timeout=2)
            return
        self.unfolded.symmetric_difference_update({group})
        self.refresh_timeline()

    def _events_of_search_and_name(self, result: SearchResult | None,
                                   ) -> tuple[Sequence[TimelineEvent], dict[int, int]]:
        """The events of the search and the name filter, near-duplicates folded, and the
        articles that stand for others."""
        catalog = self.catalog
        if catalog is None:
            return [], {}
        if isinstance(catalog, Searchable) and result is not None:  # no names to filter by yet
            return catalog.events_of_articles(result.articles), {}
        if not isinstance(catalog, Catalog):  # nothing to search or filter by yet
            return catalog.timeline, {}
        articles: Collection[int] | None = result.articles if result is not None else None
        hidden: set[int] = set()
        standing_for: dict[int, int] = {}
        if self.fold_duplicates and self.folding is not None:
            hidden, standing_for = self.folding.fold(articles, self.unfolded)
        if hidden:  # by articles, before their events are gathered: the timeline is not walked twice
            every = frozenset(range(catalog.article_total) if articles is None else articles)
            articles = every.difference(hidden)
        if articles is not None:
            events = catalog.events_of_articles(articles, self.name_filter)
        else:
            events = catalog.events(name=self.name_filter)
        if self.also_named is not None:
            also = self.also_named
            events = catalog.naming(events, also)
        return events, standing_for

    def refresh_timeline(self, shown: tuple[Sequence[TimelineEvent], dict[int, int]] | None = None) -> None:
        """Show the timeline as the search and filters narrow it (`shown`, if it was
        worked out already)."""
        events, standing_for = shown if shown is not None else self._visible_and_folded()
        timeline = self.query_one(Timeline)
        timeline.show(events, standing_for)
        if not events:
            self.query_one(ArticleView).clear()
        status = self.query_one(StatusLine)
        if self.catalog is not None:
            status.article_total, status.event_total = self.catalog.article_total, self.catalog.event_total
        status.events_shown = timeline.event_count
        status.name_filter = " + ".join(f"{entry.name} ({name_type(entry.type).word})"
                                        for entry in (self.name_filter, self.also_named) if entry is not None)
        status.date_range = self.date_range.text if self.date_range is not None else ""
        # At once, but within a burst of keystrokes only after the last: the strip is a
        # glance, and typing should not wait for it.
        if self._spread_timer is None and time.monotonic() - self._spread_drawn >= SPREAD_DELAY_SECONDS:
            self._refresh_spread()
        else:
            if self._spread_timer is not None:
                self._spread_timer.stop()
            self._spread_timer = self.set_timer(SPREAD_DELAY_SECONDS, self._refresh_spread)

    def _refresh_spread(self) -> None:
        """The strip over the panes: the days of the articles the timeline shows."""
        self._spread_timer = None
        self._spread_drawn = time.monotonic()
        strip, catalog = self.query_one(SpreadStrip), self.catalog
        if catalog is None or not isinstance(catalog.articles, list):  # a first screen: not the whole span yet
            return
        if self._article_days is None or self._article_days[0] is not catalog.articles:
            days = [a.date.toordinal() if a.date else 0 for a in catalog.articles]
            self._article_days = (catalog.articles, days)
            dated = [day for day in days if day]
            strip.span = (date.fromordinal(min(dated)), date.fromordinal(max(dated))) if dated else None
        days = self._article_days[1]
        numbers: Iterable[int] = self.search_result.articles if self.search_result is not None else range(len(days))
        named = [entry.articles for entry in (self.name_filter, self.also_named) if entry is not None]
        if named:
            numbers = [number for number in numbers if all(number in articles for articles in named)]
        picked = map(days.__getitem__, numbers)  # in C: a broad search has most of the corpus
        if self.date_range is None:
            strip.days = tuple(filter(None, picked))  # an undated article is 0
        else:
            first, last = self.date_range.first.toordinal(), self.date_range.last.toordinal()
            strip.days = tuple(day for day in picked if first <= day <= last)

    def on_timeline_highlighted(self, message: Timeline.Highlighted) -> None:
        """Open the event's article; while a key is held, only once the cursor rests, so
        stepping through the timeline redraws two rows instead of a whole article."""
        if not self.query(ArticleView):  # the reader is closing
            return
        self.last_event = message.event
        self.query_one(SpreadStrip).cursor_day = message.event.start_day.toordinal()
        now = time.monotonic()
        held = message.by_key and now - self._last_move < HELD_KEY_SECONDS
        if message.by_key:
            self._last_move = now
        if self._article_timer is not None:
            self._article_timer.stop()
            self._article_timer = None
        if held:
            self._article_timer = self.set_timer(HELD_KEY_SECONDS, self._show_current_event)
        else:
            self.show_event(message.event)

    def _show_current_event(self) -> None:
        self._article_timer = None
        event = self.query_one(Timeline).current_event
        if event is not None:
            self.show_event(event)

    def show_event(self, event: TimelineEvent) -> None:
        catalog = self.catalog
        if catalog is None:
            return
        article = catalog.articles[event.article]
        view = self.query_one(ArticleView)
        view.show(article, catalog.extractions[event.article], (event.event.start, event.event.end))
        if self.search_result is not None and isinstance(catalog, Indexed):
            view.set_hits(hit_spans(self.search_result.query, article.text))

    def on_timeline_open_requested(self) -> None:
        self.show_pane(article=True)

    def on_article_view_back(self) -> None:
        self.show_pane(article=False)

    def on_article_view_figure_history_asked(self, message: ArticleView.FigureHistoryAsked) -> None:
        catalog, article = self.catalog, self.query_one(ArticleView).article
        if not isinstance(catalog, Catalog) or article is None:
            return
        figure = message.figure
        _at, sentence = sentence_of(split_sentences(article.text), figure)
        story_of = self.folding.group_of if self.folding is not None else {}
        screen = FigureHistoryScreen(catalog, figure, figure_subject(article.text, figure, sentence), story_of)
        self.app.push_screen(screen, self._open_mention)

    def _open_mention(self, mention: FigureMention | None) -> None:
        """The mention's article, at its sentence's event (or the article's own), the figure landed on."""
        catalog = self.catalog
        if mention is None or not isinstance(catalog, Catalog):
            return
        events = catalog.events_of_articles([mention.article])
        event = next((e for e in events if e.event.kind != "article" and e.event.start <= mention.figure.start
                      < e.event.end), next((e for e in events if e.event.kind == "article"), None))
        timeline = self.query_one(Timeline)
        if event is not None and not timeline.select_event(event):  # hidden by the search or a filter
            self._go_to_event(event)
        view = self.query_one(ArticleView)
        view.show(catalog.articles[mention.article], catalog.extractions[mention.article], mention.sentence)
        span = (mention.figure.start, mention.figure.end)
        view.focus_span(span)
        self.call_after_refresh(view.focus_span, span)  # again once the timeline's move has shown its event
        self.show_pane(article=True)

    def on_article_view_name_chosen(self, message: ArticleView.NameChosen) -> None:
        """As Enter in the names panel: the timeline shows the events that mention it."""
        catalog = self.catalog
        if not isinstance(catalog, Catalog):
            return
        entry = catalog.names.get(catalog.entry_key(message.name))
        if entry is None:
            return
        self.name_filter, self.also_named = entry, None
        self.refresh_timeline()
        self.show_pane(article=False)

    # --- the panes -------------------------------------------------------------------

    @property
    def narrow(self) -> bool:
        return self.query_one(Panes).size.width < NARROW_COLUMNS

    @property
    def one_pane_at_a_time(self) -> bool:
        return self.zoomed or self.narrow

    def arrange_panes(self) -> None:
        """The sidebar (timeline or names) beside the article; zoomed, or in a narrow
        window, only the pane in front, at the whole width."""
        single = self.one_pane_at_a_time
        for pane in (self.query_one(Timeline), self.query_one(NamesPanel)):
            pane.display = pane is self.sidebar and not (single and self.front_is_article)
            if self.sidebar_width is not None:  # as the settings say, but at the whole width when alone
                pane.styles.width = None if single else self.sidebar_width
                pane.styles.max_width = None if single else "90%"
        self.query_one(ArticleView).display = not single or self.front_is_article
        self.query_one("#panes").set_class(single, "-one-pane")

    def show_pane(self, article: bool) -> None:
        """Focus the article or the sidebar, bringing it to the front."""
        self.front_is_article = article
        self.arrange_panes()
        self.set_focus(self.query_one(ArticleView) if article else self.sidebar)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, PANES):  # the pane in front is the one last focused
            self.front_is_article = isinstance(event.widget, ArticleView)

    def on_panes_resized(self) -> None:
        self.arrange_panes()

    def action_zoom(self) -> None:
        self.zoomed = not self.zoomed
        self.arrange_panes()
        if self.narrow:
            self.notify("The window is narrow: one pane at a time, zoomed or not.", timeout=2)

    def switch_or_move_focus(self, move: Callable[[], None]) -> None:
        """Tab: with one pane at a time, from a pane to the other pane."""
        if self.one_pane_at_a_time and isinstance(self.focused, PANES):
            self.show_pane(article=not isinstance(self.focused, ArticleView))
        else:
            move()

    # --- names -----------------------------------------------------------------------

    def action_toggle_spread(self) -> None:
        strip = self.query_one(SpreadStrip)
        strip.display = not strip.display

    def action_names(self) -> None:
        panel = self.query_one(NamesPanel)
        showing = self.sidebar is not panel
        if showing:
            panel.list_entries()
        self.sidebar = panel if showing else self.query_one(Timeline)
        self.front_is_article = False
        self.arrange_panes()
        self.set_focus(self.sidebar)

    def on_names_panel_back(self) -> None:
        if self.sidebar is self.query_one(NamesPanel):
            self.action_names()

    def on_names_panel_chosen(self, message: NamesPanel.Chosen) -> None:
        self.name_filter, self.also_named = message.entry, message.also
        self.action_names()  # back to the timeline
        self.refresh_timeline()

    def on_names_panel_companions_asked(self, message: NamesPanel.CompanionsAsked) -> None:
        catalog, asked = self.catalog, self.date_range
        if isinstance(catalog, Catalog):
            among = None if asked is None else catalog.articles_within(asked.first, asked.last)
            self.query_one(NamesPanel).show_companions(message.entry, related(catalog, message.entry, among))

    def action_clear_filter(self) -> None:
        if self.name_filter is not None or self.date_range is not None:
            self._clear_filters()
            self.refresh_timeline()

    def _clear_filters(self) -> None:
        """No name filter and no date range; the names panel lists every name again."""
        had_range = self.date_range is not None
        self.name_filter = self.also_named = self.date_range = None
        if had_range:
            self._list_names()

    def _list_names(self) -> None:
        """The names panel's names: those of the date range's articles, when there is one."""
        catalog = self.catalog
        if not isinstance(catalog, Catalog):
            return
        panel = self.query_one(NamesPanel)
        if self.date_range is None:
            panel.show(catalog.names_by_mentions())
        else:
            panel.show(catalog.names_within(self.date_range.first, self.date_range.last, limit=NAMES_SHOWN))

    # --- search ----------------------------------------------------------------------

    def action_search(self) -> None:
        line = self.query_one(SearchLine)
        if self.focused is line:
            line.insert_text_at_cursor("/")  # a "/" typed in the search itself
            return
        self.set_focus(line)

    def on_input_changed(self, message: SearchLine.Changed) -> None:
        if isinstance(message.input, SearchLine):
            self.run_search(message.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str) -> None:
        result, error = self._search(text, count_hits_too=False)
        if result is None:
            self.post_message(Searched(text, result, error))
            return
        # The count of articles first: counting the hits in their texts and narrowing the
        # timeline to a broad prefix ("p*") take longer than the query, and are not worked
        # out at all once a later keystroke has made them stale.
        counted = SearchCounted(text, result)
        self.post_message(counted)
        counted.taken.wait(COUNT_SHOWN_WAIT_SECONDS)
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        self._count_hits(result)
        if worker.is_cancelled:
            return
        filters = self._filters()
        shown = self._visible_and_folded(result)
        if not worker.is_cancelled:
            self.post_message(Searched(text, result, error, shown, filters))

    def _search(self, text: str, count_hits_too: bool = True) -> tuple[SearchResult | None, str | None]:
        """The search for the text: (result, None), or (None, why there is none)."""
        catalog = self.catalog
        if catalog is None or not text.strip():
            return None, None
        if not isinstance(catalog, Indexed):
            return None, "search opens when indexing is done"
        try:
            found = catalog.index.search(parse_query(as_you_type(text)))
        except QueryError as exc:
            return None, str(exc)
        return self._count_hits(found) if count_hits_too else found, None

    def _count_hits(self, result: SearchResult) -> SearchResult:
        catalog = self.catalog
        assert isinstance(catalog, Indexed)
        articles = catalog.articles
        return count_hits(result, lambda number: articles[number].indexed_texts)

    @on(SearchCounted)
    def show_search_count(self, message: SearchCounted) -> None:
        try:
            if message.text != self.query_one(SearchLine).value or message.text == self.search_text:
                return  # an older keystroke's count, or one shown already
            status = self.query_one(StatusLine)
            status.search, status.hit_note = self._search_summary(message.text, message.result), ""
        finally:
            message.taken.set()

    @on(Searched)
    def show_search_answer(self, message: Searched) -> None:
        if message.text != self.query_one(SearchLine).value:
            return  # an older keystroke's answer
        if message.text == self.search_text and self.search_result is not None:
            return  # n ran this search already, and has moved on from its first hit
        shown = message.shown if message.filters == self._filters() else None
        self._show_search(message.text, message.result, message.error, shown)

    def _show_search(self, text: str, result: SearchResult | None, error: str | None,
                     shown: tuple[Sequence[TimelineEvent], dict[int, int]] | None = None) -> None:
        was_searching = self.searching
        self.search_text = text
        self.search_error = error
        status = self.query_one(StatusLine)
        status.hit_note = ""
        if error:
            status.search = SearchSummary(error=error)
        else:
            self.search_result = result
            status.search = None if result is None else self._search_summary(text, result)
        if self.searching != was_searching:  # "Clear search" comes to the footer or leaves it
            self.refresh_bindings()
        if error:
            return
        self.refresh_timeline(shown)
        current = self.query_one(Timeline).current_event
        if current is not None:
            self.show_event(current)

    @staticmethod
    def _search_summary(text: str, result: SearchResult) -> SearchSummary:
        # the query as run: while typing, the last word is a prefix ("tariff*")
        return SearchSummary(as_you_type(text).strip(), result.hits, result.documents)

    @property
    def searching(self) -> bool:
        """Whether a search is on: with a result, or with why it has none."""
        return self.search_result is not None or self.search_error is not None

    def action_leave_search(self) -> None:
        # A priority binding, like "/": the focus moves while the app handles Enter, before
        # the keys after it in one burst ("/cocoa⏎n", a paste) are passed to the search line.
        self.set_focus(self.query_one(Timeline))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_search":  # elsewhere Enter does what it does there, and the footer says so
            return isinstance(self.focused, SearchLine)
        if action == "go_to_date":  # a ":" typed in a search or in the date itself
            return not isinstance(self.focused, Input)
        if action == "clear_search":  # in the footer only while there is one
            return self.searching
        return True

    def on_search_line_cancelled(self) -> None:
        self.action_clear_search()

    def action_clear_search(self) -> None:
        line = self.query_one(SearchLine)
        had_search = self.search_result is not None
        line.value = ""
        self.search_text, self.search_result, self.search_error = "", None, None
        status = self.query_one(StatusLine)
        status.search, status.hit_note = None, ""
        self.query_one(ArticleView).set_hits([])
        self.refresh_bindings()
        if had_search:
            self.refresh_timeline()
        self.set_focus(self.query_one(Timeline))

    def action_next_hit(self, direction: int) -> None:
        """n / N: the next hit in this article, else the first hit of the next article."""
        typed = self.query_one(SearchLine).value
        if typed != self.search_text:  # pressed before the search of the last keystroke came back
            self._show_search(typed, *self._search(typed))
        catalog, result = self.catalog, self.search_result
        if catalog is None or result is None or not result.documents:
            self.notify("No search: press / to search.", timeout=2)
            return
        view = self.query_one(ArticleView)
        timeline = self.query_one(Timeline)
        articles = timeline.shown_articles()
        if view.step_hit(direction):
            self._say_where_the_hit_is(articles, wrapped=0)
            return
        current = timeline.current_event
        if not articles or current is None:
            return
        index = articles.index(current.article) if current.article in articles else -1
        target = articles[(index + direction) % len(articles)]
        timeline.select_article(target)
        if timeline.current_event is not None:
            self.show_event(timeline.current_event)
        view.focus_end_hit(first=direction > 0)
        went_round = (index + direction) % len(articles) != index + direction
        self._say_where_the_hit_is(articles, wrapped=direction if went_round else 0)

    def _say_where_the_hit_is(self, articles: list[int], wrapped: int) -> None:
        """As vim does: "hit 3 of 12", and whether the walk went round the end (1) or the start (-1)."""
        view, current = self.query_one(ArticleView), self.query_one(Timeline).current_event
        number = view.hit_number()
        if current is None or number is None or current.article not in articles:
            return
        in_article, in_article_total = number
        position = articles.index(current.article)
        counts = self._hit_counts_of(articles)
        if counts is not None:
            before = sum(counts[article] for article in articles[:position])
            note = f"hit {before + in_article:,} of {sum(counts.values()):,}"
        else:
            note = f"hit {in_article:,} of {in_article_total:,} in article {position + 1:,} of {len(articles):,}"
        if wrapped:
            note += " · wrapped round to the first" if wrapped > 0 else " · wrapped round to the last"
        self.query_one(StatusLine).hit_note = note

    def _hit_counts_of(self, articles: list[int]) -> dict[int, int] | None:
        """Hits in each shown article, counted as the article pane marks them; None when
        there are too many articles to count at a keypress."""
        catalog, result = self.catalog, self.search_result
        if not isinstance(catalog, Indexed) or result is None or len(articles) > HIT_NUMBERING_ARTICLES:
            return None
        if self._hit_counts is None or self._hit_counts[0] is not result or set(self._hit_counts[1]) != set(articles):
            counts = {article: len(hit_spans(result.query, catalog.articles[article].text)) for article in articles}
            self._hit_counts = (result, counts)
        return self._hit_counts[1]

    # --- other actions ---------------------------------------------------------------

    async def action_go_to_date(self) -> None:
        timeline = self.query_one(Timeline)

        def land(asked: DateAsked | None) -> None:
            if asked is not None and asked.is_range:
                self.date_range = asked
                self.refresh_timeline()
                self._list_names()
                timeline.to_top()
            elif asked is not None and (note := timeline.go_to_date(asked)):
                self.notify(note, timeout=4, markup=False)

        # Keys typed straight after ":" (a burst over SSH) wait until the date field is
        # mounted and focused; before that they would reach the bare screen and be lost.
        screen = GoToDateScreen(timeline.days_run)
        await self.app.push_screen(screen, land)
        screen.focus_field()

    async def action_export(self) -> None:
        catalog = self.catalog
        if not isinstance(catalog, Catalog):
            self.notify("Export opens once the names, figures and dates are read.", timeout=3)
            return
        events = self.visible_events()
        corpus_files = {article.path for article in catalog.articles}

        def write(target: tuple[Path, str] | None) -> None:
            if target is None:
                return
            path, file_format = target
            text, count = events_text(catalog, events, file_format)
            try:
                write_export(path, text)
            except OSError as exc:
                self.notify(one_line(f"Not exported: {exc}"), severity="error", timeout=6, markup=False)
                return
            self.notify(one_line(f"Wrote {counted(count, 'event')} to {path}."), timeout=6, markup=False)

        screen = ExportScreen(len(events), corpus_files)
        await self.app.push_screen(screen, write)
        screen.focus_field()

    async def action_pipe(self) -> None:
        event, catalog = self.query_one(Timeline).current_event, self.catalog
        if event is None or catalog is None:
            self.notify("No article to pipe.", timeout=2)
            return
        await self._pipe(catalog.articles[event.article].text, "the article's text")

    async def _pipe(self, text: str, what: str) -> None:
        def run(command: str | None) -> None:
            if command is None:
                return
            try:
                with self.app.suspend():
                    run_with_input(command, text)
            except SuspendNotSupported:
                self.notify("This terminal cannot be set aside for a command.", severity="error", timeout=4)

        screen = PipeScreen(what)
        await self.app.push_screen(screen, run)
        screen.focus_field()

    # --- marks -----------------------------------------------------------------------

    def on_timeline_mark_requested(self, message: Timeline.MarkRequested) -> None:
        catalog = self.catalog
        if not isinstance(catalog, Catalog):
            self.notify("Marks can be set once the names, figures and dates are read.", timeout=3)
            return
        marked = self._toggle_mark(catalog, message.event)
        if not self.reading.kept:
            self.notify("Marked for this session: a corpus from standard input keeps no marks.", timeout=3)
        elif not marked:
            self.notify("Unmarked.", timeout=1.5)

    def _toggle_mark(self, catalog: Catalog, event: TimelineEvent) -> bool:
        """Mark the event or unmark it, show it and keep it; whether it is marked now."""
        marked = self.reading.marks.toggle(catalog, event)
        self.query_one(Timeline).show_marks(self.reading.marks.events)
        self._save_marks()
        return marked

    @work(thread=True, exclusive=True, group="marks")
    def _save_marks(self) -> None:
        problem = self.reading.save_marks()
        if problem:
            self.app.call_from_thread(self.notify, problem, severity="error", timeout=6, markup=False)

    def action_marks(self) -> None:
        catalog = self.catalog
        if not isinstance(catalog, Catalog):
            self.notify("Marks open once the names, figures and dates are read.", timeout=3)
            return
        rows = [(event, one_line(f"{event.date}  {event.event.label}"))
                for event in self.reading.marks.in_timeline_order()]
        self.app.push_screen(MarksScreen(rows, self.reading.marks.missing, self), self._go_to_event)

    def _go_to_event(self, event: TimelineEvent | None) -> None:
        """To the event on the timeline, showing every event if a search or filter hides it."""
        timeline = self.query_one(Timeline)
        if event is None:
            return
        if not timeline.select_event(event):  # hidden by the search or a filter: show every event
            self._clear_filters()
            self.action_clear_search()
            if self.folding is not None and event.article in self.folding.group_of:  # folded into another
                self.unfolded.add(self.folding.group_of[event.article])
            self.refresh_timeline()
            timeline.select_event(event)
        self.set_focus(timeline)

    @on(MarksScreen.UnmarkAsked)
    def unmark(self, message: MarksScreen.UnmarkAsked) -> None:
        if isinstance(self.catalog, Catalog) and message.event in self.reading.marks.events:
            self._toggle_mark(self.catalog, message.event)

    @on(MarksScreen.PipeAsked)
    async def pipe_marks(self) -> None:
        catalog = self.catalog
        if isinstance(catalog, Catalog):
            text, count = events_text(catalog, self.reading.marks.in_timeline_order(), "jsonl")
            await self._pipe(text, f"the {counted(count, 'marked event')}, as JSON Lines,")

    def action_copy(self) -> None:
        event = self.query_one(Timeline).current_event
        if event is None:
            return
        text = f"{event.date}: {' '.join(event.event.text.split())}"
        self.app.copy_to_clipboard(terminal_safe(text))
        self.notify("Copied the event to the clipboard.", timeout=2)


