"""Find the events files: the ones named, else TIMELINE_FILE, else the nearest events.yaml."""

from __future__ import annotations

import os
from pathlib import Path


class DiscoveryError(Exception):
    """No events file could be found where the user pointed or where we looked."""


def discover(files: list[str], env_file: str | None, cwd: Path) -> list[Path]:
    """Resolve ``-f`` options, else ``TIMELINE_FILE``, else the nearest ``events.yaml``."""
    wanted = files or ([env_file] if env_file else [])
    if wanted:
        found: list[Path] = []
        for name in wanted:
            path = cwd / name
            if path.is_dir():
                inside = sorted(
                    p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
                )
                if not inside:
                    raise DiscoveryError(f"no *.yaml or *.yml file in directory {name}")
                found.extend(Path(name) / p.name for p in inside)
            elif path.is_file():
                found.append(Path(name))
            else:
                raise DiscoveryError(f"no such file: {name}")
        return found
    looked: list[str] = []
    for folder in (cwd, *cwd.parents):
        candidate = folder / "events.yaml"
        if candidate.is_file():
            return [Path(os.path.relpath(candidate, cwd)) if folder != cwd else Path("events.yaml")]
        looked.append(str(folder))
    raise DiscoveryError(
        "no events.yaml in "
        + (looked[0] if len(looked) == 1 else f"{looked[0]} or any parent folder")
        + "; name one with -f FILE or TIMELINE_FILE"
    )
