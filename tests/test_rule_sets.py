"""Rule sets and named periods: every due date below was worked out by hand.

Each row says how: the trigger's weekday, the raw end of the count, each day it moved off and
why. Weekdays were read off a calendar; holidays off the statutes and `timeline holidays`.
"""

from __future__ import annotations

import json
import textwrap

import pytest

SRC = "sources: [https://example.org/order]"


def events_file(rules: str, jurisdiction: str, trigger: str, due: str, head: str = "") -> str:
    return textwrap.dedent(head).strip("\n") + f"""
cases:
  c:
    title: A case
    rules: {rules}
    jurisdiction: {jurisdiction}
events:
  - id: trigger
    date: {trigger}
    case: c
    kind: order
    title: The trigger
    {SRC}
  - id: due
    case: c
    kind: deadline
    title: The computed deadline
    due: {due}
    {SRC}
"""


def deadlines(run, today: str = "2020-01-01") -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "json", "--today", today)
    assert result.exit_code == 0, result.stdout + result.stderr
    return {e["id"]: e["deadline"] for e in json.loads(result.stdout)["events"] if "deadline" in e}


# (case rules, jurisdiction, trigger, due:, expected due, a line the explanation must have)
PERIODS = [
    # Mon 2026-01-05 + 21 = Mon 01-26, a court day.
    pytest.param("frcp", "US-MD", "2026-01-05", "{after: trigger, period: answer}", "2026-01-26",
                 "period: answer, 21 days, FRCP 12(a)(1)(A)(i) (answer after being served with "
                 "the summons and complaint)", id="answer"),
    # Mon 01-05 + 60 = Fri 03-06.
    pytest.param("frcp", "US-MD", "2026-01-05", "{after: trigger, period: answer-us}",
                 "2026-03-06", "count: 60 calendar days after it, not counting the trigger day "
                 "(Fed. R. Civ. P. 6(a)(1))", id="answer-us"),
    # Mon 01-05 + 28 = Mon 02-02.
    pytest.param("frcp", "US-MD", "2026-01-05", "{after: trigger, period: new-trial-motion}",
                 "2026-02-02", "day 28: 2026-02-02 Mon", id="new-trial-motion"),
    # Mon 01-05 + 30 = Wed 02-04, counted by FRAP 26 though the case is a district case.
    pytest.param("frap", "US-MD", "2026-01-05", "{after: trigger, period: notice-of-appeal}",
                 "2026-02-04", "count: 30 calendar days after it, not counting the trigger day "
                 "(FRAP 26(a)(1))", id="notice-of-appeal"),
    # Mon 01-05 + 60 = Fri 03-06.
    pytest.param("frap", "US-MD", "2026-01-05", "{after: trigger, period: notice-of-appeal-us}",
                 "2026-03-06", "period: notice-of-appeal-us, 60 days, FRAP 4(a)(1)(B), 28 U.S.C. "
                 "2107(b) (notice of appeal when the United States, an agency or an officer is a "
                 "party)", id="notice-of-appeal-us"),
    # Mon 01-05 + 10 = Thu 01-15.
    pytest.param("frap", "[US-MD, US-VA]", "2026-01-05",
                 "{after: trigger, period: appeal-motion-response}", "2026-01-15",
                 "state holidays: those of US-MD, US-VA (FRAP 26(a)(6)(C))",
                 id="appeal-motion-response"),
    # Mon 01-05 + 30 = Wed 02-04.
    pytest.param("frap", "[US-VA]", "2026-01-05", "{after: trigger, period: petition-for-review}",
                 "2026-02-04", "day 30: 2026-02-04 Wed", id="petition-for-review"),
    # Mon 01-05 + 90 = Sun 04-05 -> Mon 04-06 (S. Ct. R. 30.1).
    pytest.param("frap", "US-DC", "2026-01-05", "{after: trigger, period: cert-petition}",
                 "2026-04-06", "count: 90 calendar days after it, not counting the trigger day "
                 "(S. Ct. R. 30.1)", id="cert-petition"),
    # Mon 01-05 + 30 = Wed 02-04.
    pytest.param("scotus", "US", "2026-01-05", "{after: trigger, period: cert-opposition}",
                 "2026-02-04", "period: cert-opposition, 30 days, S. Ct. R. 15.3 (brief in "
                 "opposition, after the case is docketed or the response is called for)",
                 id="cert-opposition"),
    # Mon 01-05 + 3 = Thu 01-08 (FRCP 6 counts 2243's three days).
    pytest.param("frcp", "US-MD", "2026-01-05", "{after: trigger, period: habeas-return}",
                 "2026-01-08", "day 3: 2026-01-08 Thu", id="habeas-return"),
    # Thu 01-08 + 5 = Tue 01-13.
    pytest.param("frcp", "US-MD", "2026-01-08", "{after: trigger, period: habeas-hearing}",
                 "2026-01-13", "period: habeas-hearing, 5 days, 28 U.S.C. 2243 (hearing, not more "
                 "than five days after the return)", id="habeas-hearing"),
    # Mon 01-05 + 30 = Wed 02-04.
    pytest.param("eoir", "US", "2026-01-05", "{after: trigger, period: bia-appeal}", "2026-02-04",
                 "count: 30 calendar days after it, not counting the trigger day "
                 "(8 CFR 1003.38(b))", id="bia-appeal"),
    # Mon 01-05 + 90 = Sun 04-05 -> Mon 04-06.
    pytest.param("eoir", "US", "2026-01-05", "{after: trigger, period: motion-to-reopen}",
                 "2026-04-06", "2026-04-05 Sunday -> 2026-04-06", id="motion-to-reopen"),
    # Mon 01-05 + 30 = Wed 02-04.
    pytest.param("eoir", "US", "2026-01-05", "{after: trigger, period: motion-to-reconsider}",
                 "2026-02-04", "period: motion-to-reconsider, 30 days, 8 U.S.C. 1229a(c)(6)(B), "
                 "8 CFR 1003.2(b)(2) (motion to reconsider, after the final administrative order)",
                 id="motion-to-reconsider"),
    # Hearing Mon 2026-06-29, 15 days before = Sun 06-14 -> forward to Mon 06-15 (ICPM 3.1).
    pytest.param("eoir", "US", "2026-06-29", "{before: trigger, period: prehearing-filing}",
                 "2026-06-15", "moved forward (Immigration Court Practice Manual 3.1)",
                 id="prehearing-filing"),
    # Mon 01-05 + 10 = Thu 01-15.
    pytest.param("eoir", "US", "2026-01-05", "{after: trigger, period: prehearing-response}",
                 "2026-01-15", "day 10: 2026-01-15 Thu", id="prehearing-response"),
    # A rule set with plain days. Crim: Mon 2026-11-16 + 14 = Mon 11-30, a court day.
    pytest.param("crim", "US-MD", "2026-11-16", "{after: trigger, days: 14}", "2026-11-30",
                 "count: 14 calendar days after it, not counting the trigger day "
                 "(Fed. R. Crim. P. 45(a)(1))", id="crim"),
]


