"""Every character the reader draws can be read: in truecolour, 256 colours, 16 colours
(TERM=xterm) and NO_COLOR, in every theme, on the start screen, a search, the names panel
and the help screen, each cell's colours are read back from a real terminal (tmux) and
no character is below 3:1 (WCAG), body text not below 4.5:1.  With NO_COLOR the reader
uses the terminal's own colours only, and every highlight is still told apart by style."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys

import pytest
from tmux_terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

# xterm's 16 colours, and the terminal's own default colours taken as light grey on black.
BASE16 = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
          (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
          (0, 255, 255), (255, 255, 255)]
DEFAULT_FOREGROUND, DEFAULT_BACKGROUND = (208, 208, 208), (0, 0, 0)
SGR_RE = re.compile(r"\x1b\[([0-9;:]*)m")
NOT_TEXT = set(" ▕▏│─━┃▌▐█▔▁▂▃▄▅▆▇╭╮╰╯")  # borders, bars and scrollbar blocks
SETUPS = {
    "truecolour": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "256": {"TERM": "xterm-256color"},
    "16": {"TERM": "xterm"},
    "NO_COLOR": {"TERM": "xterm-256color", "NO_COLOR": "1"},
}
THEMES = 3  # dark, light, terminal: the `t` cycle


def palette_256(number: int) -> tuple[int, int, int]:
    if number < 16:
        return BASE16[number]
    if number < 232:
        number -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return levels[number // 36], levels[number // 6 % 6], levels[number % 6]
    grey = 8 + 10 * (number - 232)
    return grey, grey, grey


def luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Cells:
    """The cells of a capture-pane -e screen, with each one's colours and styles.  The
    state carries from one line to the next, as tmux writes it."""

    def __init__(self) -> None:
        self.foreground = self.background = None
        self.reverse = self.dim = False
        self.styles: set[int] = set()

    def read(self, screen: str):
        for row, line in enumerate(screen.splitlines()):
            position = 0
            for match in [*SGR_RE.finditer(line), None]:
                end = match.start() if match else len(line)
                for char in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line[position:end]):
                    yield row, char, *self.colours(), frozenset(self.styles)
                if match is None:
                    break
                position = match.end()
                self.apply(match[1])

    def colours(self):
        fg, bg = self.foreground or DEFAULT_FOREGROUND, self.background or DEFAULT_BACKGROUND
        if self.reverse:
            fg, bg = bg, fg
        if self.dim:
            fg = tuple((x + y) // 2 for x, y in zip(fg, bg, strict=True))
        return fg, bg

    def apply(self, codes: str) -> None:
        parts = [int(p or 0) for p in re.split("[;:]", codes)] or [0]
        i = 0
        while i < len(parts):
            code = parts[i]
            if code == 0:
                self.foreground = self.background = None
                self.reverse = self.dim = False
                self.styles.clear()
            elif code in (1, 3, 4, 9):
                self.styles.add(code)
            elif code in (22, 23, 24, 29):
                self.styles.discard(code - 20 if code != 22 else 1)
                if code == 22:
                    self.dim = False
            elif code == 2:
                self.dim = True
            elif code == 7:
                self.reverse = True
            elif code == 27:
                self.reverse = False
            elif 30 <= code <= 37 or 90 <= code <= 97:
                self.foreground = BASE16[code - 30 if code < 90 else code - 82]
            elif 40 <= code <= 47 or 100 <= code <= 107:
                self.background = BASE16[code - 40 if code < 100 else code - 92]
            elif code == 39:
                self.foreground = None
            elif code == 49:
                self.background = None
            elif code in (38, 48):
                if parts[i + 1] == 5:
                    colour, i = palette_256(parts[i + 2]), i + 2
                else:
                    colour, i = tuple(parts[i + 2 : i + 5]), i + 4
                if code == 38:
                    self.foreground = colour
                else:
                    self.background = colour
            i += 1


def screens(terminal: Terminal, themes: int):
    """(name, capture with colours) of each screen, in each theme."""
    for theme in range(themes):
        terminal.wait_for("events", "Quit")
        yield f"theme {theme} start", terminal.screen(colours=True)
        terminal.keys("/", "t", "a", "r", "i", "f", "f", pause=0.05)
        terminal.wait_for("hits in")
        yield f"theme {theme} search", terminal.screen(colours=True)
        terminal.keys("Enter", "p")
        terminal.wait_for("person")
        yield f"theme {theme} names", terminal.screen(colours=True)
        terminal.keys("p", "Escape", "?")
        terminal.wait_for("Everywhere")
        yield f"theme {theme} help", terminal.screen(colours=True)
        terminal.keys("Escape", "t")


@pytest.fixture(scope="module")
def command() -> str:
    installed = shutil.which("dateline")
    return (
        shlex.quote(installed)
        if installed
        else f"PYTHONPATH={shlex.quote(os.getcwd())} {shlex.quote(sys.executable)} -m tui"
    )


@pytest.mark.parametrize("setup", SETUPS)
def test_every_character_is_readable(command, setup):
    environment = " ".join(f"{key}={value}" for key, value in SETUPS[setup].items())
    terminal = Terminal(f"env -u NO_COLOR -u COLORTERM {environment} {command}")
    below = []
    try:
        for name, screen in screens(terminal, 1 if setup == "NO_COLOR" else THEMES):
            for row, char, fg, bg, styles in Cells().read(screen):
                if char in NOT_TEXT:
                    continue
                ratio = contrast(fg, bg)
                # Plain text (no bold, italic, underline) is body text: 4.5:1; the rest 3:1.
                if ratio < (4.5 if not styles else 3):
                    below.append(f"{name} row {row} {char!r} {ratio:.2f}:1 fg={fg} bg={bg}")
    finally:
        terminal.close()
    assert not below, f"{len(below)} characters below their contrast, first: {below[:5]}"


def test_with_no_color_only_the_terminals_own_colours_and_every_highlight_has_a_style(command):
    terminal = Terminal(f"env -u COLORTERM TERM=xterm-256color NO_COLOR=1 {command}")
    try:
        terminal.wait_for("events", "Quit")
        terminal.keys("j")
        terminal.wait_for("▌ Mid-level")
        screen = terminal.screen(colours=True)
    finally:
        terminal.close()
    codes = {code for match in SGR_RE.finditer(screen) for code in match[1].split(";")}
    assert not codes & {"38", "48"} and not any(
        c.isdigit() and 30 <= int(c) <= 107 and c not in ("39", "49") for c in codes
    )
    styled = {char_styles for _row, _char, _fg, _bg, char_styles in Cells().read(screen)}
    # People bold, organisations underlined, places italic, dates italic and underlined
    for style in ({1}, {4}, {3}, {3, 4}):
        assert frozenset(style) in styled, style
