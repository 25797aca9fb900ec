"""Writing files so that an interruption never leaves a half-written one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Callable


def write_atomically(
    path: Path, text: str | bytes, check: Callable[[Path], None] | None = None
) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, then rename it over.

    ``check`` gets the temporary file once it is on disk: raising refuses the write, and
    the original stays as it was. A symlink is followed, so the file it points to is
    replaced and the link stays. The original's permissions are kept (a new file gets
    the usual ones), never the temporary file's owner-only mode.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    data = text.encode("utf-8") if isinstance(text, str) else text
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if check is not None:
            check(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    _sync_folder(folder)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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
