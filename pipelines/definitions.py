"""The one Definitions object: assets of every stage, the blocking table checks and the build job."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.assets.extract import extracted_facts
from pipelines.defs.assets.parse import parsed_corpus
from pipelines.defs.assets.publish import release
from pipelines.defs.checks import table_checks
from pipelines.defs.resources import default_paths

BUILD_JOB = "build"

build_job = dg.define_asset_job(
    BUILD_JOB,
    selection=dg.AssetSelection.all(),
    description="Parse every raw text, extract, validate every table and publish a release.",
)

defs = dg.Definitions(
    assets=[parsed_corpus, extracted_facts, release],
    asset_checks=[table_checks],
    jobs=[build_job],
    resources={"paths": default_paths()},
)
