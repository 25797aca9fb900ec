"""YAML text -> plain values with positions, refusing what YAML must not do here.

Every scalar stays text (no implicit typing), duplicate keys, anchors, aliases and tags are
refused as they are met in the event stream, so nothing is ever expanded or constructed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterator

from timeline.diagnostics import Diagnostic, Severity, full

if TYPE_CHECKING:
    import yaml  # imported when a file is read here: the fast path (fastyaml.py) needs none

Pos = tuple[int, int]  # 1-based line and column
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


def yaml_events(text: str) -> Iterator[yaml.Event]:
    """Yield the YAML parser events of ``text``: nothing is constructed, nothing expanded."""
    import yaml

    # The C parser is many times faster; the pure one gives the same events. Only the parser
    # half of these loaders is used: nothing is ever constructed.
    parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


def _at(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


class _Full(Exception):
    """Stops reading once the collector of diagnostics is full."""


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

    try:
        for event in yaml_events(text):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                pos = _at(event.start_mark)
                _refuse_extras(event, pos)
                value = event.value
                if value == "" and event.implicit[0]:
                    value = None  # `key:` with nothing after it
                attach(value, pos)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                pos = _at(event.start_mark)
                _refuse_extras(event, pos)
                container: Any = Mapping(pos) if kind is yaml.MappingStartEvent else Sequence(pos)
                loc = _child_loc(stack[-1]) if stack else ()
                attach(container, pos)
                stack.append([container, _NO_KEY, loc])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                raise _Refused(
                    _at(event.start_mark),
                    "T004",
                    f"alias '*{event.anchor}' refused: anchors and aliases can expand without "
                    "limit; repeat the value or refer to it by id",
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    error(_at(event.start_mark), "T002", "more than one YAML document in the file")
                    return None
    except _Full:
        return None  # the collector is full: no later stage looks at this file
    except _Refused as refused:
        pos, code, message = refused.args
        error(pos, code, message)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _at(mark) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "cannot be read"
        if _char_at(text, pos) == "\t":
            problem += " (indent with spaces)" if "tab" in problem else " (a tab: indent with spaces)"
        error(pos, "T002", f"YAML syntax error: {problem}")
        return None
    except yaml.reader.ReaderError as exc:  # e.g. a control character; carries an offset
        pos = _line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        error(pos, "T002", f"character U+{char:04X} is not allowed in YAML")
        return None
    except yaml.YAMLError as exc:
        error((1, 1), "T002", f"YAML syntax error: {str(exc).splitlines()[0]}")
        return None
    return root


def _child_loc(frame: list[Any]) -> tuple[Any, ...]:
    """Where a container about to be attached to ``frame`` stands: its key or its index."""
    container, key, loc = frame
    if isinstance(container, Sequence):
        return (*loc, len(container))
    return (*loc, key) if isinstance(key, str) else (*loc, None)


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


def _line_col(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    return (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _char_at(text: str, pos: Pos) -> str:
    lines = text.split("\n", pos[0])
    if len(lines) < pos[0]:
        return ""
    line = lines[pos[0] - 1]
    return line[pos[1] - 1] if 0 < pos[1] <= len(line) else ""


_NO_KEY = object()
_BAD_KEY = object()
