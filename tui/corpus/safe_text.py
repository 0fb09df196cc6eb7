"""What may reach a terminal: article text is untrusted.

`terminal_safe` maps every character that could drive a terminal (C0 controls but tab
and newline, DEL, C1 controls, bidi overrides and isolates) to one visible marker
character, so the result has the same length and every offset into the original text
still points at the same place.
"""

from __future__ import annotations

BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
MARKER = "\ufffd"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (0x09, 0x0A):
            table[code] = chr(0x2400 + code)  # Control Pictures: ␛ for ESC, ␇ for BEL
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = MARKER
    for code in BIDI_CONTROLS:
        table[code] = MARKER
    return table


UNSAFE_TABLE = _build_table()


def terminal_safe(text: str) -> str:
    """The text with every terminal-controlling character replaced, length unchanged."""
    return text.translate(UNSAFE_TABLE)


def is_terminal_safe(text: str) -> bool:
    return not any(ord(ch) in UNSAFE_TABLE for ch in text)
