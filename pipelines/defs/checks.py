"""Blocking validation of every published table: a failure stops the release from being written."""

import dagster as dg
import pandas as pd

from pipelines.publish.validate import remember_valid, table_failures
from schemas.registry import TABLES


def check_name(table: str) -> str:
    return f"{table}_valid"


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            check_name(table),
            asset=table,
            blocking=True,
            description=f"{model.__name__} pandera model (lazy) plus keys into other tables and offsets.",
        )
        for table, model in TABLES.items()
    ],
    ins={table: dg.AssetIn(table) for table in TABLES},
)
def table_checks(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    footnotes: pd.DataFrame,
    rejects: pd.DataFrame,
    entities: pd.DataFrame,
    mentions: pd.DataFrame,
    dates: pd.DataFrame,
    agreements: pd.DataFrame,
    agreement_mentions: pd.DataFrame,
    agreement_parties: pd.DataFrame,
    events: pd.DataFrame,
    event_participants: pd.DataFrame,
):
    tables = {
        "documents": documents,
        "sentences": sentences,
        "footnotes": footnotes,
        "rejects": rejects,
        "entities": entities,
        "mentions": mentions,
        "dates": dates,
        "agreements": agreements,
        "agreement_mentions": agreement_mentions,
        "agreement_parties": agreement_parties,
        "events": events,
        "event_participants": event_participants,
    }
    valid = True
    for table, model in TABLES.items():
        failures = table_failures(table, model, tables)
        valid = valid and not failures
        yield dg.AssetCheckResult(
            asset_key=table,
            check_name=check_name(table),
            passed=not failures,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "rows": len(tables[table]),
                "failures": dg.MetadataValue.md("\n".join(f"- {f}" for f in failures) or "none"),
                "n_failures": len(failures),
            },
        )
    if valid:  # the release step of this run publishes these very tables without validating them again
        remember_valid(tables, TABLES)
