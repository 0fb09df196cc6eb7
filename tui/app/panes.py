"""The row of panes (sidebar and article), which says when its width changes: the
reader shows one pane at a time below a width."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.containers import Horizontal
from textual.message import Message


class Panes(Horizontal):
    @dataclass
    class Resized(Message):
        width: int

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(event.size.width))
