"""Each rejection of SPEC §2, reported as one exact PATH:LINE:COL line by `timeline check`."""

from __future__ import annotations

import pytest

HEAD = """\
sources:
  src: {title: A source}
people:
  p1: {name: A person}
cases:
  c1: {title: A v. B, timezone: America/New_York, jurisdiction: US-MD}
  bare: {title: No zone}
events:
"""  # events start at line 9

CASES = [
    # (name, events text appended to HEAD, the exact diagnostic line)
    ("bad indentation", "  - date: 2025-01-01\n   kind: order\n",
     "events.yaml:10:4: error: 'kind' is indented 3 spaces; the keys above it, 4: line it up "
     "with them [T002]"),
    ("tab", "  - date: 2025-01-01\n\tkind: order\n",
     "events.yaml:10:1: error: a tab: YAML indents with spaces only; replace the tab with "
     "spaces [T002]"),
    ("duplicate key", "  - date: 2025-01-01\n    date: 2025-01-02\n    kind: order\n    title: T\n"
     "    sources: [src]\n",
     "events.yaml:10:5: error: duplicate key 'date' (first at line 9) [T003]"),
    ("anchor", "  - date: &d 2025-01-01\n    kind: order\n    title: T\n",
     "events.yaml:9:11: error: anchor '&d' refused: anchors and aliases can expand without limit;"
     " repeat the value or refer to it by id [T004]"),
    ("tag", "  - date: !!timestamp 2025-01-01\n    kind: order\n    title: T\n",
     "events.yaml:9:11: error: tag 'tag:yaml.org,2002:timestamp' refused: YAML tags are never "
     "honoured [T005]"),
    ("unknown key", "  - date: 2025-01-01\n    kind: order\n    titel: T\n    title: T\n"
     "    sources: [src]\n",
     "events.yaml:11:5: error: unknown key 'titel' in this event; did you mean 'title'? [T101]"),
    ("missing title", "  - date: 2025-01-01\n    kind: order\n    sources: [src]\n",
     "events.yaml:9:5: error: missing required field 'title' in this event [T102]"),
    ("missing date", "  - kind: order\n    title: T\n    sources: [src]\n",
     "events.yaml:9:5: error: missing required field 'date' in this event [T102]"),
    ("empty title", "  - date: 2025-01-01\n    kind: order\n    title:\n    sources: [src]\n",
     "events.yaml:11:11: error: 'title' has no value [T102]"),
    ("wrong type", "  - date: 2025-01-01\n    kind: order\n    title: {a: b}\n    sources: [src]\n",
     "events.yaml:11:12: error: title: expected text, found a mapping [T103]"),
    ("event not a mapping", "  - just words\n",
     "events.yaml:9:5: error: event 1: expected a mapping, found text [T103]"),
    ("impossible date", "  - date: 2025-02-30\n    kind: order\n    title: T\n    sources: [src]\n",
     "events.yaml:9:11: error: date: '2025-02-30' is not a date: February 2025 has 28 days [T104]"),
    ("not a date", "  - date: March 5\n    kind: order\n    title: T\n    sources: [src]\n",
     "events.yaml:9:11: error: date: 'March 5' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or "
     "YYYY-MM-DDTHH:MM with an optional offset such as -04:00 [T104]"),
    ("bad certainty", "  - date: 2025-01-01\n    kind: order\n    title: T\n    sources: [src]\n"
     "    certainty: reportd\n",
     "events.yaml:13:16: error: certainty: 'reportd' is not one of: confirmed, reported, alleged,"
     " disputed; did you mean 'reported' (a source reports it)? [T104]"),
    ("far certainty", "  - date: 2025-01-01\n    kind: order\n    title: T\n    sources: [src]\n"
     "    certainty: sure\n",
     "events.yaml:13:16: error: certainty: 'sure' is not one of: confirmed, reported, alleged,"
     " disputed [T104]"),
    ("near status", "  - date: 2025-01-01\n    kind: deadline\n    title: T\n    sources: [src]\n"
     "    status: mised\n",
     "events.yaml:13:13: error: status: 'mised' is not one of: vacated, moot, met, missed;"
     " did you mean 'missed' (not done in time)? [T104]"),
    ("non-http source", "  - date: 2025-01-01\n    kind: order\n    title: T\n"
     "    sources: ['javascript:alert(1)']\n",
     "events.yaml:12:15: error: sources: 'javascript:alert(1)' is not an http or https URL [T104]"),
    ("end before date", "  - date: 2025-03-14\n    end: 2025-03-10\n    kind: detention\n"
     "    title: T\n    sources: [src]\n",
     "events.yaml:10:10: error: end: 2025-03-10 is before the event's date 2025-03-14 [T105]"),
    ("time without timezone", "  - date: 2025-03-14T10:00\n    case: bare\n    kind: order\n"
     "    title: T\n    sources: [src]\n",
     "events.yaml:9:11: error: date: '2025-03-14T10:00' has a time but no timezone: give the case"
     " a timezone, or write an offset such as -04:00 [T106]"),
    ("unknown case", "  - date: 2025-01-01\n    case: [c1, c2]\n    kind: order\n    title: T\n"
     "    sources: [src]\n",
     "events.yaml:10:16: error: unknown case id 'c2'; did you mean 'c1'? [T201]"),
    ("unknown person", "  - date: 2025-01-01\n    people: p2\n    kind: order\n    title: T\n"
     "    sources: [src]\n",
     "events.yaml:10:13: error: unknown person id 'p2'; did you mean 'p1'? [T201]"),
    ("unknown source", "  - date: 2025-01-01\n    kind: order\n    title: T\n    sources: [scr]\n",
     "events.yaml:12:15: error: unknown source id 'scr'; did you mean 'src'? [T201]"),
    ("unknown kind", "  - date: 2025-01-01\n    kind: ordr\n    title: T\n    sources: [src]\n",
     "events.yaml:10:11: error: unknown kind 'ordr'; did you mean 'order'? [T201]"),
    ("unknown event id", "  - id: order-1\n    date: 2025-01-01\n    kind: order\n    title: T\n"
     "    sources: [src]\n  - date: 2025-01-05\n    case: c1\n    kind: deadline\n    title: D\n"
     "    set_by: order-2\n    sources: [src]\n",
     "events.yaml:18:13: error: set_by: unknown event id 'order-2'; did you mean 'order-1'? [T201]"),
    ("duplicate id", "  - id: a\n    date: 2025-01-01\n    kind: order\n    title: T\n"
     "    sources: [src]\n  - id: a\n    date: 2025-01-02\n    kind: order\n    title: U\n"
     "    sources: [src]\n",
     "events.yaml:14:9: error: duplicate event id 'a' (first at events.yaml:9) [T202]"),
    ("deadline field on an order", "  - date: 2025-01-01\n    kind: order\n    title: T\n"
     "    met_by: x\n    sources: [src]\n",
     "events.yaml:12:5: error: met_by is only for events of kind deadline (this one is order)"
     " [T203]"),
    ("deadline with no due moment", "  - kind: deadline\n    case: c1\n    title: T\n"
     "    sources: [src]\n",
     "events.yaml:9:5: error: a deadline needs a due moment: write date: or due: {after: ID, "
     "days: N} [T204]"),
    ("deadline cycle", "  - id: d1\n    kind: deadline\n    case: c1\n    title: T\n"
     "    sources: [src]\n    due: {after: d2, days: 3}\n  - id: d2\n    kind: deadline\n"
     "    case: c1\n    title: U\n    sources: [src]\n    due: {after: d1, days: 3}\n",
     "events.yaml:14:10: error: due: a cycle of computed deadlines: d1 -> d2 -> d1 [T205]"),
    ("met_by and missed", "  - id: f\n    date: 2025-01-01\n    kind: filing\n    title: F\n"
     "    sources: [src]\n  - date: 2025-01-02\n    case: c1\n    kind: deadline\n    title: D\n"
     "    met_by: f\n    status: missed\n    sources: [src]\n",
     "events.yaml:19:13: error: status: missed contradicts met_by: remove one of them [T206]"),
    ("deadline replacing an order", "  - id: o\n    date: 2025-01-01\n    kind: order\n"
     "    title: O\n    sources: [src]\n  - date: 2025-01-05\n    case: c1\n    kind: deadline\n"
     "    title: D\n    replaces: o\n    sources: [src]\n",
     "events.yaml:18:15: error: replaces: 'o' is an order, not a deadline [T206]"),
    ("days too large", "  - id: o\n    date: 2025-01-01\n    kind: order\n    title: O\n"
     "    sources: [src]\n  - kind: deadline\n    case: c1\n    title: D\n    sources: [src]\n"
     "    due: {after: o, days: 99999999999999999999999}\n",
     "events.yaml:18:27: error: days: '99999999999999999999999' is too large: at most 999999"
     " [T104]"),
    ("days too small", "  - id: o\n    date: 2025-01-01\n    kind: order\n    title: O\n"
     "    sources: [src]\n  - kind: deadline\n    case: c1\n    title: D\n    sources: [src]\n"
     "    due: {after: o, days: -1234567}\n",
     "events.yaml:18:27: error: days: '-1234567' is too small: at least -999999 [T104]"),
    ("days not a number", "  - id: o\n    date: 2025-01-01\n    kind: order\n    title: O\n"
     "    sources: [src]\n  - kind: deadline\n    case: c1\n    title: D\n    sources: [src]\n"
     "    due: {after: o, days: 1.5}\n",
     "events.yaml:18:27: error: days: '1.5' is not a whole number [T104]"),
]


