"""Per-document work of the build on several processes, results in input order.

Both per-document assets (`document_parse`, `document_extraction`) map pure functions over their
documents with the `map` that `worker_pool` gives, so a worker gives the same result as the build's own
process. Workers are spawned, not forked from a process that runs Dagster's threads.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from pipelines import settings


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[Callable[..., Iterator]]:
    """A `map` (results in input order) that runs on `workers` processes: the built-in one when
    `workers` <= 1. Its workers serve every map of the block, so they load the model once."""
    if workers <= 1:
        yield map
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool.map


def worker_count(sizes: Sequence[int], size_per_worker: int) -> int:
    """PIPELINES_WORKERS when set; otherwise up to the cores, one per `size_per_worker` of work (the
    size a spawned worker's start costs as much time as), so that a small build stays in one process."""
    explicit = settings.workers()
    if explicit is not None:
        return max(1, min(explicit, len(sizes)))
    return max(1, min(settings.cores(), len(sizes), sum(sizes) // size_per_worker))
