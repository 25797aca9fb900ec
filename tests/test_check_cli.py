"""`timeline check` as a user runs it: exit codes, output forms, discovery, --version."""

from __future__ import annotations

import json

from conftest import BUNDLED, REPO

from timeline import __version__

WARNED = """\
cases:
  c: {title: C}
events:
  - date: 2025-01-01
    case: c
    kind: order
    title: An order with no source
"""


def test_bundled_file_is_clean(run):
    result = run("check", "-f", str(BUNDLED))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("; 0 errors, 0 warnings")


def test_nearest_events_yaml_is_found_from_a_subfolder(run):
    result = run("check", cwd=REPO / "tests")
    assert result.exit_code == 0
    assert result.stdout.startswith("../events.yaml: ")


def test_timeline_file_variable(run, write):
    write(WARNED, name="elsewhere/mine.yaml")
    result = run("check", env={"TIMELINE_FILE": "elsewhere/mine.yaml"})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "elsewhere/mine.yaml:4:5: warning: this event has no source: add sources: [W301]"
    )


def test_no_file_found_is_a_usage_error_naming_where_it_looked(run, tmp_path):
    result = run("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "timeline: error: no events.yaml in " + str(tmp_path) in result.stderr
    assert "-f FILE or TIMELINE_FILE" in result.stderr


def test_missing_file_option(run):
    result = run("check", "-f", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == "timeline: error: no such file: nope.yaml"


def test_warnings_pass_unless_strict(run, write):
    write(WARNED)
    assert run("check").exit_code == 0
    strict = run("check", "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[-1] == (
        "events.yaml: 1 event in 1 case; 0 errors, 1 warning; "
        "failed: --strict counts warnings as errors"
    )


def test_future_arrest_warns(run, write):
    write("events:\n  - date: 2031-01-01\n    kind: arrest\n    title: T\n    sources: [https://a.org]\n")
    result = run("check", "--today", "2026-11-27")
    assert result.stdout.splitlines()[0] == (
        "events.yaml:2:11: warning: date: 2031-01-01 is in the future, but an arrest cannot be "
        "scheduled; is the year right? [W303]"
    )
    hearing = run("check", "--today", "2030-01-01")
    assert "W303" in hearing.stdout


def test_json_format(run, write):
    write(WARNED + "  - date: 2025-02-30\n    kind: order\n    title: Bad\n")
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert (document["errors"], document["warnings"], document["events"]) == (1, 1, 1)
    assert document["diagnostics"] == [
        {"path": "events.yaml", "line": 4, "col": 5, "severity": "warning", "code": "W301",
         "message": "this event has no source: add sources:"},
        {"path": "events.yaml", "line": 8, "col": 11, "severity": "error", "code": "T104",
         "message": "date: '2025-02-30' is not a date: February 2025 has 28 days"},
    ]


def test_positional_paths_as_pre_commit_passes_them(run, write):
    write(WARNED, name="a/events.yaml")
    write("events: [1]\n", name="b/events.yml")
    result = run("check", "a/events.yaml", "b/events.yml")
    assert result.exit_code == 1
    assert "b/events.yml:1:10: error: event 1: expected a mapping, found text [T103]" in result.stdout


def test_bad_format_option_is_a_usage_error(run, write):
    write(WARNED)
    result = run("check", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"timeline {__version__}\n"


def test_other_commands_refuse_a_file_with_errors(run, write):
    write("events:\n  - date: 2025-02-30\n    kind: order\n    title: T\n")
    result = run("export", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith("events.yaml:2:11: error: date:")


def test_the_summary_counts_the_events_that_could_not_be_read(run, write):
    write(WARNED + "  - date: 2025-02-30\n    kind: order\n    title: Bad\n")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "events.yaml: 2 events (1 could not be read) in 1 case; 1 error, 1 warning"
    )


def test_a_lone_bad_event_is_counted(run, write):
    write("events:\n  - date: 2025-02-30\n    kind: order\n    title: Bad\n")
    result = run("check")
    assert result.stdout.splitlines()[-1] == (
        "events.yaml: 1 event (1 could not be read) in 0 cases; 1 error, 0 warnings"
    )


def test_every_bad_id_in_a_list_is_reported_with_the_ascii_rule(run, write):
    write("events:\n  - date: 2025-01-01\n    kind: other\n    title: T\n"
          "    sources: [https://example.org/a]\n    people: [Jos\u00e9, \"a b\", ok]\n")
    result = run("check")
    assert result.exit_code == 1
    rule = "use ASCII letters, digits, '-', '_' or '.', starting with a letter or digit [T104]"
    assert result.stdout.splitlines() == [
        f"events.yaml:6:14: error: people: 'Jos\u00e9' is not an id: {rule}",
        f"events.yaml:6:20: error: people: 'a b' is not an id: {rule}",
        "events.yaml: 1 event in 0 cases; 2 errors, 0 warnings",
    ]