@pytest.mark.parametrize(("rules", "jurisdiction", "trigger", "due", "expected", "line"), PERIODS)
def test_named_periods_and_rule_sets(run, write, rules, jurisdiction, trigger, due, expected,  # type: ignore[no-untyped-def]
                                     line) -> None:
    write(events_file(rules, jurisdiction, trigger, due))
    deadline = deadlines(run)["due"]
    assert deadline["due"] == expected, deadline["explain"]
    assert line in deadline["explain"]
    assert deadline["explain"][-1] == f"due: {expected} {_weekday(expected)}" or any(
        ln.startswith("latest:") for ln in deadline["explain"])


def _weekday(iso: str) -> str:
    from datetime import date

    return date.fromisoformat(iso).strftime("%a")


def test_supreme_court_count_on_dc_emancipation_day_is_not_moved(run, write) -> None:  # type: ignore[no-untyped-def]
    # Fri 2026-01-16 + 90 = Thu 04-16, D.C. Emancipation Day: a D.C. holiday, not one of
    # 5 U.S.C. 6103's, so R. 30.1 keeps it.
    write(events_file("frap", "US-DC", "2026-01-16", "{after: trigger, period: cert-petition}"))
    deadline = deadlines(run)["due"]
    assert deadline["explain"] == [
        "trigger: trigger (order) on 2026-01-16 Fri",
        "period: cert-petition, 90 days, S. Ct. R. 13.1, 28 U.S.C. 2101(c) (petition for a writ "
        "of certiorari, after entry of the judgment)",
        "state holidays: none count under S. Ct. R. 30.1; US-DC ignored",
        "count: 90 calendar days after it, not counting the trigger day (S. Ct. R. 30.1)",
        "day 90: 2026-04-16 Thu",
        "due: 2026-04-16 Thu",
    ]
    # The same count under FRAP 26 moves off the D.C. day: Fri 04-17.
    write(events_file("frap", "US-DC", "2026-01-16", "{after: trigger, days: 90}"))
    assert deadlines(run)["due"]["due"] == "2026-04-17"


