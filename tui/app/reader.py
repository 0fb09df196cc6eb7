"""The Dateline app: themes, the terminal's own settings, the help screen and the command
palette, around the reader's screen (reader_screen.py), where the reading happens."""

from __future__ import annotations

import os
import sys
from typing import Iterable, Mapping, Sequence

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from ..index.catalog import Stage
from ..package_files import package_folder
from ..settings import Settings, config_path, known_names
from . import ending
from .article import ArticleView
from .dialogs import LEGEND, ExportScreen, GoToDateScreen, HelpScreen, MarksScreen, PipeScreen
from .names_panel import NamesPanel
from .reader_screen import ReaderScreen
from .search_line import SearchLine
from .themes import TERMINAL, THEMES
from .timeline import Timeline

THEME_NAMES = [theme.name for theme in THEMES]
PALETTE_LEAVES_OUT = {"leave_search"}  # Enter in the search line, nothing to run from the palette


class DatelineApp(App):
    """A terminal reader for dated news corpora."""

    TITLE = "Dateline"
    CSS_PATH = str(package_folder("styles") / "dateline.tcss")
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", id="app.quit", show=False, priority=True,
                tooltip="Leave Dateline, from anywhere."),
        Binding("ctrl+z", "suspend_process", "Suspend", id="app.suspend", show=False,
                tooltip="Stop the reader and go back to the shell; fg brings it back."),
        Binding("t", "next_theme", "Next theme", id="app.next_theme", show=False,
                tooltip="Cycle dark, light and terminal-colour themes."),
    ]

    def __init__(self, paths: list[str] | None = None, catalog: Stage | None = None,
                 settings: Settings | None = None, problems: Sequence[str] = ()) -> None:
        """`settings` as read from the settings file, with the problems met reading it."""
        # NO_COLOR: the terminal's own colours, every highlight a text style (bold, italic...).
        super().__init__(ansi_color=bool(os.environ.get("NO_COLOR")))
        for theme in THEMES:
            self.register_theme(theme)
        for name in list(self.available_themes):  # the palette's theme picker offers what t cycles
            if name not in THEME_NAMES:
                self.unregister_theme(name)
        settings, unknown = known_names(settings or Settings(), config_path(), all_binding_ids(), THEME_NAMES)
        self.settings_problems = [*problems, *unknown]
        self.reader = ReaderScreen(paths, catalog, sidebar_width=settings.sidebar_width,
                                   fold_duplicates=settings.group_duplicates)
        # The theme last chosen for this corpus, else the settings', else the first.
        self.theme = self.reader.reading.theme if self.reader.reading.theme in THEME_NAMES else (
            settings.theme or THEMES[0].name)
        self.remapped_keys = settings.keys
        if settings.keys:
            self.set_keymap(settings.keys)

    def on_mount(self) -> None:
        for problem in self.settings_problems:
            self.notify(problem, severity="warning", timeout=8, markup=False)
        if not self.is_headless:  # a real terminal, to give back as it was on every ending signal
            ending.handle_ending_signals(self)
            self.app_resume_signal.subscribe(self, self._repaint_after_suspend)
        if os.environ.get("NO_COLOR"):
            # Here, not in __init__: set there, the theme's colours are resolved before the
            # terminal's own are known, and every cell comes out black on black.
            self.theme = TERMINAL.name

    def get_default_screen(self) -> Screen:
        return self.reader

    def _repaint_after_suspend(self, _app: App) -> None:
        """Back from Ctrl+Z: the shell drew over the screen, so every cell is drawn again."""
        self.screen.refresh(repaint=True, layout=True)
        for widget in self.screen.walk_children():
            widget.refresh()

    def action_next_theme(self) -> None:
        index = THEME_NAMES.index(self.theme) if self.theme in THEME_NAMES else -1
        self.theme = THEME_NAMES[(index + 1) % len(THEME_NAMES)]
        self.notify(f"Theme: {self.theme}", timeout=1.5)

    def action_focus_next(self) -> None:
        self._in_reader_or(super().action_focus_next)

    def action_focus_previous(self) -> None:
        self._in_reader_or(super().action_focus_previous)

    def _in_reader_or(self, move) -> None:
        if self.screen is self.reader:
            self.reader.switch_or_move_focus(move)
        else:
            move()

    def action_help(self) -> None:
        view = self.reader.query_one(ArticleView)
        styles = {component: view.get_component_rich_style(component, partial=True) for component, _ in LEGEND}
        self.push_screen(HelpScreen(help_sections(self.remapped_keys), styles))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Each of the reader's actions once, by the name the footer and help give it,
        and the theme picker, which offers the themes t cycles through."""
        yield SystemCommand("Theme", f"Pick a theme: {', '.join(THEME_NAMES)}", self.action_change_theme)
        offered = set()
        for owner, namespace in ((ReaderScreen, "screen"), (DatelineApp, "app")):
            for binding in bindings_of(owner):
                action = binding.action if "." in binding.action else f"{namespace}.{binding.action}"
                if action in offered or binding.action in PALETTE_LEAVES_OUT:
                    continue
                offered.add(action)
                yield SystemCommand(binding.description, binding.tooltip or binding.description, _runner(self, action))
        if screen is self.reader:  # the timeline's own, those said in the help (not the moves)
            timeline = self.reader.query_one(Timeline)
            for binding in bindings_of(Timeline):
                if binding.tooltip and binding.action != "open":
                    yield SystemCommand(binding.description, binding.tooltip, _runner(timeline, binding.action))


# Where each binding works, as the help screen and `dateline --config` title them.
BINDING_PLACES: tuple[tuple[str, tuple[type[DOMNode], ...]], ...] = (
    ("Everywhere", (ReaderScreen, DatelineApp)), ("Timeline", (Timeline,)), ("Article", (ArticleView,)),
    ("Names panel", (NamesPanel,)), ("Marks", (MarksScreen,)), ("Search line", (SearchLine,)),
    ("Dialogs", (HelpScreen, GoToDateScreen, ExportScreen, PipeScreen)),
)
BINDING_OWNERS = [owner for _title, owners in BINDING_PLACES for owner in owners]


def help_sections(keymap: Mapping[str, str] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every binding, by where it works, with its keys (as the settings remap them) and
    what it does."""
    keymap = keymap or {}
    sections = []
    for title, owners in BINDING_PLACES[:-1]:  # the dialogs say their keys themselves
        rows = []
        for binding in (binding for owner in owners for binding in bindings_of(owner)):
            rows.append((binding_keys(binding, keymap), binding.tooltip or binding.description))
        sections.append((title, rows))
    sections[0][1].extend([("tab, shift+tab", "Move between the panes"), ("ctrl+p", "Command palette")])
    return sections


