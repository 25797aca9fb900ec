"""The validated model of an events file: sources, people, cases, kinds and events.

Input is the text-only tree from ``yamltree``; every converter below takes text and raises a
``PydanticCustomError`` whose type is the diagnostic code, so the loader can report it as is.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Callable, Literal
from urllib.parse import urlsplit

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer,
                      PlainValidator, ValidationInfo, field_validator)
from pydantic_core import PydanticCustomError

from timeline.dates import FileDate, Precision, parse_file_date, zone
from timeline.deadlines import rules as court_rules
from timeline.deadlines.jurisdictions import JURISDICTIONS

BUILTIN_KINDS: tuple[str, ...] = (
    "arrest",
    "detention",
    "transfer",
    "deportation",
    "release",
    "filing",
    "hearing",
    "order",
    "ruling",
    "deadline",
    "statement",
    "protest",
    "legislation",
    "report",
    "other",
)
CERTAINTIES = ("confirmed", "reported", "alleged", "disputed")
HAND_STATUSES = ("vacated", "moot", "met", "missed")
# What each word says, for a "did you mean": a near miss here changes what the file claims.
MEANINGS = {
    "confirmed": "a record shows it happened",
    "reported": "a source reports it",
    "alleged": "a party says it happened",
    "disputed": "its happening is contested",
    "vacated": "the court cancelled the deadline",
    "moot": "the deadline no longer matters",
    "met": "done in time",
    "missed": "not done in time",
}
COUNTS = ("calendar-days", "court-days")
DEADLINE_FIELDS = ("set_by", "met_by", "replaces", "status", "due")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _fail(code: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(code, message.replace("{", "{{").replace("}", "}}"))


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        raise _fail("T102", "has no value")
    raise _fail("T103", f"expected text, found a {_shape(value)}")


def _shape(value: Any) -> str:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "value"


def _nonempty(value: Any) -> str:
    text = _text(value)
    if not text.strip():
        raise _fail("T102", "is empty")
    return text


def _identifier(value: Any) -> str:
    text = _text(value)
    if not _ID.fullmatch(text):
        raise _fail(
            "T104",
            f"'{text}' is not an id: use ASCII letters, digits, '-', '_' or '.', starting with a "
            "letter or digit",
        )
    return text


def _file_date(value: Any) -> FileDate:
    text = _text(value)
    try:
        return parse_file_date(text)
    except ValueError as exc:
        raise _fail("T104", str(exc)) from None


def _day(value: Any) -> FileDate:
    parsed = _file_date(value)
    if parsed.precision is not Precision.DAY:
        raise _fail("T104", f"'{value}' must be a single day, written YYYY-MM-DD")
    return parsed


def _boolean(value: Any) -> bool:
    text = _text(value).strip().lower()
    if text in ("true", "yes"):
        return True
    if text in ("false", "no"):
        return False
    raise _fail("T104", f"'{value}' is not true or false")


_WHOLE_DIGITS = 6  # any count of days or hours a check can accept fits in six digits
_LARGEST_WHOLE = 10**_WHOLE_DIGITS - 1


def _integer(value: Any) -> int:
    text = _text(value).strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise _fail("T104", f"'{value}' is not a whole number")
    if not re.fullmatch(r"[+-]?\d{1,%d}" % _WHOLE_DIGITS, text):
        if text.startswith("-"):
            raise _fail("T104", f"'{text}' is too small: at least -{_LARGEST_WHOLE}")
        raise _fail("T104", f"'{text}' is too large: at most {_LARGEST_WHOLE}")
    return int(text)


def _url(value: Any) -> str:
    text = _text(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _fail("T104", f"'{text}' is not an http or https URL")
    return text


def _source_ref(value: Any) -> str:
    """A source is an id from ``sources:`` or a URL; URLs must be http(s)."""
    text = _text(value).strip()
    if ":" in text or "/" in text:
        return _url(text)
    return _identifier(text)


def _timezone(value: Any) -> str:
    text = _text(value).strip()
    try:
        zone(text)
    except ValueError as exc:
        raise _fail("T107", f"{exc} (write an IANA name such as America/New_York)") from None
    return text


def _jurisdiction(value: Any) -> str:
    text = _text(value).strip()
    if text not in JURISDICTIONS:
        from timeline.diagnostics import suggest

        raise _fail(
            "T107",
            f"unknown jurisdiction '{text}': write US or US- and a state code, such as US-MD"
            + suggest(text.upper(), JURISDICTIONS),
        )
    return text


def _choice(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text(value).strip()
        if text not in choices:
            from timeline.diagnostics import suggest

            raise _fail(
                "T104", f"'{text}' is not one of: {', '.join(choices)}"
                + suggest(text, choices, cutoff=0.6, meanings=MEANINGS),
            )
        return text

    return check


def _named(what: str, meanings: Callable[[], dict[str, str]]) -> Callable[[Any], str]:
    """A name from the rule registry; the "did you mean" says what the suggestion stands for."""

    def check(value: Any) -> str:
        text = _text(value).strip()
        known = meanings()
        if text not in known:
            hint = court_rules.did_you_mean(text, known)
            if not hint:
                hint = (f": one of {', '.join(known)}" if len(known) <= 6
                        else ": `timeline rules` lists them")  # fmt: skip
            raise _fail("T104", f"unknown {what} '{text}'{hint}")
        return text

    return check


RuleSetName = Annotated[str, PlainValidator(_named("rule set", court_rules.rule_set_meanings))]
PeriodName = Annotated[str, PlainValidator(_named("period", court_rules.period_meanings))]
ServiceName = Annotated[str, PlainValidator(_named("service method", court_rules.service_meanings))]
Jurisdiction = Annotated[str, PlainValidator(_jurisdiction)]


def _one_if_one(value: list[str]) -> str | list[str]:
    """As written: one jurisdiction is exported as text, a list as a list."""
    return value[0] if len(value) == 1 else list(value)


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _sequence(value: Any) -> Any:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail("T103", f"expected a list, found {'text' if isinstance(value, str) else 'a mapping'}")
    return value


def _includes(value: Any) -> Any:
    """One include or a list of them, as every list field takes one value or a list."""
    return _sequence(_one_or_many(value))


def _mapping(value: Any) -> Any:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail("T103", f"expected a mapping, found {'text' if isinstance(value, str) else 'a list'}")
    return value


Text = Annotated[str, PlainValidator(_nonempty)]
Id = Annotated[str, PlainValidator(_identifier)]
_AS_WRITTEN = PlainSerializer(FileDate.iso, return_type=str)
Date = Annotated[FileDate, PlainValidator(_file_date), _AS_WRITTEN]
Day = Annotated[FileDate, PlainValidator(_day), _AS_WRITTEN]
Flag = Annotated[bool, PlainValidator(_boolean)]
Whole = Annotated[int, PlainValidator(_integer)]
Url = Annotated[str, PlainValidator(_url)]
SourceRef = Annotated[str, PlainValidator(_source_ref)]
# "one or many": a single value is a list of one.
Ids = Annotated[list[Id], BeforeValidator(_one_or_many)]
Texts = Annotated[list[Text], BeforeValidator(_one_or_many)]
Urls = Annotated[list[Url], BeforeValidator(_one_or_many)]
SourceRefs = Annotated[list[SourceRef], BeforeValidator(_one_or_many)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Source(_Strict):
    title: Text
    author: Text | None = None
    publisher: Text | None = None
    date: Date | None = None
    url: Url | None = None
    note: Text | None = None


class Person(_Strict):
    name: Text
    aliases: Texts = []
    role: Text | None = None
    note: Text | None = None


class Case(_Strict):
    title: Text
    court: Text | None = None
    docket: Text | None = None
    judge: Text | None = None
    rules: RuleSetName = court_rules.DEFAULT_RULES
    # One jurisdiction, or under frap a list: the district court's state and the clerk's.
    jurisdiction: Annotated[list[Jurisdiction], BeforeValidator(_one_or_many),
                            PlainSerializer(_one_if_one)] = ["US"]
    timezone: Annotated[str | None, PlainValidator(_timezone)] = None
    status: Text | None = None
    summary: Text | None = None
    links: Urls = []
    tags: Texts = []

    @field_validator("jurisdiction", mode="after")
    @classmethod
    def _one_state_unless_frap(cls, value: list[str], info: ValidationInfo) -> list[str]:
        rules = info.data.get("rules", court_rules.DEFAULT_RULES)
        if len(value) > 1 and court_rules.RULE_SETS[rules].states == "one":
            raise _fail("T104", f"rules: {rules} counts the holidays of one state, not a list "
                        "(a list of states is for rules: frap)")  # fmt: skip
        return value


class KindDef(_Strict):
    label: Text | None = None


class HolidayOptions(_Strict):
    presidential: Flag = True


class Due(_Strict):
    """A computed due date: N days (or hours, or a named period) after or before an event."""

    after: Id | None = None
    before: Id | None = None
    days: Whole | None = None
    hours: Whole | None = None
    period: PeriodName | None = None
    rules: RuleSetName | None = None
    service: ServiceName | None = None
    clerk: Jurisdiction | None = None  # the circuit clerk's state, for a FRAP period
    count: Annotated[str, PlainValidator(_choice(*COUNTS))] = "calendar-days"

    @property
    def trigger(self) -> str:
        """The id counted from (the check reports a due with neither after: nor before:)."""
        return self.after if self.after is not None else self.before or ""

    @property
    def signed_days(self) -> int | None:
        """The days counted, negative before the trigger: from days: or the named period."""
        days = self.days
        if days is None and self.period is not None:
            days = court_rules.PERIODS[self.period].days
        if days is None:
            return None
        return -days if self.before is not None and self.after is None else days


class Closure(_Strict):
    """A day the courts were closed: every court's, or only some cases' or rule sets'."""

    date: Day
    cases: Ids = []
    rules: Annotated[list[RuleSetName], BeforeValidator(_one_or_many)] = []


