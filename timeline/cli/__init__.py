"""The command line: the only package that imports typer or prints.

Each command lives in its own module; importing it registers it on the app. A run imports only
the module of the command it names (``timeline show ...`` never imports ``export``'s or
``lsp``'s module, nor builds their options), so start-up pays for one command; ``--help``, a
mistyped name and shell completion load them all. Command modules import the heavy parts of
the core inside their functions, so start-up stays fast.
"""

from __future__ import annotations

import os
import signal
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

if TYPE_CHECKING:
    import typer

# Each command's name and its module, in the order `timeline --help` lists them (sub-apps such
# as `import` come after the commands whatever their place here).
COMMANDS: dict[str, str] = {
    "cases": "cases", "add": "add", "check": "check", "import": "importer", "init": "init",
    "mark": "mark", "lsp": "lsp", "deadlines": "deadlines", "digest": "digest",
    "export": "export", "holidays": "holidays", "rules": "rules", "schema": "schema",
    "show": "show",
}  # fmt: skip
_ORDER = {name: place for place, name in enumerate(COMMANDS)}


def load_commands(names: Optional[Sequence[str]] = None) -> "typer.Typer":
    """The app with the commands ``names`` registered (every command when None)."""
    from timeline.cli.common import app

    for name in COMMANDS if names is None else names:
        import_module(f"timeline.cli.{COMMANDS[name]}")
    if names is None:
        # A module imported earlier on its own (a test, or mark importing add) registered its
        # command first: --help lists them in COMMANDS' order all the same.
        app.registered_commands.sort(key=lambda info: _ORDER.get(_command_name(info), 0))
    return app


def _command_name(info) -> str:  # type: ignore[no-untyped-def]
    return info.name or info.callback.__name__.replace("_", "-")


def commands_for(args: Sequence[str], environ: Mapping[str, str]) -> Optional[list[str]]:
    """The commands a command line needs: the one it names first, else (None) all of them."""
    if "_TIMELINE_COMPLETE" in environ:  # the shell asks for completions: any command may match
        return None
    if args and args[0] in COMMANDS:
        return [args[0]]
    return None  # --help, no arguments, a root option or a mistyped name


def __getattr__(name: str) -> object:
    """``timeline.cli.app``: the app with every command (tests and embedders import it)."""
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Run the app on ``sys.argv`` and leave with its exit code."""
    from timeline.cli.common import hold_until_exit

    hold_until_exit()  # what the command loaded is never freed: _exit_now ends the process
    _exit_now(run())


def run() -> int:
    """Run the app on ``sys.argv``, loading only the commands it names; the exit code.

    A bug must still end in one readable line, not a traceback.
    """
    from timeline.cli.common import Stopped

    # Pydantic looks for plugins (through every installed package's entry points) when the
    # first model class is built; the model is the CLI's own, which no plugin is meant for.
    # A user's own setting stays.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    app = load_commands(commands_for(sys.argv[1:], os.environ))
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
    except OSError as exc:
        # The commands map their own files' failures; what reaches here is the output itself
        # (stdout to a full disk, a closed terminal).
        code = _cannot_write_output(exc)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        from timeline.visible import visible

        sys.stderr.write(f"timeline: internal error: {type(exc).__name__}: {visible(str(exc))}\n")
        code = 1
    return code


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
    except BrokenPipeError:  # `timeline show | head`: the reader left; that is not an error
        pass
    except ValueError:  # `timeline lsp`: the server closed stdout when the editor said exit
        pass
    except OSError as exc:  # what was printed did not all reach a full disk
        failed = _cannot_write_output(exc)
        code = min(code, failed) if code else failed  # the lowest code wins (README)
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _cannot_write_output(exc: OSError) -> int:
    """One line on stderr, and 4 (EXIT_IO, not imported: this runs after everything else)."""
    try:
        sys.stderr.write(f"timeline: error: cannot write the output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return 4
