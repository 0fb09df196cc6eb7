"""Files shipped with Dateline (the seed corpus, the stylesheets): inside the installed
package, where pyproject.toml puts them, or in the source tree's top level."""

from __future__ import annotations

from pathlib import Path

SOURCE_TREE = Path(__file__).resolve().parent.parent


def package_folder(name: str) -> Path:
    """seeds/ or styles/: tui/NAME when installed, else NAME/ beside tui/."""
    packaged = Path(__file__).resolve().parent / name
    return packaged if packaged.is_dir() else SOURCE_TREE / name
