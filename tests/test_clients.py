"""The real clients the export tests use are there, at the versions this project pins."""

from __future__ import annotations

import json
import subprocess

import pytest

import clients


def test_npm_clients_are_the_pinned_versions():
    pinned = json.loads((clients.NODE_MODULES.parent / "package.json").read_text())
    for name, version in pinned["dependencies"].items():
        installed = json.loads((clients.npm_package(name) / "package.json").read_text())
        assert installed["version"] == version, name


def test_ical_js_runs_under_node():
    done = clients.run_node('import ICAL from "ical.js"; console.log(typeof ICAL.parse);')
    assert (done.returncode, done.stdout) == (0, "function\n"), done.stderr


def test_debian_clients_are_installed():
    for found in (clients.chromium(), clients.soffice()):
        done = subprocess.run([found, "--version"], capture_output=True, timeout=120)
        assert done.returncode == 0, found


def test_a_missing_client_fails_on_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no-such-client is not installed"):
        clients.program("no-such-client")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        clients.program("no-such-client")
