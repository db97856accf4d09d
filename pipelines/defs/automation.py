"""Automation: a sensor that keeps the document partitions in step with the raw folder, and a daily
schedule that publishes a release when the inputs changed. Both are stopped until turned on (UI:
Automation, or `dagster sensor start` / `dagster schedule start`); `dagster dev` runs the daemon.

Sensor `raw_folder_sensor`, every 30 s: adds a partition for each new file, deletes the partition of
each vanished one, and requests `documents` runs for new or changed documents only (changed: the
file's sha256 differs from the one in the sensor cursor; on the first tick, or after a code change,
from the one recorded at the partition's last materialization). Consecutive partitions share a run.
Once no `documents` run is queued or running any more, it requests one `publish` run (corpus-level
assets, checks, release).

Schedule `daily_release` (cron from PIPELINES_PUBLISH_CRON, default "0 5 * * *", UTC): skips unless the
raw files' sha256 differ from the inputs of outputs/latest/manifest.json; otherwise it does what
`pipelines build` does: registers the partitions (stale ones last) and requests one `build` run for
the stale range plus the corpus-level assets.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from pipelines.defs.documents import (
    DOCUMENTS,
    code_version,
    plan_documents,
    range_tags,
    register_documents,
    up_to_date,
)
from pipelines.defs.jobs import (
    DOCUMENTS_JOB,
    PUBLISH_JOB,
    build_job,
    build_selection,
    documents_job,
    publish_job,
)
from pipelines.defs.resources import PipelinePaths
from pipelines.parse.raw_folder import raw_fingerprints, raw_inputs

PUBLISH_CRON_VARIABLE = "PIPELINES_PUBLISH_CRON"
DEFAULT_PUBLISH_CRON = "0 5 * * *"
SENSOR_INTERVAL_SECONDS = 30
TRIGGER_TAG = "pipelines/trigger"
IN_FLIGHT = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def publish_cron() -> str:
    return os.environ.get(PUBLISH_CRON_VARIABLE, "").strip() or DEFAULT_PUBLISH_CRON


def contiguous_ranges(order: Sequence[str], keys: set[str]) -> list[tuple[str, str]]:
    """Maximal runs of `keys` in the partition order, as (first, last)."""
    ranges: list[tuple[str, str]] = []
    start = previous = None
    for key in order:
        if key in keys:
            start = start or key
            previous = key
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return ranges


def documents_run_request(key_range: tuple[str, str]) -> dg.RunRequest:
    first, last = key_range
    tags = {TRIGGER_TAG: "raw_folder_sensor"}
    if first == last:
        return dg.RunRequest(job_name=DOCUMENTS_JOB, partition_key=first, tags=tags)
    return dg.RunRequest(job_name=DOCUMENTS_JOB, tags={**tags, **range_tags(key_range)})


@dg.sensor(
    name="raw_folder_sensor",
    jobs=[documents_job, publish_job],
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Raw folder -> document partitions: add, refresh or remove them, then publish once.",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext, paths: PipelinePaths):
    try:
        fingerprints = raw_fingerprints(paths.raw)
    except FileNotFoundError as error:
        return dg.SkipReason(str(error))
    cursor = json.loads(context.cursor) if context.cursor else {}
    instance = context.instance
    registered = instance.get_dynamic_partitions(DOCUMENTS.name)
    known = set(registered)
    new = sorted(k for k in fingerprints if k not in known)
    removed = [k for k in registered if k not in fingerprints]

    previous = cursor.get("inputs", {}) if cursor.get("code_version") == code_version() else {}
    candidates = {k: fp for k, fp in fingerprints.items() if k in known and previous.get(k) != fp}
    fresh = up_to_date(instance, candidates) if candidates else set()
    changed = [k for k in registered if k in candidates and k not in fresh]

    order = [k for k in registered if k not in removed] + new
    run_requests = [documents_run_request(r) for r in contiguous_ranges(order, {*changed, *new})]
    publish_pending = bool(cursor.get("publish_pending")) or bool(new or changed or removed)
    if publish_pending and not run_requests:
        in_flight = instance.get_runs(
            filters=dg.RunsFilter(job_name=DOCUMENTS_JOB, statuses=IN_FLIGHT), limit=1
        )
        if not in_flight:
            run_requests.append(dg.RunRequest(job_name=PUBLISH_JOB, tags={TRIGGER_TAG: "raw_folder_sensor"}))
            publish_pending = False

    partition_requests = []
    if new:
        partition_requests.append(DOCUMENTS.build_add_request(new))
    if removed:
        partition_requests.append(DOCUMENTS.build_delete_request(removed))
    if new or changed or removed:
        context.log.info(f"new: {new or '-'}; changed: {changed or '-'}; removed: {removed or '-'}")
    new_cursor = {"code_version": code_version(), "inputs": fingerprints, "publish_pending": publish_pending}
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=partition_requests,
        cursor=json.dumps(new_cursor, sort_keys=True),
    )


def published_inputs(outputs: Path) -> dict[str, str] | None:
    """File name -> sha256 of the inputs of outputs/latest, or None when there is no release yet."""
    manifest = outputs / "latest" / "manifest.json"
    if not manifest.exists():
        return None
    inputs = json.loads(manifest.read_text(encoding="utf-8")).get("inputs", [])
    return {i["source_file"]: i["sha256"] for i in inputs if i.get("sha256")}


@dg.schedule(
    name="daily_release",
    cron_schedule=publish_cron(),
    job=build_job,
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Publish a release when any raw text changed since the latest release.",
)
def daily_release(context: dg.ScheduleEvaluationContext, paths: PipelinePaths):
    try:
        inputs = raw_inputs(paths.raw)
    except FileNotFoundError as error:
        return dg.SkipReason(str(error))
    published = published_inputs(paths.outputs)
    if published is not None and inputs == published:
        latest = (paths.outputs / "latest").resolve().name
        return dg.SkipReason(f"no raw text changed since release {latest}")
    plan = plan_documents(context.instance, paths.raw)
    key_range = register_documents(context.instance, plan)
    context.log.info(plan.describe())
    return dg.RunRequest(
        asset_selection=build_selection(stale=key_range is not None),
        tags={TRIGGER_TAG: "daily_release", **range_tags(key_range)},
    )
