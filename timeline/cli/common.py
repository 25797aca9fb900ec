"""What every command shares: the app, common options, loading, printing diagnostics.

One place maps outcomes to exit codes (SPEC section 3): 0 success, 1 the file has errors (or
warnings with --strict), 2 usage errors, 3 deadlines need attention (--fail-on), 4 a file could
not be read or written (disk full, permission, changed under the lock, a download that failed).
When several apply, the lowest non-zero code wins.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Iterator, NoReturn, Optional

import typer

from timeline import __version__
from timeline.cli import completion

if TYPE_CHECKING:
    from timeline.deadlines.status import TodayFor
    from timeline.diagnostics import Diagnostic
    from timeline.load import LoadResult
    from timeline.query import Filters
    from timeline.render import View

EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE, EXIT_ATTENTION, EXIT_IO = 0, 1, 2, 3, 4


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"timeline {__version__}\n")
        raise typer.Exit(EXIT_OK)


def _argument_type(self, ctx):  # type: ignore[no-untyped-def]
    """An argument's metavar says what it is; Typer would add its Python type (<list[str]>)."""
    return None if self.metavar is not None else typer.core.TyperArgument.display_type(self, ctx)


typer.core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]


def _skip_coercion_of_nothing(parameter_class):  # type: ignore[no-untyped-def]
    """An option not given (None) is passed on as Typer would, without coercing it.

    Typer coerces every parameter's value, given or not, through a pydantic adapter it builds
    for the parameter's type; for None the result is always None (or () for a repeatable one),
    but building the adapter imports pydantic, a fifth of `timeline rules`' run. Where the
    class differs from the one this was written for (Typer 0.29), Typer's own way stays.
    """
    original = getattr(parameter_class, "process_value", None)
    if original is None or not hasattr(parameter_class, "get_runtime_param"):
        return

    def process_value(self, ctx, value):  # type: ignore[no-untyped-def]
        if value is not None:
            return original(self, ctx, value)
        value = () if self.multiple or self.nargs == -1 else None
        if self.required and self.value_is_missing(value):
            raise typer.core._click.exceptions.MissingParameter(ctx=ctx, param=self)
        return value if self.callback is None else self.callback(ctx, self, value)

    parameter_class.process_value = process_value


_skip_coercion_of_nothing(getattr(typer.core, "_TyperParameter", None))

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")

# What a command loaded and built, held until the process ends, once the `timeline` program
# leaves without tearing down its heap (timeline.cli.main): dropped when the command returns,
# the trees, models and rows of 100,000 events were freed one by one, a quarter of a second of
# `export`'s run, just before the process ended anyway. None when the app runs in a process
# that goes on (tests, CliRunner): there nothing is held.
_held: list[object] | None = None


def hold_until_exit() -> None:
    """From now on ``keep_until_exit`` holds what it is given (the process ends with _exit)."""
    global _held
    _held = []


def keep_until_exit(*objects: object) -> None:
    if _held is not None:
        _held.extend(objects)


def _completion(install: bool):  # type: ignore[no-untyped-def]
    """``--show-completion SHELL`` prints SHELL's script (Typer's own prints the running shell's,
    whatever is named); ``--install-completion SHELL`` installs it."""

    def callback(ctx: typer.Context, value: Optional[str]) -> None:
        if value is None or ctx.resilient_parsing:
            return
        if value not in SHELLS:
            usage_error(f"unknown shell '{value}': one of: {', '.join(SHELLS)}")
        from typer import _completion_shared as shared

        if install:
            shell, path = shared.install(shell=value, prog_name="timeline",
                                         complete_var="_TIMELINE_COMPLETE")  # fmt: skip
            sys.stdout.write(f"{shell} completion installed in {path}; restart the shell\n")
        else:
            sys.stdout.write(shared.get_completion_script(
                prog_name="timeline", complete_var="_TIMELINE_COMPLETE", shell=value) + "\n")
        raise typer.Exit(EXIT_OK)

    return callback


# Typer registers its shells' completion classes only with its own completion options.
typer.completion.completion_init()

