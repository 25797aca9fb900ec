"""YAML text -> plain values with positions, refusing what YAML must not do here.

Every scalar stays text (no implicit typing), duplicate keys, anchors, aliases and tags are
refused as they are met in the event stream, so nothing is ever expanded or constructed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Any, Callable, Iterator

from timeline.diagnostics import Diagnostic, Severity, full
from timeline.positions import Lines, Pos

if TYPE_CHECKING:
    import yaml  # imported when a file is read here: the fast path (fastyaml.py) needs none

KeyCheck = Callable[[tuple[Any, ...], str, Pos], bool]  # False: stop reading


class Mapping(dict[str, Any]):
    """A YAML mapping: a dict that remembers where each key and value stood."""

    __slots__ = ("pos", "key_pos", "value_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}


class Sequence(list[Any]):
    """A YAML sequence: a list that remembers where each item stood."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


def _c_parser() -> bool:
    """Whether PyYAML has its C parser (libyaml), many times faster than the pure one."""
    import yaml

    return getattr(yaml, "CBaseLoader", None) is not None


def yaml_events(text: str) -> Iterator[yaml.Event]:
    """Yield the YAML parser events of ``text``: nothing is constructed, nothing expanded."""
    import yaml

    # The C parser is many times faster; the pure one gives the same events. Only the parser
    # half of these loaders is used: nothing is ever constructed.
    parser = (yaml.CBaseLoader if _c_parser() else yaml.BaseLoader)(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


# Where YAML 1.1 ends a line and editors do not (see timeline/positions.py).
_YAML11_BREAK = re.compile("[\x85\u2028\u2029]")
# What makes a mark's line or column differ from an editor's: those breaks, and a byte-order
# mark (U+FEFF), which PyYAML's pure reader never counts in a column, libyaml only at the start.
_MISCOUNTED = re.compile("[\x85\u2028\u2029\ufeff]")
_BREAK_NAMES = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}


