"""The README's examples are true: its events file checks, its commands exist, its outputs match."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import BUNDLED, DATA, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(heading: str) -> str:
    """The README's text under ``heading`` (a whole line) up to the next heading of its level or above."""
    level = len(heading.split(" ", 1)[0])
    lines = README.splitlines(keepends=True)
    assert heading + "\n" in lines, f"README has no '{heading}' section"
    start = lines.index(heading + "\n") + 1
    fenced = False
    for end in range(start, len(lines)):
        fenced ^= lines[end].startswith("```")
        hashes = len(lines[end]) - len(lines[end].lstrip("#"))
        if not fenced and 0 < hashes <= level and lines[end][hashes] == " ":
            return "".join(lines[start:end])
    return "".join(lines[start:])


def blocks(text: str, language: str = "") -> list[str]:
    """The fenced code blocks of ``text`` in that language (``""``: those with none)."""
    found: list[str] = []
    opened: str | None = None  # the open block's language
    body: list[str] = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("```"):
            body.append(line)
        elif opened is None:
            opened, body = line[3:].strip(), []
        else:
            if opened == language:
                found.append("".join(body))
            opened = None
    return found


def example_file() -> str:
    return blocks(section("## The events file"), "yaml")[0]


def test_the_events_file_example_checks_clean(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "events.yaml").write_text(example_file(), encoding="utf-8")
    result = run("check", "--strict", "--today", "2026-11-27")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "events.yaml: 4 events in 1 case; 0 errors, 0 warnings" in result.stdout + result.stderr


def test_the_commented_include_line_works_once_a_file_matches(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text, count = re.subn(r"^# (include: \S.*?)\s+#.*$", r"\1", example_file(), flags=re.M)
    assert count == 1, "the example's include line is not where this test expects it"
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "more.yaml").write_text(
        "events:\n"
        "  - date: 2025-06-06\n"
        "    case: abrego-garcia\n"
        "    kind: transfer\n"
        "    title: Brought back to the U.S.\n"
        "    sources: [cecot-article]\n",
        encoding="utf-8",
    )
    result = run("check", "--strict", "--today", "2026-11-27")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "5 events in 1 case; 0 errors, 0 warnings" in result.stdout + result.stderr


def command_rows() -> list[str]:
    """The first cell of each row of the Commands table, without its backticks."""
    return re.findall(r"^\| `(timeline [^`]*)` \|", section("## Commands"), re.M)


def test_the_commands_table_lists_every_command() -> None:
    import typer

    from timeline.cli import app

    listed = {" ".join(w for w in row.split()[1:2] if not w.startswith("-")) for row in command_rows()}
    group = typer.main.get_command(app)
    registered = set(group.commands)  # type: ignore[attr-defined]
    assert registered <= listed, f"commands missing from the README: {registered - listed}"


@pytest.mark.parametrize("row", command_rows())
def test_every_command_in_the_table_exists(run, row: str) -> None:  # type: ignore[no-untyped-def]
    words = [w for w in row.split()[1:] if re.fullmatch(r"[a-z]+", w)]
    if not words:  # `timeline --version`
        result = run(*row.split()[1:])
        assert result.exit_code == 0, result.stderr
        assert re.fullmatch(r"timeline \d+\.\d+\.\d+\S*\n", result.stdout), result.stdout
        return
    result = run(*words, "--help")
    assert result.exit_code == 0, result.stderr
    assert f"Usage: timeline {' '.join(words)} " in result.stdout


def shown_runs() -> list[tuple[str, str]]:
    """Each ``$ timeline ...`` example block: its command and the output it shows."""
    runs = []
    for block in blocks(README):
        first, _, output = block.partition("\n")
        if first.startswith("$ timeline "):
            runs.append((first[2:], output))
    return runs


