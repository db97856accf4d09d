"""The raw-folder sensor and the daily release schedule, evaluated directly on a temporary instance.

Nothing here runs a job (no spaCy): the sensor's partition requests are applied the way the daemon
applies them, and run requests are only inspected.
"""

from __future__ import annotations

import hashlib
import json
import pickle

import dagster as dg
import pytest

from pipelines.defs.automation import (
    DEFAULT_PUBLISH_CRON,
    PUBLISH_CRON_VARIABLE,
    contiguous_ranges,
    daily_release,
    publish_cron,
    raw_folder_sensor,
)
from pipelines.defs.documents import DOCUMENT_ASSETS, DOCUMENTS, code_version
from pipelines.defs.io import store_root, stored_path
from pipelines.defs.jobs import CORPUS_ASSETS, DOCUMENTS_JOB, PUBLISH_JOB
from pipelines.defs.resources import PipelinePaths

RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"


@pytest.fixture
def instance():
    with dg.instance_for_test() as instance:
        yield instance


@pytest.fixture
def paths(tmp_path):
    (tmp_path / "raw").mkdir()
    return PipelinePaths(raw_dir=str(tmp_path / "raw"), outputs_dir=str(tmp_path / "outputs"))


class Sensor:
    """Ticks of raw_folder_sensor, with the cursor carried over and partition requests applied."""

    def __init__(self, instance: dg.DagsterInstance, paths: PipelinePaths):
        self.instance, self.paths, self.cursor = instance, paths, None

    def tick(self) -> dg.SensorResult:
        # `with`: the context enters the instance, and must leave it (Dagster's current-instance state)
        with dg.build_sensor_context(
            instance=self.instance, cursor=self.cursor, resources={"paths": self.paths}
        ) as context:
            result = raw_folder_sensor(context)
        assert isinstance(result, dg.SensorResult)
        for request in result.dynamic_partitions_requests or []:
            if isinstance(request, dg.AddDynamicPartitionsRequest):
                self.instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)
            else:
                for key in request.partition_keys:
                    self.instance.delete_dynamic_partition(request.partitions_def_name, key)
        self.cursor = result.cursor
        return result

    @property
    def partitions(self) -> list[str]:
        return self.instance.get_dynamic_partitions(DOCUMENTS.name)


def document_runs(result: dg.SensorResult) -> list[tuple[str, str]]:
    """(first, last) partition of each `documents` run requested."""
    ranges = []
    for request in result.run_requests or []:
        if request.job_name == DOCUMENTS_JOB:
            if request.partition_key is not None:
                ranges.append((request.partition_key, request.partition_key))
            else:
                ranges.append((request.tags[RANGE_START], request.tags[RANGE_END]))
    return ranges


def publish_runs(result: dg.SensorResult) -> int:
    return sum(request.job_name == PUBLISH_JOB for request in result.run_requests or [])


def test_sensor_follows_the_raw_folder(instance, paths):
    sensor = Sensor(instance, paths)
    (paths.raw / "a.txt").write_text("first version of a")

    result = sensor.tick()  # new file: a partition and a run for it
    assert [r.partition_keys for r in result.dynamic_partitions_requests] == [["a"]]
    assert sensor.partitions == ["a"]
    assert result.run_requests[0].partition_key == "a"
    assert document_runs(result) == [("a", "a")] and publish_runs(result) == 0
    assert json.loads(sensor.cursor)["inputs"] == {"a": hashlib.sha256(b"first version of a").hexdigest()}

    result = sensor.tick()  # unchanged: no document run; the pending release is published once
    assert document_runs(result) == [] and not result.dynamic_partitions_requests
    assert publish_runs(result) == 1
    result = sensor.tick()
    assert result.run_requests == [] and not result.dynamic_partitions_requests

    (paths.raw / "a.txt").write_text("second version of a")
    result = sensor.tick()  # changed: a run for that partition only, no new partition
    assert document_runs(result) == [("a", "a")] and not result.dynamic_partitions_requests

    (paths.raw / "b.txt").write_text("b")
    (paths.raw / "c.txt").write_text("c")
    result = sensor.tick()  # two new files: consecutive partitions, one run for both
    assert sensor.partitions == ["a", "b", "c"]
    assert document_runs(result) == [("b", "c")]

    (paths.raw / "a.txt").write_text("third version of a")
    (paths.raw / "c.txt").write_text("c, changed")
    (paths.raw / "d.txt").write_text("d")
    result = sensor.tick()  # a and c changed, d new: a and c..d
    assert document_runs(result) == [("a", "a"), ("c", "d")]

    sensor.tick()  # publish
    (paths.raw / "b.txt").unlink()
    result = sensor.tick()  # removed: partition deleted, release published again without it
    assert [type(r) for r in result.dynamic_partitions_requests] == [dg.DeleteDynamicPartitionsRequest]
    assert sensor.partitions == ["a", "c", "d"]
    assert document_runs(result) == [] and publish_runs(result) == 1


