"""What may reach a terminal: article text, file names and ids are untrusted.

`terminal_safe` maps every character that could drive a terminal (C0 controls but tab
and newline, DEL, C1 controls, bidi marks, overrides and isolates, the byte order mark,
the Unicode line and paragraph separators, and lone surrogates, which is what an
undecodable byte of a file name becomes) to one visible marker character, so the result
has the same length and every offset into the original text still points at the same
place.  `one_line` is for fields shown on one line (ids, titles, sources, file names).
"""

from __future__ import annotations

# LRM, RLM, ALM; LRE..RLO; LRI..PDI
BIDI_CONTROLS = [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# Byte order mark (a zero-width no-break space mid-text), line and paragraph separators
# (line breaks to str.splitlines and some terminals), and the surrogates.
INVISIBLE_OR_BREAKING = [0xFEFF, 0x2028, 0x2029, *range(0xD800, 0xE000)]
MARKER = "\ufffd"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (0x09, 0x0A):
            table[code] = chr(0x2400 + code)  # Control Pictures: ␛ for ESC, ␇ for BEL
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = MARKER
    for code in (*BIDI_CONTROLS, *INVISIBLE_OR_BREAKING):
        table[code] = MARKER
    return table


UNSAFE_TABLE = _build_table()


def terminal_safe(text: str) -> str:
    """The text with every terminal-controlling character replaced, length unchanged."""
    return text.translate(UNSAFE_TABLE)


def one_line(text: str) -> str:
    """A field for one line: every run of white space and line breaks (tab, newline,
    carriage return, the separators) becomes one space, then it is made terminal-safe."""
    return terminal_safe(" ".join(text.split()))



def json_escaped(text: str) -> str:
    """JSON text with every terminal-controlling character written as a \\u escape:
    the same JSON, safe to print."""
    if not any(ord(ch) in UNSAFE_TABLE for ch in text):
        return text
    return "".join(f"\\u{ord(ch):04x}" if ord(ch) in UNSAFE_TABLE else ch for ch in text)
