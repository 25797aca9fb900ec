"""`timeline lsp` through a real client: pygls's LanguageClient drives the server's stdio.

Every test starts `python -m timeline lsp --today 2026-11-27` as an editor would and speaks
JSON-RPC to it: initialize, open and change documents, ask for hovers, completions,
definitions and references, then shutdown and exit.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pygls")
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from conftest import BUNDLED, FIXED_TODAY  # noqa: E402

WAIT = 60  # seconds: a bound against a hung server, never a measure of speed

# A Juneteenth roll (the README's example): 14 days after Fri 2026-06-05 is Fri 2026-06-19,
# Juneteenth, then a weekend: due Mon 2026-06-22.
JUNETEENTH = """\
version: 1
sources:
  docket: {title: The docket}
cases:
  abrego-garcia:
    title: Abrego Garcia v. Noem
    jurisdiction: US-MD
    timezone: America/New_York
events:
  - id: order
    date: 2026-06-05
    case: abrego-garcia
    kind: order
    title: Order setting a briefing schedule
    sources: [docket]
  - id: brief-due
    kind: deadline
    case: abrego-garcia
    title: Opening brief
    set_by: order
    sources: [docket]
    due: {after: order, days: 14}
"""

# Two mistakes, one after non-ASCII text on its line (an emoji is two UTF-16 units).
TWO_ERRORS = """\
version: 1
sources: {u: {title: U}}
cases:
  c1: {title: Café 😀 v. État}
events:
  - {date: 2025-02-30, case: c1, kind: order, title: Bad day, sources: [u]}
  - {title: "Détention 😀 à Baltimore", case: c1, kind: arest, date: 2025-03-12, sources: [u]}
"""


class Session:
    """One server and its client; what the server published, by document URI."""

    def __init__(self, client: LanguageClient, process_stderr: Any) -> None:
        self.client = client
        self.published: dict[str, asyncio.Queue[types.PublishDiagnosticsParams]] = {}

    def queue(self, uri: str) -> asyncio.Queue[types.PublishDiagnosticsParams]:
        return self.published.setdefault(uri, asyncio.Queue())

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "yaml", 1, text)))
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri),
            [types.TextDocumentContentChangeWholeDocument(text)]))

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        published = await asyncio.wait_for(self.queue(uri).get(), WAIT)
        return list(published.diagnostics)

    async def hover(self, uri: str, line: int, character: int) -> str | None:
        found = await asyncio.wait_for(self.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character))), WAIT)
        return None if found is None else found.contents.value  # type: ignore[union-attr]

    async def complete(self, uri: str, line: int, character: int) -> list[str]:
        found = await asyncio.wait_for(self.client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(uri),
                                   types.Position(line, character))), WAIT)
        items = found.items if isinstance(found, types.CompletionList) else found or []
        return [item.insert_text or item.label for item in items]

    async def definition(self, uri: str, line: int, character: int) -> list[types.Location]:
        found = await asyncio.wait_for(self.client.text_document_definition_async(
            types.DefinitionParams(types.TextDocumentIdentifier(uri),
                                   types.Position(line, character))), WAIT)
        return list(found or [])  # type: ignore[arg-type]

    async def references(self, uri: str, line: int, character: int) -> list[types.Location]:
        found = await asyncio.wait_for(self.client.text_document_references_async(
            types.ReferenceParams(text_document=types.TextDocumentIdentifier(uri),
                                  position=types.Position(line, character),
                                  context=types.ReferenceContext(include_declaration=True))),
            WAIT)
        return list(found or [])


@asynccontextmanager
async def session(cwd: Path, result: dict[str, Any] | None = None) -> AsyncIterator[Session]:
    """A started, initialized server; shut down and exited at the end (its code and stderr
    go into ``result``)."""
    client = LanguageClient("timeline-tests", "1")
    started = Session(client, None)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        started.queue(params.uri).put_nowait(params)

    await client.start_io(sys.executable, "-m", "timeline", "lsp", "--today", FIXED_TODAY,
                          cwd=str(cwd))
    initialized = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=cwd.as_uri())), WAIT)
    started.capabilities = initialized.capabilities  # type: ignore[attr-defined]
    client.initialized(types.InitializedParams())
    try:
        yield started
    finally:
        await asyncio.wait_for(client.shutdown_async(None), WAIT)
        client.exit(None)
        server = client._server
        assert server is not None
        code = await asyncio.wait_for(server.wait(), WAIT)
        stderr = (await server.stderr.read()).decode() if server.stderr else ""
        await client.stop()
        if result is not None:
            result.update(code=code, stderr=stderr)


def run(scenario: Any) -> Any:
    return asyncio.run(scenario)


def check_json(folder: Path, name: str) -> list[dict[str, Any]]:
    done = subprocess.run([sys.executable, "-m", "timeline", "check", name, "--format", "json",
                           "--today", FIXED_TODAY], cwd=folder, capture_output=True, text=True)
    return json.loads(done.stdout)["diagnostics"]  # type: ignore[no-any-return]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def as_lsp(diagnostic: dict[str, Any], text: str) -> tuple[Any, ...]:
    """`check --format json`'s diagnostic as LSP counts it: 0-based line, UTF-16 column."""
    line = text.split("\n")[diagnostic["line"] - 1]
    severity = {"error": 1, "warning": 2}[diagnostic["severity"]]
    return (diagnostic["line"] - 1, utf16(line[: diagnostic["col"] - 1]), diagnostic["code"],
            severity, diagnostic["message"])


