"""Run every extractor over the corpus: one spaCy parse per sentence, shared by all of them.

Split the way the Dagster assets run it:

- per document, `extract_document`: the spaCy parse of its sentences (kept as `DocBin` bytes, so that
  corpus steps reuse it instead of parsing again), its entity mentions and its dates;
- per corpus, `extract_facts`: entity resolution, agreements and events across documents, and the
  published tables.

`extract_corpus` chains both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import DocBin

from pipelines.extract.agreements import extract_agreements
from pipelines.extract.dates import extract_dates
from pipelines.extract.entities import extract_entity_mentions, resolve_entities
from pipelines.extract.events import extract_events
from pipelines.extract.instruments import StoredParses, build_views
from pipelines.extract.memo import NO_MEMO, Memo
from pipelines.extract.model import DateMention, EntityMention
from pipelines.extract.nlp import BATCH_SIZE, load_nlp, parse_sentences, stored_vocab
from pipelines.parse.model import ParsedDocument, Sentence
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


@dataclass(frozen=True)
class DocumentExtraction:
    """The per-document part of extraction, stored so that corpus steps need no spaCy parse."""

    doc_id: str
    sha256: str  # of the raw file the document was parsed from
    docbin: bytes  # spaCy DocBin of the sentence Docs, in sentence order
    mentions: tuple[EntityMention, ...]
    dates: tuple[DateMention, ...]


# Sentences parsed in one piece, a multiple of parse_sentences' batch, so that a long document
# parsed piece by piece on several workers gets the same batches, hence the same parse, as in one.
PIECE_SENTENCES = BATCH_SIZE * 32


def document_pieces(document: ParsedDocument) -> list[tuple[Sentence, ...]]:
    """The document's sentences in pieces of PIECE_SENTENCES: the units of the spaCy parse."""
    sentences = document.sentences
    return [tuple(sentences[i : i + PIECE_SENTENCES]) for i in range(0, len(sentences), PIECE_SENTENCES)]


def parse_piece(sentences: Sequence[Sentence]) -> bytes:
    """The spaCy parse of some sentences, as DocBin bytes."""
    return DocBin(docs=parse_sentences(load_nlp(), sentences), store_user_data=False).to_bytes()


def finish_document(document: ParsedDocument, pieces: Sequence[bytes]) -> DocumentExtraction:
    """The document's extraction from the parses of its pieces (`document_pieces`, in order)."""
    docbin = pieces[0] if len(pieces) == 1 else _merged(pieces)
    docs = DocBin().from_bytes(docbin).get_docs(stored_vocab())  # a stream: one sentence's Doc at a time
    return DocumentExtraction(
        doc_id=document.doc_id,
        sha256=document.sha256,
        docbin=docbin,
        mentions=tuple(extract_entity_mentions(document, docs)),
        dates=tuple(extract_dates(document)),
    )


def _merged(pieces: Sequence[bytes]) -> bytes:
    docbin = DocBin(store_user_data=False)
    for piece in pieces:
        docbin.merge(DocBin().from_bytes(piece))
    return docbin.to_bytes()


def extract_document(document: ParsedDocument) -> DocumentExtraction:
    return finish_document(document, [parse_piece(p) for p in document_pieces(document)])


def extract_facts(
    documents: Sequence[ParsedDocument],
    extractions: Mapping[str, DocumentExtraction],
    memo: Memo = NO_MEMO,
    parallel_map: Callable[..., Iterator] = map,
) -> dict[str, pd.DataFrame]:
    """The extracted tables of the corpus, from each document's stored extraction (keyed by doc_id).
    `memo` keeps the per-document parts of agreements and events between builds; `parallel_map` (a
    `map` with results in order, perhaps on several processes) runs the parts not kept."""
    missing = [d.doc_id for d in documents if d.doc_id not in extractions]
    if missing:
        raise ValueError(f"no stored extraction for document(s) {', '.join(missing)}")
    stale = [d.doc_id for d in documents if extractions[d.doc_id].sha256 != d.sha256]
    if stale:
        raise ValueError(f"stored extraction is of another version of document(s) {', '.join(stale)}")
    docs = StoredParses({doc_id: e.docbin for doc_id, e in extractions.items()}, stored_vocab())
    raw_mentions = [m for d in documents for m in extractions[d.doc_id].mentions]
    entities, mentions = resolve_entities(raw_mentions)
    dates = [m for d in documents for m in extractions[d.doc_id].dates]
    views = build_views(documents, docs, entities, mentions, dates)  # shared by agreements and events
    passes = {"views": views, "memo": memo, "parallel_map": parallel_map}
    agreements = extract_agreements(documents, docs, entities, mentions, dates, **passes)
    events = extract_events(documents, docs, entities, mentions, dates, agreements=agreements, **passes)
    return {
        "entities": entities_frame(entities, mentions),
        "mentions": mentions_frame(mentions),
        "dates": dates_frame(dates),
        **agreement_frames(agreements),
        **event_frames(events),
    }


def extract_corpus(documents: Sequence[ParsedDocument]) -> dict[str, pd.DataFrame]:
    return extract_facts(documents, {d.doc_id: extract_document(d) for d in documents})
