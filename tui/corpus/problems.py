"""What goes wrong while loading: one line naming the file, the line and the problem."""

from __future__ import annotations

from dataclasses import dataclass

from ..terminal_text import one_line


@dataclass(slots=True, frozen=True)
class LoadProblem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return one_line(f"{where}: {self.message}")
