"""`CHANGES.md` and `changes.json`: what changed since the last good release, table by table.

Rows are matched by primary key (ids are stable across builds), so a row is added, removed, or
changed in named columns. Both sides are read back from their Parquet files, so values compare
exactly as users will see them.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandera.pandas as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines.publish.files import file_facts
from pipelines.publish.release import ReleaseContext
from schemas.base import table_metadata

EXAMPLES = 5
Key = tuple[Hashable, ...]
Columns = dict[str, list[Any]]


def write_changes(ctx: ReleaseContext) -> dict[str, dict[str, object]]:
    """Companion: write CHANGES.md and changes.json into the release folder."""
    report = changes(ctx)
    json_path = ctx.folder / "changes.json"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path = ctx.folder / "CHANGES.md"
    md_path.write_text(changes_markdown(report), encoding="utf-8")
    return {path.name: file_facts(path) for path in (md_path, json_path)}


def changes(ctx: ReleaseContext) -> dict[str, Any]:
    previous = ctx.previous
    report: dict[str, Any] = {
        "release_id": ctx.manifest["release_id"],
        "previous_release_id": previous_release_id(previous) if previous else None,
        "first_release": previous is None,
        "tables": {},
    }
    if previous is None:
        return report
    names = list(ctx.models) + [
        p.stem for p in sorted(previous.glob("*.parquet")) if p.stem not in ctx.models
    ]
    with duckdb.connect() as con:  # one connection: opening one takes as long as comparing a table
        for name in names:
            key = primary_key(ctx.models.get(name))
            after, before = ctx.folder / f"{name}.parquet", previous / f"{name}.parquet"
            report["tables"][name] = file_changes(after, before, key, con)
    return report


def file_changes(
    after: Path, before: Path, key: list[str] | None, con: duckdb.DuckDBPyConnection
) -> dict[str, Any]:
    """`table_changes` of two Parquet files. When both exist with a primary key and the same column
    types, only the rows that differ are read into Python (`differing_rows`): a row equal in every
    common column is neither added, removed nor changed, and a rebuild after one changed text leaves
    all but a few of 100,000 rows so."""
    if key is None or not (after.exists() and before.exists()):
        return table_changes(read_rows(after), read_rows(before), key)
    after_schema, before_schema = pq.read_schema(after), pq.read_schema(before)
    common = [c for c in after_schema.names if c in before_schema.names]
    if not set(key) <= set(common) or any(
        not after_schema.field(c).type.equals(before_schema.field(c).type) for c in common
    ):
        return table_changes(read_rows(after), read_rows(before), key)
    rows_after, rows_before = differing_rows(con, after, before, common)
    sides = (
        TableSide(after_schema.names, pq.read_metadata(after).num_rows),
        TableSide(before_schema.names, pq.read_metadata(before).num_rows),
    )
    return table_changes(rows_after, rows_before, key, sides=sides)


@dataclass(frozen=True)
class TableSide:
    """A whole table's columns and row count, when `table_changes` is given only some of its rows."""

    columns: list[str]
    rows: int


def differing_rows(
    con: duckdb.DuckDBPyConnection, after: Path, before: Path, columns: list[str]
) -> tuple[Columns, Columns]:
    """The rows of each file (its `columns`) that have no equal row in the other (DuckDB's EXCEPT:
    lists, dates and nulls compare as values, a null equal to a null; a published table's rows are
    distinct, its primary key being unique)."""
    selected = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
    a, b = ("read_parquet('" + str(p).replace("'", "''") + "')" for p in (after, before))
    found = con.sql(
        f"SELECT true AS after_side, * FROM (SELECT {selected} FROM {a} EXCEPT SELECT {selected} FROM {b}) "
        f"UNION ALL SELECT false, * FROM (SELECT {selected} FROM {b} EXCEPT SELECT {selected} FROM {a})"
    ).to_arrow_table()
    side = found.column("after_side")
    after_rows, before_rows = (found.filter(mask).select(columns) for mask in (side, pc.invert(side)))
    return after_rows.to_pydict(), before_rows.to_pydict()


def previous_release_id(previous: Path) -> str:
    manifest = previous / "manifest.json"
    if manifest.exists():
        return str(json.loads(manifest.read_text(encoding="utf-8")).get("release_id", previous.name))
    return previous.name


def primary_key(model: type[pa.DataFrameModel] | None) -> list[str] | None:
    if model is None:
        return None
    return list(table_metadata(model).get("primary_key") or []) or None


def read_rows(path: Path) -> Columns | None:
    """A table's columns as lists of Python values (lists, dates, None); None when the release has no
    such table. Column lists, not row dicts: Arrow makes them at once, and rows are zipped from them."""
    return pq.read_table(path).to_pydict() if path.exists() else None


def hashable(value: Any) -> Hashable:
    return tuple(hashable(v) for v in value) if isinstance(value, list | tuple) else value


def row_keys(table: Columns, key: Sequence[str] | None) -> list[Key]:
    """Each row's key: its primary key's values (scalar ids), or with no primary key the whole row."""
    columns = key or sorted(table)
    values = [table[c] if key else [hashable(v) for v in table[c]] for c in columns]
    return list(zip(*values, strict=True))


