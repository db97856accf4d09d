"""The one Definitions object: assets of every stage, the blocking table checks, jobs and automation."""

from __future__ import annotations

import os

import dagster as dg

from pipelines.defs.assets.extract import document_extraction, extracted_facts
from pipelines.defs.assets.parse import document_parse, parsed_corpus
from pipelines.defs.assets.publish import release
from pipelines.defs.automation import daily_release, raw_folder_sensor
from pipelines.defs.checks import table_checks
from pipelines.defs.executors import executor_from_env
from pipelines.defs.io import CorpusStore, DocumentStore
from pipelines.defs.jobs import BUILD_JOB, build_job, documents_job, publish_job
from pipelines.defs.resources import PipelinePaths, default_paths

__all__ = ["BUILD_JOB", "defs", "make_definitions"]

# A run over a range of document partitions logs one "materialization planned" event per asset for the
# whole range, not one per document (a 1,000-document build wrote 2,000 of them before its first step,
# each a SQLite commit). Dagster's price: the partitions of a failed run are not marked failed in the UI;
# the build reads staleness from materialization metadata, never from failure marks.
os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "1")


def make_definitions(paths: PipelinePaths) -> dg.Definitions:
    return dg.Definitions(
        assets=[document_parse, document_extraction, parsed_corpus, extracted_facts, release],
        asset_checks=[table_checks],
        jobs=[build_job, documents_job, publish_job],
        sensors=[raw_folder_sensor],
        schedules=[daily_release],
        resources={"paths": paths, "document_store": DocumentStore(), "io_manager": CorpusStore()},
        executor=executor_from_env(),  # PIPELINES_EXECUTOR: deploy/README.md
    )


defs = make_definitions(default_paths())
