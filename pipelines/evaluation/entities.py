"""Entities: per document, per type, lenient on how a name is spelled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.evaluation.loading import GoldDoc, Release
from pipelines.evaluation.scores import Counts, Share
from pipelines.evaluation.text import is_null, norm, ratio_at_least

ENTITY_TYPES = ("PERSON", "ORGANIZATION", "COUNTRY", "LOCATION")
OTHER = "OTHER"


@dataclass
class Predicted:
    """One published entity as seen in one document: its name and the surface forms of its mentions."""

    name: Any
    type: str
    iso3: Any
    texts: set[str] = field(default_factory=set)


def gold_forms(entity: GoldDoc) -> list[str]:
    return [entity["name"], *entity.get("aliases", []), *entity.get("alt_names", [])]


def entity_keys(entity: GoldDoc) -> set[str]:
    """Normalised names a prediction may match exactly: canonical name, aliases, alternative names."""
    return {key for key in map(norm, gold_forms(entity)) if key}


def person_match(name: Any, entity: GoldDoc) -> bool:
    """Same surname and first initial: "B. Sembinov" is "Bulat Sembinov"."""
    predicted = norm(name).split()
    if len(predicted) < 2:
        return False
    for form in gold_forms(entity):
        words = norm(form).split()
        if len(words) >= 2 and words[-1] == predicted[-1] and words[0][0] == predicted[0][0]:
            return True
    return False


def entity_matches(name: Any, texts: set[str], type_: str, entity: GoldDoc, keys: set[str]) -> bool:
    """A name or mention text equal to a gold form, a person by initial + surname, or a near-identical name."""
    n = norm(name)
    if n in keys or any(norm(text) in keys for text in texts):
        return True
    if entity["type"] == "PERSON" and type_ in ("PERSON", OTHER) and person_match(name, entity):
        return True
    return len(n) >= 6 and any(len(key) >= 6 and ratio_at_least(n, key, 0.9) for key in keys)


def norm_type(value: Any) -> str:
    """Our four types; anything else (or nothing) is OTHER and scores as its own type."""
    type_ = "" if is_null(value) else str(value).strip().upper()
    return type_ if type_ in ENTITY_TYPES else OTHER


def predicted_in(release: Release, stem: str) -> list[Predicted]:
    """Entities that have a mention in the document; an entity counts for a document through its mentions."""
    entities = {str(row["entity_id"]): row for row in release.tables.get("entities") or []}
    found: dict[str, Predicted] = {}
    for mention in release.rows("mentions", stem):
        entity_id = str(mention["entity_id"])
        if entity_id not in found:
            row = entities.get(entity_id, {"name": mention["text"], "type": None, "iso3": None})
            found[entity_id] = Predicted(row["name"], norm_type(row["type"]), row["iso3"])
        if not is_null(mention["text"]):
            found[entity_id].texts.add(str(mention["text"]))
    return list(found.values())


@dataclass
class EntityScore:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in (*ENTITY_TYPES, OTHER)})
    iso3: Share = field(default_factory=Share)
    type_agreement: Share = field(default_factory=Share)
    must_have: Share = field(default_factory=Share)
    footnote_only: Share = field(default_factory=Share)

    def as_dict(self) -> dict[str, Any]:
        total = Counts()
        for counts in self.by_type.values():
            total += counts
        by_type = {t: c.as_dict() for t, c in self.by_type.items() if t != OTHER or c.tp + c.fp + c.fn}
        return {
            **total.as_dict(),
            "by_type": by_type,
            "iso3": self.iso3.as_dict(),
            "type_agreement": self.type_agreement.as_dict(),
            "must_have_recall": self.must_have.as_dict(),
            "footnote_only_recall": self.footnote_only.as_dict(),
        }


def _check_best_hit(score: EntityScore, entity: Predicted, golds: list[GoldDoc], hits: list[int]) -> None:
    """Type and ISO code are judged against the closest gold hit: same canonical name, then same type,
    then an exact alias, so that "Washington" typed LOCATION is checked against the city, not the state."""
    n = norm(entity.name)

    def distance(i: int) -> tuple[bool, bool, bool]:
        gold = golds[i]
        return n != norm(gold["name"]), gold["type"] != entity.type, n not in entity_keys(gold)

    best = golds[min(hits, key=distance)]
    score.type_agreement.add(entity.type == best["type"])
    if best["type"] == "COUNTRY" and best.get("iso3"):
        score.iso3.add(str(entity.iso3 or "").upper() == best["iso3"])


def score_document(score: EntityScore, predicted: list[Predicted], golds: list[GoldDoc]) -> None:
    """A prediction matching no gold entity is a false positive of its own type; a gold entity is
    found when any prediction matches it. Optional and footnote-only gold entities are never missed."""
    keys = [entity_keys(entity) for entity in golds]
    found = [False] * len(golds)
    for entity in predicted:
        hits = [
            i
            for i, gold in enumerate(golds)
            if entity_matches(entity.name, entity.texts, entity.type, gold, keys[i])
        ]
        if not hits:
            score.by_type[entity.type].fp += 1
            continue
        for i in hits:
            found[i] = True
        _check_best_hit(score, entity, golds, hits)
    for gold, was_found in zip(golds, found, strict=True):
        if gold.get("in_footnote_only"):
            score.footnote_only.add(was_found)
        if gold.get("optional") or gold.get("in_footnote_only"):
            continue
        counts = score.by_type[gold["type"] if gold["type"] in ENTITY_TYPES else OTHER]
        if was_found:
            counts.tp += 1
        else:
            counts.fn += 1
        if gold.get("must"):
            score.must_have.add(was_found)


def score_entities(release: Release) -> dict[str, Any]:
    score = EntityScore()
    for stem, gold_doc in release.gold.items():
        score_document(score, predicted_in(release, stem), gold_doc["entities"])
    return score.as_dict()
