"""`dateline`: the reader, and every core feature for scripts and SSH sessions.

    dateline [PATH ...]                      open the reader (the seed corpus without paths)
    dateline extract [PATH ...]              JSON Lines: names, figures, dates, events
    dateline search QUERY [PATH ...]         ranked full-text search
    dateline events [PATH ...]               the timeline (--since, --until, --name)
    dateline names [PATH ...]                names with mention counts
    dateline related NAME [PATH ...]         the names that appear with a name
    dateline histogram QUERY [PATH ...]      how a search's articles spread over time
    dateline figures [PATH ...]              every figure in date order (--about WORD)
    dateline duplicates [PATH ...]           groups of near-duplicate articles

On a terminal the commands print tables; to a pipe or a file, tab-separated rows, one per
line, whole.  `-` as a PATH reads standard input.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from typing import NoReturn, Sequence

from rich.table import Table
from rich.text import Text

from .cli_output import cell, console, json_line, output_never_fails_to_encode, print_rows
from .corpus.file_formats import COLUMNS_OPTION, MAX_DOCUMENT_BYTES, name_csv_columns, parse_column_names
from .corpus.loaders import Corpus, LoadProblem
from .corpus.sources import STANDARD_INPUT, keep_standard_input
from .extract import extraction_record
from .extract.records import FIGURE_KINDS
from .index.catalog import Catalog
from .index.duplicates import duplicates_among
from .index.export import FORMATS, event_record, events_text
from .index.figure_history import (
    DISAGREEING_MARK,
    DISAGREEING_MEANS,
    FigureMention,
    FigureThread,
    figure_history,
    figure_threads,
    value_path,
)
from .index.marks import ReadingState
from .index.names import NameEntry
from .index.opening import open_catalog, open_duplicates, open_summary, searched
from .index.query import QueryError, parse_query
from .index.search import SearchIndex, SearchResult, count_hits, hit_spans
from .index.stored import StoredCorpus
from .index.story import PERIODS, histogram, related
from .index.timeline import TimelineEvent, parse_date_asked
from .settings import read_settings
from .terminal_text import one_line, terminal_safe
from .wording import counted

SUBCOMMANDS = {
    "extract": "JSON Lines: names, figures, dates and events of every article",
    "search": "ranked full-text search: words, \"phrases\", prefix*",
    "events": "the timeline: dated events in date order",
    "names": "names of people, organisations and places, most mentioned first",
    "related": "the names that appear with a name, in the same sentences and articles",
    "histogram": "how a search's articles and their events spread over time",
    "figures": "every amount, percentage and count in date order, dated by its sentence",
    "duplicates": "groups of near-duplicate articles: a story, its updates and rewrites",
    "marks": "the events marked in the reader (m), in date order",
}
EXIT_OK, EXIT_NO_ARTICLES, EXIT_USAGE = 0, 1, 2
SNIPPET_CONTEXT = 60
HISTOGRAM_BAR = 30  # columns of the longest bar


class UsageError(Exception):
    """Bad arguments: reported in one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    output_never_fails_to_encode()
    try:
        if args and args[0] in SUBCOMMANDS:
            return _run_subcommand(args[0], args[1:])
        return _run_reader(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `dateline events | head`: the reader of the pipe has all it wanted
        _drop_closed_stdout()
        return EXIT_OK


def _drop_closed_stdout() -> None:
    """What is still buffered for a closed pipe goes nowhere, quietly, at exit too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _paths_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description=description)
    _add_paths(parser)
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    """The corpus's paths, and how its CSV files name their columns."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="seed .txt files, .jsonl files or folders (default: the bundled seed corpus)",
    )
    parser.add_argument(COLUMNS_OPTION, type=_column_names, metavar="FIELD=COLUMN,...",
                        help="the CSV header names of the fields, when they are not the usual ones "
                             "(e.g. text=body,date=published)")


