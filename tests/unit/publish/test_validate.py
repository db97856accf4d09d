"""Bad tables are refused with messages that name the column, the check and the row."""

import datetime

import pandas as pd
import pytest

from pipelines.publish.validate import table_failures
from schemas.dates import Dates
from schemas.documents import Documents, Footnotes, Sentences
from schemas.entities import Entities, Mentions

TEXT = "Kazakhstan signed the plan on 31 January, 2006."


def documents() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "doc_id": "d1",
                "source_file": "d1.txt",
                "sha256": "a" * 64,
                "encoding": "utf-8",
                "title": "A title",
                "authors": ["A. Author"],
                "affiliation": None,
                "journal": None,
                "issue": None,
                "year": 2008,
                "format": "journal",
                "date": "2008",
                "date_precision": "year",
                "date_source": "issue-header",
                "n_chars": len(TEXT),
                "n_words": 8,
                "n_sentences": 1,
                "n_footnotes": 0,
                "warnings": [],
                "text": TEXT,
            }
        ]
    )


def sentences() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "sentence_id": "d1:s0000",
                "doc_id": "d1",
                "index": 0,
                "paragraph": 0,
                "start": 0,
                "end": len(TEXT),
                "text": TEXT,
                "in_footnote": False,
                "footnote_number": None,
            }
        ]
    )


def dates(**changes) -> pd.DataFrame:
    row = {
        "date_id": "d1:d000030-000046",
        "doc_id": "d1",
        "sentence_id": "d1:s0000",
        "start": 30,
        "end": 46,
        "text": "31 January, 2006",
        "value": "2006-01-31",
        "precision": "day",
        "value_start": datetime.date(2006, 1, 31),
        "value_end": datetime.date(2006, 1, 31),
        "mod": None,
        "is_relative": False,
        "anchor": None,
        "in_footnote": False,
    }
    return pd.DataFrame([{**row, **changes}])


def tables(**replaced: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {"documents": documents(), "sentences": sentences(), "dates": dates(), **replaced}


def test_valid_tables_pass():
    assert table_failures("documents", Documents, tables()) == []
    assert table_failures("sentences", Sentences, tables()) == []
    assert table_failures("dates", Dates, tables()) == []


def test_precision_must_agree_with_the_value():
    failures = table_failures("dates", Dates, tables(dates=dates(precision="month")))
    assert failures == ["precision does not agree with the form of value (row 0)"]


@pytest.mark.parametrize(
    ("date", "precision"), [("2008-07", "year"), ("2008", None), (None, "day"), ("2008-13", "month")]
)
def test_document_date_must_agree_with_its_precision(date, precision):
    bad = documents().assign(date=[date], date_precision=[precision])
    assert table_failures("documents", Documents, tables(documents=bad)) != []


def test_range_value_start_after_end_is_refused():
    bad = dates(value_start=datetime.date(2006, 2, 1))
    assert "value_start is after value_end (row 0)" in table_failures("dates", Dates, tables(dates=bad))


def test_unknown_precision_names_the_column_and_value():
    failures = table_failures("dates", Dates, tables(dates=dates(precision="fortnight")))
    assert any(f.startswith("precision: isin") and "'fortnight'" in f for f in failures)


def test_offsets_must_cut_out_the_surface_text():
    failures = table_failures("dates", Dates, tables(dates=dates(start=29, end=45)))
    assert failures == ["d1 [29:45] is ' 31 January, 200', not '31 January, 2006'"]


def test_offsets_outside_the_text_are_refused():
    failures = table_failures("dates", Dates, tables(dates=dates(end=999)))
    assert failures == [f"d1 [30:999] lies outside the text ({len(TEXT)} chars)"]


def test_dangling_foreign_key_is_named():
    failures = table_failures("dates", Dates, tables(dates=dates(sentence_id="d1:s0042")))
    assert failures == ["sentence_id: 1 value(s) not in sentences.sentence_id, e.g. ['d1:s0042']"]


def test_missing_column_is_refused():
    failures = table_failures("dates", Dates, tables(dates=dates().drop(columns=["mod"])))
    assert any("mod" in f and "column_in_dataframe" in f for f in failures)


def test_overlapping_sentences_are_refused():
    second = sentences().assign(sentence_id="d1:s0001", index=1, start=5, text=TEXT[5:])
    two = pd.concat([sentences(), second], ignore_index=True)
    failures = table_failures("sentences", Sentences, tables(sentences=two))
    assert "sentence spans overlap or run backwards (row 1)" in failures


def test_footnote_numbers_unique_per_document():
    row = {
        "footnote_id": "d1:fn001",
        "doc_id": "d1",
        "number": 1,
        "text": "Ibidem.",
        "urls": [],
        "authors": [],
        "title": None,
        "year": None,
        "start": 0,
        "end": 7,
        "marker_offset": None,
        "ibidem_of": None,
    }
    frame = pd.DataFrame([row, {**row, "footnote_id": "d1:fn001b"}])
    failures = table_failures("footnotes", Footnotes, {**tables(), "footnotes": frame})
    assert failures == ["duplicate (doc_id, number) (row 0)", "duplicate (doc_id, number) (row 1)"]


def test_country_without_iso3_and_unknown_code_are_refused():
    entities = pd.DataFrame(
        [
            {
                "entity_id": "cou:kazakhstan",
                "name": "Kazakhstan",
                "type": "COUNTRY",
                "aliases": [],
                "iso3": None,
                "wikidata_id": None,
                "refers_to_entity_id": None,
                "n_mentions": 1,
                "n_documents": 1,
            },
            {
                "entity_id": "cou:soviet-union",
                "name": "Soviet Union",
                "type": "COUNTRY",
                "aliases": [],
                "iso3": "SUN",
                "wikidata_id": "Q15180",
                "refers_to_entity_id": None,
                "n_mentions": 1,
                "n_documents": 1,
            },
        ]
    )
    failures = table_failures("entities", Entities, {**tables(), "entities": entities})
    assert failures == ["a COUNTRY has no ISO 3166 alpha-3 code (row 0)"]
    bad_code = entities.assign(iso3=["KZX", "SUN"])
    assert any("'KZX'" in f for f in table_failures("entities", Entities, {"entities": bad_code}))


def test_mention_of_unknown_entity_is_refused():
    mention = {
        "mention_id": "d1:m000000-000010",
        "doc_id": "d1",
        "entity_id": "cou:nowhere",
        "sentence_id": "d1:s0000",
        "start": 0,
        "end": 10,
        "text": "Kazakhstan",
        "title": None,
        "in_footnote": False,
    }
    empty_entities = pd.DataFrame(columns=list(Entities.to_schema().columns))
    failures = table_failures(
        "mentions", Mentions, {**tables(), "mentions": pd.DataFrame([mention]), "entities": empty_entities}
    )
    assert failures == ["entity_id: 1 value(s) not in entities.entity_id, e.g. ['cou:nowhere']"]
