"""The markdown export: GitHub-flavoured, a section a case, sources as footnotes.

Every text from the file goes through ``escape``: a value must never end a table cell (``|``,
newlines), become raw HTML (``<script>``), a link (``[x](javascript:...)``, ``<...>``, bare
``www.``/``ftp://``/e-mail autolinks, a bare domain such as ``evil.com`` that a linkifier
would link) or emphasis. Only links this module writes itself remain,
and those are the http(s) addresses the loader already checked, percent-encoded.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from timeline.deadlines.status import FLAGGED
from timeline.model import Event, Source
from timeline.query import Row
from timeline.render import View
from timeline.render.date_words import DateStyle, styled_date, styled_day, styled_due
from timeline.render.phrases import badge, blocks, event_zone, plural
from timeline.timeline import Timeline

NO_CASE = "Events without a case"
EMPTY = "—"

# Characters CommonMark/GFM give a meaning to wherever they stand, escaped with a backslash.
# Those that matter only at the start of a line (`-`, `+`, `1.`) or after one of these (`(` after
# `]`, `^` after `[`) stay as they are: escaped text never starts a line. `$` opens math on
# GitHub, `@` an e-mail autolink, `&` an entity; `:` and `.` are handled in context below.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#~$@])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)")  # `ftp://`: no autolink of any scheme
_WWW = re.compile(r"(?i)\b(www)\.")  # GFM autolinks bare `www.` names
# A dot that could join a host name to its top-level domain (`evil.com`, `пример.рф`, a dot
# before two letters or more: every TLD has two): linkifiers (markdown-it's linkify) make
# `evil.com` a link. Escaped, the name is two runs of text that none joins; `U.S.` and `e.g.`,
# a dot before one letter, stay as they are.
_DOMAIN_DOT = re.compile(r"(?<=[\w-])\.(?=[^\W\d_]{2})")
# GitHub links an e-mail address even with its `@` escaped (cmark-gfm looks for addresses in
# the text once escapes are undone): an invisible word joiner after the `@` leaves no address.
_ADDRESS_AT = re.compile(r"(?<=[\w.+-])(\\@)(?=\\?[\w.-])")
WORD_JOINER = "\u2060"
# What makes a line a list item or a rule where escaped text starts one (in the notes): `-`,
# `+`, `=` and `1.`/`1)`; the other characters that could (`#`, `>`, `*`, `_`) escape always.
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
# Characters a URL keeps as is inside an autolink; everything else is percent-encoded.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def escape(text: str) -> str:
    """Text from the file as inert inline Markdown, on one line, safe inside a table cell."""
    text = _CONTROL.sub("", text.replace("\t", " "))
    text = _BREAKS.sub(" ", text).strip()
    text = _SPECIAL.sub(r"\\\1", text)
    text = _SCHEME.sub(r"\\\1", text)
    text = _DOMAIN_DOT.sub(r"\\.", text)
    text = _ADDRESS_AT.sub(r"\1" + WORD_JOINER, text)
    return _WWW.sub(r"\1\\.", text)


def escape_line(text: str) -> str:
    """Text from the file as inert Markdown that starts a line: ``escape`` and its start too."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escape(text))


def link(url: str) -> str | None:
    """An http(s) address as an autolink, or None for anything else."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return "<" + quote(url.strip(), safe=_URL_SAFE) + ">"


class Footnotes:
    """Sources numbered in the order the document first cites them."""

    def __init__(self, timeline: Timeline, style: DateStyle = "long") -> None:
        self.timeline = timeline
        self.style = style
        self.numbers: dict[str, int] = {}

    def marks(self, event: Event) -> str:
        marks = []
        for ref in event.sources:
            number = self.numbers.setdefault(ref, len(self.numbers) + 1)
            marks.append(f"[^{number}]")
        return " ".join(marks) or EMPTY

    def definitions(self) -> list[str]:
        lines = []
        for ref, number in self.numbers.items():
            source = self.timeline.sources.get(ref)
            text = cite(source, self.style) if source is not None else cite_url(ref)
            lines.append(f"[^{number}]: {text}")
        return lines


def cite(source: Source, style: DateStyle = "long") -> str:
    """``Author, Publisher, *Title*, May 22, 2025. <https://...>``"""
    parts = [escape(who) for who in (source.author, source.publisher) if who]
    parts.append(f"*{escape(source.title)}*")
    if source.date is not None:
        parts.append(styled_date(source.date, None, style))
    text = ", ".join(parts) + "."
    address = link(source.url) if source.url else None
    return f"{text} {address}" if address else text


def cite_url(url: str) -> str:
    address = link(url)
    if address is None:
        return escape(url)
    return f"{escape(urlsplit(url.strip()).netloc)}, {address}"


