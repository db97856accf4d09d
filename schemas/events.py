"""Tables of events: visits, meetings, summits, sessions, exercises, signings, and who took part."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.agreements import ISO_VALUE
from schemas.base import TableModel
from schemas.dates import PRECISIONS

EVENT_KINDS = ["visit", "meeting", "summit", "exercise", "signing", "conference", "other"]
PARTICIPANT_ROLES = ["visitor", "host", "participant", "observer"]


class Events(TableModel):
    event_id: Series[str] = pa.Field(unique=True, description="Stable id of the event.")
    happening_id: Series[str] = pa.Field(
        description="The same happening in every document that reports it (one id across documents): "
        "count distinct happening_id, not rows, on a timeline."
    )
    doc_id: Series[str] = pa.Field(description="Document reporting the event.")
    kind: Series[str] = pa.Field(isin=EVENT_KINDS, description="visit, meeting, summit, exercise, ...")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="Name, or a short description.")
    series: Series[str] = pa.Field(nullable=True, description="Recurring series, e.g. an annual exercise.")
    date_value: Series[str] = pa.Field(nullable=True, str_matches=ISO_VALUE, description="When it happened.")
    date_precision: Series[str] = pa.Field(
        nullable=True, isin=PRECISIONS, description="Precision of date_value."
    )
    location_entity_id: Series[str] = pa.Field(nullable=True, description="Where it happened.")
    sentence_id: Series[str] = pa.Field(description="Evidence sentence.")
    start: Series[int] = pa.Field(ge=0, description="Offset of the evidence in documents.text.")
    end: Series[int] = pa.Field(ge=1, description="End offset of the evidence in documents.text.")

    class Config:
        description = "Visits, meetings, summits, sessions, exercises and signings, with evidence."
        metadata = {
            "primary_key": ["event_id"],
            "foreign_keys": {
                "doc_id": "documents.doc_id",
                "sentence_id": "sentences.sentence_id",
                "location_entity_id": "entities.entity_id",
            },
            "spans": True,
        }


class EventParticipants(TableModel):
    event_id: Series[str] = pa.Field(description="The event.")
    entity_id: Series[str] = pa.Field(description="A person, country or organization taking part.")
    role: Series[str] = pa.Field(
        isin=PARTICIPANT_ROLES, description="visitor, host, participant or observer."
    )

    class Config:
        description = "Who took part in each event, and how."
        unique = ["event_id", "entity_id", "role"]
        metadata = {
            "primary_key": ["event_id", "entity_id", "role"],
            "foreign_keys": {"event_id": "events.event_id", "entity_id": "entities.entity_id"},
        }
