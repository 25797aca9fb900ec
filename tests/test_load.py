"""The loader: scalars stay text, YAML's dangerous features are refused, files are found."""

from __future__ import annotations

import time
from pathlib import Path

from timeline.discover import discover
from timeline.load import load

from conftest import BUNDLED


def load_text(tmp_path: Path, text: str, name: str = "events.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load([Path(name)], tmp_path)


def test_scalars_stay_text(tmp_path):
    result = load_text(tmp_path, """\
cases:
  c: {title: No, docket: 1:25-cv-00766, timezone: America/New_York}
events:
  - date: 2019
    kind: other
    title: 17:30
    case: c
    tags: [yes, 0x1F, 1e3, null, ~]
    sources: [https://example.org/a]
""")
    assert result.diagnostics == []
    case = result.timeline.cases["c"]
    assert case.title == "No"
    assert case.docket == "1:25-cv-00766"
    event = result.timeline.events[0]
    assert event.title == "17:30"
    assert (event.date.year, event.date.month, str(event.date.precision)) == (2019, None, "year")
    assert event.tags == ["yes", "0x1F", "1e3", "null", "~"]


def test_an_alias_bomb_is_refused_without_expanding(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        ref = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([ref] * 9)}]")
    started = time.perf_counter()
    result = load_text(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5  # expanding would take forever, not seconds
    assert [d.code for d in result.diagnostics] == ["T004"]
    assert result.diagnostics[0].line == 1


def test_a_python_tag_never_runs(tmp_path):
    marker = tmp_path / "ran"
    result = load_text(
        tmp_path,
        f"events:\n  - title: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    assert not marker.exists()
    assert [(d.code, d.line, d.col) for d in result.diagnostics] == [("T005", 2, 12)]


def test_several_different_errors_are_reported_in_one_run(tmp_path):
    result = load_text(tmp_path, """\
cases:
  c: {title: C, timezone: Nowhere/City}
events:
  - date: 2025-13-01
    kind: order
    title: Bad month
  - date: 2025-01-01
    kind: ordr
    title: Bad kind
    sources: [missing]
  - date: 2025-01-02
    kind: order
    title: Unknown key
    colour: red
""")
    codes = [(d.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert codes == [(2, "T107"), (4, "T104"), (8, "T201"), (10, "T201"), (14, "T101")]


def test_bom_and_crlf_are_fine(tmp_path):
    text = "events:\r\n  - date: 2025-01-01\r\n    kind: order\r\n    title: T\r\n    sources: [https://a.org/x]\r\n"
    (tmp_path / "events.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = load([Path("events.yaml")], tmp_path)
    assert result.diagnostics == []
    assert result.timeline.events[0].title == "T"


def test_errors_after_a_crlf_line_keep_their_columns(tmp_path):
    (tmp_path / "events.yaml").write_bytes(b"events:\r\n  - date: 2025-02-30\r\n    kind: order\r\n    title: T\r\n")
    result = load([Path("events.yaml")], tmp_path)
    assert [(d.line, d.col, d.code) for d in result.diagnostics][0] == (2, 11, "T104")


def test_includes_merge_files_and_keep_their_paths(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "a.yaml").write_text(
        "cases:\n  a: {title: A}\nevents:\n  - date: 2025-01-01\n    case: a\n    kind: ordr\n    title: T\n"
    )
    result = load_text(tmp_path, "include: [cases/*.yaml]\nevents:\n  - date: 2024-01-01\n    kind: order\n    title: Root\n    case: a\n")
    assert result.timeline.files == ["events.yaml", "cases/a.yaml"]
    assert [str(d).split(": error")[0] for d in result.diagnostics if d.code == "T201"] == [
        "cases/a.yaml:6:11"
    ]


def test_discovery_order(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "events.yaml").write_text("events: []\n")
    (tmp_path / "sub" / "other.yml").write_text("events: []\n")
    (tmp_path / "sub" / "more.yaml").write_text("events: []\n")
    deeper = tmp_path / "sub" / "deeper"
    assert discover([], None, deeper) == [Path("../../events.yaml")]
    assert discover([], "sub/other.yml", tmp_path) == [Path("sub/other.yml")]
    assert discover(["sub"], "ignored.yaml", tmp_path) == [Path("sub/more.yaml"), Path("sub/other.yml")]


def test_the_bundled_file_is_clean():
    result = load([BUNDLED], BUNDLED.parent)
    assert [str(d) for d in result.diagnostics] == []
    assert {"abrego-garcia", "noem-v-abrego-garcia", "jgg"} <= set(result.timeline.cases)
    for case in result.timeline.cases.values():
        assert case.court and case.docket and case.judge and case.timezone
        assert case.jurisdiction and all(j.startswith("US") for j in case.jurisdiction)
    assert all(event.sources for event in result.timeline.events)


def test_a_duplicate_across_a_fast_read_and_an_exact_read_names_a_real_line(tmp_path):
    (tmp_path / "a.yaml").write_text("cases:\n  c: {title: C}\nevents: []\n")
    # A flow mapping over two lines is valid YAML that only the exact reader reads.
    (tmp_path / "b.yaml").write_text(
        "cases:\n  c: {title: D}\nevents:\n  - {date: 2025-01-01, kind: other,\n"
        "     title: T, sources: [https://a.org]}\n"
    )
    result = load([Path("a.yaml"), Path("b.yaml")], tmp_path)
    assert [str(d) for d in result.diagnostics] == [
        "b.yaml:2:3: error: duplicate case id 'c' (first at a.yaml:2) [T202]"
    ]
