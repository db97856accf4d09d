"""The Dagster UI shows each table's published Parquet types, not the pandas dtypes held in memory."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pipelines.defs.metadata import table_asset_metadata
from schemas.registry import TABLES
from tests.unit.publish.test_datapackage import publish_small, release_tables


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return publish_small(tmp_path_factory.mktemp("out"))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_column_types_are_the_published_parquet_types(name, release):
    frame = release_tables()[name]
    schema = table_asset_metadata(TABLES[name], frame)["dagster/column_schema"]
    published = pq.read_schema(release / f"{name}.parquet")
    # Parquet names a list's items "element", Arrow "item": the same list of strings
    as_read = [(f.name, str(f.type).replace("<element:", "<item:")) for f in published]
    assert [(c.name, c.type) for c in schema.columns] == as_read
    assert all(c.constraints.nullable == published.field(c.name).nullable for c in schema.columns)
    assert not {c.type for c in schema.columns} & {"object", "string[pyarrow]", "str", "datetime64[ns]"}


def test_documents_types_read_as_a_reader_sees_them():
    schema = table_asset_metadata(TABLES["documents"], release_tables()["documents"])["dagster/column_schema"]
    types = {c.name: c.type for c in schema.columns}
    assert (types["doc_id"], types["authors"], types["year"]) == ("string", "list<item: string>", "int64")
    assert next(c for c in schema.columns if c.name == "doc_id").constraints.unique is True
