"""The ics export as a subscribed feed: refresh hints, edits seen as edits (git and status
changes), summaries that stay the same from day to day, one feed per case."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from icalendar import Calendar

FILE = """\
cases:
  ny: {title: New York case, timezone: America/New_York}
  la: {title: Los Angeles case, timezone: America/Los_Angeles}
events:
  - id: hearing
    date: 2025-03-03
    case: ny
    kind: hearing
    title: Hearing
  - id: passed
    date: 2025-05-05
    case: ny
    kind: deadline
    title: Answer
  - id: soon
    date: 2025-06-10T17:00
    case: la
    kind: deadline
    title: Reply
  - id: later
    date: 2025-09-01
    case: la
    kind: deadline
    title: Brief
"""
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def export(run, cwd: Path, today: str, *args: str):  # type: ignore[no-untyped-def]
    result = run("export", "--format", "ics", "-f", "events.yaml", "--today", today, *args,
                 cwd=cwd)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result


def events(text: str) -> dict[str, object]:
    return {str(e["uid"]).removesuffix("@timeline"): e
            for e in Calendar.from_ical(text).walk("VEVENT")}  # fmt: skip


def modified(event) -> datetime | None:  # type: ignore[no-untyped-def]
    return event.decoded("last-modified") if "LAST-MODIFIED" in event else None


def sequence(moment: datetime) -> int:
    return int((moment - EPOCH).total_seconds() // 60)


def git(folder: Path, *args: str, when: str = "2025-01-01T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@t",
                    "-c", "init.defaultBranch=main", *args],
                   check=True, capture_output=True, env=env)  # fmt: skip


def test_the_feed_says_how_often_to_refresh(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    text = export(run, tmp_path, "2025-06-05").stdout
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text.splitlines()
    assert "X-PUBLISHED-TTL:PT6H" in text.splitlines()


def test_summaries_stay_the_same_from_day_to_day_until_the_status_changes(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    first = events(export(run, tmp_path, "2025-06-05").stdout)
    second = events(export(run, tmp_path, "2025-06-06").stdout)
    for key in ("passed", "soon", "later"):
        assert str(first[key]["summary"]) == str(second[key]["summary"]), key
    assert str(first["passed"]["summary"]) == "Deadline (PASSED, no outcome recorded): Answer"
    assert str(first["soon"]["summary"]) == "Deadline (DUE SOON): Reply"
    assert str(first["later"]["summary"]) == "Deadline (UPCOMING): Brief"


def test_outside_git_a_status_change_is_the_edit(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    result = export(run, tmp_path, "2025-06-05")
    assert result.stderr == ""
    got = events(result.stdout)
    # Passed at the end of May 5 in New York; due soon 7 days before June 10 in Los Angeles.
    passed = datetime(2025, 5, 6, 4, 0, tzinfo=timezone.utc)
    soon = datetime(2025, 6, 3, 7, 0, tzinfo=timezone.utc)
    assert modified(got["passed"]) == passed
    assert got["passed"].decoded("sequence") == sequence(passed)
    assert modified(got["soon"]) == soon
    assert got["soon"].decoded("sequence") == sequence(soon)
    # Nothing has changed about these since they were written.
    for key in ("hearing", "later"):
        assert modified(got[key]) is None and "SEQUENCE" not in got[key]
    # --soon moves the moment a deadline turns due soon.
    wider = events(export(run, tmp_path, "2025-06-05", "--soon", "9").stdout)
    assert modified(wider["soon"]) == datetime(2025, 6, 1, 7, 0, tzinfo=timezone.utc)


def test_in_git_the_later_of_the_last_commit_and_the_status_change(run, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "events.yaml")
    git(tmp_path, "commit", "-q", "-m", "first", when="2025-01-01T12:00:00+00:00")
    path.write_text(FILE.replace("title: Brief", "title: Opening brief"))
    git(tmp_path, "commit", "-q", "-am", "edit", when="2025-07-01T08:30:00+00:00")
    first = export(run, tmp_path, "2025-08-01").stdout
    assert export(run, tmp_path, "2025-08-01").stdout == first  # byte for byte
    got = events(first)
    assert modified(got["hearing"]) == datetime(2025, 1, 1, 12, 0, tzinfo=timezone.utc)
    assert modified(got["later"]) == datetime(2025, 7, 1, 8, 30, tzinfo=timezone.utc)
    assert got["later"].decoded("sequence") == sequence(modified(got["later"]))
    # Committed before it passed: the status change is the later one.
    assert modified(got["passed"]) == datetime(2025, 5, 6, 4, 0, tzinfo=timezone.utc)
    # An edit not committed yet counts as made on the export's today.
    path.write_text(path.read_text().replace("title: Hearing", "title: Motions hearing"))
    edited = events(export(run, tmp_path, "2025-08-01").stdout)
    assert modified(edited["hearing"]) == datetime(2025, 8, 1, tzinfo=timezone.utc)
    assert modified(edited["later"]) == modified(got["later"])


def test_a_shallow_clone_is_detected_and_said(run, tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    (origin / "events.yaml").write_text(FILE)
    git(origin, "init", "-q")
    git(origin, "add", "events.yaml")
    git(origin, "commit", "-q", "-m", "first")
    git(origin, "commit", "-q", "--allow-empty", "-m", "second", when="2025-02-01T00:00:00Z")
    git(tmp_path, "clone", "-q", "--depth", "1", origin.as_uri(), "shallow")
    result = export(run, tmp_path / "shallow", "2025-06-05")
    assert result.stderr == (
        "timeline: note: events.yaml is in a shallow git clone: its events' LAST-MODIFIED "
        "tells only when their status changed (git fetch --unshallow gives their edits)\n")
    got = events(result.stdout)
    assert modified(got["hearing"]) is None
    assert modified(got["passed"]) == datetime(2025, 5, 6, 4, 0, tzinfo=timezone.utc)


def test_one_feed_per_case_and_every_case_into_a_folder(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    ny = export(run, tmp_path, "2025-06-05", "-c", "ny").stdout_bytes
    assert set(events(ny.decode())) == {"hearing", "passed"}
    result = export(run, tmp_path, "2025-06-05", "--split-cases", "feeds")
    assert result.stdout == ""
    assert sorted(p.name for p in (tmp_path / "feeds").iterdir()) == ["la.ics", "ny.ics"]
    assert (tmp_path / "feeds" / "ny.ics").read_bytes() == ny
    la = Calendar.from_ical((tmp_path / "feeds" / "la.ics").read_bytes())
    assert str(la["x-wr-calname"]) == "Timeline: Los Angeles case"


def test_split_cases_is_for_ics_only_and_not_with_output(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    other = run("export", "--format", "csv", "-f", "events.yaml", "--split-cases", "d",
                cwd=tmp_path)  # fmt: skip
    assert other.exit_code == 2
    assert "--split-cases: only with --format ics" in other.stderr
    both = run("export", "--format", "ics", "-f", "events.yaml", "--split-cases", "d", "-o",
               "x.ics", cwd=tmp_path)  # fmt: skip
    assert both.exit_code == 2
    assert "--split-cases writes one file a case: not with --output" in both.stderr


def test_a_title_cannot_forge_a_commit_time_or_break_the_export(run, tmp_path):
    # U+2028 is text inside quotes; str.splitlines() would read what follows as a blame header.
    forged = FILE.replace("title: Hearing",
                          'title: "x\u2028committer-time 4102444800\u2028committer-time oops"')
    (tmp_path / "events.yaml").write_text(forged)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "events.yaml")
    git(tmp_path, "commit", "-q", "-m", "record", when="2025-01-01T12:00:00+00:00")
    hearing = events(export(run, tmp_path, "2025-06-05").stdout)["hearing"]
    assert modified(hearing) == datetime(2025, 1, 1, 12, tzinfo=timezone.utc)


def test_the_repositorys_own_config_runs_no_program(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "events.yaml")
    git(tmp_path, "commit", "-q", "-m", "record")
    marker = tmp_path / "ran"
    git(tmp_path, "config", "core.fsmonitor", f"touch {marker}; false #")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=conv\n")
    git(tmp_path, "config", "diff.conv.textconv", f"touch {marker}; cat")
    export(run, tmp_path, "2025-06-05")
    assert not marker.exists()


def test_keys_after_the_events_are_no_part_of_the_last_event(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "events.yaml")
    git(tmp_path, "commit", "-q", "-m", "record", when="2025-01-01T12:00:00+00:00")
    with (tmp_path / "events.yaml").open("a") as file:
        file.write("people:\n  p1: {name: Someone}\n")
    git(tmp_path, "commit", "-q", "-am", "a person", when="2025-04-01T12:00:00+00:00")
    later = events(export(run, tmp_path, "2025-06-05").stdout)["later"]
    assert modified(later) == datetime(2025, 1, 1, 12, tzinfo=timezone.utc)


def test_a_folder_split_cases_cannot_make_is_exit_4(run, tmp_path):
    (tmp_path / "events.yaml").write_text(FILE)
    (tmp_path / "afile").write_text("")
    result = run("export", "--format", "ics", "-f", "events.yaml", "--split-cases", "afile/sub",
                 cwd=tmp_path)  # fmt: skip
    assert result.exit_code == 4
    assert result.stderr.startswith("timeline: error: --split-cases: cannot make afile/sub: ")
