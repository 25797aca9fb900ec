"""Positions as an editor counts them, and one line for every problem.

Lines end where the Language Server Protocol says they do: at ``\\n``, ``\\r\\n`` or a lone
``\\r``. YAML 1.1 (PyYAML) also ends a line at NEL, LS and PS; editors do not, so such a
character outside a quoted text is an error of its own (T008). Columns count code points; the
caret under a line is placed by display width (a CJK character takes two columns).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import yamltree
from timeline.diagnostics import Diagnostic
from timeline.load import load
from timeline.positions import Lines
from timeline.visible import visible
from timeline.yamltree import read_yaml

from conftest import FIXED_TODAY

TERMINAL = {"FORCE_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}  # no styles of its own
T008 = ("outside quoted text: YAML 1.1 reads it as a line break, editors do not; delete it, "
        "or write it as {escape} inside double quotes [T008]")  # fmt: skip


def t008(where: str, code: str, name: str) -> str:
    escape = "\\u" + code.lower()
    return f"events.yaml:{where}: error: character U+{code} ({name}) " + T008.format(escape=escape)


# (name, file text, the exact first diagnostic line): each a defect this file fixes.
POSITIONED = [
    ("no final line break", "events:\nb",
     "events.yaml:2:1: error: a key needs ':' after it (name: value); a text of several lines "
     "goes indented under 'name: |' [T002]"),
    ("LS in a comment", "events: []\n# a\u2028comment\n", t008("2:4", "2028", "line separator")),
    ("NEL in a comment after a value", "version: 1  # a\x85b: c\n",
     t008("1:16", "0085", "next line")),
    ("PS in a plain text", "cases:\n  c: {title: A\u2029B}\n",
     t008("2:15", "2029", "paragraph separator")),
    ("LS in a block text", "events:\n  - details: |\n      a\u2028b\n",
     t008("3:8", "2028", "line separator")),
    ("LS in a quoted text: later lines as an editor counts them",
     'events:\n  - title: "a\u2028b"\n    kind: other\n    titel: x\n',
     "events.yaml:4:5: error: unknown key 'titel' in this event; did you mean 'title'? [T101]"),
    ("NUL after accented text", 'people:\n  x: {name: "\u00e9\u00e9\u00e9\x00"}\n',
     "events.yaml:2:17: error: character U+0000 is not allowed in YAML [T002]"),
    ("lone CR line ends", "events: []\rversion: 2\r",
     "events.yaml:2:10: error: version: unknown file format version '2' (this timeline reads "
     "version 1) [T007]"),
    ("columns in code points", "events:\n  - {kind: other, title: \U0001F600\u00e9, titel: x}\n",
     "events.yaml:2:30: error: unknown key 'titel' in this event; did you mean 'title'? [T101]"),
    ("a line break in a quoted value",
     'events:\n  - {date: 2025-01-01, kind: other, title: T, people: "line\\nbreak",\n'
     "      sources: [https://example.org/a]}\n",
     r"events.yaml:2:55: error: people: 'line\nbreak' is not an id: use ASCII letters, digits, "
     "'-', '_' or '.', starting with a letter or digit [T104]"),
    ("a line break in a key", '"a\\nb\\r": x\n',
     r"events.yaml:1:1: error: unknown key 'a\nb\r' at the top of the file [T101]"),
]


@pytest.mark.parametrize("name,text,expected", POSITIONED, ids=[case[0] for case in POSITIONED])
def test_each_position_is_the_editors_and_each_problem_one_line(run, tmp_path, name, text,
                                                               expected):  # fmt: skip
    (tmp_path / "events.yaml").write_bytes(text.encode("utf-8"))
    result = run("check", "--today", FIXED_TODAY)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == expected


@pytest.mark.parametrize("name,text,expected", POSITIONED, ids=[case[0] for case in POSITIONED])
def test_the_pure_python_parser_gives_the_same_positions(monkeypatch, name, text, expected):
    """Without libyaml, PyYAML's own parser (whose offsets count characters) reads the same."""
    with_libyaml: list[Diagnostic] = []
    read_yaml(text, "events.yaml", with_libyaml)
    monkeypatch.setattr(yamltree, "_c_parser", lambda: False)
    pure: list[Diagnostic] = []
    read_yaml(text, "events.yaml", pure)
    # The two word some syntax errors differently; the positions are the same.
    def where(found: list[Diagnostic]) -> list[tuple[int, int, str]]:
        return [(d.line, d.col, d.code) for d in found]

    assert where(pure) == where(with_libyaml)
    if with_libyaml and with_libyaml[0].code != "T002":
        assert pure == with_libyaml


MISREAD = [case for case in POSITIONED if case[2].endswith("[T008]")]


@pytest.mark.parametrize("name,text,expected", MISREAD, ids=[case[0] for case in MISREAD])
def test_a_file_too_long_to_scan_again_gets_the_same_report(monkeypatch, name, text, expected):
    """Past a size, a file that does not read is not scanned again in Python: the breaks up to
    the line that stopped the reading, outside the quoted texts read, are reported."""
    whole: list[Diagnostic] = []
    read_yaml(text, "events.yaml", whole)
    monkeypatch.setattr(yamltree, "_SCAN_AT_MOST", 0)
    bounded: list[Diagnostic] = []
    read_yaml(text, "events.yaml", bounded)
    assert bounded == whole and str(whole[0]) == expected


