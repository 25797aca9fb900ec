"""The composite GitHub Action (`action.yml`): valid, installable, and its steps do what it says.

Its shell steps run here as the runner would run them (tests/actionrunner.py), in a temporary
git repository with the GitHub variables set; the install step really installs this checkout
into a fresh venv, once for the module.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from actionrunner import ACTION, ROOT, action, run_action

INSTALL = "Install timeline from this action's checkout"


def test_action_yml_is_valid_against_githubs_schema():
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", str(ACTION)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_no_step_pastes_an_input_into_shell_code():
    for step in action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def _checkout_copy(target: Path) -> Path:
    """The action's own checkout, as the runner has it (tracked and new files, no venv)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv the install step made from a copy of this checkout."""
    checkout = _checkout_copy(tmp_path_factory.mktemp("action"))
    runner_temp = tmp_path_factory.mktemp("runner")
    workspace = tmp_path_factory.mktemp("workspace")
    done = run_action(workspace, runner_temp, checkout, mode="none")
    assert done.codes == {INSTALL: 0}, done.stderr
    assert done.stdout[INSTALL].startswith("timeline ")
    return runner_temp / "timeline-venv"


@pytest.fixture
def runner(installed: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run the action's steps after the install, in a workspace that is a git repository."""
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    (runner_temp / "timeline-venv").symlink_to(installed)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=workspace, check=True)

    def run(**inputs: str):  # type: ignore[no-untyped-def]
        return run_action(workspace, runner_temp, ROOT, skip=(INSTALL,), **inputs)

    run.workspace = workspace  # type: ignore[attr-defined]
    return run


def commit(workspace: Path, text: str, when: str) -> None:
    """Write events.yaml and commit it at ``when`` (an ISO date), as a person would."""
    (workspace / "events.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    stamp = f"{when}T12:00:00+00:00"
    env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "a",
           "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@example.org", "PATH": "/usr/bin:/bin"}  # fmt: skip
    subprocess.run(["git", "add", "events.yaml"], cwd=workspace, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "record"], cwd=workspace, check=True, env=env)


def test_the_install_step_gives_a_working_timeline(installed):
    done = subprocess.run([str(installed / "bin" / "timeline"), "check", str(ROOT / "events.yaml")],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
