"""Cross-reference and consistency checks over the merged timeline: a plain list of functions.

Each check reads the timeline and the written mapping of every event (for positions) and
appends diagnostics; none of them stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, AbstractSet, Any, Callable, Iterable

from timeline.dates import FileDate, Precision, format_offset, wall_clock, zone
from timeline.diagnostics import Diagnostic, Severity, full, suggest
from timeline.deadlines.rules import PERIODS, RULE_SETS, rules_of
from timeline.model import DEADLINE_FIELDS, Event
from timeline.model import Due as DueSpec
from timeline.timeline import Timeline, Where
from timeline.yamltree import Mapping, Pos, Sequence

if TYPE_CHECKING:
    from timeline.load import FileRecord

# Kinds of event that only happen, never get scheduled: one dated in the future is a typo.
UNSCHEDULABLE = frozenset(
    {"arrest", "detention", "transfer", "deportation", "release", "filing", "order", "ruling",
     "statement", "report"}
)  # fmt: skip


@dataclass
class Context:
    timeline: Timeline
    trees: list[Mapping]  # the written mapping of each event, same order as timeline.events
    diagnostics: list[Diagnostic]
    today: date | None
    left_out_ids: set[str]  # events reported invalid: referring to them is not a second error
    # The same for the ids of cases, people, sources and kinds, by section.
    left_out: dict[str, set[str]] = field(default_factory=dict)

    # One field of every event, in event order, read once for all the checks (``column``).
    columns: dict[str, list[Any]] = field(default_factory=dict)

    def column(self, name: str) -> list[Any]:
        """Field ``name`` of every event. Reading a field of 100,000 models costs about as
        much as a check's own work, so each is read once, in C; the fields the checks read
        are read together, event by event (from each model's dict: a third of the time of
        reading them field by field, which visits every model again for each)."""
        values = self.columns.get(name)
        if values is None:
            events = self.timeline.events
            if name in _COLUMNS and not self.columns:
                rows = list(map(_COLUMN_VALUES, map(vars, events)))
                columns = zip(*rows) if rows else [()] * len(_COLUMNS)
                self.columns.update(zip(_COLUMNS, map(list, columns)))
                return self.columns[name]
            values = self.columns[name] = list(map(attrgetter(name), events))
        return values

    @cached_property
    def index_of(self) -> dict[str, int]:
        """Each event id's index (the last, for an id written twice); built once, since
        several checks look ids up."""
        index = dict(zip(self.column("id"), range(len(self.timeline.events))))
        index.pop(None, None)  # type: ignore[call-overload]  # events without an id
        return index  # type: ignore[return-value]

    @cached_property
    def by_id(self) -> dict[str, Event]:
        events = dict(zip(self.column("id"), self.timeline.events))
        events.pop(None, None)  # type: ignore[call-overload]
        return events  # type: ignore[return-value]

    def report(self, index: int, key: str | None, code: str, message: str,
               at_key: bool = False, item: int | None = None) -> None:
        """Report at event ``index``: at its ``key`` (or the key's value, or one list item)."""
        where = self.timeline.where[index]
        pos = _pos_in(self.trees[index], key, at_key, item) if key else (where.line, where.col)
        severity = Severity.WARNING if code.startswith("W") else Severity.ERROR
        self.diagnostics.append(Diagnostic(where.path, pos[0], pos[1], severity, code, message))
        if full(self.diagnostics):
            raise _Full  # as many errors as the load looks for: no check looks further


# The fields the checks read of every event (Context.column).
_COLUMNS = ("id", "kind", "case", "people", "sources", "set_by", "met_by", "replaces", "status",
            "due", "date", "end")  # fmt: skip
_COLUMN_VALUES = itemgetter(*_COLUMNS)


class _Full(Exception):
    """Stops the checks once the collector of diagnostics is full."""


def _pos_in(tree: Mapping, key: str, at_key: bool, item: int | None) -> Pos:
    if key not in tree.key_pos:
        return tree.pos
    if at_key:
        return tree.key_pos[key]
    value = tree.get(key)
    if item is not None and isinstance(value, Sequence) and item < len(value):
        return value.item_pos[item]
    return tree.value_pos.get(key, tree.key_pos[key])


def run_checks(
    timeline: Timeline, records: list[FileRecord], diagnostics: list[Diagnostic], today: date | None
) -> None:
    trees = [tree for record in records if record.model is not None for tree in record.event_trees()]
    left_out = {ident for record in records for ident in record.left_out_ids()}
    sections = {
        section: {ident for record in records for ident in record.left_out_entries(section)}
        for section in ("cases", "people", "sources", "kinds")
    }
    context = Context(timeline, trees, diagnostics, today, left_out, sections)
    try:
        for check in CHECKS:
            check(context)
    except _Full:
        pass


# The checks first look over the columns of every event (Context.column) with set
# operations in C; the per-event loops that word a problem run only where one can be found.
# At 100,000 events those loops were a third of `check`'s time.


def _union(lists: Iterable[Iterable[str]]) -> set[str]:
    return set(chain.from_iterable(lists))


def check_unique_ids(ctx: Context) -> None:
    ids = ctx.column("id")
    if len(ids) - ids.count(None) == len(ctx.index_of):
        return  # as many ids as different ones: none twice
    first: dict[str, Where] = {}
    for index, event in enumerate(ctx.timeline.events):
        if event.id is None:
            continue
        if event.id in first:
            seen = first[event.id]
            ctx.report(index, "id", "T202",
                       f"duplicate event id '{event.id}' (first at {seen.path}:{seen.line})")
        else:
            first[event.id] = ctx.timeline.where[index]


def check_references(ctx: Context) -> None:
    tl = ctx.timeline
    event_ids = ctx.index_of.keys() | ctx.left_out_ids
    left_out = ctx.left_out
    known: dict[str, Iterable[str]] = {"case": tl.cases, "people": tl.people, "sources": tl.sources}
    unread = {"case": left_out.get("cases", set()), "people": left_out.get("people", set()),
              "sources": left_out.get("sources", set())}  # fmt: skip
    what = {"case": "case", "people": "person", "sources": "source"}
    cases, people, sources = tl.cases.keys(), tl.people.keys(), tl.sources.keys()
    kinds = tl.kinds.keys() | left_out.get("kinds", set())
    if _references_known(ctx, kinds, cases, people, sources, event_ids):
        return
    for index, event in enumerate(tl.events):
        if event.kind not in kinds:
            hint = suggest(event.kind, tl.kinds) or "; add it under kinds:"
            ctx.report(index, "kind", "T201", f"unknown kind '{event.kind}'{hint}")
        # The common case, every reference known, is decided by set operations in C.
        if not (cases >= set(event.case) and people >= set(event.people)
                and sources >= set(event.sources)):  # fmt: skip
            _report_unknown_ids(ctx, index, event, known, what, unread)
        for key in ("set_by", "met_by", "replaces"):
            ref = getattr(event, key)
            if ref is not None and ref not in event_ids:
                ctx.report(index, key, "T201",
                           f"{key}: unknown event id '{ref}'" + suggest(ref, event_ids))
        if event.due is not None and event.due.trigger and event.due.trigger not in event_ids:
            ctx.report(index, "due", "T201",
                       f"due: unknown event id '{event.due.trigger}'"
                       + suggest(event.due.trigger, event_ids))


def _references_known(ctx: Context, kinds: AbstractSet[str], cases: AbstractSet[str],
                      people: AbstractSet[str], sources: AbstractSet[str],
                      event_ids: AbstractSet[str]) -> bool:
    """Whether every reference of every event is known, so check_references has nothing to
    report (a source that is a URL is the model's to check, as in its loop)."""
    if not kinds >= set(ctx.column("kind")):
        return False
    if not (cases >= _union(ctx.column("case")) and people >= _union(ctx.column("people"))):
        return False
    unknown_sources = _union(ctx.column("sources")) - sources
    if any("/" not in ref and ":" not in ref for ref in unknown_sources):
        return False
    referred = {*ctx.column("set_by"), *ctx.column("met_by"), *ctx.column("replaces")}
    referred.discard(None)
    referred.update(due.trigger for due in filter(None, ctx.column("due")))
    referred.discard("")  # a due with neither after: nor before: (check_deadline_fields)
    return event_ids >= referred


def _report_unknown_ids(ctx: Context, index: int, event: Event, known: dict[str, Iterable[str]],
                        what: dict[str, str], unread: dict[str, set[str]]) -> None:
    for key in ("case", "people", "sources"):
        for item, ref in enumerate(getattr(event, key)):
            if key == "sources" and ("/" in ref or ":" in ref):
                continue  # a URL, checked by the model
            if ref not in known[key] and ref not in unread[key]:
                ctx.report(index, key, "T201",
                           f"unknown {what[key]} id '{ref}'" + suggest(ref, known[key]),
                           item=item)


def check_dates(ctx: Context) -> None:
    events = ctx.timeline.events
    for index in _dates_to_look_at(ctx.column("date"), ctx.column("end")):
        event = events[index]
        if event.kind != "deadline" and event.date is None:
            ctx.report(index, None, "T102", "missing required field 'date' in this event")
        for key in ("date", "end"):
            written = getattr(event, key)
            if written is None or written.precision is not Precision.MINUTE:
                continue
            if written.offset is not None:
                continue
            tz_name = ctx.timeline.timezone_of(event)
            if tz_name is None:
                ctx.report(index, key, "T106",
                           f"{key}: '{written}' has a time but no timezone: give the case a "
                           "timezone, or write an offset such as -04:00")
            else:
                _check_wall_clock(ctx, index, key, written, tz_name)
        if event.date is not None and event.end is not None and _ends_before(ctx, event):
            ctx.report(index, "end", "T105",
                       f"end: {event.end} is before the event's date {event.date}")


def _dates_to_look_at(dates: list[FileDate | None], ends: list[FileDate | None]) -> list[int]:
    """The events check_dates can say something of: with no date, with an end, or with a
    time written without an offset (a time is always written with its minute)."""
    return [index for index, (written, end) in enumerate(zip(dates, ends))
            if written is None or end is not None
            or (written.hour is not None and written.offset is None)]  # fmt: skip


def _check_wall_clock(ctx: Context, index: int, key: str, written: FileDate, tz_name: str) -> None:
    """A time the case's clock skipped or showed twice names no moment, or two: say which."""
    clock = wall_clock(written, zone(tz_name))
    if clock is None:
        return
    hhmm = f"{written.hour:02d}:{written.minute:02d}"
    if clock.skipped:
        ctx.report(index, key, "W304",
                   f"{key}: {written} does not exist in {tz_name}: the clocks skipped {hhmm} "
                   f"that day; it is read as {_wall(clock.read_as)}, that is "
                   f"{_wall(clock.other)}; write the time that was meant")
        return
    ctx.report(index, key, "W305",
               f"{key}: {written} happens twice in {tz_name}: the clocks went back over {hhmm} "
               f"that day; it is read as the first, {_wall(clock.read_as)}, not "
               f"{_wall(clock.other)}; write an offset ({_offset(clock.read_as)} or "
               f"{_offset(clock.other)}) to say which")


def _wall(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d} {moment.tzname()}"


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset()
    return format_offset(int(offset.total_seconds() // 60) if offset is not None else 0)


def _ends_before(ctx: Context, event: Event) -> bool:
    start, end = event.date, event.end
    assert start is not None and end is not None
    if start.precision is Precision.MINUTE and end.precision is Precision.MINUTE:
        name = ctx.timeline.timezone_of(event)
        tz = zone(name) if name else None
        if (start.offset is None or end.offset is None) and tz is None:
            return False  # reported as a missing timezone instead
        return end.instant(tz) < start.instant(tz)
    return end.last_day < start.first_day


def check_deadline_fields(ctx: Context) -> None:
    events = ctx.by_id
    timeline_events = ctx.timeline.events
    for index in _deadline_fields_to_look_at(ctx):
        event = timeline_events[index]
        if event.kind != "deadline":
            for key in DEADLINE_FIELDS:
                if getattr(event, key) is not None:
                    ctx.report(index, key, "T203",
                               f"{key} is only for events of kind deadline (this one is "
                               f"{event.kind})", at_key=True)
            continue
        if event.date is None and event.due is None:
            ctx.report(index, None, "T204",
                       "a deadline needs a due moment: write date: or due: {after: ID, days: N}")
        elif event.date is not None and event.due is not None:
            ctx.report(index, "due", "T204",
                       "a deadline has either date: or due:, not both", at_key=True)
        if event.due is not None:
            due = event.due
            if due.period is not None and (due.days is not None or due.hours is not None):
                unit = "days" if due.days is not None else "hours"
                amount = due.days if due.days is not None else due.hours
                ctx.report(index, "due", "T204",
                           f"due: period: {due.period} ({PERIODS[due.period].meaning()}) and "
                           f"{unit}: {amount} are two counts: give one of them")
            elif due.period is None and (due.days is None) == (due.hours is None):
                ctx.report(index, "due", "T204", "due: give either days: or hours:, not both")
            elif due.hours is not None and due.count != "calendar-days":
                ctx.report(index, "due", "T206", "due: count: court-days goes with days:, not hours:")
            _check_due_rules(ctx, index, event, due)
        if event.replaces is not None:
            replaced = events.get(event.replaces)
            if event.replaces == event.id:
                ctx.report(index, "replaces", "T206", "replaces: a deadline cannot replace itself")
            elif replaced is not None and replaced.kind != "deadline":
                ctx.report(index, "replaces", "T206",
                           f"replaces: '{event.replaces}' is {_article(replaced.kind)} "
                           f"{replaced.kind}, not a deadline")
        if event.met_by is not None and event.status == "missed":
            ctx.report(index, "status", "T206",
                       "status: missed contradicts met_by: remove one of them")


_NO_DEADLINE_FIELDS = (None,) * len(DEADLINE_FIELDS)


def _deadline_fields_to_look_at(ctx: Context) -> list[int]:
    """The deadlines, and the other events that have a field only a deadline takes."""
    fields = zip(*(ctx.column(name) for name in DEADLINE_FIELDS))
    return [index for index, (kind, written) in enumerate(zip(ctx.column("kind"), fields))
            if kind == "deadline" or written != _NO_DEADLINE_FIELDS]


def _check_due_rules(ctx: Context, index: int, event: Event, due: DueSpec) -> None:
    """The trigger's direction, the named period's, and what the rule set allows."""
    if (due.after is None) == (due.before is None):
        ctx.report(index, "due", "T204", "due: give after: ID (a period after an event) or "
                   "before: ID (a period before one)" + (", not both" if due.after else ""))
        return
    if due.before is not None and ((due.days or 0) < 0 or (due.hours or 0) < 0):
        ctx.report(index, "due", "T206",
                   "due: before: already counts back: write the number without its minus sign")
    way = "after" if due.after is not None else "before"
    if due.period is not None:
        period = PERIODS[due.period]
        if period.direction != way:
            ctx.report(index, "due", "T206",
                       f"due: period: {period.name} runs {period.direction} an event "
                       f"({period.meaning()}): write {period.direction}:, not {way}:")
    case = ctx.timeline.cases.get(event.case[0]) if event.case else None
    name = rules_of(due.rules, due.period, case.rules if case is not None else None)
    rules = RULE_SETS[name]
    if due.hours is not None and rules.hours_cite is None:
        ctx.report(index, "due", "T206",
                   f"due: hours: {name} ({rules.title}) counts no periods in hours: write days:")
    if due.service is not None:
        _check_service(ctx, index, due, name, way)
    if due.clerk is not None and rules.states != "many":
        ctx.report(index, "due", "T206",
                   f"due: clerk: only a FRAP count takes the circuit clerk's state (this one is "
                   f"counted by {name}, {rules.title})")
    elif (rules.states == "many" and due.clerk is None and case is not None
          and RULE_SETS[case.rules].states != "many"):  # fmt: skip
        what = f"period: {due.period}" if due.period else f"rules: {name}"
        ctx.report(index, "due", "W306",
                   f"due: {what} is counted by FRAP 26, which also counts the holidays of the "
                   f"circuit clerk's state, but case '{case_name(event)}' has rules: "
                   f"{case.rules}: add clerk: (such as clerk: US-VA), or the count may be early")


def _check_service(ctx: Context, index: int, due: DueSpec, name: str, way: str) -> None:
    rules = RULE_SETS[name]
    assert due.service is not None
    if not rules.service:
        ctx.report(index, "due", "T206",
                   f"due: service: {name} ({rules.title}) adds no days for service: "
                   "remove service:")
    elif due.period is not None and PERIODS[due.period].from_entry:
        period = PERIODS[due.period]
        why = ("; a late notice of appeal is jurisdictional" if "appeal" in period.name
               else "")  # fmt: skip
        ctx.report(index, "due", "T206",
                   f"due: service: {period.name} runs from entry of the judgment, order or "
                   f"decision ({period.cite}), not from service, so nothing is added for "
                   f"service: remove service:{why}")
    elif due.service not in rules.service:
        ctx.report(index, "due", "T206",
                   f"due: service: '{due.service}' is not a method of service under {name} "
                   f"({rules.service_cite}): one of {', '.join(rules.service)}")
    elif way == "before":
        ctx.report(index, "due", "T206",
                   f"due: service: adds days only to a period after being served "
                   f"({rules.service_cite}), not to one before an event: remove service:")


def case_name(event: Event) -> str:
    return event.case[0] if event.case else ""


def check_deadline_cycles(ctx: Context) -> None:
    """A deadline computed from a deadline computed from ... itself has no date."""
    tl = ctx.timeline
    index_of = ctx.index_of
    ids = ctx.column("id")
    after = {
        ids[index]: due.trigger
        for index, due in enumerate(ctx.column("due"))
        if due is not None and ids[index] is not None
    }
    reported: set[str] = set()
    for start in after:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in after and node not in path:
            path.append(node)
            node = after[node]
        if node is None or node not in path or node in reported:
            continue
        cycle = path[path.index(node):]
        reported.update(cycle)
        first = min(cycle, key=lambda ident: index_of[ident])
        loop = " -> ".join(cycle[cycle.index(first):] + cycle[: cycle.index(first)] + [first])
        ctx.report(index_of[first], "due", "T205", f"due: a cycle of computed deadlines: {loop}")


def check_computed_triggers(ctx: Context) -> None:
    """A due date counted from a month, a year, or a century away cannot be right."""
    from timeline.deadlines.counting import MAX_DAYS, MAX_HOURS

    events = ctx.by_id
    timeline_events = ctx.timeline.events
    for index in [i for i, due in enumerate(ctx.column("due")) if due is not None]:
        event = timeline_events[index]
        due = event.due
        if event.kind != "deadline" or due is None or event.date is not None:
            continue
        trigger = events.get(due.trigger)
        written = trigger.date if trigger is not None else None
        if written is not None and written.precision < Precision.DAY:
            ctx.report(index, "due", "T207",
                       f"due: '{due.trigger}' is dated {written}, a whole {written.precision}: "
                       "a due date cannot be counted from it; give that event its day")
        if due.days is not None and abs(due.days) > MAX_DAYS:
            ctx.report(index, "due", "T207",
                       f"due: {due.days} days is more than a century: write the due date as date:")
        if due.hours is not None and abs(due.hours) > MAX_HOURS:
            ctx.report(index, "due", "T207",
                       f"due: {due.hours} hours is more than a century: write the due date as date:")


# How far one link of a chain of computed deadlines can move its due date, at most: a century
# of court days is about 150 years of calendar days, holidays included (closures come on top).
YEARS_PER_LINK = 200


def check_computed_range(ctx: Context) -> None:
    """A due date counted past 9999-12-31 or before 0001-01-01 cannot be shown: say why."""
    tl = ctx.timeline
    if not _may_leave_the_calendar(tl, ctx.by_id):
        return
    # counting needs the holidays package
    from timeline.deadlines.counting import beyond_the_calendar

    for index, beyond in sorted(beyond_the_calendar(tl).items()):
        event = tl.events[index]
        due = event.due
        assert due is not None
        edge = ("after 9999-12-31, the last" if beyond.end == "after"
                else "before 0001-01-01, the first")  # fmt: skip
        if beyond.trigger_day:
            ctx.report(index, "due", "T207",
                       f"due: '{due.trigger}' falls {edge} day a date can have, on this deadline's "
                       f"clock ({tl.timezone_of(event)}): no day can be counted from it; is the "
                       "trigger's year right?")
            continue
        count = due.hours if due.hours is not None else due.signed_days or 0
        unit = "hour" if due.hours is not None else "day"
        if due.count == "court-days" and due.hours is None:
            unit = "court day"
        # The end passed, not the way counted: an hour after 0001-01-01T02:00+14:00, on New
        # York's clock, is 0000-12-31, before the first day, though counted forwards.
        way = "after" if count >= 0 else "before"
        ctx.report(index, "due", "T207",
                   f"due: {_count_of(abs(count), unit)} {way} '{due.trigger}' falls {edge} day a "
                   "date can have: the due date cannot be computed; is the trigger's year right?")


def _count_of(count: int, unit: str) -> str:
    """``1 hour``, ``2 hours``: the core's own plural (the renderers' one is not the core's)."""
    return f"{count} {unit}{'' if count == 1 else 's'}"


def _may_leave_the_calendar(tl: Timeline, by_id: dict[str, Event]) -> bool:
    """Whether some computed deadline could be counted past either end of the calendar.

    Counting loads the holidays package, and nearly every file is centuries from either end:
    a bound on how far each link of a chain can move settles that without counting.
    """
    computed = [e for e in tl.events if e.due is not None and e.date is None and e.kind == "deadline"]
    if not computed:
        return False
    extra = len(tl.closures) // 365 + 1
    for event in computed:
        links, node = 0, event
        while node.kind == "deadline" and node.due is not None and node.date is None:
            links += 1
            if links * YEARS_PER_LINK > 9999:
                return True  # a chain this long (or a cycle) could reach anywhere
            after = by_id.get(node.due.trigger)
            if after is None:
                break
            node = after
        if node.date is None:
            continue
        reach = links * YEARS_PER_LINK + extra
        if node.date.year - reach < 1 or node.date.year + reach > 9999:
            return True
    return False


def check_warnings(ctx: Context) -> None:
    tl = ctx.timeline
    today = ctx.today
    # A date in a year before today's is past (with no today, none reaches the year 10,000).
    this_year = today.year if today is not None else 10_000
    fields = zip(ctx.column("sources"), ctx.column("kind"), ctx.column("case"), ctx.column("date"))
    for index, (sources, kind, cases, written) in enumerate(fields):
        if not sources:
            ctx.report(index, None, "W301", "this event has no source: add sources:")
        if kind == "deadline" and not cases:
            ctx.report(index, None, "W302", "this deadline belongs to no case: add case:")
        if (written is not None and written.year >= this_year and kind in UNSCHEDULABLE
                and today is not None and written.first_day > today):
            ctx.report(index, "date", "W303",
                       f"date: {written} is in the future, but {_article(kind)} {kind} cannot be "
                       "scheduled; is the year right?")


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


CHECKS: tuple[Callable[[Context], Any], ...] = (
    check_unique_ids,
    check_references,
    check_dates,
    check_deadline_fields,
    check_deadline_cycles,
    check_computed_triggers,
    check_computed_range,
    check_warnings,
)
