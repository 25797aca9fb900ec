"""`timeline add`: the event lands at the end of events:, the file keeps its layout, checks pass."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from conftest import BUNDLED, FIXED_TODAY

SMALL = """\
# Our cases.
version: 1

sources:
  paper:
    title: A paper   # the only source

cases:
  c1:
    title: One v. Two
    timezone: America/New_York

events:
  # --- 2025 ---
  - id: first
    date: 2025-03-12
    case: c1
    kind: arrest
    title: Arrested
    sources: [paper]

  - id: order
    date: 2025-04-30
    case: c1
    kind: order
    title: Order setting deadlines
    sources: [paper]   # trailing comment
"""


def added_lines(before: str, after: str) -> list[str]:
    """The lines the diff adds; fail if it removes or changes any."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "a line was removed or changed"
    return [line[2:] for line in diff if line.startswith("+ ")]


def export_events(run, *args: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "json", "--today", FIXED_TODAY, *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["events"]


def check_ok(run, *args: str):
    result = run("check", "--today", FIXED_TODAY, *args)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_add_appends_only_new_lines_and_derives_an_id(run, write):
    path = write(SMALL)
    result = run("add", "--date", "May 7 2025", "--kind", "statement", "--title",
                 "State secrets invoked", "--case", "c1", "--source", "paper", "--tag", "discovery")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Added 2025-05-07-state-secrets-invoked to events.yaml (line 29).\n"
    after = path.read_text()
    assert added_lines(SMALL, after) == [
        "",
        "  - id: 2025-05-07-state-secrets-invoked",
        "    date: 2025-05-07",
        "    case: c1",
        "    kind: statement",
        "    title: State secrets invoked",
        "    sources: [paper]",
        "    tags: [discovery]",
    ]
    assert after.startswith(SMALL)
    check_ok(run)


def test_same_title_twice_gets_a_numbered_id(run, write):
    write(SMALL)
    for _ in range(3):
        assert run("add", "--date", "2025-05-07", "--kind", "other", "--title", "Hearing moved",
                   "--source", "paper").exit_code == 0  # fmt: skip
    ids = [event["id"] for event in export_events(run)]
    assert ids[-3:] == ["2025-05-07-hearing-moved", "2025-05-07-hearing-moved-2",
                        "2025-05-07-hearing-moved-3"]  # fmt: skip


def test_add_into_the_bundled_file_keeps_every_comment(run, tmp_path: Path) -> None:
    copy = tmp_path / "events.yaml"
    shutil.copy(BUNDLED, copy)
    before = copy.read_text(encoding="utf-8")
    result = run("add", "--date", "2025-05-07", "--kind", "filing", "--title",
                 "Government invokes the state secrets privilege", "--case", "abrego-garcia",
                 "--source", "cecot-article", "--person", "kilmar-abrego-garcia",
                 "--certainty", "reported")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = copy.read_text(encoding="utf-8")
    new = added_lines(before, after)
    assert "  - id: 2025-05-07-government-invokes-the-state-secrets-privilege" in new
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    check_ok(run)
    event = next(
        e for e in export_events(run)
        if e["id"] == "2025-05-07-government-invokes-the-state-secrets-privilege"
    )
    assert event["certainty"] == "reported"
    assert event["people"] == ["kilmar-abrego-garcia"]


def test_a_refused_add_changes_nothing(run, write):
    path = write(SMALL)
    before = path.read_bytes()
    result = run("add", "--date", "2025-05-07", "--kind", "arest", "--title", "x", "--case", "c1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "timeline: error: unknown kind 'arest'; did you mean 'arrest'? [T201]",
        "timeline: error: nothing was written",
    ]
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["events.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--case", "c2"], "unknown case id 'c2'"),
        (["--id", "first"], "duplicate"),
        (["--certainty", "sure"], "'sure' is not one of: confirmed, reported, alleged, disputed"),
        (["--met-by", "order"], "T203"),
    ],
)
def test_invalid_events_are_refused_byte_identical(run, write, args, message):
    path = write(SMALL)
    before = path.read_bytes()
    result = run("add", "--date", "2025-05-07", "--kind", "other", "--title", "x",
                 "--source", "paper", *args)  # fmt: skip
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr
    assert path.read_bytes() == before


