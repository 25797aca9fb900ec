"""The sqlite export: the record as a database that Datasette serves, with full-text search.

A database is a file, not text: the CLI has ``write(view, path)`` fill a temporary file that
it then renames. ``render(view)`` gives the same bytes, for a library user. The file is the
same byte for byte at a fixed ``--today``: a fixed page size, no timestamps, rows inserted in
one order in one transaction. Deadline statuses are the rows' own, those the json export
writes. With filters, the events that selected ones refer to (the order that set a deadline,
the one that met it...) are kept too, marked ``selected = 0``, so every foreign key holds.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from timeline.dates import FileDate
from timeline.deadlines.rules import rules_of
from timeline.deadlines.status import deadline_states
from timeline.model import BUILTIN_KINDS, Event
from timeline.query import Row, timeline_rows
from timeline.render import View
from timeline.render import sqlite_schema as schema
from timeline.render.json_ import _bound
from timeline.render.publishing import event_uids, status_moment
from timeline.timeline import Timeline

WRITES_FILE = True  # the CLI needs -o: a database is not text for stdout


def render(view: View) -> bytes:
    """The database's bytes (built in a temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="timeline-sqlite-") as folder:
        path = Path(folder) / "timeline.db"
        write(view, path)
        return path.read_bytes()


def write(view: View, path: Path) -> None:
    """Build the database in ``path``, an empty or missing file."""
    rows = kept_rows(view)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        fill(connection, view, rows)
    finally:
        connection.close()


def fill(db: sqlite3.Connection, view: View, rows: list[Row]) -> None:
    db.execute(f"PRAGMA page_size = {schema.PAGE_SIZE}")
    db.execute("PRAGMA journal_mode = OFF")  # a new file, renamed only once it is whole
    db.execute("PRAGMA synchronous = OFF")  # the CLI syncs the file before renaming it
    db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    # Rows arrive parents first and every reference is to a row written (tests hold it with
    # PRAGMA foreign_key_check): checking each insert would double the time it takes.
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB: the indexes are built without spilling
    db.execute("BEGIN")
    for table in schema.TABLES:
        db.execute(table.create())
    tl = view.timeline
    selected = {row.index for row in view.rows}
    events = [row.event for row in rows]
    cases, people, sources = referenced(tl, view, events)
    uids = event_uids(rows)
    positions = {row.index: position for position, row in enumerate(rows, 1)}
    # Inserted in file order (n), so each table's B-tree only ever grows at its end.
    in_file_order = sorted(rows, key=lambda row: row.index)
    db.executemany(schema.ABOUT.insert(), about(view))
    db.executemany(schema.KINDS.insert(), kind_rows(tl))
    db.executemany(schema.CASES.insert(), case_rows(tl, cases))
    db.executemany(schema.PEOPLE.insert(), person_rows(tl, people))
    db.executemany(schema.SOURCES.insert(), source_rows(tl, sources))
    db.executemany(schema.EVENTS.insert(), event_rows(tl, in_file_order, uids, positions,
                                                      selected))  # fmt: skip
    db.executemany(schema.EVENT_CASES.insert(), listed(in_file_order, "case"))
    db.executemany(schema.EVENT_PEOPLE.insert(), listed(in_file_order, "people"))
    db.executemany(schema.EVENT_SOURCES.insert(), source_refs(tl, in_file_order))
    db.executemany(schema.EVENT_TAGS.insert(), listed(in_file_order, "tags"))
    db.executemany(schema.DEADLINES.insert(), deadline_rows(view, in_file_order))
    for statement in schema.INDEXES:
        db.execute(statement)
    for statement in schema.FTS:
        db.execute(statement)
    db.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    db.execute("COMMIT")


def kept_rows(view: View) -> list[Row]:
    """The selected rows and, transitively, every event they refer to, in timeline order."""
    if not view.filters.active():
        return view.rows
    tl = view.timeline
    keep = {row.index for row in view.rows}
    by_id = {event.id: index for index, event in enumerate(tl.events) if event.id is not None}
    replacers: dict[str, list[int]] = {}
    for index, event in enumerate(tl.events):
        if event.replaces is not None:
            replacers.setdefault(event.replaces, []).append(index)
    waiting = list(keep)
    while waiting:
        event = tl.events[waiting.pop()]
        wanted = [by_id.get(ref) for ref in references(event)]
        wanted += replacers.get(event.id, []) if event.id is not None else []
        for index in wanted:
            if index is not None and index not in keep:
                keep.add(index)
                waiting.append(index)
    if len(keep) == len(view.rows):
        return view.rows
    states = view.states if view.states is not None else deadline_states(
        tl, lambda _zone: view.today, view.soon)
    return [row for row in timeline_rows(tl, states) if row.index in keep]


def references(event: Event) -> list[str]:
    """The events an event names: its deadline's order, outcome, predecessor and trigger."""
    refs = [event.set_by, event.met_by, event.replaces]
    if event.due is not None:
        refs.append(event.due.trigger)
    return [ref for ref in refs if ref]


