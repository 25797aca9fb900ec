"""The html export as readers see it: badge contrast in light and dark mode (WCAG, from the CSS),
and the printed page in Chromium (driven over DevTools, the page served on 127.0.0.1)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import devtools
from conftest import BUNDLED, DATA, FIXED_TODAY

from timeline.deadlines import STATUS_ORDER
from timeline.render.html import STYLE

STATUSES = (*STATUS_ORDER, "unknown")


def declarations(body: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in body.split(";") if ":" in part)
    return {name.strip(): value.strip() for name, value in pairs}


def top_level_rules(css: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of the rules outside any @media block."""
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", strip_media(css)):
        rules.append(([s.strip() for s in selectors.split(",")], declarations(body)))
    return rules


def strip_media(css: str) -> str:
    """The CSS without its @media blocks."""
    out, index = "", 0
    for match in re.finditer(r"@media[^{]*\{", css):
        if match.start() < index:
            continue
        out += css[index:match.start()]
        depth, at = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[at], 0)
            at += 1
        index = at
    return out + css[index:]


def schemes(css: str) -> dict[str, dict[str, str]]:
    light = declarations(re.search(r":root\{([^}]*)\}", strip_media(css)).group(1))  # type: ignore
    dark_block = re.search(r"@media \(prefers-color-scheme:dark\)\{:root\{([^}]*)\}\}", css)
    assert dark_block, "no dark scheme"
    return {"light": light, "dark": {**light, **declarations(dark_block.group(1))}}


def resolve(value: str, variables: dict[str, str]) -> str:
    while (found := re.fullmatch(r"var\((--[\w-]+)\)", value)) is not None:
        value = variables[found.group(1)]
    return value


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def badge_colours(css: str, status: str, variables: dict[str, str]) -> tuple[str, str]:
    """The badge's text colour and the colour behind it (the page where it has no background)."""
    style = {"color": "var(--ink)", "background": "var(--paper)"}
    for selectors, decls in top_level_rules(css):
        if ".badge" in selectors or f".badge.status-{status}" in selectors:
            style.update({k: v for k, v in decls.items() if k in ("color", "background")})
    return resolve(style["color"], variables), resolve(style["background"], variables)


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast("#fff", "#000"), 2) == 21.0
    assert round(contrast("#fff", "#ff6b61"), 2) == 2.79  # the dark PASSED badge of issue 13


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_badge_has_aa_contrast(scheme):
    variables = schemes(STYLE)[scheme]
    low = {}
    for status in STATUSES:
        fg, bg = badge_colours(STYLE, status, variables)
        if contrast(fg, bg) < 4.5:
            low[status] = f"{fg} on {bg}: {contrast(fg, bg):.2f}:1"
    assert low == {}


