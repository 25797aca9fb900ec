"""The atom export: a valid RFC 4287 feed that a reader (feedparser) reads without complaint,
whose entries keep their ids from day to day and move only when an event or its status does."""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import feedparser

from conftest import FIXED_TODAY, assert_golden
from test_export_ics import outside_git

A = "{http://www.w3.org/2005/Atom}"
FILE = """\
cases:
  ny:
    title: New York case
    court: Southern District of New York
    docket: "1:25-cv-1"
    judge: Ann Judge
    timezone: America/New_York
    links: [https://example.org/dockets/ny]
  la: {title: Los Angeles case, timezone: America/Los_Angeles}
sources:
  paper: {title: The Paper, url: "https://example.org/story?a=1&b=2"}
events:
  - id: order
    date: 2025-04-30
    case: ny
    kind: order
    title: Court sets an answer deadline
    sources: [paper]
  - id: passed
    date: 2025-05-05
    case: ny
    kind: deadline
    set_by: order
    title: Answer
  - id: soon
    date: 2025-06-10T17:00
    case: la
    kind: deadline
    title: Reply
  - id: met
    date: 2025-06-20
    case: la
    kind: deadline
    met_by: filed
    title: Brief
  - id: filed
    date: 2025-06-18T10:00
    case: la
    kind: filing
    title: Brief filed
  - date: 2025-03
    kind: report
    title: A report with no id
"""


def export(run, cwd: Path, today: str, *args: str):  # type: ignore[no-untyped-def]
    result = run("export", "--format", "atom", "-f", "events.yaml", "--today", today, *args,
                 cwd=cwd)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result


def feed_of(run, tmp_path: Path, today: str, *args: str) -> str:  # type: ignore[no-untyped-def]
    if not (tmp_path / "events.yaml").exists():
        (tmp_path / "events.yaml").write_text(FILE)
    return export(run, tmp_path, today, *args).stdout_bytes.decode("utf-8")


def entries(text: str) -> dict[str, dict[str, str]]:
    """Each entry by its title's last word (the event), with its id, title and updated."""
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return {entry.title.rsplit(": ", 1)[-1]: entry for entry in parsed.entries}


