"""`timeline schema`: the JSON Schema of the events file, for editors and check-jsonschema."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from timeline.cli.common import app, load_or_exit


@app.command(
    short_help="Print the JSON Schema of the events file.",
    epilog="\b\nExample:\n  " + 'timeline schema > events.schema.json',
)
def schema(
    files: Annotated[
        Optional[list[str]],
        typer.Option("--file", "-f", metavar="PATH",
                     help="Enumerate this events file's own kinds (repeatable)."),
    ] = None,
) -> None:
    """Print the JSON Schema of the events file (use with # yaml-language-server: $schema=)."""
    from timeline.schema import json_schema

    kinds = None
    if files:
        # The file's kinds: the built-in ones, then those of its `kinds:` in their order.
        kinds = list(load_or_exit(files, None).timeline.kinds)
    typer.echo(json.dumps(json_schema(kinds), indent=2))
