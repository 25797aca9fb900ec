"""Start-up stays light: commands import only what they use (DESIGN: performance targets).

Each case runs the CLI as the console script does (``timeline.cli.run``) in a fresh interpreter
and lists the modules it imported: a module imported at the top of some command module, or a
command module imported for another command's run, would show up here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from timeline.cli import COMMANDS
from timeline.render import RENDERERS

from conftest import BUNDLED

PROBE = """\
import contextlib, io, json, sys
import timeline.cli
sys.argv = ["timeline", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = timeline.cli.run()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def run_probe(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True, text=True, check=True, env={"NO_COLOR": "1", "PATH": ""},
    )  # fmt: skip
    return json.loads(done.stdout)


def imported_by(*args: str) -> set[str]:
    return set(run_probe(*args)["modules"])


# Pure text over the core's own modules: `check` counts with its words (plural).
LIGHT = {"timeline.render.phrases"}


def heavy(modules: set[str]) -> set[str]:
    """Rich tables, holidays, icalendar and every renderer or view module but LIGHT ones."""
    return {
        name for name in modules
        if name == "rich.table" or name.split(".")[0] in ("holidays", "icalendar")
        or (name.startswith("timeline.render.") and name not in LIGHT)
    }  # fmt: skip


def test_the_light_render_modules_import_nothing_heavy():
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys, timeline.render.phrases; "
         "print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    modules = set(json.loads(done.stdout))
    assert LIGHT <= modules
    assert heavy(modules) == set()
    assert {name for name in modules if name.split(".")[0] == "rich"} == set()


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"],
                                  ["mark", "--help"], ["add", "--help"]])
def test_version_and_help_import_no_heavy_module(args):
    modules = imported_by(*args)
    assert "timeline.cli.common" in modules  # the probe really loaded the CLI
    assert heavy(modules) == set()


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_do_not_even_load_the_model(args):
    modules = imported_by(*args)
    assert {name for name in modules if name.split(".")[0] in ("pydantic", "rich", "yaml")} == set()
    assert "timeline.model" not in modules
    # Only the CLI and the renderers' names (the lazy registry): no core module (diagnostics,
    # visible, deadlines...).
    core = {name for name in modules if name.startswith("timeline.")
            and not name.startswith("timeline.cli") and name != "timeline.render"}  # fmt: skip
    assert core == set()


def test_checks_default_limit_is_the_collectors():
    from timeline.cli.check import MAX_PROBLEMS
    from timeline.diagnostics import MAX_PROBLEMS as COLLECTORS

    assert MAX_PROBLEMS == COLLECTORS


def test_check_imports_no_table_holidays_icalendar_or_renderer():
    modules = imported_by("check", "-f", str(BUNDLED), "--today", "2026-11-27")
    assert "timeline.load" in modules and "timeline.checks" in modules  # it did check
    assert heavy(modules) == set()


def test_the_renderer_modules_are_the_ones_this_test_watches():
    assert all(module.startswith("timeline.render.") for module in RENDERERS.values())


# Command modules that import another command's module for what they share with it.
SHARED_WITH = {"mark": {"add"}, "import": {"add"}}
# The CLI's modules that are no command: the app, completion, --fail-on.
HELPERS = {"timeline.cli", "timeline.cli.common", "timeline.cli.completion",
           "timeline.cli.fail_on"}  # fmt: skip


def command_modules(modules: set[str]) -> set[str]:
    return {name for name in modules if name.startswith("timeline.cli") and name not in HELPERS}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_imports_only_its_own_command_module(name):
    modules = imported_by(name, "--help")
    own = {f"timeline.cli.{COMMANDS[other]}" for other in {name} | SHARED_WITH.get(name, set())}
    assert command_modules(modules) == own


@pytest.mark.parametrize("args", [["--help"], [], ["shwo"]])
def test_help_and_a_mistyped_command_load_every_command(args):
    modules = imported_by(*args)
    assert command_modules(modules) == {f"timeline.cli.{module}" for module in COMMANDS.values()}


def test_show_on_the_bundled_file_imports_only_what_it_shows_with():
    answer = run_probe("show", "-f", str(BUNDLED), "--today", "2026-11-27")
    modules = set(answer["modules"])
    assert answer["code"] == 0 and "timeline.render.terminal" in modules  # it did show
    assert command_modules(modules) == {"timeline.cli.show"}
    # No holidays calendar (no computed deadline there), no other format's writer, no PyYAML
    # (the fast reader vouches for the file), no other command's options.
    assert {name for name in modules
            if name.split(".")[0] in ("holidays", "icalendar", "yaml")} == set()  # fmt: skip
    assert {name for name in modules if name.startswith("timeline.render.")} == {
        "timeline.render.terminal", "timeline.render.phrases",
        "timeline.render.terminal_plain"}  # the view written as strings when piped


def test_every_command_is_named_in_the_lazy_table():
    """A command registered by a module that COMMANDS does not name would be unreachable."""
    from timeline.cli import app

    names = {info.name or info.callback.__name__.replace("_", "-")
             for info in app.registered_commands}  # fmt: skip
    names |= {info.name for info in app.registered_groups}
    assert names == set(COMMANDS)


COMPUTED = """\
cases:
  c: {title: A case, jurisdiction: US-MD, timezone: America/New_York}
events:
  - {id: order, date: 2025-12-19, case: c, kind: order, title: Order, sources: [https://a.org]}
  - id: answer
    case: c
    kind: deadline
    title: Answer due
    sources: [https://a.org]
    due: {after: order, days: 5}
"""


def test_a_computed_deadline_loads_the_united_states_calendar_alone(tmp_path):
    """`holidays.countries` imports all 250 countries; a count needs one (us_holidays.py)."""
    path = tmp_path / "events.yaml"
    path.write_text(COMPUTED, encoding="utf-8")
    answer = run_probe("deadlines", "-f", str(path), "--today", "2025-12-20")
    modules = set(answer["modules"])
    assert answer["code"] == 0
    assert "holidays.countries.united_states" in modules  # it did count on the calendar
    assert {name for name in modules if name.startswith("holidays.countries")} == {
        "holidays.countries.united_states"}
    assert "holidays.financial" not in modules


@pytest.mark.parametrize("args", [["rules"], ["init", "--help"], ["--help"]])
def test_a_command_with_no_model_imports_no_pydantic(args):
    """Typer coerces options not given through pydantic adapters; common.py skips that (None
    stays None), so a command that validates nothing starts without pydantic."""
    answer = run_probe(*args)
    assert answer["code"] == 0
    assert {name for name in answer["modules"] if name.split(".")[0] == "pydantic"} == set()
