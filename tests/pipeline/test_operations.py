"""Operations through the CLI, as a user runs it: hostile raw folders, one instance per corpus, homes
anchored to DAGSTER_HOME, concurrent builds, builds with nothing to publish, and failures summarized
by their cause.

Each build is `pipelines build` in a subprocess on a fresh DAGSTER_HOME (a tmp folder holding a copy
of the repository's dagster.yaml). Small texts keep the builds short; the size limit is lowered
through PIPELINES_MAX_DOCUMENT_MB so that a text "over the limit" stays small too.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
from dagster._core.instance.ref import InstanceRef

from pipelines.build import root_cause
from pipelines.defs.instance import CORPORA_FOLDER, corpus_id, corpus_instance, databases_held
from tests.pipeline.test_bad_input import PIPELINES, SEEDS, instance_home
from tests.pipeline.test_incremental import NOTE_TEXT

pytestmark = pytest.mark.slow


def pipelines_build(
    raw: Path, outputs: Path, home: Path, *flags: str, cwd: Path | None = None, **environ: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PIPELINES, "build", "--raw", str(raw), "--outputs", str(outputs), *flags],
        cwd=cwd or home,
        env={**os.environ, "DAGSTER_HOME": str(home), **environ},
        capture_output=True,
        text=True,
        timeout=900,
    )


def start_build(raw: Path, outputs: Path, home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PIPELINES, "build", "--raw", str(raw), "--outputs", str(outputs)],
        cwd=home,
        env={**os.environ, "DAGSTER_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def releases(outputs: Path) -> list[str]:
    return [r["release_id"] for r in json.loads((outputs / "versions.json").read_text())["releases"]]


def note_folder(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True)
    for name in names or ("note.txt",):
        (folder / name).write_text(NOTE_TEXT, encoding="utf-8")
    return folder


LONG_NAME = "L" * 251 + ".txt"


def test_hostile_entries_are_documents_or_rejects_and_the_release_is_published(tmp_path):
    """A symlink loop, a 251-character name, dot-files, README.md and a text over the size limit
    stopped the release or vanished from it; now each is a document or a reject with a reason, and
    deleting the long-named file later does not crash the next build (remove_stored)."""
    raw, outputs, home = tmp_path / "raw", tmp_path / "outputs", instance_home(tmp_path)
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    (raw / "self.txt").symlink_to("self.txt")
    (raw / LONG_NAME).write_text(NOTE_TEXT, encoding="utf-8")
    (raw / ".hidden.txt").write_text(NOTE_TEXT.replace("2006", "2007"), encoding="utf-8")
    (raw / "..txt").write_text(NOTE_TEXT.replace("2006", "2005"), encoding="utf-8")
    (raw / "README.md").write_text("What this folder holds.\n")
    (raw / "huge.txt").write_text(NOTE_TEXT * 2000, encoding="utf-8")  # about 0.8 MB
    result = pipelines_build(raw, outputs, home, PIPELINES_MAX_DOCUMENT_MB="0.5")
    assert result.returncode == 0, result.stdout + result.stderr
    entries = sorted(p.name for p in raw.iterdir())
    assert f"documents read: {len(entries)}" in result.stdout
    documents = pd.read_parquet(outputs / "latest" / "documents.parquet")
    rejects = pd.read_parquet(outputs / "latest" / "rejects.parquet").set_index("source_file")["reason"]
    assert sorted([*documents["source_file"], *rejects.index]) == entries
    assert rejects["self.txt"] == "a symbolic link loop: replace the link by the file it should name"
    assert rejects["huge.txt"].endswith(
        "over the limit of 0.5 MB per document ($PIPELINES_MAX_DOCUMENT_MB): split it into smaller texts"
    )
    assert rejects["README.md"].startswith("the raw folder's own documentation")
    assert {".hidden.txt", "..txt", LONG_NAME} <= set(documents["source_file"])
    long_id = documents.set_index("source_file").loc[LONG_NAME, "doc_id"]
    assert re.fullmatch(r"L{107}-[0-9a-f]{12}", long_id)

    (raw / LONG_NAME).unlink()
    again = pipelines_build(raw, outputs, home, PIPELINES_MAX_DOCUMENT_MB="0.5")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "1 removed)" in again.stdout
    assert LONG_NAME not in set(pd.read_parquet(outputs / "latest" / "documents.parquet")["source_file"])


def test_another_raw_folder_leaves_the_default_corpus_alone(tmp_path):
    """`pipelines build --raw /tmp/x` removed the seeds' partitions ("2 removed"), so the next plain
    build parsed everything again. Now every raw folder has its own instance."""
    home = instance_home(tmp_path)
    raw, outputs = home / "raw", home / "outputs"  # the default corpus: what a plain build reads
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    other = note_folder(tmp_path / "x")
    first = pipelines_build(raw, outputs, home)
    assert "documents: 2 (2 new, 0 changed, 0 unchanged and reused, 0 removed)" in first.stdout, first.stdout
    second = pipelines_build(other, outputs, home)
    assert "documents: 1 (1 new, 0 changed, 0 unchanged and reused, 0 removed)" in second.stdout, (
        second.stdout
    )
    third = pipelines_build(raw, outputs, home)
    assert third.returncode == 0, third.stdout + third.stderr
    assert "documents: 2 (0 new, 0 changed, 2 unchanged and reused, 0 removed)" in third.stdout
    assert "  extracted_facts: 6 reused, 0 computed" in third.stdout
    assert len(releases(outputs)) == 3
    assert (home / ".dagster" / "storage").is_dir()
    assert [p.name for p in (home / ".dagster" / "corpora").iterdir()] == [corpus_id(other)]


def test_nothing_changed_publishes_nothing_unless_forced(tmp_path):
    raw, outputs, home = note_folder(tmp_path / "raw"), tmp_path / "outputs", instance_home(tmp_path)
    first = pipelines_build(raw, outputs, home)
    assert first.returncode == 0, first.stdout + first.stderr
    (release,) = releases(outputs)
    again = pipelines_build(raw, outputs, home)
    assert again.returncode == 0
    assert f"nothing changed since {release}; latest stays" in again.stdout
    assert releases(outputs) == [release]
    forced = pipelines_build(raw, outputs, home, "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert len(releases(outputs)) == 2 and (outputs / "latest").resolve().name != release
    (raw / "note.txt").write_text(NOTE_TEXT + "\nOne more sentence.\n", encoding="utf-8")
    changed = pipelines_build(raw, outputs, home)
    assert "nothing changed" not in changed.stdout and len(releases(outputs)) == 3


def test_an_empty_raw_folder_is_an_error_unless_allowed(tmp_path):
    raw, outputs, home = tmp_path / "raw", tmp_path / "outputs", instance_home(tmp_path)
    raw.mkdir()
    (raw / "SOURCES.md").write_text("nothing yet\n")
    refused = pipelines_build(raw, outputs, home)
    assert refused.returncode == 2
    assert f"error: raw folder {raw} holds no texts" in refused.stdout
    assert not (outputs / "releases").exists()
    allowed = pipelines_build(raw, outputs, home, "--allow-empty")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "documents published: 0" in allowed.stdout and len(releases(outputs)) == 1


def test_two_homes_used_from_one_working_directory_are_two_instances(tmp_path):
    """dagster.yaml's relative folders resolved against the cwd: two fresh DAGSTER_HOMEs used from one
    folder shared one `.dagster/`, and the second build reused the first one's partitions."""
    raw, work = note_folder(tmp_path / "raw"), tmp_path / "work"
    work.mkdir()
    homes = [tmp_path / "one", tmp_path / "two"]
    for home in homes:
        home.mkdir()
        shutil.copy(Path(__file__).resolve().parents[2] / "dagster.yaml", home / "dagster.yaml")
    for index, home in enumerate(homes):
        result = pipelines_build(raw, tmp_path / f"outputs{index}", home, cwd=work)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "documents: 1 (1 new, 0 changed, 0 unchanged and reused, 0 removed)" in result.stdout
        assert list((home / ".dagster" / "corpora").glob("raw-*/storage/history/runs.db"))
    assert not (work / ".dagster").exists()


