"""The composite GitHub Action (`action.yml`): valid, installable, and its steps do what it says.

Its shell steps run here as the runner would run them (tests/actionrunner.py), in a temporary
git repository with the GitHub variables set; the install step really installs this checkout
into a fresh venv, once for the module.
"""

from __future__ import annotations

import json
import re
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
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions",
         str(ACTION)], capture_output=True, text=True,
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


def _readme_workflow() -> str:
    """The README's complete workflow file: the yaml block that starts `name: timeline`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```yaml\n")[1:]]
    (workflow,) = [b for b in blocks if b.startswith("name: timeline\non:")]
    return workflow


def test_the_readme_workflow_is_valid_against_githubs_schema(tmp_path):
    path = tmp_path / "timeline.yml"
    path.write_text(_readme_workflow(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(path)], capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_readme_workflow_uses_the_actions_inputs_and_outputs():
    import yaml

    workflow = yaml.safe_load(_readme_workflow())
    inputs = set(action()["inputs"])
    outputs = set(action()["outputs"])
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("OWNER/timeline@"):
                assert set(step["with"]) <= inputs
            for value in step.get("env", {}).values():
                for name in re.findall(r"steps\.timeline\.outputs\.([a-z-]+)", str(value)):
                    assert name in outputs
    digest = workflow["jobs"]["digest"]
    assert digest["steps"][0]["with"]["fetch-depth"] == 0


def _issue_step(tmp_path: Path, listed: str) -> list[list[str]]:
    """Run the README's gh step with a stand-in `gh` that records its arguments."""
    import yaml

    step = yaml.safe_load(_readme_workflow())["jobs"]["digest"]["steps"][-1]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "gh.log"
    fake = bin_dir / "gh"
    fake.write_text(
        "#!/usr/bin/env python3\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"if sys.argv[1:3] == ['issue', 'list']: print({listed!r})\n",
        encoding="utf-8",
    )  # fmt: skip
    fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GH_TOKEN": "t",
           "SUMMARY": "timeline digest: 1 deadline newly passed", "DIGEST": "/tmp/d.md"}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          env=env, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_the_readme_gh_step_opens_an_issue_when_none_is_open(tmp_path):
    calls = _issue_step(tmp_path, listed="")
    assert calls[-1] == ["issue", "create", "--title", "timeline digest: 1 deadline newly passed",
                         "--body-file", "/tmp/d.md", "--label", "deadline-digest"]  # fmt: skip


def test_the_readme_gh_step_updates_the_open_issue(tmp_path):
    calls = _issue_step(tmp_path, listed="12")
    assert calls[-1] == ["issue", "edit", "12", "--title",
                         "timeline digest: 1 deadline newly passed", "--body-file", "/tmp/d.md"]


RECORD = """\
sources:
  art:
    title: An article
    url: https://example.org/article
cases:
  abrego:
    title: Abrego Garcia v. Noem
    timezone: America/New_York
events:
  - id: order-1
    date: 2025-04-10
    case: abrego
    kind: order
    title: "Court orders the return ::error::planted"
    sources: [art]
  - id: due-0505
    date: 2025-05-05
    case: abrego
    kind: deadline
    title: "Government to file declarations\n::error::planted"
    set_by: order-1
    sources: [art]
"""

SUMMARY = ("timeline digest: 1 deadline newly passed, 1 passed not recorded as met, 0 due within "
           "7 days; no events changed since 2025-05-05")  # fmt: skip


def test_check_mode_annotates_an_error_and_fails(runner):
    commit(runner.workspace, RECORD.replace("date: 2025-05-05", "date: 2025-05-32"), "2025-05-01")
    done = runner(mode="check")
    step = "Check the events file"
    assert done.codes[step] == 1
    assert done.stdout[step].splitlines()[0] == (
        "::error file=events.yaml,line=17,col=11,title=T104::date: '2025-05-32' is not a date: "
        "May 2025 has 31 days"
    )
    assert "Digest" not in done.codes


