"""Agreements and events: named items matched one-to-one, then checked for date and parties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.evaluation.entities import entity_keys, entity_matches
from pipelines.evaluation.loading import GoldDoc, Release, Row
from pipelines.evaluation.scores import Counts, Share
from pipelines.evaluation.text import (
    EVENT_GENERIC,
    GENERIC,
    date_compatible,
    is_null,
    kind_compatible,
    name_score,
    norm,
    norm_date,
)

NAME_THRESHOLD = 0.8
Pair = tuple[float, int, int]  # (score, predicted index, gold index)


def gold_names(item: GoldDoc) -> list[str]:
    return [item["name"], *item.get("aliases", []), *item.get("alt_names", [])]


def one_to_one(pairs: list[Pair]) -> dict[int, int]:
    """Greedy assignment, best score first; equal scores keep prediction order."""
    used_gold: set[int] = set()
    matched: dict[int, int] = {}
    for _, p, g in sorted(pairs, key=lambda pair: -pair[0]):
        if p not in matched and g not in used_gold:
            matched[p] = g
            used_gold.add(g)
    return matched


@dataclass
class ItemScore:
    """Counts plus the informational checks shared by agreements and events."""

    counts: Counts = field(default_factory=Counts)
    duplicates: int = 0
    must_have: Share = field(default_factory=Share)
    right_date: Share = field(default_factory=Share)

    def tally(self, n_predicted: int, golds: list[GoldDoc], pairs: list[Pair]) -> list[tuple[int, int]]:
        """Count one document and return the (predicted, gold) pairs that score as true positives.

        A prediction matched to an optional item counts neither way; one that only matched an item
        already taken by a better prediction is a duplicate, not a false positive.
        """
        matched = one_to_one(pairs)
        candidates = {p for _, p, _ in pairs}
        scored = []
        for p in range(n_predicted):
            if p in matched:
                if not golds[matched[p]].get("optional"):
                    self.counts.tp += 1
                    scored.append((p, matched[p]))
            elif p in candidates:
                self.duplicates += 1
            else:
                self.counts.fp += 1
        found = set(matched.values())
        for g, item in enumerate(golds):
            if item.get("optional"):
                continue
            self.counts.fn += g not in found
            if item.get("must"):
                self.must_have.add(g in found)
        return scored

    def check_date(self, predicted: Row, item: GoldDoc) -> None:
        if item.get("date"):
            self.right_date.add(date_compatible(norm_date(predicted["date_value"]), item["date"]))

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.counts.as_dict(),
            "duplicates": self.duplicates,
            "must_have_recall": self.must_have.as_dict(),
            "right_date": self.right_date.as_dict(),
        }


def names_by(release: Release, table: str, key: str) -> dict[str, list[Any]]:
    """Entity names linked to each agreement (or event) by a link table; the entity_id when unknown."""
    names = {str(row["entity_id"]): row["name"] for row in release.tables.get("entities") or []}
    linked: dict[str, list[Any]] = {}
    for row in release.tables.get(table) or []:
        entity_id = str(row["entity_id"])
        linked.setdefault(str(row[key]), []).append(names.get(entity_id, entity_id))
    return linked


def gold_entity(name: str, gold_entities: dict[str, GoldDoc]) -> GoldDoc:
    """The gold entity a party names; a party the gold does not list as an entity is matched by name."""
    return gold_entities.get(name, {"name": name, "type": "ORGANIZATION", "aliases": []})


def names_entity(name: Any, entity: GoldDoc) -> bool:
    return not is_null(name) and entity_matches(name, set(), "OTHER", entity, entity_keys(entity))


def parties_found(predicted: list[Any], item: GoldDoc, gold_entities: dict[str, GoldDoc]) -> int:
    """Gold parties named by some predicted party, matched like entities (aliases, initials)."""
    return sum(
        any(names_entity(name, gold_entity(party, gold_entities)) for name in predicted)
        for party in item["parties"]
    )


def pair_counts(predicted: list[Any], gold: list[str], gold_entities: dict[str, GoldDoc]) -> Counts:
    """Every predicted party (or participant) of a matched item against the gold ones, one-to-one.

    A wrong party is a false positive and a missing one a false negative, so that an agreement with one
    right party and three wrong ones does not count as right (the reference scorer's "pairs").
    """
    used: set[int] = set()
    for name in predicted:
        hit = next(
            (
                g
                for g, party in enumerate(gold)
                if g not in used and names_entity(name, gold_entity(party, gold_entities))
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
    n_predicted = len({str(name) for name in predicted if not is_null(name)})
    return Counts(len(used), max(0, n_predicted - len(used)), len(gold) - len(used))


def score_agreements(release: Release) -> dict[str, Any]:
    score = ItemScore()
    right_parties, party_recall, pairs = Share(), 0.0, Counts()
    has_parties = release.tables.get("agreement_parties") is not None
    parties = names_by(release, "agreement_parties", "agreement_id")
    for stem, gold_doc in release.gold.items():
        predicted, golds = release.rows("agreements", stem), gold_doc["agreements"]
        pairs_of_names = [
            (s, p, g)
            for p, row in enumerate(predicted)
            for g, item in enumerate(golds)
            if (s := name_score(row["name"], gold_names(item), GENERIC)) >= NAME_THRESHOLD
        ]
        gold_entities = {entity["name"]: entity for entity in gold_doc["entities"]}
        for p, g in score.tally(len(predicted), golds, pairs_of_names):
            score.check_date(predicted[p], golds[g])
            if has_parties:
                named = parties.get(str(predicted[p]["agreement_id"]), [])
                found = parties_found(named, golds[g], gold_entities)
                right_parties.add(found == len(golds[g]["parties"]))
                party_recall += found / max(1, len(golds[g]["parties"]))
                pairs += pair_counts(named, list(golds[g]["parties"]), gold_entities)
    mean_recall = round(party_recall / right_parties.checked, 6) if right_parties.checked else None
    return {
        **score.as_dict(),
        "right_parties": {**right_parties.as_dict(), "mean_party_recall": mean_recall},
        "parties_pairs": pairs.as_dict() if has_parties else None,
    }


def event_keywords(event: GoldDoc, gold_entities: dict[str, GoldDoc]) -> set[str]:
    """Distinctive words of an event: its names, participants and place, with their aliases."""
    forms = gold_names(event) + list(event.get("participants", []))
    if event.get("location"):
        forms.append(event["location"])
    words: set[str] = set()
    for form in forms:
        entity = gold_entities.get(form)
        for variant in [form] + (
            [*entity.get("aliases", []), *entity.get("alt_names", [])] if entity else []
        ):
            words |= {w for w in norm(variant).split() if len(w) > 2 and not w.isdigit()}
    return words - EVENT_GENERIC


def event_pair_score(row: Row, event: GoldDoc, keywords: set[str]) -> float:
    """Name similarity, or else same date + compatible kind + a shared keyword (ranked below names)."""
    by_name = name_score(row["name"], gold_names(event), EVENT_GENERIC)
    if by_name >= NAME_THRESHOLD:
        return by_name
    date = norm_date(row["date_value"])
    if not event.get("date") or not date_compatible(date, event["date"]):
        return 0.0
    if not kind_compatible(row["kind"], event["kind"]):
        return 0.0
    shared = len((set(norm(row["name"]).split()) - EVENT_GENERIC) & keywords)
    if not shared:
        return 0.0
    return 0.6 + 0.05 * min(shared, 3) + (0.04 if date == event["date"] else 0.0)


def score_events(release: Release) -> dict[str, Any]:
    score, pairs = ItemScore(), Counts()
    has_participants = release.tables.get("event_participants") is not None
    participants = names_by(release, "event_participants", "event_id")
    for stem, gold_doc in release.gold.items():
        predicted, golds = release.rows("events", stem), gold_doc["events"]
        gold_entities = {entity["name"]: entity for entity in gold_doc["entities"]}
        keywords = [event_keywords(event, gold_entities) for event in golds]
        candidates = [
            (s, p, g)
            for p, row in enumerate(predicted)
            for g, event in enumerate(golds)
            if (s := event_pair_score(row, event, keywords[g])) > 0
        ]
        for p, g in score.tally(len(predicted), golds, candidates):
            score.check_date(predicted[p], golds[g])
            if has_participants and golds[g].get("participants"):
                named = participants.get(str(predicted[p]["event_id"]), [])
                pairs += pair_counts(named, list(golds[g]["participants"]), gold_entities)
    return {**score.as_dict(), "participants_pairs": pairs.as_dict() if has_participants else None}
