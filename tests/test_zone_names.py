"""One rule names the zone of every time shown, written or computed (issue 14, item 13): the
case zone's abbreviation where the moment's offset is that zone's; an offset the file wrote,
as written. `show`, `deadlines`, `cases`, markdown, HTML and TimelineJS all say the same."""

from __future__ import annotations

import json
import re

import pytest

EVENTS = """\
sources:
  s: {title: S}
cases:
  c1: {title: A v. B, timezone: America/New_York}
  bare: {title: C v. D}
events:
  - {id: osc, date: 2025-04-07T10:00, case: c1, kind: order, title: OSC, sources: [s]}
  - {id: reply, case: c1, kind: deadline, title: Reply due, sources: [s],
     due: {after: osc, hours: 24}}
  - {id: central, date: 2025-04-07T10:00-05:00, case: c1, kind: order, title: Central,
     sources: [s]}
  - {id: after-central, case: c1, kind: deadline, title: After central, sources: [s],
     due: {after: central, hours: 24}}
  - {id: winter, case: c1, kind: deadline, title: Winter reply, sources: [s],
     due: {after: osc, hours: 5832}}
  - {id: written, date: 2025-04-09T17:00, case: c1, kind: deadline, title: Written due,
     sources: [s]}
  - {id: written-cdt, date: 2025-04-10T10:00-05:00, case: c1, kind: deadline,
     title: Written CDT due, sources: [s]}
  - {id: bare-order, date: 2025-04-07T10:00-04:00, case: bare, kind: order, title: Bare,
     sources: [s]}
  - {id: bare-due, case: bare, kind: deadline, title: Bare due, sources: [s],
     due: {after: bare-order, hours: 24}}
"""
TODAY = ("--today", "2025-04-01")


@pytest.fixture
def events(write):
    write(EVENTS)


def test_show_names_a_computed_time_by_its_zone_as_a_written_one(run, events):
    result = run("show", *TODAY, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2:12] == [
        "  Apr 7 10:00 EDT      order     c1    OSC",
        "  Apr 7 10:00 -05:00   order     c1    Central",
        "  Apr 7 10:00 -04:00   order     bare  Bare",
        "  Apr 8 10:00 EDT      deadline  c1    DUE IN 7 DAYS  Reply due",
        "  Apr 8 10:00 -04:00   deadline  bare  DUE IN 7 DAYS  Bare due",
        "  Apr 8 11:00 EDT      deadline  c1    DUE IN 7 DAYS  After central",
        "  Apr 9 17:00 EDT      deadline  c1    UPCOMING in 8 days  Written due",
        "  Apr 10 10:00 -05:00  deadline  c1    UPCOMING in 9 days  Written CDT due",
        "",
        "December 2025",
    ]
    assert "  Dec 8 09:00 EST      deadline  c1    UPCOMING in 251 days  Winter reply" in (
        result.stdout.splitlines()
    )


def test_deadlines_and_cases_name_it_the_same_and_keep_a_written_offset(run, events):
    listed = run("deadlines", *TODAY)
    assert listed.exit_code == 0, listed.output
    dues = [line for line in listed.stdout.splitlines() if line.startswith("  due ")]
    assert dues == [
        "  due          2025-04-08 10:00 EDT · in 7 days",
        "  due          2025-04-08 10:00 -04:00 · in 7 days",
        "  due          2025-04-08 11:00 EDT · in 7 days",
        "  due          2025-04-09 17:00 EDT · in 8 days",
        # written with its offset: as written, as `show` shows it (not 11:00 EDT)
        "  due          2025-04-10 10:00 -05:00 · in 9 days",
        "  due          2025-12-08 09:00 EST · in 251 days",
    ]
    cases = run("cases", *TODAY).stdout.splitlines()
    assert [line for line in cases if line.startswith("  next deadline")] == [
        "  next deadline  2025-04-08 10:00 EDT DUE IN 7 DAYS Reply due",
        "  next deadline  2025-04-08 10:00 -04:00 DUE IN 7 DAYS Bare due",
    ]