@pytest.mark.parametrize("name,events,expected", CASES, ids=[case[0] for case in CASES])
def test_each_rejection_is_reported_at_its_position(run, write, name, events, expected):
    write(HEAD + events)
    result = run("check")
    assert result.exit_code == 1, result.output
    assert expected in result.stdout.splitlines()
    assert "Traceback" not in result.output


WARNINGS = [
    # (name, events text appended to HEAD, the exact warning line): the file still passes
    ("event with no source", "  - date: 2025-01-01\n    kind: order\n    title: T\n",
     "events.yaml:9:5: warning: this event has no source: add sources: [W301]"),
    ("deadline with no case", "  - date: 2025-01-01\n    kind: deadline\n    title: T\n"
     "    sources: [src]\n",
     "events.yaml:9:5: warning: this deadline belongs to no case: add case: [W302]"),
    ("future ruling", "  - date: 2027-03-01\n    kind: ruling\n    title: T\n    sources: [src]\n",
     "events.yaml:9:11: warning: date: 2027-03-01 is in the future, but a ruling cannot be "
     "scheduled; is the year right? [W303]"),
    ("time skipped by daylight saving", "  - date: 2025-03-09T02:30\n    case: c1\n"
     "    kind: hearing\n    title: T\n    sources: [src]\n",
     "events.yaml:9:11: warning: date: 2025-03-09T02:30 does not exist in America/New_York: the "
     "clocks skipped 02:30 that day; it is read as 02:30 EST, that is 03:30 EDT; write the time "
     "that was meant [W304]"),
    ("end time shown twice", "  - date: 2025-11-01T09:00\n    end: 2025-11-02T01:30\n"
     "    case: c1\n    kind: hearing\n    title: T\n    sources: [src]\n",
     "events.yaml:10:10: warning: end: 2025-11-02T01:30 happens twice in America/New_York: the "
     "clocks went back over 01:30 that day; it is read as the first, 01:30 EDT, not 01:30 EST; "
     "write an offset (-04:00 or -05:00) to say which [W305]"),
]