def test_sensor_waits_for_document_runs_before_publishing(instance, paths):
    sensor = Sensor(instance, paths)
    (paths.raw / "a.txt").write_text("a")
    sensor.tick()
    run = instance.create_run_for_job(_documents_job(), status=dg.DagsterRunStatus.STARTED)
    assert publish_runs(sensor.tick()) == 0  # a documents run is still going
    instance.report_run_failed(run)
    assert publish_runs(sensor.tick()) == 1


def _documents_job() -> dg.JobDefinition:
    from pipelines.definitions import defs

    return defs.resolve_job_def(DOCUMENTS_JOB)


def record_materialization(instance: dg.DagsterInstance, key: str, input_sha256: str) -> None:
    """What a successful run leaves behind: metadata on both per-document assets, and stored results."""
    for asset_key in DOCUMENT_ASSETS:
        instance.report_runless_asset_event(
            dg.AssetMaterialization(
                asset_key=asset_key,
                partition=key,
                metadata={"input_sha256": input_sha256, "code_version": code_version()},
            )
        )
        path = stored_path(store_root(instance), asset_key, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(None))


def test_first_tick_trusts_what_was_already_built(instance, paths):
    """Without a cursor (sensor just turned on), partitions built by `pipelines build` are not rebuilt."""
    (paths.raw / "a.txt").write_text("a")
    (paths.raw / "b.txt").write_text("b")
    instance.add_dynamic_partitions(DOCUMENTS.name, ["a", "b"])
    record_materialization(instance, "a", hashlib.sha256(b"a").hexdigest())
    record_materialization(instance, "b", hashlib.sha256(b"an older b").hexdigest())
    result = Sensor(instance, paths).tick()
    assert document_runs(result) == [("b", "b")]


def test_contiguous_ranges():
    assert contiguous_ranges(["a", "b", "c", "d", "e"], {"a", "c", "d"}) == [("a", "a"), ("c", "d")]
    assert contiguous_ranges(["a", "b"], set()) == []
    assert contiguous_ranges(["a", "b"], {"a", "b"}) == [("a", "b")]


def write_release(paths: PipelinePaths, inputs: dict[str, bytes]) -> None:
    folder = paths.outputs / "releases" / "r1"
    folder.mkdir(parents=True)
    manifest = {
        "inputs": [{"source_file": n, "sha256": hashlib.sha256(b).hexdigest()} for n, b in inputs.items()]
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (paths.outputs / "latest").symlink_to(folder)


def test_schedule_publishes_only_when_an_input_changed(instance, paths):
    (paths.raw / "a.txt").write_bytes(b"a")
    (paths.raw / "b.txt").write_bytes(b"b")
    (paths.raw / "folder").mkdir()  # a reject without a sha256: not an input of the manifest

    def evaluate():
        with dg.build_schedule_context(instance=instance, resources={"paths": paths}) as context:
            return daily_release(context)

    request = evaluate()  # no release yet: build everything, in one run
    assert isinstance(request, dg.RunRequest)
    assert instance.get_dynamic_partitions(DOCUMENTS.name) == ["a", "b", "folder"]
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == ("a", "folder")
    assert set(request.asset_selection) == {*DOCUMENT_ASSETS, *CORPUS_ASSETS}

    write_release(paths, {"a.txt": b"a", "b.txt": b"b"})
    skipped = evaluate()
    assert isinstance(skipped, dg.SkipReason)
    assert "no raw text changed since release r1" in skipped.skip_message

    (paths.raw / "b.txt").write_bytes(b"b, changed")
    request = evaluate()
    assert isinstance(request, dg.RunRequest)
    assert request.tags[RANGE_END] in {"a", "b", "folder"}
    (paths.raw / "b.txt").write_bytes(b"b")

    (paths.raw / "a.txt").unlink()
    request = evaluate()  # a file removed: publish again
    assert isinstance(request, dg.RunRequest)
    assert "a" not in instance.get_dynamic_partitions(DOCUMENTS.name)


def test_publish_cron_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(PUBLISH_CRON_VARIABLE, raising=False)
    assert publish_cron() == DEFAULT_PUBLISH_CRON == "0 5 * * *"
    monkeypatch.setenv(PUBLISH_CRON_VARIABLE, "30 2 * * 1")
    assert publish_cron() == "30 2 * * 1"
