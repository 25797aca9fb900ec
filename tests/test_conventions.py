"""Conventions every command keeps: -h, files as arguments, a format not taken for a file."""

from __future__ import annotations

import pytest

from conftest import BUNDLED, FIXED_TODAY

COMMANDS = ["check", "show", "deadlines", "cases", "export", "add", "mark", "holidays", "rules",
            "schema", "import", "import courtlistener"]


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_h_is_help(run, command):
    long = run(*command.split(), "--help")
    short = run(*command.split(), "-h")
    assert short.exit_code == 0, short.stderr
    assert short.stdout == long.stdout
    assert "-h, --help" in short.stdout


def test_dash_h_is_help_at_the_top(run):
    assert run("-h").stdout == run("--help").stdout
    assert "-h, --help" in run("-h").stdout


@pytest.mark.parametrize("command", [["show"], ["deadlines"], ["cases"],
                                     ["export", "--format", "json"]])
def test_files_are_positional_arguments(run, command, tmp_path):
    positional = run(*command, str(BUNDLED), "--today", FIXED_TODAY)
    by_option = run(*command, "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert positional.exit_code == 0, positional.stderr
    assert positional.stdout == by_option.stdout


def test_export_dash_f_with_a_format_name_suggests_format(run):
    done = run("export", "-f", "html")
    assert done.exit_code == 2
    assert done.stderr == (
        "timeline: error: -f html: no such file; 'html' was read as a file name (-f is --file); "
        "for the format, write --format html\n"
    )


def test_export_a_format_as_argument_suggests_format(run):
    done = run("export", "md")
    assert done.exit_code == 2
    assert "'md' was read as a file name" in done.stderr
    assert "write --format md" in done.stderr


def test_export_dash_f_with_an_existing_file_named_like_a_format_reads_it(run, write):
    write((BUNDLED).read_text(encoding="utf-8"), name="html")
    done = run("export", "-f", "html", "--format", "json", "--today", FIXED_TODAY)
    assert done.exit_code == 0, done.stderr


HELP_COMMANDS = ["", *COMMANDS]


@pytest.mark.parametrize("command", HELP_COMMANDS)
def test_help_shows_no_python_types_and_an_example(run, command):
    done = run(*command.split(), "--help")
    assert done.exit_code == 0, done.stderr
    assert "list[" not in done.stdout and "<str>" not in done.stdout
    assert "[[" not in done.stdout
    assert "\n  Example:\n    timeline " in done.stdout


@pytest.mark.parametrize("command", ["", "import"])
def test_the_command_list_cuts_no_summary_off(run, command):
    listing = run(*command.split(), "--help").stdout.split("Commands:\n")[1]
    assert listing.strip()
    assert "..." not in listing


def test_a_file_argument_reads_as_path_in_usage(run):
    assert "Usage: timeline show [OPTIONS] [PATH]...\n" in run("show", "--help").stdout


def readme_yaml(heading: str) -> str:
    from conftest import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("```yaml\n", text.index(f"\n{heading}\n")) + len("```yaml\n")
    return text[start : text.index("```\n", start)]


def test_the_readme_rule_sets_snippet_checks_clean(run, write):
    """Every id its deadlines count from is defined in it."""
    write(readme_yaml("### Court rule sets and named periods"))
    done = run("check", "events.yaml")
    assert done.exit_code == 0, done.stdout
    assert done.stdout.endswith("; 0 errors, 0 warnings\n")
