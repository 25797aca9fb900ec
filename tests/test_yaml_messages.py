"""YAML syntax mistakes reported at their cause, in plain words with the fix (issue 14, 4-7).

Each case runs through `timeline check` with both of PyYAML's parsers (libyaml and the pure
one word their errors differently) and asserts the one line a user sees.
"""

from __future__ import annotations

import pytest

from timeline import yamltree

HEAD = "cases:\n  c1: {title: A v. B}\nevents:\n"  # events start at line 4
EVENT = "  - date: 2025-01-01\n    kind: order\n    title: An order\n"

CASES = [
    # (name, file text, the exact diagnostic line)
    # 4: an unclosed quote, at the quote
    ("quote closed by the next event's quote",
     HEAD + '  - date: 2025-01-01\n    kind: order\n    title: "Order to show cause\n'
     + EVENT * 40 + '  - date: 2025-02-01\n    kind: order\n    title: "Last"\n',
     "events.yaml:6:12: error: a quoted text opened here is not closed on this line: end it "
     'with " [T002]'),
    ("quote open at the end of the file",
     HEAD + EVENT + "  - date: 2025-01-02\n    kind: order\n    title: 'Habeas petition\n",
     "events.yaml:9:12: error: a quoted text opened here is not closed on this line: end it "
     "with ' [T002]"),
    ("quote open in a flow list", HEAD + EVENT + '    sources: ["https://example.org/a]\n',
     "events.yaml:7:15: error: a quoted text opened here is not closed on this line: end it "
     'with " [T002]'),
    # 5: a ': ' inside a value
    ("colon in a title", HEAD + "  - date: 2025-01-01\n    kind: filing\n"
     "    title: Habeas petition filed: 28 U.S.C. 2241\n",
     "events.yaml:6:33: error: a ': ' inside a value needs quotes: "
     'title: "Habeas petition filed: 28 U.S.C. 2241" [T002]'),
    ("colon in a title with quotes and a comment", HEAD + "  - date: 2025-01-01\n"
     '    kind: filing\n    title: Re: the "Smith" memo  # from the docket\n',
     "events.yaml:6:14: error: a ': ' inside a value needs quotes: "
     'title: "Re: the \\"Smith\\" memo" [T002]'),
    # 6: a key one space off
    ("key one space too far", HEAD + "  - date: 2025-01-01\n     kind: order\n    title: T\n",
     "events.yaml:5:6: error: 'kind' is indented 5 spaces; the keys above it, 4: line it up "
     "with them [T002]"),
    ("key one space short", HEAD + "  - date: 2025-01-01\n   kind: order\n    title: T\n",
     "events.yaml:5:4: error: 'kind' is indented 3 spaces; the keys above it, 4: line it up "
     "with them [T002]"),
    ("case key one space short", "cases:\n  c1:\n    title: A v. B\n   court: D. Md.\n",
     "events.yaml:4:4: error: 'court' is indented 3 spaces; the keys above it, 4: line it up "
     "with them [T002]"),
    # 7: every other message in plain words
    ("tab", HEAD + "  - date: 2025-01-01\n\tkind: order\n",
     "events.yaml:5:1: error: a tab: YAML indents with spaces only; replace the tab with spaces"
     " [T002]"),
    ("at sign", HEAD + "  - date: 2025-01-01\n    kind: order\n    title: @handle posted\n",
     "events.yaml:6:12: error: a value cannot start with '@' in YAML; put it in double quotes: "
     'title: "@handle posted" [T002]'),
    ("backtick", HEAD + "  - date: 2025-01-01\n    kind: order\n    title: `code`\n",
     "events.yaml:6:12: error: a value cannot start with '`' in YAML; put it in double quotes: "
     'title: "`code`" [T002]'),
    ("unclosed list", HEAD + EVENT + "    sources: [a, b\n  - date: 2025-01-02\n",
     "events.yaml:7:14: error: a list opened here with '[' is not closed: end it with ']' on "
     "this line, and separate its items with ', ' [T002]"),
    ("unclosed mapping", "cases:\n  c1: {title: A v. B\n  c2: {title: C}\n",
     "events.yaml:2:7: error: a mapping opened here with '{' is not closed: end it with '}' on "
     "this line, and separate its items with ', ' [T002]"),
    ("text after a closing quote", HEAD + '  - date: 2025-01-01\n    title: "Order" granted\n',
     "events.yaml:5:20: error: text after a closing quote: put all of the value inside the "
     "quotes [T002]"),
    ("block text dedented", HEAD + "  - date: 2025-01-01\n    details: |\n      First line\n"
     "     second line\n",
     "events.yaml:7:6: error: expected a key ('name: value') here, lined up with the ones above"
     " it; check this line's indentation [T002]"),
    ("list item after a key", HEAD + "  - date: 2025-01-01\n    sources: - a\n",
     "events.yaml:5:14: error: a list item ('- ') cannot follow a key on its line: start the "
     "list on the next line, indented under the key, or write [a, b] [T002]"),
    ("document end marker", "events: []\n...\nversion: 1\n",
     "events.yaml:3:1: error: nothing may follow '...' (the end of the YAML document): delete "
     "the '...' line [T002]"),
    ("key without a colon", "events: []\nversion\n",
     "events.yaml:2:1: error: a key needs ':' after it (name: value); a text of several lines "
     "goes indented under 'name: |' [T002]"),
    ("unknown escape", HEAD + '  - date: 2025-01-01\n    title: "C:\\data"\n',
     "events.yaml:5:15: error: '\\d' is not an escape YAML knows: write \\\\ for a backslash "
     "inside double quotes, or use single quotes [T002]"),
    ("alias with no name", HEAD + "  - date: 2025-01-01\n    title: * starred\n",
     "events.yaml:5:12: error: '*' starts an alias, which needs a name: put a value that starts"
     " with '*' in double quotes [T002]"),
]


@pytest.fixture(params=["libyaml", "pure"])
def parser(request, monkeypatch):
    if request.param == "pure":
        monkeypatch.setattr(yamltree, "_c_parser", lambda: False)
    elif not yamltree._c_parser():
        pytest.skip("PyYAML has no libyaml here")
    return request.param


@pytest.mark.parametrize("name,text,expected", CASES, ids=[case[0] for case in CASES])
def test_a_yaml_mistake_is_told_at_its_cause_with_the_fix(run, write, parser, name, text,
                                                          expected):
    write(text)
    result = run("check")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == expected, result.output
    assert "Traceback" not in result.output


def test_a_quote_inside_a_word_opens_nothing(run, write):
    write(HEAD + "  - date: 2025-01-01\n    kind: order\n    title: O'Brien's motion\n"
          "     case: c1\n")
    result = run("check")
    assert result.stdout.splitlines()[0] == (
        "events.yaml:7:6: error: 'case' is indented 5 spaces; the keys above it, 4: line it up "
        "with them [T002]")
