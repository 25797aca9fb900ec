"""Writing files so that an interruption never leaves a half-written one.

The temporary file is named ``.NAME.timeline-PID-RANDOM.tmp`` beside the target: a process
stopped by ``kill -9`` cannot remove its own, and the PID lets a later writer tell a leftover
(its process is gone) from a write still under way (``remove_leftovers``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

KEPT_SUFFIX = ".timeline-new"


class Unwritable(PermissionError):
    """A file timeline will not replace; ``strerror`` says why, to follow "cannot write FILE: ".

    ``kind`` names the reason for the caller's advice: "special" (not a regular file),
    "read-only", "owner" (another user's) or "group" (its group could not be kept).
    """

    def __init__(self, kind: str, reason: str, path: Path) -> None:
        code = errno.EACCES if kind == "read-only" else errno.EPERM
        super().__init__(code, reason, str(path))
        self.kind = kind


class ChangedMeanwhile(Exception):
    """Another program changed the file after it was read; it was left as that program wrote it.

    ``kept`` is where the file this write would have made was kept (None: nothing was written).
    """

    def __init__(self, path: Path, kept: Path | None) -> None:
        super().__init__(f"{path} was changed by another program")
        self.path = path
        self.kept = kept


@dataclass(frozen=True)
class Snapshot:
    """Which file was read (device and inode) and what it held (a digest of its bytes)."""

    device: int
    inode: int
    digest: bytes

    @classmethod
    def of(cls, info: os.stat_result, data: bytes) -> Snapshot:
        return cls(info.st_dev, info.st_ino, hashlib.sha256(data).digest())

    def matches(self, path: Path) -> bool:
        """Is ``path`` still this file, holding the same bytes?"""
        try:
            with open(path, "rb") as stream:
                info = os.fstat(stream.fileno())
                if (info.st_dev, info.st_ino) != (self.device, self.inode):
                    return False
                return hashlib.sha256(stream.read()).digest() == self.digest
        except FileNotFoundError:
            return False


class Unreadable(OSError):
    """The file to rewrite could not be read: ``filename`` is its name as shown to the user."""


def read_for_rewrite(path: Path, name: str) -> tuple[bytes, Snapshot]:
    """The bytes of ``path`` and a Snapshot of them, from one open file; Unreadable if not."""
    try:
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            data = stream.read()
    except OSError as exc:
        raise Unreadable(exc.errno, exc.strerror or str(exc), name) from exc
    return data, Snapshot.of(info, data)


def write_atomically(
    path: Path,
    text: str | bytes,
    check: Callable[[Path], None] | None = None,
    expect: Snapshot | None = None,
    name: str | None = None,
) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, then rename it over.

    ``check`` gets the temporary file once it is on disk: raising refuses the write, and
    the original stays as it was. ``expect`` is the file as it was read: if another program
    has changed it since, ChangedMeanwhile is raised and the would-be file is kept beside it
    as ``NAME.timeline-new`` (or ``-2``, ``-3``...). A symlink is followed, so the file it
    points to is replaced and the link stays. The original's owner, group and permissions are
    kept (a new file gets the usual ones); a file that cannot be written, or whose owner could
    not be kept, is refused (Unwritable). Every OSError names the file as ``name`` (default: ``path`` as given).
    """
    shown = name if name is not None else str(path)
    try:
        _write(path, text, check, expect, Path(shown))
    except OSError as exc:
        if exc.filename == shown:
            raise
        raise type(exc)(exc.errno, exc.strerror or str(exc), shown) from exc


def build_atomically(path: Path, build: Callable[[Path], None], name: str | None = None) -> None:
    """Have ``build`` write a temporary file beside ``path`` (a database, say), then rename it.

    The temporary file exists, empty, when ``build`` gets it; everything else is as in
    ``write_atomically``.
    """
    shown = name if name is not None else str(path)
    try:
        _write(path, build, None, None, Path(shown))
    except OSError as exc:
        if exc.filename == shown:
            raise
        raise type(exc)(exc.errno, exc.strerror or str(exc), shown) from exc


def _write(
    path: Path,
    text: str | bytes | Callable[[Path], None],
    check: Callable[[Path], None] | None,
    expect: Snapshot | None,
    shown: Path,
) -> None:
    target = Path(os.path.realpath(path))
    folder = target.parent
    original = _writable(target, shown)
    descriptor, temporary = _create_temporary(target)
    try:
        try:
            if callable(text):
                text(temporary)
            else:
                _write_all(descriptor, text.encode("utf-8") if isinstance(text, str) else text)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        _keep_owner_and_mode(temporary, original, shown)
        if check is not None:
            check(temporary)
        if expect is not None and not expect.matches(target):
            raise ChangedMeanwhile(target, _keep_beside(temporary, target))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    _sync_folder(folder)


def _keep_beside(temporary: Path, target: Path) -> Path:
    """Rename ``temporary`` to ``NAME.timeline-new`` (``-2``, ``-3``... if taken): an earlier
    one the user has not merged yet is never overwritten."""
    number = 1
    while True:
        suffix = KEPT_SUFFIX if number == 1 else f"{KEPT_SUFFIX}-{number}"
        kept = target.with_name(target.name + suffix)
        try:
            os.link(temporary, kept)  # fails if ``kept`` exists, where a rename would replace it
        except FileExistsError:
            number += 1
            continue
        except OSError:  # a file system without hard links
            if os.path.lexists(kept):
                number += 1
                continue
            os.replace(temporary, kept)
            return kept
        os.unlink(temporary)
        return kept


def _writable(target: Path, given: Path) -> os.stat_result | None:
    """The target's status, or None for a new file; Unwritable if it must not be replaced.

    Root may write anything, so a file without a single write bit is refused as read-only
    whoever runs (as git and editors warn); a device or a fifo is never replaced by a file.
    """
    try:
        info = target.stat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise Unwritable("special", "it is not a regular file", given)
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK, effective_ids=_effective()):
        raise Unwritable("read-only", f"it is read-only (mode {mode:04o})", given)
    user = os.geteuid() if hasattr(os, "geteuid") else 0  # no owners to keep without it
    if user != 0 and info.st_uid != user:
        raise Unwritable("owner", f"it belongs to another user (uid {info.st_uid}), and "
                         "replacing it would make it yours", given)  # fmt: skip
    return info


