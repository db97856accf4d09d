"""Tables of agreements: treaties, plans, programs, acts, statements, their mentions and parties."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import TableModel
from schemas.dates import PRECISIONS, VALUE_FORMS

AGREEMENT_KINDS = [
    "treaty", "agreement", "plan", "program", "act", "statement",
    "declaration", "document", "initiative", "memorandum", "charter", "protocol", "concept",
    "resolution",
]  # fmt: skip
ACTIONS = ["signed", "adopted", "enacted", "joined", "launched", "planned", "ratified", "endorsed"]
PARTY_ROLES = ["party", "sponsor", "participant"]
ISO_VALUE = "|".join(f"(?:{form[1:-1]})" for form in VALUE_FORMS.values())
ISO_VALUE = f"^(?:{ISO_VALUE})$"


class Agreements(TableModel):
    agreement_id: Series[str] = pa.Field(unique=True, description="Stable id from kind and canonical name.")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="Canonical name.")
    kind: Series[str] = pa.Field(isin=AGREEMENT_KINDS, description="Kind of instrument.")
    aliases: Series[object] = pa.Field(metadata={"list": True}, description="Other names and acronyms seen.")
    date_value: Series[str] = pa.Field(
        nullable=True, str_matches=ISO_VALUE, description="When it was signed, adopted, enacted or joined."
    )
    date_precision: Series[str] = pa.Field(
        nullable=True, isin=PRECISIONS, description="Precision of date_value."
    )
    date_id: Series[str] = pa.Field(nullable=True, description="The dates row date_value came from.")
    action: Series[str] = pa.Field(nullable=True, isin=ACTIONS, description="What happened on date_value.")
    n_documents: Series[int] = pa.Field(ge=1, description="Documents that mention it.")

    class Config:
        description = (
            "Treaties, agreements, plans, programs, acts, statements and declarations named or described."
        )
        metadata = {"primary_key": ["agreement_id"], "foreign_keys": {"date_id": "dates.date_id"}}


class AgreementMentions(TableModel):
    agreement_id: Series[str] = pa.Field(description="The agreement mentioned.")
    doc_id: Series[str] = pa.Field(description="Document of the mention.")
    sentence_id: Series[str] = pa.Field(description="Sentence holding the mention.")
    start: Series[int] = pa.Field(ge=0, description="Offset of the mention in documents.text.")
    end: Series[int] = pa.Field(ge=1, description="End offset of the mention in documents.text.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="Surface form: text[start:end].")

    class Config:
        description = "Every place an agreement is named or referred to: the evidence."
        unique = ["agreement_id", "doc_id", "start", "end"]
        metadata = {
            "primary_key": ["agreement_id", "doc_id", "start", "end"],
            "foreign_keys": {
                "agreement_id": "agreements.agreement_id",
                "doc_id": "documents.doc_id",
                "sentence_id": "sentences.sentence_id",
            },
            "spans": True,
            "covers": "agreements.agreement_id",
        }


class AgreementParties(TableModel):
    agreement_id: Series[str] = pa.Field(description="The agreement.")
    entity_id: Series[str] = pa.Field(description="A country, organization or person taking part.")
    role: Series[str] = pa.Field(isin=PARTY_ROLES, description="party, sponsor or participant.")

    class Config:
        description = "Who is party to, sponsors or participates in each agreement."
        unique = ["agreement_id", "entity_id", "role"]
        metadata = {
            "primary_key": ["agreement_id", "entity_id", "role"],
            "foreign_keys": {"agreement_id": "agreements.agreement_id", "entity_id": "entities.entity_id"},
        }