app = typer.Typer(
    epilog="\b\nExample:\n  timeline check events.yaml && timeline show events.yaml",
    name="timeline",
    help="Validate, read and publish court-case timelines kept in a YAML file.",
    no_args_is_help=True,
    add_completion=False,  # _root has its own, which take the shell by name
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},  # subcommands inherit it
)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    show_completion: Annotated[Optional[str], typer.Option(
        "--show-completion", metavar="SHELL", callback=_completion(install=False), is_eager=True,
        expose_value=False, help=f"Print the completion script of SHELL ({', '.join(SHELLS)}).",
        autocompletion=lambda incomplete: [s for s in SHELLS if s.startswith(incomplete)])] = None,
    install_completion: Annotated[Optional[str], typer.Option(
        "--install-completion", metavar="SHELL", callback=_completion(install=True),
        is_eager=True, expose_value=False, help="Install completion for SHELL.")] = None,
) -> None:
    """Validate, read and publish court-case timelines kept in a YAML file."""


# Options shared by the commands that read the file -----------------------------------------

FileOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--file", "-f", metavar="PATH",
        help="Events file or folder (repeatable). Default: $TIMELINE_FILE, else the nearest "
        "events.yaml up from here.",
    ),
]  # fmt: skip
PathsArgument = Annotated[
    Optional[list[str]],
    typer.Argument(metavar="PATH", show_default=False,
                   help="Events files or folders (like -f)."),
]
TodayOption = Annotated[
    Optional[str],
    typer.Option("--today", metavar="DATE",
                 help="Compute statuses as of this day (default: today in each case's timezone)."),
]  # fmt: skip
SoonOption = Annotated[
    int, typer.Option("--soon", min=0, metavar="N", help="Days ahead that count as due soon.")
]
CaseOption = Annotated[
    Optional[list[str]],
    typer.Option("--case", "-c", metavar="ID", autocompletion=completion.case_ids,
                 help="Only these cases."),
]
KindOption = Annotated[
    Optional[list[str]],
    typer.Option("--kind", "-k", metavar="KIND", autocompletion=completion.kind_ids,
                 help="Only these kinds."),
]
PersonOption = Annotated[
    Optional[list[str]],
    typer.Option("--person", "-p", metavar="ID", autocompletion=completion.person_ids,
                 help="Only events naming these people."),
]
TagOption = Annotated[
    Optional[list[str]], typer.Option("--tag", "-t", metavar="TAG", help="Only these tags.")
]
SinceOption = Annotated[
    Optional[str], typer.Option("--since", metavar="DATE", help="From this date (inclusive).")
]
UntilOption = Annotated[
    Optional[str], typer.Option("--until", metavar="DATE", help="Up to this date (inclusive).")
]
SearchOption = Annotated[
    Optional[str],
    typer.Option("--search", "-s", metavar="TEXT", help="Text in the title, details or id."),
]


def usage_error(message: str) -> NoReturn:
    from timeline.visible import visible  # a message may quote ids or paths from the file

    err_console().print(f"timeline: error: {visible(message)}", markup=False, highlight=False)
    raise typer.Exit(EXIT_USAGE)


def err_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, highlight=False)


def out_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(soft_wrap=True, highlight=False)


def local_today() -> date:
    return datetime.now().date()


def parse_today(text: str | None) -> date | None:
    """The ``--today`` option as a day, or None for "the real today, per timezone"."""
    if text is None:
        return None
    from timeline.dates import Precision, parse_user_date

    try:
        parsed = parse_user_date(text, local_today())
    except ValueError as exc:
        usage_error(f"--today: {exc}")
    if parsed.precision is not Precision.DAY:
        usage_error(f"--today: '{text}' must name one day, such as 2025-05-05")
    return parsed.first_day


def today_function(fixed: date | None) -> TodayFor:
    """Today in each case's timezone (UTC for none), unless ``--today`` fixed it."""
    if fixed is not None:
        return lambda _zone: fixed

    def today_for(zone_name: str | None) -> date:
        from timeline.dates import zone

        tz = zone(zone_name) if zone_name else timezone.utc
        return datetime.now(tz).date()

    return today_for


