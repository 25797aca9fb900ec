"""Writes under faults: outside edits, read-only files, signals, line ends, full disks."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import DATA, FIXED_TODAY, REPO
from timeline import regular_files

BASE = """\
sources:
  s: {title: S}
events:
  - id: a
    date: 2025
    kind: other
    title: A
    sources: [s]
"""
ADD = ("add", "--id", "b", "--date", "2026", "--kind", "other", "--title", "B", "--source", "s")
WITH_B = BASE + "  - id: b\n    date: 2026\n    kind: other\n    title: B\n    sources: [s]\n"
OUTSIDE = BASE.replace("title: A", "title: A, as the editor saved it")


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def env() -> dict[str, str]:
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    environment.pop("TIMELINE_FILE", None)
    return environment


# Item 11: a file replaced by a program that does not take the lock -------------------------


def change_before_rename(monkeypatch: pytest.MonkeyPatch, folder: Path, how: str) -> None:
    """Once the new file is written, before the rename, another program changes events.yaml."""
    real_fsync = os.fsync

    def fsync_then_outside_edit(descriptor: int) -> None:
        real_fsync(descriptor)
        if os.readlink(f"/proc/self/fd/{descriptor}").endswith(".tmp"):
            path = folder / "events.yaml"
            if how == "rename":  # git checkout, most editors: a new file renamed over it
                (folder / "other.tmp").write_text(OUTSIDE)
                os.replace(folder / "other.tmp", path)
            else:  # an editor that writes in place: same inode, new content
                with open(path, "r+") as stream:
                    stream.write(OUTSIDE)

    monkeypatch.setattr(os, "fsync", fsync_then_outside_edit)


@pytest.mark.parametrize("how", ["rename", "in place"])
def test_a_file_changed_under_the_lock_is_left_as_the_other_program_wrote_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    change_before_rename(monkeypatch, tmp_path, how)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "timeline: error: events.yaml was changed by another program while timeline was "
        "writing it: it is left as that program wrote it, and what timeline would have written "
        "is in events.yaml.timeline-new; run the command again to add to the changed file\n"
    )
    assert path.read_text() == OUTSIDE
    assert (tmp_path / "events.yaml.timeline-new").read_text() == WITH_B
    assert names(tmp_path) == ["events.yaml", "events.yaml.timeline-new"]
    monkeypatch.undo()
    again = run(*ADD, "--today", FIXED_TODAY)
    assert again.exit_code == 0, again.output
    assert path.read_text() == OUTSIDE + WITH_B[len(BASE):]


def test_an_earlier_kept_file_is_not_overwritten(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    (tmp_path / "events.yaml.timeline-new").write_text("not merged yet")
    change_before_rename(monkeypatch, tmp_path, "rename")
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert "would have written is in events.yaml.timeline-new-2;" in result.stderr
    assert (tmp_path / "events.yaml.timeline-new").read_text() == "not merged yet"
    assert (tmp_path / "events.yaml.timeline-new-2").read_text() == WITH_B
    assert path.read_text() == OUTSIDE


def test_an_import_into_a_file_changed_under_the_lock_is_refused(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE.replace("events:", "cases:\n  c: {title: C}\nevents:"))
    before = path.read_text()
    real_fsync = os.fsync

    def outside_edit(descriptor: int) -> None:
        real_fsync(descriptor)
        if os.readlink(f"/proc/self/fd/{descriptor}").endswith(".tmp"):
            path.write_text(before + "# a comment the editor saved\n")

    monkeypatch.setattr(os, "fsync", outside_edit)
    webhook = str(DATA / "courtlistener" / "webhook.json")
    result = run("import", "courtlistener", webhook, "--case", "c", "--source", "s",
                 "--today", FIXED_TODAY)  # fmt: skip
    assert result.exit_code == 4, result.output
    assert "events.yaml was changed by another program" in result.stderr
    assert path.read_text() == before + "# a comment the editor saved\n"
    kept = (tmp_path / "events.yaml.timeline-new").read_text()
    assert kept.startswith(before) and len(kept) > len(before)


def test_a_file_replaced_while_it_was_being_read_is_not_written(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.edit

    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    real_load = timeline.edit.load

    def load_then_outside_edit(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_load(*args, **kwargs)
        if not kwargs.get("overrides"):  # the first read, not the check of the new file
            (tmp_path / "other.tmp").write_text(OUTSIDE)
            os.replace(tmp_path / "other.tmp", path)
        return result

    monkeypatch.setattr(timeline.edit, "load", load_then_outside_edit)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: events.yaml was changed by another program while timeline was reading "
        "it; nothing was written: run the command again\n"
    )
    assert path.read_text() == OUTSIDE
    assert names(tmp_path) == ["events.yaml"]


WAIT_BEFORE_RENAME = """\
import os, sys, time
from pathlib import Path

