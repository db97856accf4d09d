"""Storage of the assets' values: one pickle per (asset, document) for the per-document assets, one per
asset for the corpus-level ones, under the instance's storage.

Dagster's default filesystem IO manager writes one value per output, which rules out materializing a
range of partitions in one step (BackfillPolicy.single_run). This one takes the `{partition key:
value}` dict a per-document asset returns for the partitions of its run and writes one file each;
loading returns the same kind of dict for the partitions asked for (one, a range, or all of them for
the corpus-level assets).

The corpus-level assets' values (the parsed corpus, the twelve tables) are stored where Dagster's
filesystem IO manager puts them, and a step that reads one back in the process that wrote or read it
(a build: one process runs every step) gets the object itself instead of unpickling it again: about
2 s of a 1,000-document rebuild, whose corpus steps read the same 13 values 37 times.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path

import dagster as dg

from pipelines.extract.memo import DirectoryMemo

STORE_FOLDER = "per_document"  # not "documents": the fs IO manager stores that table asset there
MEMO_FOLDER = "memo"


def store_root(instance: dg.DagsterInstance) -> Path:
    return Path(instance.storage_directory()) / STORE_FOLDER


def open_memo(instance: dg.DagsterInstance, code_version: str) -> DirectoryMemo:
    """The instance's memo of per-document extraction results (`pipelines.extract.memo`) for this
    code version; the folders of other code versions are deleted, since nothing can use them."""
    root = Path(instance.storage_directory()) / MEMO_FOLDER
    if root.exists():
        for other in root.iterdir():
            if other.name != code_version:
                shutil.rmtree(other, ignore_errors=True)
    return DirectoryMemo(root / code_version)


MAX_STORED_NAME_BYTES = 200  # under the 255-byte limit of a file name, with room for ".pickle" and ".tmp"


def stored_path(root: Path, asset_key: dg.AssetKey, partition_key: str) -> Path:
    """`<asset>/<key>.pickle`; a key too long for a file name (as keys registered before doc_ids were
    bounded can be) is stored under a cut name ending in its hash, so removing it cannot fail either."""
    name = partition_key
    if len(name.encode()) > MAX_STORED_NAME_BYTES:
        head = name.encode()[:100].decode("utf-8", "ignore")
        name = f"{head}-{hashlib.sha256(name.encode()).hexdigest()[:16]}"
    return root.joinpath(*asset_key.path) / f"{name}.pickle"


def remove_stored(
    instance: dg.DagsterInstance, asset_keys: Iterable[dg.AssetKey], partition_key: str
) -> None:
    root = store_root(instance)
    for asset_key in asset_keys:
        stored_path(root, asset_key, partition_key).unlink(missing_ok=True)


class DocumentIOManager(dg.IOManager):
    def __init__(self, root: Path):
        self.root = root

    def handle_output(self, context: dg.OutputContext, obj: Mapping[str, object]) -> None:
        keys = list(context.asset_partition_keys)
        if not isinstance(obj, Mapping) or set(obj) != set(keys):
            raise TypeError(
                f"{context.asset_key.to_user_string()} must return a dict keyed by the run's partition keys"
            )
        for key in keys:
            path = stored_path(self.root, context.asset_key, key)
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
                pickle.dump(obj[key], handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, path)

    def load_input(self, context: dg.InputContext) -> dict[str, object]:
        values = {}
        for key in context.asset_partition_keys:
            path = stored_path(self.root, context.asset_key, key)
            if not path.exists():
                raise FileNotFoundError(
                    f"{context.asset_key.to_user_string()} has no stored result for document {key!r} "
                    f"({path}): materialize that partition (pipelines build does)"
                )
            with path.open("rb") as handle:
                values[key] = pickle.load(handle)
        return values


class DocumentStore(dg.ConfigurableIOManagerFactory):
    """Per-document results under `<instance storage>/per_document/<asset>/<document>.pickle`."""

    def create_io_manager(self, context: dg.InitResourceContext) -> DocumentIOManager:
        return DocumentIOManager(store_root(context.instance))


# path -> (identity of the file when its value was written or read, the value); a few corpus values only
_CORPUS_VALUES: OrderedDict[Path, tuple[tuple[int, int, int], object]] = OrderedDict()
CORPUS_VALUES_KEPT = 16  # the 14 corpus-level outputs of one build, and some room


def _identity(path: Path) -> tuple[int, int, int]:
    """Which file a path names now: a new write (temporary file renamed over it) changes all three."""
    facts = path.stat()
    return facts.st_ino, facts.st_mtime_ns, facts.st_size


def _keep(path: Path, value: object) -> None:
    _CORPUS_VALUES[path] = (_identity(path), value)
    _CORPUS_VALUES.move_to_end(path)
    while len(_CORPUS_VALUES) > CORPUS_VALUES_KEPT:
        _CORPUS_VALUES.popitem(last=False)


class CorpusIOManager(dg.IOManager):
    """A corpus-level asset's value as `<storage>/<asset key path>` (a pickle, where Dagster's filesystem
    IO manager keeps it); read back from memory when this process holds the value of that very file."""

    def __init__(self, root: Path):
        self.root = root

    def _path(self, context: dg.OutputContext | dg.InputContext) -> Path:
        if context.has_asset_partitions:
            raise TypeError(f"{context.asset_key.to_user_string()}: a corpus-level asset has no partitions")
        return self.root.joinpath(*context.asset_key.path)

    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        path = self._path(context)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _keep(path, obj)

    def load_input(self, context: dg.InputContext) -> object:
        path = self._path(context)
        if not path.exists():
            raise FileNotFoundError(
                f"{context.asset_key.to_user_string()} has no stored value ({path}): materialize it first"
            )
        kept = _CORPUS_VALUES.get(path)
        if kept is not None and kept[0] == _identity(path):
            return kept[1]
        with path.open("rb") as handle:
            value = pickle.load(handle)
        _keep(path, value)
        return value


class CorpusStore(dg.ConfigurableIOManagerFactory):
    """The corpus-level assets' values under the instance's storage folder (`CorpusIOManager`)."""

    def create_io_manager(self, context: dg.InitResourceContext) -> CorpusIOManager:
        return CorpusIOManager(Path(context.instance.storage_directory()))
