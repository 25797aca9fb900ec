"""`timeline digest`: what changed since a date or a commit, and the deadlines that need attention.

Each test builds a git repository in a temporary folder, with commits at fixed times, and runs
the real CLI in it.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

FIRST = """\
sources:
  art:
    title: An article
    url: https://example.org/article
cases:
  abrego:
    title: Abrego Garcia v. Noem
    timezone: America/New_York
  jgg:
    title: J.G.G. v. Trump
events:
  - id: arrest
    date: 2025-03-12
    case: abrego
    kind: arrest
    title: Stopped by police
    sources: [art]
  - id: order-1
    date: 2025-04-10
    case: abrego
    kind: order
    title: Court orders the return
    sources: [art]
  - id: statement
    date: 2025-04-11
    case: jgg
    kind: statement
    title: A statement later removed
    sources: [art]
  - id: due-0505
    date: 2025-05-05
    case: abrego
    kind: deadline
    title: Government to file declarations
    set_by: order-1
    sources: [art]
  - id: due-old
    date: 2025-04-01
    case: abrego
    kind: deadline
    title: An older deadline
    sources: [art]
  - id: reply
    date: 2025-05-09
    case: abrego
    kind: deadline
    title: Reply brief
    sources: [art]
"""

ADDED = """\
  - id: motion
    date: 2025-05-06
    case: abrego
    kind: filing
    title: Plaintiffs file a motion
    sources: [art, "https://example.com/motion"]
"""


def second(first: str = FIRST) -> str:
    """The record a week later: one event added, one changed (date and title), one removed."""
    text = first.replace("""\
  - id: statement
    date: 2025-04-11
    case: jgg
    kind: statement
    title: A statement later removed
    sources: [art]
""", "")
    text = text.replace("    date: 2025-04-10\n    case: abrego\n    kind: order\n"
                        "    title: Court orders the return\n",
                        "    date: 2025-04-09\n    case: abrego\n    kind: order\n"
                        "    title: Court orders the government to facilitate the return\n")
    assert text != first
    return text + ADDED


def git(folder: Path, *args: str, when: str = "2025-05-01T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@t",
                    "-c", "init.defaultBranch=main", *args],
                   check=True, capture_output=True, env=env)  # fmt: skip


def commit(folder: Path, files: dict[str, str], when: str, message: str = "edit") -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(folder, "add", "-A", when=when)
    git(folder, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose events file was committed on May 1 and edited on May 6, 2025."""
    monkeypatch.setenv("TZ", "UTC")  # "before May 3" is the start of May 3 where the user is
    folder = tmp_path / "records"
    folder.mkdir()
    git(folder, "init", "-q")
    commit(folder, {"events.yaml": FIRST}, "2025-05-01T12:00:00+00:00", "first")
    commit(folder, {"events.yaml": second()}, "2025-05-06T12:00:00+00:00", "second")
    return folder


EXPECTED_TEXT = """\
timeline digest: 1 deadline newly passed, 2 passed not recorded as met, 1 due within 7 days; \
1 event added, 1 changed, 1 removed since 2025-05-03

Passed, not recorded as met (2):
- NEW PASSED 1 day ago · no outcome recorded: Government to file declarations
  due 2025-05-05 · Abrego Garcia v. Noem · id due-0505 https://example.org/article
- PASSED 35 days ago · no outcome recorded: An older deadline
  due 2025-04-01 · Abrego Garcia v. Noem · id due-old https://example.org/article

Due within 7 days (1):
- DUE IN 3 DAYS: Reply brief
  due 2025-05-09 · Abrego Garcia v. Noem · id reply https://example.org/article

Events since 2025-05-03:

Abrego Garcia v. Noem (abrego):
- added: 2025-05-06 Plaintiffs file a motion
  id motion https://example.org/article https://example.com/motion
- changed (date, title): 2025-04-09 Court orders the government to facilitate the return
  id order-1 https://example.org/article

J.G.G. v. Trump (jgg):
- removed: 2025-04-11 A statement later removed
  id statement https://example.org/article
"""


