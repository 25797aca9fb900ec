"""PyYAML's syntax errors in plain words, each with the fix, placed at their cause.

PyYAML reports where its parser gave up, in parser terms (`did not find expected key`); the
mistake is often earlier: a quote never closed, a key one space off, a `: ` inside a value.
``explain`` looks at the source lines around PyYAML's marks to find the cause and say what to
write. Both parsers are covered: libyaml (C) and the pure one word their messages differently.
"""

from __future__ import annotations

import re
from typing import Callable

from timeline.positions import Lines, Pos

Say = Callable[[Lines, Pos, "Pos | None"], "tuple[Pos, str] | None"]
Matches = Callable[[str, str], bool]

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#'\"\-][^:#]*?):(?: |$)")


def explain(
    lines: Lines, problem: str, context: str, problem_pos: Pos, context_pos: Pos | None
) -> tuple[Pos, str]:
    """Where the mistake behind a PyYAML error is, and what to say about it (one line)."""
    quote = _open_quote(lines, problem, context, problem_pos, context_pos)
    if quote is not None:
        mark = _char_at(lines, quote)
        return quote, f"a quoted text opened here is not closed on this line: end it with {mark}"
    for matches, say in _TABLE:
        if matches(problem, context):
            found = say(lines, problem_pos, context_pos)
            if found is not None:
                return found
    return problem_pos, f"YAML syntax error: {problem or context or 'cannot be read'}"


def _open_quote(
    lines: Lines, problem: str, context: str, problem_pos: Pos, context_pos: Pos | None
) -> Pos | None:
    """The quote that opened a text never closed on its line, if one explains the error."""
    if context.endswith("quoted scalar") and context_pos is not None and "escape" not in problem:
        return context_pos
    if _char_at(lines, problem_pos) == "\t":
        return None
    # A quote left open runs on to the next quote mark, maybe far below: the first line above
    # the error with a quoted text it does not close is where the mistake is.
    for number in range(1, problem_pos[0] + 1):
        column = _unclosed_on(lines.line(number) or "")
        if column is not None and (number, column) < problem_pos:
            return (number, column)
    return None


def _unclosed_on(line: str) -> int | None:
    """The 1-based column of a quote that opens a value on ``line`` and is not closed on it."""
    at = 0
    while at < len(line):
        char = line[at]
        if char in "\"'":
            before = line[:at].rstrip()
            # A quote opens a text only where a value starts; in `O'Brien` it is a letter.
            spaced = at > len(before)
            if not before or before[-1] in "[{," or (spaced and before[-1] in ":-?"):
                end = _closing(line, at)
                if end is None:
                    return at + 1
                at = end + 1
                continue
        elif char == "#" and (at == 0 or line[at - 1] in " \t"):
            return None  # a comment: quotes in it open nothing
        at += 1
    return None


def _closing(line: str, start: int) -> int | None:
    mark, at = line[start], start + 1
    while at < len(line):
        if mark == '"' and line[at] == "\\":
            at += 2
            continue
        if line[at] == mark:
            if mark == "'" and line[at + 1 : at + 2] == "'":
                at += 2  # '' is a quote inside single quotes
                continue
            return at
        at += 1
    return None


def _char_at(lines: Lines, pos: Pos) -> str:
    line = lines.line(pos[0]) or ""
    return line[pos[1] - 1] if 0 < pos[1] <= len(line) else ""


def _quoted_line(line: str) -> str | None:
    """``key: value`` from a source line with its value in double quotes, or None."""
    found = _KEY_LINE.match(line)
    if found is None:
        return None
    value = line[found.end() :]
    value = re.split(r"\s+#", value, maxsplit=1)[0].strip()
    if not value:
        return None
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{found["key"]}: "{escaped}"'


def _key_indent(line: str) -> tuple[str, int] | None:
    """The key of a ``key:`` line and how many columns precede it (its ``- `` included)."""
    found = _KEY_LINE.match(line)
    if found is None:
        return None
    return found["key"].strip(), len(found["indent"]) + len(found["dashes"])


def _indentation(lines: Lines, number: int) -> tuple[Pos, str] | None:
    """``'kind' is indented 5 spaces; the keys above it, 4`` for a key line out of step."""
    here = _key_indent(lines.line(number) or "")
    if here is None:
        return None
    for above in range(number - 1, 0, -1):
        text = lines.line(above) or ""
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        previous = _key_indent(text)
        if previous is None or previous[1] == here[1]:
            return None
        key, indent = here
        return (number, indent + 1), (
            f"'{key}' is indented {_spaces(indent)}; the keys above it, {previous[1]}: "
            "line it up with them"
        )
    return None


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


# Each entry: whether it is PyYAML's error, and what to say (None: the next entry, or PyYAML's
# own words). problem_pos and context_pos are PyYAML's marks as editors count them.


def _mapping_values(lines: Lines, pos: Pos, _context: Pos | None) -> tuple[Pos, str] | None:
    line = lines.line(pos[0]) or ""
    first = _KEY_LINE.match(line)
    if first is not None and first.end() <= pos[1] - 1:
        suggestion = _quoted_line(line)
        if suggestion is not None:
            return pos, f"a ': ' inside a value needs quotes: {suggestion}"
    indented = _indentation(lines, pos[0])
    if indented is not None:
        return indented
    return pos, "a ':' followed by a space starts a key here; put the text in double quotes"


