"""The Dagster instance of a build: one per raw folder, its paths anchored to DAGSTER_HOME.

dagster.yaml's relative `base_dir` paths would resolve against the working directory, so two
DAGSTER_HOMEs used from one folder shared one `.dagster/`. `pipelines build` resolves them against
DAGSTER_HOME instead. And every raw folder gets its own instance: the default corpus (the folder a
plain `pipelines build` reads) keeps the paths of dagster.yaml, the instance `dagster dev` shows;
another folder's runs, partitions and stored results go to `corpora/<name>-<hash>/` beside each of
those folders (e.g. `.dagster/corpora/news-1a2b3c4d5e/storage`), so building it leaves the default
corpus' partitions alone.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import yaml
from dagster._core.instance.ref import InstanceRef

from pipelines import settings

# dagster.yaml section -> the keys leading to its folder
FOLDER_SETTINGS = {
    "storage": ("sqlite", "base_dir"),
    "local_artifact_storage": ("config", "base_dir"),
    "compute_logs": ("config", "base_dir"),
}
CORPORA_FOLDER = "corpora"


def instance_home() -> Path:
    return Path(os.environ.get("DAGSTER_HOME") or settings.PROJECT_ROOT).resolve()


def corpus_id(raw_dir: Path) -> str:
    """A readable, collision-free folder name for a raw folder: its name and 10 hex of its full path."""
    resolved = raw_dir.resolve()
    name = re.sub(r"[^\w.-]", "_", resolved.name)[:40] or "raw"
    return f"{name}-{hashlib.sha256(str(resolved).encode()).hexdigest()[:10]}"


def anchored(value: str, home: Path, corpus: str | None) -> str:
    """A folder of dagster.yaml, relative ones taken from DAGSTER_HOME; another corpus' folder P is
    P's parent / corpora / <corpus id> / P's name."""
    path = home / value  # an absolute value stays as it is
    if corpus is not None:
        path = path.parent / CORPORA_FOLDER / corpus / path.name
    return str(path)


def instance_overrides(config: dict, home: Path, corpus: str | None) -> dict:
    """The sections of dagster.yaml that name folders, with those folders anchored (shallow override:
    Dagster replaces a whole top-level section)."""
    overrides = {}
    for section, keys in FOLDER_SETTINGS.items():
        value = config.get(section)
        node = value
        for key in keys[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict) or not isinstance(node.get(keys[-1]), str):
            continue
        section_copy = copy.deepcopy(value)
        target = section_copy
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = anchored(node[keys[-1]], home, corpus)
        overrides[section] = section_copy
    return overrides


def corpus_instance(raw_dir: Path, default_raw: Path | None = None) -> dg.DagsterInstance:
    """The instance for a build of `raw_dir` (see the module docstring). `default_raw` is the folder a
    plain `pipelines build` reads; None: `raw_dir` is it."""
    home = instance_home()
    config_path = home / "dagster.yaml"
    config = (yaml.safe_load(config_path.read_text()) if config_path.exists() else None) or {}
    is_default = default_raw is None or raw_dir.resolve() == default_raw.resolve()
    corpus = None if is_default else corpus_id(raw_dir)
    # Folders dagster.yaml does not name are Dagster's defaults under the base folder: the corpus' own.
    base = home if corpus is None else home / CORPORA_FOLDER / corpus
    base.mkdir(parents=True, exist_ok=True)
    overrides = instance_overrides(config, home, corpus)
    ref = InstanceRef.from_dir(str(base), config_dir=str(home), overrides=overrides)
    return dg.DagsterInstance.from_ref(ref)


class OpenDatabases:
    """One idle connection to each SQLite file of a run, held while the build runs.

    Dagster opens and closes a connection for every event it stores; closing the last connection to
    a WAL database checkpoints it, with an fsync, so an asset event cost three fsyncs (24 s of a
    1,000-document build). While another connection is open no close is the last one. Durability is
    unchanged (WAL, synchronous FULL, every commit still synced); closing these checkpoints once.
    """

    def __init__(self, instance: dg.DagsterInstance, run_id: str):
        storage = instance.event_log_storage
        shard = getattr(storage, "path_for_shard", None)  # only SQLite storage has files to hold
        # the cross-run index shard ("index") and the run's own
        self.paths = [Path(shard(name)) for name in ("index", run_id)] if shard else []
        self.connections: dict[Path, sqlite3.Connection] = {}

    def hold(self) -> None:
        """Open what exists and is not held yet (the run's own file appears with its first event)."""
        for path in self.paths:
            if path not in self.connections and path.exists():
                connection = sqlite3.connect(path)
                connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # maps the WAL index
                self.connections[path] = connection

    def close(self) -> None:
        for connection in self.connections.values():
            connection.close()
        self.connections.clear()


@contextlib.contextmanager
def databases_held(instance: dg.DagsterInstance, run_id: str) -> Iterator[OpenDatabases]:
    databases = OpenDatabases(instance, run_id)
    databases.hold()
    try:
        yield databases
    finally:
        databases.close()
