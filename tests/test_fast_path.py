"""The fast path (ryml reader + native validator) and the exact path agree on everything.

The promise: when the fast path finds nothing to report, the exact path finds nothing either
and builds the same model, with the same event positions; whenever either has something to
report, the user gets the exact path's diagnostics. Checked on the bundled file, generated
files, every bad file of test_check_rejections.py, tricky YAML, and random damage.
"""

from __future__ import annotations

import importlib.util
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from timeline import fastmodel, fastyaml, load as loader
from timeline.model import FileModel
from timeline.yamltree import read_yaml

from conftest import BUNDLED, REPO
from test_check_rejections import CASES, FILE_LEVEL, HEAD
from test_positions import POSITIONED

TODAY = date(2026, 11, 27)

pytestmark = pytest.mark.skipif(not fastyaml.available(), reason="rapidyaml is not installed")


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATED = _generator().generate(400)


def plain(value: Any) -> Any:
    """A tree as plain values; the fast reader's booleans are the texts true and false."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def assert_reads_agree(text: str) -> bool:
    """If the fast reader vouches for ``text``, the exact reader reads the same; say if it did."""
    fast = fastyaml.read_fast(text)
    diagnostics: list[Any] = []
    exact = read_yaml(text, "events.yaml", diagnostics)
    if fast is None:
        return False
    assert diagnostics == [], "the fast reader accepted what the exact one refuses"
    assert plain(fast) == plain(exact)
    if isinstance(exact, dict) and isinstance(exact.get("events"), list):
        assert fast["events"].item_pos == exact["events"].item_pos
    return True


def both_paths(folder: Path, names: tuple[str, ...] = ("events.yaml",)) -> tuple[Any, Any]:
    """The fast path's result (None when it refused the files) and the exact path's."""
    paths = [Path(name) for name in names]
    try:
        fast = loader._load(paths, folder, TODAY, None, fast=True)
    except loader._FastPathRefused:
        fast = None
    exact = loader._load(paths, folder, TODAY, None, fast=False)
    return fast, exact


def stands(fast: Any) -> bool:
    """Whether ``load`` keeps the fast path's result (every diagnostic at a known position)."""
    return fast is not None and all(d.line > 0 for d in fast.diagnostics)


def assert_same_result(fast: Any, exact: Any) -> None:
    assert fast.timeline == exact.timeline
    assert [(r.path, r.model, r.event_index) for r in fast.files] == [
        (r.path, r.model, r.event_index) for r in exact.files
    ]


# Every key the rule sets brought: case rules: and a list of jurisdictions, before:, period:,
# service:, clerk:, and closures written as a day and as a mapping.
RULE_SETS_FILE = """\
closures:
  - 2026-03-10
  - {date: 2026-03-11, cases: [district]}
  - {date: 2026-03-12, rules: [scotus, eoir]}
cases:
  district: {title: D. Md. case, rules: frcp, jurisdiction: US-MD}
  appeal: {title: 4th Cir. appeal, rules: frap, jurisdiction: [US-MD, US-VA]}
  removal: {title: Removal proceedings, rules: eoir}
events:
""" + "".join(f"""\
  - id: t{i}
    date: 2026-0{1 + i % 9}-1{i % 10}
    case: district
    kind: order
    title: Trigger {i}
    sources: [https://example.org/{i}]
  - id: d{i}
    case: [district, appeal]
    kind: deadline
    title: Deadline {i}
    due: {due}
    sources: [https://example.org/{i}]
""" for i, due in enumerate([
    "{after: t0, days: 14, service: mail}", "{after: t1, period: answer}",
    "{before: t2, days: 7}", "{after: t3, period: notice-of-appeal, clerk: US-VA}",
    "{after: t4, period: cert-petition}", "{before: t5, period: prehearing-filing}",
    "{after: t6, days: 10, rules: frap, service: carrier, clerk: US-VA}",
    "{after: t7, hours: 48, rules: crim}",
] * 5))


@pytest.mark.parametrize("name,text", [("bundled", BUNDLED.read_text(encoding="utf-8")),
                                       ("generated", GENERATED),
                                       ("rule sets", RULE_SETS_FILE)])  # fmt: skip
