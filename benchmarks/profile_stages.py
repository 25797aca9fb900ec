"""Profile one `timeline` command in-process with cProfile, for finding where the time goes.

    python benchmarks/profile_stages.py check -f benchmarks/data/events-100000.yaml --today 2026-11-27
    python benchmarks/profile_stages.py --top 40 --sort tottime export --format json -f ...

Prints the heaviest functions (cumulative by default) to stderr; the command's own output is
discarded. Wall times under cProfile run 1.5-3x slow: read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import contextlib
import io
import pstats
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key")
    parser.add_argument("--save", help="also write the raw profile here (for pstats, snakeviz)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="timeline's arguments")
    args = parser.parse_args()

    from timeline.cli import app  # the app itself: its main() leaves with os._exit

    profile = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()):
        profile.enable()
        try:
            app(args.command, prog_name="timeline")
        except SystemExit:
            pass
        profile.disable()
    stats = pstats.Stats(profile, stream=sys.stderr)
    if args.save:
        stats.dump_stats(args.save)
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
