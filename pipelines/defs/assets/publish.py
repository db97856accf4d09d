"""Publish stage: the validated tables become an immutable release under outputs/."""

from datetime import UTC, datetime

import dagster as dg
import pandas as pd

from pipelines import __version__
from pipelines.defs.documents import release_fingerprint
from pipelines.defs.resources import PipelinePaths
from pipelines.parse.raw_folder import raw_listing
from pipelines.publish.changes import write_changes
from pipelines.publish.datapackage import write_datapackage
from pipelines.publish.duckdb_file import write_duckdb
from pipelines.publish.page import write_page
from pipelines.publish.quality import quality_companion
from pipelines.publish.release import SourceFile, publish_release
from pipelines.settings import GOLD_DIR
from schemas.registry import TABLES


@dg.asset(
    group_name="publish",
    ins={table: dg.AssetIn(table) for table in TABLES},
    description="The release folder: every table as Parquet and CSV, with manifest.json.",
)
def release(context: dg.AssetExecutionContext, paths: PipelinePaths, **frames: pd.DataFrame) -> str:
    tables = {name: frames[name] for name in TABLES}
    documents, rejects = tables["documents"], tables["rejects"]
    inputs = [
        SourceFile(str(row.source_file), str(row.sha256))
        for frame in (documents, rejects)
        for row in frame.itertuples()
        if isinstance(row.sha256, str)
    ]
    folder = publish_release(
        tables=tables,
        models=TABLES,
        inputs=inputs,
        outputs_dir=paths.outputs,
        built_at=datetime.now(UTC),
        package_version=__version__,
        extra_manifest={"release_fingerprint": release_fingerprint(raw_listing(paths.raw))},
        companions=[quality_companion(GOLD_DIR), write_changes, write_datapackage, write_duckdb],
        after_manifest=[write_page],
        warn=context.log.warning,
    )
    context.add_output_metadata(
        {
            "release_id": folder.name,
            "release_path": dg.MetadataValue.path(str(folder)),
            **{f"rows_{name}": len(frame) for name, frame in tables.items()},
        }
    )
    return str(folder)
