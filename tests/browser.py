"""Headless Chromium for tests that look at our pages the way a reader's browser does.

Debian's `chromium`, which `.ci/run` installs: a missing one fails the test on CI and skips it
elsewhere (tests/clients.py). The browser runs offline-minded: no background networking, no
component updates, a throwaway profile.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
from pathlib import Path

import clients


def chromium() -> str:
    """The browser's path; without one the calling test fails on CI and skips elsewhere."""
    return clients.chromium()


def screenshot(page: Path, width: int, shot: Path, height: int = 1600) -> list[str]:
    """Render ``page`` at ``width`` into the PNG ``shot``; return the console messages logged."""
    browser = chromium()
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", f"--user-data-dir={profile}", "--hide-scrollbars",
                "--enable-logging=stderr", "--v=0", f"--window-size={width},{height}",
                f"--screenshot={shot}", page.resolve().as_uri(),
            ],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
