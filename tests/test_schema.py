"""`timeline schema`: a JSON Schema that validates the bundled file and agrees with the model."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
import yaml

from conftest import BUNDLED
from timeline.model import FIELDS_BY_MODEL
from timeline.schema import json_schema


def typed_like_check_jsonschema(text: str):
    """Load as generic YAML tools do (typed scalars), dates turned back into ISO text."""
    def fix(value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return fix(yaml.safe_load(text))


@pytest.fixture(scope="module")
def schema():
    return json_schema()


def test_schema_command_prints_the_schema(run, schema):
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema
    jsonschema.Draft202012Validator.check_schema(schema)


def test_bundled_file_validates_as_text_and_as_typed_yaml(schema):
    text = BUNDLED.read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(schema)
    for document in (yaml.load(text, Loader=yaml.BaseLoader), typed_like_check_jsonschema(text)):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == []


def test_schema_rejects_what_the_check_rejects(schema):
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"events": [{"date": "2025-13-01", "kind": "order", "title": "T", "titel": "x"}]}
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert any("titel" in message for message in messages)
    assert any("2025-13-01" in message for message in messages)


def test_schema_keys_match_the_model(schema):
    defs = schema["$defs"]
    assert set(schema["properties"]) == set(FIELDS_BY_MODEL["file"])
    for name in ("source", "person", "case", "due", "event", "closure"):
        assert set(defs[name]["properties"]) == set(FIELDS_BY_MODEL[name]), name
    assert set(schema["properties"]["holidays"]["properties"]) == set(FIELDS_BY_MODEL["holidays"])


def test_the_rule_set_keys_validate_and_unknown_names_do_not(schema):
    from test_fast_path import RULE_SETS_FILE

    validator = jsonschema.Draft202012Validator(schema)
    document = yaml.load(RULE_SETS_FILE, Loader=yaml.BaseLoader)
    assert [e.message for e in validator.iter_errors(document)] == []
    document["events"][1]["due"]["period"] = "answr-us"
    document["cases"]["district"]["rules"] = "fcrp"
    messages = sorted(e.message for e in validator.iter_errors(document))
    assert any("answr-us" in m for m in messages) and any("fcrp" in m for m in messages)


def errors_of(schema, document) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document))


def event(**fields):
    return {"events": [{"kind": "hearing", "title": "T", **fields}]}


def test_an_unknown_kind_is_refused_unless_the_file_declares_kinds(schema):
    assert errors_of(schema, event(kind="hearing")) == []
    [error] = errors_of(schema, event(kind="hearngg"))
    assert error.startswith("['events', 0, 'kind']: 'hearngg' is not one of ['arrest'")
    # A file with its own kinds: the generic schema cannot see them, so any id passes there.
    assert errors_of(schema, {"kinds": {"payment": {}}, **event(kind="payment")}) == []


def test_schema_of_a_file_enumerates_its_own_kinds(run, write):
    path = write("""
        kinds:
          payment: {label: Payment}
        events:
          - {date: 2025-05-05, kind: payment, title: Paid}
    """)
    result = run("schema", "-f", str(path))
    assert result.exit_code == 0, result.stderr
    own = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(own)
    kinds = own["$defs"]["event"]["properties"]["kind"]["enum"]
    assert kinds[-1] == "payment" and "hearing" in kinds
    document = {"kinds": {"payment": {}}, "events": [{"kind": "payment", "title": "T"},
                                                     {"kind": "hearngg", "title": "T"}]}
    [error] = errors_of(own, document)
    assert error.startswith("['events', 1, 'kind']: 'hearngg' is not one of")


def test_schema_of_a_file_with_errors_says_them_and_writes_nothing(run, write):
    path = write("events:\n  - {date: 2025-02-30, kind: hearing, title: T}\n")
    result = run("schema", "-f", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:2:")


@pytest.mark.parametrize("day", ["2025-02-30", "2025-02-31", "2025-04-31", "2025-06-31",
                                 "2025-09-31", "2025-11-31", "2025-02-30T10:00",
                                 "2025-01-32", "2025-00-10"])
def test_impossible_days_are_refused(schema, day):
    [error] = errors_of(schema, event(date=day))
    assert error.startswith("['events', 0, 'date']: ")


@pytest.mark.parametrize("day", ["2025-01-31", "2025-03-31", "2025-04-30", "2025-12-31",
                                 "2024-02-29", "2025-02-28T23:59-05:00", "2025-07", "2025",
                                 # Feb 29 of a common year: only `timeline check` knows the year.
                                 "2025-02-29"])
def test_possible_days_pass(schema, day):
    assert errors_of(schema, event(date=day)) == []