def _column_names(value: str) -> dict[str, str]:
    try:
        return parse_column_names(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Parser(argparse.ArgumentParser):
    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        # Options anywhere, as users type them: `dateline search tariff --limit 5 FOLDER`.
        options = self.parse_intermixed_args(args, namespace)
        name_csv_columns(getattr(options, "columns", None) or {})  # read by every load of this command
        return options

    def error(self, message: str) -> NoReturn:  # one line, exit 2, like the rest
        command = self.prog.removeprefix("dateline").strip()
        raise UsageError(f"{command + ': ' if command else ''}{message} (see {self.prog} --help)")


def _run_reader(args: list[str]) -> int:
    commands = "\n".join(f"  {name:<10}{about}" for name, about in SUBCOMMANDS.items())
    parser = _paths_parser("dateline", "Open the reader on a corpus: a timeline of its events, each article with its "
                           "names, figures and dates highlighted, and search.")
    parser.epilog = f"commands (dateline COMMAND --help for each):\n{commands}"
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--summary", action="store_true", help="print the corpus summary instead of opening the reader")
    parser.add_argument("--config", action="store_true",
                        help="print where the settings file is, the settings in effect, and every key binding's id")
    parser.add_argument("--version", action="version", version=f"dateline {_version()}")
    options = parser.parse_args(args)
    if options.paths and _is_a_word(options.paths[0]):
        raise UsageError(f"not a command or a file: {options.paths[0]} (commands: {', '.join(SUBCOMMANDS)})")
    settings, problems = read_settings()
    if options.config:
        from .app.settings_report import settings_report  # Textual's, for the binding ids

        report, unknown = settings_report(settings)
        for problem in [*problems, *unknown]:
            _error(problem)
        print(report)
        return EXIT_OK
    options.paths = options.paths or list(settings.paths)
    if not options.summary:
        missing = [p for p in options.paths if p != STANDARD_INPUT and not os.path.exists(p)]
        if missing and len(missing) == len(options.paths):
            for path in missing:
                _error(f"{path}: no such file or directory")
            return EXIT_NO_ARTICLES
        if not sys.stdout.isatty() or not (sys.stdin.isatty() or STANDARD_INPUT in options.paths):
            raise UsageError("the reader needs a terminal; to write to a file or a pipe use a command: "
                             "dateline events, dateline search QUERY, dateline names or dateline extract")
        if STANDARD_INPUT in options.paths:
            _read_standard_input_then_take_the_terminal()
        from .app import run_reader  # Textual is imported only for the reader

        return run_reader(options.paths, settings, problems)
    summary, load_problems = open_summary(options.paths or None)
    _say_problems(load_problems, summary.articles)
    if not summary.articles:
        return EXIT_NO_ARTICLES
    span = f"{summary.first_day} to {summary.last_day}" if summary.first_day else "no dates"
    print(f"{counted(summary.articles, 'article')} ({span}), {counted(summary.events, 'event')}, "
          f"{counted(summary.names, 'name')}, {counted(summary.figures, 'figure')}")
    return EXIT_OK


def _is_a_word(argument: str) -> bool:
    """A mistyped command ("serach"), not a path: no such file, no folder, no suffix."""
    return argument != STANDARD_INPUT and not os.path.exists(argument) and not any(c in argument for c in "/.")


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("dateline")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _read_standard_input_then_take_the_terminal() -> None:
    """`cat corpus | dateline -`: the corpus is read from the pipe first, then the reader's
    keys come from the terminal, as `less` does it."""
    data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UsageError(f"standard input holds over {MAX_DOCUMENT_BYTES // 2**20} MB: give the reader a file instead")
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise UsageError("the reader needs a terminal for its keys; with a corpus on standard input and no "
                         "terminal, use a command (dateline events -, dateline search QUERY -)") from None
    os.dup2(terminal, 0)
    os.close(terminal)
    keep_standard_input(data)


def _run_subcommand(name: str, args: list[str]) -> int:
    if name == "extract":
        parser = _paths_parser(
            "dateline extract", "Write one JSON object per article (names, figures, dates, events) to stdout."
        )
        options = parser.parse_args(args)
        return _extract(options.paths)
    if name == "search":
        if not args:
            raise UsageError("search: the QUERY is missing (dateline search QUERY [PATH ...])")
        parser = _Parser(
            prog="dateline search", description='Ranked full-text search: words (AND), "phrases", prefix*.'
        )
        parser.add_argument("query")
        _add_paths(parser)
        parser.add_argument("--limit", type=_positive_int, default=20, help="results to show (default 20)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        options = parser.parse_args(args)
        return _search(options.query, options.paths, options.limit, options.json)
    if name == "events":
        parser = _paths_parser("dateline events", "The timeline: dated events in date order.")
        parser.add_argument("--since", type=_date_floor, help="YYYY, YYYY-MM or YYYY-MM-DD")
        parser.add_argument("--until", type=_date_ceiling, help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
        parser.add_argument("--name", help="only events whose sentence mentions this name")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--format", choices=FORMATS, help="write the events as a file of this format "
                            "(JSON Lines, CSV, or TimelineJS's JSON) instead of a table")
        options = parser.parse_args(args)
        return _events(options)
    if name == "related":
        parser = _Parser(prog="dateline related", description="The names that appear with a name: those sharing "
                         "most sentences, then most articles, first.")
        parser.add_argument("name", metavar="NAME")
        _add_paths(parser)
        parser.add_argument("--limit", type=_positive_int, default=20, help="names to show (default 20)")
        parser.add_argument("--since", type=_date_floor, help="only articles with an event from this date "
                            "(YYYY, YYYY-MM or YYYY-MM-DD)")
        parser.add_argument("--until", type=_date_ceiling, help="only articles with an event until this date "
                            "(inclusive)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return _related(parser.parse_args(args))
    if name == "histogram":
        parser = _Parser(prog="dateline histogram", description="How the articles a search matches, and their "
                         "events, spread over time: one row per period, empty ones too.")
        parser.add_argument("query", metavar="QUERY")
        _add_paths(parser)
        parser.add_argument("--by", choices=PERIODS, default="month", help="the period (default month)")
        parser.add_argument("--name", help="only articles, and events, that mention this name")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return _histogram(parser.parse_args(args))
    if name == "figures":
        parser = _paths_parser("dateline figures", "Every figure mention in date order, each dated by its "
                               "sentence's event when it has one, else by its article's date.")
        parser.add_argument("--about", metavar="WORD",
                            help="only figures whose sentence, or the one before, holds the word (or its plural)")
        parser.add_argument("--kind", choices=FIGURE_KINDS, help="only this kind of figure")
        parser.add_argument("--unit", help="only this unit (USD, pct, tonnes, ...)")
        parser.add_argument("--since", type=_date_floor, help="YYYY, YYYY-MM or YYYY-MM-DD")
        parser.add_argument("--until", type=_date_ceiling, help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
        parser.add_argument("--threads", action="store_true",
                            help="group mentions of the same quantity (kind, unit, what they count), marking "
                                 "values another version of the story gives otherwise")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return _figures(parser.parse_args(args))
    if name == "duplicates":
        parser = _paths_parser("dateline duplicates", "Groups of near-duplicate articles (a story, its updates and "
                               "rewrites, a few days apart at most), largest first.")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return _duplicates(parser.parse_args(args))
    if name == "marks":
        parser = _paths_parser("dateline marks", "The events marked in the reader (m on an event), in date order; "
                               "a mark whose article or sentence is gone is counted on stderr.")
        parser.add_argument("--json", action="store_true", help="print JSON (the events schema) instead of a table")
        return _marks(parser.parse_args(args))
    parser = _paths_parser("dateline names", "Names of people, organisations and places, most mentioned first.")
    parser.add_argument("--type", choices=("PER", "ORG", "LOC", "MISC"), help="only this kind of name")
    parser.add_argument("--limit", type=_positive_int, default=50, help="names to show (default 50)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    options = parser.parse_args(args)
    return _names(options)


# --- argument types -------------------------------------------------------------------

def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def _date_bounds(value: str) -> tuple[date, date]:
    asked = parse_date_asked(value)
    if asked is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return asked.first, asked.last


def _date_floor(value: str) -> date:
    return _date_bounds(value)[0]


def _date_ceiling(value: str) -> date:
    return _date_bounds(value)[1]


# --- loading and output ------------------------------------------------------------------

def _error(message: str) -> None:
    sys.stderr.write(one_line(f"dateline: {message}") + "\n")


def _catalog(paths: list[str]) -> Catalog | None:
    """The catalog of these files: from the cache, else read and extracted (the workers
    start while the files are read); None, after saying so, when no article loads."""
    catalog = open_catalog(paths or None)
    _report(catalog)
    return catalog if catalog.articles else None


def _report(loaded: Corpus | Catalog | StoredCorpus) -> None:
    _say_problems(loaded.problems, len(loaded.articles))


def _say_problems(problems: Sequence[LoadProblem], article_total: int) -> None:
    for problem in problems:
        _error(str(problem))
    if not article_total:
        _error("no articles could be loaded")


def _extract(paths: list[str]) -> int:
    catalog = _catalog(paths)
    if catalog is None:
        return EXIT_NO_ARTICLES
    out = sys.stdout
    for article, extraction in zip(catalog.articles, catalog.extractions, strict=False):
        out.write(json_line(extraction_record(article, extraction)) + "\n")
    out.flush()
    return EXIT_OK


def _search(query_text: str, paths: list[str], limit: int, as_json: bool) -> int:
    try:
        query = parse_query(query_text)
    except QueryError as exc:
        raise UsageError(f"search: {exc}") from None

    def answer(opened: StoredCorpus | Corpus, index: SearchIndex) -> tuple[StoredCorpus | Corpus, SearchResult, list]:
        articles = opened.articles
        result = count_hits(index.search(query), lambda number: articles[number].indexed_texts)
        rows = []
        for number, score in result.top(limit):
            article = articles[number]
            spans = hit_spans(query, article.text)
            title_spans = hit_spans(query, article.indexed_title)
            rows.append((article, score, spans, title_spans, _snippet(article.text, spans)))
        return opened, result, rows

    opened, result, rows = searched(paths or None, answer)
    _report(opened)
    if not opened.articles:
        return EXIT_NO_ARTICLES
    if as_json:
        print(json_line({
            "query": query_text,
            "documents": result.documents,
            "hits": result.hits,
            "ranked": result.ranked,
            "results": [
                {"id": a.id, "date": a.date_text or None, "title": a.title, "score": round(score, 4),
                 "spans": [list(span) for span in spans], "title_spans": [list(span) for span in title_spans],
                 "snippet": snippet}
                for a, score, spans, title_spans, snippet in rows
            ],
        }))
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([a.date_text, a.id, a.title, snippet] for a, _score, _spans, _title_spans, snippet in rows)
        return EXIT_OK
    terminal = console()
    hits = f"{counted(result.hits, 'hit')} in " if result.hits is not None else ""
    unranked = "" if result.ranked else ", the latest first: too many words start with it to rank them"
    terminal.print(Text(f"{hits}{counted(result.documents, 'article')} for ") + cell(query_text, "bold")
                   + Text(unranked))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Article")
    table.add_column("Match")
    for article, _score, spans, _title_spans, snippet in rows:
        table.add_row(
            cell(article.date_text or "—"), cell(article.title), _snippet_text(snippet, article.text, spans)
        )
    if rows:
        terminal.print(table)
    return EXIT_OK


def _snippet(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return " ".join(text[: SNIPPET_CONTEXT * 2].split())
    start, end = spans[0]
    left = text.rfind(" ", max(0, start - 2 * SNIPPET_CONTEXT), max(0, start - SNIPPET_CONTEXT)) + 1
    right = text.find(" ", end + SNIPPET_CONTEXT)
    return " ".join(text[left : right if right >= 0 else len(text)].split())


def _snippet_text(snippet: str, text: str, spans: list[tuple[int, int]]) -> Text:
    shown = cell(snippet)
    if spans:
        start, end = spans[0]
        shown.highlight_words([" ".join(text[start:end].split())], style="bold reverse", case_sensitive=False)
    return shown


def _name_entry(catalog: Catalog, command: str, text: str) -> NameEntry:
    found = catalog.find_name(text)
    if not found:
        raise UsageError(f"{command}: no name in the corpus matches {text!r} (see dateline names)")
    return found[0]


def _events(options: argparse.Namespace) -> int:
    catalog = _catalog(options.paths)
    if catalog is None:
        return EXIT_NO_ARTICLES
    entry = _name_entry(catalog, "events", options.name) if options.name else None
    return _print_events(catalog, catalog.events(options.since, options.until, entry), options.json, options.format)


def _marks(options: argparse.Namespace) -> int:
    reading = ReadingState(options.paths)
    if not reading.kept:
        raise UsageError("marks: a corpus read from standard input has no marks (they are kept per file or folder)")
    catalog = _catalog(options.paths)
    if catalog is None:
        return EXIT_NO_ARTICLES
    if reading.problem:
        _error(reading.problem)
    marks = reading.marks
    marks.find_in(catalog)
    if marks.missing:
        _error(f"{counted(marks.missing, 'mark')} not found: its article or sentence is no longer in the corpus")
    return _print_events(catalog, marks.in_timeline_order(), options.json)


def _print_events(catalog: Catalog, events: Sequence[TimelineEvent], as_json: bool,
                  file_format: str | None = None) -> int:
    if as_json:
        print(json_line([event_record(catalog, e) for e in events]))
        return EXIT_OK
    if file_format:
        text, _count = events_text(catalog, events, file_format)
        sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)  # JSON is safe already
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([e.date, e.event.kind, catalog.articles[e.article].id, e.event.text] for e in events)
        return EXIT_OK
    terminal = console()
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Event")
    table.add_column("Article", no_wrap=True)
    for event in events:
        table.add_row(
            cell(event.date),
            cell(event.event.kind, "dim"),
            cell(event.event.label),
            cell(catalog.articles[event.article].id, "dim"),
        )
    terminal.print(table)
    terminal.print(Text(counted(len(events), "event")))
    return EXIT_OK


def _names(options: argparse.Namespace) -> int:
    catalog = _catalog(options.paths)
    if catalog is None:
        return EXIT_NO_ARTICLES
    entries = catalog.names_by_mentions(options.type)[: options.limit]
    if options.json:
        print(
            json_line(
                [
                    {
                        "name": e.name,
                        "type": e.type,
                        "mentions": e.mentions,
                        "articles": len(e.articles),
                        "forms": sorted(e.forms),
                    }
                    for e in entries
                ]
            )
        )
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([e.type, e.name, str(e.mentions), str(len(e.articles))] for e in entries)
        return EXIT_OK
    terminal = console()
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Type", no_wrap=True)
    table.add_column("Name")
    table.add_column("Mentions", justify="right")
    table.add_column("Articles", justify="right")
    for entry in entries:
        table.add_row(cell(entry.type), cell(entry.name), str(entry.mentions), str(len(entry.articles)))
    terminal.print(table)
    return EXIT_OK


def _related(options: argparse.Namespace) -> int:
    catalog = _catalog(options.paths)
    if catalog is None:
        return EXIT_NO_ARTICLES
    entry = _name_entry(catalog, "related", options.name)
    among = None if options.since is None and options.until is None else \
        catalog.articles_within(options.since or date.min, options.until or date.max)
    companions = related(catalog, entry, among)[: options.limit]
    if options.json:
        print(json_line({
            "name": entry.name, "type": entry.type, "articles": len(entry.articles),
            "related": [{"name": c.entry.name, "type": c.entry.type, "articles": c.articles,
                         "sentences": c.sentences} for c in companions],
        }))
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([c.entry.type, c.entry.name, str(c.articles), str(c.sentences)] for c in companions)
        return EXIT_OK
    terminal = console()
    terminal.print(Text(f"{counted(len(companions), 'name')} with ") + cell(entry.name, "bold")
                   + Text(f" ({counted(len(entry.articles), 'article')})"))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Type", no_wrap=True)
    table.add_column("Name")
    table.add_column("Articles", justify="right")
    table.add_column("Sentences", justify="right")
    for companion in companions:
        table.add_row(cell(companion.entry.type), cell(companion.entry.name), str(companion.articles),
                      str(companion.sentences))
    if companions:
        terminal.print(table)
    return EXIT_OK


def _histogram(options: argparse.Namespace) -> int:
    try:
        query = parse_query(options.query)
    except QueryError as exc:
        raise UsageError(f"histogram: {exc}") from None
    catalog = _catalog(options.paths)
    if catalog is None:
        return EXIT_NO_ARTICLES
    entry = _name_entry(catalog, "histogram", options.name) if options.name else None
    rows = histogram(catalog, catalog.index.search(query).articles, options.by, entry)
    if options.json:
        print(json_line([{"period": r.period, "articles": r.articles, "events": r.events} for r in rows]))
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([r.period or "undated", str(r.articles), str(r.events)] for r in rows)
        return EXIT_OK
    terminal = console()
    most = max((r.articles for r in rows), default=0)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Period", no_wrap=True)
    table.add_column("Articles", justify="right")
    table.add_column("Events", justify="right")
    table.add_column("", no_wrap=True)
    for row in rows:
        bar = "█" * round(HISTOGRAM_BAR * row.articles / most) if most else ""
        table.add_row(cell(row.period or "undated"), f"{row.articles:,}", f"{row.events:,}", bar)
    terminal.print(table)
    terminal.print(Text(f"{counted(sum(r.articles for r in rows), 'article')} match ") + cell(options.query, "bold"))
    return EXIT_OK


def _figures(options: argparse.Namespace) -> int:
    catalog = _catalog(options.paths)
    if catalog is None:
        return EXIT_NO_ARTICLES
    mentions = figure_history(catalog, options.about, options.kind, options.unit, options.since, options.until)
    if options.threads:
        story_of = duplicates_among(catalog.articles, sorted({m.article for m in mentions}))
        return _figure_threads(catalog, figure_threads(catalog, mentions, story_of), options.json)
    if options.json:
        print(json_line([_figure_record(catalog, m) for m in mentions]))
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([m.when, m.figure.kind, m.figure.text, m.figure.unit, f"{m.figure.value:.15g}",
                    catalog.articles[m.article].id, _sentence(catalog, m)] for m in mentions)
        return EXIT_OK
    terminal = console()
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Figure", no_wrap=True)
    table.add_column("Sentence")
    table.add_column("Article", no_wrap=True)
    for mention in mentions:
        table.add_row(cell(mention.when), cell(mention.figure.text, "bold"), cell(_sentence(catalog, mention)),
                      cell(catalog.articles[mention.article].id, "dim"))
    if mentions:
        terminal.print(table)
    terminal.print(Text(counted(len(mentions), "figure")))
    return EXIT_OK


def _figure_threads(catalog: Catalog, threads: list[FigureThread], as_json: bool) -> int:
    if as_json:
        print(json_line([{"subject": t.subject, "kind": t.kind, "unit": t.unit, "path": value_path(t.mentions),
                          "mentions": [{**_figure_record(catalog, m), "disagrees": n in t.disagreeing}
                                       for n, m in enumerate(t.mentions)]} for t in threads]))
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([t.subject, t.kind, t.unit, m.when, m.figure.text, f"{m.figure.value:.15g}",
                    catalog.articles[m.article].id, "disagrees" if n in t.disagreeing else "", _sentence(catalog, m)]
                   for t in threads for n, m in enumerate(t.mentions))
        return EXIT_OK
    terminal = console()
    for thread in threads:
        articles = len({m.article for m in thread.mentions})
        terminal.print(cell(f"{thread.subject} ({thread.kind}, {thread.unit})", "bold") + Text(
            f", {counted(len(thread.mentions), 'mention')} in {counted(articles, 'article')}: ")
            + cell(value_path(thread.mentions)))
        table = Table(show_edge=False, pad_edge=False, show_header=False, box=None)
        for column in ("", "Date", "Figure", "Sentence", "Article"):
            table.add_column(column, no_wrap=column != "Sentence")
        for number, mention in enumerate(thread.mentions):
            table.add_row(DISAGREEING_MARK if number in thread.disagreeing else " ", cell(mention.when),
                          cell(mention.figure.text, "bold"), cell(_sentence(catalog, mention)),
                          cell(catalog.articles[mention.article].id, "dim"))
        terminal.print(table)
    disagreeing = sum(len(t.disagreeing) for t in threads)
    terminal.print(Text(f"{counted(len(threads), 'thread')}, {counted(disagreeing, 'mention')} marked; "
                        f"{DISAGREEING_MEANS}"))
    return EXIT_OK


def _sentence(catalog: Catalog, mention: FigureMention) -> str:
    start, end = mention.sentence
    return " ".join(catalog.articles[mention.article].text[start:end].split())


def _figure_record(catalog: Catalog, mention: FigureMention) -> dict:
    figure = mention.figure
    return {"date": mention.when, "kind": figure.kind, "value": figure.value, "unit": figure.unit,
            "text": figure.text, "article": catalog.articles[mention.article].id, "start": figure.start,
            "end": figure.end, "sentence": _sentence(catalog, mention),
            "sentence_start": mention.sentence[0], "sentence_end": mention.sentence[1]}


def _duplicates(options: argparse.Namespace) -> int:
    opened, groups, articles = open_duplicates(options.paths or None)
    _report(opened)
    if not opened.articles:
        return EXIT_NO_ARTICLES
    if options.json:
        print(json_line([{"ids": [articles[n].id for n in g.articles], "similarity": g.similarity} for g in groups]))
        return EXIT_OK
    if not sys.stdout.isatty():
        print_rows([f"{g.similarity:.2f}", *(articles[n].id for n in g.articles)] for g in groups)
        return EXIT_OK
    terminal = console()
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Similar", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Articles")
    for group in groups:
        first = articles[group.articles[0]]
        titles = Text("\n").join(cell(f"{articles[n].id}  {articles[n].title}") for n in group.articles)
        table.add_row(f"{group.similarity:.2f}", cell(first.date_text or "—"), titles)
    if groups:
        terminal.print(table)
    duplicated = sum(len(g.articles) for g in groups)
    terminal.print(Text(f"{counted(len(groups), 'group')} of near-duplicates, {counted(duplicated, 'article')}"))
    return EXIT_OK
