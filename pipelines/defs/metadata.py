"""Metadata every table asset shows in the Dagster UI: row count, column schema, a preview.

The column types are the published Parquet types (`arrow_schema`, what a reader of the release gets),
not the pandas dtypes the asset happens to hold in memory (`string[pyarrow]`, `object`).
"""

from __future__ import annotations

import dagster as dg
import pandas as pd
import pandera.pandas as pa

from pipelines.publish.files import arrow_schema

PREVIEW_ROWS = 10
PREVIEW_CHARS = 80


def column_schema(model: type[pa.DataFrameModel]) -> dg.TableSchema:
    columns = model.to_schema().columns
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                field.name,
                str(field.type),
                description=columns[field.name].description,
                constraints=dg.TableColumnConstraints(
                    nullable=field.nullable, unique=bool(columns[field.name].unique)
                ),
            )
            for field in arrow_schema(model)
        ]
    )


def table_asset_metadata(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> dict[str, object]:
    preview = frame.head(PREVIEW_ROWS).map(lambda v: str(v)[:PREVIEW_CHARS] if v is not None else "")
    return {
        "dagster/row_count": len(frame),
        "dagster/column_schema": column_schema(model),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(preview) else "(no rows)"),
    }
