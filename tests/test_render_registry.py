"""The renderer registry: every format rendered, golden, documented and reproducible."""

from __future__ import annotations

import re

import pytest

from conftest import BUNDLED, FIXED_TODAY, GOLDEN, REPO, assert_golden

from timeline.render import ALIASES, RENDERERS, notes, renderer, writes_file

README = (REPO / "README.md").read_text(encoding="utf-8")


def exports_table() -> str:
    """The README's table of export formats (the section under `### Exports`)."""
    match = re.search(r"^### Exports\n(.*?)(?=^#)", README, re.S | re.M)
    assert match, "README has no '### Exports' section"
    return match.group(1)


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_format_has_a_renderer_a_golden_file_and_a_readme_row(name):
    assert callable(renderer(name))
    assert (GOLDEN / f"bundled.{name}").is_file(), f"no golden file tests/golden/bundled.{name}"
    rows = [line for line in exports_table().splitlines() if line.startswith(f"| `{name}`")]
    assert rows, f"no row for `{name}` in the README's Exports table"


def test_aliases_name_registered_formats():
    assert set(ALIASES.values()) <= set(RENDERERS)


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_export_is_reproducible_byte_for_byte(run, tmp_path, name):
    common = ["export", "--format", name, "-f", str(BUNDLED), "--today", FIXED_TODAY]
    for target in ("first", "second"):
        result = run(*common, "-o", target)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
    first, second = (tmp_path / "first").read_bytes(), (tmp_path / "second").read_bytes()
    assert first == second
    if writes_file(name):  # a database: only to a file, and stdout is refused
        refused = run(*common)
        assert (refused.exit_code, refused.stdout_bytes) == (2, b"")
        return
    assert first == run(*common).stdout_bytes


def test_json_golden(run):
    result = run("export", "--format", "json", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0
    assert_golden("bundled.json", result.stdout)


def test_renderers_without_notes_have_none():
    from datetime import date

    from timeline.render import View
    from timeline.timeline import Timeline

    view = View(Timeline(), [], date(2026, 11, 27))
    assert notes("json", view) == []
    assert notes("ics", view) == []


def test_unknown_format_suggests_a_close_one(run):
    result = run("export", "--format", "timelinjs", "-f", str(BUNDLED))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown format 'timelinjs'" in result.stderr
    assert "timelinejs" in result.stderr.split("'timelinjs'", 1)[1]
