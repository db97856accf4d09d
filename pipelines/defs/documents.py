"""The document partitions: which exist, which are stale, and how a build registers them.

One dynamic partition per document, keyed by its doc_id (`document_key`). The per-document assets
record on each partition's materialization the `input_sha256` of the file(s) they read and the
`code_version` of the parse and extract code; a partition is up to date when its latest
materializations of both per-document assets carry the current values (and the stored results exist).
Everything else (new, changed, or built by other code) is stale.

A run can only target a contiguous range of partitions. `register_documents` therefore moves changed
documents to the end of the partition order (delete, then add again: their materialization history is
kept, it is keyed by name) and appends new ones after them, so that the stale partitions are always
the last ones and one run covers exactly them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

import pipelines
import pipelines.extract
import pipelines.parse
import schemas
from pipelines import settings
from pipelines.defs.io import remove_stored, store_root, stored_path
from pipelines.extract.nlp import MODEL
from pipelines.parse.raw_folder import raw_fingerprints

DOCUMENTS = dg.DynamicPartitionsDefinition(name="documents")
PARSE_ASSET = dg.AssetKey("document_parse")
EXTRACT_ASSET = dg.AssetKey("document_extraction")
DOCUMENT_ASSETS = (PARSE_ASSET, EXTRACT_ASSET)
PROGRESS_LINES = 20  # per per-document step: each log line is a row (and a commit) in the event log


def progress_due(done: int, total: int) -> bool:
    """Whether the `done`-th of `total` documents is logged: about PROGRESS_LINES lines a step,
    the last one always (1,000 documents logged one by one cost 20 s of SQLite commits)."""
    return done == total or done % max(1, total // PROGRESS_LINES) == 0


RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def tree_digest(digest: hashlib._Hash, root: Path) -> None:
    """Add every file under `root` (path and bytes; caches left out) to the digest."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())


def spacy_versions(digest: hashlib._Hash) -> None:
    for distribution in ("spacy", MODEL.replace("_", "-")):
        try:
            digest.update(f"{distribution}=={importlib.metadata.version(distribution)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(distribution.encode())


def document_limits(digest: hashlib._Hash) -> None:
    """The per-document size limit and parse budget: a document rejected over one is retried when it
    changes."""
    digest.update(f"max_document_bytes={settings.max_document_bytes()}".encode())
    digest.update(f"parse_seconds={settings.parse_seconds()}".encode())


@functools.cache
def code_version() -> str:
    """Hash of everything a per-document result depends on besides its text: the parse and extract
    packages (code and data files), the spaCy versions, the per-document size limit and parse budget.
    Changing any re-extracts every document."""
    digest = hashlib.sha256()
    for package in (pipelines.parse, pipelines.extract):
        tree_digest(digest, Path(package.__file__).parent)
    spacy_versions(digest)
    document_limits(digest)
    return digest.hexdigest()[:16]


def release_fingerprint(listing: Mapping[str, str | None]) -> str:
    """What a release is made from: every raw entry (name and sha256), all the code (the `pipelines`
    package, `schemas/`), the gold answers scored into quality.json, the spaCy versions and the
    settings. Recorded in the manifest; a build whose fingerprint equals latest's publishes nothing."""
    digest = hashlib.sha256()
    for name, sha256 in sorted(listing.items()):
        digest.update(f"{name}\0{sha256 or '-'}\n".encode("utf-8", "surrogateescape"))
    for root in (Path(pipelines.__file__).parent, Path(schemas.__file__).parent, settings.GOLD_DIR):
        if root.is_dir():
            tree_digest(digest, root)
    spacy_versions(digest)
    document_limits(digest)
    return digest.hexdigest()


@dataclass
class DocumentPlan:
    """The raw folder against the instance: what a build has to (re)materialize."""

    fingerprints: dict[str, str]  # partition key -> input sha256, of every document on disk
    new: list[str] = field(default_factory=list)  # on disk, not registered
    changed: list[str] = field(default_factory=list)  # registered, results missing or out of date
    unchanged: list[str] = field(default_factory=list)  # registered, results up to date: reused
    removed: list[str] = field(default_factory=list)  # registered, gone from disk

    @property
    def stale(self) -> list[str]:
        return self.changed + self.new

    def describe(self) -> str:
        return (
            f"documents: {len(self.fingerprints)} ({len(self.new)} new, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged and reused, {len(self.removed)} removed)"
        )


def latest_metadata(instance: dg.DagsterInstance, asset_key: dg.AssetKey) -> dict[str, dict[str, object]]:
    """Partition key -> metadata values of the asset's latest materialization of that partition."""
    storage = instance.event_log_storage
    latest = storage.get_latest_storage_id_by_partition(asset_key, dg.DagsterEventType.ASSET_MATERIALIZATION)
    by_storage_id = {storage_id: key for key, storage_id in latest.items()}
    ids = sorted(by_storage_id)
    result: dict[str, dict[str, object]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        records = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=asset_key, storage_ids=chunk), limit=len(chunk)
        ).records
        for record in records:
            materialization = record.asset_materialization
            if materialization is not None:
                result[by_storage_id[record.storage_id]] = {
                    name: value.value for name, value in materialization.metadata.items()
                }
    return result


