"""The atom export: an RFC 4287 feed, one entry per event, for feed readers.

A feed reader announces an entry it has not seen (by ``id``) and one whose ``updated`` moved.
So ids are those of the ics UIDs (the event's id, else a hash of its content) as ``urn:uuid:``
name-based UUIDs, the same on every export and every day; and ``updated`` never comes from
``--today``: it is the last edit git knows of the event's lines (``View.edits``), else its date
(a deadline's: the order that set it, else its trigger, else the day it turns due soon), moved
on by its status: due soon (midnight ``soon`` days before), passed (its due moment, the end of
its day for a date-only one), met (the date of the event that met it). A deadline that passes
thus comes back to the top of the reader, with its title flagged (``PASSED, no outcome
recorded: ...``); nothing else changes from one day to the next. The feed's ``updated`` is the
latest of its entries'.

Text from the file reaches the XML only through ElementTree, which escapes it; what XML 1.0
cannot hold at all (most C0 controls, U+FFFE, U+FFFF, lone surrogates) and what would make a
line read otherwise (bidi controls) is shown escaped (``\\x1b``), as the terminal shows it.
The content is plain text (``type="text"``): nothing from the file is markup.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import quote

from timeline.dates import FileDate, Precision, zone
from timeline.model import Event
from timeline.query import Row
from timeline.render import View
from timeline.render.phrases import NO_OUTCOME, due_label, event_zone, status_word
from timeline.render.publishing import event_text, event_uids, source_refs, view_title, web_url
from timeline.visible import visible

ATOM = "http://www.w3.org/2005/Atom"
# The namespace of the name-based UUIDs (RFC 9562 version 5) that entry and feed ids are: fixed,
# so that an id depends only on what it names.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:timeline:atom")
# The file names no author of the record (sources have theirs, of what they published): the feed
# is authored by the tool that wrote it, as RFC 4287 wants an author for every entry.
AUTHOR = "timeline"
# A feed with no entry has no moment of its own; not today, which would move every day.
NOTHING_KNOWN = datetime(1970, 1, 1, tzinfo=timezone.utc)
EARLIEST = datetime.min.replace(tzinfo=timezone.utc)
LATEST = datetime.max.replace(tzinfo=timezone.utc)

# What XML 1.0 cannot hold (besides what ``visible`` escapes): non-characters and surrogates.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")
# Characters an href keeps as they are; everything else (quotes, spaces, controls) is
# percent-encoded, as the markdown export encodes its links.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def render(view: View) -> str:
    uids = event_uids(view.rows)
    moments = Moments(view)
    # Newest first; events that changed at the same moment in reverse timeline order.
    order = sorted(((moments.updated(row), n, row) for n, row in enumerate(view.rows)),
                   key=lambda found: found[:2], reverse=True)  # fmt: skip
    entries = [(moment, row) for moment, _n, row in order]
    feed = ET.Element("feed", {"xmlns": ATOM})
    add(feed, "id", urn("feed", feed_basis(view)))
    add(feed, "title", one_line(view_title(view)), type="text")
    subtitle = case_facts(view)
    if subtitle:
        add(feed, "subtitle", subtitle, type="text")
    add(feed, "updated", stamp(entries[0][0] if entries else NOTHING_KNOWN))
    author = add(feed, "author")
    add(author, "name", AUTHOR)
    add(feed, "generator", "timeline")
    for url in case_links(view):
        add(feed, "link", rel="related", href=url)
    for moment, row in entries:
        feed.append(entry(view, row, uids[row.index], moment))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attrs)
    child.text = text
    return child


def entry(view: View, row: Row, uid: str, moment: datetime) -> ET.Element:
    event = row.event
    element = ET.Element("entry")
    add(element, "id", urn("event", uid))
    add(element, "title", one_line(entry_title(row)), type="text")
    add(element, "updated", stamp(moment))
    for ref in source_refs(view.timeline, event):
        if ref.url:  # a source cited by its address alone has no title but the address
            named = {"title": one_line(ref.label)} if ref.label != ref.url else {}
            add(element, "link", rel="related", href=href(ref.url), **named)
    add(element, "category", term=event.kind, label=one_line(view.timeline.kind_label(event.kind)))
    for tag in event.tags:
        add(element, "category", term=one_line(tag))
    add(element, "content", xml_text(content(view, row)), type="text")
    return element


def urn(kind: str, basis: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{basis}')}"


def feed_basis(view: View) -> str:
    """What names the feed: its filters (a feed per case has the case's id), never the day."""
    f = view.filters
    parts = [("case", f.cases), ("kind", f.kinds), ("person", f.people), ("tag", f.tags),
             ("since", (f.since.iso(),) if f.since else ()),
             ("until", (f.until.iso(),) if f.until else ()),
             ("search", (f.search,) if f.search else ())]  # fmt: skip
    return "\x1f".join(f"{name}={','.join(sorted(values))}" for name, values in parts if values)


def case_facts(view: View) -> str | None:
    """The court, docket and judge of a feed about one case."""
    if len(view.filters.cases) != 1 or view.filters.cases[0] not in view.timeline.cases:
        return None
    case = view.timeline.cases[view.filters.cases[0]]
    facts = [case.court, f"No. {case.docket}" if case.docket else None,
             f"Judge {case.judge}" if case.judge else None]  # fmt: skip
    return one_line(" · ".join(fact for fact in facts if fact)) or None


def case_links(view: View) -> list[str]:
    chosen = view.filters.cases or tuple(view.timeline.cases)
    urls = [web_url(link) for key in chosen if key in view.timeline.cases
            for link in view.timeline.cases[key].links]  # fmt: skip
    return [href(url) for url in dict.fromkeys(urls) if url]


def entry_title(row: Row) -> str:
    """The title, a deadline's led by its status in words that stay the same from day to day."""
    state = row.state
    if row.event.kind != "deadline" or state is None:
        return row.event.title
    word = status_word(state.status)
    if state.status == "passed":  # nothing recorded its outcome: not "let pass"
        word = f"{word}, {NO_OUTCOME}"
    return f"{word}: {row.event.title}"


def content(view: View, row: Row) -> str:
    """The event as plain text: status and due moment, date, cases, details, sources.

    No count of days (that would change the entry every day): the reader knows the date.
    """
    state = row.state
    status = None
    if state is not None:
        word = entry_title(row).removesuffix(f": {row.event.title}")
        status = f"Status: {word}" + (f"; due {due_label(state.due)}" if state.due else "")
    return event_text(view, row, status, href)


# updated --------------------------------------------------------------------------------------


class Moments:
    """When each entry last changed; the record's ids looked up once, not once an event."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.by_id = view.timeline.event_by_id()
        self.replaced_by: dict[str, Event] = {}
        for event in view.timeline.events:
            if event.replaces is not None:
                self.replaced_by.setdefault(event.replaces, event)

    def updated(self, row: Row) -> datetime:
        """Its edit (or date), moved on by its status, in UTC."""
        moments = [self.base(row), self.status_moment(row)]
        return max(moment for moment in moments if moment is not None)

    def base(self, row: Row) -> datetime:
        """The last edit git knows, else the event's date; a deadline's is the day it was set."""
        view = self.view
        edit = view.edits.get(row.index)
        if edit is not None:
            return utc(edit)
        if row.event.kind != "deadline":
            return start(view, row.event, row.start) or NOTHING_KNOWN
        set_at = self.origin(row.event)
        if set_at is not None:
            return set_at
        # Nothing says when it was set: it enters the feed when it turns due soon, not on its
        # due day, so that passing still moves it on.
        return soon_moment(view, row) or NOTHING_KNOWN

    def origin(self, event: Event) -> datetime | None:
        """The date of the order that set a deadline, else of the event its count starts from."""
        trigger = (event.due.after or event.due.before) if event.due is not None else None
        for key in (event.set_by, trigger):
            found = self.by_id.get(key) if key else None
            if found is not None and found.date is not None:
                return start(self.view, found, found.date)
        return None

    def status_moment(self, row: Row) -> datetime | None:
        """When the deadline's status began, where the record says: due soon, passed, met."""
        state, event = row.state, row.event
        if state is None:
            return None
        if state.status in ("passed", "missed"):
            return due_moment(self.view, row)
        if state.status == "due-soon":
            return soon_moment(self.view, row)
        met = self.by_id.get(event.met_by) if event.met_by else None
        if state.status in ("met", "met-late") and met is not None:
            return start(self.view, met, met.date)
        later = self.replaced_by.get(event.id) if event.id else None
        if state.status == "extended" and later is not None:
            return self.origin(later)
        return None


def due_moment(view: View, row: Row) -> datetime | None:
    """The instant a deadline passes: its moment, or the end of its (latest) day."""
    due = row.state.due if row.state is not None else None
    if due is None:
        return None
    if due.moment is not None:
        return utc(due.moment)
    return midnight(due.last_day, view.timeline.timezone_of(row.event), days=1)


def soon_moment(view: View, row: Row) -> datetime | None:
    """Midnight ``soon`` days before the (earliest) due day: when it turns due soon."""
    due = row.state.due if row.state is not None else None
    if due is None:
        return None
    return midnight(due.first_day, view.timeline.timezone_of(row.event), days=-view.soon)


def start(view: View, event: Event, written: FileDate | None) -> datetime | None:
    """The instant a date begins, in its case's timezone (UTC where it has none)."""
    if written is None:
        return None
    tz_name = event_zone(view.timeline, event)
    if written.precision is Precision.MINUTE:
        return utc(written.instant(zone(tz_name) if tz_name else timezone.utc))
    return midnight(written.first_day, tz_name)


def midnight(day: date, tz_name: str | None, days: int = 0) -> datetime:
    """The start of ``day`` moved by ``days``, in the zone, as UTC; clamped to the years 1-9999."""
    try:
        moved = day + timedelta(days=days)
    except OverflowError:
        return LATEST if days > 0 else EARLIEST
    tz = zone(tz_name) if tz_name else timezone.utc
    return utc(datetime.combine(moved, time(), tzinfo=tz))


def utc(moment: datetime) -> datetime:
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # a zone's clock past the year 9999 or before the year 1
        return LATEST if moment.year > 1 else EARLIEST


def stamp(moment: datetime) -> str:
    """RFC 3339 in UTC, the year always four digits (``%Y`` may not pad it)."""
    m = moment.astimezone(timezone.utc)
    return (f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:"
            f"{m.second:02d}Z")  # fmt: skip


# text -----------------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold, every line break a line feed (as an XML reader reads it)."""
    text = visible(_BREAKS.sub("\n", text), layout=True)
    return _NOT_XML.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def one_line(text: str) -> str:
    """Text for a title or an attribute: each line break, with the spaces around it, one space."""
    return xml_text(" ".join(part.strip() for part in _BREAKS.split(text) if part.strip()))


def href(url: str) -> str:
    """An http(s) address as a URI: quotes, spaces, controls and non-ASCII percent-encoded."""
    return quote(url.strip(), safe=_URL_SAFE)
