"""Headless Chromium for tests that look at our pages the way a reader's browser does.

Only where it is installed (Debian's `chromium`); the tests that use it skip otherwise, so CI
needs no browser. The browser runs offline-minded: no background networking, no component
updates, a throwaway profile.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest


def chromium() -> str:
    """The browser's path; skip the calling test when there is none."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("chromium is not installed")


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