def seen(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return [(d.range.start.line, d.range.start.character, d.code, int(d.severity or 0),
             d.message) for d in diagnostics]  # fmt: skip


def test_initialize_announces_what_the_server_does(tmp_path: Path) -> None:
    result: dict[str, Any] = {}

    async def scenario() -> Any:
        async with session(tmp_path, result) as s:
            return s.capabilities  # type: ignore[attr-defined]

    capabilities = run(scenario())
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Full
    assert capabilities.hover_provider and capabilities.definition_provider
    assert capabilities.references_provider and capabilities.completion_provider
    # shutdown then exit: the server ends cleanly, without a word on stderr
    assert result == {"code": 0, "stderr": ""}


def test_open_publishes_checks_diagnostics_then_a_fix_clears_them(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(TWO_ERRORS, encoding="utf-8")
    expected = [as_lsp(d, TWO_ERRORS) for d in check_json(tmp_path, "events.yaml")]
    assert [e[2] for e in expected] == ["T104", "T201"]  # what the file was written to have

    async def scenario() -> tuple[Any, ...]:
        async with session(tmp_path) as s:
            uri = s.open(path, TWO_ERRORS)
            opened = await s.diagnostics(uri)
            s.change(uri, TWO_ERRORS.replace("2025-02-30", "2025-02-28"), 2)
            one_fixed = await s.diagnostics(uri)
            s.change(uri, TWO_ERRORS.replace("2025-02-30", "2025-02-28")
                     .replace("arest", "arrest"), 3)
            all_fixed = await s.diagnostics(uri)
            return opened, one_fixed, all_fixed

    opened, one_fixed, all_fixed = run(scenario())
    assert seen(opened) == expected
    assert seen(one_fixed) == expected[1:]
    assert all_fixed == []


def test_columns_count_utf16_units_after_non_ascii_text(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(TWO_ERRORS, encoding="utf-8")
    number = 6
    line = TWO_ERRORS.split("\n")[number]

    async def scenario() -> list[types.Diagnostic]:
        async with session(tmp_path) as s:
            return await s.diagnostics(s.open(path, TWO_ERRORS))

    unknown = [d for d in run(scenario()) if d.code == "T201"][0]
    # 'arest' is the 56th character (check says col 56); "é", "😀" and "à" come before it,
    # and 😀 takes two UTF-16 units: LSP's character 56, not 55
    assert line.index("arest") == 55
    assert (unknown.range.start.line, unknown.range.start.character) == (number, 56)
    assert (unknown.range.end.line, unknown.range.end.character) == (number, 61)
    assert unknown.message == "unknown kind 'arest'; did you mean 'arrest'?"


def test_the_editors_text_is_checked_not_the_saved_file(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(JUNETEENTH, encoding="utf-8")  # clean on disk
    unsaved = JUNETEENTH.replace("kind: order", "kind: ordr")

    async def scenario() -> list[types.Diagnostic]:
        async with session(tmp_path) as s:
            return await s.diagnostics(s.open(path, unsaved))

    found = run(scenario())
    line = unsaved.split("\n").index("    kind: ordr")
    assert seen(found) == [(line, 10, "T201", 1, "unknown kind 'ordr'; did you mean 'order'?")]


def test_hover_on_a_computed_deadline_shows_its_due_date_status_and_explanation(
        tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(JUNETEENTH, encoding="utf-8")
    lines = JUNETEENTH.split("\n")

    async def scenario() -> tuple[Any, ...]:
        async with session(tmp_path) as s:
            uri = s.open(path, JUNETEENTH)
            assert await s.diagnostics(uri) == []
            on_due = await s.hover(uri, lines.index("    due: {after: order, days: 14}"), 6)
            on_id = await s.hover(uri, lines.index("    set_by: order"), 14)
            on_date = await s.hover(uri, lines.index("    date: 2026-06-05"), 12)
            return on_due, on_id, on_date

    on_due, on_id, on_date = run(scenario())
    assert on_due == "\n".join([
        "Deadline: Opening brief",
        "due: 2026-06-22 (end of day, America/New_York)",
        "status: PASSED 158 days ago · no outcome recorded",
        "trigger: order (order) on 2026-06-05 Fri",
        "count: 14 calendar days after it, not counting the trigger day (Fed. R. Civ. P. 6(a)(1))",
        "day 14: 2026-06-19 Fri",
        "2026-06-19 Juneteenth National Independence Day (legal holiday) -> 2026-06-20",
        "2026-06-20 Saturday -> 2026-06-21",
        "2026-06-21 Sunday -> 2026-06-22",
        "due: 2026-06-22 Mon",
    ])
    assert on_id == "Event order: Order setting a briefing schedule\n2026-06-05 · Order"
    assert on_date == "2026-06-05 Friday\nnot a legal holiday in US-MD (frcp)"


def test_hover_on_a_holiday_names_it(tmp_path: Path) -> None:
    text = JUNETEENTH.replace("date: 2026-06-05", "date: 2026-06-19")
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")

    async def scenario() -> str | None:
        async with session(tmp_path) as s:
            uri = s.open(path, text)
            await s.diagnostics(uri)
            return await s.hover(uri, text.split("\n").index("    date: 2026-06-19"), 12)

    assert run(scenario()) == ("2026-06-19 Friday\nlegal holiday in US-MD: Juneteenth National "
                               "Independence Day (legal holiday)")


def test_completion_offers_case_ids_kinds_periods_and_keys(tmp_path: Path) -> None:
    text = JUNETEENTH.replace("cases:\n", "cases:\n  abrego-appeal: {title: Appeal}\n"
                              "  other: {title: Other}\n")
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    typing = text + "  - case: abr"
    last = typing.count("\n")

    async def scenario() -> tuple[Any, ...]:
        async with session(tmp_path) as s:
            uri = s.open(path, text)
            await s.diagnostics(uri)
            s.change(uri, typing, 2)
            await s.diagnostics(uri)
            cases = await s.complete(uri, last, len("  - case: abr"))
            s.change(uri, text + "  - kind: ord", 3)
            await s.diagnostics(uri)
            kinds = await s.complete(uri, last, len("  - kind: ord"))
            s.change(uri, text + "    due: {after: order, period: bia", 4)
            await s.diagnostics(uri)
            periods = await s.complete(uri, last, len("    due: {after: order, period: bia"))
            s.change(uri, text + "  - id: x\n    se", 5)
            await s.diagnostics(uri)
            keys = await s.complete(uri, last + 1, len("    se"))
            return cases, kinds, periods, keys

    cases, kinds, periods, keys = run(scenario())
    assert cases == ["abrego-appeal", "abrego-garcia"]
    assert kinds == ["order"]
    assert periods == ["bia-appeal"]
    assert keys == ["set_by: "]


def test_completion_in_lists_and_of_tables(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(JUNETEENTH, encoding="utf-8")
    tail = {"  - sources: [doc": ["docket"], "    period: bia": ["bia-appeal"],
            "    certainty: al": ["alleged"], "    status: m": ["met", "missed", "moot"],
            "    rules: fr": ["frap", "frcp"], "  - {kind: order, case: abr": ["abrego-garcia"],
            "  - {kind: order, ti": ["title: "], "    due: {after: ord": ["order"],
            "  - {kind: order, sources: [https://x.org, do": ["docket"], "    jurisdiction: us-m":
            ["US-MA", "US-MD", "US-ME", "US-MI", "US-MN", "US-MO", "US-MP", "US-MS", "US-MT"]}

    async def scenario() -> dict[str, list[str]]:
        got = {}
        async with session(tmp_path) as s:
            uri = s.open(path, JUNETEENTH)
            await s.diagnostics(uri)
            for number, typed in enumerate(tail, start=2):
                text = JUNETEENTH + typed
                s.change(uri, text, number)
                await s.diagnostics(uri)
                got[typed] = await s.complete(uri, text.count("\n"), len(typed))
        return got

    assert run(scenario()) == tail


def test_definition_and_references_of_an_event_id(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(JUNETEENTH, encoding="utf-8")
    lines = JUNETEENTH.split("\n")
    defined = lines.index("  - id: order")
    set_by = lines.index("    set_by: order")
    due = lines.index("    due: {after: order, days: 14}")

    async def scenario() -> tuple[Any, ...]:
        async with session(tmp_path) as s:
            uri = s.open(path, JUNETEENTH)
            await s.diagnostics(uri)
            return (await s.definition(uri, set_by, 15), await s.references(uri, defined, 9),
                    await s.definition(uri, lines.index("    case: abrego-garcia"), 12))

    definition, references, case = run(scenario())
    spans = [(x.uri, x.range.start.line, x.range.start.character, x.range.end.character)
             for x in definition]
    uri = path.as_uri()
    assert spans == [(uri, defined, 8, 13)]
    assert [(x.range.start.line, x.range.start.character) for x in references] == [
        (defined, 8), (set_by, 12), (due, 17)]
    assert [(x.range.start.line, x.range.start.character) for x in case] == [
        (lines.index("  abrego-garcia:"), 2)]


def test_an_included_file_is_checked_with_the_file_that_includes_it(tmp_path: Path) -> None:
    root = JUNETEENTH.replace("events:\n", "include: [more.yaml]\nevents:\n")
    (tmp_path / "events.yaml").write_text(root, encoding="utf-8")
    more = tmp_path / "more.yaml"
    included = ("events:\n  - {id: hearing, date: 2026-07-01, case: abrego-garcia, kind: hearing,"
                " title: Hearing, sources: [docket], set_by: nowhere}\n")
    more.write_text(included.replace(", set_by: nowhere", ""), encoding="utf-8")

    async def scenario() -> tuple[Any, ...]:
        async with session(tmp_path) as s:
            uri = s.open(more, included)  # unsaved: a set_by on a hearing, citing no event
            found = await s.diagnostics(uri)
            target = await s.definition(uri, 1, included.index("abrego-garcia") - 6)
            return found, target

    found, target = run(scenario())
    assert sorted(d.code for d in found) == ["T201", "T203"]  # the case is known: no T201 for it
    assert [(Path(x.uri.removeprefix("file://")).name, x.range.start.line) for x in target] == [
        ("events.yaml", 4)]


def test_without_pygls_the_command_says_what_to_install(tmp_path: Path) -> None:
    probe = ("import sys; sys.modules['pygls'] = None; sys.argv = ['timeline', 'lsp'];"
             "from timeline.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=tmp_path, timeout=WAIT)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == 'timeline lsp needs the lsp extra: pip install -e ".[lsp]"\n'


def _drawn(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` examples of ``strategy``, the same every run."""
    found: list[Any] = []

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found[:count]


HOSTILE = [
    "", "\ufeff", "\x00", "events: [", "a: b: c", "&a x: *a", "!!python/object:os.system x",
    "events:\n  - \u2028\n", "\r\r\r", "😀" * 50, "events:\n" + "  - {}\n" * 3,
    "cases: {c: {title: t}}\nevents:\n  - {case: c, kind: deadline, title: t, due: {after: c}}",
    "include: [/proc/self/fd/0]\n", "include: '**/*'\n", "version: 2\n", "- 1\n- 2\n",
    "events:\n  - {id: a, kind: deadline, title: t, due: {after: a, days: 99999999}}\n",
]


def test_no_input_the_fuzz_tests_feed_the_loader_breaks_the_server(tmp_path: Path) -> None:
    from test_fuzz_cli import long_lines, mutated_bundled
    from test_property import DOCUMENTS

    import yaml

    texts = [*HOSTILE, *(b.decode("utf-8", "surrogatepass") for b in _drawn(mutated_bundled(), 25)),
             *(yaml.safe_dump(d, allow_unicode=True) for d in _drawn(DOCUMENTS, 25)),
             *(b.decode("utf-8") for b in _drawn(long_lines(), 4))]
    result: dict[str, Any] = {}

    async def scenario() -> int:
        answered = 0
        async with session(tmp_path, result) as s:
            for number, text in enumerate(texts):
                uri = s.open(tmp_path / f"doc{number}.yaml", text)
                await s.diagnostics(uri)  # every document gets its diagnostics
                for line in (0, 1, 3):
                    await s.hover(uri, line, 4)
                    await s.complete(uri, line, 4)
                    await s.definition(uri, line, 4)
                answered += 1
            # still answering after all of it
            uri = s.open(tmp_path / "events.yaml", JUNETEENTH)
            assert await s.diagnostics(uri) == []
        return answered

    assert run(scenario()) == len(texts)
    assert result == {"code": 0, "stderr": ""}


def test_a_flood_of_problems_is_capped_as_check_caps_it(tmp_path: Path) -> None:
    text = "events:\n" + "".join(f"  - {{kind: order, title: t, bad{n}: x}}\n" for n in range(1200))
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    expected = [as_lsp(d, text) for d in check_json(tmp_path, "events.yaml")]

    async def scenario() -> list[types.Diagnostic]:
        async with session(tmp_path) as s:
            return await s.diagnostics(s.open(path, text))

    found = run(scenario())
    assert len(expected) == 1000
    assert seen(found[:-1]) == expected
    assert found[-1].message == ("stopped after 1,000 problems, as timeline check does: fix these "
                                 "to see the rest")


def test_the_bundled_file_checks_clean_in_the_editor(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    expected = [as_lsp(d, text) for d in check_json(BUNDLED.parent, "events.yaml")]

    async def scenario() -> list[types.Diagnostic]:
        async with session(BUNDLED.parent) as s:
            return await s.diagnostics(s.open(BUNDLED, text))

    assert seen(run(scenario())) == expected


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
