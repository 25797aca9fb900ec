"""The real programs the exports are opened in: where each one is, and what happens without it.

`.ci/run` installs them all (Debian's chromium, libreoffice-calc-nogui, libical-dev and neovim;
ical.js and TimelineJS from npm into .ci/node). On CI (``CI=true``) a missing client fails the
test that needs it, so that a broken install step cannot pass as a skip; on a developer's
machine the test skips and says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / ".ci" / "node" / "node_modules"
INSTALL_HINT = "bash .ci/run installs it (apt-get and npm ci --prefix .ci/node)"


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what: str) -> NoReturn:
    """Fail on CI, skip elsewhere: ``what`` is not installed."""
    message = f"{what} is not installed; {INSTALL_HINT}"
    if on_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def program(*names: str) -> str:
    """The path of the first of ``names`` on PATH."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    missing(" or ".join(names))


def chromium() -> str:
    return program("chromium", "chromium-browser")


def soffice() -> str:
    return program("soffice", "libreoffice")


def neovim() -> str:
    """Neovim, the editor `timeline lsp` is tried in (Debian's is 0.7.2)."""
    return program("nvim")


def node() -> str:
    return program("node", "nodejs")


def npm_package(name: str) -> Path:
    """An npm package's folder in .ci/node (installed at the version package-lock.json pins)."""
    folder = NODE_MODULES / name
    if not (folder / "package.json").is_file():
        missing(f"the npm package {name}")
    return folder


def run_node(script: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a node script (ES module) with .ci/node's packages importable by name.

    The script finds ``args`` from ``process.argv[1]`` on.
    """
    binary = node()
    npm_package("ical.js")
    return subprocess.run(
        [binary, "--input-type=module", "-e", script, "--", *args],
        capture_output=True, text=True, timeout=timeout, check=False,
        cwd=NODE_MODULES.parent,
    )  # fmt: skip


def compile_c(source: str, out: Path, *pkg_config: str) -> Path:
    """Compile a C program against the pkg-config packages named; the binary's path."""
    cc = program("cc", "gcc")
    pkg = program("pkg-config")
    flags = subprocess.run(
        [pkg, "--cflags", "--libs", *pkg_config], capture_output=True, text=True, check=False
    )
    if flags.returncode != 0:
        missing(f"the development files of {', '.join(pkg_config)}")
    source_path = out.with_suffix(".c")
    source_path.write_text(source, encoding="utf-8")
    built = subprocess.run(
        [cc, "-O1", "-o", str(out), str(source_path), *flags.stdout.split()],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    return out


# LibreOffice Calc's Text Import dialog as it opens: separated by tab, comma and semicolon, `"`
# as the string delimiter, UTF-8, from line 1, English (USA), and "Evaluate formulas" on (the
# 13th token; LibreOffice 7.4 still honours the older 12-token form without it).
CALC_IMPORT = "CSV:9/44/59,34,76,1,,1033,false,false,false,false,false,true"


def soffice_convert(source: Path, fmt: str, outdir: Path, infilter: str = CALC_IMPORT) -> Path:
    """``source`` opened by LibreOffice with ``infilter`` and saved as ``fmt`` into ``outdir``."""
    binary = soffice()
    profile = outdir / "profile"
    done = subprocess.run(
        [binary, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         f"--infilter={infilter}", "--convert-to", fmt, "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    out = outdir / (source.stem + "." + fmt.split(":")[0])
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    return out
