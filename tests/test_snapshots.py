"""Pictures of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

Update after an intended change with `python -m pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

READER = Path(__file__).parent / "snapshot_apps" / "seed_reader.py"


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_timeline_and_article(snap_compare, size):
    async def run_before(pilot):
        await pilot.pause()  # the reader's screen mounts after the app
        await pilot.press("j")

    assert snap_compare(READER, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_search_results(snap_compare, size):
    async def run_before(pilot):
        await pilot.pause()  # the reader's screen mounts after the app
        await pilot.press("slash", *"tariff", "enter", "n")
        await pilot.pause(0.3)

    assert snap_compare(READER, terminal_size=size, run_before=run_before)


def test_names_panel(snap_compare):
    async def run_before(pilot):
        await pilot.pause()  # the reader's screen mounts after the app
        await pilot.press("p")

    assert snap_compare(READER, terminal_size=(80, 24), run_before=run_before)


def test_help_screen(snap_compare):
    async def run_before(pilot):
        await pilot.pause()  # the reader's screen mounts after the app
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(READER, terminal_size=(120, 40), run_before=run_before)


def test_narrow_window_timeline(snap_compare):
    async def run_before(pilot):
        await pilot.pause()

    assert snap_compare(READER, terminal_size=(60, 20), run_before=run_before)


def test_narrow_window_article(snap_compare):
    async def run_before(pilot):
        await pilot.pause()  # the reader's screen mounts after the app
        await pilot.press("j", "j", "enter")
        await pilot.pause()

    assert snap_compare(READER, terminal_size=(50, 16), run_before=run_before)


def test_zoomed_timeline(snap_compare):
    async def run_before(pilot):
        await pilot.pause()  # the reader's screen mounts after the app
        await pilot.press("z")
        await pilot.pause()

    assert snap_compare(READER, terminal_size=(80, 24), run_before=run_before)


def test_go_to_date(snap_compare):
    async def run_before(pilot):
        await pilot.pause()  # the reader's screen mounts after the app
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"soon", "enter")
        await pilot.pause()

    assert snap_compare(READER, terminal_size=(80, 24), run_before=run_before)
