"""`timeline import courtlistener`: every shape, idempotent, dry runs, bad input, paging."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, DATA, FIXED_TODAY
from timeline.importers import courtlistener as cl

CL = DATA / "courtlistener"

BASE = """\
sources:
  docket: {title: The docket, url: "https://www.courtlistener.com/docket/4214664/x/"}
cases:
  nvlsp:
    title: NVLSP v. United States
    timezone: America/New_York
  undated:
    title: No timezone here
events:
  - id: start
    date: 2016-04-21
    case: nvlsp
    kind: filing
    title: Complaint
    sources: [docket]
"""


def exported(run) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "json", "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["events"]


def check_ok(run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("name", "count"),
    [("recap_vaed.json", 58), ("recap_mdd.json", 15), ("webhook.json", 1),
     ("v4_page1.json", 1), ("v4_pages.json", 2)],
)  # fmt: skip
def test_each_shape_imports_then_reimports_nothing(run, write, name, count) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    first = run("import", "courtlistener", str(CL / name), "--case", "nvlsp", "--source", "docket")
    assert first.exit_code == 0, first.stderr
    assert first.stdout == f"events.yaml: {count} new, 0 already present.\n"
    assert path.read_text().startswith(BASE)
    check_ok(run)
    assert len(exported(run)) == count + 1
    after_first = path.read_bytes()
    again = run("import", "courtlistener", str(CL / name), "--case", "nvlsp", "--source", "docket")
    assert again.exit_code == 0
    assert again.stdout == f"events.yaml: 0 new, {count} already present.\n"
    assert path.read_bytes() == after_first


def test_webhook_entry_becomes_a_sourced_filing(run, write) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    assert run("import", "courtlistener", str(CL / "webhook.json"), "--case", "nvlsp").exit_code == 0
    event = next(e for e in exported(run) if e["id"] == "nvlsp-ecf-140")
    assert event["date"] == "2022-10-11"
    assert event["kind"] == "filing"
    assert event["cases"] == ["nvlsp"]
    assert event["title"] == (
        "MOTION for Settlement Preliminary Approval by ALLIANCE FOR JUSTICE, NATIONAL CONSUMER LAW CENTER…"
    )
    assert len(event["title"]) <= 100
    assert event["details"].startswith("MOTION for Settlement Preliminary Approval by ALLIANCE")
    assert event["details"].endswith("(Gupta, Deepak) (Entered: 10/11/2022)")
    assert event["sources"] == [
        "https://www.courtlistener.com/docket/4214664/140/national-veterans-legal-services-program-v-united-states/"
    ]


def test_time_filed_is_kept_when_the_case_has_a_timezone(run, write) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    assert run("import", "courtlistener", str(CL / "v4_pages.json"), "--case", "nvlsp").exit_code == 0
    order = next(e for e in exported(run) if e["id"] == "nvlsp-ecf-141")
    assert (order["date"], order["kind"]) == ("2022-10-12T09:30", "order")
    assert order["title"] == "ORDER granting 140 Motion for Settlement Preliminary Approval."
    # A case with no timezone cannot hold a time: the day alone is kept.
    assert run("import", "courtlistener", str(CL / "v4_pages.json"), "--case", "undated").exit_code == 0
    assert next(e for e in exported(run) if e["id"] == "undated-ecf-141")["date"] == "2022-10-12"
    check_ok(run)


def test_recap_entries_get_kinds_and_stable_ids(run, write) -> None:  # type: ignore[no-untyped-def]
    write(BASE)
    assert run("import", "courtlistener", str(CL / "recap_vaed.json"), "--case", "nvlsp",
               "--source", "docket").exit_code == 0  # fmt: skip
    events = {e["id"]: e for e in exported(run)}
    assert events["nvlsp-ecf-1"]["kind"] == "filing"  # Complaint
    assert events["nvlsp-ecf-11"]["kind"] == "order"
    assert events["nvlsp-ecf-11"]["title"] == (
        "ORDER granting 9 Motion for Pro hac vice for counsel Laura Rose Handman."
    )
    assert events["nvlsp-ecf-35"]["title"] == "MOTION for Sanctions by Stefan A. Halper."
    # Entries with no document number get an id from their date and text.
    unnumbered = [i for i in events if i.startswith("nvlsp-2019-")]
    assert len(unnumbered) == 7
    hearing = [events[i] for i in unnumbered if events[i]["kind"] == "hearing"]
    assert [h["date"] for h in hearing] == ["2019-08-19"]
    assert all(len(e["title"]) <= 100 for e in events.values())


def test_into_a_copy_of_the_bundled_file(run, tmp_path: Path) -> None:
    copy = tmp_path / "events.yaml"
    shutil.copy(BUNDLED, copy)
    before = copy.read_text(encoding="utf-8")
    result = run("import", "courtlistener", str(CL / "webhook.json"), "--case", "abrego-garcia",
                 "--source", "courtlistener-abrego-docket")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = copy.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "  - id: abrego-garcia-ecf-140\n" in after[len(before):]
    check_ok(run)


def test_dry_run_prints_and_changes_nothing(run, write) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    result = run("import", "courtlistener", str(CL / "webhook.json"), "--case", "nvlsp", "--dry-run")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Would add 1 new event to events.yaml (0 already present):"
    assert lines[1] == "  - id: nvlsp-ecf-140"
    assert path.read_text() == BASE


def test_unknown_case_is_a_usage_error_with_a_suggestion(run, write) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    result = run("import", "courtlistener", str(CL / "webhook.json"), "--case", "nvlps")
    assert result.exit_code == 2
    assert result.stderr == "timeline: error: --case: unknown id 'nvlps'; did you mean 'nvlsp'?\n"
    assert path.read_text() == BASE


def test_bad_input_is_one_line_naming_the_file(run, write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(BASE)
    (tmp_path / "bad.json").write_text('{"results": [\n')
    bad = run("import", "courtlistener", "bad.json", "--case", "nvlsp")
    assert bad.exit_code == 1
    assert bad.stderr.startswith("timeline: error: bad.json:2:1: not valid JSON: ")
    assert len(bad.stderr.splitlines()) == 1
    options = run("import", "courtlistener", str(CL / "options_docket_entries.json"), "--case", "nvlsp")
    assert options.exit_code == 1
    assert options.stderr == (
        f"timeline: error: {CL / 'options_docket_entries.json'}: not a CourtListener "
        "docket-entries response, docket-alert webhook or RECAP docket (expected 'results', "
        "'payload.results' or 'docket_entries')\n"
    )
    missing = run("import", "courtlistener", "nope.json", "--case", "nvlsp")
    assert missing.exit_code == 2
    assert missing.stderr == "timeline: error: no such file: nope.json\n"
    assert path.read_text() == BASE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("COMPLAINT filed; FILING FEE $ 150.00", "filing"),
        ("Consent MOTION for Extension of Time to File Answer re 1 Complaint", "filing"),
        ("Memorandum in Support re 22 MOTION to Dismiss", "filing"),
        ("NOTICE of Appearance by Matthew Kelley", "filing"),
        ("Proposed Order granting stay", "filing"),
        ("MINUTE ORDER: the status conference is continued", "order"),
        ("ORDER SETTING date for hearing.", "order"),
        ("SCHEDULING ORDER ( signed by Judge Andre M. Davis 4/12/99 )", "order"),
        ("MEMORANDUM OPINION granting the motion", "ruling"),
        ("JUDGMENT in favor of defendants", "ruling"),
        ("Minute Entry for proceedings held before Judge Xinis: Motion Hearing held", "hearing"),
        ("Motions to Dismiss and Motion for Sanctions Hearing set for 10/11/2019", "hearing"),
        ("Status Conference set for 5/5/2025 at 10:00 AM", "hearing"),
        ("Initial Case Assignment to District Judge T. S. Ellis, III", "other"),
        ("SUMMONS(ES)(20 days) issued for JDK Management", "other"),
    ],
)
def test_kind_from_docket_text(text: str, kind: str) -> None:
    assert cl.kind_for(text) == kind


def test_titles_stop_at_a_sentence_that_fits() -> None:
    text = ("ORDER granting 9 Motion for Pro hac vice for counsel Laura Rose Handman. Signed by "
            "District Judge T. S. Ellis, III on 07/17/2019. (choy, ) (Entered: 07/17/2019)")  # fmt: skip
    assert cl.title_for(text) == "ORDER granting 9 Motion for Pro hac vice for counsel Laura Rose Handman."
    short = "MOTION for Sanctions by Stefan A. Halper. (Reed, Terrance) (Entered: 08/08/2019)"
    assert cl.title_for(short) == "MOTION for Sanctions by Stefan A. Halper."
    long_sentence = "word " * 40
    title = cl.title_for(long_sentence.strip())
    assert len(title) <= 100 and title.endswith("word…")


def test_paging_follows_next_until_the_last_page() -> None:
    pages = {
        "first": json.loads((CL / "v4_page1.json").read_text()),
        "second": json.loads((CL / "v4_page2.json").read_text()),
    }
    asked: list[tuple[str, dict[str, str]]] = []

    def fetch(url: str, headers: dict[str, str]) -> Any:
        asked.append((url, headers))
        return pages["first"] if len(asked) == 1 else pages["second"]

    got = cl.fetch_pages("4214664", "secret", fetch)
    assert got == [pages["first"], pages["second"]]
    assert asked[0][0] == (
        "https://www.courtlistener.com/api/rest/v4/docket-entries/?docket=4214664"
        "&order_by=recap_sequence_number"
    )
    assert asked[1][0] == pages["first"]["next"]
    assert all(headers["Authorization"] == "Token secret" for _url, headers in asked)


def test_docket_option_fetches_with_the_token_from_the_environment(
    run, write, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    # The HTTP side (headers, origins, retries) runs against real servers in test_import_http.
    write(BASE)
    pages = json.loads((CL / "v4_pages.json").read_text())
    asked: list[tuple[str, str | None, str, float]] = []

    def fake_fetch_docket(docket: str, token: str | None, api: str, deadline: float) -> Any:
        asked.append((docket, token, api, deadline))
        return pages

    monkeypatch.setattr(cl, "fetch_docket", fake_fetch_docket)
    result = run("import", "courtlistener", "--docket", "4214664", "--case", "nvlsp",
                 "--source", "docket", env={"COURTLISTENER_TOKEN": "tok"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "events.yaml: 2 new, 0 already present.\n"
    assert asked == [("4214664", "tok", "https://www.courtlistener.com/api/rest/v4/", 120.0)]
    check_ok(run)


def test_a_failed_fetch_is_one_line(run, write, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from timeline.importers.http import FetchError

    path = write(BASE)

    def offline(docket: str, token: str | None, api: str, deadline: float) -> Any:
        raise FetchError("cannot reach CourtListener: [Errno -3] Temporary failure")

    monkeypatch.setattr(cl, "fetch_docket", offline)
    result = run("import", "courtlistener", "--docket", "4214664", "--case", "nvlsp")
    assert result.exit_code == 4  # SPEC section 3: a download that failed is a read that failed
    assert result.stderr == "timeline: error: cannot reach CourtListener: [Errno -3] Temporary failure\n"
    assert path.read_text() == BASE


def test_stdin_and_the_hint_for_events_without_a_source(run, write, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from timeline.cli import app

    write(BASE)
    run("--version")  # the fixture's clean environment, in tmp_path
    result = CliRunner().invoke(app, ["import", "courtlistener", "-", "--case", "nvlsp"],
                                input=(CL / "recap_mdd.json").read_text(), catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "events.yaml: 15 new, 0 already present.\n"
    assert result.stderr.splitlines()[0].startswith("events.yaml:")
    assert "[W301]" in result.stderr.splitlines()[0]
    assert result.stderr.splitlines()[-1] == (
        "timeline: hint: entries without a document link have no source; cite the docket on "
        "every event with --source ID"
    )
