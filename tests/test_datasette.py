"""The sqlite export served by a real Datasette (the version the test extra pins), as README's
"When one file is not enough" runs it: the events table, search, the canned queries as JSON,
and the plugins' calendar and feed of them.

Datasette runs on 127.0.0.1 on a free port, started here and stopped in a finally. On CI a
missing Datasette fails (tests/clients.py); elsewhere the test skips.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from clients import missing
from conftest import BUNDLED, FIXED_TODAY

ATOM = "{http://www.w3.org/2005/Atom}"


def datasette() -> str:
    beside = Path(sys.executable).parent / "datasette"
    if beside.exists():
        return str(beside)
    found = shutil.which("datasette")
    if found is None:
        missing("datasette (pip install -e '.[test]')")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
        return bytes(response.read())


@pytest.fixture
def site(run, tmp_path: Path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The bundled record exported and served; the base URL of its database."""
    program = datasette()
    result = run("export", "--format", "sqlite", "-f", str(BUNDLED), "--today", FIXED_TODAY,
                 "-o", "cases.db")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    port = free_port()
    log = (tmp_path / "datasette.log").open("wb")
    server = subprocess.Popen(
        [program, "cases.db", "-m", "cases.metadata.json", "-h", "127.0.0.1", "-p", str(port)],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # a generous bound against a hang, not a timing test
        while True:
            try:
                get(base + "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    pytest.fail("datasette did not start:\n"
                                + (tmp_path / "datasette.log").read_text(errors="replace"))
                time.sleep(0.2)
        yield base + "/cases"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def json_export(run) -> dict:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "json", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_datasette_serves_the_events_and_the_canned_queries(run, site):
    doc = json_export(run)
    versions = json.loads(get(site.rsplit("/", 1)[0] + "/-/versions.json"))
    assert versions["datasette"]["version"] == "0.65.5"
    events = json.loads(get(site + "/events.json?_shape=array&_size=max&_sort=position"))
    assert [e["title"] for e in events] == [e["title"] for e in doc["events"]]
    assert [e["id"] for e in events] == [e["id"] for e in doc["events"]]

    passed = json.loads(get(site + "/passed_unmet.json?_shape=array"))
    expected = [(e["id"], e["deadline"]["status"], e["deadline"]["due"])
                for e in doc["events"]
                if e.get("deadline", {}).get("status") in ("passed", "missed")]  # fmt: skip
    assert sorted((r["id"], r["status"], r["due"]) for r in passed) == sorted(expected)
    assert expected

    by_case = json.loads(get(site + "/events_by_case.json?_shape=array&case_id=abrego-garcia"))
    assert [r["title"] for r in by_case] == [
        e["title"] for e in doc["events"] if "abrego-garcia" in e["cases"]]

    found = json.loads(get(site + "/events.json?_shape=array&_search=CECOT&_size=max"))
    assert found and all("CECOT" in (e["title"] + (e["details"] or "")) for e in found)


def test_the_metadata_is_what_datasette_shows(site):
    meta = json.loads(get(site.rsplit("/", 1)[0] + "/-/metadata.json"))
    assert meta["title"] == "Timeline"
    assert FIXED_TODAY in meta["description"]
    tables = meta["databases"]["cases"]["tables"]
    assert tables["deadlines"]["columns"]["status"].startswith("met, met-late")


def test_the_plugins_make_a_calendar_and_a_feed_of_the_passed_deadlines(run, site):
    from icalendar import Calendar

    doc = json_export(run)
    unmet = {e["id"] for e in doc["events"]
             if e.get("deadline", {}).get("status") in ("passed", "missed")}  # fmt: skip
    calendar = Calendar.from_ical(get(site + "/passed_unmet.ics"))
    events = calendar.walk("VEVENT")
    assert {str(e["UID"]) for e in events} == unmet
    assert all(str(e["SUMMARY"]).startswith("Deadline (PASSED): ") for e in events)
    feed = ET.fromstring(get(site + "/passed_unmet.atom"))
    assert feed.findtext(f"{ATOM}title") == "Deadlines passed unmet"
    ids = {entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")}
    assert ids == {f"urn:timeline:{uid}" for uid in unmet}
