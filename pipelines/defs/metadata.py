"""Metadata every table asset shows in the Dagster UI: row count, column schema, a preview."""

from __future__ import annotations

import dagster as dg
import pandas as pd
import pandera.pandas as pa

PREVIEW_ROWS = 10
PREVIEW_CHARS = 80


def table_asset_metadata(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> dict[str, object]:
    columns = model.to_schema().columns
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(name, str(column.dtype), description=column.description)
            for name, column in columns.items()
        ]
    )
    preview = frame.head(PREVIEW_ROWS).map(lambda v: str(v)[:PREVIEW_CHARS] if v is not None else "")
    return {
        "dagster/row_count": len(frame),
        "dagster/column_schema": schema,
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(preview) else "(no rows)"),
    }
