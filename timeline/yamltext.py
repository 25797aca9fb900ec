"""Writing YAML by hand: scalars quoted only where YAML needs it, and events as text lines.

The events file is the user's document: we never re-serialise it, we append lines to it.
Every form chosen here is read back by the project's own reader before it is used.
"""

from __future__ import annotations

import re
from typing import Union

import yaml

from timeline.yamltree import read_yaml

Value = Union[str, list[str], dict[str, str]]

# What YAML treats as a line break, and what it allows in a file at all (YAML 1.1, 5.1).
LINE_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
_PRINTABLE = re.compile("[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Fields whose schema reads dates and numbers: written plain (`date: 2025-05-07`), as people
# write them, whenever our reader reads them back as the same text.
TYPED_KEYS = frozenset({"date", "end", "days", "hours", "circa"})


def split_lines(text: str) -> list[str]:
    """Split like YAML does, keeping each line's break (the last line may have none)."""
    lines: list[str] = []
    start = 0
    for match in LINE_BREAKS.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _reads_back(yaml_text: str, expected: object, typed: bool = False) -> bool:
    """Does our reader, and a standard YAML reader, read ``yaml_text`` as ``expected``?"""
    diagnostics: list = []  # type: ignore[type-arg]
    if read_yaml(yaml_text, "<new>", diagnostics) != expected or diagnostics:
        return False
    if typed:
        return True
    try:
        # Other tools (editors, scripts) read the file too: "No" or "1e3" left plain would be
        # a boolean or a number to them, so those get quotes although our reader needs none.
        return bool(yaml.load(yaml_text, Loader=_SAFE_LOADER) == expected)
    except yaml.YAMLError:
        return False


def plain_ok(value: str, flow: bool = False, typed: bool = False) -> bool:
    """Can ``value`` be written without quotes and read back as the same text?"""
    if not value or value != value.strip() or not _PRINTABLE.fullmatch(value) or "\n" in value:
        return False
    if flow:
        return _reads_back(f"k: [{value}]\n", {"k": [value]})
    return _reads_back(f"k: {value}\n", {"k": value}, typed)


def quoted(value: str) -> str:
    """A double-quoted scalar, escaping what JSON escapes and what YAML would misread."""
    out = ['"']
    for char in value:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF) or (
            0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)
        ):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def scalar(value: str, flow: bool = False, typed: bool = False) -> str:
    return value if plain_ok(value, flow, typed) else quoted(value)


def _literal_block(value: str, indent: str) -> list[str] | None:
    """``value`` as a ``|`` block scalar's lines, or None when a block cannot hold it."""
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    if not body or body[0] in " \t" or not _PRINTABLE.fullmatch(value) or "\r" in value:
        return None
    header = {0: "|-", 1: "|"}.get(trailing, "|+")
    lines = [header] + [indent + line if line else "" for line in body.split("\n")]
    lines += [""] * (trailing - 1 if trailing > 1 else 0)
    return lines


def _folded_lines(value: str, indent: str, width: int) -> list[str] | None:
    """A long one-line ``value`` as a ``>-`` block, wrapped at single spaces."""
    if len(indent) + len(value) <= width or "\n" in value or value[0] in " \t":
        return None
    if not _PRINTABLE.fullmatch(value) or value != value.rstrip():
        return None
    words = re.split(r"(?<! ) (?! )", value)  # only single spaces may become line breaks
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(indent) + len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [">-"] + [indent + line for line in lines]


def field_lines(key: str, value: Value, indent: str, width: int = 96) -> list[str]:
    """The lines of ``key: value`` at ``indent``, in the simplest form that reads back right."""
    if isinstance(value, dict):
        inner = indent + "  "
        lines = [f"{indent}{key}:"]
        for name, item in value.items():
            lines.extend(field_lines(name, item, inner, width))
        return lines
    if isinstance(value, list):
        if all(plain_ok(item, flow=True) for item in value):
            return [f"{indent}{key}: [{', '.join(value)}]"]
        return [f"{indent}{key}:"] + [f"{indent}  - {scalar(item)}" for item in value]
    typed = key in TYPED_KEYS
    if "\n" not in value and (key != "details" or len(indent) + len(key) + 2 + len(value) <= width):
        return [f"{indent}{key}: {scalar(value, typed=typed)}"]
    for block in (
        _literal_block(value, indent + "  ") if "\n" in value else None,
        _folded_lines(value, indent + "  ", width),
    ):
        if block is not None:
            candidate = [f"{indent}{key}: {block[0]}"] + block[1:]
            if _reads_back("\n".join(line[len(indent):] for line in candidate) + "\n", {key: value}):
                return candidate
    return [f"{indent}{key}: {scalar(value, typed=typed)}"]


def item_lines(fields: dict[str, Value], dash_col: int, key_col: int) -> list[str]:
    """One sequence item (``- key: value`` and its other keys), without line breaks."""
    indent = " " * key_col
    lines: list[str] = []
    for key, value in fields.items():
        lines.extend(field_lines(key, value, indent))
    first = lines[0]
    lines[0] = " " * dash_col + "-" + " " * (key_col - dash_col - 1) + first[key_col:]
    return lines
