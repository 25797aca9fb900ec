"""The tables of the sqlite export, each with the descriptions Datasette shows beside it.

One place holds a table's columns, its SQL and its words, so the database and its Datasette
metadata cannot drift apart. Lists inside a row (a case's links, a person's aliases) are JSON
arrays, which SQLite's JSON functions read; lists that people filter by (an event's cases,
people, sources and tags) are join tables with indexes.
"""

from __future__ import annotations

from dataclasses import dataclass

# Bumped when a table or column changes meaning: `PRAGMA user_version` tells a reader which.
SCHEMA_VERSION = 1
PAGE_SIZE = 4096  # fixed, so the file is the same byte for byte whatever SQLite's default


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # type and constraints
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    constraints: tuple[str, ...] = ()
    label: str | None = None  # the column Datasette shows for a row that another row links to
    rowid: bool = True  # False: the primary key is the table (a join table's rows are small)

    def create(self) -> str:
        parts = [f"[{c.name}] {c.sql}" for c in self.columns] + list(self.constraints)
        tail = "" if self.rowid else " WITHOUT ROWID"
        return f"CREATE TABLE [{self.name}] (\n  " + ",\n  ".join(parts) + "\n)" + tail

    def insert(self) -> str:
        names = ", ".join(f"[{c.name}]" for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        return f"INSERT INTO [{self.name}] ({names}) VALUES ({marks})"


def _c(name: str, sql: str, description: str) -> Column:
    return Column(name, sql, description)


ABOUT = Table("about", "How and when this database was made: one row a setting.", (
    _c("key", "TEXT PRIMARY KEY", "today, soon, title, description, license, license_url, "
       "filters, files"),
    _c("value", "TEXT", "Its value (filters and files as JSON)"),
))  # fmt: skip

KINDS = Table("kinds", "The kinds of event: the built-in ones and those the file adds.", (
    _c("id", "TEXT PRIMARY KEY", "The kind as events name it"),
    _c("label", "TEXT NOT NULL", "How it is shown"),
    _c("builtin", "INTEGER NOT NULL", "1 for a built-in kind, 0 for one the file adds"),
), label="label")  # fmt: skip

CASES = Table("cases", "One row a case, as the events file describes it.", (
    _c("id", "TEXT PRIMARY KEY", "The case's id in the file"),
    _c("title", "TEXT NOT NULL", "The caption, e.g. Abrego Garcia v. Noem"),
    _c("court", "TEXT", "The court"),
    _c("docket", "TEXT", "The docket number"),
    _c("judge", "TEXT", "The judge"),
    _c("rules", "TEXT NOT NULL", "The rule set its deadlines are counted by"),
    _c("jurisdiction", "TEXT NOT NULL", "Whose legal holidays count, as a JSON array"),
    _c("timezone", "TEXT", "The IANA timezone a date-only deadline ends in"),
    _c("status", "TEXT", "The case's status as written"),
    _c("summary", "TEXT", "A summary of the case"),
    _c("links", "TEXT NOT NULL", "Links about the case, as a JSON array"),
    _c("tags", "TEXT NOT NULL", "The case's tags, as a JSON array"),
), label="title")  # fmt: skip

PEOPLE = Table("people", "One row a person the events name.", (
    _c("id", "TEXT PRIMARY KEY", "The person's id in the file"),
    _c("name", "TEXT NOT NULL", "Full name"),
    _c("aliases", "TEXT NOT NULL", "Other names, as a JSON array"),
    _c("role", "TEXT", "Their role"),
    _c("note", "TEXT", "A note"),
), label="name")  # fmt: skip

SOURCES = Table("sources", "One row a citable source that events name by id.", (
    _c("id", "TEXT PRIMARY KEY", "The source's id in the file"),
    _c("title", "TEXT NOT NULL", "Title"),
    _c("author", "TEXT", "Author"),
    _c("publisher", "TEXT", "Publisher"),
    _c("date", "TEXT", "Publication date, as written"),
    _c("url", "TEXT", "Its http(s) address"),
    _c("note", "TEXT", "A note"),
), label="title")  # fmt: skip

EVENTS = Table("events", "One row an event, in timeline order (position).", (
    _c("n", "INTEGER PRIMARY KEY", "The event's place in the files, from 1: the same with "
       "or without filters"),
    _c("position", "INTEGER NOT NULL", "Its place in timeline order, from 1"),
    _c("id", "TEXT", "The event's id in the file, if it has one"),
    _c("uid", "TEXT NOT NULL", "A stable identity: the id, else a hash of date, kind, "
       "title and cases (the ics export's UID before its @)"),
    _c("date", "TEXT", "The date as written (empty for a computed deadline: see sort_start)"),
    _c("precision", "TEXT", "year, month, day or minute"),
    _c("end_date", "TEXT", "The end of a span, as written"),
    _c("sort_start", "TEXT", "Where it starts, sortable: YYYY-MM-DD, or YYYY-MM-DDTHH:MM "
       "(local time) for a timed event; a computed deadline's due day"),
    _c("sort_end", "TEXT", "The last day (or minute) it covers, sortable"),
    _c("circa", "INTEGER NOT NULL", "1 where the date is approximate"),
    _c("kind", "TEXT NOT NULL REFERENCES kinds(id)", "The kind of event"),
    _c("title", "TEXT NOT NULL", "What happened, in one line"),
    _c("details", "TEXT", "More, in Markdown"),
    _c("certainty", "TEXT NOT NULL", "confirmed, reported, alleged or disputed"),
    _c("selected", "INTEGER NOT NULL", "1 if it matched the export's filters; 0 if it is "
       "here because a selected event refers to it"),
    _c("file", "TEXT NOT NULL", "The file it is written in"),
    _c("line", "INTEGER NOT NULL", "The line it starts on"),
), label="title")  # fmt: skip

EVENT_CASES = Table("event_cases", "Which cases each event belongs to.", (
    _c("event", "INTEGER NOT NULL REFERENCES events(n)", "The event"),
    _c("position", "INTEGER NOT NULL", "The order the file lists them in, from 1"),
    _c("case_id", "TEXT NOT NULL REFERENCES cases(id)", "The case"),
), constraints=("PRIMARY KEY (event, position)",), rowid=False)  # fmt: skip

EVENT_PEOPLE = Table("event_people", "Who each event names.", (
    _c("event", "INTEGER NOT NULL REFERENCES events(n)", "The event"),
    _c("position", "INTEGER NOT NULL", "The order the file lists them in, from 1"),
    _c("person_id", "TEXT NOT NULL REFERENCES people(id)", "The person"),
), constraints=("PRIMARY KEY (event, position)",), rowid=False)  # fmt: skip

EVENT_SOURCES = Table("event_sources", "What each event cites: a source by id, or a URL.", (
    _c("event", "INTEGER NOT NULL REFERENCES events(n)", "The event"),
    _c("position", "INTEGER NOT NULL", "The order the file lists them in, from 1"),
    _c("source_id", "TEXT REFERENCES sources(id)", "The source, when cited by id"),
    _c("url", "TEXT", "The address, when cited by URL"),
), constraints=("PRIMARY KEY (event, position)",
                "CHECK ((source_id IS NULL) != (url IS NULL))"), rowid=False)  # fmt: skip

EVENT_TAGS = Table("event_tags", "Each event's tags.", (
    _c("event", "INTEGER NOT NULL REFERENCES events(n)", "The event"),
    _c("position", "INTEGER NOT NULL", "The order the file lists them in, from 1"),
    _c("tag", "TEXT NOT NULL", "The tag, as written"),
), constraints=("PRIMARY KEY (event, position)",), rowid=False)  # fmt: skip

_EVENT_ID = "TEXT REFERENCES events(id)"
DEADLINES = Table("deadlines", "Every deadline, with its status as of the export's day "
                  "(the about table's today): the same statuses as the json export.", (
    _c("event", "INTEGER PRIMARY KEY REFERENCES events(n)", "The deadline's event"),
    _c("due", "TEXT", "When it falls due: YYYY-MM-DD (the end of that day in the case's "
       "timezone) or an ISO date and time"),
    _c("due_day", "TEXT", "The day it falls due, YYYY-MM-DD"),
    _c("earliest", "TEXT", "Where readings of the rule differ, the day safe under every one"),
    _c("latest", "TEXT", "Where readings of the rule differ, the last day any allows"),
    _c("status", "TEXT NOT NULL", "met, met-late, extended, vacated, moot, missed, passed "
       "(no outcome recorded), due-soon or upcoming"),
    _c("days", "INTEGER", "Days from the export's day to the due day; negative once passed"),
    _c("status_since", "TEXT", "When a passed or due-soon status began (UTC)"),
    _c("recorded_status", "TEXT", "A status written by hand in the file"),
    _c("set_by", _EVENT_ID, "The order that set it"),
    _c("met_by", _EVENT_ID, "The event that met it"),
    _c("replaces", _EVENT_ID, "The deadline it extends"),
    _c("extended_by", "TEXT", "The deadline that extends it (its id, or its title)"),
    _c("counted_from", _EVENT_ID, "The event a computed due date is counted from"),
    _c("period", "TEXT", "The named period it is counted by"),
    _c("rules", "TEXT NOT NULL", "The rule set that counts it"),
    _c("explain", "TEXT NOT NULL", "How the due date was found, a step a line"),
))  # fmt: skip

TABLES = (ABOUT, KINDS, CASES, PEOPLE, SOURCES, EVENTS, EVENT_CASES, EVENT_PEOPLE,
          EVENT_SOURCES, EVENT_TAGS, DEADLINES)  # fmt: skip

# Built once the rows are in, which is faster than keeping them while inserting. The unique
# index on events(id) is what the deadlines' references to events point at.
INDEXES = (
    "CREATE UNIQUE INDEX events_id ON events(id)",
    "CREATE UNIQUE INDEX events_uid ON events(uid)",
    "CREATE UNIQUE INDEX events_position ON events(position)",
    "CREATE INDEX events_kind ON events(kind)",
    "CREATE INDEX events_sort_start ON events(sort_start)",
    "CREATE INDEX events_certainty ON events(certainty)",
    "CREATE INDEX event_cases_case ON event_cases(case_id)",
    "CREATE INDEX event_people_person ON event_people(person_id)",
    "CREATE INDEX event_sources_source ON event_sources(source_id)",
    "CREATE INDEX event_tags_tag ON event_tags(tag)",
    "CREATE INDEX deadlines_status ON deadlines(status)",
    "CREATE INDEX deadlines_due_day ON deadlines(due_day)",
    "CREATE INDEX deadlines_set_by ON deadlines(set_by)",
)

# Full-text search over titles and details, kept right by triggers if the database is edited.
# `content="events"` in double quotes is how Datasette finds the index of a table.
FTS = (
    'CREATE VIRTUAL TABLE events_fts USING fts5(title, details, content="events", '
    "content_rowid=n)",
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN\n"
    "  INSERT INTO events_fts(rowid, title, details) VALUES (new.n, new.title, new.details);\n"
    "END",
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN\n"
    "  INSERT INTO events_fts(events_fts, rowid, title, details)\n"
    "    VALUES ('delete', old.n, old.title, old.details);\n"
    "END",
    "CREATE TRIGGER events_fts_update AFTER UPDATE ON events BEGIN\n"
    "  INSERT INTO events_fts(events_fts, rowid, title, details)\n"
    "    VALUES ('delete', old.n, old.title, old.details);\n"
    "  INSERT INTO events_fts(rowid, title, details) VALUES (new.n, new.title, new.details);\n"
    "END",
)
