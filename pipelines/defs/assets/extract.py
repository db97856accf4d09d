"""Extract stage: entities, dates, agreements and events from the parsed documents, in one spaCy pass."""

import dagster as dg

from pipelines.defs.metadata import table_asset_metadata
from pipelines.extract.corpus import EXTRACT_TABLES, extract_corpus
from schemas.registry import TABLES


@dg.multi_asset(
    group_name="extract",
    ins={"parsed_documents": dg.AssetIn()},
    outs={name: dg.AssetOut(description=TABLES[name].Config.description) for name in EXTRACT_TABLES},
)
def extracted_facts(context: dg.AssetExecutionContext, parsed_documents):
    frames = extract_corpus(parsed_documents)
    for name in EXTRACT_TABLES:
        frame = frames[name]
        metadata = table_asset_metadata(TABLES[name], frame)
        if name == "entities" and len(frame):
            for entity_type, count in frame["type"].value_counts().sort_index().items():
                metadata[f"entities_{entity_type.lower()}"] = int(count)
        yield dg.Output(frame, output_name=name, metadata=metadata)
