"""The DuckDB file holds exactly the Parquet tables, documented, with the analysts' views."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines.publish.duckdb_file import BYTE_STABLE, FILE_NAME, VIEWS, build_database, write_duckdb
from pipelines.publish.files import sha256_file
from schemas.registry import TABLES
from tests.unit.publish.test_datapackage import publish_small


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return publish_small(tmp_path_factory.mktemp("out"), companions=[write_duckdb])


@pytest.fixture
def con(release):
    with duckdb.connect(str(release / FILE_NAME), read_only=True) as connection:
        yield connection


def rows(con, query: str) -> list[tuple]:
    return con.execute(query).fetchall()


def sortable(row: tuple) -> tuple:
    return tuple(repr(value) for value in row)


def test_manifest_records_the_file(release):
    facts = json.loads((release / "manifest.json").read_text())["files"][FILE_NAME]
    assert facts["sha256"] == sha256_file(release / FILE_NAME)
    assert facts["byte_stable"] is BYTE_STABLE is False


def test_every_table_equals_its_parquet_file(release, con):
    assert {name for (name,) in rows(con, "SELECT table_name FROM duckdb_tables()")} == set(TABLES)
    for name in TABLES:
        parquet = pq.read_table(release / f"{name}.parquet")
        table = con.sql(f'SELECT * FROM "{name}"').to_arrow_table()
        assert table.column_names == parquet.column_names, name
        assert table.num_rows == parquet.num_rows, name
        expected = sorted(map(sortable, zip(*(c.to_pylist() for c in parquet.columns), strict=True)))
        actual = sorted(map(sortable, zip(*(c.to_pylist() for c in table.columns), strict=True)))
        assert actual == expected, name
    assert rows(con, "SELECT count(*) FROM mentions") == [(5,)]
    assert rows(con, "SELECT authors FROM documents WHERE doc_id = 'd1'") == [(["A. Author", "B. Author"],)]
    value_type = (
        "SELECT data_type FROM duckdb_columns() WHERE table_name = 'dates' AND column_name = 'value_start'"
    )
    assert rows(con, value_type) == [("DATE",)]


def test_tables_columns_and_views_are_commented(con):
    comments = dict(rows(con, "SELECT table_name, comment FROM duckdb_tables()"))
    assert comments["dates"] == TABLES["dates"].to_schema().description
    columns = {
        (t, c): comment
        for t, c, comment in rows(con, "SELECT table_name, column_name, comment FROM duckdb_columns()")
    }
    assert columns[("mentions", "end")] == "End offset of the surface form in documents.text."
    assert all(columns[(t, c)] for t in TABLES for c in TABLES[t].to_schema().columns)
    views = dict(rows(con, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"))
    assert views == {name: description for name, (description, _) in VIEWS.items()}


def test_agreement_overview(con):
    got = rows(
        con,
        "SELECT agreement_id, date_value, date_start, date_end, parties, party_names, n_parties "
        "FROM agreement_overview",
    )
    day = datetime.date(2006, 1, 31)
    assert got == [
        ("agr:plan:ipap", "2006-01-31", day, day, ["Kazakhstan"], "Kazakhstan (party)", 1),
        (
            "agr:treaty:cfe",
            None,
            None,
            None,
            ["Kazakhstan", "Russia"],
            "Kazakhstan (party); Russia (party)",
            2,
        ),
    ]


def test_timeline(con):
    assert rows(con, "SELECT date_value, year, kind, name, source_table, id FROM timeline") == [
        ("2006-01-31", 2006, "plan", "Individual Partnership Action Plan", "agreements", "agr:plan:ipap"),
        ("2006-01-31", 2006, "signing", "Signing of the IPAP", "events", "ev:d1:signing"),
        ("2007", 2007, "meeting", "Russia–Kazakhstan meeting", "events", "ev:d2:meeting"),
    ]


def test_entity_cooccurrence(con):
    assert rows(con, "SELECT entity_id_a, entity_id_b, n_documents FROM entity_cooccurrence") == [
        ("cou:kazakhstan", "cou:russia", 2),
        ("cou:kazakhstan", "loc:astana", 1),
        ("cou:russia", "loc:astana", 1),
    ]


def test_not_byte_stable_but_same_contents(release, tmp_path):
    """Two builds of the same tables: the bytes differ (DuckDB's random file id), the contents do not."""
    paths = [tmp_path / "one.duckdb", tmp_path / "two.duckdb"]
    for path in paths:
        build_database(path, release, TABLES, list(TABLES))
    assert (sha256_file(paths[0]) == sha256_file(paths[1])) is BYTE_STABLE
    dumps = []
    for path in paths:
        with duckdb.connect(str(path), read_only=True) as con:
            dumps.append([rows(con, f'SELECT * FROM "{name}"') for name in [*TABLES, *VIEWS]])
    assert dumps[0] == dumps[1]
