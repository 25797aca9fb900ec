"""`timeline show` on a pipe writes the view as plain strings (timeline/render/terminal_plain.py):
the same bytes that Rich printed there, at every width, with and without --details."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

import timeline.render.terminal_plain as terminal_plain
from conftest import BUNDLED, DATA, FIXED_TODAY, REPO

EDGES = """\
cases:
  one: {title: One}
  a-case-id-far-longer-than-its-column: {title: Two}
events:
  - id: wide
    date: 2025-05-05
    case: [one, a-case-id-far-longer-than-its-column]
    kind: hearing
    title: 審理の日程 審理の日程 審理の日程 審理の日程 審理の日程 審理の日程 审理 审理
    sources: [https://a.org]
    details: |
      A paragraph with an unbreakablewordthatislongerthananyconsolelineshouldeverhavetohold
      and more words.

      - an item with 審理の日程 審理の日程 審理の日程 審理の日程
  - id: long
    date: 2025-06
    case: one
    kind: filing
    title: Supercalifragilisticexpialidociousandthensomemorelettersforgoodmeasure short
    certainty: reported
    end: 2026-01-02
    sources: [https://a.org]
"""


def rich_text(timeline_view: object, console: Console) -> str:
    """The view printed by Rich itself, as `show` printed it before the plain writer."""
    out = Console(file=io.StringIO(), width=console.width, color_system=None, highlight=False)
    out.print(timeline_view)
    return out.file.getvalue()  # type: ignore[attr-defined]


def generated(tmp_path_factory: pytest.TempPathFactory) -> str:
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("generated") / "events-1000.yaml"
    path.write_text(module.generate(1000), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    edges = tmp_path_factory.mktemp("edges") / "events.yaml"
    edges.write_text(EDGES, encoding="utf-8")
    return {"bundled": str(BUNDLED), "hostile": str(DATA / "hostile.yaml"),
            "generated": generated(tmp_path_factory), "edges": str(edges)}  # fmt: skip


CASES = [(name, width, details) for name in ("bundled", "hostile", "generated")
         for width in (80, 120) for details in (False, True)]  # fmt: skip
CASES += [("edges", width, details) for width in (10, 20, 24, 33, 40, 80, 200)
          for details in (False, True)]  # fmt: skip
CASES += [("bundled", width, True) for width in (20, 40, 60)]


@pytest.mark.parametrize(("name", "width", "details"), CASES)
def test_plain_writer_prints_what_rich_printed(run, files, monkeypatch, name, width,
                                               details) -> None:  # fmt: skip
    args = ["show", "-f", files[name], "--today", FIXED_TODAY, *(["--details"] if details else [])]
    plain = run(*args, env={"COLUMNS": str(width)})
    monkeypatch.setattr(terminal_plain, "plain_text", rich_text)
    printed = run(*args, env={"COLUMNS": str(width)})
    assert plain.exit_code == printed.exit_code and plain.exit_code in (0, 1), plain.output
    assert plain.stderr == printed.stderr
    assert len(plain.stdout.splitlines()) > 3
    assert plain.stdout == printed.stdout