def _closure(value: Any) -> Any:
    return {"date": value} if isinstance(value, str) or value is None else value


class Event(_Strict):
    id: Id | None = None
    date: Date | None = None
    end: Date | None = None
    circa: Flag = False
    case: Ids = Field(default_factory=list)
    kind: Id
    title: Text
    details: Text | None = None
    people: Ids = []
    sources: SourceRefs = []
    tags: Texts = []
    certainty: Annotated[str, PlainValidator(_choice(*CERTAINTIES))] = "confirmed"
    set_by: Id | None = None
    met_by: Id | None = None
    replaces: Id | None = None
    status: Annotated[str | None, PlainValidator(_choice(*HAND_STATUSES))] = None
    due: Annotated[Due | None, BeforeValidator(_mapping)] = None


class FileModel(_Strict):
    """One events file, before its includes are merged."""

    version: Annotated[str, PlainValidator(_text)] = "1"
    # What a published export calls the record, and on what terms it may be reused.
    title: Text | None = None
    description: Text | None = None
    license: Text | None = None
    license_url: Url | None = None
    sources: Annotated[dict[Id, Source], BeforeValidator(_mapping)] = {}
    people: Annotated[dict[Id, Person], BeforeValidator(_mapping)] = {}
    cases: Annotated[dict[Id, Case], BeforeValidator(_mapping)] = {}
    kinds: Annotated[dict[Id, KindDef], BeforeValidator(_mapping)] = {}
    include: Annotated[list[Text], BeforeValidator(_includes)] = []
    closures: Annotated[
        list[Annotated[Closure, BeforeValidator(_closure)]], BeforeValidator(_sequence)
    ] = []
    holidays: Annotated[HolidayOptions, BeforeValidator(_mapping)] = HolidayOptions()
    events: Annotated[list[Event], BeforeValidator(_sequence)] = []


# The keys each mapping accepts, for "did you mean" suggestions on unknown keys.
FIELDS_BY_MODEL: dict[str, tuple[str, ...]] = {
    name: tuple(model.model_fields)
    for name, model in {
        "file": FileModel,
        "source": Source,
        "person": Person,
        "case": Case,
        "kind": KindDef,
        "holidays": HolidayOptions,
        "event": Event,
        "due": Due,
        "closure": Closure,
    }.items()
}


def model_at(loc: tuple[Any, ...]) -> str:
    """Name the model whose mapping sits at ``loc`` (a pydantic error location)."""
    if not loc:
        return "file"
    head = loc[0]
    if head == "events":
        return "due" if len(loc) >= 3 and loc[2] == "due" else "event"
    if head == "holidays":
        return "holidays"
    if head == "closures":
        return "closure"
    return {"sources": "source", "people": "person", "cases": "case", "kinds": "kind"}.get(
        str(head), "file"
    )
