"""`datapackage.json`: the release described as a Frictionless Data Package.

Generated from the pandera models, like the data dictionary, so the two never disagree. Every table
appears twice: `<table>-csv` and `<table>-parquet`. The CSV schema says what a CSV reader sees (lists
joined with `|`, a `'` before cells a spreadsheet would run as formulas); the Parquet schema the typed
values.

`frictionless validate datapackage.json` passes in full. Frictionless 5 reads Parquet through pandas,
where list cells arrive as numpy arrays and null integers as NaN, and it cannot count a Parquet file's
bytes; so a Parquet resource carries its sha256 but no byte count, and declares its list columns and
nullable integer columns as `any` (their exact types are in the Parquet file's own schema and in
docs/data-dictionary.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandera.pandas as pa

from pipelines.publish.files import FORMULA_PREFIXES, LIST_SEPARATOR, file_facts
from pipelines.publish.release import ReleaseContext
from schemas.base import date_columns, list_columns, table_metadata

PACKAGE_NAME = "security-texts"
PACKAGE_TITLE = "Security texts: people, organizations, dates, agreements and events"
PACKAGE_DESCRIPTION = (
    "Open datasets of people, organizations, dates, agreements and events extracted from analytical "
    "texts on international security. Every table is published as CSV and as Parquet."
)
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
CSV_DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}
LIST_NOTE = f" In CSV, the list's items are joined with `{LIST_SEPARATOR}`; an empty list is an empty cell."
FORMULA_NOTE = (
    " In CSV, a text cell starting with = + - @ (or a tab) is preceded by `'` so spreadsheets do not run it."
)


def write_datapackage(ctx: ReleaseContext) -> dict[str, dict[str, object]]:
    """Companion: write `datapackage.json` into the release folder."""
    path = ctx.folder / "datapackage.json"
    path.write_text(json.dumps(datapackage(ctx), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {path.name: file_facts(path)}


def datapackage(ctx: ReleaseContext) -> dict[str, Any]:
    manifest = ctx.manifest
    resources = []
    for name, table in manifest["tables"].items():  # type: ignore[union-attr]
        for kind in ("csv", "parquet"):
            resources.append(resource(name, ctx.models[name], kind, table["files"][kind]))
    return {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "version": manifest["release_id"],
        "created": manifest["built_at"],
        "licenses": [LICENSE],
        "sources": [
            {"title": source["source_file"], "path": source["source_file"], "sha256": source["sha256"]}
            for source in manifest["inputs"]  # type: ignore[union-attr]
        ],
        "resources": resources,
    }


def resource_name(table: str, kind: str) -> str:
    return f"{table}-{kind}"


def resource(
    table: str, model: type[pa.DataFrameModel], kind: str, facts: Mapping[str, Any]
) -> dict[str, Any]:
    """One file of one table: where it is, its checksum (checked by validators) and its schema."""
    described: dict[str, Any] = {
        "name": resource_name(table, kind),
        "title": f"{table} ({kind.upper() if kind == 'csv' else 'Parquet'})",
        "description": model.to_schema().description or "",
        "path": facts["path"],
        "profile": "tabular-data-resource",
        "format": kind,
        "mediatype": "text/csv" if kind == "csv" else PARQUET_MEDIATYPE,
        "hash": f"sha256:{facts['sha256']}",
    }
    if kind == "csv":
        described |= {"bytes": facts["bytes"], "encoding": "utf-8", "dialect": CSV_DIALECT}
    described["schema"] = table_schema(table, model, kind)
    return described


def table_schema(table: str, model: type[pa.DataFrameModel], kind: str) -> dict[str, Any]:
    meta = table_metadata(model)
    schema: dict[str, Any] = {
        "fields": [field(model, column, kind) for column in model.to_schema().columns],
        "missingValues": [""],
    }
    if meta.get("primary_key"):
        schema["primaryKey"] = list(meta["primary_key"])
    foreign_keys = []
    for column, target in meta.get("foreign_keys", {}).items():
        other, other_column = target.split(".", 1)
        foreign_keys.append(
            {
                "fields": [column],
                # "" is the spec's way to point at the same resource
                "reference": {
                    "resource": "" if other == table else resource_name(other, kind),
                    "fields": [other_column],
                },
            }
        )
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def field_type(model: type[pa.DataFrameModel], column: str, kind: str) -> str:
    spec = model.to_schema().columns[column]
    if kind == "parquet" and (
        column in list_columns(model) or ("int" in str(spec.dtype).lower() and spec.nullable)
    ):
        return "any"  # what Frictionless's pandas-based Parquet reader can check (module docstring)
    if column in list_columns(model):
        return "string"
    if column in date_columns(model):
        return "date"
    dtype = str(model.to_schema().columns[column].dtype).lower()
    if "bool" in dtype:
        return "boolean"
    if "int" in dtype:
        return "integer"
    return "string"


def field(model: type[pa.DataFrameModel], column: str, kind: str) -> dict[str, Any]:
    spec = model.to_schema().columns[column]
    kind_of_field = field_type(model, column, kind)
    description = spec.description or ""
    if column in list_columns(model):
        description += LIST_NOTE if kind == "csv" else ""
    elif kind == "csv" and kind_of_field == "string":
        description += FORMULA_NOTE
    described: dict[str, Any] = {"name": column, "type": kind_of_field, "description": description}
    if kind_of_field == "date":
        described["format"] = "default"  # ISO 8601, YYYY-MM-DD
    constraints = field_constraints(model, column, kind)
    if constraints:
        described["constraints"] = constraints
    return described


def field_constraints(model: type[pa.DataFrameModel], column: str, kind: str) -> dict[str, Any]:
    """Translate the pandera checks; only those a CSV reader can still check on the CSV's cells."""
    spec = model.to_schema().columns[column]
    is_list = column in list_columns(model)
    field_kind = field_type(model, column, kind)
    if field_kind == "any":
        return {}
    text = field_kind == "string" and not is_list
    constraints: dict[str, Any] = {}
    # In CSV an empty list, an empty string and a null are all an empty cell.
    if not spec.nullable and not (kind == "csv" and (is_list or (text and admits_empty(spec)))):
        constraints["required"] = True
    if spec.unique:
        constraints["unique"] = True
    for check in spec.checks:
        statistics = check.statistics or {}
        if check.name == "isin":
            allowed = [str(v) for v in statistics["allowed_values"]]
            constraints["enum"] = csv_safe_enum(allowed) if kind == "csv" else allowed
        elif check.name == "str_matches" and text:
            constraints["pattern"] = csv_safe_pattern(statistics["pattern"], kind)
        elif check.name == "str_length" and text and statistics.get("min_value"):
            constraints["minLength"] = int(statistics["min_value"])
        elif check.name in ("greater_than_or_equal_to", "less_than_or_equal_to") and not text:
            bound = "minimum" if check.name.startswith("greater") else "maximum"
            constraints[bound] = next(iter(statistics.values()))
    return constraints