def matches(shown: str, actual: str) -> bool:
    """Does ``actual`` hold the shown lines, in order, where a `...` line stands for any lines?"""
    lines = actual.splitlines()
    at = 0
    parts = re.split(r"^[ \t]*\.\.\.\n", shown, flags=re.M)
    for number, part in enumerate(parts):
        want = part.splitlines()
        if number == 0:
            if lines[: len(want)] != want:
                return False
            at = len(want)
            continue
        for start in range(at, len(lines) - len(want) + 1):
            if lines[start : start + len(want)] == want:
                at = start + len(want)
                break
        else:
            return False
    return at == len(lines) or not parts[-1]


def test_the_readme_shows_output_examples() -> None:
    commands = [command for command, _ in shown_runs()]
    assert any(c.startswith("timeline show ") for c in commands)
    assert any(c.startswith("timeline deadlines ") for c in commands)
    assert any(c.startswith("timeline check ") for c in commands)


@pytest.mark.parametrize("command, shown", shown_runs(), ids=[c for c, _ in shown_runs()])
def test_each_shown_output_is_what_the_command_prints(run, tmp_path: Path, command: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    """Run on the bundled file (and tests/data/readme/ for the files they name) at 80 columns."""
    shutil.copy(BUNDLED, tmp_path / "events.yaml")
    for path in (DATA / "readme").iterdir():
        shutil.copy(path, tmp_path / path.name)
    args = shlex.split(command)[1:]
    if args[0] in ("show", "deadlines", "cases"):
        assert "--today" in args, f"`{command}`: its output would change every day without --today"
    result = run(*args)
    actual = result.stdout + result.stderr
    assert matches(shown, actual), f"`{command}` prints:\n{actual}"


def test_the_add_example_says_what_add_says(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    block = blocks(section("## `timeline add`"), "sh")[0]
    command, comment = re.fullmatch(r"(timeline add .*?)\n# (.*)\n", block.replace("\\\n", ""), re.S).groups()  # type: ignore[union-attr]
    shutil.copy(BUNDLED, tmp_path / "events.yaml")
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == comment + "\n"


@pytest.mark.parametrize(("heading", "number"), [("## `timeline add`", 1), ("## `timeline mark`", 0)])
def test_the_add_and_mark_sessions_say_what_they_say(run, tmp_path: Path, heading: str,
                                                     number: int) -> None:  # type: ignore[no-untyped-def]
    """Each command of the block in a fresh folder; the last prints the `# ` line under it."""
    lines = blocks(section(heading), "sh")[number].replace("\\\n", "").splitlines()
    commands = [line for line in lines if line.startswith("timeline ")]
    said = [line[2:] for line in lines if line.startswith("# ")]
    assert commands[0] == "timeline init" and len(said) == 1
    for command in commands:
        result = run(*shlex.split(command)[1:])
        assert result.exit_code == 0, result.stderr
    assert result.stdout == said[0] + "\n"


def test_matching_treats_an_ellipsis_as_any_lines() -> None:
    actual = "a\nb\nc\nd\n"
    assert matches("a\n...\nd\n", actual)
    assert matches("a\nb\n  ...\nc\nd\n", actual)
    assert not matches("a\n...\nc\n", actual)  # d is left over
    assert not matches("b\n...\nd\n", actual)  # a is first
    assert not matches("a\n...\nx\n", actual)


def test_the_pre_commit_hook_is_the_one_the_readme_names(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    snippet = next(b for b in blocks(section("## `timeline check`"), "yaml") if "hooks:" in b)
    assert f"- id: {hook['id']}" in snippet
    assert re.search(hook["files"], "events.yaml") and re.search(hook["files"], "sub/events.yml")
    assert not re.search(hook["files"], "cases/more.yaml")  # as the README says
    # pre-commit appends the changed files' paths to the entry.
    program, *args = shlex.split(hook["entry"])
    assert program == "timeline" and hook.get("pass_filenames", True)
    shutil.copy(BUNDLED, tmp_path / "events.yaml")
    (tmp_path / "bad").mkdir()
    shutil.copy(DATA / "readme" / "bad.yaml", tmp_path / "bad" / "events.yaml")
    assert run(*args, "events.yaml").exit_code == 0
    assert run(*args, "events.yaml", "bad/events.yaml").exit_code == 1
