"""A faster validator for the fast path: the model's own schema, with native checks.

The model (``model.py``) checks most text fields with Python functions, which pydantic calls
once per value: for 100,000 events, about a million calls. Here the same core schema has the
commonest of them replaced by pydantic-core's own checks, which accept exactly the same
values and give the same results (tests/test_fast_path.py holds them to it), and builds the
same model classes. Its error messages are pydantic's, never shown: a file with any error is
validated again by the model itself, whose messages are the diagnostics.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic_core import SchemaValidator

from timeline import model

# `_nonempty`: text with a character that Python's str.strip() keeps (Unicode White_Space
# plus the four separators U+001C..U+001F are what it strips).
NONEMPTY_TEXT = {"type": "str", "strict": True, "pattern": r"[^\s\x1c-\x1f]"}
# `_identifier`: the same expression as model._ID, anchored ($ is the very end in Rust).
IDENTIFIER = {"type": "str", "strict": True, "pattern": "^" + model._ID.pattern + "$"}

# A URL that `_url` (and `_source_ref`) would return unchanged: http or https, a host of
# letters, digits, dots and dashes (urlsplit's netloc, never empty), an optional port, then
# printable ASCII without spaces. Any other URL is left to the model's own function.
PLAIN_URL = {"type": "str", "strict": True,
             "pattern": r"^https?://[A-Za-z0-9.\-]+(?::[0-9]+)?(?:[/?#][!-~]*)?$"}


def _flag(value: Any) -> bool:
    """`_boolean`, taking the fast reader's booleans (the plain texts true and false) too."""
    if value is True or value is False:
        return value
    return model._boolean(value)


class _Dates(dict):  # type: ignore[type-arg]
    """`_file_date`, remembering each text's date: a file repeats its dates. Looked up as
    ``_DATES[text]``, a date seen before costs pydantic-core a call in C, no Python frame."""

    def __missing__(self, text: str) -> Any:
        parsed = self[text] = model._file_date(text)  # raises on anything but a date's text
        return parsed


_DATES = _Dates()
# Text only reaches the lookup: anything else fails as `_file_date` fails it (with another
# message, never shown), and a list or mapping would not be a key.
DATE = {"type": "chain", "steps": [{"type": "str", "strict": True},
                                   {"type": "function-plain", "function":
                                    {"type": "no-info", "function": _DATES.__getitem__}}]}


def _one(value: Any) -> list[Any]:
    return [value]


def _function(function: Any) -> dict[str, Any]:
    return {"type": "no-info", "function": function}


def _replace(node: Any) -> Any:
    if isinstance(node, list):
        return [_replace(item) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    if kind == "function-plain":
        function = node["function"]["function"]
        if function is model._nonempty:
            return dict(NONEMPTY_TEXT)
        if function is model._identifier:
            return dict(IDENTIFIER)
        if function is model._boolean:
            return {**node, "function": _function(_flag)}
        if function is model._file_date:
            return dict(DATE)  # (a validator never serialises: the model classes do)
        if function is model._source_ref:  # most are ids or plain URLs; the rest: the model's
            choices = [dict(IDENTIFIER), dict(PLAIN_URL), node]
            return {"type": "union", "mode": "left_to_right", "choices": choices}
        if function is model._url:
            return {"type": "union", "mode": "left_to_right", "choices": [dict(PLAIN_URL), node]}
    if kind == "function-before" and node["function"]["function"] is model._one_or_many:
        # "one or many": a list, or one text as a list of one (the model's rule, natively)
        listed = _replace(node["schema"])
        one = {"type": "function-after", "function": _function(_one),
               "schema": listed["items_schema"]}  # fmt: skip
        return {"type": "union", "mode": "left_to_right", "choices": [listed, one]}
    replaced = {
        key: value if key in ("cls", "function", "metadata", "serialization") else _replace(value)
        for key, value in node.items()
    }
    if kind == "default" and node.get("default") == [] and isinstance(node["default"], list):
        del replaced["default"]  # a fresh list each time, without deep-copying the default
        replaced["default_factory"] = list
    return replaced


def _model_classes(node: Any) -> set[type]:
    if isinstance(node, list):
        return set().union(*map(_model_classes, node))
    if not isinstance(node, dict):
        return set()
    found = {node["cls"]} if node.get("type") == "model" else set()
    for key, value in node.items():
        if key not in ("cls", "function", "metadata", "serialization"):
            found |= _model_classes(value)
    return found


@lru_cache(maxsize=1)
def validator() -> SchemaValidator:
    schema = _replace(model.FileModel.__pydantic_core_schema__)
    # pydantic-core reuses a complete model class's own validator for its part of a schema;
    # the classes are marked incomplete while this one is built, so it uses the schema above.
    classes = _model_classes(schema)
    for cls in classes:
        type.__setattr__(cls, "__pydantic_complete__", False)
    try:
        return SchemaValidator(schema)
    finally:
        for cls in classes:
            type.__setattr__(cls, "__pydantic_complete__", True)


def validate(tree: Any) -> model.FileModel:
    """Validate like ``FileModel.model_validate``; raises pydantic's ValidationError."""
    result: model.FileModel = validator().validate_python(tree)
    return result
