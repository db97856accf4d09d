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


@contextlib.contextmanager
def demand_pool(items_per_worker: int) -> Iterator[Callable[..., Iterator]]:
    """A `map` for the per-document passes of a corpus step, whose size is known only at each call (the
    documents not remembered from an earlier build): a call runs in this process unless its items
    warrant more workers (`worker_count`, one per `items_per_worker`), and the workers started by the
    first such call serve the later ones. Item i of a call goes to worker i mod N, so that passes over
    the same documents in the same order find each one where an earlier pass left what it built for it
    (`pipelines.extract.instruments.document_views`)."""
    if _dask_worker_client() is not None:
        with worker_pool(settings.cores()) as cluster_map:
            yield cluster_map
        return
    with contextlib.ExitStack() as stack:
        shards: list[ProcessPoolExecutor] = []

        def parallel_map(function: Callable[..., Result], *arguments: Iterable) -> Iterator[Result]:
            items = list(zip(*arguments, strict=True))
            if not shards:
                workers = worker_count([1] * len(items), items_per_worker)
                if workers <= 1:
                    return (function(*item) for item in items)
                context = multiprocessing.get_context("spawn")
                for _ in range(workers):
                    shards.append(stack.enter_context(ProcessPoolExecutor(1, mp_context=context)))
            futures = [shards[i % len(shards)].submit(function, *item) for i, item in enumerate(items)]
            return (future.result() for future in futures)

        yield parallel_map


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
