"""The diagnostic codes: the ones listed in diagnostics.CODES, in the README, and emitted agree."""

from __future__ import annotations

import re
from pathlib import Path

from timeline.diagnostics import CODES

from conftest import REPO

PACKAGE = REPO / "timeline"
CODE = re.compile(r"[TW]\d{3}")
# A code as the source emits it: a quoted literal, whether passed to Diagnostic(...),
# Context.report(...), model._fail(...) or kept in a variable first.
EMITTED = re.compile(r"""["']([TW]\d{3})["']""")


def readme_table() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Diagnostic codes"):]
    section = section[: section.index("\n#", 1)]
    rows = re.findall(r"^\| `([TW]\d{3})` \| (.*?) \|$", section, re.MULTILINE)
    assert len(rows) == len({code for code, _ in rows}), "a code listed twice in the README"
    return dict(rows)


def emitted_codes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue  # CODES itself: the list under test, not an emission
        for code in EMITTED.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(REPO)))
    return found


def test_the_readme_table_is_parsed():
    table = readme_table()
    assert {"T001", "T104", "T202", "W303"} <= set(table)
    assert all(meaning.strip() for meaning in table.values())


def test_codes_lists_exactly_the_readme_codes():
    assert set(CODES) == set(readme_table())


def test_codes_means_what_the_readme_says():
    table = readme_table()
    assert {code: CODES[code] for code in table if code in CODES} == {
        code: meaning for code, meaning in table.items() if code in CODES
    }


def test_every_listed_code_is_emitted_and_every_emitted_code_is_listed():
    emitted = emitted_codes()
    assert set(emitted) == set(CODES), {
        "listed, never emitted": sorted(set(CODES) - set(emitted)),
        "emitted, not listed": {code: emitted[code] for code in set(emitted) - set(CODES)},
    }


def test_every_code_is_well_formed_and_a_warning_code_starts_with_w():
    assert all(CODE.fullmatch(code) for code in CODES)
    # The checks decide a diagnostic's severity from its code's first letter.
    assert all(CODES[code].startswith("warning:") == code.startswith("W") for code in CODES)

