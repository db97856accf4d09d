"""Run the Dagster build job on the instance in DAGSTER_HOME, report progress and a summary.

Incremental: only documents whose input or code changed since their last materialization are parsed
and extracted again (see pipelines.defs.documents); the corpus-level assets always run, in the same run.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import dagster as dg

from pipelines.defs.documents import DocumentPlan, plan_documents, range_tags, register_documents
from pipelines.defs.jobs import build_selection
from pipelines.defs.resources import PipelinePaths, default_paths

STEP_EVENTS = {
    "STEP_START": "started",
    "STEP_SUCCESS": "done",
    "STEP_FAILURE": "FAILED",
    "STEP_SKIPPED": "skipped",
}
PER_DOCUMENT_STEPS = {"document_parse", "document_extraction"}
PROGRESS = re.compile(r"\[(?P<done>\d+)/(?P<total>\d+)\] ")


@dataclass
class BuildOutcome:
    succeeded: bool
    run_id: str
    rows: dict[str, int] = field(default_factory=dict)
    rejects: list[tuple[str, str]] = field(default_factory=list)
    failed_checks: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    release: str | None = None

    def summary(self, elapsed_seconds: float) -> str:
        lines = [
            f"build {'succeeded' if self.succeeded else 'FAILED'} in {elapsed_seconds:.1f} s (run {self.run_id})"
        ]
        if "documents" in self.rows:
            lines.append(f"documents read: {self.rows['documents'] + len(self.rejects)}")
            lines.append(f"documents published: {self.rows['documents']}")
        lines.append(f"documents rejected: {len(self.rejects)}")
        lines += [f"  {source}: {reason}" for source, reason in self.rejects]
        if self.rows:
            lines.append("rows per table:")
            lines += [f"  {name:<20} {count:>7}" for name, count in self.rows.items()]
        for check, failures in self.failed_checks.items():
            lines.append(f"validation failed: {check}\n{failures}")
        lines += [f"error: {error}" for error in self.errors]
        lines.append(
            f"release: {self.release}" if self.release else "no release published; latest is unchanged"
        )
        return "\n".join(lines)


def execute_build(
    instance: dg.DagsterInstance,
    paths: PipelinePaths,
    run_id: str | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> tuple[DocumentPlan, dg.ExecuteInProcessResult]:
    """Register the document partitions, then materialize in ONE run of the build job the stale
    documents (a partition range, stale ones last) and every corpus-level asset.

    Raises FileNotFoundError when the raw folder does not exist."""
    from pipelines.definitions import BUILD_JOB, make_definitions

    plan = plan_documents(instance, paths.raw)
    key_range = register_documents(instance, plan)
    progress(plan.describe())
    job = make_definitions(paths).resolve_job_def(BUILD_JOB)
    result = job.execute_in_process(
        instance=instance,
        run_id=run_id,
        raise_on_error=False,
        asset_selection=build_selection(stale=key_range is not None),
        tags=range_tags(key_range),
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    return plan, result


def run_build(
    progress: Callable[[str], None] = print,
    instance: dg.DagsterInstance | None = None,
    paths: PipelinePaths | None = None,
) -> BuildOutcome:
    instance = instance or dg.DagsterInstance.get()
    paths = paths or default_paths()
    run_id = str(uuid.uuid4())

    def report(event) -> None:
        if event.dagster_event is None:
            line = _document_progress(event)
            if line:
                progress(line)
            return
        event_type = event.dagster_event.event_type_value
        if event_type in STEP_EVENTS:
            progress(f"  {event.step_key:<24} {STEP_EVENTS[event_type]}")

    instance.add_event_listener(run_id, report)
    progress(f"building with raw={paths.raw} outputs={paths.outputs}")
    try:
        _, result = execute_build(instance, paths, run_id=run_id, progress=progress)
    except FileNotFoundError as error:
        return BuildOutcome(succeeded=False, run_id="none", errors=[str(error)])
    return _outcome(result)


def _document_progress(event) -> str | None:
    """About 20 lines per per-document step, from its "[i/n] key: ..." log messages."""
    match = PROGRESS.match(event.user_message or "")
    if not match or event.step_key not in PER_DOCUMENT_STEPS:
        return None
    done, total = int(match["done"]), int(match["total"])
    if done != total and done % max(1, total // 20):
        return None
    return f"  {event.step_key:<24} {done}/{total} documents"


def _outcome(result: dg.ExecuteInProcessResult) -> BuildOutcome:
    from schemas.registry import TABLES

    outcome = BuildOutcome(succeeded=result.success, run_id=result.run_id)
    materialized = {
        event.asset_key.to_user_string(): event.materialization.metadata
        for event in result.get_asset_materialization_events()
    }
    for name in TABLES:
        if name in materialized and "dagster/row_count" in materialized[name]:
            outcome.rows[name] = materialized[name]["dagster/row_count"].value
    if "rejects" in materialized:
        rejects = result.asset_value("rejects")
        outcome.rejects = list(zip(rejects["source_file"], rejects["reason"], strict=True))
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            outcome.failed_checks[evaluation.check_name] = evaluation.metadata["failures"].value
    for event in result.get_step_failure_events():
        outcome.errors.append(f"{event.step_key}: {event.step_failure_data.error.message.strip()}")
    if "release" in materialized:
        outcome.release = str(materialized["release"]["release_path"].value)
    else:
        outcome.succeeded = False
    return outcome
