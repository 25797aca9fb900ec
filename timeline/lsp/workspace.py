"""Which files make a document's timeline, and loading them as the editor has them.

A document is checked the way ``timeline check`` checks the file that holds it: if the
nearest ``events.yaml`` (the one ``timeline check`` finds from the document's folder) includes
it, the whole timeline from there; else the document alone. Every file is read from the
editor's text when it is open there (unsaved changes count), else from disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.diagnostics import Diagnostic
from timeline.load import LoadResult, load


@dataclass
class Checked:
    """One load of a document's timeline: where it ran from and what it found."""

    root: Path  # the file loaded first (the document, or the events.yaml including it)
    cwd: Path  # display paths in diagnostics are relative to it, as `check` shows them
    result: LoadResult

    def path_of(self, display: str) -> Path:
        """The absolute path of a file the diagnostics name by its display path."""
        return Path(os.path.normpath(self.cwd / display))

    def by_file(self) -> dict[Path, list[Diagnostic]]:
        """The diagnostics of each file read (an empty list for a file without any)."""
        found: dict[Path, list[Diagnostic]] = {self.path_of(r.path): [] for r in self.result.files}
        found.setdefault(self.root, [])
        for diagnostic in self.result.diagnostics:
            found.setdefault(self.path_of(diagnostic.path), []).append(diagnostic)
        return found


def check_document(document: Path, texts: dict[Path, str], today: date,
                   roots: dict[Path, Path]) -> Checked:
    """Load the timeline ``document`` belongs to; ``texts`` are the open documents' texts.

    ``roots`` remembers, for each document, the root whose timeline it was last found in, so
    that an included file opened alone is still checked with what includes it.
    """
    # surrogatepass: a lone surrogate (no editor sends one) is then "not UTF-8" (T001), no crash
    overrides = {path.resolve(): text.encode("utf-8", "surrogatepass")
                 for path, text in texts.items()}
    candidates = [roots.get(document), _nearest_events_file(document.parent)]
    for root in dict.fromkeys(c for c in candidates if c is not None and c != document):
        checked = _load(root, overrides, today)
        if document in checked.by_file():
            roots[document] = root
            return checked
    roots.pop(document, None)
    return _load(document, overrides, today)


def _load(root: Path, overrides: dict[Path, bytes], today: date) -> Checked:
    cwd = root.parent
    return Checked(root, cwd, load([Path(root.name)], cwd, today, overrides))


def _nearest_events_file(folder: Path) -> Path | None:
    """The ``events.yaml`` that `timeline check` would find from ``folder``, if any."""
    for parent in (folder, *folder.parents):
        candidate = parent / "events.yaml"
        if candidate.is_file():
            return candidate
    return None
