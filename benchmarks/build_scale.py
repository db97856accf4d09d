"""Full build of a generated corpus through `pipelines build`, then a one-text rebuild.

    python benchmarks/build_scale.py [--n 1000] [--work DIR] [--paragraphs 6]

Steps: generate the corpus (benchmarks/make_corpus.py) into WORK/raw; run `pipelines build` as a
subprocess with a fresh DAGSTER_HOME (WORK/home, holding a copy of the repo's dagster.yaml, also the
cwd so Dagster's relative `.dagster/` storage lands there); change one text; build again on the same
instance and outputs. For each build: wall time, peak memory of the process tree (sum of VmRSS over
the build process and its descendants, polled every 0.1 s from /proc) and the kernel's max RSS of the
largest process (getrusage), and the 1-minute load average before and after it. `--rebuilds N`
(default 3) rebuilds N times, changing another text each time, and reports the median. Floors
(issue 16): peak < 2 GB; rebuild < 5% of the full build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402

PEAK_FLOOR_BYTES = 2 * 1024**3
REBUILD_SHARE_FLOOR = 0.05


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def tree_rss(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _rss(current)
        stack += _children(current)
    return total


def run_build(raw: Path, outputs: Path, home: Path, log: Path) -> dict[str, float]:
    """`pipelines build` of this checkout in a subprocess: wall time and peak RSS of its process tree."""
    env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    load_before = os.getloadavg()[0]  # 1-minute load average: this build's own work and others'
    started = time.monotonic()
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli", "build", "--raw", str(raw), "--outputs", str(outputs)],
            cwd=home,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.1)
    wall = time.monotonic() - started
    max_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # largest child so far
    return {
        "returncode": process.returncode,
        "wall_s": wall,
        "peak_tree_rss": peak,
        "max_rss": max_rss,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }


def change_one_text(raw: Path, index: int = 0) -> Path:
    target = sorted(raw.glob("*.txt"))[index]
    text = target.read_text(encoding="utf-8").rstrip("\n")
    target.write_text(
        text + "\n\nIn May 2009, Kazakhstan and NATO held a joint exercise, Steppe Eagle, near Almaty.\n",
        encoding="utf-8",
    )
    return target


def mb(value: float) -> str:
    return f"{value / 1024**2:,.0f} MB"


def prepare_work(work: Path, n: int, paragraphs: int) -> tuple[Path, Path, Path, list[Path]]:
    """An emptied scratch folder with a generated corpus, an outputs folder and a fresh DAGSTER_HOME."""
    shutil.rmtree(work, ignore_errors=True)
    raw, outputs, home = work / "raw", work / "outputs", work / "home"
    home.mkdir(parents=True)
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    return raw, outputs, home, make_corpus(n, raw, paragraphs=paragraphs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=6)
    parser.add_argument("--work", default="/tmp/pipelines-build-scale", help="scratch folder (emptied)")
    parser.add_argument("--rebuilds", type=int, default=3, help="one-text rebuilds after the full build")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    work = Path(args.work)
    raw, outputs, home, paths = prepare_work(work, args.n, args.paragraphs)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"corpus: {len(paths)} documents, {words} words in {raw}", flush=True)

    full = run_build(raw, outputs, home, work / "full.log")
    print(f"full build: rc={full['returncode']} {full['wall_s']:.1f} s", flush=True)
    rebuilds = []
    for index in range(args.rebuilds):  # another text each time
        changed = change_one_text(raw, index)
        run = run_build(raw, outputs, home, work / f"rebuild-{index + 1}.log")
        print(
            f"rebuild after changing {changed.name}: rc={run['returncode']} {run['wall_s']:.1f} s", flush=True
        )
        rebuilds.append(run)
    rebuild = sorted(rebuilds, key=lambda r: r["wall_s"])[len(rebuilds) // 2]  # the median
    share = rebuild["wall_s"] / full["wall_s"]
    peak = max(run["peak_tree_rss"] for run in (full, *rebuilds))
    max_rss = max(run["max_rss"] for run in (full, *rebuilds))
    each = ", ".join(f"{r['wall_s']:.1f}" for r in rebuilds)
    ok = all(r["returncode"] == 0 for r in rebuilds)

    print()
    print("| measure | value | floor | ok |")
    print("|---|---:|---:|:---:|")
    print(f"| documents / words | {len(paths)} / {words} | | |")
    print(
        f"| full build wall time | {full['wall_s']:.1f} s | | {'yes' if full['returncode'] == 0 else 'FAILED'} |"
    )
    print(f"| full build words/s | {words / full['wall_s']:,.0f} | | |")
    print(
        f"| rebuild (1 text changed), median of {len(rebuilds)} | {rebuild['wall_s']:.1f} s ({each}) | | {'yes' if ok else 'FAILED'} |"
    )
    print(
        f"| rebuild share of full build | {share:.1%} | < {REBUILD_SHARE_FLOOR:.0%} | "
        f"{'yes' if share < REBUILD_SHARE_FLOOR else 'NO'} |"
    )
    print(
        f"| peak RSS, process tree (polled) | {mb(peak)} | < {mb(PEAK_FLOOR_BYTES)} | "
        f"{'yes' if peak < PEAK_FLOOR_BYTES else 'NO'} |"
    )
    print(
        f"| max RSS, largest process (getrusage) | {mb(max_rss)} | < {mb(PEAK_FLOOR_BYTES)} | "
        f"{'yes' if max_rss < PEAK_FLOOR_BYTES else 'NO'} |"
    )
    for name, run in (("full build", full), ("median rebuild", rebuild)):
        print(
            f"| load average (1 min) before / after the {name} | {run['load_before']:.2f} / {run['load_after']:.2f} | | |"
        )
    print(f"\nlogs: {work}/full.log, {work}/rebuild-*.log")
    if args.json:
        figures = {
            "documents": len(paths),
            "words": words,
            "full": full,
            "rebuild": rebuild,
            "rebuilds": rebuilds,
        }
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0 if full["returncode"] == 0 and ok else 1


if __name__ == "__main__":
    sys.exit(main())
