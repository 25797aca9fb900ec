"""`timeline mark`: a deadline's outcome set in place, every other line of the file kept."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXED_TODAY, REPO

FILE = """\
# Our case.
version: 1

sources:
  docket: {title: Docket}

cases:
  c1:
    title: Doe v. Warden
    timezone: America/New_York

events:
  - id: osc
    date: 2025-03-03
    case: c1
    kind: order
    title: Order to show cause
    sources: [docket]

  # Three days after the order.
  - id: return-due
    due: {after: osc, days: 3}
    case: c1
    kind: deadline
    title: Return due
    sources: [docket]   # the docket says so
    # status: met       # when it is settled

  - id: return-filed
    date: 2025-03-05
    case: c1
    kind: filing
    title: Return filed
    sources: [docket]

  - id: late-filed
    date: 2025-03-20
    case: c1
    kind: filing
    title: Filed late
    sources: [docket]
"""
DEADLINE_LINE = 21  # the line of `- id: return-due`
INSERTED = 27  # a new outcome line goes after `sources: [docket]`, the deadline's last value


def mark(run, *args: str):  # type: ignore[no-untyped-def]
    return run("mark", *args, "--today", "2025-03-01")


def other_lines_kept(before: str, after: str, changed: dict[int, str | None],
                     inserted: dict[int, str] | None = None) -> None:  # fmt: skip
    """``after`` is ``before`` with lines ``changed`` (1-based; None: removed) and ``inserted``
    (new line number: text) only; every other line byte for byte the same."""
    old = before.splitlines(keepends=True)
    expected: list[str] = []
    for number, line in enumerate(old, 1):
        if number in changed:
            if changed[number] is not None:
                expected.append(changed[number] + line[len(line.rstrip("\r\n")):])
        else:
            expected.append(line)
    for number, text in sorted((inserted or {}).items()):
        expected.insert(number - 1, text)
    assert after.splitlines(keepends=True) == expected


def deadline_json(run, deadline: str = "return-due") -> dict:  # type: ignore[no-untyped-def]
    done = run("export", "--format", "json", "--today", "2025-03-01")
    assert done.exit_code == 0, done.stderr
    return next(e for e in json.loads(done.stdout)["events"] if e["id"] == deadline)


@pytest.mark.parametrize(
    ("outcome", "badge"),
    [("met", "MET"), ("missed", "MISSED"), ("vacated", "VACATED"), ("moot", "MOOT")],
)
def test_each_status_is_a_new_line_after_the_last_value(run, write, outcome, badge):
    path = write(FILE)
    done = mark(run, "return-due", outcome)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        f"Marked return-due {outcome} in events.yaml (line {INSERTED}): {badge}\n"
    )
    assert done.stderr == ""
    other_lines_kept(FILE, path.read_text(), {}, {INSERTED: f"    status: {outcome}\n"})
    assert deadline_json(run)["deadline"]["status"] == outcome
    assert run("check").exit_code == 0


def test_met_by_an_event_and_met_late(run, write):
    path = write(FILE)
    done = mark(run, "return-due", "met", "--by", "return-filed")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        f"Marked return-due met by return-filed in events.yaml (line {INSERTED}): MET\n"
    )
    other_lines_kept(FILE, path.read_text(), {}, {INSERTED: "    met_by: return-filed\n"})
    # Another event replaces the met_by: line where it stands: no second key.
    late = mark(run, "return-due", "met", "--by", "late-filed")
    assert late.stdout == (
        f"Marked return-due met by late-filed in events.yaml (line {INSERTED}): MET LATE\n"
    )
    other_lines_kept(FILE, path.read_text(), {}, {INSERTED: "    met_by: late-filed\n"})
    assert deadline_json(run)["deadline"]["status"] == "met-late"


def test_an_existing_status_line_is_replaced_with_its_comment(run, write):
    text = FILE.replace("    sources: [docket]   # the docket says so\n",
                        "    status: moot   # said the clerk\n    sources: [docket]\n")  # fmt: skip
    path = write(text)
    done = mark(run, "return-due", "vacated")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "Marked return-due vacated in events.yaml (line 26): VACATED\n"
    other_lines_kept(text, path.read_text(), {26: "    status: vacated   # said the clerk"})
    assert path.read_text().count("status:") == 2  # the commented one below stays a comment
    # met --by takes the place of status: (one outcome key, never two).
    mark(run, "return-due", "met", "--by", "return-filed")
    other_lines_kept(text, path.read_text(), {26: "    met_by: return-filed   # said the clerk"})


def test_open_removes_both_keys_and_nothing_else(run, write):
    text = FILE.replace("    title: Return due\n", "    title: Return due\n    status: met\n"
                        "    met_by: return-filed\n")  # fmt: skip
    path = write(text)
    done = mark(run, "return-due", "open")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        f"Marked return-due open in events.yaml (line {DEADLINE_LINE}): DUE IN 5 DAYS\n"
    )
    assert path.read_text() == FILE
    again = mark(run, "return-due", "open")
    assert again.exit_code == 0
    assert again.stdout == (f"return-due is already marked open in events.yaml (line "
                            f"{DEADLINE_LINE}); nothing was written: DUE IN 5 DAYS\n")  # fmt: skip
    assert path.read_text() == FILE


def test_both_keys_become_the_one_asked_for(run, write):
    text = FILE.replace("    title: Return due\n", "    title: Return due\n"
                        "    met_by: return-filed\n    status: met\n")  # fmt: skip
    path = write(text)
    done = mark(run, "return-due", "missed")
    assert done.exit_code == 0, done.stderr
    other_lines_kept(text, path.read_text(), {26: "    status: missed", 27: None})


def test_met_without_by_keeps_the_event_that_met_it(run, write):
    text = FILE.replace("    title: Return due\n",
                        "    title: Return due\n    met_by: return-filed\n")
    path = write(text)
    done = mark(run, "return-due", "met")
    assert done.exit_code == 0
    assert done.stdout == ("return-due is already marked met by return-filed in events.yaml "
                           "(line 26); nothing was written: MET\n")  # fmt: skip
    assert path.read_text() == text


def test_crlf_and_a_byte_order_mark_are_kept(run, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    raw = b"\xef\xbb\xbf" + FILE.replace("\n", "\r\n").encode()
    path.write_bytes(raw)
    done = mark(run, "return-due", "moot")
    assert done.exit_code == 0, done.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    lines = raw.split(b"\r\n")
    lines.insert(INSERTED - 1, b"    status: moot")
    assert after == b"\r\n".join(lines)
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_a_file_without_a_final_line_break(run, write):
    body = FILE.split("\n\n  - id: return-filed")[0].replace(
        "    sources: [docket]   # the docket says so\n"
        "    # status: met       # when it is settled",
        "    sources: [docket]")  # fmt: skip
    path = write(body)
    assert not path.read_text().endswith("\n")
    done = mark(run, "return-due", "moot")
    assert done.exit_code == 0, done.stderr
    assert path.read_text() == body + "\n    status: moot\n"


def test_the_first_key_on_the_dash_line(run, write):
    text = FILE.replace("  - id: return-due\n", "  - status: moot\n    id: return-due\n")
    path = write(text)
    assert mark(run, "return-due", "missed").exit_code == 0
    other_lines_kept(text, path.read_text(), {DEADLINE_LINE: "  - status: missed"})
    done = mark(run, "return-due", "open")
    assert done.exit_code == 0, done.stderr
    assert path.read_text() == FILE  # the next key moved up onto the dash line


def test_a_flow_style_deadline_is_refused(run, write):
    text = FILE + "  - {id: answer, due: {after: osc, days: 9}, case: c1, kind: deadline, " \
        "title: Answer, sources: [docket]}\n"
    path = write(text)
    done = mark(run, "answer", "met")
    assert done.exit_code == 1
    assert done.stderr == (
        "timeline: error: this deadline is written in flow style ({...} or [...]); write it as "
        "key: value lines to mark it, or edit its status: by hand\n"
    )
    assert path.read_text() == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missed", "--by", "return-filed"],
         "timeline: error: missed contradicts --by (the event that met it): leave out --by, or "
         "write: timeline mark return-due met --by return-filed\n"),
        (["vacated", "--by", "return-filed"],
         "timeline: error: vacated contradicts --by (the event that met it): leave out --by, or "
         "write: timeline mark return-due met --by return-filed\n"),
        (["met", "--by", "return-due"],
         "timeline: error: --by return-due: a deadline is met by another event (a filing, a "
         "release), not by itself\n"),
        (["mised"],
         "timeline: error: unknown outcome 'mised': one of met, missed, vacated, moot, open; did "
         "you mean 'missed' (not done in time)?\n"),
        (["done"], "timeline: error: unknown outcome 'done': one of met, missed, vacated, moot, "
         "open\n"),
    ],
)
def test_contradictions_and_unknown_outcomes_are_usage_errors(run, write, args, message):
    path = write(FILE)
    done = mark(run, "return-due", *args)
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr == message
    assert path.read_text() == FILE


def test_an_unknown_id_suggests_a_deadline(run, write):
    path = write(FILE)
    done = mark(run, "retrun-due", "met")
    assert done.exit_code == 2
    assert done.stderr == (
        "timeline: error: no event has the id 'retrun-due'; did you mean 'return-due'?\n"
    )
    far = mark(run, "xyz", "met")
    assert far.stderr == "timeline: error: no event has the id 'xyz'; its deadlines: return-due\n"
    assert path.read_text() == FILE


def test_an_event_that_is_not_a_deadline_is_refused(run, write):
    path = write(FILE)
    done = mark(run, "osc", "met")
    assert done.exit_code == 2
    assert done.stderr == (
        "timeline: error: 'osc' (events.yaml:13) is an order, not a deadline: only a deadline "
        "has an outcome to mark\n"
    )
    assert path.read_text() == FILE


def test_an_unknown_met_by_is_refused_by_the_check(run, write):
    path = write(FILE)
    done = mark(run, "return-due", "met", "--by", "return-filedd")
    assert done.exit_code == 1
    assert done.stderr == (
        "timeline: error: met_by: unknown event id 'return-filedd'; did you mean "
        "'return-filed'? [T201]\ntimeline: error: nothing was written\n"
    )
    assert path.read_text() == FILE
    assert sorted(p.name for p in path.parent.iterdir()) == ["events.yaml"]


def test_a_file_with_errors_is_not_touched(run, write):
    text = FILE.replace("kind: filing\n    title: Return filed",
                        "kind: filingg\n    title: Return filed")
    path = write(text)
    done = mark(run, "return-due", "met")
    assert done.exit_code == 1
    assert "events.yaml:32:11: error: unknown kind 'filingg'" in done.stderr
    assert done.stderr.endswith("timeline: error: the file has errors; fix them first (see "
                                "`timeline check`); nothing was written\n")  # fmt: skip
    assert path.read_text() == text


def test_dry_run_shows_the_deadline_and_changes_nothing(run, write):
    path = write(FILE)
    done = mark(run, "return-due", "met", "--by", "return-filed", "--dry-run")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        f"Would mark return-due met by return-filed in events.yaml (line {INSERTED}): MET\n"
        "  - id: return-due\n    due: {after: osc, days: 3}\n    case: c1\n    kind: deadline\n"
        "    title: Return due\n    sources: [docket]   # the docket says so\n"
        "    met_by: return-filed\n"
    )
    assert path.read_text() == FILE


def test_a_deadline_in_an_included_file_is_marked_there(run, write):
    main = write("include: [more.yaml]\n" + FILE.split("\n  # Three days")[0] + "\n")
    more = write("# More events.\nevents:\n  - id: return-due\n    due: {after: osc, days: 3}\n"
                 "    case: c1\n    kind: deadline\n    title: Return due\n"
                 "    sources: [docket]\n", name="more.yaml")  # fmt: skip
    before_main, before_more = main.read_text(), more.read_text()
    assert "id: return-due" in before_more
    done = mark(run, "return-due", "moot")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "Marked return-due moot in more.yaml (line 9): MOOT\n"
    assert main.read_text() == before_main
    other_lines_kept(before_more, more.read_text(), {}, {9: "    status: moot\n"})
    elsewhere = mark(run, "return-due", "met", "--to", "events.yaml")
    assert elsewhere.exit_code == 2  # the wrong file named: a usage error
    assert elsewhere.stderr == ("timeline: error: --to: 'return-due' is not in events.yaml (it is "
                                "in more.yaml)\n")


def test_a_file_with_warnings_takes_the_exact_reader_too(run, write):
    text = FILE.replace("    title: Filed late\n    sources: [docket]\n", "    title: Filed late\n")
    path = write(text)
    done = mark(run, "return-due", "missed")
    assert done.exit_code == 0, done.stderr
    assert done.stderr == ""  # the warning was there before: not new
    other_lines_kept(text, path.read_text(), {}, {INSERTED: "    status: missed\n"})


# The same lock and the same checks as add (tests/test_write_faults.py) --------------------


def test_a_file_changed_before_the_rename_is_left_and_the_mark_kept_beside(
    run, write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(FILE)
    outside = FILE.replace("title: Order to show cause", "title: Order to show cause, edited")
    real_fsync = os.fsync

    def fsync_then_outside_edit(descriptor: int) -> None:
        real_fsync(descriptor)
        if os.readlink(f"/proc/self/fd/{descriptor}").endswith(".tmp"):
            (tmp_path / "other.tmp").write_text(outside)
            os.replace(tmp_path / "other.tmp", path)

    monkeypatch.setattr(os, "fsync", fsync_then_outside_edit)
    done = mark(run, "return-due", "moot")
    assert done.exit_code == 4, done.output
    assert done.stdout == ""
    assert "events.yaml was changed by another program while timeline was writing it" in done.stderr
    assert path.read_text() == outside
    kept = (tmp_path / "events.yaml.timeline-new").read_text()
    other_lines_kept(FILE, kept, {}, {INSERTED: "    status: moot\n"})


def test_a_file_replaced_while_it_was_read_is_not_written(
    run, write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.edit

    path = write(FILE)
    outside = FILE.replace("title: Return due", "title: Return due, edited")
    real_load = timeline.edit.load

    def load_then_outside_edit(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_load(*args, **kwargs)
        if not kwargs.get("overrides"):
            (tmp_path / "other.tmp").write_text(outside)
            os.replace(tmp_path / "other.tmp", path)
        return result

    monkeypatch.setattr(timeline.edit, "load", load_then_outside_edit)
    done = mark(run, "return-due", "moot")
    assert done.exit_code == 4
    assert done.stderr == (
        "timeline: error: events.yaml was changed by another program while timeline was reading "
        "it; nothing was written: run the command again\n"
    )
    assert path.read_text() == outside


def _env() -> dict[str, str]:
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    environment.pop("TIMELINE_FILE", None)
    return environment


def test_mark_waits_for_the_lock_and_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    deadlines = "".join(
        f"  - id: d{n}\n    due: {{after: osc, days: {n + 1}}}\n    case: c1\n    kind: deadline\n"
        f"    title: Deadline {n}\n    sources: [docket]\n"
        for n in range(4)
    )  # fmt: skip
    path.write_text(FILE + deadlines)
    command = [sys.executable, "-m", "timeline"]
    with open(path) as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another writer holds the file: everyone queues
        processes = [
            subprocess.Popen([*command, "mark", f"d{n}", "moot", "--today", FIXED_TODAY],
                             cwd=tmp_path, env=_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
            for n in range(4)
        ] + [
            subprocess.Popen([*command, "add", "--date", "2025-04-01", "--kind", "other",
                              "--title", f"Added {n}", "--source", "docket",
                              "--today", FIXED_TODAY],
                             cwd=tmp_path, env=_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
            for n in range(4)
        ]
        assert path.read_text() == FILE + deadlines  # nothing written while the lock is held
    outcomes = [p.communicate(timeout=120) + (p.returncode,) for p in processes]
    assert [code for _out, _err, code in outcomes] == [0] * 8, outcomes
    text = path.read_text()
    assert text.count("    status: moot\n") == 4
    for n in range(4):
        assert text.count(f"  - id: 2025-04-01-added-{n}\n") == 1
    check = subprocess.run([*command, "check", "--today", FIXED_TODAY], cwd=tmp_path,
                           env=_env(), capture_output=True, text=True, timeout=60)  # fmt: skip
    assert check.returncode == 0, check.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]
