"""jsontext.dumps is json.dumps(indent=2, ensure_ascii=False), byte for byte."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import jsontext

SCALARS = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=True)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=25,
)


def expected(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_same_text_as_json_dumps(value):
    assert jsontext.dumps(value) == expected(value)


def test_unusual_values_are_left_to_json():
    value = {"a": (1, 2), "b": 1.5, "c": [float("inf")], "d": {1: "one"}}
    assert jsontext.dumps(value) == expected(value)


def test_escapes_and_layout():
    value = {"text": "quote \" backslash \\ tab \t é \u2028 \x00", "empty": [[], {}], "n": -0}
    text = jsontext.dumps(value)
    assert text == expected(value)
    assert json.loads(text) == value
    assert text.split("\n")[2] == '  "empty": ['


# The exports' documents: everything but floats (dumps_plain's promise stops there).
PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(PLAIN)
def test_plain_values_give_the_same_text_as_json_dumps(value):
    assert jsontext.dumps_plain(value) == expected(value)


def test_what_orjson_refuses_is_still_written_as_json_writes_it():
    for value in ({"lone surrogate": "a\ud800b"}, {"big": 2**64, "small": -(2**63) - 1},
                  {1: "a key that is not text"}, [{"deep": [[], {}, ""]}]):  # fmt: skip
        assert jsontext.dumps_plain(value) == expected(value)


def test_without_orjson_the_same_text(monkeypatch):
    value = {"text": "quote \" \\ \t é \u2028 \x00 \x7f", "n": [0, -1, 2**70], "e": [[], {}]}
    fast = jsontext.dumps_plain(value)
    monkeypatch.setattr(jsontext, "_orjson", None)
    assert jsontext.dumps_plain(value) == fast == expected(value)