def test_two_simultaneous_builds_never_fail_with_an_os_error(tmp_path):
    """Two builds on one outputs folder started together: one died with `OSError: [Errno 39] Directory
    not empty`. Now the second one exits at once, naming the first one's pid."""
    raw, outputs, home = note_folder(tmp_path / "raw"), tmp_path / "outputs", instance_home(tmp_path)
    builds = [start_build(raw, outputs, home) for _ in range(2)]
    logs = [build.communicate(timeout=900)[0] for build in builds]
    codes = [build.returncode for build in builds]
    assert sorted(codes) == [0, 1], logs
    winner, loser = (0, 1) if codes[0] == 0 else (1, 0)
    assert f"another build is running (pid {builds[winner].pid})" in logs[loser]
    for log in logs:
        assert "Errno" not in log and "Traceback" not in log
    assert len(releases(outputs)) == 1


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            OSError(errno.ENOTEMPTY, "Directory not empty", "/out/releases/.x", None, "/out/releases/x"),
            "OSError: [Errno 39] Directory not empty: '/out/releases/.x' -> '/out/releases/x'",
        ),
        (
            NotADirectoryError(errno.ENOTDIR, "Not a directory", "/out/latest"),
            "NotADirectoryError: [Errno 20] Not a directory: '/out/latest'",
        ),
        (ValueError("versions.json: line 1\ncolumn 2"), "ValueError: versions.json: line 1 column 2"),
    ],
)
def test_a_failed_step_is_summarized_by_its_cause_in_one_line(error, line):
    """The summary showed only Dagster's wrapper, 'Error occurred while executing op "release"'."""

    @dg.asset
    def release():
        raise error

    result = dg.materialize([release], raise_on_error=False)
    (failure,) = result.get_step_failure_events()
    assert "Error occurred while executing" in failure.step_failure_data.error.message
    assert root_cause(failure.step_failure_data.error) == line