def _not_lined_up(what: str) -> Say:
    def say(lines: Lines, pos: Pos, context: Pos | None) -> tuple[Pos, str] | None:
        indented = _indentation(lines, pos[0])
        if indented is not None:
            return indented
        line = lines.line(pos[0]) or ""
        before = line[: pos[1] - 1].rstrip()
        if before and before[-1] in "\"'" and before.lstrip() != before[-1]:
            return pos, "text after a closing quote: put all of the value inside the quotes"
        return pos, f"expected {what} here, lined up with the ones above it; check this line's " \
            "indentation"

    return say


def _flow(opening: str, closing: str, noun: str) -> Say:
    def say(lines: Lines, pos: Pos, context: Pos | None) -> tuple[Pos, str]:
        line = lines.line(pos[0]) or ""
        if _char_at(lines, pos) == ":" and not line[: pos[1] - 1].strip():
            return pos, "this ':' starts its line: keep a key and its ':' on one line"
        return context or pos, (
            f"a {noun} opened here with '{opening}' is not closed: end it with '{closing}' on "
            f"this line, and separate its items with ', '"
        )

    return say


def _cannot_start(lines: Lines, pos: Pos, _context: Pos | None) -> tuple[Pos, str]:
    char = _char_at(lines, pos)
    suggestion = _quoted_line(lines.line(pos[0]) or "")
    fix = f": {suggestion}" if suggestion else ""
    return pos, f"a value cannot start with '{char}' in YAML; put it in double quotes{fix}"


def _tab(lines: Lines, pos: Pos, _context: Pos | None) -> tuple[Pos, str] | None:
    if _char_at(lines, pos) != "\t":
        return None
    return pos, "a tab: YAML indents with spaces only; replace the tab with spaces"


def _fixed(message: str, at_context: bool = False) -> Say:
    def say(lines: Lines, pos: Pos, context: Pos | None) -> tuple[Pos, str]:
        return (context or pos) if at_context else pos, message

    return say


def _escape(lines: Lines, pos: Pos, _context: Pos | None) -> tuple[Pos, str]:
    line = lines.line(pos[0]) or ""
    column = pos[1]
    while column > 1 and line[column - 1 : column] != "\\":
        column -= 1  # libyaml marks the backslash, the pure parser the letter after it
    escape = line[column - 1 : column + 1]
    return (pos[0], column), (
        f"'{escape}' is not an escape YAML knows: write \\\\ for a backslash inside double "
        "quotes, or use single quotes"
    )


def _no_value(lines: Lines, pos: Pos, _context: Pos | None) -> tuple[Pos, str]:
    marker = (lines.line(pos[0]) or "").strip()
    if marker in ("---", "..."):
        return pos, f"'{marker}' marks a YAML document's start or end: delete this line"
    if _char_at(lines, pos) == "-":
        return pos, "inside [ ] or { } an item cannot start with '-': put it in double quotes"
    return pos, "a value is missing here: write one, or put the text in double quotes"


def _has(*words: str) -> Matches:
    return lambda problem, _context: any(word in problem for word in words)


def _in(context_word: str, *words: str) -> Matches:
    return lambda problem, context: context_word in context and any(w in problem for w in words)


_TABLE: list[tuple[Matches, Say]] = [
    (lambda problem, context: True, _tab),  # any error at a tab is the tab's
    (_has("mapping values are not allowed"), _mapping_values),
    (_has("cannot start any token"), _cannot_start),
    (_in("flow sequence", "',' or ']'"), _flow("[", "]", "list")),
    (_in("flow mapping", "',' or '}'"), _flow("{", "}", "mapping")),
    (_has("expected '-' indicator", "block end>, but found '<block mapping start>'")
     , _not_lined_up("a list item ('- ') or a key")),
    (_has("expected key", "expected <block end>"), _not_lined_up("a key ('name: value')")),
    (_has("sequence entries are not allowed"),
     _fixed("a list item ('- ') cannot follow a key on its line: start the list on the next "
            "line, indented under the key, or write [a, b]")),
    (_has("could not find expected ':'"),
     _fixed("a key needs ':' after it (name: value); a text of several lines goes indented "
            "under 'name: |'", at_context=True)),
    (_has("document start"),
     _fixed("nothing may follow '...' (the end of the YAML document): delete the '...' line")),
    (_has("unknown escape"), _escape),
    (_in("alias", "alphabetic or numeric"),
     _fixed("'*' starts an alias, which needs a name: put a value that starts with '*' in "
            "double quotes", at_context=True)),
    (_in("anchor", "alphabetic or numeric"),
     _fixed("'&' starts an anchor, which needs a name: put a value that starts with '&' in "
            "double quotes", at_context=True)),
    (_in("tag", "'>'"),
     _fixed("'!' starts a YAML tag: put a value that starts with '!' in double quotes",
            at_context=True)),
    (_in("directive", "directive"),
     _fixed("'%' at the start of a line starts a YAML directive: put the text in double quotes",
            at_context=True)),
    (_has("node content"), _no_value),
    (_in("block scalar", "indentation indicator", "comment or line break", "comment or a line"),
     _fixed("after '|' or '>' only a comment may follow on the line: the text goes on the "
            "lines below, indented", at_context=True)),
]
