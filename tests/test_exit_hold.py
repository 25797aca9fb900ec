"""What a command loaded is held to the end only by the `timeline` program, which leaves with
os._exit (timeline/cli/common.py, keep_until_exit): an app run inside a process that goes
on holds nothing, and the program still ends with the command's code and output."""

from __future__ import annotations

import subprocess
import sys

from timeline.cli import common

from conftest import BUNDLED


def test_runs_inside_a_process_hold_nothing(run, write):
    write(BUNDLED.read_text(encoding="utf-8"))
    assert run("check", "--today", "2026-11-27").exit_code == 0
    assert run("export", "--format", "json", "--today", "2026-11-27").exit_code == 0
    assert common._held is None


def test_the_program_holds_what_it_loaded_and_ends_with_the_commands_code(tmp_path):
    (tmp_path / "events.yaml").write_text("events:\n  - {kind: order, title: T}\n",
                                          encoding="utf-8")  # fmt: skip
    probe = ("import sys; from timeline.cli import common, main; sys.argv = ['timeline', "
             "'check', '--today', '2026-11-27']; kept = common.keep_until_exit\n"
             "def keep(*objects):\n    kept(*objects)\n"
             "    sys.stderr.write(f'held {len(common._held)}\\n')\n"
             "common.keep_until_exit = keep\nimport timeline.cli.check as c; "
             "c.keep_until_exit = keep\nmain()")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True, env={"NO_COLOR": "1", "PATH": ""})  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "held 1" in done.stderr
    assert "missing required field 'date' in this event [T102]" in done.stdout