def test_usage_errors_exit_2_and_change_nothing(run, write):
    path = write(SMALL)
    before = path.read_bytes()
    bad_date = run("add", "--date", "03/04/2025", "--kind", "other", "--title", "x")
    assert bad_date.exit_code == 2
    assert "--date: '03/04/2025' is ambiguous" in bad_date.stderr
    no_date = run("add", "--kind", "other", "--title", "x")
    assert no_date.exit_code == 2
    assert "--date is required" in no_date.stderr
    half_due = run("add", "--kind", "deadline", "--title", "x", "--due-after", "order")
    assert half_due.exit_code == 2
    assert path.read_bytes() == before


def test_file_with_errors_is_not_touched(run, write):
    path = write(SMALL.replace("kind: arrest", "kind: arrestt"))
    before = path.read_bytes()
    result = run("add", "--date", "2025-05-07", "--kind", "other", "--title", "x")
    assert result.exit_code == 1
    assert "events.yaml:18:11: error: unknown kind 'arrestt'" in result.stderr
    assert "fix them first" in result.stderr
    assert path.read_bytes() == before


def test_a_computed_deadline(run, write):
    path = write(SMALL)
    result = run("add", "--kind", "deadline", "--title", "Answer due", "--case", "c1",
                 "--due-after", "order", "--days", "14", "--set-by", "order", "--source", "paper")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert path.read_text().endswith(
        "  - id: answer-due\n    due:\n      after: order\n      days: 14\n    case: c1\n"
        "    kind: deadline\n    title: Answer due\n    set_by: order\n    sources: [paper]\n"
    )
    check_ok(run)
    deadline = export_events(run)[-1]
    assert deadline["deadline"]["due"] == "2025-05-14"


def test_values_are_quoted_only_where_yaml_needs_it(run, write):
    path = write(SMALL)
    titles = ["No", "Ruling: stay # denied", "- dash first", "'quoted'", "Ünïcödé – fine"]
    for title in titles:
        assert run("add", "--date", "2025", "--kind", "other", "--title", title,
                   "--source", "https://example.org/a?b=c#d").exit_code == 0  # fmt: skip
    text = path.read_text()
    assert 'title: "No"' in text
    assert 'title: "Ruling: stay # denied"' in text
    assert "title: Ünïcödé – fine" in text
    assert "sources: [https://example.org/a?b=c#d]" in text
    read_back = [e["title"] for e in export_events(run) if e["date"] == "2025"]
    assert read_back == titles  # same year: they keep file order


def test_multi_line_details_become_a_block(run, write):
    path = write(SMALL)
    details = "First paragraph.\n\nSecond: with a colon and a # hash.\n"
    result = run("add", "--date", "2025-05-07T17:00", "--kind", "other", "--title", "Late",
                 "--details", details, "--source", "paper", "--case", "c1")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert path.read_text().endswith(
        "    details: |\n      First paragraph.\n\n      Second: with a colon and a # hash.\n"
        "    sources: [paper]\n"
    )
    event = export_events(run)[-1]
    assert (event["details"], event["date"]) == (details, "2025-05-07T17:00")


