"""The extractors are compiled to C with mypyc when the package is built: a fifth to a
quarter less CPU time for extraction (bench/bench_load.py measures both builds).  Without
a C compiler, or when mypyc cannot compile them, they are installed as the plain Python
they are, which behaves the same, only slower.  An editable install keeps them plain, so that
an edit takes effect at once.  Everything else (pyproject.toml) is plain Python."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = ["calendar", "events", "figures", "lexicon", "name_candidates", "name_types", "names",
            "sentences", "timex_rules", "timexes", "tokens"]


class BuildExtOrPlain(build_ext):
    """Build the compiled extractors, or none of them: a half-built set would not import."""

    def run(self) -> None:
        if self.inplace or getattr(self, "editable_mode", False):
            return
        try:
            super().run()
        except Exception as error:  # no compiler, no Python headers, ...
            for extension in self.extensions:
                Path(self.get_ext_fullpath(extension.name)).unlink(missing_ok=True)
            self.extensions = []
            print(f"dateline: the extractors stay plain Python (compiling failed: {error})", file=sys.stderr)


# pip runs this file three times for an install (egg_info, dist_info, bdist_wheel) and
# mypyc's type check and C generation take about 3 s each: only a build needs them.
BUILD_COMMANDS = {"bdist_wheel", "build", "build_ext", "install"}


def compiled_extractors() -> list:
    if BUILD_COMMANDS.isdisjoint(sys.argv[1:]):  # metadata, or an editable install
        return []
    try:
        from mypyc.build import mypycify

        os.chdir(Path(__file__).resolve().parent)  # mypycify takes paths relative to here
        paths = [f"tui/extract/{name}.py" for name in COMPILED]
        return mypycify(paths, opt_level="3")  # with [tool.mypy] of pyproject.toml
    except (Exception, SystemExit) as error:  # mypy missing, or the code does not type-check
        print(f"dateline: the extractors stay plain Python (mypyc: {error})", file=sys.stderr)
        return []


setup(ext_modules=compiled_extractors(), cmdclass={"build_ext": BuildExtOrPlain})
