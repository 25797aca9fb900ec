"""The page a newsroom publishes (issue 14, item 21): its heading, the passed-deadlines box, the
explanations in sentences, dates in words that never break inside, in html and markdown."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import devtools
from conftest import BUNDLED, FIXED_TODAY
from htmltree import Node, parse

from timeline.render.html import STYLE

# A habeas case with deadlines counted every way an explanation can read: days, a chain, a
# holiday and a weekend moved over, hours, days before a hearing, court days with service.
HABEAS = """
    cases:
      habeas:
        title: Doe v. Warden
        timezone: America/New_York
        jurisdiction: US-MD
    events:
      - id: osc
        date: 2025-05-02
        case: habeas
        kind: order
        title: Order to show cause
      - id: return-due
        due: {after: osc, days: 3}
        case: habeas
        kind: deadline
        title: Return to the order to show cause
      - id: traverse
        due: {after: return-due, days: 1}
        case: habeas
        kind: deadline
        title: Traverse
      - id: status-order
        date: 2025-05-23
        case: habeas
        kind: order
        title: Order for a status report
      - id: status-report
        due: {after: status-order, days: 3}
        case: habeas
        kind: deadline
        title: Status report
      - id: weekend
        due: {after: osc, days: 1}
        case: habeas
        kind: deadline
        title: Notice of appearance
      - id: hearing
        date: 2025-05-05T17:00
        case: habeas
        kind: hearing
        title: Hearing on the petition
      - id: reply
        due: {after: hearing, hours: 24}
        case: habeas
        kind: deadline
        title: Reply brief
      - id: witnesses
        due: {before: hearing, days: 7}
        case: habeas
        kind: deadline
        title: Witness list
      - id: brief
        due: {after: osc, days: 10, count: court-days, service: mail}
        case: habeas
        kind: deadline
        title: Brief
      - date: 2025-05
        case: habeas
        kind: filing
        title: Petition filed in May
      - date: 2025
        kind: report
        title: A report of the year
