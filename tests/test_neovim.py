"""`timeline lsp` in a real editor: Neovim (0.7.2, Debian's), headless, with the README's
init.lua snippet as it is written there (tests/neovim.py). What a user sees: the typo
underlined with `check`'s message as it is typed, cleared when fixed; the due date on hover.

Neovim keeps a diagnostic's place as lines from 0 and columns in bytes (it converts the
protocol's UTF-16 units itself), so `check --format json`'s line and character column are
turned into those to compare; a wrong UTF-16 count from the server would show as a wrong
byte column here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clients import neovim
from neovim import drive
from test_lsp import JUNETEENTH, TWO_ERRORS

pytest.importorskip("pygls")  # `timeline lsp` needs the lsp extra, which the test extra has

SEVERITY = {"error": 1, "warning": 2}  # vim.diagnostic.severity.ERROR, .WARN
UNDERLINE = {1: "DiagnosticUnderlineError", 2: "DiagnosticUnderlineWarn"}


def check_json(path: Path, text: str) -> list[dict[str, Any]]:
    """`timeline check --format json`'s diagnostics for ``text``, as a file beside ``path``."""
    folder = path.parent / "check"
    folder.mkdir(exist_ok=True)
    (folder / path.name).write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "timeline", "check", path.name, "--format",
                           "json"], cwd=folder, capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout)["diagnostics"]  # type: ignore[no-any-return]


def as_neovim(diagnostic: dict[str, Any], text: str) -> tuple[Any, ...]:
    """check's diagnostic where Neovim keeps it: 0-based line, byte column."""
    line = text.split("\n")[diagnostic["line"] - 1]
    column = len(line[: diagnostic["col"] - 1].encode("utf-8"))
    return (diagnostic["line"] - 1, column, diagnostic["code"], SEVERITY[diagnostic["severity"]],
            diagnostic["message"])


def seen(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    """vim.diagnostic.get(0) in check's order, each with the underline drawn at it."""
    found = sorted(record["diagnostics"], key=lambda d: (d["lnum"], d["col"]))
    drawn = {(u["lnum"], u["col"]): u["hl_group"] for u in record["underlines"]}
    for d in found:
        assert drawn.get((d["lnum"], d["col"])) == UNDERLINE[d["severity"]], (d, drawn)
    assert len(drawn) == len(found)
    return [(d["lnum"], d["col"], d["code"], d["severity"], d["message"]) for d in found]


def test_neovim_shows_checks_diagnostics_where_check_puts_them(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(TWO_ERRORS, encoding="utf-8")
    expected = [as_neovim(d, TWO_ERRORS) for d in check_json(path, TWO_ERRORS)]
    assert [e[2] for e in expected] == ["T104", "T201"]  # what the file was written to have

    result = drive(neovim(), path, [{"do": "wait"}, {"do": "diagnostics", "as": "opened"}])

    assert result["clients"] == ["timeline"]
    assert seen(result["opened"]) == expected
    # after "é", "😀" and "à" (2, 4 and 2 bytes; 1, 2 and 1 UTF-16 units), 'arest' is
    # character 55 of its line, UTF-16 unit 56 (what the server sends) and byte 60
    assert expected[1][:2] == (6, 60)


def test_a_typo_typed_in_neovim_is_underlined_then_cleared_when_fixed(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(JUNETEENTH, encoding="utf-8")
    line = JUNETEENTH.split("\n").index("    kind: order")
    typo = JUNETEENTH.replace("    kind: order", "    kind: ordr")
    expected = [as_neovim(d, typo) for d in check_json(path, typo)]
    assert expected == [(line, 10, "T201", 1, "unknown kind 'ordr'; did you mean 'order'?")]

    result = drive(neovim(), path, [
        {"do": "wait"}, {"do": "diagnostics", "as": "opened"},
        {"do": "set_line", "line": line, "text": "    kind: ordr"},
        {"do": "diagnostics", "as": "typo"},
        {"do": "set_line", "line": line, "text": "    kind: order"},
        {"do": "diagnostics", "as": "fixed"},
    ])  # fmt: skip

    assert seen(result["opened"]) == []
    assert seen(result["typo"]) == expected
    underline = result["typo"]["underlines"][0]
    assert (underline["end_lnum"], underline["end_col"]) == (line, 14)  # under all of 'ordr'
    assert seen(result["fixed"]) == []
    assert len(result["latencies"]) == 2


def test_hover_in_neovim_on_a_computed_deadline_shows_when_it_is_due(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(JUNETEENTH, encoding="utf-8")
    lines = JUNETEENTH.split("\n")

    result = drive(neovim(), path, [
        {"do": "wait"},
        {"do": "hover", "line": lines.index("    due: {after: order, days: 14}"), "character": 6,
         "as": "due"},
        {"do": "hover", "line": lines.index("    title: Opening brief"), "character": 6,
         "as": "title"},
    ])  # fmt: skip

    # the README's snippet runs the server without --today: the status is as of the real day
    due = result["due"].split("\n")
    assert due[:2] == ["Deadline: Opening brief", "due: 2026-06-22 (end of day, America/New_York)"]
    assert due[2].startswith("status: ")
    assert due[3:] == [
        "trigger: order (order) on 2026-06-05 Fri",
        "count: 14 calendar days after it, not counting the trigger day (Fed. R. Civ. P. 6(a)(1))",
        "day 14: 2026-06-19 Fri",
        "2026-06-19 Juneteenth National Independence Day (legal holiday) -> 2026-06-20",
        "2026-06-20 Saturday -> 2026-06-21",
        "2026-06-21 Sunday -> 2026-06-22",
        "due: 2026-06-22 Mon",
    ]
    assert result["title"] == result["due"]  # any line of the deadline


def test_a_file_included_from_a_folder_above_gets_that_timelines_server(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(
        JUNETEENTH.replace("events:\n", "include: [cases/*.yaml]\nevents:\n", 1), encoding="utf-8")
    part = tmp_path / "cases" / "more.yaml"
    part.parent.mkdir()
    text = ("events:\n  - date: 2026-06-08\n    case: abrego-garcia\n    kind: filng\n"
            "    title: A filing\n    sources: [docket]\n")
    part.write_text(text, encoding="utf-8")

    result = drive(neovim(), part, [{"do": "wait"}, {"do": "diagnostics", "as": "opened"}])

    assert result["clients"] == ["timeline"]
    # the case and the source are defined in ../events.yaml: only the kind is wrong
    assert seen(result["opened"]) == [
        (3, 10, "T201", 1, "unknown kind 'filng'; did you mean 'filing'?")]


def test_a_yaml_file_outside_any_timeline_gets_no_server(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    result = drive(neovim(), path, [{"do": "diagnostics", "as": "opened"}])

    assert result["clients"] == []
    assert result["opened"]["diagnostics"] == []
