"""Releases are tags `vX.Y.Z` that `pre-commit autoupdate` finds (README: Releases).

The test makes a repository of this one's hook manifest and version, releases it as the README
says (an annotated tag on the release commit), clones it bare as a server would hold it, and
lets a consumer repository that pins an older commit run pre-commit's own `autoupdate`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from test_readme import blocks, section

from timeline import __version__

TAG = f"v{__version__}"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_env(tmp_path: Path) -> dict[str, str]:
    """git with a fixed identity and none of the user's configuration; pre-commit's cache in
    ``tmp_path``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="release", GIT_AUTHOR_EMAIL="release@localhost",
               GIT_COMMITTER_NAME="release", GIT_COMMITTER_EMAIL="release@localhost",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))  # fmt: skip
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def released_server(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A bare repository with two commits: an older one, then the release, tagged TAG.

    Returns the server's path and the older commit, which the consumer pins first."""
    work = tmp_path / "work"
    work.mkdir()
    git(work, env, "init", "-q", "-b", "main")
    shutil.copy(REPO / "pyproject.toml", work / "pyproject.toml")
    git(work, env, "add", ".")
    git(work, env, "commit", "-q", "-m", "before the release")
    older = git(work, env, "rev-parse", "HEAD").strip()
    shutil.copy(REPO / ".pre-commit-hooks.yaml", work / ".pre-commit-hooks.yaml")
    (work / "timeline").mkdir()
    shutil.copy(REPO / "timeline" / "__init__.py", work / "timeline" / "__init__.py")
    git(work, env, "add", ".")
    git(work, env, "commit", "-q", "-m", f"Release {__version__}")
    git(work, env, "tag", "-a", TAG, "-m", f"timeline {__version__}")
    server = tmp_path / "server.git"
    git(tmp_path, env, "clone", "-q", "--bare", str(work), str(server))
    return server, older


def readme_hook_config() -> str:
    return next(b for b in blocks(section("## `timeline check`"), "yaml") if "hooks:" in b)


def test_the_readme_pins_the_current_release_tag() -> None:
    config = readme_hook_config()
    assert re.search(rf"^\s+rev: {re.escape(TAG)}\s*(#.*)?$", config, re.M), config


@needs_git
def test_git_ls_remote_lists_the_release_tag(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    server, _ = released_server(tmp_path, env)
    tags = git(tmp_path, env, "ls-remote", "--tags", str(server))
    assert re.search(rf"\trefs/tags/{re.escape(TAG)}\n", tags)
    assert re.search(rf"\trefs/tags/{re.escape(TAG)}\^\{{\}}\n", tags)  # annotated: it peels


@needs_git
def test_pre_commit_autoupdate_moves_the_readme_config_to_the_release_tag(tmp_path: Path):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (the test extra has it)")
    env = git_env(tmp_path)
    server, older = released_server(tmp_path, env)
    consumer = tmp_path / "records"
    consumer.mkdir()
    git(consumer, env, "init", "-q", "-b", "main")
    config = readme_hook_config()
    config = re.sub(r"(repo: )\S+", rf"\g<1>{server}", config)
    config = re.sub(r"(rev: )\S+", rf"\g<1>{older}", config)
    (consumer / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "autoupdate"], cwd=consumer,
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"updating {older} -> {TAG}" in done.stdout
    updated = (consumer / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert re.search(rf"^\s+rev: {re.escape(TAG)}\s*(#.*)?$", updated, re.M), updated
    assert "- id: timeline-check" in updated
