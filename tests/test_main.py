"""The installed entry point: exit codes survive the fast exit, and a closed pipe is quiet."""

from __future__ import annotations

import subprocess
import sys

from conftest import BUNDLED


def timeline(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True,
                          text=True, timeout=60, **kwargs)


def test_exit_codes_through_the_entry_point(tmp_path):
    assert timeline("check", "-f", str(BUNDLED)).returncode == 0
    bad = tmp_path / "events.yaml"
    bad.write_text("events:\n  - date: 2025-02-30\n    kind: order\n    title: T\n")
    result = timeline("check", "-f", str(bad))
    assert result.returncode == 1
    assert ":2:11: error: date: '2025-02-30' is not a date" in result.stdout
    missing = timeline("check", "-f", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("timeline: error: no such file:")


def test_a_reader_that_leaves_early_is_not_an_error(tmp_path):
    # Far more output than a pipe buffers, so the writer does meet the closed pipe.
    events = "".join(
        f"  - {{date: 2025-01-01, kind: order, title: Order number {n} of many, sources: [https://a.org]}}\n"
        for n in range(3000)
    )
    big = tmp_path / "events.yaml"
    big.write_text("events:\n" + events)
    process = subprocess.Popen([sys.executable, "-m", "timeline", "show", "-f", str(big)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # like `timeline show | head -1`
    stderr = process.stderr.read().decode()
    returncode = process.wait(timeout=60)
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert returncode == -13  # ended by SIGPIPE, as Unix tools are; never exit 1


def test_output_to_a_full_disk_is_one_line_and_exit_4(tmp_path):
    # /dev/full takes nothing: what the command printed cannot be written.
    for args in (["show", "-f", str(BUNDLED)], ["export", "--format", "json", "-f", str(BUNDLED)],
                 ["--version"], ["check", "-f", str(BUNDLED)]):  # fmt: skip
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "timeline", *args], stdout=full,
                                    stderr=subprocess.PIPE, text=True, timeout=60)  # fmt: skip
        assert result.returncode == 4, (args, result.stderr)
        assert result.stderr == ("timeline: error: cannot write the output: No space left on "
                                 "device\n"), args

