"""Shape extracted records into the published tables (columns and order from the schemas)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, is_dataclass

import pandas as pd
import pandera.pandas as pa

from pipelines.extract.agreements import AgreementTables
from pipelines.extract.events import EventTables
from pipelines.extract.model import DateMention, Entity, ResolvedMention
from pipelines.parse.model import ParsedDocument
from pipelines.parse.raw_folder import Reject
from schemas.agreements import AgreementMentions, AgreementParties, Agreements
from schemas.dates import Dates
from schemas.documents import Documents, Footnotes, Rejects, Sentences
from schemas.entities import Entities, Mentions
from schemas.events import EventParticipants, Events


def frame(model: type[pa.DataFrameModel], rows: Iterable[Mapping[str, object] | object]) -> pd.DataFrame:
    """A frame with exactly the model's columns, in its order; tuples become lists."""
    schema = model.to_schema()  # pandera rebuilds it on every call: once per table is enough
    columns = list(schema.columns)
    records = [record(r) if is_dataclass(r) else dict(r) for r in rows]
    records = [{c: list(r[c]) if isinstance(r.get(c), tuple) else r.get(c) for c in columns} for r in records]
    result = pd.DataFrame.from_records(records, columns=columns)
    return _coerce(schema, result)


def record(obj: object) -> dict[str, object]:
    """A dataclass's fields as a dict, one level deep: `asdict`'s recursive deep copy was most of the
    time of the mentions table (77k rows)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def _coerce(schema: pa.DataFrameSchema, result: pd.DataFrame) -> pd.DataFrame:
    """Apply the model's dtypes without validating, so a bad value is reported by the checks, not here."""
    for name, column in schema.columns.items():
        try:
            result[name] = column.dtype.try_coerce(result[name])
        except Exception:  # the blocking check reports the value and its row
            continue
    return result


def documents_frame(documents: Sequence[ParsedDocument]) -> pd.DataFrame:
    rows = []
    for d in documents:
        body = d.text[: d.body_end]
        rows.append(
            {
                **{k: getattr(d, k) for k in ("doc_id", "source_file", "sha256", "encoding", "title")},
                **{k: getattr(d, k) for k in ("affiliation", "journal", "issue", "year", "text")},
                **{k: getattr(d, k) for k in ("format", "date", "date_precision", "date_source")},
                "authors": list(d.authors),
                "warnings": list(d.warnings),
                "n_chars": len(d.text),
                "n_words": len(body.split()),
                "n_sentences": len(d.sentences),
                "n_footnotes": len(d.footnotes),
            }
        )
    return frame(Documents, rows)


def sentences_frame(documents: Sequence[ParsedDocument]) -> pd.DataFrame:
    return frame(Sentences, [{**record(s), "doc_id": d.doc_id} for d in documents for s in d.sentences])


def footnotes_frame(documents: Sequence[ParsedDocument]) -> pd.DataFrame:
    rows = [
        {**record(f), "doc_id": d.doc_id, "footnote_id": f"{d.doc_id}:fn{f.number:03d}"}
        for d in documents
        for f in d.footnotes
    ]
    return frame(Footnotes, rows)


def rejects_frame(rejects: Sequence[Reject]) -> pd.DataFrame:
    return frame(Rejects, rejects)


def entities_frame(entities: Sequence[Entity], mentions: Sequence[ResolvedMention]) -> pd.DataFrame:
    counts = Counter(m.entity_id for m in mentions)
    documents = {e.entity_id: set() for e in entities}
    for m in mentions:
        documents[m.entity_id].add(m.mention.doc_id)
    rows = [
        {**record(e), "n_mentions": counts[e.entity_id], "n_documents": len(documents[e.entity_id])}
        for e in entities
        if counts[e.entity_id]
    ]
    return frame(Entities, rows)


def mentions_frame(mentions: Sequence[ResolvedMention]) -> pd.DataFrame:
    rows = [{**record(m.mention), "mention_id": m.mention_id, "entity_id": m.entity_id} for m in mentions]
    return frame(Mentions, rows)


def dates_frame(dates: Sequence[DateMention]) -> pd.DataFrame:
    return frame(Dates, [{**record(d), "date_id": d.date_id} for d in dates])


def agreement_frames(tables: AgreementTables) -> dict[str, pd.DataFrame]:
    return {
        "agreements": frame(Agreements, tables.agreements),
        "agreement_mentions": frame(AgreementMentions, tables.agreement_mentions),
        "agreement_parties": frame(AgreementParties, tables.agreement_parties),
    }


def event_frames(tables: EventTables) -> dict[str, pd.DataFrame]:
    return {
        "events": frame(Events, tables.events),
        "event_participants": frame(EventParticipants, tables.event_participants),
    }
