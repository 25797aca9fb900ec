"""`timeline schema`: the JSON Schema of the events file, for editors and check-jsonschema."""

from __future__ import annotations

import json

import typer

from timeline.cli.common import app


@app.command()
def schema() -> None:
    """Print the JSON Schema of the events file (use with # yaml-language-server: $schema=)."""
    from timeline.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))
