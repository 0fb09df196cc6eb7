"""The core (loading, extraction, index, cache) never imports the UI: the command line,
the reader and the tests all use it, and a script should not pay for Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = ["tui.corpus", "tui.corpus.loaders", "tui.corpus.articles", "tui.terminal_text", "tui.extract",
        "tui.extract.names", "tui.extract.timexes", "tui.extract.figures", "tui.index", "tui.index.catalog",
        "tui.index.search", "tui.index.cache", "tui.index.extraction_pool", "tui.cache_home", "tui.wording"]


def test_importing_the_core_imports_neither_textual_nor_rich():
    script = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_the_check_would_notice_a_ui_import():
    result = subprocess.run([sys.executable, "-c", "import tui.app, sys; print('textual' in sys.modules)"],
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "True"
