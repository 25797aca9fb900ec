"""Latency of `timeline lsp` in Neovim, from a keystroke to the diagnostics Neovim has.

    python benchmarks/nvim_latency.py FILE [--runs N]

Opens a copy of FILE (as `events.yaml` in a temporary folder, so that the README's snippet
starts the server for it) in a headless Neovim with the README's init.lua, as
tests/test_neovim.py does, then N times rewrites the first `kind: order` line, wrong then right
again, and takes the time from each edit to the publishDiagnostics of that version reaching
Neovim's handler: Neovim's own debounce of didChange (skipped for a change after a pause), the
server's 150 ms wait and the check of the whole timeline. Needs nvim and the lsp extra.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from neovim import drive  # noqa: E402

LINE = "    kind: order"


def latencies(nvim: str, path: Path, runs: int) -> list[float]:
    """Seconds from each of ``runs`` edits of ``path``'s copy to its diagnostics in Neovim."""
    with tempfile.TemporaryDirectory(prefix="timeline-nvim-bench-") as folder:
        copy = Path(folder) / "events.yaml"
        shutil.copyfile(path, copy)
        line = copy.read_text(encoding="utf-8").split("\n").index(LINE)
        steps = [{"do": "wait"}]
        for run in range(runs):
            text = LINE.replace("order", "ordr") if run % 2 == 0 else LINE
            steps.append({"do": "set_line", "line": line, "text": text})
        result = drive(nvim, copy, steps, timeout=300)
    return [ms / 1000 for ms in result["latencies"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()
    nvim = shutil.which("nvim")
    if nvim is None:
        print("nvim is not installed (apt-get install neovim)", file=sys.stderr)
        return 2
    times = latencies(nvim, args.file, args.runs)
    # a typo sends the whole file to the exact reader, the fix does not: apart, they say more
    for name, these in (("typo", times[0::2]), ("fix", times[1::2])):
        if these:
            shown = ", ".join(f"{t * 1000:.0f}" for t in these)
            print(f"{args.file}: {name}: {statistics.median(these) * 1000:.0f} ms median from the "
                  f"keystroke to its diagnostics in Neovim ({shown} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
