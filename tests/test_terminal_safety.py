"""Text from the file never drives the terminal: control and bidi characters show escaped.

A key such as "\\e[2J\\e]52;c;..." would clear the screen and write the clipboard of whoever
runs `check`; a date value could become an OSC 8 hyperlink. Whatever reaches a terminal
(diagnostics, the source line under them, the views, an export to a terminal) shows such
characters as ``\\x1b``, ``\\u202e``; an export to a pipe keeps every byte.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from timeline.visible import visible

from conftest import FIXED_TODAY, REPO

# Written with YAML's escapes: the file itself holds no control character, what is read does.
HOSTILE_KEY = r'"\e[2J\e]52;c;ZXZpbA==\a": x'
HOSTILE = HOSTILE_KEY + r"""
events:
  - date: "2025-01-01\e]8;;https://evil.test/\e\\click\e]8;;\e\\"
    kind: other
    title: T
    sources: [https://example.org/a]
"""
SHOWN_KEY = r"\x1b[2J\x1b]52;c;ZXZpbA==\x07"
SHOWN_DATE = r"2025-01-01\x1b]8;;https://evil.test/\x1b\click\x1b]8;;\x1b\ "[:-1]
# A terminal console (as on a tty) so that check prints the source line and caret too.
TERMINAL = {"FORCE_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}  # no styles of its own
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def assert_nothing_raw(text: str) -> None:
    assert not any(char in text for char in RAW), repr(text)


def test_visible_shows_every_control_and_bidi_character_and_keeps_the_rest() -> None:
    shown = r"a\x1b[2J\x07\x00\x7f\x85\x9b\tb\nc\r"
    assert visible("a\x1b[2J\x07\x00\x7f\x85\x9b\tb\nc\r") == shown
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029"
    assert visible(bidi) == (r"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e"
                             r"\u200f\u061c\u2028\u2029")  # fmt: skip
    kept = "Café 漢字 \U0001F600 e\u0301 \u2010 \u00a0"
    assert visible(kept) == kept
    # An export's own layout stays: tabs, line ends and CRLF; a lone CR does not.
    assert visible("a\tb\r\nc\nd\re\x1b", layout=True) == "a\tb\r\nc\nd\\re\\x1b"


def test_check_shows_a_hostile_key_and_date_escaped(run, write) -> None:
    write(HOSTILE)
    result = run("check", "--today", FIXED_TODAY, env=TERMINAL)
    assert result.exit_code == 1
    assert_nothing_raw(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        f"events.yaml:1:1: error: unknown key '{SHOWN_KEY}' at the top of the file [T101]",
        "  " + HOSTILE_KEY,
        "  ^",
        f"events.yaml:3:11: error: date: '{SHOWN_DATE}' is not a date; write YYYY, YYYY-MM, "
        "YYYY-MM-DD or YYYY-MM-DDTHH:MM with an optional offset such as -04:00 [T104]",
        r'    - date: "2025-01-01\e]8;;https://evil.test/\e\\click\e]8;;\e\\"',
        "            ^",
    ]


def test_check_json_keeps_the_message_on_one_line_with_the_escapes(run, write) -> None:
    import json

    write(HOSTILE)
    result = run("check", "--format", "json", "--today", FIXED_TODAY)
    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"]]
    assert messages[0] == f"unknown key '{SHOWN_KEY}' at the top of the file"


def test_raw_control_characters_in_the_source_line_show_escaped(run, tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_bytes(
        b"events:\n  - title: a\x1b]52;c;ZXZpbA==\x07\x1b[2J b\n"
    )
    result = run("check", env=TERMINAL)
    assert result.exit_code == 1
    assert_nothing_raw(result.stdout)
    assert result.stdout.splitlines()[:3] == [
        "events.yaml:2:13: error: character U+001B is not allowed in YAML [T002]",
        r"    - title: a\x1b]52;c;ZXZpbA==\x07\x1b[2J b",
        "  " + " " * 12 + "^",
    ]


def test_a_bidi_override_in_the_source_line_and_message_is_shown(run, write) -> None:
    write('events:\n  - {kind: other, title: "\u202eevil", "tit\u202ele": x}\n')
    result = run("check", env=TERMINAL)
    assert_nothing_raw(result.stdout)
    assert result.stdout.splitlines()[:3] == [
        r"events.yaml:2:35: error: unknown key 'tit\u202ele' in this event; did you mean "
        "'title'? [T101]",
        r'    - {kind: other, title: "\u202eevil", "tit\u202ele": x}',
        "  " + " " * (34 + 5) + "^",  # 34 characters before the key, one of them shown as 6
    ]


def test_a_file_with_errors_shows_them_escaped_from_any_command(run, write) -> None:
    write(HOSTILE)
    for command in ("show", "deadlines", "cases"):
        result = run(command, "--today", FIXED_TODAY, env=TERMINAL)
        assert result.exit_code == 1
        assert_nothing_raw(result.stderr)
        assert f"unknown key '{SHOWN_KEY}'" in result.stderr


VIEWED = r"""
cases:
  c:
    title: "Case\e]8;;https://evil.test/\e\\ A"
    court: "Court\e[2J"
    docket: "1:25\u202e-cv"
events:
  - id: order
    date: 2025-05-01
    case: c
    kind: order
    title: "Order\e]52;c;ZXZpbA==\a set"
    sources: [https://example.org/a]
  - date: 2025-05-05
    case: c
    kind: deadline
    set_by: order
    title: "Answer\u202e due"
    sources: [https://example.org/a]
"""


@pytest.mark.parametrize("command,shown", [
    ("show", [r"Order\x1b]52;c;ZXZpbA==\x07 set", r"Answer\u202e due"]),
    ("deadlines", [r"Answer\u202e due", r"Order\x1b]52;c;ZXZpbA==\x07 set",
                   r"Case\x1b]8;;https://evil.test/\x1b\ A (c)"]),
    ("cases", [r"Case\x1b]8;;https://evil.test/\x1b\ A", r"Court\x1b[2J", r"1:25\u202e-cv"]),
])  # fmt: skip
def test_the_views_show_control_characters_escaped(run, write, command, shown) -> None:
    write(VIEWED)
    result = run(command, "--today", FIXED_TODAY, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert_nothing_raw(result.stdout)
    for text in shown:
        assert text in result.stdout


def _export(folder: Path, terminal: bool, *args: str) -> bytes:
    """Run `timeline export` in a subprocess, its stdout a pseudo-terminal or a pipe."""
    return _timeline(folder, terminal, "export", *args)


def _timeline(folder: Path, terminal: bool, *args: str, code: int = 0) -> bytes:
    """Run `timeline ARGS` in a subprocess, its stdout a pseudo-terminal or a pipe."""
    command = [sys.executable, "-m", "timeline", *args, "--today", FIXED_TODAY]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("TIMELINE_FILE", None)
    if not terminal:
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True, timeout=60)
        assert done.returncode == code, done.stderr
        return done.stdout
    main, other = os.openpty()
    attributes = termios.tcgetattr(other)
    attributes[1] &= ~termios.ONLCR  # the bytes as written: no CR added before each LF
    termios.tcsetattr(other, termios.TCSANOW, attributes)
    try:
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=other,
                                   stderr=subprocess.PIPE)  # fmt: skip
        os.close(other)
        out = b""
        while True:
            ready, _, _ = select.select([main], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end closed: Linux says EIO
                break
            if not chunk:
                break
            out += chunk
        assert process.wait(timeout=60) == code, process.stderr.read() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
    finally:
        os.close(main)
    return out


def test_an_export_to_a_terminal_shows_no_raw_escape_and_a_pipe_keeps_every_byte(
    tmp_path: Path,
) -> None:
    (tmp_path / "events.yaml").write_text(VIEWED, encoding="utf-8")
    piped = _export(tmp_path, False, "--format", "csv")  # csv keeps every character of a title
    assert b"\x1b]52;c;ZXZpbA==\x07" in piped and "\u202e".encode() in piped
    shown = _export(tmp_path, True, "--format", "csv")
    assert b"\x1b" not in shown and b"\x07" not in shown
    assert "\u202e".encode() not in shown
    assert rb"Order\x1b]52;c;ZXZpbA==\x07 set" in shown
    assert shown.count(b"\r\n") == piped.count(b"\r\n") > 2  # the format's CRLF line ends
    assert shown.decode("utf-8") == visible(piped.decode("utf-8"), layout=True)


def test_check_json_to_a_terminal_escapes_what_json_leaves_raw(tmp_path: Path) -> None:
    """JSON escapes C0 controls itself, but not DEL, C1 or bidi controls, as in a file name."""
    name = "evil\u202e\x9b.yaml"
    (tmp_path / "events.yaml").write_text(r'include: ["evil\u202e\x9b.yaml"]' "\n")
    (tmp_path / name).write_text("events: {}\n", encoding="utf-8")
    piped = _timeline(tmp_path, False, "check", "--format", "json", code=1).decode("utf-8")
    assert f'"path": "{name}"' in piped
    shown = _timeline(tmp_path, True, "check", "--format", "json", code=1).decode("utf-8")
    assert "\u202e" not in shown and "\x9b" not in shown
    assert r'"path": "evil\u202e\x9b.yaml"' in shown