def test_a_byte_order_mark_in_the_text_is_a_character_of_its_line(monkeypatch) -> None:
    text = "\ufeffversion: [\n"  # what is left once the file's own mark is taken off
    for c_parser in (True, False):
        monkeypatch.setattr(yamltree, "_c_parser", lambda: c_parser)
        found: list[Diagnostic] = []
        tree = read_yaml("\ufeffcases: {}\nversion: 1\n", "events.yaml", found)
        assert tree.value_pos["version"] == (2, 10) and tree.key_pos["cases"] == (1, 2)
        read_yaml(text, "events.yaml", found)
        assert [(d.line, d.col) for d in found] == [(2, 1)]
        # Inside a line too: PyYAML's pure reader leaves it out of its columns.
        inner = read_yaml('{x: "\ufeff", y: z}\n', "events.yaml", found)
        assert inner.key_pos["y"] == (1, 10) and inner.value_pos["y"] == (1, 13)


def test_a_character_yaml_reads_as_a_line_break_is_reported_once_each_and_nothing_more(
    run, write
) -> None:
    write("events: []  # one\u2028  two\n# three\u2029four\n")
    result = run("check")
    assert result.stdout.splitlines() == [
        t008("1:18", "2028", "line separator"),
        t008("2:8", "2029", "paragraph separator"),
        "events.yaml: 0 events in 0 cases; 2 errors, 0 warnings",
    ]


def test_a_line_or_paragraph_separator_inside_quotes_is_text(run, write) -> None:
    write('events:\n  - {date: 2025-01-01, kind: other, title: "a\u2028b", '
          "details: 'c\u2029d', sources: [https://example.org/a]}\n")
    result = run("export", "--format", "json", "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    import json

    event = json.loads(result.stdout)["events"][0]
    assert (event["title"], event["details"]) == ("a\u2028b", "c\u2029d")


def test_a_file_not_utf8_is_reported_in_code_points_and_editor_lines(run, tmp_path) -> None:
    (tmp_path / "events.yaml").write_bytes(b"events: []\rtitle: \xc3\xa9\xc3\xa9 \xff\n")
    result = run("check")
    assert result.stdout.splitlines()[0] == (
        "events.yaml:2:11: error: the file is not UTF-8 (byte 0xff); save it as UTF-8 [T001]"
    )


def test_a_file_not_utf8_after_a_byte_order_mark_names_the_bad_byte_and_its_place(run, tmp_path):
    (tmp_path / "events.yaml").write_bytes(b"\xef\xbb\xbfevents: []\n\xe9t\xe9\n")
    result = run("check")
    assert result.stdout.splitlines()[0] == (
        "events.yaml:2:1: error: the file is not UTF-8 (byte 0xe9); save it as UTF-8 [T001]"
    )


def test_the_caret_is_placed_by_display_width(run, write) -> None:
    write("events:\n  - {kind: other, title: \u6f22\u5b57, titel: x}\n")
    result = run("check", env=TERMINAL)
    assert result.stdout.splitlines()[:3] == [
        "events.yaml:2:30: error: unknown key 'titel' in this event; did you mean 'title'? [T101]",
        "    - {kind: other, title: \u6f22\u5b57, titel: x}",
        "  " + " " * 31 + "^",  # 29 characters before the key, two of them two columns wide
    ]


def test_the_source_line_is_the_editors_line(run, write) -> None:
    write('events:\n  - title: "a\u2028b"\n    kind: other\n    titel: x\n')
    result = run("check", env=TERMINAL)
    assert result.stdout.splitlines()[1:3] == ["      titel: x", "      ^"]


def test_lines_count_as_editors_do() -> None:
    lines = Lines("a\r\nb\rc\nd\u2028e\x85f")
    assert lines.count == 4
    assert [lines.line(n) for n in range(1, 5)] == ["a", "b", "c", "d\u2028e\x85f"]
    assert lines.line(5) is None and lines.line(0) is None
    assert [lines.position(i) for i in (0, 1, 3, 5, 7, 12, 99)] == [
        (1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (4, 6), (4, 6)]  # fmt: skip
    assert Lines("").count == 1 and Lines("a\n").count == 2


# Random text, heavy in what positions and lines trip on: every break, wide, combining and
# astral characters, controls, quotes and YAML indicators.
ALPHABET = st.sampled_from(list("ab:- #'\"[]{}|>\n\r\t\\\x00\x1b\x85\u2028\u2029\u00e9\u0301"
                                "\u6f22\U0001F600\ufeff\u202e") + ["\r\n", "  ", "events:\n",
                                "  - title: ", "date: 2025-01-01\n"])  # fmt: skip
ONE_LINE = re.compile(r"events\.yaml:(\d+):(\d+): (error|warning): [^\n]* \[[TW]\d{3}\]")


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.one_of(st.lists(ALPHABET, max_size=40).map("".join), st.text(max_size=80)))
def test_every_diagnostic_is_one_line_inside_the_file(tmp_path_factory, text) -> None:
    folder: Path = tmp_path_factory.mktemp("positions")
    (folder / "events.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    result = load([Path("events.yaml")], folder)
    lines = Lines(result.files[0].text if result.files else text)
    for diagnostic in result.diagnostics:
        shown = str(diagnostic)
        assert len(shown.splitlines()) == 1 and visible(shown) == shown, repr(shown)
        assert ONE_LINE.fullmatch(shown), repr(shown)
        assert 1 <= diagnostic.line <= lines.count, (shown, text)
        assert 1 <= diagnostic.col <= len(lines.line(diagnostic.line) or "") + 1, (shown, text)
