"""`export --format sqlite`: every record a row, the json export's statuses, foreign keys that
hold, full-text search that stays right, the same bytes twice, hostile text unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import BUNDLED, DATA, FIXED_TODAY, REPO, assert_golden

HOSTILE = DATA / "hostile.yaml"


def export_db(run, tmp_path: Path, *args: str, source: Path = BUNDLED,  # type: ignore[no-untyped-def]
              name: str = "cases.db") -> sqlite3.Connection:
    result = run("export", "--format", "sqlite", "-f", str(source), "--today", FIXED_TODAY,
                 "-o", name, *args)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    db = sqlite3.connect(tmp_path / name)
    db.row_factory = sqlite3.Row
    return db


def json_export(run, *args: str, source: Path = BUNDLED) -> dict:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "json", "-f", str(source), "--today", FIXED_TODAY, *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_event_case_person_and_source_is_a_row(run, tmp_path):
    db = export_db(run, tmp_path)
    doc = json_export(run)
    events = db.execute("select * from events order by position").fetchall()
    assert [(e["id"], e["date"], e["title"], e["details"], e["kind"], e["certainty"])
            for e in events] == [(e["id"], e["date"], e["title"], e["details"], e["kind"],
                                  e["certainty"]) for e in doc["events"]]  # fmt: skip
    assert len(events) == 50
    for table, key in (("cases", "cases"), ("people", "people"), ("sources", "sources")):
        ids = [row[0] for row in db.execute(f"select id from {table} order by rowid")]
        assert ids == list(doc[key]), table
    case = db.execute("select * from cases where id = 'abrego-garcia'").fetchone()
    assert case["title"] == doc["cases"]["abrego-garcia"]["title"]
    assert case["docket"] == "8:25-cv-00951"
    # each event's cases, people, sources and tags, in the file's order
    for event in doc["events"]:
        n = db.execute("select n from events where uid = ?",
                       (event["id"] or "",)).fetchone() if event["id"] else None  # fmt: skip
        if n is None:
            continue
        for table, column, key in (("event_cases", "case_id", "cases"),
                                   ("event_people", "person_id", "people"),
                                   ("event_tags", "tag", "tags")):  # fmt: skip
            got = [r[0] for r in db.execute(f"select {column} from {table} where event = ? "
                                            "order by position", (n[0],))]  # fmt: skip
            assert got == event[key], (event["id"], table)
        cited = [r[0] or r[1] for r in db.execute(
            "select source_id, url from event_sources where event = ? order by position", (n[0],))]
        assert cited == event["sources"]


def test_deadline_statuses_equal_the_json_exports(run, tmp_path):
    db = export_db(run, tmp_path)
    doc = json_export(run)
    expected = [(e["id"], e["deadline"]["due"], e["deadline"]["status"], e["deadline"]["days"],
                 e["deadline"]["set_by"], e["deadline"]["met_by"], e["deadline"]["replaces"],
                 "\n".join(e["deadline"]["explain"]))
                for e in doc["events"] if "deadline" in e]  # fmt: skip
    got = [tuple(row) for row in db.execute(
        "select e.id, d.due, d.status, d.days, d.set_by, d.met_by, d.replaces, d.explain "
        "from deadlines d join events e on e.n = d.event order by e.position")]
    assert got == expected
    assert {row[2] for row in got} >= {"passed", "met"}


def test_foreign_keys_hold_and_are_declared(run, tmp_path):
    db = export_db(run, tmp_path)
    assert db.execute("pragma foreign_key_check").fetchall() == []
    declared = {(table, row["from"], row["table"]) for table in
                ("events", "event_cases", "event_people", "event_sources", "deadlines")
                for row in db.execute(f"pragma foreign_key_list({table})")}  # fmt: skip
    assert declared >= {("events", "kind", "kinds"), ("event_cases", "case_id", "cases"),
                        ("event_cases", "event", "events"), ("deadlines", "set_by", "events"),
                        ("event_sources", "source_id", "sources")}  # fmt: skip
    indexes = {row[0] for row in db.execute("select name from sqlite_master where type='index'")}
    assert {"event_cases_case", "deadlines_status", "events_kind"} <= indexes


@pytest.mark.parametrize("filters", [
    ("-k", "deadline"), ("-c", "abrego-garcia", "-k", "deadline"), ("-s", "CECOT"),
    ("-k", "deadline", "--since", "2025-05-01"),
])  # fmt: skip
def test_with_filters_what_kept_rows_refer_to_is_kept(run, tmp_path, filters):
    db = export_db(run, tmp_path, *filters)
    db.execute("pragma foreign_keys = on")
    assert db.execute("pragma foreign_key_check").fetchall() == []
    doc = json_export(run, *filters)
    selected = [r[0] for r in db.execute("select title from events where selected = 1 "
                                         "order by position")]  # fmt: skip
    assert selected == [e["title"] for e in doc["events"]]
    if filters[:2] == ("-k", "deadline"):
        orders = db.execute("select count(*) from events where selected = 0 and kind = 'order'")
        assert orders.fetchone()[0] > 0  # the orders that set the deadlines came along


def test_a_filtered_deadlines_set_by_order_is_kept(run, tmp_path):
    db = export_db(run, tmp_path, "-c", "abrego-garcia", "-k", "deadline")
    row = db.execute("select e.selected, e.kind from deadlines d join events e on e.id = d.set_by "
                     "where d.event = (select n from events where id = 'deadline-2025-05-05')"
                     ).fetchone()  # fmt: skip
    assert tuple(row) == (0, "order")


def test_full_text_search_finds_a_title_word_and_a_details_word(run, tmp_path):
    db = export_db(run, tmp_path)
    search = "select e.id from events_fts f join events e on e.n = f.rowid where events_fts match ?"
    for column, word in (("title", "CECOT"), ("details", "Bukele")):
        found = {r[0] for r in db.execute(search, (f"{column}: {word}",))}
        written = {r[0] for r in db.execute(f"select id from events where {column} like ?",
                                            (f"%{word}%",))}  # fmt: skip
        assert found == written and found, column
    # a word only in details is found by a search of both columns
    only_details = db.execute("select id from events where details like '%Bukele%' "
                              "and title not like '%Bukele%'").fetchone()  # fmt: skip
    assert only_details is not None
    assert only_details[0] in {r[0] for r in db.execute(search, ("Bukele",))}


def test_full_text_search_stays_right_when_the_database_is_edited(run, tmp_path):
    db = export_db(run, tmp_path)
    search = "select rowid from events_fts where events_fts match ?"
    n = db.execute("select n from events where id = 'abrego-arrest'").fetchone()[0]
    db.execute("update events set title = 'zanzibarword' where n = ?", (n,))
    assert [r[0] for r in db.execute(search, ("zanzibarword",))] == [n]
    db.execute("delete from event_cases where event = ?", (n,))
    db.execute("delete from event_people where event = ?", (n,))
    db.execute("delete from event_sources where event = ?", (n,))
    db.execute("delete from event_tags where event = ?", (n,))
    db.execute("delete from events where n = ?", (n,))
    assert db.execute(search, ("zanzibarword",)).fetchall() == []
    db.execute("insert into events (n, position, uid, title, kind, certainty, circa, selected, "
               "file, line, details) values (999, 999, 'x', 'new', 'other', 'confirmed', 0, 1, "
               "'', 0, 'quokkaword')")  # fmt: skip
    assert [r[0] for r in db.execute(search, ("quokkaword",))] == [999]
    assert db.execute("insert into events_fts(events_fts) values ('integrity-check')")


def test_the_file_is_the_same_byte_for_byte(run, tmp_path):
    for folder in ("first", "second"):
        (tmp_path / folder).mkdir()
        export_db(run, tmp_path, name=f"{folder}/cases.db").close()
    first, second = tmp_path / "first", tmp_path / "second"
    assert (first / "cases.db").read_bytes() == (second / "cases.db").read_bytes()
    meta = (first / "cases.metadata.json").read_bytes()
    assert meta == (second / "cases.metadata.json").read_bytes()
    # the page size is fixed, whatever SQLite's default
    assert int.from_bytes((first / "cases.db").read_bytes()[16:18], "big") == 4096


def test_golden_dump_and_metadata(run, tmp_path):
    # Run in the repository, so the file is named as written (events.yaml) wherever it is.
    result = run("export", "--format", "sqlite", "-f", "events.yaml", "--today", FIXED_TODAY,
                 "-o", str(tmp_path / "cases.db"), cwd=REPO)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    db = sqlite3.connect(tmp_path / "cases.db")
    dump = "\n".join(db.iterdump()) + "\n"
    assert_golden("bundled.sqlite", dump)
    assert_golden("bundled.sqlite.metadata.json",
                  (tmp_path / "cases.metadata.json").read_text(encoding="utf-8"))


def test_without_output_it_refuses(run, tmp_path):
    for extra in ((), ("-o", "-")):
        result = run("export", "--format", "sqlite", "-f", str(BUNDLED), *extra)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == ("timeline: error: --format sqlite writes a database, not "
                                 "text: give the file with -o FILE.db\n")  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_it_replaces_an_older_database_whole(run, tmp_path):
    (tmp_path / "cases.db").write_bytes(b"not a database at all" * 100)
    db = export_db(run, tmp_path)
    assert db.execute("select count(*) from events").fetchone()[0] == 50
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.db", "cases.metadata.json"]


def test_an_unwritable_folder_is_an_io_error(run, tmp_path):
    result = run("export", "--format", "sqlite", "-f", str(BUNDLED), "-o", "nowhere/cases.db")
    assert result.exit_code == 4
    assert result.stderr.startswith("timeline: error: cannot write nowhere/cases.db: ")
    assert "Traceback" not in result.stderr


def test_hostile_text_comes_out_unchanged(run, tmp_path, write):
    nasty = ["Robert'); DROP TABLE events;--", 'a "double" and \'single\' quote',
             "nul\x00inside", "' OR 1=1 --", "tab\tand\nnewline", "[brackets] -- ; /* */"]
    lines = ["cases:", "  c1: {title: \"x'); DROP TABLE cases;--\"}", "events:"]
    for i, title in enumerate(nasty):
        lines += [f"  - date: 2025-01-0{i + 1}", "    case: c1", "    kind: other",
                  f"    title: {json.dumps(title)}", f"    details: {json.dumps(title)}",
                  "    sources: [\"https://example.org/?q=');--\"]"]  # fmt: skip
    path = write("\n".join(lines) + "\n")
    db = export_db(run, tmp_path, source=path)
    rows = db.execute("select title, details from events order by position").fetchall()
    assert [tuple(r) for r in rows] == [(t, t) for t in nasty]
    assert db.execute("select title from cases").fetchone()[0] == "x'); DROP TABLE cases;--"
    assert {r[0] for r in db.execute("select url from event_sources")} == {
        "https://example.org/?q=');--"}
    tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
    assert {"events", "cases"} <= tables


def test_the_hostile_file_round_trips(run, tmp_path):
    db = export_db(run, tmp_path, source=HOSTILE)
    doc = json_export(run, source=HOSTILE)
    got = [(r[0], r[1]) for r in db.execute("select title, details from events order by position")]
    assert got == [(e["title"], e["details"]) for e in doc["events"]]
    cases = {r[0]: r[1] for r in db.execute("select id, title from cases")}
    assert cases == {key: case["title"] for key, case in doc["cases"].items()}


def test_publishing_keys_reach_the_metadata(run, tmp_path, write):
    path = write("""
        title: Habeas tracker
        description: Petitions filed in 2025.
        license: CC BY 4.0
        license_url: https://creativecommons.org/licenses/by/4.0/
        events:
          - {date: 2025-01-02, kind: other, title: T, sources: ["https://example.org/"]}
    """)
    export_db(run, tmp_path, source=path, name="habeas.db").close()
    meta = json.loads((tmp_path / "habeas.metadata.json").read_text(encoding="utf-8"))
    assert meta["title"] == "Habeas tracker"
    assert meta["description"] == ("Petitions filed in 2025. Deadline statuses are as of "
                                   f"{FIXED_TODAY}, the day of the export; export again for "
                                   "today's.")  # fmt: skip
    assert meta["license"] == "CC BY 4.0"
    assert meta["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert set(meta["databases"]) == {"habeas"}
    queries = meta["databases"]["habeas"]["queries"]
    assert set(queries) == {"passed_unmet", "due_this_week", "events_by_case"}
    db = sqlite3.connect(tmp_path / "habeas.db")
    about = dict(db.execute("select key, value from about").fetchall())
    assert {"title": "Habeas tracker", "license": "CC BY 4.0",
            "today": FIXED_TODAY}.items() <= about.items()  # fmt: skip


def test_a_bad_license_url_is_a_file_error(run, write):
    path = write("license_url: javascript:alert(1)\nevents: []\n")
    result = run("check", "-f", str(path))
    assert result.exit_code == 1
    assert "events.yaml:1:14: error" in result.stdout + result.stderr


def test_canned_queries_give_the_plugins_columns(run, tmp_path):
    db = export_db(run, tmp_path)
    meta = json.loads((tmp_path / "cases.metadata.json").read_text(encoding="utf-8"))
    queries = meta["databases"]["cases"]["queries"]
    for name in ("passed_unmet", "due_this_week"):
        cursor = db.execute(queries[name]["sql"])
        columns = {d[0] for d in cursor.description}
        assert {"event_name", "event_dtstart", "event_uid", "atom_id", "atom_title",
                "atom_updated"} <= columns, name  # fmt: skip
    passed = db.execute(queries["passed_unmet"]["sql"]).fetchall()
    doc = json_export(run, "-k", "deadline")
    unmet = [e["id"] for e in doc["events"] if e["deadline"]["status"] in ("passed", "missed")]
    assert sorted(r["id"] for r in passed) == sorted(unmet)
    assert all(r["atom_updated"].endswith("+00:00") for r in passed)
    by_case = db.execute(queries["events_by_case"]["sql"], {"case_id": "abrego-garcia"})
    titles = [r["title"] for r in by_case]
    assert titles == [e["title"] for e in json_export(run, "-c", "abrego-garcia")["events"]]


def test_the_files_title_heads_the_html_and_markdown_exports(run, write):
    path = write("""
        title: "Habeas <tracker> | 2025"
        events:
          - {date: 2025-01-02, kind: other, title: T, sources: ["https://example.org/"]}
    """)
    common = ["-f", str(path), "--today", FIXED_TODAY]
    markdown = run("export", "--format", "markdown", *common)
    assert markdown.exit_code == 0, markdown.stderr
    assert markdown.stdout.splitlines()[0] == r"# Habeas \<tracker\> \| 2025"
    page = run("export", "--format", "html", *common)
    assert page.exit_code == 0, page.stderr
    assert "<title>Habeas &lt;tracker&gt; | 2025</title>" in page.stdout
    assert "<h1>Habeas &lt;tracker&gt; | 2025</h1>" in page.stdout
    untitled = write("events:\n  - {date: 2025-01-02, kind: other, title: T}\n", "plain.yaml")
    plain = run("export", "--format", "markdown", "-f", str(untitled), "--today", FIXED_TODAY)
    assert plain.stdout.splitlines()[0] == "# Timeline"
    # --title wins over the file's title, in both.
    over = ["--title", "Our tracker"]
    assert run("export", "--format", "markdown", *common, *over).stdout.splitlines()[0] == (
        "# Our tracker")
    assert "<h1>Our tracker</h1>" in run("export", "--format", "html", *common, *over).stdout
