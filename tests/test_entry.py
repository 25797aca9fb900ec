"""The console script (timeline.entry): a lone --version answers before Typer loads."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from conftest import BUNDLED, FIXED_TODAY

PROBE = """\
import contextlib, io, json, sys
sys.argv = ["timeline", *json.loads(sys.argv[1])]
out = io.StringIO()
with contextlib.redirect_stdout(out):
    import timeline.entry
    timeline.entry.main()
print(json.dumps({"out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def timeline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True,
                          text=True, timeout=60)  # fmt: skip


def test_version_says_the_same_as_the_app(run):
    from timeline import __version__

    app = run("--version")
    assert app.exit_code == 0
    assert app.stdout == f"timeline {__version__}\n"
    fast = timeline("--version")
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, app.stdout, "")


def test_a_lone_version_loads_no_framework():
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(["--version"])],
                          capture_output=True, text=True, check=True)  # fmt: skip
    answer = json.loads(done.stdout)
    assert answer["out"].startswith("timeline ")
    loaded = {name.split(".")[0] for name in answer["modules"]}
    assert loaded.isdisjoint({"typer", "click", "rich", "pydantic", "yaml"})
    assert "timeline.cli" not in answer["modules"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--help", "--version"], "Usage: "),  # not alone: the app decides
        (["--help"], "Usage: "),
        (["check", "-f", str(BUNDLED), "--today", FIXED_TODAY], "events.yaml: "),
    ],
)
def test_every_other_command_line_goes_to_the_app(args, line):
    done = timeline(*args)
    assert done.returncode == 0, done.stderr
    assert line in done.stdout


@pytest.mark.parametrize("args", [["show", "--version"], ["--version=1"]])
def test_a_version_flag_not_alone_is_the_app_s_to_refuse(args):
    done = timeline(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--version" in done.stderr


def test_the_installed_script_runs_the_entry():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "timeline"]
    assert script.value == "timeline.entry:main"