real_fsync = os.fsync

def paused(descriptor):
    real_fsync(descriptor)
    name = Path(os.readlink(f"/proc/self/fd/{descriptor}")).name
    if name.startswith(".events.yaml.timeline-"):
        # Between the write (the temporary file is on disk) and the rename.
        print("paused", name, flush=True)
        time.sleep(float(os.environ.get("PAUSE", "60")))

os.fsync = paused
sys.argv = ["timeline", *sys.argv[1:]]
from timeline.entry import main
main()
"""


def start_paused(folder: Path, *args: str, pause: float = 60) -> tuple[subprocess.Popen[str], str]:
    """A real `timeline` process, stopped between its write and its rename."""
    wrapper = folder.parent / f"{folder.name}-wrapper.py"
    wrapper.write_text(WAIT_BEFORE_RENAME)
    process = subprocess.Popen(
        [sys.executable, str(wrapper), *args], cwd=folder, env={**env(), "PAUSE": str(pause)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("paused "), (line, process.communicate(timeout=60))
    return process, line.split()[1]


def test_a_real_editor_save_while_add_waits_to_rename_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    path = folder / "events.yaml"
    path.write_text(BASE)
    process, _temporary = start_paused(folder, *ADD, "--today", FIXED_TODAY, pause=1)
    # Another process, holding no lock, saves the file as an editor does.
    save = "import os, sys; open('e', 'w').write(sys.argv[1]); os.replace('e', 'events.yaml')"
    subprocess.run([sys.executable, "-c", save, OUTSIDE], cwd=folder, check=True)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 4, (out, err)
    assert "events.yaml was changed by another program" in err
    assert path.read_text() == OUTSIDE
    assert (folder / "events.yaml.timeline-new").read_text() == WITH_B


# Item 12: files the user cannot or would not write; owner, group and mode kept -------------


def test_a_read_only_file_is_refused_even_for_root(run, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    os.chmod(path, 0o444)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: cannot write events.yaml: it is read-only (mode 0444); allow writing "
        "it first (chmod u+w events.yaml)\n"
    )
    assert path.read_text() == BASE
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert names(tmp_path) == ["events.yaml"]


def test_a_read_only_export_target_is_refused(run, tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(BASE)
    out = tmp_path / "out.json"
    out.write_text("old")
    os.chmod(out, 0o444)
    result = run("export", "-F", "json", "-o", "out.json", "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr.startswith("timeline: error: cannot write out.json: it is read-only")
    assert out.read_text() == "old"


def test_a_read_only_symlink_target_is_refused(run, tmp_path: Path) -> None:
    real = tmp_path / "data" / "events.yaml"
    real.parent.mkdir()
    real.write_text(BASE)
    os.chmod(real, 0o400)
    (tmp_path / "events.yaml").symlink_to(real)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert "it is read-only (mode 0400)" in result.stderr
    assert real.read_text() == BASE


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_owner_group_and_mode_are_kept_through_a_symlink(run, tmp_path: Path) -> None:
    real = tmp_path / "data" / "events.yaml"
    real.parent.mkdir()
    real.write_text(BASE)
    os.chown(real, 4321, 8765)
    os.chmod(real, 0o620)
    link = tmp_path / "events.yaml"
    link.symlink_to(real)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    info = real.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 8765, 0o620)
    assert real.read_text() == WITH_B
    assert link.lstat().st_uid == 0  # the link itself untouched


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_owner_and_mode_of_an_export_target_are_kept(run, tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(BASE)
    out = tmp_path / "out.json"
    out.write_text("old")
    os.chown(out, 4321, 8765)
    os.chmod(out, 0o664)
    result = run("export", "-F", "json", "-o", "out.json", "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    info = out.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 8765, 0o664)
    assert out.read_text().startswith("{")


def test_a_file_another_user_owns_is_refused_when_its_owner_cannot_be_kept(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    owner = path.stat().st_uid
    # As a user other than the owner, with write permission through the group.
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1000)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        f"timeline: error: cannot write events.yaml: it belongs to another user (uid {owner}), "
        "and replacing it would make it yours; run as its owner\n"
    )
    assert path.read_text() == BASE
    assert names(tmp_path) == ["events.yaml"]


def test_a_fifo_or_device_is_never_replaced_by_export(run, tmp_path: Path) -> None:
    # Never the real /dev/null in a test: the code before this fix, run as root, replaced it.
    (tmp_path / "events.yaml").write_text(BASE)
    os.mkfifo(tmp_path / "pipe")
    result = run("export", "-F", "json", "-o", "pipe", "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: cannot write pipe: it is not a regular file; write to a file, "
        "or leave out -o to write to stdout\n"
    )
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)
    assert names(tmp_path) == ["events.yaml", "pipe"]


# Item 13: SIGTERM, SIGHUP and kill -9 between write and rename ------------------------------


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_between_write_and_rename_leaves_no_temporary_file(
    tmp_path: Path, sig: int, code: int
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    process, temporary = start_paused(tmp_path, *ADD, "--today", FIXED_TODAY)
    assert temporary.startswith(f".events.yaml.timeline-{process.pid}-")
    assert temporary.endswith(".tmp")
    assert (tmp_path / temporary).read_text() == WITH_B  # written and flushed, not yet renamed
    process.send_signal(sig)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert err == f"timeline: stopped by {signal.Signals(sig).name}\n"
    assert path.read_text() == BASE
    assert names(tmp_path) == ["events.yaml"]


def test_a_hangup_under_nohup_does_not_stop_the_write(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    wrapper = tmp_path.parent / f"{tmp_path.name}-nohup.py"
    wrapper.write_text("import signal\nsignal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
                       + WAIT_BEFORE_RENAME)  # fmt: skip
    process = subprocess.Popen([sys.executable, str(wrapper), *ADD, "--today", FIXED_TODAY],
                               cwd=tmp_path, env={**env(), "PAUSE": "1"}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline().startswith("paused ")
    process.send_signal(signal.SIGHUP)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out == "Added b to events.yaml (line 9).\n"
    assert path.read_text() == WITH_B
    assert names(tmp_path) == ["events.yaml"]


def test_a_signal_during_export_output_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(BASE)
    (tmp_path / "out.json").write_text("old")
    script = WAIT_BEFORE_RENAME.replace('".events.yaml.timeline-"', '".out.json.timeline-"')
    wrapper = tmp_path.parent / f"{tmp_path.name}-export.py"
    wrapper.write_text(script)
    command = [sys.executable, str(wrapper), "export", "-F", "json", "-o", "out.json",
               "--today", FIXED_TODAY]  # fmt: skip
    process = subprocess.Popen(command, cwd=tmp_path, env=env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline().startswith("paused .out.json.timeline-")
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode == 143
    assert (tmp_path / "out.json").read_text() == "old"
    assert names(tmp_path) == ["events.yaml", "out.json"]


def test_a_kill_9_leftover_is_removed_by_the_next_add(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    process, temporary = start_paused(tmp_path, *ADD, "--today", FIXED_TODAY)
    process.kill()
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert path.read_text() == BASE  # the original is intact
    assert names(tmp_path) == [temporary, "events.yaml"]  # nothing could clean up
    again = subprocess.run([sys.executable, "-m", "timeline", *ADD, "--today", FIXED_TODAY],
                           cwd=tmp_path, env=env(), capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert path.read_text() == WITH_B
    assert names(tmp_path) == ["events.yaml"]


def test_a_leftover_of_a_live_process_or_another_file_is_kept(run, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = tmp_path / f".events.yaml.timeline-{sleeper.pid}-abc123.tmp"
        alive.write_text("being written")
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout.strip()
        gone = tmp_path / f".events.yaml.timeline-{dead}-def456.tmp"
        gone.write_text("left by kill -9")
        other = tmp_path / f".other.yaml.timeline-{dead}-def456.tmp"
        other.write_text("another file's")
        mine = tmp_path / ".events.yaml.notes.tmp"  # not the pattern
        mine.write_text("the user's")
        result = run(*ADD, "--today", FIXED_TODAY)
        assert result.exit_code == 0, result.output
        assert names(tmp_path) == sorted([alive.name, other.name, mine.name, "events.yaml"])
    finally:
        sleeper.kill()
        sleeper.wait()


# Item 14: the file's line ends, whatever they are --------------------------------------------


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_add_keeps_the_files_line_ends(run, tmp_path: Path, end: str) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(BASE.replace("\n", end).encode())
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == WITH_B.replace("\n", end).encode()


def test_add_to_a_cr_file_without_a_final_line_end(run, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(BASE.rstrip("\n").replace("\n", "\r").encode())
    assert run(*ADD, "--today", FIXED_TODAY).exit_code == 0
    assert path.read_bytes() == WITH_B.replace("\n", "\r").encode()


# Item 15: a file that cannot be read or written is exit 4, one line -------------------------


def no_space(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, call, full)


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_during_add_exits_4(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    no_space(monkeypatch, call)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "timeline: error: cannot write events.yaml: No space left on device; nothing was written\n"
    )
    assert path.read_text() == BASE
    assert names(tmp_path) == ["events.yaml"]


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_during_export_output_exits_4(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    (tmp_path / "events.yaml").write_text(BASE)
    no_space(monkeypatch, call)
    result = run("export", "-F", "json", "-o", "out.json", "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: cannot write out.json: No space left on device; nothing was written\n"
    )
    assert names(tmp_path) == ["events.yaml"]


def test_an_unwritable_output_folder_exits_4(run, tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text(BASE)
    result = run("export", "-F", "json", "-o", "missing/out.json", "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: cannot write missing/out.json: No such file or directory; "
        "nothing was written\n"
    )


def test_a_read_only_file_system_exits_4(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    real_open = os.open

    def read_only(file, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), file)
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = run(*ADD, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: cannot write events.yaml: Read-only file system; nothing was written\n"
    )


@pytest.mark.parametrize(
    "command",
    [("check",), ("show",), ("export", "-F", "json"), ("deadlines",), ("cases",), ADD],
)
def test_an_unreadable_events_file_exits_4(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE)
    real_read = regular_files.read_regular  # how the loader reads every events file

    def unreadable(path: Path) -> bytes:
        if Path(path).name == "events.yaml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_read(path)

    monkeypatch.setattr(regular_files, "read_regular", unreadable)
    result = run(*command, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    line = "events.yaml:1:1: error: cannot read file: Permission denied [T006]"
    assert line in result.output
    assert "Traceback" not in result.output


WEBHOOK = str(DATA / "courtlistener" / "webhook.json")


@pytest.mark.parametrize("command", [ADD, ("import", "courtlistener", WEBHOOK, "--case", "c")])
def test_an_events_file_that_cannot_be_opened_for_the_lock_exits_4(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    (tmp_path / "events.yaml").write_text(BASE)
    real_open = os.open

    def denied(file, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file).name == "events.yaml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), file)
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    result = run(*command, "--today", FIXED_TODAY)
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: cannot read events.yaml: Permission denied; nothing was written\n"
    )


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_during_import_exits_4(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(BASE.replace("events:", "cases:\n  c: {title: C}\nevents:"))
    before = path.read_text()
    no_space(monkeypatch, call)
    webhook = str(DATA / "courtlistener" / "webhook.json")
    result = run("import", "courtlistener", webhook, "--case", "c", "--source", "s",
                 "--today", FIXED_TODAY)  # fmt: skip
    assert result.exit_code == 4, result.output
    assert result.stderr == (
        "timeline: error: cannot write events.yaml: No space left on device; nothing was written\n"
    )
    assert path.read_text() == before
    assert names(tmp_path) == ["events.yaml"]


def test_an_unreadable_include_with_other_errors_is_exit_1(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "events.yaml").write_text(textwrap.dedent("""\
        include: [more.yaml]
        events:
          - {id: a, date: 2025, kind: nonsense, title: A}
    """))
    (tmp_path / "more.yaml").write_text("events: []\n")
    real_read = regular_files.read_regular  # how the loader reads every events file

    def unreadable(path: Path) -> bytes:
        if Path(path).name == "more.yaml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_read(path)

    monkeypatch.setattr(regular_files, "read_regular", unreadable)
    result = run("check", "--today", FIXED_TODAY)
    assert result.exit_code == 1  # the lowest code that applies wins
    assert "more.yaml:1:1: error: cannot read file: Permission denied [T006]" in result.stdout
