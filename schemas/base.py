"""What every table model shares, and the table-level metadata the publishers read.

A model's `Config.metadata` may hold:
- `primary_key`: columns that identify a row (also the row order of the published file);
- `foreign_keys`: {column: "table.column"}, checked across tables before publishing;
- `spans`: True when (doc_id, start, end[, text]) point into `documents.text`.
A column whose `Field(metadata={"list": True})` holds lists of strings.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pandera.pandas as pa


def _load_pandera_typing_without_dask() -> None:
    """pandera's first schema asks which dataframe libraries are installed and imports
    `dask.dataframe` (with dask.array, about 1 s of every build's start) only to accept dask
    annotations, which no model here has. Dask is installed for the cluster executor, which needs
    dask.distributed, not dask.dataframe: so pandera's dask typing is loaded with `dask.dataframe`
    hidden (it then reads dask as absent), and the module is importable again right after."""
    if "pandera.typing.dask" in sys.modules or "dask.dataframe" in sys.modules:
        return  # loaded already, or dask.dataframe is, and then it costs nothing more
    sys.modules["dask.dataframe"] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        importlib.import_module("pandera.typing.dask")
    finally:
        del sys.modules["dask.dataframe"]


_load_pandera_typing_without_dask()


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
