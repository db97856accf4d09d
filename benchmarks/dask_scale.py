"""The build job on a dask cluster of 1 and of 2 worker processes (loopback), same generated corpus.

    python benchmarks/dask_scale.py [--n 200] [--workers 1 2] [--work DIR]

For each worker count: a fresh DAGSTER_HOME, the document partitions registered as `pipelines build`
registers them, then `dagster job execute -j build` with PIPELINES_EXECUTOR=dask and
PIPELINES_DASK_WORKERS=N (dagster-dask starts a LocalCluster of N processes for the run). Wall time
includes the cluster's start and each worker's model load. Prints words/s and the speed-up over the
first count.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from make_corpus import make_corpus  # noqa: E402


def registered_range(home: Path, raw: Path) -> dict[str, str]:
    """Register the corpus' partitions in the instance at `home`; the run's partition-range tags."""
    os.environ["DAGSTER_HOME"] = str(home)
    import dagster as dg

    from pipelines.defs.documents import plan_documents, range_tags, register_documents

    with dg.DagsterInstance.get() as instance:
        return range_tags(register_documents(instance, plan_documents(instance, raw)))


def run_on_dask(work: Path, raw: Path, workers: int) -> float:
    home, outputs = work / f"home-{workers}", work / f"outputs-{workers}"
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    tags = registered_range(home, raw)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PIPELINES_")},
        "DAGSTER_HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "PIPELINES_RAW_DIR": str(raw),
        "PIPELINES_OUTPUTS_DIR": str(outputs),
        "PIPELINES_EXECUTOR": "dask",
        "PIPELINES_DASK_WORKERS": str(workers),
    }
    command = [
        sys.executable,
        "-m",
        "dagster",
        "job",
        "execute",
        "-m",
        "pipelines.definitions",
        "-j",
        "build",
    ]
    started = time.monotonic()
    with (work / f"run-{workers}.log").open("wb") as log:
        done = subprocess.run(
            [*command, "--tags", json.dumps(tags)], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=home
        )
    if done.returncode != 0 or not (outputs / "latest" / "manifest.json").exists():
        raise SystemExit(f"run on {workers} dask worker(s) failed: see {work / f'run-{workers}.log'}")
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="documents in the corpus")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--work", default="/tmp/pipelines-dask-scale", help="scratch folder (emptied)")
    args = parser.parse_args()

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    raw = work / "raw"
    paths = make_corpus(args.n, raw)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"corpus: {len(paths)} documents, {words} words", flush=True)

    seconds = {}
    for workers in args.workers:
        seconds[workers] = run_on_dask(work, raw, workers)
        print(f"{workers} dask worker(s): {seconds[workers]:.1f} s", flush=True)
    first = args.workers[0]
    print()
    print("| dask workers | seconds | words/s | speed-up |")
    print("|---:|---:|---:|---:|")
    for workers, wall in seconds.items():
        print(f"| {workers} | {wall:.1f} | {words / wall:,.0f} | {seconds[first] / wall:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
