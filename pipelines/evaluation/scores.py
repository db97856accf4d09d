"""Counts and shares, and the precision / recall / F1 conventions every category uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Counts:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        """Nothing predicted is perfect precision only when nothing was expected either."""
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
        }


@dataclass
class Share:
    """How many of the checked items were right; the share is null when nothing was checked."""

    correct: int = 0
    checked: int = 0

    def add(self, ok: bool) -> None:
        self.checked += 1
        self.correct += bool(ok)

    def as_dict(self) -> dict[str, Any]:
        share = round(self.correct / self.checked, 6) if self.checked else None
        return {"correct": self.correct, "checked": self.checked, "share": share}
