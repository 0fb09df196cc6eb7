"""Dateline's themes: dark, light and the terminal's own colours.  Every colour is one of
the 256-colour palette's, so that a 256-colour terminal shows exactly these, and each was
chosen for contrast (at least 4.5:1 for text, 3:1 for anything else) against the
backgrounds it is drawn on, in truecolour, 256 and 16 colours."""

from __future__ import annotations

from textual.theme import Theme

ACCENTS = ("primary", "secondary", "accent", "warning", "error", "success")


def theme(name: str, foreground: str, background: str, variables: dict[str, str] | None = None, **colours) -> Theme:
    """A theme whose text colours are its accent colours themselves (Textual would tint
    them towards the foreground, off the palette), its block cursor the text reversed."""
    text_colours = {f"text-{accent}": colours[accent] for accent in ACCENTS}
    cursor = {"block-cursor-foreground": background, "block-cursor-background": foreground}
    return Theme(name=name, foreground=foreground, background=background, **colours,
                 variables={**text_colours, **cursor, **(variables or {})})


DARK = theme(
    "dark", foreground="#d0d0d0", background="#121212", surface="#080808", panel="#1c1c1c", dark=True,
    primary="#5fafff", secondary="#afafd7", accent="#ffaf5f", warning="#d7af5f", error="#ff5f5f", success="#87d787",
)

# Dark blue, purple, red and magenta: with 16 colours they become blue, magenta and red,
# the colours that still read on a light grey.
LIGHT = theme(
    "light", foreground="#1c1c1c", background="#e4e4e4", surface="#eeeeee", panel="#d0d0d0", dark=False,
    primary="#000087", secondary="#5f0087", accent="#870000", warning="#870087", error="#af0000", success="#000087",
)

# The terminal's own foreground and background, and its palette's brighter colours, which
# read on a dark background (the dark and light themes bring their own); not its blue,
# which is too dark there.
TERMINAL = theme(
    "terminal", foreground="ansi_default", background="ansi_default", surface="ansi_default", panel="ansi_default",
    boost="ansi_default", dark=True, ansi=True,
    primary="ansi_bright_cyan", secondary="ansi_bright_magenta", accent="ansi_bright_yellow", warning="ansi_yellow",
    error="ansi_bright_red", success="ansi_bright_green",
    variables={
        "block-cursor-foreground": "ansi_black",
        "block-cursor-background": "ansi_white",
        "ansi-background": "ansi_default",
        "ansi-foreground": "ansi_default",
        "footer-key-foreground": "ansi_default",
        "border-blurred": "ansi_default",
        "input-selection-background": "ansi_bright_blue",
        "input-selection-foreground": "ansi_black",
    },
)

THEMES = [DARK, LIGHT, TERMINAL]  # the order `t` cycles them in
