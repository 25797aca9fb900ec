"""The csv export opened in LibreOffice Calc with its Text Import dialog's defaults (tab, comma and
semicolon as separators, UTF-8, formulas evaluated), saved as .xlsx and read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import clients
import sheets
from conftest import BUNDLED, FIXED_TODAY

from timeline.render.csv_ import COLUMNS

CERTAINTY = COLUMNS.index("certainty")
TITLE = COLUMNS.index("title")
DAYS = COLUMNS.index("days")
HOSTILE = {
    "tab-formula": "\\t=1+1",
    "formula": "=1+1",
    "dde": "=cmd|' /C calc'!A0",
    "at": "@SUM(1;2)",
    "minus": "-2+3",
    "plus": "+4",
    "lists": "one; two, three\\tfour",
}


def export(run, path: Path, out: Path, today: str = FIXED_TODAY) -> Path:  # type: ignore
    result = run("export", "--format", "csv", "-f", str(path), "--today", today, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def hostile_file(write) -> Path:  # type: ignore[no-untyped-def]
    lines = ["people:", "  a: {name: A}", "  b: {name: B}", "events:"]
    for name, title in HOSTILE.items():
        lines.append(f'  - {{id: {name}, date: 2025-05-05, kind: deadline, title: "{title}",'
                     " people: [a, b], tags: [x, y], certainty: reported}")
    return write("\n".join(lines) + "\n")


def calc(csv_file: Path, tmp_path: Path) -> tuple[list[list[str]], list[dict[int, sheets.Cell]]]:
    """The file as Python's csv reads it, and the rows LibreOffice made of it."""
    with csv_file.open(newline="", encoding="utf-8") as handle:
        expected = list(csv.reader(handle))
    book = clients.soffice_convert(csv_file, "xlsx", tmp_path / "calc")
    return expected, sheets.rows(book)


def test_calc_puts_every_field_of_the_bundled_file_in_its_column(run, tmp_path):
    expected, got = calc(export(run, BUNDLED, tmp_path / "bundled.csv"), tmp_path)
    assert len(got) == len(expected) == 51  # the header and the 50 bundled events
    for want, row in zip(expected[1:], got[1:]):
        assert max(row) < len(COLUMNS), f"{want[0]}: {len(row)} cells"
        assert row[0].value == want[0]
        assert row[CERTAINTY].value == want[CERTAINTY] != ""
        assert row[TITLE].value == want[TITLE]
        for index, text in enumerate(want):
            if ";" in text or "," in text or "\t" in text:
                assert row[index].value == text, (want[0], COLUMNS[index])
        assert not [cell for cell in row.values() if cell.formula is not None]
    passed = {row[0].value: row for row in got[1:]}["deadline-2025-05-05"][DAYS]
    assert (passed.kind, passed.value) == ("n", "-571")


def test_calc_runs_no_formula_and_shifts_no_column_of_a_hostile_title(run, write, tmp_path):
    expected, got = calc(export(run, hostile_file(write), tmp_path / "hostile.csv"), tmp_path)
    assert len(got) == len(expected) == len(HOSTILE) + 1
    formulas = [(row[0].value, cell.formula) for row in got for cell in row.values()
                if cell.formula is not None]  # fmt: skip
    assert formulas == []
    for row in got[1:]:
        title = HOSTILE[row[0].value].replace("\\t", "\t")
        assert max(row) < len(COLUMNS)
        assert row[CERTAINTY].value == "reported"
        assert row[COLUMNS.index("people")].value == "a; b"
        # Text that a spreadsheet would run starts with the guard; LibreOffice shows it as text.
        shown = row[TITLE].value
        assert shown == ("'" + title if title[0] in "=+-@\t" else title)


def test_calc_keeps_the_guard_when_it_saves_the_sheet_as_csv_again(run, write, tmp_path):
    source = export(run, hostile_file(write), tmp_path / "hostile.csv")
    again = clients.soffice_convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1",
                                    tmp_path / "again")  # fmt: skip
    rows = list(csv.reader(io.StringIO(again.read_text(encoding="utf-8"), newline="")))
    titles = {row[0]: row[TITLE] for row in rows[1:]}
    assert titles["formula"] == "'=1+1" and titles["tab-formula"] == "'\t=1+1"
    assert titles["dde"] == "'=cmd|' /C calc'!A0"


def test_the_check_can_fail_an_unquoted_list_shifts_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,people,certainty\r\nx,a; b,reported\r\ny,=1+1,z\r\n", encoding="utf-8")
    _, got = calc(bad, tmp_path)
    assert got[1][2].value == " b"
    assert got[2][1].formula == "1+1"
