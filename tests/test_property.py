"""Whatever the input, the loader returns a model or diagnostics, never an exception."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.load import load
from timeline.model import FIELDS_BY_MODEL

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def load_text(folder: Path, text: str):
    (folder / "events.yaml").write_text(text, encoding="utf-8")
    return load([Path("events.yaml")], folder)


def assert_loads_or_diagnoses(folder: Path, text: str) -> None:
    result = load_text(folder, text)
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.col >= 1
        assert diagnostic.path == "events.yaml"
    if result.ok:
        assert isinstance(result.timeline.events, list)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(tmp_path_factory, text):
    assert_loads_or_diagnoses(tmp_path_factory.mktemp("text"), text)


SCALARS = st.one_of(
    st.sampled_from(["2025-03-12", "2025-02-30", "2019", "2025-05-05T17:00", "2025-05-05T17:00-04:00",
                     "c1", "e1", "src", "deadline", "order", "true", "maybe", "-3", "14", "",
                     "America/New_York", "US-MD", "https://example.org/x", "javascript:x", "No"]),
    st.text(max_size=12),
)
KEYS = st.sampled_from(sorted({key for keys in FIELDS_BY_MODEL.values() for key in keys}))


def values(depth: int):
    if depth == 0:
        return SCALARS
    inner = values(depth - 1)
    return st.one_of(
        SCALARS,
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=6)), inner, max_size=4),
    )


EVENTS = st.lists(st.dictionaries(KEYS, values(2), max_size=8), max_size=4)
DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        "cases": st.dictionaries(st.sampled_from(["c1", "c2", "bad id"]),
                                 st.dictionaries(KEYS, values(1), max_size=5), max_size=2),
        "sources": st.dictionaries(st.sampled_from(["src", "s2"]),
                                   st.dictionaries(KEYS, values(1), max_size=4), max_size=2),
        "events": EVENTS,
        "version": SCALARS,
        "closures": st.lists(SCALARS, max_size=2),
        "holidays": values(1),
        "kinds": values(2),
        "include": st.sampled_from(["events.yaml", "missing.yaml", "*.yaml", "x"]),
    },
)


@SETTINGS
@given(DOCUMENTS)
def test_yaml_shaped_documents(tmp_path_factory, document):
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    assert_loads_or_diagnoses(tmp_path_factory.mktemp("doc"), text)
