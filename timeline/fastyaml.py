"""A fast reader for the common, clean file: rapidyaml (C++) parses, Python only assembles.

It returns the same tree as ``yamltree.read_yaml`` (text scalars, refused duplicate keys,
anchors, aliases and tags) but vouches only for files it can prove it reads the same way;
for anything else, and for every file with a problem, it returns None and the loader uses the
exact reader, which also says where the problem is. Positions: only each event's (what the
timeline keeps); every other position is a placeholder, never shown, because a file with any
diagnostic is read again by the exact reader.

The route is ``ryml`` tree -> JSON (C++) -> ``json.loads`` (C): walking the C++ tree from
Python node by node costs more than both together.
"""

from __future__ import annotations

import json
import os
import re
from types import MappingProxyType
from typing import Any, Callable

from timeline.yamltree import Mapping, Pos, Sequence

try:  # an optional accelerator: without it every file takes the exact path
    import ryml  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - depends on the platform's wheels
    ryml = None
_ryml: Any = ryml

NOWHERE: Pos = (0, 0)  # the placeholder position of the fast tree's containers

# What the JSON route would read differently from the exact reader, or not refuse as it does:
# tabs; characters PyYAML refuses or reads as line breaks (YAML 1.1: NEL, LS, PS); a lone CR;
# a BOM inside the text; anything that may be an anchor, alias or tag (ryml drops tags and
# turns aliases into text); the plain scalar `null` (JSON's null would stand for both it and
# an empty value). A false alarm costs time only: the exact reader then reads the file.
# Searched in the UTF-8 bytes, cheapest first: these scans run over every byte of a big file.
_PLAIN_ASCII = bytes([10, 13, *range(0x20, 0x7F)])
_HIGH_BYTES = bytes(range(0x80, 0x100))
_BAD_UTF8 = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef(?:\xbb\xbf|\xbf[\xbe\xbf])")
_LONE_CR = re.compile(rb"\r(?!\n)")
# After a line start or one of these (and spaces), a node may start: with an anchor, a tag,
# a block text header, or a character a plain text cannot start with (PyYAML refuses those
# where ryml reads them as text). Only such marks preceded by a space or one of these are
# looked at closely (the lookbehind): in running text they are rare.
_NODE_START = frozenset("\n\r[{,:?-")
_MARK = re.compile(r"[!&*@`%,\]}|>?:](?<![^\s\[{,:?\-].)(?<![|>](?=[+-]?\r?\n))")
# (A comment after it is not read to its end: each match is short, on a line of many marks.)
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?(?:[ ]+#|[ ]*\r?(?:\n|\Z))")
_EVENTS_KEY = re.compile(r"\nevents[ ]*:[ ]*(?:#[^\n]*)?\r?(?=\n|\Z)")
_NEXT_TOP_LEVEL = re.compile(r"\n[^ \r\n#-]")
# The spaces between an item's dash and its content on the same line.
_AFTER_DASH = re.compile(r" +(?=[^\s#])")
# PyYAML refuses an implicit key whose text, up to its colon, is over 1024 characters long.
# Counted in the file: an escape takes up to 10 ("\U0001F600"), and spaces before the colon
# count too. Vouched for: keys of at most 90 characters read, and no run of 64 spaces.
_LONGEST_SIMPLE_KEY = 90
_MANY_SPACES = " " * 64

# A line starting with a document marker or a directive: streams, documents and "..." at the
# top are where the two parsers part ways (ryml accepts a lone "..." PyYAML refuses).
_DOCUMENT_LINE = re.compile(r"\n(?:---|\.\.\.|%)")
# After a quote or bracket: whether it may open a node (it follows a line start, a space or
# an indicator), as in _MARK. A superset of the real openers: a false alarm costs time only.
# A quote found so is looked at again (_unclosed): after a space, only where a value starts.
_OPENS = r"(?<![^\s\[{,:?\-].)"
_DOUBLE_QUOTED = r'"(?:[^"\\\n]++|\\.)*+"'  # closed on its line: "\\." never takes a line end
_SINGLE_QUOTED = r"'(?:[^'\n]++|'')*+'"


def _flow_body(depth: int) -> str:
    """What may stand between a flow collection's brackets on one line, ``depth`` levels deep."""
    inner = rf"[^\[\]{{}}\"'\n]++|{_DOUBLE_QUOTED}|{_SINGLE_QUOTED}"
    if depth > 0:
        nested = _flow_body(depth - 1)
        inner += rf"|\[{nested}\]|\{{{nested}\}}"
    return f"(?:{inner})*+"


# Openers not closed on their line. A quoted text over lines: ryml folds its line breaks,
# escaped breaks and blank lines otherwise than PyYAML ("a\n  b\\\n\n  c"). A flow collection
# over lines (or nested more than three deep): ryml reads keys and breaks PyYAML refuses
# ("{a: b,\n  c\n  : d}"). The generated and bundled files keep each on one line. One
# pattern per opener: each starts with its character, which the regex engine finds about
# as fast as str.find; a set of characters is looked for several times slower.
_UNCLOSED = (
    re.compile(rf'"{_OPENS}(?!{_DOUBLE_QUOTED[1:]})'),
    re.compile(rf"'{_OPENS}(?!{_SINGLE_QUOTED[1:]})"),
    re.compile(rf"\[{_OPENS}(?!{_flow_body(2)}\])"),
    re.compile(rf"\{{{_OPENS}(?!{_flow_body(2)}\}})"),
)
# Where a comment starts on a line (tabs are refused first): outside a quoted text, always.
_COMMENT = re.compile(r"(?<![^ ])#")
# A line that only opens a block text: "key: |", "- note: >-", "- |" (a comment may follow);
# the node holding the text is the key's mapping, else the dash's list. An indentation
# indicator is left out: then the first line need not set the indentation.
_HEADER_LINE = re.compile(r"( *)(- +)?([A-Za-z0-9_][\w.\-/ ]*: +)?[|>][+-]?(?: +#.*)? *")
_LINES_UP = 300
# What ryml's JSON writer makes of the plain texts nan, inf, infinity, .NaN, -.Inf and the
# like: ".nan", ".inf", "-.inf" (keys too); the exact reader keeps them as written. A text
# really written so, or ending so, is read again, exactly. Searched in the JSON from the dot,
# rarer there than the quote.
_REWRITTEN = re.compile(r'\.(?:nan"(?<="\.nan")|inf"(?<=["-]\.inf"))')
# An escaped surrogate ("\ud800"): PyYAML refuses it, ryml writes bytes that are not UTF-8,
# which reach Python as lone surrogates.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Unvouched(Exception):
    """The fast route cannot promise the exact reader's result for this text."""


def available() -> bool:
    return _ryml is not None


def read_fast(text: str) -> Mapping | None:
    """The file as the exact reader would give it, or None when this reader cannot vouch."""
    if _ryml is None:
        return None
    data = bytearray(text, "utf-8")  # ryml parses it in place
    if _unvouched(text, data):
        return None
    try:
        document = _json_of(data)
        del data  # big files: hold as few copies of the text as possible
        if document is None or _REWRITTEN.search(document):
            return None
        if not document.isascii() and _SURROGATE.search(document):
            return None
        root = json.loads(
            document,
            object_pairs_hook=_mapping_hook(),
            parse_int=str,  # the digits as written: JSON ints are emitted verbatim
            parse_float=_refuse_float,  # ryml rewrites some (".5" -> "0.5")
        )
        del document
    except (_Unvouched, ValueError, RecursionError):
        return None
    if not isinstance(root, Mapping):
        return None
    root, placed = Mapping(NOWHERE), root  # the loader looks up the top-level positions
    root.update(placed)
    for key in root:
        root.key_pos[key] = root.value_pos[key] = NOWHERE
    include = root.get("include")
    if isinstance(include, list):
        root["include"] = _sequence(include, [NOWHERE] * len(include))
    events = root.get("events")
    if isinstance(events, list):
        positions = _event_positions(text, events)
        if positions is None:
            return None
        root["events"] = _sequence(events, positions)
    return root


def _unvouched(text: str, data: bytearray) -> bool:
    """Whether the text holds anything the JSON route could read otherwise (see above)."""
    if data.translate(None, _PLAIN_ASCII).translate(None, _HIGH_BYTES):
        return True  # a tab or another control character
    if not text.isascii() and _BAD_UTF8.search(data):
        return True
    if b"\r" in data and _LONE_CR.search(data):  # (a search for one byte runs in C, memchr)
        return True
    if _MANY_SPACES in text:
        return True
    if not text.endswith("\n") and ("|" in text or ">" in text) and _ends_in_block_text(text):
        return True  # a block text up to the end: ryml ends it with a line break, PyYAML not
    if text.startswith(("---", "...", "%")) or _DOCUMENT_LINE.search(text):
        return True
    if any(_unclosed(text, pattern) for pattern in _UNCLOSED):
        return True
    lines = _Lines(text)
    for found in _MARK.finditer(text):
        at = found.start()
        before = _before(text, at)
        if before not in _NODE_START:
            continue  # inside a text: "a & b", "x > y"
        mark = text[at]
        if mark == "?":  # an explicit key: after one, ryml reads ":x" as its value, PyYAML not
            return True
        if mark == ":":  # in a flow collection PyYAML reads ":x" not at all
            if before in "[{," or lines.at(at).first_open < at:
                return True
        elif mark in "|>":  # "|", "|-" and the like before a line end are not even found
            if not _BLOCK_HEADER.match(text, at):
                return True  # "> -": PyYAML refuses what ryml reads
        elif not (mark == "]" and before == "[" or mark == "}" and before == "{"):
            return True  # an anchor, alias, tag, or a plain text PyYAML cannot start with it
    lines = _Lines(text)
    at = text.find("#")  # each " #": looked for from its rarer "#", which str.find finds fast
    while at >= 0:  # a comment in a flow collection: "{a: b #c}" eats the brace for PyYAML
        if at > 0 and text[at - 1] == " ":
            line = lines.at(at - 1)
            if line.first_open < at - 1 or line.last_close > at - 1:
                return True
        at = text.find("#", at + 1)
    lines = _Lines(text)
    at = text.find("?")
    while at >= 0:  # in a flow collection, PyYAML ends a plain text at "?" (YAML 1.2 does not)
        if lines.at(at).first_open < at:
            return True
        at = text.find("?", at + 1)
    at = text.find("null")
    while at >= 0:
        end = at + 4
        while end < len(text) and text[end] == " ":
            end += 1
        if _at_node_start(text, at) and (end == len(text) or text[end] in "\r\n#,]}:"):
            return True
        at = text.find("null", at + 1)
    return False


def _unclosed(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether an opener ``pattern`` finds may be a real one: not in a comment or block text."""
    lines = _Lines(text)
    for found in pattern.finditer(text):
        at = found.start()
        if text[at] in "\"'" and not _at_node_start(text, at):
            continue  # in running text ("In the '90s", "a 5\" screen"): not a quoted text
        line = lines.at(at)
        if line.comment < at and not line.quote_before_comment:
            continue  # no quote before the "#" could hold it: a comment for sure
        if not line.in_block_text():
            return True
    return False


class _Line:
    """What the scans ask about one line, each found once however many marks the line holds:
    a long line of ``[`` asked each of them again, and took minutes for a MiB."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        # The first "[" or "{" (flow openers) and the last "]" or "}": ``end`` or -1 if none.
        opens = [i for i in (text.find("[", start, end), text.find("{", start, end)) if i >= 0]
        self.first_open = min(opens, default=end)
        self.last_close = max(text.rfind("]", start, end), text.rfind("}", start, end))
        # The first comment ("#" first on the line or after a space), ``end`` if none.
        if text.startswith("#", start):
            self.comment = start
        else:
            comment = _COMMENT.search(text, start, end)
            self.comment = comment.start() if comment is not None else end
        self.quote_before_comment = (
            text.find('"', start, self.comment) >= 0 or text.find("'", start, self.comment) >= 0
        )
        self._in_block: bool | None = None

    def in_block_text(self) -> bool:
        if self._in_block is None:
            self._in_block = _in_block_text(self.text, self.start)
        return self._in_block


class _Lines:
    """The line holding a position, for a scan whose positions only go forward: finding each
    line's ends costs its length once in all."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line: _Line | None = None

    def at(self, index: int) -> _Line:
        line = self.line
        if line is None or not line.start <= index <= line.end:
            start = self.text.rfind("\n", line.end if line else 0, index) + 1
            end = self.text.find("\n", index)
            line = self.line = _Line(self.text, start, end if end >= 0 else len(self.text))
        return line


def _in_block_text(text: str, line_start: int) -> bool:
    """Whether the line at ``line_start`` is surely inside a block text (``key: |`` and the
    like): the lines up to its header are blank or indented at least as far as the first,
    which is indented further than the header's node. Looked for a few hundred lines up."""
    lowest = _indent(text, line_start)
    first = lowest  # the indentation of the nearest line above with text on it
    end = line_start - 1
    for _ in range(_LINES_UP):
        if end <= 0:
            return False
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].rstrip("\r")
        end = start - 1
        if not line.strip(" "):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent >= lowest:
            first = indent
            continue
        header = _HEADER_LINE.fullmatch(line)
        if header is not None:
            holder = header.start(3) if header.group(3) else header.end(1)
            return first == lowest and lowest > holder
        lowest = first = indent
    return False


def _ends_in_block_text(text: str) -> bool:
    """Whether the last line may be in a block text, or be its header. A block text's lines
    are indented further than its header's line, so the header is one of the lines found
    going up that are indented less than every line with text below them."""
    end = len(text)
    lowest = -1  # the least indentation of the lines with text seen so far; none yet
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip(" \r"):
            continue  # a blank line may belong to a block text at any indentation
        indent = len(line) - len(line.lstrip(" "))
        if lowest < 0 or indent < lowest:
            if any(
                line[at] in "|>" and _BLOCK_HEADER.match(text, start + at)
                for at in range(indent, len(line))
            ):
                return True
            if indent == 0:
                return False
            lowest = indent
    return False


def _indent(text: str, line_start: int) -> int:
    end = line_start
    while end < len(text) and text[end] == " ":
        end += 1
    return end - line_start


def _at_node_start(text: str, index: int) -> bool:
    """Whether only spaces stand between ``index`` and a line start or a node indicator."""
    return _before(text, index) in _NODE_START


def _before(text: str, index: int) -> str:
    """The character before ``index``, spaces skipped; a line start reads as a newline."""
    index -= 1
    while index >= 0 and text[index] == " ":
        index -= 1
    return "\n" if index < 0 else text[index]


def _json_of(buffer: bytearray) -> str | None:
    """Parse with ryml and emit JSON; None unless the file is one block of YAML: a mapping."""
    assert _ryml is not None
    tree = _ryml.Tree()
    # Room for every node at once: grown as it parses, the tree is copied each time it
    # doubles, which cost more than the parse itself at 100,000 events.
    tree.reserve(_nodes_at_most(buffer))
    with _quiet_stderr():  # ryml prints its errors itself; the exact reader words them
        try:
            _ryml.parse_in_place(buffer, tree)
            root = tree.root_id()
            if not tree.is_map(root) or tree.is_stream(root) or tree.is_doc(root):
                return None
            written = _emit_json(tree, root, len(buffer))  # refuses a tree nested too deep
        except _ryml.ExceptionBasic:  # ryml's parse and emit errors: the exact reader says why
            return None
    del tree  # big files: its nodes take several times the text's room
    try:
        return written.decode("utf-8")
    except UnicodeDecodeError:  # not UTF-8: an escaped surrogate ("\ud800") written as bytes
        return None


def _nodes_at_most(buffer: bytearray) -> int:
    """About how many nodes ryml's tree will hold: one a line (a key and its value, an item),
    one more an item that starts a mapping, one a flow collection and one each item after
    its first. A little over for the usual file (a block text's lines are one node); a file
    that needs more only grows the tree, as it did without a reserve."""
    # The four single characters in one pass (count() makes one a character).
    counted = len(buffer.translate(None, _NOT_COUNTED))
    return counted + buffer.count(b"- ") + 16


_NOT_COUNTED = bytes(sorted(set(range(256)) - set(b"\n,[{")))


def _emit_json(tree: Any, root: int, read: int) -> bytearray:
    """The tree as JSON, written into one buffer: ryml's own emit_json measures the text in a
    first pass, then copies it into a new str, which took twice as long. JSON's quotes and
    braces make it a little longer than the ``read`` bytes of YAML (a sixth, for the
    generated files); where the guess is short, ryml says how long, and writes it again."""
    assert _ryml is not None
    buffer = bytearray(read + read // 3 + 4096)
    failed, size = _ryml.emit_json_to_substr(tree, root, buffer)
    if failed:  # a JSON text longer than guessed: its length is known now
        buffer = bytearray(size)
        failed, size = _ryml.emit_json_to_substr(tree, root, buffer)
    del buffer[size:]
    return buffer


class _quiet_stderr:
    """Send file descriptor 2 to /dev/null for a while (C++ code writes there directly)."""

    def __enter__(self) -> None:
        self.saved: int | None = None
        try:
            self.saved = os.dup(2)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
        except OSError:
            self.saved = None

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            os.dup2(self.saved, 2)
            os.close(self.saved)


_NO_POSITIONS: Any = MappingProxyType({})  # read-only: one empty table for every mapping


class _Unplaced(Mapping):
    """A mapping of the fast tree: its positions are the placeholder (built in C, no __init__)."""

    __slots__ = ()
    __init__ = dict.__init__
    pos = NOWHERE
    key_pos = _NO_POSITIONS
    value_pos = _NO_POSITIONS


def _mapping_hook() -> Callable[[list[tuple[str, Any]]], Mapping]:
    """json.loads's hook for one file: each mapping of the tree, refused for a duplicate, an
    empty or an over-long key. A file's keys repeat (every event's): a mapping whose keys
    all passed before, in another mapping, passes by one set operation, in C."""
    seen: set[str] = set()  # keys that passed: never "", none too long

    def mapping_of(pairs: list[tuple[str, Any]]) -> Mapping:
        mapping: Mapping = _Unplaced(pairs)
        if len(mapping) != len(pairs):
            raise _Unvouched("duplicate key")
        if not seen.issuperset(mapping):
            if "" in mapping:
                raise _Unvouched("an empty key: ryml reads `: x` as one, PyYAML refuses it")
            if max(map(len, mapping)) > _LONGEST_SIMPLE_KEY:
                raise _Unvouched("a key longer than PyYAML reads")
            seen.update(mapping)
        return mapping

    return mapping_of



def _refuse_float(text: str) -> Any:
    raise _Unvouched(f"a number written as {text}")


def _sequence(items: list[Any], positions: list[Pos]) -> Sequence:
    sequence = Sequence(NOWHERE)
    sequence.extend(items)
    sequence.item_pos.extend(positions)
    return sequence


def _event_positions(text: str, events: list[Any]) -> list[Pos] | None:
    """Where each event starts (as the exact reader says: its first key), or None.

    Vouched for: a block list under a top-level ``events:`` line, each item written
    ``- KEY...``. Cutting the list's text at each dash of the items' indentation must give
    exactly one piece per event the parser found. No item can go missing that way; a dash
    that is not an item (in a quoted text running over lines) adds a piece, so the counts
    differ and the exact reader decides.
    """
    if not events:
        return []
    shift = 1 if text.startswith("events") else 0  # the key on the first line
    keys = _EVENTS_KEY.finditer("\n" * shift + text)
    found = next(keys, None)
    if found is None or next(keys, None) is not None:
        return None
    start = found.end() - shift
    end_match = _NEXT_TOP_LEVEL.search(text, start)
    end = end_match.start() + 1 if end_match else len(text)
    first = re.compile(r"\n( *)-[ \r\n]").search(text, start, end)
    if first is None:
        return None
    indent = len(first.group(1))
    # A dash left of the items: not one block list.
    if indent and re.compile("\n {0,%d}-[ \r\n]" % (indent - 1)).search(text, start, end):
        return None
    # Where str.split would cut the list's text, found in place: its pieces, 34 MB at
    # 100,000 events, were copies only counted and matched.
    separator = "\n" + " " * indent + "-"
    width = len(separator)
    cuts = []
    at = text.find(separator, start, end)
    while at >= 0:
        cuts.append(at)
        at = text.find(separator, at + width, end)
    if len(cuts) != len(events):
        return None
    positions = []
    line = text.count("\n", 0, cuts[0]) + 2  # the line after the first cut's line break
    for begin, stop in zip([cut + width for cut in cuts], [*cuts[1:], end]):
        spaces = _AFTER_DASH.match(text, begin, stop)
        if spaces is None:
            return None  # "-" alone on its line, or a comment after it
        positions.append((line, indent + 2 + spaces.end() - begin))
        line += text.count("\n", begin, stop) + 1
    return positions