"""
TODAY = "2025-05-06"
ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def export(run, path, *args: str, format: str = "html") -> str:  # type: ignore[no-untyped-def]
    result = run("export", "--format", format, "-f", str(path), "--today", TODAY, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout_bytes.decode("utf-8")


@pytest.fixture
def habeas(write) -> Path:  # type: ignore[no-untyped-def]
    return write(HABEAS)


def explain(page: Node, ident: str) -> list[str]:
    [steps] = page.by_id(f"habeas--{ident}").find_all("ul", cls="explain")
    return [li.text() for li in steps.find_all("li")]


# --title ---------------------------------------------------------------------------------------

def test_title_sets_the_heading_and_the_page_title(run, habeas):
    page = parse(export(run, habeas, "--title", "Doe's habeas case & its deadlines"))
    assert page.find_all("h1")[0].text() == "Doe's habeas case & its deadlines"
    assert page.find_all("title")[0].text() == "Doe's habeas case & its deadlines"


def test_without_title_the_heading_stays_the_cases_titles(run, habeas):
    page = parse(export(run, habeas))
    assert page.find_all("h1")[0].text() == "Timeline: Doe v. Warden"
    assert page.find_all("title")[0].text() == "Timeline: Doe v. Warden"


def test_a_hostile_title_stays_text_in_html_and_markdown(run, habeas):
    hostile = "<script>alert(1)</script> | *x* [a](javascript:b)"
    raw = export(run, habeas, "--title", hostile)
    assert "<script>" not in raw
    assert parse(raw).find_all("h1")[0].text() == hostile
    text = export(run, habeas, "--title", hostile, format="markdown")
    assert text.splitlines()[0] == (
        r"# \<script\>alert(1)\</script\> \| \*x\* \[a\](javascript:b)"
    )
    tokens = MarkdownIt("commonmark").parse(text)
    assert [t.type for t in tokens[1].children or []] == ["text"]  # no html, link or emphasis
    assert tokens[1].content.replace("\\", "") == hostile


def test_control_characters_in_a_title_are_shown_escaped_never_written_raw(run, habeas):
    # HTML forbids C0 and C1 controls in a page; a bidi override makes a line read otherwise.
    raw = export(run, habeas, "--title", "a\x1b[31m\u2028b\x7f\u202ec")
    assert not any(ch in raw for ch in "\x1b\u2028\x7f\u202e")
    assert parse(raw).find_all("h1")[0].text() == "a\\x1b[31m\\u2028b\\x7f\\u202ec"


def test_markdown_takes_the_title_too(run, habeas):
    text = export(run, habeas, "--title", "Doe v. Warden: deadlines", format="md")
    assert text.startswith("# Doe v. Warden: deadlines\n\nGenerated on May 6, 2025;")
    assert export(run, habeas, format="md").startswith("# Timeline\n\n")


@pytest.mark.parametrize("args, message", [
    (("--format", "json", "--title", "T"),
     "timeline: error: --title: only with --format html or markdown, the exports read as pages; "
     "json keeps its own titles"),
    (("--format", "csv", "--date-style", "iso"),
     "timeline: error: --date-style: only with --format html or markdown, the exports read as "
     "pages; csv keeps its own dates"),
    (("--format", "ics", "--date-style", "long"),
     "timeline: error: --date-style: only with --format html or markdown, the exports read as "
     "pages; ics keeps its own dates"),
    (("--format", "atom", "--title", "T"),
     "timeline: error: --title: only with --format html or markdown, the exports read as pages; "
     "atom keeps its own titles"),
    (("--format", "html", "--date-style", "lon"),
     "timeline: error: --date-style: unknown style 'lon'; did you mean 'long'?; one of: long, "
     "iso"),
    (("--format", "md", "--title", " "),
     "timeline: error: --title: empty; give the heading's text, or leave --title out for the "
     "cases' titles"),
])  # fmt: skip
def test_page_options_where_they_mean_nothing_are_usage_errors(run, args, message):
    result = run("export", "-f", str(BUNDLED), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message]


# The passed-deadlines box ------------------------------------------------------------------------

def test_the_passed_box_names_each_deadlines_case(run, habeas):
    page = parse(export(run, habeas))
    [box] = page.find_all("section", cls="alerts")
    assert [li.text() for li in box.find_all("li")] == [
        "PASSED 8 days ago · no outcome recorded Doe v. Warden: Witness list (due April 28, 2025)",
        "PASSED 1 day ago · no outcome recorded Doe v. Warden: Return to the order to show cause "
        "(due May 5, 2025)",
        "PASSED 1 day ago · no outcome recorded Doe v. Warden: Notice of appearance "
        "(due May 5, 2025)",
    ]
    names = [node.text() for node in box.find_all("span", cls="case-name")]
    assert names == ["Doe v. Warden"] * len(box.find_all("li"))


def test_the_passed_box_of_the_bundled_record_names_its_cases(run):
    result = run("export", "--format", "html", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    [box] = parse(result.stdout).find_all("section", cls="alerts")
    assert [li.text() for li in box.find_all("li")][0] == (
        "PASSED 574 days ago · no outcome recorded Abrego Garcia v. Noem: Plaintiffs to narrow "
        "their discovery requests (due May 2, 2025)"
    )


# Explanations in sentences -----------------------------------------------------------------------

def test_explanations_read_as_sentences_with_the_triggers_title(run, habeas):
    page = parse(export(run, habeas))
    assert explain(page, "return-due") == [
        "3 days after “Order to show cause” of Fri May 2, 2025, not counting that day "
        "(Fed. R. Civ. P. 6(a)(1))",
        "Day 3 is Mon May 5, 2025",
        "Due Mon May 5, 2025",
    ]
    assert explain(page, "traverse") == [
        "1 day after “Return to the order to show cause” (due Mon May 5, 2025), not counting "
        "that day (Fed. R. Civ. P. 6(a)(1))",
        "Day 1 is Tue May 6, 2025",
        "Due Tue May 6, 2025",
    ]
    assert explain(page, "status-report")[1:] == [
        "Day 3 is Mon May 26, 2025",
        "Mon May 26, 2025 is Memorial Day (legal holiday): moved to Tue May 27, 2025",
        "Due Tue May 27, 2025",
    ]
    assert explain(page, "weekend")[1:] == [
        "Day 1 is Sat May 3, 2025",
        "Sat May 3, 2025 is a Saturday: moved to Sun May 4, 2025",
        "Sun May 4, 2025 is a Sunday: moved to Mon May 5, 2025",
        "Due Mon May 5, 2025",
    ]


def test_timed_and_backward_and_court_day_explanations(run, habeas):
    page = parse(export(run, habeas))
    # A computed moment's zone by the one rule of issue 14 item 13: EDT, as a written one.
    assert explain(page, "reply") == [
        "24 hours after “Hearing on the petition” at Mon May 5, 2025, 5:00 PM EDT, every "
        "hour counted (Fed. R. Civ. P. 6(a)(2))",
        "Hour 24 ends Tue May 6, 2025, 5:00 PM EDT",
        "Due Tue May 6, 2025, 5:00 PM EDT",
    ]
    assert explain(page, "witnesses") == [
        "7 days before “Hearing on the petition” at Mon May 5, 2025, 5:00 PM EDT, not "
        "counting that day (Fed. R. Civ. P. 6(a)(1))",
        "Day 7 is Mon April 28, 2025",
        "Due Mon April 28, 2025",
    ]
    assert explain(page, "brief") == [
        "10 court days after “Order to show cause” of Fri May 2, 2025, counting only days that "
        "are neither a weekend nor a legal holiday (Fed. R. Civ. P. 6(a)(1))",
        "Court day 10 is Fri May 16, 2025",
        "Service by mail: 3 days added after the period would otherwise end "
        "(Fed. R. Civ. P. 6(d)): Mon May 19, 2025",
        "Due Mon May 19, 2025",
    ]


def test_no_explanation_shows_an_id_or_an_iso_timestamp(run, habeas):
    page = parse(export(run, habeas))
    steps = [li for ul in page.find_all("ul", cls="explain") for li in ul.find_all("li")]
    assert len(steps) >= 20
    for li in steps:
        assert not ISO_DATE.search(li.text()), li.text()
        assert "trigger:" not in li.text() and "(order)" not in li.text(), li.text()
    # ...while every date in them stays machine-readable, for the browser and for scripts.
    datetimes = [t.attrs["datetime"] for li in steps for t in li.find_all("time")]
    assert "2025-05-02" in datetimes and "2025-05-05T17:00-04:00" in datetimes


def test_a_hostile_trigger_title_stays_text_in_an_explanation(run, write):
    path = write(HABEAS.replace("title: Order to show cause",
                                "title: '<b>2025-01-01</b> & <script>x</script>'"))
    raw = export(run, path)
    assert "<script>x" not in raw and "<b>" not in raw
    assert explain(parse(raw), "return-due")[0].startswith(
        "3 days after “<b>2025-01-01</b> & <script>x</script>” of Fri May 2, 2025"
    )


# Date styles -------------------------------------------------------------------------------------

def when(page: Node, ident: str) -> str:
    node = page.by_id(ident)
    return node.find_all("p", cls="when")[0].text()


def test_long_dates_at_every_precision(run, habeas):
    page = parse(export(run, habeas))
    items = page.find_all("li", cls="event")
    by_title = {li.find_all("h3")[0].text(): li.find_all("p", cls="when")[0].text()
                for li in items}  # fmt: skip
    assert by_title["Order to show cause"] == "May 2, 2025"
    assert by_title["Petition filed in May"] == "May 2025"
    assert by_title["A report of the year"] == "2025"
    assert by_title["Hearing on the petition"] == "May 5, 2025, 5:00 PM EDT"
    assert by_title["Reply brief"] == "Due May 6, 2025, 5:00 PM EDT"
    meta = page.find_all("p", cls="meta")[0].text()
    assert meta.startswith("As of May 6, 2025 · ")
    assert page.find_all("footer")[0].text().startswith("Generated by timeline as of May 6, 2025.")


def test_iso_style_keeps_the_written_forms(run, habeas):
    page = parse(export(run, habeas, "--date-style", "iso"))
    by_title = {li.find_all("h3")[0].text(): li.find_all("p", cls="when")[0].text()
                for li in page.find_all("li", cls="event")}  # fmt: skip
    assert by_title["Order to show cause"] == "2025-05-02"
    assert by_title["Petition filed in May"] == "2025-05"
    assert by_title["Hearing on the petition"] == "2025-05-05 17:00 EDT"
    assert explain(page, "return-due")[:2] == [
        "3 days after “Order to show cause” of Fri 2025-05-02, not counting that day "
        "(Fed. R. Civ. P. 6(a)(1))",
        "Day 3 is Mon 2025-05-05",
    ]


def test_markdown_dates_in_both_styles(run, habeas):
    long = export(run, habeas, format="markdown")
    assert "| May 5, 2025, 5:00 PM EDT | Hearing | Hearing on the petition |" in long
    assert "| May 6, 2025, 5:00 PM EDT | Reply brief | DUE TODAY |" in long
    assert "| May 2025 | Filing | Petition filed in May |" in long
    assert "| 2025 | Report | A report of the year |" in long
    iso = export(run, habeas, "--date-style", "iso", format="markdown")
    assert "| 2025-05-05 17:00 EDT | Hearing | Hearing on the petition |" in iso
    assert "| 2025-05-06 17:00 EDT | Reply brief | DUE TODAY |" in iso
    assert iso.splitlines()[2] == "Generated on 2025-05-06; deadline statuses are as of that day."


def test_the_bundled_sources_are_dated_in_words_beside_their_link(run):
    result = run("export", "--format", "html", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    item = parse(result.stdout).by_id("abrego-garcia--xinis-order-2025-04-04")
    sources = item.find_all("ul", cls="sources")[0].find_all("li")
    # The date ends the text, outside the link, as a <time>; the title's own words are kept.
    assert sources[0].text() == ("Noem v. Abrego Garcia, No. 24A949, order of April 10, 2025, "
                                 "Supreme Court of the United States, April 10, 2025")  # fmt: skip
    [link] = sources[0].find_all("a")
    [time] = sources[0].find_all("time")
    assert sources[0].text() == link.text() + ", " + time.text()
    assert sources[1].find_all("time") == []  # a source with no date has none
    assert time.attrs["datetime"] == "2025-04-10"


# In a browser: no date broken over two lines ------------------------------------------------------

BROKEN_DATES = """(() => {
  const times = [...document.querySelectorAll('time')];
  const broken = times.filter((t) => t.getClientRects().length > 1).map((t) => t.textContent);
  return {count: times.length, broken, width: document.documentElement.clientWidth};
})()"""


def in_chromium(folder: Path, page: str, width: int, shot: Path) -> dict:  # type: ignore[type-arg]
    (folder / "page.html").write_text(page, encoding="utf-8")
    with devtools.serve(folder) as url, devtools.browser() as browser:
        browser.send("Emulation.setDeviceMetricsOverride", width=width, height=900,
                     deviceScaleFactor=1, mobile=width < 600)  # fmt: skip
        browser.open(url + "page.html")
        found = browser.evaluate(BROKEN_DATES)
        shot.write_bytes(browser.screenshot())
        assert browser.errors() == []
    return found  # type: ignore[no-any-return]


def wrapped_page(run, habeas) -> str:  # type: ignore[no-untyped-def]
    """The page with titles long enough that dates fall at the ends of lines."""
    text = HABEAS.replace("title: Order to show cause",
                          "title: Order to show cause why the writ should not be granted")
    habeas.write_text(text.replace("title: Doe v. Warden", "title: Doe v. Warden, Warden of "
                                   "the Baltimore Field Office"), encoding="utf-8")  # fmt: skip
    return export(run, habeas, "--title", "The habeas petition of John Doe and its deadlines")


@pytest.mark.parametrize("width", [375, 1280])
def test_no_date_breaks_over_two_lines_in_chromium(run, habeas, tmp_path, width):
    # TIMELINE_SCREENSHOTS=DIR keeps the screenshots for a person to look at.
    folder = Path(os.environ.get("TIMELINE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    found = in_chromium(tmp_path, wrapped_page(run, habeas), width,
                        folder / f"habeas-{width}.png")  # fmt: skip
    assert found["width"] == width
    assert found["count"] >= 40
    assert found["broken"] == []


def test_the_browser_check_sees_a_date_broken_without_the_rule(run, habeas, tmp_path):
    """The check above can fail: without ``time{white-space:nowrap}`` dates break at 375px."""
    rule = "time{white-space:nowrap}"
    assert rule in STYLE
    page = wrapped_page(run, habeas).replace(rule, "")
    found = in_chromium(tmp_path, page, 375, tmp_path / "without.png")
    assert found["broken"] != []


def test_an_explanation_names_a_local_mean_time_as_the_views_do(run, write):
    # New York kept local mean time (4:56:02 behind UTC) until 1883: LMT, as the other views say.
    path = write("""
        cases:
          c: {title: C, timezone: America/New_York}
        events:
          - id: h
            date: 1850-05-06T17:00
            case: c
            kind: hearing
            title: Old hearing
          - id: r
            due: {after: h, hours: 24}
            case: c
            kind: deadline
            title: Old reply
    """)
    [steps] = parse(export(run, path)).by_id("c--r").find_all("ul", cls="explain")
    assert [li.text() for li in steps.find_all("li")] == [
        "24 hours after “Old hearing” at Mon May 6, 1850, 5:00 PM LMT, every hour counted "
        "(Fed. R. Civ. P. 6(a)(2))",
        "Hour 24 ends Tue May 7, 1850, 5:00 PM LMT",
        "Due Tue May 7, 1850, 5:00 PM LMT",
    ]
