"""The ics export opened in real calendar software: Mozilla's ical.js (Thunderbird's parser) and
libical (Evolution, khal's checks, many servers), through a C program built against it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import clients
from conftest import BUNDLED, FIXED_TODAY

ZONES = {
    "ny": "America/New_York",
    "la": "America/Los_Angeles",
    "madrid": "Europe/Madrid",
    "howe": "Australia/Lord_Howe",  # daylight saving time of 30 minutes
}
# Times that no zone here skips or repeats (those change between 01:00 and 03:00).
TIMES = ("03:59", "12:00", "23:59")

# Every timed VEVENT's UID with its start and end as UTC seconds, as ical.js reads them.
ICAL_JS_INSTANTS = """
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], "utf-8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const out = {};
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  if (event.startDate.isDate) continue;
  out[event.uid] = [event.startDate.toUnixTime(), event.endDate.toUnixTime()];
}
console.log(JSON.stringify(out));
"""


def written_times() -> dict[str, tuple[str, str]]:
    """Event id: (case, local time as written), over two years and a stretch long before."""
    events: dict[str, tuple[str, str]] = {}
    days = [date(2025, 1, 1) + timedelta(days=n) for n in range(0, 730, 9)]
    days += [date(1990, 3, 1) + timedelta(days=n) for n in range(0, 300, 23)]
    for case in ZONES:
        for day in days:
            for clock in TIMES:
                name = f"{case}-{day.isoformat()}-{clock.replace(':', '')}"
                events[name] = (case, f"{day.isoformat()}T{clock}")
    return events


def calendar_file(write) -> tuple[Path, dict[str, tuple[str, str]]]:  # type: ignore[no-untyped-def]
    events = written_times()
    lines = ["cases:"]
    lines += [f"  {case}: {{title: {case}, timezone: {key}}}" for case, key in ZONES.items()]
    lines += ["events:",
              "  - {id: due, date: 2025-04-07T23:59, case: ny, kind: deadline, title: Due}"]
    lines += [f"  - {{id: {name}, date: {when}, case: {case}, kind: hearing, title: {name}}}"
              for name, (case, when) in events.items()]  # fmt: skip
    events["due"] = ("ny", "2025-04-07T23:59")
    return write("\n".join(lines) + "\n"), events


def ical_js_instants(run, tmp_path: Path, path: Path) -> dict[str, list[int]]:  # type: ignore
    result = run("export", "--format", "ics", "-f", str(path), "--today", "2025-01-01",
                 "-o", str(tmp_path / "out.ics"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    done = clients.run_node(ICAL_JS_INSTANTS, str(tmp_path / "out.ics"))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_ical_js_reads_every_timed_event_at_zoneinfos_instant(run, write, tmp_path):
    path, events = calendar_file(write)
    read = ical_js_instants(run, tmp_path, path)
    assert set(read) == {f"{name}@timeline" for name in events}
    wrong = []
    for name, (case, when) in events.items():
        expected = datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(ZONES[case]))
        got = datetime.fromtimestamp(read[f"{name}@timeline"][0], timezone.utc)
        if got != expected:
            utc = expected.astimezone(timezone.utc)
            wrong.append(f"{name}: {got:%Y-%m-%dT%H:%MZ}, zoneinfo {utc:%Y-%m-%dT%H:%MZ}")
    assert wrong == []
    # Thunderbird's reading of the April 7, 2025 11:59 PM deadline in New York.
    due = datetime.fromtimestamp(read["due@timeline"][0], timezone.utc)
    assert due == datetime(2025, 4, 8, 3, 59, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def libical_check(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    source = (Path(__file__).parent / "clients" / "ical_restrictions.c").read_text()
    return clients.compile_c(source, tmp_path_factory.mktemp("libical") / "check", "libical")


def libical(check: Path, ics: Path) -> tuple[int, str]:
    import subprocess

    done = subprocess.run([str(check), str(ics)], capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout


def test_libical_restriction_check_passes(run, write, tmp_path, libical_check):
    four_zones, _ = calendar_file(write)
    for path, today in ((BUNDLED, FIXED_TODAY), (four_zones, "2025-01-01")):
        out = tmp_path / "out.ics"
        result = run("export", "--format", "ics", "-f", str(path), "--today", today, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert libical(libical_check, out) == (0, "restriction check: passed\n")


def test_the_restriction_check_can_fail(tmp_path, libical_check):
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:PUBLISH\r\n"
                    b"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20250101T000000Z\r\n"
                    b"DTSTART:20250101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    code, out = libical(libical_check, bad)
    assert code == 1 and "ORGANIZER" in out and out.endswith("restriction check: failed\n")


def test_every_timed_event_ends_where_it_starts_in_ical_js(run, write, tmp_path):
    path, events = calendar_file(write)
    read = ical_js_instants(run, tmp_path, path)
    assert {uid: end - start for uid, (start, end) in read.items()} == {
        f"{name}@timeline": 0 for name in events}
    text = (tmp_path / "out.ics").read_text()
    assert text.count("BEGIN:VEVENT") == text.count("DTEND;TZID=") == len(events)