MARKERS_LEFT = """(() => {
  const lefts = [...document.querySelectorAll('.timeline>li')].map((li) => {
    const box = li.getBoundingClientRect();
    return box.left + li.clientLeft + parseFloat(getComputedStyle(li, '::before').left);
  });
  return {count: lefts.length, left: Math.min(...lefts)};
})()"""


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def printed(run, tmp_path: Path, file: Path = BUNDLED):  # type: ignore[no-untyped-def]
    """The page printed to PDF (Letter, Chromium's default margins) and where its markers are."""
    result = run("export", "--format", "html", "-f", str(file), "--today", FIXED_TODAY,
                 "-o", str(tmp_path / "page.html"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with devtools.serve(tmp_path) as url, devtools.browser() as browser:
        browser.open(url + "page.html")
        # The printable width of a Letter page with Chromium's margins (0.4 in each side).
        browser.send("Emulation.setDeviceMetricsOverride", width=739, height=1000,
                     deviceScaleFactor=1, mobile=False)  # fmt: skip
        browser.send("Emulation.setEmulatedMedia", media="print")
        markers = browser.evaluate(MARKERS_LEFT)
        shot = browser.screenshot()
        pdf = browser.pdf(printBackground=False, paperWidth=8.5, paperHeight=11)
        assert browser.errors() == []
    # TIMELINE_SCREENSHOTS=DIR keeps the print for a person to look at.
    folder = Path(os.environ.get("TIMELINE_SCREENSHOTS") or tmp_path)
    (folder / "bundled-print.png").write_bytes(shot)
    (folder / "bundled-print.pdf").write_bytes(pdf)
    return markers, pages(pdf)


# The bundled record as it was when the print CSS was measured (45 events; the record has since
# grown to twice the text), so that the page count stays a measure of the layout alone.
PRINT_RECORD = DATA / "print" / "events-45.yaml"


def test_printed_page_keeps_every_marker_on_the_paper_and_fits_in_few_pages(run, tmp_path):
    markers, count = printed(run, tmp_path, PRINT_RECORD)
    assert markers["count"] >= 45  # an event of two cases shows in both
    assert markers["left"] >= 0
    assert count <= 10  # 13 before the print CSS was tightened (Letter, 0.4 in margins)


def test_the_bundled_record_prints_with_every_marker_on_the_paper(run, tmp_path):
    markers, count = printed(run, tmp_path)
    assert markers["count"] >= 50 and markers["left"] >= 0
    assert count <= 14  # 50 events with their details


TIMELINEJS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="icon" href="data:,"><!-- else Chromium may ask for /favicon.ico and log its 404 -->
<link rel="stylesheet" href="tl/css/timeline.css"><script src="tl/js/timeline.js"></script>
</head><body><div id="timeline" style="width:100%;height:600px"></div>
<script>
// script_path: where TimelineJS finds its locales (else its CDN, offline here); no web font,
// which would come from Google Fonts.
window.timeline = new TL.Timeline("timeline", "timeline.json",
  {script_path: new URL("tl/js/", location.href).href, font: null});
</script>
</body></html>
"""
SLIDES = "document.querySelectorAll('.tl-slide').length"
# TimelineJS reports data it cannot read in its own message box, not on the console.
TL_MESSAGE = ("Array.from(document.querySelectorAll('.tl-message-content'))"
              ".map(e => e.textContent).join(' ')")


def timelinejs_problems(browser: devtools.Browser) -> list[str]:
    """Console errors and warnings, and any error TimelineJS shows in its message box."""
    shown = browser.evaluate(TL_MESSAGE)
    return [*browser.errors(), *([f"TimelineJS: {shown}"] if "Error" in shown else [])]


def timelinejs_site(tmp_path: Path, data: str) -> Path:
    """A folder with TimelineJS's npm build, a page that embeds it, and ``data`` as its JSON."""
    site = tmp_path / "site"
    site.mkdir()
    dist = devtools.clients.npm_package("@knight-lab/timelinejs") / "dist"
    (site / "tl").symlink_to(dist, target_is_directory=True)
    (site / "index.html").write_text(TIMELINEJS_PAGE, encoding="utf-8")
    (site / "timeline.json").write_text(data, encoding="utf-8")
    return site


def test_timelinejs_shows_the_export_without_a_console_error(run, tmp_path):
    result = run("export", "--format", "timelinejs", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.stderr
    site = timelinejs_site(tmp_path, result.stdout)
    with devtools.serve(site) as url, devtools.browser() as browser:
        browser.open(url + "index.html")
        # A slide an event shown by the export, and its title slide.
        slides = browser.wait_for(f"{SLIDES} >= 46 && {SLIDES}")
        title = browser.evaluate("document.querySelector('.tl-slide .tl-headline').textContent")
        errors = timelinejs_problems(browser)
    assert slides >= 46
    assert title.startswith("Timeline")
    assert errors == []


def test_the_timelinejs_check_sees_the_error_timelinejs_shows(tmp_path):
    site = timelinejs_site(tmp_path, '{"events": "not a list"}')
    with devtools.serve(site) as url, devtools.browser() as browser:
        browser.open(url + "index.html")
        problems = browser.wait_for(
            f"({TL_MESSAGE}).includes('Error') && ({TL_MESSAGE})", timeout=10
        )  # fmt: skip
        assert "Cannot create property" in problems
        assert timelinejs_problems(browser) != []


def test_the_timelinejs_check_sees_an_uncaught_exception(tmp_path):
    site = timelinejs_site(tmp_path, "{}")
    page = (site / "index.html").read_text(encoding="utf-8")
    (site / "index.html").write_text(
        page.replace("</body>", "<script>null.planted;</script></body>"), encoding="utf-8"
    )  # fmt: skip
    with devtools.serve(site) as url, devtools.browser() as browser:
        browser.open(url + "index.html")
        browser.wait_for("false", timeout=2)
        assert any("planted" in problem for problem in timelinejs_problems(browser))
