"""Computed due dates (``due: {after: ID, days: N}``): filled in by the Rule 6(a) work."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.deadlines import Due
    from timeline.timeline import Timeline


def computed_dues(timeline: Timeline, fixed: dict[int, Due]) -> dict[int, Due]:
    return {}
