"""Releases are immutable, deterministic, and never replaced by a table that fails validation."""

import json
from datetime import UTC, datetime

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipelines.publish.files import csv_bytes, csv_cell
from pipelines.publish.release import (
    SourceFile,
    ValidationFailed,
    list_releases,
    prune_releases,
    publish_release,
    release_id,
)
from schemas.dates import Dates
from schemas.documents import Documents, Rejects, Sentences
from tests.unit.publish.test_validate import dates, documents, sentences

MODELS = {"documents": Documents, "sentences": Sentences, "dates": Dates, "rejects": Rejects}
INPUTS = [SourceFile("d1.txt", "a" * 64)]


def tables(**replaced):
    rejects = pd.DataFrame([{"source_file": "=cmd.txt", "sha256": None, "reason": "empty file"}])
    return {
        "documents": documents(),
        "sentences": sentences(),
        "dates": dates(),
        "rejects": rejects,
        **replaced,
    }


def publish(outputs, when, **replaced):
    return publish_release(tables(**replaced), MODELS, INPUTS, outputs, when, "0.0.0")


def test_release_id_sorts_by_time_and_names_inputs():
    rid = release_id(datetime(2026, 11, 24, 17, 30, 5, tzinfo=UTC), INPUTS)
    assert rid.startswith("2026-11-24T173005Z-") and len(rid.split("-")[-1]) == 8
    assert rid != release_id(datetime(2026, 11, 24, 17, 30, 5, tzinfo=UTC), [SourceFile("d1.txt", "b" * 64)])


def test_same_inputs_give_byte_identical_tables(tmp_path):
    first = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    second = publish(tmp_path, datetime(2026, 1, 2, tzinfo=UTC))
    for name in MODELS:
        for suffix in ("parquet", "csv"):
            assert (first / f"{name}.{suffix}").read_bytes() == (second / f"{name}.{suffix}").read_bytes()


def test_manifest_and_pointers(tmp_path):
    folder = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["dates"]["rows"] == 1
    assert manifest["inputs"] == [{"source_file": "d1.txt", "sha256": "a" * 64}]
    columns = {c["name"]: c["type"] for c in manifest["tables"]["dates"]["columns"]}
    assert columns["value_start"] == "date32[day]" and columns["start"] == "int64"
    assert (tmp_path / "latest").resolve() == folder.resolve()
    versions = json.loads((tmp_path / "versions.json").read_text())
    assert versions["last_successful"] == folder.name


def test_parquet_types(tmp_path):
    folder = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    schema = pq.read_schema(folder / "dates.parquet")
    assert str(schema.field("value_start").type) == "date32[day]"
    assert str(schema.field("precision").type).startswith("dictionary<values=string")
    assert str(pq.read_schema(folder / "documents.parquet").field("authors").type) == "list<element: string>"
    assert pq.ParquetFile(folder / "dates.parquet").metadata.num_row_groups == 1


def test_failed_validation_keeps_the_last_good_release(tmp_path):
    good = publish(tmp_path, datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ValidationFailed) as failure:
        publish(tmp_path, datetime(2026, 1, 2, tzinfo=UTC), dates=dates(precision="month"))
    assert "dates: precision does not agree with the form of value (row 0)" in str(failure.value)
    assert (tmp_path / "latest").resolve() == good.resolve()
    assert [r["release_id"] for r in list_releases(tmp_path)] == [good.name]
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [good.name]


def test_prune_keeps_the_newest(tmp_path):
    made = [publish(tmp_path, datetime(2026, 1, day, tzinfo=UTC)).name for day in (1, 2, 3)]
    assert prune_releases(tmp_path, keep=1) == made[:2]
    assert [r["release_id"] for r in list_releases(tmp_path)] == [made[2]]
    assert not (tmp_path / "releases" / made[0]).exists()


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+7 700", "'+7 700"),
        ("-1", "'-1"),
        ("@home", "'@home"),
        ("plain", "plain"),
        (["a", "b"], "a|b"),
        (None, ""),
        (True, "true"),
        (-3, "-3"),
    ],
)
def test_csv_cells(value, cell):
    assert csv_cell(value) == cell


def test_csv_is_rfc4180():
    frame = pd.DataFrame([{"a": 'say "hi", then', "b": "x\ny"}])
    assert csv_bytes(frame) == b'a,b\r\n"say ""hi"", then","x\ny"\r\n'
