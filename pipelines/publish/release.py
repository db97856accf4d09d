"""Immutable releases: written to a temporary folder, renamed into place, then the pointers move.

outputs/
  releases/<release_id>/   every table as .parquet and .csv, manifest.json
  versions.json            every release and `last_successful`
  latest -> releases/<release_id>
A release that fails validation is never written, so `latest` keeps pointing at the last good one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from pipelines.publish.files import arrow_schema, write_table
from pipelines.publish.validate import table_failures


class ValidationFailed(RuntimeError):
    """Raised instead of publishing when any table is invalid; the message lists every failure."""

    def __init__(self, failures: Mapping[str, list[str]]):
        self.failures = dict(failures)
        lines = [f"{table}: {failure}" for table, items in failures.items() for failure in items]
        super().__init__("validation failed, nothing published:\n  " + "\n  ".join(lines))


@dataclass(frozen=True)
class SourceFile:
    source_file: str
    sha256: str


@dataclass(frozen=True)
class ReleaseContext:
    """What a companion file of the release (datapackage, changes, DuckDB, page...) is made from."""

    folder: Path  # the release being written (still the staging folder)
    tables: Mapping[str, pd.DataFrame]
    models: Mapping[str, type[pa.DataFrameModel]]
    manifest: dict[str, object]  # tables, inputs, version, build time, and what earlier companions added
    previous: Path | None  # the last good release, to compare with; None for the first


# A companion writes its files into ctx.folder and returns {file name: facts} to record in the manifest.
Companion = Callable[[ReleaseContext], Mapping[str, Mapping[str, object]]]


def release_id(built_at: datetime, inputs: Sequence[SourceFile]) -> str:
    """Sorts by time and names its inputs: 2026-11-24T173012Z-<8 hex of the inputs' hashes>."""
    digest = hashlib.sha256()
    for source in sorted(inputs, key=lambda s: s.source_file):
        digest.update(f"{source.source_file}\0{source.sha256}\n".encode())
    return f"{built_at.astimezone(UTC):%Y-%m-%dT%H%M%SZ}-{digest.hexdigest()[:8]}"


def all_failures(
    tables: Mapping[str, pd.DataFrame], models: Mapping[str, type[pa.DataFrameModel]]
) -> dict[str, list[str]]:
    failures = {name: table_failures(name, models[name], tables) for name in tables}
    return {name: items for name, items in failures.items() if items}


def publish_release(
    tables: Mapping[str, pd.DataFrame],
    models: Mapping[str, type[pa.DataFrameModel]],
    inputs: Sequence[SourceFile],
    outputs_dir: Path,
    built_at: datetime,
    package_version: str,
    extra_manifest: Mapping[str, object] | None = None,
    companions: Sequence[Companion] = (),
    after_manifest: Sequence[Companion] = (),
) -> Path:
    """Validate every table, write the release and move `latest` to it. Returns the release folder."""
    failures = all_failures(tables, models)
    if failures:
        raise ValidationFailed(failures)
    releases = outputs_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    rid = release_id(built_at, inputs)
    staging = Path(tempfile.mkdtemp(prefix=f".{rid}.", dir=releases))
    try:
        manifest_tables = {}
        for name, frame in tables.items():
            files = write_table(models[name], frame, staging, name)
            manifest_tables[name] = {
                "rows": len(frame),
                "columns": [
                    {"name": column.name, "type": str(column.type), "nullable": column.nullable}
                    for column in arrow_schema(models[name])
                ],
                "files": files,
            }
        manifest = {
            "release_id": rid,
            "built_at": built_at.astimezone(UTC).isoformat(timespec="seconds"),
            "package_version": package_version,
            "inputs": [{"source_file": s.source_file, "sha256": s.sha256} for s in inputs],
            "tables": manifest_tables,
            **(extra_manifest or {}),
            "files": {},
        }
        previous = latest_release(outputs_dir)
        for companion in companions:
            context = ReleaseContext(staging, tables, models, manifest, previous)
            manifest["files"].update(companion(context))
        write_json_atomic(staging / "manifest.json", manifest)
        for companion in after_manifest:  # e.g. the download page, which shows the manifest's checksums
            companion(ReleaseContext(staging, tables, models, manifest, previous))
        staging.chmod(0o755)  # mkdtemp makes it private; a release is for everyone to read
        final = releases / rid
        os.rename(staging, final)  # atomic on one filesystem; fails if the id exists, never overwrites
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    record_release(outputs_dir, rid, manifest)
    return final


def record_release(outputs_dir: Path, rid: str, manifest: Mapping[str, object]) -> None:
    """Add the release to versions.json and point `latest` at it, each step atomic."""
    versions_path = outputs_dir / "versions.json"
    versions = json.loads(versions_path.read_text()) if versions_path.exists() else {"releases": []}
    versions["releases"] = [r for r in versions["releases"] if r["release_id"] != rid] + [
        {
            "release_id": rid,
            "built_at": manifest["built_at"],
            "path": f"releases/{rid}",
            "rows": {name: table["rows"] for name, table in manifest["tables"].items()},
        }
    ]
    versions["last_successful"] = rid
    write_json_atomic(versions_path, versions)
    point_latest(outputs_dir, rid)


def point_latest(outputs_dir: Path, rid: str) -> None:
    link = outputs_dir / "latest"
    temporary = outputs_dir / f".latest.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(Path("releases") / rid, target_is_directory=True)
    os.replace(temporary, link)


def write_json_atomic(path: Path, payload: object) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(payload, indent=2, sort_keys=False, ensure_ascii=False) + "\n")
    os.replace(temporary, path)


def latest_release(outputs_dir: Path) -> Path | None:
    link = outputs_dir / "latest"
    return link.resolve() if link.exists() else None


def list_releases(outputs_dir: Path) -> list[dict[str, object]]:
    versions_path = outputs_dir / "versions.json"
    if not versions_path.exists():
        return []
    return json.loads(versions_path.read_text())["releases"]


def prune_releases(outputs_dir: Path, keep: int) -> list[str]:
    """Remove all but the newest `keep` releases (never the one `latest` points at)."""
    if keep < 1:
        raise ValueError("--keep must be at least 1: the latest release is never removed")
    versions_path = outputs_dir / "versions.json"
    versions = json.loads(versions_path.read_text())
    ordered = sorted(versions["releases"], key=lambda r: r["release_id"])
    doomed = [r for r in ordered[:-keep] if r["release_id"] != versions.get("last_successful")]
    versions["releases"] = [r for r in ordered if r not in doomed]
    write_json_atomic(versions_path, versions)
    for release in doomed:
        shutil.rmtree(outputs_dir / "releases" / release["release_id"], ignore_errors=True)
    return [r["release_id"] for r in doomed]
