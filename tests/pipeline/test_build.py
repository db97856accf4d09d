"""End to end: the whole Dagster asset graph on the two seed texts, into a temporary folder."""

import json
import shutil
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from pipelines.build import execute_build
from pipelines.defs.resources import PipelinePaths

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "raw").glob("*.txt"))

pytestmark = pytest.mark.slow


def build(raw: Path, outputs: Path) -> dg.ExecuteInProcessResult:
    """A fresh instance each time: every document is new, so the run parses and extracts all of them."""
    paths = PipelinePaths(raw_dir=str(raw), outputs_dir=str(outputs))
    _, result = execute_build(dg.DagsterInstance.ephemeral(), paths)
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    (raw / "empty.txt").write_bytes(b"")
    outputs = tmp_path_factory.mktemp("outputs")
    result = build(raw, outputs)
    assert result.success
    return raw, outputs, result


def table(outputs: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(outputs / "latest" / f"{name}.parquet")


def test_documents_titles_and_authors(built):
    _, outputs, _ = built
    documents = table(outputs, "documents").set_index("doc_id")
    assert list(documents.index) == ["000_9180245952a5f4bb", "001_722bec2bc1a1786b"]
    assert documents.loc["000_9180245952a5f4bb", "title"].startswith(
        "KAZAKH-U.S. MILITARY-POLITICAL COOPERATION"
    )
    assert list(documents.loc["000_9180245952a5f4bb", "authors"]) == ["Marat Nurgaliev"]
    assert list(documents.loc["001_722bec2bc1a1786b", "authors"]) == ["Timur Shaymergenov"]
    assert documents.loc["001_722bec2bc1a1786b", "issue"] == "2(50)"
    assert documents.loc["001_722bec2bc1a1786b", "year"] == 2008


def test_footnotes_of_the_first_text(built):
    _, outputs, _ = built
    footnotes = table(outputs, "footnotes")
    first = footnotes[footnotes["doc_id"] == "000_9180245952a5f4bb"].set_index("number")
    assert list(first.index) == list(range(1, 13))
    assert any("interfax.kz" in url for url in first.loc[2, "urls"])


def test_text_is_cleaned(built):
    _, outputs, _ = built
    sentences = table(outputs, "sentences")
    body = sentences[~sentences["in_footnote"]]
    joined = " ".join(body["text"])
    assert "Uzbek-Russian rapprochement" in joined
    assert "No. 2(50), 2008" not in joined
    assert not body["text"].str.contains(r"(?:^|\s)62 ·|_____ 72", regex=True).any()


def test_the_empty_file_is_a_reject(built):
    _, outputs, _ = built
    rejects = table(outputs, "rejects")
    assert list(rejects["source_file"]) == ["empty.txt"]
    assert "empty" in rejects["reason"].iloc[0]


def test_every_check_passed_and_manifest_lists_inputs(built):
    _, outputs, result = built
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) == 12 and all(e.passed for e in evaluations)
    manifest = json.loads((outputs / "latest" / "manifest.json").read_text())
    assert {i["source_file"] for i in manifest["inputs"]} == {s.name for s in SEEDS} | {"empty.txt"}


def test_rebuild_is_byte_identical(built, tmp_path):
    raw, outputs, _ = built
    second = tmp_path / "outputs"
    assert build(raw, second).success
    first_manifest = json.loads((outputs / "latest" / "manifest.json").read_text())
    second_manifest = json.loads((second / "latest" / "manifest.json").read_text())
    for name, facts in first_manifest["tables"].items():
        assert facts["files"] == second_manifest["tables"][name]["files"], name
