"""`include:` and `-f`: only regular files are read, globs stay bounded, one include is a list.

A FIFO blocks a read until something writes to it and /proc/kmsg blocks for ever: the tests
that could hang run the CLI in a subprocess under a timeout, so that a regression fails
instead of hanging the suite.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline import regular_files
from timeline.load import load

ROOT_EVENT = ("events:\n  - {date: 2025-01-01, kind: order, title: Root,"
              " sources: [https://example.org/]}\n")
OTHER = "events:\n  - {date: 2025-01-02, kind: order, title: B, sources: [https://example.org/]}\n"
# Generous: each of these finishes in well under a second; a blocked read never does.
TIMEOUT = 30


def timeline(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process: a read that blocks is killed and fails the test."""
    env = {k: v for k, v in os.environ.items() if k != "TIMELINE_FILE"} | {"NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)  # fmt: skip


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stdout.splitlines()


# Item 10: one include as one string --------------------------------------------------------


def test_one_include_as_one_string_is_followed_without_an_error(run, write):
    write("include: b.yaml\n" + ROOT_EVENT)
    write(OTHER, name="b.yaml")
    result = run("check")
    assert result.stdout.splitlines() == ["events.yaml, b.yaml: 2 events in 0 cases; "
                                          "0 errors, 0 warnings"]  # fmt: skip
    assert result.exit_code == 0


def test_an_include_entry_reported_as_an_error_is_not_followed(run, write):
    write('include: ["", b.yaml, "  "]\n' + ROOT_EVENT)
    write(OTHER, name="b.yaml")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events.yaml:1:11: error: 'include' is empty [T102]",
        "events.yaml:1:23: error: 'include' is empty [T102]",
        "events.yaml, b.yaml: 2 events in 0 cases; 2 errors, 0 warnings",
    ]


def test_a_bad_include_entry_leaves_the_good_ones_followed(run, write):
    write("include: [b.yaml, {x: 1}]\nevents:\n  - {date: 2025-01-01, kind: order, title: R,"
          " case: b, sources: [https://example.org/]}\n")  # fmt: skip
    write("cases:\n  b: {title: B}\n", name="b.yaml")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events.yaml:1:19: error: include: expected text, found a mapping [T103]",
        "events.yaml, b.yaml: 1 event in 1 case; 1 error, 0 warnings",
    ]


# Item 9: only regular files -----------------------------------------------------------------


def test_an_included_fifo_is_an_error_at_once(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "events.yaml").write_text("include: [pipe.yaml]\n" + ROOT_EVENT)
    result = timeline(tmp_path, "check")
    assert lines(result) == [
        "events.yaml:1:11: error: include 'pipe.yaml' is a named pipe (FIFO): only regular files"
        " are read [T006]",
        "events.yaml: 1 event in 0 cases; 1 error, 0 warnings",
    ]
    assert result.returncode == 1


def test_a_fifo_a_glob_matches_is_an_error_and_the_files_are_read(tmp_path: Path):
    (tmp_path / "cases").mkdir()
    os.mkfifo(tmp_path / "cases" / "a.yaml")
    (tmp_path / "cases" / "b.yaml").write_text(OTHER)
    (tmp_path / "cases" / "folder.yaml").mkdir()  # a folder a glob matches is not meant
    (tmp_path / "events.yaml").write_text("include: [cases/*.yaml]\n" + ROOT_EVENT)
    result = timeline(tmp_path, "check")
    assert lines(result) == [
        "events.yaml:1:11: error: include 'cases/*.yaml' matches cases/a.yaml, a named pipe"
        " (FIFO): only regular files are read [T006]",
        "events.yaml, cases/b.yaml: 2 events in 0 cases; 1 error, 0 warnings",
    ]
    assert result.returncode == 1


@pytest.mark.skipif(not os.path.exists("/proc/kmsg"), reason="no /proc/kmsg here")
def test_proc_kmsg_is_refused_without_blocking(tmp_path: Path):
    (tmp_path / "events.yaml").write_text('include: ["/proc/kmsg"]\n' + ROOT_EVENT)
    result = timeline(tmp_path, "check")
    assert lines(result)[0] == ("events.yaml:1:11: error: include '/proc/kmsg' is a system file"
                                " under /proc: only regular files are read [T006]")  # fmt: skip
    assert result.returncode == 1