LAYOUTS = {
    "dash at column 0, no blank lines": (
        "events:\n- id: a\n  date: 2025\n  kind: other\n  title: A\n  sources: [https://x.org]\n",
        "- id: new\n  date: 2025-05-07\n  kind: other\n  title: New\n  sources: [https://x.org]\n",
    ),
    "no newline at the end": (
        "events:\n  - id: a\n    date: 2025\n    kind: other\n    title: A\n    sources: [https://x.org]",
        "\n  - id: new\n    date: 2025-05-07\n",
    ),
    "no events key": ("version: 1\n# nothing yet", "\n\nevents:\n  - id: new\n"),
    "empty events key": ("events:  # none yet\nversion: 1\n", "events:  # none yet\n  - id: new\n"),
    "empty flow list": ("version: 1\nevents: []  # none yet\n", "events:  # none yet\n  - id: new\n"),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_layouts(run, write, name):
    text, expected = LAYOUTS[name]
    path = write(text)
    path.write_text(text)  # write() dedents and strips; these files are exact
    result = run("add", "--id", "new", "--date", "2025-05-07", "--kind", "other", "--title", "New",
                 "--source", "https://x.org")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = path.read_text()
    assert expected in after
    assert [e["id"] for e in export_events(run)][-1] == "new"
    check_ok(run)


def test_events_before_other_sections(run, write):
    text = ("events:\n  - id: a\n    date: 2025\n    kind: other\n    title: A\n"
            "    sources: [s]\n\n# Sources below.\nsources:\n  s: {title: S}\n")  # fmt: skip
    path = write(text)
    path.write_text(text)
    assert run("add", "--id", "b", "--date", "2026", "--kind", "other", "--title", "B",
               "--source", "s").exit_code == 0  # fmt: skip
    after = path.read_text()
    assert after == text.replace(
        "    sources: [s]\n", "    sources: [s]\n  - id: b\n    date: 2026\n    kind: other\n"
        "    title: B\n    sources: [s]\n", 1,
    )  # fmt: skip
    check_ok(run)


def test_crlf_and_bom_are_kept(run, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    original = "\ufeffevents:\r\n  - id: a\r\n    date: 2025\r\n    kind: other\r\n    title: A\r\n    sources: [https://x.org]\r\n"
    path.write_bytes(original.encode("utf-8"))
    assert run("add", "--id", "b", "--date", "2026", "--kind", "other", "--title", "B",
               "--source", "https://x.org").exit_code == 0  # fmt: skip
    data = path.read_bytes()
    assert data.startswith(original.encode("utf-8"))
    assert data.endswith(b"    title: B\r\n    sources: [https://x.org]\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    check_ok(run)


def test_a_non_empty_flow_list_is_refused(run, write):
    path = write("events: [{id: a, date: 2025, kind: other, title: A, sources: [https://x.org]}]\n")
    before = path.read_bytes()
    result = run("add", "--date", "2026", "--kind", "other", "--title", "B")
    assert result.exit_code == 1
    assert "events: is written as a [...] list" in result.stderr
    assert path.read_bytes() == before


def test_to_names_an_included_file(run, write):
    root = write("include: [more.yaml]\nsources:\n  s: {title: S}\nevents: []\n")
    more = write("events:\n  - id: a\n    date: 2025\n    kind: other\n    title: A\n    sources: [s]\n",
                 "more.yaml")  # fmt: skip
    root_before = root.read_bytes()
    result = run("add", "--to", "more.yaml", "--id", "b", "--date", "2026", "--kind", "other",
                 "--title", "B", "--source", "s")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Added b to more.yaml (line 7).\n"
    assert root.read_bytes() == root_before
    assert more.read_text().endswith("  - id: b\n    date: 2026\n    kind: other\n    title: B\n    sources: [s]\n")
    wrong = run("add", "--to", "other.yaml", "--date", "2026", "--kind", "other", "--title", "C")
    assert wrong.exit_code == 2


def test_dry_run_prints_and_changes_nothing(run, write):
    path = write(SMALL)
    before = path.read_bytes()
    result = run("add", "--dry-run", "--date", "2025-05-07", "--kind", "other", "--title", "X",
                 "--source", "paper")  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == (
        "Would add to events.yaml at line 29:\n  - id: 2025-05-07-x\n    date: 2025-05-07\n"
        "    kind: other\n    title: X\n    sources: [paper]\n"
    )
    assert path.read_bytes() == before


def test_new_warnings_are_shown_with_their_line(run, write):
    write(SMALL)
    result = run("add", "--id", "nosource", "--date", "2025-05-07", "--kind", "other", "--title", "X")
    assert result.exit_code == 0
    assert result.stderr.startswith("events.yaml:29:5: warning: ")
    assert "[W301]" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nevents:\n  - id: x\n    details: |\n      hi\n\n\n  # comment\n\nother: 2\n",
        "events:\n- id: x\n  title: t  # c\n\n- id: y\n  title: u\n",
        "events:\n  - id: x\n    details: |+\n      kept\n\n\nz: 1\n",
        "events:\n  -\n    id: x\n    title: t\n  - {id: y, title: u}\n# end\n",
    ],
)
def test_the_quick_path_and_the_full_scan_agree(text: str) -> None:
    from timeline.yamlappend import append_items
    from timeline.yamltree import read_yaml

    items = [{"id": "new", "date": "2025", "kind": "other", "title": "New"}]
    tree = read_yaml(text, "events.yaml", [])
    quick = append_items(text, items, tree)
    full = append_items(text, items)
    assert quick == full
    assert read_yaml(quick[0], "events.yaml", [])["events"][:-1] == tree["events"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(min_size=1, max_size=30),
    tags=st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=3),
)
def test_any_text_is_written_so_it_reads_back_the_same(title: str, tags: list[str]) -> None:
    from timeline.yamltext import item_lines
    from timeline.yamltree import read_yaml

    fields = {"id": "x", "title": title, "details": title + "\n" + title, "tags": tags}
    text = "events:\n" + "\n".join(item_lines(fields, 2, 4)) + "\n"  # type: ignore[arg-type]
    diagnostics: list = []  # type: ignore[type-arg]
    tree = read_yaml(text, "events.yaml", diagnostics)
    assert diagnostics == []
    assert tree == {"events": [fields]}


