"""The JSON Schema of the events file, for editors and `check-jsonschema`.

Generic YAML tools type scalars (`date: 2019` becomes a number, `circa: true` a boolean), so
the schema accepts those typed forms beside the text that `timeline` itself reads. A test
keeps its keys in step with the model.

It is as strict as JSON Schema allows: dates refuse a day their month never has (02-30,
04-31), though not Feb 29 of a common year, which takes arithmetic only `timeline check` does;
kinds are the built-in ones, and a file that declares `kinds:` may use any id, since a schema
cannot read a file's own keys. `json_schema(kinds)` (`timeline schema -f FILE`) enumerates a
file's own kinds instead, for every file.
"""

from __future__ import annotations

from typing import Any

from timeline.deadlines.rules import PERIODS, RULE_SETS, SERVICE_METHODS
from timeline.model import BUILTIN_KINDS, CERTAINTIES, COUNTS, HAND_STATUSES

SCHEMA_ID = "https://timeline.invalid/events.schema.json"

# A month's days: 31 in seven months, 30 in four, and up to 29 in February.
_MONTH_DAY = (
    r"((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])"
    r"|(0[469]|11)-(0[1-9]|[12]\d|30)"
    r"|02-(0[1-9]|1\d|2\d))"
)
_DATE_PATTERN = (
    r"^\d{4}(-(0[1-9]|1[0-2])|-" + _MONTH_DAY
    + r"([T ]([01]\d|2[0-3]):[0-5]\d(Z|[+-]\d{2}:\d{2})?)?)?$"
)
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def _text(description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1}
    if description:
        schema["description"] = description
    return schema


def _scalar(description: str) -> dict[str, Any]:
    """Text that a generic YAML loader may have typed as a number or boolean."""
    return {"type": ["string", "number", "boolean"], "description": description}


def _date(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "anyOf": [
            {"type": "string", "pattern": _DATE_PATTERN},
            {"type": "integer", "minimum": 1, "maximum": 9999},
        ],
    }


def _one_or_many(item: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "anyOf": [item, {"type": "array", "items": item}]}


def _flag(description: str) -> dict[str, Any]:
    return {"description": description,
            "anyOf": [{"type": "boolean"}, {"enum": ["true", "false", "yes", "no"]}]}  # fmt: skip


def _whole(description: str) -> dict[str, Any]:
    return {"description": description,
            "anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^[+-]?\d{1,6}$"}]}  # fmt: skip


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        schema["required"] = list(required)
    return schema


def _map_of(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "propertyNames": {"pattern": _ID_PATTERN},
        "additionalProperties": {"$ref": f"#/$defs/{ref}"},
    }


_ID = {"type": "string", "pattern": _ID_PATTERN}
_JURISDICTION = {"type": "string", "pattern": r"^US(-[A-Z]{2})?$"}
_RULES = {"enum": list(RULE_SETS),
          "description": "The rule set that counts: " + ", ".join(RULE_SETS)}  # fmt: skip
_URL = {"type": "string", "pattern": r"^https?://[^\s/]+"}

SOURCE = _object({
    "title": _text("Title of the source"),
    "author": _text(), "publisher": _text(),
    "date": _date("Publication date"),
    "url": _URL, "note": _text(),
}, required=("title",))  # fmt: skip

PERSON = _object({
    "name": _text("Full name"),
    "aliases": _one_or_many(_text(), "Other names"),
    "role": _text(), "note": _text(),
}, required=("name",))  # fmt: skip

CASE = _object({
    "title": _text("Case caption, e.g. Abrego Garcia v. Noem"),
    "court": _text(), "docket": _scalar("Docket number, e.g. 8:25-cv-00951"),
    "judge": _text(),
    "rules": _RULES,
    "jurisdiction": _one_or_many(_JURISDICTION, "Whose legal holidays count: US, or US-MD, "
                                 "US-DC...; under frap a list (district court's, clerk's)"),
    "timezone": {"type": "string", "description": "IANA timezone, e.g. America/New_York"},
    "status": _text(), "summary": _text(),
    "links": _one_or_many(_URL, "Links about the case"),
    "tags": _one_or_many(_scalar("tag"), "Tags"),
}, required=("title",))  # fmt: skip

