"""Pictures of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

Update after an intended change with `python -m pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

READER = Path(__file__).parent / "snapshot_apps" / "seed_reader.py"
DUPLICATES_READER = Path(__file__).parent / "snapshot_apps" / "duplicates_reader.py"
PAUSE = None  # a step of `keys`: wait until the screen has caught up


def keys(*steps: str | float | None):
    """A run_before that presses the keys given (each run of them in one press) and
    pauses where told: PAUSE until the screen catches up, a number for that many seconds."""

    async def run_before(pilot) -> None:
        await pilot.pause()  # the reader's screen mounts after the app
        pressed: list[str] = []
        for step in steps:
            if isinstance(step, str):
                pressed.append(step)
                continue
            if pressed:
                await pilot.press(*pressed)
                pressed = []
            await pilot.pause(step)
        if pressed:
            await pilot.press(*pressed)

    return run_before


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_timeline_and_article(snap_compare, size):
    assert snap_compare(READER, terminal_size=size, run_before=keys("j"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_search_results(snap_compare, size):
    assert snap_compare(READER, terminal_size=size, run_before=keys("slash", *"tariff", "enter", "n", 0.3))


def test_names_panel(snap_compare):
    assert snap_compare(READER, terminal_size=(80, 24), run_before=keys("p"))


def test_help_screen(snap_compare):
    assert snap_compare(READER, terminal_size=(120, 40), run_before=keys("question_mark", PAUSE))


def test_narrow_window_timeline(snap_compare):
    assert snap_compare(READER, terminal_size=(60, 20), run_before=keys())


def test_narrow_window_article(snap_compare):
    assert snap_compare(READER, terminal_size=(50, 16), run_before=keys("j", "j", "enter", PAUSE))


def test_zoomed_timeline(snap_compare):
    assert snap_compare(READER, terminal_size=(80, 24), run_before=keys("z", PAUSE))


def test_go_to_date(snap_compare):
    assert snap_compare(READER, terminal_size=(80, 24), run_before=keys("colon", PAUSE, *"soon", "enter", PAUSE))


def test_figure_history(snap_compare):
    # The article of Sep 12, its first figure: $200 billion, about tariffs.
    assert snap_compare(READER, terminal_size=(80, 24),
                        run_before=keys("G", "k", "k", "k", "k", "k", "k", "enter", PAUSE, "f", "H", 0.5))


def test_companions_of_a_name(snap_compare):
    # Liu He is the eighth name; r lists the names in his sentences and articles.
    assert snap_compare(READER, terminal_size=(80, 24), run_before=keys("p", PAUSE, *"jjjjjjj", "r", PAUSE))


def test_date_range(snap_compare):
    assert snap_compare(READER, terminal_size=(80, 24), run_before=keys("colon", PAUSE, *"2019-09..", "enter", PAUSE))


def test_marks_list(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))  # marks are written: not into the other tests' state
    assert snap_compare(READER, terminal_size=(80, 24), run_before=keys("m", "j", "j", "m", "M", PAUSE))


def test_folded_duplicates(snap_compare):
    # Folding waits for the duplicates worker; the update stands as (+1) on its first take.
    assert snap_compare(DUPLICATES_READER, terminal_size=(80, 24), run_before=keys(PAUSE, 0.5))
