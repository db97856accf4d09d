"""The project's Dagster instance is quiet: no telemetry, no first-visit prompt, nothing committed by accident."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import dagster as dg
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def instance(tmp_path: Path):
    shutil.copy(ROOT / "dagster.yaml", tmp_path / "dagster.yaml")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        yield instance


def test_no_telemetry_and_no_first_visit_prompt(instance):
    assert instance.telemetry_enabled is False
    assert instance.nux_enabled is False  # the "Join the Dagster community" pop-up


def test_dagster_debug_messages_are_not_stored(instance):
    """Each stored message is a row and a commit in the event log; Dagster's DEBUG ones (two per table an
    IO manager reads or writes) are left out, INFO and above (the build's progress) kept."""
    assert instance.python_log_level == "INFO"


@pytest.mark.parametrize(
    "path", [".nux/nux.yaml", ".dagster/storage/runs.db", "outputs/latest", ".tmp_dagster_home_x/a"]
)
def test_runtime_folders_are_git_ignored(path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout: apt-get install git")
    check = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
    assert check.returncode == 0, f"{path} is not git-ignored"