DUE = {**_object({
    "after": _ID, "before": _ID,
    "days": _whole("Days after the trigger (negative: before)"),
    "hours": _whole("Hours after the trigger"),
    "period": {"enum": list(PERIODS), "description": "A named period (`timeline rules`)"},
    "rules": _RULES,
    "service": {"enum": list(SERVICE_METHODS), "description": "How the paper was served"},
    "clerk": {**_JURISDICTION, "description": "The circuit clerk's state, for a FRAP period"},
    "count": {"enum": list(COUNTS)},
}), "oneOf": [{"required": ["after"]}, {"required": ["before"]}]}  # fmt: skip

CLOSURE = _object({
    "date": _date("The day closed"),
    "cases": _one_or_many(_ID, "Only these cases' courts"),
    "rules": _one_or_many(_RULES, "Only courts counting by these rule sets"),
}, required=("date",))  # fmt: skip

EVENT = _object({
    "id": _ID,
    "date": _date("When it happened, or the due moment of a deadline"),
    "end": _date("When a span (a detention, say) ended"),
    "circa": _flag("The date is approximate"),
    "case": _one_or_many(_ID, "Case id or ids"),
    "kind": {"type": "string", "pattern": _ID_PATTERN,
             "description": "One of " + ", ".join(BUILTIN_KINDS) + ", or a kind from kinds:"},
    "title": _scalar("What happened, in one line"),
    "details": _scalar("More, in Markdown"),
    "people": _one_or_many(_ID, "Person id or ids"),
    "sources": _one_or_many({"type": "string", "minLength": 1}, "Source ids or http(s) URLs"),
    "tags": _one_or_many(_scalar("tag"), "Tags"),
    "certainty": {"enum": list(CERTAINTIES)},
    "set_by": _ID, "met_by": _ID, "replaces": _ID,
    "status": {"enum": list(HAND_STATUSES)},
    "due": {"$ref": "#/$defs/due"},
}, required=("kind", "title"))  # fmt: skip

FILE = _object({
    "version": {"anyOf": [{"const": 1}, {"const": "1"}]},
    "title": _scalar("What the exports (html, markdown, sqlite) call the record"),
    "description": _scalar("One paragraph about the record, for the sqlite export's site"),
    "license": _scalar("The license the record is published under, e.g. CC BY 4.0"),
    "license_url": {**_URL, "description": "Where the license's text is"},
    "sources": _map_of("source"),
    "people": _map_of("person"),
    "cases": _map_of("case"),
    "kinds": {"type": "object", "propertyNames": {"pattern": _ID_PATTERN},
              "additionalProperties": _object({"label": _text()})},
    "include": _one_or_many(_text(), "More events files, relative to this one (globs allowed)"),
    "closures": {"type": "array", "items": {"anyOf": [_date("A day the courts were closed"),
                                                      {"$ref": "#/$defs/closure"}]}},
    "holidays": _object({"presidential": _flag("Count days the President declared holidays")}),
    "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
})  # fmt: skip


def json_schema(kinds: list[str] | None = None) -> dict[str, Any]:
    """The schema; with ``kinds`` (a file's kinds, built-in ones first) those are the only ones."""
    event = {**EVENT, "properties": {**EVENT["properties"]}}
    if kinds is not None:
        event["properties"]["kind"] = {**event["properties"]["kind"], "enum": kinds}
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "timeline events file",
        "description": "Court-case timelines: sources, people, cases and dated events.",
        **FILE,
        "$defs": {"source": SOURCE, "person": PERSON, "case": CASE, "due": DUE, "event": event,
                  "closure": CLOSURE},
    }
    if kinds is None:
        # A file without `kinds:` has the built-in kinds only; one with them, any id.
        schema["if"] = {"not": {"required": ["kinds"]}}
        schema["then"] = {"properties": {"events": {"items": {"properties": {
            "kind": {"enum": list(BUILTIN_KINDS)}}}}}}
    return schema