def render(view: View) -> str:
    tl = view.timeline
    notes = Footnotes(tl, style(view))
    # --title, else the file's own title, else a plain heading
    heading = view.title if view.title is not None else tl.title
    lines = [f"# {escape(heading)}" if heading else "# Timeline", ""]
    lines.append(f"Generated on {styled_day(view.today, style(view))}; deadline statuses are as "
                 "of that day.")  # fmt: skip
    lines.append("")
    lines.append(summary(view))
    if view.filters.active():
        lines.extend(["", "Filtered: " + describe_filters(view) + "."])
    if not view.rows:
        lines.extend(["", "No events match these filters." if view.filters.active()
                      else "No events recorded."])  # fmt: skip
    for key, case in tl.cases.items():
        rows = [row for row in view.rows if key in row.event.case]
        if not rows and view.filters.active():
            continue
        lines.extend(["", f"## {escape(case.title)}", ""])
        details = [(label, value) for label, value in
                   (("Court", case.court), ("Docket", case.docket), ("Judge", case.judge)) if value]  # fmt: skip
        lines.extend(f"- **{label}:** {escape(value)}" for label, value in details)
        if details:
            lines.append("")
        lines.extend(events_table(view, rows, notes))
        lines.extend(deadlines_section(view, rows))
    loose = [row for row in view.rows if not row.event.case]
    if loose:
        lines.extend(["", f"## {NO_CASE}", ""])
        lines.extend(events_table(view, loose, notes))
        lines.extend(deadlines_section(view, loose))
    definitions = notes.definitions()
    if definitions:
        lines.append("")
        lines.extend(definitions)
    return "\n".join(lines) + "\n"


def style(view: View) -> DateStyle:
    return "iso" if view.date_style == "iso" else "long"


def summary(view: View) -> str:
    rows = view.rows
    cases = {case for row in rows for case in row.event.case}
    passed = sum(1 for row in rows if row.state is not None and row.state.status in FLAGGED)
    soon = sum(1 for row in rows if row.state is not None and row.state.status == "due-soon")
    text = f"{plural(len(rows), 'event')} in {plural(len(cases), 'case')}; "
    flagged = f"{plural(passed, 'deadline')} passed"
    return text + (f"**{flagged}**" if passed else flagged) + f", {soon} due soon."


def describe_filters(view: View) -> str:
    f = view.filters
    parts = []
    for label, values in (("case", f.cases), ("kind", f.kinds), ("person", f.people),
                          ("tag", f.tags)):  # fmt: skip
        if values:
            parts.append(f"{label} " + " or ".join(escape(v) for v in values))
    if f.since is not None:
        parts.append(f"since {f.since.iso()}")
    if f.until is not None:
        parts.append(f"until {f.until.iso()}")
    if f.search:
        parts.append(f"text “{escape(f.search)}”")
    return "; ".join(parts)


def when(view: View, row: Row) -> str:
    event = row.event
    zone = event_zone(view.timeline, event)
    if event.date is None:
        if row.state is not None and row.state.due is not None:
            return styled_due(row.state.due, style(view), zone)
        return "undated"
    text = styled_date(event.date, zone, style(view))
    if event.end is not None:
        text += f" – {styled_date(event.end, zone, style(view))}"
    return ("c. " + text) if event.circa else text


def status_text(row: Row) -> str:
    assert row.state is not None
    words = badge(row.state)
    return f"**⚠ {words}**" if row.state.status in FLAGGED else words


def events_table(view: View, rows: list[Row], notes: Footnotes) -> list[str]:
    """The events table, then the events' details as numbered notes the rows point to."""
    if not rows:
        return ["No events recorded."]
    lines = ["| Date | Kind | Event | Certainty | Sources |", "| --- | --- | --- | --- | --- |"]
    noted: list[Row] = []
    for row in rows:
        event = row.event
        title = escape(event.title)
        if row.state is not None:
            title += f" ({status_text(row)})"
        if event.details and blocks(event.details):
            noted.append(row)
            title += f" (note {len(noted)})"
        kind = escape(view.timeline.kind_label(event.kind))
        lines.append(f"| {when(view, row)} | {kind} | {title} | {event.certainty} | "
                     f"{notes.marks(event)} |")  # fmt: skip
    return lines + details_notes(view, noted)


def details_notes(view: View, rows: list[Row]) -> list[str]:
    """``### Notes``: an item a row, its date and title, then its details' paragraphs and lists.

    Outside the table, details keep their paragraphs and list items; each line is escaped as
    table text is, and its start too, since here it starts a line.
    """
    if not rows:
        return []
    lines = ["", "### Notes", ""]
    for number, row in enumerate(rows, 1):
        marker = f"{number}. "
        indent = " " * len(marker)  # a line indented to the item's text stays in the item
        lines.append(f"{marker}{when(view, row)} · {escape(row.event.title)}")
        for kind, entries in blocks(row.event.details or ""):
            lines.append("")
            if kind == "list":
                lines.extend(f"{indent}- {escape_line(entry)}" for entry in entries)
            else:
                lines.append(indent + escape_line(entries[0]))
        lines.append("")
    return lines[:-1]


def deadlines_section(view: View, rows: list[Row]) -> list[str]:
    deadlines = [row for row in rows if row.state is not None]
    if not deadlines:
        return []
    by_id = view.timeline.event_by_id()
    lines = ["", "### Deadlines", "", "| Due | Deadline | Status | Set by | Met by |",
             "| --- | --- | --- | --- | --- |"]  # fmt: skip
    for row in deadlines:
        event = row.event
        lines.append(
            f"| {when(view, row)} | {escape(event.title)} | {status_text(row)} | "
            f"{reference(view, by_id, event.set_by)} | {reference(view, by_id, event.met_by)} |"
        )
    return lines


def reference(view: View, by_id: dict[str, Event], key: str | None) -> str:
    if key is None:
        return EMPTY
    target = by_id.get(key)
    if target is None:
        return escape(key)
    zone = event_zone(view.timeline, target)
    date = styled_date(target.date, zone, style(view)) if target.date else ""
    return (f"{date}: " if date else "") + escape(target.title)
