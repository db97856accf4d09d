"""Records that the extractors produce. Offsets are into `ParsedDocument.text` (see pipelines.parse.model)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ENTITY_TYPES = ("PERSON", "ORGANIZATION", "COUNTRY", "LOCATION")
DATE_PRECISIONS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "range")
DATE_MODS = ("EARLY", "MID", "LATE", "BEFORE", "AFTER", "SINCE")


@dataclass(frozen=True)
class DateMention:
    doc_id: str
    sentence_id: str
    start: int
    end: int
    text: str  # == document.text[start:end]
    value: str  # TIMEX3-style: 2006, 2006-03, 2006-03-01, 199X, or start/end for a range
    precision: str  # one of DATE_PRECISIONS
    value_start: date  # first day covered
    value_end: date  # last day covered
    mod: str | None  # one of DATE_MODS
    is_relative: bool  # resolved against an anchor rather than read off the text
    anchor: str | None  # the value used to resolve a relative or anaphoric date
    in_footnote: bool

    @property
    def date_id(self) -> str:
        return f"{self.doc_id}:d{self.start:06d}-{self.end:06d}"


@dataclass(frozen=True)
class EntityMention:
    """One surface form of an entity in a sentence, before corpus-level resolution."""

    doc_id: str
    sentence_id: str
    start: int
    end: int
    text: str  # == document.text[start:end]
    type: str  # one of ENTITY_TYPES
    key: str  # what resolution groups by: gazetteer canonical name, or the cleaned surface name
    title: str | None  # stripped title or role: "President", "Maj. Gen.", ...
    in_footnote: bool


@dataclass(frozen=True)
class Entity:
    entity_id: str  # stable: derived from type and canonical name
    name: str
    type: str
    aliases: tuple[str, ...]
    iso3: str | None
    wikidata_id: str | None
    refers_to_entity_id: str | None  # a capital standing for its state or organization


@dataclass(frozen=True)
class ResolvedMention:
    mention_id: str
    entity_id: str
    mention: EntityMention
