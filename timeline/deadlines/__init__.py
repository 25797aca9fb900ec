"""Deadlines: when each falls due, counted by its court's rules, and its status as of a day.

Modules, lowest first (each imports only those above it, so there is no cycle):

- ``jurisdictions``: the jurisdictions a case may name (data; the model validates with it)
- ``due``: ``Due``, a deadline's due moment with its explanation
- ``fixed``: the due moments of deadlines written with ``date:``
- ``calendar``: legal holidays and closures (the ``holidays`` package is imported here only)
- ``counting``: computed due dates (``due: {after: ID, days: N}``)
- ``status``: every deadline's status as of a given day

This file imports nothing at import time, so that the model can read the data modules without
a cycle; the names the single module had are still found here, on first use.
"""

from typing import Any

# The names importers used when this was one module (``from timeline.deadlines import Due``),
# resolved on first use so that importing the package itself still imports nothing.
_MOVED = {
    "Due": "due", "has_seconds": "due", "fixed_due": "fixed", "fixed_dues": "fixed",
    "STATUS_ORDER": "status", "FLAGGED": "status", "DeadlineState": "status",
    "TodayFor": "status", "deadline_states": "status", "due_moments": "status",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline.deadlines' has no attribute '{name}'")
    from importlib import import_module

    return getattr(import_module(f"timeline.deadlines.{module}"), name)
