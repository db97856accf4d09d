"""`security_texts.duckdb`: every table of the release in one DuckDB file, with comments and views.

Loaded from the release's own Parquet files, so it holds exactly what they hold. Not byte-stable:
DuckDB writes a random database identifier (and checksums over it) into the file's headers, so two
builds of the same tables differ in a few dozen bytes though their contents are equal. Its manifest
facts say `"byte_stable": false`; the tests check both halves of that statement.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandera.pandas as pa

from pipelines.publish.files import file_facts
from pipelines.publish.release import ReleaseContext

FILE_NAME = "security_texts.duckdb"
BYTE_STABLE = False  # see the module docstring; test_duckdb_file checks it still holds

VIEWS: dict[str, tuple[str, str]] = {
    "agreement_overview": (
        "One row per agreement: its date (with the range the date covers) and its parties' names.",
        """
        SELECT a.agreement_id, a.name, a.kind, a.date_value, a.date_precision, a.action,
               d.value_start AS date_start, d.value_end AS date_end,
               coalesce(list(e.name ORDER BY e.name) FILTER (WHERE e.name IS NOT NULL), []) AS parties,
               coalesce(string_agg(e.name || ' (' || p.role || ')', '; ' ORDER BY e.name, p.role), '')
                   AS party_names,
               count(p.entity_id) AS n_parties,
               a.n_documents
        FROM agreements a
        LEFT JOIN agreement_parties p ON p.agreement_id = a.agreement_id
        LEFT JOIN entities e ON e.entity_id = p.entity_id
        LEFT JOIN dates d ON d.date_id = a.date_id
        GROUP BY ALL
        ORDER BY a.agreement_id
        """,
    ),
    "timeline": (
        "Dated agreements and events in one list. year is the first year date_value covers "
        "(1990 for 199X, 2006 for 2006/2008).",
        """
        SELECT date_value, CAST(replace(left(date_value, 4), 'X', '0') AS INTEGER) AS year,
               date_precision, kind, name, source_table, id
        FROM (
            SELECT date_value, date_precision, kind, name, 'agreements' AS source_table,
                   agreement_id AS id
            FROM agreements WHERE date_value IS NOT NULL
            UNION ALL
            SELECT date_value, date_precision, kind, name, 'events' AS source_table, event_id AS id
            FROM events WHERE date_value IS NOT NULL
        )
        ORDER BY date_value, source_table, id
        """,
    ),
    "entity_cooccurrence": (
        "Pairs of entities named in the same document (entity_id_a < entity_id_b), "
        "with the number of documents they share.",
        """
        WITH named AS (SELECT DISTINCT doc_id, entity_id FROM mentions)
        SELECT a.entity_id AS entity_id_a, ea.name AS name_a, ea.type AS type_a,
               b.entity_id AS entity_id_b, eb.name AS name_b, eb.type AS type_b,
               count(*) AS n_documents
        FROM named a
        JOIN named b ON a.doc_id = b.doc_id AND a.entity_id < b.entity_id
        JOIN entities ea ON ea.entity_id = a.entity_id
        JOIN entities eb ON eb.entity_id = b.entity_id
        GROUP BY ALL
        ORDER BY n_documents DESC, entity_id_a, entity_id_b
        """,
    ),
}
VIEW_TABLES = {"agreements", "agreement_parties", "entities", "dates", "events", "mentions"}


def write_duckdb(ctx: ReleaseContext) -> dict[str, dict[str, object]]:
    """Companion: write security_texts.duckdb into the release folder."""
    path = ctx.folder / FILE_NAME
    build_database(path, ctx.folder, ctx.models, list(ctx.manifest["tables"]))  # type: ignore[arg-type]
    return {FILE_NAME: {**file_facts(path), "byte_stable": BYTE_STABLE, "duckdb_version": duckdb.__version__}}


def build_database(
    path: Path, folder: Path, models: Mapping[str, type[pa.DataFrameModel]], tables: list[str]
) -> None:
    """Load each `<table>.parquet` of `folder`, comment it from its model, add the views."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    with duckdb.connect(str(temporary)) as con:
        for name in tables:
            parquet = str(folder / f"{name}.parquet").replace("'", "''")
            con.execute(f"CREATE TABLE {ident(name)} AS SELECT * FROM read_parquet('{parquet}')")
            comment_table(con, name, models[name])
        if set(tables) >= VIEW_TABLES:
            for view, (description, query) in VIEWS.items():
                con.execute(f"CREATE VIEW {ident(view)} AS {query}")
                con.execute(f"COMMENT ON VIEW {ident(view)} IS {literal(description)}")
        con.execute("CHECKPOINT")
    os.replace(temporary, path)


def comment_table(con: duckdb.DuckDBPyConnection, name: str, model: type[pa.DataFrameModel]) -> None:
    schema = model.to_schema()
    con.execute(f"COMMENT ON TABLE {ident(name)} IS {literal(schema.description or '')}")
    for column, spec in schema.columns.items():
        con.execute(f"COMMENT ON COLUMN {ident(name)}.{ident(column)} IS {literal(spec.description or '')}")


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
