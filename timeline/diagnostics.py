"""Diagnostics are values: every stage appends them, one place prints them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


# Stable codes, listed in the README; tests pin them.
CODES: dict[str, str] = {
    "T001": "the file is not valid UTF-8",
    "T002": "YAML syntax error (tabs, bad indentation, unclosed quotes...)",
    "T003": "a key appears twice in the same mapping",
    "T004": "an anchor or alias (refused: use ids instead)",
    "T005": "a YAML tag such as !!python/object (refused: never honoured)",
    "T006": "an include is missing or includes itself",
    "T007": "unknown file format version",
    "T101": "unknown key",
    "T102": "missing required field",
    "T103": "wrong type (a mapping, list or text was expected)",
    "T104": "a value that is not allowed (bad date, URL, id, number or choice)",
    "T105": "an `end` before its `date`",
    "T106": "a time with no timezone: the case has none and the time has no offset",
    "T107": "unknown timezone or jurisdiction",
    "T201": "unknown case, person, source, event or kind id",
    "T202": "duplicate id",
    "T203": "deadline fields on an event that is not a deadline",
    "T204": "a deadline with neither `date` nor `due`, or with both",
    "T205": "a cycle of computed deadlines",
    "T206": "contradictory deadline fields",
    "T207": "a computed deadline that cannot be counted: its trigger has no day, or the period is over a century",
    "W301": "an event with no source",
    "W302": "a deadline with no case",
    "W303": "a future date on a kind of event that cannot be scheduled",
}


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    path: str
    line: int  # 1-based
    col: int  # 1-based
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


def errors_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]
