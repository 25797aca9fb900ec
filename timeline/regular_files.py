"""Only regular files are read as events files, and an include's glob expands within bounds.

A FIFO blocks a read until something writes to it, a device such as /dev/zero never ends,
opening some devices does something (a tape rewinds), and the files under /proc and /sys look
regular but are the kernel's (/proc/kmsg blocks for ever). None of them is read. The check is
made twice: ``stat`` before opening, so that a device is never even opened, then ``fstat`` of
what was opened, without blocking, so that a FIFO put in the file's place in between cannot
block the read either.

A glob is expanded lazily and stops early: past ``MAX_MATCHES`` files, or after looking at
``MAX_LOOKED_AT`` names, it is refused rather than finished (``include: ["/**/*"]`` would read
every file on the machine); it never looks inside /proc or /sys. ``**`` matches like ``*``,
the names of one folder, as ``glob.glob`` does without ``recursive``.
"""

from __future__ import annotations

import errno
import fnmatch
import glob
import os
import stat
from pathlib import Path
from typing import Iterator

MAX_MATCHES = 10_000  # a tracker may keep a file per case: thousands, not millions
MAX_LOOKED_AT = 100_000  # names a glob may look at, matching or not: well under a second
SYSTEM_FOLDERS = ("/proc", "/sys")

# Opened without blocking (a FIFO), without becoming the controlling terminal (a tty).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))  # fmt: skip


class NotRegular(OSError):
    """A path that is there but is not a regular file; ``strerror`` says what it is."""

    def __init__(self, what: str) -> None:
        super().__init__(errno.EINVAL, f"{what}: only regular files are read")


class TooMany(Exception):
    """A glob that matches, or looks through, more than it may; the message says which."""


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def system_folder(path: str | Path) -> str | None:
    """/proc or /sys if ``path`` (its symbolic links followed) is inside one, else None."""
    real = os.path.realpath(path)
    for folder in SYSTEM_FOLDERS:
        if real == folder or real.startswith(folder + "/"):
            return folder
    return None


def refusal(path: str | Path) -> str | None:
    """Why the file at ``path`` is not read, or None for a regular file to read.

    Raises OSError (FileNotFoundError...) when there is nothing at ``path`` to look at.
    """
    what = kind_of(os.stat(path).st_mode)
    if what is not None:
        return what
    folder = system_folder(path)
    return f"a system file under {folder}" if folder else None


def read_regular(path: str | Path) -> bytes:
    """The bytes of the regular file at ``path``; NotRegular (an OSError) for anything else."""
    what = refusal(path)
    if what is not None:
        raise NotRegular(what)
    with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as stream:
        what = kind_of(os.fstat(stream.fileno()).st_mode)
        if what is not None:  # replaced since the stat above: a FIFO opened, not read
            raise NotRegular(what)
        return stream.read()


def expand(pattern: str) -> list[str]:
    """The sorted paths (folders left out) that the absolute glob ``pattern`` matches.

    Raises TooMany past MAX_MATCHES files, after MAX_LOOKED_AT names, or for a pattern whose
    first wildcard picks folders of the root folder (``/*/x``, ``/**/*``): that looks through
    the whole file system.
    """
    head, *parts = _split(pattern)
    if len(parts) > 1 and glob.has_magic(parts[0]) and os.path.dirname(head) == head:
        raise TooMany("starts at the root of the file system: start it from a folder")
    budget = [MAX_LOOKED_AT]
    found: list[str] = []
    for path in _walk(head, parts, budget):
        if os.path.isdir(path):
            continue  # a folder a glob matches is not one of the files it means
        found.append(path)
        if len(found) > MAX_MATCHES:
            raise TooMany(f"matches more than {MAX_MATCHES:,} files: narrow the pattern")
    return sorted(found)


def _split(pattern: str) -> list[str]:
    """The folder the pattern starts from (its part without wildcards), then its other parts."""
    drive, rest = os.path.splitdrive(pattern)
    root = rest[: len(rest) - len(rest.lstrip("/" + os.sep))]
    parts = [part for part in rest[len(root):].replace(os.sep, "/").split("/") if part]
    head = drive + root
    while len(parts) > 1 and not glob.has_magic(parts[0]):
        head = os.path.join(head, parts.pop(0))
    return [head, *parts]


def _walk(folder: str, parts: list[str], budget: list[int]) -> Iterator[str]:
    """The paths under ``folder`` that match ``parts``, one folder level a part, lazily."""
    if not parts:
        yield folder
        return
    part, rest = parts[0], parts[1:]
    if not glob.has_magic(part):
        path = os.path.join(folder, part)
        if rest:
            yield from _walk(path, rest, budget)
        elif os.path.lexists(path):
            yield path
        return
    if system_folder(folder):
        return
    try:
        entries = os.scandir(folder)
    except OSError:
        return  # not a folder, or not one we may list: nothing matches there
    with entries:
        for entry in entries:
            budget[0] -= 1
            if budget[0] < 0:
                raise TooMany(f"looks through more than {MAX_LOOKED_AT:,} names: narrow the"
                              " pattern")  # fmt: skip
            if entry.name.startswith(".") and not part.startswith("."):
                continue  # as glob: a wildcard does not match hidden names
            if not fnmatch.fnmatch(entry.name, part):
                continue
            if not rest:
                yield entry.path
            elif _is_folder(entry):
                yield from _walk(entry.path, rest, budget)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
