"""Run the Dagster build job on the instance in DAGSTER_HOME, report progress and a summary."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import dagster as dg

from pipelines import settings

STEP_EVENTS = {
    "STEP_START": "started",
    "STEP_SUCCESS": "done",
    "STEP_FAILURE": "FAILED",
    "STEP_SKIPPED": "skipped",
}


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


def run_build(progress: Callable[[str], None] = print) -> BuildOutcome:
    from pipelines.definitions import BUILD_JOB, defs

    instance = dg.DagsterInstance.get()
    run_id = str(uuid.uuid4())

    def report(event) -> None:
        event_type = getattr(event.dagster_event, "event_type_value", None) if event.dagster_event else None
        if event_type in STEP_EVENTS:
            progress(f"  {event.step_key:<24} {STEP_EVENTS[event_type]}")

    instance.add_event_listener(run_id, report)
    progress(f"building with raw={settings.raw_dir()} outputs={settings.outputs_dir()}")
    result = defs.resolve_job_def(BUILD_JOB).execute_in_process(
        instance=instance,
        run_id=run_id,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    return _outcome(result)


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
