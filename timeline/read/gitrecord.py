"""What git knows of the record: when each event was last edited, and the record at a commit.

The second (for `timeline digest`) is at the end of this module: ``repository``, ``resolve``,
``last_commit_before`` and ``record_at``.

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
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.timeline import Timeline

if TYPE_CHECKING:
    from timeline.load import LoadResult

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


# The record at a revision -------------------------------------------------------------------
#
# `timeline digest` compares the record with what it was at a commit. The files named and
# every *.yaml/*.yml file of that commit's tree are written into a temporary folder laid out as
# the repository is, and read there by the same loader: its includes (globs too) then resolve
# as they did at that commit, and its paths read as the current ones do.

YAML_SUFFIXES = (".yaml", ".yml")


class NoHistory(Exception):
    """No git history to compare with; the message says why, to follow "events not compared: "."""


class BadRevision(Exception):
    """A revision git cannot resolve to a commit; the message names it."""


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime  # committer time, aware

    @property
    def short(self) -> str:
        return self.sha[:12]


@dataclass(frozen=True)
class Repository:
    top: Path  # the work tree's top folder, resolved
    env: Mapping[str, str]

    def run(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return _run(self.top, self.env, *args, stdin=stdin)


def _run(folder: Path, env: Mapping[str, str], *args: str,
         stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
    """``git -C folder ARGS`` with the safe flags of ``git``; OSError if git is not there."""
    safe = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"]
    try:
        return subprocess.run(
            ["git", *safe, "-C", str(folder), *args], capture_output=True, timeout=GIT_TIMEOUT,
            check=False, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
            env=dict(env),
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise OSError(f"git {args[0]} took more than {GIT_TIMEOUT} s") from exc


def repository(folder: Path, env: Mapping[str, str]) -> Repository:
    """The git work tree ``folder`` is in; NoHistory if git is missing or there is none."""
    try:
        done = _run(folder, env, "rev-parse", "--show-toplevel")
    except OSError as exc:
        reason = "git is not installed" if isinstance(exc, FileNotFoundError) else str(exc)
        raise NoHistory(reason) from None
    top = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not top:
        raise NoHistory(f"{folder} is not in a git repository")
    return Repository(Path(top).resolve(), env)


def resolve(repo: Repository, revision: str) -> Commit:
    """The commit ``revision`` names; BadRevision if it names none."""
    if not revision or revision.startswith("-"):  # never an option to git
        raise BadRevision(f"'{revision}' is not a revision")
    done = repo.run("rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{revision}^{{commit}}")  # fmt: skip
    sha = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not sha:
        raise BadRevision(f"'{revision}' names no commit in {repo.top}")
    return _commit(repo, sha)


def last_commit_before(repo: Repository, moment: datetime) -> Commit | None:
    """The last commit of HEAD's history committed before ``moment`` (aware), or None."""
    done = repo.run("rev-list", "-1", f"--before={moment.isoformat(timespec='seconds')}",
                    "HEAD", "--")  # fmt: skip
    sha = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not sha:
        return None
    return _commit(repo, sha)


def _commit(repo: Repository, sha: str) -> Commit:
    done = repo.run("show", "-s", "--format=%H %ct", sha, "--")
    head = done.stdout.decode("ascii", "replace").split()
    if done.returncode != 0 or len(head) != 2 or not head[1].isdigit():
        raise BadRevision(f"'{sha}' names no commit in {repo.top}")
    return Commit(head[0], datetime.fromtimestamp(int(head[1]), timezone.utc))


def record_at(repo: Repository, commit: Commit, paths: list[Path], cwd: Path,
              today: date) -> LoadResult:  # fmt: skip
    """The record as it was at ``commit``: ``paths`` (relative to ``cwd``) read by the loader
    from that commit's tree. A path the commit does not have had no events then.

    A path outside the repository, or one git does not track, raises NoHistory: it has no
    history here.
    """
    from timeline.load import load

    wanted: list[str] = []
    for path in paths:
        try:
            wanted.append((cwd / path).resolve().relative_to(repo.top).as_posix())
        except ValueError:
            raise NoHistory(f"{path} is not in the git repository at {repo.top}") from None
    blobs = _tree_blobs(repo, commit, set(wanted))
    for path, inside in zip(paths, wanted):
        # A file git does not track has no history: its events would all read as added.
        if inside not in blobs and not _tracked(repo, inside):
            raise NoHistory(f"git does not track {path}")
    with tempfile.TemporaryDirectory(prefix="timeline-digest-") as folder:
        root = Path(folder)
        _write_blobs(repo, blobs, root)
        try:
            here = root / cwd.resolve().relative_to(repo.top)
            there = [path for path, inside in zip(paths, wanted) if inside in blobs]
        except ValueError:  # working from outside the repository: paths from its top
            here, there = root, [Path(inside) for inside in wanted if inside in blobs]
        here.mkdir(parents=True, exist_ok=True)
        return load(there, here, today)


def _tracked(repo: Repository, inside: str) -> bool:
    done = repo.run("ls-files", "--error-unmatch", "--full-name", "--", f":(top,literal){inside}")
    return done.returncode == 0


def _tree_blobs(repo: Repository, commit: Commit, wanted: set[str]) -> dict[str, str]:
    """Path -> blob id of the files of ``commit`` to write: ``wanted`` and every YAML file."""
    done = repo.run("ls-tree", "-r", "-z", "--full-tree", commit.sha)
    if done.returncode != 0:
        raise NoHistory(f"git cannot list the files of {commit.short}")
    blobs: dict[str, str] = {}
    for entry in done.stdout.split(b"\0"):
        head, _, name = entry.partition(b"\t")
        fields = head.split()
        if len(fields) != 3 or fields[0] not in (b"100644", b"100755") or fields[1] != b"blob":
            continue  # a folder, a link, a submodule: nothing the loader reads from a commit
        path = name.decode("utf-8", "surrogateescape")
        parts = path.split("/")
        if any(part in ("", ".", "..", ".git") for part in parts):
            continue  # never written outside the temporary folder
        if path in wanted or path.endswith(YAML_SUFFIXES):
            blobs[path] = fields[2].decode("ascii")
    return blobs


def _write_blobs(repo: Repository, blobs: dict[str, str], root: Path) -> None:
    """Write each blob under ``root``, all read by one ``git cat-file --batch``."""
    if not blobs:
        return
    order = list(blobs.items())
    done = repo.run("cat-file", "--batch", stdin="".join(f"{sha}\n" for _, sha in order).encode())
    out, at = done.stdout, 0
    for path, sha in order:
        end = out.find(b"\n", at)
        head = out[at:end].split() if end >= 0 else []
        if len(head) != 3 or head[0].decode("ascii", "replace") != sha or not head[2].isdigit():
            raise NoHistory(f"git cannot read {path} at this commit")
        size = int(head[2])
        body = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # the content is followed by a line feed
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
