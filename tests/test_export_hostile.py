"""Hostile text through every export: nothing runs, nothing is injected, no text is lost.

tests/data/hostile.yaml is a valid file whose titles, details, case fields and source fields
carry spreadsheet formulas, markup, script, javascript: links, commas, semicolons, quotes,
tabs and line breaks.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import cmarkgfm
import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from browser import screenshot
from conftest import DATA, FIXED_TODAY
from htmltree import Node, parse
from test_markdown import walk

from timeline.render import RENDERERS, writes_file
from timeline.render.csv_ import FORMULA_STARTS

HOSTILE = DATA / "hostile.yaml"
DEADLINE_TITLE = '=HYPERLINK("http://evil.example", "click me")'
HEARING_TITLE = (
    "Hearing, with commas; semicolons\nand a newline </li></ol><script>alert(2)</script>"
)
ATTACKER_TITLE = "@attacker\t-2+3 \r\n 'quoted' \"double\" & ampersand"
IFRAME_TITLE = "<iframe src=javascript:alert(3)></iframe>"
CASE_TITLE = "=cmd|' /C calc'!A0, <b>bold</b>; case"
SOURCE_TITLE = '<img src=x onerror=alert(1)> =HYPERLINK("http://evil.example","source")'
SOURCE_URL = "https://example.org/a?b=1&c=\"><script>alert('url')</script>"
DETAILS = "[click](javascript:alert('details')) <script>alert(\"details\")</script>\n- a, b; c\n"


def export(run, name: str):  # type: ignore[no-untyped-def]
    result = run("export", "--format", name, "-f", str(HOSTILE), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.stderr
    return result


def text_of(run, name: str) -> str:  # type: ignore[no-untyped-def]
    return export(run, name).stdout_bytes.decode("utf-8")


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_format_exports_the_hostile_file(run, tmp_path, name):
    if writes_file(name):  # a database (tests/test_export_sqlite.py reads it back)
        result = run("export", "--format", name, "-f", str(HOSTILE), "--today", FIXED_TODAY,
                     "-o", "out")  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / "out").stat().st_size > 0
    else:
        result = export(run, name)
        assert result.stdout_bytes
    assert all(line.startswith("timeline: note: ") for line in result.stderr.splitlines())


# csv ------------------------------------------------------------------------------------------


def test_csv_neutralises_every_formula_and_keeps_the_text(run):
    rows = list(csv.DictReader(io.StringIO(text_of(run, "csv"), newline="")))
    assert len(rows) == 4
    for row in rows:
        for column, value in row.items():
            if value.startswith(FORMULA_STARTS):
                assert re.fullmatch(r"-\d+", value) and column == "days", (column, value)
    titles = [row["title"] for row in rows]
    assert titles == ["'" + DEADLINE_TITLE, HEARING_TITLE, "'" + ATTACKER_TITLE, IFRAME_TITLE]
    first = rows[0]
    assert first["case_titles"] == "'" + CASE_TITLE
    assert first["details"] == DETAILS
    assert first["tags"] == "'+tag; a; b"
    assert first["sources"] == 'evil-source; https://example.org/?q="onmouseover=alert(1)'
    assert rows[3]["details"] == "'+1 javascript:alert(4)"
    assert (first["status"], first["days"]) == ("passed", "-571")


# ics ------------------------------------------------------------------------------------------


def test_ics_escapes_text_so_no_property_is_injected(run):
    text = text_of(run, "ics")
    lines = text.split("\r\n")
    assert "\r" not in "".join(lines) and "\n" not in "".join(lines)
    # Only our own components: no title opened or closed one.
    begins = [line for line in lines if line.startswith(("BEGIN:", "END:"))]
    assert begins.count("BEGIN:VEVENT") == 3
    assert set(begins) <= {f"{edge}:{name}" for edge in ("BEGIN", "END")
                           for name in ("VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT",
                                        "VEVENT", "VALARM")}  # fmt: skip
    events = {str(e["uid"]).split("@")[0]: e for e in Calendar.from_ical(text).walk("VEVENT")}
    assert str(events["formula-deadline"]["summary"]) == "Deadline (PASSED, no outcome recorded): " + DEADLINE_TITLE
    assert str(events["newline-hearing"]["summary"]) == HEARING_TITLE
    [other] = [e for uid, e in events.items() if uid.startswith("event-")]
    # iCalendar text has one kind of line break, so CRLF is carried as a newline.
    assert str(other["summary"]) == ATTACKER_TITLE.replace("\r\n", "\n")
    description = str(events["formula-deadline"]["description"])
    assert DETAILS.rstrip("\n") in description
    assert f"- {SOURCE_TITLE} <{SOURCE_URL}>" in description
    assert "Case: " + CASE_TITLE in description


# markdown -------------------------------------------------------------------------------------

# The sources' addresses as the export writes them (percent-encoded): the only links it may make.
MARKDOWN_LINKS = {"https://example.org/a?b=1&c=%22%3E%3Cscript%3Ealert('url')%3C/script%3E",
                  "https://example.org/?q=%22onmouseover=alert(1)"}


def test_markdown_makes_no_link_but_the_sources_even_for_a_linkifying_reader(run):
    text = text_of(run, "markdown")
    reader = MarkdownIt("gfm-like", {"linkify": True})  # linkify-it finds bare domains
    hrefs = {token.attrGet("href") for token in walk(reader.parse(text))
             if token.type == "link_open"}  # fmt: skip
    assert hrefs == MARKDOWN_LINKS
    page = cmarkgfm.github_flavored_markdown_to_html(text)  # GitHub's autolinks
    hrefs = {html.unescape(href) for href in re.findall(r'href="([^"#][^"]*)"', page)}
    assert hrefs == MARKDOWN_LINKS
    # and the author's text is all there, as a reader sees it
    author = "see evil.com now, sub.evil.co.uk/path, evil.com:8080, user@\u2060evil.com, " \
        "xn--80ak6aa92e.com, http://evil.com, www.evil.com"
    assert author in html.unescape(re.sub(r"<[^>]*>", "", page))


# html -----------------------------------------------------------------------------------------


def assert_inert(page: Node) -> None:
    """No element that runs or fetches anything, no event handler, no non-http link."""
    for tag in ("script", "iframe", "img", "object", "embed", "link", "base", "form", "b"):
        assert page.find_all(tag) == [], tag
    for node in page.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            if name in ("href", "src", "action"):
                assert value is not None and re.match(r"(https?://|#)", value), value


def test_html_shows_every_text_and_runs_none(run):
    page = parse(text_of(run, "html"))
    assert_inert(page)
    headings = [h3.text() for h3 in page.find_all("h3")]
    assert headings == [DEADLINE_TITLE, HEARING_TITLE, ATTACKER_TITLE, IFRAME_TITLE]
    case = page.by_id("evil-case")
    assert case.find_all("h2")[0].text() == CASE_TITLE
    assert "<script>alert('court')</script>" in [dd.text() for dd in case.find_all("dd")]
    assert case.find_all("p", cls="summary")[0].text() == "javascript:alert('summary')"
    item = page.by_id("evil-case--formula-deadline")
    links = {a.attrs["href"]: a.text() for a in item.find_all("a")}
    bare_url = 'https://example.org/?q="onmouseover=alert(1)'
    assert links == {SOURCE_URL: SOURCE_TITLE, bare_url: bare_url}
    details = item.find_all("div", cls="details")[0]
    assert details.text() == (
        "[click](javascript:alert('details')) <script>alert(\"details\")</script>a, b; c"
    )


def test_html_of_the_hostile_file_logs_nothing_in_chromium(run, tmp_path: Path):
    page = tmp_path / "hostile.html"
    page.write_text(text_of(run, "html"), encoding="utf-8")
    # A script that got in would be refused by the page's policy, and the refusal logged.
    assert screenshot(page, 390, tmp_path / "hostile.png") == []


# timelinejs -----------------------------------------------------------------------------------


def test_timelinejs_escapes_every_html_field(run):
    doc = json.loads(text_of(run, "timelinejs"))
    slides = doc["events"]
    assert len(slides) == 4
    for slide in slides:
        for field in (slide["text"]["headline"], slide["text"]["text"], slide["group"],
                      slide.get("display_date", "")):  # fmt: skip
            assert_inert(parse(field))
        assert slide["autolink"] is False
    headlines = [parse(slide["text"]["headline"]) for slide in slides]
    assert all(all(isinstance(c, str) for c in h.children) for h in headlines)  # text only
    assert [h.text() for h in headlines] == [DEADLINE_TITLE, HEARING_TITLE, ATTACKER_TITLE,
                                              IFRAME_TITLE]  # fmt: skip
    assert parse(slides[0]["group"]).text() == CASE_TITLE
    body = parse(slides[0]["text"]["text"])
    assert {a.attrs["href"]: a.text() for a in body.find_all("a")}[SOURCE_URL] == SOURCE_TITLE
    assert "[click](javascript:alert('details')) <script>" in body.text()


# atom -----------------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_ELEMENTS = {f"{ATOM}{name}" for name in ("feed", "id", "title", "subtitle", "updated",
                 "author", "name", "generator", "link", "entry", "category", "content")}


def test_atom_keeps_every_text_as_text_and_links_only_the_sources(run):
    import xml.etree.ElementTree as ET

    import feedparser

    text = text_of(run, "atom")
    # Only the feed's own elements: no title or detail opened one of its own.
    assert {element.tag for element in ET.fromstring(text).iter()} <= ATOM_ELEMENTS
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    by_title = {entry.title: entry for entry in parsed.entries}
    # A title is one line: its line breaks, with the spaces around them, one space.
    assert set(by_title) == {
        "PASSED, no outcome recorded: " + DEADLINE_TITLE,
        HEARING_TITLE.replace("\n", " "),
        "@attacker\t-2+3 'quoted' \"double\" & ampersand",
        IFRAME_TITLE,
    }
    deadline = by_title["PASSED, no outcome recorded: " + DEADLINE_TITLE]
    assert deadline.content[0].type == "text/plain"
    assert DETAILS.rstrip("\n") in deadline.content[0].value
    assert "Case: " + CASE_TITLE in deadline.content[0].value
    encoded = "https://example.org/a?b=1&c=%22%3E%3Cscript%3Ealert('url')%3C/script%3E"
    assert f"- {SOURCE_TITLE} <{encoded}>" in deadline.content[0].value
    links = {(link.rel, link.href, link.get("title")) for link in deadline.links
             if link.rel == "related"}  # fmt: skip
    assert links == {("related", encoded, SOURCE_TITLE),
                     ("related", "https://example.org/?q=%22onmouseover=alert(1)", None)}
