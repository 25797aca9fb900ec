"""Latency of `timeline lsp` from a keystroke to its diagnostics.

    python benchmarks/lsp_latency.py FILE [--runs N]

Starts the server as an editor does (pygls's client over stdio), opens FILE, then N times
changes one character (a kind typed wrong, then right again) and times each change from the
moment it is sent to the publishDiagnostics that answers it: the debounce (150 ms) plus the
check of the whole timeline. Needs the lsp extra.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

TODAY = "2026-11-27"


async def _latencies(path: Path, runs: int,
                     command: list[str]) -> tuple[list[float], list[float], float]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("timeline-benchmark", "1")
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_published(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(*command, "lsp", "--today", TODAY, cwd=str(path.parent))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    typo = text.replace("kind: order", "kind: ordr", 1)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri, "yaml", 1, text)))
    await asyncio.wait_for(published.get(), 120)
    times, cpu = [], []
    pid = client._server.pid if client._server else None
    for version in range(2, runs + 2):
        used = _cpu_seconds(pid)
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri),
            [types.TextDocumentContentChangeWholeDocument(typo if version % 2 == 0 else text)]))
        while True:
            answer = await asyncio.wait_for(published.get(), 120)
            if answer.uri == uri and answer.version == version:
                break
        times.append(time.perf_counter() - sent)
        cpu.append(_cpu_seconds(pid) - used)
    peak = _peak_mb(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, cpu, peak


async def _start(path: Path, command: list[str]) -> tuple[float, float]:
    """Seconds from starting the server to the first diagnostics of the file it was given,
    and the server's CPU seconds by then."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("timeline-benchmark", "1")
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_published(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    text = path.read_text(encoding="utf-8")
    began = time.perf_counter()
    await client.start_io(*command, "lsp", "--today", TODAY, cwd=str(path.parent))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(path.resolve().as_uri(), "yaml", 1, text)))
    await asyncio.wait_for(published.get(), 120)
    wall = time.perf_counter() - began
    cpu = _cpu_seconds(client._server.pid if client._server else None)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return wall, cpu


def start(path: Path, runs: int, command: list[str]) -> tuple[float, float]:
    """The median seconds from starting `timeline lsp` to its first diagnostics of ``path``,
    and the median server CPU seconds by then."""
    found = [asyncio.run(_start(path, command)) for _ in range(runs)]
    return statistics.median(w for w, _ in found), statistics.median(c for _, c in found)


def _cpu_seconds(pid: int | None) -> float:
    """The CPU time the server has used (Linux): on a shared machine, steadier than the wall."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _peak_mb(pid: int | None) -> float:
    """The server's peak resident size (Linux), or 0 where it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def latency(path: Path, runs: int, command: list[str]) -> tuple[float, float, float]:
    """The median seconds from a change to its diagnostics, the median CPU seconds the
    server spent on each, and its peak MB."""
    times, cpu, peak = asyncio.run(_latencies(path, runs, command))
    return statistics.median(times), statistics.median(cpu), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    wall, cpu, peak = latency(args.file, args.runs, [sys.executable, "-m", "timeline"])
    print(f"{args.file}: {wall * 1000:.0f} ms from a keystroke to diagnostics, "
          f"{cpu * 1000:.0f} ms of server CPU (medians of {args.runs}); peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
