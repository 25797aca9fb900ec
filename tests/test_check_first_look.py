"""The checks look over every event's fields at once before their per-event loops
(timeline/checks.py): one problem among many valid events is still found, at its place.

Each file holds 300 valid events (ids, references, deadlines computed and written), then one
event with one mistake; `timeline check` must report exactly that one line.
"""

from __future__ import annotations

import pytest

HEAD = """\
sources:
  src: {title: A source}
people:
  p1: {name: A person}
cases:
  c1: {title: A v. B, timezone: America/New_York, jurisdiction: US-MD}
events:
"""

VALID = "".join(
    f"  - {{id: o{i}, date: 2025-01-{1 + i % 28:02d}, case: c1, kind: order, title: Order {i},"
    f" people: [p1], sources: [src, 'https://example.org/{i}']}}\n"
    f"  - {{id: d{i}, case: c1, kind: deadline, title: Due {i}, due: {{after: o{i}, days: 14}},"
    f" set_by: o{i}, met_by: o{i}, sources: [src]}}\n"
    f"  - {{date: 2025-02-{1 + i % 28:02d}T10:00-05:00, end: 2025-02-{1 + i % 28:02d}T11:00-05:00,"
    f" case: c1, kind: hearing, title: Hearing {i}, sources: [src]}}\n"
    for i in range(100)
)
LINE = 7 + 300 + 1  # the line of the event with the mistake, after HEAD and VALID

MISTAKES = [
    ("unknown kind", "{date: 2025-03-01, kind: ordr, title: T, sources: [src]}",
     "unknown kind 'ordr'; did you mean 'order'? [T201]"),
    ("unknown case", "{date: 2025-03-01, case: c2, kind: order, title: T, sources: [src]}",
     "unknown case id 'c2'; did you mean 'c1'? [T201]"),
    ("unknown person", "{date: 2025-03-01, people: [p2], kind: order, title: T, sources: [src]}",
     "unknown person id 'p2'; did you mean 'p1'? [T201]"),
    ("unknown source", "{date: 2025-03-01, kind: order, title: T, sources: [scr]}",
     "unknown source id 'scr'; did you mean 'src'? [T201]"),
    ("unknown met_by", "{id: x, case: c1, kind: deadline, title: T, date: 2025-03-01, "
     "met_by: o999, sources: [src]}",
     "met_by: unknown event id 'o999'; did you mean 'o99'? [T201]"),
    ("unknown replaces", "{id: x, case: c1, kind: deadline, title: T, date: 2025-03-01, "
     "replaces: q1, sources: [src]}",
     "replaces: unknown event id 'q1'; did you mean 'o1'? [T201]"),
    ("unknown trigger", "{id: x, case: c1, kind: deadline, title: T, "
     "due: {after: nope, days: 3}, sources: [src]}",
     "due: unknown event id 'nope' [T201]"),
    ("id twice", "{id: o5, date: 2025-03-01, kind: order, title: T, sources: [src]}",
     "duplicate event id 'o5' (first at events.yaml:23) [T202]"),
    ("deadline field on an order", "{date: 2025-03-01, kind: order, title: T, set_by: o1, "
     "sources: [src]}",
     "set_by is only for events of kind deadline (this one is order) [T203]"),
    ("no date", "{kind: order, title: T, sources: [src]}",
     "missing required field 'date' in this event [T102]"),
    ("time without a zone", "{date: 2025-03-01T10:00, kind: order, title: T, sources: [src]}",
     "date: '2025-03-01T10:00' has a time but no timezone: give the case a timezone, or "
     "write an offset such as -04:00 [T106]"),
    ("end before", "{date: 2025-03-05, end: 2025-03-01, kind: detention, title: T, "
     "sources: [src]}",
     "end: 2025-03-01 is before the event's date 2025-03-05 [T105]"),
]


@pytest.mark.parametrize("name,event,message", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_one_mistake_among_many_valid_events_is_found(run, write, name, event, message):
    write(HEAD + VALID + f"  - {event}\n")
    result = run("check", "--today", "2026-11-27")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith(f"events.yaml:{LINE}:"), errors[0]
    assert errors[0].endswith(message), errors[0]


def test_the_valid_events_alone_pass(run, write):
    write(HEAD + VALID)
    result = run("check", "--strict", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "events.yaml: 300 events in 1 case; 0 errors, 0 warnings")


WARNINGS = [
    ("no source", "{date: 2025-03-01, kind: order, title: T}",
     "this event has no source: add sources: [W301]"),
    ("deadline of no case", "{date: 2025-03-01, kind: deadline, title: T, sources: [src]}",
     "this deadline belongs to no case: add case: [W302]"),
    ("ruling in the future", "{date: 2027-03-01, kind: ruling, title: T, sources: [src]}",
     "date: 2027-03-01 is in the future, but a ruling cannot be scheduled; is the year right? "
     "[W303]"),
]


@pytest.mark.parametrize("name,event,message", WARNINGS, ids=[w[0] for w in WARNINGS])
def test_one_warning_among_many_valid_events_is_found(run, write, name, event, message):
    write(HEAD + VALID + f"  - {event}\n")
    result = run("check", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and warnings[0].endswith(message), result.stdout
    assert warnings[0].startswith(f"events.yaml:{LINE}:"), warnings[0]
