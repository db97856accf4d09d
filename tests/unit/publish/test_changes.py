"""CHANGES.md / changes.json compare each table with the last good release by primary key."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from pipelines.publish.changes import write_changes
from tests.unit.publish.test_datapackage import entity, publish_small, release_tables


def second_release_tables() -> dict[str, pd.DataFrame]:
    """Versus the first: 1 entity added and 1 changed, 1 agreement dated, a party swapped, rejects
    replaced."""
    tables = release_tables()
    entities = tables["entities"]
    entities.loc[entities["entity_id"] == "cou:russia", "wikidata_id"] = None
    nato = entity("org:nato", "NATO", "ORGANIZATION", None, 1)
    tables["entities"] = pd.concat([entities, pd.DataFrame([nato])], ignore_index=True)
    agreements = tables["agreements"]
    cfe = agreements["agreement_id"] == "agr:treaty:cfe"
    agreements.loc[cfe, ["date_value", "date_precision", "action"]] = ["1990", "year", "signed"]
    parties = tables["agreement_parties"]
    parties = parties[parties["entity_id"] != "cou:kazakhstan"]
    swapped = {"agreement_id": "agr:treaty:cfe", "entity_id": "org:nato", "role": "participant"}
    tables["agreement_parties"] = pd.concat([parties, pd.DataFrame([swapped])], ignore_index=True)
    tables["rejects"] = pd.DataFrame([{"source_file": "bad.txt", "sha256": "b" * 64, "reason": "binary"}])
    return tables


def read(folder):
    return json.loads((folder / "changes.json").read_text()), (folder / "CHANGES.md").read_text()


def test_first_release_says_so(tmp_path):
    folder = publish_small(tmp_path, companions=[write_changes])
    report, markdown = read(folder)
    assert report["first_release"] is True and report["previous_release_id"] is None
    assert "This is the first release" in markdown
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {"CHANGES.md", "changes.json"}


def test_second_release_counts_and_examples(tmp_path):
    first = publish_small(tmp_path, companions=[write_changes])
    second = publish_small(
        tmp_path,
        second_release_tables(),
        built_at=datetime(2026, 2, 1, tzinfo=UTC),
        companions=[write_changes],
    )
    report, markdown = read(second)
    assert report["first_release"] is False and report["previous_release_id"] == first.name
    tables = report["tables"]
    assert len(tables) == 12

    def counts(name):
        return tables[name]["added"], tables[name]["removed"], tables[name]["changed"]

    assert counts("entities") == (1, 0, 1)
    assert tables["entities"]["examples"]["added"] == ["org:nato"]
    assert tables["entities"]["examples"]["changed"] == [{"key": "cou:russia", "columns": ["wikidata_id"]}]
    assert (tables["entities"]["rows_before"], tables["entities"]["rows_after"]) == (3, 4)
    assert counts("agreements") == (0, 0, 1)
    assert tables["agreements"]["changed_columns"] == {"date_value": 1, "date_precision": 1, "action": 1}
    assert counts("agreement_parties") == (1, 2, 0)
    assert tables["agreement_parties"]["examples"]["added"] == [["agr:treaty:cfe", "org:nato", "participant"]]
    assert tables["agreement_parties"]["examples"]["removed"] == [
        ["agr:plan:ipap", "cou:kazakhstan", "party"],
        ["agr:treaty:cfe", "cou:kazakhstan", "party"],
    ]
    assert counts("rejects") == (1, 1, 0)
    assert tables["rejects"]["examples"]["removed"] == ["=cmd.txt"]
    for name in ("documents", "sentences", "mentions", "dates", "events", "footnotes"):
        assert counts(name) == (0, 0, 0), name
    assert "| entities | 3 | 4 | 1 | 0 | 1 |" in markdown
    assert "- 1 changed: `cou:russia` (wikidata_id)" in markdown
    assert (
        "- 2 removed: `agr:plan:ipap / cou:kazakhstan / party`, `agr:treaty:cfe / cou:kazakhstan / party`"
        in (markdown)
    )
    assert "## documents" not in markdown


def test_at_most_five_examples_and_an_unchanged_release(tmp_path):
    tables = release_tables()
    publish_small(tmp_path, tables, companions=[write_changes])
    many = tables["rejects"].iloc[[0] * 7].assign(source_file=[f"r{i}.txt" for i in range(7)])
    grown = {**tables, "rejects": many}
    second = publish_small(
        tmp_path, grown, built_at=datetime(2026, 2, 1, tzinfo=UTC), companions=[write_changes]
    )
    report, markdown = read(second)
    assert report["tables"]["rejects"]["added"] == 7
    assert report["tables"]["rejects"]["examples"]["added"] == [f"r{i}.txt" for i in range(5)]
    assert "- 7 added: `r0.txt`, `r1.txt`, `r2.txt`, `r3.txt`, `r4.txt`, …" in markdown
    third = publish_small(
        tmp_path, grown, built_at=datetime(2026, 3, 1, tzinfo=UTC), companions=[write_changes]
    )
    report, markdown = read(third)
    assert all(t["added"] + t["removed"] + t["changed"] == 0 for t in report["tables"].values())
    assert "No table changed." in markdown


def _parquet(path, columns: dict) -> object:
    import pyarrow as arrow
    import pyarrow.parquet as pq

    pq.write_table(arrow.table(columns), path)
    return path


BEFORE = {
    "id": ["a", "b", "c", "d"],
    "names": [["x"], [], ["y", "z"], ["w"]],
    "day": [date(2007, 1, 1), None, date(2008, 5, 2), None],
    "n": [1, 2, None, 4],
}
AFTER_CASES = {
    "rows added, removed and changed in lists, dates and nulls": {
        "id": ["a", "b", "c", "e"],
        "names": [["x"], ["q"], ["y", "z"], []],
        "day": [date(2007, 1, 1), date(2009, 1, 1), date(2008, 5, 2), None],
        "n": [1, 2, 3, 5],
    },
    "a column added": {**BEFORE, "extra": ["1", "2", "3", "4"], "n": [1, 2, None, 5]},
    "a column's type changed": {**BEFORE, "n": ["1", "2", None, "4"]},
    "nothing changed": BEFORE,
}


@pytest.mark.parametrize("case", AFTER_CASES)
def test_reading_only_differing_rows_reports_what_reading_all_does(tmp_path, case):
    """The report from the rows DuckDB finds different equals the one from every row of both files."""
    import duckdb

    from pipelines.publish.changes import file_changes, read_rows, table_changes

    after = _parquet(tmp_path / "after.parquet", AFTER_CASES[case])
    before = _parquet(tmp_path / "before.parquet", BEFORE)
    with duckdb.connect() as con:
        fast = file_changes(after, before, ["id"], con)
    assert fast == table_changes(read_rows(after), read_rows(before), ["id"])
    if case == "rows added, removed and changed in lists, dates and nulls":
        assert (fast["added"], fast["removed"], fast["changed"]) == (1, 1, 2)
        assert fast["changed_columns"] == {"names": 1, "day": 1, "n": 1}
