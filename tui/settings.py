"""The user's settings: $XDG_CONFIG_HOME/dateline/config.toml (else ~/.config/dateline),
read with tomllib.  A bad file, or a bad value, is one line naming the key, and that
setting keeps its default: a mistake in the file never keeps the reader from opening.

    theme = "light"              # dark, light or terminal
    sidebar_width = 48           # columns, or a share of the window: "35%"
    paths = ["~/news/wire"]      # opened when `dateline` is given no path
    group_duplicates = false     # show every near-duplicate, not one row for each story
    [keys]
    "timeline.mark" = "space"    # a binding's id (see `dateline --config`) = its keys
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

MAX_CONFIG_BYTES = 1024 * 1024
SIDEBAR_COLUMNS = (20, 200)
SIDEBAR_SHARE = (10, 90)  # per cent of the window
KEY_RE = re.compile(r"[^\s,]+")  # a Textual key name ("ctrl+k", "space", "question_mark") or a character


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    sidebar_width: int | str | None = None  # columns, or "35%"
    paths: tuple[str, ...] = ()
    keys: dict[str, str] = field(default_factory=dict)  # a binding's id -> its keys
    group_duplicates: bool = True  # near-duplicates shown once, as one row with a count


SETTING_NAMES = ("theme", "sidebar_width", "paths", "group_duplicates", "keys")


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "dateline" / "config.toml"


def read_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings in the file (the defaults when there is none), and a line for each
    problem, each naming the file and the key."""
    path = path or config_path()
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        return Settings(), [f"{path}: cannot read ({(exc.strerror or str(exc)).lower()}); the defaults are used"]
    if len(raw) > MAX_CONFIG_BYTES:
        return Settings(), [f"{path}: over {MAX_CONFIG_BYTES // 1024} KB, not a settings file; the defaults are used"]
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Settings(), [f"{path}: not UTF-8 text; the defaults are used"]
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [f"{path}: not TOML ({exc}); the defaults are used"]
    problems: list[str] = []

    def problem(key: str, why: str, then: str = "the default is used") -> None:
        problems.append(f"{path}: {key}: {why}; {then}")

    values: dict[str, object] = {}
    for key, value in table.items():
        if key not in SETTING_NAMES:
            problem(key, f"no such setting (the settings are {', '.join(SETTING_NAMES)})", "ignored")
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                values["theme"] = value.strip()
            else:
                problem(key, "expected the name of a theme")
        elif key == "sidebar_width":
            width = _sidebar_width(value)
            if width is None:
                problem(key, f"expected columns ({SIDEBAR_COLUMNS[0]} to {SIDEBAR_COLUMNS[1]}) or a share of the "
                             f'window ("{SIDEBAR_SHARE[0]}%" to "{SIDEBAR_SHARE[1]}%"), not {value!r}')
            else:
                values["sidebar_width"] = width
        elif key == "paths":
            if isinstance(value, list) and all(isinstance(p, str) and p.strip() for p in value):
                values["paths"] = tuple(_expanded(p, path.parent) for p in value)
            else:
                problem(key, "expected a list of files and folders")
        elif key == "group_duplicates":
            if isinstance(value, bool):
                values["group_duplicates"] = value
            else:
                problem(key, f"expected true or false, not {value!r}")
        elif key == "keys":
            values["keys"] = _keys(value, problem)
    return Settings(**values), problems  # type: ignore[arg-type]


def _sidebar_width(value: object) -> int | str | None:
    if isinstance(value, int) and not isinstance(value, bool) and SIDEBAR_COLUMNS[0] <= value <= SIDEBAR_COLUMNS[1]:
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}%", value.strip()):
        if SIDEBAR_SHARE[0] <= int(value.strip()[:-1]) <= SIDEBAR_SHARE[1]:
            return value.strip()
    return None


def _expanded(text: str, folder: Path) -> str:
    """~ is the home folder; a relative path is taken from the settings file's folder."""
    expanded = Path(os.path.expanduser(text.strip()))
    return str(expanded if expanded.is_absolute() else folder / expanded)


def _keys(value: object, problem) -> dict[str, str]:
    if not isinstance(value, dict):
        problem("keys", "expected a table of binding ids and keys")
        return {}
    keys = {}
    for binding_id, keys_text in value.items():
        names = [name.strip() for name in keys_text.split(",")] if isinstance(keys_text, str) else []
        if names and all(KEY_RE.fullmatch(name) for name in names):
            keys[binding_id] = ",".join(names)
        else:
            problem(f"keys.{binding_id}", f'expected keys such as "ctrl+k" or "j,down", not {keys_text!r}',
                    "its own keys are kept")
    return keys


def known_names(settings: Settings, path: Path, binding_ids: set[str], themes: list[str]) -> tuple[Settings, list[str]]:
    """The settings without a theme or [keys] entries the reader does not have, and a
    line for each of those."""
    problems = []
    theme = settings.theme
    if theme is not None and theme not in themes:
        problems.append(f"{path}: theme: no theme {theme!r} (the themes are {', '.join(themes)}); the default is used")
        theme = None
    keys = {}
    for binding_id, keys_text in settings.keys.items():
        if binding_id in binding_ids:
            keys[binding_id] = keys_text
        else:
            problems.append(f"{path}: keys.{binding_id}: no binding has this id (dateline --config lists them); "
                            "ignored")
    return replace(settings, theme=theme, keys=keys), problems
