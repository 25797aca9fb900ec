"""`timeline holidays`: the legal holidays used, to check against the court's calendar."""

from __future__ import annotations

import re

from conftest import BUNDLED

FEDERAL_2025 = """\
Legal holidays in 2025 for US; days declared by the President counted
2025-01-01  Wed  New Year's Day                                              federal
2025-01-09  Thu  National Day of Mourning for former President Jimmy Carter  presidential
2025-01-20  Mon  Martin Luther King Jr. Day                                  federal
2025-02-17  Mon  Washington's Birthday                                       federal
2025-05-26  Mon  Memorial Day                                                federal
2025-06-19  Thu  Juneteenth National Independence Day                        federal
2025-07-04  Fri  Independence Day                                            federal
2025-09-01  Mon  Labor Day                                                   federal
2025-10-13  Mon  Columbus Day                                                federal
2025-11-11  Tue  Veterans Day                                                federal
2025-11-27  Thu  Thanksgiving Day                                            federal
2025-12-24  Wed  Christmas Eve                                               presidential
2025-12-25  Thu  Christmas Day                                               federal
2025-12-26  Fri  Day After Christmas                                         presidential
"""

FILE = """\
closures: [2026-03-10]
holidays: {presidential: false}
cases:
  c: {title: A case, jurisdiction: US-MD, timezone: America/New_York}
events:
  - {id: order, date: 2026-06-05, case: c, kind: order, title: Order, sources: [https://a.org]}
"""


def test_without_a_file_lists_federal_and_presidential_days(run) -> None:  # type: ignore[no-untyped-def]
    result = run("holidays", "--year", "2025")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == FEDERAL_2025


def test_observed_day_of_next_years_holiday(run) -> None:  # type: ignore[no-untyped-def]
    result = run("holidays", "--year", "2021")
    last = result.stdout.splitlines()[-1]
    assert re.split(r"\s{2,}", last) == ["2021-12-31", "Fri", "New Year's Day (observed)", "federal"]


def test_with_a_file_state_closures_and_presidential_setting(run, write) -> None:  # type: ignore[no-untyped-def]
    write(FILE)
    result = run("holidays", "--year", "2026")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("Legal holidays in 2026 for US-MD; days declared by the President not "
                        "counted (holidays: {presidential: false})")
    assert "2026-03-10  Tue  court closure listed in the file      closure (from the file)" in lines
    assert ("2026-11-27  Fri  American Indian Heritage Day          state US-MD (Md. Code, Gen. "
            "Prov. § 1-111; periods counted forwards only)") in lines
    assert ("2026-03-25  Wed  Maryland Day                          state US-MD (Md. Code, Gen. "
            "Prov. § 1-111(a)(5); skipped, but read two ways: a state day from its statute that "
            "the court's own practice was not found to apply; periods counted forwards only)") in lines
    assert not any("presidential" in line for line in lines[1:])
    assert lines[-1] == "note: US-MD: audited against Md. Code, Gen. Prov. § 1-111 on 2026-12-01"
    # 12 federal days (the 4th of July twice), 1 state day from the package and 5 from
    # § 1-111, 1 closure, the audit note
    assert len(lines) == 1 + 12 + 1 + 5 + 1 + 1


def test_jurisdiction_option_overrides_the_file(run, write) -> None:  # type: ignore[no-untyped-def]
    write(FILE)
    result = run("holidays", "--year", "2026", "--jurisdiction", "us-dc")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Legal holidays in 2026 for US-DC;")
    assert any(line.startswith("2026-04-16  Thu  Emancipation Day") for line in lines)
    assert not any("US-MD" in line for line in lines)


def test_bundled_file_uses_its_cases_jurisdictions(run) -> None:  # type: ignore[no-untyped-def]
    result = run("holidays", "--year", "2025", "-f", str(BUNDLED))
    assert result.exit_code == 0, result.stderr
    lines = [re.split(r"\s{2,}", line) for line in result.stdout.splitlines()]
    assert result.stdout.splitlines()[0] == (
        "Legal holidays in 2025 for US, US-DC, US-MD; days declared by the President counted")
    assert ["2025-04-16", "Wed", "Emancipation Day",
            "state US-DC (D.C. Code § 28-2701; periods counted forwards only)"] in lines
    assert ["2025-11-28", "Fri", "American Indian Heritage Day",
            "state US-MD (Md. Code, Gen. Prov. § 1-111; periods counted forwards only)"] in lines


def test_unknown_jurisdiction_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("holidays", "--jurisdiction", "US-XX")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "timeline: error: --jurisdiction: unknown jurisdiction 'US-XX': write US or US- and a "
        "state code, such as US-MD; did you mean 'US-TX'?\n")


def test_missing_file_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("holidays", "-f", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == "timeline: error: no such file: nope.yaml\n"


def test_a_file_with_errors_exits_1(run, write) -> None:  # type: ignore[no-untyped-def]
    write("closures: [2026-02-30]\n")
    result = run("holidays", "--year", "2026")
    assert result.exit_code == 1
    assert "events.yaml:1:12: error:" in result.stderr


def test_default_year_is_this_year(run) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    result = run("holidays")
    assert result.stdout.startswith(f"Legal holidays in {date.today().year} for US;")


def test_a_year_the_package_does_not_cover_says_so(run) -> None:  # type: ignore[no-untyped-def]
    result = run("holidays", "--year", "2200")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == ["none known: the holidays package covers 1777 to 2100"]
