"""Extract stage: entities, dates, agreements and events, from one spaCy parse per sentence.

`document_extraction` is per document: the spaCy parse (stored as DocBin bytes), entity mentions and
dates. `extracted_facts` is corpus-level: entity resolution, agreements and events across documents,
from the stored parses (no second spaCy parse). Its per-document parts are remembered in the instance's
storage (`open_memo`), so that a rebuild redoes them only for documents whose inputs changed.
"""

import warnings
from collections.abc import Callable, Iterator, Sequence

import dagster as dg

from pipelines.defs.documents import DOCUMENTS, code_version, progress_due
from pipelines.defs.io import open_memo
from pipelines.defs.metadata import table_asset_metadata
from pipelines.defs.pool import demand_pool, worker_count, worker_pool
from pipelines.extract.corpus import (
    EXTRACT_TABLES,
    DocumentExtraction,
    document_pieces,
    extract_facts,
    finish_document,
    parse_piece,
)
from pipelines.parse.model import ParsedDocument
from pipelines.parse.raw_folder import DocumentParse
from schemas.registry import TABLES

# A spawned worker's start and model load cost about as much as parsing this many words (~4 s of
# spaCy on one core): the two seeds, 11k words, were 9 s slower on two workers than on one.
WORDS_PER_WORKER = 20_000
# A document's share of the grammar passes of extracted_facts takes ~30 ms; a worker's start (imports,
# no model) ~2 s.
FACT_DOCUMENTS_PER_WORKER = 60

# BackfillPolicy.single_run is what lets one run materialize a range of documents; it is marked beta.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)


@dg.asset(
    group_name="extract",
    partitions_def=DOCUMENTS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    io_manager_key="document_store",
    code_version=code_version(),
    ins={"document_parse": dg.AssetIn()},
    description="One document's spaCy parse (DocBin bytes), entity mentions and dates.",
)
def document_extraction(
    context: dg.AssetExecutionContext, document_parse: dict[str, DocumentParse]
) -> dict[str, DocumentExtraction | None]:
    keys = context.partition_keys
    documents = [document_parse[key].document for key in keys]
    results: dict[str, DocumentExtraction | None] = {}
    total = sum(d is not None for d in documents)
    spacy_done = iter(range(1, total + 1))

    def parsed_one(document: ParsedDocument) -> None:  # the progress the CLI shows: spaCy is the cost
        done = next(spacy_done)
        if progress_due(done, total):
            context.log.info(f"[{done}/{total}] {document.doc_id}: parsed by spaCy")

    extractions = extract_all(documents, parsed_one)
    for key, extraction in zip(keys, extractions, strict=True):
        parse = document_parse[key]
        document = parse.document
        results[key] = extraction
        context.add_asset_metadata(
            {
                "input_sha256": parse.input_sha256,
                "code_version": code_version(),
                "doc_id": document.doc_id if document else "(rejected)",
                "sentences": len(document.sentences) if document else 0,
                "entity_mentions": len(extraction.mentions) if extraction else 0,
                "dates": len(extraction.dates) if extraction else 0,
                "docbin_bytes": len(extraction.docbin) if extraction else 0,
            },
            partition_key=key,
        )
    return results


def extract_all(
    documents: Sequence[ParsedDocument | None], parsed_one: Callable[[ParsedDocument], None] = lambda d: None
) -> Iterator[DocumentExtraction | None]:
    """`extract_document` of each document (None for a reject), in order, on `worker_count` processes:
    first the spaCy parse of every piece of every document (a long document's pieces on all workers;
    `parsed_one` is told of each document whose pieces are parsed), then each document's extraction
    from its pieces. The pieces are those of one process, so the results are the same."""
    parsed = [d for d in documents if d is not None]
    pieces = [document_pieces(d) for d in parsed]
    words = [sum(len(s.text.split()) for s in piece) for ps in pieces for piece in ps]
    with worker_pool(worker_count(words, WORDS_PER_WORKER)) as parallel_map:
        parses = parallel_map(parse_piece, [piece for ps in pieces for piece in ps])
        per_document = []
        for document, ps in zip(parsed, pieces, strict=True):
            per_document.append([next(parses) for _ in ps])
            parsed_one(document)
        extractions = parallel_map(finish_document, parsed, per_document)
        for document in documents:
            yield next(extractions) if document is not None else None


@dg.multi_asset(
    group_name="extract",
    ins={"parsed_documents": dg.AssetIn(), "document_extraction": dg.AssetIn()},
    outs={name: dg.AssetOut(description=TABLES[name].Config.description) for name in EXTRACT_TABLES},
)
def extracted_facts(
    context: dg.AssetExecutionContext,
    parsed_documents: list[ParsedDocument],
    document_extraction: dict[str, DocumentExtraction | None],
):
    extractions = {e.doc_id: e for e in document_extraction.values() if e is not None}
    memo = open_memo(context.instance, code_version())
    with demand_pool(FACT_DOCUMENTS_PER_WORKER) as parallel_map:
        frames = extract_facts(parsed_documents, extractions, memo=memo, parallel_map=parallel_map)
    pruned = memo.prune()
    context.log.info(
        f"extracted_facts: {memo.hits} reused, {memo.misses} computed "
        f"(per-document agreement and event results; {pruned} outdated dropped)"
    )
    for name in EXTRACT_TABLES:
        frame = frames[name]
        metadata = table_asset_metadata(TABLES[name], frame)
        if name == "entities" and len(frame):
            for entity_type, count in frame["type"].value_counts().sort_index().items():
                metadata[f"entities_{entity_type.lower()}"] = int(count)
        yield dg.Output(frame, output_name=name, metadata=metadata)
