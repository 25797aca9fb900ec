"""Safe writes: interrupted, refused and concurrent writes never lose or half-write the file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXED_TODAY, REPO
from timeline.edit import Refused, add_to_file
from timeline.files import write_atomically

BASE = """\
sources:
  s: {title: S}
events:
  - id: a
    date: 2025
    kind: other
    title: A
    sources: [s]
"""


def new_item(result, record):  # type: ignore[no-untyped-def]
    return [{"id": "b", "date": "2026", "kind": "other", "title": "B", "sources": ["s"]}], 0


def test_interrupted_between_write_and_rename_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_to_file([Path("events.yaml")], tmp_path, None, new_item)
    assert path.read_text() == BASE
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]


def test_interrupted_cli_add_exits_130_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    script = (
        "import os, sys\n"
        "def stop(*a): raise KeyboardInterrupt\n"
        "os.replace = stop\n"
        "sys.argv = ['timeline', 'add', '--date', '2026', '--kind', 'other', '--title', 'B',"
        " '--source', 's']\n"
        "from timeline.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=60)  # fmt: skip
    assert done.returncode == 130
    assert "Traceback" not in done.stderr
    assert path.read_text() == BASE
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]


def test_a_refused_write_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)

    def bad_item(result, record):  # type: ignore[no-untyped-def]
        return [{"id": "a", "date": "2026", "kind": "other", "title": "dup", "sources": ["s"]}], 0

    with pytest.raises(Refused) as refused:
        add_to_file([Path("events.yaml")], tmp_path, None, bad_item)
    assert [d.code for d in refused.value.diagnostics] == ["T202"]
    assert path.read_text() == BASE
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]


def test_concurrent_adds_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    env.pop("TIMELINE_FILE", None)
    count = 8
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "timeline", "add", "--date", "2026-01-02", "--kind", "other",
             "--title", f"Concurrent {n}", "--source", "s", "--today", FIXED_TODAY],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for n in range(count)
    ]
    outcomes = [process.communicate(timeout=120) + (process.returncode,) for process in processes]
    assert [code for _out, _err, code in outcomes] == [0] * count, outcomes
    text = path.read_text()
    for n in range(count):
        assert text.count(f"  - id: 2026-01-02-concurrent-{n}\n") == 1
    assert text.startswith(BASE)
    check = subprocess.run([sys.executable, "-m", "timeline", "check", "--today", FIXED_TODAY],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert check.returncode == 0, check.stdout
    assert f"{count + 1} events" in check.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]


def test_permissions_and_symlinks_survive_a_write(tmp_path: Path) -> None:
    real = tmp_path / "data" / "events.yaml"
    real.parent.mkdir()
    real.write_text(BASE)
    os.chmod(real, 0o640)
    link = tmp_path / "events.yaml"
    link.symlink_to(real)
    add_to_file([Path("events.yaml")], tmp_path, None, new_item)
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert real.read_text().startswith(BASE)
    assert "  - id: b\n" in real.read_text()


def test_write_atomically_check_can_refuse(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")

    def refuse(temporary: Path) -> None:
        assert temporary.read_text() == "new"
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_atomically(path, "new", check=refuse)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_export_output_is_written_atomically(run, write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    result = run("export", "--format", "json", "-o", "out.json", "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out.json").read_text().startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "out.json"]
