"""The command line: the only package that imports typer or prints.

Each command lives in its own module; importing them registers them on ``app``. Command
modules import the heavy parts of the core inside their functions, so start-up stays fast.
"""

from __future__ import annotations

import sys

from timeline.cli.common import app
from timeline.cli import cases as _cases  # noqa: F401  (registers the command)
from timeline.cli import add as _add  # noqa: F401
from timeline.cli import check as _check  # noqa: F401
from timeline.cli import importer as _importer  # noqa: F401
from timeline.cli import deadlines as _deadlines  # noqa: F401
from timeline.cli import export as _export  # noqa: F401
from timeline.cli import holidays as _holidays  # noqa: F401
from timeline.cli import schema as _schema  # noqa: F401
from timeline.cli import show as _show  # noqa: F401


def main() -> None:
    """Run the app; a bug must still end in one readable line, not a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("timeline: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        sys.stderr.write(f"timeline: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(1)
