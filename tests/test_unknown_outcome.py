"""A deadline whose day is over with no outcome recorded says so in words, in every view.

`passed` means that nothing in the record says whether the deadline was met; `missed` is the
outcome the record gives. A reader must be able to tell "we do not know yet" from "it was let
pass", in the terminal and in every export. tests/data/every_status.yaml at 2025-06-10 has one
of each: "Passed deadline" (due 2025-06-01) and "Missed deadline" (due 2025-05-01).
"""

from __future__ import annotations

import csv
import io
import json

from icalendar import Calendar
from markdown_it import MarkdownIt

from conftest import DATA
from htmltree import parse

EVERY_STATUS = str(DATA / "every_status.yaml")
TODAY = "2025-06-10"
NO_OUTCOME = "no outcome recorded"
PASSED = "PASSED 9 days ago · no outcome recorded"
MISSED = "MISSED 40 days ago"


def export(run, fmt: str) -> str:  # type: ignore[no-untyped-def]
    result = run("export", "--format", fmt, "-f", EVERY_STATUS, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def test_show_says_no_outcome_recorded_and_keeps_missed_plain(run) -> None:
    result = run("show", "-f", EVERY_STATUS, "--today", TODAY, "-k", "deadline",
                 "--until", "2025-06-01", env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  May 1            deadline  MISSED 40 days ago  Missed deadline" in lines
    assert f"  Jun 1            deadline  {PASSED}  Passed deadline" in lines


def test_deadlines_say_no_outcome_recorded_with_and_without_explain(run) -> None:
    for extra in ((), ("--explain",)):
        result = run("deadlines", "-f", EVERY_STATUS, "--today", TODAY, "--status", "passed",
                     "--status", "missed", *extra)  # fmt: skip
        assert result.exit_code == 0, result.output
        heads = [line for line in result.stdout.splitlines() if line and not line[0].isspace()]
        assert heads == [
            "MISSED 40 days ago  Missed deadline",
            f"{PASSED}  Passed deadline",
            "2 deadlines: 1 missed, 1 passed",
        ]


def test_cases_break_the_passed_count_down_into_missed_and_no_outcome(run) -> None:
    blocks = run("cases", "-f", EVERY_STATUS, "--today", TODAY).stdout.split("\n\n")
    assert blocks[0].splitlines()[-1] == "  passed         2 · 1 missed, 1 no outcome recorded"
    assert blocks[1].splitlines()[-1] == "  passed         0"


FOUR = """\
cases:
  a: {title: Case A}
events:
  - {date: 2025-05-01, case: a, kind: deadline, title: One}
  - {date: 2025-05-02, case: a, kind: deadline, title: Two}
  - {date: 2025-05-03, case: a, kind: deadline, title: Three, status: missed}
  - {date: 2025-05-04, case: a, kind: deadline, title: Four, status: missed}
"""


def test_the_passed_count_of_a_case_says_what_is_known(run, write) -> None:
    def passed_line(text: str) -> str:
        result = run("cases", "-f", str(write(text)), "--today", TODAY)
        return next(line for line in result.stdout.splitlines() if line.startswith("  passed"))

    assert passed_line(FOUR) == "  passed         4 · 2 missed, 2 no outcome recorded"
    assert passed_line(FOUR.replace(", status: missed", "")) == (
        "  passed         4 · no outcome recorded")
    assert passed_line(FOUR.replace("}", ", status: missed}").replace(
        "missed, status: missed", "missed")) == "  passed         4 · 4 missed"


def test_the_cases_table_keeps_its_columns_and_says_no_outcome_recorded(run) -> None:
    for width in (100, 120, 200):
        result = run("cases", "-f", EVERY_STATUS, "--today", TODAY, env={"COLUMNS": str(width)})
        lines = [line.rstrip() for line in result.stdout.splitlines()]
        assert all(len(line) <= width for line in lines), width
        assert lines[0].split() == ["Case", "Court", "Docket", "Events", "Last", "event", "Next",
                                    "deadline", "Passed"]  # fmt: skip
        at = lines[0].index("Passed")
        case_a = lines[2:next(n for n, line in enumerate(lines) if line.startswith("Case B"))]
        assert [line[at:] for line in case_a if line[at:]] == [
            "2", "1 missed", "1 no outcome", "recorded"], width
        assert lines[-1] == "2 cases · 2 deadlines passed"


def md_tokens(text: str):  # type: ignore[no-untyped-def]
    return MarkdownIt("commonmark").enable("table").parse(text)


def md_cells(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    tokens = md_tokens(text)
    for number, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and tokens[number - 1].type in ("td_open", "th_open"):
            rows[-1].append("".join(child.content for child in token.children or []
                                    if child.type == "text"))  # fmt: skip
    return rows


def test_markdown_tells_a_missed_deadline_from_one_whose_outcome_is_unknown(run) -> None:
    rows = md_cells(export(run, "markdown"))
    events = {row[2]: row for row in rows if len(row) == 5 and row[1] == "Deadline"}
    assert f"Passed deadline (⚠ {PASSED})" in events
    assert f"Missed deadline (⚠ {MISSED})" in events
    statuses = {row[1]: row[2] for row in rows if len(row) == 5 and row[0].endswith("2025")}
    assert statuses["Passed deadline"] == f"⚠ {PASSED}"
    assert statuses["Missed deadline"] == f"⚠ {MISSED}"


def test_html_badge_and_passed_box_say_no_outcome_recorded(run) -> None:
    page = parse(export(run, "html"))
    badges = {node.text() for node in page.find_all("strong", cls="badge")}
    assert PASSED in badges and MISSED in badges
    assert not any(NO_OUTCOME in badge for badge in badges if badge.startswith("MISSED"))
    [box] = page.find_all("section", cls="alerts")
    assert box.find_all("h2")[0].text() == "Deadlines passed and not recorded as met"
    items = [li.text() for li in box.find_all("li")]
    assert items == [f"{MISSED} Case A: Missed deadline (due May 1, 2025)",
                     f"{PASSED} Case A: Passed deadline (due June 1, 2025)"]  # fmt: skip
    meta = page.find_all("p", cls="meta")[0].text()
    assert "2 passed, not recorded as met" in meta and "unmet" not in meta


def test_csv_keeps_the_status_token_and_adds_the_words(run) -> None:
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(export(run, "csv")))}
    assert rows["Passed deadline"]["status"] == "passed"
    assert rows["Passed deadline"]["status_text"] == PASSED
    assert rows["Missed deadline"]["status"] == "missed"
    assert rows["Missed deadline"]["status_text"] == MISSED
    assert rows["Met deadline"]["status_text"] == "MET"
    assert rows["Filed early"]["status_text"] == ""


def test_ics_summary_and_description_say_no_outcome_recorded(run) -> None:
    calendar = Calendar.from_ical(export(run, "ics"))
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    passed = events["Deadline (PASSED, no outcome recorded): Passed deadline"]
    assert f"Status as of {TODAY}: {PASSED}" in str(passed["description"])
    missed = events["Deadline (MISSED): Missed deadline"]
    assert NO_OUTCOME not in str(missed["description"])


def test_timelinejs_slides_say_no_outcome_recorded(run) -> None:
    document = json.loads(export(run, "timelinejs"))
    slides = {slide["text"]["headline"]: slide["text"]["text"] for slide in document["events"]}
    assert slides["Passed deadline"].startswith(f"<p><strong>{PASSED}</strong></p>")
    assert slides["Missed deadline"].startswith(f"<p><strong>{MISSED}</strong></p>")
    assert NO_OUTCOME not in slides["Missed deadline"]
    title = document["title"]["text"]["text"]
    assert "2 passed, not recorded as met" in title and "unmet" not in title


def test_json_keeps_the_status_token(run) -> None:
    document = json.loads(export(run, "json"))
    statuses = {event["title"]: event["deadline"]["status"] for event in document["events"]
                if event.get("deadline")}  # fmt: skip
    assert statuses["Passed deadline"] == "passed"
    assert statuses["Missed deadline"] == "missed"
