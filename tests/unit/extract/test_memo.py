"""Remembered per-document results: a rebuild that reuses them gives the tables of a build from scratch,
and recomputes only the documents whose inputs changed."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from pipelines.extract.corpus import extract_document, extract_facts
from pipelines.extract.memo import DirectoryMemo, digest
from pipelines.parse.document import parse_document
from pipelines.settings import PROJECT_ROOT

REGRESSION = PROJECT_ROOT / "eval" / "regression" / "raw"
STEPS = ("agreements-named", "agreements-read", "events")  # one memo entry per document and step


def parse(name: str, extra: str = ""):
    path = REGRESSION / name
    document = parse_document(path.name, path.read_bytes() + extra.encode())
    assert document.doc_id
    return document


@pytest.fixture(scope="module")
def corpus():
    documents = [parse(p.name) for p in sorted(REGRESSION.glob("*.txt"))]
    return documents, {d.doc_id: extract_document(d) for d in documents}


def assert_same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_directory_memo_computes_once_and_reads_back(tmp_path: Path):
    calls = []

    def compute(missing: list[int]):
        calls.append(missing)
        return [{"value": 40 + i} for i in missing]

    keys = [digest("document", "a"), digest("document", "b")]
    assert DirectoryMemo(tmp_path).get_or_compute_many("step", keys[:1], compute) == [{"value": 40}]
    again = DirectoryMemo(tmp_path)
    # only the position not kept is computed, and the values come back in the keys' order
    assert again.get_or_compute_many("step", keys, compute) == [{"value": 40}, {"value": 41}]
    assert calls == [[0], [1]] and (again.hits, again.misses) == (1, 1)


def test_directory_memo_recomputes_a_torn_entry(tmp_path: Path):
    key = digest("x")
    DirectoryMemo(tmp_path).get_or_compute_many("step", [key], lambda missing: [1])
    (entry,) = tmp_path.rglob("*.pickle")
    entry.write_bytes(pickle.dumps(1)[:3])  # as if the process died mid-write
    memo = DirectoryMemo(tmp_path)
    assert memo.get_or_compute_many("step", [key], lambda missing: [2]) == [2]
    assert memo.misses == 1


def test_prune_drops_what_the_last_run_did_not_use(tmp_path: Path):
    DirectoryMemo(tmp_path).get_or_compute_many("step", [digest("old")], lambda missing: ["old"])
    memo = DirectoryMemo(tmp_path)
    memo.get_or_compute_many("step", [digest("new")], lambda missing: ["new"])
    being_written = tmp_path / "step" / "ab" / "x.tmp"  # by a concurrent run
    being_written.parent.mkdir(parents=True, exist_ok=True)
    being_written.write_bytes(b"")
    assert memo.prune() == 1
    assert [p.stem for p in tmp_path.rglob("*.pickle")] == [digest("new")]
    assert being_written.exists()


def test_rebuild_from_memo_equals_a_build_from_scratch(corpus, tmp_path: Path):
    documents, extractions = corpus
    scratch = extract_facts(documents, extractions)
    first = DirectoryMemo(tmp_path)
    assert_same_tables(extract_facts(documents, extractions, memo=first), scratch)
    assert (first.hits, first.misses) == (0, len(STEPS) * len(documents))
    second = DirectoryMemo(tmp_path)
    assert_same_tables(extract_facts(documents, extractions, memo=second), scratch)
    assert (second.hits, second.misses) == (len(STEPS) * len(documents), 0)
    assert len(scratch["agreements"]) and len(scratch["events"])  # there was something to remember


def test_changing_one_text_recomputes_that_document_only(corpus, tmp_path: Path):
    documents, extractions = corpus
    extract_facts(documents, extractions, memo=DirectoryMemo(tmp_path))
    sentence = "\n\nIn May 2009, Kazakhstan and NATO held a joint exercise, Steppe Eagle, near Almaty.\n"
    changed = parse(documents[0].source_file, sentence)
    documents = [changed, *documents[1:]]
    extractions = {**extractions, changed.doc_id: extract_document(changed)}
    memo = DirectoryMemo(tmp_path)
    tables = extract_facts(documents, extractions, memo=memo)
    assert (memo.misses, memo.hits) == (len(STEPS), len(STEPS) * (len(documents) - 1))
    assert_same_tables(tables, extract_facts(documents, extractions))
    steppe = tables["events"][tables["events"]["doc_id"] == changed.doc_id]
    assert (steppe["date_value"] == "2009-05").any()  # the new sentence's exercise is there


def test_a_new_named_instrument_is_looked_for_in_every_document(corpus, tmp_path: Path):
    """A name first defined in one text is found in the others: their second pass is redone."""
    documents, extractions = corpus
    extract_facts(documents, extractions, memo=DirectoryMemo(tmp_path))
    sentence = "\n\nIn 2009 Kazakhstan and China signed the Agreement on Caspian Pipeline Security.\n"
    changed = parse(documents[-1].source_file, sentence)
    documents = [*documents[:-1], changed]
    extractions = {**extractions, changed.doc_id: extract_document(changed)}
    memo = DirectoryMemo(tmp_path)
    tables = extract_facts(documents, extractions, memo=memo)
    assert_same_tables(tables, extract_facts(documents, extractions))
    assert "Agreement on Caspian Pipeline Security" in set(tables["agreements"]["name"])
    # the changed document's three steps, and every other document's second pass
    assert memo.misses >= len(STEPS) + len(documents) - 1
