"""Diagnostics are values: every stage appends them, one place prints them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Iterable

from timeline.visible import visible


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


# Stable codes and what each means, worded as in the README table (tests/test_codes.py).
CODES: dict[str, str] = {
    "T001": "the file is not valid UTF-8 (a byte-order mark and CRLF line ends are fine)",
    "T002": "YAML syntax error: tabs, bad indentation, unclosed quotes, more than one document",
    "T003": "a key appears twice in one mapping (YAML loaders would silently keep the last)",
    "T004": 'an anchor or alias: refused, they allow "billion laughs" expansion; use ids',
    "T005": "a YAML tag such as `!!python/object`: refused, never honoured",
    "T006": "an include is missing, matches nothing (or more than 10,000 files), is not a regular"
    " file, cannot be read, or includes itself",
    "T007": "unknown file format `version`",
    "T008": (
        "a character YAML 1.1 reads as a line break and editors do not (NEL U+0085, LS U+2028, "
        "PS U+2029) outside quoted text"
    ),
    "T101": 'unknown key, with a "did you mean" suggestion',
    "T102": "missing required field, or a required field with no value",
    "T103": "wrong type: a mapping, a list or text was expected",
    "T104": "a value that is not allowed: bad or impossible date, URL, id, number or choice",
    "T105": "an `end` before its `date`",
    "T106": "a time of day with no timezone: the case has none and the time has no offset",
    "T107": "unknown timezone or jurisdiction",
    "T201": "unknown case, person, source, event or kind id, with a suggestion",
    "T202": "duplicate id (events, sources, people, cases or kinds, across all files)",
    "T203": (
        "deadline fields (`set_by`, `met_by`, `replaces`, `status`, `due`) on an event "
        "that is not a deadline"
    ),
    "T204": (
        "a deadline with neither `date` nor `due`, or both; a `due` with neither `days` "
        "nor `hours`, or both"
    ),
    "T205": "a cycle of computed deadlines",
    "T206": (
        "contradictory deadline fields (`status: missed` with `met_by`, a deadline "
        "replacing itself...)"
    ),
    "T207": (
        "a computed deadline that cannot be counted: its trigger is dated by month or "
        "year only, the period is over a century, or its due date would fall after "
        "9999-12-31 or before 0001-01-01"
    ),
    "W301": "warning: an event with no source",
    "W302": "warning: a deadline with no case",
    "W303": (
        "warning: a future date on a kind of event that cannot be scheduled (an `arrest` "
        "next year)"
    ),
    "W304": (
        "warning: a time of day that does not exist in the case's timezone: the clocks "
        "skipped it (as when daylight saving time starts)"
    ),
    "W305": (
        "warning: a time of day that happens twice in the case's timezone (the clocks went "
        "back over it): read as the first; an offset says which"
    ),
    "W306": (
        "warning: a FRAP period on a deadline of a case whose rules are not frap, with no "
        "`clerk:` state: the count may be early"
    ),
}


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    path: str
    line: int  # 1-based
    col: int  # 1-based
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        # A message quotes keys and values from the file: one problem stays one line, in every
        # output format, and nothing in it reaches a terminal raw ("line\nbreak" shows `\n`).
        message = visible(self.message)
        if message is not self.message:
            object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        path = visible(self.path)  # a path from an include pattern is the file's text too
        return f"{path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


# How many problems one load looks for. A file can hold a million bad keys: reporting them all
# would take minutes and gigabytes and help no one, so past this many every stage stops looking.
MAX_PROBLEMS = 1000


class Diagnostics(list[Diagnostic]):
    """The diagnostics of one load, at most ``limit`` of them (None: no limit).

    Every stage appends here. Once ``limit`` errors are found the collector is ``full``: stages
    ask and stop looking (a flood of warnings does not stop them: an error may follow). Past
    the limit what is appended is dropped, but an error takes the place of a warning, so that
    a check that fails shows why. Which problems make the first ``limit`` is the order of the
    work: files in reading order, the reader's and the key checks' problems line by line, then
    the other validation problems, then the cross-checks.
    """

    def __init__(self, limit: int | None = MAX_PROBLEMS) -> None:
        super().__init__()
        self.limit = limit
        self.errors = 0  # the errors kept
        self.dropped = False

    @property
    def full(self) -> bool:
        """Whether ``limit`` errors are found: stages stop looking."""
        return self.limit is not None and self.errors >= self.limit

    @property
    def truncated(self) -> bool:
        """Whether there may be problems not kept: some were dropped or no longer looked for."""
        return self.dropped or self.full

    def append(self, diagnostic: Diagnostic) -> None:
        error = diagnostic.severity is Severity.ERROR
        if self.limit is not None and len(self) >= self.limit:
            self.dropped = True
            if not error or self.errors == len(self):
                return
            for index in range(len(self) - 1, -1, -1):  # the last warning makes way
                if self[index].severity is not Severity.ERROR:
                    del self[index]
                    break
        super().append(diagnostic)
        self.errors += error


def full(diagnostics: list[Diagnostic]) -> bool:
    """Whether ``diagnostics`` is a collector that has found as many errors as it looks for."""
    return isinstance(diagnostics, Diagnostics) and diagnostics.full


def truncated(diagnostics: list[Diagnostic]) -> bool:
    """Whether ``diagnostics`` is a collector that dropped some or stopped looking."""
    return isinstance(diagnostics, Diagnostics) and diagnostics.truncated


def suggest(word: str, choices: Iterable[str], *, cutoff: float = 0.5,
            meanings: dict[str, str] | None = None) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest choice, or an empty string.

    Where a near miss changes the meaning (a certainty, a status) the caller gives a higher
    ``cutoff`` (no far guess: 'sure' is not 'disputed') and ``meanings``, which the suggestion
    says: ``did you mean 'reported' (a source reports it)?``.
    """
    close = closest(word, choices, cutoff=cutoff)
    if close is None:
        return ""
    meaning = f" ({meanings[close]})" if meanings and close in meanings else ""
    return f"; did you mean '{close}'{meaning}?"


def closest(word: str, choices: Iterable[str], *, cutoff: float = 0.5) -> str | None:
    """The choice ``suggest`` would name for ``word``, or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None

