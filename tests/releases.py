"""Build a release from a raw folder with the pure functions (no Dagster), for tests that score it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pipelines.extract.corpus import extract_corpus
from pipelines.parse.raw_folder import DOCUMENTATION_NAMES, parse_raw_folder
from pipelines.publish.frames import documents_frame, footnotes_frame, rejects_frame, sentences_frame
from pipelines.publish.release import Companion, SourceFile, publish_release
from schemas.registry import TABLES


def release_from_raw(
    raw: Path, outputs: Path, companions: Sequence[Companion] = (), after_manifest: Sequence[Companion] = ()
) -> Path:
    documents, rejects = parse_raw_folder(raw)
    assert all(r.source_file in DOCUMENTATION_NAMES for r in rejects), rejects  # every text was read
    tables = {
        "documents": documents_frame(documents),
        "sentences": sentences_frame(documents),
        "footnotes": footnotes_frame(documents),
        "rejects": rejects_frame(rejects),
        **extract_corpus(documents),
    }
    inputs = [SourceFile(d.source_file, d.sha256) for d in documents]
    return publish_release(
        tables,
        TABLES,
        inputs,
        outputs,
        datetime.now(UTC),
        "test",
        companions=companions,
        after_manifest=after_manifest,
    )
