"""`timeline export --format markdown`: GFM a renderer shows as intended, hostile text inert."""

from __future__ import annotations

import html
import re
from pathlib import Path

import cmarkgfm
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from conftest import BUNDLED, FIXED_TODAY, assert_golden
from timeline.render.markdown import escape, link

HOSTILE = r'''
sources:
  evil-source:
    title: "Pipe | in <b>bold</b> [x](javascript:alert(1))"
    author: "<img src=x onerror=alert(1)>"
    publisher: "Evil & Co | *Press*"
    date: 2025-01-02
    url: "https://example.org/a?b=<c>&d=(e)"
cases:
  evil:
    title: "Case # <script>alert(1)</script>"
    court: "Court | of [Appeals](javascript:alert(2))"
    docket: "1:25-cv-<i>1</i>"
    judge: "Judge `rm -rf` *Bold* _under_ ~strike~"
events:
  - id: pipe
    date: 2025-01-01
    case: evil
    kind: filing
    title: "A | B | C"
    sources: [evil-source]
  - id: script
    date: 2025-01-02
    case: evil
    kind: order
    title: "<script>alert('x')</script> &amp; &lt;b&gt;"
    sources: ["https://example.org/path with space>(x)"]
  - id: link
    date: 2025-01-03
    case: evil
    kind: ruling
    title: "[x](javascript:alert(1)) and <javascript:alert(1)> and ![i](javascript:x)"
    sources: [evil-source]
  - id: newline
    date: 2025-01-04
    case: evil
    kind: deadline
    title: "first line\nsecond | line\r\n\n| --- | --- |\n# heading"
    sources: [evil-source]
  - id: autolinks
    date: 2025-01-05
    kind: statement
    title: "mail me@example.org, see www.example.org, ftp://example.org/x, $x$"
    sources: [evil-source]
  - id: reference
    date: 2025-01-06
    case: evil
    kind: other
    title: "[ref]\n\n[ref]: javascript:alert(3)"
    sources: [evil-source]
  - id: domains
    date: 2025-01-07
    case: evil
    kind: other
    title: "see evil.com now, sub.evil.co.uk/path, evil.com:8080, user@evil.com, a.b@c.d"
    details: "xn--80ak6aa92e.com and http://evil.com"
    sources: [evil-source]
'''
# The titles as one line, as each table cell must show them.
TITLES = {
    "pipe": "A | B | C",
    "script": "<script>alert('x')</script> &amp; &lt;b&gt;",
    "link": "[x](javascript:alert(1)) and <javascript:alert(1)> and ![i](javascript:x)",
    "newline": "first line second | line | --- | --- | # heading",
    "autolinks": "mail me@\u2060example.org, see www.example.org, ftp://example.org/x, $x$",
    "reference": "[ref] [ref]: javascript:alert(3)",
    # An e-mail address keeps an invisible word joiner after its `@` (see markdown.py).
    "domains": "see evil.com now, sub.evil.co.uk/path, evil.com:8080, user@\u2060evil.com,"
               " a.b@\u2060c.d",
}
# The only links the export may make: the sources' addresses, percent-encoded.
SOURCE_LINKS = {"https://example.org/a?b=%3Cc%3E&d=(e)",
                "https://example.org/path%20with%20space%3E(x)"}


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def walk(tokens: list[Token]):  # type: ignore[no-untyped-def]
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token (escapes undone, no markup)."""
    return "".join(child.content for child in token.children or []
                   if child.type in ("text", "code_inline"))  # fmt: skip


def table_rows(tokens: list[Token]) -> list[list[str]]:
    """Every body row of every table, as the text of each of its cells."""
    rows: list[list[str]] = []
    in_body = False
    for number, token in enumerate(tokens):
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            in_body = False
        elif in_body and token.type == "tr_open":
            rows.append([])
        elif in_body and token.type == "inline" and tokens[number - 1].type == "td_open":
            rows[-1].append(inline_text(token))
    return rows


@pytest.fixture
def hostile(run, write) -> str:
    path = write(HOSTILE)
    result = run("export", "--format", "markdown", "-f", str(path), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_hostile_values_inject_no_html(hostile: str) -> None:
    kinds = {token.type for token in walk(parse(hostile))}
    assert "html_inline" not in kinds and "html_block" not in kinds
    assert "image" not in kinds


def test_hostile_values_make_no_link_but_http(hostile: str) -> None:
    hrefs = [t.attrGet("href") for t in walk(parse(hostile)) if t.type == "link_open"]
    assert hrefs, "the source URLs must still be links"
    for href in hrefs:
        assert str(href).startswith(("https://", "http://")), href
    assert "https://example.org/a?b=%3Cc%3E&d=(e)" in hrefs
    assert "https://example.org/path%20with%20space%3E(x)" in hrefs


def test_a_linkifying_reader_makes_no_link_but_the_sources(hostile: str) -> None:
    reader = MarkdownIt("gfm-like", {"linkify": True})
    hrefs = {t.attrGet("href") for t in walk(reader.parse(hostile)) if t.type == "link_open"}
    assert hrefs == SOURCE_LINKS


def test_githubs_renderer_makes_no_link_but_the_sources(hostile: str) -> None:
    # cmark-gfm, GitHub's own: its autolink extension links e-mail addresses even with the
    # `@` escaped, and finds `www.`, `http://` and `ftp://` in running text.
    page = cmarkgfm.github_flavored_markdown_to_html(hostile)
    assert {html.unescape(href) for href in re.findall(r'href="([^"]*)"', page)
            if not href.startswith("#")} == SOURCE_LINKS  # fmt: skip  (footnotes link to #)


def test_each_hostile_title_sits_in_one_cell(hostile: str) -> None:
    rows = table_rows(parse(hostile))
    events = [row for row in rows if len(row) == 5 and row[1] in
              ("Filing", "Order", "Ruling", "Deadline", "Statement", "Other")]  # fmt: skip
    assert all(len(row) == 5 for row in rows), rows
    shown = [row[2] for row in events]
    for key, title in TITLES.items():
        assert any(cell == title or cell.startswith(title + " (") for cell in shown), (key, shown)
    # the deadline's own table too: due, deadline, status, set by, met by
    assert [row[1] for row in rows if row[0] == "January 4, 2025" and len(row) == 5][-1] == TITLES["newline"]


def test_hostile_case_fields_stay_text(hostile: str) -> None:
    tokens = parse(hostile)
    headings = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Case # <script>alert(1)</script>" in headings
    items = [inline_text(t) for t in walk(tokens) if t.type == "inline" and "Court" in t.content]
    assert any("Court | of [Appeals](javascript:alert(2))" in item for item in items)
    assert "Events without a case" in headings


def test_hostile_values_make_no_emphasis_or_code(hostile: str) -> None:
    kinds = [token.type for token in walk(parse(hostile))]
    # Emphasis comes only from the export's own bold labels, the flagged deadline and titles in
    # footnotes: every `*`, `_` or backtick from the file stays literal.
    assert "code_inline" not in kinds
    judge = [t for t in walk(parse(hostile)) if t.type == "inline" and "Judge" in t.content]
    assert inline_text(judge[0]).endswith("Judge `rm -rf` *Bold* _under_ ~strike~")


def test_bundled_markdown_golden(run) -> None:
    result = run("export", "--format", "markdown", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert_golden("bundled.markdown", result.stdout)


def test_bundled_markdown_structure(run) -> None:
    result = run("export", "--format", "md", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Timeline\n\nGenerated on November 27, 2026;")
    tokens = parse(text)
    headings = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:2] == ["Timeline", "Abrego Garcia v. Noem"]
    assert {"Noem v. Abrego Garcia", "J.G.G. v. Trump", "Events without a case"} <= set(headings)
    assert "- **Docket:** 8:25-cv-00951" in text
    assert "- **Judge:** Paula Xinis" in text
    rows = table_rows(tokens)
    deadline = [row for row in rows if row[1].startswith("Government to answer pending")]
    assert deadline == [["May 5, 2025", "Government to answer pending discovery and shore up its "
                         "privilege claims", "⚠ PASSED 571 days ago · no outcome recorded",
                         "April 30, 2025: Court sets a discovery schedule running to May 9", "—"]]  # fmt: skip
    # every footnote mark has its definition, with title, author and date
    assert "[^1]: Ximena Hasbach, *CECOT, El Salvador's torture prison for rent*, May 22, 2025." in text
    marks = {part.split("]")[0] for part in text.split("[^")[1:]}
    for mark in marks:
        assert f"[^{mark}]: " in text


def test_markdown_follows_the_filters(run) -> None:
    result = run("export", "-F", "md", "-f", str(BUNDLED), "--today", FIXED_TODAY, "-c", "jgg")
    assert result.exit_code == 0
    assert "## J.G.G. v. Trump" in result.stdout
    assert "## Abrego Garcia v. Noem" not in result.stdout
    assert "Filtered: case jgg." in result.stdout
    assert "9 events in 1 case; 0 deadlines passed, 0 due soon." in result.stdout


def test_markdown_with_nothing_matching_says_so(run) -> None:
    result = run("export", "-F", "md", "-f", str(BUNDLED), "--today", FIXED_TODAY, "-s", "zzzz")
    assert result.exit_code == 0
    assert "No events match these filters." in result.stdout
    assert "## " not in result.stdout


def test_markdown_to_a_file(run, tmp_path: Path) -> None:
    out = tmp_path / "timeline.md"
    result = run("export", "-F", "md", "-f", str(BUNDLED), "--today", FIXED_TODAY, "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Timeline\n")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("A | B", r"A \| B"),
        ("<script>", r"\<script\>"),
        ("[x](javascript:y)", r"\[x\](javascript:y)"),
        ("one\ntwo\r\nthree", "one two three"),
        ("a & b", r"a \& b"),
        ("www.example.org", r"www\.example\.org"),
        ("ftp://host", r"ftp\://host"),
        ("see evil.com now", r"see evil\.com now"),
        ("sub.evil.co.uk/path", r"sub\.evil\.co\.uk/path"),
        ("evil.com:8080", r"evil\.com:8080"),
        ("user@evil.com", "user\\@\u2060evil\\.com"),
        ("xn--80ak6aa92e.com", r"xn--80ak6aa92e\.com"),
        ("пример.рф", r"пример\.рф"),
        ("http://evil.com", r"http\://evil\.com"),
        ("@attacker, e.g. U.S. v. J.G.G.", r"\@attacker, e.g. U.S. v. J.G.G."),
        ("Abrego Garcia v. Noem, 8:25-cv-00951", "Abrego Garcia v. Noem, 8:25-cv-00951"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_link_keeps_only_http() -> None:
    assert link("https://example.org/a b") == "<https://example.org/a%20b>"
    assert link("javascript:alert(1)") is None
    assert link("mailto:x@example.org") is None
