"""Validate published tables: each against its pandera model, then the keys that cross tables."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from schemas.base import table_metadata


def schema_failures(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> list[str]:
    """Every failure of the model at once (lazy validation), one readable line each."""
    try:
        model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        lines = []
        for case in errors.failure_cases.itertuples():
            line = failure_line(model, case)
            if line not in lines:
                lines.append(line)
        return lines[:50] + ([f"... and {len(lines) - 50} more"] if len(lines) > 50 else [])
    return []


def failure_line(model: type[pa.DataFrameModel], case) -> str:
    if case.check == "multiple_fields_uniqueness":
        return f"duplicate ({', '.join(model.Config.unique)}) (row {case.index})"
    if case.schema_context == "DataFrameSchema" and not case.check.startswith("column_in_"):
        return f"{case.check} (row {case.index})"  # a table-level check: one line per row, not per column
    return f"{case.column}: {case.check} failed for {case.failure_case!r} (row {case.index})"


def foreign_key_failures(
    model: type[pa.DataFrameModel], frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> list[str]:
    failures = []
    for column, target in table_metadata(model).get("foreign_keys", {}).items():
        table, key = target.split(".")
        if table not in tables or column not in frame:
            failures.append(f"{column}: cannot check reference to {target}: table missing")
            continue
        dangling = sorted(_distinct(frame[column]) - _distinct(tables[table][key]))
        if dangling:
            failures.append(f"{column}: {len(dangling)} value(s) not in {target}, e.g. {dangling[:3]}")
    covers = table_metadata(model).get("covers")
    if covers:
        table, key = covers.split(".")
        missing = sorted(_distinct(tables[table][key]) - _distinct(frame[key])) if table in tables else []
        if missing:
            failures.append(f"{key}: {len(missing)} {table} row(s) without any row here, e.g. {missing[:3]}")
    return failures


def span_failures(frame: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """Offsets lie inside the document's cleaned text and, where given, cut out exactly the surface text."""
    texts = dict(zip(documents["doc_id"].tolist(), documents["text"].tolist(), strict=True))
    surfaces = frame["text"].tolist() if "text" in frame else [None] * len(frame)
    columns = (frame["doc_id"].tolist(), frame["start"].tolist(), frame["end"].tolist(), surfaces)
    failures = []
    for doc_id, start, end, surface in zip(*columns, strict=True):
        text = texts.get(doc_id)
        if text is None:
            continue  # reported as a foreign-key failure
        if not 0 <= start < end <= len(text):
            failures.append(f"{doc_id} [{start}:{end}] lies outside the text ({len(text)} chars)")
        elif surface is not None and text[start:end] != surface:
            failures.append(f"{doc_id} [{start}:{end}] is {text[start:end]!r}, not {surface!r}")
        if len(failures) >= 20:
            break
    return failures


def _distinct(column: pd.Series) -> set:
    """The column's distinct non-null values (`unique` runs in Arrow; iterating its cells does not)."""
    return set(column.dropna().unique().tolist())


def table_failures(
    name: str, model: type[pa.DataFrameModel], tables: Mapping[str, pd.DataFrame]
) -> list[str]:
    """All the reasons `tables[name]` may not be published; empty when it is valid."""
    frame = tables[name]
    failures = schema_failures(model, frame)
    if failures:
        return failures  # relational checks assume the columns are right
    failures += foreign_key_failures(model, frame, tables)
    if table_metadata(model).get("spans") and "documents" in tables:
        failures += span_failures(frame, tables["documents"])
    return failures


# Digests (`tables_digest`) of the sets of tables found valid in this process. The blocking checks of a
# build validate its tables; the release step of the same run is handed the same tables (loaded from the
# same stored files) and publishes them without validating them a second time (1 s of a rebuild of
# 1,000 documents). Tables that differ in any byte of their pickle are validated again.
_VALID_TABLES: set[str] = set()


def tables_digest(tables: Mapping[str, pd.DataFrame], models: Mapping[str, type[pa.DataFrameModel]]) -> str:
    """sha256 of every table's pickle and the model it is checked against (equal pickles, equal tables)."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        model = models[name]
        digest.update(f"{name}\0{model.__module__}.{model.__qualname__}\0{id(model)}\0".encode())
        digest.update(pickle.dumps(tables[name], protocol=pickle.HIGHEST_PROTOCOL))
    return digest.hexdigest()


def remember_valid(tables: Mapping[str, pd.DataFrame], models: Mapping[str, type[pa.DataFrameModel]]) -> None:
    """Record that these tables, together, passed `table_failures` (each against its model)."""
    _VALID_TABLES.add(tables_digest(tables, models))


def all_failures(
    tables: Mapping[str, pd.DataFrame], models: Mapping[str, type[pa.DataFrameModel]]
) -> dict[str, list[str]]:
    """Table -> its failures, for the tables that fail; empty when all are valid (at once when this
    process found exactly these tables valid before)."""
    digest = tables_digest(tables, models)
    if digest in _VALID_TABLES:
        return {}
    failures = {name: table_failures(name, models[name], tables) for name in tables}
    failures = {name: items for name, items in failures.items() if items}
    if not failures:
        _VALID_TABLES.add(digest)
    return failures
