"""Positions as editors count them, for every command alike.

A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``: what the Language Server Protocol counts,
and what editors show. (YAML 1.1 also ends lines at NEL, LS and PS; the exact reader refuses
those outside quoted text rather than report positions no editor would find.) A column is
1-based and counts code points; only a language server would turn it into UTF-16 units.
"""

from __future__ import annotations

import re
from bisect import bisect_right

Pos = tuple[int, int]  # 1-based line and column

_LINE_BREAK = re.compile(r"\r\n?|\n")


class Lines:
    """Where each line of a text starts, found once, when first asked."""

    __slots__ = ("text", "_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(found.end() for found in _LINE_BREAK.finditer(self.text))]
        return self._starts

    @property
    def count(self) -> int:
        """How many lines an editor shows: a text ending in a line break has an empty last one."""
        return len(self.starts)

    def position(self, index: int) -> Pos:
        """The line and column of the character at ``index`` (clamped to the text)."""
        index = min(max(index, 0), len(self.text))
        line = bisect_right(self.starts, index) - 1
        return (line + 1, index - self.starts[line] + 1)

    def line(self, number: int) -> str | None:
        """Line ``number`` (1-based) without its line break, or None past the text."""
        starts = self.starts
        if not 0 < number <= len(starts):
            return None
        if number == len(starts):
            return self.text[starts[-1] :]
        return self.text[starts[number - 1] : starts[number]].rstrip("\r\n")
