"""Footnotes: found by (document, number) when the text is recognisably the same."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipelines.evaluation.loading import GoldDoc, Release, Row
from pipelines.evaluation.scores import Counts, Share
from pipelines.evaluation.text import URL_PATTERN, as_list, is_null, norm, norm_url, ratio

TEXT_THRESHOLD = 0.5


@dataclass
class Slot:
    """Everything the release says about one footnote number (rows with the same number pool)."""

    texts: list[str] = field(default_factory=list)
    urls: set[str] = field(default_factory=set)


def footnote_number(value: Any) -> int | None:
    try:
        return int(float(str(value).strip()))
    except (ValueError, OverflowError):
        return None


def same_text(gold_text: str, slot: Slot | None) -> bool:
    """Similar enough (cleaning differs between parsers), or the gold text contained in the predicted one."""
    if slot is None or not slot.texts:
        return False
    gold = norm(gold_text)
    return any(
        ratio(gold, norm(text)) >= TEXT_THRESHOLD or (gold and gold in norm(text)) for text in slot.texts
    )


def slots_of(rows: list[Row], counts: Counts) -> dict[int, Slot]:
    """Group the document's rows by number; a row without a usable number is a false positive."""
    slots: dict[int, Slot] = {}
    for row in rows:
        number = footnote_number(row["number"])
        if number is None:
            counts.fp += 1
            continue
        slot = slots.setdefault(number, Slot())
        if not is_null(row["text"]):
            slot.texts.append(str(row["text"]))
            slot.urls |= {norm_url(u) for u in URL_PATTERN.findall(str(row["text"]))}
        for cell in as_list(row["urls"]):
            slot.urls |= {norm_url(u) for u in re.split(r"[\s,;|]+", str(cell)) if u}
    return slots


def score_document(rows: list[Row], golds: list[GoldDoc], counts: Counts, urls: Share) -> None:
    slots = slots_of(rows, counts)
    by_number = {footnote["number"]: footnote for footnote in golds}
    for number, slot in slots.items():
        gold = by_number.get(number)
        if gold is not None and same_text(gold["text"], slot):
            counts.tp += 1
        else:
            counts.fp += 1
    for number, gold in by_number.items():
        slot = slots.get(number)
        counts.fn += not same_text(gold["text"], slot)
        for url in gold.get("urls", []):
            urls.add(slot is not None and norm_url(url) in slot.urls)


def score_footnotes(release: Release) -> dict[str, Any]:
    counts, urls = Counts(), Share()
    for stem, gold_doc in release.gold.items():
        score_document(release.rows("footnotes", stem), gold_doc["footnotes"], counts, urls)
    return {**counts.as_dict(), "urls_recovered": urls.as_dict()}
