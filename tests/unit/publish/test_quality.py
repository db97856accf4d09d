"""quality.json: figures for the release's gold texts only, labelled; no figures when none has gold."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.publish.quality import quality_companion
from tests.unit.publish.test_datapackage import publish_small

ROOT = Path(__file__).resolve().parents[3]


def gold_for_d1(folder: Path) -> Path:
    """Answers for the small release's first document (Kazakhstan and Russia), and for a text it lacks."""
    folder.mkdir()
    answers = {
        "doc_id": "d1",
        "document": {"title": "Title of d1", "authors": ["A. Author", "B. Author"]},
        "entities": [
            {"name": "Kazakhstan", "type": "COUNTRY", "iso3": "KAZ", "aliases": []},
            {"name": "Russia", "type": "COUNTRY", "iso3": "RUS", "aliases": []},
            {"name": "Georgia", "type": "COUNTRY", "iso3": "GEO", "aliases": []},
        ],
        "dates": [],
        "agreements": [],
        "events": [],
        "footnotes": [],
    }
    (folder / "d1.json").write_text(json.dumps(answers), encoding="utf-8")
    other = answers | {"doc_id": "zz", "document": {"title": "Something else entirely", "authors": []}}
    (folder / "zz.json").write_text(json.dumps(other), encoding="utf-8")
    return folder


def test_quality_json_scores_the_release_texts_that_have_gold(tmp_path: Path) -> None:
    release = publish_small(tmp_path / "out", companions=[quality_companion(gold_for_d1(tmp_path / "gold"))])
    quality = json.loads((release / "quality.json").read_text())
    assert quality["texts"] == ["d1"] and quality["gold_texts_not_in_release"] == ["zz"]
    assert "optimistic bound" in quality["measured_on"]
    entities = quality["categories"]["entities.COUNTRY"]  # Kazakhstan and Russia found, Georgia missed
    assert (entities["tp"], entities["fp"], entities["fn"]) == (2, 0, 1)
    assert quality["by_text"]["d1"]["categories"]["entities"]["recall"] == round(2 / 3, 6)
    assert json.loads((release / "manifest.json").read_text())["quality"] == quality


def test_quality_json_of_texts_without_gold_says_so(tmp_path: Path) -> None:
    release = publish_small(tmp_path / "out", companions=[quality_companion(ROOT / "eval" / "gold")])
    quality = json.loads((release / "quality.json").read_text())
    assert quality["texts"] == [] and quality["overall_f1"] is None and "categories" not in quality
    assert quality["note"] == "none of this release's texts has gold answers in gold/: no quality figures"
    assert len(quality["gold_texts_not_in_release"]) == 6


def test_quality_json_without_a_gold_folder(tmp_path: Path) -> None:
    release = publish_small(tmp_path / "out", companions=[quality_companion(tmp_path / "no-gold")])
    quality = json.loads((release / "quality.json").read_text())
    assert quality == {
        "gold_set": None,
        "texts": [],
        "note": "no gold answers in no-gold/",
        "overall_f1": None,
    }
