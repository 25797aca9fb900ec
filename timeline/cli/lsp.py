"""`timeline lsp`: the language server, started by the editor, over stdin and stdout."""

from __future__ import annotations

import typer

from timeline.cli.common import EXIT_USAGE, TodayOption, app, err_console


@app.command(
    short_help="The language server for editors (over stdio).",
    epilog="\b\nExample (what an editor runs):\n  timeline lsp",
)
def lsp(today: TodayOption = None) -> None:
    """Run the language server over stdin and stdout: check's diagnostics as you type, hover,
    completion, go to definition and references. Needs the lsp extra."""
    try:
        import pygls  # noqa: F401
    except ImportError:
        err_console().print('timeline lsp needs the lsp extra: pip install -e ".[lsp]"',
                            markup=False, highlight=False)  # fmt: skip
        raise typer.Exit(EXIT_USAGE) from None
    from timeline.cli.common import local_today, parse_today, today_function
    from timeline.lsp.server import serve

    fixed = parse_today(today)
    serve(lambda: fixed or local_today(), today_function(fixed))
