"""Validate published tables: each against its pandera model, then the keys that cross tables."""

from __future__ import annotations

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
        values = frame[column].dropna()
        dangling = sorted(set(values) - set(tables[table][key]))
        if dangling:
            failures.append(f"{column}: {len(dangling)} value(s) not in {target}, e.g. {dangling[:3]}")
    covers = table_metadata(model).get("covers")
    if covers:
        table, key = covers.split(".")
        missing = sorted(set(tables[table][key]) - set(frame[key])) if table in tables else []
        if missing:
            failures.append(f"{key}: {len(missing)} {table} row(s) without any row here, e.g. {missing[:3]}")
    return failures


def span_failures(frame: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """Offsets lie inside the document's cleaned text and, where given, cut out exactly the surface text."""
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    failures = []
    for row in frame.itertuples():
        text = texts.get(row.doc_id)
        if text is None:
            continue  # reported as a foreign-key failure
        if not 0 <= row.start < row.end <= len(text):
            failures.append(f"{row.doc_id} [{row.start}:{row.end}] lies outside the text ({len(text)} chars)")
        elif hasattr(row, "text") and text[row.start : row.end] != row.text:
            failures.append(
                f"{row.doc_id} [{row.start}:{row.end}] is {text[row.start : row.end]!r}, not {row.text!r}"
            )
        if len(failures) >= 20:
            break
    return failures


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