def test_text_new_deadlines_first_then_changes_by_case(run, repo):
    result = run("digest", "--since", "2025-05-03", "--today", "2025-05-06", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_TEXT
    assert result.stderr == ""


def test_since_rev_compares_with_that_commit_as_of_its_time(run, repo):
    result = run("digest", "--since-rev", "HEAD~1", "--today", "2025-05-06", cwd=repo)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD~1"], capture_output=True,
                         text=True, check=True).stdout.strip()  # fmt: skip
    label = f"HEAD~1 (commit {sha[:12]}, 2025-05-01)"
    assert lines[0] == ("timeline digest: 1 deadline newly passed, 2 passed not recorded as met, "
                        f"1 due within 7 days; 1 event added, 1 changed, 1 removed since {label}")
    # On May 1 the reply brief was 8 days away: due soon is news since then.
    assert "- NEW DUE IN 3 DAYS: Reply brief" in lines
    assert f"Events since {label}:" in lines
    by_sha = run("digest", "--since-rev", sha[:10], "--today", "2025-05-06", cwd=repo)
    assert f"since commit {sha[:12]} (2025-05-01)" in by_sha.stdout.splitlines()[0]


def test_markdown_reads_back_as_lists_and_links(run, repo):
    result = run("digest", "--since", "2025-05-03", "--today", "2025-05-06", "--format",
                 "markdown", cwd=repo)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Passed, not recorded as met (2)", "Due within 7 days (1)",
                        "Events since 2025-05-03", "Abrego Garcia v. Noem", "J.G.G. v. Trump"]
    first = next(t for t in tokens if t.type == "inline")
    assert first.content.startswith("timeline digest: 1 deadline newly passed,")
    links = [(child.attrGet("href"), "".join(c.content for c in token.children[n + 1 :][:1]))
             for token in tokens if token.type == "inline"
             for n, child in enumerate(token.children or []) if child.type == "link_open"]
    assert ("https://example.org/article", "due-0505") in links
    assert ("https://example.org/article", "motion") in links
    assert ("https://example.com/motion", "2") in links
    items = [t.content for t in tokens if t.type == "inline" and t.content.startswith("**")]
    assert any(item.startswith("**NEW** **⚠ PASSED 1 day ago") for item in items)
    assert any(item.startswith("**changed** (`date`, `title`): 2025-04-09") for item in items)
    html = MarkdownIt("commonmark").render(result.stdout)
    assert "<strong>removed</strong>: 2025-04-11 · A statement later removed" in html


def test_json_for_scripts(run, repo):
    result = run("digest", "--since", "2025-05-03", "--today", "2025-05-06", "-F", "json",
                 cwd=repo)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["summary"] == EXPECTED_TEXT.splitlines()[0]
    assert doc["today"] == "2025-05-06" and doc["soon"] == 7
    assert doc["since"]["label"] == "2025-05-03" and doc["since"]["date"] == "2025-05-03"
    assert len(doc["since"]["revision"]) == 40
    assert doc["not_compared"] is None and doc["old_record_errors"] == 0
    passed = doc["deadlines"]["passed"]
    assert [(d["id"], d["new"], d["status_then"], d["days"]) for d in passed] == [
        ("due-0505", True, "due-soon", -1), ("due-old", False, "passed", -35)]
    assert passed[0]["sources"] == ["https://example.org/article"]
    assert [d["id"] for d in doc["deadlines"]["due_soon"]] == ["reply"]
    changes = doc["changes"]
    assert (changes["added"], changes["changed"], changes["removed"]) == (1, 1, 1)
    events = {(group["case"], e["id"]): e for group in changes["cases"] for e in group["events"]}
    assert events[("abrego", "order-1")]["change"] == "changed"
    assert events[("abrego", "order-1")]["fields"] == ["date", "title"]
    assert events[("abrego", "motion")]["sources"] == ["https://example.org/article",
                                                       "https://example.com/motion"]
    assert events[("jgg", "statement")]["change"] == "removed"


def test_fail_on_fails_the_day_a_deadline_passes_not_the_day_after(run, repo):
    first = run("digest", "--since", "yesterday", "--today", "2025-05-06", "--fail-on", "passed",
                cwd=repo)  # fmt: skip
    assert first.exit_code == 3, first.stderr
    assert first.stderr == "timeline digest: --fail-on passed: 1 passed since 2025-05-05 (exit 3)\n"
    assert first.stdout.startswith("timeline digest: 1 deadline newly passed")
    after = run("digest", "--since", "yesterday", "--today", "2025-05-07", "--fail-on", "passed",
                cwd=repo)  # fmt: skip
    assert after.exit_code == 0, after.stderr
    assert after.stdout.startswith("timeline digest: 2 deadlines passed not recorded as met")
    # due-soon is news on the day a deadline comes within --soon days, not on the days after.
    soon = ["--fail-on", "due-soon,missed", "--since", "yesterday"]
    assert run("digest", *soon, "--today", "2025-05-02", cwd=repo).exit_code == 3
    assert run("digest", *soon, "--today", "2025-05-03", cwd=repo).exit_code == 0
    # Without a point to compare with, every deadline that has the status counts.
    assert run("digest", "--fail-on", "passed", "--today", "2025-05-07", cwd=repo).exit_code == 3


