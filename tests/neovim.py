"""A real Neovim, headless, running the README's init.lua snippet against `timeline lsp`.

`drive()` starts `nvim --headless --clean -u init.lua FILE` with the README's Neovim block as
init.lua, a temporary HOME and XDG folders (nothing of the user's is read or written), and
this Python's bin folder first on PATH, so that the snippet's `timeline` is this checkout's.
tests/clients/nvim_driver.lua carries out a plan of steps (see there) and writes what it saw
as JSON. nvim and the servers it started are one process group, killed when it is over
whatever happened. Used by tests/test_neovim.py and benchmarks/nvim_latency.py; free of pytest
so that the benchmark can use it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).resolve().parent / "clients" / "nvim_driver.lua"
HEADING = "## `timeline lsp`: the checker in your editor"


def readme_snippet() -> str:
    """The one ```lua block of the README's `timeline lsp` section, as it is written there."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("\n" + HEADING + "\n")
    end = text.find("\n## ", start + 1)
    found = text[start:end].split("\n```lua\n")[1:]
    assert len(found) == 1, "the README's timeline lsp section should have one lua block"
    return found[0].split("\n```\n", 1)[0] + "\n"


def drive(nvim: str, file: Path, steps: list[dict[str, Any]], timeout: float = 60) -> Any:
    """Open ``file`` in Neovim, carry out ``steps`` and return what the driver wrote.

    ``timeout`` bounds each wait inside Neovim and, twice over, the whole run: a bound
    against a hang, never a measure of speed.
    """
    with tempfile.TemporaryDirectory(prefix="timeline-nvim-") as scratch:
        home = Path(scratch)
        (home / "init.lua").write_text(readme_snippet(), encoding="utf-8")
        out = home / "out.json"
        plan = home / "plan.json"
        plan.write_text(json.dumps({"out": str(out), "timeout": int(timeout * 1000),
                                    "steps": steps}), encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
        env.update(HOME=str(home), PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                                         env.get("PATH", "")]))
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(home / name.lower())
        command = [nvim, "--headless", "--clean",
                   "--cmd", f"lua TIMELINE_PLAN = [[{plan}]]", "--cmd", f"luafile {DRIVER}",
                   "-u", str(home / "init.lua"), str(file)]  # fmt: skip
        process = subprocess.Popen(command, cwd=file.parent, env=env, start_new_session=True,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)  # fmt: skip
        try:
            output, _ = process.communicate(timeout=2 * timeout + 30)
        finally:
            # nvim asks its servers to exit as it quits; whatever is left of the group goes now
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        text = output.decode("utf-8", "replace")
        assert process.returncode == 0, f"nvim exited {process.returncode}: {text}"
        assert out.exists(), f"nvim wrote no result: {text}"
        result = json.loads(out.read_text(encoding="utf-8"))
        assert "error" not in result, result["error"] + "\n" + text
        return result
