"""`timeline export --format html`: one self-contained page, read back with html.parser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from browser import png_size, screenshot
from conftest import BUNDLED, FIXED_TODAY, assert_golden
from htmltree import Node, parse

COURTLISTENER = "https://www.courtlistener.com/docket/69777799/abrego-garcia-v-noem/"


def export(run, *args: str, file: str = str(BUNDLED)) -> str:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "html", "-f", file, "--today", FIXED_TODAY, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout_bytes.decode("utf-8")


@pytest.fixture
def page(run) -> Node:  # type: ignore[no-untyped-def]
    return parse(export(run))


def test_golden(run):
    assert_golden("bundled.html", export(run))


def test_head_makes_it_readable_on_a_phone_and_self_contained(page):
    metas = {m.attrs.get("name") or m.attrs.get("http-equiv"): m.attrs
             for m in page.find_all("meta")}  # fmt: skip
    assert metas["viewport"]["content"] == "width=device-width, initial-scale=1"
    assert metas["Content-Security-Policy"]["content"].startswith("default-src 'none';")
    [style] = page.find_all("style")
    css = style.text()
    assert "@media print" in css
    assert "url(" not in css and "@import" not in css
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
        assert page.find_all(tag) == [], tag


def test_every_link_is_http_or_a_fragment_that_exists(page):
    ids = [node.attrs["id"] for node in page.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))
    links = [a.attrs["href"] for a in page.find_all("a")]
    assert links
    for href in links:
        assert href is not None
        if href.startswith("#"):
            assert href[1:] in ids
        else:
            assert re.match(r"https?://", href), href
    for node in page.iter():
        assert not any(name.startswith("on") for name in node.attrs), node


def test_the_may_5_deadline_badge_says_passed(page):
    item = page.by_id("abrego-garcia--deadline-2025-05-05")
    [badge] = item.find_all("strong", cls="badge")
    assert badge.text() == "PASSED 571 days ago · no outcome recorded"
    assert "status-passed" in badge.attrs["class"]
    assert item.find_all("h3")[0].text() == (
        "Government to answer pending discovery and shore up its privilege claims"
    )
    assert item.find_all("time")[0].attrs["datetime"] == "2025-05-05"


def test_passed_deadlines_are_listed_first(page):
    [alerts] = page.find_all("section", cls="alerts")
    entries = [li.text() for li in alerts.find_all("li")]
    assert len(entries) == 4
    assert entries[1] == (
        "PASSED 571 days ago · no outcome recorded Abrego Garcia v. Noem: Government to answer pending "
        "discovery and shore up its privilege claims (due May 5, 2025)"
    )


def test_one_vertical_timeline_per_case(page):
    sections = page.find_all("section", cls="case")
    headings = [section.find_all("h2")[0].text() for section in sections]
    assert headings == ["Abrego Garcia v. Noem", "Noem v. Abrego Garcia", "J.G.G. v. Trump",
                        "Other events"]  # fmt: skip
    jgg = page.by_id("jgg")
    [timeline] = jgg.find_all("ol", cls="timeline")
    assert len(timeline.find_all("li", cls="event")) == 9
    # An event of two cases is on both timelines.
    assert page.by_id("abrego-garcia--scotus-order-2025-04-10")
    assert page.by_id("noem-v-abrego-garcia--scotus-order-2025-04-10")


def test_sources_link_only_when_they_have_a_web_address(page):
    item = page.by_id("abrego-garcia--abrego-complaint")
    [source] = item.find_all("ul", cls="sources")[0].find_all("li")
    [link] = source.find_all("a")
    assert link.attrs["href"] == COURTLISTENER
    assert link.attrs["rel"] == "noopener noreferrer"
    arrest = page.by_id("abrego-garcia--abrego-arrest")
    assert arrest.find_all("a") == []
    assert "CECOT, El Salvador's torture prison for rent" in arrest.text()


def test_details_keep_their_paragraphs_and_lists(page):
    item = page.by_id("no-case--cecot-opens")
    [details] = item.find_all("div", cls="details")
    assert len(details.find_all("ul")[0].find_all("li")) == 6
    assert details.find_all("p")[0].text() == "Figures given in the article:"


def test_filtered_page_has_only_the_chosen_case(run):
    page = parse(export(run, "--case", "jgg"))
    assert [s.attrs["id"] for s in page.find_all("section", cls="case")] == ["jgg"]
    assert page.find_all("title")[0].text() == "Timeline: J.G.G. v. Trump"


def test_an_empty_selection_says_so(run):
    page = parse(export(run, "--search", "no such words anywhere"))
    assert page.find_all("p", cls="empty")[0].text() == "No events match."


@pytest.mark.parametrize("width", [390, 1280])
def test_renders_in_chromium_without_console_errors(run, tmp_path, width):
    path = tmp_path / "page.html"
    path.write_text(export(run), encoding="utf-8")
    # TIMELINE_SCREENSHOTS=DIR keeps the screenshots for a person to look at.
    folder = Path(os.environ.get("TIMELINE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"bundled-{width}.png"
    console = screenshot(path, width, shot)
    assert console == []
    assert png_size(shot)[0] == width


def test_the_console_check_catches_errors(tmp_path):
    """The browser check above can fail: a page that logs errors is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><meta http-equiv='Content-Security-Policy' content=\"default-src 'none'\">"
        "<p>x</p><script>console.error('boom')</script>",
        encoding="utf-8",
    )
    console = screenshot(bad, 390, tmp_path / "bad.png", height=200)
    assert any("Content Security Policy" in line for line in console)


def test_a_passed_deadline_of_two_cases_links_to_the_case_shown(run, write):
    path = write("""
        cases:
          first: {title: First v. Case}
          second: {title: Second v. Case}
        events:
          - id: answer
            date: 2025-05-05T17:00Z
            case: [first, second]
            kind: deadline
            title: Answer due
            sources: [https://example.org/answer]
    """)
    page = parse(export(run, "--case", "second", file=str(path)))
    [alerts] = page.find_all("section", cls="alerts")
    [link] = alerts.find_all("a")
    assert link.attrs["href"] == "#second--answer"
    assert page.by_id("second--answer")
    assert alerts.find_all("li")[0].text() == (
        "PASSED 571 days ago · no outcome recorded First v. Case; Second v. Case: Answer due (due "
        "May 5, 2025, 5:00 PM UTC)"
    )
