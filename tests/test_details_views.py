"""An event's `details` reach readers: Markdown notes keyed to the row, the HTML card, and
`timeline show --details`; escaped or cleaned as every other text from the file."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from conftest import DATA, FIXED_TODAY
from htmltree import parse as parse_html

HOSTILE = str(DATA / "hostile.yaml")
SOURCE_URL = "https://example.org/a?b=1&c=\"><script>alert('url')</script>"

NOTES = """\
cases:
  a: {title: Case A, timezone: America/New_York}
events:
  - id: order
    date: 2025-04-30
    case: a
    kind: order
    title: Order setting a schedule
    details: |
      The court sets four dates.
      The order is known from a copy.

      - May 2: narrow the requests
      - May 5: answer, and
        shore up the claims

      Nothing later is recorded.
  - date: 2025-05-01
    case: a
    kind: filing
    title: A filing without details
  - date: 2025-05-05
    case: a
    kind: deadline
    title: Answer due
    details: "No event shows it met."
  - date: 2025-05-06
    kind: statement
    title: A statement of no case
    details: "- 1. --- # > + lines that would be markup at the start of a line"
"""


def md(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def walk(tokens: list[Token]):  # type: ignore[no-untyped-def]
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def inline(token: Token) -> str:
    return "".join(child.content for child in token.children or [] if child.type == "text")


def export(run, fmt: str, path: str) -> str:  # type: ignore[no-untyped-def]
    result = run("export", "--format", fmt, "-f", path, "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def section(text: str, heading: str) -> str:
    """The Markdown from the line after ``heading`` to the next heading of its level or above."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n") + len(heading) + 1
    rest = text[start:]
    ends = [rest.find("\n" + "#" * n + " ") for n in range(1, len(level) + 1)]
    ends = [end for end in ends if end >= 0]
    return rest[: min(ends)] if ends else rest


def test_markdown_keys_each_details_to_its_row_and_lists_them_as_notes(run, write) -> None:
    text = export(run, "markdown", str(write(NOTES)))
    case = section(text, "## Case A")
    assert "| April 30, 2025 | Order | Order setting a schedule (note 1) | confirmed | — |" in case
    assert "| May 1, 2025 | Filing | A filing without details | confirmed | — |" in case
    assert "| Answer due (**⚠ PASSED 571 days ago · no outcome recorded**) (note 2) |" in case
    notes = section(case, "### Notes")
    assert notes == """
1. April 30, 2025 · Order setting a schedule

   The court sets four dates. The order is known from a copy.

   - May 2: narrow the requests
   - May 5: answer, and shore up the claims

   Nothing later is recorded.

2. May 5, 2025 · Answer due

   No event shows it met.
"""
    # The notes come after the events table and before the deadlines table.
    assert case.index("### Notes") < case.index("### Deadlines")


