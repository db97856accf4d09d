"""Tables of entity extraction: canonical entities and their mentions."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pycountry
from pandera.typing import Series

from schemas.base import TableModel

ENTITY_TYPES = ["PERSON", "ORGANIZATION", "COUNTRY", "LOCATION"]
# ISO 3166-1 alpha-3 plus the ISO 3166-3 codes of former states (SUN, YUG, CSK, ...).
ISO3_CODES = sorted(
    {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries}
)


class Entities(TableModel):
    entity_id: Series[str] = pa.Field(unique=True, description="Stable id from type and canonical name.")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="Canonical name.")
    type: Series[str] = pa.Field(isin=ENTITY_TYPES, description="PERSON, ORGANIZATION, COUNTRY or LOCATION.")
    aliases: Series[object] = pa.Field(metadata={"list": True}, description="Other surface forms seen.")
    iso3: Series[str] = pa.Field(
        nullable=True, isin=ISO3_CODES, description="ISO 3166 alpha-3 code (ISO 3166-3 for former states)."
    )
    wikidata_id: Series[str] = pa.Field(
        nullable=True, str_matches=r"^Q\d+$", description="Wikidata item from the curated gazetteer, or null."
    )
    refers_to_entity_id: Series[str] = pa.Field(
        nullable=True, description="For a place used for a state or organization (a capital), that entity."
    )
    n_mentions: Series[int] = pa.Field(ge=1, description="Mentions in the corpus.")
    n_documents: Series[int] = pa.Field(ge=1, description="Documents that mention it.")

    class Config:
        description = "People, organizations, countries and places, one row per canonical entity."
        unique = ["type", "name"]
        metadata = {
            "primary_key": ["entity_id"],
            "foreign_keys": {"refers_to_entity_id": "entities.entity_id"},
        }

    @pa.dataframe_check(error="a COUNTRY has no ISO 3166 alpha-3 code")
    @classmethod
    def countries_have_iso3(cls, df: pd.DataFrame) -> pd.Series:
        return (df["type"] != "COUNTRY") | df["iso3"].notna()


class Mentions(TableModel):
    mention_id: Series[str] = pa.Field(unique=True, description="Stable id: <doc_id>:m<start>-<end>.")
    doc_id: Series[str] = pa.Field(description="Document of the mention.")
    entity_id: Series[str] = pa.Field(description="The canonical entity mentioned.")
    sentence_id: Series[str] = pa.Field(description="Sentence holding the mention.")
    start: Series[int] = pa.Field(ge=0, description="Offset of the surface form in documents.text.")
    end: Series[int] = pa.Field(ge=1, description="End offset of the surface form in documents.text.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="Surface form: text[start:end].")
    title: Series[str] = pa.Field(nullable=True, description="Title or role stripped from a person's name.")
    in_footnote: Series[bool] = pa.Field(description="True when the mention is in a footnote.")

    class Config:
        description = "Every place in the texts where an entity is named, with offsets."
        metadata = {
            "primary_key": ["mention_id"],
            "foreign_keys": {
                "doc_id": "documents.doc_id",
                "entity_id": "entities.entity_id",
                "sentence_id": "sentences.sentence_id",
            },
            "spans": True,
        }
