"""The merged Timeline's own questions: here, which timezone an event's times are read in."""

from __future__ import annotations

from timeline.model import Case, Event
from timeline.timeline import Timeline


def _timeline() -> Timeline:
    return Timeline(cases={
        "bare": Case(title="No zone"),
        "md": Case(title="Maryland", timezone="America/New_York"),
        "ca": Case(title="California", timezone="America/Los_Angeles"),
    })  # fmt: skip


def test_an_event_is_read_in_its_first_case_that_has_a_timezone():
    event = Event.model_validate({"kind": "order", "title": "T", "case": ["bare", "ca", "md"]})
    assert _timeline().timezone_of(event) == "America/Los_Angeles"


def test_unknown_cases_and_cases_without_a_zone_give_none():
    event = Event.model_validate({"kind": "order", "title": "T", "case": ["nope", "bare"]})
    assert _timeline().timezone_of(event) is None
    assert _timeline().timezone_of(Event.model_validate({"kind": "order", "title": "T"})) is None


def test_the_renderers_read_the_same_zone():
    from timeline.render.phrases import event_zone

    event = Event.model_validate({"kind": "order", "title": "T", "case": ["md"]})
    assert event_zone(_timeline(), event) == "America/New_York"