# What add computed, and every field (issue 14, item 2) -------------------------------------


def test_a_computed_deadline_says_when_it_is_due_and_why(run, write):
    write(SMALL)
    done = run("add", "--kind", "deadline", "--title", "Answer due", "--case", "c1",
               "--due-after", "order", "--days", "3", "--source", "paper", "--today", FIXED_TODAY)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    # Wed 2025-04-30 + 3 = Sat 2025-05-03: moved to Monday, as `deadlines --explain` says.
    assert done.stdout == (
        "Added answer-due to events.yaml (line 29): due Mon 2025-05-05, 3 days after order "
        "(Fed. R. Civ. P. 6(a)(1)), moved past 2025-05-03 Saturday; 2025-05-04 Sunday\n"
    )
    explain = run("deadlines", "--explain", "--today", FIXED_TODAY).stdout
    assert "2025-05-03 Saturday -> 2025-05-04" in explain
    assert "(Fed. R. Civ. P. 6(a)(1))" in explain


def test_dry_run_says_when_it_would_be_due(run, write):
    path = write(SMALL)
    done = run("add", "--kind", "deadline", "--title", "Reply", "--case", "c1", "--due-after",
               "order", "--days", "5", "--count", "court-days", "--service", "mail",
               "--source", "paper", "--dry-run")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        "Would add to events.yaml at line 29:\n  - id: reply\n    due:\n      after: order\n"
        "      days: 5\n      count: court-days\n      service: mail\n    case: c1\n"
        "    kind: deadline\n    title: Reply\n    sources: [paper]\n"
        "It would be due Mon 2025-05-12, 5 court days after order (Fed. R. Civ. P. 6(a)(1)), "
        "and 3 days for service by mail (Fed. R. Civ. P. 6(d)), moved past 2025-05-10 Saturday; "
        "2025-05-11 Sunday.\n"
    )
    assert path.read_text() == SMALL


