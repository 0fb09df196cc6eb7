"""How counts read, the same in the reader and on the command line."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """1 hit, 2 hits; 1,234 articles."""
    return f"{number:,} {noun if number == 1 else noun + 's'}"
