"""The language server: pygls speaks the protocol; the answers come from the modules beside.

Diagnostics are `timeline check`'s for the timeline as the editor has it. A change waits
``debounce`` seconds for the next keystroke (an older wait is cancelled), then the timeline is
loaded in a worker thread, so that hovers and completions are answered while it loads; a
result overtaken by a newer change is dropped.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from timeline import __version__
from timeline.deadlines.status import TodayFor
from timeline.diagnostics import Diagnostic, Severity
from timeline.lsp import completion, definitions, hover
from timeline.lsp.index import FileIndex, Occurrence, TimelineIndex, build
from timeline.lsp.positions import UTF16, from_lsp, to_lsp, token_end
from timeline.lsp.workspace import Checked, check_document
from timeline.positions import Lines

DEBOUNCE = 0.15  # seconds: long enough to skip most keystrokes of a word, short to the eye


class TimelineServer(LanguageServer):
    def __init__(self, today: Callable[[], date], today_for: TodayFor,
                 debounce: float = DEBOUNCE) -> None:
        # Whole texts on every change: pygls applies ranges with str.splitlines, which also
        # breaks lines at U+2028 and others that the protocol does not count.
        super().__init__("timeline", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.today, self.today_for, self.debounce = today, today_for, debounce
        self.texts: dict[Path, str] = {}
        self.versions: dict[Path, int | None] = {}
        self.roots: dict[Path, Path] = {}  # document -> the root it was last checked from
        self.checked: dict[Path, Checked] = {}  # document -> its last check
        self.contexts: dict[int, hover.Context] = {}  # id(Checked) -> what answers read
        self.published: dict[Path, set[Path]] = {}  # root -> files given diagnostics
        self.indexes: dict[Path, tuple[str, FileIndex]] = {}  # file -> last text that read
        self.waiting: dict[Path, asyncio.Task[None]] = {}
        self.generation: dict[Path, int] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-check")

    # -- diagnostics -------------------------------------------------------------------------

    def schedule(self, path: Path, delay: float) -> None:
        """Check ``path`` after ``delay`` seconds, cancelling a check still waiting."""
        older = self.waiting.pop(path, None)
        if older is not None:
            older.cancel()
        self.generation[path] = self.generation.get(path, 0) + 1
        self.waiting[path] = asyncio.ensure_future(self._check_later(path, delay,
                                                                     self.generation[path]))

    async def _check_later(self, path: Path, delay: float, generation: int) -> None:
        if delay:
            await asyncio.sleep(delay)
        texts = dict(self.texts)
        version = self.versions.get(path)
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(
            self.worker, check_document, path, texts, self.today(), self.roots)
        if self.generation.get(path) != generation or path not in self.texts:
            return  # a newer change is on its way, or the document was closed
        self.waiting.pop(path, None)
        self.checked[path] = checked
        self.publish(checked, path, version)

    def publish(self, checked: Checked, document: Path, version: int | None) -> None:
        by_file = checked.by_file()
        texts = {checked.path_of(r.path): r.text for r in checked.result.files}
        for path in self.published.get(checked.root, set()) - set(by_file):
            by_file[path] = []  # fixed, or no longer read: cleared
        for path, found in by_file.items():
            lines = Lines(self.texts.get(path, texts.get(path, "")))
            diagnostics = [self._diagnostic(lines, d) for d in found]
            if path == document and checked.result.truncated:
                diagnostics.append(types.Diagnostic(
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                    message=f"stopped after {len(checked.result.diagnostics):,} problems, as "
                    "timeline check does: fix these to see the rest",
                    severity=types.DiagnosticSeverity.Information, source="timeline"))
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=from_fs_path(str(path)) or path.as_uri(), diagnostics=diagnostics,
                version=version if path == document else None))
        self.published[checked.root] = {path for path, found in by_file.items() if found}

    def _diagnostic(self, lines: Lines, found: Diagnostic) -> types.Diagnostic:
        encoding = self.encoding
        start = to_lsp(lines, found.line, found.col, encoding)
        end = to_lsp(lines, found.line, token_end(lines, found.line, found.col), encoding)
        severity = (types.DiagnosticSeverity.Error if found.severity is Severity.ERROR
                    else types.DiagnosticSeverity.Warning)  # fmt: skip
        return types.Diagnostic(
            range=types.Range(types.Position(*start), types.Position(*end)),
            message=found.message, severity=severity, code=found.code, source="timeline")

    @property
    def encoding(self) -> str:
        try:
            chosen = self.server_capabilities.position_encoding
        except Exception:  # noqa: BLE001 - before initialize: the protocol's default
            chosen = None
        return str(chosen.value if hasattr(chosen, "value") else chosen or UTF16)

    # -- answers ----------------------------------------------------------------------------

    def context(self, path: Path, typing: int | None = None) -> hover.Context | None:
        """What the answers for ``path`` read; ``typing``: the 1-based line being typed, left
        out of the document's index when the text does not read with it."""
        checked = self.checked.get(path)
        if checked is None:
            return None
        context = self.contexts.get(id(checked))
        if context is None:
            self.contexts = {}  # only the latest load's answers are kept
            context = hover.Context(checked, TimelineIndex(), self.today_for)
            self.contexts[id(checked)] = context
        for record in checked.result.files:
            file = checked.path_of(record.path)
            text = self.texts.get(file, record.text)
            index = self.index(file, text)
            if index is None and file == path and typing is not None:
                starts = Lines(text).starts
                after = text[starts[typing] :] if typing < len(starts) else ""
                index = build(text[: starts[typing - 1]] + after)
            if index is None:
                index = self.index(file, _read(file))  # the saved file, for its ids
            if index is not None:
                context.index.files[file] = index
        return context

    def index(self, path: Path, text: str) -> FileIndex | None:
        kept = self.indexes.get(path)
        if kept is not None and kept[0] == text:
            return kept[1]
        built = build(text)
        if built is None:
            return kept[1] if kept is not None else None
        self.indexes[path] = (text, built)
        return built

    def where(self, uri: str, position: types.Position) -> tuple[Path, Lines, int, int]:
        path = _path(uri)
        lines = Lines(self.texts.get(path, ""))
        line, col = from_lsp(lines, position.line, position.character, self.encoding)
        return path, lines, line, col

    def location(self, path: Path, found: Occurrence) -> types.Location:
        lines = Lines(self.texts.get(path) or _read(path))
        start = to_lsp(lines, found.line, found.col, self.encoding)
        end = to_lsp(lines, found.line, found.end, self.encoding)
        return types.Location(uri=from_fs_path(str(path)) or path.as_uri(),
                              range=types.Range(types.Position(*start), types.Position(*end)))