@pytest.mark.parametrize(
    ("args", "written", "said"),
    [
        (["--due-after", "order", "--hours", "48"],
         ["    due:", "      after: order", "      hours: 48"],
         ": due Fri 2025-05-02 00:00 EDT, 48 hours after order (Fed. R. Civ. P. 6(a)(2))"),
        (["--due-before", "order", "--days", "7"],
         ["    due:", "      before: order", "      days: 7"],
         ": due Wed 2025-04-23, 7 days before order (Fed. R. Civ. P. 6(a)(1))"),
        (["--due-after", "order", "--period", "notice-of-appeal", "--clerk", "US-VA"],
         ["    due:", "      after: order", "      period: notice-of-appeal", "      clerk: US-VA"],
         ": due Fri 2025-05-30, 30 days after order (notice-of-appeal, FRAP 4(a)(1)(A); "
         "counted by FRAP 26(a)(1))"),
        (["--due-after", "order", "--days", "10", "--rules", "scotus"],
         ["    due:", "      after: order", "      days: 10", "      rules: scotus"],
         ": due Mon 2025-05-12, 10 days after order (S. Ct. R. 30.1), moved past 2025-05-10 "
         "Saturday; 2025-05-11 Sunday"),
        (["--date", "2025-05-05T17:00", "--status", "vacated"],
         ["    date: 2025-05-05T17:00", "    status: vacated"], ": due Mon 2025-05-05 17:00 EDT"),
        # An offset written that is not the zone's stays as written, as `deadlines` shows it.
        (["--date", "2025-05-05T17:00-05:00"], ["    date: 2025-05-05T17:00-05:00"],
         ": due Mon 2025-05-05 17:00 -05:00"),
        # A negative count after an event is counted before it, and said so.
        (["--due-after", "order", "--days", "-7"], ["    due:", "      after: order",
                                                    "      days: -7"],
         ": due Wed 2025-04-23, 7 days before order (Fed. R. Civ. P. 6(a)(1))"),
        (["--due-before", "order", "--hours", "24"], ["    due:", "      before: order",
                                                     "      hours: 24"],
         ": due Tue 2025-04-29 00:00 EDT, 24 hours before order (Fed. R. Civ. P. 6(a)(2))"),
    ],
)
def test_every_deadline_field_is_written_and_read_back(run, write, args, written, said):
    path = write(SMALL)
    done = run("add", "--kind", "deadline", "--title", "D", "--id", "d", "--case", "c1",
               "--source", "paper", *args)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"Added d to events.yaml (line 29){said}\n"
    new = added_lines(SMALL, path.read_text())
    assert [line for line in new if line in written] == written
    check_ok(run)


def test_end_circa_and_replaces(run, write):
    path = write(SMALL)
    first = run("add", "--kind", "deadline", "--title", "Answer", "--id", "answer", "--case", "c1",
                "--date", "2025-05-09", "--source", "paper")  # fmt: skip
    assert first.stdout == "Added answer to events.yaml (line 29): due Fri 2025-05-09\n"
    done = run("add", "--kind", "deadline", "--title", "Answer, extended", "--id", "answer-2",
               "--case", "c1", "--date", "May 23 2025", "--replaces", "answer",
               "--source", "paper")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    held = run("add", "--kind", "detention", "--title", "Held", "--date", "2025-03", "--end",
               "2025-04-02", "--circa", "--case", "c1", "--source", "paper")  # fmt: skip
    assert held.stdout == "Added 2025-03-held to events.yaml (line 44).\n"
    new = added_lines(SMALL, path.read_text())
    assert "    replaces: answer" in new
    assert new[-9:] == [
        "", "  - id: 2025-03-held", "    date: 2025-03", "    end: 2025-04-02", "    circa: true",
        "    case: c1", "    kind: detention", "    title: Held", "    sources: [paper]",
    ]
    events = {e["id"]: e for e in export_events(run)}
    assert events["answer"]["deadline"]["status"] == "extended"
    assert events["2025-03-held"]["end"] == "2025-04-02"
    check_ok(run)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--due-after", "order", "--days", "3", "--hours", "5"],
         "timeline: error: due: give either days: or hours:, not both [T204]"),
        (["--due-after", "order", "--hours", "5", "--count", "court-days"],
         "timeline: error: due: count: court-days goes with days:, not hours: [T206]"),
        (["--due-after", "order", "--days", "3", "--count", "court"],
         "timeline: error: count: 'court' is not one of: calendar-days, court-days; did you "
         "mean 'court-days'? [T104]"),
        (["--due-after", "order", "--days", "3", "--service", "fax"],
         "timeline: error: service: unknown service method 'fax': one of mail, clerk, other, "
         "hand, electronic, carrier [T104]"),
        (["--due-after", "order", "--period", "answr"],
         "timeline: error: period: unknown period 'answr'; did you mean 'answer' (21 days, FRCP "
         "12(a)(1)(A)(i))? [T104]"),
        (["--due-after", "order", "--days", "3", "--status", "sure"],
         "timeline: error: status: 'sure' is not one of: vacated, moot, met, missed [T104]"),
        (["--date", "2025-05-01", "--end", "2025-04-01"],
         "timeline: error: end: 2025-04-01 is before the event's date 2025-05-01 [T105]"),
        (["--due-after", "order", "--days", "3", "--replaces", "first"],
         "timeline: error: replaces: 'first' is an arrest, not a deadline [T206]"),
    ],
)
def test_each_invalid_field_is_refused_with_the_checks_message(run, write, args, message):
    path = write(SMALL)
    done = run("add", "--kind", "deadline", "--title", "D", "--case", "c1", "--source", "paper",
               *args)  # fmt: skip
    assert done.exit_code == 1, done.stdout
    assert done.stderr.splitlines() == [message, "timeline: error: nothing was written"]
    assert path.read_text() == SMALL


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "3"], "timeline: error: --days counts from an event: give --due-after ID (or "
         "--due-before ID) too"),
        (["--date", "2025-05-01", "--service", "mail"], "timeline: error: --service counts from "
         "an event: give --due-after ID (or --due-before ID) too"),
        (["--due-before", "order"], "timeline: error: --due-after and --due-before count from an "
         "event: give --days N, --hours N or --period NAME too"),
        (["--date", "2025-05-01", "--end", "03/04/2025"], "timeline: error: --end: '03/04/2025' "
         "is ambiguous (day and month could be either way); write 2025-05-05, May 5 2025 or "
         "5 May 2025"),
    ],
)
def test_incomplete_counts_are_usage_errors(run, write, args, message):
    path = write(SMALL)
    done = run("add", "--kind", "deadline", "--title", "D", *args)
    assert done.exit_code == 2
    assert done.stderr == message + "\n"
    assert path.read_text() == SMALL


