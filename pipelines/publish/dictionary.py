"""The data dictionary, generated from the pandera models so that it is never written twice."""

from __future__ import annotations

from collections.abc import Mapping

import pandera.pandas as pa

from pipelines.publish.files import LIST_SEPARATOR, arrow_schema
from schemas.base import table_metadata


def _checks(column: pa.Column) -> str:
    parts = []
    for check in column.checks:
        statistics = check.statistics or {}
        if check.name == "isin":
            parts.append("one of " + ", ".join(f"`{v}`" for v in statistics["allowed_values"]))
        elif check.name == "str_matches":
            parts.append(f"matches `{statistics['pattern']}`")
        elif check.name in ("greater_than_or_equal_to", "less_than_or_equal_to"):
            sign = ">=" if check.name.startswith("greater") else "<="
            parts.append(f"{sign} {next(iter(statistics.values()))}")
        elif check.name == "str_length":
            parts.append("not empty")
    if column.unique:
        parts.append("unique")
    return "; ".join(parts)


def data_dictionary(models: Mapping[str, type[pa.DataFrameModel]]) -> str:
    lines = [
        "# Data dictionary",
        "",
        "Generated from the pandera models in `schemas/` by `pipelines docs`; do not edit by hand.",
        f"In CSV files, lists are joined with `{LIST_SEPARATOR}` and nulls are empty cells.",
        "",
    ]
    for name, model in models.items():
        schema = model.to_schema()
        meta = table_metadata(model)
        types = {field.name: str(field.type) for field in arrow_schema(model)}
        lines += [f"## {name}", "", schema.description or "", ""]
        lines.append(f"Primary key: {', '.join(f'`{c}`' for c in meta.get('primary_key', []))}.")
        for column, target in meta.get("foreign_keys", {}).items():
            lines.append(f"`{column}` references `{target}`.")
        if meta.get("spans"):
            lines.append("`start`/`end` are offsets into `documents.text` of the same `doc_id`.")
        lines += ["", "| column | type | null | description | checks |", "| --- | --- | --- | --- | --- |"]
        for column_name, column in schema.columns.items():
            null = "yes" if column.nullable else "no"
            lines.append(
                f"| `{column_name}` | {types[column_name]} | {null} | {column.description} | {_checks(column)} |"
            )
        lines.append("")
    return "\n".join(lines)
