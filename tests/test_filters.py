"""FILTERS on show, deadlines and export: each alone, combined, dates at every precision."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FILE = """
people:
  p1: {name: Person One}
  p2: {name: Person Two}
cases:
  a: {title: Case A}
  b: {title: Case B}
events:
  - {id: y2024, date: "2024", case: a, kind: other, title: Title-y2024, people: [p1], tags: [x]}
  - {id: apr30, date: 2025-04-30, case: a, kind: filing, title: Title-apr30, people: [p1, p2], tags: [Alpha]}
  - {id: span, date: 2025-04-15, end: 2025-05-02, case: a, kind: detention, title: Title-span}
  - {id: may, date: 2025-05, case: b, kind: order, title: Title-may}
  - {id: may1, date: 2025-05-01, case: b, kind: ruling, title: Title-may1, tags: [alpha, beta]}
  - id: may31
    date: 2025-05-31
    case: a
    kind: hearing
    title: Title-may31
    details: The NEEDLE is in the details.
  - {id: jun1, date: 2025-06-01, case: [a, b], kind: order, title: Title-jun1, people: [p2]}
  - {id: y2025, date: "2025", kind: statement, title: Title-y2025}
  - {id: special-id, date: 2025-06-02, kind: other, title: Title-plain}
  - {id: dl, date: 2025-06-05, case: b, kind: deadline, title: Title-dl, tags: [alpha]}
