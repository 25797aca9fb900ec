"""Fuzzing through the command line: whatever a file holds, the user sees a clean answer.

The generators are the ones that found the defects of the hardening review: the bundled file
mutated, documents built from the model's own keys, random bytes, and very long lines. Every run
must hold what the README promises:

- the exit code is one of 0 (fine), 1 (the file has errors), 2 (usage) or 4 (a file could not be
  read or written); never a traceback or an "internal error";
- every problem is one line, ``PATH:LINE:COL: error|warning: MESSAGE [CODE]``;
- every position lies inside the file, with lines counted as editors count them (``\\n``,
  ``\\r\\n`` or a lone ``\\r`` ends a line) and columns in code points.

The example counts are modest so that CI stays quick; raise them locally with
``FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_cli.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import BUNDLED, FIXED_TODAY
from test_property import DOCUMENTS
from timeline.cli import app

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])
ALLOWED_EXITS = {0, 1, 2, 4}
DIAGNOSTIC = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (error|warning): .+ \[[TW]\d{3}\]$")
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# What each run asks of the file: the check in both forms and every view and export.
COMMANDS = [
    ["check"],
    ["check", "--format", "json"],
    ["show"],
    ["deadlines", "--explain"],
    ["cases"],
    *(["export", "--format", name] for name in ("json", "markdown", "csv", "ics", "html",
                                                "timelinejs")),
]

# Characters that mean something to YAML, to a terminal or to a line counter.
SIGNIFICANT = [":", ": ", "- ", "-", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">", "&", "*",
               "!", "%", "@", "`", "?", "\t", "\n", "\r", "\r\n", " ", "  ", "\x00", "\x1b",
               "\x85", "\u2028", "\u2029", "\u202e", "\ufeff", "é", "中", "😀", "\\", "0", "9"]


def editor_lines(text: str) -> list[str]:
    """The lines an editor shows: split on LF, CRLF and a lone CR; a final break opens a line."""
    return LINE_BREAK.split(text)


def invoke(folder: Path, content: bytes, command: list[str]):  # type: ignore[no-untyped-def]
    path = folder / "events.yaml"
    path.write_bytes(content)
    env = {"NO_COLOR": "1", "COLUMNS": "80", "TIMELINE_FILE": ""}
    result = CliRunner().invoke(app, [*command, "-f", str(path), "--today", FIXED_TODAY],
                                env=env, catch_exceptions=True)
    return path, result


def assert_clean_answer(folder: Path, content: bytes, command: list[str]) -> None:
    path, result = invoke(folder, content, command)
    shown = f"{command}: exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{command} raised {result.exception!r}") from result.exception
    assert result.exit_code in ALLOWED_EXITS, shown
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, shown
        assert "internal error" not in stream, shown
    text = content.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = editor_lines(text)
    if command == ["check", "--format", "json"]:
        document = json.loads(result.stdout)
        positions = [(d["line"], d["col"]) for d in document["diagnostics"]]
    else:
        positions = []
        for line in (result.stdout + result.stderr).splitlines():
            if re.match(re.escape(str(path)) + r":\d", line):  # not the summary line
                match = DIAGNOSTIC.match(line)
                assert match, f"not one diagnostic a line: {line!r}\n{shown}"
                positions.append((int(match["line"]), int(match["col"])))
    for line_no, col in positions:
        assert 1 <= line_no <= len(lines), f"line {line_no} outside {len(lines)} lines\n{shown}"
        assert 1 <= col <= len(lines[line_no - 1]) + 1, (
            f"{line_no}:{col} outside a line of {len(lines[line_no - 1])} characters\n{shown}")


def pick_command(data: st.DataObject) -> list[str]:
    return data.draw(st.sampled_from(COMMANDS), label="command")


BUNDLED_TEXT = BUNDLED.read_text(encoding="utf-8")


@st.composite
def mutated_bundled(draw: st.DrawFn) -> bytes:
    """The bundled file with a few random edits: text cut, lines repeated, characters planted."""
    text = BUNDLED_TEXT
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat", "truncate"]))
        if action == "insert":
            text = text[:where] + draw(st.sampled_from(SIGNIFICANT)) + text[where:]
        elif action == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)):]
        elif action == "repeat":
            start = text.rfind("\n", 0, where) + 1
            end = text.find("\n", where) + 1 or len(text)
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:where]
    return text.encode("utf-8", "surrogatepass")


@st.composite
def long_lines(draw: st.DrawFn) -> bytes:
    """One very long line of a YAML-significant character, where readers scan character by
    character: in a block text, a plain value, a quoted value or a key."""
    run = draw(st.sampled_from(["[", "{", "'", '"', ":", "#", "-", " ", "\\", "a", "é"]))
    size = draw(st.integers(1_000, 40_000))
    long = run * size
    place = draw(st.sampled_from(["details", "title", "quoted", "key"]))
    event = "events:\n  - date: 2025-03-12\n    kind: arrest\n    sources: [https://example.org]\n"
    if place == "details":
        return (event + "    title: t\n    details: |\n      " + long + "\n").encode()
    if place == "title":
        return (event + "    title: " + long + "\n").encode()
    if place == "quoted":
        return (event + '    title: "' + long + '"\n').encode()
    return (event + "    title: t\n    " + long + ": x\n").encode()


@SETTINGS
@given(st.data())
def test_mutated_bundled_file(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    assert_clean_answer(tmp_path_factory.mktemp("mutated"), data.draw(mutated_bundled()),
                        pick_command(data))


@SETTINGS
@given(st.data())
def test_model_key_documents(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    document = data.draw(DOCUMENTS)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    assert_clean_answer(tmp_path_factory.mktemp("doc"), text.encode("utf-8", "surrogatepass"),
                        pick_command(data))


@SETTINGS
@given(st.data())
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    content = data.draw(st.one_of(st.binary(max_size=400),
                                  st.lists(st.sampled_from(SIGNIFICANT), max_size=80)
                                  .map(lambda parts: "".join(parts).encode("utf-8"))))
    assert_clean_answer(tmp_path_factory.mktemp("bytes"), content, pick_command(data))


@settings(SETTINGS, max_examples=max(EXAMPLES // 4, 10))
@given(st.data())
def test_long_lines(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    assert_clean_answer(tmp_path_factory.mktemp("long"), data.draw(long_lines()),
                        data.draw(st.sampled_from([["check"], ["check", "--format", "json"]])))
