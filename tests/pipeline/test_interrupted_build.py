"""A build killed while it publishes leaves the last good release untouched, and the next build works.

1. `pipelines build` on the seeds: release A.
2. A second build on changed input, started in its own process group; the test polls
   outputs/releases/ every millisecond for the publisher's hidden staging folder (`.<release_id>.*`,
   made by tempfile.mkdtemp before any table is written) and sends SIGKILL to the whole group as soon
   as it appears: the kill lands while the release is being written, before the rename. No hook and
   no padding needed: on the seeds the staging folder lives ~2 s (tables, then the companions: DuckDB
   file, datapackage, quality, page), against a 1 ms poll. The changed input is one added text.
3. `latest`, versions.json and A's files are as they were (every file matches the sha256 the
   manifest recorded); the killed staging folder is left behind, as after a power cut.
4. A third build on the same changed input removes the leftover, succeeds and moves `latest`.
(Kills between the rename and the two pointer moves go through the PIPELINES_KILL_AT hook:
tests/unit/publish/test_release.py.)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.pipeline.test_bad_input import PIPELINES, SEEDS, instance_home, run_build

pytestmark = pytest.mark.slow


def manifest_files(release: Path) -> dict[str, str]:
    """path -> sha256 of every file the manifest records (tables and companions)."""
    manifest = json.loads((release / "manifest.json").read_text())
    recorded = {}
    for table in manifest["tables"].values():
        for facts in table["files"].values():
            recorded[facts["path"]] = facts["sha256"]
    for name, facts in manifest["files"].items():
        recorded[facts.get("path", name)] = facts["sha256"]
    return recorded


def assert_release_intact(release: Path) -> None:
    recorded = manifest_files(release)
    assert recorded, "the manifest lists no files"
    for path, sha256 in recorded.items():
        assert hashlib.sha256((release / path).read_bytes()).hexdigest() == sha256, path


def large_text(megabytes: float) -> str:
    """A long article made of the seeds' body paragraphs (so extraction finds things in it)."""
    paragraphs = [
        block.strip()
        for seed in SEEDS
        for block in seed.read_text(encoding="utf-8").split("\n\n")
        if len(block) > 300 and block[0].isupper()
    ]
    parts, size, index = ["CENTRAL ASIAN SECURITY: A LONG REVIEW", "Aigerim KUANYSHEVA"], 0, 0
    while size < megabytes * 1024**2:
        parts.append(paragraphs[index % len(paragraphs)])
        size += len(parts[-1].encode()) + 2
        index += 1
    return "\n\n".join(parts) + "\n"


def staging_folders(outputs: Path) -> list[Path]:
    releases = outputs / "releases"
    return sorted(p for p in releases.iterdir() if p.name.startswith(".")) if releases.is_dir() else []


def test_killed_publish_keeps_the_last_good_release(tmp_path):
    raw, outputs, home = tmp_path / "raw", tmp_path / "outputs", instance_home(tmp_path)
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    first = run_build(raw, outputs, home)
    assert first.returncode == 0, first.stdout + first.stderr
    release_a = (outputs / "latest").resolve()
    versions_before = (outputs / "versions.json").read_bytes()
    assert json.loads(versions_before)["last_successful"] == release_a.name
    assert_release_intact(release_a)

    (raw / "zz long review.txt").write_text(large_text(0.02), encoding="utf-8")
    log = (tmp_path / "killed.log").open("w")
    build = subprocess.Popen(
        [PIPELINES, "build", "--raw", str(raw), "--outputs", str(outputs)],
        cwd=home,
        env={**os.environ, "DAGSTER_HOME": str(home)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kill reaches every process it started
    )
    deadline = time.monotonic() + 900
    try:
        while not staging_folders(outputs):
            assert build.poll() is None, "the build ended before it started publishing"
            assert time.monotonic() < deadline, "no staging folder appeared"
            time.sleep(0.001)
        os.killpg(build.pid, signal.SIGKILL)
        assert build.wait(timeout=60) == -signal.SIGKILL
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
        log.close()
    (leftover,) = staging_folders(outputs)
    assert not (outputs / "releases" / leftover.name.split(".")[1]).exists()  # never renamed into place

    assert (outputs / "latest").resolve() == release_a
    assert (outputs / "versions.json").read_bytes() == versions_before
    assert json.loads(versions_before)["last_successful"] == release_a.name
    assert_release_intact(release_a)
    assert sorted(p.name for p in (outputs / "releases").iterdir()) == sorted([release_a.name, leftover.name])

    third = run_build(raw, outputs, home)
    assert third.returncode == 0, third.stdout + third.stderr
    release_c = (outputs / "latest").resolve()
    assert release_c != release_a and release_c.parent == release_a.parent
    versions = json.loads((outputs / "versions.json").read_text())
    assert versions["last_successful"] == release_c.name
    assert [r["release_id"] for r in versions["releases"]] == [release_a.name, release_c.name]
    assert_release_intact(release_c)
    assert_release_intact(release_a)
    assert not staging_folders(outputs)  # the killed build's staging folder did not survive the next one
    manifest = json.loads((release_c / "manifest.json").read_text())
    assert "zz long review.txt" in {i["source_file"] for i in manifest["inputs"]}