def test_fail_on_a_bad_status_is_a_usage_error(run, repo):
    result = run("digest", "--fail-on", "pased", cwd=repo)
    assert result.exit_code == 2
    assert "--fail-on: unknown status 'pased'" in result.stderr


def test_file_errors_win_over_fail_on(run, repo):
    (repo / "events.yaml").write_text(second() + "  - date: 2025-02-30\n    kind: order\n"
                                      "    title: Bad\n", encoding="utf-8")  # fmt: skip
    result = run("digest", "--since", "yesterday", "--today", "2025-05-06", "--fail-on", "passed",
                 cwd=repo)  # fmt: skip
    assert result.exit_code == 1
    assert "events.yaml:" in result.stderr and "nothing shown" in result.stderr
    assert result.stdout == ""


def test_outside_git_only_the_deadlines_with_a_note(run, tmp_path):
    (tmp_path / "events.yaml").write_text(second(), encoding="utf-8")
    result = run("digest", "--since", "2025-05-03", "--today", "2025-05-06")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"timeline: note: events not compared: {tmp_path} is not in a git "
                             "repository; only the deadlines are shown\n")
    lines = result.stdout.splitlines()
    assert lines[0] == ("timeline digest: 1 deadline newly passed, 2 passed not recorded as met, "
                        "1 due within 7 days; events since 2025-05-03 not compared")
    assert "- NEW PASSED 1 day ago · no outcome recorded: Government to file declarations" in lines
    assert lines[-1] == (f"Events since 2025-05-03: not compared ({tmp_path} is not in a git "
                         "repository).")
    named = run("digest", "--since-rev", "HEAD", "--today", "2025-05-06")
    assert named.exit_code == 2
    assert named.stderr.startswith("timeline: error: --since-rev HEAD: ")


