"""Remembered results of the per-document parts of corpus-level extraction.

Agreements and events are found corpus-wide, but most of the work is one document at a time: the
grammar over its sentences, given what the corpus knows (resolved entities, the names of named
instruments). Each such piece is a pure function of a few inputs; keyed by a digest of exactly those
inputs, its result can be kept between builds. A rebuild after one text changed then redoes the pieces
whose inputs changed (that document's, and every document's when a corpus-wide input such as the list of
named instruments changed) and reads the others back, with the same tables as a build from scratch.

`Memo` keeps nothing (every call computes); `DirectoryMemo` keeps pickles in a folder. Keys must name
every input the computation reads: the code is not part of the key, so a folder belongs to one code
version (the Dagster asset puts the code version in the folder name).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def digest(*parts: str) -> str:
    """A key from the text of the inputs (reprs of tuples and frozen dataclasses are deterministic)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class Memo:
    """Computes every time: the default, and what tests of the extractors use."""

    def get_or_compute_many(
        self, step: str, keys: Sequence[str], compute: Callable[[list[int]], Iterable[T]]
    ) -> list[T]:
        """The values of many keys at once: `compute` gets the positions of those not kept and yields
        their values in that order (so that it can map them over several processes)."""
        values: list = [self.get(step, key) for key in keys]
        missing = [i for i, value in enumerate(values) if value is _ABSENT]
        for i, value in zip(missing, compute(missing), strict=True):
            values[i] = value
            self.put(step, keys[i], value)
        return values

    def get(self, step: str, key: str) -> object:
        """The kept value, or _ABSENT."""
        return _ABSENT

    def put(self, step: str, key: str, value: object) -> None:
        """Keep a value (this memo keeps nothing)."""


_ABSENT = object()


class DirectoryMemo(Memo):
    """One pickle per (step, key) under `root`; `prune` drops what the last run did not ask for."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.used: set[Path] = set()
        self.hits = 0
        self.misses = 0

    def _path(self, step: str, key: str) -> Path:
        return self.root / step / key[:2] / f"{key}.pickle"

    def get(self, step: str, key: str) -> object:
        path = self._path(step, key)
        self.used.add(path)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.misses += 1  # absent or unreadable (a torn write): computed again
            return _ABSENT
        self.hits += 1
        return value

    def put(self, step: str, key: str, value: object) -> None:
        path = self._path(step, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)

    def prune(self) -> int:
        """Delete every entry this memo's calls did not use; returns how many. Files being written
        (`.tmp`, perhaps by a concurrent run) are left alone."""
        removed = 0
        if self.root.exists():
            for path in self.root.rglob("*.pickle"):
                if path not in self.used:
                    path.unlink()
                    removed += 1
        return removed


NO_MEMO = Memo()
