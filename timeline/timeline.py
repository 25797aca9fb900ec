"""The merged, validated record of every file loaded: what views and exports read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from timeline.model import BUILTIN_KINDS, Case, Event, KindDef, Person, Source


@dataclass(frozen=True, slots=True)
class Where:
    """Where something was written: a display path and a 1-based line and column."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class CourtClosure:
    """A day courts were closed (``closures:``): every court's, or only the named ones'."""

    day: date
    cases: frozenset[str] = frozenset()  # empty: every case
    rules: frozenset[str] = frozenset()  # empty: every rule set

    def closes(self, case: str | None, rules: str) -> bool:
        """Whether it closes the court of a deadline of ``case`` counted by ``rules``."""
        return ((not self.cases or case in self.cases)
                and (not self.rules or rules in self.rules))  # fmt: skip


@dataclass
class Timeline:
    files: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    kinds: dict[str, KindDef] = field(
        default_factory=lambda: {name: KindDef() for name in BUILTIN_KINDS}
    )
    closures: set[CourtClosure] = field(default_factory=set)
    presidential_holidays: bool = True
    # The record's own title, description and license (the first file that gives each).
    title: str | None = None
    description: str | None = None
    license: str | None = None
    license_url: str | None = None
    events: list[Event] = field(default_factory=list)  # file order; includes follow includers
    where: list[Where] = field(default_factory=list)  # where each event starts, same order

    def event_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events if event.id is not None}

    def timezone_of(self, event: Event) -> str | None:
        """The timezone a timed date of ``event`` is read in: that of its first case with one."""
        for case_id in event.case:
            case = self.cases.get(case_id)
            if case is not None and case.timezone:
                return case.timezone
        return None

    def kind_label(self, kind: str) -> str:
        definition = self.kinds.get(kind)
        if definition is not None and definition.label:
            return definition.label
        return kind.replace("-", " ").replace("_", " ").capitalize()
