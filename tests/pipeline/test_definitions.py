"""The Definitions object holds the assets, checks and job the UI and `pipelines build` rely on."""

import dagster as dg

from pipelines.definitions import BUILD_JOB, defs
from schemas.registry import TABLES


def asset_keys() -> set[str]:
    return {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}


PER_DOCUMENT = {"document_parse", "document_extraction"}


def test_every_published_table_is_an_asset():
    assert asset_keys() == set(TABLES) | {"parsed_documents", "release"} | PER_DOCUMENT


def test_per_document_assets_are_partitioned_by_document_and_the_rest_is_not():
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        partitions_def = graph.get(key).partitions_def
        if key.to_user_string() in PER_DOCUMENT:
            assert isinstance(partitions_def, dg.DynamicPartitionsDefinition)
            assert partitions_def.name == "documents"
            assert graph.get(key).backfill_policy == dg.BackfillPolicy.single_run()
        else:
            assert partitions_def is None, key


def test_corpus_assets_read_every_document():
    graph = defs.resolve_asset_graph()
    parents = {
        name: {key.to_user_string() for key in graph.get(dg.AssetKey(name)).parent_keys}
        for name in ("documents", "entities")
    }
    assert parents["documents"] == {"document_parse"}
    assert parents["entities"] == {"parsed_documents", "document_extraction"}


def test_sensor_and_schedule():
    assert [s.name for s in defs.sensors] == ["raw_folder_sensor"]
    assert [s.name for s in defs.schedules] == ["daily_release"]
    assert defs.schedules[0].cron_schedule == "0 5 * * *"


def test_every_table_has_a_blocking_check():
    specs = [spec for checks in defs.asset_checks for spec in checks.check_specs]
    assert {spec.asset_key.to_user_string() for spec in specs} == set(TABLES)
    assert all(spec.blocking for spec in specs)


def test_release_depends_on_every_table():
    graph = defs.resolve_asset_graph()
    parents = {key.to_user_string() for key in graph.get(dg.AssetKey("release")).parent_keys}
    assert parents == set(TABLES)


def test_build_job_selects_everything():
    job = defs.resolve_job_def(BUILD_JOB)
    assert {key.to_user_string() for key in job.asset_layer.asset_graph.get_all_asset_keys()} >= set(TABLES)
