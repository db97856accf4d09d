"""Parse stage: every raw file becomes a document (with sentences and footnotes) or a reject.

`document_parse` is per document (one dynamic partition each); `parsed_corpus` gathers every partition
into the published documents, sentences, footnotes and rejects tables.
"""

import warnings

import dagster as dg

from pipelines.defs.documents import DOCUMENTS, code_version, progress_due
from pipelines.defs.metadata import table_asset_metadata
from pipelines.defs.pool import worker_count, worker_pool
from pipelines.defs.resources import PipelinePaths
from pipelines.parse.raw_folder import DocumentParse, assemble_corpus, files_by_key, parse_files, raw_size
from pipelines.publish.frames import documents_frame, footnotes_frame, rejects_frame, sentences_frame
from schemas.registry import TABLES

# BackfillPolicy.single_run is what lets one run materialize a range of documents; it is marked beta.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)

PARSE_TABLES = ("documents", "sentences", "footnotes", "rejects")
# Parsing runs at ~150 KB of text a second; a spawned worker's start costs about as long as 1 MB.
BYTES_PER_WORKER = 1_000_000


@dg.asset(
    group_name="parse",
    partitions_def=DOCUMENTS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    io_manager_key="document_store",
    code_version=code_version(),
    description="One raw text (or the texts whose names give one doc_id), parsed: a document or a reject.",
)
def document_parse(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dict[str, DocumentParse]:
    groups = files_by_key(paths.raw)
    keys = context.partition_keys
    files = [groups.get(key, []) for key in keys]
    workers = worker_count([sum(raw_size(f) for f in group) for group in files], BYTES_PER_WORKER)
    results: dict[str, DocumentParse] = {}
    with worker_pool(workers) as parallel_map:
        parses = parallel_map(parse_files, keys, files, [paths.raw] * len(keys))
        for index, (key, parse) in enumerate(zip(keys, parses, strict=True), start=1):
            results[key] = parse
            document = parse.document
            context.add_asset_metadata(
                {
                    "input_sha256": parse.input_sha256,
                    "code_version": code_version(),
                    "source_files": ", ".join(f.source_file for f in parse.files),
                    "sentences": len(document.sentences) if document else 0,
                    "rejected": "; ".join(f"{f.source_file}: {f.reason}" for f in parse.files if f.reason)
                    or "no",
                },
                partition_key=key,
            )
            if progress_due(index, len(keys)):
                context.log.info(f"[{index}/{len(keys)}] {key}: {'parsed' if document else 'rejected'}")
    return results


@dg.multi_asset(
    group_name="parse",
    ins={"document_parse": dg.AssetIn()},
    outs={
        "parsed_documents": dg.AssetOut(description="Parsed documents, handed to the extractors."),
        **{name: dg.AssetOut(description=TABLES[name].Config.description) for name in PARSE_TABLES},
    },
)
def parsed_corpus(context: dg.AssetExecutionContext, document_parse: dict[str, DocumentParse]):
    documents, rejects = assemble_corpus(document_parse.values())
    context.log.info(f"gathered {len(documents)} document(s), {len(rejects)} reject(s)")
    for reject in rejects:
        context.log.warning(f"rejected {reject.source_file}: {reject.reason}")
    yield dg.Output(
        documents,
        output_name="parsed_documents",
        metadata={"documents": len(documents), "doc_ids": ", ".join(d.doc_id for d in documents)},
    )
    frames = {
        "documents": documents_frame(documents),
        "sentences": sentences_frame(documents),
        "footnotes": footnotes_frame(documents),
        "rejects": rejects_frame(rejects),
    }
    for name, frame in frames.items():
        yield dg.Output(frame, output_name=name, metadata=table_asset_metadata(TABLES[name], frame))
