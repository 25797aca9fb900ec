"""The fast reader's scans are linear on every input (issue 10, item 6).

A long line of unclosed ``[`` in a block text took 17 s for 40,000 characters and over five
minutes for a MiB: each opener looked its whole line over again. The bounds here are far
above the expected times (about a second for a MiB, alone on the machine).
"""

from __future__ import annotations

import time

import pytest

from test_fast_path import assert_reads_agree

EVENT = """\
version: 1
events:
  - date: 2025-01-01
    kind: order
    title: x
    sources: [https://example.org/a]
"""
MIB = 1 << 20


def test_check_on_a_mib_of_unclosed_brackets_in_a_block_text(run, write):
    write(EVENT + "    details: |\n      " + "[" * MIB + "\n")
    started = time.perf_counter()
    result = run("check")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "events.yaml: 1 event in 0 cases; 0 errors, 0 warnings\n"
    assert elapsed < 20


# Where a long line can stand: in a block text, as a plain value, as an event's title.
PLACES = {
    "block": EVENT + "    details: |\n      ",
    "value": "version: 1\nx: ",
    "title": "version: 1\nevents:\n  - kind: order\n    date: 2025-01-01\n    title: ",
}
# What the scans look for, alone and in the pairs that made them look further.
RUNS = ["[", "{", '"', "'", "#", ":", "&", "*", "!", "|", ">", "?", "-", ",", " #", ": ",
        "- |", "-| #", "[ #", "{a: ", '" ', "' ", "? ", "null ", "[a, ", "a: [", " "]


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("mark", RUNS)
def test_a_long_line_of_marks_is_scanned_in_linear_time(place, mark):
    text = PLACES[place] + mark * (MIB // 8 // len(mark)) + "\n"
    started = time.perf_counter()
    assert_reads_agree(text)  # the fast reader refuses or reads as the exact one does
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    "text",
    [
        # Many lines of openers in one block text, each asking whether it is in a block text.
        EVENT + "    details: |\n" + "      [ {\n" * 50_000,
        # Deep indentation, every line an unclosed opener.
        "version: 1\nevents:\n" + "".join(" " * (i % 60) + "a: [\n" for i in range(50_000)),
        # A block text to the end of a file without a final line break, over long lines.
        EVENT + "    details: |\n" + ("      " + "|" * 1000 + "\n") * 200 + "      end",
    ],
    ids=["block-lines", "indentation", "block-to-the-end"],
)
def test_many_lines_are_scanned_in_linear_time(text):
    started = time.perf_counter()
    assert_reads_agree(text)
    assert time.perf_counter() - started < 10
