"""Datasette's metadata for the sqlite export: the site's words and its canned queries.

Written beside the database as ``NAME.metadata.json`` in the form Datasette 0.65 reads with
``-m`` (title, description, license and source at the top; per table a description, column
descriptions and a label column; canned queries under the database). The first two queries
return the columns ``datasette-ics`` turns into a calendar (``event_name``, ``event_dtstart``,
``event_uid``...) and those ``datasette-atom`` turns into a feed (``atom_id``, ``atom_title``,
``atom_updated``...), so a ``.ics`` or ``.atom`` address of either is a subscription.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from timeline.render import View
from timeline.render import sqlite_schema as schema


def metadata_path(database: Path) -> Path:
    """``cases.db`` -> ``cases.metadata.json``, beside it."""
    return database.with_name(database.stem + ".metadata.json")


def database_name(database: Path) -> str:
    """The name Datasette gives a database file: its name without the last suffix."""
    return database.stem


def render(view: View, database: str) -> str:
    return json.dumps(metadata(view, database), indent=2, ensure_ascii=False) + "\n"


def metadata(view: View, database: str) -> dict[str, Any]:
    tl = view.timeline
    about = [tl.description] if tl.description else []
    about.append(f"Deadline statuses are as of {view.today.isoformat()}, the day of the export; "
                 "export again for today's.")  # fmt: skip
    top: dict[str, Any] = {"title": tl.title or "Timeline", "description": " ".join(about)}
    if tl.license:
        top["license"] = tl.license
    if tl.license_url:
        top["license_url"] = tl.license_url
    top["source"] = "timeline export of " + ", ".join(tl.files) if tl.files else "timeline"
    tables = {table.name: _table(table) for table in schema.TABLES}
    tables["events"]["sort"] = "position"
    tables["events"]["fts_table"] = "events_fts"
    tables["events"]["fts_pk"] = "n"
    tables["events_fts"] = {"hidden": True}
    top["databases"] = {database: {"tables": tables, "queries": QUERIES}}
    return top


def _table(table: schema.Table) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": table.description,
        "columns": {column.name: column.description for column in table.columns},
    }
    if table.label:
        out["label_column"] = table.label
    return out


# A deadline as a calendar event and as a feed entry. The entry is updated when its status
# began (or, for a status recorded by hand, on its due day).
_DEADLINE_COLUMNS = """
  e.uid as event_uid,
  'Deadline (' || upper(d.status) || '): ' || e.title as event_name,
  d.due as event_dtstart,
  {describe} as event_description,
  'urn:timeline:' || e.uid as atom_id,
  'Deadline (' || upper(d.status) || '): ' || e.title as atom_title,
  coalesce(d.status_since, d.due_day || 'T00:00:00+00:00') as atom_updated,
  {describe} as atom_content,
  e.id, e.title, d.due, d.status, d.days, d.set_by,
  (select group_concat(c.case_id, '; ') from event_cases c where c.event = e.n) as cases
from deadlines d join events e on e.n = d.event""".format(
    describe="'Due ' || d.due || ', ' || d.status || '.'\n"
    "    || CASE WHEN d.explain != '' THEN char(10) || d.explain ELSE '' END")

QUERIES: dict[str, dict[str, str]] = {
    "passed_unmet": {
        "title": "Deadlines passed unmet",
        "description": "Every deadline whose due day passed with no outcome recorded "
        "(passed) or that was recorded missed, oldest first. Add .ics (datasette-ics) or "
        ".atom (datasette-atom) to the address to subscribe.",
        "sql": "select" + _DEADLINE_COLUMNS + "\nwhere d.status in ('passed', 'missed')"
        "\norder by d.due_day, e.position",
    },
    "due_this_week": {
        "title": "Deadlines due this week",
        "description": "Deadlines with no outcome yet that fall due within seven days of the "
        "export's day, soonest first. Add .ics or .atom to the address to subscribe.",
        "sql": "select" + _DEADLINE_COLUMNS
        + "\nwhere d.status in ('due-soon', 'upcoming') and d.days between 0 and 7"
        "\norder by d.due_day, e.position",
    },
    "events_by_case": {
        "title": "Events by case",
        "description": "One case's events in timeline order, with deadline statuses: give "
        "its id (the cases table lists them).",
        "sql": "select e.position, e.date, e.end_date, e.kind, e.title, e.certainty,\n"
        "  d.due, d.status, e.id\nfrom events e join event_cases c on c.event = e.n\n"
        "left join deadlines d on d.event = e.n\nwhere c.case_id = :case_id\n"
        "order by e.position",
    },
}
