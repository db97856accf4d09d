"""Per-document work of the build on several processes, results in input order.

Both per-document assets (`document_parse`, `document_extraction`) map pure functions over their
documents with the `map` that `worker_pool` gives, so a worker gives the same result as the build's own
process. Workers are spawned, not forked from a process that runs Dagster's threads. A step that runs
on a dask worker (PIPELINES_EXECUTOR=dask) maps on the dask cluster instead, every worker of it taking
part (a dask worker may not start processes of its own).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from pipelines import settings

Result = TypeVar("Result")


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[Callable[..., Iterator]]:
    """A `map` (results in input order) that runs on `workers` processes: the built-in one when
    `workers` <= 1, the dask cluster's when this runs on a dask worker. Its workers serve every map of
    the block, so they load the model once."""
    client = _dask_worker_client()
    if client is not None:
        with client as cluster:
            yield functools.partial(_map_on_cluster, cluster)
        return
    if workers <= 1:
        yield map
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool.map


def _dask_worker_client():
    """A client of the cluster when this runs in a task of a dask worker (seceding from the worker's
    thread pool while it waits, so that the tasks it submits can run there too), else None."""
    if "distributed" not in sys.modules:  # a dask worker has imported it; a plain build need not
        return None
    from distributed import get_worker, worker_client

    try:
        get_worker()
    except ValueError:  # not in a dask worker
        return None
    return worker_client()


def _map_on_cluster(client, function: Callable[..., Result], *arguments: Iterable) -> Iterator[Result]:
    futures = client.map(function, *arguments, pure=False)
    for future in futures:
        yield future.result()
        future.release()


def worker_count(sizes: Sequence[int], size_per_worker: int) -> int:
    """PIPELINES_WORKERS when set; otherwise up to the cores, one per `size_per_worker` of work (the
    size a spawned worker's start costs as much time as), so that a small build stays in one process."""
    explicit = settings.workers()
    if explicit is not None:
        return max(1, min(explicit, len(sizes)))
    return max(1, min(settings.cores(), len(sizes), sum(sizes) // size_per_worker))
