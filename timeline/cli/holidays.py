"""`timeline holidays`: the legal holidays computed deadlines skip, to check against the court's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Iterable, Optional

import typer

from timeline.cli import completion

from timeline.cli.common import FileOption, app, load_or_exit, local_today, usage_error, write_output

if TYPE_CHECKING:
    from datetime import date

    from timeline.deadlines.calendar import Holiday
    from timeline.timeline import CourtClosure, Timeline


@app.command(
    short_help="List the legal holidays deadlines skip.",
    epilog="\b\nExample:\n  " + 'timeline holidays --year 2025 --jurisdiction US-MD',
)
def holidays(
    year: Annotated[
        Optional[int],
        typer.Option("--year", "-y", min=1, max=9999, metavar="YEAR",
                     help="The year to list (default: this year)."),
    ] = None,
    jurisdiction: Annotated[
        Optional[list[str]],
        typer.Option("--jurisdiction", "-j", metavar="J", autocompletion=completion.jurisdictions,
                     help="US, or US- and a state code such as US-MD (repeatable; default: the "
                     "jurisdictions of the file's cases, else US)."),
    ] = None,
    file: FileOption = None,
) -> None:
    """List the legal holidays that computed deadlines skip (Fed. R. Civ. P. 6(a)(6))."""
    wanted = [_jurisdiction(text) for text in jurisdiction or []]
    timeline = _timeline_if_any(file)
    if not wanted:
        cases = timeline.cases.values() if timeline is not None else ()
        found = {j for case in cases for j in case.jurisdiction}
        wanted = sorted(found) or ["US"]
    presidential = timeline.presidential_holidays if timeline is not None else True
    closures: Iterable[CourtClosure] = timeline.closures if timeline is not None else ()
    shown_year = year or local_today().year
    write_output(_listing(shown_year, wanted, presidential, closures), None)


def _jurisdiction(text: str) -> str:
    from timeline.diagnostics import suggest
    from timeline.deadlines.jurisdictions import JURISDICTIONS

    normal = text.strip().upper()
    if normal not in JURISDICTIONS:
        usage_error(f"--jurisdiction: unknown jurisdiction '{text}': write US or US- and a state "
                    "code, such as US-MD" + suggest(normal, JURISDICTIONS))  # fmt: skip
    return normal


def _timeline_if_any(files: list[str] | None) -> Timeline | None:
    """The events file's settings where there is one; without -f, no file is fine."""
    from timeline.discover import DiscoveryError, UnreadableFile, discover

    env_file = os.environ.get("TIMELINE_FILE")
    if not files and not env_file:
        try:
            discover([], None, Path.cwd())
        except UnreadableFile:
            pass  # an events file is there: load_or_exit says why it cannot be read
        except DiscoveryError:
            return None
    return load_or_exit(files, None).timeline


def _listing(year: int, jurisdictions: list[str], presidential: bool,
             closures: Iterable[CourtClosure]) -> str:
    from timeline.deadlines.calendar import CLOSURE, Holiday, LegalCalendar
    from timeline.deadlines.state_days import audited

    seen: set[Holiday] = set()
    days: list[Holiday] = []
    for name in jurisdictions:
        for holiday in LegalCalendar(name, presidential).year(year):
            if holiday not in seen:
                seen.add(holiday)
                days.append(holiday)
    for closure in closures:
        if closure.day.year == year:
            days.append(Holiday(closure.day, "court closure listed in the file", CLOSURE,
                                cite=_scope(closure)))
    days.sort(key=lambda h: (h.day, h.source != "federal", h.jurisdiction, h.name))
    setting = "counted" if presidential else "not counted (holidays: {presidential: false})"
    lines = [f"Legal holidays in {year} for {', '.join(jurisdictions)}; days declared by the "
             f"President {setting}"]  # fmt: skip
    width = max((len(h.name) for h in days), default=0)
    for holiday in days:
        lines.append(f"{holiday.day.isoformat()}  {holiday.day.strftime('%a')}  "
                     f"{holiday.name.ljust(width)}  {_source(holiday)}")  # fmt: skip
    for name in jurisdictions:
        if name != "US" and audited(name) is None:
            lines.append(f"note: {name}: the holidays package's list, not audited against the "
                         "state's statute (see the README)")  # fmt: skip
        elif name != "US":
            audit = audited(name)
            assert audit is not None
            lines.append(f"note: {name}: audited against {audit.statute} on {audit.on}")
    first, last = LegalCalendar.known_years()
    if not first <= year <= last:
        lines.append(f"none known: the holidays package covers {first} to {last}")
    elif not days:
        lines.append("none")
    return "\n".join(lines) + "\n"


def _source(holiday: Holiday) -> str:
    if holiday.source == "state" and holiday.beyond_statute:
        return (f"state {holiday.jurisdiction} (not skipped: {holiday.beyond_statute}; counts "
                "only for the latest date)")
    cite = f"{holiday.cite}; " if holiday.cite else ""
    if holiday.source == "state" and holiday.disputed:
        return (f"state {holiday.jurisdiction} ({cite}skipped, but read two ways: "
                f"{holiday.disputed}; periods counted forwards only)")
    if holiday.source == "state":
        return f"state {holiday.jurisdiction} ({cite}periods counted forwards only)"
    if holiday.source == "closure":
        scope = f"; {holiday.cite}" if holiday.cite else ""
        return f"closure (from the file{scope})"
    return holiday.source


def _scope(closure: CourtClosure) -> str:
    """Whose courts a closure closes, when not every court's."""
    parts = []
    if closure.cases:
        parts.append("cases " + ", ".join(sorted(closure.cases)))
    if closure.rules:
        parts.append("rules " + ", ".join(sorted(closure.rules)))
    return "; ".join(parts)
