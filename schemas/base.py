"""What every table model shares, and the table-level metadata the publishers read.

A model's `Config.metadata` may hold:
- `primary_key`: columns that identify a row (also the row order of the published file);
- `foreign_keys`: {column: "table.column"}, checked across tables before publishing;
- `spans`: True when (doc_id, start, end[, text]) point into `documents.text`.
A column whose `Field(metadata={"list": True})` holds lists of strings.
"""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa


class TableModel(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


def table_metadata(model: type[pa.DataFrameModel]) -> dict[str, Any]:
    return model.get_metadata()[model.__name__]["dataframe"] or {}


def list_columns(model: type[pa.DataFrameModel]) -> list[str]:
    columns = model.to_schema().columns
    return [name for name, column in columns.items() if (column.metadata or {}).get("list")]


def date_columns(model: type[pa.DataFrameModel]) -> list[str]:
    columns = model.to_schema().columns
    return [name for name, column in columns.items() if str(column.dtype) == "date"]