def sort_keys(keys: set[Key]) -> list[Key]:
    try:
        return sorted(keys)
    except TypeError:  # e.g. None next to a string in a key-less table
        return sorted(keys, key=lambda k: tuple(str(v) for v in k))


def shown(key: Key) -> Any:
    """A key as people read it: the id itself, or the list of a composite key's values."""
    value = key[0] if len(key) == 1 else list(key)
    return json.loads(json.dumps(value, default=str))


def table_changes(
    after: Columns | None,
    before: Columns | None,
    key: list[str] | None,
    sides: tuple[TableSide, TableSide] | None = None,
) -> dict[str, Any]:
    """Rows added, removed and changed from `before` to `after`. With `sides` (the whole tables' columns
    and row counts), `after` and `before` hold only the rows that differ, in the columns both have."""
    if before is None:
        status = "new table"
    elif after is None:
        status = "removed table"
    else:
        status = "compared"
    after, before = after or {}, before or {}
    common = [c for c in after if c in before]
    after_rows = _rows_by_key(after, key, common)
    before_rows = _rows_by_key(before, key, common)
    if sides is None:
        sides = (TableSide(list(after), len(after_rows)), TableSide(list(before), len(before_rows)))
    added = sort_keys(set(after_rows) - set(before_rows))
    removed = sort_keys(set(before_rows) - set(after_rows))
    changed: list[tuple[Key, list[str]]] = []
    per_column: dict[str, int] = {}
    for k in sort_keys({k for k, row in after_rows.items() if k in before_rows and before_rows[k] != row}):
        differ = [c for c, a, b in zip(common, after_rows[k], before_rows[k], strict=True) if a != b]
        changed.append((k, differ))
        for column in differ:
            per_column[column] = per_column.get(column, 0) + 1
    whole_after, whole_before = sides
    has_rows = bool(whole_after.rows) and bool(whole_before.rows)
    return {
        "status": status,
        "key": key,
        "rows_before": whole_before.rows if status != "new table" else None,
        "rows_after": whole_after.rows if status != "removed table" else None,
        "added": len(added),
        "removed": len(removed),
        "changed": len(changed),
        "changed_columns": per_column,
        "columns_added": sorted(set(whole_after.columns) - set(whole_before.columns)) if has_rows else [],
        "columns_removed": sorted(set(whole_before.columns) - set(whole_after.columns)) if has_rows else [],
        "examples": {
            "added": [shown(k) for k in added[:EXAMPLES]],
            "removed": [shown(k) for k in removed[:EXAMPLES]],
            "changed": [{"key": shown(k), "columns": cols} for k, cols in changed[:EXAMPLES]],
        },
    }


def _rows_by_key(table: Columns, key: list[str] | None, columns: list[str]) -> dict[Key, tuple]:
    """{row key: the row's values in `columns`}; rows compare as tuples, a changed row column by column."""
    if not table:
        return {}
    keys = row_keys(table, key)
    values = zip(*(table[c] for c in columns), strict=True) if columns else [()] * len(keys)
    return dict(zip(keys, values, strict=True))


def code(value: Any) -> str:
    text = " / ".join(map(str, value)) if isinstance(value, list) else str(value)
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def changes_markdown(report: Mapping[str, Any]) -> str:
    lines = [f"# Changes in release {report['release_id']}", ""]
    if report["first_release"]:
        return "\n".join([*lines, "This is the first release: there is nothing to compare it with.", ""])
    lines += [
        f"Compared with release {report['previous_release_id']}, row by row on each table's primary key.",
        "",
        "| table | rows before | rows after | added | removed | changed |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, table in report["tables"].items():
        counts = [table[c] if table[c] is not None else "–" for c in ("rows_before", "rows_after")]
        counts += [table["added"], table["removed"], table["changed"]]
        lines.append(f"| {name} | " + " | ".join(map(str, counts)) + " |")
    lines.append("")
    for name, table in report["tables"].items():
        lines += table_markdown(name, table)
    if all(t["added"] + t["removed"] + t["changed"] == 0 for t in report["tables"].values()):
        lines += ["No table changed.", ""]
    return "\n".join(lines)


def table_markdown(name: str, table: Mapping[str, Any]) -> list[str]:
    if not (table["added"] or table["removed"] or table["changed"] or table["status"] != "compared"):
        return []
    lines = [f"## {name}", ""]
    if table["status"] != "compared":
        lines.append(f"A {table['status']}.")
    if table["columns_added"] or table["columns_removed"]:
        lines.append(
            f"Columns added: {', '.join(map(code, table['columns_added'])) or 'none'}; "
            f"removed: {', '.join(map(code, table['columns_removed'])) or 'none'}."
        )
    examples = table["examples"]
    for what in ("added", "removed"):
        if table[what]:
            more = ", …" if table[what] > len(examples[what]) else ""
            lines.append(f"- {table[what]} {what}: {', '.join(map(code, examples[what]))}{more}")
    if table["changed"]:
        shown_changes = [f"{code(e['key'])} ({', '.join(e['columns'])})" for e in examples["changed"]]
        more = ", …" if table["changed"] > len(shown_changes) else ""
        lines.append(f"- {table['changed']} changed: {', '.join(shown_changes)}{more}")
        by_column = ", ".join(f"{c} {n}" for c, n in table["changed_columns"].items())
        lines.append(f"  - changes per column: {by_column}")
    return [*lines, ""]
