"""Benchmark `timeline` on generated files of 1k, 10k and 100k events, beside its peers.

    python benchmarks/run.py            # medians of 3 runs (peers: 1 run at 100k)
    python benchmarks/run.py --quick    # one run each, peers on 1k and 10k only
    python benchmarks/run.py --runs 5 --peer-runs 3

Writes benchmarks/data/events-N.yaml (git-ignored), then prints a Markdown table (wall time
and peak memory of each command, medians) and whether each target of DESIGN.md is met.
Peers (`check-jsonschema` with `timeline schema`, `yamllint`) run only where installed.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

from generate import write_sizes  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
TODAY = "2026-11-27"  # fixed, so the statuses (and the work) are the same on every run
TIME_V = "/usr/bin/time"
SQLITE = "timeline export --format sqlite"  # -o events-N.db beside the events file


@dataclass
class Measure:
    wall: float  # seconds, median
    peak_mb: float  # MB, median of the runs' peak resident sizes
    ok: bool  # every run ended with the expected exit code


def timeline_command() -> list[str]:
    """The installed `timeline` script (what users run), else `python -m timeline`."""
    beside = Path(sys.executable).parent / "timeline"
    found = str(beside) if beside.exists() else shutil.which("timeline")
    return [found] if found else [sys.executable, "-m", "timeline"]


def run_once(command: list[str], cwd: Path, codes: tuple[int, ...]) -> tuple[float, float, bool]:
    """Wall seconds, peak MB and whether the exit code was expected, for one run."""
    if os.access(TIME_V, os.X_OK):
        start = time.perf_counter()
        done = subprocess.run([TIME_V, "-v", *command], cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)  # fmt: skip
        wall = time.perf_counter() - start
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peak = int(found.group(1)) / 1024 if found else float("nan")
        return wall, peak, done.returncode in codes
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # The children's maximum only grows: a run smaller than an earlier one shows as that one.
    return wall, max(after, before) / 1024, done.returncode in codes


def measure(command: list[str], runs: int, codes: tuple[int, ...] = (0,),
            cwd: Path = DATA) -> Measure:  # fmt: skip
    results = [run_once(command, cwd, codes) for _ in range(runs)]
    return Measure(
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        all(r[2] for r in results),
    )


ADDED_EVENT = ("  - id: bench-added\n    date: 2026-11-20\n    case: case-1\n    kind: ruling\n"
               "    title: Added after the first commit\n    sources: [src-1]\n")


def history(path: Path) -> Path:
    """A git repository beside ``path`` holding it in two commits (an event added in the
    second), for `digest --since-rev HEAD~1`; made again only when the file changed."""
    folder = path.parent / f"history-{path.stem}"
    target = folder / "events.yaml"
    text = path.read_text(encoding="utf-8")
    if target.exists() and target.read_text(encoding="utf-8") == text + ADDED_EVENT:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
           "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@localhost"}
    for number, body in enumerate((text, text + ADDED_EVENT), 1):
        target.write_text(body, encoding="utf-8")
        when = f"2026-11-{number:02d}T12:00:00+00:00"
        for args in (["init", "-q"] if number == 1 else [], ["add", "events.yaml"],
                     ["commit", "-q", "-m", f"commit {number}"]):
            if args:
                subprocess.run(["git", "-C", str(folder), *args], check=True,
                               env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    return folder


def has_command(timeline: list[str], name: str) -> bool:
    done = subprocess.run([*timeline, name, "--help"], capture_output=True)
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each; peers on 1k, 10k")
    parser.add_argument("--runs", type=int, default=3, help="runs per timeline measure")
    parser.add_argument("--peer-runs", type=int, default=1, help="runs per peer measure")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    peer_runs = 1 if args.quick else args.peer_runs
    peer_sizes = SIZES[:2] if args.quick else SIZES

    files = write_sizes(DATA, SIZES)
    timeline = timeline_command()
    schema = DATA / "schema.json"
    schema.write_text(subprocess.run([*timeline, "schema"], capture_output=True, text=True,
                                     check=True).stdout)  # fmt: skip

    rows: list[tuple[str, str, str, str, str]] = []
    results: dict[tuple[str, int], Measure] = {}

    def record(label: str, size: int | None, result: Measure | None, note: str = "") -> None:
        if size is not None and result is not None:
            results[(label, size)] = result
        where = f"{size:,}" if size else ""
        if result is None:
            rows.append((label, where, "missing", "", note))
            return
        ok = "" if result.ok else " (unexpected exit code)"
        rows.append((label, where, f"{result.wall:.2f} s", f"{result.peak_mb:.0f} MB", note + ok))

    python = measure([sys.executable, "-c", "pass"], max(runs, 5))
    version = measure([*timeline, "--version"], max(runs, 5))
    record("python -c pass", None, python)
    record("timeline --version", None, version, f"+{(version.wall - python.wall) * 1000:.0f} ms")

    show = has_command(timeline, "show")
    for size, path in files.items():
        name = path.name
        common = ["-f", name, "--today", TODAY]
        record("timeline check", size, measure([*timeline, "check", *common], runs))
        if show:
            record("timeline show", size, measure([*timeline, "show", *common], runs))
        else:
            record("timeline show", size, None, "no `show` command yet")
        record("timeline export --format json", size,
               measure([*timeline, "export", "--format", "json", *common], runs))  # fmt: skip
        record(SQLITE, size, measure([*timeline, "export", "--format", "sqlite", *common,
                                      "-o", f"events-{size}.db"], runs))  # fmt: skip
        if has_command(timeline, "digest") and shutil.which("git") and size <= 10_000:
            # Two loads (now and at the commit read from git) and the comparison: 100k would
            # only double check's figure again, so the row stops at 10k to keep the run short.
            record("timeline digest --since-rev HEAD~1", size,
                   measure([*timeline, "digest", "--since-rev", "HEAD~1", "--today", TODAY],
                           runs, cwd=history(path)))  # fmt: skip

    lsp_rows(record, files, runs, timeline)

    peers = {
        "check-jsonschema": shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
        or shutil.which("check-jsonschema"),
        "yamllint": shutil.which("yamllint", path=str(Path(sys.executable).parent))
        or shutil.which("yamllint"),
    }
    for size, path in files.items():
        ours = results[("timeline check", size)].wall
        for peer, program in peers.items():
            label = f"{peer} (peer)"
            if program is None:
                record(label, size, None, "not installed")
                continue
            if size not in peer_sizes:
                continue
            command = (
                [program, "--schemafile", schema.name, path.name]
                if peer == "check-jsonschema"
                else [program, "-d", "relaxed", path.name]
            )
            result = measure(command, peer_runs, codes=(0, 1))  # yamllint warns on long lines
            record(label, size, result, f"{result.wall / ours:.1f}x timeline check")

    print(f"Runs: timeline {runs} (median), peers {peer_runs}; {os.cpu_count()} CPUs; "
          f"Python {sys.version.split()[0]}\n")  # fmt: skip
    print("| command | events | wall | peak memory | note |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for line in targets(results, version.wall - python.wall, show):
        print(line)
    return 0


def lsp_rows(record, files: dict[int, Path], runs: int,  # type: ignore[no-untyped-def]
             timeline: list[str]) -> None:
    """`timeline lsp` from a keystroke to its diagnostics (lsp_latency.py), where pygls is."""
    label = "timeline lsp, keystroke to diagnostics"
    import importlib.util

    if importlib.util.find_spec("pygls") is None:
        record(label, None, None, "no pygls: pip install -e \".[lsp]\"")
        return
    from lsp_latency import latency

    for size, path in ((None, HERE.parent / "events.yaml"), (10_000, files[10_000])):
        wall, cpu, peak = latency(path, max(runs, 5), timeline)
        where = "" if size else "bundled file; "
        record(label, size, Measure(wall, peak, True),
               f"{where}150 ms debounce + {cpu * 1000:.0f} ms server CPU")


def targets(results: dict[tuple[str, int], Measure], version_extra: float, show: bool) -> list[str]:
    """DESIGN.md's performance targets, each met or not, with the figures."""
    lines = []

    def say(met: bool | None, text: str) -> None:
        lines.append(f"- {'met' if met else 'NOT met' if met is not None else 'not measured'}: {text}")

    check = {size: results[("timeline check", size)] for size in SIZES}
    say(version_extra <= 0.060, f"`--version` within 60 ms of bare Python (+{version_extra * 1000:.0f} ms)")
    if show:
        wall = results[("timeline show", 1_000)].wall
        say(wall < 0.200, f"`show` on 1,000 events under 200 ms ({wall * 1000:.0f} ms)")
    else:
        say(None, "`show` on 1,000 events under 200 ms (no `show` command yet)")
    big = check[100_000]
    say(big.wall <= 2.0, f"`check` on 100,000 events at most 2 s ({big.wall:.2f} s)")
    say(big.peak_mb <= 500, f"`check` on 100,000 events at most 500 MB ({big.peak_mb:.0f} MB)")
    peer = results.get(("check-jsonschema (peer)", 100_000))
    if peer is not None:
        say(peer.wall >= 5 * big.wall,
            f"`check` at least 5x faster than check-jsonschema on 100,000 events "
            f"({peer.wall / big.wall:.1f}x)")  # fmt: skip
    else:
        say(None, "`check` at least 5x faster than check-jsonschema (peer not run at 100k)")
    export = results[("timeline export --format json", 100_000)].wall
    say(export <= 4.0, f"`export --format json` on 100,000 events at most 4 s ({export:.2f} s)")
    sqlite = results[(SQLITE, 100_000)]
    say(sqlite.wall <= 6.0, f"`export --format sqlite` on 100,000 events at most 6 s "
        f"({sqlite.wall:.2f} s)")  # fmt: skip
    say(sqlite.peak_mb <= 600, f"`export --format sqlite` on 100,000 events at most 600 MB "
        f"({sqlite.peak_mb:.0f} MB)")  # fmt: skip
    for label in ("timeline check", "timeline export --format json", SQLITE):
        growth = [results[(label, b)].wall / results[(label, a)].wall for a, b in zip(SIZES, SIZES[1:])]
        say(all(g <= 11 for g in growth),
            f"`{label.removeprefix('timeline ')}` grows linearly: 10x the events, at most 11x the time "
            f"({', '.join(f'{g:.1f}x' for g in growth)})")  # fmt: skip
    return lines


if __name__ == "__main__":
    sys.exit(main())
