"""When each event was last edited, from the git history of the file it is written in.

`git blame --line-porcelain` names, for every line of a file, the commit that last changed it;
an event's last edit is the latest committer time over its lines (from the line it starts on to
the line before the next event of the file). A line not yet committed counts as changed at the
moment given (the export's today), so the answer stays the same at a fixed today and revision.
Git runs with fixed arguments, no shell, and a timeout.

Outside a git work tree, for a file git does not track, or without git, there is no history:
those events are simply absent from the answer. In a shallow clone blame would date every old
line to the clone's oldest commit, so its files are left out too, and named in ``shallow``.
A line deleted from an event leaves no line to blame: such an edit is not seen.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from timeline.timeline import Timeline

GIT_TIMEOUT = 60  # seconds for one git command


@dataclass
class EditTimes:
    """The last edit of each event (by index) that git knows, and the files in shallow clones."""

    times: dict[int, datetime] = field(default_factory=dict)
    shallow: list[str] = field(default_factory=list)


def event_edits(timeline: Timeline, cwd: Path, uncommitted: datetime) -> EditTimes:
    out = EditTimes()
    starts: dict[str, list[tuple[int, int]]] = {}
    for index, where in enumerate(timeline.where):
        starts.setdefault(where.path, []).append((where.line, index))
    for display, events in starts.items():
        path = cwd / display
        if is_shallow(path.parent):
            out.shallow.append(display)
            continue
        lines = line_times(path, uncommitted)
        if lines is None:
            continue
        events.sort()
        for n, (line, index) in enumerate(events):
            end = events[n + 1][0] - 1 if n + 1 < len(events) else len(lines)
            span = lines[line - 1 : max(end, line)]
            if span:
                out.times[index] = max(span)
    return out


def git(folder: Path, *args: str) -> str | None:
    """The output of ``git -C folder ARGS``, or None when git fails or is not there."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, timeout=GIT_TIMEOUT,
            check=False, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def is_shallow(folder: Path) -> bool:
    return (git(folder, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def line_times(path: Path, uncommitted: datetime) -> list[datetime] | None:
    """The time of the commit that last changed each line of ``path``, or None if untracked."""
    text = git(path.parent, "blame", "--line-porcelain", "--", path.name)
    if text is None:
        return None
    times: list[datetime] = []
    committed = True
    for line in text.splitlines():
        if line.startswith("\t"):
            continue
        head = line.split(" ", 1)
        if len(head[0]) == 40 and all(c in "0123456789abcdef" for c in head[0]):
            committed = head[0] != "0" * 40
        elif head[0] == "committer-time" and len(head) == 2:
            when = datetime.fromtimestamp(int(head[1]), timezone.utc)
            times.append(when if committed else uncommitted)
    return times