# Times next to a change of the clock, or with an offset, are exact: no warning.
EXACT_TIMES = ["2025-03-09T01:59", "2025-03-09T03:00", "2025-03-09T02:30-05:00",
               "2025-11-02T00:59", "2025-11-02T02:00", "2025-11-02T01:30-05:00",
               "9999-12-31T23:59", "0001-01-01T00:00"]  # fmt: skip


@pytest.mark.parametrize("written", EXACT_TIMES)
def test_a_time_the_clock_shows_once_is_not_warned_about(run, write, written):
    write(HEAD + f"  - {{date: '{written}', case: c1, kind: hearing, title: T, sources: [src]}}\n")
    result = run("check", "--strict", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name,events,expected", WARNINGS, ids=[case[0] for case in WARNINGS])
def test_each_warning_is_reported_at_its_position(run, write, name, events, expected):
    write(HEAD + events)
    result = run("check", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:-1] == [expected]
    assert lines[-1].endswith("; 0 errors, 1 warning")


FILE_LEVEL = [
    ("unknown top-level key", "versoin: 1\n",
     "events.yaml:1:1: error: unknown key 'versoin' at the top of the file; did you mean "
     "'version'? [T101]"),
    ("unknown version", "version: 2\n",
     "events.yaml:1:10: error: version: unknown file format version '2' (this timeline reads "
     "version 1) [T007]"),
    ("unknown timezone", "cases:\n  c: {title: C, timezone: America/Baltimor}\n",
     "events.yaml:2:27: error: timezone: unknown timezone 'America/Baltimor' (write an IANA name "
     "such as America/New_York) [T107]"),
    ("unknown jurisdiction", "cases:\n  c:\n    title: C\n    jurisdiction: US-MX\n",
     "events.yaml:4:19: error: jurisdiction: unknown jurisdiction 'US-MX': write US or US- and a "
     "state code, such as US-MD; did you mean 'US-UM'? [T107]"),
    ("missing include", "include: [cases/abrego.yaml]\n",
     "events.yaml:1:11: error: include 'cases/abrego.yaml' not found (looked for "
     "cases/abrego.yaml) [T006]"),
    ("include of itself", "include: events.yaml\n",
     "events.yaml:1:10: error: include 'events.yaml' includes events.yaml again: a cycle [T006]"),
    ("not a mapping", "- a\n- b\n",
     "events.yaml:1:1: error: the file must be a mapping with keys such as cases: and events:"
     " [T103]"),
    ("events not a list", "events: {a: b}\n",
     "events.yaml:1:9: error: events: expected a list, found a mapping [T103]"),
    ("alias", "sources:\n  a: &s {title: A}\n  b: *s\n",
     "events.yaml:2:6: error: anchor '&s' refused: anchors and aliases can expand without limit; "
     "repeat the value or refer to it by id [T004]"),
    ("closure not a day", "closures: [2025-01]\n",
     "events.yaml:1:12: error: closures: '2025-01' must be a single day, written YYYY-MM-DD"
     " [T104]"),
    ("custom kind shadowing a built-in", "kinds:\n  arrest: {label: Arrest}\n",
     "events.yaml:2:3: error: duplicate kind id 'arrest': it is built in [T202]"),
]


@pytest.mark.parametrize("name,text,expected", FILE_LEVEL, ids=[case[0] for case in FILE_LEVEL])
def test_file_level_rejections(run, write, name, text, expected):
    write(text)
    result = run("check")
    assert result.exit_code == 1, result.output
    assert expected in result.stdout.splitlines()


def test_a_file_that_is_not_utf8_is_named_with_the_byte_position(run, tmp_path):
    (tmp_path / "events.yaml").write_bytes(b"events:\n  - title: Caf\xe9\n")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "events.yaml:2:15: error: the file is not UTF-8 (byte 0xe9); save it as UTF-8 [T001]"
    )