def _mark_position(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


class _Full(Exception):
    """Stops reading once the collector of diagnostics is full."""


class _Positions:
    """A parser's marks as editors count lines (timeline/positions.py).

    A node's mark has the line and column an editor shows unless the text holds a line break
    only YAML 1.1 counts (NEL, LS, PS) or a byte-order mark (which a parser may not count):
    then its character index says where it is. An error's mark may lie past the
    end (libyaml puts the end of a text without a final line break on a line of its own):
    its index says where it is, always.
    """

    def __init__(self, text: str) -> None:
        self.lines = Lines(text)
        self.by_index = _MISCOUNTED.search(text) is not None
        self.breaks = self.by_index and _YAML11_BREAK.search(text) is not None
        # libyaml's marks count from after a leading byte-order mark; the pure reader's do not.
        self.shift = 1 if text.startswith("\ufeff") and _c_parser() else 0

    def at(self, mark: Any) -> Pos:
        """The position of a node's start (never past the end of the text)."""
        if not self.by_index:
            return (mark.line + 1, mark.column + 1)
        index = mark.index + self.shift
        starts = self.lines.starts
        line = bisect_right(starts, index) - 1
        return (line + 1, index - starts[line] + 1)

    def anywhere(self, mark: Any) -> Pos:
        """The position of any mark, an error's at the very end included."""
        return self.lines.position(self.index(mark))

    def index(self, mark: Any) -> int:
        """The mark's character index in the text."""
        return int(mark.index) + self.shift


class _Refused(Exception):
    """Stops reading at the first anchor, alias or tag: what follows cannot be trusted."""


def read_yaml(
    text: str, path: str, diagnostics: list[Diagnostic], check_key: KeyCheck | None = None
) -> Any:
    """Return the document as Mapping/Sequence/str/None, or None when it cannot be read.

    ``check_key(loc, key, pos)`` is called on each key of a mapping as it is read (``loc``:
    where the mapping is, as pydantic names it), so that a flood of bad keys is found while
    reading; it returns False to stop reading. Reading stops too (None) once ``diagnostics``
    is a full collector.
    """
    import yaml

    def error(pos: Pos, code: str, message: str) -> None:
        diagnostics.append(Diagnostic(path, pos[0], pos[1], Severity.ERROR, code, message))

    # Containers under construction: (container, key waiting for its value or None, location).
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0

    def attach(value: Any, pos: Pos) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, Sequence):
            container.append(value)
            container.item_pos.append(pos)
            return
        key = frame[1]
        if key is _NO_KEY:
            if not isinstance(value, str):
                error(pos, "T103", "a key must be plain text, not a mapping or list")
                frame[1] = _BAD_KEY
                if full(diagnostics):
                    raise _Full
                return
            if value in container:
                first = container.key_pos[value]
                error(pos, "T003", f"duplicate key '{value}' (first at line {first[0]})")
                frame[1] = _BAD_KEY
                if full(diagnostics):
                    raise _Full
                return
            frame[1] = value
            container.key_pos[value] = pos
            if check_key is not None and not check_key(frame[2], value, pos):
                raise _Full
            return
        if key is not _BAD_KEY:
            container[key] = value
            container.value_pos[key] = pos
        frame[1] = _NO_KEY

    positions = _Positions(text)
    at = positions.at if positions.by_index else _mark_position  # the second, many times over
    # With a line break only YAML 1.1 counts in the text, the spans of the quoted texts, where
    # it is text; anywhere else it is refused (T008).
    breaks = positions.breaks
    quoted: list[tuple[int, int]] = []
    reached = 0  # the end of the last text read, when there are such breaks
    failure: tuple[Pos, str, str] | None = None  # what stopped the reading
    try:
        for event in yaml_events(text):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                pos = at(event.start_mark)
                _refuse_extras(event, pos)
                if breaks:
                    reached = positions.index(event.end_mark)
                    if event.style in ("'", '"'):
                        quoted.append((positions.index(event.start_mark), reached))
                value = event.value
                if value == "" and event.implicit[0]:
                    value = None  # `key:` with nothing after it
                attach(value, pos)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                pos = at(event.start_mark)
                _refuse_extras(event, pos)
                container: Any = Mapping(pos) if kind is yaml.MappingStartEvent else Sequence(pos)
                loc = _child_loc(stack[-1]) if stack else ()
                attach(container, pos)
                stack.append([container, _NO_KEY, loc])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                raise _Refused(
                    at(event.start_mark),
                    "T004",
                    f"alias '*{event.anchor}' refused: anchors and aliases can expand without "
                    "limit; repeat the value or refer to it by id",
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    failure = (at(event.start_mark), "T002",
                               "more than one YAML document in the file")  # fmt: skip
                    break
    except _Full:
        return None  # the collector is full: no later stage looks at this file
    except _Refused as refused:
        failure = refused.args
    except yaml.MarkedYAMLError as exc:
        from timeline.yaml_messages import explain

        mark = exc.problem_mark or exc.context_mark
        pos = positions.anywhere(mark) if mark is not None else (1, 1)
        context_pos = positions.anywhere(exc.context_mark) if exc.context_mark else None
        where, message = explain(positions.lines, exc.problem or "", exc.context or "", pos,
                                 context_pos)  # fmt: skip
        failure = (where, "T002", message)
    except yaml.reader.ReaderError as exc:  # e.g. a control character; carries an offset
        pos = positions.lines.position(_reader_index(text, exc.position))
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        failure = (pos, "T002", f"character U+{char:04X} is not allowed in YAML")
    except yaml.YAMLError as exc:
        failure = ((1, 1), "T002", f"YAML syntax error: {str(exc).splitlines()[0]}")
    if breaks:
        if failure is None:
            misread = _outside(text, quoted, len(text), len(text))
        elif len(text) <= _SCAN_AT_MOST:
            misread = _scanned_breaks(text)
        else:  # too long to scan again in Python: up to the line that stopped the reading
            line = failure[0][0]
            stop = positions.lines.starts[line] if line < positions.lines.count else len(text)
            misread = _outside(text, quoted, reached, stop)
        for index in misread:
            char = text[index]
            error(positions.lines.position(index), "T008",
                  f"character U+{ord(char):04X} ({_BREAK_NAMES[char]}) outside quoted text: "
                  "YAML 1.1 reads it as a line break, editors do not; delete it, or write it "
                  f"as \\u{ord(char):04x} inside double quotes")  # fmt: skip
        if misread:
            # What YAML read after the first misread break may follow from it: not reported.
            if failure is not None and failure[0] < positions.lines.position(misread[0]):
                error(*failure)
            return None
    if failure is not None:
        error(*failure)
        return None
    return root


def _child_loc(frame: list[Any]) -> tuple[Any, ...]:
    """Where a container about to be attached to ``frame`` stands: its key or its index."""
    container, key, loc = frame
    if isinstance(container, Sequence):
        return (*loc, len(container))
    return (*loc, key) if isinstance(key, str) else (*loc, None)


# Scanning a file again with PyYAML's pure Python scanner takes about a second a megabyte.
_SCAN_AT_MOST = 2_000_000


def _outside(text: str, quoted: list[tuple[int, int]], reached: int, stop: int) -> list[int]:
    """The NEL, LS and PS before ``stop`` not inside a ``quoted`` span (those read up to
    ``reached``): where YAML 1.1 read them as line breaks."""
    starts = [start for start, _ in quoted]
    outside = []
    for found in _YAML11_BREAK.finditer(text, 0, stop):
        index = found.start()
        at = bisect_right(starts, index) - 1
        if index >= reached or at < 0 or not quoted[at][0] < index < quoted[at][1]:
            outside.append(index)
    return outside


def _scanned_breaks(text: str) -> list[int]:
    """The NEL, LS and PS that PyYAML's scanner reads as line breaks outside quoted texts, up
    to where it stops (an error, the end)."""
    import yaml

    class Finder(yaml.reader.Reader, yaml.scanner.Scanner):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            self.found: list[int] = []
            self.in_quotes = False

        def scan_line_break(self) -> str:
            if not self.in_quotes and self.peek() in "\x85\u2028\u2029":
                self.found.append(self.index)
            return super().scan_line_break()  # type: ignore[no-any-return]

        def scan_flow_scalar(self, style: str) -> Any:
            self.in_quotes = True
            try:
                return super().scan_flow_scalar(style)
            finally:
                self.in_quotes = False

    try:
        finder = Finder(text)
    except yaml.YAMLError:  # a character YAML refuses: reported as such
        return []
    try:
        while finder.check_token():
            finder.get_token()
    except yaml.YAMLError:
        pass  # the reading itself reports it
    return finder.found


def _refuse_extras(event: Any, pos: Pos) -> None:
    if event.anchor is not None:
        raise _Refused(
            pos,
            "T004",
            f"anchor '&{event.anchor}' refused: anchors and aliases can expand without limit; "
            "repeat the value or refer to it by id",
        )
    if event.tag is not None:
        raise _Refused(pos, "T005", f"tag '{event.tag}' refused: YAML tags are never honoured")


def _reader_index(text: str, offset: int) -> int:
    """The character index of a reader error's offset: libyaml counts UTF-8 bytes."""
    if not _c_parser():
        return offset
    return len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))


_NO_KEY = object()
_BAD_KEY = object()
