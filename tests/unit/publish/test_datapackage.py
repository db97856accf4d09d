"""datapackage.json passes the real Frictionless validator, formula-safe CSV cells included.

Also holds the small hand-made release (all 12 tables) that the other companion tests share.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path

import frictionless
import pandas as pd
import pandera.pandas as pa
import pyarrow.parquet as pq
import pytest
from pandera.typing import Series

from pipelines.publish.datapackage import (
    csv_safe_pattern,
    field_constraints,
    frictionless_errors,
    write_datapackage,
)
from pipelines.publish.files import sha256_file
from pipelines.publish.release import Companion, SourceFile, publish_release
from schemas.base import TableModel
from schemas.registry import TABLES

T1 = "Kazakhstan signed the plan with Russia on 31 January, 2006."
T2 = "Russia and Kazakhstan met in Astana in 2007 to discuss the CFE Treaty."
TEXTS = {"d1": T1, "d2": T2}
INPUTS = [SourceFile("d1.txt", "1" * 64), SourceFile("d2.txt", "2" * 64)]
BUILT_AT = datetime.datetime(2026, 1, 1, tzinfo=UTC)


def span(doc_id: str, words: str) -> dict[str, object]:
    start = TEXTS[doc_id].index(words)
    return {"doc_id": doc_id, "start": start, "end": start + len(words), "text": words}


def sentence_id(doc_id: str) -> str:
    return f"{doc_id}:s0000"


def document(doc_id: str, authors: list[str]) -> dict[str, object]:
    text = TEXTS[doc_id]
    return {
        "doc_id": doc_id,
        "source_file": f"{doc_id}.txt",
        "sha256": doc_id[-1] * 64,
        "encoding": "utf-8",
        "title": f"Title of {doc_id}",
        "authors": authors,
        "affiliation": None,
        "journal": None,
        "issue": None,
        "year": 2008,
        "format": "text",
        "date": "2008-06-09",
        "date_precision": "day",
        "date_source": "byline",
        "n_chars": len(text),
        "n_words": len(text.split()),
        "n_sentences": 1,
        "n_footnotes": 0,
        "warnings": [],
        "text": text,
    }


def entity(entity_id: str, name: str, kind: str, iso3: str | None, mentions: int, **extra) -> dict:
    row = {
        "entity_id": entity_id,
        "name": name,
        "type": kind,
        "aliases": [],
        "iso3": iso3,
        "wikidata_id": None,
        "refers_to_entity_id": None,
        "n_mentions": mentions,
        "n_documents": mentions,
    }
    return {**row, **extra}


def mention(entity_id: str, doc_id: str, words: str, title: str | None = None) -> dict[str, object]:
    where = span(doc_id, words)
    return {
        "mention_id": f"{doc_id}:m{where['start']:06d}-{where['end']:06d}",
        "entity_id": entity_id,
        "sentence_id": sentence_id(doc_id),
        **where,
        "title": title,
        "in_footnote": False,
    }


def date(doc_id: str, words: str, value: str, precision: str, first, last) -> dict[str, object]:
    where = span(doc_id, words)
    return {
        "date_id": f"{doc_id}:d{where['start']:06d}-{where['end']:06d}",
        "sentence_id": sentence_id(doc_id),
        **where,
        "value": value,
        "precision": precision,
        "value_start": first,
        "value_end": last,
        "mod": None,
        "is_relative": False,
        "anchor": None,
        "in_footnote": False,
    }


def agreement(agreement_id: str, name: str, kind: str, aliases: list[str], dated: dict | None) -> dict:
    row = {
        "agreement_id": agreement_id,
        "name": name,
        "kind": kind,
        "aliases": aliases,
        "date_value": None,
        "date_precision": None,
        "date_id": None,
        "action": None,
        "n_documents": 1,
    }
    return {**row, **(dated or {})}


def event(event_id: str, doc_id: str, kind: str, name: str, value: str, precision: str, **extra) -> dict:
    where = span(doc_id, extra.pop("evidence"))
    del where["text"]
    row = {
        "event_id": event_id,
        "happening_id": f"hap:{event_id}",
        "kind": kind,
        "name": name,
        "series": None,
        "date_value": value,
        "date_precision": precision,
        "location_entity_id": None,
        "sentence_id": sentence_id(doc_id),
        **where,
    }
    return {**row, **extra}


def frame(name: str, rows: Sequence[dict]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(TABLES[name].to_schema().columns))


def release_tables() -> dict[str, pd.DataFrame]:
    """Two documents about Kazakhstan and Russia: every table, a foreign key of each kind, lists,
    dates, enums and a few formula-like cells ("=cmd.txt", "+acting", "@home")."""
    d = datetime.date
    rows: dict[str, list[dict]] = {
        "documents": [document("d1", ["A. Author", "B. Author"]), document("d2", [])],
        "sentences": [
            {
                "sentence_id": sentence_id(doc_id),
                "doc_id": doc_id,
                "index": 0,
                "paragraph": 0,
                "start": 0,
                "end": len(text),
                "text": text,
                "in_footnote": False,
                "footnote_number": None,
            }
            for doc_id, text in TEXTS.items()
        ],
        "footnotes": [],
        "rejects": [{"source_file": "=cmd.txt", "sha256": None, "reason": "empty file"}],
        "entities": [
            entity("cou:kazakhstan", "Kazakhstan", "COUNTRY", "KAZ", 2, aliases=["Kazakstan", "@home"]),
            entity("cou:russia", "Russia", "COUNTRY", "RUS", 2, wikidata_id="Q159"),
            entity("loc:astana", "Astana", "LOCATION", None, 1, refers_to_entity_id="cou:kazakhstan"),
        ],
        "mentions": [
            mention("cou:kazakhstan", "d1", "Kazakhstan"),
            mention("cou:russia", "d1", "Russia", title="+acting"),
            mention("cou:russia", "d2", "Russia"),
            mention("cou:kazakhstan", "d2", "Kazakhstan"),
            mention("loc:astana", "d2", "Astana"),
        ],
        "dates": [
            date("d1", "31 January, 2006", "2006-01-31", "day", d(2006, 1, 31), d(2006, 1, 31)),
            date("d2", "2007", "2007", "year", d(2007, 1, 1), d(2007, 12, 31)),
        ],
        "agreements": [
            agreement(
                "agr:plan:ipap",
                "Individual Partnership Action Plan",
                "plan",
                ["IPAP"],
                {
                    "date_value": "2006-01-31",
                    "date_precision": "day",
                    "date_id": "d1:d000042-000058",
                    "action": "signed",
                },
            ),
            agreement("agr:treaty:cfe", "CFE Treaty", "treaty", [], None),
        ],
        "agreement_mentions": [
            {"agreement_id": "agr:plan:ipap", "sentence_id": "d1:s0000", **span("d1", "the plan")},
            {"agreement_id": "agr:treaty:cfe", "sentence_id": "d2:s0000", **span("d2", "the CFE Treaty")},
        ],
        "agreement_parties": [
            {"agreement_id": "agr:plan:ipap", "entity_id": "cou:kazakhstan", "role": "party"},
            {"agreement_id": "agr:treaty:cfe", "entity_id": "cou:russia", "role": "party"},
            {"agreement_id": "agr:treaty:cfe", "entity_id": "cou:kazakhstan", "role": "party"},
        ],
        "events": [
            event("ev:d1:signing", "d1", "signing", "Signing of the IPAP", "2006-01-31", "day", evidence=T1),
            event(
                "ev:d2:meeting",
                "d2",
                "meeting",
                "Russia–Kazakhstan meeting",
                "2007",
                "year",
                evidence="met in Astana in 2007",
                location_entity_id="loc:astana",
            ),
        ],
        "event_participants": [
            {"event_id": "ev:d2:meeting", "entity_id": "cou:russia", "role": "visitor"},
            {"event_id": "ev:d2:meeting", "entity_id": "cou:kazakhstan", "role": "host"},
        ],
    }
    return {name: frame(name, rows[name]) for name in TABLES}


def publish_small(
    outputs: Path,
    tables: dict[str, pd.DataFrame] | None = None,
    models: dict[str, type[pa.DataFrameModel]] | None = None,
    built_at: datetime.datetime = BUILT_AT,
    companions: Sequence[Companion] = (),
    after_manifest: Sequence[Companion] = (),
    extra_manifest: dict[str, object] | None = None,
) -> Path:
    return publish_release(
        tables if tables is not None else release_tables(),
        models or TABLES,
        INPUTS,
        outputs,
        built_at,
        "0.0.0",
        extra_manifest=extra_manifest,
        companions=companions,
        after_manifest=after_manifest,
    )


class Marks(TableModel):
    """A table whose closed vocabulary and pattern hold formula-like values."""

    mark_id: Series[str] = pa.Field(unique=True, description="Id.")
    sign: Series[str] = pa.Field(isin=["+", "-", "none"], description="A sign.")
    code: Series[str] = pa.Field(str_matches=r"^[+-]\d+$", description="A signed number as text.")
    note: Series[str] = pa.Field(nullable=True, description="Free text.")

    class Config:
        description = "Formula-like values in enum and pattern columns."
        metadata = {"primary_key": ["mark_id"]}


def marks() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"mark_id": "m1", "sign": "+", "code": "+7", "note": "=SUM(A1)"},
            {"mark_id": "m2", "sign": "-", "code": "-12", "note": None},
            {"mark_id": "m3", "sign": "none", "code": "+0", "note": "@home"},
        ]
    )


def validate(path: Path) -> frictionless.Report:
    return frictionless.validate(str(path))


def errors(report: frictionless.Report) -> list[str]:
    return [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors] + [
        e.message for e in report.errors
    ]


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    tables = {**release_tables(), "marks": marks()}
    models = {**TABLES, "marks": Marks}
    return publish_small(tmp_path_factory.mktemp("out"), tables, models, companions=[write_datapackage])


def test_frictionless_validates_every_resource(release):
    assert frictionless_errors(release / "datapackage.json") == []
    report = validate(release / "datapackage.json")  # everything, nothing skipped
    validated = {task.name for task in report.tasks}
    assert {"documents-csv", "documents-parquet", "marks-csv", "agreements-parquet"} <= validated
    assert not report.errors  # the descriptor itself is valid
    assert errors(report) == []
    csv_tasks = [task for task in report.tasks if task.name.endswith("-csv")]
    assert sum(task.stats.get("rows", 0) for task in csv_tasks) == 29
    parquet_tasks = [task for task in report.tasks if task.name.endswith("-parquet")]
    assert sum(task.stats.get("rows", 0) for task in parquet_tasks) == 29  # Parquet rows really read


def test_frictionless_cli_validates_the_package(release):
    run = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json", "--json"],
        cwd=release,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert json.loads(run.stdout)["valid"] is True


def test_parquet_resources_match_the_parquet_files(release):
    """What Frictionless cannot read in Parquet, checked here: types and checksums."""
    package = json.loads((release / "datapackage.json").read_text())
    arrow = {"date": "date32[day]", "integer": "int64", "boolean": "bool"}
    for described in package["resources"]:
        assert sha256_file(release / described["path"]) == described["hash"].removeprefix("sha256:")
        if described["format"] != "parquet":
            assert (release / described["path"]).stat().st_size == described["bytes"]
            continue
        schema = pq.read_schema(release / described["path"])
        assert [f["name"] for f in described["schema"]["fields"]] == schema.names
        for field in described["schema"]["fields"]:
            actual = str(schema.field(field["name"]).type)
            if field["type"] == "any":  # lists and nullable integers: see the datapackage module docstring
                assert actual in ("list<element: string>", "int64"), (
                    described["name"],
                    field["name"],
                    actual,
                )
                continue
            expected = arrow.get(field["type"])
            assert (
                actual == expected
                if expected
                else actual in ("string", "dictionary<values=string, indices=int32, ordered=0>")
            ), (described["name"], field["name"], actual)


def test_descriptor_fields(release):
    package = json.loads((release / "datapackage.json").read_text())
    manifest = json.loads((release / "manifest.json").read_text())
    assert package["version"] == release.name == manifest["release_id"]
    assert package["created"] == "2026-01-01T00:00:00+00:00"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["sources"][0] == {"title": "d1.txt", "path": "d1.txt", "sha256": "1" * 64}
    assert manifest["files"]["datapackage.json"]["sha256"]
    resources = {r["name"]: r for r in package["resources"]}
    assert len(resources) == 2 * 13
    parquet, csv = resources["documents-parquet"], resources["documents-csv"]
    assert (parquet["format"], parquet["mediatype"]) == ("parquet", "application/vnd.apache.parquet")
    assert (csv["format"], csv["encoding"], csv["dialect"]["delimiter"]) == ("csv", "utf-8", ",")
    assert csv["hash"] == "sha256:" + manifest["tables"]["documents"]["files"]["csv"]["sha256"]
    fields = {f["name"]: f for f in parquet["schema"]["fields"]}
    csv_fields = {f["name"]: f for f in csv["schema"]["fields"]}
    assert fields["authors"]["type"] == "any" and csv_fields["authors"]["type"] == "string"
    assert "joined with `|`" in csv_fields["authors"]["description"]
    assert fields["doc_id"]["constraints"] == {"required": True, "unique": True}
    assert fields["year"]["type"] == "any" and csv_fields["year"]["constraints"] == {
        "minimum": 1900,
        "maximum": 2100,
    }
    dates = {f["name"]: f for f in resources["dates-csv"]["schema"]["fields"]}
    assert dates["value_start"]["type"] == "date" and dates["is_relative"]["type"] == "boolean"
    assert dates["precision"]["constraints"]["enum"] == [
        *("day", "week", "month", "season", "quarter", "half", "year", "decade", "range")
    ]
    mentions = resources["mentions-csv"]["schema"]
    assert mentions["primaryKey"] == ["mention_id"]
    assert {"fields": ["entity_id"], "reference": {"resource": "entities-csv", "fields": ["entity_id"]}} in (
        mentions["foreignKeys"]
    )
    entities = resources["entities-parquet"]["schema"]["foreignKeys"]
    assert entities == [
        {"fields": ["refers_to_entity_id"], "reference": {"resource": "", "fields": ["entity_id"]}}
    ]


def test_formula_like_values_stay_valid_in_csv(release):
    csv_text = (release / "marks.csv").read_text()
    assert "m1,'+,'+7,'=SUM(A1)" in csv_text  # the CSV really carries the prefix
    package = json.loads((release / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    csv_sign = resources["marks-csv"]["schema"]["fields"][1]["constraints"]["enum"]
    assert csv_sign == ["+", "-", "none", "'+", "'-"]
    assert resources["marks-parquet"]["schema"]["fields"][1]["constraints"]["enum"] == ["+", "-", "none"]


def test_a_broken_csv_is_reported(release, tmp_path):
    """The validator really reads the cells: a value outside the enum fails."""
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in release.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    broken = (copy / "marks.csv").read_text().replace(",none,", ",nothing,")
    (copy / "marks.csv").write_text(broken, newline="")
    package = json.loads((copy / "datapackage.json").read_text())
    package["resources"] = [r for r in package["resources"] if r["name"] == "marks-csv"]
    del package["resources"][0]["hash"], package["resources"][0]["bytes"]
    (copy / "datapackage.json").write_text(json.dumps(package))
    assert "constraint-error" in " ".join(errors(validate(copy / "datapackage.json")))


def test_csv_pattern_allows_the_formula_prefix_only_before_a_formula_character():
    import re

    pattern = re.compile("^" + csv_safe_pattern(r"^[+-]\d+$", "csv") + "$")
    assert pattern.match("'+7") and pattern.match("-7") and not pattern.match("'7")
    assert csv_safe_pattern(r"^Q\d+$", "parquet") == r"Q\d+"


def test_csv_does_not_require_cells_it_cannot_tell_from_null():
    documents = TABLES["documents"]
    assert field_constraints(documents, "authors", "csv") == {}  # an empty list is an empty cell
    assert field_constraints(documents, "text", "csv") == {}  # "" is allowed and looks like null
    assert field_constraints(documents, "text", "parquet") == {"required": True}
    assert field_constraints(TABLES["sentences"], "text", "csv") == {"required": True, "minLength": 1}
