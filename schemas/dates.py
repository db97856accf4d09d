"""The dates table: every temporal expression, normalized to a TIMEX3-style ISO value."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import TableModel

PRECISIONS = ["day", "week", "month", "season", "quarter", "half", "year", "decade", "range"]
MODS = ["EARLY", "MID", "LATE", "BEFORE", "AFTER", "SINCE"]
_ONE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{3}X"
VALUE_FORMS = {
    "day": r"^\d{4}-\d{2}-\d{2}$",
    "week": r"^\d{4}-W\d{2}(?:-WE)?$",
    "month": r"^\d{4}-\d{2}$",
    "season": r"^\d{4}-(?:SP|SU|FA|WI)$",
    "quarter": r"^\d{4}-Q[1-4]$",
    "half": r"^\d{4}-H[12]$",
    "year": r"^\d{4}$",
    "decade": r"^\d{3}X$",
    "range": rf"^(?:{_ONE})/(?:{_ONE})$",
}


class Dates(TableModel):
    date_id: Series[str] = pa.Field(unique=True, description="Stable id: <doc_id>:d<start>-<end>.")
    doc_id: Series[str] = pa.Field(description="Document of the expression.")
    sentence_id: Series[str] = pa.Field(description="Sentence holding the expression.")
    start: Series[int] = pa.Field(ge=0, description="Offset of the expression in documents.text.")
    end: Series[int] = pa.Field(ge=1, description="End offset of the expression in documents.text.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The expression: text[start:end].")
    value: Series[str] = pa.Field(
        description="TIMEX3-style value: 2006-03-01, 2013-W11 (2013-W11-WE a weekend), 2006-03, 2004-FA, "
        "1989-Q3, 1989-H1, 2006, 199X, or a/b."
    )
    precision: Series[str] = pa.Field(
        isin=PRECISIONS, description="day, week, month, season, quarter, half, year, decade or range."
    )
    value_start: Series[pa.Date] = pa.Field(description="First day the value covers.")
    value_end: Series[pa.Date] = pa.Field(description="Last day the value covers.")
    mod: Series[str] = pa.Field(
        nullable=True, isin=MODS, description="EARLY, MID, LATE, BEFORE, AFTER, SINCE."
    )
    is_relative: Series[bool] = pa.Field(description="Resolved against an anchor, not read off the text.")
    anchor: Series[str] = pa.Field(
        nullable=True,
        description="The value a relative, yearless or anaphoric expression was resolved on: the document's "
        "date (news), the reference inferred from its dates, the last year named, or the quarter reported on.",
    )
    in_footnote: Series[bool] = pa.Field(description="True when the expression is in a footnote.")

    class Config:
        description = (
            "Dates, weeks, months, seasons, quarters, halves, years, decades and ranges named in the texts, as "
            "comparable values."
        )
        metadata = {
            "primary_key": ["date_id"],
            "foreign_keys": {"doc_id": "documents.doc_id", "sentence_id": "sentences.sentence_id"},
            "spans": True,
        }

    @pa.dataframe_check(error="value_start is after value_end")
    @classmethod
    def start_not_after_end(cls, df: pd.DataFrame) -> pd.Series:
        return df["value_start"] <= df["value_end"]

    @pa.dataframe_check(error="precision does not agree with the form of value")
    @classmethod
    def precision_matches_value(cls, df: pd.DataFrame) -> pd.Series:
        agrees = [
            re.match(VALUE_FORMS.get(precision, "$^"), value) is not None
            for value, precision in zip(df["value"], df["precision"], strict=True)
        ]
        return pd.Series(agrees, index=df.index)
