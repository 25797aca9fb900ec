"""`check --format github`: one workflow annotation a problem, escaped so that text from a file
never forms a workflow command of its own."""

from __future__ import annotations

import pytest

from timeline.render.github_annotations import escape_data, escape_property

REGISTERED = {"error", "warning", "notice", "debug", "group", "endgroup", "add-mask",
              "set-output", "set-env", "add-path", "save-state", "stop-commands", "echo",
              "add-matcher", "remove-matcher"}  # fmt: skip


def runner_reads(line: str) -> tuple[str, dict[str, str], str] | None:
    """What GitHub's runner makes of one output line (actions/runner ActionCommand.cs): a
    ``::`` command at the start (TryParseV2), else the old ``##[name]`` form anywhere in it
    (TryParse, which the runner tries when the first does not apply), else None."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        end = stripped.find("::", 2)
        if end >= 0:
            info = stripped[2:end]
            name, _, props = info.partition(" ")
            if name in REGISTERED:
                properties = {}
                for pair in props.strip().split(","):
                    key, eq, value = pair.partition("=")
                    if pair and eq and key and value:
                        properties[key] = unescape(value, property_=True)
                return name, properties, unescape(stripped[end + 2:], property_=False)
    at = line.find("##[")
    if at >= 0 and "]" in line[at:]:
        name = line[at + 3: line.index("]", at)].partition(" ")[0]
        if name in REGISTERED:
            return name, {}, "(old form)"
    return None


def unescape(text: str, *, property_: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if property_:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for escaped, char in [*pairs, ("%25", "%")]:  # the runner's order: %25 last
        text = text.replace(escaped, char)
    return text


HOSTILE_KEY = '"50%, a:b ::error::x\\r\\n::warning::y ##[add-mask]z"'
HOSTILE = f"""
events:
  - date: 2025-01-01
    kind: other
    title: t
    {HOSTILE_KEY}: 1
    sources: [https://example.org/a]
  - date: 2025-02-30
    kind: other
    title: Bad date
    sources: [https://example.org/a]
  - date: 2025-03-01
    kind: other
    title: No source
"""


def test_the_exact_lines_escape_percent_colon_comma_and_line_breaks(run, write) -> None:
    write(HOSTILE, "a,b:c.yaml")
    result = run("check", "a,b:c.yaml", "--format", "github", "--today", "2026-11-27")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "::error file=a%2Cb%3Ac.yaml,line=5,col=5,title=T101::unknown key '50%25, a:b "
        "::error::x\\r\\n::warning::y ##[add-mask]z' in this event",
        "::error file=a%2Cb%3Ac.yaml,line=7,col=11,title=T104::date: '2025-02-30' is not a date: "
        "February 2025 has 28 days",
        "::warning file=a%2Cb%3Ac.yaml,line=11,col=5,title=W301::this event has no source: "
        "add sources:",
        "timeline check: 1 file: 3 events (2 could not be read) in 0 cases; 2 errors, 1 warning",
    ]


def test_the_runner_reads_each_line_as_the_annotation_meant(run, write) -> None:
    write(HOSTILE, "a,b:c.yaml")
    result = run("check", "a,b:c.yaml", "--format", "github", "--today", "2026-11-27")
    lines = result.stdout.splitlines()
    first = runner_reads(lines[0])
    assert first == ("error", {"file": "a,b:c.yaml", "line": "5", "col": "5", "title": "T101"},
                     "unknown key '50%, a:b ::error::x\\r\\n::warning::y ##[add-mask]z' "
                     "in this event")  # fmt: skip
    assert [runner_reads(line)[0] for line in lines[:3]] == ["error", "error", "warning"]
    assert runner_reads(lines[-1]) is None  # the summary is plain text


def test_a_raw_line_break_or_command_in_a_file_name_stays_inside_its_annotation(run, write):
    name = "x\n::error::boom ##[add-mask]y.yaml"
    write("events:\n  - date: 2025-02-30\n    kind: other\n    title: t\n", name)
    result = run("check", name, "--format", "github", "--today", "2026-11-27")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        "::error file=x\\n%3A%3Aerror%3A%3Aboom ##[add-mask]y.yaml,line=2,col=11,title=T104::")
    assert [runner_reads(line) and runner_reads(line)[0] for line in lines] == ["error", None]
    assert runner_reads(lines[0])[1]["file"] == "x\\n::error::boom ##[add-mask]y.yaml"
    # The summary counts the files instead of naming them: no file text in a plain line.
    assert lines[1] == ("timeline check: 1 file: 1 event (1 could not be read) in 0 cases; "
                        "1 error, 0 warnings")  # fmt: skip


def test_escaping_is_the_toolkits() -> None:
    assert escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"
    assert escape_data("%0A") == "%250A"  # an escape written in the file stays text
    assert unescape(escape_property("%0A:,"), property_=True) == "%0A:,"


def many_problems(errors: int, warnings: int) -> str:
    """``warnings`` events with no source, then ``errors`` events with a typo in their kind."""
    events = [f"  - date: 2025-01-01\n    kind: other\n    title: t{n}\n"
              for n in range(warnings)]  # fmt: skip
    events += [f"  - date: 2025-01-02\n    kind: oter\n    title: e{n}\n"
               "    sources: [https://example.org/a]\n" for n in range(errors)]  # fmt: skip
    return "events:\n" + "".join(events)


def test_ten_of_each_then_a_notice_saying_how_many_more(run, write) -> None:
    write(many_problems(errors=12, warnings=11))
    result = run("check", "--format", "github", "--today", "2026-11-27")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    read = [runner_reads(line) for line in lines]
    kinds = [r[0] if r else None for r in read]
    assert kinds.count("error") == 10 and kinds.count("warning") == 10
    assert lines[-2] == (
        "::notice::2 more errors and 1 more warning not annotated (GitHub shows 10 errors and "
        "10 warnings a step); run 'timeline check' to list every problem"
    )
    assert lines[-1].startswith("timeline check: 1 file: 23 events")
    assert lines[-1].endswith("; 12 errors, 11 warnings")
    # The ten errors are the first ten, in the order the text format lists them.
    text = run("check", "--today", "2026-11-27").stdout.splitlines()
    first_errors = [line for line in text if ": error: " in line][:10]
    assert [f"events.yaml:{r[1]['line']}:{r[1]['col']}" for r in read if r and r[0] == "error"] \
        == [line.split(": ")[0] for line in first_errors]


def test_no_notice_when_everything_is_annotated(run, write) -> None:
    write(many_problems(errors=10, warnings=10))
    result = run("check", "--format", "github", "--today", "2026-11-27")
    assert "::notice" not in result.stdout
    assert len(result.stdout.splitlines()) == 21


@pytest.mark.parametrize("args, code", [((), 0), (("--strict",), 1)])
def test_exit_codes_are_the_text_formats(run, write, args, code) -> None:
    write("events:\n  - date: 2025-01-01\n    kind: other\n    title: No source\n")
    result = run("check", "--format", "github", *args, "--today", "2026-11-27")
    assert result.exit_code == code
    assert result.stdout.splitlines()[0] == (
        "::warning file=events.yaml,line=2,col=5,title=W301::this event has no source: "
        "add sources:")
    expected_end = "; failed: --strict counts warnings as errors" if args else ""
    assert result.stdout.splitlines()[1] == (
        f"timeline check: 1 file: 1 event in 0 cases; 0 errors, 1 warning{expected_end}")


def test_a_clean_file_prints_only_the_summary(run) -> None:
    from conftest import BUNDLED

    result = run("check", str(BUNDLED), "--format", "github")
    assert result.exit_code == 0
    assert result.stdout.startswith("timeline check: 1 file: ")
    assert len(result.stdout.splitlines()) == 1


def test_a_file_that_is_not_utf8_is_still_a_file_checked(run, tmp_path) -> None:
    (tmp_path / "bin.yaml").write_bytes(b"version: 1\n\xff\n")
    github = run("check", "bin.yaml", "--format", "github")
    assert github.exit_code == 1
    assert github.stdout.splitlines() == [
        "::error file=bin.yaml,line=2,col=1,title=T001::the file is not UTF-8 (byte 0xff); "
        "save it as UTF-8",
        "timeline check: 1 file: 0 events in 0 cases; 1 error, 0 warnings",
    ]
    text = run("check", "bin.yaml")
    assert text.stdout.splitlines()[-1] == "bin.yaml: 0 events in 0 cases; 1 error, 0 warnings"