def test_check_mode_passes_a_clean_file(runner):
    commit(runner.workspace, RECORD, "2025-05-01")
    done = runner(mode="check")
    assert done.codes == {"Check the events file": 0}
    assert done.stdout["Check the events file"] == (
        "timeline check: 1 file: 2 events in 1 case; 0 errors, 0 warnings\n"
    )


def _between_stop_commands(log: str) -> tuple[str, str, str]:
    """The log before `::stop-commands::TOKEN`, inside it, and after `::TOKEN::`."""
    match = re.search(r"^::stop-commands::([0-9a-f]{32})$", log, flags=re.M)
    assert match, log
    token = match.group(1)
    before, rest = log[: match.start()], log[match.end():]
    inside, resume, after = rest.partition(f"\n::{token}::\n")
    assert resume, "commands are turned back on with the same token"
    return before, inside, after


def test_digest_mode_fails_the_morning_after_a_deadline_passed_and_not_the_next(runner):
    commit(runner.workspace, RECORD, "2025-05-01")
    done = runner(mode="digest", today="2025-05-06")
    assert done.codes == {"Digest": 3}
    # The job summary is the Markdown digest; its first line is the one-line summary.
    assert done.summary.splitlines()[0] == SUMMARY
    assert "**NEW** **⚠ PASSED 1 day ago · no outcome recorded**: Government" in done.summary
    outputs = done.outputs.splitlines()
    assert re.fullmatch(r"summary<<timeline-[0-9a-f]{32}", outputs[0])
    assert outputs[1] == SUMMARY and outputs[2] == outputs[0].split("<<")[1]
    digest_file = runner.workspace.parent / "runner" / "timeline-digest.md"
    assert outputs[3] == f"digest-file={digest_file}"
    # Everything printed from the file is inside the stop-commands block.
    before, inside, after = _between_stop_commands(done.stdout["Digest"])
    assert before == "" and after == ""
    why = "timeline digest: --fail-on missed,passed: 1 passed since 2025-05-05 (exit 3)"
    assert why in inside
    assert SUMMARY in inside
    next_day = runner(mode="digest", today="2025-05-07")
    assert next_day.codes == {"Digest": 0}
    assert next_day.summary.splitlines()[0] == (
        "timeline digest: 1 deadline passed not recorded as met, 0 due within 7 days; no events "
        "changed since 2025-05-06"
    )


def test_two_runs_never_share_a_stop_commands_token(runner):
    commit(runner.workspace, RECORD, "2025-05-01")
    tokens = {re.search(r"::stop-commands::(\w+)", runner(mode="digest").stdout["Digest"])[1]
              for _ in range(2)}  # fmt: skip
    assert len(tokens) == 2


def test_a_hostile_title_never_forms_a_workflow_command(runner):
    commit(runner.workspace, RECORD, "2025-05-01")
    done = runner(mode="both", today="2025-05-06", fail_on="")
    assert done.codes == {"Check the events file": 0, "Digest": 0}
    for name, log in done.stdout.items():
        commands = [line for line in log.splitlines() if line.startswith("::")]
        if name == "Digest":
            before, inside, after = _between_stop_commands(log)
            assert "planted" in inside  # shown, with commands off
            commands = [l for l in (before + after).splitlines() if l.startswith("::")]
        assert not any("planted" in line for line in commands), name


def test_since_rev_wins_over_since_and_a_bad_file_input_is_exit_1(runner):
    commit(runner.workspace, RECORD, "2025-05-01")
    done = runner(mode="digest", today="2025-05-06", since_rev="HEAD")
    assert done.codes == {"Digest": 3}
    assert "since HEAD" in done.summary.splitlines()[0]
    missing = runner(mode="digest", file="nosuch.yaml")
    assert missing.codes["Digest"] == 2
