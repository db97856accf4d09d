"""Immutable releases: written to a temporary folder, renamed into place, then the pointers move.

outputs/
  releases/<release_id>/   every table as .parquet and .csv, manifest.json
  versions.json            every release and `last_successful`
  latest -> releases/<release_id>
A release that fails validation is never written, so `latest` keeps pointing at the last good one.

Nothing here trusts what it reads from disk: release ids are checked against RELEASE_ID and resolved
inside releases/ before anything is deleted or linked, and `repair_outputs` (run under the folder's
lock before every publish and prune) brings the folder back to one consistent state after a kill or
damage: the complete release folders (each with its manifest) are the truth, versions.json and
`latest` are rebuilt from them, and staging folders and temporary files of dead builds are removed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from pipelines.publish.files import arrow_schema, write_table
from pipelines.publish.lock import folder_lock
from pipelines.publish.validate import all_failures

RELEASE_ID = re.compile(r"\d{4}-\d{2}-\d{2}T\d{6}Z-[0-9a-f]{8}")
# Test hook: a publish stops itself with SIGKILL at the named point (see `checkpoint`).
KILL_AT_VARIABLE = "PIPELINES_KILL_AT"
LOG = logging.getLogger(__name__)


class OutputsInTheWay(RuntimeError):
    """Something in the outputs folder that a build must not remove by itself (e.g. a real folder `latest`)."""


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
    warn: Callable[[str], None] = LOG.warning,
) -> Path:
    """Validate every table (tables this process already found valid, as a build's blocking checks do,
    are not validated again: `all_failures`), write the release and move `latest` to it. Returns the
    release folder."""
    failures = all_failures(tables, models)
    if failures:
        raise ValidationFailed(failures)
    with folder_lock(outputs_dir):
        for note in repair_outputs(outputs_dir):
            warn(note)
        return _write_release(
            tables,
            models,
            inputs,
            outputs_dir,
            built_at,
            package_version,
            extra_manifest,
            companions,
            after_manifest,
        )


def _write_release(
    tables: Mapping[str, pd.DataFrame],
    models: Mapping[str, type[pa.DataFrameModel]],
    inputs: Sequence[SourceFile],
    outputs_dir: Path,
    built_at: datetime,
    package_version: str,
    extra_manifest: Mapping[str, object] | None,
    companions: Sequence[Companion],
    after_manifest: Sequence[Companion],
) -> Path:
    releases = outputs_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    rid = release_id(built_at, inputs)
    while (releases / rid).exists():  # a second build of the same inputs within the same second
        built_at += timedelta(seconds=1)
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
        checkpoint("before_rename")
        os.rename(staging, final)  # atomic on one filesystem; fails if the id exists, never overwrites
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    record_release(outputs_dir, rid, manifest)
    return final


def checkpoint(point: str) -> None:
    """Where the kill tests stop a publish (PIPELINES_KILL_AT=before_rename | before_versions |
    before_latest): SIGKILL, as a power cut would, with no cleanup."""
    if os.environ.get(KILL_AT_VARIABLE) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def version_entry(rid: str, manifest: Mapping[str, object]) -> dict[str, object]:
    tables = manifest.get("tables") or {}
    return {
        "release_id": rid,
        "built_at": manifest.get("built_at"),
        "path": f"releases/{rid}",
        "rows": {name: table.get("rows") for name, table in tables.items()},
    }


def record_release(outputs_dir: Path, rid: str, manifest: Mapping[str, object]) -> None:
    """Add the release to versions.json, then point `latest` at it, each step atomic. A kill between
    the two leaves them disagreeing until `repair_outputs` (the next build or prune) points `latest`
    at the newest complete release, which is what versions.json already says."""
    versions = read_versions(outputs_dir) or {"releases": []}
    versions["releases"] = [r for r in versions["releases"] if r["release_id"] != rid]
    versions["releases"].append(version_entry(rid, manifest))
    versions["last_successful"] = rid
    checkpoint("before_versions")
    write_json_atomic(outputs_dir / "versions.json", versions)
    checkpoint("before_latest")
    point_latest(outputs_dir, rid)


def point_latest(outputs_dir: Path, rid: str) -> None:
    release_folder(outputs_dir, rid)  # a valid id, inside releases/
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


def release_folder(outputs_dir: Path, rid: object) -> Path:
    """The folder of a release id read from disk, checked: ValueError unless the id has the release-id
    form and names a real folder (not a link) directly inside outputs/releases/."""
    if not isinstance(rid, str) or not RELEASE_ID.fullmatch(rid):
        raise ValueError(f"{rid!r} is not a release id (like 2026-11-24T173012Z-1a2b3c4d)")
    releases = (outputs_dir / "releases").resolve()
    folder = releases / rid
    if folder.is_symlink() or folder.resolve().parent != releases:
        raise ValueError(f"{folder} is not a folder inside {releases}")
    return folder


def complete_releases(outputs_dir: Path) -> dict[str, dict[str, object]]:
    """Release id -> manifest of every complete release folder (renamed into place, manifest readable)."""
    releases = outputs_dir / "releases"
    found: dict[str, dict[str, object]] = {}
    if not releases.is_dir():
        return found
    for entry in sorted(releases.iterdir()):
        try:
            folder = release_folder(outputs_dir, entry.name)
            manifest = json.loads((folder / "manifest.json").read_text())
        except (ValueError, OSError):
            continue
        if isinstance(manifest, dict) and manifest.get("release_id") == entry.name:
            found[entry.name] = manifest
    return found


def read_versions(outputs_dir: Path) -> dict[str, object] | None:
    """versions.json if it is whole and well formed; None when it is missing or damaged."""
    try:
        versions = json.loads((outputs_dir / "versions.json").read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(versions, dict) or not isinstance(versions.get("releases"), list):
        return None
    if not all(isinstance(r, dict) and "release_id" in r for r in versions["releases"]):
        return None
    return versions


def remove_debris(outputs_dir: Path) -> list[str]:
    """Staging folders and temporary files of builds that died (the caller holds the folder's lock, so
    no live build owns them)."""
    removed = []
    releases = outputs_dir / "releases"
    for entry in sorted(releases.iterdir()) if releases.is_dir() else []:
        if entry.name.startswith(".") and not entry.is_symlink() and entry.is_dir():
            shutil.rmtree(entry)
            removed.append(f"releases/{entry.name}")
    for entry in sorted(outputs_dir.iterdir()):
        if entry.name.startswith(".latest.") or (
            entry.name.startswith(".versions.json.") and entry.name.endswith(".tmp")
        ):
            entry.unlink()
            removed.append(entry.name)
    return removed


def repair_outputs(outputs_dir: Path) -> list[str]:
    """Make versions.json and `latest` agree with the complete release folders; remove the debris of
    dead builds. Returns a warning per repair. Raises OutputsInTheWay, before anything moves, when
    `latest` is a real folder. Call with the folder's lock held."""
    if not outputs_dir.is_dir():
        return []
    link = outputs_dir / "latest"
    if link.exists() and not link.is_symlink():
        raise OutputsInTheWay(
            f"{link} is a real {'folder' if link.is_dir() else 'file'}, not the link to the newest release: "
            "move it out of the outputs folder; nothing was changed"
        )
    notes = [f"removed {name}, left by a build that did not finish" for name in remove_debris(outputs_dir)]
    complete = complete_releases(outputs_dir)
    versions = read_versions(outputs_dir)
    if versions is None and (outputs_dir / "versions.json").exists():
        notes.append("versions.json was damaged: rebuilt from the release folders' manifests")
    listed = versions["releases"] if versions else []
    kept = []
    for entry in listed:
        rid = entry["release_id"]
        if rid in complete and rid not in {r["release_id"] for r in kept}:
            kept.append(entry)
        else:
            notes.append(f"versions.json listed {rid!r}, which is not a complete release folder: dropped")
    for rid in sorted(set(complete) - {r["release_id"] for r in kept}):
        kept.append(version_entry(rid, complete[rid]))
        notes.append(f"release {rid} was complete but not in versions.json: listed again")
    kept.sort(key=lambda r: r["release_id"])
    repaired: dict[str, object] = {**(versions or {}), "releases": kept}
    if kept:
        repaired["last_successful"] = kept[-1]["release_id"]
    else:
        repaired.pop("last_successful", None)
    if repaired != versions and (versions is not None or kept):
        write_json_atomic(outputs_dir / "versions.json", repaired)
    target = Path("releases") / kept[-1]["release_id"] if kept else None
    current = Path(os.readlink(link)) if link.is_symlink() else None
    if target is not None and current != target:
        point_latest(outputs_dir, kept[-1]["release_id"])
        if current is not None:
            notes.append(f"latest pointed at {current}, not at the newest release: now {target}")
    elif target is None and current is not None:
        link.unlink()
        notes.append(f"latest pointed at {current}, which is not a release: removed")
    return notes


