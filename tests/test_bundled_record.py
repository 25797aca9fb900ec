"""The bundled record tells the truth about its sources (issue 11, record-review.md).

Read through the JSON export, as a newsroom tool would: every event, source and certainty as the
CLI gives them. The review's findings that can be checked mechanically are checked here; the
rest (wording, attribution) is for a reader, with seeds/README.md saying what each source holds.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import BUNDLED, FIXED_TODAY, REPO

Record = dict[str, Any]
SEED_ARTICLE = "cecot-article"

# What the seed article can only report second-hand: what courts and parties did in the cases
# (filings, hearings, orders, rulings, deadlines) and what governments did to people and said
# (deportation, detention, transfer, arrest, statements; legislation is a government's act
# too). An advocacy article is no record of those, so resting on it alone they are at most
# "reported". Left out are the kinds that are the article's own ground: protests it reports
# on and background ("other", "report"), where it is the named source by design.
SECOND_HAND_KINDS = frozenset({
    "filing", "hearing", "order", "ruling", "deadline",
    "deportation", "detention", "transfer", "arrest", "release", "statement", "legislation",
})


@pytest.fixture
def record(run) -> Record:
    result = run("export", "--format", "json", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def by_id(record: Record) -> dict[str, dict[str, Any]]:
    return {event["id"]: event for event in record["events"]}


def words(text: str | None) -> str:
    """A details text as one line: its line breaks are only where the file wraps it."""
    return " ".join((text or "").split())


def test_the_bundled_file_checks_clean_even_strictly(run) -> None:
    result = run("check", "-f", str(BUNDLED), "--strict")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("; 0 errors, 0 warnings")


def test_nothing_resting_on_the_seed_article_alone_is_confirmed(record: Record) -> None:
    overclaimed = [
        event["id"] for event in record["events"]
        if event["sources"] == [SEED_ARTICLE] and event["kind"] in SECOND_HAND_KINDS
        and event["certainty"] == "confirmed"
    ]  # fmt: skip
    assert overclaimed == []


def test_the_kinds_held_to_it_are_kinds_the_tool_knows(run, write) -> None:
    # A misspelt kind in the set above would make the test pass by matching nothing.
    for kind in sorted(SECOND_HAND_KINDS):
        path = write(f"events:\n  - {{date: 2025-01-01, kind: {kind}, title: x, sources: [s]}}\n"
                     "sources:\n  s: {title: S, publisher: P}\n")
        result = run("check", "-f", str(path))  # an unknown kind is an error
        assert result.exit_code == 0, (kind, result.stdout)


def test_every_source_can_be_found_again(record: Record) -> None:
    for name, source in record["sources"].items():
        assert (source["title"] or "").strip(), name
        assert source["author"] or source["publisher"] or source["url"], name


def test_the_seeds_readme_notes_every_source_and_what_is_unknown(record: Record) -> None:
    readme = (REPO / "seeds" / "README.md").read_text(encoding="utf-8")
    noted = set(re.findall(r"^#### `([^`]+)`$", readme, flags=re.M))
    assert noted == set(record["sources"])
    assert "\n## What this record does not know\n" in readme


def test_no_source_is_a_vague_pointer_to_press_coverage(record: Record) -> None:
    vague = re.compile(r"\bnews reports\b|\bpress reports\b", re.IGNORECASE)
    assert [name for name, s in record["sources"].items() if vague.search(s["title"])] == []


def test_every_cited_source_is_listed(record: Record) -> None:
    cited = {name for event in record["events"] for name in event["sources"]}
    assert cited <= set(record["sources"])
    assert set(record["sources"]) <= cited, "a source no event cites"


@pytest.mark.parametrize(("event", "date"), [
    ("jgg-flights-land", "2025-03-16"),  # finding 1: they landed after midnight
    ("venezuelans-sent-to-cecot", "2025-03-16"),
    ("abrego-deported", "2025-03-15"),  # finding 5: the government's filing gives the day
    ("abrego-held-in-el-salvador", "2025-03-15"),
    ("removal-called-mistake", "2025-03-31"),  # finding 7: the filing's day
    ("bukele-assembly-soldiers", "2020-02-09"),  # finding 11
])  # fmt: skip
def test_dates_the_review_corrected(record: Record, event: str, date: str) -> None:
    assert by_id(record)[event]["date"] == date


def test_the_concession_comes_after_the_arrest_and_the_removal(record: Record) -> None:
    order = [event["id"] for event in record["events"]]
    assert order.index("abrego-arrest") < order.index("abrego-deported")
    assert order.index("abrego-deported") < order.index("removal-called-mistake")


def test_the_2020_events_are_in_the_order_they_happened(record: Record) -> None:
    order = [event["id"] for event in record["events"]]
    happened = ["bukele-assembly-soldiers", "quarantine-mass-arrests", "bukele-assembly-clash"]
    assert [order.index(e) for e in happened] == sorted(order.index(e) for e in happened)
    assert all(by_id(record)[e]["precision"] != "year" for e in happened)


def test_the_stop_was_made_by_ice_officers(record: Record) -> None:
    arrest = by_id(record)["abrego-arrest"]  # finding 3
    assert "ICE" in arrest["title"]
    assert "Police" not in arrest["title"]
    assert arrest["certainty"] != "confirmed"


def test_the_238_figure_is_attributed_and_the_137_given(record: Record) -> None:
    event = by_id(record)["venezuelans-sent-to-cecot"]  # finding 2
    assert "137" in event["title"]
    assert "in defiance" not in words(event["details"])


def test_the_may_7_privilege_claim_is_about_his_return(record: Record) -> None:
    event = by_id(record)["state-secrets-invoked"]  # finding 4
    assert "return" in event["title"]
    assert "flights" not in event["title"]
    assert "foreign countries" in words(event["details"])


def test_the_contempt_finding_does_not_stand_alone(record: Record) -> None:
    stays = [e for e in record["events"] if e["date"] == "2025-04-18" and "jgg" in e["cases"]]
    assert [e["kind"] for e in stays] in (["order"], ["ruling"])  # finding 6


def test_the_hearing_on_the_privilege_claims_and_the_order_that_set_it(record: Record) -> None:
    kinds = {(e["date"], e["kind"]) for e in record["events"] if "abrego-garcia" in e["cases"]}
    assert ("2025-05-16", "hearing") in kinds
    assert ("2025-05-07", "order") in kinds


def test_ecf_51_is_an_event_before_the_finding_that_cites_it(record: Record) -> None:
    events = record["events"]  # finding 14
    cited = [i for i, e in enumerate(events) if "ECF 51" in words(e["details"])]
    finding = next(i for i, e in enumerate(events) if e["id"] == "ecf-61-noncompliance")
    assert any(i < finding and events[i]["date"] == "2025-04-10" for i in cited)
    assert "ecf-51" in record["sources"]


def test_the_payments_entry_ties_the_discount_to_the_nine_leaders(record: Record) -> None:
    details = words(by_id(record)["payments-to-el-salvador"]["details"])  # finding 12
    assert "on condition that the U.S. return nine MS-13 leaders" in details
    assert "March 2019" in words(by_id(record)["abrego-ms13-accusation"]["details"])


def test_the_supreme_court_case_says_granted_and_denied_in_part(record: Record) -> None:
    assert "granted in part and denied in part" in record["cases"]["noem-v-abrego-garcia"][
        "status"]  # finding 13  # fmt: skip


def test_the_april_7_deadline_is_not_called_vacated(record: Record) -> None:
    deadline = by_id(record)["deadline-return-2025-04-07"]  # finding 16
    assert deadline["deadline"]["status"] == "moot"
    assert "same day" not in words(deadline["details"])


def test_ecf_61_has_only_an_address_that_was_seen(record: Record) -> None:
    assert record["sources"]["ecf-61"]["url"].endswith("61.0_1.pdf")  # finding 10


@pytest.mark.parametrize(
    "deadline", ["deadline-2025-05-02", "deadline-2025-05-05", "deadline-2025-05-07",
                 "deadline-2025-05-09"])  # fmt: skip
def test_passed_deadlines_without_an_outcome_say_so(record: Record, deadline: str) -> None:
    event = by_id(record)[deadline]  # finding 15: no status by hand, and the details say why
    assert (event["deadline"]["status"], event["deadline"]["met_by"]) == ("passed", None)
    assert words(event["details"]).startswith("No outcome is recorded")


def test_the_may_8_request_is_tied_to_the_may_7_deadline(record: Record) -> None:
    deadline = by_id(record)["deadline-2025-05-07"]
    assert "abc-2025-05-08-in-the-dark" in deadline["sources"]
    assert "May 8" in words(deadline["details"])
