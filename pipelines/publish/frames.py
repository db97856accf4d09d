"""Shape extracted records into the published tables (columns and order from the schemas)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from functools import cache
from operator import attrgetter

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


def frame(
    model: type[pa.DataFrameModel], rows: Iterable[Mapping[str, object] | object], **columns: Sequence[object]
) -> pd.DataFrame:
    """A frame with exactly the model's columns, in its order; tuples become lists. A column is read
    from the rows (a dataclass's field or a mapping's key; missing is null) unless given whole in
    `columns`. Column by column, and made from columns: a dict per row, then a tuple per row, were most
    of the time of the mentions table (77k rows)."""
    schema = model.to_schema()  # pandera rebuilds it on every call: once per table is enough
    names = list(schema.columns)
    rows = list(rows)
    cells = {name: _listed(columns[name] if name in columns else _column(rows, name)) for name in names}
    result = pd.DataFrame(cells, columns=names)
    return _coerce(schema, result)


def _listed(column: Sequence[object]) -> list[object]:
    """The column with its tuples as lists (looked at cell by cell only when it holds a tuple)."""
    if not any(issubclass(kind, tuple) for kind in set(map(type, column))):
        return list(column)
    return [list(v) if isinstance(v, tuple) else v for v in column]


def _column(rows: Sequence[Mapping[str, object] | object], name: str) -> list[object]:
    if not rows:
        return []
    if isinstance(rows[0], Mapping):
        return [row.get(name) for row in rows]
    if name not in _field_names(type(rows[0])):
        return [None] * len(rows)
    return list(map(attrgetter(name), rows))


@cache
def _field_names(kind: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(kind))


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
    sentences = [(d.doc_id, s) for d in documents for s in d.sentences]
    return frame(Sentences, [s for _, s in sentences], doc_id=[doc_id for doc_id, _ in sentences])


def footnotes_frame(documents: Sequence[ParsedDocument]) -> pd.DataFrame:
    footnotes = [(d.doc_id, f) for d in documents for f in d.footnotes]
    return frame(
        Footnotes,
        [f for _, f in footnotes],
        doc_id=[doc_id for doc_id, _ in footnotes],
        footnote_id=[f"{doc_id}:fn{f.number:03d}" for doc_id, f in footnotes],
    )


def rejects_frame(rejects: Sequence[Reject]) -> pd.DataFrame:
    return frame(Rejects, rejects)


def entities_frame(entities: Sequence[Entity], mentions: Sequence[ResolvedMention]) -> pd.DataFrame:
    counts = Counter(m.entity_id for m in mentions)
    documents = {e.entity_id: set() for e in entities}
    for m in mentions:
        documents[m.entity_id].add(m.mention.doc_id)
    mentioned = [e for e in entities if counts[e.entity_id]]
    return frame(
        Entities,
        mentioned,
        n_mentions=[counts[e.entity_id] for e in mentioned],
        n_documents=[len(documents[e.entity_id]) for e in mentioned],
    )


def mentions_frame(mentions: Sequence[ResolvedMention]) -> pd.DataFrame:
    return frame(
        Mentions,
        [m.mention for m in mentions],
        mention_id=[m.mention_id for m in mentions],
        entity_id=[m.entity_id for m in mentions],
    )


def dates_frame(dates: Sequence[DateMention]) -> pd.DataFrame:
    return frame(Dates, dates, date_id=[d.date_id for d in dates])


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