def all_binding_ids() -> set[str]:
    """The id of every binding: what the settings' [keys] table remaps."""
    return {binding.id for owner in BINDING_OWNERS for binding in bindings_of(owner) if binding.id}


def binding_keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys as shown: "?", "/", "ctrl+f" (the settings' own, when they remap it)."""
    if binding.id and binding.id in keymap:
        return ", ".join(_key_name(k) for k in keymap[binding.id].split(","))
    return binding.key_display or ", ".join(_key_name(k) for k in binding.key.split(","))


def bindings_of(owner: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares (all are Binding objects here, not tuples)."""
    return [binding for binding in owner.BINDINGS if isinstance(binding, Binding)]


def _key_name(key: str) -> str:
    return {"question_mark": "?", "slash": "/", "colon": ":", "left_square_bracket": "[",
            "right_square_bracket": "]", "left_curly_bracket": "{", "right_curly_bracket": "}"}.get(key, key)


def _runner(owner: App | Widget, action: str):
    async def run() -> None:
        await owner.run_action(action)

    return run


def run_reader(paths: list[str] | None, settings: Settings, problems: Sequence[str]) -> int:
    app = DatelineApp(paths, settings=settings, problems=problems)

    def remember() -> None:
        # NO_COLOR imposes the terminal theme: it is not a choice to remember.
        problem = app.reader.remember_place(None if os.environ.get("NO_COLOR") else app.theme)
        if problem:
            print(f"dateline: {problem}", file=sys.stderr)

    return ending.run(app, after=remember)
