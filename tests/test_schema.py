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