def up_to_date(instance: dg.DagsterInstance, fingerprints: dict[str, str]) -> set[str]:
    """Keys whose stored per-document results were built from the same input by the same code."""
    version = code_version()
    root = store_root(instance)
    fresh = set(fingerprints)
    for asset_key in DOCUMENT_ASSETS:
        metadata = latest_metadata(instance, asset_key)
        fresh = {
            key
            for key in fresh
            if metadata.get(key, {}).get("input_sha256") == fingerprints[key]
            and metadata.get(key, {}).get("code_version") == version
            and stored_path(root, asset_key, key).exists()
        }
    return fresh


def plan_documents(
    instance: dg.DagsterInstance, raw_dir: Path, fingerprints: dict[str, str] | None = None
) -> DocumentPlan:
    """Compare the raw folder with the registered partitions and their last materializations."""
    fingerprints = raw_fingerprints(raw_dir) if fingerprints is None else fingerprints
    registered = instance.get_dynamic_partitions(DOCUMENTS.name)
    known = set(registered)
    fresh = up_to_date(instance, {k: v for k, v in fingerprints.items() if k in known})
    plan = DocumentPlan(fingerprints=fingerprints)
    plan.removed = [k for k in registered if k not in fingerprints]
    plan.unchanged = [k for k in registered if k in fresh]
    plan.changed = [k for k in registered if k in fingerprints and k not in fresh]
    plan.new = sorted(k for k in fingerprints if k not in known)
    return plan


def register_documents(instance: dg.DagsterInstance, plan: DocumentPlan) -> tuple[str, str] | None:
    """Make the instance's partitions match the folder, stale ones last; return their key range."""
    for key in plan.removed:
        instance.delete_dynamic_partition(DOCUMENTS.name, key)
        remove_stored(instance, DOCUMENT_ASSETS, key)
    stale = set(plan.stale)
    order = [k for k in instance.get_dynamic_partitions(DOCUMENTS.name) if k in plan.fingerprints]
    tail = len(order)
    while tail and order[tail - 1] in stale:
        tail -= 1
    to_move = [k for k in order[:tail] if k in stale]
    for key in to_move:
        instance.delete_dynamic_partition(DOCUMENTS.name, key)
    if to_move or plan.new:
        instance.add_dynamic_partitions(DOCUMENTS.name, to_move + plan.new)
    return stale_range(instance.get_dynamic_partitions(DOCUMENTS.name), stale)


def stale_range(order: Sequence[str], stale: set[str]) -> tuple[str, str] | None:
    positions = [i for i, key in enumerate(order) if key in stale]
    if not positions:
        return None
    first, last = positions[0], positions[-1]
    if last - first + 1 != len(positions):
        raise RuntimeError("stale document partitions are not contiguous; run the build again")
    return order[first], order[last]


def range_tags(key_range: tuple[str, str] | None) -> dict[str, str]:
    if key_range is None:
        return {}
    return {RANGE_START_TAG: key_range[0], RANGE_END_TAG: key_range[1]}