def latest_release(outputs_dir: Path) -> Path | None:
    link = outputs_dir / "latest"
    return link.resolve() if link.exists() else None


def list_releases(outputs_dir: Path) -> list[dict[str, object]]:
    """The releases versions.json lists, or, when it is damaged, the complete release folders."""
    versions = read_versions(outputs_dir)
    if versions is not None:
        return versions["releases"]
    return [version_entry(rid, manifest) for rid, manifest in complete_releases(outputs_dir).items()]


def prune_releases(outputs_dir: Path, keep: int, warn: Callable[[str], None] = LOG.warning) -> list[str]:
    """Remove all but the newest `keep` releases (never the one `latest` points at), and the debris of
    dead builds. Only checked release folders inside outputs/releases/ are ever removed."""
    if keep < 1:
        raise ValueError("--keep must be at least 1: the latest release is never removed")
    with folder_lock(outputs_dir):
        for note in repair_outputs(outputs_dir):
            warn(note)
        versions = read_versions(outputs_dir)
        if versions is None:
            return []
        ordered = versions["releases"]  # repaired: checked ids, complete folders, sorted
        doomed = [
            r["release_id"] for r in ordered[:-keep] if r["release_id"] != versions.get("last_successful")
        ]
        versions["releases"] = [r for r in ordered if r["release_id"] not in doomed]
        write_json_atomic(outputs_dir / "versions.json", versions)
        for rid in doomed:
            shutil.rmtree(release_folder(outputs_dir, rid))
        return doomed
