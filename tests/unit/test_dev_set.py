"""The quality floors of the issues, on the dev set (the seeds and the analyst's answers in eval/gold).

The floors are the issues' own numbers; the release is built with the pure functions, as in
tests/releases.py, and scored with `pipelines evaluate`'s scorer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.evaluate import evaluate_release, format_report
from tests.releases import release_from_raw

ROOT = Path(__file__).resolve().parents[2]
ENTITY_FLOORS = {"PERSON": 0.95, "COUNTRY": 0.95, "ORGANIZATION": 0.85, "LOCATION": 0.90}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    release = release_from_raw(ROOT / "raw", tmp_path_factory.mktemp("dev-set"))
    return evaluate_release(release, ROOT / "eval" / "gold")


@pytest.mark.parametrize(("entity_type", "floor"), sorted(ENTITY_FLOORS.items()))
def test_entity_floor(report, entity_type, floor):
    assert report["entities"]["by_type"][entity_type]["f1"] >= floor, format_report(report)


def test_every_country_has_its_iso3(report):
    iso3 = report["entities"]["iso3"]
    assert iso3["checked"] > 0 and iso3["correct"] == iso3["checked"], iso3


def test_date_floors(report):
    assert report["dates"]["f1"] >= 0.95, format_report(report)
    assert report["dates"]["value_accuracy"]["share"] >= 0.97, report["dates"]


def test_agreement_floors(report):
    """Issue #12's floors on the seeds: agreements >= 0.95; parties as pairs (a wrong party costs
    precision) >= 0.75 with precision >= 0.75."""
    agreements = report["agreements"]
    assert agreements["f1"] >= 0.95, format_report(report)
    assert agreements["right_date"]["share"] >= 0.80, agreements
    pairs = agreements["parties_pairs"]
    assert pairs["f1"] >= 0.75 and pairs["precision"] >= 0.75, format_report(report)


def test_event_floor(report):
    assert report["events"]["f1"] >= 0.93, format_report(report)
