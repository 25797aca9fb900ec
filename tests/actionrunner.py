"""Run the shell steps of the repository's composite `action.yml` as a GitHub runner would.

The runner gives each `run:` step its `env:` (with `${{ inputs.x }}` filled in), the GitHub
variables (`GITHUB_ACTION_PATH`, `RUNNER_TEMP`, `GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`...) and
bash as `shell: bash` starts it (`-eo pipefail`); `uses:` steps (setup-python) are the runner's
own and are left out here, the machine's Python standing in for them. Only the expressions
the action uses are understood, so a new kind of expression fails loudly, never skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
INPUT = re.compile(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")
CONDITION = re.compile(r"^inputs\.([A-Za-z0-9_-]+) == '([^']*)'$")


def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def defaults() -> dict[str, str]:
    return {name: str(spec.get("default", "")) for name, spec in action()["inputs"].items()}


def fill(text: str, inputs: dict[str, str]) -> str:
    return INPUT.sub(lambda match: inputs[match.group(1)], text)


def applies(condition: str | None, inputs: dict[str, str]) -> bool:
    """`inputs.mode == 'check' || inputs.mode == 'both'`: the only shape the action writes."""
    if condition is None:
        return True
    outcomes = []
    for part in condition.split("||"):
        match = CONDITION.match(part.strip())
        assert match, f"an expression this runner does not know: {condition!r}"
        outcomes.append(inputs[match.group(1)] == match.group(2))
    return any(outcomes)


@dataclass
class Run:
    """What the steps did: each step's exit code and output, and the files the runner reads."""

    codes: dict[str, int] = field(default_factory=dict)
    stdout: dict[str, str] = field(default_factory=dict)
    stderr: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    outputs: str = ""

    @property
    def failed(self) -> str | None:
        return next((name for name, code in self.codes.items() if code != 0), None)


def run_action(workspace: Path, runner_temp: Path, action_path: Path, skip: tuple[str, ...] = (),
               **overrides: str) -> Run:  # fmt: skip
    """Run every applicable shell step in order until one fails, as the runner does."""
    inputs = defaults()
    inputs.update({name.replace("_", "-"): value for name, value in overrides.items()})
    summary = runner_temp / "step_summary.md"
    outputs = runner_temp / "github_output"
    summary.write_text("", encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    base = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(runner_temp)),
        "LANG": "C.UTF-8", "GITHUB_ACTIONS": "true", "CI": "true",
        "GITHUB_ACTION_PATH": str(action_path), "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(runner_temp), "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
    }  # fmt: skip
    result = Run()
    for step in action()["runs"]["steps"]:
        if "run" not in step or step["name"] in skip or not applies(step.get("if"), inputs):
            continue
        assert "${{" not in step["run"], "inputs reach the script only through env:"
        env = {**base, **{k: fill(str(v), inputs) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        name = step["name"]
        result.codes[name] = done.returncode
        result.stdout[name] = done.stdout
        result.stderr[name] = done.stderr
        if done.returncode != 0:
            break
    result.summary = summary.read_text(encoding="utf-8")
    result.outputs = outputs.read_text(encoding="utf-8")
    return result
