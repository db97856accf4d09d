"""Tables of the parse stage: documents, sentences, footnotes, rejects."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import TableModel

SHA256 = r"^[0-9a-f]{64}$"


class Documents(TableModel):
    doc_id: Series[str] = pa.Field(unique=True, description="Stable id of the document, from its file name.")
    source_file: Series[str] = pa.Field(description="File name of the raw text in the raw folder.")
    sha256: Series[str] = pa.Field(str_matches=SHA256, description="SHA-256 of the raw file's bytes.")
    encoding: Series[str] = pa.Field(description="Character encoding the raw bytes were decoded from.")
    title: Series[str] = pa.Field(nullable=True, description="Title as printed; null when none was found.")
    authors: Series[object] = pa.Field(metadata={"list": True}, description="Authors, in printed order.")
    affiliation: Series[str] = pa.Field(nullable=True, description="Authors' affiliation as printed.")
    journal: Series[str] = pa.Field(nullable=True, description="Journal name where printed.")
    issue: Series[str] = pa.Field(nullable=True, description="Journal issue where printed, e.g. 2(50).")
    year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2100, description="Publication year where printed."
    )
    format: Series[str] = pa.Field(
        isin=["html", "markdown", "wiki", "journal", "text"],
        description="Layout the raw text was read as (docs/input-formats.md): html, markdown, wiki, journal or text.",
    )
    date: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$",
        description="The document's own publication date as printed, TIMEX-style (2003-12-05, 2010-06, 2008); null if not printed.",
    )
    date_precision: Series[str] = pa.Field(
        nullable=True, isin=["day", "month", "year"], description="Precision of `date`: day, month or year."
    )
    date_source: Series[str] = pa.Field(
        nullable=True,
        isin=["byline", "dateline", "header", "html-meta", "front-matter", "issue-header"],
        description="Where `date` was read: byline, dateline, header (an official record's), html-meta, front-matter or issue-header.",
    )
    n_chars: Series[int] = pa.Field(ge=0, description="Characters in the cleaned text.")
    n_words: Series[int] = pa.Field(ge=0, description="Words in the cleaned body text.")
    n_sentences: Series[int] = pa.Field(ge=0, description="Sentences, body and footnotes.")
    n_footnotes: Series[int] = pa.Field(ge=0, description="Footnotes.")
    warnings: Series[object] = pa.Field(
        metadata={"list": True}, description="Damage in the source that was flagged, not repaired."
    )
    text: Series[str] = pa.Field(
        description="Cleaned text: body paragraphs, then one line per footnote. Every offset points here."
    )

    class Config:
        description = "One row per raw text that was parsed: its metadata and cleaned text."
        metadata = {"primary_key": ["doc_id"]}

    @pa.dataframe_check(error="date and date_precision disagree (both null, or the value has that precision)")
    @classmethod
    def date_has_its_precision(cls, df: pd.DataFrame) -> pd.Series:
        lengths = {"year": 4, "month": 7, "day": 10}
        expected = df["date_precision"].map(lengths)
        return (df["date"].isna() & df["date_precision"].isna()) | (df["date"].str.len() == expected)


class Sentences(TableModel):
    sentence_id: Series[str] = pa.Field(unique=True, description="Stable id: <doc_id>:s<index>.")
    doc_id: Series[str] = pa.Field(description="Document the sentence belongs to.")
    index: Series[int] = pa.Field(ge=0, description="Position in the document, body first, then footnotes.")
    paragraph: Series[int] = pa.Field(ge=0, description="Paragraph number; footnotes continue the count.")
    start: Series[int] = pa.Field(ge=0, description="Offset of the first character in documents.text.")
    end: Series[int] = pa.Field(ge=1, description="Offset after the last character in documents.text.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The sentence: text[start:end].")
    in_footnote: Series[bool] = pa.Field(description="True for sentences of footnotes.")
    footnote_number: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Footnote the sentence belongs to, if any."
    )

    class Config:
        description = "Sentences of every document with their character offsets."
        metadata = {
            "primary_key": ["sentence_id"],
            "foreign_keys": {"doc_id": "documents.doc_id"},
            "spans": True,
        }

    @pa.dataframe_check(error="sentence spans overlap or run backwards")
    @classmethod
    def spans_do_not_overlap(cls, df: pd.DataFrame) -> pd.Series:
        ordered = df.sort_values(["doc_id", "start"])
        previous_end = ordered.groupby("doc_id")["end"].shift(1)
        ok = (ordered["start"] < ordered["end"]) & ~(previous_end > ordered["start"])
        return ok.reindex(df.index)


class Footnotes(TableModel):
    footnote_id: Series[str] = pa.Field(unique=True, description="Stable id: <doc_id>:fn<number>.")
    doc_id: Series[str] = pa.Field(description="Document the footnote belongs to.")
    number: Series[int] = pa.Field(ge=1, description="Footnote number as printed.")
    text: Series[str] = pa.Field(description="Footnote text, markup removed.")
    urls: Series[object] = pa.Field(metadata={"list": True}, description="URLs cited in the footnote.")
    authors: Series[object] = pa.Field(metadata={"list": True}, description="Authors or editors cited.")
    title: Series[str] = pa.Field(nullable=True, description="Title of the cited work, where clear.")
    year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1000, le=2100, description="Year in the footnote text (never taken from a URL)."
    )
    start: Series[int] = pa.Field(ge=0, description="Offset of the footnote text in documents.text.")
    end: Series[int] = pa.Field(ge=0, description="End offset of the footnote text in documents.text.")
    marker_offset: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Where the footnote's marker stood in the body text; null if none."
    )
    ibidem_of: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="For 'Ibidem.' footnotes, the footnote they repeat."
    )

    class Config:
        description = "Footnotes of every document, with the URLs, authors and year they cite."
        unique = ["doc_id", "number"]
        metadata = {
            "primary_key": ["footnote_id"],
            "foreign_keys": {"doc_id": "documents.doc_id"},
            "spans": True,
        }


class Rejects(TableModel):
    source_file: Series[str] = pa.Field(unique=True, description="File in the raw folder that was refused.")
    sha256: Series[str] = pa.Field(nullable=True, description="SHA-256 of its bytes, when readable.")
    reason: Series[str] = pa.Field(str_length={"min_value": 1}, description="Why it was refused.")

    class Config:
        description = "Raw files that could not become documents, with the reason."
        metadata = {"primary_key": ["source_file"]}