def referenced(tl: Timeline, view: View, events: list[Event]) -> tuple[set[str], ...]:
    """The case, person and source ids to write: all of them, or with filters those the
    written events (and ``--case``) name."""
    if not view.filters.active():
        return set(tl.cases), set(tl.people), set(tl.sources)
    cases = set(view.filters.cases) & set(tl.cases)
    people: set[str] = set()
    sources: set[str] = set()
    for event in events:
        cases.update(event.case)
        people.update(event.people)
        sources.update(ref for ref in event.sources if ref in tl.sources)
    return cases, people, sources


def about(view: View) -> Iterator[tuple[str, str | None]]:
    tl = view.timeline
    filters = view.filters
    chosen = {
        "case": list(filters.cases), "kind": list(filters.kinds), "person": list(filters.people),
        "tag": list(filters.tags), "since": filters.since.iso() if filters.since else None,
        "until": filters.until.iso() if filters.until else None, "search": filters.search,
    }  # fmt: skip
    yield "today", view.today.isoformat()
    yield "soon", str(view.soon)
    yield "title", tl.title
    yield "description", tl.description
    yield "license", tl.license
    yield "license_url", tl.license_url
    yield "filters", _json({key: value for key, value in chosen.items() if value})
    yield "files", _json(tl.files)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def kind_rows(tl: Timeline) -> Iterator[tuple[Any, ...]]:
    for key in tl.kinds:
        yield key, tl.kind_label(key), int(key in BUILTIN_KINDS)


def case_rows(tl: Timeline, keep: set[str]) -> Iterator[tuple[Any, ...]]:
    for key, case in tl.cases.items():
        if key in keep:
            yield (key, case.title, case.court, case.docket, case.judge, case.rules,
                   _json(list(case.jurisdiction)), case.timezone, case.status, case.summary,
                   _json(list(case.links)), _json(list(case.tags)))  # fmt: skip


def person_rows(tl: Timeline, keep: set[str]) -> Iterator[tuple[Any, ...]]:
    for key, person in tl.people.items():
        if key in keep:
            yield key, person.name, _json(list(person.aliases)), person.role, person.note


def source_rows(tl: Timeline, keep: set[str]) -> Iterator[tuple[Any, ...]]:
    for key, source in tl.sources.items():
        if key in keep:
            written = source.date.iso() if source.date is not None else None
            yield (key, source.title, source.author, source.publisher, written, source.url,
                   source.note)  # fmt: skip


def event_rows(tl: Timeline, rows: list[Row], uids: dict[int, str], positions: dict[int, int],
               selected: set[int]) -> list[tuple[Any, ...]]:  # fmt: skip
    where = tl.where
    out = []
    for row in rows:
        index, event, start = row.index, row.event, row.start
        written, end = event.date, event.end
        place = where[index] if index < len(where) else None
        out.append((
            index + 1, positions[index], event.id, uids[index],
            written.iso() if written is not None else None,
            str(written.precision) if written is not None else None,
            end.iso() if end is not None else None,
            _sortable(start, True), _sortable(end if end is not None else start, False),
            int(event.circa), event.kind, event.title, event.details, event.certainty,
            int(index in selected),
            place.path if place else "", place.line if place else 0,
        ))  # fmt: skip
    return out


def _sortable(when: FileDate | None, first: bool) -> str | None:
    """YYYY-MM-DD (the period's first or last day), or with the written time if timed."""
    if when is None:
        return None
    if when.hour is not None:
        day = f"{when.year:04d}-{when.month:02d}-{when.day:02d}"
        return f"{day}T{when.hour:02d}:{when.minute or 0:02d}"
    if when.day is not None:
        return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"
    return (when.first_day if first else when.last_day).isoformat()


def listed(rows: list[Row], field: str) -> list[tuple[int, int, str]]:
    """(event, position, value) for each value of an event's list ``field``, from 1."""
    return [(row.index + 1, position, value) for row in rows
            for position, value in enumerate(getattr(row.event, field), 1)]  # fmt: skip


def source_refs(tl: Timeline, rows: list[Row]) -> list[tuple[int, int, str | None, str | None]]:
    known = tl.sources
    return [(row.index + 1, position, ref, None) if ref in known
            else (row.index + 1, position, None, ref)
            for row in rows for position, ref in enumerate(row.event.sources, 1)]  # fmt: skip


def deadline_rows(view: View, rows: list[Row]) -> Iterator[tuple[Any, ...]]:
    tl = view.timeline
    for row in rows:
        event, state = row.event, row.state
        if event.kind != "deadline" or state is None:
            continue
        due = state.due
        since = status_moment(view, row)
        spec = event.due
        yield (
            row.index + 1,
            due.iso() if due is not None else None,
            due.day.isoformat() if due is not None else None,
            _bound(due, due.first_day) if due is not None else None,
            _bound(due, due.last_day) if due is not None else None,
            state.status, state.days,
            since.isoformat() if since is not None else None,
            event.status, event.set_by, event.met_by, event.replaces, state.extended_by,
            (spec.trigger or None) if spec is not None else None,
            spec.period if spec is not None else None,
            rules_of(spec.rules if spec else None, spec.period if spec else None,
                     _case_rules(tl, event)),
            "\n".join(due.explain) if due is not None else "",
        )  # fmt: skip


def _case_rules(tl: Timeline, event: Event) -> str | None:
    """The rules of the deadline's first known case: the calendar its count is made on."""
    for key in event.case:
        case = tl.cases.get(key)
        if case is not None:
            return case.rules
    return None