def test_markdown_notes_read_back_as_paragraphs_and_lists(run, write) -> None:
    text = export(run, "markdown", str(write(NOTES)))
    tokens = md(section(section(text, "## Case A"), "### Notes"))
    types = [token.type for token in tokens if token.type.endswith("_open")]
    assert types == [
        "ordered_list_open", "list_item_open", "paragraph_open", "paragraph_open",
        "bullet_list_open", "list_item_open", "paragraph_open", "list_item_open", "paragraph_open",
        "paragraph_open", "list_item_open", "paragraph_open", "paragraph_open",
    ]  # fmt: skip
    paragraphs = [inline(tokens[n + 1]) for n, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert paragraphs == [
        "April 30, 2025 · Order setting a schedule",
        "The court sets four dates. The order is known from a copy.",
        "May 2: narrow the requests", "May 5: answer, and shore up the claims",
        "Nothing later is recorded.",
        "May 5, 2025 · Answer due", "No event shows it met.",
    ]  # fmt: skip


def test_markdown_details_that_start_with_markup_stay_one_paragraph_of_text(run, write) -> None:
    text = export(run, "markdown", str(write(NOTES)))
    loose = section(text, "## Events without a case")
    assert "| A statement of no case (note 1) |" in loose
    tokens = md(section(loose, "### Notes"))
    kinds = [token.type for token in tokens]
    assert kinds.count("bullet_list_open") == 1  # the details' own "- " item, one level only
    assert "heading_open" not in kinds and "hr" not in kinds and "blockquote_open" not in kinds
    assert "ordered_list_open" in kinds  # the notes' own list
    [item_text] = [inline(tokens[n + 1]) for n, t in enumerate(tokens)
                   if t.type == "paragraph_open"][1:]  # fmt: skip
    assert item_text == "1. --- # > + lines that would be markup at the start of a line"


def test_hostile_details_in_markdown_make_no_html_and_no_link_but_sources(run) -> None:
    text = export(run, "markdown", HOSTILE)
    tokens = list(walk(md(text)))
    kinds = {token.type for token in tokens}
    assert not kinds & {"html_inline", "html_block", "image"}
    links = [token.attrGet("href") for token in tokens if token.type == "link_open"]
    assert links and all(str(href).startswith("https://example.org/") for href in links)
    notes = section(section(text, "## =cmd\\|' /C calc'!A0, \\<b\\>bold\\</b\\>; case"),
                    "### Notes")  # fmt: skip
    assert not {t.type for t in walk(md(notes))} & {"em_open", "strong_open", "code_inline",
                                                    "link_open"}  # fmt: skip
    paragraphs = [inline(t) for t in md(notes) if t.type == "inline"]
    assert paragraphs[1:] == [
        "[click](javascript:alert('details')) <script>alert(\"details\")</script>",
        "a, b; c",
    ]
    loose = section(section(text, "## Events without a case"), "### Notes")
    loose = loose.split("\n\n[^1]: ")[0]  # the source footnotes follow the last notes
    assert [inline(t) for t in md(loose) if t.type == "inline"][1:] == ["+1 javascript:alert(4)"]


def test_html_shows_details_in_the_card_as_paragraphs_and_lists(run, write) -> None:
    page = parse_html(export(run, "html", str(write(NOTES))))
    card = page.by_id("a--order")
    [details] = card.find_all("div", cls="details")
    assert [p.text() for p in details.find_all("p")] == [
        "The court sets four dates. The order is known from a copy.",
        "Nothing later is recorded.",
    ]
    assert [li.text() for li in details.find_all("li")] == [
        "May 2: narrow the requests", "May 5: answer, and shore up the claims"]
    hostile = parse_html(export(run, "html", HOSTILE)).by_id("evil-case--formula-deadline")
    [details] = hostile.find_all("div", cls="details")
    assert {node.tag for node in details.iter()} == {"div", "p", "ul", "li"}
    assert details.find_all("p")[0].text() == (
        "[click](javascript:alert('details')) <script>alert(\"details\")</script>")


def test_show_details_prints_them_under_each_event_indented(run, write) -> None:
    path = str(write(NOTES))
    plain = run("show", "-f", path, "--today", FIXED_TODAY, "-c", "a")
    assert "court sets" not in plain.stdout
    result = run("show", "-f", path, "--today", FIXED_TODAY, "-c", "a", "--details")
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
2025
April 2025
  Apr 30  order     Order setting a schedule
                      The court sets four dates. The order is known from a copy.
                      - May 2: narrow the requests
                      - May 5: answer, and shore up the claims
                      Nothing later is recorded.

May 2025
  May 1   filing    A filing without details
  May 5   deadline  PASSED 571 days ago · no outcome recorded  Answer due
                      No event shows it met.

3 of 4 events · 1 case · 1 deadline passed · 0 due soon
"""


def test_show_details_wrap_list_items_under_their_text_and_stack_when_narrow(run, write) -> None:
    path = str(write(NOTES))
    result = run("show", "-f", path, "--today", FIXED_TODAY, "-c", "a", "--details",
                 "--until", "2025-04-30", env={"COLUMNS": "40"})  # fmt: skip
    assert result.stdout.splitlines()[2:11] == [
        "  Apr 30  order",
        "    Order setting a schedule",
        "      The court sets four dates. The",
        "      order is known from a copy.",
        "      - May 2: narrow the requests",
        "      - May 5: answer, and shore up the",
        "        claims",
        "      Nothing later is recorded.",
        "",
    ]
    for width in (40, 60, 80, 120):
        wide = run("show", "-f", path, "--today", FIXED_TODAY, "--details",
                   env={"COLUMNS": str(width)})  # fmt: skip
        assert all(len(line) <= width for line in wide.stdout.splitlines()), width


def test_show_details_cannot_drive_the_terminal(run, write) -> None:
    path = write("""\
        events:
          - date: 2025-01-01
            kind: other
            title: Title
            details: "before\\x1b[2Jafter\\u0007 bell\\x9b and\\ttab"
    """)
    result = run("show", "-f", str(path), "--details", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "\x1b[2J" not in result.stdout and "\x07" not in result.stdout
    assert "\x9b" not in result.stdout
    plain = run("show", "-f", str(path), "--details")
    assert r"    before\x1b[2Jafter\x07 bell\x9b and tab" in plain.stdout  # shown escaped