def test_frap_count_on_a_holiday_of_the_second_state_is_moved(run, write) -> None:  # type: ignore[no-untyped-def]
    # Tue 2025-10-21 + 14 = Tue 11-04, Virginia's Election Day (Va. elects in odd years;
    # Maryland's statewide general elections are in even ones) -> Wed 11-05.
    write(events_file("frap", "[US-MD, US-VA]", "2025-10-21", "{after: trigger, days: 14}"))
    deadline = deadlines(run)["due"]
    assert deadline["due"] == "2025-11-05"
    assert "2025-11-04 Election Day (US-VA legal holiday) -> 2025-11-05" in deadline["explain"]
    # Virginia's statute was not audited: the explanation says so (Maryland's was).
    assert [line for line in deadline["explain"] if line.startswith("note:")] == [
        "note: US-VA's legal holidays are the holidays package's; its statute was not audited"]
    write(events_file("frap", "[US-MD]", "2025-10-21", "{after: trigger, days: 14}"))
    assert deadlines(run)["due"]["due"] == "2025-11-04"


def test_icpm_backward_count_on_a_sunday_moves_forward(run, write) -> None:  # type: ignore[no-untyped-def]
    # Hearing Mon 2026-06-22; 15 days before = Sun 06-07 -> Mon 06-08 (ICPM 3.1). Moved back,
    # as the federal rules would, it is Fri 06-05: the earliest.
    write(events_file("eoir", "US-MD", "2026-06-22", "{before: trigger, period: prehearing-filing}"))
    deadline = deadlines(run)["due"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2026-06-08", "2026-06-05", "2026-06-08")
    assert deadline["explain"][:7] == [
        "trigger: trigger (order) on 2026-06-22 Mon",
        "period: prehearing-filing, 15 days before, ICPM 3.1(b) (filings before a non-detained "
        "master (ruling wanted) or individual hearing)",
        "state holidays: none count under 8 CFR 1003.38(b), 1001.1(h); US-MD ignored",
        "count: 15 calendar days before it, not counting the trigger day (8 CFR 1003.38(b))",
        "day 15: 2026-06-07 Sun",
        "2026-06-07 Sunday -> 2026-06-08",
        "moved forward (Immigration Court Practice Manual 3.1)",
    ]
    assert deadline["explain"][-2:] == [
        "earliest: 2026-06-05 Fri (safe under every reading)",
        "latest: 2026-06-08 Mon (no reading allows later)",
    ]


def test_mail_service_adds_three_days_after_the_count_then_moves_off_the_weekend(run, write) -> None:  # type: ignore[no-untyped-def]
    # Wed 2026-03-04 + 14 = Wed 03-18, a court day; + 3 (6(d)) = Sat 03-21 -> Mon 03-23.
    write(events_file("frcp", "US", "2026-03-04", "{after: trigger, days: 14, service: mail}"))
    assert deadlines(run)["due"]["explain"] == [
        "trigger: trigger (order) on 2026-03-04 Wed",
        "count: 14 calendar days after it, not counting the trigger day (Fed. R. Civ. P. 6(a)(1))",
        "day 14: 2026-03-18 Wed",
        "service by mail: 3 days added after the period would otherwise end "
        "(Fed. R. Civ. P. 6(d)): 2026-03-21 Sat",
        "2026-03-21 Saturday -> 2026-03-22",
        "2026-03-22 Sunday -> 2026-03-23",
        "due: 2026-03-23 Mon",
    ]
    # Electronic service adds nothing (since 2016).
    write(events_file("frcp", "US", "2026-03-04", "{after: trigger, days: 14, service: electronic}"))
    deadline = deadlines(run)["due"]
    assert deadline["due"] == "2026-03-18"
    assert "service by electronic: no days added (Fed. R. Civ. P. 6(d))" in deadline["explain"]


def test_bia_appeal_on_a_saturday_independence_day(run, write) -> None:  # type: ignore[no-untyped-def]
    # Thu 2026-06-04 + 30 = Sat 07-04, Independence Day -> Sun 07-05 -> Mon 07-06, the next
    # business day (8 CFR 1003.38(b)).
    write(events_file("eoir", "US", "2026-06-04", "{after: trigger, period: bia-appeal}"))
    deadline = deadlines(run)["due"]
    assert deadline["explain"] == [
        "trigger: trigger (order) on 2026-06-04 Thu",
        "period: bia-appeal, 30 days, 8 CFR 1003.38(b) (appeal to the BIA, after an oral "
        "decision or the mailing of a written one)",
        "count: 30 calendar days after it, not counting the trigger day (8 CFR 1003.38(b))",
        "day 30: 2026-07-04 Sat",
        "2026-07-04 Saturday; Independence Day (legal holiday) -> 2026-07-05",
        "2026-07-05 Sunday -> 2026-07-06",
        "due: 2026-07-06 Mon",
    ]
    assert deadline["earliest"] == deadline["latest"] == "2026-07-06"


# Each § 1-111 day the holidays package lacks: (the day, its weekday, the next court day).
MARYLAND_DAYS = [
    pytest.param("2026-02-12", "Lincoln's Birthday", "(a)(3)", "2026-02-13", id="lincoln"),
    pytest.param("2026-03-25", "Maryland Day", "(a)(5)", "2026-03-26", id="maryland-day"),
    pytest.param("2026-04-03", "Good Friday", "(a)(6)", "2026-04-06", id="good-friday"),
    pytest.param("2025-09-12", "Defenders' Day", "(a)(11)", "2025-09-15", id="defenders-day"),
    # Sun 2027-09-12 is kept on Mon 09-13 (§ 1-111(b)) -> Tue 09-14.
    pytest.param("2027-09-13", "Defenders' Day (observed)", "(a)(11)", "2027-09-14",
                 id="defenders-day-sunday-to-monday"),
    pytest.param("2026-11-03", "Statewide general election day", "(a)(17)", "2026-11-04",
                 id="general-election"),
]


@pytest.mark.parametrize(("day", "name", "paragraph", "moved_to"), MARYLAND_DAYS)
def test_every_maryland_day_moves_a_forward_count_and_not_a_backward_one(  # type: ignore[no-untyped-def]
        run, write, day, name, paragraph, moved_to) -> None:
    from datetime import date, timedelta

    landing = date.fromisoformat(day)
    reason = f"{name} (US-MD legal holiday, Md. Code, Gen. Prov. § 1-111{paragraph})"
    # Forward: 10 days before the day + 10 lands on it, a Maryland legal holiday -> moved.
    trigger = (landing - timedelta(days=10)).isoformat()
    write(events_file("frcp", "US-MD", trigger, "{after: trigger, days: 10}"))
    deadline = deadlines(run)["due"]
    assert deadline["due"] == moved_to
    assert f"{day} {reason} -> {(landing + timedelta(days=1)).isoformat()}" in deadline["explain"]
    # The court's own practice was not found: the day itself is the safe one.
    assert (deadline["earliest"], deadline["latest"]) == (day, moved_to)
    # Backward: 10 days before a hearing 10 days after the day lands on it -> kept (6(a)(6)(C)).
    hearing = (landing + timedelta(days=10)).isoformat()
    write(events_file("frcp", "US-MD", hearing, "{before: trigger, days: 10}"))
    deadline = deadlines(run)["due"]
    assert deadline["due"] == day
    assert (f"{day} {reason} not skipped: a state holiday counts only for periods after an "
            "event (Fed. R. Civ. P. 6(a)(6)(C))") in deadline["explain"]


def test_date_certain_eoir_deadline_on_a_saturday_moves_to_monday(run, write) -> None:  # type: ignore[no-untyped-def]
    # Sat 2026-08-15 -> Sun 08-16 -> Mon 08-17 (ICPM 3.1: a date certain moves too).
    write(f"""
cases:
  c: {{title: Removal proceedings, rules: eoir}}
events:
  - id: brief
    date: 2026-08-15
    case: c
    kind: deadline
    title: Brief due, as the judge set it
    {SRC}
""")
    deadline = deadlines(run, "2026-08-16")["brief"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2026-08-17", "2026-08-15", "2026-08-17")
    assert deadline["explain"][:4] == [
        "date certain: 2026-08-15 Sat, as written",
        "2026-08-15 Saturday -> 2026-08-16",
        "2026-08-16 Sunday -> 2026-08-17",
        "moved: Immigration Court Practice Manual 3.1 construes a deadline on a weekend or "
        "holiday, a date certain too, to fall on the next business day",
    ]
    # Past the earliest, not past the latest: due soon, not passed.
    assert deadline["status"] == "due-soon"


CHAIN = f"""
cases:
  removal: {{title: Removal proceedings, rules: eoir, jurisdiction: US-MD}}
  pfr: {{title: Petition for review, rules: frap, jurisdiction: [US-VA]}}
  cert: {{title: Certiorari, rules: scotus}}
events:
  - {{id: ij-decision, date: 2026-01-05, case: removal, kind: ruling, title: IJ decision, {SRC}}}
  - id: bia-appeal-due
    case: removal
    kind: deadline
    title: BIA appeal due
    due: {{after: ij-decision, period: bia-appeal}}
    {SRC}
  - {{id: bia-order, date: 2026-05-04, case: removal, kind: ruling, title: BIA dismisses, {SRC}}}
  - id: pfr-due
    case: pfr
    kind: deadline
    title: Petition for review due
    due: {{after: bia-order, period: petition-for-review}}
    {SRC}
  - {{id: judgment, date: 2026-09-08, case: pfr, kind: ruling, title: Petition denied, {SRC}}}
  - id: cert-due
    case: cert
    kind: deadline
    title: Cert petition due
    due: {{after: judgment, period: cert-petition}}
    {SRC}
"""


def test_an_immigration_case_from_the_ij_decision_to_the_cert_petition(run, write) -> None:  # type: ignore[no-untyped-def]
    write(CHAIN)
    found = deadlines(run)
    # Mon 2026-01-05 + 30 = Wed 02-04 (8 CFR 1003.38(b)).
    assert found["bia-appeal-due"]["due"] == "2026-02-04"
    # Mon 05-04 + 30 = Wed 06-03 (8 U.S.C. 1252(b)(1), counted by FRAP 26).
    assert found["pfr-due"]["due"] == "2026-06-03"
    # Tue 09-08 + 90 = Mon 12-07 (S. Ct. R. 13.1).
    assert found["cert-due"]["due"] == "2026-12-07"
    assert run("check").exit_code == 0


# Misuse: (due:, case rules, the exact error line)
MISUSE = [
    pytest.param("{after: trigger, period: answr-us}", "frcp",
                 "events.yaml:17:35: error: period: unknown period 'answr-us'; did you mean "
                 "'answer-us' (60 days, FRCP 12(a)(2))? [T104]", id="unknown-period"),
    pytest.param("{after: trigger, days: 3, rules: fcrp}", "frcp",
                 "events.yaml:17:43: error: rules: unknown rule set 'fcrp'; did you mean 'frcp' "
                 "(Fed. R. Civ. P. 6)? [T104]", id="unknown-rule-set"),
    pytest.param("{after: trigger, days: 3, service: male}", "frcp",
                 "events.yaml:17:45: error: service: unknown service method 'male'; did you mean "
                 "'mail' (+3 days under frcp, crim, frap)? [T104]", id="unknown-service"),
    pytest.param("{after: trigger, period: bia-appeal, days: 30}", "eoir",
                 "events.yaml:17:10: error: due: period: bia-appeal (30 days, 8 CFR 1003.38(b)) "
                 "and days: 30 are two counts: give one of them [T204]", id="period-and-days"),
    pytest.param("{after: trigger, period: prehearing-filing}", "eoir",
                 "events.yaml:17:10: error: due: period: prehearing-filing runs before an event "
                 "(15 days before, ICPM 3.1(b)): write before:, not after: [T206]",
                 id="wrong-direction"),
    pytest.param("{before: trigger, period: bia-appeal}", "eoir",
                 "events.yaml:17:10: error: due: period: bia-appeal runs after an event (30 days, "
                 "8 CFR 1003.38(b)): write after:, not before: [T206]", id="wrong-direction-back"),
    pytest.param("{after: trigger, period: notice-of-appeal, service: mail}", "frap",
                 "events.yaml:17:10: error: due: service: notice-of-appeal runs from entry of the "
                 "judgment, order or decision (FRAP 4(a)(1)(A)), not from service, so nothing is "
                 "added for service: remove service:; a late notice of appeal is jurisdictional "
                 "[T206]", id="service-on-notice-of-appeal"),
    pytest.param("{after: trigger, days: 30, service: mail}", "scotus",
                 "events.yaml:17:10: error: due: service: scotus (S. Ct. R. 30.1) adds no days "
                 "for service: remove service: [T206]", id="service-under-scotus"),
    pytest.param("{after: trigger, days: 10, service: carrier}", "frcp",
                 "events.yaml:17:10: error: due: service: 'carrier' is not a method of service "
                 "under frcp (Fed. R. Civ. P. 6(d)): one of mail, clerk, other, hand, electronic "
                 "[T206]", id="carrier-under-frcp"),
    pytest.param("{after: trigger, days: 10, clerk: US-VA}", "frcp",
                 "events.yaml:17:10: error: due: clerk: only a FRAP count takes the circuit "
                 "clerk's state (this one is counted by frcp, Fed. R. Civ. P. 6) [T206]",
                 id="clerk-outside-frap"),
    pytest.param("{after: trigger, period: notice-of-appeal}", "frcp",
                 "events.yaml:17:10: warning: due: period: notice-of-appeal is counted by FRAP "
                 "26, which also counts the holidays of the circuit clerk's state, but case 'c' "
                 "has rules: frcp: add clerk: (such as clerk: US-VA), or the count may be early "
                 "[W306]", id="frap-period-without-clerk"),
    pytest.param("{after: trigger, hours: 48}", "eoir",
                 "events.yaml:17:10: error: due: hours: eoir (8 CFR 1003.38(b), 1001.1(h)) counts "
                 "no periods in hours: write days: [T206]", id="hours-under-eoir"),
    pytest.param("{before: trigger, days: -15}", "frcp",
                 "events.yaml:17:10: error: due: before: already counts back: write the number "
                 "without its minus sign [T206]", id="before-with-a-minus"),
    pytest.param("{days: 15}", "frcp",
                 "events.yaml:17:10: error: due: give after: ID (a period after an event) or "
                 "before: ID (a period before one) [T204]", id="no-trigger"),
    pytest.param("{after: trigger, before: trigger, days: 15}", "frcp",
                 "events.yaml:17:10: error: due: give after: ID (a period after an event) or "
                 "before: ID (a period before one), not both [T204]", id="two-triggers"),
    pytest.param("{before: trigger, days: 15, service: mail}", "frcp",
                 "events.yaml:17:10: error: due: service: adds days only to a period after being "
                 "served (Fed. R. Civ. P. 6(d)), not to one before an event: remove service: "
                 "[T206]", id="service-before-an-event"),
    pytest.param("{after: trigger, period: bia-appeal, service: mail}", "eoir",
                 "events.yaml:17:10: error: due: service: eoir (8 CFR 1003.38(b), 1001.1(h)) adds "
                 "no days for service: remove service: [T206]", id="service-under-eoir"),
]


@pytest.mark.parametrize(("due", "rules", "line"), MISUSE)
def test_misuse_gives_the_exact_error_line(run, write, due, rules, line) -> None:  # type: ignore[no-untyped-def]
    write(events_file(rules, "US-MD", "2026-01-05", due))
    result = run("check")
    assert line in result.stdout.splitlines(), result.stdout


def test_a_list_of_jurisdictions_is_only_for_frap(run, write) -> None:  # type: ignore[no-untyped-def]
    write(events_file("frcp", "[US-MD, US-VA]", "2026-01-05", "{after: trigger, days: 3}"))
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "events.yaml:5:19: error: jurisdiction: rules: frcp counts the holidays of one state, not "
        "a list (a list of states is for rules: frap) [T104]")


def test_a_closure_for_one_case_does_not_move_a_cert_petition(run, write) -> None:  # type: ignore[no-untyped-def]
    # A D. Md. snow day on Mon 2026-04-06: the district deadline (Mon 03-30 + 7 = Mon 04-06)
    # moves to Tue 04-07; the cert petition (Mon 01-05 + 90 = Sun 04-05 -> Mon 04-06) does not.
    write(f"""
closures:
  - {{date: 2026-04-06, cases: [district]}}
cases:
  district: {{title: D. Md. case, jurisdiction: US-MD}}
  cert: {{title: Certiorari, rules: scotus}}
events:
  - {{id: order, date: 2026-03-30, case: district, kind: order, title: Order, {SRC}}}
  - id: district-due
    case: district
    kind: deadline
    title: Response due
    due: {{after: order, days: 7}}
    {SRC}
  - {{id: judgment, date: 2026-01-05, case: cert, kind: ruling, title: Judgment, {SRC}}}
  - id: cert-due
    case: cert
    kind: deadline
    title: Cert petition due
    due: {{after: judgment, period: cert-petition}}
    {SRC}
""")
    found = deadlines(run)
    assert found["district-due"]["due"] == "2026-04-07"
    assert found["cert-due"]["due"] == "2026-04-06"


def test_rules_lists_rule_sets_and_periods_with_citations(run) -> None:  # type: ignore[no-untyped-def]
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Rule sets (rules: on a case, or inside due:)"
    assert ("  scotus  S. Ct. R. 30.1: Supreme Court: federal holidays of 5 U.S.C. 6103 and "
            "closures only") in lines
    assert ("  answer-us                60 days after  frcp    FRCP 12(a)(2): answer by the United "
            "States, an agency or an officer, after service on the U.S. attorney") in lines
    assert sum(1 for line in lines if line.startswith("  ") and " days " in line) == 16


def _readme_blocks() -> list[str]:
    import re
    from pathlib import Path

    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("### Court rule sets and named periods", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.S)


def test_the_readme_rule_set_example_checks_and_counts(run, write) -> None:  # type: ignore[no-untyped-def]
    example, closures = _readme_blocks()
    text = example  # as the README writes it: every trigger and case it names is in it
    write(text)
    checked = run("check")
    assert checked.exit_code == 0, checked.stdout
    found = deadlines(run)
    # Wed 03-04 + 14 = Wed 03-18; + 3 = Sat 03-21 -> Mon 03-23. Thu 06-04 + 30 = Sat 07-04 ->
    # Mon 07-06. Mon 06-22 - 15 = Sun 06-07 -> Mon 06-08 (ICPM 3.1).
    assert [found[i]["due"] for i in ("reply-due", "bia-appeal-due", "evidence-due")] == [
        "2026-03-23", "2026-07-06", "2026-06-08"]
    write(closures + "events: []\n")
    assert run("check").exit_code == 0


def test_a_package_day_that_the_new_york_statute_lacks_is_not_skipped(run, write) -> None:  # type: ignore[no-untyped-def]
    # Tue 2028-02-01 + 14 = Tue 02-15, Susan B. Anthony Day in the holidays package, not a public
    # holiday in N.Y. Gen. Constr. Law § 24: due that day; a court following the package would
    # take Wed 02-16, the latest.
    write(events_file("frcp", "US-NY", "2028-02-01", "{after: trigger, days: 14}"))
    deadline = deadlines(run)["due"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2028-02-15", "2028-02-15", "2028-02-16")
    assert deadline["explain"][-4:] == [
        "due: 2028-02-15 Tue",
        "readings differ: 2028-02-15 Susan B. Anthony Day (US-NY): listed by the holidays "
        "package, not a public holiday in N.Y. Gen. Constr. Law § 24",
        "earliest: 2028-02-15 Tue (safe under every reading)",
        "latest: 2028-02-16 Wed (no reading allows later)",
    ]


def test_holidays_says_which_states_were_audited(run) -> None:  # type: ignore[no-untyped-def]
    result = run("holidays", "--year", "2026", "-j", "US-MD", "-j", "US-CA")
    lines = result.stdout.splitlines()
    assert lines[-2:] == [
        "note: US-MD: audited against Md. Code, Gen. Prov. § 1-111 on 2026-12-01",
        "note: US-CA: the holidays package's list, not audited against the state's statute "
        "(see the README)",
    ]


@pytest.mark.parametrize(("rules", "head", "expected"), [
    # Tue 2024-12-10 + 30 = Thu 2025-01-09, the National Day of Mourning for President Carter,
    # a day the President closed the government.
    pytest.param("eoir", "", "2025-01-10", id="eoir-counts-presidential-days"),
    pytest.param("frcp", "", "2025-01-10", id="frcp-counts-presidential-days"),
    pytest.param("scotus", "", "2025-01-09", id="scotus-does-not"),
    pytest.param("scotus", "closures: [{date: 2025-01-09, rules: [scotus]}]", "2025-01-10",
                 id="scotus-counts-it-as-a-closure"),
    pytest.param("eoir", "holidays: {presidential: false}", "2025-01-09",
                 id="presidential-false-applies-to-eoir"),
])
def test_presidential_days_by_rule_set(run, write, rules, head, expected) -> None:  # type: ignore[no-untyped-def]
    write(events_file(rules, "US", "2024-12-10", "{after: trigger, days: 30}", head))
    deadline = deadlines(run)["due"]
    assert deadline["due"] == expected, deadline["explain"]


def test_a_frap_count_in_a_district_case_takes_the_clerks_state_from_the_due(run, write) -> None:  # type: ignore[no-untyped-def]
    # Tue 2025-10-21 + 14 = Tue 11-04, Virginia's Election Day: with clerk: US-VA (the 4th
    # Circuit's clerk sits in Richmond) -> Wed 11-05; without it, Maryland's days only: 11-04,
    # and a warning.
    write(events_file("frcp", "US-MD", "2025-10-21",
                      "{after: trigger, days: 14, rules: frap, clerk: US-VA}"))
    deadline = deadlines(run)["due"]
    assert deadline["due"] == "2025-11-05"
    assert "state holidays: those of US-MD, US-VA (FRAP 26(a)(6)(C))" in deadline["explain"]
    assert run("check").exit_code == 0
    write(events_file("frcp", "US-MD", "2025-10-21", "{after: trigger, days: 14, rules: frap}"))
    assert deadlines(run)["due"]["due"] == "2025-11-04"
    checked = run("check")
    assert "[W306]" in checked.stdout.splitlines()[0]


def test_inauguration_day_in_the_dc_area_is_read_two_ways(run, write) -> None:  # type: ignore[no-untyped-def]
    # Thu 2033-01-20, the next Inauguration Day on a weekday. Backwards in a D.D.C. case: a
    # hearing Sun 01-30 - 10 = Thu 01-20, kept as a state day (periods after an event only);
    # read as a 5 U.S.C. 6103(c) day it moves back to Wed 01-19, the earliest.
    write(events_file("frcp", "US-DC", "2033-01-30", "{before: trigger, days: 10}"))
    deadline = deadlines(run)["due"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2033-01-20", "2033-01-19", "2033-01-20")
    assert ("readings differ: 2033-01-20 Inauguration Day: kept as a state day (periods after an "
            "event only), but 5 U.S.C. 6103(c) makes it a holiday for federal employees in the "
            "D.C. area, which would count backwards too") in deadline["explain"]
    # The Supreme Court: Fri 2032-10-22 + 90 = Thu 2033-01-20 -> Fri 01-21 as a 6103 day; the
    # day itself is the earliest.
    write(events_file("scotus", "US", "2032-10-22", "{after: trigger, period: cert-petition}"))
    deadline = deadlines(run)["due"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2033-01-21", "2033-01-20", "2033-01-21")


def test_the_names_of_the_old_deadlines_module_still_import() -> None:
    from timeline.deadlines import FLAGGED, STATUS_ORDER, DeadlineState, Due, deadline_states
    from timeline.deadlines.due import Due as MovedDue
    from timeline.deadlines.status import deadline_states as moved_states

    assert Due is MovedDue and deadline_states is moved_states
    assert "passed" in FLAGGED and STATUS_ORDER[0] == "missed" and DeadlineState


def test_texas_optional_holidays_and_a_moved_christmas_eve_are_read_two_ways(run, write) -> None:  # type: ignore[no-untyped-def]
    # Fri 2026-03-20 + 14 = Fri 04-03, Good Friday, an optional holiday in Texas: skipped as the
    # package has it -> Mon 04-06; the day itself is the earliest.
    write(events_file("frcp", "US-TX", "2026-03-20", "{after: trigger, days: 14}"))
    deadline = deadlines(run)["due"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2026-04-06", "2026-04-03", "2026-04-06")
    # Thu 2027-12-09 + 14 = Thu 12-23, the package's "Christmas Eve (observed)", which the
    # statute does not make a holiday: not skipped. A court following the package would go on
    # past Fri 12-24 (Christmas observed), the weekend and Sun 12-26 to Mon 12-27: the latest.
    write(events_file("frcp", "US-TX", "2027-12-09", "{after: trigger, days: 14}"))
    deadline = deadlines(run)["due"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2027-12-23", "2027-12-23", "2027-12-27")
    listed = run("holidays", "--year", "2026", "-j", "US-TX").stdout.splitlines()
    assert any(line.startswith("2026-04-03  Fri  Good Friday") and "read two ways" in line
               for line in listed)


def test_arizonas_constitution_commemoration_day_moves_a_forward_count(run, write) -> None:  # type: ignore[no-untyped-def]
    # Thu 2026-09-03 + 14 = Thu 09-17, Constitution Commemoration Day (A.R.S. § 1-301(A)(11)),
    # which the holidays package lacks -> Fri 09-18; the day itself is the earliest.
    write(events_file("frcp", "US-AZ", "2026-09-03", "{after: trigger, days: 14}"))
    deadline = deadlines(run)["due"]
    assert (deadline["due"], deadline["earliest"], deadline["latest"]) == (
        "2026-09-18", "2026-09-17", "2026-09-18")
    assert ("2026-09-17 Constitution Commemoration Day (US-AZ legal holiday, A.R.S. § 1-301(A)(11))"
            " -> 2026-09-18") in deadline["explain"]


def test_the_html_card_shows_the_range_where_readings_differ(run, write) -> None:  # type: ignore[no-untyped-def]
    # The ICPM's forward roll gives Mon 06-08; the federal rules' backward one, Fri 06-05.
    write(events_file("eoir", "US", "2026-06-22", "{before: trigger, period: prehearing-filing}"))
    result = run("export", "--format", "html", "--today", "2020-01-01")
    assert result.exit_code == 0, result.stderr
    assert ('Due <time datetime="2026-06-08">June 8, 2026</time> (readings differ: '
            '<time datetime="2026-06-05">June 5, 2026</time> to '
            '<time datetime="2026-06-08">June 8, 2026</time>)') in result.stdout
