"""Write one table as Parquet and CSV with the conventions documented in the README.

Parquet keeps exact, typed values (date32, list<string>, dictionary strings for closed vocabularies).
CSV is UTF-8, comma separated, RFC 4180 quoting and line ends, ISO dates, lists joined with `|`,
empty cells for nulls; a text cell that a spreadsheet would run as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from schemas.base import date_columns, list_columns, table_metadata

LIST_SEPARATOR = "|"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _arrow_type(model: type[pa.DataFrameModel], column: str) -> pa_arrow.DataType:
    schema = model.to_schema().columns[column]
    if column in list_columns(model):
        return pa_arrow.list_(pa_arrow.string())
    if column in date_columns(model):
        return pa_arrow.date32()
    dtype = str(schema.dtype).lower()
    if "bool" in dtype:
        return pa_arrow.bool_()
    if "int" in dtype:
        return pa_arrow.int64()
    if any(check.name == "isin" for check in schema.checks):
        return pa_arrow.dictionary(pa_arrow.int32(), pa_arrow.string())
    return pa_arrow.string()


def arrow_schema(model: type[pa.DataFrameModel]) -> pa_arrow.Schema:
    columns = model.to_schema().columns
    fields = [
        pa_arrow.field(
            name,
            _arrow_type(model, name),
            nullable=bool(column.nullable),
            metadata={"description": column.description or ""},
        )
        for name, column in columns.items()
    ]
    return pa_arrow.schema(fields, metadata={"description": model.Config.description or ""})


def sort_rows(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """Stable row order by primary key, so that diffs between releases mean something."""
    key = table_metadata(model).get("primary_key") or list(frame.columns[:1])
    return frame.sort_values(key, kind="stable").reset_index(drop=True)


def to_arrow(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> pa_arrow.Table:
    schema = arrow_schema(model)
    return pa_arrow.Table.from_arrays([_arrow_column(frame[f.name], f) for f in schema], schema=schema)


def _arrow_column(column: pd.Series, field: pa_arrow.Field) -> pa_arrow.Array:
    """The column in the field's Arrow type, nulls as nulls; lists cell by cell (a null list is empty),
    the rest converted by Arrow at once."""
    if pa_arrow.types.is_list(field.type):
        cells = [[] if _is_null(v) else list(v) for v in column.tolist()]
        return pa_arrow.array(cells, type=field.type)
    if pa_arrow.types.is_dictionary(field.type):
        return _arrow_column(column, pa_arrow.field(field.name, pa_arrow.string())).dictionary_encode()
    values = column.astype(object) if pa_arrow.types.is_date(field.type) else column
    array = pa_arrow.array(values, type=field.type, from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa_arrow.ChunkedArray) else array


def _is_null(value: object) -> bool:
    if isinstance(value, list | tuple):
        return False
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def csv_cell(value: object) -> str:
    if _is_null(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_column(values: list[object]) -> list[str]:
    """`csv_cell` of every value; a column of plain values only (text, numbers, booleans, nulls) is
    formatted by type without `csv_cell`'s tests per cell."""
    if all(type(v) is str for v in values):
        return [_csv_text(v) for v in values]
    if set(map(type, values)) <= PLAIN_CELLS.keys():
        return [PLAIN_CELLS[type(v)](v) for v in values]
    return [csv_cell(v) for v in values]


def _csv_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


# csv_cell of a value of each of these types, without its tests
PLAIN_CELLS = {
    str: _csv_text,
    int: str,
    bool: lambda value: "true" if value else "false",
    float: lambda value: "" if value != value else str(value),
    type(None): lambda value: "",
    type(pd.NA): lambda value: "",
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(frame.columns)
    writer.writerows(zip(*(csv_column(frame[c].tolist()) for c in frame.columns), strict=True))
    return buffer.getvalue().encode("utf-8")


def write_table(
    model: type[pa.DataFrameModel], frame: pd.DataFrame, folder: Path, name: str
) -> dict[str, dict[str, object]]:
    """Write `<name>.parquet` and `<name>.csv`; return their sizes and checksums."""
    frame = sort_rows(model, frame)
    parquet_path = folder / f"{name}.parquet"
    pq.write_table(
        to_arrow(model, frame),
        parquet_path,
        compression="zstd",
        row_group_size=max(len(frame), 1),
        write_statistics=True,
    )
    csv_path = folder / f"{name}.csv"
    csv_path.write_bytes(csv_bytes(frame))
    return {path.suffix[1:]: file_facts(path) for path in (parquet_path, csv_path)}


def file_facts(path: Path) -> dict[str, object]:
    return {"path": path.name, "bytes": path.stat().st_size, "sha256": sha256_file(path)}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