def _path(uri: str) -> Path:
    return Path(to_fs_path(uri) or uri)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def make_server(today: Callable[[], date], today_for: TodayFor,
                debounce: float = DEBOUNCE) -> TimelineServer:
    """The server, its features registered."""
    server = TimelineServer(today, today_for, debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TimelineServer, params: types.DidOpenTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        ls.texts[path] = params.text_document.text
        ls.versions[path] = params.text_document.version
        ls.schedule(path, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TimelineServer, params: types.DidChangeTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        for change in params.content_changes:  # full sync: the last one is the whole text
            ls.texts[path] = change.text
        ls.versions[path] = params.text_document.version
        ls.schedule(path, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TimelineServer, params: types.DidSaveTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path in ls.texts:
            ls.schedule(path, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TimelineServer, params: types.DidCloseTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        ls.texts.pop(path, None)
        ls.checked.pop(path, None)
        waiting = ls.waiting.pop(path, None)
        if waiting is not None:
            waiting.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: TimelineServer, params: types.HoverParams) -> types.Hover | None:
        path, _lines, line, col = ls.where(params.text_document.uri, params.position)
        context = ls.context(path)
        text = hover.hover(context, path, line, col) if context is not None else None
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.PlainText,
                                                        value=text))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[":", " ", "[", ","]))
    def on_completion(ls: TimelineServer, params: types.CompletionParams) -> types.CompletionList:
        path, lines, line, col = ls.where(params.text_document.uri, params.position)
        context = ls.context(path, typing=line)
        index = context.index if context is not None else TimelineIndex()
        items = []
        for value in completion.complete(lines, line, col, index):
            key = value.endswith(": ")  # a key, offered with its colon
            items.append(types.CompletionItem(
                label=value[:-2] if key else value, insert_text=value,
                kind=types.CompletionItemKind.Property if key else types.CompletionItemKind.Value))
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: TimelineServer, params: types.DefinitionParams) -> list[types.Location]:
        path, _lines, line, col = ls.where(params.text_document.uri, params.position)
        context = ls.context(path)
        if context is None:
            return []
        return [ls.location(p, found)
                for p, found in definitions.definition(context.index, path, line, col)]

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def on_references(ls: TimelineServer, params: types.ReferenceParams) -> list[types.Location]:
        path, _lines, line, col = ls.where(params.text_document.uri, params.position)
        context = ls.context(path)
        if context is None:
            return []
        found = definitions.references(context.index, path, line, col,
                                       params.context.include_declaration)
        return [ls.location(p, occurrence) for p, occurrence in found]

    return server


def serve(today: Callable[[], date], today_for: TodayFor, **options: Any) -> None:
    """Answer the editor over stdin and stdout until it says exit."""
    make_server(today, today_for, **options).start_io()
