"""Jobs over the asset graph, and which assets a run selects for a given set of stale documents."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.documents import DOCUMENT_ASSETS
from schemas.registry import TABLES

BUILD_JOB = "build"
DOCUMENTS_JOB = "documents"
PUBLISH_JOB = "publish"

# Corpus-level assets: they read every document partition.
CORPUS_ASSETS = tuple(dg.AssetKey(name) for name in ("parsed_documents", *TABLES, "release"))

build_job = dg.define_asset_job(
    BUILD_JOB,
    selection=dg.AssetSelection.all(),
    description=(
        "Parse and extract the stale documents (a partition range), then gather, validate every table "
        "and publish a release. `pipelines build` and the daily schedule pick the range."
    ),
)
documents_job = dg.define_asset_job(
    DOCUMENTS_JOB,
    selection=dg.AssetSelection.assets(*DOCUMENT_ASSETS),
    description="Parse and extract some documents (the raw-folder sensor requests one run per range).",
)
publish_job = dg.define_asset_job(
    PUBLISH_JOB,
    selection=dg.AssetSelection.assets(*CORPUS_ASSETS),
    description="Gather every document's stored results, validate every table and publish a release.",
)


def build_selection(stale: bool) -> list[dg.AssetKey]:
    """Assets of a build run: the per-document ones only when some documents are stale."""
    return [*DOCUMENT_ASSETS, *CORPUS_ASSETS] if stale else list(CORPUS_ASSETS)
