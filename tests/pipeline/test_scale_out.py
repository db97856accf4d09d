"""The build job's steps run on a dask.distributed cluster: a scheduler and worker processes on loopback.

The cluster is started here the way it is started on real machines (`dask scheduler`, `dask worker`), the
job is run with Dagster's own CLI (`dagster job execute`) on a filesystem/SQLite DAGSTER_HOME, and the event
log must show every step starting in a dask worker process: neither in this process nor in the run's.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipelines.defs import executors
from tests.pipeline.test_postgres import free_port, write_small_texts

DASK_WORKERS = 2
DASK = [sys.executable, "-m", "dask"]  # the `dask` and `dagster` commands of this interpreter
DAGSTER = [sys.executable, "-m", "dagster"]


def test_default_is_dagsters_own_executor():
    assert executors.executor_name({}) == "default"
    assert executors.executor_from_env({}) is None
    assert executors.executor_from_env({executors.EXECUTOR_VARIABLE: " Default "}) is None


def test_unknown_executor_or_bad_number_is_refused():
    with pytest.raises(ValueError, match="expected one of"):
        executors.executor_from_env({executors.EXECUTOR_VARIABLE: "spark"})
    with pytest.raises(ValueError, match="positive whole number"):
        executors.executor_from_env(
            {executors.EXECUTOR_VARIABLE: "multiprocess", executors.MAX_CONCURRENT_VARIABLE: "0"}
        )


def _resolved_config(executor) -> dict:
    """The config a configured executor hands to its parent, as Dagster resolves it for a run."""
    resolved = executor.config_schema.resolve_config({})
    assert resolved.success, resolved.errors
    return resolved.value["config"]


def test_in_process_and_multiprocess():
    import dagster as dg

    assert executors.executor_from_env({executors.EXECUTOR_VARIABLE: "in_process"}) is dg.in_process_executor
    multiprocess = executors.executor_from_env(
        {executors.EXECUTOR_VARIABLE: "multiprocess", executors.MAX_CONCURRENT_VARIABLE: "3"}
    )
    assert multiprocess.name == "multiprocess"
    assert _resolved_config(multiprocess)["max_concurrent"] == 3


def test_dask_executor_config_from_env():
    _require_dagster_dask()
    existing = executors.executor_from_env(
        {executors.EXECUTOR_VARIABLE: "dask", executors.DASK_SCHEDULER_VARIABLE: "tcp://10.0.0.5:8786"}
    )
    assert existing.name == "dask"
    assert _resolved_config(existing) == {"cluster": {"existing": {"address": "tcp://10.0.0.5:8786"}}}
    local = executors.executor_from_env(
        {executors.EXECUTOR_VARIABLE: "dask", executors.DASK_WORKERS_VARIABLE: "3"}
    )
    cluster = _resolved_config(local)["cluster"]["local"]
    assert cluster["n_workers"] == 3
    assert cluster["processes"] is True


def _require_dagster_dask() -> None:
    try:
        import dagster_dask  # noqa: F401
    except ImportError:
        message = "dagster-dask is not installed: pip install -e '.[dev]'"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must install it (.ci/run)")
        pytest.skip(message)


@dataclass
class DaskCluster:
    address: str
    worker_pids: set[int]


def _start(command: list[str], log: Path, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    # A session of its own, so that stopping it also stops the worker processes its nanny started.
    return subprocess.Popen(
        command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def build_folders(tmp_path_factory) -> dict[str, Path]:
    top = tmp_path_factory.mktemp("scale_out")
    home = top / "dagster_home"
    home.mkdir()
    # Dagster's defaults: run, event and schedule storage in SQLite and asset values in files, all under
    # DAGSTER_HOME, which every worker process sees.
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return {"top": top, "home": home, "raw": write_small_texts(top / "raw"), "outputs": top / "outputs"}


@pytest.fixture(scope="module")
def build_environ(build_folders) -> dict[str, str]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIPELINES_", "DAGSTER_PG_")) and key != "DAGSTER_HOME"
    }
    return {
        **environ,
        "DAGSTER_HOME": str(build_folders["home"]),
        "PIPELINES_RAW_DIR": str(build_folders["raw"]),
        "PIPELINES_OUTPUTS_DIR": str(build_folders["outputs"]),
        "PIPELINES_EXECUTOR": "dask",
    }


@pytest.fixture(scope="module")
def dask_cluster(build_folders, build_environ) -> Iterator[DaskCluster]:
    _require_dagster_dask()
    from distributed import Client

    top = build_folders["top"]
    address = f"tcp://127.0.0.1:{free_port()}"
    environ = {**build_environ, executors.DASK_SCHEDULER_VARIABLE: address}
    port = address.rsplit(":", 1)[1]
    scheduler_command = [*DASK, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"]
    worker_command = [*DASK, "worker", address, "--host", "127.0.0.1", "--no-dashboard", "--nthreads", "1"]
    worker_command += ["--nworkers", str(DASK_WORKERS), "--local-directory", str(top / "dask")]
    scheduler = _start(scheduler_command, top / "scheduler.log", environ, top)
    worker = None
    try:
        worker = _start(worker_command, top / "workers.log", environ, top)
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(DASK_WORKERS, timeout=max(1, deadline - time.monotonic()))
                    pids = set(client.run(os.getpid).values())
                break
            except OSError:  # the scheduler is not listening yet
                if time.monotonic() > deadline or scheduler.poll() is not None:
                    raise AssertionError(
                        "dask scheduler did not start:\n"
                        + (top / "scheduler.log").read_text(errors="replace")
                    ) from None
                time.sleep(0.5)
        assert len(pids) == DASK_WORKERS
        yield DaskCluster(address=address, worker_pids=pids)
    finally:
        if worker is not None:
            _stop(worker)
        _stop(scheduler)


def _register_documents(home: Path, raw: Path, monkeypatch) -> dict[str, str]:
    """What `pipelines build` does before its run: one partition per document; the run's range tags."""
    import dagster as dg

    from pipelines.defs.documents import plan_documents, range_tags, register_documents

    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as instance:
        key_range = register_documents(instance, plan_documents(instance, raw))
    assert key_range is not None
    return range_tags(key_range)


