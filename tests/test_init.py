"""`timeline init`: a starter file that checks clean, never written over an existing one."""

from __future__ import annotations

import os

import pytest


def test_init_writes_a_starter_that_checks_clean_under_strict(run, tmp_path):
    result = run("init")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Wrote events.yaml: one case, one source, an order and a deadline counted from it.",
        "Next: edit it, then run 'timeline check'.",
    ]
    text = (tmp_path / "events.yaml").read_text(encoding="utf-8")
    for line in ("version: 1", "    court: U.S. District Court for the District of Maryland",
                 '    docket: "1:25-cv-00001"', "    jurisdiction: US-MD",
                 "    timezone: America/New_York", "    rules: frcp",
                 "    due: {after: osc, days: 3}"):  # fmt: skip
        assert line in text.splitlines() or any(l.startswith(line + " ") for l in text.splitlines())
    assert text.startswith("# ")  # commented for a newcomer
    check = run("check", "--strict")
    assert check.exit_code == 0, check.stdout + check.stderr
    assert check.stdout == "events.yaml: 2 events in 1 case; 0 errors, 0 warnings\n"


def test_the_starter_deadline_is_computed(run, tmp_path):
    run("init")
    result = run("deadlines", "--today", "2025-03-01")
    assert result.exit_code == 0
    assert "due          2025-03-06 (end of day, America/New_York) · in 5 days" in result.stdout


def test_init_names_another_path_and_says_how_to_check_it(run, tmp_path):
    result = run("init", "mine.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "Next: edit it, then run 'timeline check' -f mine.yaml."
    assert run("check", "--strict", "mine.yaml").exit_code == 0


def test_init_never_overwrites_a_file(run, tmp_path):
    existing = tmp_path / "events.yaml"
    existing.write_bytes(b"version: 1\nevents: []\n")
    result = run("init")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "timeline: error: events.yaml already exists; nothing was written (edit it, or name "
        "another file: timeline init PATH)\n"
    )
    assert existing.read_bytes() == b"version: 1\nevents: []\n"


def test_init_into_a_folder_that_cannot_be_written_is_exit_4(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("init", "events.yaml", cwd=folder)
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 4
    assert result.stderr.startswith("timeline: error: cannot write events.yaml: ")


def test_no_events_file_says_how_to_start_one(run, tmp_path):
    for command in (("check",), ("show",), ("deadlines",), ("cases",), ("add", "--date",
                    "2025-01-01", "--kind", "order", "--title", "T")):  # fmt: skip
        result = run(*command)
        assert result.exit_code == 2, command
        assert result.stderr.rstrip("\n").endswith("run 'timeline init' to start one"), (
            command, result.stderr)
