"""`dateline --config`: where the settings file is, and the settings in effect written as
such a file, every binding under its id, so that a line can be copied into it."""

from __future__ import annotations

import json

from ..settings import Settings, config_path, known_names
from .reader import BINDING_PLACES, THEME_NAMES, all_binding_ids, binding_keys, bindings_of
from .reader_screen import DEFAULT_SIDEBAR_WIDTH


def settings_report(settings: Settings) -> tuple[str, list[str]]:
    """The report, and the problems of names the reader does not know."""
    path = config_path()
    settings, problems = known_names(settings, path, all_binding_ids(), THEME_NAMES)
    there = "" if path.exists() else " (not there: every setting is its default)"
    lines = [f"# {path}{there}", ""]
    lines.append(_setting("theme", settings.theme, THEME_NAMES[0], f"one of {', '.join(THEME_NAMES)}"))
    lines.append(_setting("sidebar_width", settings.sidebar_width, DEFAULT_SIDEBAR_WIDTH,
                          'columns, or a share of the window such as "35%"'))
    lines.append(_setting("paths", list(settings.paths) or None, [], "opened when the reader is given no path "
                          "(none: the bundled seeds)"))
    lines.append(f"group_duplicates = {'true' if settings.group_duplicates else 'false'}  # "
                 f"{'default; ' if settings.group_duplicates else ''}a story and its near-duplicates as one row")
    lines += ["", "[keys]  # a binding's id = its keys, comma-separated"]
    for title, owners in BINDING_PLACES:
        lines.append(f"# {title}")
        for binding in (binding for owner in owners for binding in bindings_of(owner)):
            keys = settings.keys.get(binding.id or "", binding.key)
            remapped = "" if binding.id not in settings.keys else f" (remapped from {binding.key})"
            lines.append(f'"{binding.id}" = {json.dumps(keys)}  # {binding.description}{remapped}: '
                         f"{binding_keys(binding, settings.keys)}")
    return "\n".join(lines), problems


def _setting(name: str, value: object, default: object, about: str) -> str:
    shown = json.dumps(default if value is None else value)
    return f"{name} = {shown}  # {'default; ' if value is None else ''}{about}"
