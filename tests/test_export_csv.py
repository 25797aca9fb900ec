"""`timeline export --format csv`: one row an event, RFC 4180, formulas neutralised."""

from __future__ import annotations

import csv
import io

from conftest import BUNDLED, FIXED_TODAY, assert_golden

from timeline.render.csv_ import COLUMNS, cell, neutralise


def export(run, *args: str) -> str:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "csv", "-f", str(BUNDLED), "--today", FIXED_TODAY, *args)
    assert result.exit_code == 0, result.stderr
    # The bytes: CliRunner's `stdout` turns CRLF into LF.
    return result.stdout_bytes.decode("utf-8")


def parsed(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_golden(run):
    assert_golden("bundled.csv", export(run))


def test_header_and_one_row_per_event(run):
    text = export(run)
    reader = csv.reader(io.StringIO(text, newline=""))
    assert next(reader) == list(COLUMNS)
    rows = list(reader)
    assert len(rows) == 50
    assert all(len(row) == len(COLUMNS) for row in rows)


def test_records_end_in_crlf(run):
    text = export(run)
    assert text.startswith("id,date,precision,end,circa,cases,")
    assert text.split("\n", 1)[0].endswith("explain,status_text\r")
    assert text.endswith("\r\n")


def test_the_may_5_deadline_row_says_passed(run):
    rows = {row["id"]: row for row in parsed(export(run))}
    row = rows["deadline-2025-05-05"]
    assert row["kind"] == "deadline"
    assert row["due"] == "2025-05-05"
    assert row["status"] == "passed"
    # A number, not neutralised text: a spreadsheet reading -571 computes nothing.
    assert row["days"] == "-571"
    assert row["cases"] == "abrego-garcia"
    assert row["case_titles"] == "Abrego Garcia v. Noem"
    assert row["sources"] == "order-2025-04-30; cecot-article"
    assert row["tags"] == "discovery"
    assert row["certainty"] == "reported"
    assert row["set_by"] == "xinis-order-2025-04-30"


def test_fields_of_other_events(run):
    rows = {row["id"]: row for row in parsed(export(run))}
    assert rows["bukele-takes-office"]["precision"] == "year"
    assert rows["bukele-takes-office"]["status"] == ""
    assert rows["bukele-takes-office"]["days"] == ""
    held = rows["abrego-held-in-el-salvador"]
    assert (held["date"], held["end"], held["precision"]) == ("2025-03-15", "2025-06-06", "day")
    assert rows["scotus-administrative-stay"]["cases"] == "noem-v-abrego-garcia; abrego-garcia"
    assert rows["scotus-response-deadline"]["due"] == "2025-04-08T17:00-04:00"
    assert rows["scotus-response-deadline"]["status"] == "met"
    assert rows["scotus-response-deadline"]["met_by"] == "scotus-response-filed"
    assert rows["payments-to-el-salvador"]["circa"] == "true"
    # Details keep their line breaks inside one quoted cell.
    assert rows["cecot-opens"]["details"].startswith("Figures given in the article:\n\n- eight")


def test_filters_apply(run):
    rows = parsed(export(run, "--case", "jgg"))
    assert rows and all(row["cases"] == "jgg" for row in rows)
    assert len(rows) == 9  # every event of the J.G.G. case in events.yaml


def test_output_file_matches_stdout(run, tmp_path):
    export(run, "-o", "out.csv")
    written = (tmp_path / "out.csv").read_bytes()
    assert written == export(run).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_neutralise_formula_starts():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    for text in ("1-1", "a=b", "", "'quoted", " =x"):
        assert neutralise(text) == text


def test_numbers_stay_numbers_and_empty_is_empty():
    assert cell(-571) == -571
    assert cell(None) == ""
    assert cell("-571") == "'-571"