def test_include_cycle_through_another_file(run, write):
    write("include: [b.yaml]\n")
    write("include: [events.yaml]\n", name="b.yaml")
    result = run("check")
    assert result.exit_code == 1
    assert (
        "b.yaml:1:11: error: include 'events.yaml' includes events.yaml again: a cycle [T006]"
        in result.stdout.splitlines()
    )


def test_a_duplicate_case_across_included_files(run, write):
    write("include: [more.yaml]\ncases:\n  c: {title: C}\n")
    write("cases:\n  c: {title: Other}\n", name="more.yaml")
    result = run("check")
    assert result.exit_code == 1
    assert "more.yaml:2:3: error: duplicate case id 'c' (first at events.yaml:3) [T202]" in (
        result.stdout.splitlines()
    )


@pytest.mark.parametrize("section,entry,what", [
    ("people", "{name: P}", "person"),
    ("sources", "{title: S}", "source"),
    ("kinds", "{label: Vigil}", "kind"),
])  # fmt: skip
def test_a_duplicate_id_across_included_files_names_its_first_definition(
    run, write, section, entry, what
):
    write(f"include: [more.yaml]\n{section}:\n  extra: {entry}\n  x: {entry}\n")
    write(f"{section}:\n  x: {entry}\n", name="more.yaml")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"more.yaml:2:3: error: duplicate {what} id 'x' (first at events.yaml:4) [T202]"
    )
