"""Run the Dagster build job on the raw folder's instance, report progress and a summary.

Incremental: only documents whose input or code changed since their last materialization are parsed
and extracted again (see pipelines.defs.documents); the corpus-level assets always run, in the same run.
A build holds the outputs folder's lock and its instance's (a second one exits at once, naming the
first one's pid), repairs the outputs folder first (`repair_outputs`), and publishes nothing when the
raw entries, the code and the settings are those `latest` was made from.
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pipelines import settings
from pipelines.defs.documents import (
    DocumentPlan,
    plan_documents,
    range_tags,
    register_documents,
    release_fingerprint,
)
from pipelines.defs.instance import corpus_instance, databases_held
from pipelines.defs.jobs import build_selection
from pipelines.defs.resources import PipelinePaths, default_paths
from pipelines.parse.raw_folder import holds_no_texts, raw_fingerprints, raw_listing
from pipelines.publish.lock import FolderBusy, folder_lock
from pipelines.publish.release import OutputsInTheWay, latest_release, repair_outputs

STEP_EVENTS = {
    "STEP_START": "started",
    "STEP_SUCCESS": "done",
    "STEP_FAILURE": "FAILED",
    "STEP_SKIPPED": "skipped",
}
PER_DOCUMENT_STEPS = {"document_parse", "document_extraction"}
PROGRESS = re.compile(r"\[(?P<done>\d+)/(?P<total>\d+)\] ")
CORPUS_PROGRESS = "extracted_facts: "  # the corpus step's "N reused, M computed" line
NO_RUN = "none"  # the run id of a build that stopped before starting a Dagster run
USAGE_ERROR = 2  # exit status of a build that cannot start (no raw folder, nothing in it)


@dataclass
class BuildOutcome:
    succeeded: bool
    run_id: str
    rows: dict[str, int] = field(default_factory=dict)
    rejects: list[tuple[str, str]] = field(default_factory=list)
    failed_checks: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    release: str | None = None
    unchanged_since: str | None = None  # latest's release id when nothing changed since it
    exit_code: int | None = None  # None: 0 on success, 1 otherwise

    @property
    def status(self) -> int:
        return self.exit_code if self.exit_code is not None else (0 if self.succeeded else 1)

    def summary(self, elapsed_seconds: float) -> str:
        run = f" (run {self.run_id})" if self.run_id != NO_RUN else ""
        lines = [f"build {'succeeded' if self.succeeded else 'FAILED'} in {elapsed_seconds:.1f} s{run}"]
        if self.unchanged_since:
            lines.append(
                f"nothing changed since {self.unchanged_since}; latest stays (--force publishes anyway)"
            )
            return "\n".join(lines)
        if "documents" in self.rows:
            lines.append(f"documents read: {self.rows['documents'] + len(self.rejects)}")
            lines.append(f"documents published: {self.rows['documents']}")
        if self.run_id != NO_RUN:
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
    fingerprints: dict[str, str] | None = None,
) -> tuple[DocumentPlan, dg.ExecuteInProcessResult]:
    """Register the document partitions, then materialize in ONE run of the build job the stale
    documents (a partition range, stale ones last) and every corpus-level asset.

    Raises FileNotFoundError when the raw folder does not exist."""
    from pipelines.definitions import BUILD_JOB, make_definitions

    plan = plan_documents(instance, paths.raw, fingerprints)
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
    force: bool = False,
    allow_empty: bool = False,
    default_raw: Path | None = None,
) -> BuildOutcome:
    """Build and publish. Without `instance`, the raw folder's own (`corpus_instance`; `default_raw` is
    the folder a plain `pipelines build` reads). `force` publishes even when nothing changed;
    `allow_empty` publishes a raw folder holding no texts."""
    paths = paths or default_paths()
    progress(f"building with raw={paths.raw} outputs={paths.outputs}")
    if not paths.raw.is_dir():
        error = f"raw folder {paths.raw} does not exist: create it or pass --raw"
        return BuildOutcome(succeeded=False, run_id=NO_RUN, errors=[error], exit_code=USAGE_ERROR)
    try:
        settings.max_document_bytes()
        settings.parse_seconds()
        settings.workers()
    except ValueError as error:
        return BuildOutcome(succeeded=False, run_id=NO_RUN, errors=[str(error)], exit_code=USAGE_ERROR)
    if holds_no_texts(paths.raw) and not allow_empty:
        error = (
            f"raw folder {paths.raw} holds no texts: put .txt files in it, pass another --raw, "
            "or --allow-empty to publish an empty release"
        )
        return BuildOutcome(succeeded=False, run_id=NO_RUN, errors=[error], exit_code=USAGE_ERROR)
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(folder_lock(paths.outputs))
            if instance is None:
                instance = stack.enter_context(corpus_instance(paths.raw, default_raw))
            stack.enter_context(folder_lock(Path(instance.storage_directory())))
            return _locked_build(progress, instance, paths, force)
    except (FolderBusy, OutputsInTheWay, OSError) as error:
        return BuildOutcome(succeeded=False, run_id=NO_RUN, errors=[one_line(error)])


def _locked_build(
    progress: Callable[[str], None], instance: dg.DagsterInstance, paths: PipelinePaths, force: bool
) -> BuildOutcome:
    for note in repair_outputs(paths.outputs):
        progress(f"warning: {note}")
    listing = raw_listing(paths.raw)
    unchanged_since = None if force else release_made_from(paths.outputs, release_fingerprint(listing))
    if unchanged_since:
        progress(f"nothing changed since {unchanged_since}; latest stays")
        return BuildOutcome(succeeded=True, run_id=NO_RUN, unchanged_since=unchanged_since)
    run_id = str(uuid.uuid4())

    fingerprints = raw_fingerprints(paths.raw, listing)
    with databases_held(instance, run_id) as databases:

        def report(event) -> None:
            databases.hold()
            if event.dagster_event is None:
                line = _document_progress(event)
                if line:
                    progress(line)
                return
            event_type = event.dagster_event.event_type_value
            if event_type in STEP_EVENTS:
                progress(f"  {event.step_key:<24} {STEP_EVENTS[event_type]}")

        instance.add_event_listener(run_id, report)
        _, result = execute_build(
            instance, paths, run_id=run_id, progress=progress, fingerprints=fingerprints
        )
    return _outcome(result)


def release_made_from(outputs: Path, fingerprint: str) -> str | None:
    """Latest's release id when it was made from exactly this fingerprint (inputs, code, settings)."""
    latest = latest_release(outputs)
    try:
        manifest = json.loads((latest / "manifest.json").read_text()) if latest else {}
    except (OSError, ValueError):
        return None
    return manifest.get("release_id") if manifest.get("release_fingerprint") == fingerprint else None


def one_line(error: BaseException) -> str:
    """`Type: message`, on one line (an OSError's message names its file)."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _document_progress(event) -> str | None:
    """The per-document steps' "[i/n] key: ..." log messages (logged only when `progress_due`), and
    the corpus step's reuse line, as they are."""
    if event.step_key == "extracted_facts" and (event.user_message or "").startswith(CORPUS_PROGRESS):
        return f"  {event.user_message}"
    match = PROGRESS.match(event.user_message or "")
    if not match or event.step_key not in PER_DOCUMENT_STEPS:
        return None
    return f"  {event.step_key:<24} {match['done']}/{match['total']} documents"


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
        outcome.errors.append(f"{event.step_key}: {root_cause(event.step_failure_data.error)}")
    if "release" in materialized:
        outcome.release = str(materialized["release"]["release_path"].value)
    else:
        outcome.succeeded = False
    return outcome


def root_cause(error) -> str:
    """The innermost exception of a step failure (Dagster wraps it in "Error occurred while executing
    op ..."), as `Type: message` on one line; an OSError's message names the file it concerns."""
    while error.cause is not None:
        error = error.cause
    message = " ".join(error.message.split())
    return message if message.startswith(error.cls_name or "\0") else f"{error.cls_name}: {message}"