def _effective() -> bool:
    return os.access in os.supports_effective_ids


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new file ``.NAME.timeline-PID-RANDOM.tmp`` beside ``target``, open for writing."""
    while True:
        name = f".{target.name}.timeline-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        temporary = target.with_name(name)
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _keep_owner_and_mode(temporary: Path, original: os.stat_result | None, given: Path) -> None:
    if original is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) != (original.st_uid, original.st_gid):
        try:
            os.chown(temporary, original.st_uid, original.st_gid)
        except PermissionError:  # a group its owner is not in any more
            raise Unwritable("group", f"its group (gid {original.st_gid}) could not be kept",
                             given) from None  # fmt: skip
    os.chmod(temporary, stat.S_IMODE(original.st_mode))  # after chown, which clears set-id bits


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the temporary files of writes to ``target`` whose process is gone (``kill -9``).

    Only names of the form this module makes, for this file, whose PID no longer runs; a
    write still under way, or a PID this process may not signal, is left alone.
    """
    target = Path(os.path.realpath(target))
    pattern = re.compile(rf"\.{re.escape(target.name)}\.timeline-(\d+)-[0-9a-f]+\.tmp")
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match is None or not _gone(int(match.group(1))):
            continue
        try:
            os.unlink(target.parent / name)
        except FileNotFoundError:
            continue
        removed.append(target.parent / name)
    return removed


def _gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False  # alive as another user, or not a PID we can ask about
    return False


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot, and that is no error."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
