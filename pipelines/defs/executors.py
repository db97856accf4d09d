"""Which Dagster executor runs the build's steps, chosen from the environment.

    PIPELINES_EXECUTOR       unset or `default`: Dagster's default (multiprocess, or in process when the
                             run config asks for it); `in_process`; `multiprocess`; `dask`; `celery`
    PIPELINES_MAX_CONCURRENT multiprocess: at most this many step processes at once (default: CPU count)
    PIPELINES_DASK_SCHEDULER dask: address of a running scheduler, e.g. tcp://10.0.0.5:8786; unset: a
                             LocalCluster of worker processes started for each run
    PIPELINES_DASK_WORKERS   dask, local cluster: number of worker processes (default 2)
    PIPELINES_CELERY_BROKER  celery: broker URL, e.g. redis://host:6379/0 (the backend defaults to it)
    PIPELINES_CELERY_BACKEND celery: result backend URL

The executor only matters where a run is executed by Dagster's run machinery (`dagster job execute`, a run
launched from the UI, a schedule or a sensor, `dg.execute_job`): `execute_in_process` always runs every step
in the calling process. Every process that loads the definitions (the run's process and each worker) must
see the same variables and the same DAGSTER_HOME (deploy/README.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import dagster as dg

EXECUTOR_VARIABLE = "PIPELINES_EXECUTOR"
MAX_CONCURRENT_VARIABLE = "PIPELINES_MAX_CONCURRENT"
DASK_SCHEDULER_VARIABLE = "PIPELINES_DASK_SCHEDULER"
DASK_WORKERS_VARIABLE = "PIPELINES_DASK_WORKERS"
CELERY_BROKER_VARIABLE = "PIPELINES_CELERY_BROKER"
CELERY_BACKEND_VARIABLE = "PIPELINES_CELERY_BACKEND"

EXECUTORS = ("default", "in_process", "multiprocess", "dask", "celery")
DEFAULT_DASK_WORKERS = 2


def executor_name(environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    name = environ.get(EXECUTOR_VARIABLE, "").strip().lower() or "default"
    if name not in EXECUTORS:
        raise ValueError(f"{EXECUTOR_VARIABLE}={name!r}: expected one of {', '.join(EXECUTORS)}")
    return name


def executor_from_env(environ: Mapping[str, str] | None = None) -> dg.ExecutorDefinition | None:
    """The executor named by PIPELINES_EXECUTOR, configured from the environment; None for Dagster's default."""
    environ = os.environ if environ is None else environ
    name = executor_name(environ)
    if name == "default":
        return None
    if name == "in_process":
        return dg.in_process_executor
    if name == "multiprocess":
        limit = environ.get(MAX_CONCURRENT_VARIABLE)
        return dg.multiprocess_executor.configured(
            {"max_concurrent": _positive_int(MAX_CONCURRENT_VARIABLE, limit)} if limit else {},
            name="multiprocess",
        )
    if name == "dask":
        return _dask_executor(environ)
    return _celery_executor(environ)


def _dask_executor(environ: Mapping[str, str]) -> dg.ExecutorDefinition:
    try:
        from dagster_dask import dask_executor
    except ImportError as error:
        raise ImportError(f"{EXECUTOR_VARIABLE}=dask needs dagster-dask (deploy/README.md)") from error
    address = environ.get(DASK_SCHEDULER_VARIABLE, "").strip()
    if address:
        cluster: dict[str, object] = {"existing": {"address": address}}
    else:
        workers = _positive_int(
            DASK_WORKERS_VARIABLE, environ.get(DASK_WORKERS_VARIABLE) or str(DEFAULT_DASK_WORKERS)
        )
        # Worker processes (not threads: Dagster steps are not thread-safe), dashboard off, loopback only.
        cluster = {
            "local": {
                "n_workers": workers,
                "processes": True,
                "host": "127.0.0.1",
                "dashboard_address": None,
            }
        }
    return dask_executor.configured({"cluster": cluster}, name="dask")


def _celery_executor(environ: Mapping[str, str]) -> dg.ExecutorDefinition:
    try:
        from dagster_celery import celery_executor
    except ImportError as error:
        raise ImportError(f"{EXECUTOR_VARIABLE}=celery needs dagster-celery (deploy/README.md)") from error
    broker = environ.get(CELERY_BROKER_VARIABLE, "").strip()
    if not broker:
        raise ValueError(f"{EXECUTOR_VARIABLE}=celery needs {CELERY_BROKER_VARIABLE}")
    backend = environ.get(CELERY_BACKEND_VARIABLE, "").strip() or broker
    return celery_executor.configured({"broker": broker, "backend": backend}, name="celery")


def _positive_int(variable: str, value: str | None) -> int:
    try:
        number = int(str(value))
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(f"{variable}={value!r}: expected a positive whole number")
    return number
