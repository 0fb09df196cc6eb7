"""The settings file: what it sets, how a mistake in it is told, and the reader under it."""

from __future__ import annotations

import pytest

from tui.app.reader import DatelineApp, all_binding_ids, help_sections
from tui.app.timeline import Timeline
from tui.cli import main
from tui.index.opening import open_catalog
from tui.settings import Settings, config_path, read_settings


@pytest.fixture
def config(tmp_path, monkeypatch):
    """Write the settings file of this test's own settings folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def write(text: str | bytes):
        path = config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
        return path

    return write


def test_no_file_is_every_default(config):
    assert read_settings() == (Settings(), [])


def test_every_setting_is_read(config, tmp_path):
    path = config('theme = "light"\nsidebar_width = "35%"\npaths = ["~/wire", "local", "/abs"]\n'
                  '[keys]\n"timeline.mark" = "space"\n"reader.zoom" = "ctrl+k, Z"\n')
    settings, problems = read_settings()
    assert problems == []
    home = str(__import__("pathlib").Path("~").expanduser())
    assert settings == Settings("light", "35%", (f"{home}/wire", str(path.parent / "local"), "/abs"),
                                {"timeline.mark": "space", "reader.zoom": "ctrl+k,Z"})


@pytest.mark.parametrize("text, problem", [
    ("sidebar_width = 5", 'sidebar_width: expected columns (20 to 200) or a share of the window ("10%" to "90%"), '
                          "not 5; the default is used"),
    ('sidebar_width = "95%"', 'sidebar_width: expected columns (20 to 200) or a share of the window ("10%" to '
                              "\"90%\"), not '95%'; the default is used"),
    ("theme = 3", "theme: expected the name of a theme; the default is used"),
    ("paths = \"wire\"", "paths: expected a list of files and folders; the default is used"),
    ("colour = 1", "colour: no such setting (the settings are theme, sidebar_width, paths, group_duplicates, "
                   "keys); ignored"),
    ("group_duplicates = 1", "group_duplicates: expected true or false, not 1; the default is used"),
    ("keys = 1", "keys: expected a table of binding ids and keys; the default is used"),
    ('[keys]\n"timeline.mark" = "ctrl k"', "keys.timeline.mark: expected keys such as \"ctrl+k\" or \"j,down\", "
                                            "not 'ctrl k'; its own keys are kept"),
])
def test_a_bad_value_is_one_line_naming_its_key_and_the_rest_is_read(config, text, problem):
    path = config(f'theme = "light"\n{text}\n' if not text.startswith("theme") else text + "\n")
    settings, problems = read_settings()
    assert problems == [f"{path}: {problem}"]
    if not text.startswith("theme"):
        assert settings.theme == "light"


@pytest.mark.parametrize("content, why", [
    ("theme = \n", "not TOML (Invalid value (at line 1, column 9))"),
    (b"theme = \"\xff\"", "not UTF-8 text"),
])
def test_a_file_that_is_not_settings_is_one_line_and_every_default(config, content, why):
    path = config(content)
    assert read_settings() == (Settings(), [f"{path}: {why}; the defaults are used"])


def test_config_prints_the_settings_as_a_file_that_reads_back_the_same(config, capsys):
    path = config('sidebar_width = 50\ngroup_duplicates = false\nnope = 1\n'
                  '[keys]\n"timeline.mark" = "space"\n"no.such" = "x"\n')
    assert main(["--config"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"dateline: {path}: nope: no such setting (the settings are theme, sidebar_width, paths, group_duplicates, "
        "keys); ignored",
        f"dateline: {path}: keys.no.such: no binding has this id (dateline --config lists them); ignored"]
    assert out.startswith(f"# {path}\n")
    assert '"timeline.mark" = "space"  # Mark (remapped from m): space' in out
    assert "sidebar_width = 50  # columns" in out
    path.write_text(out)
    settings, problems = read_settings()
    assert problems == [] and settings.sidebar_width == 50 and settings.theme == "dark"
    assert settings.group_duplicates is False
    assert set(settings.keys) == all_binding_ids() and settings.keys["timeline.mark"] == "space"


def test_every_binding_has_an_id_of_its_own():
    from tui.app.reader import BINDING_OWNERS, bindings_of

    ids = [binding.id for owner in BINDING_OWNERS for binding in bindings_of(owner)]
    assert None not in ids and len(ids) == len(set(ids))


async def test_the_reader_takes_the_theme_width_and_keys_of_the_settings(config):
    path = config('theme = "light"\nsidebar_width = 30\n[keys]\n"timeline.mark" = "space"\n')
    settings, problems = read_settings()
    app = DatelineApp(None, open_catalog(None), settings=settings, problems=problems)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        timeline = app.query_one(Timeline)
        assert app.theme == "light" and timeline.outer_size.width == 30
        await pilot.press("m")
        assert not timeline.marked
        await pilot.press("space")
        assert set(timeline.marked) == {timeline.current_event}
        timeline_help = dict(help_sections(app.remapped_keys))["Timeline"]
        assert ("space", "Mark the event, or unmark it: marks are kept for the corpus (M lists them).") in timeline_help
    assert path.exists()


async def test_problems_of_the_settings_are_told_in_the_reader(config):
    path = config('theme = "blue"\n')
    settings, problems = read_settings()
    app = DatelineApp(None, open_catalog(None), settings=settings, problems=problems)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        assert [n.message for n in app._notifications] == [
            f"{path}: theme: no theme 'blue' (the themes are dark, light, terminal); the default is used"]
