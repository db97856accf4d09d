"""The build on two worker processes publishes the same tables, byte for byte, as on one."""

import shutil
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.build import execute_build
from pipelines.defs.assets.extract import extract_all
from pipelines.defs.resources import PipelinePaths
from pipelines.extract import corpus
from pipelines.extract.corpus import extract_document
from pipelines.extract.instruments import StoredParses
from pipelines.extract.nlp import load_nlp
from pipelines.parse.document import parse_document
from pipelines.settings import WORKERS_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("raw")
    for seed in sorted((ROOT / "raw").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    make_corpus(3, folder, paragraphs=2)
    (folder / "empty.txt").write_bytes(b"")  # a reject among the documents
    return folder


def tables(raw: Path, outputs: Path, workers: int, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setenv(WORKERS_VARIABLE, str(workers))
    paths = PipelinePaths(raw_dir=str(raw), outputs_dir=str(outputs))
    _, result = execute_build(dg.DagsterInstance.ephemeral(), paths)
    assert result.success
    return {p.name: p.read_bytes() for p in sorted((outputs / "latest").glob("*.parquet"))}


def test_two_workers_publish_the_same_tables_as_one(raw, tmp_path, monkeypatch):
    one = tables(raw, tmp_path / "one", 1, monkeypatch)
    two = tables(raw, tmp_path / "two", 2, monkeypatch)
    assert "mentions.parquet" in one
    assert list(two) == list(one)
    assert [name for name in one if one[name] != two[name]] == []


def parse_of(extraction) -> list[tuple]:
    vocab = load_nlp().vocab
    return [
        (t.text, t.dep_, t.head.i, t.ent_type_, t.ent_id_, t.lemma_)
        for doc in StoredParses({extraction.doc_id: extraction.docbin}, vocab)[extraction.doc_id]
        for t in doc
    ]


def test_a_long_document_parsed_in_pieces_on_two_workers_is_parsed_as_in_one(monkeypatch):
    seed = sorted((ROOT / "raw").glob("*.txt"))[0]
    document = parse_document(seed.name, seed.read_bytes())
    whole = extract_document(document)
    monkeypatch.setattr(corpus, "PIECE_SENTENCES", 64)  # read where pieces are cut: in this process
    assert len(corpus.document_pieces(document)) == -(-len(document.sentences) // 64) > 2
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    (in_pieces,) = extract_all([document])
    assert in_pieces.mentions == whole.mentions and len(whole.mentions) > 50
    assert in_pieces.dates == whole.dates
    assert parse_of(in_pieces) == parse_of(whole)