@pytest.mark.parametrize("dagster_yaml", ["repository", "telemetry only"])
def test_each_raw_folder_has_its_own_instance_under_dagster_home(tmp_path, monkeypatch, dagster_yaml):
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    if dagster_yaml == "repository":
        shutil.copy(Path(__file__).resolve().parents[2] / "dagster.yaml", home / "dagster.yaml")
    else:
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.chdir(elsewhere)  # relative folders must not land in the working directory
    default, other = tmp_path / "raw", tmp_path / "news"
    prefix = home / ".dagster" if dagster_yaml == "repository" else home
    with corpus_instance(default, default) as instance:
        assert Path(instance.storage_directory()).is_relative_to(prefix)
        assert CORPORA_FOLDER not in Path(instance.storage_directory()).parts
    with corpus_instance(other, default) as instance:
        storage = Path(instance.storage_directory())
        assert storage.is_relative_to(prefix / CORPORA_FOLDER / corpus_id(other))
    assert not list(elsewhere.iterdir())


def test_the_run_s_sqlite_files_are_held_open_during_the_build_and_closed_after(tmp_path):
    # an idle connection keeps Dagster's per-event connections from checkpointing (fsync) on close
    (tmp_path / "home").mkdir()
    instance = dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(tmp_path / "home")))
    run_id = "0" * 8 + "-0000-0000-0000-" + "0" * 12
    with databases_held(instance, run_id) as databases:
        assert [p.name for p in databases.connections] == ["index.db"]
        instance.event_log_storage.store_event(
            dg.EventLogEntry(error_info=None, level="INFO", user_message="x", run_id=run_id, timestamp=0.0)
        )
        databases.hold()
        assert sorted(p.name for p in databases.connections) == sorted(["index.db", f"{run_id}.db"])
    assert databases.connections == {}
