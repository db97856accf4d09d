"""The published tables, in the order they are built and documented."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.agreements import AgreementMentions, AgreementParties, Agreements
from schemas.dates import Dates
from schemas.documents import Documents, Footnotes, Rejects, Sentences
from schemas.entities import Entities, Mentions
from schemas.events import EventParticipants, Events

TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "sentences": Sentences,
    "footnotes": Footnotes,
    "rejects": Rejects,
    "entities": Entities,
    "mentions": Mentions,
    "dates": Dates,
    "agreements": Agreements,
    "agreement_mentions": AgreementMentions,
    "agreement_parties": AgreementParties,
    "events": Events,
    "event_participants": EventParticipants,
}
