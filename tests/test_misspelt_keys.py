"""One misspelt key is one mistake: `timeline check` reports it once, as the unknown key with
its suggestion, never also as the required field it was meant to be (issue 14, item 8)."""

from __future__ import annotations

import pytest

# Each mapping the file has, with one key misspelt, and everything `timeline check` prints.
MISSPELT = [
    ("top of the file", "versoin: 1\nevents: []\n",
     ["events.yaml:1:1: error: unknown key 'versoin' at the top of the file; did you mean "
      "'version'? [T101]",
      "events.yaml: 0 events in 0 cases; 1 error, 0 warnings"]),
    ("source", "sources:\n  s1:\n    titel: A source\n",
     ["events.yaml:3:5: error: unknown key 'titel' in this source; did you mean 'title'? [T101]",
      "events.yaml: 0 events in 0 cases; 1 error, 0 warnings"]),
    ("person", "people:\n  p1: {nmae: A person}\n",
     ["events.yaml:2:8: error: unknown key 'nmae' in this person; did you mean 'name'? [T101]",
      "events.yaml: 0 events in 0 cases; 1 error, 0 warnings"]),
    ("case", "cases:\n  c1:\n    titel: A v. B\n    timezone: America/New_York\n",
     ["events.yaml:3:5: error: unknown key 'titel' in this case; did you mean 'title'? [T101]",
      "events.yaml: 0 events in 0 cases; 1 error, 0 warnings"]),
    ("kind", "kinds:\n  vigil: {lable: Vigil}\n",
     ["events.yaml:2:11: error: unknown key 'lable' in this kind; did you mean 'label'? [T101]",
      "events.yaml: 0 events in 0 cases; 1 error, 0 warnings"]),
    ("holidays", "holidays:\n  presidental: false\n",
     ["events.yaml:2:3: error: unknown key 'presidental' in holidays:; did you mean "
      "'presidential'? [T101]",
      "events.yaml: 0 events in 0 cases; 1 error, 0 warnings"]),
    ("closure", "closures:\n  - {dat: 2025-01-09}\n",
     ["events.yaml:2:6: error: unknown key 'dat' in this closure; did you mean 'date'? [T101]",
      "events.yaml: 0 events in 0 cases; 1 error, 0 warnings"]),
    ("event title", "sources:\n  s1: {title: S}\nevents:\n  - date: 2025-03-12\n"
     "    kind: order\n    titel: Order to show cause\n    sources: [s1]\n",
     ["events.yaml:6:5: error: unknown key 'titel' in this event; did you mean 'title'? [T101]",
      "events.yaml: 1 event (1 could not be read) in 0 cases; 1 error, 0 warnings"]),
    ("event kind", "sources:\n  s1: {title: S}\nevents:\n  - date: 2025-03-12\n"
     "    kidn: order\n    title: Order to show cause\n    sources: [s1]\n",
     ["events.yaml:5:5: error: unknown key 'kidn' in this event; did you mean 'kind'? [T101]",
      "events.yaml: 1 event (1 could not be read) in 0 cases; 1 error, 0 warnings"]),
    ("due", "sources:\n  s1: {title: S}\ncases:\n  c1: {title: A v. B}\nevents:\n"
     "  - {id: osc, date: 2025-03-03, case: c1, kind: order, title: OSC, sources: [s1]}\n"
     "  - id: return-due\n    case: c1\n    kind: deadline\n    title: Return due\n"
     "    sources: [s1]\n    due: {after: osc, dayz: 3}\n",
     ["events.yaml:12:23: error: unknown key 'dayz' in due:; did you mean 'days'? [T101]",
      "events.yaml: 2 events (1 could not be read) in 1 case; 1 error, 0 warnings"]),
]


@pytest.mark.parametrize("name,text,expected", MISSPELT, ids=[case[0] for case in MISSPELT])
def test_a_misspelt_key_is_one_error_with_its_suggestion(run, write, name, text, expected):
    write(text)
    result = run("check")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == expected


def test_a_required_field_missing_with_no_near_key_is_still_reported(run, write):
    # 'heading' is unknown and close to no field: 'title' is missing, a second mistake.
    write("sources:\n  s1: {heading: A source}\n")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events.yaml:2:7: error: missing required field 'title' in this source [T102]",
        "events.yaml:2:8: error: unknown key 'heading' in this source [T101]",
        "events.yaml: 0 events in 0 cases; 2 errors, 0 warnings",
    ]


def test_a_closure_without_its_date_names_the_date(run, write):
    write("cases:\n  c1: {title: C}\nclosures:\n  - {cases: [c1]}\n")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events.yaml:4:5: error: missing required field 'date' in this closure [T102]",
        "events.yaml: 0 events in 1 case; 1 error, 0 warnings",
    ]


def test_events_naming_a_case_person_source_or_kind_left_out_are_not_errors_too(run, write):
    # Each entry is left out for its misspelt key; the event that names them is not reported
    # again for naming what the file defines (the one mistake is the key).
    write("""\
        sources:
          s1: {titel: S}
        people:
          p1: {nmae: P}
        cases:
          c1: {titel: A v. B}
        kinds:
          vigil: {lable: Vigil}
        events:
          - {date: 2025-03-12, case: c1, people: p1, kind: vigil, title: T, sources: [s1]}
          - {date: 2025-03-12, case: c2, kind: vigl, title: U, sources: [s2]}
        """)
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events.yaml:2:8: error: unknown key 'titel' in this source; did you mean 'title'? [T101]",
        "events.yaml:4:8: error: unknown key 'nmae' in this person; did you mean 'name'? [T101]",
        "events.yaml:6:8: error: unknown key 'titel' in this case; did you mean 'title'? [T101]",
        "events.yaml:8:11: error: unknown key 'lable' in this kind; did you mean 'label'? [T101]",
        # ids the file never defines are still unknown
        "events.yaml:11:30: error: unknown case id 'c2' [T201]",
        "events.yaml:11:40: error: unknown kind 'vigl'; add it under kinds: [T201]",
        "events.yaml:11:66: error: unknown source id 's2' [T201]",
        "events.yaml: 2 events in 0 cases; 7 errors, 0 warnings",
    ]
