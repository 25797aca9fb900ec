"""Shared test helpers: a CLI runner with stdout and stderr apart, and file writers."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from timeline.cli import app

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "events.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = Path(__file__).resolve().parent / "data"
FIXED_TODAY = "2026-11-27"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., object]:
    """Run the CLI in ``tmp_path`` (unless ``cwd`` is given) with a clean environment."""
    monkeypatch.delenv("TIMELINE_FILE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")

    def invoke(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        monkeypatch.chdir(cwd or tmp_path)
        return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a dedented events file into ``tmp_path`` and return its path."""

    def write_file(text: str, name: str = "events.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write_file


def update_golden() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; regenerate only with UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if update_golden():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.exists(), f"missing golden file {path}; run UPDATE_GOLDEN=1 pytest"
    # Bytes, not read_text: universal newlines would hide the CRLF that csv and ics must have.
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"output differs from golden {name}"
