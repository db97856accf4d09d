"""Regression texts: the pure pipeline (parse -> extract -> release) scored against `eval/regression/gold`.

The three articles (`eval/regression/raw`) were written in-house in the seeds' style and format, so they
measure nothing about unseen texts; the floors below are the scores measured when they were added, minus
a small margin, so that a change that breaks extraction on seed-like text fails here. See
`eval/regression/README.md`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.evaluate import evaluate_release, format_report
from tests.releases import release_from_raw

REGRESSION = Path(__file__).resolve().parents[2] / "eval" / "regression"

# measured F1 (2026-11) minus a margin of about 0.03 (0.05 for events, the least stable category)
ENTITY_FLOORS = {"PERSON": 0.95, "ORGANIZATION": 0.93, "COUNTRY": 0.97, "LOCATION": 0.95}
FLOORS = {"entities": 0.96, "dates": 0.96, "agreements": 0.93, "events": 0.72, "footnotes": 0.95}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    release = release_from_raw(REGRESSION / "raw", tmp_path_factory.mktemp("regression-outputs"))
    result = evaluate_release(release, REGRESSION / "gold")
    print(format_report(result))
    return result


@pytest.mark.slow
def test_regression_documents_are_all_found(report):
    docs = report["documents"]
    assert docs["mapped"] == docs["gold"] == 3
    assert docs["titles_ok"] == docs["authors_ok"] == 3


@pytest.mark.slow
@pytest.mark.parametrize(("entity_type", "floor"), sorted(ENTITY_FLOORS.items()))
def test_regression_entity_types_stay_above_floor(report, entity_type, floor):
    assert report["entities"]["by_type"][entity_type]["f1"] >= floor, format_report(report)


@pytest.mark.slow
@pytest.mark.parametrize(("category", "floor"), sorted(FLOORS.items()))
def test_regression_categories_stay_above_floor(report, category, floor):
    assert report[category]["f1"] >= floor, format_report(report)
