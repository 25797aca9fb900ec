"""The command line: the only package that imports typer or prints.

Each command lives in its own module; importing them registers them on ``app``. Command
modules import the heavy parts of the core inside their functions, so start-up stays fast.
"""

from __future__ import annotations

import os
import signal
import sys

from timeline.cli.common import Stopped, app
from timeline.cli import cases as _cases  # noqa: F401  (registers the command)
from timeline.cli import add as _add  # noqa: F401
from timeline.cli import check as _check  # noqa: F401
from timeline.cli import importer as _importer  # noqa: F401
from timeline.cli import init as _init  # noqa: F401
from timeline.cli import mark as _mark  # noqa: F401
from timeline.cli import lsp as _lsp  # noqa: F401
from timeline.cli import deadlines as _deadlines  # noqa: F401
from timeline.cli import digest as _digest  # noqa: F401
from timeline.cli import export as _export  # noqa: F401
from timeline.cli import holidays as _holidays  # noqa: F401
from timeline.cli import rules as _rules  # noqa: F401
from timeline.cli import schema as _schema  # noqa: F401
from timeline.cli import show as _show  # noqa: F401


def main() -> None:
    """Run the app; a bug must still end in one readable line, not a traceback."""
    if hasattr(signal, "SIGPIPE"):
        # `timeline show | head`: end quietly when the reader leaves, as Unix tools do.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    code: int = 0
    try:
        app()
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    except KeyboardInterrupt:
        sys.stderr.write("timeline: interrupted\n")
        code = 130
    except Stopped as stopped:  # SIGTERM or SIGHUP during a write, cleaned up as Ctrl-C is
        sys.stderr.write(f"timeline: stopped by {signal.Signals(stopped.signum).name}\n")
        code = 128 + stopped.signum
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        from timeline.visible import visible

        sys.stderr.write(f"timeline: internal error: {type(exc).__name__}: {visible(str(exc))}\n")
        code = 1
    _exit_now(code)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def _exit_now(code: int) -> None:
    """Flush and leave without tearing down the heap.

    A big file leaves millions of objects that the interpreter would free one by one at exit
    (a third of a second for 100,000 events); the process ends anyway, so skip that.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `timeline show | head`: the reader left; that is not an error
        pass
    except ValueError:  # `timeline lsp`: the server closed stdout when the editor said exit
        pass
    os._exit(code)
