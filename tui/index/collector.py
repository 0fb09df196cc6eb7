"""Keeping Python's cycle collector out of the way of work that makes many objects and
no reference cycles."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Building a catalog makes millions of objects and no reference cycles; Python's
    cycle collector would walk them all again and again.

    With `freeze`, every object is frozen (gc.freeze) before it resumes: else its next
    pass walks all of them, and so does every full pass after that.  Frozen objects are
    still freed once unreferenced; only cycles among them never are.  A catalog makes
    none, but a reader drawing on screen meanwhile does: the app lets the collector run
    before it freezes its catalog."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()