def test_markdown_names_it_the_same(run, events):
    # In the file's date forms; the zone names are the same in words (tests/test_html_page.py).
    result = run("export", "--format", "markdown", "--date-style", "iso", *TODAY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for row in (
        "| 2025-04-08 10:00 EDT | Deadline | Reply due (DUE IN 7 DAYS) | confirmed | [^1] |",
        "| 2025-04-10 10:00 -05:00 | Deadline | Written CDT due (UPCOMING in 9 days) | confirmed"
        " | [^1] |",
        "| 2025-12-08 09:00 EST | Winter reply | UPCOMING in 251 days | — | — |",
        "| 2025-04-08 10:00 -04:00 | Bare due | DUE IN 7 DAYS | — | — |",
    ):
        assert row in lines


def test_html_names_it_the_same(run, events):
    result = run("export", "--format", "html", "--date-style", "iso", *TODAY)
    assert result.exit_code == 0, result.output
    explained = re.findall(r'<ul class="explain">.*?</ul>', result.stdout, flags=re.S)
    times = re.findall(r"<time [^>]*>[^<]*</time>",
                       re.sub(r'<ul class="explain">.*?</ul>', "", result.stdout, flags=re.S))
    assert [t for t in times if "T" in t.split('"')[1]] == [
        '<time datetime="2025-04-07T10:00">2025-04-07 10:00 EDT</time>',
        '<time datetime="2025-04-07T10:00-05:00">2025-04-07 10:00 -05:00</time>',
        '<time datetime="2025-04-08T10:00-04:00">2025-04-08 10:00 EDT</time>',
        '<time datetime="2025-04-08T11:00-04:00">2025-04-08 11:00 EDT</time>',
        '<time datetime="2025-04-09T17:00">2025-04-09 17:00 EDT</time>',
        '<time datetime="2025-04-10T10:00-05:00">2025-04-10 10:00 -05:00</time>',
        '<time datetime="2025-12-08T09:00-05:00">2025-12-08 09:00 EST</time>',
        '<time datetime="2025-04-07T10:00-04:00">2025-04-07 10:00 -04:00</time>',
        '<time datetime="2025-04-08T10:00-04:00">2025-04-08 10:00 -04:00</time>',
    ]
    # The explanations of computed deadlines name each moment by the same rule.
    steps = [t for block in explained for t in re.findall(r"<time [^>]*>[^<]*</time>", block)]
    assert [t for t in steps if "T" in t.split('"')[1]] == [
        '<time datetime="2025-04-07T10:00-04:00">Mon 2025-04-07 10:00 EDT</time>',
        '<time datetime="2025-04-08T10:00-04:00">Tue 2025-04-08 10:00 EDT</time>',
        '<time datetime="2025-04-08T10:00-04:00">Tue 2025-04-08 10:00 EDT</time>',
        '<time datetime="2025-04-07T11:00-04:00">Mon 2025-04-07 11:00 EDT</time>',
        '<time datetime="2025-04-07T10:00-05:00">Mon 2025-04-07 10:00 -05:00</time>',
        '<time datetime="2025-04-08T11:00-04:00">Tue 2025-04-08 11:00 EDT</time>',
        '<time datetime="2025-04-08T11:00-04:00">Tue 2025-04-08 11:00 EDT</time>',
        '<time datetime="2025-04-07T10:00-04:00">Mon 2025-04-07 10:00 EDT</time>',
        '<time datetime="2025-12-06T09:00-05:00">Sat 2025-12-06 09:00 EST</time>',
        '<time datetime="2025-12-08T09:00-05:00">Mon 2025-12-08 09:00 EST</time>',
        '<time datetime="2025-04-07T10:00-04:00">Mon 2025-04-07 10:00 -04:00</time>',
        '<time datetime="2025-04-08T10:00-04:00">Tue 2025-04-08 10:00 -04:00</time>',
        '<time datetime="2025-04-08T10:00-04:00">Tue 2025-04-08 10:00 -04:00</time>',
    ]


def test_timelinejs_names_it_the_same(run, events):
    result = run("export", "--format", "timelinejs", *TODAY)
    assert result.exit_code == 0, result.output
    shown = {slide["text"]["headline"]: slide.get("display_date")
             for slide in json.loads(result.stdout)["events"]}  # fmt: skip
    assert shown == {
        "OSC": "2025-04-07 10:00 EDT",
        "Reply due": "2025-04-08 10:00 EDT",
        "Central": "2025-04-07 10:00 -05:00",
        "After central": "2025-04-08 11:00 EDT",
        "Winter reply": "2025-12-08 09:00 EST",
        "Written due": "2025-04-09 17:00 EDT",
        "Written CDT due": "2025-04-10 10:00 -05:00",
        "Bare": "2025-04-07 10:00 -04:00",
        "Bare due": "2025-04-08 10:00 -04:00",
    }