def admits_empty(spec: pa.Column) -> bool:
    """Whether the model lets a non-null cell be "" (which a CSV reader cannot tell from null)."""
    for check in spec.checks:
        statistics = check.statistics or {}
        if check.name == "isin" and "" not in statistics["allowed_values"]:
            return False
        if check.name == "str_matches" and not re.match(statistics["pattern"], ""):
            return False
        if check.name == "str_length" and (statistics.get("min_value") or 0) >= 1:
            return False
    return True


def csv_safe_enum(allowed: list[str]) -> list[str]:
    """A value like "-" would be written "'-" in CSV: allow that spelling too."""
    return allowed + ["'" + value for value in allowed if value.startswith(FORMULA_PREFIXES)]


def csv_safe_pattern(pattern: str, kind: str) -> str:
    """Frictionless anchors patterns itself; in CSV a formula-like value may carry a leading `'`."""
    if pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[1:-1]
    if kind != "csv":
        return pattern
    escaped = {"\t": r"\t", "\r": r"\r", "-": r"\-"}
    formula = "".join(escaped.get(prefix, prefix) for prefix in FORMULA_PREFIXES)
    return f"(?:'(?=[{formula}]))?(?:{pattern})"


def frictionless_errors(descriptor: Path) -> list[str]:
    """Every error the real Frictionless validator finds in a release's datapackage.json."""
    import frictionless  # only the check needs it; writing the descriptor does not

    report = frictionless.validate(str(descriptor))
    found = [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors]
    return found + [f"package: {error.type}: {error.message}" for error in report.errors]
