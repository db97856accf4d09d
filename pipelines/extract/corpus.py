"""Run every extractor over the corpus: one spaCy parse per sentence, shared by all of them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from pipelines.extract.agreements import extract_agreements
from pipelines.extract.dates import extract_dates
from pipelines.extract.entities import extract_entity_mentions, resolve_entities
from pipelines.extract.events import extract_events
from pipelines.extract.nlp import load_nlp, parse_sentences
from pipelines.parse.model import ParsedDocument
from pipelines.publish.frames import (
    agreement_frames,
    dates_frame,
    entities_frame,
    event_frames,
    mentions_frame,
)

EXTRACT_TABLES = (
    "entities",
    "mentions",
    "dates",
    "agreements",
    "agreement_mentions",
    "agreement_parties",
    "events",
    "event_participants",
)


def extract_corpus(documents: Sequence[ParsedDocument]) -> dict[str, pd.DataFrame]:
    nlp = load_nlp()
    docs = {d.doc_id: parse_sentences(nlp, d.sentences) for d in documents}
    raw_mentions = [m for d in documents for m in extract_entity_mentions(d, docs[d.doc_id])]
    entities, mentions = resolve_entities(raw_mentions)
    dates = [m for d in documents for m in extract_dates(d)]
    agreements = extract_agreements(documents, docs, entities, mentions, dates)
    events = extract_events(documents, docs, entities, mentions, dates, agreements=agreements)
    return {
        "entities": entities_frame(entities, mentions),
        "mentions": mentions_frame(mentions),
        "dates": dates_frame(dates),
        **agreement_frames(agreements),
        **event_frames(events),
    }
