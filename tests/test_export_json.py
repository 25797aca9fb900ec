"""`timeline export --format json`: the document scripts read, with deadline statuses."""

from __future__ import annotations

import json

import pytest

from conftest import BUNDLED, FIXED_TODAY

EVENT_KEYS = {"id", "date", "precision", "end", "circa", "cases", "kind", "title", "details",
              "people", "sources", "tags", "certainty"}  # fmt: skip


@pytest.fixture
def bundled(run):
    def export(*extra: str) -> dict:
        result = run("export", "--format", "json", "-f", str(BUNDLED), "--today", FIXED_TODAY, *extra)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return export


def test_document_shape(bundled):
    document = bundled()
    assert list(document) == ["today", "cases", "people", "sources", "events"]
    assert document["today"] == FIXED_TODAY
    assert document["cases"]["abrego-garcia"]["docket"] == "8:25-cv-00951"
    for event in document["events"]:
        assert EVENT_KEYS <= set(event)
        assert isinstance(event["cases"], list)
        assert event["precision"] in ("year", "month", "day", "minute")


def test_events_are_in_timeline_order(bundled):
    events = bundled()["events"]
    starts = [e["date"] for e in events]
    assert starts[0] == "2019"
    # coarser before finer: the year 2025 (an event dated no closer) comes before 2025-03-12
    assert starts.index("2025") < starts.index("2025-03-12")


def test_the_may_5_deadline_is_passed(bundled):
    events = {e["id"]: e for e in bundled()["events"]}
    deadline = events["deadline-2025-05-05"]["deadline"]
    assert deadline["due"] == "2025-05-05"
    assert deadline["status"] == "passed"
    assert deadline["days"] == -571
    assert deadline["set_by"] == "xinis-order-2025-04-30"


def test_the_other_recorded_deadlines(bundled):
    events = {e["id"]: e for e in bundled()["events"]}
    response = events["scotus-response-deadline"]
    assert response["date"] == "2025-04-08T17:00"
    assert response["precision"] == "minute"
    assert response["deadline"]["due"] == "2025-04-08T17:00-04:00"
    assert response["deadline"]["status"] == "met"
    assert events["deadline-return-2025-04-07"]["deadline"]["status"] == "moot"


def test_filters_apply(bundled):
    events = bundled("--case", "jgg", "--kind", "order")["events"]
    assert events and all(e["cases"] == ["jgg"] and e["kind"] == "order" for e in events)


def test_output_file_is_written(run, tmp_path):
    result = run("export", "--format", "json", "-f", str(BUNDLED), "--today", FIXED_TODAY,
                 "-o", "out.json")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads((tmp_path / "out.json").read_text())["today"] == FIXED_TODAY
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_unknown_format_is_a_usage_error(run):
    result = run("export", "--format", "jsno", "-f", str(BUNDLED))
    assert result.exit_code == 2
    assert "unknown format 'jsno'; did you mean 'json'?" in result.stderr


def test_bad_today_is_a_usage_error(run):
    result = run("export", "--format", "json", "-f", str(BUNDLED), "--today", "03/04/2025")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