def utc(*parts: int) -> str:
    return datetime(*parts, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_golden(run):
    result = run("export", "--format", "atom", "-f", outside_git(), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_golden("bundled.atom", result.stdout_bytes.decode("utf-8"))


def test_feedparser_reads_the_bundled_feed_without_complaint(run):
    result = run("export", "--format", "atom", "-f", outside_git(), "--today", FIXED_TODAY)
    parsed = feedparser.parse(result.stdout_bytes)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    title = "Timeline: Abrego Garcia v. Noem; Noem v. Abrego Garcia; J.G.G. v. Trump"
    assert parsed.feed.title == title
    assert parsed.feed.author == "timeline"
    events = json.loads(run("export", "--format", "json", "-f", outside_git(), "--today",
                            FIXED_TODAY).stdout)["events"]  # fmt: skip
    assert len(parsed.entries) == len(events) == 50
    assert len({entry.id for entry in parsed.entries}) == 50
    flagged = [entry.title for entry in parsed.entries
               if entry.title.startswith("PASSED, no outcome recorded: ")]  # fmt: skip
    assert "PASSED, no outcome recorded: Government to answer pending discovery and shore up " \
        "its privilege claims" in flagged
    # Newest first, and the feed's updated is its newest entry's.
    stamps = [entry.updated_parsed for entry in parsed.entries]
    assert stamps == sorted(stamps, reverse=True)
    assert parsed.feed.updated == parsed.entries[0].updated


def test_required_elements_of_rfc_4287(run, tmp_path):
    root = ET.fromstring(feed_of(run, tmp_path, "2025-06-05"))
    assert root.tag == f"{A}feed"
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    # atom:feed: exactly one id, title, updated; an author (no entry has its own).
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{A}{name}")) == 1, name
    assert root.find(f"{A}author/{A}name").text == "timeline"
    assert stamp.fullmatch(root.find(f"{A}updated").text)
    ids = [root.find(f"{A}id").text]
    found = root.findall(f"{A}entry")
    assert len(found) == 6
    for entry in found:
        # atom:entry: exactly one id, title, updated; content, since it has no alternate link.
        for name in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert stamp.fullmatch(entry.find(f"{A}updated").text)
        assert entry.find(f"{A}content").get("type") == "text"
        assert entry.find(f"{A}author") is None
        for link in entry.findall(f"{A}link"):
            assert link.get("rel") == "related" and link.get("href")
        ids.append(entry.find(f"{A}id").text)
    for value in ids:  # absolute IRIs, name-based UUIDs
        assert value.startswith("urn:uuid:")
        assert uuid.UUID(value.removeprefix("urn:uuid:")).version == 5
    assert len(set(ids)) == len(ids)
    # Sources are related links, their address percent-encoded where a URI needs it.
    order = next(e for e in found if e.find(f"{A}title").text.startswith("Court sets"))
    [link] = order.findall(f"{A}link")
    assert (link.get("href"), link.get("title")) == ("https://example.org/story?a=1&b=2",
                                                     "The Paper")
    assert [(link.get("rel"), link.get("href")) for link in root.findall(f"{A}link")] == [
        ("related", "https://example.org/dockets/ny")]


def test_ids_are_the_same_on_any_day_and_titles_change_only_with_the_status(run, tmp_path):
    before = entries(feed_of(run, tmp_path, "2025-04-20"))
    after = entries(feed_of(run, tmp_path, "2026-01-01"))
    assert {key: e.id for key, e in before.items()} == {key: e.id for key, e in after.items()}
    assert before["Answer"].title == "UPCOMING: Answer"
    assert after["Answer"].title == "PASSED, no outcome recorded: Answer"
    assert after["Brief"].title == "MET: Brief"
    # Events with an id keep it when their title changes, as the ics UIDs do.
    (tmp_path / "events.yaml").write_text(FILE.replace("title: Answer", "title: Reply brief"))
    renamed = entries(feed_of(run, tmp_path, "2026-01-01"))
    assert renamed["Reply brief"].id == after["Answer"].id


def test_updated_comes_from_the_events_not_from_today(run, tmp_path):
    got = entries(feed_of(run, tmp_path, "2025-04-20"))
    # An event: the start of its day in its case's timezone; with no case, UTC.
    assert got["Court sets an answer deadline"].updated == utc(2025, 4, 30, 4)
    assert got["A report with no id"].updated == utc(2025, 3, 1)
    # A deadline not yet due soon: the day the order that set it was made.
    assert got["Answer"].updated == utc(2025, 4, 30, 4)
    # Nothing says when it was set: it comes in when it turns due soon (7 days before, in LA).
    assert got["Reply"].updated == utc(2025, 6, 3, 7)
    # Met: the moment of the event that met it.
    assert got["Brief"].updated == utc(2025, 6, 18, 17)
    # No status changes between these days: the feed is the same byte for byte.
    assert feed_of(run, tmp_path, "2025-04-20") == feed_of(run, tmp_path, "2025-04-19")


def test_a_deadline_that_passes_moves_to_the_top_at_its_due_moment(run, tmp_path):
    on_the_day = feedparser.parse(feed_of(run, tmp_path, "2025-05-05", "-c", "ny"))
    day_after = feedparser.parse(feed_of(run, tmp_path, "2025-05-06", "-c", "ny"))
    assert on_the_day.entries[0].title == "DUE SOON: Answer"
    # Set on April 30, within the 7 days before it was due: that is its last change.
    assert on_the_day.entries[0].updated == utc(2025, 4, 30, 4)
    top = day_after.entries[0]
    assert top.title == "PASSED, no outcome recorded: Answer"
    # The end of May 5 in New York, not the day of the export.
    assert top.updated == utc(2025, 5, 6, 4)
    assert day_after.feed.updated == top.updated
    assert top.id == on_the_day.entries[0].id
    # Its content says so without a count of days, so later days do not change it.
    later = entries(feed_of(run, tmp_path, "2025-05-20"))["Answer"]
    assert later.updated == top.updated and later.summary == top.summary
    assert top.summary.startswith("Status: PASSED, no outcome recorded; due 2025-05-05\n")


def test_one_case_feed_takes_its_title_and_facts_from_the_case(run, tmp_path):
    text = feed_of(run, tmp_path, "2025-06-05", "-c", "ny")
    parsed = feedparser.parse(text)
    assert not parsed.bozo
    assert parsed.feed.title == "Timeline: New York case"
    assert parsed.feed.subtitle == (
        "Southern District of New York · No. 1:25-cv-1 · Judge Ann Judge")
    assert [e.title for e in parsed.entries] == [
        "PASSED, no outcome recorded: Answer", "Court sets an answer deadline"]
    everything = feedparser.parse(feed_of(run, tmp_path, "2025-06-05"))
    la = feedparser.parse(feed_of(run, tmp_path, "2025-06-05", "-c", "la"))
    assert len({parsed.feed.id, everything.feed.id, la.feed.id}) == 3
    # The same entry in two feeds has the same id.
    assert parsed.entries[0].id == entries(feed_of(run, tmp_path, "2025-06-05"))["Answer"].id


def test_every_case_into_a_folder(run, tmp_path):
    ny = feed_of(run, tmp_path, "2025-06-05", "-c", "ny")
    result = export(run, tmp_path, "2025-06-05", "--split-cases", "feeds")
    assert result.stdout == ""
    assert sorted(p.name for p in (tmp_path / "feeds").iterdir()) == ["la.atom", "ny.atom"]
    assert (tmp_path / "feeds" / "ny.atom").read_text(encoding="utf-8") == ny


def test_an_empty_feed_is_valid_and_dated_by_nothing_but_itself(run, tmp_path):
    text = feed_of(run, tmp_path, "2025-06-05", "--search", "no such words")
    parsed = feedparser.parse(text)
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated == "1970-01-01T00:00:00Z"


def git(folder: Path, *args: str, when: str = "2025-01-01T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@t",
                    "-c", "init.defaultBranch=main", *args],
                   check=True, capture_output=True, env=env)  # fmt: skip


def test_in_git_an_edit_is_the_change_and_a_status_change_after_it_moves_it_on(run, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "events.yaml")
    git(tmp_path, "commit", "-q", "-m", "first", when="2025-04-01T12:00:00+00:00")
    path.write_text(FILE.replace("title: A report with no id", "title: A longer report"))
    git(tmp_path, "commit", "-q", "-am", "edit", when="2025-07-01T08:30:00+00:00")
    first = feed_of(run, tmp_path, "2025-08-01")
    assert feed_of(run, tmp_path, "2025-08-01") == first  # byte for byte
    got = entries(first)
    # An event added to the record after its date comes in when it was committed.
    assert got["Court sets an answer deadline"].updated == utc(2025, 4, 1, 12)
    assert got["A longer report"].updated == utc(2025, 7, 1, 8, 30)
    # Committed before it passed: passing is the later change.
    assert got["Answer"].updated == utc(2025, 5, 6, 4)


CONTROLS = r"""
sources:
  s: {title: "Src \x1b]52;c;aGk=\x07 title", url: "https://example.org/a b\"<x>"}
events:
  - id: ctl
    date: 2025-05-05
    kind: deadline
    title: "Null \x00 bell \x07 esc \x1b[2J vt \x0b del \x7f c1 \x9b bidi \u202e txet"
    details: "one\rtwo\u2028three \ufffe \uffff </content><script>x</script> ]]>"
    sources: [s]
"""


def test_text_xml_cannot_hold_is_shown_escaped_and_the_feed_stays_well_formed(run, tmp_path):
    (tmp_path / "events.yaml").write_text(CONTROLS)
    text = feed_of(run, tmp_path, "2026-01-01")
    ET.fromstring(text)  # expat refuses any character XML 1.0 forbids
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202e\ufffe\uffff]", text)
    [entry] = feedparser.parse(text).entries
    # Controls and bidi overrides read as the terminal shows them; VT is a line break.
    assert entry.title == ("PASSED, no outcome recorded: Null \\x00 bell \\x07 esc \\x1b[2J vt "
                           "del \\x7f c1 \\x9b bidi \\u202e txet")  # fmt: skip
    # Every line break is a line feed, as an XML reader reads one; markup stays text.
    assert "\n\none\ntwo\nthree \\ufffe \\uffff </content><script>x</script> ]]>\n\n" \
        in entry.content[0].value
    [link] = [link for link in entry.links if link.rel == "related"]
    assert (link.href, link.title) == ("https://example.org/a%20b%22%3Cx%3E",
                                       "Src \\x1b]52;c;aGk=\\x07 title")
