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
from collections.abc import Mapping
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


def event_edits(
    timeline: Timeline, cwd: Path, uncommitted: datetime, env: Mapping[str, str]
) -> EditTimes:
    """``env`` is the environment git runs in (the CLI passes its own, less GIT_* variables)."""
    out = EditTimes()
    starts: dict[str, list[tuple[int, int]]] = {}
    for index, where in enumerate(timeline.where):
        starts.setdefault(where.path, []).append((where.line, index))
    for display, events in starts.items():
        path = cwd / display
        if is_shallow(path.parent, env):
            out.shallow.append(display)
            continue
        blamed = line_times(path, uncommitted, env)
        if blamed is None:
            continue
        lines = [when for when, _text in blamed]
        events.sort()
        for n, (line, index) in enumerate(events):
            end = events[n + 1][0] - 1 if n + 1 < len(events) else _events_end(blamed, line)
            span = lines[line - 1 : max(end, line)]
            if span:
                out.times[index] = max(span)
    return out


def _events_end(blamed: list[tuple[datetime, str]], start: int) -> int:
    """The last line of the file's last event: the line before the next top-level key (a
    ``cases:`` written after ``events:`` is no part of it), else the file's last line."""
    for number in range(start, len(blamed)):
        text = blamed[number][1]
        if text[:1] not in ("", " ", "\t", "-", "#"):
            return number
    return len(blamed)


def git(folder: Path, env: Mapping[str, str], *args: str) -> str | None:
    """The output of ``git -C folder ARGS``, or None when git fails or is not there."""
    # The folder's own .git/config must not run a program: no fsmonitor, no hooks, no textconv
    # (blame passes --no-textconv).
    safe = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"]
    try:
        done = subprocess.run(
            ["git", *safe, "-C", str(folder), *args], capture_output=True, timeout=GIT_TIMEOUT,
            check=False, stdin=subprocess.DEVNULL, env=dict(env),
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def is_shallow(folder: Path, env: Mapping[str, str]) -> bool:
    return (git(folder, env, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def line_times(
    path: Path, uncommitted: datetime, env: Mapping[str, str]
) -> list[tuple[datetime, str]] | None:
    """For each line of ``path``, the time of the commit that last changed it and the line's
    text; None if git does not track the file."""
    text = git(path.parent, env, "blame", "--line-porcelain", "--no-textconv", "--", path.name)
    if text is None:
        return None
    lines: list[tuple[datetime, str]] = []
    committed = True
    when = uncommitted
    # Split on LF alone: the file's text (after a tab) may hold U+2028 or other characters
    # that str.splitlines() breaks on, and must never read as a header line.
    for line in text.split("\n"):
        if line.startswith("\t"):
            lines.append((when if committed else uncommitted, line[1:]))
            continue
        head = line.split(" ", 1)
        if len(head[0]) == 40 and all(c in "0123456789abcdef" for c in head[0]):
            committed = head[0] != "0" * 40
        elif head[0] == "committer-time" and len(head) == 2 and head[1].isdigit():
            when = datetime.fromtimestamp(int(head[1]), timezone.utc)
    return lines
