"""One registry of renderers, each ``render(view) -> str``, imported only when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the model (pydantic) loads with the first view, not with the CLI's help
    from timeline.deadlines.status import DeadlineState
    from timeline.query import Filters, Row
    from timeline.timeline import Timeline


def _no_filters() -> Filters:
    from timeline.query import Filters

    return Filters()


@dataclass(frozen=True)
class View:
    """What every renderer receives: the record, the selected rows, and the day it is."""

    timeline: Timeline
    rows: list[Row]
    today: date
    soon: int = 7
    filters: Filters = field(default_factory=_no_filters)
    # When each event (by index) was last edited, where its file's git history says so.
    edits: dict[int, datetime] = field(default_factory=dict)
    # The page's heading where the user gave one (html, markdown), else each format's own.
    title: str | None = None
    # How the html and markdown exports write dates: "long" (May 7, 2025) or "iso" (2025-05-07).
    date_style: str = "long"
    # Every deadline's state by event index, selected or not (None: not computed), for an
    # export that keeps what the selected rows refer to.
    states: dict[int, DeadlineState] | None = None


Renderer = Callable[[View], str]

# Format name -> module holding its `render`. Modules load lazily to keep start-up fast.
RENDERERS: dict[str, str] = {
    "markdown": "timeline.render.markdown",
    "json": "timeline.render.json_",
    "csv": "timeline.render.csv_",
    "ics": "timeline.render.ics",
    "html": "timeline.render.html",
    "timelinejs": "timeline.render.timelinejs",
    "atom": "timeline.render.atom",
    "sqlite": "timeline.render.sqlite",
}
ALIASES: dict[str, str] = {"md": "markdown"}


def renderer(name: str) -> Renderer:
    module = importlib.import_module(RENDERERS[ALIASES.get(name, name)])
    render: Renderer = module.render
    return render


def writes_file(name: str) -> bool:
    """Whether the format is a file that only ``-o`` can take (a database), not text."""
    module = importlib.import_module(RENDERERS[ALIASES.get(name, name)])
    return bool(getattr(module, "WRITES_FILE", False))


def notes(name: str, view: View) -> list[str]:
    """What a renderer has to tell the user beside its output, such as events it left out.

    A renderer module may define ``notes(view) -> list[str]``; the CLI prints them on stderr.
    """
    module = importlib.import_module(RENDERERS[ALIASES.get(name, name)])
    say: Callable[[View], list[str]] | None = getattr(module, "notes", None)
    return list(say(view)) if say is not None else []
