"""Words every digest format shares: the one-line summary, headings, what each item says.

Pure text, no Rich. The summary is the first line of every format, fit for a mail subject or
an issue title: ``timeline digest: 1 deadline newly passed, 3 passed not recorded as met, ...``.
"""

from __future__ import annotations

from timeline.digest import ADDED, CHANGED, REMOVED, Attention, Digest
from timeline.render.phrases import FLAGGED_UNMET, due_label, plural

PASSED_HEADING = f"Passed, {FLAGGED_UNMET}"


def soon_heading(digest: Digest) -> str:
    return f"Due within {plural(digest.soon, 'day')}"


def summary(digest: Digest) -> str:
    """The one line that says it all, with no text from the file but the revision's name."""
    new = sum(1 for item in digest.passed if item.new)
    passed = len(digest.passed)
    if new:
        deadlines = f"{plural(new, 'deadline')} newly passed, {passed} passed {FLAGGED_UNMET}"
    else:
        deadlines = f"{plural(passed, 'deadline')} passed {FLAGGED_UNMET}"
    deadlines += f", {len(digest.due_soon)} due within {plural(digest.soon, 'day')}"
    return f"timeline digest: {deadlines}; {changes_phrase(digest)}"


def changes_phrase(digest: Digest) -> str:
    """``2 events added, 1 changed, 1 removed since 2025-05-01``, or why none were compared."""
    since = digest.since
    if since is None:
        return f"as of {digest.today.isoformat()}"
    if digest.changes is None:
        return f"events since {since.label} not compared"
    counts = digest.counts
    if not any(counts.values()):
        return f"no events changed since {since.label}"
    return (f"{plural(counts[ADDED], 'event')} added, {counts[CHANGED]} changed, "
            f"{counts[REMOVED]} removed since {since.label}")


def old_problems_line(digest: Digest) -> str | None:
    """What the old record's errors mean for the comparison, or None when it had none."""
    if not digest.old_problems or digest.since is None:
        return None
    return (f"The record at {digest.since.label} had {plural(digest.old_problems, 'error')}: "
            "what could be read of it was compared.")  # fmt: skip


def due_text(item: Attention) -> str:
    state = item.row.state
    assert state is not None
    return f"due {due_label(state.due)}" if state.due is not None else "due date unknown"