"""
ALL = ("y2024", "y2025", "span", "apr30", "may", "may1", "may31", "jun1", "plain", "dl")  # timeline order


@pytest.fixture
def path(write) -> Path:
    return write(FILE)


@pytest.fixture
def shown(run, path):  # type: ignore[no-untyped-def]
    """The events `show` lists with these options, by the suffix of their titles."""

    def show(*options: str) -> list[str]:
        result = run("show", "-f", str(path), "--today", "2025-06-10", *options,
                     env={"COLUMNS": "200"})  # fmt: skip
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        return re.findall(r"Title-([\w-]+)", result.stdout)

    return show


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), ALL),
        (("--case", "a"), ("y2024", "span", "apr30", "may31", "jun1")),
        (("-c", "a", "-c", "b"), ("y2024", "span", "apr30", "may", "may1", "may31", "jun1", "dl")),
        (("-k", "order"), ("may", "jun1")),
        (("-k", "order", "--kind", "ruling"), ("may", "may1", "jun1")),
        (("-p", "p1"), ("y2024", "apr30")),
        (("--person", "p1", "-p", "p2"), ("y2024", "apr30", "jun1")),
        (("-t", "alpha"), ("apr30", "may1", "dl")),  # tags match whatever their case
        (("-t", "ALPHA", "--tag", "x"), ("y2024", "apr30", "may1", "dl")),
        (("-s", "needle"), ("may31",)),
        (("--search", "SPECIAL"), ("plain",)),  # the id counts
        (("-s", "title-MAY"), ("may", "may1", "may31")),
        # combinations: OR within an option, AND across options
        (("-c", "b", "-k", "order"), ("may", "jun1")),
        (("-t", "alpha", "-c", "a"), ("apr30",)),
        (("-c", "a", "-c", "b", "-k", "order", "-k", "filing", "-p", "p2"), ("apr30", "jun1")),
        (("-c", "a", "--since", "2025-05", "-s", "title"), ("span", "may31", "jun1")),
    ],
)
def test_filters(shown, options: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert shown(*options) == list(expected)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # a partial date covers its whole period: May 1 and the month 2025-05 are "since May"
        (("--since", "2025-05"), ("span", "may", "may1", "may31", "jun1", "plain", "dl")),
        (("--until", "2025-05"), ("y2024", "span", "apr30", "may", "may1", "may31")),
        (("--since", "2025-05", "--until", "2025-05"), ("span", "may", "may1", "may31")),
        (("--since", "May 2025", "--until", "May 2025"), ("span", "may", "may1", "may31")),
        # inclusive at both ends, to the day
        (("--since", "2025-05-31", "--until", "2025-06-01"), ("may31", "jun1")),
        (("--since", "May 1 2025", "--until", "1 May 2025"), ("span", "may1")),
        (("--since", "2025-05-02"), ("span", "may31", "jun1", "plain", "dl")),
        (("--until", "2025-04-14"), ("y2024",)),
        # a year: the events dated to it and inside it
        (("--since", "2025", "--until", "2025"),
         ("y2025", "span", "apr30", "may", "may1", "may31", "jun1", "plain", "dl")),
        (("--until", "2024"), ("y2024",)),
    ],
)
def test_date_filters(run, path, options: tuple[str, ...], expected: tuple[str, ...]) -> None:
    result = run("show", "-f", str(path), "--today", "2025-06-10", *options,
                 env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.output
    if expected:
        assert re.findall(r"Title-([\w-]+)", result.stdout) == list(expected)
    else:
        assert result.stdout == "no events match these filters\n"


@pytest.mark.parametrize(
    ("today", "options", "expected"),
    [
        ("2025-06-02", ("--since", "yesterday"), ("jun1", "plain", "dl")),
        ("2025-06-03", ("--since", "yesterday"), ("plain", "dl")),
        ("2025-06-02", ("--since", "today"), ("plain", "dl")),
        ("2025-05-31", ("--since", "tomorrow"), ("jun1", "plain", "dl")),
        ("2025-05-01", ("--until", "yesterday"), ("y2024", "span", "apr30")),
        ("2025-06-04", ("--since", "June 1, 2025", "--until", "today"), ("jun1", "plain")),
        ("2025-06-10", ("--since", "yesterday"), ()),
    ],
)
@pytest.mark.parametrize("command", ["show", "export"])
def test_date_words_count_from_the_today_option(
    run, path, command: str, today: str, options: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    if command == "show":
        result = run("show", "-f", str(path), "--today", today, *options, env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        listed = re.findall(r"Title-([\w-]+)", result.stdout)
    else:
        result = run("export", "-F", "json", "-f", str(path), "--today", today, *options)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["today"] == today
        listed = [e["title"].removeprefix("Title-") for e in json.loads(result.stdout)["events"]]
    assert listed == list(expected)


def test_nothing_matching_says_so_and_succeeds(run, path) -> None:
    result = run("show", "-f", str(path), "-c", "a", "-k", "ruling")
    assert result.exit_code == 0
    assert result.stdout == "no events match these filters\n"
    assert result.stderr == ""


@pytest.mark.parametrize("text", ["03/04/2025", "3/4/25", "03-04-2025", "04.03.2025"])
def test_an_ambiguous_date_is_refused(run, path, text: str) -> None:
    result = run("show", "-f", str(path), "--since", text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"timeline: error: --since: '{text}' is ambiguous (day and month could be either way); "
        "write 2025-05-05, May 5 2025 or 5 May 2025\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--until", "someday"), "--until: 'someday' is not a date"),
        (("--since", "2025-13"), "--since: '2025-13' is not a date: there is no month 13"),
        (("--since", "May 5"), "--since: 'May 5' has no year"),
        (("--since", "2025-06", "--until", "2025-05"),
         "--since 2025-06 is after --until 2025-05: nothing could match"),
        (("-c", "abrego"), "--case: unknown id 'abrego'"),
        (("-c", "aa"), "--case: unknown id 'aa'; did you mean 'a'?"),
        (("-p", "p3"), "--person: unknown id 'p3'; did you mean 'p2'?"),
        (("-k", "orders"), "--kind: unknown id 'orders'; did you mean 'order'?"),
    ],
)
def test_bad_filters_are_usage_errors(run, path, options: tuple[str, ...], message: str) -> None:
    for command in ("show", "deadlines"):
        result = run(command, "-f", str(path), *options)
        assert result.exit_code == 2, (command, result.output)
        assert result.stdout == ""
        assert result.stderr.startswith("timeline: error: " + message), result.stderr
    result = run("export", "-F", "json", "-f", str(path), *options)
    assert result.exit_code == 2
    assert result.stderr.startswith("timeline: error: " + message)


def test_an_unknown_case_lists_the_known_ones_when_nothing_is_close(run, path) -> None:
    result = run("show", "-f", str(path), "-c", "zzzzzz")
    assert result.stderr == "timeline: error: --case: unknown id 'zzzzzz'; known: a, b\n"


def test_export_applies_the_same_filters(run, path) -> None:
    result = run("export", "-F", "json", "-f", str(path), "--today", "2025-06-10",
                 "-c", "a", "--since", "2025-05")  # fmt: skip
    assert result.exit_code == 0
    assert [e["id"] for e in json.loads(result.stdout)["events"]] == ["span", "may31", "jun1"]
    result = run("export", "-F", "md", "-f", str(path), "--today", "2025-06-10", "-t", "beta")
    assert "Title-may1" in result.stdout
    assert "Title-may31" not in result.stdout


def test_deadlines_apply_the_same_filters(run, path) -> None:
    result = run("deadlines", "-f", str(path), "--today", "2025-06-01", "-t", "alpha")
    assert result.exit_code == 0
    assert result.stdout.startswith("DUE IN 4 DAYS  Title-dl\n")
    result = run("deadlines", "-f", str(path), "--today", "2025-06-10", "-c", "a")
    assert result.stdout == "no deadlines match these filters\n"