def test_without_git_installed_a_note(run, repo, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run("digest", "--since", "2025-05-03", "--today", "2025-05-06", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("timeline: note: events not compared: git is not installed; only "
                             "the deadlines are shown\n")


def test_no_commit_before_the_date(run, repo):
    result = run("digest", "--since", "2025-04-01", "--today", "2025-05-06", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("timeline: note: events not compared: no commit before 2025-04-01; "
                             "only the deadlines are shown\n")


@pytest.mark.parametrize("revision, said", [
    ("no-such-branch", "'no-such-branch' names no commit in "),
    ("--output=/tmp/x", "'--output=/tmp/x' is not a revision"),
    ("HEAD~9", "'HEAD~9' names no commit in "),
])  # fmt: skip
def test_a_bad_revision_is_a_usage_error_naming_it(run, repo, revision, said):
    result = run("digest", f"--since-rev={revision}", "--today", "2025-05-06", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"timeline: error: --since-rev: {said}")
    assert result.stdout == ""


def test_since_and_since_rev_together_is_a_usage_error(run, repo):
    result = run("digest", "--since", "2025-05-03", "--since-rev", "HEAD", cwd=repo)
    assert result.exit_code == 2
    assert "give one" in result.stderr


def test_an_old_record_with_errors_is_compared_as_far_as_it_reads(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    broken = FIRST.replace("    date: 2025-04-11\n", "    date: 2025-04-31\n")
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"events.yaml": broken}, "2025-05-01T12:00:00+00:00")
    commit(tmp_path, {"events.yaml": FIRST + ADDED}, "2025-05-06T12:00:00+00:00")
    result = run("digest", "--since", "2025-05-03", "--today", "2025-05-06", "-F", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("timeline: note: the record at 2025-05-03 has 1 error; compared "
                             "what could be read of it\n")
    doc = json.loads(result.stdout)
    assert doc["old_record_errors"] == 1
    added = {e["id"] for g in doc["changes"]["cases"] for e in g["events"]}
    assert added == {"motion", "statement"}  # the unreadable one reads as added now
    text = run("digest", "--since", "2025-05-03", "--today", "2025-05-06")
    assert ("The record at 2025-05-03 had 1 error: what could be read of it was compared."
            in text.stdout.splitlines())


def test_includes_are_read_as_they_were_at_the_commit(run, tmp_path, monkeypatch):
    """The record in a subfolder, with an included glob: a file added and one removed."""
    monkeypatch.setenv("TZ", "UTC")
    main = "include: [cases/*.yaml]\n" + FIRST
    git(tmp_path, "init", "-q")
    one = "events:\n  - id: in-one\n    date: 2025-04-20\n    kind: hearing\n    case: jgg\n" \
          "    title: A hearing\n    sources: [art]\n"  # fmt: skip
    commit(tmp_path, {"records/events.yaml": main, "records/cases/one.yaml": one},
           "2025-05-01T12:00:00+00:00")  # fmt: skip
    (tmp_path / "records" / "cases" / "one.yaml").unlink()
    two = one.replace("in-one", "in-two").replace("A hearing", "Another hearing")
    commit(tmp_path, {"records/cases/two.yaml": two}, "2025-05-06T12:00:00+00:00")
    result = run("digest", "-f", "records/events.yaml", "--since", "2025-05-03", "--today",
                 "2025-05-06", "-c", "jgg")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    tail = result.stdout.split("Events since 2025-05-03:\n", 1)[1]
    assert tail == textwrap.dedent("""
        J.G.G. v. Trump (jgg):
        - added: 2025-04-20 Another hearing
          id in-two https://example.org/article
        - removed: 2025-04-20 A hearing
          id in-one https://example.org/article
        """)
    # Run from inside the folder, the same paths are read at the commit.
    inside = run("digest", "--since", "2025-05-03", "--today", "2025-05-06", "-c", "jgg",
                 cwd=tmp_path / "records")  # fmt: skip
    assert inside.stdout == result.stdout


def test_events_without_ids_are_matched_by_their_content(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    base = ("events:\n"
            "  - date: 2025-04-01\n    kind: order\n    title: First order\n    sources: [art]\n"
            "  - date: 2025-04-02\n    kind: order\n    title: Second order\n    sources: [art]\n")
    head = "sources:\n  art:\n    title: A\n"
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"events.yaml": head + base}, "2025-05-01T12:00:00+00:00")
    edited = base.replace("2025-04-02", "2025-04-03").replace("First order", "The first order")
    commit(tmp_path, {"events.yaml": head + edited}, "2025-05-06T12:00:00+00:00")
    result = run("digest", "--since-rev", "HEAD~1", "--today", "2025-05-06", "-F", "json")
    changes = json.loads(result.stdout)["changes"]
    events = [(e["change"], e["title"], e["fields"]) for g in changes["cases"] for e in g["events"]]
    assert events == [("changed", "The first order", ["title"]),
                      ("changed", "Second order", ["date"])]


HOSTILE = 'Plaintiffs | *file* <script>alert(1)</script> [x](javascript:alert(1)) \x1b[31mred'


def test_hostile_titles_are_escaped_in_every_format(run, repo):
    (repo / "events.yaml").write_text(
        second().replace("title: Plaintiffs file a motion", "title: " + json.dumps(HOSTILE)),
        encoding="utf-8")  # fmt: skip
    args = ("digest", "--since", "2025-05-03", "--today", "2025-05-06", "-c", "abrego")
    plain = run(*args, cwd=repo)
    assert plain.exit_code == 0, plain.stderr
    assert "\x1b" not in plain.stdout
    assert ("- added: 2025-05-06 Plaintiffs | *file* <script>alert(1)</script> "
            "[x](javascript:alert(1)) \\x1b[31mred") in plain.stdout.splitlines()
    markdown = run(*args, "--format", "md", cwd=repo)
    html = MarkdownIt("commonmark").render(markdown.stdout)
    assert "<script>" not in html and "javascript:" not in html.replace(
        "[x](javascript:alert(1))", "")  # fmt: skip
    assert 'href="javascript' not in html and "\x1b" not in markdown.stdout
    tokens = MarkdownIt("commonmark").parse(markdown.stdout)
    hrefs = {child.attrGet("href") for t in tokens if t.type == "inline"
             for child in t.children or [] if child.type == "link_open"}  # fmt: skip
    assert hrefs == {"https://example.org/article", "https://example.com/motion"}
    doc = json.loads(run(*args, "-F", "json", cwd=repo).stdout)
    titles = [e["title"] for g in doc["changes"]["cases"] for e in g["events"]]
    assert HOSTILE in titles  # json carries the text as written, escaped by json itself


def test_a_revision_label_cannot_inject_markdown(run, repo):
    git(repo, "tag", "v1_<b>_x")
    result = run("digest", "--since-rev", "v1_<b>_x", "--today", "2025-05-06", "-F", "md",
                 cwd=repo)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    html = MarkdownIt("commonmark").render(result.stdout)
    assert "<b>" not in html and "<em>" not in html
    assert "v1_&lt;b&gt;_x (commit" in html


def test_help_and_format_errors(run, repo):
    assert run("digest", "--help").exit_code == 0
    bad = run("digest", "--format", "htm", cwd=repo)
    assert bad.exit_code == 2
    assert "--format: unknown format 'htm'" in bad.stderr


def test_a_file_git_does_not_track_is_not_compared(run, repo):
    (repo / "more.yaml").write_text(ADDED.replace("motion", "other").join(["events:\n", ""]),
                                    encoding="utf-8")  # fmt: skip
    result = run("digest", "events.yaml", "more.yaml", "--since", "2025-05-03", "--today",
                 "2025-05-06", cwd=repo)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("timeline: note: events not compared: git does not track more.yaml; "
                             "only the deadlines are shown\n")
    # A file committed after the point compared with: its events are added.
    commit(repo, {}, "2025-05-06T13:00:00+00:00")  # adds more.yaml
    later = run("digest", "events.yaml", "more.yaml", "--since", "2025-05-03", "--today",
                "2025-05-06", cwd=repo)  # fmt: skip
    assert "2 events added, 1 changed, 1 removed since 2025-05-03" in later.stdout.splitlines()[0]


def test_a_shallow_clone_says_so(run, repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    result = run("digest", "--since", "2025-05-03", "--today", "2025-05-06", cwd=clone)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("timeline: note: events not compared: no commit before 2025-05-03 in "
                             "this shallow clone (git fetch --unshallow, or fetch-depth: 0 in a "
                             "GitHub workflow, fetches the rest); only the deadlines are shown\n")
    named = run("digest", "--since-rev", "HEAD~1", cwd=clone)
    assert named.exit_code == 2
    assert named.stderr.rstrip().endswith("it is a shallow clone (git fetch --unshallow, or "
                                          "fetch-depth: 0 in a GitHub workflow, fetches the rest)")


def test_events_without_a_case_and_computed_deadlines(run, repo):
    extra = ("  - id: loose\n    date: 2025-05-05\n    kind: statement\n    title: No case\n"
             "    sources: [art]\n"
             "  - id: answer\n    due: {after: order-1, days: 30}\n    case: abrego\n"
             "    kind: deadline\n    title: Answer due\n    sources: [art]\n")
    commit(repo, {"events.yaml": second() + extra}, "2025-05-06T13:00:00+00:00")
    result = run("digest", "--since-rev", "HEAD~1", "--today", "2025-05-06", cwd=repo)
    assert result.exit_code == 0, result.stderr
    head, tail = result.stdout.split("\n\nEvents since HEAD~1 ", 1)
    assert "; 2 events added, 0 changed, 0 removed since HEAD~1 (commit " in head.splitlines()[0]
    assert tail.split(":\n", 1)[1] == textwrap.dedent("""
        Abrego Garcia v. Noem (abrego):
        - added: computed due date Answer due
          id answer https://example.org/article

        Events without a case:
        - added: 2025-05-05 No case
          id loose https://example.org/article
        """)


def test_a_record_started_after_the_commit_is_all_added(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"README": "records to come\n"}, "2025-05-01T12:00:00+00:00")
    commit(tmp_path, {"events.yaml": FIRST}, "2025-05-06T12:00:00+00:00")
    result = run("digest", "--since-rev", "HEAD~1", "--today", "2025-05-06", "-F", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["changes"]["added"], doc["changes"]["changed"], doc["changes"]["removed"]) == (
        6, 0, 0)
    # Deadlines new to the record are new to a status only if they reached it since then.
    assert [(d["id"], d["new"]) for d in doc["deadlines"]["passed"]] == [
        ("due-0505", True), ("due-old", False)]


def test_since_after_today_is_a_usage_error(run, repo):
    result = run("digest", "--since", "2025-05-08", "--today", "2025-05-06", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == ("timeline: error: --since 2025-05-08 is after today (2025-05-06): "
                             "nothing has happened since\n")


def test_since_rev_of_a_commit_after_today_is_a_usage_error(run, repo):
    # Re-running a past day (the Action's `today:`) against a later commit would mark
    # deadlines new that were new only in the future.
    result = run("digest", "--since-rev", "HEAD", "--today", "2025-05-05", "--fail-on",
                 "due-soon", cwd=repo)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == ("timeline: error: --since-rev HEAD is a commit of 2025-05-06, after "
                             "today (2025-05-05): nothing has happened since\n")
    assert result.stdout == ""
    same_day = run("digest", "--since-rev", "HEAD", "--today", "2025-05-06", cwd=repo)
    assert same_day.exit_code == 0, same_day.stderr
