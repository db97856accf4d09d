"""Dates: the set of distinct values per document, and how often a found surface got the right value."""

from __future__ import annotations

from typing import Any

from pipelines.evaluation.loading import GoldDoc, Release, Row
from pipelines.evaluation.scores import Counts, Share
from pipelines.evaluation.text import norm, norm_date


def accepted_values(date: GoldDoc) -> set[str]:
    return {date["value"], *date.get("alt_values", [])}


def is_required(date: GoldDoc) -> bool:
    """Footnote and relative dates are acceptable extras, not required answers."""
    return not date.get("in_footnote") and not date.get("relative")


def value_counts(predicted: list[Row], golds: list[GoldDoc]) -> Counts:
    """Scored on distinct values, not on mentions: offsets depend on each parser's cleaning.

    A required gold value is found when any accepted form of it was predicted; a predicted value
    is false when no gold date of the document (required or not) accepts it.
    """
    values = {norm_date(row["value"], row["precision"]) for row in predicted} - {""}
    required: dict[str, set[str]] = {}
    accepted: set[str] = set()
    for date in golds:
        accepted |= accepted_values(date)
        if is_required(date):
            required.setdefault(date["value"], set()).update(accepted_values(date))
    tp = sum(1 for forms in required.values() if forms & values)
    return Counts(tp=tp, fp=len(values - accepted), fn=len(required) - tp)


def value_accuracy(predicted: list[Row], golds: list[GoldDoc], share: Share) -> None:
    """Of predicted rows whose surface text is a gold date's text, how many carry an accepted value.

    This separates normalisation errors from detection errors; same-text gold dates pool their values.
    """
    by_text: dict[str, set[str]] = {}
    for date in golds:
        by_text.setdefault(norm(date["text"]), set()).update(accepted_values(date))
    for row in predicted:
        forms = by_text.get(norm(row["text"]))
        if forms is not None and norm(row["text"]):
            share.add(norm_date(row["value"], row["precision"]) in forms)


def score_dates(release: Release) -> dict[str, Any]:
    counts, accuracy = Counts(), Share()
    for stem, gold_doc in release.gold.items():
        predicted = release.rows("dates", stem)
        counts += value_counts(predicted, gold_doc["dates"])
        value_accuracy(predicted, gold_doc["dates"], accuracy)
    return {**counts.as_dict(), "value_accuracy": accuracy.as_dict()}