def test_valid_files_take_the_fast_path_and_give_the_same_model(tmp_path, name, text):
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    assert assert_reads_agree(text), "the fast reader should vouch for this file"
    fast, exact = both_paths(tmp_path)
    assert fast.diagnostics == exact.diagnostics == []
    assert_same_result(fast, exact)
    assert len(fast.timeline.events) > 30
    assert loader.load([Path("events.yaml")], tmp_path, TODAY).timeline == exact.timeline


def test_the_generated_file_in_windows_line_endings(tmp_path):
    text = GENERATED.replace("\n", "\r\n")
    (tmp_path / "events.yaml").write_bytes(text.encode("utf-8"))
    assert assert_reads_agree(text)
    fast, exact = both_paths(tmp_path)
    assert fast.diagnostics == exact.diagnostics == []
    assert_same_result(fast, exact)


BAD_FILES = [(name, HEAD + events) for name, events, _ in CASES] + [
    (name, text) for name, text, _ in FILE_LEVEL
]


@pytest.mark.parametrize("name,text", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_every_bad_file_gets_the_exact_diagnostics(tmp_path, name, text):
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    assert_reads_agree(text)
    fast, exact = both_paths(tmp_path)
    assert exact.diagnostics, "each of these files has something to report"
    assert fast is None or fast.diagnostics, "the fast path passed a file the exact one rejects"
    if stands(fast):  # reported at events' starts only: the same lines as the exact path's
        assert fast.diagnostics == exact.diagnostics
        assert_same_result(fast, exact)
    assert loader.load([Path("events.yaml")], tmp_path, TODAY).diagnostics == exact.diagnostics


@pytest.mark.parametrize("name,text", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_the_native_validator_accepts_and_builds_exactly_what_the_model_does(name, text):
    tree = read_yaml(text, "events.yaml", [])
    if tree is None:
        return  # a YAML error: nothing reaches a validator
    try:
        expected = FileModel.model_validate(tree)
    except ValidationError:
        with pytest.raises(ValidationError):
            fastmodel.validate(tree)
        return
    assert fastmodel.validate(tree) == expected


# Texts the fast reader must either refuse or read exactly as the exact reader does.
TRICKY = {
    "anchor and alias": "sources:\n  a: &s {title: A}\n  b: *s\n",
    "tag": "version: !!str 1\n",
    "local tag": "sources:\n  a: ! {title: A}\n",
    "null written out": "events:\n  - kind: order\n    title: T\n    details: null\n",
    "null in a list": "events:\n  - kind: order\n    title: T\n    tags: [a, null]\n",
    "duplicate key in an event": "events:\n  - kind: order\n    kind: ruling\n    title: T\n",
    "duplicate top-level key": "events: []\nevents: []\n",
    "float": "events:\n  - kind: order\n    title: .5\n",
    "number kept as written": "events:\n  - kind: order\n    title: -0\n    tags: [007, 1e3, +1]\n",
    "booleans": "events:\n  - kind: order\n    title: true\n    circa: false\n    tags: [True, no]\n",
    "tab": "events:\n  - kind: order\n    title: a\tb\n",
    "NEL": "events:\n  - kind: order\n    title: a\x85b\n",
    "line separator": "events:\n  - kind: order\n    title: \"a\u2028b\"\n",
    "lone CR": "events:\n  - kind: order\r    title: T\n",
    "BOM inside": "events:\n  - kind: order\n    title: \ufeffT\n",
    "control character": "events:\n  - kind: order\n    title: a\x07b\n",
    "two documents": "events: []\n---\nevents: []\n",
    "document marker": "---\nevents:\n  - kind: order\n    title: T\n",
    "flow events": "events: [{kind: order, title: T}]\n",
    "dash on its own line": "events:\n  -\n    kind: order\n    title: T\n",
    "comment after a dash": "events:\n  - # the first\n    kind: order\n    title: T\n",
    "quoted text over lines with a dash":
        "events:\n  - kind: order\n    title: \"a\n  - b\"\n  - kind: order\n    title: T\n",
    "indentless list": "events:\n- kind: order\n  title: T\n- kind: ruling\n  title: U\n",
    "events first": "events:\n  - kind: order\n    title: T\ncases:\n  c: {title: C}\n",
    "escapes": "events:\n  - kind: order\n    title: \"\\x41\\u00e9\\t\\\\ \\/ \\N\\_\"\n",
    "folded and literal": "events:\n  - kind: order\n    title: >-\n      a\n      b\n\n      c\n"
                          "    details: |+\n      x\n\n",
    "plain over lines": "events:\n  - kind: order\n    title: a\n      b\n      c\n",
    "long key": "events:\n  - " + "k" * 1100 + ": x\n",
    "quoted key": "events:\n  - \"kind\": order\n    title: T\n",
    "empty values": "sources:\nevents:\n  - kind: order\n    title: T\n    details:\n    tags: []\n",
    "key with colon": "events:\n  - kind: order\n    a:b: c\n    title: T\n",
    "unicode": "events:\n  - kind: order\n    title: Café — «naïve» 日本 🙂\n",
    "not a mapping": "- a\n- b\n",
    "empty file": "",
    "comment only": "# nothing\n",
    "syntax error": "events:\n  - kind: [order\n",
    "indentation error": "events:\n  - kind: order\n   title: T\n",
    "nested too deep": "events:\n  - kind: order\n    tags: " + "[" * 5000 + "]" * 5000 + "\n",
    "quoted text over lines": "events:\n  - kind: order\n    title: \"multi\n      line\"\n",
    "flow list over lines": "events:\n  - kind: order\n    title: T\n    tags: [a,\n      b]\n",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_yaml_is_refused_or_read_the_same(text):
    assert_reads_agree(text)


@pytest.mark.parametrize("name", ["anchor and alias", "tag", "local tag", "null written out",
                                  "duplicate key in an event", "float", "tab", "NEL",
                                  "two documents", "flow events", "long key", "syntax error",
                                  "nested too deep", "quoted text over lines",
                                  "flow list over lines", "document marker"])  # fmt: skip
def test_what_the_json_route_would_lose_is_refused(name):
    assert fastyaml.read_fast(TRICKY[name]) is None


@pytest.mark.parametrize("name", ["indentless list", "events first", "escapes", "unicode",
                                  "folded and literal", "booleans", "quoted key"])  # fmt: skip
def test_ordinary_yaml_is_vouched_for(name):
    assert assert_reads_agree(TRICKY[name])


def _written(tmp_path: Path, text: str) -> tuple[Any, Any]:
    """What ``load`` gives for ``text`` as events.yaml, and what the exact path alone gives."""
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    exact = loader._load([Path("events.yaml")], tmp_path, TODAY, None, fast=False)
    return loader.load([Path("events.yaml")], tmp_path, TODAY), exact


ONE_EVENT = HEAD + "  - date: 2025-01-02\n    kind: other\n    sources: [src]\n"

# ryml's JSON writer turns these plain texts into .nan, .inf and -.inf.
NOT_NUMBERS = ["nan", "inf", "-inf", "infinity", ".NaN", ".NAN", ".Inf", ".INF", "-.Inf",
               ".nan", "-.inf"]  # fmt: skip


@pytest.mark.parametrize("word", NOT_NUMBERS)
def test_nan_and_inf_are_kept_as_written(tmp_path, word):
    text = ONE_EVENT + f"    title: {word}\n    details: {word}\n    tags: [{word}, x]\n"
    assert fastyaml.read_fast(text) is None
    assert_reads_agree(text)
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics == []
    event = result.timeline.events[0]
    assert (event.title, event.details, event.tags) == (word, word, [word, "x"])
    assert_same_result(result, exact)


def test_nan_as_a_key_is_kept_as_written():
    text = "sources:\n  nan: {title: A source}\n  .inf: {title: B}\nevents: []\n"
    assert fastyaml.read_fast(text) is None
    assert assert_reads_agree(text) is False


def test_words_that_only_look_like_nan_take_the_fast_path():
    text = ONE_EVENT + "    title: NaN\n    details: x.inf\n    tags: [Nan, Infinity, nana]\n"
    assert assert_reads_agree(text)


@pytest.mark.parametrize("text", [
    "...\n" + ONE_EVENT + "    title: T\n",
    "---\n" + ONE_EVENT + "    title: T\n",
    "%YAML 1.1\n---\n" + ONE_EVENT + "    title: T\n",
    ONE_EVENT + "    title: T\n...\n",
    ONE_EVENT + "    title: T\n---\n",
    ONE_EVENT + "    title: T\n... # end\n",
], ids=["end marker first", "start marker", "directive", "end marker last", "second document",
        "end marker with a comment"])  # fmt: skip
def test_a_document_marker_or_directive_line_sends_the_file_to_the_exact_reader(tmp_path, text):
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics
    assert_same_result(result, exact)


def test_an_end_marker_at_the_top_is_a_syntax_error(tmp_path):
    result, _ = _written(tmp_path, "...\n" + ONE_EVENT + "    title: T\n")
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [(1, 1, "T002")]
    assert result.diagnostics[0].message == (
        "'...' marks a YAML document's start or end: delete this line")


FLOW_OVER_LINES = {
    "key broken in a flow mapping":
        HEAD + "  - {date: 2025-01-02, kind: other, sources: [src],\n     title\n    : t}\n",
    "flow mapping over lines": "sources: {src: {title: S},\n  s2?: {title: T}}\n"
        + HEAD[HEAD.index("people:"):]
        + "  - {date: 2025-01-02, kind: other, title: t, sources: [src, s2?]}\n",
    "flow list over lines": ONE_EVENT + "    title: T\n    tags: [a,\n      b]\n",
    "nested flow over lines":
        ONE_EVENT + "    title: T\n    due: {after: x, days: [7,\n      8]}\n",
    "flow deeper than three": ONE_EVENT + "    title: T\n    tags: [[[[a]]]]\n",
}  # fmt: skip


@pytest.mark.parametrize("text", FLOW_OVER_LINES.values(), ids=FLOW_OVER_LINES.keys())
def test_a_flow_collection_over_lines_goes_to_the_exact_reader(tmp_path, text):
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics
    assert_same_result(result, exact)


def test_a_key_broken_in_a_flow_mapping_is_the_exact_readers_syntax_error(tmp_path):
    result, _ = _written(tmp_path, FLOW_OVER_LINES["key broken in a flow mapping"])
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [(11, 5, "T002")]


QUOTED_OVER_LINES = {
    "escaped break and blank line": ('"a\n      b\\\n\n      c"', "a b\nc"),
    "escaped break and spaces": ('"a\n      b\\\n     \n       c"', "a b\nc"),
    "double quotes": ('"a\n      b"', "a b"),
    "single quotes": ("'it''s\n\n      over'", "it's\nover"),
    "escaped quote then a break": ('"say \\"hi\\"\n      there"', 'say "hi" there'),
}  # fmt: skip


@pytest.mark.parametrize("quoted,title", QUOTED_OVER_LINES.values(), ids=QUOTED_OVER_LINES.keys())
def test_a_quoted_text_over_lines_is_read_by_the_exact_reader(tmp_path, quoted, title):
    text = ONE_EVENT + f"    title: {quoted}\n"
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics == []
    assert result.timeline.events[0].title == title
    assert_same_result(result, exact)


SURROGATES = ["\\ud800", "\\uDFFF", "\\U0000d800", "\\ud83d\\ude00"]


@pytest.mark.parametrize("escape", SURROGATES)
def test_an_escaped_surrogate_is_the_exact_readers_syntax_error(tmp_path, escape):
    text = ONE_EVENT + f'    title: "a{escape}b"\n'
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert [(d.line, d.col, d.code) for d in result.diagnostics] == [(12, 16, "T002")]
    assert result.diagnostics == exact.diagnostics


LONG_KEYS = {
    "escapes": HEAD.replace("  src:", '  "' + "\\x73" * 300 + '":'),
    "spaces before the colon": HEAD.replace("  src:", "  src" + " " * 1100 + ":"),
    "a short key, escapes and spaces":
        HEAD.replace("  src:", '  "' + "\\x73" * 80 + '"' + " " * 800 + ":"),
}  # fmt: skip


@pytest.mark.parametrize("text", LONG_KEYS.values(), ids=LONG_KEYS.keys())
def test_a_key_written_over_1024_characters_is_the_exact_readers_syntax_error(tmp_path, text):
    text += "  - {date: 2025-01-02, kind: other, title: T, sources: [src]}\n"
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert [d.code for d in result.diagnostics] == ["T002"]
    assert result.diagnostics == exact.diagnostics


def test_a_short_key_with_escapes_keeps_the_fast_path():
    text = HEAD.replace("  src:", '  "sr\\x63":')
    text += "  - {date: 2025-01-02, kind: other, title: T}\n"
    assert assert_reads_agree(text)
    assert "src" in fastyaml.read_fast(text)["sources"]


@pytest.mark.parametrize("value", [":x", ":...", ":- b", ": b"])
def test_an_explicit_key_goes_to_the_exact_reader(tmp_path, value):
    text = "? version\n" + value + "\n" + ONE_EVENT
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics != []


@pytest.mark.parametrize("header", ["|", ">", "|+", ">-"])
@pytest.mark.parametrize("end", ["x", "x\n         ", "", "\n\n      x"])
def test_a_block_text_at_the_end_of_a_file_without_a_line_break(tmp_path, header, end):
    text = ONE_EVENT + f"    title: T\n    details: {header}\n      {end}"
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics
    assert_same_result(result, exact)
    assert fastyaml.read_fast(text + "\n") is not None  # the same file ended: vouched for


def test_quotes_and_brackets_in_block_texts_and_comments_keep_the_fast_path():
    text = ONE_EVENT + """\
    title: one line # a comment with "a quote, [a bracket and {a brace
    details: |
      - the deadline is "no longer
        effective" [1
      {see below
    tags: ["a, b", 'c]', [d, {e: f}]]
# "a comment over
# lines"
"""
    assert assert_reads_agree(text)


def test_a_quote_in_plain_text_over_lines_is_not_a_quoted_text():
    text = ONE_EVENT + '    title: The "court\n      order" came\n'
    assert_reads_agree(text)
    assert read_yaml(text, "events.yaml", [])["events"][0]["title"] == 'The "court order" came'


# The same files saved without their last line break: only a block text running to the end
# of the file is read otherwise by ryml (it ends it with a line break), so only that is refused.
NO_FINAL_BREAK = {
    "the bundled file": BUNDLED.read_text(encoding="utf-8").rstrip("\n"),
    "a block text, then a key": ONE_EVENT + "    title: T\n    details: >-\n      a\n\n      b\n"
                                "    tags: [x]",
    "a block text, then an event": ONE_EVENT + "    title: T\n    details: |\n      a\n"
                                   "  - {date: 2025-01-03, kind: other, title: U, sources: [src]}",
    "a block text, then a comment": ONE_EVENT + "    title: T\n    details: |+\n      a\n\n# end",
    "a block text in a list, then a key": ONE_EVENT + "    title: T\n    tags:\n      - >\n"
                                          "        a\n    details: x",
    "windows line endings":
        (ONE_EVENT + "    details: |\n      a\n    title: T").replace("\n", "\r\n"),
}  # fmt: skip


@pytest.mark.parametrize("text", NO_FINAL_BREAK.values(), ids=NO_FINAL_BREAK.keys())
def test_a_file_without_a_final_line_break_takes_the_fast_path(tmp_path, text):
    assert assert_reads_agree(text), "the fast reader should vouch for this file"
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8", newline="")
    fast, exact = both_paths(tmp_path)
    assert fast is not None
    assert fast.diagnostics == exact.diagnostics == []
    assert_same_result(fast, exact)


@pytest.mark.parametrize("tail", ["    tags:\n      - |\n        a", "    details: |",
                                  "    details: >-\n      a\n\n   ", "    details: | # a comment",
                                  "    details: |\n      a\n      # text, not a comment"])  # fmt: skip
def test_a_block_text_to_the_end_without_a_line_break_is_still_refused(tmp_path, tail):
    text = ONE_EVENT + "    title: T\n" + tail
    assert fastyaml.read_fast(text) is None
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics
    assert_same_result(result, exact)


# A quote inside a plain text, not where a value starts, opens nothing: a plain text.
QUOTES_IN_TEXT = ["In the '90s", "rock 'n roll", 'a 5" screen', "The \"court order",
                  "Smith's 'final' brief", "a, b's c"]  # fmt: skip


@pytest.mark.parametrize("title", QUOTES_IN_TEXT)
def test_a_quote_in_running_text_takes_the_fast_path(tmp_path, title):
    text = ONE_EVENT + f"    title: {title}\n    details: see \"{title}\n    tags: [a, b]\n"
    assert assert_reads_agree(text), "the fast reader should vouch for this file"
    result, exact = _written(tmp_path, text)
    assert result.diagnostics == exact.diagnostics == []
    assert result.timeline.events[0].title == title
    assert result.timeline.events[0].details == f'see "{title}'
    assert_same_result(result, exact)


@pytest.mark.parametrize("value", ["'a\n      b'", "- 'a\n        b'", "[a, 'b\n      c']",
                                   "{x: \"a\n      b\"}", "a\n      'b\n      c'"])  # fmt: skip
def test_a_quote_where_a_value_starts_and_not_closed_on_its_line_is_refused(value):
    text = ONE_EVENT + "    title: T\n    tags: " + value + "\n"
    assert fastyaml.read_fast(text) is None
    assert_reads_agree(text)


def _damaged(text: str, rng: random.Random) -> str:
    """``text`` with one small random change, as an editor's slip would make."""
    lines = text.split("\n")
    where = rng.randrange(len(lines))
    line = lines[where]
    choice = rng.randrange(7)
    if choice == 0:
        del lines[where]
    elif choice == 1:
        lines.insert(where, line)
    elif choice == 2 and line:
        cut = rng.randrange(len(line))
        lines[where] = line[:cut] + line[cut + 1 :]
    elif choice == 3:
        lines[where] = " " + line
    elif choice == 4 and line.strip():
        lines[where] = line[1:] if line.startswith(" ") else line
    else:
        cut = rng.randrange(len(line) + 1)
        lines[where] = line[:cut] + rng.choice("-:#'\"[]{},&*!| >?\\ 0x%@`~\t.=+") + line[cut:]
    return "\n".join(lines)


SMALL = HEAD + """\
  - id: first
    date: 2025-03-12T10:00
    case: c1
    kind: order
    title: "The court: an order"
    details: |
      Line one.
      - not an item
    people: [p1]
    sources: [src, https://example.org/a]
    tags: [a, b]
  - id: due
    case: [c1]
    kind: deadline
    title: A deadline
    due: {after: first, days: 7, count: court-days}
    set_by: first
    sources: src
  -   date: 2025-04
      circa: true
      kind: report
      title: >
        Folded
        text
      sources: [src]
"""


# Flow collections, quotes, escapes and block texts: where YAML 1.1 and 1.2 readers differ.
FLOWY = """\
sources:
  s1: {title: "A \\"quoted\\" title", note: plain text here}
  s2:
    title: 'it''s single'
    url: 'https://example.org/a?b=1&c=2'
    note: |-
      Literal
        indented more
      back
people: {p1: {name: Ann, aliases: [A, "B, C", 'D: E']}, p2: {name: "Bob\\u00e9\\x41\\t"}}
events:
- id: e1
  date: 2025-01-02
  kind: order
  title: A colon:x and a #hash
  details: "quoted, on one line: [not, a, list]"
- {id: e2, date: 2025-01, kind: ruling, title: "Flow event", sources: [s1, s2]}
-   id: e3
    title: plain
      continued
    people:
    - p1
"""


@pytest.mark.parametrize("base,seed", [(SMALL, 2026), (FLOWY, 5)], ids=["block", "flow"])
def test_random_damage_never_makes_the_paths_disagree(base, seed):
    assert assert_reads_agree(base)
    rng = random.Random(seed)
    vouched = 0
    for _ in range(300):
        text = _damaged(_damaged(base, rng), rng)
        vouched += assert_reads_agree(text)
    assert vouched > 50  # the damage left many files readable: the agreement was tested


def test_random_damage_gives_the_exact_diagnostics(tmp_path):
    rng = random.Random(7)
    for _ in range(40):
        text = _damaged(SMALL, rng)
        (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
        fast, exact = both_paths(tmp_path)
        if stands(fast):
            assert fast.diagnostics == exact.diagnostics
            assert_same_result(fast, exact)
        assert loader.load([Path("events.yaml")], tmp_path, TODAY).diagnostics == exact.diagnostics


def test_included_files_take_the_fast_path_too(tmp_path):
    (tmp_path / "events.yaml").write_text(SMALL.replace("sources:\n", "include: [more.yaml]\nsources:\n", 1))
    (tmp_path / "more.yaml").write_text("events:\n  - date: 2025-05-01\n    kind: ruling\n"
                                        "    title: More\n    sources: [https://example.org/b]\n")
    fast, exact = both_paths(tmp_path)
    assert fast.diagnostics == exact.diagnostics == []
    assert_same_result(fast, exact)
    assert [where.path for where in fast.timeline.where][-1] == "more.yaml"


def test_without_rapidyaml_the_exact_path_does_everything(tmp_path, monkeypatch):
    (tmp_path / "events.yaml").write_text(SMALL, encoding="utf-8")
    expected = loader._load([Path("events.yaml")], tmp_path, TODAY, None, fast=False)
    monkeypatch.setattr(fastyaml, "_ryml", None)
    assert not fastyaml.available()
    assert fastyaml.read_fast(SMALL) is None
    result = loader.load([Path("events.yaml")], tmp_path, TODAY)
    assert result.diagnostics == expected.diagnostics == []
    assert_same_result(result, expected)


def test_a_parse_error_prints_nothing(capfd):
    assert fastyaml.read_fast("events:\n  - [unclosed\n") is None
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_a_warning_at_an_event_start_keeps_the_fast_path(tmp_path):
    start = GENERATED.index("\n    sources: [", GENERATED.index("\nevents:"))
    end = GENERATED.index("\n", start + 1)
    text = GENERATED[:start] + GENERATED[end:]  # the first event loses its sources
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    result = loader.load([Path("events.yaml")], tmp_path, TODAY)
    exact = loader._load([Path("events.yaml")], tmp_path, TODAY, None, fast=False)
    assert [d.code for d in result.diagnostics] == ["W301"]
    assert result.diagnostics == exact.diagnostics
    assert isinstance(result.files[0].tree["events"][0], fastyaml._Unplaced)  # read fast


def test_a_problem_at_a_value_sends_the_file_to_the_exact_path(tmp_path):
    text = GENERATED.replace("kind: deadline", "kind: deadline\n    status: done", 1)
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    result = loader.load([Path("events.yaml")], tmp_path, TODAY)
    assert [d.code for d in result.diagnostics] == ["T104"]
    assert result.diagnostics[0].line > 0
    assert not isinstance(result.files[0].tree["events"][0], fastyaml._Unplaced)  # read exactly


def test_a_crash_in_the_fast_path_is_not_hidden_by_the_exact_path(tmp_path, monkeypatch):
    (tmp_path / "events.yaml").write_text(SMALL, encoding="utf-8")

    def broken(tree: Any) -> FileModel:
        raise KeyError("a bug in the fast validator")

    monkeypatch.setattr(fastmodel, "validate", broken)
    with pytest.raises(KeyError, match="a bug in the fast validator"):
        loader.load([Path("events.yaml")], tmp_path, TODAY)


def test_a_crash_in_rapidyaml_other_than_its_own_errors_is_not_hidden(monkeypatch):
    def broken(buffer: bytearray, tree: Any) -> None:
        raise MemoryError

    monkeypatch.setattr(fastyaml._ryml, "parse_in_place", broken)
    with pytest.raises(MemoryError):
        fastyaml.read_fast(SMALL)


def test_rapidyaml_refusing_a_file_sends_it_to_the_exact_reader(tmp_path):
    text = "events:\n  - {date: 2025-01-01, kind: order, title: [unclosed\n"
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    assert fastyaml.read_fast(text) is None
    result = loader.load([Path("events.yaml")], tmp_path, TODAY)
    assert [d.code for d in result.diagnostics] == ["T002"]


# Positions as editors count them (tests/test_positions.py): where the fast reader vouches,
# it gives the exact reader's tree and positions; else the exact diagnostics stand.
EDITOR_LINES = [(name, text) for name, text, _ in POSITIONED] + [
    ("wide and astral titles",
     "events:\n  - {date: 2025-01-01, kind: other, title: \u6f22\u5b57\U0001F600}\n"
     "  - date: 2025-01-02\n    kind: other\n    title: \u00e9\u0301 \u6f22\n"),
    ("a line separator in a quoted title",
     'events:\n  - date: 2025-01-01\n    kind: other\n    title: "a\u2028b"\n'),
    ("CRLF and no final line break", "events:\r\n  - date: 2025-01-01\r\n    kind: other"),
]


@pytest.mark.parametrize("name,text", EDITOR_LINES, ids=[case[0] for case in EDITOR_LINES])
def test_both_paths_give_the_editors_positions(tmp_path, name, text):
    (tmp_path / "events.yaml").write_bytes(text.encode("utf-8"))
    assert_reads_agree(text)
    fast, exact = both_paths(tmp_path)
    if stands(fast):
        assert fast.diagnostics == exact.diagnostics
        assert_same_result(fast, exact)
    assert loader.load([Path("events.yaml")], tmp_path, TODAY).diagnostics == exact.diagnostics


def assert_validators_agree(tree: dict[str, Any]) -> None:
    """The native validator accepts ``tree`` exactly when the model does, and builds the same."""
    try:
        expected = FileModel.model_validate(tree)
    except ValidationError:
        with pytest.raises(ValidationError):
            fastmodel.validate(tree)
        return
    assert fastmodel.validate(tree) == expected


# URLs where a native pattern stands in for urlsplit: the ones it takes, and the near misses
# it leaves to the model (which takes some of them, refuses others).
URLS = ["https://example.org/e/1", "http://a.b:8080/x?y=1#z", "https://x", "https://a.b/\\%7e",
        "https://a.b:99999999/x", "https://", "http:///x", "HTTP://x", "Https://x",
        "https://[::1]/", "https://[::1/", "https://a b", "ftp://x", " https://x/ ", "https://x/ ",
        "https://x/\u00e9", "https://\u00e9.org", "https://ex-ample.org:/x", "https:x",
        "https://a.b\n", "https://a.b\t/x", "http://a.b?q", "https://x#", "//x.org/a", "a:b",
        "a/b", "mailto:x@y.org"]  # fmt: skip


@pytest.mark.parametrize("url", URLS)
def test_the_native_url_checks_agree_with_the_model(url):
    assert_validators_agree({"sources": {"s": {"title": "S", "url": url}}})
    assert_validators_agree({"cases": {"c": {"title": "C", "links": [url]}}})
    assert_validators_agree({"events": [{"kind": "order", "title": "T", "sources": [url]}]})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["http://", "https://", "HTTPS://", "http:/", ""]),
       st.text(st.characters(max_codepoint=0x7F) | st.sampled_from("\u00e9\u3000\x85"),
               max_size=20))  # fmt: skip
def test_urls_of_any_characters_validate_as_the_model_validates_them(scheme, rest):
    url = scheme + rest
    assert_validators_agree({"sources": {"s": {"title": "S", "url": url}}})
    assert_validators_agree({"events": [{"kind": "order", "title": "T", "sources": [url]}]})


DATES = ["2025", "2025-05", "2025-05-07", "2025-05-07T17:00", "2025-05-07T17:00-04:00",
         "2025-05-07 17:00Z", " 2025-05-07 ", "2025-13-01", "2025-02-30", "0000", "2025-5-7",
         "", "T", None, True, ["2025"], {"y": "2025"}]  # fmt: skip


@pytest.mark.parametrize("written", DATES, ids=[repr(d) for d in DATES])
def test_the_remembered_dates_validate_as_the_model_validates_them(written):
    for _ in range(2):  # the second time, the date (if any) comes from what was remembered
        assert_validators_agree({"events": [{"kind": "order", "title": "T", "date": written,
                                             "end": written}]})  # fmt: skip
        assert_validators_agree({"sources": {"s": {"title": "S", "date": written}}})
