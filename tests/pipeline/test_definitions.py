"""The Definitions object holds the assets, checks and job the UI and `pipelines build` rely on."""

import dagster as dg

from pipelines.definitions import BUILD_JOB, defs
from schemas.registry import TABLES


def asset_keys() -> set[str]:
    return {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}


def test_every_published_table_is_an_asset():
    assert asset_keys() == set(TABLES) | {"parsed_documents", "release"}


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
