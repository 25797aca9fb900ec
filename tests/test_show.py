"""`timeline show`: the grouped timeline, badges, the summary; plain on a pipe, any width."""

from __future__ import annotations

import re

import pytest

from conftest import BUNDLED, DATA, FIXED_TODAY, REPO, assert_golden

EVERY_STATUS = DATA / "every_status.yaml"
SGR = re.compile(r"\x1b\[([0-9;]*)m")
COLOUR_CODES = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def test_bundled_show_golden(run) -> None:
    result = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert_golden("bundled.show.txt", result.stdout)


def test_show_with_no_arguments_in_the_repository_flags_may_5(run) -> None:
    """The quick start: `timeline show` in a clone, today whatever it is."""
    result = run("show", cwd=REPO)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  May 5 "))
    assert re.fullmatch(r"  May 5 +deadline +PASSED \d+ days ago · no outcome recorded", lines[at])
    assert re.fullmatch(r" +Government to answer .*", lines[at + 1]), lines[at + 1]


def test_every_precision_and_status(run) -> None:
    result = run("show", "-f", str(EVERY_STATUS), "--today", "2025-06-10", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
2019
  2019                other           Year event

2022
March 2022
  c. Mar 2022         legislation     Month event

2025
March 2025
  Mar 12              arrest       a  Day event · alleged
  Mar 12              detention    a  Span event · until Mar 15

April 2025
  Apr 7 23:59 EDT     deadline     a  VACATED  Timed deadline
  Apr 8 17:00 -04:00  filing       b  Offset event

May 2025
  May 1               deadline     a  MISSED 40 days ago  Missed deadline

June 2025
  Jun 1               deadline     a  PASSED 9 days ago · no outcome recorded  Passed deadline
  Jun 2               deadline     a  MET LATE  Late deadline
  Jun 3               filing       a  Filed late
  Jun 4               filing       a  Filed early
  Jun 5               deadline     a  MET  Met deadline
  Jun 6               deadline     b  EXTENDED  Extended deadline
  Jun 9               deadline     b  MOOT  Moot deadline
  Jun 10              deadline     b  DUE TODAY  Today deadline
  Jun 13              deadline     b  DUE IN 3 DAYS  Soon deadline
  Jun 20              deadline     b  UPCOMING in 10 days  New deadline

July 2025
  Jul 10              deadline     b  UPCOMING in 30 days  Later deadline

18 events · 2 cases · 2 deadlines passed · 2 due soon
"""


def test_soon_widens_due_soon(run) -> None:
    result = run("show", "-f", str(EVERY_STATUS), "--today", "2025-06-10", "--soon", "30",
                 "-k", "deadline", "--since", "2025-06-20")  # fmt: skip
    assert result.exit_code == 0
    assert "DUE IN 10 DAYS  New deadline" in result.stdout
    assert "DUE IN 30 DAYS  Later deadline" in result.stdout
    assert result.stdout.endswith("2 of 18 events · 1 case · 0 deadlines passed · 2 due soon\n")


def test_one_case_shows_no_case_column(run) -> None:
    result = run("show", "-f", str(EVERY_STATUS), "--today", "2025-06-10", "-c", "b",
                 env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0
    assert "  Apr 8 17:00 -04:00  filing    Offset event\n" in result.stdout


def test_cases_follow_the_title_when_there_is_no_room_for_a_column(run) -> None:
    result = run("show", "-f", str(EVERY_STATUS), "--today", "2025-06-10")  # 80 columns
    assert ("  Jun 1               deadline     PASSED 9 days ago · no outcome recorded\n"
            "                                   Passed deadline · a\n") in result.stdout


def test_a_pipe_gets_no_escape_codes(run) -> None:
    result = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert "\x1b" not in result.stdout
    assert "PASSED 571 days ago · no outcome recorded" in result.stdout


def test_a_terminal_gets_colour_unless_no_color(run) -> None:
    coloured = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY,
                   env={"FORCE_COLOR": "1", "NO_COLOR": None})  # fmt: skip
    assert "\x1b[1;31mPASSED 571 days ago · no outcome recorded\x1b[0m" in coloured.stdout
    plain = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY,
                env={"FORCE_COLOR": "1", "NO_COLOR": "1"})  # fmt: skip
    codes = {int(code) for params in SGR.findall(plain.stdout) for code in params.split(";")
             if code}  # fmt: skip
    assert not codes & COLOUR_CODES
    assert SGR.sub("", plain.stdout) == SGR.sub("", coloured.stdout)


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_lines_fit_the_width(run, width: int) -> None:
    for path, today in ((BUNDLED, FIXED_TODAY), (EVERY_STATUS, "2025-06-10")):
        result = run("show", "-f", str(path), "--today", today, env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert len(lines) > 20
        too_long = [line for line in lines if len(line) > width]
        assert not too_long, too_long
        assert any("PASSED" in line for line in lines)


def test_at_40_columns_the_title_goes_under_the_date(run) -> None:
    result = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY, "-c", "abrego-garcia",
                 "--since", "2025-05-05", "--until", "2025-05-05", env={"COLUMNS": "40"})  # fmt: skip
    assert result.stdout.splitlines()[-9:] == [
        "May 2025",
        "  May 5  deadline",
        "    PASSED 571 days ago · no outcome",
        "    recorded  Government to answer",
        "    pending discovery and shore up its",
        "    privilege claims · reported",
        "",
        "2 of 50 events · 1 case · 1 deadline",
        "passed · 0 due soon",
    ]


def test_at_200_columns_every_event_is_one_line(run) -> None:
    result = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY, env={"COLUMNS": "200"})
    line = next(line for line in result.stdout.splitlines() if "Government to answer" in line)
    assert re.fullmatch(r"  May 5 +deadline +abrego-garcia +PASSED 571 days ago · no outcome recorded  Government to answer "
                        r"pending discovery and shore up its privilege claims · reported", line)


def test_an_empty_file_says_so(run, write) -> None:
    path = write("events: []\n")
    result = run("show", "-f", str(path))
    assert result.exit_code == 0
    assert result.stdout == "no events in the file\n"


def test_a_file_with_errors_exits_1(run, write) -> None:
    path = write("events:\n  - date: 2025-02-30\n    kind: arrest\n    title: x\n")
    result = run("show", "-f", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "events.yaml:2:11: error:" in result.stderr


@pytest.mark.parametrize(
    ("command", "nothing"),
    [("show", "nothing shown"), ("deadlines", "nothing shown"), ("cases", "nothing shown"),
     ("export", "nothing exported")],
    ids=["show", "deadlines", "cases", "export"],
)
def test_a_file_with_errors_says_nothing_was_shown(run, write, command, nothing) -> None:
    write("events:\n  - date: 2025-02-30\n    kind: arrest\n    title: x\n")
    result = run(command, *(["--format", "json"] if command == "export" else []))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"timeline {command}: {nothing}; fix the errors above (timeline check lists them)"
    )


def test_today_must_be_a_day(run) -> None:
    result = run("show", "-f", str(BUNDLED), "--today", "2025-05")
    assert result.exit_code == 2
    assert "--today: '2025-05' must name one day" in result.stderr


HOSTILE = r"""
cases:
  evil:
    title: "Evil [bold]case[/] \e]0;pwned\a"
    court: "Court [/] [red]"
    docket: "1:25 \e[2J"
events:
  - date: 2025-01-01
    case: evil
    kind: deadline
    title: "Clear \e[2J screen [/] and\nnew line [link=file:///etc/passwd]x[/link]"
  - date: 2025-01-02
    case: evil
    kind: filing
    title: "Second \x9b31m line"
"""


@pytest.mark.parametrize("command", ["show", "cases", "deadlines"])
@pytest.mark.parametrize("width", ["40", "120"])
def test_file_text_cannot_drive_the_terminal(run, write, command: str, width: str) -> None:
    path = write(HOSTILE)
    result = run(command, "-f", str(path), "--today", "2025-06-10",
                 env={"FORCE_COLOR": "1", "NO_COLOR": None, "COLUMNS": width})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "\x1b[2J" not in result.stdout and "\x1b]" not in result.stdout
    assert "\x9b" not in result.stdout and "\a" not in result.stdout
    plain = SGR.sub("", result.stdout)
    assert "[/]" in plain  # markup in file text is shown, not obeyed
    assert all(len(line) <= int(width) for line in plain.splitlines())
    if command != "cases":
        assert r"Clear \x1b[2J screen [/] and new line [link=file:///etc/passwd]x[/link]" in \
            " ".join(plain.split())  # fmt: skip


def test_one_chosen_case_shows_no_case_even_on_shared_events(run) -> None:
    result = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY, "-c", "noem-v-abrego-garcia")
    assert result.exit_code == 0
    assert "abrego-garcia" not in result.stdout  # not even on events shared with that case
    assert "  Apr 7            order     Chief Justice Roberts pauses the April 4 order and\n" \
        in result.stdout  # fmt: skip
    two = run("show", "-f", str(BUNDLED), "--today", FIXED_TODAY, "-c", "noem-v-abrego-garcia",
              "-c", "jgg")  # fmt: skip
    assert "calls for a response · noem-v-abrego-garcia, abrego-garcia" in " ".join(
        two.stdout.split())


def test_a_span_into_another_year_shows_the_end_in_full(run, write) -> None:
    path = write("""
        cases:
          a: {title: A, timezone: America/New_York}
        events:
          - {date: 2024-11-02, end: 2025-01-03T09:00, case: a, kind: detention, title: Held}
          - {date: 2024-12, end: 2025-02, case: a, kind: detention, title: Held again}
        """)
    result = run("show", "-f", str(path), "--today", "2025-06-10")
    assert "  Nov 2     detention  Held · until 2025-01-03 09:00 EST\n" in result.stdout
    assert "  Dec 2024  detention  Held again · until Feb 2025\n" in result.stdout