@pytest.mark.slow
def test_build_steps_run_on_dask_workers(dask_cluster, build_folders, build_environ, monkeypatch):
    home, outputs = build_folders["home"], build_folders["outputs"]
    tags = _register_documents(home, build_folders["raw"], monkeypatch)
    environ = {**build_environ, executors.DASK_SCHEDULER_VARIABLE: dask_cluster.address}
    log = build_folders["top"] / "run.log"
    command = [*DAGSTER, "job", "execute", "-m", "pipelines.definitions", "-j", "build"]
    with log.open("wb") as out:
        run = subprocess.Popen(
            [*command, "--tags", json.dumps(tags)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environ,
            cwd=home,
        )
        returncode = run.wait(timeout=300)
    assert returncode == 0, log.read_text(errors="replace")[-5000:]
    assert (outputs / "latest" / "manifest.json").exists()

    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs()
        assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS]
        run_id = runs[0].run_id
        started = instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_START)
        step_pids = {event.step_key: event.dagster_event.pid for event in started}
        assert {"document_parse", "document_extraction", "release"} <= set(step_pids)
        # Every step ran in a dask worker: not in this process, nor in the run's own process.
        assert set(step_pids.values()) <= dask_cluster.worker_pids, (step_pids, dask_cluster.worker_pids)
        assert os.getpid() not in step_pids.values()
        assert run.pid not in step_pids.values()
        materialization = instance.get_latest_materialization_event(dg.AssetKey("release"))
        assert materialization is not None and materialization.run_id == run_id
        release_path = materialization.asset_materialization.metadata["release_path"].value
        assert Path(release_path).resolve() == (outputs / "latest").resolve()

    # The per-document work itself (each document's parse, spaCy parse and extraction, a task of its
    # own) ran on every worker, not only on the one that runs the step: the build scales with the cluster.
    from distributed import Client

    with Client(dask_cluster.address, timeout=10) as client:
        tasks = client.run(
            lambda dask_worker: sorted({str(e[0]).split("-")[0] for e in dask_worker.state.log})
        )
    per_document = {"parse_files", "parse_piece", "finish_document"}
    assert len(tasks) == DASK_WORKERS
    assert all(per_document & set(names) for names in tasks.values()), tasks
