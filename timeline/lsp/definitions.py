"""Go to definition and find references, for the ids of cases, people, sources, events and
kinds: where each is defined, and every place that cites it, across the timeline's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from timeline.lsp.index import Occurrence, TimelineIndex


def _at(index: TimelineIndex, path: Path, line: int, col: int) -> Occurrence | None:
    file_index = index.files.get(path)
    return file_index.at(line, col) if file_index is not None else None


def definition(index: TimelineIndex, path: Path, line: int,
               col: int) -> list[tuple[Any, Occurrence]]:
    """Where the id at ``line``:``col`` (1-based) is defined; none for a built-in kind."""
    found = _at(index, path, line, col)
    return [] if found is None else index.definitions(found.section, found.ident)


def references(index: TimelineIndex, path: Path, line: int, col: int,
               declaration: bool) -> list[tuple[Any, Occurrence]]:
    """Every place the id at ``line``:``col`` is cited (and defined, with ``declaration``)."""
    found = _at(index, path, line, col)
    if found is None:
        return []
    cited = index.references(found.section, found.ident)
    return [*index.definitions(found.section, found.ident), *cited] if declaration else cited