@pytest.mark.parametrize("option", ["--status", "--count", "--service", "--rules", "--kind",
                                    "--case", "--id", "--source", "--tag"])
def test_an_id_or_choice_with_a_line_break_is_refused(run, write, option):
    path = write(SMALL)
    counted = ["--due-after", "order", "--days", "3"]
    args = counted if option in ("--count", "--service", "--rules") else ["--date", "2025-05-05"]
    base = {"--kind": "deadline", "--case": "c1", "--source": "paper", "--title": "D"}
    base[option] = "met\n"
    flat = [part for pair in base.items() for part in pair]
    done = run("add", *flat, *args)
    assert done.exit_code == 2
    assert done.stderr == (f"timeline: error: {option}: 'met\\n' has a line break or a control "
                           "character; an id or a choice is one line of plain text\n")
    assert path.read_text() == SMALL


def test_a_comment_under_the_last_event_stays_with_it(run, tmp_path):
    # `timeline init`'s deadline ends with a hint about its status: an event added after it
    # must not take the hint away from the deadline it is about.
    assert run("init").exit_code == 0
    before = (tmp_path / "events.yaml").read_text()
    hint = "    # status: met                 # when it is settled: met, missed, vacated or moot\n"
    assert before.endswith("    sources: [docket]\n" + hint)
    done = run("add", "--title", "Return filed", "--kind", "filing", "--date", "2025-03-06",
               "--case", "doe-v-warden", "--source", "docket")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    after = (tmp_path / "events.yaml").read_text()
    assert after == before + (
        "\n  - id: 2025-03-06-return-filed\n    date: 2025-03-06\n    case: doe-v-warden\n"
        "    kind: filing\n    title: Return filed\n    sources: [docket]\n"
    )
    assert done.stdout == "Added 2025-03-06-return-filed to events.yaml (line 43).\n"


def test_a_comment_at_the_dash_column_stays_below_the_new_event(run, write):
    text = SMALL.rstrip("\n") + "\n  # - id: an event still to check\n"
    path = write(text)
    done = run("add", "--title", "X", "--kind", "other", "--date", "2025-05-07", "--id", "x",
               "--source", "paper")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert path.read_text().endswith("    sources: [paper]\n  # - id: an event still to check\n")
