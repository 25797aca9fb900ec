"""Benchmark `timeline` on generated files of 1k, 10k and 100k events, beside its peers.

    python benchmarks/run.py            # medians of 3 runs (peers: 1 run each)
    python benchmarks/run.py --quick    # one run each, on 1k and 10k events only
    python benchmarks/run.py --runs 5 --peer-runs 3

Writes benchmarks/data/events-N.yaml (git-ignored), compiles the package's bytecode (as pip
does), then prints a Markdown table (wall time and peak memory of each command, medians; its
target; a ratio measured in the same run: a start-up to `python -c pass`, a command to `check`
on the same file, a peer to `check`) and whether each target is met (TARGETS, below).
Peers (`check-jsonschema` with `timeline schema`, `yamllint`, and `hledger check` on a journal
of as many transactions as the file has events) run only where installed.
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
from typing import Callable

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

from generate import write_sizes  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
TODAY = "2026-11-27"  # fixed, so the statuses (and the work) are the same on every run
TIME_V = "/usr/bin/time"
SQLITE = "timeline export --format sqlite"  # -o events-N.db beside the events file
LSP = "timeline lsp, keystroke to diagnostics"
LSP_START = "timeline lsp, start to first diagnostics"


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


def measure(command: list[str], runs: int, codes: tuple[int, ...] = (0,), cwd: Path = DATA,
            prepare: Callable[[], object] | None = None) -> Measure:  # fmt: skip
    """Median wall and peak of ``runs`` runs; ``prepare`` (untimed) before each one."""
    results = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        results.append(run_once(command, cwd, codes))
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


def compile_bytecode(timeline: list[str]) -> None:
    """Write the package's bytecode, as pip does on install: a checkout run with
    PYTHONDONTWRITEBYTECODE (or never run) would compile every module on every start."""
    python = Path(timeline[0]).parent / "python" if len(timeline) == 1 else Path(timeline[0])
    python = python if python.exists() else Path(sys.executable)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([str(python), "-c", "import compileall, os, timeline; "
                    "compileall.compile_dir(os.path.dirname(timeline.__file__), quiet=1)"],
                   check=True, env=env)  # fmt: skip


def ledger(path: Path, transactions: int) -> Path:
    """A journal of as many transactions as the events file has events, for `hledger check`."""
    target = path.with_name(f"ledger-{transactions}.journal")
    if not target.exists():
        lines = []
        for number in range(transactions):
            day = f"{2018 + number * 8 // transactions}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            cents = (number * 7919) % 100_000 + 1
            lines.append(f"{day} Payee {number % 500}\n    expenses:kind{number % 40}  "
                         f"{cents // 100}.{cents % 100:02d} USD\n    assets:bank\n\n")
        target.write_text("".join(lines), encoding="utf-8")
    return target


def first_deadline(path: Path) -> str:
    found = re.search(r"- id: (\S+)\n    case: \S+\n    kind: deadline\n",
                      path.read_text(encoding="utf-8"))
    assert found, f"no deadline in {path}"
    return found.group(1)


# Each target: the row (label, events or None), what is compared ("wall" seconds, "peak" MB,
# or "start": the wall as a multiple of `python -c pass`'s in the same run) and the limit.
TARGETS: list[tuple[str, int | None, str, float]] = [
    ("timeline show", None, "start", 5.0),  # issue 18: within 5x bare Python's start
    ("timeline rules", None, "start", 5.0),
    ("timeline show", 1_000, "wall", 0.200),
    ("timeline check", 100_000, "wall", 2.0),
    ("timeline check", 100_000, "peak", 500),
    ("timeline export --format json", 100_000, "wall", 4.0),
    (SQLITE, 100_000, "wall", 6.0),
    (SQLITE, 100_000, "peak", 600),
    ("timeline digest --since-rev HEAD~1", 1_000, "wall", 0.5),
    ("timeline digest --since-rev HEAD~1", 10_000, "wall", 1.5),
    ("timeline mark ID vacated", 1_000, "wall", 0.5),
    ("timeline mark ID vacated", 10_000, "wall", 1.2),
    (LSP_START, None, "wall", 1.0),
    (LSP, None, "wall", 0.3),
    (LSP, 10_000, "wall", 1.0),
]


def limit_text(what: str, limit: float) -> str:
    if what == "start":
        return f"≤ {limit:g}x python"
    return f"≤ {limit:g} MB" if what == "peak" else f"≤ {limit:g} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="one run each, on 1k and 10k only (100k targets not measured)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timeline measure")
    parser.add_argument("--peer-runs", type=int, default=1, help="runs per peer measure")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    peer_runs = 1 if args.quick else args.peer_runs
    sizes = SIZES[:2] if args.quick else SIZES

    files = write_sizes(DATA, sizes)
    timeline = timeline_command()
    compile_bytecode(timeline)
    schema = DATA / "schema.json"
    schema.write_text(subprocess.run([*timeline, "schema"], capture_output=True, text=True,
                                     check=True).stdout)  # fmt: skip

    rows: list[tuple[str, int | None, str, str, str]] = []
    results: dict[tuple[str, int | None], Measure] = {}
    goals: dict[tuple[str, int | None], list[str]] = {}
    for label, size, what, limit in TARGETS:
        goals.setdefault((label, size), []).append(limit_text(what, limit))

    def record(label: str, size: int | None, result: Measure | None, note: str = "",
               where: str = "") -> None:  # fmt: skip
        target = ", ".join(goals.get((label, size), []))
        if result is None:
            rows.append((label, size, where, target, "missing; " + note if note else "missing"))
            return
        results[(label, size)] = result
        ok = "" if result.ok else " (unexpected exit code)"
        rows.append((label, size, where, target, note + ok))

    python = measure([sys.executable, "-c", "pass"], max(runs, 5))
    record("python -c pass", None, python)

    def startup(label: str, command: list[str]) -> None:
        result = measure(command, max(runs, 5), cwd=HERE.parent)
        record(label, None, result, f"{result.wall / python.wall:.1f}x python -c pass",
               where="bundled file" if "-f" in command else "")

    version = measure([*timeline, "--version"], max(runs, 5))
    record("timeline --version", None, version, f"+{(version.wall - python.wall) * 1000:.0f} ms")
    startup("timeline --help", [*timeline, "--help"])
    startup("timeline rules", [*timeline, "rules"])
    bundled = ["-f", "events.yaml", "--today", TODAY]
    startup("timeline check", [*timeline, "check", *bundled])
    startup("timeline show", [*timeline, "show", *bundled])
    startup("timeline deadlines", [*timeline, "deadlines", *bundled])

    for size, path in files.items():
        name = path.name
        common = ["-f", name, "--today", TODAY]
        check = measure([*timeline, "check", *common], runs)
        record("timeline check", size, check)

        def beside(label: str, command: list[str], cwd: Path = DATA,
                   prepare: object = None) -> None:  # fmt: skip
            result = measure(command, runs, cwd=cwd, prepare=prepare)  # type: ignore[arg-type]
            record(label, size, result, f"{result.wall / check.wall:.1f}x check")

        beside("timeline show", [*timeline, "show", *common])
        beside("timeline export --format json", [*timeline, "export", "--format", "json",
                                                  *common])  # fmt: skip
        beside(SQLITE, [*timeline, "export", "--format", "sqlite", *common, "-o",
                        f"events-{size}.db"])  # fmt: skip
        if size <= 10_000:
            # 100k would only repeat check's figure (a load, a comparison or an edit on top):
            # these rows stop at 10k to keep the run short.
            if shutil.which("git"):
                beside("timeline digest --since-rev HEAD~1",
                       [*timeline, "digest", "--since-rev", "HEAD~1", "--today", TODAY],
                       cwd=history(path))  # fmt: skip
            copy = path.with_name(f"mark-{size}.yaml")
            beside("timeline mark ID vacated",
                   [*timeline, "mark", first_deadline(path), "vacated", "-f", copy.name,
                    "--today", TODAY], prepare=lambda: shutil.copyfile(path, copy))  # fmt: skip

    lsp_rows(record, files, runs, timeline)

    peers = {name: shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
             for name in ("check-jsonschema", "yamllint", "hledger")}  # fmt: skip
    for size, path in files.items():
        ours = results[("timeline check", size)].wall
        for peer, program in peers.items():
            label = "hledger check (peer)" if peer == "hledger" else f"{peer} (peer)"
            if program is None:
                record(label, size, None, "not installed")
                continue
            if peer == "check-jsonschema":
                command = [program, "--schemafile", schema.name, path.name]
            elif peer == "yamllint":
                command = [program, "-d", "relaxed", path.name]
            else:  # the same number of transactions as events, checked as hledger checks
                command = [program, "check", "-f", ledger(path, size).name]
            result = measure(command, peer_runs, codes=(0, 1))  # yamllint warns on long lines
            record(label, size, result, f"{result.wall / ours:.1f}x timeline check")

    print(f"Runs: timeline {runs} (median), peers {peer_runs}; {os.cpu_count()} CPUs; "
          f"Python {sys.version.split()[0]}\n")  # fmt: skip
    print("| command | events | wall | peak memory | target | note |")
    print("|---|---:|---:|---:|---|---|")
    for label, size, where, target, note in rows:
        result = results.get((label, size))
        wall = f"{result.wall:.2f} s" if result else ""
        peak = f"{result.peak_mb:.0f} MB" if result and result.peak_mb == result.peak_mb else ""
        events = f"{size:,}" if size else where
        print(f"| {label} | {events} | {wall} | {peak} | {target} | {note} |")
    print()
    for line in targets(results, version.wall - python.wall, python.wall, sizes):
        print(line)
    return 0


def lsp_rows(record, files: dict[int, Path], runs: int,  # type: ignore[no-untyped-def]
             timeline: list[str]) -> None:
    """`timeline lsp` from its start to the first diagnostics of the file an editor opened,
    and from a keystroke to its diagnostics (lsp_latency.py), where pygls is."""
    import importlib.util

    if importlib.util.find_spec("pygls") is None:
        for label in (LSP_START, LSP):
            record(label, None, None, "no pygls: pip install -e \".[lsp]\"")
        return
    from lsp_latency import latency, start

    bundled = HERE.parent / "events.yaml"
    wall, cpu = start(bundled, max(runs, 3), timeline)
    record(LSP_START, None, Measure(wall, float("nan"), True),
           f"{cpu * 1000:.0f} ms server CPU", where="bundled file")
    for size, path in ((None, bundled), (10_000, files.get(10_000))):
        if path is None:
            continue
        wall, cpu, peak = latency(path, max(runs, 5), timeline)
        record(LSP, size, Measure(wall, peak, True),
               f"150 ms debounce + {cpu * 1000:.0f} ms server CPU",
               where="bundled file" if size is None else "")  # fmt: skip


def targets(results: dict[tuple[str, int | None], Measure], version_extra: float,
            python: float, sizes: tuple[int, ...]) -> list[str]:  # fmt: skip
    """Every target, met or not, with the figures."""
    lines = []

    def say(met: bool | None, text: str) -> None:
        lines.append(f"- {'met' if met else 'NOT met' if met is not None else 'not measured'}: {text}")

    say(version_extra <= 0.060, f"`--version` within 60 ms of bare Python (+{version_extra * 1000:.0f} ms)")
    for label, size, what, limit in TARGETS:
        where = f"on {size:,} events" if size else "on the bundled file" if "lsp" in label or \
            label == "timeline show" else ""  # fmt: skip
        name = f"`{label.removeprefix('timeline ')}` {where}".strip()
        result = results.get((label, size))
        if result is None:
            say(None, f"{name} {limit_text(what, limit)}")
            continue
        value = {"wall": result.wall, "peak": result.peak_mb, "start": result.wall / python}[what]
        shown = (f"{value:.1f}x" if what == "start" else f"{value:.0f} MB" if what == "peak"
                 else f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s")  # fmt: skip
        say(value <= limit, f"{name} {limit_text(what, limit)} ({shown})")
    big = results.get(("timeline check", 100_000))
    peer = results.get(("check-jsonschema (peer)", 100_000))
    if big is not None and peer is not None:
        say(peer.wall >= 5 * big.wall,
            f"`check` at least 5x faster than check-jsonschema on 100,000 events "
            f"({peer.wall / big.wall:.1f}x)")  # fmt: skip
    else:
        say(None, "`check` at least 5x faster than check-jsonschema on 100,000 events")
    for label in ("timeline check", "timeline export --format json", SQLITE):
        if len(sizes) < 3:
            say(None, f"`{label.removeprefix('timeline ')}` grows linearly (needs 100,000 events)")
            continue
        growth = [results[(label, b)].wall / results[(label, a)].wall for a, b in zip(sizes, sizes[1:])]
        say(all(g <= 11 for g in growth),
            f"`{label.removeprefix('timeline ')}` grows linearly: 10x the events, at most 11x the time "
            f"({', '.join(f'{g:.1f}x' for g in growth)})")  # fmt: skip
    return lines


if __name__ == "__main__":
    sys.exit(main())