def make(tmp_path: Path, name: str) -> None:
    """A socket, a device or a folder in ``tmp_path``: never the machine's own /dev files."""
    if name == "sock":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(tmp_path / name))  # the socket file stays once the socket is closed
        server.close()
    elif name == "null":
        if os.geteuid() != 0:
            pytest.skip("only root makes a device")
        os.mknod(tmp_path / name, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    elif name == "sub":
        (tmp_path / name).mkdir()


@pytest.mark.parametrize(
    ("include", "what"),
    [
        ("/proc/self/status", "a system file under /proc"),  # looks regular to stat
        ("null", "a character device"),
        ("sock", "a socket"),
        ("sub", "a folder"),
    ],
)
def test_what_is_not_a_regular_file_is_refused(run, write, tmp_path, include, what):
    if include.startswith("/") and not os.path.exists(include):
        pytest.skip(f"no {include} here")
    make(tmp_path, include)
    write(f'include: ["{include}"]\n' + ROOT_EVENT)
    result = run("check")
    assert result.stdout.splitlines()[0] == (
        f"events.yaml:1:11: error: include '{include}' is {what}: only regular files are read"
        " [T006]"
    )
    assert result.exit_code == 1


def test_a_fifo_named_with_f_exits_4_at_once(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = timeline(tmp_path, "check", "-f", "pipe.yaml")
    assert result.stderr.splitlines() == [
        "timeline: error: cannot read pipe.yaml: a named pipe (FIFO): only regular files are read"
    ]
    assert result.returncode == 4
    shown = timeline(tmp_path, "show", "-f", "pipe.yaml")
    assert (shown.returncode, shown.stderr) == (4, result.stderr)


def test_a_fifo_in_a_folder_named_with_f_exits_4(tmp_path: Path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "a.yaml").write_text(OTHER)
    os.mkfifo(tmp_path / "cases" / "b.yaml")
    result = timeline(tmp_path, "check", "-f", "cases")
    assert result.stderr.splitlines() == [
        "timeline: error: cannot read cases/b.yaml: a named pipe (FIFO): only regular files are"
        " read"
    ]
    assert result.returncode == 4


def test_a_fifo_as_the_nearest_events_file_exits_4(tmp_path: Path):
    os.mkfifo(tmp_path / "events.yaml")
    result = timeline(tmp_path, "show")
    assert result.stderr.splitlines() == [
        "timeline: error: cannot read events.yaml: a named pipe (FIFO): only regular files are"
        " read"
    ]
    assert result.returncode == 4


@pytest.mark.skipif(not os.path.exists("/proc/kmsg"), reason="no /proc/kmsg here")
def test_proc_kmsg_named_with_f_exits_4_without_blocking(tmp_path: Path):
    result = timeline(tmp_path, "check", "-f", "/proc/kmsg")
    assert result.stderr.splitlines() == [
        "timeline: error: cannot read /proc/kmsg: a system file under /proc: only regular files"
        " are read"
    ]
    assert result.returncode == 4


def test_a_fifo_put_in_place_after_the_check_does_not_block_the_read(tmp_path: Path):
    # What discovery and the include check cannot see: the file replaced by a FIFO just before
    # the read. The read opens without blocking and looks at what it opened. (In a subprocess:
    # a read that blocks must fail the test, not hang the suite.)
    os.mkfifo(tmp_path / "pipe.yaml")
    code = ("from pathlib import Path; from timeline.load import load\n"
            "for d in load([Path('pipe.yaml')], Path.cwd()).diagnostics: print(d)")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=TIMEOUT)  # fmt: skip
    assert lines(result) == [
        "pipe.yaml:1:1: error: cannot read file: a named pipe (FIFO): only regular files are read"
        " [T006]"
    ]


def test_the_read_checks_the_opened_file_itself(tmp_path: Path, monkeypatch):
    os.mkfifo(tmp_path / "pipe.yaml")
    monkeypatch.setattr(regular_files, "refusal", lambda path: None)  # stat said "regular"
    with pytest.raises(OSError, match=r"a named pipe \(FIFO\): only regular files are read"):
        regular_files.read_regular(tmp_path / "pipe.yaml")


# Item 9: bounded globs ---------------------------------------------------------------------


def test_a_glob_matching_more_than_10000_files_is_an_error_and_reads_none(run, write, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for number in range(10_001):  # empty: were one read, the summary line would name it
        os.close(os.open(many / f"{number:05}.yaml", os.O_CREAT | os.O_WRONLY, 0o644))
    write("include: [many/*.yaml]\n" + ROOT_EVENT)
    started = time.monotonic()
    result = run("check")
    assert result.stdout.splitlines() == [
        "events.yaml:1:11: error: include 'many/*.yaml' matches more than 10,000 files: narrow"
        " the pattern [T006]",
        "events.yaml: 1 event in 0 cases; 1 error, 0 warnings",
    ]
    assert result.exit_code == 1
    assert time.monotonic() - started < 20


def test_a_glob_over_the_whole_file_system_stops_early(tmp_path: Path):
    (tmp_path / "events.yaml").write_text('include: ["/**/*"]\n' + ROOT_EVENT)
    started = time.monotonic()
    result = timeline(tmp_path, "check")
    assert time.monotonic() - started < TIMEOUT
    assert result.returncode == 1
    assert lines(result)[0] == ("events.yaml:1:11: error: include '/**/*' starts at the root of"
                                " the file system: start it from a folder [T006]")  # fmt: skip


def test_a_glob_that_looks_at_too_many_names_stops(run, write, tmp_path, monkeypatch):
    monkeypatch.setattr(regular_files, "MAX_LOOKED_AT", 50)
    for folder in range(10):
        (tmp_path / "deep" / f"d{folder}").mkdir(parents=True)
        for number in range(10):
            (tmp_path / "deep" / f"d{folder}" / f"{number}.txt").write_text("")
    write("include: [deep/*/*.yaml]\n" + ROOT_EVENT)
    result = run("check")
    assert result.stdout.splitlines()[0] == (
        "events.yaml:1:11: error: include 'deep/*/*.yaml' looks through more than 50 names:"
        " narrow the pattern [T006]"
    )
    assert result.exit_code == 1


def test_double_star_matches_one_folder_level_as_before(run, write, tmp_path):
    (tmp_path / "cases" / "a").mkdir(parents=True)
    (tmp_path / "cases" / "a" / "b.yaml").write_text(OTHER)
    (tmp_path / "cases" / "a" / "c").mkdir()
    (tmp_path / "cases" / "a" / "c" / "d.yaml").write_text(OTHER.replace("title: B", "title: D"))
    (tmp_path / "cases" / ".hidden.yaml").write_text("unknown: 1\n")
    write("include: [cases/**/*.yaml, cases/*.yaml]\n" + ROOT_EVENT)
    result = run("check")
    assert result.stdout.splitlines() == [
        "events.yaml:1:28: error: include 'cases/*.yaml' matches no file [T006]",
        "events.yaml, cases/a/b.yaml: 2 events in 0 cases; 1 error, 0 warnings",
    ]


def test_a_folder_named_with_f_of_more_files_than_the_cap_is_a_usage_error(run, tmp_path,
                                                                            monkeypatch):
    from timeline import discover

    monkeypatch.setattr(discover, "MAX_MATCHES", 3)  # the cap is 10,000: 4 files show it
    (tmp_path / "cases").mkdir()
    for number in range(4):
        (tmp_path / "cases" / f"{number}.yaml").write_text(OTHER)
    result = run("check", "-f", "cases")
    assert result.stderr.splitlines() == [
        "timeline: error: more than 3 *.yaml or *.yml files in directory cases: name fewer"
    ]
    assert result.exit_code == 2


def test_a_symlink_loop_is_unreadable_not_missing(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    os.symlink("loop.yaml", tmp_path / "loop.yaml")
    result = run("show", "-f", "loop.yaml", cwd=tmp_path)
    assert result.exit_code == 4
    assert result.stderr == ("timeline: error: cannot read loop.yaml: "
                             "Too many levels of symbolic links\n")
    (tmp_path / "events.yaml").write_text("include: loop.yaml\nevents: []\n")
    result = run("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.startswith("events.yaml:1:10: error: include 'loop.yaml' cannot be read: "
                                    "Too many levels of symbolic links [T006]\n")
