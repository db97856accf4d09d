"""Parse stage: every raw file becomes a document (with sentences and footnotes) or a reject."""

import dagster as dg

from pipelines.defs.metadata import table_asset_metadata
from pipelines.defs.resources import PipelinePaths
from pipelines.parse.raw_folder import parse_raw_folder
from pipelines.publish.frames import documents_frame, footnotes_frame, rejects_frame, sentences_frame
from schemas.registry import TABLES

PARSE_TABLES = ("documents", "sentences", "footnotes", "rejects")


@dg.multi_asset(
    group_name="parse",
    outs={
        "parsed_documents": dg.AssetOut(description="Parsed documents, handed to the extractors."),
        **{name: dg.AssetOut(description=TABLES[name].Config.description) for name in PARSE_TABLES},
    },
)
def parsed_corpus(context: dg.AssetExecutionContext, paths: PipelinePaths):
    documents, rejects = parse_raw_folder(paths.raw)
    context.log.info(f"parsed {len(documents)} document(s), rejected {len(rejects)} from {paths.raw}")
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
