"""What completion offers where the cursor is: the values that fit after a key, or the keys
that fit where a key goes.

The place is read from the text itself (the line, and the keys of the lines above it, by
indentation): a line being typed rarely reads as YAML yet.
"""

from __future__ import annotations

import re
from typing import Callable

from timeline import vocabulary
from timeline.lsp.index import TimelineIndex
from timeline.model import FIELDS_BY_MODEL
from timeline.positions import Lines

# The id section each key's value cites, and the tables of the other keys' values.
ID_VALUES = {"case": "case", "cases": "case", "people": "person", "sources": "source",
             "set_by": "event", "met_by": "event", "replaces": "event", "after": "event",
             "before": "event", "kind": "kind"}  # fmt: skip
TABLES: dict[str, Callable[[], list[str]]] = {
    "rules": vocabulary.rule_sets, "period": vocabulary.periods,
    "certainty": vocabulary.certainties, "jurisdiction": vocabulary.jurisdictions,
    "clerk": vocabulary.jurisdictions, "service": vocabulary.service_methods,
    "count": vocabulary.counts,
}  # fmt: skip
# The model of the mapping at a path of parent keys ("-" for a list item).
MODELS = {(): "file", ("events", "-"): "event", ("events", "-", "due"): "due",
          ("holidays",): "holidays", ("closures", "-"): "closure"}  # fmt: skip
ITEM_MODELS = {"sources": "source", "people": "person", "cases": "case", "kinds": "kind"}

_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z_]+):(?:\s+(?P<value>.*))?$")
_ITEM_LINE = re.compile(r"^(?P<indent>\s*)-(?:\s+(?P<value>.*))?$")
_BARE_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<word>[A-Za-z_]*)$")


def complete(lines: Lines, line: int, col: int, index: TimelineIndex) -> list[str]:
    """The completions at ``line``:``col`` (1-based) of a file's text."""
    before = (lines.line(line) or "")[: col - 1]
    flow = _in_flow_mapping(lines, line, before)
    if flow is not None:
        parents, segment = flow
        inner = re.match(r"\s*([A-Za-z_]+):\s*(.*)$", segment)
        if inner:
            return _values(inner.group(1), parents, inner.group(2), index)
        word = re.fullmatch(r"\s*([A-Za-z_]*)", segment)
        keys = vocabulary.starting(_keys(parents), word.group(1)) if word else []
        return [f"{key}: " for key in keys]
    key_line = _KEY_LINE.match(before)
    if key_line and key_line.group("value") is not None or (key_line and before.endswith(":")):
        parents = _holding(lines, line, key_line)
        return _values(key_line.group("key"), parents, key_line.group("value") or "", index)
    item = _ITEM_LINE.match(before)
    if item and item.group("value") is not None and ":" not in item.group("value"):
        parents = _parents(lines, line, len(item.group("indent")))
        if parents and parents[-1] != "-":  # a block list item under `people:`, `sources:`...
            return _values(parents[-1], parents[:-1], item.group("value"), index)
    bare = _BARE_LINE.match(before)
    if bare:
        parents = _holding(lines, line, bare)
        return [f"{key}: " for key in vocabulary.starting(_keys(parents), bare.group("word"))]
    return []


def _in_flow_mapping(lines: Lines, line: int, before: str) -> tuple[list[str], str] | None:
    """In a one-line flow mapping (``- {kind: order, case: c`` or ``due: {after: x, per``):
    the parents of that mapping, and what is typed after its last ``{`` or ``,``."""
    opened = before.rfind("{")
    if opened < 0 or "}" in before[opened:]:
        return None
    head = before[:opened]
    inside = before[opened + 1 :]
    bracket = inside.rfind("[")
    if bracket >= 0 and "]" not in inside[bracket:]:  # in a list in it: `sources: [a, do`
        segment = inside[:bracket].split(",")[-1] + inside[bracket:]
    else:
        segment = inside.split(",")[-1]
    outer = _KEY_LINE.match(head.rstrip() + " x") if head.strip() else None
    if outer:
        return [*_holding(lines, line, outer), outer.group("key")], segment
    item = re.fullmatch(r"(\s*)-\s*", head)
    if item:
        return [*_parents(lines, line, len(item.group(1))), "-"], segment
    return None


def _holding(lines: Lines, line: int, found: re.Match[str]) -> list[str]:
    """The parents of the mapping a key line (or a line starting a key) is in."""
    parents = _parents(lines, line, len(found.group("indent")))
    return [*parents, "-"] if found.group("dash") else parents


def _values(key: str, parents: list[str], typed: str, index: TimelineIndex) -> list[str]:
    """The values of ``key`` that start with what is typed (after a `[` or `,` in a list)."""
    prefix = re.split(r"[\[,]\s*", typed)[-1].lstrip("'\"")
    model = _model(parents)
    if key == "status":
        values = vocabulary.hand_statuses() if model == "event" else []
    elif key == "cases" and model != "closure":
        values = []
    elif key in ("sources", "people") and model not in ("event",):
        values = []
    elif key in ID_VALUES:
        values = index.ids(ID_VALUES[key])
        if key == "kind":
            from timeline.model import BUILTIN_KINDS

            values = [*BUILTIN_KINDS, *values]
    elif key in TABLES:
        values = TABLES[key]()
    else:
        values = []
    return vocabulary.starting(values, prefix.upper() if key in ("jurisdiction", "clerk")
                               else prefix)  # fmt: skip


def _keys(parents: list[str]) -> list[str]:
    model = _model(parents)
    return list(FIELDS_BY_MODEL[model]) if model is not None else []


def _model(parents: list[str]) -> str | None:
    if len(parents) == 2 and parents[0] in ITEM_MODELS:
        return ITEM_MODELS[parents[0]]
    return MODELS.get(tuple(parents))


def _parents(lines: Lines, line: int, indent: int) -> list[str]:
    """The keys (and "-" for list items) that hold a line indented by ``indent``."""
    found: list[str] = []
    for number in range(line - 1, 0, -1):
        text = lines.line(number) or ""
        stripped = text.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        at = len(text) - len(stripped)
        if at >= indent:
            continue
        head = re.match(r"([^\s:#][^:#]*):(\s|$)", stripped)
        if stripped.startswith("-"):
            dash = re.match(r"-\s*", stripped)
            inner = at + (dash.end() if dash else 1)
            key = re.match(r"([^\s:#][^:#]*):\s*$", stripped[inner - at :])
            if key and indent > inner:  # `- people:` with the list under it
                found.append(key.group(1).strip())
            found.append("-")  # `- id: x` then a deeper line: in the item's mapping
        elif head:
            found.append(head.group(1).strip())
        indent = at
        if at == 0:
            break
    return list(reversed(found))
