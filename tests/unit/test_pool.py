"""The build's worker pool: results in input order whatever the worker count, and a count sized by work."""

import os

import pytest

from pipelines.defs.pool import demand_pool, worker_count, worker_pool
from pipelines.parse.raw_folder import document_key
from pipelines.settings import WORKERS_VARIABLE


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_in_input_order(workers):
    names = [f"{n:03d} Report on Astana.txt" for n in range(12, 0, -1)]
    with worker_pool(workers) as parallel_map:
        assert list(parallel_map(document_key, names)) == [document_key(n) for n in names]


@pytest.mark.parametrize(
    ("sizes", "per_worker", "cores", "expected"),
    [
        ([5_000, 6_000], 20_000, 2, 1),  # the two seeds: a second worker's start would cost more
        ([30_000, 30_000], 20_000, 2, 2),
        ([900_000], 20_000, 2, 1),  # one piece of work: one worker, however long
        ([30_000] * 10, 20_000, 8, 8),
        ([], 20_000, 2, 1),
    ],
)
def test_worker_count_follows_the_work(sizes, per_worker, cores, expected, monkeypatch):
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr("pipelines.settings.cores", lambda: cores)
    assert worker_count(sizes, per_worker) == expected


def test_workers_setting_wins_but_never_exceeds_the_documents(monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "4")
    assert worker_count([10] * 3, 20_000) == 3
    assert worker_count([10] * 9, 20_000) == 4


def test_demand_pool_runs_small_calls_here_and_shards_big_ones(monkeypatch):
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr("pipelines.settings.cores", lambda: 2)
    names = [f"{n:03d} Report on Astana.txt" for n in range(12, 0, -1)]
    with demand_pool(items_per_worker=6) as parallel_map:
        assert set(parallel_map(_pid, names[:5])) == {os.getpid()}  # 5 items: not worth a worker
        assert list(parallel_map(document_key, names)) == [document_key(n) for n in names]
        pids = list(parallel_map(_pid, names))
        # item i on worker i mod 2, the same two workers for every later call
        assert len(set(pids)) == 2 and os.getpid() not in pids
        assert pids[0::2] == [pids[0]] * 6 and pids[1::2] == [pids[1]] * 6
        assert list(parallel_map(_pid, names[:3])) == pids[:3]


def _pid(_: object) -> int:
    return os.getpid()
