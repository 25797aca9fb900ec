"""`timeline export -o FILE`: never over a file the export reads, however it is named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

EVENTS = """\
cases:
  a: {title: Case A}
include: [more.yaml]
events:
  - {id: one, date: 2025-05-01, case: a, kind: order, title: First order, sources: [https://a.org]}
"""
MORE = """\
events:
  - {id: two, date: 2025-05-02, case: a, kind: order, title: Second order, sources: [https://a.org]}
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "more.yaml").write_text(MORE, encoding="utf-8")
    (tmp_path / "alias.yaml").symlink_to("events.yaml")
    return {"events.yaml": tmp_path / "events.yaml", "more.yaml": tmp_path / "more.yaml"}


@pytest.mark.parametrize(
    ("file_options", "output", "overwritten"),
    [
        ((), "events.yaml", "events.yaml"),  # the file found by looking up from here
        (("-f", "events.yaml"), "events.yaml", "events.yaml"),
        (("-f", "events.yaml"), "./sub/../events.yaml", "events.yaml"),
        (("-f", "events.yaml"), "alias.yaml", "events.yaml"),  # a symlink to it
        (("-f", "alias.yaml"), "events.yaml", "alias.yaml"),  # read through a symlink
        (("-f", "events.yaml"), "more.yaml", "more.yaml"),  # an included file
        (("-f", "."), "more.yaml", "more.yaml"),  # a folder's file
    ],
)
def test_output_over_a_file_read_is_refused(
    run, tmp_path: Path, files: dict[str, Path], file_options: tuple[str, ...], output: str,
    overwritten: str,
) -> None:
    before = {name: path.read_bytes() for name, path in files.items()}
    result = run("export", "-F", "csv", "--today", "2025-06-01", *file_options, "-o", output)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"timeline: error: --output: {output} would overwrite {overwritten}, which this export "
        "reads; write to another file\n"
    )
    assert {name: path.read_bytes() for name, path in files.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.yaml", "events.yaml", "more.yaml", "sub"]


def test_output_by_absolute_path_is_refused_too(run, tmp_path: Path, files) -> None:
    target = str(files["events.yaml"])
    result = run("export", "-F", "json", "--today", "2025-06-01", "-o", target)
    assert result.exit_code == 2
    assert "would overwrite events.yaml" in result.stderr
    assert files["events.yaml"].read_text(encoding="utf-8") == EVENTS


def test_a_hard_link_to_the_events_file_is_the_same_file(run, tmp_path: Path, files) -> None:
    os.link(files["events.yaml"], tmp_path / "hard.yaml")
    result = run("export", "-F", "json", "--today", "2025-06-01", "-o", "hard.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("timeline: error: --output: hard.yaml would overwrite events.yaml")
    assert files["events.yaml"].read_text(encoding="utf-8") == EVENTS


def test_another_file_beside_them_is_written(run, tmp_path: Path, files) -> None:
    result = run("export", "-F", "csv", "--today", "2025-06-01", "-o", "events.csv")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "events.csv").read_text(encoding="utf-8")
    assert "First order" in written and "Second order" in written
    assert files["events.yaml"].read_text(encoding="utf-8") == EVENTS
