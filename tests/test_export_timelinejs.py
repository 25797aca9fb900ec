"""`timeline export --format timelinejs`: the JSON TimelineJS3 reads, read back with json."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from conftest import BUNDLED, FIXED_TODAY, assert_golden
from htmltree import parse

COURTLISTENER = "https://www.courtlistener.com/docket/69777799/abrego-garcia-v-noem/"


def export(run, *args: str, file: str = str(BUNDLED)):  # type: ignore[no-untyped-def]
    result = run("export", "--format", "timelinejs", "-f", file, "--today", FIXED_TODAY, *args)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def doc(run) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return json.loads(export(run).stdout)


def slides(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {event["unique_id"]: event for event in doc["events"]}


def test_golden(run):
    assert_golden("bundled.timelinejs", export(run).stdout)


def test_title_slide(doc):
    title = doc["title"]
    assert "start_date" not in title
    assert title["text"]["headline"] == (
        "Timeline: Abrego Garcia v. Noem; Noem v. Abrego Garcia; J.G.G. v. Trump"
    )
    assert parse(title["text"]["text"]).text() == (
        "As of 2026-11-27 · 50 events · 6 deadlines · 4 passed, not recorded as met"
    )


def test_every_event_is_a_slide_with_a_unique_id(doc):
    ids = [event["unique_id"] for event in doc["events"]]
    assert len(ids) == 50 == len(set(ids))
    assert ids[0] == "bukele-takes-office"
    assert all(event["autolink"] is False for event in doc["events"])


def test_the_may_5_deadline_slide_says_passed(doc):
    event = slides(doc)["deadline-2025-05-05"]
    assert event["start_date"] == {"year": 2025, "month": 5, "day": 5}
    assert event["group"] == "Abrego Garcia v. Noem"
    assert event["text"]["headline"] == (
        "Government to answer pending discovery and shore up its privilege claims"
    )
    body = parse(event["text"]["text"])
    assert body.find_all("strong")[0].text() == "PASSED 571 days ago · no outcome recorded"


def test_dates_go_only_as_far_as_their_precision(doc):
    by_id = slides(doc)
    assert by_id["bukele-takes-office"]["start_date"] == {"year": 2019}
    assert by_id["bukele-assembly-clash"]["start_date"] == {"year": 2020, "month": 5}
    assert by_id["abrego-arrest"]["start_date"] == {"year": 2025, "month": 3, "day": 12}
    timed = by_id["scotus-response-deadline"]
    assert timed["start_date"] == {"year": 2025, "month": 4, "day": 8, "hour": 17, "minute": 0}
    assert timed["display_date"] == "2025-04-08 17:00 EDT"
    assert "display_date" not in by_id["abrego-arrest"]


def test_spans_have_an_end_date_and_circa_says_about(doc):
    by_id = slides(doc)
    held = by_id["abrego-held-in-el-salvador"]
    assert held["start_date"] == {"year": 2025, "month": 3, "day": 15}
    assert held["end_date"] == {"year": 2025, "month": 6, "day": 6}
    stay = by_id["discovery-stay-2025-04-23"]
    assert stay["end_date"] == {"year": 2025, "month": 4, "day": 30, "hour": 17, "minute": 0}
    assert by_id["payments-to-el-salvador"]["display_date"] == "About 2025"


def test_groups_are_case_titles(doc):
    groups = {event["group"] for event in doc["events"]}
    assert groups == {"Abrego Garcia v. Noem", "Noem v. Abrego Garcia", "J.G.G. v. Trump",
                      "Other events"}  # fmt: skip


def test_text_carries_details_and_linked_sources(doc):
    body = parse(slides(doc)["abrego-complaint"]["text"]["text"])
    [link] = body.find_all("a")
    assert link.attrs["href"] == COURTLISTENER
    opens = parse(slides(doc)["cecot-opens"]["text"]["text"])
    assert len(opens.find_all("li")) == 6 + 1  # six figures, one source
    assert opens.find_all("a") == []


def test_computed_deadlines_are_placed_at_their_due_day(run, write):
    path = write("""
        events:
          - {id: hearing, date: 2025-05-05, kind: hearing, title: Hearing}
          - {id: answer, kind: deadline, title: Answer, due: {after: hearing, days: 14}}
    """)
    result = export(run, file=str(path))
    doc = json.loads(result.stdout)
    assert [event["unique_id"] for event in doc["events"]] == ["hearing", "answer"]
    assert doc["events"][1]["start_date"] == {"year": 2025, "month": 5, "day": 19}
    assert result.stderr == ""


def test_an_event_with_no_date_to_place_it_at_is_left_out_and_said():
    from timeline.model import Event
    from timeline.query import Row
    from timeline.render import View
    from timeline.render.timelinejs import document, notes
    from timeline.timeline import Timeline

    undated = Event(kind="deadline", title="Answer")
    view = View(Timeline(events=[undated]), [Row(0, undated, None)], date(2026, 11, 27))
    assert document(view)["events"] == []
    assert notes(view) == ["1 event left out of the timeline for want of a date"]


def test_group_is_the_case_filtered_on(run):
    doc = json.loads(export(run, "--case", "abrego-garcia").stdout)
    [order] = [e for e in doc["events"] if e["unique_id"] == "scotus-order-2025-04-10"]
    assert order["group"] == "Abrego Garcia v. Noem"
    unfiltered = json.loads(export(run).stdout)
    [order] = [e for e in unfiltered["events"] if e["unique_id"] == "scotus-order-2025-04-10"]
    assert order["group"] == "Noem v. Abrego Garcia"
