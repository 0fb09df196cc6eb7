"""The Textual reader: timeline, article pane, names panel, search line, help."""

from .reader import DatelineApp, run_reader

__all__ = ["DatelineApp", "run_reader"]