def discover_or_exit(files: list[str] | None) -> list[Path]:
    """The files named by ``-f`` or TIMELINE_FILE, else the nearest events.yaml; none is exit 2.

    One that is there but cannot be read (a FIFO, a device, /proc) is exit 4.
    """
    from timeline.discover import DiscoveryError, UnreadableFile, discover

    try:
        return discover(files or [], os.environ.get("TIMELINE_FILE"), Path.cwd())
    except UnreadableFile as exc:
        err_console().print(f"timeline: error: {exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_IO) from None
    except DiscoveryError as exc:
        usage_error(str(exc))


def load_or_exit(files: list[str] | None, today: date | None, *, show_warnings: bool = False,
                 command: str | None = None) -> LoadResult:
    """Load the events files; print errors and exit 1 if there are any (4 if one was unreadable).

    ``command`` ("show") ends the errors with a line that says the command showed nothing and
    where to look, so that a list of errors is not taken for the output.
    """
    from timeline.load import load

    result = load(discover_or_exit(files), Path.cwd(), today or local_today())
    keep_until_exit(result)
    from timeline.diagnostics import Severity

    shown = [
        d for d in result.diagnostics if show_warnings or d.severity is Severity.ERROR
    ]
    if not result.ok:
        print_diagnostics(result, shown, err_console())
        if command is not None:
            nothing = "nothing exported" if command == "export" else "nothing shown"
            err_console().print(f"timeline {command}: {nothing}; fix the errors above (timeline check lists"
                                " them)", markup=False, highlight=False)  # fmt: skip
        raise typer.Exit(failure_code(result))
    return result


def failure_code(result: LoadResult, strict: bool = False) -> int:
    """The exit code for a load: 1 for errors in a file's text (or warnings, ``strict``), else 4
    when a file could not be read (the lowest code that applies wins), else 0."""
    from timeline.diagnostics import Severity

    unreadable = {id(d) for d in result.unreadable}
    for diagnostic in result.diagnostics:
        if id(diagnostic) in unreadable:
            continue
        if diagnostic.severity is Severity.ERROR or strict:
            return EXIT_FILE_ERRORS
    return EXIT_IO if unreadable else EXIT_OK


def print_diagnostics(result: LoadResult, diagnostics: list[Diagnostic], console) -> None:  # type: ignore[no-untyped-def]
    """Print ``PATH:LINE:COL: severity: message``; on a terminal, the line and a caret too.

    Text from the file is shown with its control characters escaped (timeline/visible.py).
    """
    from rich.text import Text

    from timeline.visible import visible

    for diagnostic in diagnostics:
        style = "bold red" if str(diagnostic.severity) == "error" else "bold yellow"
        line = Text()
        where = f"{visible(diagnostic.path)}:{diagnostic.line}:{diagnostic.col}: "
        line.append(where, style="bold")
        line.append(f"{diagnostic.severity}:", style=style)
        line.append(f" {diagnostic.message} [{diagnostic.code}]")
        console.print(line)
        if console.is_terminal:
            source = result.source_line(diagnostic.path, diagnostic.line)
            if source is not None:
                shown, caret_at = excerpt(source, diagnostic.col)
                console.print(Text("  " + shown))
                console.print(Text("  " + " " * caret_at + "^", style="bold green"))
    if result.truncated:
        console.print(Text(stopped_line(result)))


def stopped_line(result: LoadResult) -> str:
    """What a report that stopped at its limit says after the problems it found."""
    return f"timeline: stopped after {len(result.diagnostics):,} problems; there may be more"


def excerpt(source: str, col: int) -> tuple[str, int]:
    """A source line as shown under a diagnostic, and the display column of its ``col``.

    ``col`` counts code points; the caret goes by display width: a CJK character takes two
    columns, an escaped control character as many as its escape.
    """
    from rich.cells import cell_len

    from timeline.visible import visible

    return visible(source), cell_len(visible(source[: max(col - 1, 0)]))


def filters_from(
    result: LoadResult,
    cases: list[str] | None,
    kinds: list[str] | None,
    people: list[str] | None,
    tags: list[str] | None,
    since: str | None,
    until: str | None,
    search: str | None,
    today: date | None,
) -> Filters:
    """Turn filter options into Filters; an unknown id or a bad date is a usage error.

    ``today`` is ``--today``, so that ``--since yesterday`` means the day before it.
    """
    from timeline.dates import FileDate, parse_user_date
    from timeline.diagnostics import suggest
    from timeline.query import Filters

    tl = result.timeline
    for option, values, known in (
        ("--case", cases, tl.cases),
        ("--kind", kinds, tl.kinds),
        ("--person", people, tl.people),
    ):
        for value in values or []:
            if value not in known:
                hint = suggest(value, known) or f"; known: {', '.join(sorted(known)) or 'none'}"
                usage_error(f"{option}: unknown id '{value}'{hint}")
    bounds: list[FileDate | None] = []
    for option, text in (("--since", since), ("--until", until)):
        if text is None:
            bounds.append(None)
            continue
        try:
            bounds.append(parse_user_date(text, today or local_today()))
        except ValueError as exc:
            usage_error(f"{option}: {exc}")
    if bounds[0] is not None and bounds[1] is not None and bounds[0].first_day > bounds[1].last_day:
        usage_error(f"--since {since} is after --until {until}: nothing could match")
    return Filters(
        cases=tuple(cases or ()), kinds=tuple(kinds or ()), people=tuple(people or ()),
        tags=tuple(tags or ()), since=bounds[0], until=bounds[1], search=search or None,
    )  # fmt: skip


def select(
    files: list[str] | None,
    *,
    cases: list[str] | None = None,
    kinds: list[str] | None = None,
    people: list[str] | None = None,
    tags: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    today: str | None = None,
    soon: int = 7,
    command: str | None = None,
) -> tuple[LoadResult, View]:
    """Load the file and select what the filter options ask for, each deadline with its status.

    ``today`` is the ``--today`` text: it dates the statuses and words such as ``yesterday`` in
    ``--since``, in every command alike. Usage errors exit 2, file errors exit 1 (``command``
    names the command in the line that ends them).
    """
    from timeline.deadlines.status import deadline_states
    from timeline.query import timeline_rows
    from timeline.render import View

    fixed = parse_today(today)
    result = load_or_exit(files, fixed, command=command)
    filters = filters_from(result, cases, kinds, people, tags, since, until, search, fixed)
    states = deadline_states(result.timeline, today_function(fixed), soon)
    rows = timeline_rows(result.timeline, states, filters)
    keep_until_exit(rows)
    return result, View(result.timeline, rows, fixed or local_today(), soon, filters,
                        states=states)


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to ``output``."""
    if output is None or output == "-":
        write_stdout(text)
        return
    from timeline.files import Unwritable, remove_leftovers, write_atomically

    try:
        with signals_stop_cleanly():
            remove_leftovers(Path(output))
            write_atomically(Path(output), text)
    except Unwritable as exc:
        if exc.kind == "special":
            io_error(f"cannot write {output}: {exc.strerror}; write to a file, or leave out -o "
                     "to write to stdout")  # fmt: skip
        io_error(cannot_write(exc))
    except OSError as exc:
        io_error(cannot_write(exc))


def io_error(message: str) -> NoReturn:
    """A file could not be read or written: one line, exit 4."""
    from timeline.visible import visible  # a message may quote paths or a server's words

    err_console().print(f"timeline: error: {visible(message)}", markup=False, highlight=False)
    raise typer.Exit(EXIT_IO)


def cannot_write(exc: OSError) -> str:
    """``cannot write FILE: REASON; ...`` for an OSError of timeline.files (read or write)."""
    from timeline.files import Unreadable, Unwritable

    name = exc.filename or "the file"
    if isinstance(exc, Unreadable):
        return f"cannot read {name}: {exc.strerror or exc}; nothing was written"
    reason = exc.strerror or str(exc)
    if isinstance(exc, Unwritable):
        advice = {"read-only": f"; allow writing it first (chmod u+w {name})",
                  "owner": "; run as its owner"}.get(exc.kind, "")  # fmt: skip
        return f"cannot write {name}: {reason}{advice}"
    return f"cannot write {name}: {reason}; nothing was written"


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived during a write: unwinding removes the temporary file, as
    Ctrl-C's KeyboardInterrupt does; ``main`` then exits 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def signals_stop_cleanly() -> Iterator[None]:
    """While a file is written, SIGTERM and SIGHUP raise Stopped instead of ending the process
    at once (which would leave the temporary file); the previous handlers come back after.
    A signal already ignored (``nohup``) stays ignored."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    try:
        for signum in wanted:
            if signal.getsignal(signum) is not signal.SIG_IGN:  # `nohup timeline add` goes on
                previous[signum] = signal.signal(signum, stop)
    except ValueError:  # not the main thread: signals cannot be handled here
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout: as it is to a pipe or a file, its controls escaped to a terminal.

    On a terminal, text from the file must not drive it (timeline/visible.py); the format's own
    tabs and line ends stay. Piped, every byte is the export's.
    """
    if sys.stdout.isatty():
        from timeline.visible import visible

        text = visible(text, layout=True)
    sys.stdout.write(text)
