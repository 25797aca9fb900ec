"""The console script: answer a lone ``--version`` before the CLI framework loads.

Importing Typer (and Click within it) costs most of a bare run's start-up; printing the version
needs none of it. Any other command line goes to the app in ``timeline.cli``.
"""

from __future__ import annotations

import signal
import sys


def main() -> None:
    """Run ``timeline`` with ``sys.argv``."""
    if sys.argv[1:] == ["--version"]:
        from timeline import __version__

        if hasattr(signal, "SIGPIPE"):  # as the app does: a reader that left is no error
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)

        # The same line as the app's own --version (timeline.cli.common), which --help lists.
        try:
            sys.stdout.write(f"timeline {__version__}\n")
            sys.stdout.flush()
        except OSError as exc:  # `> /dev/full`: one line and exit 4, as the app says it
            sys.stderr.write(f"timeline: error: cannot write the output: {exc.strerror}\n")
            sys.exit(4)
        return
    from timeline.cli import main as run_app

    run_app()
