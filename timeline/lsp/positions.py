"""Positions between the loader (1-based lines, columns in code points) and LSP (0-based
lines, columns in UTF-16 code units, the protocol's default encoding, or in the UTF-8 or
UTF-32 units a client asks for instead).

Lines end where ``timeline.positions.Lines`` ends them (LF, CRLF, a lone CR), which is what
the protocol counts; Python's ``splitlines`` would also break at U+2028 and friends.
"""

from __future__ import annotations

import re

from timeline.positions import Lines

# What a diagnostic's range covers after its start: the word there (a key, an id, a date).
_TOKEN = re.compile(r"[^\s,\[\]{}#]+")


UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"  # LSP's names for them


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` ``text`` takes (in UTF-16, a character beyond
    U+FFFF takes two)."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def to_lsp(lines: Lines, line: int, col: int, encoding: str = UTF16) -> tuple[int, int]:
    """The LSP position of the loader's ``line``:``col`` (clamped to the text)."""
    text = lines.line(line)
    if text is None:  # past the end: the end of the last line
        line = lines.count
        text = lines.line(line) or ""
    return line - 1, units(text[: max(col - 1, 0)], encoding)


def token_end(lines: Lines, line: int, col: int) -> int:
    """The 1-based column just past the word at ``line``:``col`` (itself when there is none)."""
    text = lines.line(line) or ""
    found = _TOKEN.match(text, max(col - 1, 0))
    if found is None:
        return col
    word = found.group()
    if word.endswith(":") and len(word) > 1:  # a key: the colon is not part of the name
        word = word[:-1]
    return col + len(word)


def from_lsp(lines: Lines, line: int, character: int, encoding: str = UTF16) -> tuple[int, int]:
    """The loader's 1-based line and code-point column of an LSP position (clamped)."""
    number = min(max(line + 1, 1), lines.count)
    text = lines.line(number) or ""
    counted = 0
    for index, char in enumerate(text):
        if counted >= character:
            return number, index + 1
        counted += units(char, encoding)
    return number, len(text) + 1


def offset(lines: Lines, line: int, col: int) -> int:
    """The index in the text of the loader's ``line``:``col``."""
    return lines.starts[min(max(line, 1), lines.count) - 1] + col - 1
