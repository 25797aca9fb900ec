"""Diagnostics as GitHub workflow commands (``check --format github``), one a problem.

A runner reads every stdout line that starts with ``::`` as a command. So each line here is
one we build, and the text in it is escaped the way GitHub's toolkit escapes (actions/toolkit,
packages/core/src/command.ts): the message (data) gets ``%``, CR and LF encoded, a property
value ``:`` and ``,`` too, so that no text from a file can end the line, close the properties
or start a command of its own. Diagnostics, not a view: this is not in the RENDERERS registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from timeline.visible import visible

if TYPE_CHECKING:
    from timeline.diagnostics import Diagnostic

# GitHub shows at most this many error annotations, and as many warnings, for one step.
PER_STEP = 10


def escape_data(text: str) -> str:
    """Escape a command's message, as the toolkit's escapeData does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, as the toolkit's escapeProperty does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    """``::error file=PATH,line=L,col=C,title=CODE::MESSAGE`` (``::warning`` for a warning).

    The path is the one the text format shows (relative to the folder it ran in), with its
    control characters shown escaped as there; the message is already one visible line.
    """
    command = "error" if str(diagnostic.severity) == "error" else "warning"
    properties = ",".join(f"{key}={escape_property(value)}" for key, value in (
        ("file", visible(diagnostic.path)), ("line", str(diagnostic.line)),
        ("col", str(diagnostic.col)), ("title", diagnostic.code)))  # fmt: skip
    return f"::{command} {properties}::{escape_data(diagnostic.message)}"


def annotations(diagnostics: Iterable[Diagnostic],
                per_step: int = PER_STEP) -> tuple[list[str], int, int]:  # fmt: skip
    """The annotations of the first ``per_step`` errors and warnings, in the order given, and
    how many errors and warnings are left over."""
    lines: list[str] = []
    shown = {"error": 0, "warning": 0}
    left = {"error": 0, "warning": 0}
    for diagnostic in diagnostics:
        kind = "error" if str(diagnostic.severity) == "error" else "warning"
        if shown[kind] < per_step:
            shown[kind] += 1
            lines.append(annotation(diagnostic))
        else:
            left[kind] += 1
    return lines, left["error"], left["warning"]


def more_notice(errors: int, warnings: int, per_step: int = PER_STEP) -> str:
    """The notice that says how many problems have no annotation, and where to see them."""
    from timeline.render.phrases import plural

    counts = " and ".join(plural(n, f"more {word}") for n, word in
                          ((errors, "error"), (warnings, "warning")) if n)  # fmt: skip
    return (f"::notice::{counts} not annotated (GitHub shows {per_step} errors and "
            f"{per_step} warnings a step); run 'timeline check' to list every problem")
