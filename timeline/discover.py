"""Find the events files: the ones named, else TIMELINE_FILE, else the nearest events.yaml."""

from __future__ import annotations

import os
from pathlib import Path

from timeline.regular_files import MAX_MATCHES, refusal


class DiscoveryError(Exception):
    """No events file could be found where the user pointed or where we looked."""


class UnreadableFile(DiscoveryError):
    """An events file that is there but is not a regular file (a FIFO, a device, /proc...)."""


def _readable(path: Path, name: str) -> bool:
    """Whether ``path`` is a file to read; UnreadableFile if it is there but is no regular file."""
    try:
        what = refusal(path)
    except FileNotFoundError:
        return False
    except OSError as exc:  # there, but not to be read: a symlink loop, no permission...
        raise UnreadableFile(f"cannot read {name}: {exc.strerror or exc}") from None
    if what == "a folder":
        return False
    if what is not None:
        raise UnreadableFile(f"cannot read {name}: {what}: only regular files are read")
    return True


def _folder(path: Path, name: str) -> list[Path]:
    """The *.yaml and *.yml files of a folder (its subfolders left out), at most MAX_MATCHES."""
    inside: list[Path] = []
    with os.scandir(path) as entries:  # lazily: a huge folder is refused, not listed whole
        for entry in entries:
            if Path(entry.name).suffix not in (".yaml", ".yml"):
                continue
            if _readable(Path(entry.path), os.path.join(name, entry.name)):
                inside.append(Path(name) / entry.name)
                if len(inside) > MAX_MATCHES:
                    raise DiscoveryError(f"more than {MAX_MATCHES:,} *.yaml or *.yml files in"
                                         f" directory {name}: name fewer")  # fmt: skip
    return sorted(inside)


def discover(files: list[str], env_file: str | None, cwd: Path) -> list[Path]:
    """Resolve ``-f`` options, else ``TIMELINE_FILE``, else the nearest ``events.yaml``."""
    wanted = files or ([env_file] if env_file else [])
    if wanted:
        found: list[Path] = []
        for name in wanted:
            path = cwd / name
            if path.is_dir():
                inside = _folder(path, name)
                if not inside:
                    raise DiscoveryError(f"no *.yaml or *.yml file in directory {name}")
                found.extend(inside)
            elif _readable(path, name):
                found.append(Path(name))
            else:
                raise DiscoveryError(f"no such file: {name}")
        return found
    looked: list[str] = []
    for folder in (cwd, *cwd.parents):
        candidate = folder / "events.yaml"
        if _readable(candidate, os.path.relpath(candidate, cwd)):
            return [Path(os.path.relpath(candidate, cwd)) if folder != cwd else Path("events.yaml")]
        looked.append(str(folder))
    raise DiscoveryError(
        "no events.yaml in "
        + (looked[0] if len(looked) == 1 else f"{looked[0]} or any parent folder")
        + "; name one with -f FILE or TIMELINE_FILE, or run 'timeline init' to start one"
    )
