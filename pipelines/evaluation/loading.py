"""Reading the gold answers and a release's tables, and pairing the release's documents with gold ones."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.evaluation.text import as_list, is_null, norm, ratio, ratio_at_least

GoldDoc = dict[str, Any]
Row = dict[str, Any]

# The columns the scorer reads, by the names our schemas give them (schemas/*.py).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source_file", "title", "authors"),
    "entities": ("entity_id", "name", "type", "iso3"),
    "mentions": ("doc_id", "entity_id", "text"),
    "dates": ("doc_id", "text", "value", "precision"),
    "agreements": ("agreement_id", "doc_id", "name", "kind", "date_value"),
    "agreement_mentions": ("agreement_id", "doc_id"),
    "agreement_parties": ("agreement_id", "entity_id"),
    "events": ("event_id", "doc_id", "kind", "name", "date_value"),
    "event_participants": ("event_id", "entity_id"),
    "footnotes": ("doc_id", "number", "text", "urls"),
}


def gold_files(gold_dir: Path) -> list[Path]:
    """One JSON file per gold document; anything else in the folder (README) is not scored."""
    return sorted(gold_dir.glob("*.json"))


def load_gold(gold_dir: Path) -> dict[str, GoldDoc]:
    """Gold documents keyed by their doc_id (the raw file's stem)."""
    files = gold_files(gold_dir)
    if not files:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}")
    docs: dict[str, GoldDoc] = {}
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs[doc.get("doc_id", path.stem)] = doc
    return docs


def gold_sha256(gold_dir: Path) -> str:
    """Fingerprint of the gold set: every scored file's name and bytes, in name order.

    Names and contents are NUL-separated so that moving bytes between files changes the digest.
    """
    digest = hashlib.sha256()
    for path in gold_files(gold_dir):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_table(release_dir: Path, name: str) -> list[Row] | None:
    """The scored columns of one Parquet table as records; None when the release lacks the table.

    A column the table lacks reads as None, so a partial release still scores.
    """
    path = release_dir / f"{name}.parquet"
    if not path.exists():
        return None
    frame = pd.read_parquet(path)
    wanted = TABLE_COLUMNS[name]
    records = frame[[c for c in wanted if c in frame.columns]].to_dict(orient="records")
    return [{column: record.get(column) for column in wanted} for record in records]


def agreements_per_document(agreements: list[Row] | None, mentions: list[Row] | None) -> list[Row] | None:
    """Corpus-level agreements become one row per document that mentions them.

    Agreements are scored per document like the gold, which lists them in every document naming them.
    A release whose agreements already carry a doc_id is left as it is.
    """
    if not agreements or not mentions or any(not is_null(row["doc_id"]) for row in agreements):
        return agreements
    docs_of: dict[str, set[str]] = {}
    for mention in mentions:
        docs_of.setdefault(str(mention["agreement_id"]), set()).add(str(mention["doc_id"]))
    return [
        dict(row, doc_id=doc_id)
        for row in agreements
        for doc_id in sorted(docs_of.get(str(row["agreement_id"]), ()))
    ]


def gold_stem_of_document(row: Row, gold: dict[str, GoldDoc]) -> str | None:
    """Which gold document a published document is: by id, by source file name, then by title."""
    doc_id = str(row["doc_id"])
    if doc_id in gold:
        return doc_id
    source = "" if is_null(row["source_file"]) else str(row["source_file"])
    for candidate in (doc_id, source):
        stem = next((stem for stem in gold if candidate and stem in candidate), None)
        if stem:
            return stem
    if is_null(row["title"]):
        return None
    title = norm(row["title"])
    best, best_ratio = None, 0.8  # the first gold title most similar to it, at least 0.8
    for stem in gold:
        gold_title = norm(gold[stem]["document"]["title"])
        if not ratio_at_least(title, gold_title, best_ratio):
            continue  # its upper bounds first: skips most of a large corpus cheaply
        similarity = ratio(title, gold_title)
        if similarity > best_ratio or (best is None and similarity == best_ratio):
            best, best_ratio = stem, similarity
    return best


def map_documents(documents: list[Row] | None, gold: dict[str, GoldDoc]) -> dict[str, str]:
    """{doc_id: gold stem} for the release's documents that are gold documents."""
    stems = {}
    for row in documents or []:
        stem = gold_stem_of_document(row, gold)
        if stem:
            stems[str(row["doc_id"])] = stem
    return stems


@dataclass
class Release:
    """A release's tables (None = table missing), the gold documents scored and the doc_id -> gold map."""

    tables: dict[str, list[Row] | None]
    gold: dict[str, GoldDoc]
    stems: dict[str, str]
    missing: tuple[str, ...] = ()  # tables the release folder lacks

    @property
    def texts_with_gold(self) -> list[str]:
        """The scored gold documents that are among the release's own documents."""
        return sorted(set(self.stems.values()) & set(self.gold))

    def restricted_to(self, stems: list[str]) -> Release:
        """The same tables scored against some of the gold documents only."""
        return Release(self.tables, {stem: self.gold[stem] for stem in stems}, self.stems, self.missing)

    def stem(self, doc_id: Any) -> str | None:
        """Gold document of a doc_id; ids not in documents still count when they contain a gold stem."""
        key = str(doc_id)
        if key in self.stems:
            return self.stems[key]
        return next((stem for stem in self.gold if stem in key), None)

    def rows(self, table: str, stem: str) -> list[Row]:
        """Rows of a per-document table that belong to one gold document."""
        return [row for row in self.tables.get(table) or [] if self.stem(row["doc_id"]) == stem]

    def has_rows(self, table: str) -> bool:
        return bool(self.tables.get(table))


def load_release(release_dir: Path, gold: dict[str, GoldDoc]) -> Release:
    """Read every scored table of a release folder; only the documents when none of them is a gold
    document (nothing is scored then: a large corpus without gold texts is not read for nothing)."""
    if not release_dir.is_dir():
        raise FileNotFoundError(f"release folder not found: {release_dir}")
    missing = tuple(name for name in TABLE_COLUMNS if not (release_dir / f"{name}.parquet").exists())
    documents = read_table(release_dir, "documents")
    stems = map_documents(documents, gold)
    scored = bool(set(stems.values()) & set(gold))
    tables = {
        name: documents if name == "documents" else read_table(release_dir, name) if scored else None
        for name in TABLE_COLUMNS
    }
    tables["agreements"] = agreements_per_document(tables["agreements"], tables["agreement_mentions"])
    return Release(tables, gold, stems, missing)


def document_checks(release: Release) -> dict[str, Any]:
    """Are the gold documents found, with their titles and every author's surname?"""
    titles = authors = 0
    unmapped = []
    for row in release.tables.get("documents") or []:
        stem = release.stems.get(str(row["doc_id"]))
        if stem is None:
            unmapped.append(str(row["doc_id"]))
            continue
        gold_doc = release.gold[stem]["document"]
        titles += ratio(norm(row["title"]), norm(gold_doc["title"])) >= 0.9
        predicted = [part for a in as_list(row["authors"]) for part in re.split(r"\s+and\s+", norm(a))]
        authors += all(
            any(norm(name).split()[-1] in p.split() for p in predicted) for name in gold_doc["authors"]
        )
    return {
        "gold": len(release.gold),
        "mapped": len(set(release.stems.values())),
        "titles_ok": titles,
        "authors_ok": authors,
        "unmapped": unmapped,
    }
