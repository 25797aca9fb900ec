"""Completion completes values, through the shell protocol Typer speaks (COMP_WORDS)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from timeline.cli import app

from conftest import BUNDLED


def complete(words: str, cwd, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("TIMELINE_FILE", raising=False)
    parts = words.split(" ")
    done = CliRunner().invoke(app, [], prog_name="timeline", env={
        "_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1)})  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.stderr == ""
    return done.stdout.split()


@pytest.mark.parametrize("words, expected", [
    ("timeline show --case abr", ["abrego-garcia"]),
    ("timeline export --format tim", ["timelinejs"]),
    ("timeline export --date-style l", ["long"]),
    ("timeline deadlines --status due", ["due-soon"]),
    ("timeline holidays --jurisdiction US-M", ["US-MA", "US-MD", "US-ME", "US-MI", "US-MN",
                                                "US-MO", "US-MP", "US-MS", "US-MT"]),
    ("timeline add --set-by xinis-order-2025-04-3", ["xinis-order-2025-04-30"]),
    ("timeline add --certainty re", ["reported"]),
    ("timeline add --source order-2025-04-3", ["order-2025-04-30"]),
    ("timeline mark deadline-2025-05-0", ["deadline-2025-05-02", "deadline-2025-05-05",
                                          "deadline-2025-05-07", "deadline-2025-05-09"]),
    ("timeline mark scotus-response-deadline m", ["met", "missed", "moot"]),
    ("timeline add --count co", ["court-days"]),
    ("timeline add --service ma", ["mail"]),
])  # fmt: skip
def test_values_complete_from_the_file_and_the_vocabularies(words, expected, monkeypatch):
    assert complete(words, BUNDLED.parent, monkeypatch) == expected


def test_kinds_and_people_complete_from_the_file(monkeypatch):
    assert "deadline" in complete("timeline show --kind dead", BUNDLED.parent, monkeypatch)
    people = complete("timeline show --person ", BUNDLED.parent, monkeypatch)
    assert people and all(" " not in person for person in people)


def test_a_broken_or_missing_file_completes_nothing_and_prints_nothing(tmp_path, monkeypatch):
    assert complete("timeline show --case ", tmp_path, monkeypatch) == []
    (tmp_path / "events.yaml").write_text("version: [\n", encoding="utf-8")
    assert complete("timeline show --case ", tmp_path, monkeypatch) == []


def test_show_completion_zsh_prints_zshs_script(run):
    done = run("--show-completion", "zsh")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("#compdef timeline\n")
    assert "_TIMELINE_COMPLETE=complete_zsh" in done.stdout


def test_show_completion_bash_prints_bashs_script(run):
    done = run("--show-completion", "bash")
    assert done.stdout.startswith("_timeline_completion() {")


def test_show_completion_of_an_unknown_shell_is_a_usage_error(run):
    done = run("--show-completion", "tcsh")
    assert done.exit_code == 2
    assert done.stderr == ("timeline: error: unknown shell 'tcsh': one of: bash, zsh, fish, "
                           "powershell, pwsh\n")
