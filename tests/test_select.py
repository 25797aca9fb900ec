"""cli.common.select: the one way show, deadlines, export and cases pick and date events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import typer

from timeline.cli.common import select
from timeline.dates import FileDate

FILE = """
cases:
  a: {title: Case A}
  b: {title: Case B}
events:
  - {id: order, date: 2025-05-30, case: a, kind: order, title: Order, sources: [https://a.org]}
  - {id: due, date: 2025-06-05, case: a, kind: deadline, title: Brief due, set_by: order, sources: [https://a.org]}
  - {id: other, date: 2025-06-01, case: b, kind: order, title: Other order, sources: [https://a.org]}
"""


@pytest.fixture
def path(write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMELINE_FILE", raising=False)
    return str(write(FILE))


def ids(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.event.id for row in view.rows]


def test_no_options_select_every_event_in_timeline_order(path: str) -> None:
    result, view = select([path], today="2025-06-02")
    assert ids(view) == ["order", "other", "due"]
    assert view.timeline is result.timeline
    assert view.today == date(2025, 6, 2)
    assert view.soon == 7
    assert not view.filters.active()


def test_words_count_from_the_today_given(path: str) -> None:
    _, view = select([path], since="yesterday", today="2025-06-02")
    assert view.filters.since == FileDate(2025, 6, 1)
    assert ids(view) == ["other", "due"]
    _, view = select([path], until="today", today="2025-05-31")
    assert ids(view) == ["order"]


def test_statuses_are_as_of_today_and_soon(path: str) -> None:
    _, view = select([path], today="2025-06-02")
    (deadline,) = [row for row in view.rows if row.state is not None]
    assert (deadline.event.id, deadline.state.status, deadline.state.days) == ("due", "due-soon", 3)
    _, view = select([path], today="2025-06-02", soon=2)
    assert [row.state.status for row in view.rows if row.state is not None] == ["upcoming"]
    assert view.soon == 2


def test_filters_combine(path: str) -> None:
    _, view = select([path], cases=["a"], kinds=["deadline", "order"], search="brief",
                     today="2025-06-02")  # fmt: skip
    assert ids(view) == ["due"]
    assert view.filters.cases == ("a",) and view.filters.search == "brief"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cases": ["c"]}, "timeline: error: --case: unknown id 'c'"),
        ({"today": "2025-06"}, "timeline: error: --today: '2025-06' must name one day"),
        ({"since": "someday"}, "timeline: error: --since: 'someday' is not a date"),
    ],
)
def test_usage_errors_exit_2(path: str, capsys, options: dict, message: str) -> None:
    with pytest.raises(typer.Exit) as raised:
        select([path], **options)
    assert raised.value.exit_code == 2
    assert capsys.readouterr().err.startswith(message)


def test_a_missing_file_is_a_usage_error(path: str, capsys) -> None:
    with pytest.raises(typer.Exit) as raised:
        select(["nope.yaml"], today="2025-06-02")
    assert raised.value.exit_code == 2
    assert capsys.readouterr().err == "timeline: error: no such file: nope.yaml\n"


def test_every_command_that_lists_events_selects_with_it(run, path: str) -> None:
    """The same --today and --since, read alike by show, deadlines and export."""
    options = ("-f", path, "--today", "2025-06-07", "--since", "yesterday")
    assert run("show", *options).stdout == "no events match these filters\n"
    assert run("deadlines", *options).stdout == "no deadlines match these filters\n"
    assert '"events": []' in run("export", "-F", "json", *options).stdout
    options = ("-f", path, "--today", "2025-06-05", "--since", "yesterday")
    assert "Brief due" in run("show", *options).stdout
    assert run("deadlines", *options).stdout.startswith("DUE TODAY  Brief due\n")
    assert '"id": "due"' in run("export", "-F", "json", *options).stdout
