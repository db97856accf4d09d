"""`pipelines build` is incremental: one run per build, and only new or changed documents are parsed and
extracted again; the other documents' stored results are reused.

The instance is a real one (the repository's dagster.yaml copied into a temporary DAGSTER_HOME, which is
also the working directory, since its storage paths are relative), so the runs, partitions and
materializations are the ones the UI would show.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from pipelines.build import run_build
from pipelines.defs.documents import DOCUMENTS
from pipelines.defs.resources import PipelinePaths

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "raw").glob("*.txt"))
NOTE = "0-note.txt"  # sorts before the seeds (000_...): its partition is the first one, so changing it moves it last
NOTE_TEXT = """NATO AND KAZAKHSTAN: A SHORT NOTE

Anna PETROVA

In May 2006, U.S. Vice President Dick Cheney visited Kazakhstan. Kazakhstan signed the Individual \
Partnership Action Plan with NATO on 31 January 2006.

The Steppe Eagle exercise took place in September 2007 near Almaty. Russia and China watched the \
exercise closely.
"""
PER_DOCUMENT = {"document_parse", "document_extraction"}

pytestmark = pytest.mark.slow


def materialized(instance: dg.DagsterInstance, run_id: str) -> dict[str, set[str | None]]:
    """Asset -> partitions materialized by the run."""
    found: dict[str, set[str | None]] = {}
    for event in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = event.asset_materialization
        found.setdefault(materialization.asset_key.to_user_string(), set()).add(materialization.partition)
    return found


def logged(instance: dg.DagsterInstance, run_id: str, prefix: str) -> list[str]:
    return [e.user_message for e in instance.all_logs(run_id) if e.user_message.startswith(prefix)]


def latest_table(outputs: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(outputs / "latest" / f"{name}.parquet")


def manifest_inputs(outputs: Path) -> dict[str, str]:
    manifest = json.loads((outputs / "latest" / "manifest.json").read_text())
    return {i["source_file"]: i["sha256"] for i in manifest["inputs"]}


@pytest.fixture
def project(tmp_path, monkeypatch):
    home, raw, outputs = tmp_path / "home", tmp_path / "raw", tmp_path / "outputs"
    home.mkdir()
    raw.mkdir()
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.chdir(home)  # dagster.yaml's storage paths are relative to the working directory
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    (raw / NOTE).write_text(NOTE_TEXT, encoding="utf-8")
    paths = PipelinePaths(raw_dir=str(raw), outputs_dir=str(outputs))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        yield instance, paths


def build(instance: dg.DagsterInstance, paths: PipelinePaths) -> tuple[str, list[str]]:
    lines: list[str] = []
    outcome = run_build(progress=lines.append, instance=instance, paths=paths)
    assert outcome.succeeded, "\n".join(lines) + "\n" + outcome.summary(0)
    return outcome.run_id, lines


def test_only_changed_documents_are_rebuilt_and_vanished_ones_removed(project):
    instance, paths = project
    seeds = [s.stem for s in SEEDS]
    note = Path(NOTE).stem

    first_run, lines = build(instance, paths)
    assert "documents: 3 (3 new, 0 changed, 0 unchanged and reused, 0 removed)" in lines
    assert instance.get_dynamic_partitions(DOCUMENTS.name) == [note, *seeds]
    first = materialized(instance, first_run)
    assert all(first[name] == {note, *seeds} for name in PER_DOCUMENT)
    assert first["release"] == {None}
    # one planned event per asset for the run's whole range of documents, not one per document
    planned = instance.all_logs(first_run, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED)
    per_document = [
        e for e in planned if e.dagster_event.event_specific_data.asset_key.to_user_string() in PER_DOCUMENT
    ]
    assert len(per_document) == len(PER_DOCUMENT)
    assert all(e.dagster_event.event_specific_data.partitions_subset is not None for e in per_document)
    first_release = (paths.outputs / "latest").resolve()
    first_inputs = manifest_inputs(paths.outputs)
    first_sentences = latest_table(paths.outputs, "sentences")

    # Change the note: only its partition is parsed and extracted again, in one run with the corpus steps.
    (paths.raw / NOTE).write_text(
        NOTE_TEXT + "\nIn 2009, Kazakhstan chaired the Conference on Interaction and Confidence-Building "
        "Measures in Asia.\n",
        encoding="utf-8",
    )
    second_run, lines = build(instance, paths)
    assert "documents: 3 (0 new, 1 changed, 2 unchanged and reused, 0 removed)" in lines
    second = materialized(instance, second_run)
    assert {name: second[name] for name in PER_DOCUMENT} == {name: {note} for name in PER_DOCUMENT}
    assert second["release"] == {None} and second["documents"] == {None}
    # The corpus step redoes the changed document's share of agreements and events, and reuses the others'.
    assert logged(instance, second_run, "extracted_facts: ") == [
        "extracted_facts: 6 reused, 3 computed (per-document agreement and event results; 3 outdated dropped)"
    ]
    assert "  extracted_facts: 6 reused, 3 computed" in "\n".join(lines)  # the progress line
    # The changed document moved to the end of the partition order: a run covers one key range.
    assert instance.get_dynamic_partitions(DOCUMENTS.name) == [*seeds, note]
    assert instance.get_runs(limit=1)[0].tags["dagster/asset_partition_range_start"] == note
    second_release = (paths.outputs / "latest").resolve()
    assert second_release != first_release
    assert manifest_inputs(paths.outputs)[NOTE] != first_inputs[NOTE]
    assert {k: v for k, v in manifest_inputs(paths.outputs).items() if k != NOTE} == {
        k: v for k, v in first_inputs.items() if k != NOTE
    }
    documents = latest_table(paths.outputs, "documents").set_index("doc_id")
    assert "Interaction and Confidence-Building" in documents.loc[note, "text"]
    sentences = latest_table(paths.outputs, "sentences")
    assert (sentences["doc_id"] == note).sum() == (first_sentences["doc_id"] == note).sum() + 1
    unchanged = sentences[sentences["doc_id"] != note].reset_index(drop=True)
    assert unchanged.equals(first_sentences[first_sentences["doc_id"] != note].reset_index(drop=True))

    # Delete it: its partition goes, nothing is parsed, and its rows are gone from every table.
    (paths.raw / NOTE).unlink()
    third_run, lines = build(instance, paths)
    assert "documents: 2 (0 new, 0 changed, 2 unchanged and reused, 1 removed)" in lines
    assert instance.get_dynamic_partitions(DOCUMENTS.name) == seeds
    third = materialized(instance, third_run)
    assert not PER_DOCUMENT & set(third)
    assert NOTE not in manifest_inputs(paths.outputs)
    for table in ("documents", "sentences", "mentions", "dates"):
        assert note not in set(latest_table(paths.outputs, table)["doc_id"]), table
    assert set(latest_table(paths.outputs, "documents")["doc_id"]) == set(seeds)
    assert len(instance.get_runs()) == 3  # one run per build


def release_files(release: Path) -> dict[str, bytes]:
    """Every table file of a release (Parquet and CSV), by name."""
    return {p.name: p.read_bytes() for p in sorted(release.iterdir()) if p.suffix in (".parquet", ".csv")}


def test_a_rebuild_publishes_the_table_files_a_fresh_build_of_the_same_texts_does(
    project, tmp_path, monkeypatch
):
    """What a rebuild reuses (stored parses, remembered per-document results, validation done by the
    blocking checks, rows compared with the previous release) changes no byte of any table file."""
    instance, paths = project
    build(instance, paths)
    (paths.raw / NOTE).write_text(
        NOTE_TEXT.replace("September 2007", "October 2008") + "\nIn 2010, NATO and Kazakhstan signed a "
        "transit agreement in Astana.\n",
        encoding="utf-8",
    )
    _, lines = build(instance, paths)
    assert "documents: 3 (0 new, 1 changed, 2 unchanged and reused, 0 removed)" in lines
    rebuilt = release_files((paths.outputs / "latest").resolve())

    fresh_home, fresh_outputs = tmp_path / "fresh_home", tmp_path / "fresh_outputs"
    fresh_home.mkdir()
    shutil.copy(ROOT / "dagster.yaml", fresh_home / "dagster.yaml")
    monkeypatch.chdir(fresh_home)
    monkeypatch.setenv("DAGSTER_HOME", str(fresh_home))
    fresh_paths = PipelinePaths(raw_dir=str(paths.raw), outputs_dir=str(fresh_outputs))
    with dg.DagsterInstance.from_config(str(fresh_home)) as fresh_instance:
        _, lines = build(fresh_instance, fresh_paths)
    assert "documents: 3 (3 new, 0 changed, 0 unchanged and reused, 0 removed)" in lines
    fresh = release_files((fresh_outputs / "latest").resolve())
    assert len(fresh) == 24  # 12 tables, Parquet and CSV
    assert sorted(rebuilt) == sorted(fresh)
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == []
